// Package bottest holds what every implementation of the core's stores is tested with: the
// shared store suite that the memory store and PostgreSQL both pass, so that the embedded
// default and production cannot drift apart, and small fakes for the core's other ports.
package bottest

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coachbot/coachbot/bot"
	"github.com/google/go-cmp/cmp"
)

// T0 is the reference time of the suite: stores are asked about the future relative to it.
var T0 = time.Date(2026, 12, 1, 8, 0, 0, 0, time.UTC)

// RunStoreSuite runs the tests every bot.Store must pass. open returns a new, empty store.
func RunStoreSuite(t *testing.T, open func(t *testing.T) bot.Store) {
	ctx := context.Background()
	owner := bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: "100"}
	user := bot.UserKey{Channel: bot.ChannelTelegram, UserID: "100"}

	t.Run("Conversations", func(t *testing.T) {
		s := open(t)
		c, found, err := s.Conversation(ctx, owner)
		if err != nil || found || c.Key != owner {
			t.Fatalf("new conversation: got %+v %v %v", c, found, err)
		}
		c.UserID = "100"
		c.State = bot.State{Flow: bot.FlowBooking, Step: bot.StepSlot, Activity: "boulangerie", PostalCode: "69003", Region: "ARA", Offered: []int64{3, 1, 2}, CaseID: 7, LastQuestion: "site ?", LastAt: T0, Unhelpful: 1}
		c.UpdatedAt = T0
		if err := s.SaveConversation(ctx, c); err != nil {
			t.Fatal(err)
		}
		got, found, err := s.Conversation(ctx, owner)
		if err != nil || !found {
			t.Fatalf("saved conversation not found: %v", err)
		}
		if diff := cmp.Diff(c, got, timeEqual); diff != "" {
			t.Errorf("conversation round trip (-want +got):\n%s", diff)
		}
		other := bot.ConvKey{Channel: bot.ChannelDiscord, ChatID: "100"}
		if _, found, _ := s.Conversation(ctx, other); found {
			t.Error("a conversation of another channel with the same chat id was found")
		}
		turns := []bot.Turn{
			{Key: owner, UserID: "100", At: T0, Role: bot.RoleOwner, Text: "Comment créer ma fiche ?"},
			{Key: owner, UserID: "100", At: T0.Add(time.Second), Role: bot.RoleBot, Text: "Voici…", Outcome: bot.Answered, Topic: "fiche-etablissement", Guides: []string{"creer-fiche-google"}, Confidence: 0.8, Tokens: 321},
			{Key: owner, UserID: "100", At: T0.Add(2 * time.Second), Role: bot.RoleOwner, Text: "merci"},
		}
		if err := s.AppendTurns(ctx, turns...); err != nil {
			t.Fatal(err)
		}
		if err := s.AppendTurns(ctx, bot.Turn{Key: other, UserID: "100", At: T0, Role: bot.RoleOwner, Text: "autre"}); err != nil {
			t.Fatal(err)
		}
		recent, err := s.RecentTurns(ctx, owner, 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(recent) != 2 || recent[0].Text != "Voici…" || recent[1].Text != "merci" {
			t.Errorf("RecentTurns(2): got %+v, want the last two, oldest first", recent)
		}
		if recent[0].Outcome != bot.Answered || recent[0].Topic != "fiche-etablissement" || len(recent[0].Guides) != 1 || recent[0].Confidence != 0.8 || recent[0].Tokens != 321 {
			t.Errorf("turn fields lost: %+v", recent[0])
		}
		all, err := s.UserTurns(ctx, user)
		if err != nil || len(all) != 3 {
			t.Errorf("UserTurns: got %d turns (%v), want 3 (not the other channel's)", len(all), err)
		}
		since, err := s.TurnsSince(ctx, T0.Add(time.Second))
		if err != nil || len(since) != 2 {
			t.Errorf("TurnsSince: got %d, want 2", len(since))
		}
		n, err := s.ForgetUser(ctx, user)
		if err != nil || n != 3 {
			t.Errorf("ForgetUser: got %d %v, want 3 turns deleted", n, err)
		}
		if _, found, _ := s.Conversation(ctx, owner); found {
			t.Error("conversation survived ForgetUser")
		}
		if left, _ := s.RecentTurns(ctx, other, 10); len(left) != 1 {
			t.Errorf("ForgetUser deleted another channel's turns")
		}
	})

	t.Run("Purge", func(t *testing.T) {
		s := open(t)
		oldKey := bot.ConvKey{Channel: bot.ChannelTerminal, ChatID: "old"}
		newKey := bot.ConvKey{Channel: bot.ChannelTerminal, ChatID: "new"}
		for _, c := range []bot.Conversation{{Key: oldKey, UserID: "a", UpdatedAt: T0.AddDate(0, 0, -200)}, {Key: newKey, UserID: "b", UpdatedAt: T0}} {
			if err := s.SaveConversation(ctx, c); err != nil {
				t.Fatal(err)
			}
			if err := s.AppendTurns(ctx, bot.Turn{Key: c.Key, UserID: c.UserID, At: c.UpdatedAt, Role: bot.RoleOwner, Text: "x"}); err != nil {
				t.Fatal(err)
			}
		}
		n, err := s.PurgeBefore(ctx, T0.AddDate(0, 0, -180))
		if err != nil || n != 1 {
			t.Errorf("PurgeBefore: got %d %v, want 1 conversation", n, err)
		}
		if _, found, _ := s.Conversation(ctx, oldKey); found {
			t.Error("old conversation survived the purge")
		}
		if turns, _ := s.RecentTurns(ctx, oldKey, 10); len(turns) != 0 {
			t.Error("old turns survived the purge")
		}
		if _, found, _ := s.Conversation(ctx, newKey); !found {
			t.Error("recent conversation purged")
		}
	})

	t.Run("Coaches", func(t *testing.T) {
		s := open(t)
		c, err := s.AddCoach(ctx, bot.Coach{Name: "Camille", Channel: bot.ChannelTelegram, UserID: "42", Regions: []string{"IDF"}, Address: "CCI Paris", Active: true})
		if err != nil || c.ID == 0 || c.ChatID != "42" {
			t.Fatalf("AddCoach: got %+v %v, want an id and ChatID defaulting to UserID", c, err)
		}
		if _, err := s.AddCoach(ctx, bot.Coach{Name: "Double", Channel: bot.ChannelTelegram, UserID: "42", Active: true}); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("same identity registered twice: got %v, want ErrConflict", err)
		}
		got, err := s.Coach(ctx, c.ID)
		if err != nil || got.Name != "Camille" || len(got.Regions) != 1 || got.Address != "CCI Paris" {
			t.Errorf("Coach: got %+v %v", got, err)
		}
		if _, err := s.Coach(ctx, 9999); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("unknown coach: got %v, want ErrNotFound", err)
		}
		if _, ok, _ := s.CoachByUser(ctx, bot.UserKey{Channel: bot.ChannelTelegram, UserID: "42"}); !ok {
			t.Error("CoachByUser did not find the coach")
		}
		if _, ok, _ := s.CoachByUser(ctx, bot.UserKey{Channel: bot.ChannelDiscord, UserID: "42"}); ok {
			t.Error("CoachByUser matched the same id on another channel")
		}
		if err := s.SetCoachActive(ctx, c.ID, false); err != nil {
			t.Fatal(err)
		}
		if _, ok, _ := s.CoachByUser(ctx, bot.UserKey{Channel: bot.ChannelTelegram, UserID: "42"}); ok {
			t.Error("a disabled coach is still recognised")
		}
		list, err := s.ListCoaches(ctx)
		if err != nil || len(list) != 1 || list[0].Active {
			t.Errorf("ListCoaches: got %+v %v", list, err)
		}
		if err := s.SetCoachActive(ctx, 9999, true); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("SetCoachActive unknown: got %v", err)
		}
	})

	t.Run("Slots", func(t *testing.T) {
		s := open(t)
		idf, _ := s.AddCoach(ctx, bot.Coach{Name: "Camille", Channel: bot.ChannelTerminal, UserID: "c1", Regions: []string{"IDF"}, Active: true})
		pac, _ := s.AddCoach(ctx, bot.Coach{Name: "Karim", Channel: bot.ChannelTerminal, UserID: "c2", Regions: []string{"PAC"}, Active: true})
		off, _ := s.AddCoach(ctx, bot.Coach{Name: "Absent", Channel: bot.ChannelTerminal, UserID: "c3", Regions: []string{"IDF"}, Active: false})
		at := func(h int) time.Time { return T0.Add(time.Duration(h) * time.Hour) }
		slots, err := s.AddSlots(ctx, []bot.Slot{
			{CoachID: idf.ID, Start: at(2), End: at(3), Mode: bot.ModeOnSite, Address: "CCI Paris"},
			{CoachID: idf.ID, Start: at(3), End: at(4), Mode: bot.ModeVisio},
			{CoachID: pac.ID, Start: at(1), End: at(2), Mode: bot.ModePhone},
			{CoachID: pac.ID, Start: at(5), End: at(6), Mode: bot.ModeVisio},
			{CoachID: off.ID, Start: at(1), End: at(2), Mode: bot.ModeVisio},
			{CoachID: idf.ID, Start: at(-5), End: at(-4), Mode: bot.ModeVisio}, // past
		})
		if err != nil || len(slots) != 6 || slots[0].ID == 0 {
			t.Fatalf("AddSlots: %v %+v", err, slots)
		}
		// overlapping slots of one coach are refused, all or nothing; adjacent ones are fine
		if _, err := s.AddSlots(ctx, []bot.Slot{{CoachID: idf.ID, Start: at(10), End: at(11), Mode: bot.ModeVisio}, {CoachID: idf.ID, Start: at(2).Add(30 * time.Minute), End: at(3).Add(30 * time.Minute), Mode: bot.ModeVisio}}); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("overlapping slot: got %v, want ErrConflict", err)
		}
		if got, _ := s.CoachSlots(ctx, idf.ID, T0); len(got) != 2 {
			t.Errorf("a refused batch left %d slots of the coach, want 2", len(got))
		}
		adjacent, err := s.AddSlots(ctx, []bot.Slot{{CoachID: pac.ID, Start: at(2), End: at(3), Mode: bot.ModeVisio}})
		if err != nil {
			t.Fatalf("adjacent slot refused: %v", err)
		}
		if _, err := s.AddSlots(ctx, []bot.Slot{{CoachID: pac.ID, Start: at(20), End: at(21), Mode: bot.ModeVisio}, {CoachID: pac.ID, Start: at(20).Add(10 * time.Minute), End: at(22), Mode: bot.ModeVisio}}); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("two new slots overlapping each other: got %v, want ErrConflict", err)
		}
		// free slots for Île-de-France: Camille's on-site and visio, Karim's visio; not Karim's
		// phone slot (PAC), not the inactive coach, not the past
		free, err := s.FreeSlots(ctx, "IDF", T0, 10)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int64{slots[0].ID, adjacent[0].ID, slots[1].ID, slots[3].ID}, slotIDs(free)); diff != "" {
			t.Errorf("FreeSlots(IDF): want Camille's on-site, Karim's visio at the same time (by id), Camille's visio, Karim's later visio (-want +got):\n%s", diff)
		}
		if free[0].CoachName != "Camille" || free[0].Address != "CCI Paris" {
			t.Errorf("slot lacks its coach name or address: %+v", free[0])
		}
		if got, _ := s.FreeSlots(ctx, "PAC", T0, 2); len(got) != 2 || got[0].ID != slots[2].ID {
			t.Errorf("FreeSlots(PAC, 2): got %v, want Karim's phone slot first, and the limit respected", slotIDs(got))
		}
		// booking
		b, err := s.Book(ctx, bot.Booking{Ref: "RDV-A1", SlotID: slots[0].ID, Owner: owner, UserID: "100", Activity: "fleuriste", PostalCode: "75011", Region: "IDF", CaseID: 3, CreatedAt: T0})
		if err != nil || b.ID == 0 || b.Status != bot.BookingConfirmed || b.CoachID != idf.ID || b.Slot.Start.IsZero() || b.Coach.Name != "Camille" {
			t.Fatalf("Book: got %+v %v", b, err)
		}
		if _, err := s.Book(ctx, bot.Booking{Ref: "RDV-A2", SlotID: slots[0].ID, Owner: owner, UserID: "101", CreatedAt: T0}); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("second booking of a slot: got %v, want ErrConflict", err)
		}
		if _, err := s.Book(ctx, bot.Booking{Ref: "RDV-A3", SlotID: 99999, Owner: owner, UserID: "100", CreatedAt: T0}); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("booking an unknown slot: got %v, want ErrNotFound", err)
		}
		if sl, _ := s.Slot(ctx, slots[0].ID); !sl.Booked {
			t.Error("booked slot not marked booked")
		}
		if free, _ := s.FreeSlots(ctx, "IDF", T0, 10); contains(slotIDs(free), slots[0].ID) {
			t.Error("a booked slot is still offered")
		}
		mine, err := s.UserBookings(ctx, user, T0)
		if err != nil || len(mine) != 1 || mine[0].Ref != "RDV-A1" || mine[0].Activity != "fleuriste" || mine[0].CaseID != 3 {
			t.Errorf("UserBookings: got %+v %v", mine, err)
		}
		if got, err := s.Booking(ctx, b.ID); err != nil || got.Ref != "RDV-A1" || got.Slot.ID != slots[0].ID {
			t.Errorf("Booking: got %+v %v", got, err)
		}
		cancelled, err := s.CancelBooking(ctx, b.ID)
		if err != nil || cancelled.Status != bot.BookingCancelled || cancelled.Coach.Name != "Camille" {
			t.Errorf("CancelBooking: got %+v %v", cancelled, err)
		}
		if _, err := s.CancelBooking(ctx, b.ID); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("cancelling twice: got %v, want ErrConflict", err)
		}
		if mine, _ := s.UserBookings(ctx, user, T0); len(mine) != 0 {
			t.Error("a cancelled booking is still listed")
		}
		// the slot is free again and can be booked by someone else
		if _, err := s.Book(ctx, bot.Booking{Ref: "RDV-A4", SlotID: slots[0].ID, Owner: bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: "200"}, UserID: "200", CreatedAt: T0}); err != nil {
			t.Errorf("booking a freed slot: %v", err)
		}
		// forgetting a user cancels their future bookings and erases personal fields
		b2, err := s.Book(ctx, bot.Booking{Ref: "RDV-A5", SlotID: slots[1].ID, Owner: owner, UserID: "100", Activity: "fleuriste", PostalCode: "75011", Region: "IDF", CreatedAt: T0})
		if err != nil {
			t.Fatal(err)
		}
		gone, err := s.ForgetUserBookings(ctx, user, T0)
		if err != nil || len(gone) != 1 || gone[0].ID != b2.ID || gone[0].Coach.Name != "Camille" {
			t.Errorf("ForgetUserBookings: got %+v %v, want the future booking", gone, err)
		}
		after, _ := s.Booking(ctx, b2.ID)
		if after.Status != bot.BookingCancelled || after.UserID != "" || after.Activity != "" || after.PostalCode != "" || after.Owner.ChatID != "" {
			t.Errorf("forgotten booking keeps personal fields: %+v", after)
		}
		if sl, _ := s.Slot(ctx, slots[1].ID); sl.Booked {
			t.Error("a forgotten user's slot is still booked")
		}
	})

	t.Run("Workshops", func(t *testing.T) {
		s := open(t)
		w, err := s.AddWorkshop(ctx, bot.Workshop{Title: "Fiche Google", Topic: "fiche-etablissement", Start: T0.Add(48 * time.Hour), End: T0.Add(51 * time.Hour), Mode: bot.ModeOnSite, Place: "CCI Lyon", Region: "ARA", Capacity: 2})
		if err != nil || w.ID == 0 {
			t.Fatalf("AddWorkshop: %v", err)
		}
		if _, err := s.AddWorkshop(ctx, bot.Workshop{Title: "Passé", Start: T0.Add(-48 * time.Hour), End: T0.Add(-47 * time.Hour), Mode: bot.ModeVisio, Capacity: 5}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.AddWorkshop(ctx, bot.Workshop{Title: "Sans place", Start: T0, End: T0, Capacity: 0}); err == nil {
			t.Error("a workshop with no seat was accepted")
		}
		up, err := s.UpcomingWorkshops(ctx, T0)
		if err != nil || len(up) != 1 || up[0].Title != "Fiche Google" || up[0].Taken != 0 {
			t.Errorf("UpcomingWorkshops: got %+v %v", up, err)
		}
		r, err := s.Register(ctx, bot.Registration{WorkshopID: w.ID, Owner: owner, UserID: "100", CreatedAt: T0})
		if err != nil || r.ID == 0 || r.Workshop.Taken != 1 {
			t.Fatalf("Register: got %+v %v", r, err)
		}
		if _, err := s.Register(ctx, bot.Registration{WorkshopID: w.ID, Owner: owner, UserID: "100", CreatedAt: T0}); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("registering twice: got %v, want ErrConflict", err)
		}
		o2 := bot.ConvKey{Channel: bot.ChannelDiscord, ChatID: "7"}
		if _, err := s.Register(ctx, bot.Registration{WorkshopID: w.ID, Owner: o2, UserID: "7", CreatedAt: T0}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Register(ctx, bot.Registration{WorkshopID: w.ID, Owner: bot.ConvKey{Channel: bot.ChannelDiscord, ChatID: "8"}, UserID: "8", CreatedAt: T0}); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("registering to a full workshop: got %v, want ErrConflict", err)
		}
		mine, err := s.UserRegistrations(ctx, user, T0)
		if err != nil || len(mine) != 1 || mine[0].Workshop.Title != "Fiche Google" {
			t.Errorf("UserRegistrations: got %+v %v", mine, err)
		}
		c, err := s.CancelRegistration(ctx, r.ID)
		if err != nil || c.Status != bot.BookingCancelled {
			t.Errorf("CancelRegistration: %+v %v", c, err)
		}
		if got, _ := s.Workshop(ctx, w.ID); got.Taken != 1 {
			t.Errorf("seats taken after a cancellation: got %d, want 1", got.Taken)
		}
		if _, err := s.Register(ctx, bot.Registration{WorkshopID: w.ID, Owner: owner, UserID: "100", CreatedAt: T0}); err != nil {
			t.Errorf("registering again after cancelling: %v", err)
		}
		n, err := s.ForgetUserRegistrations(ctx, user)
		if err != nil || n != 2 {
			t.Errorf("ForgetUserRegistrations: got %d %v, want 2", n, err)
		}
		if got, _ := s.Workshop(ctx, w.ID); got.Taken != 1 {
			t.Errorf("seats taken after forgetting a user: got %d, want 1", got.Taken)
		}
		if _, err := s.Workshop(ctx, 9999); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("unknown workshop: %v", err)
		}
	})

	t.Run("Cases", func(t *testing.T) {
		s := open(t)
		c1, err := s.OpenCase(ctx, bot.Case{Owner: owner, UserID: "100", OwnerName: "Marie", Reason: "explicit_request", Questions: []string{"site ?"}, Guides: []string{"creer-site-vitrine"}, CreatedAt: T0, UpdatedAt: T0})
		if err != nil || c1.ID == 0 || c1.Status != bot.CaseOpen {
			t.Fatalf("OpenCase: %+v %v", c1, err)
		}
		c2, _ := s.OpenCase(ctx, bot.Case{Owner: bot.ConvKey{Channel: bot.ChannelDiscord, ChatID: "9"}, UserID: "9", Reason: "dispute", CreatedAt: T0.Add(time.Minute), UpdatedAt: T0.Add(time.Minute)})
		c1.Activity, c1.PostalCode, c1.Region, c1.BookingID = "fleuriste", "75011", "IDF", 12
		c1.Questions = append(c1.Questions, "combien ?")
		if err := s.UpdateCase(ctx, c1); err != nil {
			t.Fatal(err)
		}
		got, err := s.Case(ctx, c1.ID)
		if err != nil || got.Activity != "fleuriste" || got.BookingID != 12 || len(got.Questions) != 2 || got.OwnerName != "Marie" {
			t.Errorf("Case after update: %+v %v", got, err)
		}
		list, _ := s.ListCases(ctx)
		if len(list) != 2 || list[0].ID != c2.ID {
			t.Errorf("ListCases: got %v, want both, newest first", caseIDs(list))
		}
		claimed, err := s.ClaimCase(ctx, c1.ID, 5)
		if err != nil || claimed.Status != bot.CaseClaimed || claimed.CoachID != 5 {
			t.Errorf("ClaimCase: %+v %v", claimed, err)
		}
		if _, err := s.ClaimCase(ctx, c1.ID, 6); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("claiming a claimed case: got %v, want ErrConflict", err)
		}
		if open, _ := s.ListCases(ctx, bot.CaseOpen); len(open) != 1 || open[0].ID != c2.ID {
			t.Errorf("ListCases(open): got %v", caseIDs(open))
		}
		closed, err := s.CloseCase(ctx, c1.ID, 5, "site créé ensemble")
		if err != nil || closed.Status != bot.CaseClosed || closed.CloseNote != "site créé ensemble" {
			t.Errorf("CloseCase: %+v %v", closed, err)
		}
		if _, err := s.CloseCase(ctx, c1.ID, 5, "encore"); !errors.Is(err, bot.ErrConflict) {
			t.Errorf("closing twice: %v", err)
		}
		if _, err := s.ClaimCase(ctx, 9999, 5); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("claiming an unknown case: %v", err)
		}
		n, err := s.ForgetUserCases(ctx, user)
		if err != nil || n != 1 {
			t.Errorf("ForgetUserCases: %d %v", n, err)
		}
		got, _ = s.Case(ctx, c1.ID)
		if got.UserID != "" || got.OwnerName != "" || got.Activity != "" || got.PostalCode != "" || len(got.Questions) != 0 || got.Owner.ChatID != "" {
			t.Errorf("forgotten case keeps personal fields: %+v", got)
		}
		if got.Reason != "explicit_request" || got.Status != bot.CaseClosed {
			t.Errorf("forgetting erased non-personal fields: %+v", got)
		}
	})

	t.Run("ConcurrentBookingsOfOneSlot", func(t *testing.T) {
		s := open(t)
		c, _ := s.AddCoach(ctx, bot.Coach{Name: "Camille", Channel: bot.ChannelTerminal, UserID: "c", Regions: []string{"IDF"}, Active: true})
		sl, err := s.AddSlots(ctx, []bot.Slot{{CoachID: c.ID, Start: T0.Add(time.Hour), End: T0.Add(2 * time.Hour), Mode: bot.ModeVisio}})
		if err != nil {
			t.Fatal(err)
		}
		var ok, conflict atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				_, err := s.Book(ctx, bot.Booking{Ref: fmt.Sprintf("RDV-%02d", i), SlotID: sl[0].ID, Owner: bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: fmt.Sprint(i)}, UserID: fmt.Sprint(i), CreatedAt: T0})
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, bot.ErrConflict):
					conflict.Add(1)
				default:
					t.Errorf("booking %d: %v", i, err)
				}
			}(i)
		}
		close(start)
		wg.Wait()
		if ok.Load() != 1 || conflict.Load() != 49 {
			t.Errorf("50 simultaneous bookings: %d succeeded and %d conflicted, want 1 and 49", ok.Load(), conflict.Load())
		}
	})

	t.Run("Reminders", func(t *testing.T) {
		s := open(t)
		c, _ := s.AddCoach(ctx, bot.Coach{Name: "Camille", Channel: bot.ChannelTerminal, UserID: "c", Regions: []string{"IDF"}, Active: true})
		var starts []bot.Slot
		for _, h := range []int{2, 3, 4, 30, 5} { // hours after T0; the fourth is beyond the window
			starts = append(starts, bot.Slot{CoachID: c.ID, Start: T0.Add(time.Duration(h) * time.Hour), End: T0.Add(time.Duration(h)*time.Hour + 30*time.Minute), Mode: bot.ModeVisio})
		}
		sl, err := s.AddSlots(ctx, starts)
		if err != nil {
			t.Fatal(err)
		}
		book := func(i int, at time.Time) bot.Booking {
			b, err := s.Book(ctx, bot.Booking{Ref: fmt.Sprintf("RDV-R%d", i), SlotID: sl[i].ID, Owner: bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: fmt.Sprint(700 + i)}, UserID: fmt.Sprint(700 + i), CreatedAt: at})
			if err != nil {
				t.Fatal(err)
			}
			return b
		}
		due := book(0, T0.Add(-30*time.Hour))
		book(1, T0.Add(-10*time.Hour)) // booked less than a day ahead: the confirmation is fresh
		cancelled := book(2, T0.Add(-30*time.Hour))
		if _, err := s.CancelBooking(ctx, cancelled.ID); err != nil {
			t.Fatal(err)
		}
		book(3, T0.Add(-30*time.Hour)) // starts after the next 24 hours
		later := book(4, T0.Add(-30*time.Hour))
		got, err := s.DueBookingReminders(ctx, T0, 24*time.Hour)
		if err != nil || len(got) != 2 || got[0].ID != due.ID || got[1].ID != later.ID || got[0].Slot.Start.IsZero() || got[0].Coach.Name != "Camille" || got[0].Owner.ChatID != "700" {
			t.Fatalf("DueBookingReminders: %+v %v", got, err)
		}
		if again, err := s.DueBookingReminders(ctx, T0, 24*time.Hour); err != nil || len(again) != 0 {
			t.Fatalf("asked again: %+v %v", again, err)
		}
		// seven hours later, the session of T0+30h is within the day
		if got, _ := s.DueBookingReminders(ctx, T0.Add(7*time.Hour), 24*time.Hour); len(got) != 1 || got[0].Ref != "RDV-R3" {
			t.Fatalf("seven hours later: %+v", got)
		}

		w, _ := s.AddWorkshop(ctx, bot.Workshop{Title: "Fiche Google", Start: T0.Add(6 * time.Hour), End: T0.Add(8 * time.Hour), Mode: bot.ModeVisio, Place: "en ligne", Capacity: 10})
		var regs []bot.Registration
		for i := range 3 {
			r, err := s.Register(ctx, bot.Registration{WorkshopID: w.ID, Owner: bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: fmt.Sprint(800 + i)}, UserID: fmt.Sprint(800 + i), CreatedAt: T0.Add(-48 * time.Hour)})
			if err != nil {
				t.Fatal(err)
			}
			regs = append(regs, r)
		}
		if _, err := s.CancelRegistration(ctx, regs[2].ID); err != nil {
			t.Fatal(err)
		}
		// two replicas asking at once share the reminders out: each is given once
		var mu sync.Mutex
		seen := map[int64]int{}
		var wg sync.WaitGroup
		for range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				rs, err := s.DueWorkshopReminders(ctx, T0, 24*time.Hour)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				defer mu.Unlock()
				for _, r := range rs {
					seen[r.ID]++
					if r.Workshop.Title != "Fiche Google" {
						t.Errorf("registration without its workshop: %+v", r)
					}
				}
			}()
		}
		wg.Wait()
		if len(seen) != 2 || seen[regs[0].ID] != 1 || seen[regs[1].ID] != 1 {
			t.Errorf("workshop reminders given %v, want registrations %d and %d once each", seen, regs[0].ID, regs[1].ID)
		}
	})

	t.Run("ConcurrentLastSeat", func(t *testing.T) {
		s := open(t)
		w, err := s.AddWorkshop(ctx, bot.Workshop{Title: "Réseaux sociaux", Start: T0.Add(time.Hour), End: T0.Add(2 * time.Hour), Mode: bot.ModeVisio, Place: "en ligne", Region: "IDF", Capacity: 1})
		if err != nil {
			t.Fatal(err)
		}
		var ok, conflict atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 0; i < 50; i++ {
			wg.Add(1)
			go func(i int) {
				defer wg.Done()
				<-start
				_, err := s.Register(ctx, bot.Registration{WorkshopID: w.ID, Owner: bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: fmt.Sprint(i)}, UserID: fmt.Sprint(i), CreatedAt: T0})
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, bot.ErrConflict):
					conflict.Add(1)
				default:
					t.Errorf("registration %d: %v", i, err)
				}
			}(i)
		}
		close(start)
		wg.Wait()
		if ok.Load() != 1 || conflict.Load() != 49 {
			t.Errorf("50 owners for the last seat: %d registered and %d refused, want 1 and 49", ok.Load(), conflict.Load())
		}
	})

	t.Run("ConcurrentClaims", func(t *testing.T) {
		s := open(t)
		c, err := s.OpenCase(ctx, bot.Case{Owner: owner, UserID: "100", Reason: "explicit_request", CreatedAt: T0, UpdatedAt: T0})
		if err != nil {
			t.Fatal(err)
		}
		var ok, conflict atomic.Int32
		var wg sync.WaitGroup
		start := make(chan struct{})
		for i := 1; i <= 2; i++ {
			wg.Add(1)
			go func(coach int64) {
				defer wg.Done()
				<-start
				_, err := s.ClaimCase(ctx, c.ID, coach)
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, bot.ErrConflict):
					conflict.Add(1)
				default:
					t.Errorf("claim by %d: %v", coach, err)
				}
			}(int64(i))
		}
		close(start)
		wg.Wait()
		if ok.Load() != 1 || conflict.Load() != 1 {
			t.Errorf("two coaches claiming at once: %d claims and %d refusals, want 1 and 1", ok.Load(), conflict.Load())
		}
	})

	t.Run("Inbox", func(t *testing.T) {
		s := open(t)
		up := func(id, chat string) bot.Update {
			return bot.Update{Channel: bot.ChannelTelegram, ID: id, ChatID: chat, Payload: []byte(`{"update_id":` + id + `}`), ReceivedAt: T0}
		}
		for _, u := range []bot.Update{up("1", "a"), up("2", "a"), up("3", "b"), up("4", "c")} {
			if isNew, err := s.Enqueue(ctx, u); err != nil || !isNew {
				t.Fatalf("Enqueue %s: %v %v", u.ID, isNew, err)
			}
		}
		if isNew, err := s.Enqueue(ctx, up("1", "a")); err != nil || isNew {
			t.Errorf("a replayed update was enqueued again: %v %v", isNew, err)
		}
		if isNew, _ := s.Enqueue(ctx, bot.Update{Channel: bot.ChannelDiscord, ID: "1", ChatID: "a", Payload: []byte("{}"), ReceivedAt: T0}); !isNew {
			t.Error("the same id on another channel was taken for a replay")
		}
		if n, _ := s.PendingUpdates(ctx, bot.ChannelTelegram); n != 4 {
			t.Errorf("pending: got %d, want 4", n)
		}
		got, err := s.Claim(ctx, bot.ChannelTelegram, "w1", 10, time.Minute)
		if err != nil {
			t.Fatal(err)
		}
		if ids := updateIDs(got); !cmp.Equal(ids, []string{"1", "3", "4"}) {
			t.Errorf("first claim: got %v, want the oldest update of each chat (1, 3, 4)", ids)
		}
		if string(got[0].Payload) != `{"update_id":1}` || got[0].ChatID != "a" {
			t.Errorf("claimed update lost its fields: %+v", got[0])
		}
		if again, _ := s.Claim(ctx, bot.ChannelTelegram, "w2", 10, time.Minute); len(again) != 0 {
			t.Errorf("leased updates handed out twice, or a chat's next update before its first: %v", updateIDs(again))
		}
		if err := s.MarkHandled(ctx, bot.ChannelTelegram, "1"); err != nil {
			t.Fatal(err)
		}
		next, _ := s.Claim(ctx, bot.ChannelTelegram, "w2", 10, time.Minute)
		if ids := updateIDs(next); !cmp.Equal(ids, []string{"2"}) {
			t.Errorf("after handling update 1: got %v, want chat a's next update 2", ids)
		}
		// an expired lease (its handler died) is handed out again
		short, _ := s.Claim(ctx, bot.ChannelDiscord, "w3", 10, time.Millisecond)
		time.Sleep(20 * time.Millisecond)
		if re, _ := s.Claim(ctx, bot.ChannelDiscord, "w4", 10, time.Minute); len(short) != 1 || len(re) != 1 {
			t.Errorf("expired lease: claimed %d then %d, want 1 and 1", len(short), len(re))
		}
		if err := s.MarkHandled(ctx, bot.ChannelTelegram, "nope"); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("MarkHandled unknown: %v", err)
		}
		for _, id := range []string{"2", "3", "4"} {
			if err := s.MarkHandled(ctx, bot.ChannelTelegram, id); err != nil {
				t.Fatal(err)
			}
		}
		if n, _ := s.PendingUpdates(ctx, bot.ChannelTelegram); n != 0 {
			t.Errorf("pending after handling all: %d", n)
		}
		if n, err := s.PurgeHandled(ctx, T0.Add(time.Second)); err != nil || n != 4 {
			t.Errorf("PurgeHandled: %d %v, want the 4 handled Telegram updates", n, err)
		}
		if isNew, _ := s.Enqueue(ctx, up("9", "z")); !isNew {
			t.Error("enqueue after purge")
		}
	})

	t.Run("InboxConcurrentClaims", func(t *testing.T) {
		s := open(t)
		for i := 0; i < 40; i++ {
			if _, err := s.Enqueue(ctx, bot.Update{Channel: bot.ChannelTelegram, ID: fmt.Sprint(i), ChatID: fmt.Sprint(i % 8), Payload: []byte("{}"), ReceivedAt: T0}); err != nil {
				t.Fatal(err)
			}
		}
		var mu sync.Mutex
		handled := map[string]int{}
		order := map[string][]int{}
		var wg sync.WaitGroup
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for {
					us, err := s.Claim(ctx, bot.ChannelTelegram, fmt.Sprint("w", w), 3, time.Minute)
					if err != nil {
						t.Error(err)
						return
					}
					if len(us) == 0 {
						if n, _ := s.PendingUpdates(ctx, bot.ChannelTelegram); n == 0 {
							return
						}
						time.Sleep(time.Millisecond)
						continue
					}
					for _, u := range us {
						var id int
						fmt.Sscan(u.ID, &id)
						mu.Lock()
						handled[u.ID]++
						order[u.ChatID] = append(order[u.ChatID], id)
						mu.Unlock()
						if err := s.MarkHandled(ctx, u.Channel, u.ID); err != nil {
							t.Error(err)
						}
					}
				}
			}(w)
		}
		wg.Wait()
		if len(handled) != 40 {
			t.Errorf("%d updates handled, want 40", len(handled))
		}
		for id, n := range handled {
			if n != 1 {
				t.Errorf("update %s handled %d times", id, n)
			}
		}
		for chat, ids := range order {
			for i := 1; i < len(ids); i++ {
				if ids[i] < ids[i-1] {
					t.Errorf("chat %s handled out of order: %v", chat, ids)
					break
				}
			}
		}
	})

	t.Run("LockSerialisesAConversation", func(t *testing.T) {
		s := open(t)
		unlock, err := s.Lock(ctx, owner)
		if err != nil {
			t.Fatal(err)
		}
		other, err := s.Lock(ctx, bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: "other"})
		if err != nil {
			t.Fatalf("locking another conversation blocked: %v", err)
		}
		other()
		short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
		defer cancel()
		if u, err := s.Lock(short, owner); err == nil {
			u()
			t.Fatal("a locked conversation was locked twice")
		}
		unlock()
		u, err := s.Lock(ctx, owner)
		if err != nil {
			t.Fatalf("lock after unlock: %v", err)
		}
		u()
	})
}

var timeEqual = cmp.Comparer(func(a, b time.Time) bool { return a.Equal(b) })

func updateIDs(us []bot.Update) []string {
	out := make([]string, len(us))
	for i, u := range us {
		out[i] = u.ID
	}
	return out
}

func slotIDs(ss []bot.Slot) []int64 {
	out := make([]int64, len(ss))
	for i, s := range ss {
		out[i] = s.ID
	}
	return out
}

func caseIDs(cs []bot.Case) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func contains(xs []int64, x int64) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
