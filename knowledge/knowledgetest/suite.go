package knowledgetest

import (
	"context"
	"math"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/knowledge"
)

// Store is what a knowledge store implements.
type Store interface {
	knowledge.Index
	knowledge.Catalog
}

// Floors are the retrieval figures each question set must reach on every store, set a little
// under what was measured (see docs/retrieval.md) so that a regression fails. eval.jsonl is
// the set retrieval was tuned on; holdout.jsonl was written separately to check the tuning.
var Floors = map[string]EvalReport{
	"eval.jsonl":    {Recall1: 0.84, Recall3: 0.95, MRR: 0.89, TopicTop3: 0.96, InScopeKept: 0.97, OOSCaught: 0.93},
	"holdout.jsonl": {Recall1: 0.77, Recall3: 0.94, MRR: 0.86, TopicTop3: 0.96, InScopeKept: 0.95, OOSCaught: 0.875},
}

// EvalPath is the evaluation set shipped with the repository.
func EvalPath() string { return SetPath("eval.jsonl") }

// SetPath is the path of a question set in knowledge/testdata.
func SetPath(name string) string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "testdata", name)
}

// Bundled loads the bundled guides or fails the test.
func Bundled(t testing.TB) []knowledge.Guide {
	t.Helper()
	gs, probs, err := knowledge.Bundled()
	if err != nil {
		t.Fatal(err)
	}
	if err := knowledge.FatalProblems(probs); err != nil {
		t.Fatal(err)
	}
	return gs
}

