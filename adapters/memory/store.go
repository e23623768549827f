package memory

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/coachbot/coachbot/bot"
)

// Store keeps every store of the core in memory. It enforces the same rules as the
// PostgreSQL store (a slot booked once, no overlapping slots of a coach, workshop capacity,
// one coach per case) with a mutex instead of constraints.
type Store struct {
	mu            sync.Mutex
	convs         map[bot.ConvKey]bot.Conversation
	turns         []bot.Turn
	coaches       []bot.Coach
	slots         []bot.Slot
	bookings      []bot.Booking
	workshops     []bot.Workshop
	registrations []bot.Registration
	cases         []bot.Case
	inbox         []*inboxEntry
	seq           map[string]int64 // one sequence per kind, as PostgreSQL has one per table
	reminded      map[string]bool  // "b<id>" and "r<id>": bookings and registrations reminded

	locksMu sync.Mutex
	locks   map[bot.ConvKey]chan struct{}
}

var _ bot.Store = (*Store)(nil)

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{convs: map[bot.ConvKey]bot.Conversation{}, locks: map[bot.ConvKey]chan struct{}{}, reminded: map[string]bool{}}
}

func (s *Store) next(kind string) int64 {
	if s.seq == nil {
		s.seq = map[string]int64{}
	}
	s.seq[kind]++
	return s.seq[kind]
}

// Lock implements bot.Conversations.
func (s *Store) Lock(ctx context.Context, key bot.ConvKey) (func(), error) {
	s.locksMu.Lock()
	ch, ok := s.locks[key]
	if !ok {
		ch = make(chan struct{}, 1)
		s.locks[key] = ch
	}
	s.locksMu.Unlock()
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("lock conversation: %w", ctx.Err())
	}
}

// Conversation implements bot.Conversations.
func (s *Store) Conversation(_ context.Context, key bot.ConvKey) (bot.Conversation, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.convs[key]
	if !ok {
		return bot.Conversation{Key: key}, false, nil
	}
	c.State.Offered = slices.Clone(c.State.Offered)
	return c, true, nil
}

// SaveConversation implements bot.Conversations.
func (s *Store) SaveConversation(_ context.Context, c bot.Conversation) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.State.Offered = slices.Clone(c.State.Offered)
	s.convs[c.Key] = c
	return nil
}

// AppendTurns implements bot.Conversations.
func (s *Store) AppendTurns(_ context.Context, turns ...bot.Turn) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, t := range turns {
		t.ID = s.next("turn")
		t.Guides = slices.Clone(t.Guides)
		s.turns = append(s.turns, t)
	}
	return nil
}

// RecentTurns implements bot.Conversations.
func (s *Store) RecentTurns(_ context.Context, key bot.ConvKey, n int) ([]bot.Turn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Turn
	for i := len(s.turns) - 1; i >= 0 && len(out) < n; i-- {
		if s.turns[i].Key == key {
			out = append(out, s.turns[i])
		}
	}
	slices.Reverse(out)
	return out, nil
}

// UserTurns implements bot.Conversations.
func (s *Store) UserTurns(_ context.Context, user bot.UserKey) ([]bot.Turn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := s.userConvs(user)
	var out []bot.Turn
	for _, t := range s.turns {
		if keys[t.Key] {
			out = append(out, t)
		}
	}
	return out, nil
}

// userConvs returns the conversations of a user (locked).
func (s *Store) userConvs(user bot.UserKey) map[bot.ConvKey]bool {
	keys := map[bot.ConvKey]bool{}
	for k, c := range s.convs {
		if k.Channel == user.Channel && c.UserID == user.UserID {
			keys[k] = true
		}
	}
	for _, t := range s.turns {
		if t.Key.Channel == user.Channel && t.UserID == user.UserID {
			keys[t.Key] = true
		}
	}
	return keys
}

// ForgetUser implements bot.Conversations.
func (s *Store) ForgetUser(_ context.Context, user bot.UserKey) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	keys := s.userConvs(user)
	n := 0
	kept := s.turns[:0]
	for _, t := range s.turns {
		if keys[t.Key] {
			n++
			continue
		}
		kept = append(kept, t)
	}
	s.turns = kept
	for k := range keys {
		delete(s.convs, k)
	}
	return n, nil
}

