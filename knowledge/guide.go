package knowledge

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// Topics is the taxonomy of the bundled guides, in the order they are presented.
var Topics = []string{
	"demarrer", "fiche-etablissement", "site-web", "referencement", "publicite",
	"reseaux-sociaux", "avis-clients", "vente-en-ligne", "export", "juridique-rgpd",
	"cybersecurite", "outils-numeriques", "emailing", "mesure-audience", "financement",
	"accompagnement",
}

// IsTopic reports whether t is a topic of the taxonomy.
func IsTopic(t string) bool {
	for _, x := range Topics {
		if x == t {
			return true
		}
	}
	return false
}

// Guide is one page of knowledge: a bundled guide or a page loaded from a directory.
type Guide struct {
	ID       string   `json:"id"`
	Title    string   `json:"title"`
	Topic    string   `json:"topic"`
	Summary  string   `json:"summary,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	Regions  []string `json:"regions,omitempty"`
	URL      string   `json:"url,omitempty"`
	Updated  string   `json:"updated,omitempty"` // YYYY-MM-DD
	Body     string   `json:"-"`                 // Markdown, without front matter
	File     string   `json:"file,omitempty"`    // where it was read from
}

// Problem is something wrong in a guide file, named by file, line and field.
type Problem struct {
	File    string
	Line    int
	Field   string
	Message string
	// Fatal problems make the file unusable for ingestion; the others are warnings.
	Fatal bool
}

func (p Problem) Error() string {
	loc := p.File
	if p.Line > 0 {
		loc = fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	if p.Field != "" {
		return fmt.Sprintf("%s: field %q: %s", loc, p.Field, p.Message)
	}
	return fmt.Sprintf("%s: %s", loc, p.Message)
}

var slugRE = regexp.MustCompile(`^[a-z0-9]+(?:[-_][a-z0-9]+)*$`)

// ParseGuide reads a guide from a Markdown file with optional YAML front matter. A page with
// no front matter (or with missing fields) still loads: its id is its file name without
// ".md", its title its first heading, its topic empty. Problems lists what is wrong; a guide
// with a fatal problem must not be ingested.
func ParseGuide(file string, data []byte) (Guide, []Problem) {
	var probs []Problem
	add := func(line int, field, msg string, fatal bool) {
		probs = append(probs, Problem{File: file, Line: line, Field: field, Message: msg, Fatal: fatal})
	}
	if !utf8.Valid(data) {
		add(0, "", "the file is not valid UTF-8", true)
		data = bytes.ToValidUTF8(data, []byte("\uFFFD"))
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	text := strings.ReplaceAll(string(data), "\r\n", "\n")
	g := Guide{File: file}

	front, body, hasFront, bodyLine := splitFrontMatter(text)
	if hasFront && front == "\x00" {
		add(1, "", "front matter opened with --- but never closed", true)
		front, body = "", text
	}
	g.Body = body
	if hasFront && strings.TrimSpace(front) != "" {
		var doc yaml.Node
		if err := yaml.Unmarshal([]byte(front), &doc); err != nil {
			add(0, "", "front matter is not valid YAML: "+err.Error(), true)
		} else if len(doc.Content) == 1 && doc.Content[0].Kind == yaml.MappingNode {
			m := doc.Content[0]
			for i := 0; i+1 < len(m.Content); i += 2 {
				k, v := m.Content[i], m.Content[i+1]
				line := k.Line + 1 // the opening --- is line 1
				switch strings.ToLower(k.Value) {
				case "id":
					g.ID = scalar(v)
				case "title":
					g.Title = scalar(v)
				case "topic":
					g.Topic = scalar(v)
				case "summary", "description":
					g.Summary = scalar(v)
				case "keywords", "tags":
					g.Keywords = list(v)
				case "regions":
					g.Regions = list(v)
				case "url", "link", "source":
					if g.URL == "" {
						g.URL = scalar(v)
					}
				case "updated", "date", "lastmod":
					g.Updated = scalar(v)
				default:
					continue
				}
				if err := checkField(&g, strings.ToLower(k.Value)); err != "" {
					add(line, k.Value, err, true)
				}
			}
		} else if len(doc.Content) > 0 {
			add(1, "", "front matter must be a mapping of fields (key: value)", true)
		}
	}
	_ = bodyLine

	base := strings.TrimSuffix(path.Base(file), path.Ext(file))
	if g.ID == "" {
		g.ID = base
	}
	if g.Title == "" {
		g.Title = firstHeading(body)
		if g.Title == "" {
			g.Title = base
		}
	}
	if g.Topic != "" && !IsTopic(g.Topic) {
		add(0, "topic", fmt.Sprintf("%q is not a topic of the taxonomy (%s)", g.Topic, strings.Join(Topics, ", ")), false)
	}
	if strings.TrimSpace(stripHeadings(body)) == "" {
		add(0, "", "the page has no text", true)
	}
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return g, probs
}

// checkField validates one front-matter field already stored in g; it returns a message or "".
func checkField(g *Guide, field string) string {
	switch field {
	case "id":
		if !slugRE.MatchString(g.ID) {
			return fmt.Sprintf("%q is not a slug (lower-case letters, digits and hyphens)", g.ID)
		}
	case "title":
		if strings.TrimSpace(g.Title) == "" {
			return "is empty"
		}
	case "url", "link", "source":
		u, err := url.Parse(g.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Sprintf("%q is not an absolute http(s) URL", g.URL)
		}
	case "updated", "date", "lastmod":
		if t, err := time.Parse(time.RFC3339, g.Updated); err == nil {
			g.Updated = t.Format("2006-01-02") // a timestamp: keep its date
		} else if _, err := time.Parse("2006-01-02", g.Updated); err != nil {
			return fmt.Sprintf("%q is not a date (YYYY-MM-DD)", g.Updated)
		}
	}
	return ""
}

// Check returns the problems that make g unfit to be a bundled guide: every field of the
// format must be present and valid.
func (g Guide) Check() []Problem {
	var probs []Problem
	miss := func(field string) {
		probs = append(probs, Problem{File: g.File, Field: field, Message: "is required", Fatal: true})
	}
	if g.ID == "" || !slugRE.MatchString(g.ID) {
		miss("id")
	}
	if g.Title == "" {
		miss("title")
	}
	if !IsTopic(g.Topic) {
		probs = append(probs, Problem{File: g.File, Field: "topic", Message: fmt.Sprintf("%q is not a topic of the taxonomy", g.Topic), Fatal: true})
	}
	if g.Summary == "" {
		miss("summary")
	}
	if len(g.Keywords) == 0 {
		miss("keywords")
	}
	if g.URL == "" {
		miss("url")
	}
	if g.Updated == "" {
		miss("updated")
	}
	if base := strings.TrimSuffix(path.Base(g.File), ".md"); g.File != "" && base != g.ID {
		probs = append(probs, Problem{File: g.File, Field: "id", Message: fmt.Sprintf("%q does not match the file name", g.ID), Fatal: true})
	}
	return probs
}

func scalar(n *yaml.Node) string {
	switch n.Kind {
	case yaml.ScalarNode:
		return strings.TrimSpace(n.Value)
	case yaml.SequenceNode:
		return strings.Join(list(n), ", ")
	}
	return ""
}

func list(n *yaml.Node) []string {
	var out []string
	switch n.Kind {
	case yaml.SequenceNode:
		for _, c := range n.Content {
			if s := scalar(c); s != "" {
				out = append(out, s)
			}
		}
	case yaml.ScalarNode:
		for _, s := range strings.Split(n.Value, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// splitFrontMatter separates a leading "---" YAML block from the body. front is "\x00" when
// the block is never closed.
func splitFrontMatter(text string) (front, body string, has bool, bodyLine int) {
	if !strings.HasPrefix(text, "---\n") && text != "---" {
		return "", text, false, 1
	}
	if text == "---" { // opened, nothing after it
		return "\x00", text, true, 1
	}
	rest := text[4:]
	line := 2
	for off := 0; off <= len(rest); {
		end := strings.IndexByte(rest[off:], '\n')
		var l string
		if end < 0 {
			l = rest[off:]
		} else {
			l = rest[off : off+end]
		}
		if t := strings.TrimRight(l, " \t"); t == "---" || t == "..." {
			b := ""
			if end >= 0 {
				b = rest[off+end+1:]
			}
			return rest[:off], b, true, line + 1
		}
		if end < 0 {
			break
		}
		off += end + 1
		line++
	}
	return "\x00", text, true, 1
}

func firstHeading(body string) string {
	for _, l := range strings.Split(body, "\n") {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "#") {
			h := strings.TrimSpace(strings.TrimLeft(t, "#"))
			if h != "" {
				return cleanInline(h)
			}
		}
	}
	return ""
}

func stripHeadings(body string) string {
	var b strings.Builder
	for _, l := range strings.Split(body, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			b.WriteString(l)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// LoadGuides reads every *.md file under dir in fsys (recursively), in name order. It returns
// the guides that can be used and all problems found. Two files with the same id are a fatal
// problem for the second one.
func LoadGuides(fsys fs.FS, dir string) ([]Guide, []Problem, error) {
	var files []string
	err := fs.WalkDir(fsys, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && strings.EqualFold(path.Ext(p), ".md") && !strings.EqualFold(path.Base(p), "README.md") {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, nil, fmt.Errorf("list guides in %s: %w", dir, err)
	}
	sort.Strings(files)
	var guides []Guide
	var probs []Problem
	seen := map[string]string{}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, nil, fmt.Errorf("read guide %s: %w", f, err)
		}
		g, ps := ParseGuide(f, data)
		probs = append(probs, ps...)
		if hasFatal(ps) {
			continue
		}
		if prev, ok := seen[g.ID]; ok {
			probs = append(probs, Problem{File: f, Field: "id", Message: fmt.Sprintf("%q is already used by %s", g.ID, prev), Fatal: true})
			continue
		}
		seen[g.ID] = f
		guides = append(guides, g)
	}
	if len(files) == 0 {
		return nil, probs, fmt.Errorf("no Markdown guides (*.md) found in %s", dir)
	}
	return guides, probs, nil
}

func hasFatal(ps []Problem) bool {
	for _, p := range ps {
		if p.Fatal {
			return true
		}
	}
	return false
}

// FatalProblems returns the fatal problems among ps joined as one error, or nil.
func FatalProblems(ps []Problem) error {
	var errs []error
	for _, p := range ps {
		if p.Fatal {
			errs = append(errs, p)
		}
	}
	return errors.Join(errs...)
}
