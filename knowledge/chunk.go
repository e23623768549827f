package knowledge

import (
	"crypto/sha256"
	"encoding/hex"
	"regexp"
	"slices"
	"strings"
)

// Chunk is a passage of a guide: one section, or part of a long one. It carries the fields of
// its guide that retrieval and answers need, so that a search returns self-contained passages.
type Chunk struct {
	GuideID string `json:"guide"`
	Ordinal int    `json:"ordinal"`
	Heading string `json:"heading,omitempty"`
	// Text is the passage as plain text: paragraphs separated by blank lines, list items on
	// lines starting with "- " or "1. ". No other markup.
	Text string `json:"text"`
	// Hash identifies the content (and the analysis) of the chunk: an unchanged hash means
	// nothing to re-index or re-embed.
	Hash string `json:"hash"`
	// Terms are the analysed index terms, with the title, heading and keywords weighted by
	// repetition.
	Terms []string `json:"-"`

	Title string `json:"title"`
	Topic string `json:"topic,omitempty"`
	URL   string `json:"url,omitempty"`
	// Keywords of the guide, kept for the text that is embedded.
	Keywords []string `json:"-"`
	// Summary of the guide, for pointing to it ("À lire aussi").
	Summary string `json:"-"`
	// Asks are other ways owners ask the question a card answers (its "Formulations :"
	// line): matched and embedded, never quoted.
	Asks []string `json:"asks,omitempty"`
}

// Card reports whether the chunk is a question card: a short, complete answer to the
// question in its heading, written to be sent whole.
func (c Chunk) Card() bool { return len(c.Asks) > 0 }

// Questions are the questions a chunk answers in so many words: its heading when it is a
// question (the page's title, for the introduction of a page titled by a question), and its
// formulations.
func (c Chunk) Questions() []string {
	var out []string
	if c.Heading == "" && c.Ordinal == 0 && strings.HasSuffix(strings.TrimSpace(c.Title), "?") {
		// a page titled by a question (a FAQ page) answers it in its introduction
		out = append(out, c.Title)
	}
	if strings.HasSuffix(strings.TrimSpace(c.Heading), "?") {
		h := c.Heading
		if i := strings.LastIndex(h, " — "); i >= 0 {
			h = h[i+len(" — "):]
		}
		out = append(out, h)
	}
	return append(out, c.Asks...)
}

// Key identifies a chunk across stores.
func (c Chunk) Key() string { return c.GuideID + "#" + itoa(c.Ordinal) }

