package knowledge

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
)

const fullGuide = `---
id: creer-fiche
title: Créer sa fiche d'établissement
topic: fiche-etablissement
summary: Les étapes pour créer votre fiche.
keywords: [fiche Google, GMB, "profil d'établissement"]
regions:
  - Bretagne
  - Normandie
url: https://support.google.com/business/?hl=fr
updated: 2026-11-20
---

# Créer sa fiche d'établissement

La fiche est gratuite.

## Les étapes

Cherchez d'abord si elle existe.
`

// fatalOnly returns the fatal problems of ps.
func fatalOnly(ps []Problem) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Fatal {
			out = append(out, p)
		}
	}
	return out
}

// problemFor returns the first problem about field, failing the test if there is none.
func problemFor(t *testing.T, ps []Problem, field string) Problem {
	t.Helper()
	for _, p := range ps {
		if p.Field == field {
			return p
		}
	}
	t.Fatalf("problems %v: got none for field %q, want one", ps, field)
	return Problem{}
}

func TestParseGuideFullFrontMatter(t *testing.T) {
	g, probs := ParseGuide("guides/creer-fiche.md", []byte(fullGuide))
	if len(probs) != 0 {
		t.Errorf("problems: got %v, want none", probs)
	}
	want := Guide{
		ID:       "creer-fiche",
		Title:    "Créer sa fiche d'établissement",
		Topic:    "fiche-etablissement",
		Summary:  "Les étapes pour créer votre fiche.",
		Keywords: []string{"fiche Google", "GMB", "profil d'établissement"},
		Regions:  []string{"Bretagne", "Normandie"},
		URL:      "https://support.google.com/business/?hl=fr",
		Updated:  "2026-11-20",
		Body:     "\n# Créer sa fiche d'établissement\n\nLa fiche est gratuite.\n\n## Les étapes\n\nCherchez d'abord si elle existe.\n",
		File:     "guides/creer-fiche.md",
	}
	if diff := cmp.Diff(want, g); diff != "" {
		t.Errorf("ParseGuide: got %+v, want %+v (-want +got):\n%s", g, want, diff)
	}
	if ps := g.Check(); len(ps) != 0 {
		t.Errorf("Check of a complete guide: got %v, want no problem", ps)
	}
}

func TestParseGuideNoFrontMatter(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		data      string
		wantID    string
		wantTitle string
	}{
		{"title from the first heading", "pages/ma-page.md", "# Ma **belle** page\n\nDu texte.\n", "ma-page", "Ma belle page"},
		{"first heading of any level", "ma-page.md", "Intro.\n\n## Sous-titre\n\nTexte.\n", "ma-page", "Sous-titre"},
		{"no heading: title from the file name", "a/b/sans-titre.md", "Juste du texte.\n", "sans-titre", "sans-titre"},
		{"empty front matter", "vide.md", "---\n---\n# Titre\n\nTexte.\n", "vide", "Titre"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, probs := ParseGuide(tt.file, []byte(tt.data))
			if fs := fatalOnly(probs); len(fs) != 0 {
				t.Errorf("fatal problems: got %v, want none", fs)
			}
			if g.ID != tt.wantID || g.Title != tt.wantTitle || g.Topic != "" {
				t.Errorf("got id %q title %q topic %q, want id %q title %q topic \"\"", g.ID, g.Title, g.Topic, tt.wantID, tt.wantTitle)
			}
			if g.File != tt.file {
				t.Errorf("File: got %q, want %q", g.File, tt.file)
			}
		})
	}
}

