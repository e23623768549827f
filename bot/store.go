package bot

import (
	"context"
	"errors"
	"time"
)

// Errors stores return (wrapped) so that the core can tell the owner what happened.
var (
	// ErrNotFound: no such record.
	ErrNotFound = errors.New("not found")
	// ErrConflict: the database refused a change because of another one: a slot already
	// booked, a workshop full, a case already claimed, two slots of a coach overlapping.
	ErrConflict = errors.New("conflict")
)

// Conversations keeps conversations, their state and their history.
type Conversations interface {
	// Lock serialises work on one conversation; the returned function releases the lock.
	Lock(ctx context.Context, key ConvKey) (unlock func(), err error)
	// Conversation returns the stored conversation, or a new one (found false).
	Conversation(ctx context.Context, key ConvKey) (c Conversation, found bool, err error)
	SaveConversation(ctx context.Context, c Conversation) error
	AppendTurns(ctx context.Context, turns ...Turn) error
	// RecentTurns returns up to n last turns of a conversation, oldest first.
	RecentTurns(ctx context.Context, key ConvKey, n int) ([]Turn, error)
	// UserTurns returns every turn of a user, oldest first (data export).
	UserTurns(ctx context.Context, user UserKey) ([]Turn, error)
	// ForgetUser deletes the conversations and turns of a user; it returns the turns deleted.
	ForgetUser(ctx context.Context, user UserKey) (int, error)
	// PurgeBefore deletes conversations (and their turns) untouched since t.
	PurgeBefore(ctx context.Context, t time.Time) (int, error)
	// TurnsSince returns the turns of every conversation since t (reports).
	TurnsSince(ctx context.Context, t time.Time) ([]Turn, error)
}

// Coaches keeps the registered coaches.
type Coaches interface {
	AddCoach(ctx context.Context, c Coach) (Coach, error)
	Coach(ctx context.Context, id int64) (Coach, error)
	// CoachByUser finds an active coach by platform identity.
	CoachByUser(ctx context.Context, user UserKey) (Coach, bool, error)
	ListCoaches(ctx context.Context) ([]Coach, error)
	SetCoachActive(ctx context.Context, id int64, active bool) error
}

// Slots keeps availability and bookings. A slot is booked at most once and two slots of one
// coach never overlap: the store enforces both and returns ErrConflict.
type Slots interface {
	AddSlots(ctx context.Context, slots []Slot) ([]Slot, error)
	// FreeSlots returns up to limit free slots starting after from, earliest first, of active
	// coaches: visio slots of anyone, other modes of coaches serving region.
	FreeSlots(ctx context.Context, region string, from time.Time, limit int) ([]Slot, error)
	// CoachSlots returns a coach's slots starting after from, earliest first.
	CoachSlots(ctx context.Context, coachID int64, from time.Time) ([]Slot, error)
	Slot(ctx context.Context, id int64) (Slot, error)
	// Book takes a free slot; ErrConflict when it is already booked.
	Book(ctx context.Context, b Booking) (Booking, error)
	Booking(ctx context.Context, id int64) (Booking, error)
	// UserBookings returns a user's confirmed bookings whose slot starts after from.
	UserBookings(ctx context.Context, user UserKey, from time.Time) ([]Booking, error)
	// CancelBooking cancels a confirmed booking and frees its slot.
	CancelBooking(ctx context.Context, id int64) (Booking, error)
	// ForgetUserBookings cancels a user's future bookings (returned) and erases the personal
	// fields of all their bookings.
	ForgetUserBookings(ctx context.Context, user UserKey, now time.Time) ([]Booking, error)
	// DueBookingReminders marks as reminded at now, and returns, the confirmed bookings not
	// reminded yet whose slot starts within the next lead, made at least lead before it
	// (a booking made later has its confirmation fresh in mind). A booking is returned once,
	// whoever asks: replicas send each reminder once.
	DueBookingReminders(ctx context.Context, now time.Time, lead time.Duration) ([]Booking, error)
}

// Workshops keeps collective workshops and registrations; capacity is enforced by the store
// (ErrConflict when full or already registered).
type Workshops interface {
	AddWorkshop(ctx context.Context, w Workshop) (Workshop, error)
	Workshop(ctx context.Context, id int64) (Workshop, error)
	// UpcomingWorkshops returns workshops starting after from, earliest first.
	UpcomingWorkshops(ctx context.Context, from time.Time) ([]Workshop, error)
	Register(ctx context.Context, r Registration) (Registration, error)
	UserRegistrations(ctx context.Context, user UserKey, from time.Time) ([]Registration, error)
	CancelRegistration(ctx context.Context, id int64) (Registration, error)
	// ForgetUserRegistrations deletes a user's registrations, freeing future seats.
	ForgetUserRegistrations(ctx context.Context, user UserKey) (int, error)
	// DueWorkshopReminders is DueBookingReminders for workshop registrations.
	DueWorkshopReminders(ctx context.Context, now time.Time, lead time.Duration) ([]Registration, error)
}

// Cases keeps escalated cases. A case is claimed by one coach at a time (ErrConflict).
type Cases interface {
	OpenCase(ctx context.Context, c Case) (Case, error)
	UpdateCase(ctx context.Context, c Case) error
	Case(ctx context.Context, id int64) (Case, error)
	// ListCases returns cases with one of the statuses (all when none), newest first.
	ListCases(ctx context.Context, statuses ...string) ([]Case, error)
	ClaimCase(ctx context.Context, id, coachID int64) (Case, error)
	CloseCase(ctx context.Context, id, coachID int64, note string) (Case, error)
	// ForgetUserCases erases the personal fields of a user's cases.
	ForgetUserCases(ctx context.Context, user UserKey) (int, error)
}

// Store is everything the core and its adapters keep.
type Store interface {
	Conversations
	Coaches
	Slots
	Workshops
	Cases
	Inbox
}

// Notification is a reply sent to someone else than the sender of a message: a coach told
// of a case, an owner receiving a coach's answer.
type Notification struct {
	To    ConvKey
	Reply Reply
}

// Notifier delivers notifications on their channel.
type Notifier interface {
	Notify(ctx context.Context, n Notification) error
}
