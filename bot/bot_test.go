package bot_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge"
)

// ask sends one message in a conversation of its own.
func ask(b *bot.Bot, text string) bot.Reply {
	return b.Handle(context.Background(), bot.Message{Channel: bot.ChannelTerminal, ChatID: "t-" + text, UserID: "u", UserName: "Marie Curie", Text: text})
}

func TestRouting(t *testing.T) {
	b := newBundledBot(t)
	tests := []struct {
		text    string
		outcome bot.Outcome
		has     string
	}{
		{"/start", bot.Command, "Bonjour Marie"},
		{"/start", bot.Command, "/mesdonnees"},
		{"/aide", bot.Command, "/coach"},
		{"/inconnue", bot.Command, "Je ne connais pas la commande /inconnue"},
		{"", bot.Clarify, "Je n'ai pas reçu de texte"},
		{"   \n ", bot.Clarify, "Je n'ai pas reçu de texte"},
		{"bonjour", bot.OutOfScope, "Quelle est votre question"},
		{"merci !", bot.OutOfScope, "Avec plaisir"},
		{"t'es un robot ?", bot.OutOfScope, "assistant automatique"},
		{"comment ?", bot.Clarify, "préciser"},
		{"/question", bot.Clarify, "préciser"},
		{"quelle est la recette de la blanquette de veau ?", bot.OutOfScope, "Je ne peux pas vous aider sur ce sujet"},
		{"qui a gagné le match de foot hier soir", bot.OutOfScope, "Je ne peux pas vous aider sur ce sujet"},
		{"Comment créer ma fiche Google ?", bot.Answered, "[1]"},
		{"/question comment creer ma fiche google", bot.Answered, "[1]"},
	}
	for _, tt := range tests {
		r := ask(b, tt.text)
		if r.Outcome != tt.outcome || !strings.Contains(r.Text, tt.has) {
			t.Errorf("%q: got %s %q, want %s containing %q", tt.text, r.Outcome, r.Text, tt.outcome, tt.has)
		}
		if r.Outcome != bot.Answered && len(r.Sources) > 0 {
			t.Errorf("%q: %s reply has sources %v", tt.text, r.Outcome, r.Sources)
		}
	}
}

func TestAnswerCitesOnlyTheGuidesItQuotes(t *testing.T) {
	b := newBundledBot(t)
	for _, q := range []string{
		"Comment créer ma fiche Google ?",
		"combien coute un site vitrine",
		"c koi le rgpd",
		"jai recu un sms bizarre qui me demande mes codes bancaires",
		"facture electronique c quand pour moi ?",
	} {
		r := ask(b, q)
		if r.Outcome != bot.Answered {
			t.Errorf("%q: got %s, want answered", q, r.Outcome)
			continue
		}
		if len(r.Sources) == 0 || len(r.Sources) > 3 {
			t.Errorf("%q: %d sources, want 1 to 3", q, len(r.Sources))
		}
		for i, s := range r.Sources {
			if !strings.Contains(r.Text, "["+string(rune('1'+i))+"]") {
				t.Errorf("%q: source %d (%s) is not cited in the answer", q, i+1, s.GuideID)
			}
			if s.Title == "" || s.URL == "" || s.Topic == "" {
				t.Errorf("%q: incomplete source %+v", q, s)
			}
		}
		if strings.Contains(r.Text, "["+string(rune('1'+len(r.Sources)))+"]") {
			t.Errorf("%q: the answer cites a source that is not listed", q)
		}
		if n := len([]rune(r.Text)); n > 1600 {
			t.Errorf("%q: answer of %d characters, want a short answer", q, n)
		}
		if len(r.Buttons) == 0 {
			t.Errorf("%q: no buttons after an answer", q)
		}
	}
}

func TestAnswerPicksTheSectionTheQuestionAsksFor(t *testing.T) {
	b := newBundledBot(t)
	tests := []struct{ q, want string }{
		{"Comment créer ma fiche Google ?", "1. "},
		{"combien coute un site vitrine", "€"},
		{"facture electronique c quand pour moi ?", "2027"},
	}
	for _, tt := range tests {
		if r := ask(b, tt.q); !strings.Contains(r.Text, tt.want) {
			t.Errorf("%q: answer lacks %q:\n%s", tt.q, tt.want, r.Text)
		}
	}
}

func TestLongMessageIsAnsweredFromItsStart(t *testing.T) {
	b := newBundledBot(t)
	text := "Comment créer ma fiche Google ? " + strings.Repeat("blabla ", 20000)
	r := ask(b, text)
	if r.Outcome != bot.Answered || !strings.Contains(r.Text, "très long") {
		t.Errorf("got %s %q", r.Outcome, r.Text)
	}
}

type failingRetriever struct{ err error }

func (f failingRetriever) Retrieve(context.Context, string) (knowledge.Result, error) {
	return knowledge.Result{}, f.err
}

func TestRetrievalFailureIsAPoliteError(t *testing.T) {
	for _, err := range []error{errors.New("connection refused"), knowledge.ErrEmptyIndex} {
		b, e := bot.New(bot.Config{Retriever: failingRetriever{err}, Store: memory.NewStore()})
		if e != nil {
			t.Fatal(e)
		}
		r := ask(b, "comment créer mon site ?")
		if r.Outcome != bot.Error || r.Text == "" || strings.Contains(r.Text, err.Error()) {
			t.Errorf("%v: got %s %q, want a French error without internals", err, r.Outcome, r.Text)
		}
	}
}

func TestLowConfidenceOffersACoach(t *testing.T) {
	b := newBundledBot(t)
	r := ask(b, "mon logiciel de caisse plante quand j'imprime les tickets en mode hors ligne, que faire ?")
	if r.Outcome == bot.Answered && r.Confidence < 0.4 {
		if !r.Escalate || r.EscalationReason != "low_confidence" || !strings.Contains(r.Text, "coach") {
			t.Errorf("low confidence (%.2f) without the offer of a coach: %+v", r.Confidence, r)
		}
	}
	hi := ask(b, "Comment créer ma fiche Google ?")
	if hi.Escalate {
		t.Errorf("a well-covered question offers a coach (confidence %.2f)", hi.Confidence)
	}
}
