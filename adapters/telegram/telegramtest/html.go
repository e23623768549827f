package telegramtest

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// entity is a MessageEntity as the Bot API writes it: offsets and lengths
// count UTF-16 code units of the visible text.
type entity struct {
	Offset        int    `json:"offset"`
	Length        int    `json:"length"`
	Type          string `json:"type"`
	URL           string `json:"url,omitempty"`
	Language      string `json:"language,omitempty"`
	CustomEmojiID string `json:"custom_emoji_id,omitempty"`
}

// ParseHTML checks text the way Telegram reads a message sent with
// parse_mode HTML and returns what the user sees: tags removed, character
// references decoded, surrounding white space trimmed. The error is the part
// Telegram writes after "Bad Request: can't parse entities: ", such as
// `Unsupported start tag "p" at byte offset 0`.
//
// It is stricter than Telegram in one respect: every "&" must begin one of
// &lt; &gt; &amp; &quot; &#NN; &#xNN; with its semicolon. Telegram keeps a
// stray "&" as text, but the Bot API documentation requires it escaped, and
// an unescaped one in user content can silently turn "&lt" into "<".
func ParseHTML(text string) (string, error) {
	visible, _, err := parseHTML(text)
	if err != nil {
		return "", err
	}
	visible, _ = trimText(visible, nil)
	return visible, nil
}

// htmlTags are the start tags Telegram accepts in parse mode HTML.
var htmlTags = map[string]bool{
	"a": true, "b": true, "strong": true, "i": true, "em": true,
	"s": true, "strike": true, "del": true, "u": true, "ins": true,
	"tg-spoiler": true, "tg-emoji": true, "span": true,
	"pre": true, "code": true, "blockquote": true,
}

// openTag is a start tag waiting for its end tag.
type openTag struct {
	name   string
	arg    string
	offset int // UTF-16 offset in the visible text where the tag opened
	begin  int // byte offset in the visible text where the tag opened
}

