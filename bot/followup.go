package bot

import (
	"context"
	"strings"
	"time"

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
	if len(words) == 0 || len(words) > 7 {
		return "", false
	}
	opener := words[0] == "et" || words[0] == "pour" || words[0] == "aussi" || words[0] == "meme" ||
		(len(words) > 1 && words[0] == "sur" && words[1] != "")
	pronoun := false
	for _, w := range words {
		switch w {
		case "ca", "cela", "ce", "c", "le", "la", "les", "y", "en", "lui", "leur":
			pronoun = true
		}
	}
	subject := knowledge.DomainSignal(text)
	switch {
	case subject && opener:
		// "et pour Instagram ?": the new subject, with what the previous question asked
		return text + " " + strings.Join(aspectWords(st.LastQuestion), " "), true
	case !subject && (opener || pronoun):
		// "combien ça coûte ?": the same subject
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
