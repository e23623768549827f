package knowledge

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// testGuide is a small guide in the bundled format.
func testGuide(body string) Guide {
	return Guide{
		ID:       "creer-fiche",
		Title:    "Créer sa fiche Google",
		Topic:    "fiche-etablissement",
		Summary:  "Les étapes pour créer votre fiche.",
		Keywords: []string{"GMB", "profil d'établissement"},
		URL:      "https://exemple.fr/fiche",
		Body:     body,
	}
}

type headingText struct {
	Heading, Text string
}

func headingsAndTexts(cs []Chunk) []headingText {
	out := make([]headingText, len(cs))
	for i, c := range cs {
		out[i] = headingText{c.Heading, c.Text}
	}
	return out
}

func TestSplitSections(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []headingText
	}{
		{
			name: "one chunk per section, title skipped",
			body: "# Créer sa fiche Google\n\nUne introduction.\n\n## Première étape\n\nTexte un.\n\n## Deuxième étape\n\nTexte deux.\n",
			want: []headingText{{"", "Une introduction."}, {"Première étape", "Texte un."}, {"Deuxième étape", "Texte deux."}},
		},
		{
			name: "no introduction",
			body: "# Titre\n\n## A\n\nTexte A.\n",
			want: []headingText{{"A", "Texte A."}},
		},
		{
			name: "subsections named H2 — H3",
			body: "## Validation\n\nIntro.\n\n### Par SMS\n\nUn code.\n\n### Par vidéo\n\nUne vidéo.\n\n## Après\n\nFin.\n",
			want: []headingText{
				{"Validation", "Intro."},
				{"Validation — Par SMS", "Un code."},
				{"Validation — Par vidéo", "Une vidéo."},
				{"Après", "Fin."},
			},
		},
		{
			name: "H3 without H2",
			body: "### Seul\n\nTexte.\n",
			want: []headingText{{"Seul", "Texte."}},
		},
		{
			name: "heading markup cleaned",
			body: "## Les **bons** réflexes ##\n\nTexte.\n",
			want: []headingText{{"Les bons réflexes", "Texte."}},
		},
		{
			name: "section with only a subsection",
			body: "## Parent\n\n### Enfant\n\nTexte.\n",
			want: []headingText{{"Parent — Enfant", "Texte."}},
		},
		{
			name: "closing section not indexed",
			body: "## Étapes\n\nTexte.\n\n## Besoin d'aide ?\n\nRéservez un coach.\n",
			want: []headingText{{"Étapes", "Texte."}},
		},
		{
			name: "closing section with typographic apostrophe and no space",
			body: "## Étapes\n\nTexte.\n\n## Besoin d’aide?\n\nRéservez un coach.\n",
			want: []headingText{{"Étapes", "Texte."}},
		},
		{
			name: "closing section in capitals",
			body: "## Étapes\n\nTexte.\n\n## BESOIN D'AIDE\n\nRéservez un coach.\n",
			want: []headingText{{"Étapes", "Texte."}},
		},
		{
			name: "a section about help is indexed",
			body: "## Besoin d'aide pour la validation\n\nAppelez Google.\n",
			want: []headingText{{"Besoin d'aide pour la validation", "Appelez Google."}},
		},
		{
			name: "empty sections dropped",
			body: "## Vide\n\n## Plein\n\nTexte.\n\n## Vide aussi\n\n   \n",
			want: []headingText{{"Plein", "Texte."}},
		},
		{
			name: "headings inside code fences are text, fences dropped",
			body: "## Exemple\n\nAvant.\n\n```\n# pas un titre\n```\n\nAprès.\n",
			want: []headingText{{"Exemple", "Avant.\n\n# pas un titre\n\nAprès."}},
		},
		{
			name: "hash without space is not a heading",
			body: "## Tags\n\n#commerce et #local\n",
			want: []headingText{{"Tags", "#commerce et #local"}},
		},
		{
			name: "second H1 after text starts a section",
			body: "# Titre\n\nIntro.\n\n# Autre partie\n\nTexte.\n",
			want: []headingText{{"", "Intro."}, {"Autre partie", "Texte."}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Split(testGuide(tt.body))
			got := headingsAndTexts(cs)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Split: got %+v, want %+v (-want +got):\n%s", got, tt.want, diff)
			}
			for i, c := range cs {
				if c.Ordinal != i {
					t.Errorf("chunk %d: got ordinal %d, want %d", i, c.Ordinal, i)
				}
			}
		})
	}
}