// RunIndexSuite runs the tests every knowledge store must pass. open returns a new, empty store.
func RunIndexSuite(t *testing.T, open func(t *testing.T) Store) {
	ctx := context.Background()
	emb := knowledge.NewHashEmbedder()

	t.Run("IngestIsIdempotent", func(t *testing.T) {
		s := open(t)
		guides := Bundled(t)
		first, err := knowledge.Ingest(ctx, s, emb, guides, knowledge.IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if first.Added != first.Chunks || first.Unchanged != 0 || first.Chunks == 0 {
			t.Errorf("first ingestion: got added %d unchanged %d of %d chunks, want all added", first.Added, first.Unchanged, first.Chunks)
		}
		second, err := knowledge.Ingest(ctx, s, emb, guides, knowledge.IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if second.Added != 0 || second.Removed != 0 || second.Reembed != 0 || second.Unchanged != first.Chunks {
			t.Errorf("second ingestion: got %+v, want everything unchanged", second)
		}
		lex, err := s.Lexicon(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var all []knowledge.Chunk
		for _, g := range guides {
			all = append(all, knowledge.Split(g)...)
		}
		want := knowledge.StatsOf(all)
		got := lex.Stats()
		if got.Chunks != want.Chunks || math.Abs(got.AvgLen-want.AvgLen) > 1e-9 || len(got.DF) != len(want.DF) || len(got.Words) != len(want.Words) {
			t.Errorf("stats: got %d chunks avg %.6f %d terms %d words, want %d avg %.6f %d terms %d words",
				got.Chunks, got.AvgLen, len(got.DF), len(got.Words), want.Chunks, want.AvgLen, len(want.DF), len(want.Words))
		}
		for term, n := range want.DF {
			if got.DF[term] != n {
				t.Errorf("df(%s): got %d want %d", term, got.DF[term], n)
				break
			}
		}
	})

	t.Run("IngestReembedsOnlyWhatChanged", func(t *testing.T) {
		s := open(t)
		guides := Bundled(t)[:6]
		if _, err := knowledge.Ingest(ctx, s, emb, guides, knowledge.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		removed := len(knowledge.Split(guides[5]))
		changed := append([]knowledge.Guide(nil), guides[:5]...)
		g := changed[0]
		parts := strings.SplitN(g.Body, "\n## ", 3)
		if len(parts) < 3 {
			t.Fatalf("guide %s has too few sections", g.ID)
		}
		g.Body = parts[0] + "\n## " + parts[1] + " Une phrase ajoutée pour le test.\n\n## " + parts[2]
		changed[0] = g
		rep, err := knowledge.Ingest(ctx, s, emb, changed, knowledge.IngestOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if rep.Added != 1 || rep.Removed != removed+1 {
			t.Errorf("got added %d removed %d, want 1 added and %d removed", rep.Added, rep.Removed, removed+1)
		}
		res, err := knowledge.NewRetriever(s, emb, knowledge.Options{}).Retrieve(ctx, guides[5].Title)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Guides {
			if h.ID == guides[5].ID {
				t.Errorf("removed guide %s is still found", h.ID)
			}
		}
		if rep, err = knowledge.Ingest(ctx, s, emb, changed, knowledge.IngestOptions{Reembed: true}); err != nil {
			t.Fatal(err)
		}
		if rep.Reembed != rep.Chunks || rep.Added != 0 {
			t.Errorf("--reembed: got %+v, want every chunk embedded again", rep)
		}
	})

	t.Run("SearchTermsRanksByBM25", func(t *testing.T) {
		s := open(t)
		if _, err := knowledge.Ingest(ctx, s, emb, Bundled(t), knowledge.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		lex, err := s.Lexicon(ctx)
		if err != nil {
			t.Fatal(err)
		}
		q := knowledge.Analyze(lex, "créer ma fiche d'établissement Google")
		tq := knowledge.TermQuery{Terms: q.Terms, AvgLen: lex.Stats().AvgLen}
		for _, term := range q.Terms {
			tq.IDF = append(tq.IDF, lex.IDF(term))
		}
		hits, err := s.SearchTerms(ctx, tq, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 10 {
			t.Fatalf("got %d hits, want 10", len(hits))
		}
		if hits[0].Chunk.GuideID != "creer-fiche-google" {
			t.Errorf("best chunk from %s, want creer-fiche-google", hits[0].Chunk.GuideID)
		}
		prev := math.Inf(1)
		for _, h := range hits {
			sc := tq.BM25(h.Chunk.Terms)
			if sc > prev+1e-9 {
				t.Errorf("hits not in BM25 order: %.6f after %.6f", sc, prev)
			}
			prev = sc
			if h.Chunk.Title == "" || h.Chunk.URL == "" || len(h.Chunk.Terms) == 0 {
				t.Errorf("hit %s lacks guide fields or terms", h.Chunk.Key())
			}
		}
	})

	t.Run("SearchVectorNeverMixesModels", func(t *testing.T) {
		s := open(t)
		guides := Bundled(t)[:4]
		if _, err := knowledge.Ingest(ctx, s, emb, guides, knowledge.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		other := &smallEmbedder{}
		if _, err := knowledge.Ingest(ctx, s, other, guides, knowledge.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		c := knowledge.Split(guides[2])[1]
		q := emb.EmbedText(c.EmbedText())
		hits, err := s.SearchVector(ctx, emb.Model(), q, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 || hits[0].Chunk.Hash != c.Hash {
			t.Fatalf("nearest chunk is not the chunk itself")
		}
		if cos := knowledge.Dot(q, hits[0].Vector); cos < 0.999 {
			t.Errorf("cosine with itself: got %.4f, want 1", cos)
		}
		for _, h := range hits {
			if len(h.Vector) != emb.Dim() {
				t.Errorf("got a vector of dimension %d from a search of model %s", len(h.Vector), emb.Model())
			}
		}
		small, err := s.SearchVector(ctx, other.Model(), other.EmbedText(c.EmbedText()), 3)
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range small {
			if len(h.Vector) != other.Dim() {
				t.Errorf("model %s search returned a vector of dimension %d", other.Model(), len(h.Vector))
			}
		}
		none, err := s.SearchVector(ctx, "never-ingested-model", q, 3)
		if err != nil {
			t.Fatal(err)
		}
		if len(none) != 0 {
			t.Errorf("a model with no vectors returned %d hits", len(none))
		}
	})

	t.Run("Evaluation", func(t *testing.T) {
		s := open(t)
		if _, err := knowledge.Ingest(ctx, s, emb, Bundled(t), knowledge.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		for _, set := range []string{"eval.jsonl", "holdout.jsonl"} {
			items, err := LoadEval(SetPath(set))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Evaluate(ctx, knowledge.NewRetriever(s, emb, knowledge.Options{}), items)
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("%s: %s", set, rep)
			CheckFloors(t, set, rep)
		}
	})
}

// CheckFloors fails the test for each figure of a set under its floor.
func CheckFloors(t testing.TB, set string, rep EvalReport) {
	t.Helper()
	f := Floors[set]
	check := func(name string, got, floor float64) {
		if got < floor {
			t.Errorf("%s %s: got %.3f, want at least %.3f", set, name, got, floor)
		}
	}
	check("recall@1", rep.Recall1, f.Recall1)
	check("recall@3", rep.Recall3, f.Recall3)
	check("MRR", rep.MRR, f.MRR)
	check("topic in top 3", rep.TopicTop3, f.TopicTop3)
	check("in-scope recognised", rep.InScopeKept, f.InScopeKept)
	check("out-of-scope recognised", rep.OOSCaught, f.OOSCaught)
}

// smallEmbedder is a second, tiny model: it folds the offline vectors into 8 dimensions.
type smallEmbedder struct{}

func (smallEmbedder) Model() string { return "test-small-8" }
func (smallEmbedder) Dim() int      { return 8 }
func (e smallEmbedder) Embed(_ context.Context, texts []string) ([]knowledge.Vector, error) {
	out := make([]knowledge.Vector, len(texts))
	for i, t := range texts {
		out[i] = e.EmbedText(t)
	}
	return out, nil
}
func (smallEmbedder) EmbedText(t string) knowledge.Vector {
	big := knowledge.NewHashEmbedder().EmbedText(t)
	v := make(knowledge.Vector, 8)
	for i, x := range big {
		v[i%8] += x
	}
	return knowledge.Normalize(v)
}
