package answer

import (
	"strings"
	"unicode/utf8"
)

// Excerpt returns what is sent of a unit's text: all of it when it fits in budget
// characters, else its first paragraphs and lists, whole. A list is never cut: it is kept
// with the sentence that introduces it when the two fit in one and a half budgets, and both
// are left out otherwise; the excerpt never ends on a sentence announcing what follows.
func Excerpt(text string, budget int) string {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) <= budget {
		return text
	}
	blocks := strings.Split(text, "\n\n")
	var out []string
	used := 0
	for i, b := range blocks {
		n := utf8.RuneCountInString(b)
		if i == 0 {
			out, used = append(out, b), n
			continue
		}
		if isList(b) {
			limit := budget * 3 / 2
			if used+n > limit {
				break
			}
			out, used = append(out, b), used+n
			continue
		}
		if used+n > budget {
			break
		}
		out, used = append(out, b), used+n
	}
	if len(out) == 1 && strings.HasSuffix(strings.TrimSpace(out[0]), ":") && len(blocks) > 1 && isList(blocks[1]) {
		// the first block announces a list: the list is the answer, whatever its size
		out = append(out, blocks[1])
	}
	// never end on an announcement whose list was left out: drop that sentence, or the
	// whole block when it is only that
	for len(out) > 0 {
		last := strings.TrimSpace(out[len(out)-1])
		if !strings.HasSuffix(last, ":") || isList(last) {
			break
		}
		if i := strings.LastIndexAny(last[:len(last)-1], ".!?"); i > 0 {
			out[len(out)-1] = strings.TrimSpace(last[:i+1])
			break
		}
		if len(out) == 1 {
			break
		}
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n\n")
}

// isList reports whether a block is a list: every line an item.
func isList(b string) bool {
	for _, l := range strings.Split(strings.TrimSpace(b), "\n") {
		if !isItem(l) {
			return false
		}
	}
	return true
}

func isItem(l string) bool {
	l = strings.TrimSpace(l)
	if strings.HasPrefix(l, "- ") {
		return true
	}
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i <= 2 && i+1 < len(l) && l[i] == '.' && l[i+1] == ' '
}