func TestSplitCopiesGuideFields(t *testing.T) {
	g := testGuide("## A\n\nTexte.\n")
	cs := Split(g)
	if len(cs) != 1 {
		t.Fatalf("got %d chunks, want 1", len(cs))
	}
	c := cs[0]
	got := Chunk{GuideID: c.GuideID, Title: c.Title, Topic: c.Topic, URL: c.URL, Keywords: c.Keywords}
	want := Chunk{GuideID: g.ID, Title: g.Title, Topic: g.Topic, URL: g.URL, Keywords: g.Keywords}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("chunk fields: got %+v, want %+v (-want +got):\n%s", got, want, diff)
	}
	if key := c.Key(); key != "creer-fiche#0" {
		t.Errorf("Key: got %q, want %q", key, "creer-fiche#0")
	}
}

func TestSplitCleansMarkup(t *testing.T) {
	tests := []struct {
		name string
		md   string
		want string
	}{
		{"bold", "Une fiche **gratuite** et __simple__.", "Une fiche gratuite et simple."},
		{"italic", "Une fiche *gratuite* et _simple_.", "Une fiche gratuite et simple."},
		{"snake_case kept", "La variable mot_de_passe reste.", "La variable mot_de_passe reste."},
		{"link to text", "Voir [le site officiel](https://exemple.fr) ici.", "Voir le site officiel ici."},
		{"link with title", `Voir [la page](https://exemple.fr "Titre") ici.`, "Voir la page ici."},
		{"image removed", "Avant ![capture d'écran](img/a.png) après.", "Avant après."},
		{"inline code", "Tapez `site:exemple.fr` dans Google.", "Tapez site:exemple.fr dans Google."},
		{"HTML tags", "Un <b>mot</b> et <br/> une <a href=\"x\">ancre</a>.", "Un mot et une ancre."},
		{"HTML entities", "Dupont &amp; fils&nbsp;: 5 &lt; 6", "Dupont & fils : 5 < 6"},
		{"blockquote", "> Une citation.", "Une citation."},
		{"lines of a paragraph joined", "Une ligne\net la suite.", "Une ligne et la suite."},
		{"paragraphs separated by a blank line", "Un.\n\nDeux.", "Un.\n\nDeux."},
		{"horizontal rule", "Un.\n\n---\n\nDeux.", "Un.\n\nDeux."},
		{"bullets as - lines", "- un\n* deux\n+ trois\n• quatre", "- un\n- deux\n- trois\n- quatre"},
		{"numbered as 1. lines", "1. un\n2) deux\n10. dix", "1. un\n2. deux\n10. dix"},
		{"list items cleaned", "- un **gras** et [lien](https://x.fr)", "- un gras et lien"},
		{"list item continuation", "- un début\n  et sa suite\n- deux", "- un début et sa suite\n- deux"},
		{"list then paragraph", "Intro :\n\n- a\n- b\n\nConclusion.", "Intro :\n\n- a\n- b\n\nConclusion."},
		{"list right after a paragraph line", "Intro :\n- a\n- b", "Intro :\n\n- a\n- b"},
		{"table rows as sentences", "| Outil | Prix |\n|---|---|\n| Canva | 0 € |", "Outil ; Prix\n\nCanva ; 0 €"},
		{"spaces collapsed", "Trop    d'espaces\tici.", "Trop d'espaces ici."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cs := Split(testGuide("## Section\n\n" + tt.md + "\n"))
			if len(cs) != 1 {
				t.Fatalf("got %d chunks %+v, want 1", len(cs), headingsAndTexts(cs))
			}
			if got := cs[0].Text; got != tt.want {
				t.Errorf("text of %q: got %q, want %q", tt.md, got, tt.want)
			}
		})
	}
}

// paragraph returns a paragraph of about n characters, numbered so that paragraphs differ.
func paragraph(i, n int) string {
	s := fmt.Sprintf("Paragraphe %d.", i)
	for len(s) < n {
		s += " Une phrase de remplissage sur le référencement."
	}
	return s
}

