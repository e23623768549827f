package answer

import (
	"strconv"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// Block is the answer to one part: the text sent and the guide it comes from.
type Block struct {
	// Label introduces the block when a message asked several things: the question the
	// unit answers.
	Label string
	Text  string
	Guide knowledge.GuideHit
	// ShowLabel shows the label even when the block is the only one: its answer starts with
	// a yes or a no the owner's question did not ask for.
	ShowLabel bool
}

// Composed is an answer ready to send: its text with "[n]" citations and its guides, in
// the order of their numbers.
type Composed struct {
	Text   string
	Guides []knowledge.GuideHit
}

// Compose writes blocks one after the other, each ending with the citation of its guide;
// a guide cited twice keeps its number. Labels are written only when there are several
// blocks.
func Compose(blocks []Block) Composed {
	var c Composed
	num := map[string]int{}
	var b strings.Builder
	for i, bl := range blocks {
		n, ok := num[bl.Guide.ID]
		if !ok {
			c.Guides = append(c.Guides, bl.Guide)
			n = len(c.Guides)
			num[bl.Guide.ID] = n
		}
		if i > 0 {
			b.WriteString("\n\n")
		}
		if (len(blocks) > 1 || bl.ShowLabel) && bl.Label != "" {
			b.WriteString(bl.Label)
			b.WriteString("\n")
		}
		b.WriteString(bl.Text)
		b.WriteString(" [")
		b.WriteString(strconv.Itoa(n))
		b.WriteString("]")
	}
	c.Text = b.String()
	return c
}

// Label is the label of a block: the question its unit answers, or the heading of its
// section followed by a colon.
func Label(c knowledge.Chunk) string {
	h := strings.TrimSpace(c.Heading)
	if h == "" {
		return c.Title + " :"
	}
	if i := strings.LastIndex(h, " — "); i >= 0 {
		h = h[i+len(" — "):]
	}
	if strings.HasSuffix(h, "?") {
		return h
	}
	return strings.TrimRight(h, " .:") + " :"
}

// AnswersOtherYesNo reports whether a unit's answer starts with a yes or a no ("Oui, pour
// commencer…") while the owner's question asks for something else ("vous me conseillez quoi
// comme appli ?"): the unit's own question must then be shown, or the yes reads as nonsense.
func AnswersOtherYesNo(text, asked string) bool {
	first := norm(firstWords(text, 2))
	if !strings.HasPrefix(first, " oui ") && !strings.HasPrefix(first, " non ") {
		return false
	}
	return !yesNoQuestion(asked)
}

// yesNoQuestion reports whether an owner's question asks for a yes or a no: no question word
// (comment, combien, quel…) and a question mark or a yes-or-no form ("est-ce que", "faut-il",
// "c'est obligatoire").
func yesNoQuestion(asked string) bool {
	n := norm(asked)
	if containsAny(n, whWords) {
		return false
	}
	return strings.Contains(asked, "?") || containsAny(n, yesNoCues)
}

var (
	whWords = normAll("comment", "cmt", "combien", "quel", "quelle", "quels", "quelles", "pourquoi", "ou",
		"quand", "qui", "que", "quoi", "koi", "lequel", "laquelle", "lesquels", "qu est ce", "conseillez",
		"recommandez")
	yesNoCues = normAll("est ce", "faut il", "dois je", "doit on", "puis je", "peut on", "ai je", "obligatoire",
		"oblige", "vaut le coup", "ca vaut", "c est grave", "c est normal", "c est serieux", "c est utile",
		"je peux", "on peut", "il faut", "je dois")
)

// firstWords returns the first n words of a text.
func firstWords(text string, n int) string {
	f := strings.Fields(text)
	if len(f) > n {
		f = f[:n]
	}
	return strings.Join(f, " ")
}
