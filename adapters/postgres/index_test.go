package postgres_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

func TestIndexSuite(t *testing.T) {
	knowledgetest.RunIndexSuite(t, func(t *testing.T) knowledgetest.Store {
		return postgres.NewIndex(pgtest.Open(t))
	})
}

// The embedded default and PostgreSQL must rank the same data the same way.
func TestSameRankingAsMemory(t *testing.T) {
	ctx := context.Background()
	emb := knowledge.NewHashEmbedder()
	guides := knowledgetest.Bundled(t)
	mem := memory.NewIndex()
	pg := postgres.NewIndex(pgtest.Open(t))
	for _, s := range []knowledgetest.Store{mem, pg} {
		if _, err := knowledge.Ingest(ctx, s, emb, guides, knowledge.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	items, err := knowledgetest.LoadEval(knowledgetest.EvalPath())
	if err != nil {
		t.Fatal(err)
	}
	rm := knowledge.NewRetriever(mem, emb, knowledge.Options{})
	rp := knowledge.NewRetriever(pg, emb, knowledge.Options{})
	differ := 0
	for _, it := range items {
		a, err := rm.Retrieve(ctx, it.Q)
		if err != nil {
			t.Fatal(err)
		}
		b, err := rp.Retrieve(ctx, it.Q)
		if err != nil {
			t.Fatal(err)
		}
		if ga, gb := ranking(a, 5), ranking(b, 5); ga != gb {
			differ++
			t.Errorf("%q:\n memory   %s\n postgres %s", it.Q, ga, gb)
		}
		if a.InScope != b.InScope || fmt.Sprintf("%.6f", a.Confidence) != fmt.Sprintf("%.6f", b.Confidence) {
			t.Errorf("%q: memory in-scope %v confidence %.6f, postgres %v %.6f", it.Q, a.InScope, a.Confidence, b.InScope, b.Confidence)
		}
	}
	t.Logf("%d questions, %d rankings differ", len(items), differ)
}

func ranking(r knowledge.Result, n int) string {
	s := ""
	for i, p := range r.Passages {
		if i == n {
			break
		}
		s += fmt.Sprintf("%s#%d(%.6f) ", p.Chunk.GuideID, p.Chunk.Ordinal, p.Score)
	}
	return s
}
