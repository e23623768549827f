package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/bot"
)

// Behaviours the load test (cmd/coachbot/load_test.go) found wanting.

// Owners booking at the same moment are offered the earliest free slot and four others drawn
// among the next ones, so that they do not all press the same five buttons.
func TestOffersAreSpread(t *testing.T) {
	w := newWorld(t)
	offered := func(chat string) []string {
		who := bot.Message{Channel: bot.ChannelTelegram, ChatID: chat, UserID: chat, UserName: "X"}
		w.say(who, "/coach")
		w.say(who, "fleuriste")
		r := w.say(who, "75011")
		var ids []string
		for _, row := range r.Buttons {
			for _, b := range row {
				if b.Action.Kind == bot.ActSlot {
					ids = append(ids, b.Action.Arg)
				}
			}
		}
		return ids
	}
	first := offered("8001")
	if len(first) != 5 {
		t.Fatalf("%d slots offered, want 5", len(first))
	}
	differ := false
	for i := range 6 {
		other := offered(fmt.Sprint(8002 + i))
		if len(other) != 5 || other[0] != first[0] {
			t.Fatalf("offers %v and %v: both should start with the earliest slot", first, other)
		}
		differ = differ || strings.Join(other, ",") != strings.Join(first, ",")
	}
	if !differ {
		t.Errorf("seven owners were offered the same five slots %v", first)
	}
}

// /annuler in the middle of a booking stops it and, for an owner who has appointments, offers
// to cancel them: an owner who walked away from a second booking and comes back to cancel the
// first is not left with "j'arrête la prise de rendez-vous" alone.
func TestCancelDuringBookingOffersAppointments(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "/coach")
	w.say(marie, "fleuriste")
	w.say(marie, "75011")
	expect(t, w.say(marie, "1"), bot.Booked)
	w.say(marie, "/coach") // a second booking, left halfway
	r := w.say(marie, "/annuler")
	if !strings.Contains(r.Text, "j'arrête la prise de rendez-vous") || !strings.Contains(r.Text, "Que voulez-vous annuler") {
		t.Fatalf("reply: %q", r.Text)
	}
	var cancels int
	for _, row := range r.Buttons {
		for _, b := range row {
			if b.Action.Kind == bot.ActCancel {
				cancels++
			}
		}
	}
	if cancels != 1 {
		t.Fatalf("%d cancel buttons, want 1: %+v", cancels, r.Buttons)
	}
	// without appointments, only the booking in progress stops
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "778", UserID: "778", UserName: "Paul"}
	w.say(paul, "/coach")
	if r := w.say(paul, "/annuler"); strings.Contains(r.Text, "Que voulez-vous annuler") || len(r.Buttons) != 0 {
		t.Fatalf("reply without appointments: %q %+v", r.Text, r.Buttons)
	}
}

// Only well-formed http(s) URLs become links (FuzzRender found a NUL byte in a source's URL
// that made Telegram refuse the whole message).
func TestLinkableURL(t *testing.T) {
	for u, want := range map[string]bool{
		"https://www.cci.fr/guide": true, "http://exemple.fr/a?b=1&c=2": true,
		"": false, "ftp://exemple.fr": false, "javascript:alert(1)": false, "https://": false,
		"http://\x00": false, "https://exemple.fr/\x7f": false, "https://exemple.fr/a\nb": false, "https://\xffbad": false,
	} {
		if got := bot.LinkableURL(u); got != want {
			t.Errorf("LinkableURL(%q) = %v, want %v", u, got, want)
		}
	}
}
