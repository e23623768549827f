package bot

import (
	"strings"
	"testing"
)

func TestParseCommand(t *testing.T) {
	tests := []struct {
		in   string
		want Cmd
		ok   bool
	}{
		{"/start", Cmd{Name: "start"}, true},
		{"  /AIDE  ", Cmd{Name: "aide"}, true},
		{"/aide@coachbot_bot", Cmd{Name: "aide"}, true},
		{"/question comment créer ma fiche ?", Cmd{Name: "question", Args: "comment créer ma fiche ?"}, true},
		{"/repondre 12   merci pour votre patience", Cmd{Name: "repondre", Args: "12   merci pour votre patience"}, true},
		{"/", Cmd{}, false},
		{"/ aide", Cmd{}, false},
		{"/home/user/fichier", Cmd{}, false},
		{"aide", Cmd{}, false},
		{"", Cmd{}, false},
		{"/@bot", Cmd{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseCommand(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseCommand(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestActionEncoding(t *testing.T) {
	for _, a := range []Action{{Kind: "helped"}, {Kind: "slot", Arg: "42"}, {Kind: "x", Arg: "a:b"}} {
		if got := DecodeAction(a.Encode()); got != a {
			t.Errorf("DecodeAction(Encode(%+v)) = %+v", a, got)
		}
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"  bonjour  ", "bonjour"},
		{"a\x00b\x07c", "abc"},
		{"ligne 1\nligne 2", "ligne 1\nligne 2"},
		{"\u202eevil\u202c text", "evil text"},
		{"zero\u200bwidth", "zerowidth"},
		{"bad \xff utf8", "bad  utf8"},
		{"\t\n ", ""},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClassifySmallTalk(t *testing.T) {
	tests := []struct{ in, want string }{
		{"bonjour", talkGreeting},
		{"Bonjour !", talkGreeting},
		{"slt ça va ?", talkGreeting},
		{"bonsoir madame", talkGreeting},
		{"merci beaucoup", talkThanks},
		{"ok merci", talkThanks},
		{"super, merci mille fois", talkThanks},
		{"au revoir", talkGoodbye},
		{"bonne journée", talkGoodbye},
		{"t'es un robot ?", talkAbout},
		{"qui êtes-vous ?", talkAbout},
		// emoji alone, shorthand farewells, formal closings, wishes
		{"👍", talkThanks},
		{"🙏🙏", talkThanks},
		{"coucou 👋", talkGreeting},
		{"👋", talkGreeting},
		{"😂", talkChitchat},
		{"a+", talkGoodbye},
		{"@+", talkGoodbye},
		{"à plus", talkGoodbye},
		{"Bien à vous", talkGoodbye},
		{"Cordialement", talkGoodbye},
		{"bon week-end", talkGoodbye},
		{"Je vous remercie pour votre aide, bonne fin de journée", talkGoodbye},
		{"Je vous souhaite une bonne journée", talkGoodbye},
		{"Merci, c'est noté.", talkThanks},
		{"ça marche, merci !", talkThanks},
		{"c'est très clair merci", talkThanks},
		{"merci bcp", talkThanks},
		{"merci pour la réponse rapide", talkThanks},
		{"Bonjour, merci pour vos conseils de la semaine dernière, tout fonctionne. Bonne continuation !", talkGoodbye},
		{"bonne année !!", talkGreeting},
		{"bonne année 2026 à toute l'équipe", talkGreeting},
		{"joyeux noël", talkGreeting},
		{"rebonjour", talkGreeting},
		{"bonjour à tous", talkGreeting},
		// questions about the bot
		{"qui t'a créé", talkAbout},
		{"qui vous a programmé ?", talkAbout},
		{"c la cci qui t'a fabrique?", talkAbout},
		{"tu t'appelles comment", talkAbout},
		{"comment tu t'appelles ?", talkAbout},
		{"c'est quoi ton nom", talkAbout},
		{"t'es une IA ?", talkAbout},
		{"tu es chatgpt ?", talkAbout},
		{"tu es humain ?", talkAbout},
		{"tu es une vraie personne ?", talkAbout},
		{"t'es un robot ou une vraie personne?", talkAbout},
		{"tu fonctionnes avec chatgpt?", talkAbout},
		{"tu parles quelles langues ?", talkAbout},
		{"tu as quel âge ?", talkAbout},
		// chit-chat
		{"quel est le meilleur film", talkChitchat},
		{"quelle heure est-il", talkChitchat},
		{"on est quel jour aujourd'hui", talkChitchat},
		{"quel temps demain à Lyon", talkChitchat},
		{"il va faire beau demain a nantes?", talkChitchat},
		{"qui a gagné le match hier", talkChitchat},
		{"raconte moi une blague", talkChitchat},
		{"c'est quoi la capitale de l'Australie", talkChitchat},
		{"combien font 12 x 7", talkChitchat},
		{"tu peux me traduire bonjour en espagnol", talkChitchat},
		{"tu peux me conseiller un bon livre ?", talkChitchat},
		{"tu aimes le foot ?", talkChitchat},
		{"je m'ennuie", talkChitchat},
		{"mdr", talkChitchat},
		// what must reach the escalation policy or the guides
		{"humain", talkNone},
		{"un humain svp", talkNone},
		{"contact conseiller", talkNone},
		{"c'est une blague ?", talkNone},
		{"ah bah merci, super utile 🙄", talkNone},
		{"bravo, vraiment très utile...", talkNone},
		{"😡", talkNone},
		{"!!!!", talkNone},
		{"?", talkNone},
		{"merci, et pour les avis google comment je fais ?", talkNone},
		{"Bonjour ! comment je peux mettre mes horaires sur google ?", talkNone},
		{"merci de m'indiquer comment ajouter un produit sur ma boutique wix", talkNone},
		{"merci, comment ça marche ?", talkNone},
		{"quelle heure pour poster sur facebook ?", talkNone},
		{"quel temps faut-il compter pour refaire un site ?", talkNone},
		{"quel est le meilleur moment pour publier une vidéo sur tiktok", talkNone},
		{"comment filmer une vidéo de présentation de mon restaurant ?", talkNone},
		{"est-ce qu'un robot peut répondre aux messages de mes clients ?", talkNone},
		{"comment créer un chatbot IA pour mon site ?", talkNone},
		{"tu peux m'aider à écrire un post pour la fête des pères ?", talkNone},
		{"qui contacter chez google quand ma fiche est suspendue ?", talkNone},
		{"vous êtes de la CCI ?", talkNone},
		{"bonjour, comment créer ma fiche google ?", talkNone},
		{"merci pour le site", talkNone},
		{"comment ?", talkNone},
		{"", talkNone},
		{strings.Repeat("bonjour ", talkMaxWords+1), talkNone},
	}
	for _, tt := range tests {
		if got := classifySmallTalk(tt.in); got != tt.want {
			t.Errorf("classifySmallTalk(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestSubjectlessRequest(t *testing.T) {
	for text, want := range map[string]bool{
		"Bonjour, je voudrais des renseignements.":         true,
		"j'ai une question svp":                            true,
		"Je voudrais des informations sur la fiche Google": false,
		"Comment créer ma fiche Google ?":                  false,
		"bonjour":                                          false,
		"je veux parler à un conseiller":                   false,
	} {
		if got := subjectlessRequest(text); got != want {
			t.Errorf("subjectlessRequest(%q) = %v, want %v", text, got, want)
		}
	}
}
