package policy

import (
	"reflect"
	"testing"
)

// The embedded model, as the core uses it (Decide: the rules, then the model when it is
// confident), on messages it was not trained on: testdata/holdout.jsonl, written by someone
// who wrote none of the training messages, and the outcome set written after the rules.
// Floors are the measured figures less a margin; the rules alone are shown for comparison.
func TestDecisionsOnHeldOutMessages(t *testing.T) {
	for _, tc := range []struct {
		path       string
		min, minNo float64 // all labels; ordinary questions kept ordinary
	}{
		{"testdata/holdout.jsonl", 0.82, 0.92},
		{"../../knowledge/testdata/outcomes-holdout.jsonl", 0.95, 0.97},
	} {
		ex, err := LoadExamples(tc.path)
		if err != nil {
			t.Fatal(err)
		}
		model := Evaluate(Default().Decide, ex)
		rules := Evaluate(Rules, ex)
		rate := func(e Evaluation) float64 { return float64(e.Right) / float64(e.N) }
		none := func(e Evaluation) float64 { pl := e.PerLabel[None]; return float64(pl[0]) / float64(max(1, pl[1])) }
		t.Logf("%s: model %d/%d (%.3f), rules alone %d/%d (%.3f); ordinary kept %.3f", tc.path, model.Right, model.N, rate(model), rules.Right, rules.N, rate(rules), none(model))
		for _, l := range Labels {
			t.Logf("  %-17s model %d/%d, rules %d/%d", l, model.PerLabel[l][0], model.PerLabel[l][1], rules.PerLabel[l][0], rules.PerLabel[l][1])
		}
		if rate(model) < tc.min {
			t.Errorf("%s: %.3f right, want at least %.2f", tc.path, rate(model), tc.min)
		}
		if none(model) < tc.minNo {
			t.Errorf("%s: ordinary questions kept %.3f, want at least %.2f", tc.path, none(model), tc.minNo)
		}
	}
}

