package telegram

import (
	"strings"
	"testing"

	"github.com/coachbot/coachbot/bot"
)

func TestRenderEscapesEverything(t *testing.T) {
	r := bot.Reply{
		Text:    "Prix < 10 € & > 5 € : *gras* _souligné_ <b>pas du HTML</b> 😀 https://exemple.fr/?a=1&b=2\n\n- un point\n- deux",
		Sources: []bot.Source{{Title: "Guide <1> & co", URL: `https://exemple.fr/a?b=1&c="x"`}},
	}
	got := strings.Join(Render(r), "\n\n")
	for _, want := range []string{
		"Prix &lt; 10 € &amp; &gt; 5 €", "*gras* _souligné_", "&lt;b&gt;pas du HTML&lt;/b&gt;", "😀",
		"https://exemple.fr/?a=1&amp;b=2", "• un point\n• deux",
		`<b>Sources</b>`, `1. <a href="https://exemple.fr/a?b=1&amp;c=&quot;x&quot;">Guide &lt;1&gt; &amp; co</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("rendering lacks %q:\n%s", want, got)
		}
	}
	if plain(got) == got || !strings.Contains(plain(got), "Prix < 10 € & > 5 €") || strings.Contains(plain(got), "<a") {
		t.Errorf("plain text fallback: %q", plain(got))
	}
}

func TestRenderDropsNonHTTPLinks(t *testing.T) {
	got := strings.Join(Render(bot.Reply{Text: "x", Sources: []bot.Source{{Title: "T", URL: "javascript:alert(1)"}}}), "")
	if strings.Contains(got, "<a") {
		t.Errorf("a javascript: URL became a link: %q", got)
	}
}

func TestSplitOnParagraphs(t *testing.T) {
	var paras []string
	for i := 0; i < 40; i++ {
		paras = append(paras, strings.Repeat("mot ", 30)+"fin.")
	}
	paras = append(paras, `<b>Sources</b>`+"\n"+`1. <a href="https://a.fr">A</a>`)
	msgs := Split(paras, MaxMessage)
	if len(msgs) < 2 {
		t.Fatalf("got %d messages for about 5000 characters", len(msgs))
	}
	for i, m := range msgs {
		if visibleLen(m) > MaxMessage {
			t.Errorf("message %d has %d units", i, visibleLen(m))
		}
		if strings.Count(m, "<a ") != strings.Count(m, "</a>") || strings.Count(m, "<b>") != strings.Count(m, "</b>") {
			t.Errorf("message %d breaks a tag", i)
		}
	}
	if got := strings.Join(msgs, "\n\n"); got != strings.Join(paras, "\n\n") {
		t.Error("splitting lost or changed text")
	}
}

func TestSplitAVeryLongParagraph(t *testing.T) {
	p := strings.Repeat("a&amp;b 😀 ", 2000) // one paragraph of 22000 units, with entities and emoji
	msgs := Split([]string{p}, MaxMessage)
	total := 0
	for i, m := range msgs {
		if visibleLen(m) > MaxMessage {
			t.Errorf("part %d: %d units", i, visibleLen(m))
		}
		if strings.Count(m, "&") != strings.Count(m, "&amp;") {
			t.Errorf("part %d cuts an entity", i)
		}
		total += strings.Count(m, "😀")
	}
	if total != 2000 {
		t.Errorf("got %d emoji back, want 2000", total)
	}
}

func TestUTF16Len(t *testing.T) {
	for s, want := range map[string]int{"abc": 3, "é": 1, "😀": 2, "a😀b": 4} {
		if got := utf16Len(s); got != want {
			t.Errorf("utf16Len(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestKeyboard(t *testing.T) {
	kb := Keyboard([][]bot.Button{
		{{Label: "Cela m'a aidé", Action: bot.Action{Kind: "helped"}}, {Label: "Parler à un coach", Action: bot.Action{Kind: "coach"}}},
		{{Label: "trop long", Action: bot.Action{Kind: "x", Arg: strings.Repeat("9", 70)}}},
	})
	if kb == nil || len(kb.InlineKeyboard) != 1 || len(kb.InlineKeyboard[0]) != 2 || *kb.InlineKeyboard[0][1].CallbackData != "coach" {
		t.Errorf("keyboard: %+v", kb)
	}
	if Keyboard(nil) != nil {
		t.Error("no buttons should give no keyboard")
	}
}