// parseHTML follows the parser of Telegram's server (tdlib, parse_html in
// td/telegram/MessageEntity.cpp) so that errors carry the same words and
// byte offsets, and returns the visible text with its entities.
func parseHTML(text string) (string, []entity, error) {
	at := func(i int) byte {
		if i < len(text) {
			return text[i]
		}
		return 0
	}
	fail := func(format string, args ...any) (string, []entity, error) {
		return "", nil, fmt.Errorf(format, args...)
	}
	var (
		out      []byte
		entities []entity
		open     []openTag
		offset   int
	)
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '&' {
			r, n, err := decodeReference(text, i)
			if err != nil {
				return "", nil, err
			}
			out = utf8.AppendRune(out, r)
			offset += utf16Len(string(r))
			i += n - 1
			continue
		}
		if c != '<' {
			if c&0xC0 != 0x80 { // first byte of a character
				offset++
				if c >= 0xF0 { // four bytes: a surrogate pair in UTF-16
					offset++
				}
			}
			out = append(out, c)
			continue
		}

		begin := i
		i++
		if at(i) != '/' {
			for !isSpace(at(i)) && at(i) != '>' {
				i++
			}
			if at(i) == 0 {
				return fail("Unclosed start tag at byte offset %d", begin)
			}
			name := strings.ToLower(text[begin+1 : i])
			if !htmlTags[name] {
				return fail("Unsupported start tag \"%s\" at byte offset %d", name, begin)
			}

			var arg string
			for at(i) != '>' {
				for at(i) != 0 && isSpace(at(i)) {
					i++
				}
				if at(i) == '>' {
					break
				}
				attrBegin := i
				for !isSpace(at(i)) && at(i) != '=' && at(i) != '>' {
					i++
				}
				attr := text[attrBegin:i]
				if attr == "" {
					return fail("Empty attribute name in the tag \"%s\" at byte offset %d", name, begin)
				}
				for at(i) != 0 && isSpace(at(i)) {
					i++
				}
				if at(i) != '=' {
					if name == "blockquote" && attr == "expandable" {
						arg = "expandable"
						continue
					}
					return fail("Expected equal sign in declaration of an attribute of the tag \"%s\" at byte offset %d", name, begin)
				}
				i++
				for at(i) != 0 && isSpace(at(i)) {
					i++
				}
				if at(i) == 0 {
					return fail("Unclosed start tag \"%s\" at byte offset %d", name, begin)
				}

				var value []byte
				if q := at(i); q != '\'' && q != '"' {
					// A name token: letters, digits, periods and hyphens.
					tokenBegin := i
					for isAlnum(at(i)) || at(i) == '.' || at(i) == '-' {
						i++
					}
					value = []byte(strings.ToLower(text[tokenBegin:i]))
					if !isSpace(at(i)) && at(i) != '>' {
						return fail("Unexpected end of name token at byte offset %d", tokenBegin)
					}
				} else {
					i++
					for at(i) != q && at(i) != 0 {
						if at(i) == '&' {
							r, n, err := decodeReference(text, i)
							if err != nil {
								return "", nil, err
							}
							value = utf8.AppendRune(value, r)
							i += n
							continue
						}
						value = append(value, text[i])
						i++
					}
					if at(i) == q {
						i++
					}
				}
				if at(i) == 0 {
					return fail("Unclosed start tag at byte offset %d", begin)
				}

				v := string(value)
				switch {
				case name == "a" && attr == "href":
					arg = v
				case name == "code" && attr == "class" && strings.HasPrefix(v, "language-"):
					arg = strings.TrimPrefix(v, "language-")
				case name == "span" && attr == "class" && strings.HasPrefix(v, "tg-"):
					arg = strings.TrimPrefix(v, "tg-")
				case name == "tg-emoji" && attr == "emoji-id":
					arg = v
				}
			}
			if name == "span" && arg != "spoiler" {
				return fail("Tag \"span\" must have class \"tg-spoiler\" at byte offset %d", begin)
			}
			open = append(open, openTag{name: name, arg: arg, offset: offset, begin: len(out)})
			continue
		}

		// An end tag.
		if len(open) == 0 {
			return fail("Unexpected end tag at byte offset %d", begin)
		}
		for !isSpace(at(i)) && at(i) != '>' {
			i++
		}
		endName := strings.ToLower(text[begin+2 : i])
		for at(i) != 0 && isSpace(at(i)) {
			i++
		}
		if at(i) != '>' {
			return fail("Unclosed end tag at byte offset %d", begin)
		}
		top := open[len(open)-1]
		if endName != "" && endName != top.name {
			return fail("Unmatched end tag at byte offset %d, expected \"</%s>\", found \"</%s>\"", begin, top.name, endName)
		}
		open = open[:len(open)-1]
		if offset == top.offset {
			continue // Telegram drops empty entities
		}
		e := entity{Offset: top.offset, Length: offset - top.offset}
		last := func() *entity {
			if n := len(entities); n > 0 && entities[n-1].Offset == e.Offset && entities[n-1].Length == e.Length {
				return &entities[n-1]
			}
			return nil
		}
		switch top.name {
		case "b", "strong":
			e.Type = "bold"
		case "i", "em":
			e.Type = "italic"
		case "u", "ins":
			e.Type = "underline"
		case "s", "strike", "del":
			e.Type = "strikethrough"
		case "tg-spoiler", "span":
			e.Type = "spoiler"
		case "blockquote":
			e.Type = "blockquote"
			if top.arg == "expandable" {
				e.Type = "expandable_blockquote"
			}
		case "tg-emoji":
			if id, err := strconv.ParseInt(top.arg, 10, 64); err != nil || id == 0 {
				return fail("Invalid custom emoji identifier specified")
			}
			e.Type, e.CustomEmojiID = "custom_emoji", top.arg
		case "a":
			url := top.arg
			if url == "" {
				url = string(out[top.begin:])
			}
			url = checkedLink(url)
			if url == "" {
				continue // Telegram keeps the text and drops a link it cannot use
			}
			e.Type, e.URL = "text_link", url
		case "pre":
			// <pre><code class="language-x">…</code></pre>: the code entity,
			// closed first, becomes a pre block with a language.
			if l := last(); l != nil && l.Type == "code" && l.Language != "" {
				l.Type = "pre"
				continue
			}
			e.Type = "pre"
		case "code":
			if l := last(); l != nil && l.Type == "pre" && l.Language == "" && top.arg != "" {
				l.Language = top.arg
				continue
			}
			e.Type, e.Language = "code", top.arg
		}
		entities = append(entities, e)
	}
	if len(open) > 0 {
		return fail("Can't find end tag corresponding to start tag %s", open[len(open)-1].name)
	}
	for i := range entities {
		if entities[i].Type == "code" {
			entities[i].Language = "" // only pre blocks have a language
		}
	}
	sort.SliceStable(entities, func(i, j int) bool {
		if entities[i].Offset != entities[j].Offset {
			return entities[i].Offset < entities[j].Offset
		}
		return entities[i].Length > entities[j].Length
	})
	return string(out), entities, nil
}