func TestSplitLongSections(t *testing.T) {
	tests := []struct {
		name       string
		paragraphs []string
		wantChunks int
	}{
		{"short section stays whole", []string{paragraph(0, 300), paragraph(1, 300)}, 1},
		{"section of about 1,300 characters stays whole", []string{paragraph(0, 600), paragraph(1, 600)}, 1},
		{"long section cut", []string{paragraph(0, 400), paragraph(1, 400), paragraph(2, 400), paragraph(3, 400), paragraph(4, 400)}, 3},
		{"very long section cut", func() []string {
			var ps []string
			for i := 0; i < 20; i++ {
				ps = append(ps, paragraph(i, 250))
			}
			return ps
		}(), 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := strings.Join(tt.paragraphs, "\n\n")
			cs := Split(testGuide("## Longue section\n\n" + text + "\n"))
			if tt.wantChunks > 0 && len(cs) != tt.wantChunks {
				t.Errorf("got %d chunks, want %d", len(cs), tt.wantChunks)
			}
			if len(text) > chunkMax && len(cs) < 2 {
				t.Errorf("section of %d characters: got %d chunk, want it cut", len(text), len(cs))
			}
			var parts []string
			for i, c := range cs {
				if c.Heading != "Longue section" {
					t.Errorf("chunk %d: got heading %q, want %q", i, c.Heading, "Longue section")
				}
				if len(c.Text) > chunkMax {
					t.Errorf("chunk %d: got %d characters, want at most %d", i, len(c.Text), chunkMax)
				}
				// cut on paragraph boundaries: every paragraph of a chunk is a whole paragraph
				for _, p := range strings.Split(c.Text, "\n\n") {
					if !slices.Contains(tt.paragraphs, p) {
						t.Errorf("chunk %d: got a piece %.40q… that is not a whole paragraph", i, p)
					}
				}
				parts = append(parts, c.Text)
			}
			if got := strings.Join(parts, "\n\n"); got != text {
				t.Errorf("chunks joined: got %d characters, want the %d of the section, in order", len(got), len(text))
			}
		})
	}
}

// A long list is cut between its items, never inside one, and keeps each item on its line.
func TestSplitLongList(t *testing.T) {
	var items []string
	for i := 0; i < 30; i++ {
		items = append(items, "- "+paragraph(i, 80))
	}
	cs := Split(testGuide("## Liste\n\n" + strings.Join(items, "\n") + "\n"))
	if len(cs) < 2 {
		t.Fatalf("list of %d items: got %d chunk, want it cut", len(items), len(cs))
	}
	var got []string
	for i, c := range cs {
		if len(c.Text) > chunkMax {
			t.Errorf("chunk %d: got %d characters, want at most %d", i, len(c.Text), chunkMax)
		}
		got = append(got, strings.Split(c.Text, "\n")...)
	}
	if diff := cmp.Diff(items, got); diff != "" {
		t.Errorf("list items: got %d lines, want the %d items in order (-want +got):\n%s", len(got), len(items), diff)
	}
}

func TestSplitHashes(t *testing.T) {
	const body = "# Titre\n\nIntro.\n\n## A\n\nTexte A.\n\n## B\n\nTexte B.\n"
	base := Split(testGuide(body))
	again := Split(testGuide(body))
	if diff := cmp.Diff(base, again); diff != "" {
		t.Fatalf("two splits of the same guide differ (-first +second):\n%s", diff)
	}
	seen := map[string]int{}
	for i, c := range base {
		if len(c.Hash) != 32 || strings.Trim(c.Hash, "0123456789abcdef") != "" {
			t.Errorf("chunk %d: got hash %q, want 32 hex digits", i, c.Hash)
		}
		if j, ok := seen[c.Hash]; ok {
			t.Errorf("chunks %d and %d: got the same hash %s, want distinct", j, i, c.Hash)
		}
		seen[c.Hash] = i
	}

	tests := []struct {
		name    string
		edit    func(g *Guide)
		changed []bool // which of the three chunks change hash
	}{
		{"nothing", func(g *Guide) {}, []bool{false, false, false}},
		{"text of one section", func(g *Guide) { g.Body = strings.Replace(g.Body, "Texte A.", "Texte A modifié.", 1) }, []bool{false, true, false}},
		{"heading of one section", func(g *Guide) { g.Body = strings.Replace(g.Body, "## B", "## B bis", 1) }, []bool{false, false, true}},
		{"title", func(g *Guide) { g.Title = "Autre titre" }, []bool{true, true, true}},
		{"topic", func(g *Guide) { g.Topic = "referencement" }, []bool{true, true, true}},
		{"url", func(g *Guide) { g.URL = "https://exemple.fr/autre" }, []bool{true, true, true}},
		{"summary", func(g *Guide) { g.Summary = "Autre résumé." }, []bool{true, true, true}},
		{"keywords", func(g *Guide) { g.Keywords = []string{"GMB"} }, []bool{true, true, true}},
		{"id", func(g *Guide) { g.ID = "autre" }, []bool{true, true, true}},
		{"page title line only", func(g *Guide) { g.Body = strings.Replace(g.Body, "# Titre", "# Autre", 1) }, []bool{false, false, false}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := testGuide(body)
			tt.edit(&g)
			cs := Split(g)
			if len(cs) != len(base) {
				t.Fatalf("got %d chunks, want %d", len(cs), len(base))
			}
			for i := range cs {
				if got := cs[i].Hash != base[i].Hash; got != tt.changed[i] {
					t.Errorf("chunk %d: got hash changed %v, want %v", i, got, tt.changed[i])
				}
			}
		})
	}
}

