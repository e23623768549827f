package bot

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// abbreviations that end with a period without ending a sentence (folded, without the period).
var abbreviations = map[string]bool{
	"ex": true, "etc": true, "m": true, "mme": true, "p": true, "cf": true, "env": true, "art": true,
	"n": true, "no": true, "st": true, "ste": true, "dr": true, "av": true, "bd": true, "h": true,
	"min": true, "max": true, "hors": true, "vs": true, "éd": true, "vol": true, "fig": true,
}

// splitSentences cuts a paragraph after ".", "!", "?" or "…" followed by a space and a
// capital letter, a digit, a quote or a parenthesis, except after common abbreviations.
func splitSentences(p string) []string {
	var out []string
	start := 0
	for i := 0; i < len(p); {
		r, size := utf8.DecodeRuneInString(p[i:])
		end := i + size
		if r == '.' || r == '!' || r == '?' || r == '…' {
			// absorb closing quotes and repeated punctuation
			j := end
			for j < len(p) && strings.ContainsRune(".!?»\")", rune(p[j])) {
				j++
			}
			if j < len(p) && p[j] == ' ' {
				next, _ := utf8.DecodeRuneInString(p[j+1:])
				if (unicode.IsUpper(next) || unicode.IsDigit(next) || next == '«' || next == '"' || next == '(') &&
					!(r == '.' && isAbbreviation(p[start:i])) {
					if s := strings.TrimSpace(p[start:j]); s != "" {
						out = append(out, s)
					}
					start = j + 1
					i = j + 1
					continue
				}
			}
			i = j
			continue
		}
		i = end
	}
	if s := strings.TrimSpace(p[start:]); s != "" {
		out = append(out, s)
	}
	return out
}

func isAbbreviation(before string) bool {
	k := strings.LastIndexFunc(before, func(r rune) bool { return !unicode.IsLetter(r) })
	w := strings.ToLower(before[k+1:])
	if len(w) == 1 {
		return true // an initial: "M. Dupont", "J. Martin"
	}
	return abbreviations[w]
}
