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
		words := len(strings.Fields(g.Body))
		if words < 350 || words > 1100 {
			t.Errorf("%s: body has %d words, want a guide of 350 to 1100", g.ID, words)
		}
		cs := Split(g)
		if len(cs) < 3 {
			t.Errorf("%s: %d chunks, want sections", g.ID, len(cs))
		}
		for _, c := range cs {
			if strings.Contains(c.Text, "**") || strings.Contains(c.Text, "](") || strings.ContainsAny(c.Text, "`") || strings.Contains(c.Text, "</") {
				t.Errorf("%s#%d: markup left in chunk text: %q", g.ID, c.Ordinal, c.Text)
			}
		}
	}
	for _, topic := range Topics {
		if perTopic[topic] < 2 {
			t.Errorf("topic %s has %d guides, want at least 2", topic, perTopic[topic])
		}
	}
}