// PurgeBefore implements bot.Conversations.
func (s *Store) PurgeBefore(_ context.Context, t time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	old := map[bot.ConvKey]bool{}
	for k, c := range s.convs {
		if c.UpdatedAt.Before(t) {
			old[k] = true
		}
	}
	// turns of conversations that no longer exist, or of old ones
	last := map[bot.ConvKey]time.Time{}
	for _, tr := range s.turns {
		if tr.At.After(last[tr.Key]) {
			last[tr.Key] = tr.At
		}
	}
	for k, at := range last {
		if _, ok := s.convs[k]; !ok && at.Before(t) {
			old[k] = true
		}
	}
	kept := s.turns[:0]
	for _, tr := range s.turns {
		if !old[tr.Key] {
			kept = append(kept, tr)
		}
	}
	s.turns = kept
	for k := range old {
		delete(s.convs, k)
	}
	return len(old), nil
}

// TurnsSince implements bot.Conversations.
func (s *Store) TurnsSince(_ context.Context, t time.Time) ([]bot.Turn, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Turn
	for _, tr := range s.turns {
		if !tr.At.Before(t) {
			out = append(out, tr)
		}
	}
	return out, nil
}

// AddCoach implements bot.Coaches.
func (s *Store) AddCoach(_ context.Context, c bot.Coach) (bot.Coach, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.coaches {
		if o.Channel == c.Channel && o.UserID == c.UserID {
			return bot.Coach{}, fmt.Errorf("add coach %s:%s: already registered as coach %d: %w", c.Channel, c.UserID, o.ID, bot.ErrConflict)
		}
	}
	c.ID = s.next("coach")
	if c.ChatID == "" {
		c.ChatID = c.UserID
	}
	c.Regions = slices.Clone(c.Regions)
	s.coaches = append(s.coaches, c)
	return c, nil
}

func (s *Store) coach(id int64) (bot.Coach, bool) {
	for _, c := range s.coaches {
		if c.ID == id {
			c.Regions = slices.Clone(c.Regions)
			return c, true
		}
	}
	return bot.Coach{}, false
}

// Coach implements bot.Coaches.
func (s *Store) Coach(_ context.Context, id int64) (bot.Coach, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.coach(id)
	if !ok {
		return bot.Coach{}, fmt.Errorf("coach %d: %w", id, bot.ErrNotFound)
	}
	return c, nil
}

// CoachByUser implements bot.Coaches.
func (s *Store) CoachByUser(_ context.Context, user bot.UserKey) (bot.Coach, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.coaches {
		if c.Channel == user.Channel && c.UserID == user.UserID && c.Active {
			c.Regions = slices.Clone(c.Regions)
			return c, true, nil
		}
	}
	return bot.Coach{}, false, nil
}

// ListCoaches implements bot.Coaches.
func (s *Store) ListCoaches(_ context.Context) ([]bot.Coach, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]bot.Coach, len(s.coaches))
	for i, c := range s.coaches {
		c.Regions = slices.Clone(c.Regions)
		out[i] = c
	}
	return out, nil
}

// SetCoachActive implements bot.Coaches.
func (s *Store) SetCoachActive(_ context.Context, id int64, active bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range s.coaches {
		if s.coaches[i].ID == id {
			s.coaches[i].Active = active
			return nil
		}
	}
	return fmt.Errorf("coach %d: %w", id, bot.ErrNotFound)
}

// AddSlots implements bot.Slots: all or nothing, refusing overlaps with any slot of the coach.
func (s *Store) AddSlots(_ context.Context, slots []bot.Slot) ([]bot.Slot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, n := range slots {
		if !n.End.After(n.Start) {
			return nil, fmt.Errorf("add slot at %s: end before start", n.Start.Format(time.RFC3339))
		}
		if _, ok := s.coach(n.CoachID); !ok {
			return nil, fmt.Errorf("add slot: coach %d: %w", n.CoachID, bot.ErrNotFound)
		}
		overlaps := func(o bot.Slot) bool {
			return o.CoachID == n.CoachID && o.Start.Before(n.End) && n.Start.Before(o.End)
		}
		for _, o := range s.slots {
			if overlaps(o) {
				return nil, fmt.Errorf("add slot at %s: overlaps slot %d of the coach: %w", n.Start.Format(time.RFC3339), o.ID, bot.ErrConflict)
			}
		}
		for _, o := range slots[:i] {
			if overlaps(o) {
				return nil, fmt.Errorf("add slot at %s: overlaps another new slot: %w", n.Start.Format(time.RFC3339), bot.ErrConflict)
			}
		}
	}
	out := make([]bot.Slot, len(slots))
	for i, n := range slots {
		n.ID = s.next("slot")
		n.Booked = false
		s.slots = append(s.slots, n)
		out[i] = s.decorate(n)
	}
	return out, nil
}

