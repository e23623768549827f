package knowledge_test

import (
	"cmp"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/coachbot/coachbot/knowledge"
)

// ScoreTerms keeps the k best chunks by BM25, ties by id: the same as scoring all and sorting.
func TestScoreTermsKeepsTheBest(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for trial := range 50 {
		q := knowledge.TermQuery{Terms: []string{"a", "b", "c"}, IDF: []float64{1.5, 0.3, 2}, AvgLen: 80}
		lists := make([][]knowledge.Posting, 3)
		for i := range lists {
			for range rng.IntN(300) {
				// few distinct chunks and term counts: many ties
				lists[i] = append(lists[i], knowledge.Posting{Chunk: int64(rng.IntN(200)), TF: int32(1 + rng.IntN(3)), N: int32(60 + 10*rng.IntN(3))})
			}
			slices.SortFunc(lists[i], func(a, b knowledge.Posting) int { return cmp.Compare(a.Chunk, b.Chunk) })
			lists[i] = slices.CompactFunc(lists[i], func(a, b knowledge.Posting) bool { return a.Chunk == b.Chunk })
		}
		scores := map[int64]float64{}
		for i, ps := range lists {
			for _, p := range ps {
				scores[p.Chunk] += q.IDF[i] * knowledge.BM25TF(float64(p.TF), float64(p.N), q.AvgLen)
			}
		}
		var all []int64
		for id := range scores {
			all = append(all, id)
		}
		slices.SortFunc(all, func(a, b int64) int {
			if c := cmp.Compare(scores[b], scores[a]); c != 0 {
				return c
			}
			return cmp.Compare(a, b)
		})
		k := 1 + rng.IntN(60)
		want := all[:min(k, len(all))]
		if got := knowledge.ScoreTerms(q, lists, k); !slices.Equal(got, want) {
			t.Fatalf("trial %d, k %d:\n got %v\nwant %v", trial, k, got, want)
		}
	}
}

// Postings are ordered by impact, cut to MaxPostings, and keep the document frequency.
func TestBuildPostings(t *testing.T) {
	var chunks []knowledge.Chunk
	for i := range knowledge.MaxPostings + 50 {
		terms := []string{"commun"}
		if i%2 == 0 {
			terms = append(terms, "commun", "pair") // twice: more weight
		}
		chunks = append(chunks, knowledge.Chunk{GuideID: "g", Ordinal: i, Hash: string(rune('a'+i%26)) + itoa(i), Terms: terms})
	}
	ps := knowledge.BuildPostings(chunks)
	if len(ps) != 2 || ps[0].Term != "commun" || ps[1].Term != "pair" {
		t.Fatalf("terms %+v", ps)
	}
	c := ps[0]
	if c.DF != len(chunks) || len(c.Postings) != knowledge.MaxPostings {
		t.Fatalf("df %d, %d postings", c.DF, len(c.Postings))
	}
	for i := 1; i < len(c.Postings); i++ {
		a, b := c.Postings[i-1], c.Postings[i]
		if ia, ib := knowledge.Impact(a.TF, a.N), knowledge.Impact(b.TF, b.N); ia < ib || (ia == ib && a.Chunk > b.Chunk) {
			t.Fatalf("postings out of order at %d", i)
		}
	}
	if c.Postings[0].TF != 2 {
		t.Error("the chunks where the term weighs most are not first")
	}
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	s := ""
	for ; i > 0; i /= 10 {
		s = string(rune('0'+i%10)) + s
	}
	return s
}
