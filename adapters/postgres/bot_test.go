package postgres_test

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/bot/bottest"
	"github.com/coachbot/coachbot/knowledge"
)

// newPGBot is the core on PostgreSQL stores, with one coach and no guides needed.
func newPGBot(t *testing.T) (*bot.Bot, *postgres.Store, *bottest.Notifier) {
	t.Helper()
	db := pgtest.Open(t)
	st := postgres.NewStore(db)
	notes := &bottest.Notifier{}
	b, err := bot.New(bot.Config{Retriever: knowledge.NewRetriever(memory.NewIndex(), knowledge.NewHashEmbedder(), knowledge.Options{}),
		Store: st, Notifier: notes, Now: func() time.Time { return bottest.T0 }})
	if err != nil {
		t.Fatal(err)
	}
	return b, st, notes
}

func owner(i int) bot.Message {
	id := fmt.Sprint(1000 + i)
	return bot.Message{Channel: bot.ChannelTelegram, ChatID: id, UserID: id, UserName: "Patron " + id}
}

// 50 owners who were all offered the same slot press it at once: the database gives it to
// one; the 49 others are told it was just taken and get new proposals.
func TestFiftyOwnersBookOneSlotThroughTheCore(t *testing.T) {
	ctx := context.Background()
	b, st, _ := newPGBot(t)
	c, err := st.AddCoach(ctx, bot.Coach{Name: "Camille", Channel: bot.ChannelTelegram, UserID: "c1", Regions: []string{"IDF"}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	slots, err := st.AddSlots(ctx, []bot.Slot{
		{CoachID: c.ID, Start: bottest.T0.Add(24 * time.Hour), End: bottest.T0.Add(25 * time.Hour), Mode: bot.ModeVisio},
		{CoachID: c.ID, Start: bottest.T0.Add(26 * time.Hour), End: bottest.T0.Add(27 * time.Hour), Mode: bot.ModeVisio},
	})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 50; i++ {
		for _, text := range []string{"/coach", "fleuriste", "75011"} {
			m := owner(i)
			m.Text = text
			b.Handle(ctx, m)
		}
	}
	replies := make([]bot.Reply, 50)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			m := owner(i)
			m.Action = &bot.Action{Kind: bot.ActSlot, Arg: fmt.Sprint(slots[0].ID)}
			replies[i] = b.Handle(ctx, m)
		}(i)
	}
	close(start)
	wg.Wait()
	booked, taken := 0, 0
	for i, r := range replies {
		switch {
		case r.Outcome == bot.Booked:
			booked++
		case strings.Contains(r.Text, "vient d'être pris") && strings.Contains(r.Text, "créneaux libres"):
			taken++
			if len(r.Buttons) == 0 || r.Buttons[0][0].Action.Arg != fmt.Sprint(slots[1].ID) {
				t.Errorf("owner %d: new proposals do not offer the other slot: %+v", i, r.Buttons)
			}
		default:
			t.Errorf("owner %d: unexpected reply %s %q", i, r.Outcome, r.Text)
		}
	}
	if booked != 1 || taken != 49 {
		t.Errorf("got %d bookings and %d 'just taken' answers, want 1 and 49", booked, taken)
	}
}

// 50 owners press the button of a workshop's last seat at once.
func TestFiftyOwnersForTheLastSeat(t *testing.T) {
	ctx := context.Background()
	b, st, _ := newPGBot(t)
	w, err := st.AddWorkshop(ctx, bot.Workshop{Title: "Fiche Google", Start: bottest.T0.Add(48 * time.Hour), End: bottest.T0.Add(51 * time.Hour), Mode: bot.ModeVisio, Place: "en visio", Capacity: 1})
	if err != nil {
		t.Fatal(err)
	}
	replies := make([]bot.Reply, 50)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			m := owner(i)
			m.Action = &bot.Action{Kind: bot.ActWorkshop, Arg: fmt.Sprint(w.ID)}
			replies[i] = b.Handle(ctx, m)
		}(i)
	}
	close(start)
	wg.Wait()
	ok, full := 0, 0
	for _, r := range replies {
		switch {
		case r.Outcome == bot.Booked:
			ok++
		case strings.Contains(r.Text, "complet"):
			full++
		default:
			t.Errorf("unexpected reply %s %q", r.Outcome, r.Text)
		}
	}
	if ok != 1 || full != 49 {
		t.Errorf("got %d registrations and %d 'complet' answers, want 1 and 49", ok, full)
	}
}

// Two coaches press "Prendre" on one case at once.
func TestTwoCoachesClaimOneCaseThroughTheCore(t *testing.T) {
	ctx := context.Background()
	b, st, _ := newPGBot(t)
	var coaches []bot.Message
	for i, name := range []string{"Camille", "Karim"} {
		id := fmt.Sprint("coach-", i)
		if _, err := st.AddCoach(ctx, bot.Coach{Name: name, Channel: bot.ChannelDiscord, UserID: id, Regions: []string{"IDF"}, Active: true}); err != nil {
			t.Fatal(err)
		}
		coaches = append(coaches, bot.Message{Channel: bot.ChannelDiscord, ChatID: id, UserID: id})
	}
	m := owner(1)
	m.Text = "je veux parler a un coach"
	b.Handle(ctx, m)
	cases, err := st.ListCases(ctx)
	if err != nil || len(cases) != 1 {
		t.Fatalf("cases: %v %v", cases, err)
	}
	replies := make([]bot.Reply, 2)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range coaches {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			<-start
			c := coaches[i]
			c.Action = &bot.Action{Kind: bot.ActClaim, Arg: fmt.Sprint(cases[0].ID)}
			replies[i] = b.Handle(ctx, c)
		}(i)
	}
	close(start)
	wg.Wait()
	claimed, refused := 0, 0
	for _, r := range replies {
		switch {
		case strings.Contains(r.Text, "Vous prenez en charge"):
			claimed++
		case strings.Contains(r.Text, "déjà pris en charge par"):
			refused++
		default:
			t.Errorf("unexpected reply %q", r.Text)
		}
	}
	if claimed != 1 || refused != 1 {
		t.Errorf("got %d claims and %d refusals, want 1 and 1", claimed, refused)
	}
}
