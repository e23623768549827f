package knowledge

import (
	"context"
	"math"
)

// Embedder turns texts into vectors. Model names the embedding space: vectors of two models
// are never compared. Dim is the dimension of the vectors it returns (0 until known, for a
// remote model that reports it with its first answer).
type Embedder interface {
	Model() string
	Dim() int
	Embed(ctx context.Context, texts []string) ([]Vector, error)
}

// HashEmbedder is the deterministic offline embedder: it needs no download and no network.
// It hashes the analysed terms of a text (stems and glossary concepts), their bigrams, and the
// character trigrams of its words into a fixed number of signed buckets. Similar wording gives
// similar vectors, and trigrams keep a misspelt word close to the right one.
type HashEmbedder struct {
	dim int
}

// OfflineModel is the model name recorded with vectors of the offline embedder. It changes
// whenever its features change, so that old vectors are re-embedded rather than mixed.
const OfflineModel = "hash-fr-v1"

// OfflineDim is the offline embedder's dimension.
const OfflineDim = 256

// NewHashEmbedder returns the offline embedder.
func NewHashEmbedder() *HashEmbedder { return &HashEmbedder{dim: OfflineDim} }

// Model implements Embedder.
func (e *HashEmbedder) Model() string { return OfflineModel }

// Dim implements Embedder.
func (e *HashEmbedder) Dim() int { return e.dim }

// Embed implements Embedder; it never fails and never blocks.
func (e *HashEmbedder) Embed(_ context.Context, texts []string) ([]Vector, error) {
	out := make([]Vector, len(texts))
	for i, t := range texts {
		out[i] = e.EmbedText(t)
	}
	return out, nil
}

const (
	seedTerm    = 0x9e3779b97f4a7c15
	seedBigram  = 0xc2b2ae3d27d4eb4f
	seedTrigram = 0x165667b19e3779f9
)

func hashString(seed uint64, s string) uint64 {
	h := seed ^ 14695981039346656037
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	// final avalanche so that nearby strings spread over buckets
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

func (e *HashEmbedder) add(v []float32, h uint64, w float32) {
	idx := int(h % uint64(e.dim))
	if h&(1<<63) != 0 {
		w = -w
	}
	v[idx] += w
}

// EmbedText embeds one text.
func (e *HashEmbedder) EmbedText(text string) Vector {
	v := make(Vector, e.dim)
	words := Words(text)
	terms := termsOfWords(words, make([]string, 0, len(words)+8))
	counts := make(map[string]int, len(terms))
	for _, t := range terms {
		counts[t]++
	}
	for t, n := range counts {
		w := float32(1 + math.Log(float64(n)))
		if t[0] == '_' {
			w *= 1.5
		}
		e.add(v, hashString(seedTerm, t), w)
	}
	prev := ""
	for _, t := range terms {
		if t[0] == '_' {
			continue
		}
		if prev != "" {
			e.add(v, hashString(seedBigram, prev+" "+t), 0.5)
		}
		prev = t
	}
	var gram [64]byte
	for _, w := range words {
		if !keepWord(w) || len(w) < 3 {
			continue
		}
		b := append(gram[:0], '^')
		b = append(b, w...)
		b = append(b, '$')
		n := len(b) - 2
		wt := float32(0.6 / math.Sqrt(float64(n)))
		for i := 0; i+3 <= len(b); i++ {
			e.add(v, hashString(seedTrigram, string(b[i:i+3])), wt)
		}
	}
	return Normalize(v)
}
