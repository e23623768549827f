// Package memory keeps coachbot's stores in memory: the embedded default, which needs no
// database, and the second implementation that the shared store test suites run against.
package memory

import (
	"context"
	"sync"

	"github.com/coachbot/coachbot/knowledge"
)

// Index is the in-memory knowledge index: exact vector search and an inverted index for BM25.
type Index struct {
	mu       sync.RWMutex
	guides   []knowledge.Guide
	chunks   []entry
	byID     map[int64]int
	postings map[string][]knowledge.Posting
	lex      *knowledge.Lexicon
}

type entry struct {
	id      int64
	chunk   knowledge.Chunk
	vectors map[string]knowledge.Vector // by model
}

var (
	_ knowledge.Index   = (*Index)(nil)
	_ knowledge.Catalog = (*Index)(nil)
)

// NewIndex returns an empty index.
func NewIndex() *Index {
	return &Index{postings: map[string][]knowledge.Posting{}, byID: map[int64]int{}}
}

// Lexicon implements knowledge.Index.
func (x *Index) Lexicon(_ context.Context) (*knowledge.Lexicon, error) {
	x.mu.RLock()
	lex := x.lex
	x.mu.RUnlock()
	if lex != nil {
		return lex, nil
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.lex == nil {
		cs := make([]knowledge.Chunk, len(x.chunks))
		for i, e := range x.chunks {
			cs[i] = e.chunk
		}
		x.lex = knowledge.NewLexicon(knowledge.StatsOf(cs))
	}
	return x.lex, nil
}

// Guides returns the stored guides.
func (x *Index) Guides() []knowledge.Guide {
	x.mu.RLock()
	defer x.mu.RUnlock()
	return append([]knowledge.Guide(nil), x.guides...)
}

// SearchVector implements knowledge.Index with an exact scan.
func (x *Index) SearchVector(_ context.Context, model string, q knowledge.Vector, k int) ([]knowledge.Candidate, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	top := newTopK(k)
	for i := range x.chunks {
		v, ok := x.chunks[i].vectors[model]
		if !ok || len(v) != len(q) {
			continue
		}
		top.offer(i, float64(knowledge.Dot(q, v)), x.less)
	}
	return x.candidates(top.sorted(x.less), model), nil
}

// SearchTerms implements knowledge.Index with BM25 over the inverted index.
func (x *Index) SearchTerms(_ context.Context, q knowledge.TermQuery, k int) ([]knowledge.Candidate, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	lists := make([][]knowledge.Posting, len(q.Terms))
	for i, t := range q.Terms {
		lists[i] = x.postings[t]
	}
	ids := knowledge.ScoreTerms(q, lists, k)
	idx := make([]int, len(ids))
	for i, id := range ids {
		idx[i] = x.byID[id]
	}
	return x.candidates(idx, q.Model), nil
}

// less orders chunks with equal scores by id, as the PostgreSQL index does.
func (x *Index) less(a, b int) bool {
	return x.chunks[a].id < x.chunks[b].id
}

func (x *Index) candidates(ids []int, model string) []knowledge.Candidate {
	out := make([]knowledge.Candidate, len(ids))
	for i, id := range ids {
		e := x.chunks[id]
		out[i] = knowledge.Candidate{Chunk: e.chunk}
		if model != "" {
			out[i].Vector = e.vectors[model]
		}
	}
	return out
}

// GuideChunks implements knowledge.Index.
func (x *Index) GuideChunks(_ context.Context, guideID, model string) ([]knowledge.Candidate, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	var ids []int
	for i, e := range x.chunks {
		if e.chunk.GuideID == guideID {
			ids = append(ids, i)
		}
	}
	return x.candidates(ids, model), nil
}

// StoredHashes implements knowledge.Catalog.
func (x *Index) StoredHashes(_ context.Context, model string) (map[string]bool, error) {
	x.mu.RLock()
	defer x.mu.RUnlock()
	out := make(map[string]bool, len(x.chunks))
	for _, e := range x.chunks {
		_, ok := e.vectors[model]
		out[e.chunk.Hash] = ok
	}
	return out, nil
}

// Apply implements knowledge.Catalog.
func (x *Index) Apply(_ context.Context, ch knowledge.Change) error {
	x.mu.Lock()
	defer x.mu.Unlock()
	old := make(map[string]map[string]knowledge.Vector, len(x.chunks))
	for _, e := range x.chunks {
		old[e.chunk.Hash] = e.vectors
	}
	chunks := make([]entry, len(ch.Chunks))
	byID := make(map[int64]int, len(ch.Chunks))
	for i, c := range ch.Chunks {
		vecs := map[string]knowledge.Vector{}
		for m, v := range old[c.Hash] {
			vecs[m] = v
		}
		if v, ok := ch.Vectors[c.Hash]; ok {
			vecs[ch.Model] = v
		}
		chunks[i] = entry{id: c.ID(), chunk: c, vectors: vecs}
		byID[c.ID()] = i
	}
	postings := map[string][]knowledge.Posting{}
	for _, tp := range knowledge.BuildPostings(ch.Chunks) {
		postings[tp.Term] = tp.Postings
	}
	x.guides = append([]knowledge.Guide(nil), ch.Guides...)
	x.chunks = chunks
	x.byID = byID
	x.postings = postings
	x.lex = nil
	return nil
}

// topK keeps the k best (score, id) pairs.
type topK struct {
	k      int
	ids    []int
	scores []float64
}

func newTopK(k int) *topK { return &topK{k: k} }

func (t *topK) better(i, j int, less func(a, b int) bool) bool {
	if t.scores[i] != t.scores[j] {
		return t.scores[i] > t.scores[j]
	}
	return less(t.ids[i], t.ids[j])
}

func (t *topK) offer(id int, score float64, less func(a, b int) bool) {
	if t.k <= 0 {
		return
	}
	if n := len(t.ids); n == t.k && (score < t.scores[n-1] || (score == t.scores[n-1] && !less(id, t.ids[n-1]))) {
		return // not better than the k-th
	}
	t.ids = append(t.ids, id)
	t.scores = append(t.scores, score)
	// insertion into a sorted slice: k is small
	for i := len(t.ids) - 1; i > 0 && t.better(i, i-1, less); i-- {
		t.ids[i], t.ids[i-1] = t.ids[i-1], t.ids[i]
		t.scores[i], t.scores[i-1] = t.scores[i-1], t.scores[i]
	}
	if len(t.ids) > t.k {
		t.ids = t.ids[:t.k]
		t.scores = t.scores[:t.k]
	}
}

func (t *topK) sorted(less func(a, b int) bool) []int { return t.ids }