func (s *Store) decorate(sl bot.Slot) bot.Slot {
	sl.Booked = s.bookedSlot(sl.ID)
	if c, ok := s.coach(sl.CoachID); ok {
		sl.CoachName = c.Name
	}
	return sl
}

func (s *Store) bookedSlot(id int64) bool {
	for _, b := range s.bookings {
		if b.SlotID == id && b.Status == bot.BookingConfirmed {
			return true
		}
	}
	return false
}

// FreeSlots implements bot.Slots.
func (s *Store) FreeSlots(_ context.Context, region string, from time.Time, limit int) ([]bot.Slot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Slot
	for _, sl := range s.slots {
		c, ok := s.coach(sl.CoachID)
		if !ok || !c.Active || !sl.Start.After(from) || s.bookedSlot(sl.ID) {
			continue
		}
		if sl.Mode != bot.ModeVisio && !slices.Contains(c.Regions, region) {
			continue
		}
		out = append(out, s.decorate(sl))
	}
	sortSlots(out)
	if len(out) > limit {
		out = out[:limit]
	}
	return out, nil
}

func sortSlots(ss []bot.Slot) {
	sort.Slice(ss, func(i, j int) bool {
		if !ss[i].Start.Equal(ss[j].Start) {
			return ss[i].Start.Before(ss[j].Start)
		}
		return ss[i].ID < ss[j].ID
	})
}

// CoachSlots implements bot.Slots.
func (s *Store) CoachSlots(_ context.Context, coachID int64, from time.Time) ([]bot.Slot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Slot
	for _, sl := range s.slots {
		if sl.CoachID == coachID && sl.Start.After(from) {
			out = append(out, s.decorate(sl))
		}
	}
	sortSlots(out)
	return out, nil
}

// Slot implements bot.Slots.
func (s *Store) Slot(_ context.Context, id int64) (bot.Slot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sl := range s.slots {
		if sl.ID == id {
			return s.decorate(sl), nil
		}
	}
	return bot.Slot{}, fmt.Errorf("slot %d: %w", id, bot.ErrNotFound)
}

// Book implements bot.Slots.
func (s *Store) Book(_ context.Context, b bot.Booking) (bot.Booking, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var slot bot.Slot
	found := false
	for _, sl := range s.slots {
		if sl.ID == b.SlotID {
			slot, found = sl, true
		}
	}
	if !found {
		return bot.Booking{}, fmt.Errorf("book slot %d: %w", b.SlotID, bot.ErrNotFound)
	}
	if s.bookedSlot(slot.ID) {
		return bot.Booking{}, fmt.Errorf("book slot %d: already booked: %w", slot.ID, bot.ErrConflict)
	}
	for _, o := range s.bookings {
		if o.Ref == b.Ref {
			return bot.Booking{}, fmt.Errorf("book slot %d: reference %s used: %w", slot.ID, b.Ref, bot.ErrConflict)
		}
	}
	b.ID = s.next("booking")
	b.CoachID = slot.CoachID
	b.Status = bot.BookingConfirmed
	s.bookings = append(s.bookings, b)
	return s.decorateBooking(b), nil
}

func (s *Store) decorateBooking(b bot.Booking) bot.Booking {
	for _, sl := range s.slots {
		if sl.ID == b.SlotID {
			b.Slot = s.decorate(sl)
		}
	}
	b.Coach, _ = s.coach(b.CoachID)
	return b
}

// Booking implements bot.Slots.
func (s *Store) Booking(_ context.Context, id int64) (bot.Booking, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, b := range s.bookings {
		if b.ID == id {
			return s.decorateBooking(b), nil
		}
	}
	return bot.Booking{}, fmt.Errorf("booking %d: %w", id, bot.ErrNotFound)
}

