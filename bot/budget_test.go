package bot

import (
	"strings"
	"testing"

	"github.com/coachbot/coachbot/bot/answer"
	"github.com/coachbot/coachbot/knowledge"
)

// A card is written to be sent whole (at most 900 characters, TestBundledGuides): the
// excerpt of a message's only question never cuts one, so the exception or the last step
// at its end reaches the owner (« sauf les factures, gardées 10 ans »).
func TestCardsAreSentWhole(t *testing.T) {
	guides, _, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	budget := NewExtractive(nil).Budget
	for _, g := range guides {
		for _, c := range knowledge.Split(g) {
			if !c.Card() {
				continue
			}
			if text := strings.TrimSpace(c.Text); answer.Excerpt(text, budget) != text {
				t.Errorf("%s: card %q is cut at a budget of %d", g.ID, c.Heading, budget)
			}
		}
	}
}

// Two questions get two whole cards; three share the total; never less than PartBudget.
func TestBudgetPerPart(t *testing.T) {
	e := NewExtractive(nil)
	for n, want := range map[int]int{1: 900, 2: 900, 3: 600, 5: 560} {
		if got := e.budget(n); got != want {
			t.Errorf("budget(%d) = %d, want %d", n, got, want)
		}
	}
}
