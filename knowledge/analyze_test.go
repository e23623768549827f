package knowledge

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestTermsExact(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"empty", "", nil},
		{"only stop words", "je voudrais savoir comment faire", nil},
		{"chat fillers and SMS spellings", "bonjour stp merci slt jveux", nil},
		{"single letters dropped", "a b c", nil},
		{"stop words removed, stems kept in order", "Le chat mange les souris", []string{"chat", "mang", "sour"}},
		{"numbers kept as they are", "2026 ou 10", []string{"2026", "10"}},
		{"concept before the stem of its first word", "GMB", []string{"_fiche", "gmb"}},
		{"phrase concept, then the stems of its words", "fiche d'établissement", []string{"_fiche", "fich", "etabl"}},
		{"concept in the middle of a question", "j'ai perdu ma fiche d'établissement", []string{"perdu", "_fiche", "fich", "etabl"}},
		{"repeated words repeat their terms", "référencement référencements",
			[]string{"_seo", "referenc", "_seo", "referenc"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Terms(tt.in)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Terms(%q): got %q, want %q (-want +got):\n%s", tt.in, got, tt.want, diff)
			}
		})
	}
}

// Spellings of one word (accents, plural, case, elided article) must give the same stem.
func TestTermsStemEquivalence(t *testing.T) {
	tests := []struct {
		a, b string
	}{
		{"référencement", "referencement"},
		{"référencement", "référencements"},
		{"Client", "clients"},
		{"publication", "publications"},
		{"l'entreprise", "entreprises"},
		{"légale", "legales"},
		{"établissement", "Établissements"},
		{"site", "sites"},
		{"photo", "photos"}, // a plural after an o, which Snowball keeps
		{"vidéo", "vidéos"},
		{"euro", "euros"},
		{"serveuse", "serveur"}, // a trade's feminine, which Snowball makes "serveux"
		{"coiffeuses", "coiffeur"},
		{"créatrice", "créateur"},
		{"boulangère", "boulangerie"},
		{"régulière", "régulièrement"},
		{"c koi le mieu pr avoir + de clients", "c'est quoi le mieux pour avoir plus de clients"}, // SMS spellings
	}
	for _, tt := range tests {
		t.Run(tt.a+"/"+tt.b, func(t *testing.T) {
			a, b := Terms(tt.a), Terms(tt.b)
			if len(a) == 0 {
				t.Fatalf("Terms(%q): got no terms, want some", tt.a)
			}
			if diff := cmp.Diff(a, b); diff != "" {
				t.Errorf("Terms(%q) = %q, Terms(%q) = %q: got different, want equal (-a +b):\n%s", tt.a, a, tt.b, b, diff)
			}
		})
	}
}

// TestFeminineNotMasculine: a feminine whose masculine the dictionary does not know keeps
// Snowball's stem ("heureuse" meets "heureux", not "heureur"), and a trade's feminine is a
// French word, not a typo for another one ("serveuse" is not "sérieux").
func TestFeminineNotMasculine(t *testing.T) {
	if got, want := Terms("heureuse"), Terms("heureux"); !slices.Equal(got, want) {
		t.Errorf("Terms(heureuse) = %q, want %q", got, want)
	}
	for _, w := range []string{"serveuse", "vendeuses", "directrice"} {
		if !isFrenchWord(w) {
			t.Errorf("isFrenchWord(%q) = false, want true", w)
		}
	}
}

func TestTermsDropStopWords(t *testing.T) {
	for _, q := range []string{
		"comment je peux faire pour",
		"est-ce que c'est possible",
		"je voudrais savoir si vous pouvez",
		"ya qq chose",
	} {
		for _, term := range Terms(q) {
			for _, w := range Words(q) {
				if IsStopWord(w) && term == Stem(w) {
					t.Errorf("Terms(%q): got stop word %q as term %q, want it removed", q, w, term)
				}
			}
		}
	}
}

