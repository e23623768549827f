package synth_test

import (
	"testing"

	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
	"github.com/coachbot/coachbot/knowledge/synth"
)

func TestCorpusIsReproducibleAndVaried(t *testing.T) {
	base := knowledgetest.Bundled(t)
	items := []synth.Item{{Q: "comment créer ma fiche google ?", Guide: "creer-fiche-google"}, {Q: "c koi le rgpd", Guide: base[5].ID}}
	a, qa := synth.Corpus(base, items, 2000, 7)
	b, qb := synth.Corpus(base, items, 2000, 7)
	c, _ := synth.Corpus(base, items, 2000, 8)
	n, hashes := 0, map[string]bool{}
	for _, g := range a {
		for _, ch := range knowledge.Split(g) {
			n++
			hashes[ch.Hash] = true
		}
	}
	if n < 2000 || n > 2000+40 {
		t.Errorf("%d chunks for 2000 asked", n)
	}
	if len(hashes) < n*95/100 {
		t.Errorf("only %d distinct chunks of %d", len(hashes), n)
	}
	if len(a) != len(b) || a[100].Body != b[100].Body || qa[0] != qb[0] {
		t.Error("same seed, different corpus")
	}
	if a[100].Body == c[100].Body {
		t.Error("different seeds, same corpus")
	}
	if len(qa) != 2 || qa[0].Base != "creer-fiche-google" || !qa[0].Answers(qa[0].Guide) || qa[0].Answers(base[5].ID+"-00001") {
		t.Errorf("questions %+v", qa)
	}
	ids := map[string]bool{}
	for _, g := range a {
		if ids[g.ID] {
			t.Fatalf("id %s twice", g.ID)
		}
		ids[g.ID] = true
	}
}