// UserBookings implements bot.Slots.
func (s *Store) UserBookings(_ context.Context, user bot.UserKey, from time.Time) ([]bot.Booking, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Booking
	for _, b := range s.bookings {
		if b.Owner.Channel == user.Channel && b.UserID == user.UserID && b.Status == bot.BookingConfirmed {
			d := s.decorateBooking(b)
			if d.Slot.Start.After(from) {
				out = append(out, d)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Slot.Start.Before(out[j].Slot.Start) })
	return out, nil
}

// CancelBooking implements bot.Slots.
func (s *Store) CancelBooking(_ context.Context, id int64) (bot.Booking, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, b := range s.bookings {
		if b.ID == id {
			if b.Status != bot.BookingConfirmed {
				return bot.Booking{}, fmt.Errorf("cancel booking %d: already cancelled: %w", id, bot.ErrConflict)
			}
			s.bookings[i].Status = bot.BookingCancelled
			return s.decorateBooking(s.bookings[i]), nil
		}
	}
	return bot.Booking{}, fmt.Errorf("cancel booking %d: %w", id, bot.ErrNotFound)
}

// ForgetUserBookings implements bot.Slots.
func (s *Store) ForgetUserBookings(_ context.Context, user bot.UserKey, now time.Time) ([]bot.Booking, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var cancelled []bot.Booking
	for i, b := range s.bookings {
		if b.Owner.Channel != user.Channel || b.UserID != user.UserID {
			continue
		}
		d := s.decorateBooking(b)
		if b.Status == bot.BookingConfirmed && d.Slot.Start.After(now) {
			s.bookings[i].Status = bot.BookingCancelled
			d.Status = bot.BookingCancelled
			cancelled = append(cancelled, d)
		}
		s.bookings[i].Owner.ChatID = ""
		s.bookings[i].UserID = ""
		s.bookings[i].Activity = ""
		s.bookings[i].PostalCode = ""
	}
	return cancelled, nil
}

// AddWorkshop implements bot.Workshops.
func (s *Store) AddWorkshop(_ context.Context, w bot.Workshop) (bot.Workshop, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if w.Capacity <= 0 {
		return bot.Workshop{}, fmt.Errorf("add workshop %q: capacity must be positive", w.Title)
	}
	w.ID = s.next("workshop")
	w.Taken = 0
	s.workshops = append(s.workshops, w)
	return w, nil
}

func (s *Store) workshop(id int64) (bot.Workshop, bool) {
	for _, w := range s.workshops {
		if w.ID == id {
			w.Taken = s.taken(id)
			return w, true
		}
	}
	return bot.Workshop{}, false
}

func (s *Store) taken(id int64) int {
	n := 0
	for _, r := range s.registrations {
		if r.WorkshopID == id && r.Status == bot.BookingConfirmed {
			n++
		}
	}
	return n
}

// Workshop implements bot.Workshops.
func (s *Store) Workshop(_ context.Context, id int64) (bot.Workshop, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.workshop(id)
	if !ok {
		return bot.Workshop{}, fmt.Errorf("workshop %d: %w", id, bot.ErrNotFound)
	}
	return w, nil
}

// UpcomingWorkshops implements bot.Workshops.
func (s *Store) UpcomingWorkshops(_ context.Context, from time.Time) ([]bot.Workshop, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Workshop
	for _, w := range s.workshops {
		if w.Start.After(from) {
			w.Taken = s.taken(w.ID)
			out = append(out, w)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if !out[i].Start.Equal(out[j].Start) {
			return out[i].Start.Before(out[j].Start)
		}
		return out[i].ID < out[j].ID
	})
	return out, nil
}

// Register implements bot.Workshops.
func (s *Store) Register(_ context.Context, r bot.Registration) (bot.Registration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.workshop(r.WorkshopID)
	if !ok {
		return bot.Registration{}, fmt.Errorf("register to workshop %d: %w", r.WorkshopID, bot.ErrNotFound)
	}
	for _, o := range s.registrations {
		if o.WorkshopID == r.WorkshopID && o.Owner.Channel == r.Owner.Channel && o.UserID == r.UserID && o.Status == bot.BookingConfirmed {
			return bot.Registration{}, fmt.Errorf("register to workshop %d: already registered: %w", r.WorkshopID, bot.ErrConflict)
		}
	}
	if w.Taken >= w.Capacity {
		return bot.Registration{}, fmt.Errorf("register to workshop %d: full: %w", r.WorkshopID, bot.ErrConflict)
	}
	r.ID = s.next("registration")
	r.Status = bot.BookingConfirmed
	s.registrations = append(s.registrations, r)
	w.Taken++
	r.Workshop = w
	return r, nil
}

// DueBookingReminders implements bot.Slots.
func (s *Store) DueBookingReminders(_ context.Context, now time.Time, lead time.Duration) ([]bot.Booking, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Booking
	for _, b := range s.bookings {
		key := fmt.Sprintf("b%d", b.ID)
		if b.Status != bot.BookingConfirmed || s.reminded[key] {
			continue
		}
		d := s.decorateBooking(b)
		if !d.Slot.Start.After(now) || d.Slot.Start.After(now.Add(lead)) || b.CreatedAt.After(d.Slot.Start.Add(-lead)) {
			continue
		}
		s.reminded[key] = true
		out = append(out, d)
	}
	return out, nil
}

// DueWorkshopReminders implements bot.Workshops.
func (s *Store) DueWorkshopReminders(_ context.Context, now time.Time, lead time.Duration) ([]bot.Registration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Registration
	for _, r := range s.registrations {
		key := fmt.Sprintf("r%d", r.ID)
		if r.Status != bot.BookingConfirmed || s.reminded[key] {
			continue
		}
		w, _ := s.workshop(r.WorkshopID)
		if !w.Start.After(now) || w.Start.After(now.Add(lead)) || r.CreatedAt.After(w.Start.Add(-lead)) {
			continue
		}
		s.reminded[key] = true
		r.Workshop = w
		out = append(out, r)
	}
	return out, nil
}

// UserRegistrations implements bot.Workshops.
func (s *Store) UserRegistrations(_ context.Context, user bot.UserKey, from time.Time) ([]bot.Registration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Registration
	for _, r := range s.registrations {
		if r.Owner.Channel == user.Channel && r.UserID == user.UserID && r.Status == bot.BookingConfirmed {
			w, _ := s.workshop(r.WorkshopID)
			if w.Start.After(from) {
				r.Workshop = w
				out = append(out, r)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Workshop.Start.Before(out[j].Workshop.Start) })
	return out, nil
}

// CancelRegistration implements bot.Workshops.
func (s *Store) CancelRegistration(_ context.Context, id int64) (bot.Registration, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, r := range s.registrations {
		if r.ID == id {
			if r.Status != bot.BookingConfirmed {
				return bot.Registration{}, fmt.Errorf("cancel registration %d: already cancelled: %w", id, bot.ErrConflict)
			}
			s.registrations[i].Status = bot.BookingCancelled
			r = s.registrations[i]
			r.Workshop, _ = s.workshop(r.WorkshopID)
			return r, nil
		}
	}
	return bot.Registration{}, fmt.Errorf("cancel registration %d: %w", id, bot.ErrNotFound)
}

// ForgetUserRegistrations implements bot.Workshops.
func (s *Store) ForgetUserRegistrations(_ context.Context, user bot.UserKey) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	kept := s.registrations[:0]
	for _, r := range s.registrations {
		if r.Owner.Channel == user.Channel && r.UserID == user.UserID {
			n++
			continue
		}
		kept = append(kept, r)
	}
	s.registrations = kept
	return n, nil
}

// OpenCase implements bot.Cases.
func (s *Store) OpenCase(_ context.Context, c bot.Case) (bot.Case, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c.ID = s.next("case")
	c.Status = bot.CaseOpen
	c.Questions = slices.Clone(c.Questions)
	c.Guides = slices.Clone(c.Guides)
	s.cases = append(s.cases, c)
	return c, nil
}

// UpdateCase implements bot.Cases (the case's details; status changes go through Claim and Close).
func (s *Store) UpdateCase(_ context.Context, c bot.Case) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, o := range s.cases {
		if o.ID == c.ID {
			c.Status, c.CoachID, c.CloseNote, c.CreatedAt = o.Status, o.CoachID, o.CloseNote, o.CreatedAt
			c.Questions = slices.Clone(c.Questions)
			c.Guides = slices.Clone(c.Guides)
			s.cases[i] = c
			return nil
		}
	}
	return fmt.Errorf("update case %d: %w", c.ID, bot.ErrNotFound)
}

