package bot_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

// scriptedModel stands for a language model: its answers come from a function of the
// request, and it records what it was asked.
type scriptedModel struct {
	mu       sync.Mutex
	answer   func(bot.AnswerRequest) (bot.Answer, error)
	rewrite  func(history []string, q string) (string, error)
	summary  func(bot.Case) (string, error)
	requests []bot.AnswerRequest
	rewrites [][]string
}

func (s *scriptedModel) Answer(_ context.Context, req bot.AnswerRequest) (bot.Answer, error) {
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.mu.Unlock()
	return s.answer(req)
}

func (s *scriptedModel) Rewrite(_ context.Context, history []string, q string) (string, error) {
	s.mu.Lock()
	s.rewrites = append(s.rewrites, append(append([]string(nil), history...), q))
	s.mu.Unlock()
	return s.rewrite(history, q)
}

func (s *scriptedModel) Summarize(_ context.Context, c bot.Case) (string, error) { return s.summary(c) }

// firstSentence is the first sentence of a passage, which a faithful model may restate.
func firstSentence(text string) string {
	if i := strings.IndexAny(text, ".!?"); i > 0 {
		return strings.TrimSpace(text[:i+1])
	}
	return strings.TrimSpace(text)
}

// faithful answers with the first sentence of the first passage, citing it.
func faithful(req bot.AnswerRequest) (bot.Answer, error) {
	s := firstSentence(req.Passages[0].Chunk.Text)
	return bot.Answer{Text: strings.TrimSuffix(s, ".") + " [1].", Grounded: true, Tokens: 321}, nil
}

func TestModelAnswerIsUsedWithTheGuidesItCites(t *testing.T) {
	m := &scriptedModel{answer: faithful}
	w := newWorld(t, func(c *bot.Config) { c.Answerer = m })
	r := w.say(marie, "comment creer ma fiche google")
	expect(t, r, bot.Answered, "[1]")
	req := m.requests[0]
	if len(req.Passages) == 0 || len(req.Passages) > 6 {
		t.Fatalf("model given %d passages", len(req.Passages))
	}
	if !strings.HasPrefix(r.Text, firstSentence(req.Passages[0].Chunk.Text)[:20]) {
		t.Errorf("model text not used: %q", r.Text)
	}
	if len(r.Sources) != 1 || r.Sources[0].GuideID != req.Passages[0].Chunk.GuideID {
		t.Errorf("sources are not the cited guide only: %+v", r.Sources)
	}
	if r.Tokens != 321 {
		t.Errorf("tokens %d, want 321", r.Tokens)
	}
	turns, err := w.store.RecentTurns(context.Background(), bot.ConvKey{Channel: marie.Channel, ChatID: marie.ChatID}, 5)
	if err != nil || len(turns) == 0 || turns[len(turns)-1].Tokens != 321 {
		t.Errorf("tokens not recorded with the turn: %+v %v", turns, err)
	}
}

func TestModelFailuresFallBackToTheExtractiveAnswer(t *testing.T) {
	ref := newWorld(t).say(marie, "comment creer ma fiche google")
	for _, tc := range []struct {
		name   string
		answer func(bot.AnswerRequest) (bot.Answer, error)
		why    string
	}{
		{"error", func(bot.AnswerRequest) (bot.Answer, error) { return bot.Answer{}, errors.New("chat completion: 503") }, "model error"},
		{"empty", func(bot.AnswerRequest) (bot.Answer, error) { return bot.Answer{Grounded: true, Text: " "}, nil }, "empty"},
		{"no citation", func(r bot.AnswerRequest) (bot.Answer, error) {
			return bot.Answer{Grounded: true, Text: firstSentence(r.Passages[0].Chunk.Text)}, nil
		}, "citation"},
		{"citation out of range", func(r bot.AnswerRequest) (bot.Answer, error) {
			return bot.Answer{Grounded: true, Text: strings.TrimSuffix(firstSentence(r.Passages[0].Chunk.Text), ".") + " [9]."}, nil
		}, "citation"},
		{"too long", func(r bot.AnswerRequest) (bot.Answer, error) {
			return bot.Answer{Grounded: true, Text: strings.Repeat(firstSentence(r.Passages[0].Chunk.Text)+" [1] ", 40)}, nil
		}, "too long"},
		{"english", func(bot.AnswerRequest) (bot.Answer, error) {
			return bot.Answer{Grounded: true, Text: "Sure! Here is what you should do with your Google profile, and this is the answer [1]."}, nil
		}, "French"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var reasons []string
			m := &scriptedModel{answer: tc.answer}
			w := newWorld(t, func(c *bot.Config) {
				c.Answerer = m
				c.OnFallback = func(_, why string) { reasons = append(reasons, why) }
			})
			r := w.say(marie, "comment creer ma fiche google")
			if r.Text != ref.Text || r.Outcome != bot.Answered {
				t.Errorf("not the extractive answer:\n%s\nwant\n%s", r.Text, ref.Text)
			}
			if len(reasons) != 1 || !strings.Contains(reasons[0], tc.why) {
				t.Errorf("fallback reasons %q, want one about %q", reasons, tc.why)
			}
		})
	}
}