func TestDecide(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"Comment créer ma fiche Google ?", ""},
		{"je voudrais parler à un conseiller", ReasonExplicit},
		{"Je suis en micro-entreprise, à partir de quel chiffre d'affaires je dois facturer la TVA ?", ReasonOffRemit},
		{"mon compte instagram vient d'être piraté", ReasonCyberUrgent},
		{"Comment me protéger des rançongiciels ?", ""},
		// what is asked is digital: the staff or the opening around it do not make it a
		// question for someone else
		{"On est traiteur, 3 salariés, on vend des plateaux repas sur notre site. On a entendu parler d'une nouvelle loi sur l'accessibilité des sites : on est concernés ?", ""},
		{"Je lance mon food truck de burgers à Toulon en avril. Je dois être sur quels réseaux ?", ""},
		// someone else calling back, or talking to nobody, is no request for a person
		{"Un gars de « Google » m'a appelé pour ma fiche. J'ai rien payé mais il doit me rappeler demain.", ""},
		{"Ma comptable a reçu un mail lui disant de n'en parler à personne. Comment on se protège ?", ""},
		{"pouvez-vous me rappeler demain ?", ReasonExplicit},
		// help asked on a matter outside the remit, no coach named: who can help first
		{"Le voisin de ma boutique se plaint que ma musique est trop forte. Vous pouvez m'aider ?", ReasonOffRemit},
		{"Le voisin de ma boutique se plaint de la musique. Je voudrais parler à un coach.", ReasonExplicit},
	} {
		if got := Default().Decide(tt.text).Reason; got != tt.want {
			t.Errorf("Decide(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// Training is deterministic, and a model survives being written and read back.
func TestTrainDeterministicAndSaved(t *testing.T) {
	ex, err := LoadExamples("testdata/train.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	ex = ex[:200]
	a, err := Train(ex, TrainOptions{Epochs: 3})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := Train(ex, TrainOptions{Epochs: 3})
	if !reflect.DeepEqual(a.Bias, b.Bias) || !reflect.DeepEqual(a.Weights, b.Weights) {
		t.Fatal("two trainings on the same examples differ")
	}
	data, err := a.Save()
	if err != nil {
		t.Fatal(err)
	}
	c, err := Load(data)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ex[:50] {
		if a.Predict(e.Text).Label != c.Predict(e.Text).Label {
			t.Errorf("%q: %s before saving, %s after", e.Text, a.Predict(e.Text).Label, c.Predict(e.Text).Label)
		}
	}
	if _, err := Train([]Example{{Text: "x", Label: "nope"}}, TrainOptions{}); err == nil {
		t.Error("an unknown label trained")
	}
}

func TestOffRemitArea(t *testing.T) {
	for _, tt := range []struct{ text, want string }{
		{"un client me doit 2000 euros depuis 3 mois", "unpaid"},
		{"mon propriétaire augmente le loyer de ma boutique", "lease"},
		{"comment embaucher un apprenti ?", "employment"},
		{"SARL ou SAS pour mon salon ?", "status"},
		{"quel régime de TVA pour moi ?", "tax"},
		{"quelle assurance pour mon food truck", "insurance"},
		{"déposer ma marque à l'INPI", "trademark"},
		{"le voisin se plaint que ma musique est trop forte", "neighbours"},
		{"il va faire beau demain ?", ""},
	} {
		if got := OffRemitArea(tt.text); got != tt.want {
			t.Errorf("OffRemitArea(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// The model's guess of an emergency is taken only when the message tells an attack, a fraud
// or a theft: an urgent breakdown is not one.
func TestEmergencyGuessNeedsAnAttack(t *testing.T) {
	if e := Classify("Mon site de réservation est en panne depuis ce matin, on est samedi, le restaurant est complet ce soir et les gens ne peuvent plus réserver pour demain. Je fais quoi tout de suite ?"); e.Reason == ReasonCyberUrgent {
		t.Errorf("a breakdown taken for an attack: %+v", e)
	}
	if e := Classify("on m'a piraté mon compte instagram cette nuit, je fais quoi ?"); e.Reason != ReasonCyberUrgent {
		t.Errorf("a hacked account: got %+v, want an emergency", e)
	}
}

// The model's guess of a dispute is taken only when the message tells a conflict with
// someone: a dry e-mail citing the GDPR asks how to apply it.
func TestDisputeGuessNeedsAConflict(t *testing.T) {
	if e := Classify("J'ai un fichier Excel avec les noms et les allergies de mes clients. Une ancienne cliente m'a écrit un mail assez sec en citant le RGPD : elle veut que j'efface tout ce que j'ai sur elle. Je dois aussi effacer ses factures de 2023 ?"); e.Reason == ReasonDispute {
		t.Errorf("a question on the GDPR taken for a dispute: %+v", e)
	}
	if e := Classify("Mon ex-associé a gardé la page Instagram de la boutique après notre séparation. Je peux la récupérer ?"); e.Reason != ReasonDispute {
		t.Errorf("a former partner keeping the page: got %+v, want a dispute", e)
	}
}

// A story that says "téléphone" or "mail" tells no attack: AI-made photos of cakes are not
// an emergency, whatever the model guesses.
func TestEmergencyGuessNeedsMoreThanAPhone(t *testing.T) {
	text := "Ma fille génère les photos des gâteaux avec une intelligence artificielle parce que c'est plus joli que nos photos au téléphone. Une cliente nous a dit que la bûche ne ressemblait pas à la photo. Est-ce qu'on a le droit d'utiliser des images faites par l'IA ?"
	if e := Classify(text); e.Reason == ReasonCyberUrgent {
		t.Errorf("taken for an emergency: %+v", e)
	}
}

// A link followed and a login on the page it opened is an attack told, whatever the words.
func TestEmergencyGuessTakesAFollowedLink(t *testing.T) {
	text := "Jeudi j'ai reçu un message « Meta Business Support » qui disait que ma page allait être désactivée, j'ai suivi le lien et me suis connectée. Depuis, je ne vois plus mon compte publicitaire, et ma banque vient de m'envoyer des alertes : 1 200 € de dépenses."
	if e := Classify(text); e.Reason != ReasonCyberUrgent {
		t.Errorf("got %+v, want an emergency", e)
	}
}

// Asking the assistant to draft a reply to a review is answered with the guides' examples,
// not escalated as a job for a coach.
func TestReviewReplyRequestIsAnswered(t *testing.T) {
	if e := Classify("Vous pouvez me rédiger une réponse à cet avis ? « Service lent, serveuse désagréable, plat tiède. Je ne reviendrai pas. » On est une brasserie à Rouen."); e.Reason == ReasonExplicit {
		t.Errorf("got %+v, want no escalation", e)
	}
}