// decodeReference decodes the character reference at text[pos], which is
// '&', and returns the character and the number of bytes it takes.
func decodeReference(text string, pos int) (rune, int, error) {
	at := func(i int) byte {
		if i < len(text) {
			return text[i]
		}
		return 0
	}
	end := pos + 1
	var code int64
	if at(end) == '#' {
		end++
		digits := end
		if at(end) == 'x' {
			end++
			digits = end
			for isHex(at(end)) {
				if code <= 0x10FFFF {
					code = code*16 + int64(hexValue(at(end)))
				}
				end++
			}
		} else {
			for isDigit(at(end)) {
				if code <= 0x10FFFF {
					code = code*10 + int64(at(end)-'0')
				}
				end++
			}
		}
		if end == digits || code == 0 || code >= 0x10FFFF || end-pos >= 10 {
			return 0, 0, unescaped(pos)
		}
		if code >= 0xD800 && code <= 0xDFFF {
			return 0, 0, fmt.Errorf("Text contains invalid Unicode characters after decoding HTML entities, check for unmatched surrogate code units")
		}
	} else {
		for isAlpha(at(end)) {
			end++
		}
		switch text[pos+1 : end] {
		case "lt":
			code = '<'
		case "gt":
			code = '>'
		case "amp":
			code = '&'
		case "quot":
			code = '"'
		default:
			return 0, 0, unescaped(pos)
		}
	}
	// Telegram also accepts a reference without its semicolon; the
	// documentation does not, and neither do we.
	if at(end) != ';' {
		return 0, 0, unescaped(pos)
	}
	return rune(code), end + 1 - pos, nil
}

func unescaped(pos int) error {
	return fmt.Errorf("Character \"&\" must be escaped as \"&amp;\" at byte offset %d", pos)
}

// checkedLink returns the link Telegram would keep for an <a> tag, or "" for
// one it drops.
func checkedLink(url string) string {
	url = strings.TrimSpace(url)
	if url == "" {
		return ""
	}
	scheme, rest, ok := strings.Cut(url, ":")
	if !ok || strings.ContainsAny(scheme, "/.?#") {
		return "http://" + url
	}
	switch strings.ToLower(scheme) {
	case "http", "https", "tg", "ton":
		if rest == "" || rest == "//" {
			return ""
		}
		return url
	default:
		if _, err := strconv.Atoi(rest); err == nil {
			return "http://" + url // host:port
		}
		return ""
	}
}

// trimText strips the white space Telegram strips around a message and
// moves the entities accordingly.
func trimText(text string, entities []entity) (string, []entity) {
	left := strings.TrimLeftFunc(text, unicode.IsSpace)
	cut := utf16Len(text[:len(text)-len(left)])
	trimmed := strings.TrimRightFunc(left, unicode.IsSpace)
	n := utf16Len(trimmed)
	var out []entity
	for _, e := range entities {
		start, end := max(e.Offset-cut, 0), min(e.Offset+e.Length-cut, n)
		if end > start {
			e.Offset, e.Length = start, end-start
			out = append(out, e)
		}
	}
	return trimmed, out
}

// utf16Len is the length of s as Telegram counts it: in UTF-16 code units,
// so a character outside the Basic Multilingual Plane, such as most emoji,
// counts twice.
func utf16Len(s string) int {
	n := 0
	for _, r := range s {
		if r >= 0x10000 {
			n += 2
		} else {
			n++
		}
	}
	return n
}

// isSpace is tdlib's is_space; the zero byte stands for the end of the text.
func isSpace(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '\v', '\f', 0:
		return true
	}
	return false
}

func isAlpha(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }
func isAlnum(c byte) bool { return isAlpha(c) || isDigit(c) }
func isHex(c byte) bool   { return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' }

func hexValue(c byte) int {
	switch {
	case isDigit(c):
		return int(c - '0')
	case c >= 'a':
		return int(c-'a') + 10
	default:
		return int(c-'A') + 10
	}
}
