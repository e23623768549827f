package knowledge

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// textChunk returns a chunk whose terms are analysed from its title and text, as Split does.
func textChunk(title, text string) Chunk {
	return Chunk{GuideID: "g", Title: title, Text: text, Terms: Terms(title + " " + text)}
}

// lexiconOf builds a lexicon over chunks made of the given texts.
func lexiconOf(t *testing.T, texts ...string) *Lexicon {
	t.Helper()
	var cs []Chunk
	for _, s := range texts {
		cs = append(cs, textChunk("Guide", s))
	}
	return NewLexicon(StatsOf(cs))
}

func TestLexiconCorrect(t *testing.T) {
	lex := lexiconOf(t,
		"Le référencement de votre vitrail dépend du jardin.",
		"Un vitrail ancien commente la tempête.",
		"Un colis arrivé cassé passe la douane.",
	)
	tests := []struct {
		name string
		in   string
		want string
		ok   bool
	}{
		// one edit, six letters or more
		{"missing letter", "referencment", "referencement", true},
		{"missing letter at the end", "referencemen", "referencement", true},
		{"extra letter", "refferencement", "referencement", true},
		{"substituted letter", "referencemant", "referencement", true},
		{"transposed letters", "referencemetn", "referencement", true},
		{"six-letter typo of a six-letter word", "jardim", "jardin", true},
		{"six-letter typo of a seven-letter word", "vitral", "vitrail", true},
		{"seven-letter transposition", "vitrial", "vitrail", true},
		{"eight-letter typo of a title word", "tempetse", "tempete", true},

		// a feminine past participle is its masculine ("cassée"), not the nearest word ("passe")
		{"feminine of a known masculine", "cassee", "casse", true},
		{"feminine plural of a known masculine", "cassees", "casse", true},

		// two edits: only for words of eight letters or more
		{"two extra letters, 9 letters", "vitrailxx", "vitrail", true},
		{"extra and substituted letters, 14 letters", "refferencemant", "referencement", true},
		{"two extra letters, 15 letters", "refferencemment", "referencement", true},
		{"two missing letters, 11 letters", "referncment", "referencement", true},
		{"two substitutions", "refarencemant", "referencement", true},
		{"two edits, 7 letters", "vitralx", "vitralx", false},
		{"two edits, 6 letters", "jjardi", "jjardi", false},

		// too far
		{"three edits", "refarxncemant", "refarxncemant", false},
		{"unrelated word", "boulangerie", "boulangerie", false},

		// never changed
		{"short word, one edit from a corpus word", "jardn", "jardn", false},
		{"short word", "votse", "votse", false},
		{"two letters", "zz", "zz", false},
		{"known corpus word", "referencement", "referencement", false},
		{"known corpus word 2", "vitrail", "vitrail", false},
		{"glossary word not in any chunk", "instagram", "instagram", false},
		{"stop word one edit from a corpus word", "comment", "comment", false},
		{"number", "1234567", "1234567", false},
		{"letters and digits", "vitrail2", "vitrail2", false},
		// French words the corpus does not use are not typos of its words
		{"a French word one letter longer is corrected", "tempetes", "tempete", true},
		{"a French word one edit from a corpus word", "depens", "depens", false},
		{"a place", "grenoble", "grenoble", false},
		{"a bare stem is a typo, not a word", "tempet", "tempete", true},
		{"empty", "", "", false},

		// glossary words are targets of correction even if no chunk contains them
		{"typo of a glossary word", "instagrm", "instagram", true},
		{"typo of a glossary word 2", "facebok", "facebook", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := lex.Correct(tt.in)
			if got != tt.want || ok != tt.ok {
				t.Errorf("Correct(%q): got %q, %v, want %q, %v", tt.in, got, ok, tt.want, tt.ok)
			}
		})
	}
}

// Between two known words at the same distance, the more frequent one wins, and the
// choice does not depend on map order.
func TestLexiconCorrectTieBreak(t *testing.T) {
	tests := []struct {
		name  string
		texts []string
		want  string
	}{
		{"poisson more frequent", []string{"poisson", "poisson", "boisson"}, "poisson"},
		{"boisson more frequent", []string{"boisson", "boisson", "poisson"}, "boisson"},
		{"equal frequency: alphabetical", []string{"poisson", "boisson"}, "boisson"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for i := 0; i < 20; i++ {
				lex := lexiconOf(t, tt.texts...)
				got, ok := lex.Correct("voisson")
				if !ok || got != tt.want {
					t.Fatalf("run %d: Correct(voisson): got %q, %v, want %q, true", i, got, ok, tt.want)
				}
			}
		})
	}
}

