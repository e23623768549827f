package bot

import "testing"

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
		{"bonjour, comment créer ma fiche google ?", talkNone},
		{"merci pour le site", talkNone},
		{"comment ?", talkNone},
		{"", talkNone},
		{"bonjour bonjour bonjour bonjour bonjour bonjour bonjour bonjour bonjour", talkNone},
	}
	for _, tt := range tests {
		if got := classifySmallTalk(tt.in); got != tt.want {
			t.Errorf("classifySmallTalk(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