func TestSplitDuplicatePassages(t *testing.T) {
	const body = "## Rappel\n\nSauvegardez vos données.\n\n## Autre\n\nTexte.\n\n## Rappel\n\nSauvegardez vos données.\n"
	cs := Split(testGuide(body))
	if len(cs) != 3 {
		t.Fatalf("got %d chunks, want 3", len(cs))
	}
	if cs[0].Hash == cs[2].Hash {
		t.Errorf("repeated passage: got the same hash %q twice, want distinct hashes", cs[0].Hash)
	}
	if cs2 := Split(testGuide(body)); !cmp.Equal(hashes(cs), hashes(cs2)) {
		t.Errorf("hashes of repeated passages: got %q then %q, want stable", hashes(cs), hashes(cs2))
	}
	// three times the same passage: three hashes and three ids (both are keys in PostgreSQL)
	three := Split(testGuide(strings.Repeat("## Rappel\n\nSauvegardez vos données.\n\n", 3)))
	hs, ids := map[string]bool{}, map[int64]bool{}
	for _, c := range three {
		hs[c.Hash], ids[c.ID()] = true, true
	}
	if len(three) != 3 || len(hs) != 3 || len(ids) != 3 {
		t.Errorf("three repeated passages: got %d chunks, %d hashes, %d ids, want 3 of each", len(three), len(hs), len(ids))
	}
}

func hashes(cs []Chunk) []string {
	var out []string
	for _, c := range cs {
		out = append(out, c.Hash)
	}
	return out
}

func TestChunkID(t *testing.T) {
	tests := []struct {
		hash string
		want int64
	}{
		{"", 0},
		{"0", 0},
		{"1", 1},
		{"ff", 255},
		{"00000000000000a", 10},
		{"fffffffffffffff", 1<<60 - 1},
		{"fffffffffffffff0123", 1<<60 - 1}, // only the first 15 digits count
	}
	for _, tt := range tests {
		if got := (Chunk{Hash: tt.hash}).ID(); got != tt.want {
			t.Errorf("ID of hash %q: got %d, want %d", tt.hash, got, tt.want)
		}
	}

	cs := Split(testGuide("## A\n\nTexte A.\n\n## B\n\nTexte B.\n"))
	for i, c := range cs {
		if c.ID() <= 0 {
			t.Errorf("chunk %d: got id %d, want a positive id", i, c.ID())
		}
		if other := (Chunk{GuideID: "autre", Hash: c.Hash}); other.ID() != c.ID() {
			t.Errorf("chunk %d: got id %d for another chunk with the same hash, want %d", i, other.ID(), c.ID())
		}
	}
	if cs[0].ID() == cs[1].ID() {
		t.Errorf("got the same id %d for two different chunks, want distinct", cs[0].ID())
	}
}

func TestSplitTerms(t *testing.T) {
	cs := Split(testGuide("# Titre\n\nBienvenue.\n\n## Validation par vidéo\n\nFilmez votre vitrine.\n"))
	if len(cs) != 2 {
		t.Fatalf("got %d chunks, want 2", len(cs))
	}
	titleTerms := Terms("Créer sa fiche Google")
	tests := []struct {
		chunk int
		want  []string // each must be a term of the chunk
		not   []string
	}{
		{0, append(append([]string{"bienvenu", "etap"}, titleTerms...), "gmb", "profil", "etabl", "_fiche"), []string{"video", "film"}},
		{1, append(append([]string{"valid", "_valider", "video", "film", "vitrin"}, titleTerms...), "gmb"), []string{"bienvenu", "etap"}},
	}
	for _, tt := range tests {
		terms := cs[tt.chunk].Terms
		for _, w := range tt.want {
			if !slices.Contains(terms, w) {
				t.Errorf("chunk %d: got terms %q, want %q among them", tt.chunk, terms, w)
			}
		}
		for _, w := range tt.not {
			if slices.Contains(terms, w) {
				t.Errorf("chunk %d: got terms %q, want no %q", tt.chunk, terms, w)
			}
		}
	}
	// title and heading count more than a word of the text
	count := func(ts []string, x string) int {
		n := 0
		for _, t := range ts {
			if t == x {
				n++
			}
		}
		return n
	}
	if n := count(cs[1].Terms, "googl"); n < 2 {
		t.Errorf("title term %q: got %d occurrences, want at least 2", "googl", n)
	}
	if h, w := count(cs[1].Terms, "video"), count(cs[1].Terms, "vitrin"); h <= w {
		t.Errorf("heading term %q: got %d occurrences, text term %q %d, want the heading term weighted more", "video", h, "vitrin", w)
	}
}

