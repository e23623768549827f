package knowledge_test

import (
	"context"
	"testing"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

// The benchmarks measure the two paths with performance targets: ingestion with offline
// embeddings (Split, then the terms and the vector of every chunk) and the analysis of a
// question before retrieval (correction, terms and vector). They run on the bundled guides
// and the questions of eval.jsonl, so that the figures are those of real texts.

// benchChunks returns the bundled guides and their chunks.
func benchChunks(b *testing.B) ([]knowledge.Guide, []knowledge.Chunk) {
	b.Helper()
	guides := knowledgetest.Bundled(b)
	var chunks []knowledge.Chunk
	for _, g := range guides {
		chunks = append(chunks, knowledge.Split(g)...)
	}
	return guides, chunks
}

// benchQuestions returns the owner questions of eval.jsonl.
func benchQuestions(b *testing.B) []string {
	b.Helper()
	items, err := knowledgetest.LoadEval(knowledgetest.EvalPath())
	if err != nil {
		b.Fatal(err)
	}
	qs := make([]string, len(items))
	for i, it := range items {
		qs[i] = it.Q
	}
	return qs
}

// reportRate reports how many items a second the benchmark processed, under unit.
func reportRate(b *testing.B, items int, unit string) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(items)/s, unit)
	}
}

// BenchmarkEmbedChunk embeds one chunk per operation, as ingestion does.
func BenchmarkEmbedChunk(b *testing.B) {
	_, chunks := benchChunks(b)
	texts := make([]string, len(chunks))
	for i, c := range chunks {
		texts[i] = c.EmbedText()
	}
	emb := knowledge.NewHashEmbedder()
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if _, err := emb.Embed(ctx, texts[n%len(texts):n%len(texts)+1]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportRate(b, n, "chunks/s")
}

// BenchmarkEmbedQuestion embeds one owner question per operation, as retrieval does.
func BenchmarkEmbedQuestion(b *testing.B) {
	qs := benchQuestions(b)
	emb := knowledge.NewHashEmbedder()
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		if _, err := emb.Embed(ctx, qs[n%len(qs):n%len(qs)+1]); err != nil {
			b.Fatal(err)
		}
		n++
	}
	reportRate(b, n, "questions/s")
}

// BenchmarkTerms analyses the text of one chunk per operation.
func BenchmarkTerms(b *testing.B) {
	_, chunks := benchChunks(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		knowledge.Terms(chunks[n%len(chunks)].Text)
		n++
	}
	reportRate(b, n, "chunks/s")
}

// BenchmarkSplit cuts every bundled guide into chunks (with their terms and hashes) per
// operation.
func BenchmarkSplit(b *testing.B) {
	guides, chunks := benchChunks(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, g := range guides {
			knowledge.Split(g)
		}
		n++
	}
	reportRate(b, n*len(chunks), "chunks/s")
}

// BenchmarkSplitEmbed is the offline ingestion path without the store: every bundled guide
// is split and each of its chunks embedded, per operation.
func BenchmarkSplitEmbed(b *testing.B) {
	guides, chunks := benchChunks(b)
	emb := knowledge.NewHashEmbedder()
	ctx := context.Background()
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for _, g := range guides {
			cs := knowledge.Split(g)
			texts := make([]string, len(cs))
			for i, c := range cs {
				texts[i] = c.EmbedText()
			}
			if _, err := emb.Embed(ctx, texts); err != nil {
				b.Fatal(err)
			}
		}
		n++
	}
	reportRate(b, n*len(chunks), "chunks/s")
}

// BenchmarkAnalyzeQuestion analyses one owner question per operation against the lexicon of
// the bundled corpus, typo correction included.
func BenchmarkAnalyzeQuestion(b *testing.B) {
	ctx := context.Background()
	idx := memory.NewIndex()
	if _, err := knowledge.Ingest(ctx, idx, knowledge.NewHashEmbedder(), knowledgetest.Bundled(b), knowledge.IngestOptions{}); err != nil {
		b.Fatal(err)
	}
	lex, err := idx.Lexicon(ctx)
	if err != nil {
		b.Fatal(err)
	}
	qs := benchQuestions(b)
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		knowledge.Analyze(lex, qs[n%len(qs)])
		n++
	}
	reportRate(b, n, "questions/s")
}
