package knowledge_test

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"hash"
	"math"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

// The analysis of the bundled corpus and of the owner questions is pinned by digests of its
// output: the key, hash, ID and terms of every chunk, the terms of every question of
// eval.jsonl, and the offline vectors of both. Stored chunks keep their hash and vectors
// across releases, so a change of this output that does not change AnalyzerVersion (for
// terms and hashes) or OfflineModel (for vectors) would mix two analyses in one index. An
// optimisation must leave the digests as they are; a deliberate change of analysis bumps the
// version it concerns and then updates the digest here. Editing a bundled guide or eval.jsonl
// changes the digests too: update them then, having checked that only that text changed.
func TestAnalysisIdentity(t *testing.T) {
	const (
		wantChunks    = "2d7c7cf729341a28739cd19945d12607777ee4697c3e29a0753d56670b664c56"
		wantQuestions = "32cba48b83029da8e77310dee8af4fd0027cc4fe75022748bd02f8c89aecbb6d"
		wantVectors   = "91581c8e2a88046a0611782c56488c76fd5412110071eb0784e5dd1839e8bc87"
	)
	var chunks []knowledge.Chunk
	for _, g := range knowledgetest.Bundled(t) {
		chunks = append(chunks, knowledge.Split(g)...)
	}
	items, err := knowledgetest.LoadEval(knowledgetest.EvalPath())
	if err != nil {
		t.Fatal(err)
	}
	check := func(t *testing.T, what string, h hash.Hash, want string) {
		t.Helper()
		if got := hex.EncodeToString(h.Sum(nil)); got != want {
			t.Errorf("digest of %s (%s, %s): got %s, want %s", what, knowledge.AnalyzerVersion, knowledge.OfflineModel, got, want)
		}
	}

	t.Run("chunks", func(t *testing.T) {
		h := sha256.New()
		for _, c := range chunks {
			writeString(h, c.Key())
			writeString(h, c.Hash)
			_ = binary.Write(h, binary.LittleEndian, c.ID())
			writeStrings(h, c.Terms)
		}
		check(t, strconv.Itoa(len(chunks))+" bundled chunks", h, wantChunks)
	})

	t.Run("questions", func(t *testing.T) {
		h := sha256.New()
		for _, it := range items {
			writeString(h, it.Q)
			writeStrings(h, knowledge.Terms(it.Q))
		}
		check(t, strconv.Itoa(len(items))+" questions", h, wantQuestions)
	})

	t.Run("vectors", func(t *testing.T) {
		// Elsewhere (arm64) the compiler fuses multiplications and additions into one
		// instruction that rounds once instead of twice: vectors may differ in their last bits.
		if runtime.GOARCH != "amd64" {
			t.Skipf("vectors are pinned on amd64, not %s", runtime.GOARCH)
		}
		emb := knowledge.NewHashEmbedder()
		h := sha256.New()
		for _, c := range chunks {
			writeVector(h, emb.EmbedText(c.EmbedText()))
		}
		for _, it := range items {
			writeVector(h, emb.EmbedText(it.Q))
		}
		check(t, strconv.Itoa(len(chunks))+" chunk and "+strconv.Itoa(len(items))+" question vectors", h, wantVectors)
	})
}

// Analysis caches what it learns about each word and is called from many goroutines at once:
// what it returns must not depend on what the others analyse, even while a flood of new words
// fills the cache and makes it start again.
func TestAnalysisConcurrent(t *testing.T) {
	var texts []string
	for _, g := range knowledgetest.Bundled(t) {
		for _, c := range knowledge.Split(g) {
			texts = append(texts, c.EmbedText())
		}
	}
	items, err := knowledgetest.LoadEval(knowledgetest.EvalPath())
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range items {
		texts = append(texts, it.Q)
	}
	emb := knowledge.NewHashEmbedder()
	analyse := func(text string) analysis {
		return analysis{knowledge.Words(text), knowledge.Terms(text), emb.EmbedText(text), knowledge.DomainSignal(text)}
	}
	want := make([]analysis, len(texts))
	for i, text := range texts {
		want[i] = analyse(text)
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() { // new words, more than the cache holds
		defer wg.Done()
		var b strings.Builder
		for i := 0; i < 40000; i++ {
			b.WriteString(" zx")
			for n := i; n > 0; n /= 26 {
				b.WriteByte(byte('a' + n%26))
			}
			if i%100 == 99 {
				knowledge.Terms(b.String())
				b.Reset()
			}
		}
	}()
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := range texts {
				i := (k + g*len(texts)/4) % len(texts)
				if got := analyse(texts[i]); !sameAnalysis(got, want[i]) {
					t.Errorf("analysis of %q while others run: got %+v, want %+v", texts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

type analysis struct {
	Words  []string
	Terms  []string
	Vector knowledge.Vector
	Domain bool
}

// sameAnalysis reports whether a and b are the same, vectors to the bit.
func sameAnalysis(a, b analysis) bool {
	bits := func(x, y float32) bool { return math.Float32bits(x) == math.Float32bits(y) }
	return slices.Equal(a.Words, b.Words) && slices.Equal(a.Terms, b.Terms) &&
		slices.EqualFunc(a.Vector, b.Vector, bits) && a.Domain == b.Domain
}

// writeString writes s with its length, so that the digest of a list does not depend on how
// its strings could be re-cut.
func writeString(h hash.Hash, s string) {
	_ = binary.Write(h, binary.LittleEndian, uint32(len(s)))
	h.Write([]byte(s))
}

func writeStrings(h hash.Hash, ss []string) {
	_ = binary.Write(h, binary.LittleEndian, uint32(len(ss)))
	for _, s := range ss {
		writeString(h, s)
	}
}

// writeVector writes the exact bits of each component: vectors must be the same to the bit.
func writeVector(h hash.Hash, v knowledge.Vector) {
	_ = binary.Write(h, binary.LittleEndian, uint32(len(v)))
	for _, x := range v {
		_ = binary.Write(h, binary.LittleEndian, math.Float32bits(x))
	}
}
