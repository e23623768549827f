package answer

import (
	"slices"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/knowledge"
	"github.com/google/go-cmp/cmp"
)

func TestWants(t *testing.T) {
	tests := []struct {
		text string
		want Want // must hold these
		not  Want // must not hold these
	}{
		{"Comment créer ma fiche Google ?", HowTo, Cost},
		{"pub insta c cher ?", Cost, HowTo},
		{"c'est payant ?", Cost, 0},
		{"un client m'a mis 1 étoile, il est parti sans payer son dessert", 0, Cost},
		{"c'est quoi le plus simple pour faire un site ?", 0, Definition},
		{"urgent jai cliké sur un sms ameli et jai mis la carte bleue dessus", Urgent, 0},
		// an SMS word written out in two ("ya" is "y a") keeps the words after it
		{"ya une fausse page facebook avec mes photos", Urgent, Definition},
		{"On me fait chanter : ils veulent 1,5 BTC sinon ils publient tout", Urgent, 0},
		{"23 avis 1 etoile et un message whatsapp : 'payez 300e et on arrete + on supprime'. je paie ou pas ?", Urgent, 0},
		{"jai perdu mon tel pro hier soir ds un bar, y a mon appli banque", Urgent, 0},
		{"elle a encore les codes de l'Instagram de la boutique", Urgent, 0},
		{"Combien de temps ça prend ?", Time, Cost},
		{"combien ça coûte en temps et en argent", Cost | Time, 0},
		{"ai-je le droit de filmer mes clients ?", Allowed, 0},
		{"le bandeau cookies est-il obligatoire", Required, 0},
		{"un kiné a-t-il le droit de faire de la pub ?", Allowed, Required},
		{"Instagram ou Facebook, lequel est le mieux pour un salon ?", Compare, 0},
		{"c koi le rgpd", Definition, 0},
		{"le référencement c'est quoi ?", Definition, 0},
		{"un client m'a laissé un avis méchant, je fais quoi ?", 0, Definition},
		{"je mets quoi sur ma page d'accueil ?", 0, Definition},
		{"pourquoi ma fiche a disparu ?", 0, Definition},
		{"l'abonnement est-il obligatoire ?", Cost, 0},
		{"j'ai 800 abonnés mais personne ne like", 0, Cost},
		{"j'ai cliqué sur un lien bizarre et donné ma carte", Urgent, When},
		{"pouvez-vous le faire pour moi ?", Delegate, 0},
		{"quand faut-il publier ?", When, 0},
		{"ma fiche est suspendue", Problem, 0},
		{"ok et ensuite ?", Next, 0},
		{"bonjour", 0, HowTo | Cost | Allowed},
	}
	for _, tt := range tests {
		got := Wants(tt.text)
		if got&tt.want != tt.want || got&tt.not != 0 {
			t.Errorf("Wants(%q) = %v, want %v and not %v", tt.text, got, tt.want, tt.not)
		}
	}
}

func asked(ps []Part) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Asked)
	}
	return out
}

func TestReadFindsTheQuestions(t *testing.T) {
	tests := []struct {
		name, text string
		asked      []string
	}{
		{"a short question", "comment créer ma fiche google", []string{"comment créer ma fiche google"}},
		{"two questions in one sentence",
			"Faut-il un bandeau cookies sur mon site Wix et c'est payant ?",
			[]string{"Faut-il un bandeau cookies sur mon site Wix", "et c'est payant ?"}},
		{"two sentences, two questions",
			"Comment créer ma fiche Google ? Et est-ce que je peux répondre aux avis négatifs ?",
			[]string{"Comment créer ma fiche Google ?", "Et est-ce que je peux répondre aux avis négatifs ?"}},
		{"the question buried in a story",
			"Bonjour, je suis boulangère à Lille depuis douze ans. Mon fils m'a fait une page Facebook l'an dernier. " +
				"Personne ne la regarde vraiment, à part la famille. Je voudrais savoir comment avoir plus d'avis sur Google. Merci d'avance.",
			[]string{"Je voudrais savoir comment avoir plus d'avis sur Google."}},
		{"a story ending without a question mark",
			"Je tiens un gîte en Ardèche. Booking me prend beaucoup de commission chaque été. " +
				"J'aimerais que les clients réservent directement chez moi",
			[]string{"J'aimerais que les clients réservent directement chez moi"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ps := Read(tt.text)
			if d := cmp.Diff(tt.asked, asked(ps)); d != "" {
				t.Errorf("parts (-want +got):\n%s", d)
			}
		})
	}
}

// A clause that names no subject borrows the subject of the clause before it, or of the
// story before the question.
func TestReadGivesEachPartASubject(t *testing.T) {
	ps := Read("Faut-il un bandeau cookies sur mon site Wix et c'est payant ?")
	if len(ps) != 2 {
		t.Fatalf("got %d parts, want 2", len(ps))
	}
	if !strings.Contains(knowledge.Fold(ps[1].Text), "cookies") || ps[1].Want&Cost == 0 {
		t.Errorf("second part %+v: want the cookies subject and a cost question", ps[1])
	}
	// neither question names its subject: the story does, for both
	ps = Read("Le pirate de mon Instagram m'écrit : il me rend le compte contre 500 €. Je paye ? Et sinon comment je le récupère ?")
	if len(ps) != 2 || !strings.Contains(knowledge.Fold(ps[1].Text), "instagram") || strings.Contains(knowledge.Fold(ps[1].Text), "paye") {
		t.Errorf("parts %+v: want the second about the Instagram account of the story, not about paying", ps)
	}
	ps = Read("J'ai une page Facebook pour mon salon depuis deux ans. Elle ne marche pas très bien. Que dois-je faire ?")
	if len(ps) != 1 || !strings.Contains(knowledge.Fold(ps[0].Text), "facebook") {
		t.Errorf("parts %+v: want one part about the Facebook page of the story", ps)
	}
	// a question that says nothing but "comment je fais ?" asks about the sentence just
	// before it, not only about the story's subject
	ps = Read("Je bosse depuis chez moi. Google me demande une adresse pour ma fiche et je veux pas que les gens débarquent à la maison. Comment je fais ? Et je peux mettre mon métier dans le nom ?")
	if len(ps) != 2 || !strings.Contains(knowledge.Fold(ps[0].Text), "debarquent") {
		t.Errorf("parts %+v: want the first about the people who should not come to the house", ps)
	}
}

func TestReadTakesAWishAsContext(t *testing.T) {
	// the wish is what the question is about, not a second question
	ps := Read("Je suis coiffeuse, je voudrais poster des photos avant/après de mes clientes sur Insta. Je dois leur demander la permission ?")
	if len(ps) != 1 || !strings.Contains(knowledge.Fold(ps[0].Text), "photos") || ps[0].Want&Required == 0 {
		t.Errorf("parts %+v: want one part about the photos, asking what is required", ps)
	}
	// a sentence that starts with the wish is a wish too, not a second question
	ps = Read("Je suis kiné. Je voudrais un site simple avec mes horaires et l'accès. Qu'est-ce que j'ai le droit de mettre dessus ?")
	if len(ps) != 1 || ps[0].Want&Allowed == 0 {
		t.Errorf("parts %+v: want one part asking what is allowed", ps)
	}
	// two real questions stay two
	ps = Read("Je voudrais savoir comment créer ma fiche Google. Et combien coûte un site internet ?")
	if len(ps) != 2 {
		t.Errorf("got %d parts, want 2: %+v", len(ps), ps)
	}
}