func TestEmbedText(t *testing.T) {
	tests := []struct {
		c    Chunk
		want string
	}{
		{Chunk{Title: "T", Text: "Texte."}, "T. Texte."},
		{Chunk{Title: "T", Heading: "H", Text: "Texte."}, "T. H. Texte."},
		{Chunk{Title: "T", Heading: "H", Keywords: []string{"a", "b"}, Text: "Texte."}, "T. H. a, b. Texte."},
	}
	for _, tt := range tests {
		if got := tt.c.EmbedText(); got != tt.want {
			t.Errorf("EmbedText: got %q, want %q", got, tt.want)
		}
	}
}

func TestItoa(t *testing.T) {
	for _, n := range []int{0, 1, 9, 10, 42, 1234567, -1, -305} {
		if got, want := itoa(n), fmt.Sprint(n); got != want {
			t.Errorf("itoa(%d): got %q, want %q", n, got, want)
		}
	}
}

// Cards: the level-3 headings of "Questions fréquentes" stand alone as questions, their
// "Formulations :" line becomes Asks (matched, embedded, hashed, never quoted), and a
// formulations line anywhere but at the top of a section is ordinary text.
func TestSplitCards(t *testing.T) {
	body := "# T\n\nIntro.\n\n## Combien ça coûte ?\n\nRien.\n\n## Questions fréquentes\n\n" +
		"### La fiche est-elle payante ?\n\nFormulations : c'est payant ; faut-il *payer* pour être sur maps ;  ; google c gratuit\n\nNon, elle est gratuite.\n\n" +
		"### Comment la créer ?\n\nEn trois étapes :\n1. Cherchez.\n2. Créez.\n3. Validez.\n\nFormulations : pas en tête\n\n" +
		"## Besoin d'aide ?\n\nUn coach.\n"
	cs := Split(testGuide(body))
	got := headingsAndTexts(cs)
	want := []headingText{
		{"", "Intro."},
		{"Combien ça coûte ?", "Rien."},
		{"La fiche est-elle payante ?", "Non, elle est gratuite."},
		{"Comment la créer ?", "En trois étapes :\n\n1. Cherchez.\n2. Créez.\n3. Validez.\n\nFormulations : pas en tête"},
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Fatalf("chunks (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"c'est payant", "faut-il payer pour être sur maps", "google c gratuit"}, cs[2].Asks); d != "" {
		t.Errorf("asks (-want +got):\n%s", d)
	}
	if !cs[2].Card() || cs[1].Card() || cs[3].Card() {
		t.Errorf("Card(): got %v %v %v, want true only for the chunk with formulations", cs[1].Card(), cs[2].Card(), cs[3].Card())
	}
	if d := cmp.Diff([]string{"La fiche est-elle payante ?", "c'est payant", "faut-il payer pour être sur maps", "google c gratuit"}, cs[2].Questions()); d != "" {
		t.Errorf("questions (-want +got):\n%s", d)
	}
	if d := cmp.Diff([]string{"Combien ça coûte ?"}, cs[1].Questions()); d != "" {
		t.Errorf("questions of a section (-want +got):\n%s", d)
	}
	if !strings.Contains(cs[2].EmbedText(), "google c gratuit") {
		t.Errorf("embedded text lacks the formulations: %q", cs[2].EmbedText())
	}
	if !slices.Contains(cs[2].Terms, Terms("maps")[0]) {
		t.Errorf("terms lack the formulations' words: %v", cs[2].Terms)
	}
	// the formulations are part of the content: changing them re-indexes the card only
	g := testGuide(strings.Replace(body, "google c gratuit", "gratos", 1))
	cs2 := Split(g)
	if cs2[2].Hash == cs[2].Hash {
		t.Errorf("changing a formulation kept the card's hash")
	}
	for _, i := range []int{0, 1, 3} {
		if cs2[i].Hash != cs[i].Hash {
			t.Errorf("chunk %d changed hash though its content did not", i)
		}
	}
}
