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
// similar vectors, and trigrams keep a misspelt word close to the right one. A text gives
// the same vector, to the bit, on every call.
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

// fnvOffset and fnvPrime are those of 64-bit FNV-1a, on which the feature hashes are built.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashString(seed uint64, s string) uint64 {
	h := seed ^ fnvOffset
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return avalanche(h)
}

// avalanche is the final mix of a feature hash, so that nearby strings spread over buckets.
func avalanche(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

// hashBigram is hashString(seedBigram, a+" "+b), without building the string.
func hashBigram(a, b string) uint64 {
	h := uint64(seedBigram ^ fnvOffset)
	for i := 0; i < len(a); i++ {
		h ^= uint64(a[i])
		h *= fnvPrime
	}
	h ^= ' '
	h *= fnvPrime
	for i := 0; i < len(b); i++ {
		h ^= uint64(b[i])
		h *= fnvPrime
	}
	return avalanche(h)
}

// hashTrigram is hashString(seedTrigram, string([]byte{a, b, c})).
func hashTrigram(a, b, c byte) uint64 {
	h := uint64(seedTrigram ^ fnvOffset)
	h ^= uint64(a)
	h *= fnvPrime
	h ^= uint64(b)
	h *= fnvPrime
	h ^= uint64(c)
	h *= fnvPrime
	return avalanche(h)
}

// bucket returns the component of a feature hash and the sign of its weight.
func (e *HashEmbedder) bucket(h uint64) (idx int, neg bool) {
	if d := uint64(e.dim); d&(d-1) == 0 {
		return int(h & (d - 1)), h&(1<<63) != 0 // h % d, without a division
	}
	return int(h % uint64(e.dim)), h&(1<<63) != 0
}

func (e *HashEmbedder) add(v []float32, h uint64, w float32) {
	idx, neg := e.bucket(h)
	if neg {
		w = -w
	}
	v[idx] += w
}

// EmbedText embeds one text.
func (e *HashEmbedder) EmbedText(text string) Vector {
	v := make(Vector, e.dim)
	s := getScratch()
	defer putScratch(s)
	raw := appendInfos(s.raw[:0], text, s)
	s.raw = raw
	s.terms, s.hashes = appendTerms(s.terms[:0], s.hashes[:0], true, s.expand(raw))
	terms, hashes := s.terms, s.hashes

	// Each distinct term once, weighted by its count, in order of first appearance: the
	// order of the additions fixes the rounding of the vector.
	s.countTerms()
	for k, i := range s.first {
		t := terms[i]
		n := s.counts[k]
		w := float32(1)
		if n > 1 {
			w = float32(1 + math.Log(float64(n)))
		}
		if t[0] == '_' {
			w *= 1.5
		}
		e.add(v, hashes[i], w)
	}
	prev := ""
	for _, t := range terms {
		if t[0] == '_' {
			continue
		}
		if prev != "" {
			e.add(v, hashBigram(prev, t), 0.5)
		}
		prev = t
	}
	// Character trigrams of the words as written, abbreviations of one word written out up
	// to the first abbreviation of a phrase (as termsOfWords leaves them).
	expand := true
	for _, wi := range raw {
		if wi.expand != nil {
			if wi.phrase {
				expand = false
			} else if expand {
				wi = wi.expand[0]
			}
		}
		if !wi.keep || len(wi.word) < 3 {
			continue
		}
		wt := wi.gramWeight
		if e.dim == OfflineDim {
			for _, g := range wi.grams {
				if g&(1<<15) != 0 {
					v[g&(1<<15-1)] -= wt
				} else {
					v[g] += wt
				}
			}
			continue
		}
		forTrigrams(wi.word, func(h uint64) { e.add(v, h, wt) })
	}
	return Normalize(v)
}

// forTrigrams calls f with the hash of each character trigram of "^" + w + "$", in order.
// w has three bytes at least.
func forTrigrams(w string, f func(h uint64)) {
	f(hashTrigram('^', w[0], w[1]))
	for i := 0; i+3 <= len(w); i++ {
		f(hashTrigram(w[i], w[i+1], w[i+2]))
	}
	f(hashTrigram(w[len(w)-2], w[len(w)-1], '$'))
}

// countTerms fills s.first and s.counts with the distinct terms of s.terms in order of first
// appearance and their number of occurrences, using s.hashes to find them.
func (s *scratch) countTerms() {
	terms, hashes := s.terms, s.hashes
	size := 16
	for size < 2*len(terms) {
		size *= 2
	}
	if cap(s.table) < size {
		s.table = make([]int32, size)
	} else {
		s.table = s.table[:size]
		clear(s.table)
	}
	mask := uint64(size - 1)
	s.first, s.counts = s.first[:0], s.counts[:0]
	for i, t := range terms {
		for j := hashes[i] & mask; ; j = (j + 1) & mask {
			k := s.table[j]
			if k == 0 {
				s.first = append(s.first, int32(i))
				s.counts = append(s.counts, 1)
				s.table[j] = int32(len(s.first))
				break
			}
			if f := s.first[k-1]; hashes[f] == hashes[i] && terms[f] == t {
				s.counts[k-1]++
				break
			}
		}
	}
}