// ID is a number derived from the chunk's hash: the same in every store, so that stores can
// break ties between equal scores the same way.
func (c Chunk) ID() int64 {
	var id int64
	for i := 0; i < 15 && i < len(c.Hash); i++ {
		ch := c.Hash[i]
		var v byte
		switch {
		case ch >= '0' && ch <= '9':
			v = ch - '0'
		case ch >= 'a' && ch <= 'f':
			v = ch - 'a' + 10
		}
		id = id<<4 | int64(v)
	}
	return id
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := n < 0
	if neg {
		n = -n
	}
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

// EmbedText is the text given to an embedder for this chunk.
func (c Chunk) EmbedText() string {
	var b strings.Builder
	b.WriteString(c.Title)
	b.WriteString(". ")
	if c.Heading != "" {
		b.WriteString(c.Heading)
		b.WriteString(". ")
	}
	for _, a := range c.Asks {
		b.WriteString(a)
		b.WriteString(". ")
	}
	if len(c.Keywords) > 0 {
		b.WriteString(strings.Join(c.Keywords, ", "))
		b.WriteString(". ")
	}
	b.WriteString(c.Text)
	return b.String()
}

const (
	chunkTarget = 900  // characters: a long section is cut near this size
	chunkMax    = 1300 // characters: sections up to this size stay whole
)

// Split cuts a guide into chunks along its headings. The introduction (text before the first
// section) is a chunk of its own; a section longer than about 1,300 characters is cut on
// paragraph boundaries.
func Split(g Guide) []Chunk {
	type section struct {
		heading string
		lines   []string
	}
	var secs []section
	cur := section{}
	var h2 string
	inFence := false
	for _, raw := range strings.Split(g.Body, "\n") {
		line := strings.TrimRight(raw, " \t")
		if strings.HasPrefix(strings.TrimSpace(line), "```") {
			inFence = !inFence
			continue
		}
		if !inFence {
			if lvl, h := heading(line); lvl > 0 {
				if lvl == 1 && (len(secs) == 0 && len(strings.TrimSpace(strings.Join(cur.lines, ""))) == 0) {
					continue // the page title
				}
				secs = append(secs, cur)
				switch {
				case lvl <= 2:
					h2 = h
					cur = section{heading: h}
				case isFAQSection(h2):
					cur = section{heading: h} // a card: its question stands alone
				default:
					if h2 != "" {
						cur = section{heading: h2 + " — " + h}
					} else {
						cur = section{heading: h}
					}
				}
				continue
			}
		}
		cur.lines = append(cur.lines, line)
	}
	secs = append(secs, cur)

	var chunks []Chunk
	seen := map[string]int{}
	// the terms of the title and keywords, which every chunk repeats
	title := Terms(g.Title)
	kw := Terms(strings.Join(g.Keywords, " ; "))
	for _, s := range secs {
		asks, lines := formulations(s.lines)
		text := cleanBlock(lines)
		if text == "" || isClosingSection(s.heading) {
			continue
		}
		head := Terms(s.heading)
		var askTerms []string
		if len(asks) > 0 {
			askTerms = Terms(strings.Join(asks, " ; "))
		}
		for _, part := range cutParagraphs(text) {
			c := Chunk{
				GuideID: g.ID, Ordinal: len(chunks), Heading: s.heading, Text: part,
				Title: g.Title, Topic: g.Topic, URL: g.URL, Keywords: g.Keywords, Summary: g.Summary, Asks: asks,
			}
			intro := ""
			if len(chunks) == 0 {
				intro = g.Summary
			}
			c.Terms = chunkTerms(title, head, kw, askTerms, intro, part)
			c.Hash = chunkHash(g, c)
			if n := seen[c.Hash]; n > 0 {
				// the same passage again in one guide: a hash (and so an ID) of its own
				seen[c.Hash]++
				sum := sha256.Sum256([]byte(c.Hash + "#" + itoa(n)))
				c.Hash = hex.EncodeToString(sum[:])[:32]
			} else {
				seen[c.Hash] = 1
			}
			chunks = append(chunks, c)
		}
	}
	return chunks
}

// isFAQSection recognises the "Questions fréquentes" section of the guide format, whose
// level-3 headings are question cards.
func isFAQSection(heading string) bool {
	switch Fold(strings.TrimSpace(strings.TrimRight(heading, " ?!.:"))) {
	case "questions frequentes", "questions", "faq", "foire aux questions", "vos questions":
		return true
	}
	return false
}

// formulations takes a card's "Formulations : a ; b ; c" line out of its lines and returns
// the formulations (at most 12) and the other lines.
func formulations(lines []string) ([]string, []string) {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		head, rest, ok := strings.Cut(t, ":")
		if !ok || Fold(strings.TrimSpace(head)) != "formulations" {
			return nil, lines // only the first line of a section can hold them
		}
		var asks []string
		for _, a := range strings.Split(rest, ";") {
			if a = cleanInline(strings.TrimSpace(a)); a != "" && len(asks) < 12 {
				asks = append(asks, a)
			}
		}
		out := append(append([]string{}, lines[:i]...), lines[i+1:]...)
		return asks, out
	}
	return nil, lines
}

// isClosingSection recognises the closing "Besoin d'aide ?" section of the guide format: it
// points to the coaching rather than answering anything, so it is not indexed.
func isClosingSection(heading string) bool {
	h := Fold(strings.TrimSpace(strings.TrimRight(heading, " ?!.")))
	return h == "besoin d'aide" || h == "besoin d’aide"
}

// chunkTerms returns the terms of a chunk: those of its guide's title and of its heading
// twice, those of the keywords and formulations, then those of the summary (for the first
// chunk) and text.
func chunkTerms(title, head, kw, asks []string, summary, text string) []string {
	s := getScratch()
	defer putScratch(s)
	s.terms = s.terms[:0]
	if summary != "" {
		s.raw = appendInfos(s.raw[:0], summary, s)
		s.terms, _ = appendTerms(s.terms, nil, false, s.expand(s.raw))
	}
	s.raw = appendInfos(s.raw[:0], text, s)
	s.terms, _ = appendTerms(s.terms, nil, false, s.expand(s.raw))
	out := make([]string, 0, 2*len(title)+2*len(head)+len(kw)+len(asks)+len(s.terms))
	out = append(out, title...)
	out = append(out, title...)
	out = append(out, head...)
	out = append(out, head...)
	out = append(out, kw...)
	out = append(out, asks...)
	return append(out, s.terms...)
}