func TestTermsConcepts(t *testing.T) {
	tests := []struct {
		in      string
		concept string
	}{
		// the business profile, whatever it is called
		{"GMB", "_fiche"},
		{"gmb", "_fiche"},
		{"google my business", "_fiche"},
		{"Google My Business", "_fiche"},
		{"fiche d'établissement", "_fiche"},
		{"fiche d’établissement", "_fiche"},
		{"fiche etablissement", "_fiche"},
		{"profil d'établissement", "_fiche"},
		{"Google Business Profile", "_fiche"},
		{"comment créer ma fiche GMB ?", "_fiche"},
		// legal notices, with or without accents and plural
		{"mentions légales", "_mentions"},
		{"mention legale", "_mentions"},
		{"MENTIONS LÉGALES", "_mentions"},
		{"mes mentions légales sont-elles obligatoires ?", "_mentions"},
		// phrases with stop words inside
		{"mot de passe", "_mdp"},
		{"mots de passe", "_mdp"},
		{"gestionnaire de mots de passe", "_mdp"},
		{"chambre de commerce et d'industrie", "_cci"},
		// abbreviations and brands
		{"SEO", "_seo"},
		{"référencement naturel", "_seo"},
		{"insta", "_instagram"},
		{"Instagram", "_instagram"},
		{"fb", "_facebook"},
		{"FB", "_facebook"},
		{"page Facebook", "_facebook"},
		{"tik-tok", "_tiktok"},
		{"2FA", "_2fa"},
		// hyphenated and split spellings
		{"e-commerce", "_ecommerce"},
		{"e commerce", "_ecommerce"},
		{"boutique en ligne", "_ecommerce"},
		{"e-mail", "_email"},
		{"rendez-vous", "_rdv"},
		{"rendez vous", "_rdv"},
		{"click & collect", "_clickcollect"},
		{"3-2-1", "_sauvegarde"},
		// generic concepts
		{"combien ça coûte", "_cout"},
		{"quel est le prix", "_cout"},
		{"à l'étranger", "_export"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Terms(tt.in); !slices.Contains(got, tt.concept) {
				t.Errorf("Terms(%q): got %q, want it to contain %q", tt.in, got, tt.concept)
			}
		})
	}
}

// A phrase concept needs the whole phrase: one of its words alone, or its words in another
// phrase, must not give it.
func TestTermsConceptsNeedWholePhrase(t *testing.T) {
	tests := []struct {
		in      string
		concept string
	}{
		{"mot", "_mdp"},
		{"passe", "_mdp"},
		{"mot de la fin", "_mdp"},
		{"passe de mot", "_mdp"},
		{"mentions", "_mentions"},
		{"fiche", "_fiche"},
		{"fiche de paie", "_fiche"},
		{"my", "_fiche"},
		{"boutique", "_ecommerce"},
		{"sea", "_seo"},
		{"chambre", "_cci"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := Terms(tt.in); slices.Contains(got, tt.concept) {
				t.Errorf("Terms(%q): got %q, want no %q", tt.in, got, tt.concept)
			}
		})
	}
}

// Every phrase of the glossary must give its own concept, alone and inside a sentence:
// a phrase that can never match is dead weight that looks like coverage.
func TestGlossaryPhrasesMatch(t *testing.T) {
	for concept, variants := range glossarySource {
		for _, v := range strings.Split(variants, "|") {
			v = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSpace(v), "~"), "=")
			if v == "" {
				continue
			}
			want := "_" + concept
			if got := Terms(v); !slices.Contains(got, want) {
				t.Errorf("Terms(%q): got %q, want it to contain %q", v, got, want)
			}
			q := "salut, une question sur " + v + " svp"
			if got := Terms(q); !slices.Contains(got, want) {
				t.Errorf("Terms(%q): got %q, want it to contain %q", q, got, want)
			}
		}
	}
}

