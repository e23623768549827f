package knowledge

import (
	"strings"
	"testing"
)

// The bundled guides are the product's content: each must be complete and valid, the
// taxonomy must be covered (two guides per topic at least), and each must split into chunks.
func TestBundledGuides(t *testing.T) {
	guides, probs, err := Bundled()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range probs {
		t.Errorf("%v", p)
	}
	if len(guides) < 40 {
		t.Errorf("got %d bundled guides, want at least 40", len(guides))
	}
	perTopic := map[string]int{}
	for _, g := range guides {
		for _, p := range g.Check() {
			t.Errorf("%v", p)
		}
		perTopic[g.Topic]++
		body, _, _ := strings.Cut(g.Body, "\n## Questions fréquentes")
		words := len(strings.Fields(body))
		if words < 350 || words > 1100 {
			t.Errorf("%s: body has %d words before its cards, want a guide of 350 to 1100", g.ID, words)
		}
		cs := Split(g)
		if len(cs) < 3 {
			t.Errorf("%s: %d chunks, want sections", g.ID, len(cs))
		}
		cards := 0
		for _, c := range cs {
			if strings.Contains(c.Text, "**") || strings.Contains(c.Text, "](") || strings.ContainsAny(c.Text, "`") || strings.Contains(c.Text, "</") {
				t.Errorf("%s#%d: markup left in chunk text: %q", g.ID, c.Ordinal, c.Text)
			}
			if !c.Card() {
				continue
			}
			cards++
			checkCard(t, g.ID, c)
		}
		if cards < 5 {
			t.Errorf("%s: %d question cards, want at least 5", g.ID, cards)
		}
	}
	for _, topic := range Topics {
		if perTopic[topic] < 2 {
			t.Errorf("topic %s has %d guides, want at least 2", topic, perTopic[topic])
		}
	}
}

// checkCard checks what makes a card an answer that can be sent whole: a question, several
// formulations, a short self-contained text, and lists whose announced count is kept.
func checkCard(t *testing.T, guide string, c Chunk) {
	t.Helper()
	if !strings.HasSuffix(c.Heading, "?") {
		t.Errorf("%s: card %q: its heading is not a question", guide, c.Heading)
	}
	if len(c.Asks) < 3 {
		t.Errorf("%s: card %q: %d formulations, want at least 3", guide, c.Heading, len(c.Asks))
	}
	if n := len([]rune(c.Text)); n > 900 {
		t.Errorf("%s: card %q: %d characters, want at most 900", guide, c.Heading, n)
	}
	first := strings.ToLower(Fold(c.Text))
	for _, d := range []string{"elle ", "il ", "ci-dessus", "voir plus haut", "comme indique"} {
		if strings.HasPrefix(first, d) {
			t.Errorf("%s: card %q starts with %q: it must name its subject", guide, c.Heading, d)
		}
	}
	if want, got, ok := announcedCount(c.Text); ok && want != got {
		t.Errorf("%s: card %q announces %d items and lists %d", guide, c.Heading, want, got)
	}
}

var countWords = map[string]int{"deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8}

// announcedCount finds a sentence ending with ":" that announces a number of items ("trois
// cas :", "En cinq étapes :") and counts the items of the list that follows it.
func announcedCount(text string) (want, got int, ok bool) {
	blocks := strings.Split(text, "\n\n")
	for i, b := range blocks {
		if !strings.HasSuffix(strings.TrimSpace(b), ":") || i+1 >= len(blocks) {
			continue
		}
		sentences := strings.Split(b, ". ")
		lead := Fold(strings.ToLower(sentences[len(sentences)-1]))
		for w, n := range countWords {
			if strings.Contains(" "+lead, " "+w+" ") {
				items := strings.Split(strings.TrimSpace(blocks[i+1]), "\n")
				return n, len(items), true
			}
		}
	}
	return 0, 0, false
}
