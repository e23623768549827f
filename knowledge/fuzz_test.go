package knowledge

import (
	"bytes"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// FuzzParseGuide feeds any bytes to the guide parser. It must not panic; every problem names
// the file (and its field when it has one); a guide whose id is not a slug comes with a fatal
// problem about the id; a guide without fatal problems has valid fields; line endings do not
// matter; and splitting any parsed guide gives chunks of valid text with distinct, non-empty
// hashes.
func FuzzParseGuide(f *testing.F) {
	for _, s := range []string{
		fullGuide,
		"",
		"---",
		"---\n",
		"---\n---\n",
		"---\n---\n# Titre\n\nTexte.\n",
		"# Ma **belle** page\n\nDu texte.\n",
		"Juste du texte.\n",
		"---\nid: a\ntitle: T\n\nTexte sans fin.\n",
		"---\nid: a\ntitle: [pas fermé\n---\nTexte.\n",
		"---\n- a\n- b\n---\nTexte.\n",
		"---\ntitle: T\nid: Pas Un Slug\n---\nTexte.\n",
		"---\nid: [a, b]\n---\nTexte.\n",
		"---\nid: {a: b}\n---\nTexte.\n",
		"---\nid: ok\nid: Pas Bon\n---\nTexte.\n",
		"---\nID: x\nTitle: T\nURL: https://a.fr\nDate: 2026-01-02T10:00:00Z\n---\nTexte.\n",
		"---\nurl: ftp://exemple.fr\nlink: https://a.fr\nsource: /x\n---\nTexte.\n",
		"---\nupdated: 2026-13-45\n---\nTexte.\n",
		"---\ntopic: cuisine\nkeywords: a, b,, c\nregions: [Bretagne, [x]]\n---\nTexte.\n",
		"---\n&a x: *a\n---\nTexte.\n",
		"---\na: &a [*a]\n---\nTexte.\n",
		"---\n? [a, b]\n: c\n---\nTexte.\n",
		"---\nid: a\r\ntitle: T\r\n---\r\n# A\r\n\r\nTexte.\r\n",
		"\xef\xbb\xbf---\r\ntitle: T\r\nid: Pas Un Slug\r\n---\r\nTexte.\r\n",
		"# Titre\n\nTexte \xff invalide.\n",
		"# Titre\n\n## Section\n\n### Sous-section\n",
		"## Besoin d'aide ?\n\nContactez la CCI.\n",
		"Intro.\n\n```\n# pas un titre\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> cité\n\n- un\n- deux\n  suite\n1. trois\n12) quatre\n",
		"Texte.\n\nTexte.\n\n## A\n\nTexte.\n\n## A\n\nTexte.\n",
		"[lien](https://a.fr \"t\") ![img](x.png) <b>gras</b> **g** _i_ `c` &nbsp;&amp;&lt;\n",
		strings.Repeat("Un paragraphe de texte assez long pour être coupé. ", 40) + "\n\n" + strings.Repeat("- un élément de liste\n", 80),
	} {
		f.Add([]byte(s))
	}
	const file = "guides/fuzz-guide.md"
	f.Fuzz(func(t *testing.T, data []byte) {
		g, probs := ParseGuide(file, data)
		fatal := false
		fatalID := false
		for _, p := range probs {
			if p.File != file || p.Message == "" || p.Line < 0 {
				t.Errorf("problem without its file, line or message: %+v", p)
			}
			msg := p.Error()
			if !strings.HasPrefix(msg, file) || p.Field != "" && !strings.Contains(msg, `"`+p.Field+`"`) {
				t.Errorf("Error() %q does not name the file %q and field %q", msg, file, p.Field)
			}
			fatal = fatal || p.Fatal
			fatalID = fatalID || p.Fatal && strings.EqualFold(p.Field, "id")
		}
		if g.File != file {
			t.Errorf("File: got %q, want %q", g.File, file)
		}
		if !slugRE.MatchString(g.ID) && !fatalID {
			t.Errorf("id %q is not a slug and no fatal problem says so: %v", g.ID, probs)
		}
		if !fatal {
			checkUsableGuide(t, g)
		}
		if g.Topic != "" && !IsTopic(g.Topic) && !hasProblem(probs, "topic") {
			t.Errorf("topic %q outside the taxonomy without a warning: %v", g.Topic, probs)
		}
		_ = g.Check()

		// Line endings do not change what is read.
		lf := bytes.ReplaceAll(data, []byte("\r"), nil)
		crlf := bytes.ReplaceAll(lf, []byte("\n"), []byte("\r\n"))
		g1, p1 := ParseGuide(file, lf)
		g2, p2 := ParseGuide(file, crlf)
		if d := cmp.Diff(g1, g2); d != "" {
			t.Errorf("CRLF changes the guide (-LF +CRLF):\n%s", d)
		}
		if d := cmp.Diff(p1, p2); d != "" {
			t.Errorf("CRLF changes the problems (-LF +CRLF):\n%s", d)
		}

		chunks := Split(g)
		hashes := map[string]int{}
		for i, c := range chunks {
			if c.Hash == "" {
				t.Fatalf("chunk %d has no hash", i)
			}
			if j, dup := hashes[c.Hash]; dup {
				t.Errorf("chunks %d and %d share the hash %s", j, i, c.Hash)
			}
			hashes[c.Hash] = i
			if c.GuideID != g.ID || c.Ordinal != i || c.Title != g.Title {
				t.Errorf("chunk %d: guide %q ordinal %d title %q, want %q %d %q", i, c.GuideID, c.Ordinal, c.Title, g.ID, i, g.Title)
			}
			if strings.TrimSpace(c.Text) == "" || !utf8.ValidString(c.Text) || !utf8.ValidString(c.Heading) {
				t.Errorf("chunk %d: text %q heading %q", i, c.Text, c.Heading)
			}
		}
		again := Split(g)
		if len(again) != len(chunks) {
			t.Fatalf("Split is not deterministic: %d then %d chunks", len(chunks), len(again))
		}
		for i := range again {
			if again[i].Hash != chunks[i].Hash {
				t.Fatalf("Split is not deterministic: chunk %d hash %s then %s", i, chunks[i].Hash, again[i].Hash)
			}
		}
	})
}

// checkUsableGuide checks the fields of a guide that has no fatal problem.
func checkUsableGuide(t *testing.T, g Guide) {
	t.Helper()
	if strings.TrimSpace(g.Title) == "" {
		t.Errorf("usable guide without a title: %+v", g)
	}
	if strings.TrimSpace(stripHeadings(g.Body)) == "" {
		t.Errorf("usable guide without text: %q", g.Body)
	}
	if !utf8.ValidString(g.Body) || !utf8.ValidString(g.Title) || !utf8.ValidString(g.Summary) {
		t.Errorf("usable guide with invalid UTF-8: %+v", g)
	}
	if g.URL != "" {
		if u, err := url.Parse(g.URL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			t.Errorf("usable guide with URL %q", g.URL)
		}
	}
	if g.Updated != "" {
		if _, err := time.Parse("2006-01-02", g.Updated); err != nil {
			t.Errorf("usable guide with date %q", g.Updated)
		}
	}
}

func hasProblem(ps []Problem, field string) bool {
	for _, p := range ps {
		if p.Field == field {
			return true
		}
	}
	return false
}