// Phrases whose concept depends on their words around: a nationality names foreign
// customers only as people, "wifi" and "Wi-Fi" are one subject, "chinés" is not China, "plus
// de réseau" is the phone line, "hacked by" is a hack, "de vive voix" is a client's consent, "je mets" is not Meta.
func TestConceptsOfPhrases(t *testing.T) {
	tests := []struct {
		text, concept string
		want          bool
	}{
		{"une épicerie italienne à Grenoble", "_export", false},
		{"des clients italiens et des Allemands", "_export", true},
		{"le code wifi", "_wifi", true},
		{"le code du Wi-Fi", "_wifi", true},
		{"des fauteuils chinés", "_horsue", false},
		{"je n'ai plus de réseau sur mon téléphone", "_ligne", true},
		{"la page d'accueil affiche « hacked by »", "_cyber", true},
		{"elle m'a dit de vive voix que je pouvais poster ses photos", "_accordphoto", true},
		{"un accord à l'oral, ça suffit ?", "_accordphoto", true},
		{"faire des visuels quand on est nul en graphisme", "_visuels", true},
		{"Comment faire mes visuels sans graphiste ?", "_visuels", true},
		{"je mets un plugin de traduction ou je traduis moi-même ?", "_facebook", false},
		{"la publicité Meta", "_facebook", true},
		{"les clients veulent voir mes réalisations, je mets ça où ?", "_realisations", true},
		{"wetransfer c'est bien pour envoyer les photos de mariage ?", "_fichiers", true},
		{"à partir de quel chiffre d'affaires je facture la TVA ?", "_fichiers", false},
		{"je veux qu'ils voient leur planning sur leur téléphone", "_planning", true},
	}
	for _, tt := range tests {
		if got := Terms(tt.text); slices.Contains(got, tt.concept) != tt.want {
			t.Errorf("Terms(%q) = %q: %s present %v, want %v", tt.text, got, tt.concept, !tt.want, tt.want)
		}
	}
}

// "ne marche plus" is the verb (to work), not "marché" (a market), which folds the same.
func TestMarcherIsNotAMarket(t *testing.T) {
	market := Stem("marche")
	for _, q := range []string{"mon site ne marche plus", "ça marche pas", "le lien marche mal", "ça marchait hier"} {
		if got := Terms(q); slices.Contains(got, market) {
			t.Errorf("Terms(%q) = %q: the verb was read as a market", q, got)
		}
	}
	if got := Terms("je vends au marché le samedi"); !slices.Contains(got, market) {
		t.Errorf("Terms: got %q, want the market", got)
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", ""},
		{"_fiche", "_fiche"},
		{"2026", "2026"},
		{"3d", "3d"},
		{"referencement", "referenc"},
		{"referencements", "referenc"},
		{"publications", "publiqu"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q): got %q, want %q", tt.in, got, tt.want)
		}
	}
	// cached and uncached answers agree
	for i := 0; i < 2; i++ {
		if got := Stem("etablissements"); got != Stem("etablissement") {
			t.Errorf("pass %d: Stem(etablissements) = %q, Stem(etablissement) = %q: want equal", i, got, Stem("etablissement"))
		}
	}
}

func TestIsDomainConcept(t *testing.T) {
	tests := []struct {
		term string
		want bool
	}{
		{"_fiche", true},
		{"_seo", true},
		{"_mdp", true},
		{"_instagram", true},
		{"_mentions", true},
		{"_cout", false},
		{"_debuter", false},
		{"_local", false},
		{"_loi", false},
		{"_quand", false},
		{"_aides", false},
		{"fiche", false}, // a stem, not a concept
		{"seo", false},
		{"_", false},
		{"", false},
	}
	for _, tt := range tests {
		if got := IsDomainConcept(tt.term); got != tt.want {
			t.Errorf("IsDomainConcept(%q): got %v, want %v", tt.term, got, tt.want)
		}
	}
}

// Every generic concept named in the code must be a concept the glossary can produce, or
// the list silently stops matching what it was meant for.
func TestGenericConceptsAreGlossaryConcepts(t *testing.T) {
	for c := range genericConcepts {
		if _, ok := glossarySource[strings.TrimPrefix(c, "_")]; !ok {
			t.Errorf("generic concept %q: got no glossary entry, want one", c)
		}
	}
}

