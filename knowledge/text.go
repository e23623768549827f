package knowledge

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// foldRune maps a lower-case rune to its unaccented form. Ligatures expand to two letters,
// which is why it returns a string for them.
func foldRune(r rune) (rune, string) {
	switch r {
	case 'à', 'á', 'â', 'ã', 'ä', 'å':
		return 'a', ""
	case 'ç':
		return 'c', ""
	case 'è', 'é', 'ê', 'ë':
		return 'e', ""
	case 'ì', 'í', 'î', 'ï':
		return 'i', ""
	case 'ñ':
		return 'n', ""
	case 'ò', 'ó', 'ô', 'õ', 'ö':
		return 'o', ""
	case 'ù', 'ú', 'û', 'ü':
		return 'u', ""
	case 'ý', 'ÿ':
		return 'y', ""
	case 'œ':
		return 0, "oe"
	case 'æ':
		return 0, "ae"
	case 'ß':
		return 0, "ss"
	}
	return r, ""
}

// Fold lower-cases s and removes French accents, so that "Référencement" and "referencement"
// compare equal. Other characters are kept.
func Fold(s string) string {
	if isFolded(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		r = unicode.ToLower(r)
		if r < utf8.RuneSelf {
			b.WriteByte(byte(r))
			continue
		}
		f, ex := foldRune(r)
		if ex != "" {
			b.WriteString(ex)
		} else {
			b.WriteRune(f)
		}
	}
	return b.String()
}

// isFolded reports whether s is ASCII without capitals, which Fold leaves as it is.
func isFolded(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= utf8.RuneSelf || ('A' <= c && c <= 'Z') {
			return false
		}
	}
	return true
}

// isElision reports whether a folded word is a French prefix that fuses with the next word
// through an apostrophe (l', d', qu'…).
func isElision(w []byte) bool {
	switch string(w) {
	case "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu":
		return true
	}
	return false
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '`' || r == 'ʼ' || r == '‘' || r == '´'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Classes of ASCII bytes for scanWords.
const (
	asciiSeparator = iota
	asciiWord      // lower-case letter or digit, kept as it is
	asciiUpper     // capital letter, lower-cased
	asciiApostrophe
	asciiHyphen
)

var asciiClass = func() (c [utf8.RuneSelf]uint8) {
	for b := 0; b < utf8.RuneSelf; b++ {
		switch r := rune(b); {
		case isApostrophe(r):
			c[b] = asciiApostrophe
		case r == '-':
			c[b] = asciiHyphen
		case 'A' <= r && r <= 'Z':
			c[b] = asciiUpper
		case isWordRune(r):
			c[b] = asciiWord
		}
	}
	return c
}()

// euros is the word a "€" sign stands for.
var euros = []byte("euros")

// Words splits text into folded words. Elided articles and pronouns (l', d', qu'…) are dropped,
// hyphenated words whose first part is one letter are joined ("e-mail" → "email"), and other
// hyphenated words are split. Invalid UTF-8 is treated as a separator.
func Words(text string) []string {
	s := getScratch()
	defer putScratch(s)
	s.raw = appendInfos(s.raw[:0], text, s)
	if len(s.raw) == 0 {
		return nil
	}
	out := make([]string, len(s.raw))
	for i, wi := range s.raw {
		out[i] = wi.word
	}
	return out
}

// appendWords is Words without the word cache, for the tables built at start-up (stop words,
// glossary) that the cache itself depends on.
func appendWords(out []string, text string) []string {
	var buf [64]byte
	scanWords(text, buf[:0], func(w []byte) { out = append(out, string(w)) })
	return out
}

// appendInfos appends the cached analysis of each word of text, in the order of Words.
func appendInfos(out []*wordInfo, text string, s *scratch) []*wordInfo {
	start := len(out)
	s.word = scanWords(text, s.word[:0], func(w []byte) { out = append(out, wordInfos.lookupBytes(w)) })
	verbMarcher(out[start:])
	return out
}

// verbMarcher writes the verb "marcher" (to work: "mon site ne marche plus", "ça marche ?")
// as "fonctionner": folded, "marche" is also "marché" (a market, a marketplace), and the two
// would share a stem.
func verbMarcher(ws []*wordInfo) {
	for i, wi := range ws {
		switch wi.word {
		case "marchent", "marchait", "marchaient", "marchera", "marcheront", "marcherait", "marcheraient", "marcher":
			ws[i] = wordInfos.lookup("fonctionner")
		case "marche":
			prev, next := "", ""
			if i > 0 {
				prev = ws[i-1].word
			}
			if i+1 < len(ws) {
				next = ws[i+1].word
			}
			if marcheVerbBefore[prev] || marcheVerbAfter[next] {
				ws[i] = wordInfos.lookup("fonctionne")
			}
		}
	}
}

// The words around "marche" that make it the verb: "ne marche", "ça marche", "marche pas".
var (
	marcheVerbBefore = map[string]bool{"ne": true, "n": true, "ca": true, "cela": true, "qui": true, "rien": true,
		"tout": true, "il": true, "elle": true, "on": true, "que": true, "comment": true, "site": true, "appli": true,
		"application": true, "lien": true, "code": true, "carte": true, "terminal": true, "tpe": true, "wifi": true}
	marcheVerbAfter = map[string]bool{"pas": true, "plus": true, "mal": true, "bien": true, "jamais": true,
		"toujours": true, "rien": true, "vraiment": true, "comment": true, "nickel": true, "super": true}
)

// euphonicPronoun reports whether s starts with the pronoun after a euphonic "t-" ("il",
// "elle", "on", "ils", "elles"), as a whole word.
func euphonicPronoun(s string) bool {
	for _, p := range []string{"il", "elle", "on", "ils", "elles"} {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			if len(s) == len(p) {
				return true
			}
			r, _ := utf8.DecodeRuneInString(s[len(p):])
			if !isWordRune(r) {
				return true
			}
		}
	}
	return false
}