func cloneCase(c bot.Case) bot.Case {
	c.Questions = slices.Clone(c.Questions)
	c.Guides = slices.Clone(c.Guides)
	return c
}

// Case implements bot.Cases.
func (s *Store) Case(_ context.Context, id int64) (bot.Case, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, c := range s.cases {
		if c.ID == id {
			return cloneCase(c), nil
		}
	}
	return bot.Case{}, fmt.Errorf("case %d: %w", id, bot.ErrNotFound)
}

// ListCases implements bot.Cases.
func (s *Store) ListCases(_ context.Context, statuses ...string) ([]bot.Case, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []bot.Case
	for i := len(s.cases) - 1; i >= 0; i-- {
		c := s.cases[i]
		if len(statuses) == 0 || slices.Contains(statuses, c.Status) {
			out = append(out, cloneCase(c))
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].CreatedAt.After(out[j].CreatedAt) })
	return out, nil
}

// ClaimCase implements bot.Cases.
func (s *Store) ClaimCase(_ context.Context, id, coachID int64) (bot.Case, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.cases {
		if c.ID != id {
			continue
		}
		if c.Status != bot.CaseOpen {
			return cloneCase(c), fmt.Errorf("claim case %d: %s: %w", id, c.Status, bot.ErrConflict)
		}
		s.cases[i].Status = bot.CaseClaimed
		s.cases[i].CoachID = coachID
		return cloneCase(s.cases[i]), nil
	}
	return bot.Case{}, fmt.Errorf("claim case %d: %w", id, bot.ErrNotFound)
}

