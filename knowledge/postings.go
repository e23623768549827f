package knowledge

import (
	"cmp"
	"slices"
)

// MaxPostings is how many chunks of a term a lexical search reads: those where the term
// weighs most. A term found in more chunks than this is a common one, of low IDF, and the
// chunks beyond add little to a ranking that the vector search and the rescoring of every
// candidate complete. It bounds the work of a question whatever the size of the corpus.
const MaxPostings = 1000

// Posting is one chunk that contains a term: the chunk's id, how often the term occurs in it
// and how many terms it has.
type Posting struct {
	Chunk int64
	TF    int32
	N     int32
}

// Impact orders a term's postings: its BM25 weight in the chunk, for a fixed reference length
// rather than the corpus average, so that it does not change when other guides are loaded.
func Impact(tf, n int32) float64 { return BM25TF(float64(tf), float64(n), 100) }

// TermPostings is a term's postings, highest impact first (ties by chunk id), cut to
// MaxPostings, with the term's document frequency.
type TermPostings struct {
	Term     string
	DF       int
	Postings []Posting
}

// BuildPostings builds the postings of every term of chunks, sorted by term.
func BuildPostings(chunks []Chunk) []TermPostings {
	by := map[string][]Posting{}
	tf := map[string]int32{}
	for _, c := range chunks {
		clear(tf)
		for _, t := range c.Terms {
			tf[t]++
		}
		id, n := c.ID(), int32(len(c.Terms))
		for t, k := range tf {
			by[t] = append(by[t], Posting{Chunk: id, TF: k, N: n})
		}
	}
	out := make([]TermPostings, 0, len(by))
	for t, ps := range by {
		slices.SortFunc(ps, func(a, b Posting) int {
			if c := cmp.Compare(Impact(b.TF, b.N), Impact(a.TF, a.N)); c != 0 {
				return c
			}
			return cmp.Compare(a.Chunk, b.Chunk)
		})
		out = append(out, TermPostings{Term: t, DF: len(ps), Postings: ps[:min(len(ps), MaxPostings):min(len(ps), MaxPostings)]})
	}
	slices.SortFunc(out, func(a, b TermPostings) int { return cmp.Compare(a.Term, b.Term) })
	return out
}

// ScoreTerms is the lexical search over postings that every store shares: BM25 of the chunks
// in the postings of the query's terms (postings[i] belongs to q.Terms[i]; nil when the term
// is unknown), the k best, ties by chunk id.
func ScoreTerms(q TermQuery, postings [][]Posting, k int) []int64 {
	if k <= 0 {
		return nil
	}
	n := 0
	for _, ps := range postings {
		n += len(ps)
	}
	scores := make(map[int64]float64, n)
	for i, ps := range postings {
		for _, p := range ps {
			scores[p.Chunk] += q.IDF[i] * BM25TF(float64(p.TF), float64(p.N), q.AvgLen)
		}
	}
	// the k best in a min-heap: the root is the worst kept
	type scored struct {
		id    int64
		score float64
	}
	worse := func(a, b scored) bool { return a.score < b.score || (a.score == b.score && a.id > b.id) }
	h := make([]scored, 0, k)
	down := func(i int) {
		for {
			l, m := 2*i+1, i
			if l < len(h) && worse(h[l], h[m]) {
				m = l
			}
			if r := l + 1; r < len(h) && worse(h[r], h[m]) {
				m = r
			}
			if m == i {
				return
			}
			h[i], h[m] = h[m], h[i]
			i = m
		}
	}
	for id, sc := range scores {
		e := scored{id, sc}
		if len(h) < k {
			h = append(h, e)
			for i := len(h) - 1; i > 0; {
				p := (i - 1) / 2
				if !worse(h[i], h[p]) {
					break
				}
				h[i], h[p] = h[p], h[i]
				i = p
			}
			continue
		}
		if worse(h[0], e) {
			h[0] = e
			down(0)
		}
	}
	slices.SortFunc(h, func(a, b scored) int {
		if c := cmp.Compare(b.score, a.score); c != 0 {
			return c
		}
		return cmp.Compare(a.id, b.id)
	})
	out := make([]int64, len(h))
	for i, e := range h {
		out[i] = e.id
	}
	return out
}
