package knowledge

import (
	"context"
	"fmt"
	"runtime"
	"sync"
	"time"
)

// Catalog is the write side of an Index: what ingestion needs.
type Catalog interface {
	// StoredHashes returns the hash of every stored chunk, true when the chunk already has a
	// vector of the given model.
	StoredHashes(ctx context.Context, model string) (map[string]bool, error)
	// Apply makes the stored corpus exactly Change.Guides and Change.Chunks. A chunk whose
	// hash is already stored keeps its vectors; Change.Vectors holds the new ones, by hash.
	Apply(ctx context.Context, change Change) error
}

// Change is a whole corpus to store, with the vectors that had to be computed.
type Change struct {
	Model   string
	Dim     int
	Guides  []Guide
	Chunks  []Chunk
	Vectors map[string]Vector // by chunk hash
	// Removed counts the stored chunks that are not in Chunks (for the store's information).
	Removed int
}

// IngestReport summarises an ingestion.
type IngestReport struct {
	Guides    int           `json:"guides"`
	Chunks    int           `json:"chunks"`
	Added     int           `json:"added"`     // new chunks (embedded)
	Unchanged int           `json:"unchanged"` // chunks already stored with a vector of this model
	Reembed   int           `json:"reembedded"`
	Removed   int           `json:"removed"`
	Model     string        `json:"model"`
	Dim       int           `json:"dim"`
	Duration  time.Duration `json:"duration_ns"`
}

// IngestOptions tune Ingest.
type IngestOptions struct {
	// BatchSize is the number of texts sent to the embedder at once (default 64).
	BatchSize int
	// Reembed computes every vector again, even for unchanged chunks.
	Reembed bool
	// Progress, if set, is called after each embedded batch.
	Progress func(done, total int)
	// Parallel is the number of batches embedded at once: by default one per CPU for the
	// offline embedder (which computes), one for the others (which call a server).
	Parallel int
}

// Ingest stores guides in cat: chunks are hashed, only new or changed chunks are embedded,
// and chunks that disappeared are removed. Running it twice changes nothing the second time.
func Ingest(ctx context.Context, cat Catalog, emb Embedder, guides []Guide, opts IngestOptions) (IngestReport, error) {
	start := time.Now()
	if opts.BatchSize <= 0 {
		opts.BatchSize = 64
	}
	rep := IngestReport{Guides: len(guides), Model: emb.Model()}
	chunks := splitAll(guides)
	rep.Chunks = len(chunks)
	stored, err := cat.StoredHashes(ctx, emb.Model())
	if err != nil {
		return rep, fmt.Errorf("read stored chunks: %w", err)
	}
	var todo []Chunk
	inNew := make(map[string]bool, len(chunks))
	for _, c := range chunks {
		inNew[c.Hash] = true
		hasVec, ok := stored[c.Hash]
		switch {
		case ok && hasVec && !opts.Reembed:
			rep.Unchanged++
		case ok:
			rep.Reembed++
			todo = append(todo, c)
		default:
			rep.Added++
			todo = append(todo, c)
		}
	}
	for h := range stored {
		if !inNew[h] {
			rep.Removed++
		}
	}
	vectors := make(map[string]Vector, len(todo))
	dim := emb.Dim()
	par := opts.Parallel
	if par <= 0 {
		par = 1
		if _, offline := emb.(*HashEmbedder); offline {
			par = runtime.GOMAXPROCS(0)
		}
	}
	type batch struct {
		start, end int
		vs         []Vector
		err        error
		done       chan struct{}
	}
	var batches []*batch
	for i := 0; i < len(todo); i += opts.BatchSize {
		batches = append(batches, &batch{start: i, end: min(i+opts.BatchSize, len(todo)), done: make(chan struct{})})
	}
	// workers embed batches in any order; results are taken in order
	next := make(chan *batch)
	ectx, cancel := context.WithCancel(ctx)
	defer cancel()
	for range min(par, len(batches)) {
		go func() {
			for b := range next {
				texts := make([]string, 0, b.end-b.start)
				for _, c := range todo[b.start:b.end] {
					texts = append(texts, c.EmbedText())
				}
				b.vs, b.err = emb.Embed(ectx, texts)
				close(b.done)
			}
		}()
	}
	go func() {
		defer close(next)
		for _, b := range batches {
			select {
			case next <- b:
			case <-ectx.Done():
				return
			}
		}
	}()
	for _, b := range batches {
		select {
		case <-b.done:
		case <-ctx.Done():
			return rep, ctx.Err()
		}
		if b.err != nil {
			return rep, fmt.Errorf("embed chunks %d-%d: %w", b.start, b.end, b.err)
		}
		if len(b.vs) != b.end-b.start {
			return rep, fmt.Errorf("embed chunks %d-%d: got %d vectors for %d texts", b.start, b.end, len(b.vs), b.end-b.start)
		}
		for j, v := range b.vs {
			if dim == 0 {
				dim = len(v)
			}
			if len(v) != dim {
				return rep, fmt.Errorf("embed chunks: model %s returned vectors of dimension %d and %d", emb.Model(), dim, len(v))
			}
			vectors[todo[b.start+j].Hash] = v
		}
		if opts.Progress != nil {
			opts.Progress(b.end, len(todo))
		}
	}
	if opts.Progress != nil && len(todo) == 0 {
		opts.Progress(0, 0)
	}
	rep.Dim = dim
	if rep.Added+rep.Reembed+rep.Removed > 0 || len(stored) != len(chunks) || rep.Unchanged == 0 {
		if err := cat.Apply(ctx, Change{Model: emb.Model(), Dim: dim, Guides: guides, Chunks: chunks, Vectors: vectors, Removed: rep.Removed}); err != nil {
			return rep, fmt.Errorf("store chunks: %w", err)
		}
	}
	rep.Duration = time.Since(start)
	return rep, nil
}

// splitAll splits guides into chunks, in order, on every CPU.
func splitAll(guides []Guide) []Chunk {
	parts := make([][]Chunk, len(guides))
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				parts[i] = Split(guides[i])
			}
		}()
	}
	for i := range guides {
		next <- i
	}
	close(next)
	wg.Wait()
	var out []Chunk
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}
