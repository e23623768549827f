package knowledge_test

import (
	"context"
	"testing"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
	"github.com/coachbot/coachbot/knowledge/synth"
)

// BenchmarkRetrieve is the ranker: hybrid retrieval of owner questions on the bundled guides
// and on a 10k-chunk synthetic corpus, in memory (the embedded default).
func BenchmarkRetrieve(b *testing.B) {
	ctx := context.Background()
	base := knowledgetest.Bundled(b)
	items, err := knowledgetest.LoadEval(knowledgetest.EvalPath())
	if err != nil {
		b.Fatal(err)
	}
	var qs []string
	var sitems []synth.Item
	for _, it := range items {
		if !it.OutOfScope {
			qs = append(qs, it.Q)
			sitems = append(sitems, synth.Item{Q: it.Q, Guide: it.Guide})
		}
	}
	large, _ := synth.Corpus(base, sitems, 10000, 1)
	for _, tc := range []struct {
		name   string
		guides []knowledge.Guide
	}{{"bundled", base}, {"synthetic-10k", large}} {
		idx := memory.NewIndex()
		emb := knowledge.NewHashEmbedder()
		if _, err := knowledge.Ingest(ctx, idx, emb, tc.guides, knowledge.IngestOptions{}); err != nil {
			b.Fatal(err)
		}
		r := knowledge.NewRetriever(idx, emb, knowledge.Options{})
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				if _, err := r.Retrieve(ctx, qs[i%len(qs)]); err != nil {
					b.Fatal(err)
				}
				i++
			}
		})
	}
}

// BenchmarkScoreTerms is the lexical ranking shared by the stores.
func BenchmarkScoreTerms(b *testing.B) {
	var chunks []knowledge.Chunk
	for _, g := range knowledgetest.Bundled(b) {
		chunks = append(chunks, knowledge.Split(g)...)
	}
	byTerm := map[string][]knowledge.Posting{}
	for _, tp := range knowledge.BuildPostings(chunks) {
		byTerm[tp.Term] = tp.Postings
	}
	q := knowledge.TermQuery{Terms: []string{"googl", "fich", "_creer", "avis", "client"}, IDF: []float64{1, 1.2, 0.4, 1.5, 0.8}, AvgLen: 90}
	lists := make([][]knowledge.Posting, len(q.Terms))
	for i, t := range q.Terms {
		lists[i] = byTerm[t]
	}
	b.ReportAllocs()
	for b.Loop() {
		knowledge.ScoreTerms(q, lists, 50)
	}
}