func TestParseGuideFatal(t *testing.T) {
	tests := []struct {
		name      string
		data      string
		wantField string
		wantLine  int
		wantInMsg string
	}{
		{"unclosed front matter", "---\nid: a\ntitle: T\n\nTexte sans fin.\n", "", 1, "never closed"},
		{"invalid YAML", "---\nid: a\ntitle: [pas fermé\n---\nTexte.\n", "", 0, "not valid YAML"},
		{"front matter not a mapping", "---\n- a\n- b\n---\nTexte.\n", "", 1, "mapping"},
		{"id not a slug", "---\ntitle: T\nid: Pas Un Slug\n---\nTexte.\n", "id", 3, "not a slug"},
		{"id with accents", "---\nid: créer-fiche\n---\nTexte.\n", "id", 2, "not a slug"},
		{"url not http", "---\nurl: ftp://exemple.fr\n---\nTexte.\n", "url", 2, "http(s) URL"},
		{"url relative", "---\nurl: /guides/a\n---\nTexte.\n", "url", 2, "http(s) URL"},
		{"link alias checked", "---\nid: a\nlink: exemple.fr\n---\nTexte.\n", "link", 3, "http(s) URL"},
		{"date not a date", "---\nupdated: 20 novembre 2026\n---\nTexte.\n", "updated", 2, "not a date"},
		{"date out of range", "---\nupdated: 2026-13-45\n---\nTexte.\n", "updated", 2, "not a date"},
		{"date with a typo", "---\nupdated: 2026-01-011\n---\nTexte.\n", "updated", 2, "not a date"},
		{"date alias checked", "---\nid: a\n\ndate: hier\n---\nTexte.\n", "date", 4, "not a date"},
		{"empty title", "---\ntitle: \"\"\n---\n# Titre\n\nTexte.\n", "title", 2, "empty"},
		{"no text", "---\nid: a\ntitle: T\n---\n", "", 0, "no text"},
		{"only headings", "# Titre\n\n## Section\n\n### Sous-section\n", "", 0, "no text"},
		{"invalid UTF-8", "# Titre\n\nTexte \xff invalide.\n", "", 0, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const file = "guides/a.md"
			_, probs := ParseGuide(file, []byte(tt.data))
			fatal := fatalOnly(probs)
			if len(fatal) != 1 {
				t.Fatalf("fatal problems: got %v, want exactly one", fatal)
			}
			p := fatal[0]
			if p.File != file || p.Field != tt.wantField || p.Line != tt.wantLine || !strings.Contains(p.Message, tt.wantInMsg) {
				t.Errorf("got %+v, want file %q field %q line %d and a message containing %q", p, file, tt.wantField, tt.wantLine, tt.wantInMsg)
			}
			msg := p.Error()
			if !strings.Contains(msg, file) {
				t.Errorf("Error(): got %q, want it to name the file %q", msg, file)
			}
			if tt.wantLine > 0 {
				loc := file + ":" + itoa(tt.wantLine)
				if !strings.HasPrefix(msg, loc+":") {
					t.Errorf("Error(): got %q, want it to start with %q", msg, loc)
				}
			}
			if tt.wantField != "" && !strings.Contains(msg, `"`+tt.wantField+`"`) {
				t.Errorf("Error(): got %q, want it to name the field %q", msg, tt.wantField)
			}
			if err := FatalProblems(probs); err == nil || !strings.Contains(err.Error(), tt.wantInMsg) {
				t.Errorf("FatalProblems: got %v, want an error containing %q", err, tt.wantInMsg)
			}
		})
	}
}

func TestParseGuideUnknownTopicIsAWarning(t *testing.T) {
	_, probs := ParseGuide("a.md", []byte("---\nid: a\ntopic: cuisine\n---\n# A\n\nTexte.\n"))
	p := problemFor(t, probs, "topic")
	if p.Fatal {
		t.Errorf("unknown topic: got a fatal problem %v, want a warning", p)
	}
	if !strings.Contains(p.Message, `"cuisine"`) {
		t.Errorf("message: got %q, want it to quote the topic", p.Message)
	}
	if err := FatalProblems(probs); err != nil {
		t.Errorf("FatalProblems: got %v, want nil for warnings only", err)
	}
}

func TestParseGuideAliases(t *testing.T) {
	tests := []struct {
		name string
		data string
		want Guide
	}{
		{
			name: "tags and description",
			data: "---\ntags: [SEO, référencement]\ndescription: Un résumé.\n---\nTexte.\n",
			want: Guide{Summary: "Un résumé.", Keywords: []string{"SEO", "référencement"}},
		},
		{
			name: "keywords as a comma-separated string",
			data: "---\nkeywords: fiche Google, GMB ,  ,avis\n---\nTexte.\n",
			want: Guide{Keywords: []string{"fiche Google", "GMB", "avis"}},
		},
		{
			name: "source and lastmod",
			data: "---\nsource: https://exemple.fr/a\nlastmod: 2025-02-03\n---\nTexte.\n",
			want: Guide{URL: "https://exemple.fr/a", Updated: "2025-02-03"},
		},
		{
			name: "first url field wins",
			data: "---\nurl: https://exemple.fr/premier\nlink: https://exemple.fr/second\n---\nTexte.\n",
			want: Guide{URL: "https://exemple.fr/premier"},
		},
		{
			name: "date with a time keeps the day",
			data: "---\ndate: 2026-01-02T10:00:00Z\n---\nTexte.\n",
			want: Guide{Updated: "2026-01-02"},
		},
		{
			name: "field names are case-insensitive",
			data: "---\nTitle: Le titre\nTopic: export\n---\nTexte.\n",
			want: Guide{Title: "Le titre", Topic: "export"},
		},
		{
			name: "unknown fields ignored",
			data: "---\nauteur: Anne\nlayout: page\n---\nTexte.\n",
			want: Guide{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, probs := ParseGuide("x.md", []byte(tt.data))
			if len(probs) != 0 {
				t.Errorf("problems: got %v, want none", probs)
			}
			got := Guide{Title: g.Title, Topic: g.Topic, Summary: g.Summary, Keywords: g.Keywords, URL: g.URL, Updated: g.Updated}
			if tt.want.Title == "" {
				got.Title = "" // defaulted from the file name; not what this case checks
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("got %+v, want %+v (-want +got):\n%s", got, tt.want, diff)
			}
		})
	}
}

