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

// elisions are the French prefixes that fuse with the next word through an apostrophe.
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "m": true, "n": true, "s": true, "t": true, "c": true,
	"qu": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

func isApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == '`' || r == 'ʼ' || r == '‘' || r == '´'
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// Words splits text into folded words. Elided articles and pronouns (l', d', qu'…) are dropped,
// hyphenated words whose first part is one letter are joined ("e-mail" → "email"), and other
// hyphenated words are split. Invalid UTF-8 is treated as a separator.
func Words(text string) []string {
	return appendWords(nil, text)
}

func appendWords(out []string, text string) []string {
	var cur []byte
	var buf [64]byte
	cur = buf[:0]
	flush := func() {
		if len(cur) > 0 {
			out = append(out, string(cur))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if r == utf8.RuneError && size == 1 {
			flush()
			continue
		}
		switch {
		case isApostrophe(r):
			switch w := string(cur); {
			case elisions[w]:
				cur = cur[:0]
			case w == "aujourd" && strings.HasPrefix(text[i:], "hui"):
				cur = append(cur, "hui"...) // "aujourd'hui" is one word
				i += len("hui")
			default:
				flush()
			}
		case r == '€':
			flush()
			out = append(out, "euros")
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
		case r == '-' && len(cur) == 1 && i < len(text):
			next, _ := utf8.DecodeRuneInString(text[i:])
			if isWordRune(next) && cur[0] >= 'a' && cur[0] <= 'z' {
				continue // "e-mail", "e-commerce": one word
			}
			flush()
		default:
			flush()
		}
	}
	flush()
	return out
}
