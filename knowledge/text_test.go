package knowledge

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestFold(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"empty", "", ""},
		{"plain ASCII", "referencement", "referencement"},
		{"acute and grave accents", "Référencement élève", "referencement eleve"},
		{"every French accent", "àâä çéèêë îï ôö ùûü ÿ", "aaa ceeee ii oo uuu y"},
		{"upper-case accents", "ÀÉÎÕÜ ÇA", "aeiou ca"},
		{"oe ligature", "cœur Œuvre", "coeur oeuvre"},
		{"ae ligature", "ex æquo Ægis", "ex aequo aegis"},
		{"sharp s", "Straße", "strasse"},
		{"case only", "GOOGLE My Business", "google my business"},
		{"punctuation and apostrophes kept", "l'été, à 10 € !", "l'ete, a 10 € !"},
		{"typographic apostrophe kept", "l’été", "l’ete"},
		{"non-French letters kept", "ø ł", "ø ł"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Fold(tt.in); got != tt.want {
				t.Errorf("Fold(%q): got %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// Folding must make accented and unaccented spellings of a word equal, whatever the case.
func TestFoldEquivalence(t *testing.T) {
	pairs := [][2]string{
		{"Référencement", "referencement"},
		{"ÉTABLISSEMENT", "etablissement"},
		{"sœur", "soeur"},
		{"Hameçonnage", "HAMECONNAGE"},
	}
	for _, p := range pairs {
		if a, b := Fold(p[0]), Fold(p[1]); a != b {
			t.Errorf("Fold(%q) = %q and Fold(%q) = %q: got different, want equal", p[0], a, p[1], b)
		}
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"only spaces", "  \t\n ", nil},
		{"simple sentence", "Créer ma fiche", []string{"creer", "ma", "fiche"}},
		{"case and accents folded", "RÉFÉRENCEMENT Naturel", []string{"referencement", "naturel"}},
		{"ligature in a word", "Cœur de métier", []string{"coeur", "de", "metier"}},

		// a euphonic t stands alone; a one-letter prefix joins its word
		{"euphonic t", "Y a-t-il des ateliers ?", []string{"y", "a", "t", "il", "des", "ateliers"}},
		{"euphonic t before elle", "Existe-t-elle", []string{"existe", "t", "elle"}},
		{"t-shirt", "des t-shirts", []string{"des", "tshirts"}},

		// a plus standing alone is the word; one in a number or a name is not
		{"plus alone", "avoir + de clients", []string{"avoir", "plus", "de", "clients"}},
		{"plus in a phone number", "+33 6", []string{"33", "6"}},

		// elisions
		{"elision l'", "l'entreprise", []string{"entreprise"}},
		{"elision d'", "fiche d'établissement", []string{"fiche", "etablissement"}},
		{"elision qu'", "qu'il faut", []string{"il", "faut"}},
		{"elision jusqu'", "jusqu'à demain", []string{"a", "demain"}},
		{"elision lorsqu'", "lorsqu'il pleut", []string{"il", "pleut"}},
		{"elisions j' n' s' c' m' t'", "j'ai n'importe s'il c'est m'aider t'aider",
			[]string{"ai", "importe", "il", "est", "aider", "aider"}},
		{"upper-case elision", "L'ENTREPRISE D'Anne", []string{"entreprise", "anne"}},
		{"typographic apostrophe ’", "l’avis d’un client", []string{"avis", "un", "client"}},
		{"other apostrophes", "l‘avis l`avis l´avis", []string{"avis", "avis", "avis"}},
		{"apostrophe after a word that is not an elision splits", "rock'n'roll", []string{"rock", "roll"}},
		{"trailing elision alone", "c'", nil},
		{"apostrophe alone", "'", nil},

		// hyphens
		{"e-mail joined", "e-mail", []string{"email"}},
		{"e-commerce joined", "E-Commerce", []string{"ecommerce"}},
		{"accented one-letter prefix joined", "é-mail", []string{"email"}},
		{"elision then hyphenated word", "l'e-mail", []string{"email"}},
		{"compound word split", "mots-clés", []string{"mots", "cles"}},
		{"rendez-vous split", "Rendez-vous", []string{"rendez", "vous"}},
		{"two-letter prefix split", "wi-fi", []string{"wi", "fi"}},
		{"digit prefix split", "3-2-1", []string{"3", "2", "1"}},
		{"trailing hyphen", "e-", []string{"e"}},
		{"leading hyphen", "-mail", []string{"mail"}},
		{"hyphen before a space", "e- mail", []string{"e", "mail"}},

		// digits, separators, symbols
		{"digits kept", "2026 en 10 étapes", []string{"2026", "en", "10", "etapes"}},
		{"letters and digits in one word", "ga4 et 3d", []string{"ga4", "et", "3d"}},
		{"invalid UTF-8 is a separator", "site\xffweb", []string{"site", "web"}},
		{"invalid UTF-8 between spaces", "a \xff\xfe b", []string{"a", "b"}},
		{"emoji dropped", "super 🙂👍 site", []string{"super", "site"}},
		{"punctuation dropped", "Bonjour !!! Ça va ? (oui) ; non… « guillemets »",
			[]string{"bonjour", "ca", "va", "oui", "non", "guillemets"}},
		{"symbols split words", "email@exemple.fr 50€ a+b", []string{"email", "exemple", "fr", "50", "euros", "a", "b"}},
		{"modifier letter apostrophe elides", "lʼavis dʼun client", []string{"avis", "un", "client"}},
		{"aujourd'hui is one word", "aujourd'hui et aujourd’hui", []string{"aujourdhui", "et", "aujourdhui"}},
		{"comma without space", "ça,va", []string{"ca", "va"}},
		{"non-breaking space", "site\u00a0web", []string{"site", "web"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Words(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Words(%q): got %q, want %q (-want +got):\n%s", tt.in, got, tt.want, diff)
			}
		})
	}
}

// Words must agree with Fold: every word it returns is already folded.
func TestWordsAreFolded(t *testing.T) {
	const text = "Ça, c'est l'ÉTÉ : Œuvres, Ægis, Straße, référencement et hameçonnage !"
	for _, w := range Words(text) {
		if f := Fold(w); f != w {
			t.Errorf("word %q: got it unfolded, want %q", w, f)
		}
	}
}

// Words of a long text must not depend on the internal buffer size.
func TestWordsLongWord(t *testing.T) {
	long := "anticonstitutionnellementanticonstitutionnellementanticonstitutionnellementxyz"
	got := Words("début " + long + " fin")
	want := []string{"debut", long, "fin"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("got %q, want %q (-want +got):\n%s", got, want, diff)
	}
}