func TestParseGuideBOMAndCRLF(t *testing.T) {
	lf := []byte(fullGuide)
	crlf := []byte("\xef\xbb\xbf" + strings.ReplaceAll(fullGuide, "\n", "\r\n"))
	want, wantProbs := ParseGuide("creer-fiche.md", lf)
	got, gotProbs := ParseGuide("creer-fiche.md", crlf)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("BOM and CRLF: got %+v, want the same guide as with LF (-want +got):\n%s", got, diff)
	}
	if len(gotProbs) != 0 || len(wantProbs) != 0 {
		t.Errorf("problems: got %v with CRLF and %v with LF, want none", gotProbs, wantProbs)
	}
	if strings.ContainsAny(got.Body, "\r\ufeff") {
		t.Errorf("Body: got %q, want no carriage return or BOM", got.Body)
	}

	// line numbers still count from the first line of the file
	_, probs := ParseGuide("a.md", []byte("\xef\xbb\xbf---\r\ntitle: T\r\nid: Pas Un Slug\r\n---\r\nTexte.\r\n"))
	if p := problemFor(t, probs, "id"); p.Line != 3 {
		t.Errorf("line of the bad id: got %d, want 3", p.Line)
	}
}

func TestProblemError(t *testing.T) {
	tests := []struct {
		p    Problem
		want string
	}{
		{Problem{File: "a.md", Line: 3, Field: "id", Message: "is bad"}, `a.md:3: field "id": is bad`},
		{Problem{File: "a.md", Field: "topic", Message: "is bad"}, `a.md: field "topic": is bad`},
		{Problem{File: "a.md", Line: 1, Message: "never closed"}, `a.md:1: never closed`},
		{Problem{File: "a.md", Message: "no text"}, `a.md: no text`},
	}
	for _, tt := range tests {
		if got := tt.p.Error(); got != tt.want {
			t.Errorf("Error(): got %q, want %q", got, tt.want)
		}
	}
}

func TestFatalProblems(t *testing.T) {
	if err := FatalProblems(nil); err != nil {
		t.Errorf("FatalProblems(nil): got %v, want nil", err)
	}
	warn := Problem{File: "a.md", Field: "topic", Message: "unknown"}
	f1 := Problem{File: "a.md", Line: 2, Field: "id", Message: "bad id", Fatal: true}
	f2 := Problem{File: "b.md", Message: "no text", Fatal: true}
	err := FatalProblems([]Problem{warn, f1, f2})
	if err == nil {
		t.Fatal("FatalProblems: got nil, want an error")
	}
	if msg := err.Error(); strings.Contains(msg, "unknown") || !strings.Contains(msg, "bad id") || !strings.Contains(msg, "no text") {
		t.Errorf("FatalProblems: got %q, want both fatal problems and not the warning", msg)
	}
	var p Problem
	if !errors.As(err, &p) || p != f1 {
		t.Errorf("errors.As: got %+v, want the first fatal problem %+v", p, f1)
	}
}

func TestIsTopic(t *testing.T) {
	for _, topic := range Topics {
		if !IsTopic(topic) {
			t.Errorf("IsTopic(%q): got false, want true", topic)
		}
	}
	for _, topic := range []string{"", "cuisine", "Export", "site web"} {
		if IsTopic(topic) {
			t.Errorf("IsTopic(%q): got true, want false", topic)
		}
	}
}

func guideFile(id, title string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte("---\nid: " + id + "\ntitle: " + title + "\n---\n# " + title + "\n\nDu texte.\n")}
}

