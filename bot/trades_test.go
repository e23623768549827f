package bot

import "testing"

func TestTradeIn(t *testing.T) {
	tests := []struct{ text, want string }{
		{"je suis fleuriste à Lyon 69003", "fleuriste"},
		{"Bonjour, je voudrais un rendez-vous pour ma boulangerie", "boulangerie"},
		{"j'ai un salon de coiffure à Nice", "salon de coiffure"},
		{"on a un gîte en Ardèche", "gite"},
		{"je suis artisan plombier", "plombier"},
		{"je suis artisan", "artisan"},
		{"mon comptable m'a dit de faire un site", ""},
		{"un plombier m'a conseillé", ""},
		{"ça ne marche pas et c'est fermé", ""},
		{"je tiens un food truck", "food truck"},
		{"comment créer ma fiche Google ?", ""},
		// trades the list does not know, told as owners tell them
		{"je suis savonnière à Avignon, des clientes allemandes me demandent si j'expédie", "savonniere"},
		{"Bonjour, je suis une verrière d'art dans le Jura", "verriere"},
		{"je suis particulier et je vends un vélo", ""},
		{"je suis perdue avec tout ça", ""},
		{"je suis propriétaire de mon local", ""},
		{"mon entreprise de maçonnerie, quelqu'un pourrait m'appeler ?", "maconnerie"},
		{"on tient un bar-tabac dans la Drôme", "bar-tabac"},
		{"Plombier-chauffagiste à Hazebrouck. Les pubs Google, ça marche ?", "plombier"},
		{"auto-école à Béthune", "auto-ecole"},
		{"Je veux un rendez-vous avec un coach, je tiens une boutique de laines et de tricot à Roubaix, 59100.", "boutique de laines et de tricot"},
		{"on a un magasin de jouets en bois", "magasin de jouets"},
		// a shop in « -erie » the list does not know, named by the owner
		{"vous pouvez m'appeler pour en parler ? Savonnerie à Privas, 07000", "savonnerie"},
		{"je tiens une biscuiterie en Vendée", "biscuiterie"},
		{"ma batterie est morte, je fais quoi ?", ""},
		{"la messagerie de ma fiche ne marche plus", ""},
		{"Atelier de réparation vélo à Grenoble 38000. Mon site est sur Wix", "atelier de reparation velo"},
		{"Je vends des bijoux faits main sur Etsy et je veux ouvrir mon propre site.", "vente de bijoux faits main"},
		{"je vends en ligne depuis un an", ""},
		{"je fais des posts sur Instagram", ""},
		{"un atelier de formation sur Instagram ?", ""},
		{"On est une PME de 8 personnes dans le décolletage à Cluses", "decolletage"},
		{"je travaille dans la restauration depuis 20 ans", "restauration"},
		{"je suis dans le coin de Lyon", ""},
		{"je suis dans le doute pour mon site", ""},
		{"on est dans le centre de Nantes", ""},
	}
	for _, tt := range tests {
		if got := TradeIn(tt.text); got != tt.want {
			t.Errorf("TradeIn(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}
