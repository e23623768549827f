package knowledge

import (
	"math"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kljensen/snowball/french"
)

// AnalyzerVersion changes whenever analysis changes the terms of a text; it is part of each
// chunk's hash, so that a new analyzer re-indexes the corpus instead of mixing two analyses.
const AnalyzerVersion = "fr-1"

// wordInfo is what analysis and embedding need to know about a folded word. It is computed
// once per word and shared between goroutines, so it is never modified.
type wordInfo struct {
	word     string
	stem     string
	termHash uint64 // hashString(seedTerm, stem)
	keep     bool   // keepWord(word)
	gloss    []glossaryEntry
	// expand holds the words an abbreviation stands for; phrase is true when they are several.
	expand []*wordInfo
	phrase bool
	// gramWeight is the weight of each character trigram of the word in an offline vector,
	// and grams its features for OfflineDim: component | negative<<15, in order.
	gramWeight float32
	grams      []uint16
}

func newWordInfo(w string) *wordInfo {
	wi := &wordInfo{word: w, stem: stem(w), keep: keepWord(w)}
	wi.termHash = hashString(seedTerm, wi.stem)
	wi.gloss = glossary[wi.stem]
	wi.gramWeight = float32(0.6 / math.Sqrt(float64(len(w))))
	if len(w) >= 3 && wi.keep {
		wi.grams = make([]uint16, 0, len(w))
		forTrigrams(w, func(h uint64) {
			g := uint16(h % OfflineDim)
			if h&(1<<63) != 0 {
				g |= 1 << 15
			}
			wi.grams = append(wi.grams, g)
		})
	}
	if full, ok := abbreviations[w]; ok {
		for _, f := range strings.Fields(full) {
			wi.expand = append(wi.expand, newWordInfo(f))
		}
		wi.phrase = strings.IndexByte(full, ' ') >= 0
	}
	return wi
}

// wordInfos caches the analysis of the words seen: the Snowball stemmer allocates on every
// call, and a corpus and its questions use a small vocabulary over and over.
var wordInfos wordCache

const (
	wordCacheMax    = 1 << 15 // entries; the cache starts again empty when it is full
	wordCacheMaxLen = 64      // bytes: longer words are analysed on every use
)

// wordCache maps folded words to their wordInfo. Lookups read an immutable map without
// locking; new words go to a map guarded by mu, merged into a new read map once they have
// been looked up often enough to pay for the copy.
type wordCache struct {
	read   atomic.Pointer[map[string]*wordInfo]
	mu     sync.Mutex
	dirty  map[string]*wordInfo // words not in read
	misses int                  // lookups that needed mu since read was last replaced
}

// lookupBytes returns the wordInfo of w, which it does not keep.
func (c *wordCache) lookupBytes(w []byte) *wordInfo {
	if m := c.read.Load(); m != nil {
		if wi, ok := (*m)[string(w)]; ok {
			return wi
		}
	}
	if len(w) > wordCacheMaxLen {
		return newWordInfo(string(w))
	}
	c.mu.Lock()
	wi, ok := c.dirty[string(w)]
	if ok {
		c.misses++
		c.promote()
	}
	c.mu.Unlock()
	if ok {
		return wi
	}
	return c.add(string(w))
}

// lookup returns the wordInfo of w.
func (c *wordCache) lookup(w string) *wordInfo {
	if m := c.read.Load(); m != nil {
		if wi, ok := (*m)[w]; ok {
			return wi
		}
	}
	if len(w) > wordCacheMaxLen {
		return newWordInfo(w)
	}
	c.mu.Lock()
	wi, ok := c.dirty[w]
	if ok {
		c.misses++
		c.promote()
	}
	c.mu.Unlock()
	if ok {
		return wi
	}
	return c.add(strings.Clone(w))
}

// add analyses a new word and caches it.
func (c *wordCache) add(w string) *wordInfo {
	wi := newWordInfo(w) // outside the lock: stemming is the slow part
	c.mu.Lock()
	defer c.mu.Unlock()
	var read map[string]*wordInfo
	if m := c.read.Load(); m != nil {
		read = *m
	}
	if x, ok := read[w]; ok {
		return x // added meanwhile
	}
	if x, ok := c.dirty[w]; ok {
		return x
	}
	if len(read)+len(c.dirty) >= wordCacheMax {
		c.read.Store(nil)
		c.dirty = nil
		c.misses = 0
	}
	if c.dirty == nil {
		c.dirty = make(map[string]*wordInfo)
	}
	c.dirty[w] = wi
	c.misses++
	c.promote()
	return wi
}