func TestLoadGuides(t *testing.T) {
	fsys := fstest.MapFS{
		"kb/b.md":              guideFile("b", "Guide B"),
		"kb/a.md":              guideFile("a", "Guide A"),
		"kb/sub/deep/c.md":     guideFile("c", "Guide C"),
		"kb/sub/D.MD":          guideFile("d", "Guide D"),
		"kb/README.md":         {Data: []byte("# Lisez-moi\n\nCe dossier contient les guides.\n")},
		"kb/sub/readme.md":     {Data: []byte("# Lisez-moi\n\nAutre.\n")},
		"kb/notes.txt":         {Data: []byte("pas un guide")},
		"kb/image.png":         {Data: []byte{0x89, 'P', 'N', 'G'}},
		"kb/sub/dup.md":        guideFile("a", "Doublon de A"),
		"kb/sub/warn.md":       {Data: []byte("---\ntopic: cuisine\n---\nTexte.\n")},
		"kb/sub/broken.md":     {Data: []byte("---\nid: x\n\nTexte.\n")},
		"elsewhere/ignored.md": guideFile("z", "Hors du dossier"),
	}
	guides, probs, err := LoadGuides(fsys, "kb")
	if err != nil {
		t.Fatalf("LoadGuides: got error %v, want none", err)
	}
	var ids, files []string
	for _, g := range guides {
		ids = append(ids, g.ID)
		files = append(files, g.File)
	}
	// name order, recursively; README, non-Markdown, broken and duplicate files left out;
	// a warning does not exclude a guide
	wantIDs := []string{"a", "b", "d", "c", "warn"}
	wantFiles := []string{"kb/a.md", "kb/b.md", "kb/sub/D.MD", "kb/sub/deep/c.md", "kb/sub/warn.md"}
	if diff := cmp.Diff(wantIDs, ids); diff != "" {
		t.Errorf("ids: got %q, want %q (-want +got):\n%s", ids, wantIDs, diff)
	}
	if diff := cmp.Diff(wantFiles, files); diff != "" {
		t.Errorf("files: got %q, want %q (-want +got):\n%s", files, wantFiles, diff)
	}

	type key struct {
		File, Field string
		Fatal       bool
	}
	var got []key
	for _, p := range probs {
		got = append(got, key{p.File, p.Field, p.Fatal})
	}
	want := []key{
		{"kb/sub/broken.md", "", true},
		{"kb/sub/dup.md", "id", true},
		{"kb/sub/warn.md", "topic", false},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("problems: got %v, want %v (-want +got):\n%s", probs, want, diff)
	}
	dup := problemFor(t, probs, "id")
	if !strings.Contains(dup.Message, "kb/a.md") || !strings.Contains(dup.Message, `"a"`) {
		t.Errorf("duplicate id: got %q, want it to name the id and the first file", dup.Message)
	}
}

func TestLoadGuidesErrors(t *testing.T) {
	tests := []struct {
		name string
		fsys fstest.MapFS
		dir  string
		want string
	}{
		{"no Markdown file", fstest.MapFS{"kb/README.md": {Data: []byte("# R\n\nx\n")}, "kb/a.txt": {Data: []byte("x")}}, "kb", "no Markdown guides"},
		{"missing directory", fstest.MapFS{"kb/a.md": guideFile("a", "A")}, "absent", "absent"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			guides, _, err := LoadGuides(tt.fsys, tt.dir)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadGuides: got error %v, want one containing %q", err, tt.want)
			}
			if len(guides) != 0 {
				t.Errorf("LoadGuides: got %d guides, want none", len(guides))
			}
		})
	}
}

func TestGuideCheck(t *testing.T) {
	full, probs := ParseGuide("guides/creer-fiche.md", []byte(fullGuide))
	if len(probs) != 0 {
		t.Fatalf("ParseGuide: got %v, want no problem", probs)
	}
	tests := []struct {
		name   string
		edit   func(g *Guide)
		fields []string
	}{
		{"complete bundled-style guide", func(g *Guide) {}, nil},
		{"no file: no name check", func(g *Guide) { g.File = "" }, nil},
		{"missing summary", func(g *Guide) { g.Summary = "" }, []string{"summary"}},
		{"missing keywords", func(g *Guide) { g.Keywords = nil }, []string{"keywords"}},
		{"missing url and date", func(g *Guide) { g.URL, g.Updated = "", "" }, []string{"url", "updated"}},
		{"no topic", func(g *Guide) { g.Topic = "" }, []string{"topic"}},
		{"unknown topic", func(g *Guide) { g.Topic = "cuisine" }, []string{"topic"}},
		{"id not matching the file name", func(g *Guide) { g.ID = "autre-id" }, []string{"id"}},
		{"bad id", func(g *Guide) { g.ID = "Créer Fiche" }, []string{"id", "id"}},
		{"page parsed without front matter", func(g *Guide) {
			*g = Guide{ID: "creer-fiche", Title: "Titre", File: "guides/creer-fiche.md"}
		}, []string{"topic", "summary", "keywords", "url", "updated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := full
			g.Keywords = append([]string(nil), full.Keywords...)
			tt.edit(&g)
			var fields []string
			for _, p := range g.Check() {
				if !p.Fatal {
					t.Errorf("Check: got non-fatal problem %v, want every problem fatal", p)
				}
				fields = append(fields, p.Field)
			}
			if diff := cmp.Diff(tt.fields, fields); diff != "" {
				t.Errorf("Check fields: got %q, want %q (-want +got):\n%s", fields, tt.fields, diff)
			}
		})
	}
}
