package telegram

import (
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/coachbot/coachbot/bot"
)

// MaxMessage is Telegram's limit on a message's text, in UTF-16 code units after entity
// parsing; we count the HTML source, which is longer, so a message under it is always accepted.
const MaxMessage = 4096

// escapeHTML escapes what Telegram's HTML parse mode would read as markup.
// An invalid UTF-8 byte becomes U+FFFD: Telegram refuses a message that is not UTF-8.
func escapeHTML(s string) string {
	if !strings.ContainsAny(s, "<>&") && utf8.ValidString(s) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeAttr escapes a value written inside a quoted attribute.
func escapeAttr(s string) string {
	return strings.ReplaceAll(escapeHTML(s), `"`, "&quot;")
}

// utf16Len counts a string as Telegram does.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r)
		if utf16.RuneLen(r) < 0 {
			n++
		}
	}
	return n
}

// Render turns a reply into Telegram HTML paragraphs: the text escaped (list items with
// bullets), then the sources as links. Each paragraph is valid HTML on its own, so that a
// message can be cut between any two of them.
func Render(r bot.Reply) []string {
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(r.Text), "\n\n") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		lines := strings.Split(p, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "- ") {
				l = "• " + strings.TrimPrefix(l, "- ")
			}
			lines[i] = escapeHTML(l)
		}
		paras = append(paras, strings.Join(lines, "\n"))
	}
	if len(r.Sources) > 0 {
		var b strings.Builder
		b.WriteString("<b>Sources</b>")
		for i, s := range r.Sources {
			b.WriteString("\n")
			b.WriteString(itoa(i+1) + ". ")
			if bot.LinkableURL(s.URL) {
				b.WriteString(`<a href="` + escapeAttr(s.URL) + `">` + escapeHTML(s.Title) + "</a>")
			} else {
				b.WriteString(escapeHTML(s.Title))
			}
		}
		paras = append(paras, b.String())
	}
	if len(paras) == 0 {
		paras = []string{"…"}
	}
	return paras
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// visibleLen counts the UTF-16 units a user will see of our HTML: tags count for nothing and
// an entity for one character, as Telegram counts its limit after parsing.
func visibleLen(html string) int {
	n, inTag, inEntity := 0, false, false
	for _, r := range html {
		switch {
		case inTag:
			if r == '>' {
				inTag = false
			}
		case inEntity:
			if r == ';' {
				inEntity = false
				n++
			}
		case r == '<':
			inTag = true
		case r == '&':
			inEntity = true
		default:
			n += utf16.RuneLen(r)
		}
	}
	return n
}

// Split groups paragraphs into messages of at most max UTF-16 units, cutting only between
// paragraphs; a paragraph longer than max (plain text: our paragraphs with tags are short)
// is cut between lines, then between words.
func Split(paras []string, max int) []string {
	var msgs []string
	var cur strings.Builder
	curLen := 0
	push := func() {
		if cur.Len() > 0 {
			msgs = append(msgs, cur.String())
			cur.Reset()
			curLen = 0
		}
	}
	add := func(p string, sep string) {
		pl := visibleLen(p)
		if curLen > 0 && curLen+utf16Len(sep)+pl > max {
			push()
		}
		if curLen > 0 {
			cur.WriteString(sep)
			curLen += utf16Len(sep)
		}
		cur.WriteString(p)
		curLen += pl
	}
	for _, p := range paras {
		if visibleLen(p) <= max {
			add(p, "\n\n")
			continue
		}
		push()
		for _, piece := range cutLong(p, max) {
			add(piece, "\n")
		}
		push()
	}
	push()
	return msgs
}

// cutLong cuts an over-long paragraph between lines, then between words, then anywhere
// (never inside an HTML entity or a UTF-8 character). A line too long to fit loses its tags,
// which a cut could leave unclosed; blank pieces are dropped, as Telegram refuses a message
// with nothing to show.
func cutLong(p string, max int) []string {
	var out []string
	keep := func(piece string) {
		if strings.TrimSpace(piece) != "" {
			out = append(out, piece)
		}
	}
	for _, line := range strings.Split(p, "\n") {
		if visibleLen(line) > max && strings.ContainsRune(line, '<') {
			line = escapeHTML(plain(line))
		}
		for visibleLen(line) > max {
			cut := cutPoint(line, max)
			keep(strings.TrimRight(line[:cut], " "))
			line = strings.TrimLeft(line[cut:], " ")
		}
		keep(line)
	}
	return out
}

// cutPoint returns a byte offset where line can be cut to fit max units: the last space,
// else the last character boundary, never inside an entity.
func cutPoint(line string, max int) int {
	units, lastSpace, lastSafe := 0, -1, 0
	inEntity := false
	for i, r := range line {
		if !inEntity && r != '&' {
			units += utf16.RuneLen(r)
		}
		if units > max {
			break
		}
		switch {
		case r == '&':
			inEntity = true
			units++
		case r == ';' && inEntity:
			inEntity = false
			lastSafe = i + 1
			continue
		}
		if !inEntity {
			lastSafe = i + utf8.RuneLen(r)
			if r == ' ' {
				lastSpace = i + 1
			}
		}
	}
	if lastSpace > 0 {
		return lastSpace
	}
	if lastSafe == 0 {
		return len(line)
	}
	return lastSafe
}

// plain turns our HTML back into plain text, for the retry without parse mode.
func plain(html string) string {
	var b strings.Builder
	in := false
	for _, r := range html {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&", "&quot;", `"`).Replace(b.String())
}
