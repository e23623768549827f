package bot_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/coachbot/coachbot/bot"
)

// The day before, owners are reminded of their session and workshop, once, in French, with
// a button that cancels and frees the place; a cancelled session is not reminded.
func TestReminders(t *testing.T) {
	w := newWorld(t)
	ctx := context.Background()
	w.say(marie, "/coach")
	w.say(marie, "fleuriste")
	w.say(marie, "75011")
	// a session more than a day ahead is reminded, and the confirmation says so
	free, _ := w.store.FreeSlots(ctx, "IDF", w.now, 50)
	var far bot.Slot
	for _, s := range free {
		if s.Start.Sub(w.now) > 48*time.Hour {
			far = s
			break
		}
	}
	expect(t, w.press(marie, bot.Action{Kind: bot.ActSlot, Arg: fmt.Sprint(far.ID)}), bot.Booked, "je vous enverrai un rappel la veille")
	user := bot.UserKey{Channel: marie.Channel, UserID: marie.UserID}
	bks, _ := w.store.UserBookings(ctx, user, w.now)
	ws, _ := w.store.UpcomingWorkshops(ctx, w.now)
	expect(t, w.press(marie, bot.Action{Kind: bot.ActWorkshop, Arg: fmt.Sprint(ws[0].ID)}), bot.Booked)
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "778", UserID: "778", UserName: "Paul"}
	w.say(paul, "/coach")
	w.say(paul, "plombier")
	w.say(paul, "75002")
	expect(t, w.press(paul, bot.Action{Kind: bot.ActSlot, Arg: fmt.Sprint(free[len(free)-1].ID)}), bot.Booked)
	pb, _ := w.store.UserBookings(ctx, bot.UserKey{Channel: paul.Channel, UserID: paul.UserID}, w.now)
	w.press(paul, bot.Action{Kind: bot.ActCancel, Arg: fmt.Sprint(pb[0].ID)})
	// a session booked less than a day ahead is not: its confirmation is fresh, and says nothing
	jeanne := bot.Message{Channel: bot.ChannelTelegram, ChatID: "779", UserID: "779", UserName: "Jeanne"}
	w.say(jeanne, "/coach")
	w.say(jeanne, "coiffeuse")
	w.say(jeanne, "75003")
	if free[0].Start.Sub(w.now) >= 24*time.Hour {
		t.Fatalf("the first free slot, %v, is not within a day of %v", free[0].Start, w.now)
	}
	r := w.press(jeanne, bot.Action{Kind: bot.ActSlot, Arg: fmt.Sprint(free[0].ID)})
	expect(t, r, bot.Booked)
	if strings.Contains(r.Text, "rappel") {
		t.Errorf("a confirmation less than a day ahead promises a reminder: %q", r.Text)
	}

	owner := bot.ConvKey{Channel: marie.Channel, ChatID: marie.ChatID}
	w.notes.Reset()
	if n, err := w.bot.SendReminders(ctx); err != nil || n != 0 {
		t.Fatalf("reminders days before: %d, %v", n, err)
	}
	// the day before the session (Jeanne's is over by then)
	w.now = bks[0].Slot.Start.Add(-20 * time.Hour)
	n, err := w.bot.SendReminders(ctx)
	if err != nil || n < 1 {
		t.Fatalf("SendReminders: %d, %v", n, err)
	}
	sent := w.notes.To(owner)
	if len(sent) == 0 {
		t.Fatal("Marie was not reminded")
	}
	r = sent[0].Reply
	for _, want := range []string{"Rappel : votre rendez-vous avec", "a lieu demain, ", "(heure de Paris)", bks[0].Ref, "libère le créneau"} {
		if !strings.Contains(r.Text, want) {
			t.Errorf("reminder lacks %q: %q", want, r.Text)
		}
	}
	if len(r.Buttons) != 1 || r.Buttons[0][0].Action != (bot.Action{Kind: bot.ActCancel, Arg: fmt.Sprint(bks[0].ID)}) {
		t.Errorf("reminder buttons: %+v", r.Buttons)
	}
	if got := w.notes.To(bot.ConvKey{Channel: paul.Channel, ChatID: paul.ChatID}); len(got) != 0 {
		t.Errorf("a cancelled session was reminded: %q", got[0].Reply.Text)
	}
	if got := w.notes.To(bot.ConvKey{Channel: jeanne.Channel, ChatID: jeanne.ChatID}); len(got) != 0 {
		t.Errorf("a session booked less than a day ahead was reminded: %q", got[0].Reply.Text)
	}
	// once only
	w.notes.Reset()
	w.now = w.now.Add(time.Minute)
	w.bot.SendReminders(ctx)
	for _, s := range w.notes.To(owner) {
		if strings.Contains(s.Reply.Text, bks[0].Ref) {
			t.Errorf("reminded twice: %q", s.Reply.Text)
		}
	}
	t.Logf("reminder: %s", r.Text)
	// the reminder's button cancels the session
	expect(t, w.press(marie, r.Buttons[0][0].Action), bot.Command, "est annulé")
	// the day before the workshop
	w.notes.Reset()
	w.now = ws[0].Start.Add(-3 * time.Hour)
	w.bot.SendReminders(ctx)
	var workshop *bot.Reply
	for _, s := range w.notes.To(owner) {
		if strings.Contains(s.Reply.Text, "l'atelier") {
			workshop = &s.Reply
		}
	}
	if workshop == nil || !strings.Contains(workshop.Text, ws[0].Title) || !strings.Contains(workshop.Text, "a lieu aujourd'hui à") || len(workshop.Buttons) != 1 || workshop.Buttons[0][0].Action.Kind != bot.ActWSCancel {
		t.Fatalf("workshop reminder: %+v", workshop)
	}
	t.Logf("workshop reminder: %s", workshop.Text)
}