// CloseCase implements bot.Cases.
func (s *Store) CloseCase(_ context.Context, id, coachID int64, note string) (bot.Case, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, c := range s.cases {
		if c.ID != id {
			continue
		}
		if c.Status == bot.CaseClosed {
			return cloneCase(c), fmt.Errorf("close case %d: already closed: %w", id, bot.ErrConflict)
		}
		s.cases[i].Status = bot.CaseClosed
		if s.cases[i].CoachID == 0 {
			s.cases[i].CoachID = coachID
		}
		s.cases[i].CloseNote = note
		return cloneCase(s.cases[i]), nil
	}
	return bot.Case{}, fmt.Errorf("close case %d: %w", id, bot.ErrNotFound)
}

// ForgetUserCases implements bot.Cases.
func (s *Store) ForgetUserCases(_ context.Context, user bot.UserKey) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for i, c := range s.cases {
		if c.Owner.Channel == user.Channel && c.UserID == user.UserID {
			s.cases[i].Owner.ChatID = ""
			s.cases[i].UserID = ""
			s.cases[i].OwnerName = ""
			s.cases[i].Activity = ""
			s.cases[i].PostalCode = ""
			s.cases[i].Questions = nil
			n++
		}
	}
	return n, nil
}

type inboxEntry struct {
	u          bot.Update
	seq        int64
	handled    bool
	leaseUntil time.Time
}

// Enqueue implements bot.Inbox.
func (s *Store) Enqueue(_ context.Context, u bot.Update) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.inbox {
		if e.u.Channel == u.Channel && e.u.ID == u.ID {
			return false, nil
		}
	}
	u.Payload = slices.Clone(u.Payload)
	s.inbox = append(s.inbox, &inboxEntry{u: u, seq: s.next("inbox")})
	return true, nil
}

// Claim implements bot.Inbox.
func (s *Store) Claim(_ context.Context, channel, _ string, n int, lease time.Duration) ([]bot.Update, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := time.Now()
	seen := map[string]bool{}
	var out []bot.Update
	for _, e := range s.inbox { // in order of arrival
		if e.u.Channel != channel || e.handled || seen[e.u.ChatID] {
			continue
		}
		seen[e.u.ChatID] = true // only the oldest pending update of a chat
		if e.leaseUntil.After(now) || len(out) >= n {
			continue
		}
		e.leaseUntil = now.Add(lease)
		u := e.u
		u.Payload = slices.Clone(u.Payload)
		out = append(out, u)
	}
	return out, nil
}

// MarkHandled implements bot.Inbox.
func (s *Store) MarkHandled(_ context.Context, channel, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range s.inbox {
		if e.u.Channel == channel && e.u.ID == id {
			e.handled = true
			return nil
		}
	}
	return fmt.Errorf("mark update %s:%s: %w", channel, id, bot.ErrNotFound)
}

// PendingUpdates implements bot.Inbox.
func (s *Store) PendingUpdates(_ context.Context, channel string) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, e := range s.inbox {
		if e.u.Channel == channel && !e.handled {
			n++
		}
	}
	return n, nil
}

// PurgeHandled implements bot.Inbox.
func (s *Store) PurgeHandled(_ context.Context, before time.Time) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	kept := s.inbox[:0]
	n := 0
	for _, e := range s.inbox {
		if e.handled && e.u.ReceivedAt.Before(before) {
			n++
			continue
		}
		kept = append(kept, e)
	}
	s.inbox = kept
	return n, nil
}