func TestReadSearchesTheEmergencyTold(t *testing.T) {
	// the question names nothing; the theft told before it is what is asked about
	ps := Read("On m'a volé mon ordinateur portable dans la voiture hier soir, avec les dossiers de mes clients. " +
		"Je suis seule au cabinet. Je suis paniquée, je ne sais pas par quoi commencer.")
	if len(ps) != 1 || ps[0].Want&Urgent == 0 || !strings.Contains(knowledge.Fold(ps[0].Text), "vole mon ordinateur") {
		t.Errorf("parts %+v: want one urgent part that searches the theft", ps)
	}
	// a story with no emergency is not searched as one
	ps = Read("Je fabrique des savons. Je n'ai jamais envoyé de colis hors de France. Comment je m'y prends pour la Suisse ?")
	if len(ps) != 1 || ps[0].Want&Urgent != 0 {
		t.Errorf("parts %+v: want one part, not an emergency", ps)
	}
}

func TestMoneyAtStake(t *testing.T) {
	for text, want := range map[string]bool{
		"J'ai fait un virement de 4 000 € sur le nouveau RIB":                                            true,
		"J'ai donné ma carte bancaire sur un faux site":                                                  true,
		"On lui demande un virement urgent de 18 000 €. Elle n'a encore rien fait.":                      false,
		"Un faux conseiller me demande un virement, je n'ai rien viré, qu'est-ce que je fais ?":          false,
		"Mon compte Instagram est piraté":                                                                false,
		"On a changé l'IBAN de mon compte Stripe ! Le prochain virement (environ 2 000 €) part vendredi": false,
		"Le pirate me rend le compte contre 250 € en USDT. Je paye ou pas ?":                             false,
	} {
		if got := MoneyAtStake(text); got != want {
			t.Errorf("MoneyAtStake(%q) = %v, want %v", text, got, want)
		}
	}
}

func TestSecurityStepsAreEmergencyUnits(t *testing.T) {
	card := knowledge.Chunk{GuideID: "g", Topic: "cybersecurite", Heading: "Mes clients ont payé sur un faux RIB envoyé depuis ma boîte mail : que faire ?",
		Text: "Changez le mot de passe.", Asks: []string{"une règle transfère mes mails"}}
	if unitWants(card)&Urgent == 0 {
		t.Error("a security guide's « que faire ? » card should answer an emergency")
	}
	other := card
	other.Topic = "site-web"
	other.Heading = "Mon site est lent : que faire ?"
	if unitWants(other)&Urgent != 0 {
		t.Error("a « que faire ? » card outside the security guides is not an emergency")
	}
}

func TestReadKeepsTheStoryAQuestionPointsTo(t *testing.T) {
	ps := Read("Ma comptable a reçu un mail « de moi » demandant un virement urgent de 38 000 €. Le virement n'est pas parti. " +
		"Je voudrais savoir s'il y a quelque chose à faire de ce mail.")
	if len(ps) != 1 || !strings.Contains(knowledge.Fold(ps[0].Text), "virement") {
		t.Errorf("parts %+v: want one part searched with the story it points to", ps)
	}
}

func TestNothingDoneCardsAreForThoseWhoDidNothing(t *testing.T) {
	res := knowledge.Result{
		Guides: []knowledge.GuideHit{{ID: "g", Topic: "cybersecurite", Score: 1}},
		Passages: []knowledge.Passage{
			{Chunk: knowledge.Chunk{GuideID: "g", Topic: "cybersecurite", Ordinal: 1, Heading: "J'ai cliqué sur un lien : que faire ?",
				Asks: []string{"j'ai cliqué sur un lien"}, Text: "Agissez tout de suite."}, Score: 0.5},
			{Chunk: knowledge.Chunk{GuideID: "g", Topic: "cybersecurite", Ordinal: 2, Heading: "J'ai cliqué sur un lien mais je n'ai rien saisi : que faire ?",
				Asks: []string{"j'ai cliqué sur un lien"}, Text: "Pas de panique."}, Score: 0.5},
		},
	}
	res.Query = knowledge.Analyze(nil, "j'ai cliqué sur un lien")
	for text, want := range map[string]int{
		"J'ai cliqué sur un lien et j'ai tapé mon mot de passe, c'est grave ?": 1,
		"J'ai cliqué sur un lien mais je n'ai rien rempli, c'est grave ?":      2,
	} {
		pick, ok := Choose(res, Read(text)[0], Prefs{})
		if !ok || pick.Passage.Chunk.Ordinal != want {
			t.Errorf("%q: picked %q, want unit %d", text, pick.Passage.Chunk.Heading, want)
		}
	}
}

func TestAYesToAnotherQuestionShowsThatQuestion(t *testing.T) {
	for _, tt := range []struct {
		text, asked string
		want        bool
	}{
		{"Oui, pour commencer, s'il fait l'essentiel.", "Vous me conseillez quoi comme appli pour mes factures ?", true},
		{"Oui, pour commencer, s'il fait l'essentiel.", "un logiciel gratuit ça suffit ?", false},
		{"Comptez de 10 à 20 euros.", "combien coûte un nom de domaine ?", false},
	} {
		if got := AnswersOtherYesNo(tt.text, tt.asked); got != tt.want {
			t.Errorf("AnswersOtherYesNo(%q, %q) = %v, want %v", tt.text, tt.asked, got, tt.want)
		}
	}
	c := Compose([]Block{{Label: "Un logiciel gratuit suffit-il ?", Text: "Oui.", ShowLabel: true}})
	if !strings.HasPrefix(c.Text, "Un logiciel gratuit suffit-il ?\nOui.") {
		t.Errorf("composed %q: want the unit's question before its yes", c.Text)
	}
}

func TestReadKeepsTheStoryThatStandsFor(t *testing.T) {
	ps := Read("Couvreur, je suis RGE Qualibat depuis cette année. Comment je mets ça en avant sur ma fiche Google ?")
	if len(ps) != 1 || !strings.Contains(knowledge.Fold(ps[0].Text), "rge") {
		t.Errorf("parts %+v: want the story « ça » stands for searched", ps)
	}
}