// scanWords cuts text into folded words as Words documents, calling emit with each one. The
// word passed to emit is only valid during the call. cur is a buffer for the word being
// read; scanWords returns it for reuse.
func scanWords(text string, cur []byte, emit func(w []byte)) []byte {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			// ASCII, most of the text: the same cases as below, without decoding.
			i++
			if c == '+' && len(cur) == 0 && (i == 1 || text[i-2] == ' ') && (i == len(text) || text[i] == ' ') {
				// "avoir + de clients": a plus standing alone is the word (not "+33", "C++")
				emit([]byte("plus"))
				continue
			}
			switch asciiClass[c] {
			case asciiWord:
				cur = append(cur, c)
				continue
			case asciiUpper:
				cur = append(cur, c+('a'-'A'))
				continue
			case asciiApostrophe:
				cur, i = apostrophe(text, i, cur, emit)
				continue
			case asciiHyphen:
				if len(cur) == 1 && i < len(text) {
					next, _ := utf8.DecodeRuneInString(text[i:])
					// "a-t-il", "a-t-on": the euphonic t stands alone (not "e-mail")
					euphonic := next == 't' && i+1 < len(text) && text[i+1] == '-' ||
						cur[0] == 't' && euphonicPronoun(text[i:])
					if isWordRune(next) && cur[0] >= 'a' && cur[0] <= 'z' && !euphonic {
						continue // "e-mail", "e-commerce": one word
					}
				}
			}
			if len(cur) > 0 {
				emit(cur)
				cur = cur[:0]
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
		case isApostrophe(r):
			cur, i = apostrophe(text, i, cur, emit)
			continue
		case r == '€':
			if len(cur) > 0 {
				emit(cur)
				cur = cur[:0]
			}
			emit(euros)
			continue
		case isWordRune(r):
			r = unicode.ToLower(r)
			if r < utf8.RuneSelf {
				cur = append(cur, byte(r))
			} else {
				f, ex := foldRune(r)
				if ex != "" {
					cur = append(cur, ex...)
				} else {
					cur = utf8.AppendRune(cur, f)
				}
			}
			continue
		}
		if len(cur) > 0 {
			emit(cur)
			cur = cur[:0]
		}
	}
	if len(cur) > 0 {
		emit(cur)
		cur = cur[:0]
	}
	return cur
}

// apostrophe handles an apostrophe read just before text[i]: an elided prefix is dropped,
// "aujourd'hui" stays one word, and any other word ends.
func apostrophe(text string, i int, cur []byte, emit func(w []byte)) ([]byte, int) {
	switch {
	case isElision(cur):
		return cur[:0], i
	case string(cur) == "aujourd" && strings.HasPrefix(text[i:], "hui"):
		return append(cur, "hui"...), i + len("hui") // "aujourd'hui" is one word
	}
	if len(cur) > 0 {
		emit(cur)
	}
	return cur[:0], i
}
