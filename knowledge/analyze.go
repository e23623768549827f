package knowledge

import (
	"strings"
	"sync"

	"github.com/kljensen/snowball/french"
)

// AnalyzerVersion changes whenever analysis changes the terms of a text; it is part of each
// chunk's hash, so that a new analyzer re-indexes the corpus instead of mixing two analyses.
const AnalyzerVersion = "fr-1"

// stemCache memoises the Snowball stemmer, which allocates on every call. The vocabulary of a
// corpus and of its questions is small, so the cache is bounded only as a safeguard.
var stemCache = struct {
	sync.RWMutex
	m map[string]string
}{m: make(map[string]string, 1<<14)}

const stemCacheMax = 1 << 18

// Stem returns the Snowball French stem of a folded word. Numbers and concept terms are kept
// as they are.
func Stem(w string) string {
	if len(w) == 0 || w[0] == '_' || (w[0] >= '0' && w[0] <= '9') {
		return w
	}
	stemCache.RLock()
	s, ok := stemCache.m[w]
	stemCache.RUnlock()
	if ok {
		return s
	}
	s = french.Stem(w, true)
	stemCache.Lock()
	if len(stemCache.m) < stemCacheMax {
		stemCache.m[w] = s
	}
	stemCache.Unlock()
	return s
}

// Terms analyses text into index terms: the concept terms of glossary phrases found in it,
// then the stems of its words that are not stop words, in order of appearance.
func Terms(text string) []string {
	return termsOfWords(Words(text), nil)
}

// termsOfWords turns folded words into terms, appending to out: for each word, the concepts
// of the glossary phrases starting at it, then its stem unless it is a stop word.
func termsOfWords(words []string, out []string) []string {
	for i, w := range words {
		if full, ok := abbreviations[w]; ok {
			if strings.IndexByte(full, ' ') < 0 {
				words[i] = full
				continue
			}
			// a phrase ("ag" → "assemblee generale"): rebuild the word list once
			expanded := make([]string, 0, len(words)+4)
			for _, x := range words {
				if f, ok := abbreviations[x]; ok {
					expanded = append(expanded, strings.Fields(f)...)
				} else {
					expanded = append(expanded, x)
				}
			}
			words = expanded
			break
		}
	}
	var buf [64]string
	stems := buf[:0]
	for _, w := range words {
		stems = append(stems, Stem(w))
	}
	for i, w := range words {
		if es, ok := glossary[stems[i]]; ok {
			var seen [4]string
			n := 0
		entries:
			for _, e := range es {
				if i+len(e.words) > len(words) {
					continue
				}
				for j := 1; j < len(e.words); j++ {
					if stems[i+j] != e.words[j] {
						continue entries
					}
				}
				if e.exact != "" && !exactAt(words, i, e.exact) {
					continue
				}
				for k := 0; k < n; k++ {
					if seen[k] == e.concept {
						continue entries
					}
				}
				out = append(out, e.concept)
				if n < len(seen) {
					seen[n] = e.concept
					n++
				}
			}
		}
		if keepWord(w) {
			out = append(out, stems[i])
		}
	}
	return out
}

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
	"boutik": "boutique", "ag": "assemblee generale",
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

// exactAt reports whether the folded words from i on spell phrase.
func exactAt(words []string, i int, phrase string) bool {
	for _, p := range strings.Split(phrase, " ") {
		if i >= len(words) || words[i] != p {
			return false
		}
		i++
	}
	return true
}
