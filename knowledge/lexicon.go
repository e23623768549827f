package knowledge

import (
	"math"
	"sort"
	"strings"
)

// Stats are the corpus statistics that lexical scoring and typo correction need. Every Index
// provides them; the same data gives the same Stats whatever the store.
type Stats struct {
	Chunks int            // number of chunks
	AvgLen float64        // average number of terms per chunk
	DF     map[string]int // number of chunks containing each term
	// Words are the folded words of the corpus with the number of chunks they appear in.
	Words map[string]int
}

// StatsOf computes the statistics of a set of chunks.
func StatsOf(chunks []Chunk) Stats {
	s := Stats{Chunks: len(chunks), DF: map[string]int{}, Words: map[string]int{}}
	total := 0
	for _, c := range chunks {
		total += len(c.Terms)
		for _, t := range Distinct(c.Terms) {
			s.DF[t]++
		}
		for _, w := range ChunkWords(c) {
			s.Words[w]++
		}
	}
	if len(chunks) > 0 {
		s.AvgLen = float64(total) / float64(len(chunks))
	}
	return s
}

// ChunkWords returns the distinct folded words of a chunk (title, heading, keywords and text)
// that typo correction may correct towards.
func ChunkWords(c Chunk) []string {
	ws := Words(c.EmbedText())
	out := ws[:0]
	seen := make(map[string]bool, len(ws))
	for _, w := range ws {
		if len(w) < 3 || seen[w] || !isAlpha(w) {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return out
}

func isAlpha(w string) bool {
	for i := 0; i < len(w); i++ {
		if w[i] < 'a' || w[i] > 'z' {
			return false
		}
	}
	return true
}

// Distinct returns the distinct strings of ts in order of first appearance.
func Distinct(ts []string) []string {
	seen := make(map[string]bool, len(ts))
	out := make([]string, 0, len(ts))
	for _, t := range ts {
		if !seen[t] {
			seen[t] = true
			out = append(out, t)
		}
	}
	return out
}

// Lexicon answers the questions of lexical scoring: how rare a term is, and which known word
// a misspelt one probably is.
type Lexicon struct {
	stats   Stats
	digital bool
	words   []string
	freq    []int
	deletes map[string][]int32 // SymSpell index: word and its one-letter deletions → words
}

// BM25 parameters shared by every store.
const (
	BM25K1 = 1.2
	BM25B  = 0.75
)

// NewLexicon indexes the statistics. The glossary's words are known words too, so that
// "instagrm" is corrected even when no guide says "instagram".
func NewLexicon(s Stats) *Lexicon {
	l := &Lexicon{stats: s, deletes: make(map[string][]int32, len(s.Words)*8)}
	var domain int
	for t, n := range s.DF {
		if IsDomainConcept(t) {
			domain += n
		}
	}
	l.digital = s.Chunks > 0 && float64(domain) >= float64(s.Chunks)
	known := make(map[string]int, len(s.Words)+512)
	for w, n := range s.Words {
		known[w] = n
	}
	for _, w := range glossaryWords {
		if len(w) >= 3 && isAlpha(w) {
			if _, ok := known[w]; !ok {
				known[w] = 1
			}
		}
	}
	l.words = make([]string, 0, len(known))
	for w := range known {
		l.words = append(l.words, w)
	}
	sort.Strings(l.words) // deterministic corrections
	l.freq = make([]int, len(l.words))
	for i, w := range l.words {
		l.freq[i] = known[w]
		id := int32(i)
		l.deletes[w] = append(l.deletes[w], id)
		if len(w) >= 4 {
			for _, d := range deletions(w) {
				l.deletes[d] = append(l.deletes[d], id)
			}
		}
	}
	return l
}

// Digital reports whether the corpus is about the digital life of businesses (its chunks name
// domain concepts of the glossary, one per chunk on average at least). Only then does a
// question's digital vocabulary count towards judging it in scope.
func (l *Lexicon) Digital() bool { return l.digital }

// Stats returns the statistics the lexicon was built from.
func (l *Lexicon) Stats() Stats { return l.stats }

// IDF is the BM25 inverse document frequency of a term; an unknown term gets the highest value.
func (l *Lexicon) IDF(term string) float64 {
	n := float64(l.stats.Chunks)
	df := float64(l.stats.DF[term])
	return math.Log(1 + (n-df+0.5)/(df+0.5))
}

// Known reports whether a folded word appears in the corpus or the glossary.
func (l *Lexicon) Known(w string) bool {
	ids, ok := l.deletes[w]
	if !ok {
		return false
	}
	for _, id := range ids {
		if l.words[id] == w {
			return true
		}
	}
	return false
}

// Correct returns the known word closest to an unknown folded word: at most one edit away
// (two for words of eight letters or more), the most frequent on a tie. Words under six
// letters are left alone (too many real words are one edit from another: "votes", "notes"),
// as are numbers and known words; a French word the corpus does not use is corrected only for
// a letter left out or added.
func (l *Lexicon) Correct(w string) (string, bool) {
	if len(w) < 6 || !isAlpha(w) || stopWords[w] || l.Known(w) {
		return w, false
	}
	// folded, a feminine past participle is its masculine with an e ("cassée", "cassee"):
	// the masculine the corpus uses, not the nearest other word ("passe")
	for _, end := range []string{"ees", "ee"} {
		if b, ok := strings.CutSuffix(w, end); ok {
			for _, m := range []string{b + "e", b + "es"} {
				if l.Known(m) {
					return m, true
				}
			}
		}
	}
	maxDist := 1
	if len(w) >= 8 {
		maxDist = 2
	}
	best, bestDist, bestFreq := -1, maxDist+1, -1
	var rows [3 * 32]int // osaDistance's rows, for candidates of up to 31 bytes
	consider := func(ids []int32) {
		for _, id := range ids {
			cand := l.words[id]
			if abs(len(cand)-len(w)) > maxDist {
				continue
			}
			d := osaDistanceRows(w, cand, maxDist, rows[:])
			if d > maxDist {
				continue
			}
			if d < bestDist || (d == bestDist && (l.freq[id] > bestFreq || (l.freq[id] == bestFreq && cand < l.words[best]))) {
				best, bestDist, bestFreq = int(id), d, l.freq[id]
			}
		}
	}
	consider(l.deletes[w])
	// the deletions of w (and theirs), as deletions returns them, built in place
	var buf1, buf2 [32]byte
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		d := append(append(buf1[:0], w[:i]...), w[i+1:]...)
		consider(l.deletes[string(d)])
		if maxDist == 2 {
			for j := 0; j < len(d); j++ {
				if j > 0 && d[j] == d[j-1] {
					continue
				}
				dd := append(append(buf2[:0], d[:j]...), d[j+1:]...)
				consider(l.deletes[string(dd)])
			}
		}
	}
	if best < 0 && maxDist == 2 {
		// The deletion index holds one-letter deletions only: a long word missing two letters
		// ("profesionel") is found by scanning the words of about its length.
		// The words are sorted: those starting with w's first letter are a run.
		for id := sort.SearchStrings(l.words, w[:1]); id < len(l.words) && l.words[id][0] == w[0]; id++ {
			if abs(len(l.words[id])-len(w)) <= 2 {
				consider([]int32{int32(id)})
			}
		}
	}
	if best < 0 {
		return w, false
	}
	if c := l.words[best]; isFrenchWord(w) && !(bestDist == 1 && len(c) != len(w) && c[:4] == w[:4]) {
		// a French word the corpus does not use is no typo of its words ("savonnière" is
		// not "saisonnier", "Toulon" not "Toubon"), unless a letter was just left out or
		// added ("status" for "statuts")
		return w, false
	}
	return l.words[best], true
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// deletions returns the distinct strings obtained by removing one byte of w.
func deletions(w string) []string {
	out := make([]string, 0, len(w))
	for i := 0; i < len(w); i++ {
		if i > 0 && w[i] == w[i-1] {
			continue
		}
		out = append(out, w[:i]+w[i+1:])
	}
	return out
}

// osaDistance is the optimal-string-alignment distance (Levenshtein plus adjacent
// transpositions), giving up early above max.
func osaDistance(a, b string, max int) int {
	return osaDistanceRows(a, b, max, nil)
}

// osaDistanceRows is osaDistance computing in rows when it holds 3*(len(b)+1) ints.
func osaDistanceRows(a, b string, max int, rows []int) int {
	la, lb := len(a), len(b)
	if abs(la-lb) > max {
		return max + 1
	}
	if len(rows) < 3*(lb+1) {
		rows = make([]int, 3*(lb+1))
	}
	prev2 := rows[:lb+1]
	prev := rows[lb+1 : 2*(lb+1)]
	cur := rows[2*(lb+1) : 3*(lb+1)]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := prev[j] + 1
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if x := prev[j-1] + cost; x < v {
				v = x
			}
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				if x := prev2[j-2] + 1; x < v {
					v = x
				}
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[lb]
}
