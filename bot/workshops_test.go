package bot

import "testing"

func TestWantsWorkshops(t *testing.T) {
	for text, want := range map[string]bool{
		"y a t il des ateliers pres de chez moi ?":                                    true,
		"Quand est le prochain atelier sur la fiche Google ?":                         true,
		"Je voudrais m'inscrire à un atelier collectif":                               true,
		"Un commercial d'une agence web est passé à l'atelier, je n'y connais rien.":  false,
		"Je répare des vélos dans mon atelier, y a-t-il un intérêt à avoir un site ?": false,
		"Comment créer ma fiche Google ?":                                             false,
		"Je vends mes céramiques sur Shopify (atelier à Dieulefit). Ce matin, mail de Shopify : les informations de votre compte bancaire ont été modifiées. Ce n'est pas moi. Le prochain versement est vendredi, je fais quoi ?": false,
		"On tient un atelier de réparation de vélos, il y a un an on a lancé Instagram, ça vaut le coup de booster ?":                                                                                                              false,
	} {
		if got := wantsWorkshops(text); got != want {
			t.Errorf("wantsWorkshops(%q) = %v, want %v", text, got, want)
		}
	}
}
