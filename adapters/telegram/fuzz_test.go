package telegram

import (
	"fmt"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
	"github.com/coachbot/coachbot/bot"
)

// FuzzRender checks what Telegram would make of any reply: every message Render and Split
// produce is valid UTF-8, parses as Telegram HTML with only the tags Render writes, is neither
// empty nor longer than MaxMessage once parsed, reads the same as its plain-text fallback, and
// together the messages show every visible character of the reply, in order.
func FuzzRender(f *testing.F) {
	// Long texts come from the repeat counts, so that the corpus stays small and quick to
	// mutate: the text is written textRep+1 times, the title titleRep+1 times.
	for _, s := range []struct {
		text, title, url  string
		sources           uint8
		textRep, titleRep uint8
	}{
		{"Bonjour", "", "", 0, 0, 0},
		{"", "", "", 0, 0, 0},
		{"   \n\n \t ", "", "", 0, 0, 0},
		{"Prix < 10 € & > 5 € : *gras* <b>pas du HTML</b> 😀", "Guide <1> & co", `https://exemple.fr/a?b=1&c="x"`, 1, 0, 0},
		{"Premier paragraphe.\n\n- un point\n- deux\n\nDernier [1].", "Créer sa fiche", "https://exemple.fr/fiche", 2, 0, 0},
		{"<script>alert(1)</script> [x](javascript:alert(1)) **gras**", "T", "javascript:alert(1)", 1, 0, 0},
		{"&amp; &lt; &#60; &quot; &", "&amp;", "http://a.fr/?q=&amp;", 3, 0, 0},
		{"\xff\xfe invalide \xc3", "\xff titre", "https://a.fr/\xff", 1, 0, 0},
		{"\xff\xfe invalide sans balise", "", "", 0, 0, 0},
		{"مرحبا \u202eשלום\u202d עולם", "\u202e titre", "https://exemple.fr", 1, 0, 0},
		{"👨‍👩‍👧 🇫🇷 😀😀😀", "", "", 0, 0, 0},
		{"\x00\x1b\a texte", "", "", 0, 0, 0},
		{"- \n\n-", "", "", 0, 0, 0},
		{"Une phrase assez longue pour remplir un message. ", "", "", 0, 120, 0},
		{"Une phrase.\n\n", "", "", 0, 255, 0},
		{"😀😀😀😀😀😀😀😀😀😀😀😀", "", "", 0, 255, 0},
		{"a&b<c>a&b<c>a&b<c>a&b<c>", "", "", 0, 255, 0},
		{"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "", "", 0, 150, 0},
		{"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n   \n", "", "", 0, 150, 0},
		{"Réponse.", "Titre très long ", "https://exemple.fr/long", 1, 0, 255},
		{"Réponse.", "TTTTTTTTTTTTTTTTTTTT", "https://exemple.fr/long", 2, 0, 250},
		{"Réponse.", "T&T<T>", "http://a.fr", 3, 0, 255},
	} {
		f.Add(s.text, s.title, s.url, s.sources, s.textRep, s.titleRep)
	}
	f.Fuzz(func(t *testing.T, text, title, url string, nSources, textRep, titleRep uint8) {
		text = strings.Repeat(text, int(textRep)+1)
		title = strings.Repeat(title, int(titleRep)+1)
		r := bot.Reply{Text: text}
		for i := 0; i < int(nSources%4); i++ {
			r.Sources = append(r.Sources, bot.Source{Title: title, URL: url})
		}
		paras := Render(r)
		if len(paras) == 0 {
			t.Fatal("Render returned no paragraph")
		}
		for i, p := range paras {
			if _, err := checkMessage(p, len(p)+1); err != nil { // each paragraph is valid HTML on its own
				t.Fatalf("paragraph %d: %v\n%q", i, err, p)
			}
		}
		parts := Split(paras, MaxMessage)
		var seen strings.Builder
		for i, p := range parts {
			vis, err := checkMessage(p, MaxMessage)
			if err != nil {
				t.Fatalf("part %d of %d: %v\n%q", i, len(parts), err, p)
			}
			seen.WriteString(vis)
		}
		want := visibleChars(text)
		if len(r.Sources) > 0 {
			want += "Sources"
			for i := range r.Sources {
				want += itoa(i+1) + "." + visibleChars(title)
			}
		}
		if want == "" {
			want = "…" // an empty reply still says something
		}
		if got := visibleChars(seen.String()); got != want {
			t.Fatalf("the messages do not show the reply:\ngot  %q\nwant %q", got, want)
		}
	})
}

// FuzzSplit checks Split on escaped paragraphs of any length and any limit: every message
// fits the limit, is valid Telegram HTML and not blank; nothing is lost or reordered; and when
// every paragraph fits, the messages are exactly the paragraphs, grouped.
func FuzzSplit(f *testing.F) {
	// The text is written rep+1 times.
	f.Add("Bonjour\n\nSecond paragraphe", uint8(0), uint16(MaxMessage))
	f.Add("mot mot mot mot mot mot mot mot mot mot ", uint8(120), uint16(MaxMessage))
	f.Add("un paragraphe de quelques mots\n\n", uint8(200), uint16(MaxMessage))
	f.Add("a&b 😀 a&b 😀 a&b 😀 a&b 😀 a&b 😀 ", uint8(255), uint16(MaxMessage))
	f.Add("😀😀😀😀😀", uint8(9), uint16(1))
	f.Add("abc&<>\"def ghi", uint8(0), uint16(0))
	f.Add("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n  \nyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", uint8(0), uint16(28))
	f.Add("ligne un\nligne deux\n\n\n\ntrois", uint8(0), uint16(3))
	f.Add("\xff\xfeabc", uint8(0), uint16(0))
	f.Fuzz(func(t *testing.T, text string, rep uint8, limit uint16) {
		text = strings.Repeat(text, int(rep)+1)
		max := 2 + int(limit)%(MaxMessage-1) // 2 to MaxMessage: one character always fits
		var paras []string
		fit := true
		for _, p := range strings.Split(text, "\n\n") {
			if strings.TrimSpace(p) == "" {
				continue // Render never gives a blank paragraph
			}
			p = escapeHTML(p)
			paras = append(paras, p)
			fit = fit && visibleLen(p) <= max
		}
		parts := Split(paras, max)
		for i, p := range parts {
			if _, err := checkMessage(p, max); err != nil {
				t.Fatalf("part %d of %d (limit %d): %v\n%q", i, len(parts), max, err, p)
			}
		}
		got, want := visibleChars(plain(strings.Join(parts, ""))), visibleChars(plain(strings.Join(paras, "")))
		if got != want {
			t.Fatalf("splitting lost or changed text (limit %d):\ngot  %q\nwant %q", max, got, want)
		}
		if fit && strings.Join(parts, "\n\n") != strings.Join(paras, "\n\n") {
			t.Fatalf("paragraphs that fit were changed (limit %d):\ngot  %q\nwant %q", max, parts, paras)
		}
	})
}

// checkMessage checks one message as Telegram would receive it in HTML parse mode, with at
// most max UTF-16 units of visible text, and returns its visible text.
func checkMessage(p string, max int) (string, error) {
	if !utf8.ValidString(p) {
		return "", fmt.Errorf("not valid UTF-8")
	}
	vis, err := telegramtest.ParseHTML(p)
	if err != nil {
		return "", fmt.Errorf("Telegram cannot parse it: %v", err)
	}
	if vis == "" {
		return "", fmt.Errorf("Telegram would find it empty")
	}
	if n := utf16Len(vis); n > max {
		return "", fmt.Errorf("%d UTF-16 units, more than %d", n, max)
	}
	if n := visibleLen(p); n > max {
		return "", fmt.Errorf("visibleLen %d, more than %d", n, max)
	}
	for rest := p; ; {
		i := strings.IndexByte(rest, '<')
		if i < 0 {
			break
		}
		rest = rest[i:]
		if !strings.HasPrefix(rest, "<b>") && !strings.HasPrefix(rest, "</b>") &&
			!strings.HasPrefix(rest, `<a href="http://`) && !strings.HasPrefix(rest, `<a href="https://`) && !strings.HasPrefix(rest, "</a>") {
			return "", fmt.Errorf("a tag Render does not write: %.20q", rest)
		}
		rest = rest[1:]
	}
	if got := strings.TrimSpace(plain(p)); got != vis {
		return "", fmt.Errorf("the plain-text fallback differs from the HTML:\nplain %q\nhtml  %q", got, vis)
	}
	return vis, nil
}

// visibleChars is what a reader must find of s, in order: its characters (an invalid byte
// shown as U+FFFD) without white space, list dashes and bullets counted alike.
func visibleChars(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case unicode.IsSpace(r):
		case r == '•':
			b.WriteByte('-')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