func TestExcerptKeepsListsWhole(t *testing.T) {
	list := "Trois cas :\n\n- un.\n- deux.\n- trois."
	tests := []struct {
		name, text string
		budget     int
		want       string
	}{
		{"fits", "Court. Très court.", 100, "Court. Très court."},
		{"a list that does not fit goes with its lead",
			"Premier paragraphe assez long pour remplir le budget.\n\n" + list, 60,
			"Premier paragraphe assez long pour remplir le budget."},
		{"a list announced by the first block is the answer",
			"Les étapes :\n\n1. Ouvrez Google Maps et cherchez votre entreprise.\n2. Revendiquez la fiche.\n3. Validez.\n\nUn paragraphe de plus.", 40,
			"Les étapes :\n\n1. Ouvrez Google Maps et cherchez votre entreprise.\n2. Revendiquez la fiche.\n3. Validez."},
		{"a paragraph that ends announcing a list loses that sentence",
			"Une introduction.\n\nUne phrase utile. Voici la liste :\n\n- " + strings.Repeat("a", 60) + "\n- b", 60,
			"Une introduction.\n\nUne phrase utile."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Excerpt(tt.text, tt.budget); got != tt.want {
				t.Errorf("got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestComposeNumbersEachGuideOnce(t *testing.T) {
	a := knowledge.GuideHit{ID: "a", Title: "A"}
	b := knowledge.GuideHit{ID: "b", Title: "B"}
	c := Compose([]Block{
		{Label: "Q1 ?", Text: "R1.", Guide: a},
		{Label: "Q2 ?", Text: "R2.", Guide: b},
		{Label: "Q3 ?", Text: "R3.", Guide: a},
	})
	want := "Q1 ?\nR1. [1]\n\nQ2 ?\nR2. [2]\n\nQ3 ?\nR3. [1]"
	if c.Text != want {
		t.Errorf("text:\n%s\nwant:\n%s", c.Text, want)
	}
	if len(c.Guides) != 2 || c.Guides[0].ID != "a" || c.Guides[1].ID != "b" {
		t.Errorf("guides %v, want a then b", c.Guides)
	}
	one := Compose([]Block{{Label: "Q ?", Text: "R.", Guide: a}})
	if one.Text != "R. [1]" {
		t.Errorf("one block: %q, want no label", one.Text)
	}
}

func TestVague(t *testing.T) {
	for _, tt := range []struct {
		text string
		want bool
	}{
		{"ça ne marche pas", true},
		{"Ça coûte combien ?", true},
		{"c'est compliqué", true},
		{"j'ai un souci avec mon compte", true},
		{"je veux être plus visible", true},
		{"recette de crêpes", false},
		{"comment créer ma fiche Google", false},
		{"bonjour", false},
		{"mon truc marche plus depuis ce matin", true},
		{"ma fiche ne marche plus depuis ce matin", false},
	} {
		if got := Vague(tt.text); got != tt.want {
			t.Errorf("Vague(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

// A long message is read in linear time: a 1,500-character sentence full of "et" (the most
// a message gives retrieval) is read in well under a second even with the race detector.
func TestReadLongMessage(t *testing.T) {
	s := strings.Repeat("comment faire ma fiche google et aussi mon site et combien ça coûte et ", 30)
	ps := Read(s)
	if len(ps) == 0 || len(ps) > MaxParts {
		t.Fatalf("got %d parts, want 1 to %d", len(ps), MaxParts)
	}
}

func BenchmarkReadLongMessage(b *testing.B) {
	s := strings.Repeat("comment faire ma fiche google et aussi mon site et combien ça coûte et ", 30)
	for i := 0; i < b.N; i++ {
		Read(s)
	}
}

// The owner's own workshop is a place: it is searched as the business, and the question is
// not about the programme's workshops.
func TestOwnWorkshopIsAPlace(t *testing.T) {
	for text, want := range map[string]bool{
		"Comment faire pour que mon atelier sorte sur Google ?":       false,
		"Je tiens un atelier de couture, comment vendre en ligne ?":   false,
		"y a des ateliers à Lyon ?":                                   true,
		"il y a un atelier de formation sur Instagram ?":              true,
		"Je tiens un atelier d'encadrement à Marseille. lesquelles ?": false,
		"il y a un atelier d'initiation à Instagram ?":                true,
		"un atelier en ligne sur la fiche Google ?":                   true,
	} {
		if got := AboutProgramme(text); got != want {
			t.Errorf("AboutProgramme(%q) = %v, want %v", text, got, want)
		}
	}
	if p := NewPart("Comment faire pour que mon atelier sorte sur Google ?", ""); strings.Contains(p.Text, "atelier") {
		t.Errorf("searched as %q: want the business, not a workshop", p.Text)
	}
}

// "… ? Et les photos de Google Images ?": a second question that says only what else it is
// about asks the same kind of thing as the first.
func TestAnAndQuestionAsksTheSameKind(t *testing.T) {
	ps := Read("Je vends des vélos. Je peux mettre les photos de leurs catalogues sur mon site ? Et les belles photos que je trouve sur Google Images ?")
	if len(ps) != 2 || ps[1].Want&Allowed == 0 {
		t.Errorf("parts %+v: want the second to ask whether it is allowed too", ps)
	}
}

// A password typed is something done, whatever else was not ("on n'a rien envoyé").
func TestTypedIsDoneWhateverElseWasNot(t *testing.T) {
	text := "Notre secrétaire a cliqué et a tapé le mot de passe de la boîte mail sur la page. Des clients ont reçu de notre adresse une facture. On n'a rien envoyé."
	if saysNothingDone(text) {
		t.Errorf("saysNothingDone(%q) = true, want false", text)
	}
	if !UrgentTold(text) {
		t.Errorf("UrgentTold(%q) = false: a member of staff typed the password", text)
	}
	if saysNothingDone("Mon fournisseur m'a envoyé un nouveau RIB. J'ai fait le virement de 6 400 € hier. Ce matin il n'a rien reçu.") {
		t.Error("a transfer made was read as nothing done")
	}
	if text := "Un client m'a envoyé un code « par erreur », je lui ai renvoyé et maintenant mon WhatsApp est déconnecté"; !UrgentTold(text) || saysNothingDone(text) {
		t.Errorf("a code sent back is an incident, something done: %q", text)
	}
	if !saysNothingDone("J'ai reçu un nouveau RIB par mail. Je n'ai encore rien payé. Je fais le virement ?") {
		t.Error("nothing paid yet was not read")
	}
}

// "… pourquoi ? Et est-ce que Brevo c'est gratuit ?": the second question names its own
// subject and asks its own thing; it is not searched with the first one's words.
func TestASecondQuestionWithItsOwnSubjectStandsAlone(t *testing.T) {
	ps := Read("Ma newsletter part dans les spams chez Gmail, pourquoi ? Et est-ce que Brevo c'est gratuit ?")
	if len(ps) != 2 || strings.Contains(knowledge.Fold(ps[1].Text), "spam") {
		t.Errorf("parts %+v: want the second about Brevo alone", ps)
	}
}

// "quand on n'a pas de wifi" is a condition, not a question about when; "le plus simple
// c'est quoi ?" asks for the simplest way, not a definition.
func TestWantsReadsConditionsAndBest(t *testing.T) {
	if w := Wants("Quel petit appareil pour la carte quand on n'a pas de wifi au marché ?"); w&When != 0 {
		t.Errorf("Wants = %v: a condition read as when", w)
	}
	if w := Wants("Quand faut-il publier sur Instagram ?"); w&When == 0 {
		t.Errorf("Wants = %v: want when", w)
	}
	if w := Wants("Pas de site. Le plus simple c'est quoi ?"); w&Definition != 0 {
		t.Errorf("Wants = %v: the simplest way read as a definition", w)
	}
	if w := Wants("c koi lappli la + simple pr faire des visuels insta ?"); w&Definition != 0 {
		t.Errorf("Wants = %v: which app is simplest read as a definition", w)
	}
	if w := Wants("c'est quoi un bon gestionnaire de mots de passe pour mon salon ?"); w&Definition != 0 {
		t.Errorf("Wants = %v: which one is good read as a definition", w)
	}
	if w := Wants("si je passe en compte professionnel je n'aurai plus accès à ces musiques ?"); w&Urgent != 0 {
		t.Errorf("Wants = %v: a loss to come read as an account taken", w)
	}
	if w := Wants("je n'ai plus accès à mon compte Instagram"); w&Urgent == 0 {
		t.Errorf("Wants = %v: want urgent", w)
	}
	if w := Wants("On a payé notre distributeur 7 300 € sur le « nouveau RIB » reçu par mail, il n'a rien reçu."); w&Urgent == 0 {
		t.Errorf("Wants = %v: a payment made to new bank details is an emergency", w)
	}
	if w := Wants("Ça vaut le coup d'acheter 2000 abonnés ?"); w&Required == 0 {
		t.Errorf("Wants = %v: whether to do something is what « faut-il » cards answer", w)
	}
}

// What the owner quotes is what they saw: « Non sécurisé » is the subject of the story, not
// only its digital words.
func TestReadKeepsWhatTheOwnerQuotes(t *testing.T) {
	ps := Read("Un freelance m'a fait le site de mon salon il y a deux ans. Depuis quelques jours, sur Chrome, il y a marqué « Non sécurisé » à côté de l'adresse. Ça fait peur aux clientes. Qu'est-ce que ça veut dire ?")
	if len(ps) != 1 || !strings.Contains(knowledge.Fold(ps[0].Text), "non securise") {
		t.Errorf("parts %+v: want the quoted words searched", ps)
	}
}

// "… c'est grave ? Et au passage, c'est quoi un bon gestionnaire de mots de passe ?": a
// question asked on the side is not about the emergency told.
func TestASideQuestionIsNotTheEmergency(t *testing.T) {
	ps := Read("Ce matin j'ai cliqué sur un lien dans un mail « colis en attente » mais je n'ai rien rempli. C'est grave ? Et au passage, c'est quoi un bon gestionnaire de mots de passe pour mon salon ?")
	if len(ps) != 2 || ps[0].Want&Urgent == 0 || ps[1].Want&Urgent != 0 || strings.Contains(ps[1].Text, "colis") {
		t.Errorf("parts %+v: want the emergency, then the side question alone", ps)
	}
}

// "je suis coach sportif" is the owner's trade: not the programme's coaches.
func TestACoachByTradeIsNotTheProgramme(t *testing.T) {
	for _, text := range []string{"Je suis coach sportif, je veux vendre mes plans d'entraînement en PDF. Avec quelle plateforme ?", "coach de vie à Lyon, comment avoir des avis ?"} {
		for _, p := range Read(text) {
			if p.AboutProgramme || strings.Contains(knowledge.Fold(p.Text), "coach") {
				t.Errorf("Read(%q): part %q read as the programme's coach", text, p.Text)
			}
		}
	}
	for _, text := range []string{"un coach peut venir m'aider ?", "Je voudrais parler à un coach de la CCI"} {
		if ps := Read(text); len(ps) == 0 || !strings.Contains(knowledge.Fold(ps[0].Text), "coach") {
			t.Errorf("Read(%q) = %+v: the programme's coach lost", text, ps)
		}
	}
}

// "… y a des démarches de douane, et qui paie la TVA ?": two questions; Switzerland and
// England are outside the European Union, which the VAT answer depends on.
func TestAndWhoIsASecondQuestion(t *testing.T) {
	ps := Read("Je voudrais vendre à des clients en Suisse et en Angleterre : y a des démarches de douane, et qui paie la TVA ?")
	if len(ps) != 2 {
		t.Fatalf("got %d parts, want 2: %+v", len(ps), ps)
	}
	if !slices.Contains(knowledge.Terms(ps[1].Text), "_horsue") {
		t.Errorf("second part %q: want it read as outside the Union", ps[1].Text)
	}
}

// "sur les applis" names no subject of its own: the apps are the ones the story named.
func TestVagueSubjectBorrowsTheStory(t *testing.T) {
	ps := Read("Pizzeria à Marseille. Uber Eats et Deliveroo me prennent 30 %. Je peux mettre mes pizzas plus chères sur les applis qu'au restaurant ?")
	if len(ps) != 1 || !strings.Contains(knowledge.Fold(ps[0].Text), "deliveroo") {
		t.Errorf("parts %+v: want the question read with the apps of the story", ps)
	}
}

// "au secours" says that the owner is in a hurry, not that an attack happened: a domain left
// to expire is not searched in the security guides.
func TestHelpIsNotAnAttack(t *testing.T) {
	if UrgentTold("au secours mon site affiche 'ce domaine est a vendre' depuis ce matin !! jcrois que jai pas renouvelé qq chose") {
		t.Error("an expired domain read as an attack")
	}
}

// "le droit de rétractation c'est combien de jours ?" asks a number of days: not a price,
// not a permission.
func TestCountOfDaysOfARightNamed(t *testing.T) {
	w := Wants("Et le droit de rétractation c'est combien de jours déjà ?")
	if w&(Cost|Allowed) != 0 {
		t.Errorf("Wants = %v: want neither a price nor a permission", w)
	}
	if w := Wants("Il veut se rétracter après 10 jours. Il a le droit ?"); w&Allowed == 0 {
		t.Errorf("Wants = %v: want a permission", w)
	}
}

// A question that says what it is about at the end of a long story is searched with the
// story's subject only, not with every word of the story ("logiciel de caisse", "Chartrons").
func TestASpecificQuestionEndingALongStory(t *testing.T) {
	ps := Read("Je suis caviste à Bordeaux, quartier des Chartrons, petite boutique, on fait aussi des dégustations le jeudi soir. Décembre c'est 40 % de mon chiffre, et cette année je veux mieux faire. Mon logiciel de caisse a gardé les numéros de portable d'environ 900 clients (on les demande pour la carte de fidélité). Ma voisine la fromagère envoie des SMS du genre « arrivage de vacherin » et ça lui ramène du monde. Je peux envoyer un SMS promo à tous ces clients pour les coffrets de Noël, ou il faut une autorisation ?")
	if len(ps) != 1 || strings.Contains(knowledge.Fold(ps[0].Text), "chartrons") || !strings.Contains(knowledge.Fold(ps[0].Text), "sms promo") {
		t.Errorf("parts %+v: want the question with the story's subject only", ps)
	}
}

// "plu de reseau … l'ajout d'un nouveau bénéficiaire": a SIM swap told in SMS spelling is an
// emergency.
func TestSIMSwapInSMSSpelling(t *testing.T) {
	if !UrgentTold("jai plu de reseau sur mon tel depuis 2h et ya des mails de ma banque pr l ajout d un nouveau beneficiaire!!!") {
		t.Error("not read as an emergency")
	}
}

// What the owner did is the card's act: a password typed, a code given or read out.
func TestSameAct(t *testing.T) {
	for _, c := range []struct {
		message, heading string
		want             bool
	}{
		{"j'ai cliqué et j'ai tapé mon mot de passe Facebook", "J'ai tapé mon identifiant et mon mot de passe sur un faux site : que faire ?", true},
		{"j'ai cliqué et j'ai tapé mon mot de passe Facebook", "Ma Page Facebook professionnelle a été piratée : que faire pour la récupérer ?", false},
		{"notre comptable a donné le code reçu par SMS", "J'ai lu à un inconnu un code reçu par SMS de ma banque : que faire ?", true},
		{"il a pris mon WhatsApp après que j'ai donné un code", "Mon WhatsApp a été piraté après avoir donné un code : que faire ?", true},
		{"j'ai cliqué sur le lien", "J'ai tapé mon identifiant et mon mot de passe sur un faux site : que faire ?", false},
	} {
		if got := sameAct(c.message, c.heading); got != c.want {
			t.Errorf("sameAct(%q, %q) = %v, want %v", c.message, c.heading, got, c.want)
		}
	}
}

// « je paye ou pas ? » asks whether to pay: the card whose heading asks it comes first in
// an emergency, and nothing paid calls for the bank.
func TestAsksWhetherToPay(t *testing.T) {
	if !AsksWhetherToPay("Le pirate m'écrit qu'il me rend le compte contre 250 €. Je paye ou pas ?") {
		t.Error("AsksWhetherToPay(« je paye ou pas ? ») = false, want true")
	}
	if AsksWhetherToPay("J'ai payé 250 € au pirate, il ne m'a rien rendu") {
		t.Error("AsksWhetherToPay(« j'ai payé ») = true, want false")
	}
}

// A payment told to new bank details meets the cards of payments made, not those of who is
// asked to pay, nor those of a payment without bank details.
func TestPaidToRibCard(t *testing.T) {
	msg := "ma boite gmail est piratée et une cliente a reçu un mail avec un nouveau rib et elle a payé"
	for _, c := range []struct {
		message, heading string
		want             bool
	}{
		{msg, "Mes clients ont payé sur un faux RIB envoyé depuis ma boîte mail : que faire ?", true},
		{msg, "Ma messagerie a été piratée : que faire ?", false},
		{msg, "Un fournisseur ou un salarié me demande par e-mail de changer son RIB : je paie ?", false},
		{"ma boite gmail est piratée, une cliente a reçu un mail bizarre", "Mes clients ont payé sur un faux RIB envoyé depuis ma boîte mail : que faire ?", false},
		{msg, "J'ai payé sur un faux RIB : comment récupérer l'argent ?", false},
		{"je viens de virer 8 700 € au fournisseur sur le nouveau RIB reçu par mail", "J'ai payé sur un faux RIB : comment récupérer l'argent ?", true},
		{"je viens de virer 8 700 € au fournisseur sur le nouveau RIB reçu par mail", "Mes clients ont payé sur un faux RIB envoyé depuis ma boîte mail : que faire ?", false},
	} {
		if got := paidToRibCard(c.message, c.heading); got != c.want {
			t.Errorf("paidToRibCard(%q, %q) = %v, want %v", c.message, c.heading, got, c.want)
		}
	}
}

// "g cliké le lien … g pa continué jai fermé direct": SMS spelling of a click with nothing
// typed reads as the act told, and as nothing done.
func TestSMSSpellingOfAnAct(t *testing.T) {
	ps := Read("g recu un sms de lassurance maladie, g cliké le lien ca ma ouvert une page avec un formulaire mais g pa continué jai fermé direct. c grave?")
	if len(ps) == 0 || ps[0].Want&Urgent == 0 || !strings.Contains(ps[0].Text, "j'ai cliqué") || !saysNothingDone(ps[0].Text) {
		t.Errorf("parts %+v: want a click told, nothing typed", ps)
	}
	if got := smsSpelling("500 g de farine"); got != "500 g de farine" {
		t.Errorf("smsSpelling = %q", got)
	}
}

// The platform the owner names picks among emergency cards; the bank is not a platform.
func TestNamesSamePlatform(t *testing.T) {
	for _, c := range []struct {
		message, heading string
		want             bool
	}{
		{"whatsapp dit que mon numero est utilise sur un autre tel", "Mon WhatsApp a été piraté après avoir donné un code : que faire ?", true},
		{"whatsapp dit que mon numero est utilise sur un autre tel", "J'ai lu à un inconnu un code reçu par SMS de ma banque : que faire ?", false},
		{"g mis mon mdp sur un faux insta", "Mon compte Facebook, Instagram ou ma fiche Google a été piraté : que faire ?", true},
		{"ma banque m'appelle", "Un faux conseiller bancaire est au téléphone et me demande un code : que faire ?", false},
	} {
		if got := namesSamePlatform(c.message, c.heading); got != c.want {
			t.Errorf("namesSamePlatform(%q, %q) = %v, want %v", c.message, c.heading, got, c.want)
		}
	}
	if !bankCard("J'ai lu à un inconnu un code reçu par SMS de ma banque : que faire ?") || bankCard("Mon WhatsApp a été piraté : que faire ?") {
		t.Error("bankCard: want the bank's card only")
	}
}

// What an owner typed or gave, in their words: "j'ai mis mon mdp", "je lui ai renvoyé le code".
func TestActsInOwnWords(t *testing.T) {
	if !sameAct("j'ai mis mon mdp et mon code de verif", "J'ai tapé mon identifiant et mon mot de passe sur un faux site : que faire ?") {
		t.Error("« j'ai mis mon mdp » is not the act of typing a password")
	}
	if !sameAct("je lui ai renvoyé le code à 6 chiffres", "Mon WhatsApp a été piraté après avoir donné un code : que faire ?") {
		t.Error("« je lui ai renvoyé le code » is not the act of giving a code")
	}
}

// A question after its story is answered by the card asked in the question's own words;
// "ou" alone is not what the owner asks about.
func TestOwnWordsAskAfterAStory(t *testing.T) {
	story := "Je vends des bijoux faits main sur Etsy et je veux ouvrir mon propre site. Shopify ou WooCommerce ?"
	choose := knowledge.Chunk{Heading: "Quelle solution choisir pour créer ma boutique en ligne ?", Asks: []string{"shopify ou woocommerce", "créer un site e-commerce"}}
	etsy := knowledge.Chunk{Heading: "Vaut-il mieux vendre sur Etsy ou Amazon, ou sur mon propre site ?", Asks: []string{"etsy ou mon site"}}
	if !ownWordsAsk("Shopify ou WooCommerce ?", story, choose) {
		t.Error("ownWordsAsk: the card asked « shopify ou woocommerce » is not the owner's question")
	}
	if ownWordsAsk("Shopify ou WooCommerce ?", story, etsy) {
		t.Error("ownWordsAsk: « etsy ou mon site » counted as asked for its « ou »")
	}
}

// An owner who lost the access has an account taken, not only a password typed.
func TestLostAccess(t *testing.T) {
	if !lostAccess("J'ai tapé mon mot de passe. Maintenant je n'ai plus accès ni à mon compte ni à la page") {
		t.Error("lostAccess(« je n'ai plus accès ») = false, want true")
	}
	if lostAccess("J'ai tapé mon mot de passe Facebook. Rien n'a bougé pour l'instant.") {
		t.Error("lostAccess(« rien n'a bougé ») = true, want false")
	}
}

// An emergency told through a pronoun ("Elle a encore les codes de tout") keeps the sentences
// that say who it is ("J'ai licencié ma serveuse").
func TestTheIncidentSaysWho(t *testing.T) {
	ps := Read("J'ai licencié ma serveuse la semaine dernière. Hier soir elle a publié une story sur notre Instagram. Elle a encore les codes de tout. Comment je lui coupe l'accès ?")
	if len(ps) == 0 || !strings.Contains(ps[0].Text, "licencié ma serveuse") {
		t.Errorf("Read: got %+v, want the first part to keep who « elle » is", ps)
	}
}

// A follow-up's own action picks the card whose heading does it; common verbs do not.
func TestOwnActionInHeading(t *testing.T) {
	if !ownActionInHeading("je peux le faire supprimer ?", "Comment faire supprimer un faux avis ou un avis abusif sur Google ?") {
		t.Error("« supprimer » not found in the heading that does it")
	}
	if ownActionInHeading("je peux le faire ?", "Comment faire supprimer un faux avis ou un avis abusif sur Google ?") {
		t.Error("« faire » counted as the follow-up's action")
	}
	if !sameAct("jai payé sur un site pas cher", "J'ai payé sur un faux site marchand : que faire ?") {
		t.Error("« jai payé » is not the act of paying")
	}
}

// « et pour que ça recommence pas ? » asks how to avoid it: the cards that say so.
func TestAsksPrevention(t *testing.T) {
	if !asksPrevention("et pour que ça recommence pas ?") || !asksPrevention("comment éviter que ça se reproduise ?") {
		t.Error("asksPrevention: the question of avoiding it again not read")
	}
	if asksPrevention("et ça coûte combien ?") {
		t.Error("asksPrevention: a price read as avoiding it again")
	}
	if !preventionUnit(knowledge.Chunk{Heading: "Comment éviter l'arnaque au faux RIB et l'arnaque au président ?"}) {
		t.Error("preventionUnit: a card on avoiding a scam not recognised")
	}
}

func TestIncidentOver(t *testing.T) {
	for text, want := range map[string]bool{
		"Mon compte a été piraté le mois dernier, j'ai fini par le récupérer. Comment éviter ça ?": true,
		"on a été piratés en mars mais c'est réglé":                                                true,
		"Facebook piraté hier, je l'ai récupéré ce matin":                                          true,
		"Mon compte a été piraté, je n'ai toujours pas pu le récupérer":                            false,
		"j'ai besoin que quelqu'un m'aide à le récupérer":                                          false,
		"je l'ai récupéré mais il recommence à publier des arnaques":                               false,
		"c fait j'ai récupéré. et les clientes qui ont déjà envoyé de l'argent ?":                  false,
	} {
		if got := IncidentOver(text); got != want {
			t.Errorf("IncidentOver(%q) = %v, want %v", text, got, want)
		}
	}
	if Wants("Mon compte a été piraté le mois dernier, je l'ai récupéré, comment éviter ça ?")&Urgent != 0 {
		t.Error("an incident over read as an emergency")
	}
}

func TestLastAsked(t *testing.T) {
	for text, want := range map[string]string{
		"Je suis opticien. Je peux les supprimer ? et mettre mon logo ?": "et mettre mon logo ?",
		"comment créer ma fiche ? je suis boulanger":                     "comment créer ma fiche ?",
		"je suis boulanger": "je suis boulanger",
	} {
		if got := LastAsked(text); got != want {
			t.Errorf("LastAsked(%q) = %q, want %q", text, got, want)
		}
	}
}

// « rendez-vous » is the owner's customers' appointment, not the programme's « vous »; a
// button that no longer shows is a question on settings, not a problem of a site down;
// something stuck over the owner's own is an emergency.
func TestReadingCuesOfThisWeek(t *testing.T) {
	if AboutProgramme("Il y a un moyen de relancer mes clients pour qu'ils prennent rendez-vous plus tôt ?") {
		t.Error("a customer's rendez-vous read as a question on the programme")
	}
	if !AboutProgramme("Je peux avoir un rendez-vous avec vous ?") {
		t.Error("a question to the service not read as about the programme")
	}
	if Wants("ma page fb affiche plus le bouton réserver, comment on le remet ?")&Problem != 0 {
		t.Error("a button no longer shown read as a site down")
	}
	if Wants("quelqu'un a collé un autre QR code par-dessus le mien, des clients ont payé")&Urgent == 0 {
		t.Error("a QR code stuck over the owner's not read as an emergency")
	}
}

// « je vois comment si ça marche ? » asks how to measure results, not how the thing works.
func TestAsksResults(t *testing.T) {
	if !asksResults("et je vois comment si ça marche ?") || !asksResults("comment savoir si c'est rentable ?") {
		t.Error("a question on results not read as one")
	}
	if asksResults("comment ça marche Google Ads ?") {
		t.Error("a question on how it works read as one on results")
	}
}

// A card's situation is told when each of its words is, one of « X ou Y » being enough, its
// word of the problem among them.
func TestSituationTold(t *testing.T) {
	if !situationTold("mes textes copiés mot pour mot par un concurrent", "Quelqu'un a copié mes photos ou mes textes : que faire ?") {
		t.Error("« mes textes copiés » does not tell « a copié mes photos ou mes textes »")
	}
	if situationTold("mon site affiche « domaine expiré »", "Mon site ne s'affiche plus : que faire ?") {
		t.Error("a site showing a message told as a site that no longer shows")
	}
	if !situationTold("Google a suspendu ma fiche sans explication", "Ma fiche est suspendue : que faire ?") {
		t.Error("a suspended listing not told")
	}
	// the business taken over is whatever the owner calls it; selling one is not a situation
	// that any « je vends des bougies » tells
	if !situationTold("J'ai repris l'optique de mon père à Manosque", "J'ai repris un commerce : comment récupérer sa fiche Google ?") {
		t.Error("a business taken over not told")
	}
	if situationTold("je vends des bougies sur mon site", "Je vends mon commerce : comment transmettre ma fiche Google au repreneur ?") {
		t.Error("selling candles told as selling one's business")
	}
	if !situationCard(knowledge.Chunk{Heading: "J'ai repris un commerce : comment récupérer sa fiche Google ?"}) ||
		situationCard(knowledge.Chunk{Heading: "Comment créer ma fiche Google ?"}) {
		t.Error("a situation then « comment » is a card for that situation; a plain how-to is not")
	}
}

// A question asked on the side of an emergency, or on how to avoid it next time, is a part
// of its own, not one more way of asking for the emergency steps.
func TestSideQuestionsOfAnEmergency(t *testing.T) {
	for _, text := range []string{
		"Mon compte Instagram a été piraté hier soir, je ne peux plus me connecter. Que faire en urgence ? Et au passage, vous me conseillez quel gestionnaire de mots de passe ?",
		"Mon site redirige vers un casino depuis ce matin. On fait quoi tout de suite ? Et petite question à côté : la facture électronique, c'est pour quand ?",
		"On m'a volé mon ordinateur portable avec mes fichiers clients. Qu'est-ce que je dois faire ? Et derrière, quelle sauvegarde pour ne plus dépendre d'un seul ordi ?",
	} {
		ps := Read(text)
		if len(ps) != 2 || ps[0].Side || !ps[1].Side || ps[1].Want&Urgent != 0 {
			t.Errorf("Read(%q): %+v, want the emergency then a side question", text, ps)
		}
	}
}

// A device stolen is an emergency however it is told; files renamed or encrypted tell a
// ransomware.
func TestStolenDeviceAndEncryptedFiles(t *testing.T) {
	if Wants("on a fracturé ma voiture et on m'a volé mon sac avec l'ordinateur portable du boulot")&Urgent == 0 {
		t.Error("a laptop stolen with the bag not read as an emergency")
	}
	if Wants("des clients ont volé des idées sur mon site")&Urgent != 0 {
		t.Error("ideas « volées » read as an emergency")
	}
	if !encryptedTold("tous les fichiers ont changé de nom avec .akira au bout") || encryptedTold("comment renommer mes photos de produits ?") {
		t.Error("encryptedTold wrong")
	}
}

// The service the owner names picks among emergency cards: a card naming only other services
// is not theirs, unless its questions name theirs.
func TestNamesOtherServices(t *testing.T) {
	bank := knowledge.Chunk{Heading: "J'ai lu à un inconnu un code reçu par SMS de ma banque : que faire ?"}
	if !namesOtherServices(servicesNamed("je lui ai renvoyé le code à 6 chiffres, impossible d'ouvrir WhatsApp"), bank) {
		t.Error("the bank's card for a WhatsApp code")
	}
	insta := knowledge.Chunk{Heading: "Mon compte Instagram a été piraté, que faire en premier ?",
		Asks: []string{"compte tiktok piraté"}}
	if namesOtherServices(servicesNamed("notre TikTok publie des vidéos pour des cryptos"), insta) {
		t.Error("the Instagram card asked as « compte tiktok piraté » set aside for a TikTok")
	}
}

// « cb ça coûte » is « combien ça coûte », not a bank card.
func TestCbBeforeCostIsCombien(t *testing.T) {
	if n := norm("cb ça coute d'envoyer des sms ?"); strings.Contains(n, norm("carte")) || !strings.Contains(n, norm("combien")) {
		t.Errorf("norm = %q, want « combien », no bank card", n)
	}
	if n := norm("j'ai tapé ma cb sur un faux site"); !strings.Contains(n, norm("carte")) {
		t.Errorf("norm = %q, want the bank card", n)
	}
}

// « c'est quoi le bon format ? » asks which one, not what a format is.
func TestTheRightOneIsNotADefinition(t *testing.T) {
	if Wants("c'est quoi le bon format pour les vidéos ?")&Definition != 0 {
		t.Error("« c'est quoi le bon format » read as a definition")
	}
	if Wants("c'est quoi le référencement ?")&Definition == 0 {
		t.Error("« c'est quoi le référencement » not read as a definition")
	}
}

// An « avis d'imposition » is a document, not a customer review.
func TestTaxNoticeIsNotAReview(t *testing.T) {
	for _, p := range Read("Les clients nous envoient leurs pièces par mail : carte d'identité, avis d'imposition, RIB. C'est quoi la bonne solution ?") {
		if strings.Contains(knowledge.Fold(p.Text), "avis") {
			t.Errorf("part %q still says « avis »", p.Text)
		}
	}
}

// A quote goes on past its « … »: « T'es de Roanne si… » does not end a sentence.
func TestSentenceGoesOnInsideAQuote(t *testing.T) {
	ss := sentencesOf("Hier elle a posté dans le groupe « T'es de Roanne si… » (28 000 membres) des photos, avec « à fuir ». Je dois répondre ?")
	if len(ss) != 2 {
		t.Errorf("sentences %q, want 2", ss)
	}
}

// The problem a story tells before its questions is searched on its own too: insults in a
// Facebook group are a problem, whatever the question asks next.
func TestStoryProblemBeforeItsQuestions(t *testing.T) {
	ps := Read("Couturière à Roanne depuis 20 ans. Une cliente mécontente voulait être remboursée. Hier elle a posté dans le groupe Facebook de la ville des photos de la robe et le nom de ma boutique. Il y a déjà 150 commentaires, certains m'insultent. Je dois répondre dans le groupe ? Je peux faire supprimer le post ?")
	if len(ps) == 0 || ps[0].Situation == "" {
		t.Errorf("parts %+v: want the problem told as the situation", ps)
	}
}

// Money or goods taken by a trick are an emergency: a fake transfer shown on a phone, an order
// in the name of a company that ordered nothing, a fake listing of one's gîte, a skimmer.
func TestTricksAreEmergencies(t *testing.T) {
	for _, text := range []string{
		"il m'a montré l'écran « virement effectué », la banque me dit qu'aucun virement n'est arrivé",
		"la vraie société n'a jamais rien commandé, la marchandise est partie",
		"une famille est arrivée, elle avait payé un acompte via une annonce mais ce n'était pas mon annonce",
		"g vu un truc collé sur la fente de la carte du tpe",
	} {
		if !UrgentTold(text) {
			t.Errorf("UrgentTold(%q) = false", text)
		}
	}
	// the money of a family who paid a crook is theirs to recall, not the owner's
	bank := knowledge.Chunk{GuideID: "g", Ordinal: 2, Heading: "J'ai payé sur un faux RIB : que faire ?", Asks: []string{"faux rib payé"},
		Text: "Appelez votre banque immédiatement et demandez un rappel des fonds."}
	res := knowledge.Result{Passages: []knowledge.Passage{{Chunk: bank, Score: 1}}, Guides: []knowledge.GuideHit{{ID: "g"}}}
	if _, ok := BankFirst(res, "j'ai versé 900 € par virement à un faux fournisseur", Pick{}); !ok {
		t.Error("no bank first for the owner's own transfer")
	}
	if _, ok := BankFirst(res, "une famille a versé 900 € d'acompte par virement via une fausse annonce de mon gîte", Pick{}); ok {
		t.Error("the owner's bank first for a family's transfer")
	}
}

// « ça marche vraiment ? » asks whether it is worth it, not how it works; « et si je le fais
// moi-même ? » asks for the card on doing it oneself.
func TestWorthAndDoItYourself(t *testing.T) {
	if !asksWorth("Les pubs Google, ça marche vraiment pour les dépannages urgents ?") || asksWorth("comment ça marche Google Ads ?") {
		t.Error("asksWorth wrong")
	}
	if !asksDIY("ok et si je le fais moi-même ?") || asksDIY("et ça coûte combien ?") {
		t.Error("asksDIY wrong")
	}
	if !diyUnit(knowledge.Chunk{Heading: "Faut-il passer par une agence pour Google Ads ?"}) || diyUnit(knowledge.Chunk{Heading: "Combien coûte Google Ads ?"}) {
		t.Error("diyUnit wrong")
	}
}

// A side question told without a question mark (« et autre truc c combien … ») is a part of its
// own, and a listing someone else now manages is an emergency.
func TestSideQuestionWithoutQuestionMark(t *testing.T) {
	ps := Read("sur ma fiche google y a plus mon num c un 08 bizarre et on me dit que la fiche est geree par qqun d'autre!! comment je recup ma fiche ? et autre truc c combien en gros une pub google ads pr un artisan")
	if len(ps) != 2 || ps[0].Want&Urgent == 0 || !ps[1].Side {
		t.Errorf("parts %+v: want the hijacked listing as an emergency, then the price of ads on the side", ps)
	}
}

// The steps an owner says are done are not what a follow-up asks about.
func TestWithoutDone(t *testing.T) {
	got := WithoutDone("c'est fait, j'ai raccroché et débranché. mais pendant qu'il était dessus je suis allé sur le site de ma banque pro")
	if strings.Contains(got, "raccroché") || !strings.Contains(got, "banque") {
		t.Errorf("WithoutDone = %q", got)
	}
	if got := WithoutDone("j'ai raccroché. je fais quoi ?"); got != "j'ai raccroché. je fais quoi ?" {
		t.Errorf("WithoutDone dropped a sentence with no « c'est fait »: %q", got)
	}
}

// « J'ai mis mon numéro SIRET et mon mot de passe, puis la page m'a demandé ma carte bancaire
// et j'ai fermé sans rien mettre »: a password typed, no card given.
func TestPasswordTypedCardOnlyAsked(t *testing.T) {
	text := "J'ai mis mon numéro SIRET et mon mot de passe de l'espace autoentrepreneur, puis la page m'a demandé ma carte bancaire et là j'ai compris et fermé sans rien mettre."
	if saysNothingDone(text) {
		t.Error("a password typed read as nothing done")
	}
	if MoneyAtStake(text) {
		t.Error("a card asked for read as money at stake")
	}
	if MoneyAtStake("Ma comptable a reçu un mail « de moi » lui demandant un virement urgent de 12 000 €. Elle m'a demandé avant.") {
		t.Error("a transfer asked for read as money at stake")
	}
	if !MoneyAtStake("j'ai mis ma carte bancaire sur la page et payé 1,45 €") {
		t.Error("a card given not read as money at stake")
	}
}

// An emergency told with only a side question asked: the emergency is a part of its own, the
// side question another.
func TestEmergencyToldWithOnlyASideQuestion(t *testing.T) {
	ps := Read("Le site WordPress de notre pressing redirige vers une pharmacie russe depuis hier soir !! Et au passage c'est quoi un hébergeur fiable en France, le nôtre est à 2 € par mois…")
	if len(ps) != 2 || ps[0].Want&Urgent == 0 || !ps[1].Side || strings.Contains(ps[1].Text, "pharmacie") {
		t.Errorf("parts %+v: want the hacked site, then the host on the side", ps)
	}
}

// A patient or a profession bound by secrecy stays in the subject a question borrows from its
// story: it changes what may be answered.
func TestSecrecyWordsStayInTheSubject(t *testing.T) {
	ps := Read("Kinésithérapeute à Bourgoin-Jallieu. Un patient m'a mis 1 étoile sur Google en disant qu'il avait plus mal au dos. Je peux répondre en expliquant son cas ?")
	if len(ps) == 0 || !strings.Contains(knowledge.Fold(ps[0].Text), "patient") {
		t.Errorf("parts %+v: want the patient in what is searched", ps)
	}
}

// A sentence defines a term when it opens on it and says what it is.
func TestDefines(t *testing.T) {
	for _, c := range []struct {
		sentence, question string
		want               bool
	}{
		{"Un channel manager est un logiciel qui met à jour vos disponibilités.", "c'est quoi un channel manager ?", true},
		{"Le GTIN est le code-barres du produit.", "c koi le GTIN", true},
		{"Sur deux plateformes ou plus : un outil avec channel manager.", "c'est quoi un channel manager ?", false},
		{"Un channel manager coûte cher.", "c'est quoi un channel manager ?", false},
		{"Un channel manager est un logiciel.", "c'est quoi un moteur de réservation ?", false},
	} {
		if got := Defines(c.sentence, c.question); got != c.want {
			t.Errorf("Defines(%q, %q) = %v, want %v", c.sentence, c.question, got, c.want)
		}
	}
}

// What the owner would rather not do, a lawsuit threatened or cash taken from an honesty box
// sound like an emergency without telling one; a card or an account stolen is one.
func TestNotAnEmergency(t *testing.T) {
	for _, q := range []string{
		"Et ma vendeuse pourra modifier la fiche sans que je lui donne mon mot de passe ?",
		"Un boulanger dit que c'est le nom de sa boutique et me menace d'un avocat si je ne change pas ma page Facebook. Il a raison ?",
		"Les gens mettent l'argent dans une boîte, mais on m'a volé plusieurs fois. Je voudrais qu'ils puissent payer par carte sans que je sois là, ça existe ?",
	} {
		if Wants(q)&Urgent != 0 {
			t.Errorf("Wants(%q) is urgent", q)
		}
	}
	for _, q := range []string{
		"on m'a volé ma carte bancaire au marché, je fais quoi",
		"je me suis fait voler mon code de carte par un faux SMS",
		"j'ai donné mon mot de passe à un faux conseiller",
		"Mon Gmail pro envoie des spams à tous mes contacts depuis ce matin, mes clients m'appellent !!",
	} {
		if Wants(q)&Urgent == 0 {
			t.Errorf("Wants(%q) is not urgent", q)
		}
	}
}

// The steps an owner says are done are left out of what remains; a step shares more than
// an action with what they say.
func TestRemaining(t *testing.T) {
	card := "Agissez tout de suite :\n1. Appelez votre banque pour bloquer l'accès en ligne.\n2. Appelez votre opérateur pour bloquer la ligne.\n3. Changez les mots de passe de la messagerie.\n4. Déposez plainte."
	told := "j'ai appelé l'opérateur, ils confirment la nouvelle SIM, ils la bloquent. je fais quoi maintenant ?"
	if !DoneAndNext(told) {
		t.Fatalf("DoneAndNext(%q) = false", told)
	}
	steps, ok := Remaining(card, told)
	if !ok || len(steps) != 3 || !strings.HasPrefix(steps[0], "Appelez votre banque") {
		t.Errorf("Remaining = %q, %v; want the bank, the passwords and the complaint", steps, ok)
	}
	if _, ok := Remaining(card, "je n'ai rien fait encore, je fais quoi maintenant ?"); ok {
		t.Error("Remaining found steps done in a message that tells none")
	}
	if DoneAndNext("comment bloquer ma ligne ?") {
		t.Error("DoneAndNext on a question that tells nothing done")
	}
	// the first thing to do, before the list, told done; a step that only names the same
	// things (« la banque », « un paiement ») is not
	card = "C'est une arnaque : appelez tout de suite votre banque pour faire opposition sur la carte. Puis :\n1. Contestez auprès de la banque tout paiement que vous n'avez pas autorisé.\n2. Déposez plainte."
	told = "la banque a fait opposition mais il y a déjà un paiement de 890 € qui est passé"
	if !DoneAndNext(told) {
		t.Errorf("DoneAndNext(%q) = false: a report asks what comes next", told)
	}
	if steps, ok := Remaining(card, told); !ok || len(steps) != 2 {
		t.Errorf("Remaining = %q, %v; want both steps after the opposition", steps, ok)
	}
	// steps that name what to have rather than what to do
	card = "Commencez par quatre gestes gratuits :\n1. Des mots de passe solides.\n2. La double authentification.\n3. Des sauvegardes régulières.\n4. Les mises à jour automatiques."
	told = "ok les mises à jour c'est fait. et maintenant ?"
	if steps, ok := Remaining(card, told); !DoneAndNext(told) || !ok || len(steps) != 3 {
		t.Errorf("Remaining = %q, %v; want the three steps other than the updates", steps, ok)
	}
	if !Supposes("et si on le fait faire par un prestataire, c'est aidé aussi ?") || Supposes("pouvez-vous le faire pour moi ?") {
		t.Error("Supposes: a supposed case and a request mixed up")
	}
}

// A card that says what one term is does not answer what another term is.
func TestDefinesOther(t *testing.T) {
	if !definesOther("C'est quoi un prompt, et comment bien demander à l'IA ?", "C'est quoi ces histoires d'IA pour les commerçants ?") {
		t.Error("the prompt card taken for a question on AI")
	}
	if definesOther("C'est quoi une story, un reel ?", "cest quoi une stori exactement ??") {
		t.Error("« stori » not read as « story »")
	}
	if definesOther("Comment créer ma fiche Google ?", "c'est quoi une fiche Google ?") {
		t.Error("a heading that defines nothing defines another term")
	}
}

// « combien de temps ? » is answered by the sentence that gives a duration.
func TestFocusOnADuration(t *testing.T) {
	text := "Vérifiez d'abord s'il est indexé. Google peut mettre de quelques jours à quelques semaines à découvrir un site. Ajoutez-le dans Search Console."
	if s, n := Focus(text, "et ça prend combien de temps ?"); n == 0 || !strings.Contains(s, "semaines") {
		t.Errorf("Focus = %q, %d; want the sentence with the duration", s, n)
	}
}