func TestModelMayAskForACoach(t *testing.T) {
	m := &scriptedModel{answer: func(r bot.AnswerRequest) (bot.Answer, error) {
		a, _ := faithful(r)
		a.WantsCoach, a.WantsCoachReason = true, "cas particulier"
		return a, nil
	}}
	w := newWorld(t, func(c *bot.Config) { c.Answerer = m })
	r := w.say(marie, "comment creer ma fiche google")
	if r.Outcome != bot.Answered || !r.Escalate || r.EscalationReason != bot.ReasonLowConfidence || !strings.Contains(r.Text, "coach") {
		t.Errorf("the model's request for a coach did not add the offer: %+v", r)
	}
	// the policy decides: no case is opened before the owner asks
	if cases, _ := w.store.ListCases(context.Background()); len(cases) != 0 {
		t.Errorf("a case was opened without the owner: %+v", cases)
	}
}

func TestModelRewritesFollowUps(t *testing.T) {
	m := &scriptedModel{answer: faithful, rewrite: func(h []string, q string) (string, error) {
		return "Comment créer un compte Instagram professionnel pour mon salon ?", nil
	}}
	w := newWorld(t, func(c *bot.Config) { c.Answerer, c.Rewriter = m, m })
	w.say(marie, "comment creer une page facebook pour mon salon")
	r := w.say(marie, "et pour insta ?")
	expect(t, r, bot.Answered)
	if len(m.rewrites) != 1 || m.rewrites[0][0] != "comment creer une page facebook pour mon salon" {
		t.Fatalf("rewriter not given the previous question: %q", m.rewrites)
	}
	if len(r.Sources) == 0 || r.Sources[0].GuideID != "instagram-professionnel" {
		t.Errorf("rewritten follow-up not answered about Instagram: %+v", r.Sources)
	}
	last := m.requests[len(m.requests)-1]
	if !strings.Contains(last.Question, "Instagram professionnel") || len(last.History) != 1 {
		t.Errorf("answerer got %q with history %q", last.Question, last.History)
	}

	// a rewriter that fails leaves the question to the built-in rules
	m.rewrite = func([]string, string) (string, error) { return "", errors.New("timeout") }
	w.say(marie, "comment creer une page facebook pour mon salon")
	r = w.say(marie, "et pour instagram ?")
	if len(r.Sources) == 0 || r.Sources[0].GuideID != "instagram-professionnel" {
		t.Errorf("rules not used after a rewriter failure: %+v", r.Sources)
	}
	// a first question is not sent to the rewriter
	n := len(m.rewrites)
	newWorld(t, func(c *bot.Config) { c.Answerer, c.Rewriter = m, m }).say(marie, "et pour instagram ?")
	if len(m.rewrites) != n {
		t.Error("rewriter called without a previous question")
	}
}