// chunkHash hashes the fields of a chunk and its guide, each followed by a zero byte.
func chunkHash(g Guide, c Chunk) string {
	n := len(AnalyzerVersion) + len(g.ID) + len(g.Title) + len(g.Topic) + len(g.URL) + len(g.Summary) + len(c.Heading) + len(c.Text) + 10
	for _, k := range g.Keywords {
		n += len(k) + 1
	}
	sc := getScratch()
	defer putScratch(sc)
	b := slices.Grow(sc.bytes[:0], n)
	for _, s := range []string{AnalyzerVersion, g.ID, g.Title, g.Topic, g.URL, g.Summary} {
		b = append(b, s...)
		b = append(b, 0)
	}
	for i, k := range g.Keywords { // strings.Join(g.Keywords, "\x1f")
		if i > 0 {
			b = append(b, 0x1f)
		}
		b = append(b, k...)
	}
	b = append(b, 0)
	for _, s := range []string{c.Heading, c.Text} {
		b = append(b, s...)
		b = append(b, 0)
	}
	if len(c.Asks) > 0 { // so that a chunk without formulations keeps its hash
		for _, a := range c.Asks {
			b = append(b, a...)
			b = append(b, 0x1f)
		}
		b = append(b, 0)
	}
	sc.bytes = b
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

func heading(line string) (int, string) {
	t := strings.TrimSpace(line)
	if !strings.HasPrefix(t, "#") {
		return 0, ""
	}
	lvl := 0
	for lvl < len(t) && t[lvl] == '#' {
		lvl++
	}
	if lvl > 6 || lvl >= len(t) || (t[lvl] != ' ' && t[lvl] != '\t') {
		return 0, ""
	}
	return lvl, cleanInline(strings.TrimSpace(strings.TrimRight(t[lvl:], "# ")))
}

var (
	reImage  = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	reLink   = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)(?:\s+"[^"]*")?\)`)
	reTag    = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	reBold   = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	reItalic = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s.,;:!?)]|$)`)
	reCode   = regexp.MustCompile("`([^`]*)`")
)

var htmlEntities = strings.NewReplacer("&nbsp;", " ", "&amp;", "&", "&lt;", "<", "&gt;", ">", "&quot;", `"`, "&#39;", "'")

// cleanInline removes Markdown and HTML inline markup, keeping the words a reader sees. Each
// expression only runs on text containing what it needs to match: most lines have no markup.
func cleanInline(s string) string {
	if strings.Contains(s, "![") {
		s = reImage.ReplaceAllString(s, "")
	}
	if strings.Contains(s, "](") {
		s = reLink.ReplaceAllString(s, "$1")
	}
	if strings.IndexByte(s, '<') >= 0 {
		s = reTag.ReplaceAllString(s, "")
	}
	if strings.IndexByte(s, '`') >= 0 {
		s = reCode.ReplaceAllString(s, "$1")
	}
	if strings.Contains(s, "**") || strings.Contains(s, "__") {
		s = reBold.ReplaceAllString(s, "$2")
	}
	if strings.ContainsAny(s, "*_") {
		s = reItalic.ReplaceAllString(s, "$1$2$3")
	}
	if strings.IndexByte(s, '&') >= 0 {
		s = htmlEntities.Replace(s)
	}
	s = collapseSpaces(s)
	return strings.TrimSpace(s)
}

// collapseSpaces replaces each run of spaces, tabs and no-break spaces with one space (the
// regular expression `[ \t\x{00a0}]+` replaced by " ").
func collapseSpaces(s string) string {
	if strings.IndexByte(s, '\t') < 0 && strings.IndexByte(s, 0xc2) < 0 && !strings.Contains(s, "  ") {
		return s // the usual line: single spaces only
	}
	var b []byte // nil while s needs no change
	for i := 0; i < len(s); {
		if spaceAt(s, i) == 0 {
			if b != nil {
				b = append(b, s[i])
			}
			i++
			continue
		}
		j := i
		for n := spaceAt(s, j); n > 0; n = spaceAt(s, j) {
			j += n
		}
		if b == nil && (j-i != 1 || s[i] != ' ') {
			b = append(make([]byte, 0, len(s)), s[:i]...)
		}
		if b != nil {
			b = append(b, ' ')
		}
		i = j
	}
	if b == nil {
		return s
	}
	return string(b)
}

// spaceAt returns the length of the space, tab or no-break space at s[i], or 0.
func spaceAt(s string, i int) int {
	switch {
	case i >= len(s):
		return 0
	case s[i] == ' ' || s[i] == '\t':
		return 1
	case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0xa0: // U+00A0
		return 2
	}
	return 0
}

// skipSpace returns the index of the first byte of s from i on that \s (in a regular
// expression: tab, newline, form feed, carriage return or space) does not match.
func skipSpace(s string, i int) int {
	for i < len(s) {
		switch s[i] {
		case '\t', '\n', '\f', '\r', ' ':
			i++
			continue
		}
		break
	}
	return i
}

// bulletPrefix returns the length of the bullet that starts l as a list item ("- ", "* ",
// "• "…), or 0: the match of `^\s*[-*+•]\s+`.
func bulletPrefix(l string) int {
	i := skipSpace(l, 0)
	switch {
	case i < len(l) && (l[i] == '-' || l[i] == '*' || l[i] == '+'):
		i++
	case strings.HasPrefix(l[i:], "•"):
		i += len("•")
	default:
		return 0
	}
	if j := skipSpace(l, i); j > i {
		return j
	}
	return 0
}

// numberPrefix returns the length of the number that starts l as a numbered list item ("1. ",
// "12) "…) and the number, or 0: the match of `^\s*(\d{1,2})[.)]\s+` and its group.
func numberPrefix(l string) (int, string) {
	i := skipSpace(l, 0)
	j := i
	for j < len(l) && j-i < 3 && l[j] >= '0' && l[j] <= '9' {
		j++
	}
	if d := j - i; d < 1 || d > 2 || j >= len(l) || (l[j] != '.' && l[j] != ')') {
		return 0, ""
	}
	if k := skipSpace(l, j+1); k > j+1 {
		return k, l[i:j]
	}
	return 0, ""
}

// cleanBlock turns the Markdown lines of a section into plain text paragraphs and list items.
func cleanBlock(lines []string) string {
	var paras []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			paras = append(paras, strings.Join(cur, " "))
			cur = nil
		}
	}
	var items []string
	flushItems := func() {
		if len(items) > 0 {
			paras = append(paras, strings.Join(items, "\n"))
			items = nil
		}
	}
	for _, l := range lines {
		t := strings.TrimSpace(l)
		t = strings.TrimSpace(strings.TrimLeft(t, ">"))
		if t == "" || t == "---" || t == "***" || strings.Trim(t, "|-: ") == "" {
			flush()
			flushItems()
			continue
		}
		if strings.HasPrefix(t, "|") { // table row: keep the cells as a sentence
			t = strings.Trim(t, "|")
			t = strings.Join(strings.Fields(strings.ReplaceAll(t, "|", " ; ")), " ")
		}
		bullet := bulletPrefix(l)
		number, num := 0, ""
		if bullet == 0 {
			number, num = numberPrefix(l)
		}
		switch {
		case bullet > 0:
			flush()
			items = append(items, "- "+cleanInline(l[bullet:]))
		case number > 0:
			flush()
			items = append(items, num+". "+cleanInline(l[number:]))
		case len(items) > 0 && (strings.HasPrefix(l, "  ") || strings.HasPrefix(l, "\t")):
			items[len(items)-1] += " " + cleanInline(t) // continuation of a list item
		default:
			flushItems()
			cur = append(cur, cleanInline(t))
		}
	}
	flush()
	flushItems()
	var out []string
	for _, p := range paras {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}

// cutParagraphs cuts a long text on paragraph (or list item) boundaries.
func cutParagraphs(text string) []string {
	if len(text) <= chunkMax {
		return []string{text}
	}
	var blocks []string
	for _, p := range strings.Split(text, "\n\n") {
		if len(p) > chunkTarget && strings.Contains(p, "\n") {
			blocks = append(blocks, strings.Split(p, "\n")...)
			continue
		}
		blocks = append(blocks, p)
	}
	var parts []string
	var cur strings.Builder
	prevItem := false
	for _, b := range blocks {
		if cur.Len() > 0 && cur.Len()+len(b) > chunkTarget {
			parts = append(parts, cur.String())
			cur.Reset()
		}
		n, _ := numberPrefix(b)
		item := strings.HasPrefix(b, "- ") || n > 0
		if cur.Len() > 0 {
			if item && prevItem {
				cur.WriteString("\n") // the next item of the same list
			} else {
				cur.WriteString("\n\n")
			}
		}
		cur.WriteString(b)
		prevItem = item
	}
	if cur.Len() > 0 {
		parts = append(parts, cur.String())
	}
	return parts
}