func TestLexiconKnown(t *testing.T) {
	lex := lexiconOf(t, "Le référencement de votre vitrail.")
	tests := []struct {
		w    string
		want bool
	}{
		{"referencement", true},
		{"vitrail", true},
		{"guide", true},     // from the title
		{"instagram", true}, // glossary
		{"facebook", true},  // glossary
		{"referencment", false},
		{"vitrai", false}, // a deletion of a known word is not a word
		{"boulangerie", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := lex.Known(tt.w); got != tt.want {
			t.Errorf("Known(%q): got %v, want %v", tt.w, got, tt.want)
		}
	}
}

func TestLexiconIDF(t *testing.T) {
	chunks := []Chunk{
		{Terms: []string{"commun", "rare"}},
		{Terms: []string{"commun"}},
		{Terms: []string{"commun", "moyen"}},
		{Terms: []string{"commun", "moyen"}},
	}
	lex := NewLexicon(StatsOf(chunks))
	common, medium, rare, unknown := lex.IDF("commun"), lex.IDF("moyen"), lex.IDF("rare"), lex.IDF("absent")
	if !(rare > medium && medium > common) {
		t.Errorf("IDF: got rare %.4f, medium %.4f, common %.4f, want rare > medium > common", rare, medium, common)
	}
	if !(unknown > rare) {
		t.Errorf("IDF: got unknown %.4f, rare %.4f, want unknown > rare", unknown, rare)
	}
	if common <= 0 {
		t.Errorf("IDF(term in every chunk): got %.4f, want > 0", common)
	}
	// BM25 IDF: log(1 + (N - df + 0.5) / (df + 0.5))
	if want := math.Log(1 + (4-1+0.5)/(1+0.5)); math.Abs(rare-want) > 1e-12 {
		t.Errorf("IDF(rare): got %.6f, want %.6f", rare, want)
	}
}

func TestStatsOf(t *testing.T) {
	chunks := []Chunk{
		{Title: "Vitrail", Text: "Le vitrail ancien, le vitrail neuf.", Terms: []string{"vitrail", "ancien", "vitrail", "neuf"}},
		{Title: "Vitrail", Heading: "Prix", Keywords: []string{"atelier"}, Text: "Un prix de 2026 euros.", Terms: []string{"vitrail", "prix", "2026"}},
		{Title: "Jardin", Text: "", Terms: nil},
	}
	got := StatsOf(chunks)
	want := Stats{
		Chunks: 3,
		AvgLen: 7.0 / 3,
		DF:     map[string]int{"vitrail": 2, "ancien": 1, "neuf": 1, "prix": 1, "2026": 1},
		Words: map[string]int{
			"vitrail": 2, "ancien": 1, "neuf": 1, // "le" is too short, counted once per chunk
			"prix": 1, "atelier": 1, "euros": 1, // heading (and text, same chunk), keywords; "2026" is not a word
			"jardin": 1,
		},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("StatsOf: got %+v, want %+v (-want +got):\n%s", got, want, diff)
	}
	if lex := NewLexicon(got); !cmp.Equal(lex.Stats(), got) {
		t.Errorf("Lexicon.Stats: got %+v, want the stats it was built from %+v", lex.Stats(), got)
	}
}

func TestStatsOfEmpty(t *testing.T) {
	got := StatsOf(nil)
	want := Stats{DF: map[string]int{}, Words: map[string]int{}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("StatsOf(nil): got %+v, want %+v (-want +got):\n%s", got, want, diff)
	}
	lex := NewLexicon(got)
	if c, ok := lex.Correct("instagrm"); !ok || c != "instagram" {
		t.Errorf("empty corpus: Correct(instagrm): got %q, %v, want %q, true", c, ok, "instagram")
	}
}

// Statistics of the same chunks are the same whatever their order.
func TestStatsOfOrderIndependent(t *testing.T) {
	a := textChunk("Vitrail", "Le vitrail ancien")
	b := textChunk("Jardin", "Un jardin fleuri et un vitrail")
	x, y := StatsOf([]Chunk{a, b}), StatsOf([]Chunk{b, a})
	if diff := cmp.Diff(x, y); diff != "" {
		t.Errorf("got different stats for the same chunks in another order (-ab +ba):\n%s", diff)
	}
}

func TestChunkWords(t *testing.T) {
	c := Chunk{
		Title:    "Créer sa fiche",
		Heading:  "Étapes",
		Keywords: []string{"GMB", "e-mail"},
		Text:     "La fiche, la fiche : 3 étapes en 2026 avec ga4.",
	}
	got := ChunkWords(c)
	want := []string{"creer", "fiche", "etapes", "gmb", "email", "avec"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ChunkWords: got %q, want %q (-want +got):\n%s", got, want, diff)
	}
}

func TestDistinct(t *testing.T) {
	tests := []struct {
		in, want []string
	}{
		{nil, []string{}},
		{[]string{"a"}, []string{"a"}},
		{[]string{"b", "a", "b", "c", "a"}, []string{"b", "a", "c"}},
	}
	for _, tt := range tests {
		if got := Distinct(tt.in); !cmp.Equal(got, tt.want) {
			t.Errorf("Distinct(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestOSADistance(t *testing.T) {
	tests := []struct {
		a, b string
		max  int
		want int
	}{
		{"", "", 2, 0},
		{"abc", "abc", 2, 0},
		{"abc", "abd", 2, 1},
		{"abc", "acb", 2, 1}, // transposition
		{"abc", "ab", 2, 1},
		{"abc", "xyz", 2, 3}, // over max: max+1
		{"referencement", "referencment", 1, 1},
		{"a", "abcd", 1, 2}, // length difference over max
	}
	for _, tt := range tests {
		if got := osaDistance(tt.a, tt.b, tt.max); got != tt.want {
			t.Errorf("osaDistance(%q, %q, %d): got %d, want %d", tt.a, tt.b, tt.max, got, tt.want)
		}
	}
}
