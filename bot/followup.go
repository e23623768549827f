package bot

import (
	"context"
	"strings"
	"time"

	"github.com/coachbot/coachbot/bot/answer"
	"github.com/coachbot/coachbot/knowledge"
)

// followUpWindow is how long a previous question gives context to a short follow-up.
const followUpWindow = 30 * time.Minute

// followUp turns a short follow-up ("et pour Instagram ?", "combien ça coûte ?") into a
// question that stands alone, using the previous question of the conversation. A follow-up
// that names its own subject keeps it and borrows only what the previous question asked; one
// that names no subject borrows the previous subject.
func (b *Bot) followUp(t *turnCtx, text string) (string, bool) {
	st := t.conv.State
	if st.LastQuestion == "" || t.now.Sub(st.LastAt) > followUpWindow {
		return "", false
	}
	words := knowledge.Words(text)
	if len(words) == 0 || len(words) > 16 {
		return "", false
	}
	opener := words[0] == "et" || words[0] == "pour" || words[0] == "aussi" || words[0] == "meme" ||
		(len(words) > 1 && words[0] == "sur" && words[1] != "")
	subject := knowledge.DomainSignal(text)
	switch {
	case subject && opener && len(words) <= 7:
		// "et pour Instagram ?": the new subject, with what the previous question asked
		return text + " " + strings.Join(aspectWords(st.LastQuestion), " "), true
	case !subject:
		// "combien ça coûte ?", "ils me demandent une vidéo, c'est quoi ?", "je suis
		// auto-entrepreneur, ça me concerne ?": a message that names no digital subject of
		// its own goes on with the previous one
		return st.LastQuestion + " " + text, true
	}
	return "", false
}

// aspectWords are the words of a question that are not its digital subject: "créer une page
// Facebook pour mon salon" gives "créer … salon".
func aspectWords(q string) []string {
	var out []string
	for _, w := range knowledge.Words(q) {
		if knowledge.IsStopWord(w) || knowledge.DomainSignal(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// rewriteTimeout bounds the model's rewriting of a follow-up: past it, the rules decide.
const rewriteTimeout = 4 * time.Second

// rewrite asks the configured Rewriter to make a short follow-up standalone. It is only
// tried with a recent previous question; a failure or an unusable answer leaves the
// question to the built-in rules.
func (b *Bot) rewrite(ctx context.Context, history []string, text string) (string, bool) {
	if b.cfg.Rewriter == nil || len(history) == 0 || len(knowledge.Words(text)) > 12 {
		return "", false
	}
	ctx, cancel := context.WithTimeout(ctx, rewriteTimeout)
	defer cancel()
	q, err := b.cfg.Rewriter.Rewrite(ctx, history, text)
	if err != nil {
		b.log.Warn("follow-up not rewritten by the model", "err", err)
		return "", false
	}
	q = strings.TrimSpace(Sanitize(q))
	if q == "" || len(q) > 400 || strings.Contains(q, "\n") || english(q) {
		b.log.Warn("follow-up rewrite not usable", "len", len(q))
		return "", false
	}
	return q, true
}

// maxRemembered is how many units sent in a conversation are remembered, so that a
// follow-up never gets the same text again.
const maxRemembered = 8

// answerTurn answers an owner's question in its conversation: a follow-up is resolved
// against the previous question and prefers the guide of the previous answer; a message
// asking several things is answered part by part; no unit already sent is sent again.
func (b *Bot) answerTurn(ctx context.Context, t *turnCtx) (Reply, knowledge.Result) {
	m := t.m
	st := &t.conv.State
	recent := st.LastQuestion != "" && t.now.Sub(st.LastAt) <= followUpWindow
	var history []string
	var prefs answer.Prefs
	if recent {
		history = []string{st.LastQuestion}
		prefs.Avoid = st.Sent
	}
	question := m.Text
	var parts []answer.Part
	if q, ok := b.rewrite(ctx, history, m.Text); ok {
		question = q
		parts = []answer.Part{{Text: q, Asked: m.Text, Want: answer.Wants(m.Text) | answer.Wants(q)}}
		prefs.Guide = st.LastGuide
	} else if q, ok := b.followUp(t, m.Text); ok {
		question = q
		parts = []answer.Part{{Text: q, Asked: m.Text, Want: answer.Wants(m.Text)}}
		prefs.Guide = st.LastGuide
	} else {
		parts = answer.Read(b.clip(m.Text))
	}
	r, res, ans := b.answerParts(ctx, m, question, parts, prefs, history)
	st.LastQuestion, st.LastAt = question, t.now
	if r.Outcome == Answered && len(r.Sources) > 0 {
		st.LastGuide = r.Sources[0].GuideID
	}
	if !recent {
		st.Sent = nil
	}
	st.Sent = append(st.Sent, ans.Units...)
	if len(st.Sent) > maxRemembered {
		st.Sent = st.Sent[len(st.Sent)-maxRemembered:]
	}
	return r, res
}