func TestIsStopWord(t *testing.T) {
	for _, w := range []string{"le", "de", "je", "voudrais", "svp", "bjr", "est", "etre"} {
		if !IsStopWord(w) {
			t.Errorf("IsStopWord(%q): got false, want true", w)
		}
	}
	// words that carry intent for our guides are kept
	for _, w := range []string{"combien", "prix", "gratuit", "site", "fiche", "google"} {
		if IsStopWord(w) {
			t.Errorf("IsStopWord(%q): got true, want false", w)
		}
	}
}

// Regressions found by review: everyday words must not turn into concepts they only share a
// stem with, and prices written with a symbol still read as a cost question.
func TestTermsRegressions(t *testing.T) {
	tests := []struct {
		in     string
		has    string
		hasNot string
	}{
		{"pouvez-vous m'aider pour mon site", "_site", "_aides"},
		{"quelles aides pour mon site ?", "_aides", ""},
		{"les aides de l'état pour le numérique", "_aides", ""},
		{"50 € par mois c'est cher", "_cout", ""},
		{"aujourd'hui je veux un site", "_site", "hui"},
		{"j'ai besoin de quelqu'un", "", "quelqu"},
	}
	for _, tt := range tests {
		got := Terms(tt.in)
		if tt.has != "" && !slices.Contains(got, tt.has) {
			t.Errorf("Terms(%q) = %q, want it to contain %q", tt.in, got, tt.has)
		}
		if tt.hasNot != "" && slices.Contains(got, tt.hasNot) {
			t.Errorf("Terms(%q) = %q, want no %q", tt.in, got, tt.hasNot)
		}
	}
}

// A question names the digital life of a business with the words owners use: an
// abbreviation ("pub"), the words of social networks ("mes posts", "des likes") or a blog.
// SubjectSignal leaves out the broad words of the digital in general.
func TestDomainSignal(t *testing.T) {
	tests := []struct {
		text            string
		domain, subject bool
	}{
		{"comment faire une pub pour les gens de ma ville ?", true, true},
		{"personne ne voit mes posts", true, true},
		{"acheter des likes pour ma page", true, true},
		{"un influenceur me demande 300 euros", true, true},
		{"un blog pour mon garage ça sert ?", true, true},
		{"et pour Instagram ?", true, true},
		{"j'ai débranché le câble. j'éteins l'ordi ?", true, false},
		{"la poste a perdu mon colis", false, false},
		{"ma fiche a disparu", true, false},
		{"j'ai trois boulangeries, une fiche ou trois ?", true, false},
		{"ma fiche de paie est fausse", false, false},
		{"une fiche produit", false, false},
		{"combien ça coûte ?", false, false},
		// crowdfunding and wholesale platforms are online tools of their own
		{"un financement participatif pour ouvrir mon épicerie, ça marche comment ?", true, true},
		{"des boutiques me demandent si je suis sur Ankorstore", true, true},
	}
	for _, tt := range tests {
		if got := DomainSignal(tt.text); got != tt.domain {
			t.Errorf("DomainSignal(%q) = %v, want %v", tt.text, got, tt.domain)
		}
		if got := SubjectSignal(tt.text); got != tt.subject {
			t.Errorf("SubjectSignal(%q) = %v, want %v", tt.text, got, tt.subject)
		}
	}
}

// "une fois que" is a conjunction of time: its "fois" is no term, while the "fois" of a payment
// in several times is.
func TestOnceThatIsNoTerm(t *testing.T) {
	has := func(text string) bool {
		for _, term := range Terms(text) {
			if term == Stem("fois") {
				return true
			}
		}
		return false
	}
	if has("une fois que le site est fait, combien je paie chaque année ?") {
		t.Error("« une fois que » gave the term of « fois »")
	}
	if !has("payer en trois fois sur ma boutique") {
		t.Error("« en trois fois » lost its term")
	}
}

// Making oneself known is a digital question of the guides, even without a digital word: « Comment
// je fais savoir aux gens où je suis chaque jour ? » from a food truck.
func TestVisibilityIsDigital(t *testing.T) {
	if !DomainSignal("Comment je fais savoir aux gens où je suis chaque jour ?") {
		t.Error("« faire savoir où je suis » not read as a question of visibility")
	}
}