func TestModelSummaryOfACaseIsCleaned(t *testing.T) {
	calls := 0
	m := &scriptedModel{answer: faithful, summary: func(c bot.Case) (string, error) {
		calls++
		return "Fleuriste qui veut une fiche Google ; voir https://evil.example.com et @everyone.", nil
	}}
	w := newWorld(t, func(c *bot.Config) { c.Answerer, c.Summarizer = m, m })
	w.say(marie, "comment creer ma fiche google")
	w.say(marie, "je voudrais parler a un coach")
	w.say(marie, "fleuriste")
	w.say(marie, "75011")
	notes := w.notes.To(bot.ConvKey{Channel: bot.ChannelTerminal, ChatID: bot.DemoCoachUserID})
	if len(notes) == 0 {
		t.Fatal("coach not notified")
	}
	text := notes[0].Reply.Text
	if !strings.Contains(text, "En bref (résumé automatique) : Fleuriste qui veut une fiche Google") {
		t.Errorf("summary missing: %s", text)
	}
	if strings.Contains(text, "evil.example.com") || strings.Contains(text, "@everyone") {
		t.Errorf("summary not cleaned: %s", text)
	}
	if !strings.Contains(text, "- Questions posées :") {
		t.Errorf("the facts of the case are no longer there: %s", text)
	}
	// a failing summarizer leaves the case as it was
	m.summary = func(bot.Case) (string, error) { return "", errors.New("down") }
	w2 := newWorld(t, func(c *bot.Config) { c.Summarizer = m })
	w2.say(marie, "je voudrais parler a un coach")
	w2.say(marie, "fleuriste")
	w2.say(marie, "75011")
	if notes := w2.notes.To(bot.ConvKey{Channel: bot.ChannelTerminal, ChatID: bot.DemoCoachUserID}); len(notes) == 0 || strings.Contains(notes[0].Reply.Text, "En bref") {
		t.Errorf("case not sent without the summary: %+v", notes)
	}
}

// A model that writes only what the passages say, the way a model paraphrases (two sentences
// of each of the first two documents, cited, in a list), must get through the guards: a
// guard that refuses faithful answers would silently turn the model off.
func TestFaithfulAnswersGetThroughTheGuards(t *testing.T) {
	items, err := knowledgetest.LoadEval(knowledgetest.EvalPath())
	if err != nil {
		t.Fatal(err)
	}
	m := &scriptedModel{answer: func(req bot.AnswerRequest) (bot.Answer, error) {
		var b strings.Builder
		b.WriteString("Voici l'essentiel :\n")
		for i, p := range req.Passages[:min(2, len(req.Passages))] {
			text := strings.ReplaceAll(p.Chunk.Text, "\n", " ")
			parts := strings.SplitAfter(text, ". ")
			for _, s := range parts[:min(2, len(parts))] {
				s = strings.TrimSuffix(strings.TrimSpace(s), ".")
				fmt.Fprintf(&b, "- %s [%d].\n", s, i+1)
			}
		}
		return bot.Answer{Text: b.String(), Grounded: true}, nil
	}}
	var refused []string
	w := newWorld(t, func(c *bot.Config) {
		c.Answerer = m
		c.OnFallback = func(_, why string) { refused = append(refused, why) }
	})
	asked, trimmed, written, lost := 0, 0, 0, 0
	for i, it := range items {
		if it.OutOfScope {
			continue
		}
		before := len(m.requests)
		r := w.say(bot.Message{Channel: bot.ChannelTelegram, ChatID: fmt.Sprint("f", i), UserID: fmt.Sprint("f", i), Text: it.Q}, it.Q)
		if len(m.requests) == before {
			continue
		}
		asked++
		want, _ := m.answer(m.requests[len(m.requests)-1])
		n, got := strings.Count(want.Text, "\n- "), strings.Count(r.Text, "\n- ")
		written += n
		if got < n && strings.HasPrefix(r.Text, "Voici") {
			trimmed++
			lost += n - got
		}
	}
	rate := float64(len(refused)) / float64(asked)
	t.Logf("%d faithful answers: %d refused (%.1f%%) %v; %d lost %d of their %d sentences", asked, len(refused), 100*rate, first(refused, 5), trimmed, lost, written)
	if asked < 100 || rate > 0.05 || float64(lost) > 0.05*float64(written) {
		t.Errorf("the guards refuse or cut faithful answers")
	}
}

func first(xs []string, n int) []string { return xs[:min(n, len(xs))] }
