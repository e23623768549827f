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
		if len(blocks) > 1 && bl.Label != "" {
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