// promote merges dirty into a new read map once the lookups that needed the lock outweigh a
// quarter of the copy, so that copying costs a few map insertions per new word at most.
// c.mu must be held.
func (c *wordCache) promote() {
	var read map[string]*wordInfo
	if m := c.read.Load(); m != nil {
		read = *m
	}
	if 4*c.misses < len(read)+len(c.dirty) {
		return
	}
	merged := make(map[string]*wordInfo, len(read)+len(c.dirty))
	for w, wi := range read {
		merged[w] = wi
	}
	for w, wi := range c.dirty {
		merged[w] = wi
	}
	c.read.Store(&merged)
	c.dirty = nil
	c.misses = 0
}

// scratch holds the buffers of one analysis, reused through scratchPool.
type scratch struct {
	word     []byte      // the word being read
	bytes    []byte      // what chunkHash hashes
	raw      []*wordInfo // the words of the text
	expanded []*wordInfo // the same with abbreviations written out
	terms    []string
	hashes   []uint64
	table    []int32 // open addressing: 1 + index in first, or 0
	first    []int32 // index in terms of each distinct term, in order of first appearance
	counts   []int32 // occurrences of each distinct term
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

func getScratch() *scratch { return scratchPool.Get().(*scratch) }

// scratchMax is the capacity above which buffers are not kept, so that one huge text does
// not hold memory for good. (Kept buffers may point to words the cache has let go of; the
// pool itself lets go of them within two garbage collections.)
const scratchMax = 1 << 14

func putScratch(s *scratch) {
	if cap(s.raw) > scratchMax || cap(s.expanded) > scratchMax || cap(s.terms) > scratchMax ||
		cap(s.table) > 4*scratchMax || cap(s.bytes) > 16*scratchMax {
		return
	}
	s.raw, s.expanded, s.terms = s.raw[:0], s.expanded[:0], s.terms[:0]
	scratchPool.Put(s)
}

// expand returns words with abbreviations written out ("asso" → "association", "ag" →
// "assemblee generale"): words itself when it has none.
func (s *scratch) expand(words []*wordInfo) []*wordInfo {
	for i, wi := range words {
		if wi.expand == nil {
			continue
		}
		out := append(s.expanded[:0], words[:i]...)
		for _, wi := range words[i:] {
			if wi.expand != nil {
				out = append(out, wi.expand...)
			} else {
				out = append(out, wi)
			}
		}
		s.expanded = out
		return out
	}
	return words
}

// Stem returns the Snowball French stem of a folded word. Numbers and concept terms are kept
// as they are.
func Stem(w string) string {
	if len(w) == 0 || w[0] == '_' || (w[0] >= '0' && w[0] <= '9') {
		return w
	}
	return wordInfos.lookup(w).stem
}

// stem is Stem without the word cache.
func stem(w string) string {
	if len(w) == 0 || w[0] == '_' || (w[0] >= '0' && w[0] <= '9') {
		return w
	}
	return stemIn(w, dictionary())
}

// stemIn is stem with the dictionary given.
func stemIn(w string, dict map[string]struct{}) string {
	st := french.Stem(masculine(w, dict), true)
	if n := len(st); n > 3 && st[n-2:] == "os" {
		// Snowball keeps the s of a plural after an o: "photos", "vidéos", "euros",
		// "promos" would not meet "photo", "vidéo", "euro", "promo"
		st = st[:n-1]
	}
	return st
}

// masculine returns the masculine form of a feminine noun that Snowball would not bring to the
// masculine's stem, when the dictionary knows that form: "serveuse" and "coiffeuse" meet
// "serveur" and "coiffeur" (Snowball makes them "serveux"), "créatrice" meets "créateur".
// Other words are returned as they are ("heureuse" has no "heureur"). Feminines in -ère are
// left to Snowball, which brings "boulangère" to "boulangerie" and "régulière" to
// "régulièrement".
func masculine(w string, dict map[string]struct{}) string {
	n := len(w)
	if n < 7 {
		return w
	}
	base := w
	if base[n-1] == 's' {
		base = base[:n-1]
	}
	var m string
	switch {
	case strings.HasSuffix(base, "euse"):
		m = base[:len(base)-4] + "eur"
	case strings.HasSuffix(base, "trice"):
		m = base[:len(base)-4] + "eur"
	default:
		return w
	}
	if _, ok := dict[m]; !ok {
		return w
	}
	return m
}

// Terms analyses text into index terms: the concept terms of glossary phrases found in it,
// then the stems of its words that are not stop words, in order of appearance.
func Terms(text string) []string {
	s := getScratch()
	defer putScratch(s)
	s.raw = appendInfos(s.raw[:0], text, s)
	s.terms, _ = appendTerms(s.terms[:0], nil, false, s.expand(s.raw))
	if len(s.terms) == 0 {
		return nil
	}
	return append([]string(nil), s.terms...)
}

// termsOfWords turns folded words into terms, appending to out: for each word, the concepts
// of the glossary phrases starting at it, then its stem unless it is a stop word. Words that
// abbreviate one word are replaced by it in words, up to the first that abbreviates a phrase.
func termsOfWords(words []string, out []string) []string {
	s := getScratch()
	defer putScratch(s)
	for _, w := range words {
		s.raw = append(s.raw, wordInfos.lookup(w))
	}
	for i, wi := range s.raw {
		if wi.expand == nil {
			continue
		}
		if wi.phrase {
			break
		}
		words[i] = wi.expand[0].word
	}
	out, _ = appendTerms(out, nil, false, s.expand(s.raw))
	return out
}

// appendTerms appends the terms of words, abbreviations written out, to out: for each word,
// the concepts of the glossary phrases starting at it, then its stem unless it is a stop word.
// When withHashes is set, the hash of each term (hashString(seedTerm, term)) is appended to
// hashes.
func appendTerms(out []string, hashes []uint64, withHashes bool, words []*wordInfo) ([]string, []uint64) {
	for i, wi := range words {
		if es := wi.gloss; es != nil {
			var seen [4]string
			n := 0
		entries:
			for k := range es {
				e := &es[k]
				if i+len(e.words) > len(words) {
					continue
				}
				for j := 1; j < len(e.words); j++ {
					if words[i+j].stem != e.words[j] {
						continue entries
					}
				}
				if e.exact != "" && !exactAt(words, i, e.exactWords) {
					continue
				}
				for k := 0; k < n; k++ {
					if seen[k] == e.concept {
						continue entries
					}
				}
				out = append(out, e.concept)
				if withHashes {
					hashes = append(hashes, e.conceptHash)
				}
				if n < len(seen) {
					seen[n] = e.concept
					n++
				}
			}
		}
		if wi.keep && !onceThat(words, i) {
			out = append(out, wi.stem)
			if withHashes {
				hashes = append(hashes, wi.termHash)
			}
		}
	}
	return out, hashes
}

// onceThat reports whether words[i] is the "fois" of "une fois que", "une fois le site
// fait": a conjunction of time, not a number of times ("payer en trois fois").
func onceThat(words []*wordInfo, i int) bool {
	return words[i].word == "fois" && i > 0 && words[i-1].word == "une" && i+1 < len(words) && onceNext[words[i+1].word]
}

var onceNext = map[string]bool{"que": true, "qu": true, "le": true, "la": true, "les": true, "l": true,
	"mon": true, "ma": true, "mes": true, "votre": true, "vos": true, "ce": true, "cette": true, "ces": true,
	"son": true, "sa": true, "ses": true, "notre": true, "nos": true, "leur": true, "leurs": true}

// abbreviations are everyday shortenings, written out before analysis.
var abbreviations = map[string]string{
	"asso": "association", "assos": "associations", "fede": "federation", "compta": "comptabilite",
	"admin": "administration", "prez": "president", "presi": "president", "treso": "tresorier",
	"dispo": "disponible", "info": "information", "infos": "informations", "pb": "probleme",
	"pbs": "problemes", "tel": "telephone", "ordi": "ordinateur", "ordis": "ordinateurs",
	"resto": "restaurant", "restau": "restaurant", "restos": "restaurants", "pro": "professionnel",
	"pros": "professionnels", "perso": "personnel", "proprio": "proprietaire", "doc": "document",
	"docs": "documents", "subv": "subvention", "cotis": "cotisation", "appli": "application",
	"applis": "applications", "pub": "publicite", "pubs": "publicites", "stats": "statistiques",
	"boutik": "boutique", "ag": "assemblee generale", "pj": "piece jointe", "pjs": "pieces jointes",
	"resa": "reservation", "resas": "reservations", "avi": "avis", "promo": "promotion", "promos": "promotions",
	"newsletters": "newsletter",
	// SMS spellings: "c koi le mieu pr avoir + de clients ?"
	"koi": "quoi", "pr": "pour", "mieu": "mieux", "bcp": "beaucoup", "ds": "dans", "pk": "pourquoi",
	"pq": "pourquoi", "cmt": "comment", "cmnt": "comment", "qd": "quand", "kan": "quand", "kel": "quel",
	"kelle": "quelle", "ke": "que", "ki": "qui", "cbien": "combien", "cbn": "combien", "tjs": "toujours",
	"tjrs": "toujours", "jms": "jamais", "auj": "aujourd'hui", "mtn": "maintenant", "msg": "message",
	"msgs": "messages",
}

// keepWord reports whether a word becomes a term of its own: stop words and single letters do not.
func keepWord(w string) bool {
	if stopWords[w] {
		return false
	}
	if len(w) < 2 && !(w[0] >= '0' && w[0] <= '9') {
		return false
	}
	return true
}

// exactAt reports whether the words from i on are phrase.
func exactAt(words []*wordInfo, i int, phrase []string) bool {
	for _, p := range phrase {
		if i >= len(words) || words[i].word != p {
			return false
		}
		i++
	}
	return true
}
