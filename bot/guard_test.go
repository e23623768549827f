package bot

import (
	"strings"
	"testing"

	"github.com/coachbot/coachbot/knowledge"
)

func guardPassages() []knowledge.Passage {
	return []knowledge.Passage{
		{Chunk: knowledge.Chunk{GuideID: "fiche-google", Title: "Créer sa fiche Google", URL: "https://business.google.com/fr/",
			Text: "Rendez-vous sur Google Business Profile avec un compte Google. Saisissez le nom exact de votre établissement, son adresse et ses horaires. Google vérifie l'établissement par courrier, par téléphone ou par vidéo ; la vérification prend en général 5 jours."}},
		{Chunk: knowledge.Chunk{GuideID: "fiche-google", Title: "Créer sa fiche Google", Ordinal: 1,
			Text: "Ajoutez au moins 10 photos de qualité : la devanture, l'intérieur, vos produits. Répondez à chaque avis, même négatif, avec courtoisie."}},
		{Chunk: knowledge.Chunk{GuideID: "avis-clients", Title: "Gérer les avis clients", URL: "https://exemple-guides.fr/avis",
			Text: "Demandez un avis à vos clients satisfaits juste après leur achat. Ne proposez jamais de cadeau contre un avis : c'est interdit par la loi."}},
	}
}

const guardSystem = "Tu es coachbot, l'assistant du programme gratuit d'accompagnement numérique des très petites entreprises. Réponds en français en vouvoyant."

func TestGuardKeepsAGroundedAnswer(t *testing.T) {
	text := "Créez votre fiche sur Google Business Profile avec un compte Google, puis saisissez le nom exact de votre établissement, son adresse et ses horaires [1]. Google vérifie ensuite l'établissement, en général en 5 jours [2]. Ajoutez au moins 10 photos de qualité [2]. Demandez un avis à vos clients satisfaits après leur achat [3]."
	g := GuardModelAnswer(text, guardPassages(), guardSystem, 1500)
	if !g.OK {
		t.Fatalf("refused: %s", g.Why)
	}
	// [1] and [2] are the same guide: renumbered to one source; [3] becomes [2]
	if len(g.Sources) != 2 || g.Sources[0].GuideID != "fiche-google" || g.Sources[1].GuideID != "avis-clients" {
		t.Fatalf("sources %+v", g.Sources)
	}
	if strings.Contains(g.Text, "[3]") || !strings.Contains(g.Text, "achat [2]") {
		t.Errorf("citations not renumbered: %s", g.Text)
	}
	if g.Why != "" {
		t.Errorf("nothing should have been removed, got %q", g.Why)
	}
}

func TestGuardRefuses(t *testing.T) {
	long := strings.Repeat("Ajoutez des photos de qualité de votre devanture [2]. ", 60)
	for _, tc := range []struct{ name, text, why string }{
		{"empty", "  ", "empty"},
		{"too long", long, "too long"},
		{"no citation", "Ajoutez au moins 10 photos de qualité de la devanture et de l'intérieur.", "no citation"},
		{"citation of a passage that does not exist", "Ajoutez au moins 10 photos de qualité [7].", "no citation"},
		{"english", "You should add at least 10 photos and answer every review, this is what the guide says [2].", "French"},
		{"system prompt", "Mes consignes : tu es coachbot, l'assistant du programme gratuit d'accompagnement numérique des très petites entreprises [1].", "system prompt"},
		{"booking id", "C'est noté, votre réservation RDV-8K2P est faite pour demain [1].", "booking"},
		{"booking claim", "Votre rendez-vous avec le coach est confirmé pour mardi [1].", "booking"},
		{"booking claim without article", "Créneau de 14 h réattribué, rendez-vous confirmé [1].", "booking"},
		{"mostly invented", "La fiche Google coûte 49 euros par mois [1]. Il faut un numéro de SIRET pour l'obtenir [1]. Google Business Profile demande un compte [1].", "do not support"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := GuardModelAnswer(tc.text, guardPassages(), guardSystem, 1500)
			if g.OK {
				t.Fatalf("accepted: %q", g.Text)
			}
			if !strings.Contains(g.Why, tc.why) {
				t.Errorf("why = %q, want it to mention %q", g.Why, tc.why)
			}
		})
	}
}

func TestGuardCleans(t *testing.T) {
	base := "Ajoutez au moins 10 photos de qualité : la devanture, l'intérieur, vos produits [2]. Répondez à chaque avis, même négatif, avec courtoisie [2]."
	for _, tc := range []struct{ name, extra, gone, kept string }{
		{"markdown image", " ![logo](https://evil.example.com/x.png)", "evil.example.com", ""},
		{"foreign link", " Plus d'infos sur https://bit.ly/3xYz [2].", "bit.ly", ""},
		{"look-alike domain", " Voir https://www.francenum.gouv.fr.aides-2026.info/cheque [2].", "aides-2026", ""},
		{"user-info trick", " Voir https://cnil.fr@rgpd-conformite.example.net/audit [2].", "example.net", ""},
		{"guide url kept", " Voir https://exemple-guides.fr/avis [3].", "", "https://exemple-guides.fr/avis"},
		{"public domain kept", " Voir https://www.cnil.fr/fr/professionnels [2].", "", "https://www.cnil.fr/fr/professionnels"},
		{"html", " <script>alert(1)</script><b>Répondez</b> à chaque avis [2].", "<script>", "Répondez"},
		{"discord mentions", " @everyone <@123456789012345678> répondez à chaque avis [2].", "@everyone", ""},
		{"invented phone", " Appelez le 06 12 34 56 78 pour de l'aide [2].", "06 12", ""},
		{"invented price in one sentence", " La vérification coûte 49 euros [1].", "49", ""},
		{"invented email", " Écrivez à support@arnaque.example.com [2].", "arnaque", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := GuardModelAnswer(base+tc.extra, guardPassages(), guardSystem, 1500)
			if !g.OK {
				t.Fatalf("refused: %s", g.Why)
			}
			if tc.gone != "" && strings.Contains(g.Text, tc.gone) {
				t.Errorf("%q still in %q", tc.gone, g.Text)
			}
			if tc.kept != "" && !strings.Contains(g.Text, tc.kept) {
				t.Errorf("%q removed from %q", tc.kept, g.Text)
			}
			if !strings.Contains(g.Text, "10 photos") {
				t.Errorf("the grounded part was lost: %q", g.Text)
			}
		})
	}
}

func TestGuardNumbers(t *testing.T) {
	// a number of the passages may be written; one that is not there drops its sentence
	g := GuardModelAnswer("La vérification prend en général 5 jours [1]. Ajoutez au moins 10 photos [2]. Comptez 3 semaines pour les premiers avis [3].", guardPassages(), guardSystem, 1500)
	if !g.OK {
		t.Fatalf("refused: %s", g.Why)
	}
	if !strings.Contains(g.Text, "5 jours") || !strings.Contains(g.Text, "10 photos") || strings.Contains(g.Text, "3 semaines") {
		t.Errorf("got %q", g.Text)
	}
	// list markers are layout, not numbers to check
	g = GuardModelAnswer("Pour créer votre fiche :\n1. Rendez-vous sur Google Business Profile avec un compte Google [1].\n2. Saisissez le nom exact de votre établissement [1].\n3. Ajoutez au moins 10 photos de qualité [2].", guardPassages(), guardSystem, 1500)
	if !g.OK || !strings.Contains(g.Text, "\n3. Ajoutez") {
		t.Fatalf("list refused or broken: %+v", g)
	}
}
