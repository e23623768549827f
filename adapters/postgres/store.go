package postgres

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/coachbot/coachbot/bot"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Store keeps every store of the core in PostgreSQL. The rules the core relies on (a slot
// booked once, no overlapping slots of a coach, workshop capacity, one coach per case) are
// enforced by the database, so that they hold between replicas; the store only turns the
// database's refusals into bot.ErrConflict.
type Store struct {
	db *DB
	// local serialises one process's goroutines on a conversation before they take a lock
	// connection: only one of them waits in PostgreSQL.
	local keyedMutex
}

var _ bot.Store = (*Store)(nil)

// NewStore returns the store kept in db.
func NewStore(db *DB) *Store { return &Store{db: db} }

// SQLSTATE codes the store turns into bot errors.
const (
	uniqueViolation     = "23505"
	foreignKeyViolation = "23503"
	checkViolation      = "23514"
	exclusionViolation  = "23P01"
)

// pgError returns the PostgreSQL error in err's chain, or nil.
func pgError(err error) *pgconn.PgError {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe
	}
	return nil
}

func hasCode(err error, code string) bool {
	pe := pgError(err)
	return pe != nil && pe.Code == code
}

// scanner is a row: pgx.Row or pgx.CollectableRow.
type scanner interface {
	Scan(dest ...any) error
}

// collect reads every row of a query with scan.
func collect[T any](rows pgx.Rows, err error, scan func(scanner) (T, error)) ([]T, error) {
	if err != nil {
		return nil, err
	}
	return pgx.CollectRows(rows, func(row pgx.CollectableRow) (T, error) { return scan(row) })
}

// conversationLockKey is the advisory lock key of conversation ($1 channel, $2 chat id): the
// chat id hashed with the channel's hash as seed, so that no separator is needed (text cannot
// hold the NUL byte that would make "channel\x00chat" unambiguous).
const conversationLockKey = "hashtextextended($2, hashtextextended($1, 0))"

// lockUnlockTimeout bounds the release of a conversation lock; on failure the connection is
// closed, which releases the lock too.
const lockUnlockTimeout = 5 * time.Second

// Lock implements bot.Conversations with a session advisory lock held on a connection of its
// own, so that replicas sharing the database serialise work on one conversation. Waiting
// stops when ctx is done. A held lock occupies a connection of the pool until it is released,
// so the pool must be larger than the number of conversations a process handles at once.
func (s *Store) Lock(ctx context.Context, key bot.ConvKey) (func(), error) {
	release, err := s.local.lock(ctx, key)
	if err != nil {
		return nil, fmt.Errorf("lock conversation %s:%s: %w", key.Channel, key.ChatID, err)
	}
	conn, err := s.db.Locks.Acquire(ctx)
	if err != nil {
		release()
		return nil, fmt.Errorf("lock conversation %s:%s: %w", key.Channel, key.ChatID, err)
	}
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock("+conversationLockKey+")", key.Channel, key.ChatID); err != nil {
		// The wait was interrupted (pgx breaks the connection when ctx is done) or failed:
		// close the session rather than return to the pool a connection that might hold the lock.
		_ = conn.Conn().Close(context.Background())
		conn.Release()
		release()
		return nil, fmt.Errorf("lock conversation %s:%s: %w", key.Channel, key.ChatID, err)
	}
	var once sync.Once
	return func() {
		once.Do(func() {
			ctx, cancel := context.WithTimeout(context.Background(), lockUnlockTimeout)
			defer cancel()
			var unlocked bool
			err := conn.QueryRow(ctx, "SELECT pg_advisory_unlock("+conversationLockKey+")", key.Channel, key.ChatID).Scan(&unlocked)
			if err != nil || !unlocked {
				// Ending the session is the sure way to release its locks.
				_ = conn.Conn().Close(context.Background())
			}
			conn.Release()
			release()
		})
	}, nil
}

// keyedMutex is a mutex per conversation, forgotten when nobody holds or waits for it.
type keyedMutex struct {
	mu    sync.Mutex
	locks map[bot.ConvKey]*keyedEntry
}

type keyedEntry struct {
	ch   chan struct{}
	refs int
}

func (k *keyedMutex) lock(ctx context.Context, key bot.ConvKey) (func(), error) {
	k.mu.Lock()
	if k.locks == nil {
		k.locks = map[bot.ConvKey]*keyedEntry{}
	}
	e := k.locks[key]
	if e == nil {
		e = &keyedEntry{ch: make(chan struct{}, 1)}
		k.locks[key] = e
	}
	e.refs++
	k.mu.Unlock()
	done := func() {
		k.mu.Lock()
		if e.refs--; e.refs == 0 {
			delete(k.locks, key)
		}
		k.mu.Unlock()
	}
	select {
	case e.ch <- struct{}{}:
		return func() { <-e.ch; done() }, nil
	case <-ctx.Done():
		done()
		return nil, ctx.Err()
	}
}

// Conversation implements bot.Conversations.
func (s *Store) Conversation(ctx context.Context, key bot.ConvKey) (bot.Conversation, bool, error) {
	c := bot.Conversation{Key: key}
	err := s.db.Pool.QueryRow(ctx, `SELECT user_id, state, updated_at FROM conversations
		WHERE channel = $1 AND chat_id = $2`, key.Channel, key.ChatID).Scan(&c.UserID, &c.State, &c.UpdatedAt)
	if isNoRows(err) {
		return bot.Conversation{Key: key}, false, nil
	}
	if err != nil {
		return bot.Conversation{}, false, fmt.Errorf("read conversation %s:%s: %w", key.Channel, key.ChatID, err)
	}
	return c, true, nil
}

// SaveConversation implements bot.Conversations.
func (s *Store) SaveConversation(ctx context.Context, c bot.Conversation) error {
	_, err := s.db.Pool.Exec(ctx, `INSERT INTO conversations (channel, chat_id, user_id, state, updated_at)
		VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT (channel, chat_id) DO UPDATE
		SET user_id = excluded.user_id, state = excluded.state, updated_at = excluded.updated_at`,
		c.Key.Channel, c.Key.ChatID, c.UserID, c.State, c.UpdatedAt)
	if err != nil {
		return fmt.Errorf("save conversation %s:%s: %w", c.Key.Channel, c.Key.ChatID, err)
	}
	return nil
}

// AppendTurns implements bot.Conversations.
func (s *Store) AppendTurns(ctx context.Context, turns ...bot.Turn) error {
	if len(turns) == 0 {
		return nil
	}
	var batch pgx.Batch
	for _, t := range turns {
		batch.Queue(`INSERT INTO turns (channel, chat_id, user_id, at, role, text, outcome, topic, guides, confidence, reason, tokens)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			t.Key.Channel, t.Key.ChatID, t.UserID, t.At, t.Role, t.Text, string(t.Outcome), t.Topic, nonNil(t.Guides), t.Confidence, t.Reason, t.Tokens)
	}
	// A batch outside a transaction runs in an implicit one: all turns or none.
	if err := s.db.Pool.SendBatch(ctx, &batch).Close(); err != nil {
		return fmt.Errorf("append %d turns: %w", len(turns), err)
	}
	return nil
}

const turnColumns = `t.id, t.channel, t.chat_id, t.user_id, t.at, t.role, t.text, t.outcome, t.topic, t.guides, t.confidence, t.reason, t.tokens`

func scanTurn(row scanner) (bot.Turn, error) {
	var t bot.Turn
	var outcome string
	err := row.Scan(&t.ID, &t.Key.Channel, &t.Key.ChatID, &t.UserID, &t.At, &t.Role, &t.Text, &outcome, &t.Topic, &t.Guides, &t.Confidence, &t.Reason, &t.Tokens)
	t.Outcome = bot.Outcome(outcome)
	return t, err
}

// RecentTurns implements bot.Conversations.
func (s *Store) RecentTurns(ctx context.Context, key bot.ConvKey, n int) ([]bot.Turn, error) {
	if n <= 0 {
		return nil, nil
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT * FROM (
			SELECT `+turnColumns+` FROM turns t WHERE t.channel = $1 AND t.chat_id = $2 ORDER BY t.id DESC LIMIT $3
		) t ORDER BY t.id`, key.Channel, key.ChatID, n)
	turns, err := collect(rows, err, scanTurn)
	if err != nil {
		return nil, fmt.Errorf("read recent turns of %s:%s: %w", key.Channel, key.ChatID, err)
	}
	return turns, nil
}

// userConversations selects the conversations of user ($1 channel, $2 user id): those saved
// with the user, and those where the user said something.
const userConversations = `SELECT channel, chat_id FROM conversations WHERE channel = $1 AND user_id = $2
	UNION
	SELECT channel, chat_id FROM turns WHERE channel = $1 AND user_id = $2`

// UserTurns implements bot.Conversations: every turn of the user's conversations, the bot's
// included.
func (s *Store) UserTurns(ctx context.Context, user bot.UserKey) ([]bot.Turn, error) {
	rows, err := s.db.Pool.Query(ctx, `WITH mine AS (`+userConversations+`)
		SELECT `+turnColumns+` FROM turns t JOIN mine USING (channel, chat_id) ORDER BY t.id`,
		user.Channel, user.UserID)
	turns, err := collect(rows, err, scanTurn)
	if err != nil {
		return nil, fmt.Errorf("read turns of user %s:%s: %w", user.Channel, user.UserID, err)
	}
	return turns, nil
}

// ForgetUser implements bot.Conversations.
func (s *Store) ForgetUser(ctx context.Context, user bot.UserKey) (int, error) {
	var n int
	err := s.db.Pool.QueryRow(ctx, `WITH mine AS (`+userConversations+`),
		gone_turns AS (
			DELETE FROM turns t USING mine m WHERE t.channel = m.channel AND t.chat_id = m.chat_id RETURNING t.id
		),
		gone_conversations AS (
			DELETE FROM conversations c USING mine m WHERE c.channel = m.channel AND c.chat_id = m.chat_id
		)
		SELECT count(*) FROM gone_turns`, user.Channel, user.UserID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("forget conversations of user %s:%s: %w", user.Channel, user.UserID, err)
	}
	return n, nil
}

// PurgeBefore implements bot.Conversations. Turns whose conversation was never saved go when
// their last turn is older than t.
func (s *Store) PurgeBefore(ctx context.Context, t time.Time) (int, error) {
	var n int
	err := s.db.Pool.QueryRow(ctx, `WITH old AS (
			SELECT channel, chat_id FROM conversations WHERE updated_at < $1
			UNION
			SELECT t.channel, t.chat_id FROM turns t
			WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.channel = t.channel AND c.chat_id = t.chat_id)
			GROUP BY t.channel, t.chat_id HAVING max(t.at) < $1
		),
		gone_turns AS (
			DELETE FROM turns t USING old o WHERE t.channel = o.channel AND t.chat_id = o.chat_id
		),
		gone_conversations AS (
			DELETE FROM conversations c USING old o WHERE c.channel = o.channel AND c.chat_id = o.chat_id
		)
		SELECT count(*) FROM old`, t).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("purge conversations before %s: %w", t.Format(time.RFC3339), err)
	}
	return n, nil
}

// TurnsSince implements bot.Conversations.
func (s *Store) TurnsSince(ctx context.Context, t time.Time) ([]bot.Turn, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+turnColumns+` FROM turns t WHERE t.at >= $1 ORDER BY t.id`, t)
	turns, err := collect(rows, err, scanTurn)
	if err != nil {
		return nil, fmt.Errorf("read turns since %s: %w", t.Format(time.RFC3339), err)
	}
	return turns, nil
}

const coachColumns = `c.id, c.name, c.channel, c.user_id, c.chat_id, c.regions, c.address, c.active, c.demo`

func scanCoach(row scanner) (bot.Coach, error) {
	var c bot.Coach
	err := row.Scan(&c.ID, &c.Name, &c.Channel, &c.UserID, &c.ChatID, &c.Regions, &c.Address, &c.Active, &c.Demo)
	return c, err
}

// AddCoach implements bot.Coaches. A platform identity is registered once (ErrConflict).
func (s *Store) AddCoach(ctx context.Context, c bot.Coach) (bot.Coach, error) {
	if c.ChatID == "" {
		c.ChatID = c.UserID
	}
	err := s.db.Pool.QueryRow(ctx, `INSERT INTO coaches (name, channel, user_id, chat_id, regions, address, active, demo)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		c.Name, c.Channel, c.UserID, c.ChatID, nonNil(c.Regions), c.Address, c.Active, c.Demo).Scan(&c.ID)
	if hasCode(err, uniqueViolation) {
		return bot.Coach{}, fmt.Errorf("add coach %s:%s: already registered: %w", c.Channel, c.UserID, bot.ErrConflict)
	}
	if err != nil {
		return bot.Coach{}, fmt.Errorf("add coach %s:%s: %w", c.Channel, c.UserID, err)
	}
	return c, nil
}

// Coach implements bot.Coaches.
func (s *Store) Coach(ctx context.Context, id int64) (bot.Coach, error) {
	c, err := scanCoach(s.db.Pool.QueryRow(ctx, `SELECT `+coachColumns+` FROM coaches c WHERE c.id = $1`, id))
	if isNoRows(err) {
		return bot.Coach{}, fmt.Errorf("coach %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Coach{}, fmt.Errorf("read coach %d: %w", id, err)
	}
	return c, nil
}

// CoachByUser implements bot.Coaches.
func (s *Store) CoachByUser(ctx context.Context, user bot.UserKey) (bot.Coach, bool, error) {
	c, err := scanCoach(s.db.Pool.QueryRow(ctx, `SELECT `+coachColumns+` FROM coaches c
		WHERE c.channel = $1 AND c.user_id = $2 AND c.active`, user.Channel, user.UserID))
	if isNoRows(err) {
		return bot.Coach{}, false, nil
	}
	if err != nil {
		return bot.Coach{}, false, fmt.Errorf("find coach %s:%s: %w", user.Channel, user.UserID, err)
	}
	return c, true, nil
}

// ListCoaches implements bot.Coaches.
func (s *Store) ListCoaches(ctx context.Context) ([]bot.Coach, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+coachColumns+` FROM coaches c ORDER BY c.id`)
	coaches, err := collect(rows, err, scanCoach)
	if err != nil {
		return nil, fmt.Errorf("list coaches: %w", err)
	}
	return coaches, nil
}

// SetCoachActive implements bot.Coaches.
func (s *Store) SetCoachActive(ctx context.Context, id int64, active bool) error {
	tag, err := s.db.Pool.Exec(ctx, `UPDATE coaches SET active = $2 WHERE id = $1`, id, active)
	if err != nil {
		return fmt.Errorf("set coach %d active %t: %w", id, active, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("coach %d: %w", id, bot.ErrNotFound)
	}
	return nil
}

// slotColumns read a slot s with its coach c; a slot is booked while a confirmed booking
// holds it.
const slotColumns = `s.id, s.coach_id, s.start_at, s.end_at, s.mode, s.address,
	EXISTS (SELECT 1 FROM bookings held WHERE held.slot_id = s.id AND held.status = 'confirmed'),
	c.name`

const slotsWithCoach = `slots s JOIN coaches c ON c.id = s.coach_id`

func scanSlot(row scanner) (bot.Slot, error) {
	var sl bot.Slot
	err := row.Scan(&sl.ID, &sl.CoachID, &sl.Start, &sl.End, &sl.Mode, &sl.Address, &sl.Booked, &sl.CoachName)
	return sl, err
}

// AddSlots implements bot.Slots: all the slots or none, in one transaction. The database
// refuses a slot overlapping another of its coach, new or old (ErrConflict).
func (s *Store) AddSlots(ctx context.Context, slots []bot.Slot) ([]bot.Slot, error) {
	out := make([]bot.Slot, 0, len(slots))
	err := pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		for _, n := range slots {
			at := n.Start.Format(time.RFC3339)
			err := tx.QueryRow(ctx, `WITH s AS (
					INSERT INTO slots (coach_id, start_at, end_at, mode, address) VALUES ($1, $2, $3, $4, $5)
					RETURNING id, coach_id
				)
				SELECT s.id, c.name FROM s JOIN coaches c ON c.id = s.coach_id`,
				n.CoachID, n.Start, n.End, n.Mode, n.Address).Scan(&n.ID, &n.CoachName)
			switch {
			case hasCode(err, exclusionViolation):
				return fmt.Errorf("add slot at %s: overlaps another slot of coach %d: %w", at, n.CoachID, bot.ErrConflict)
			case hasCode(err, foreignKeyViolation):
				return fmt.Errorf("add slot at %s: coach %d: %w", at, n.CoachID, bot.ErrNotFound)
			case hasCode(err, checkViolation):
				return fmt.Errorf("add slot at %s: end before start", at)
			case err != nil:
				return fmt.Errorf("add slot at %s: %w", at, err)
			}
			n.Booked = false
			out = append(out, n)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// FreeSlots implements bot.Slots.
func (s *Store) FreeSlots(ctx context.Context, region string, from time.Time, limit int) ([]bot.Slot, error) {
	if limit <= 0 {
		return nil, nil
	}
	rows, err := s.db.Pool.Query(ctx, `SELECT `+slotColumns+` FROM `+slotsWithCoach+`
		WHERE c.active AND s.start_at > $2
			AND (s.mode = $3 OR $1 = ANY (c.regions))
			AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.slot_id = s.id AND b.status = 'confirmed')
		ORDER BY s.start_at, s.id
		LIMIT $4`, region, from, bot.ModeVisio, limit)
	slots, err := collect(rows, err, scanSlot)
	if err != nil {
		return nil, fmt.Errorf("find free slots in %s: %w", region, err)
	}
	return slots, nil
}

// CoachSlots implements bot.Slots.
func (s *Store) CoachSlots(ctx context.Context, coachID int64, from time.Time) ([]bot.Slot, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+slotColumns+` FROM `+slotsWithCoach+`
		WHERE s.coach_id = $1 AND s.start_at > $2 ORDER BY s.start_at, s.id`, coachID, from)
	slots, err := collect(rows, err, scanSlot)
	if err != nil {
		return nil, fmt.Errorf("read slots of coach %d: %w", coachID, err)
	}
	return slots, nil
}

// Slot implements bot.Slots.
func (s *Store) Slot(ctx context.Context, id int64) (bot.Slot, error) {
	sl, err := scanSlot(s.db.Pool.QueryRow(ctx, `SELECT `+slotColumns+` FROM `+slotsWithCoach+` WHERE s.id = $1`, id))
	if isNoRows(err) {
		return bot.Slot{}, fmt.Errorf("slot %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Slot{}, fmt.Errorf("read slot %d: %w", id, err)
	}
	return sl, nil
}

// bookingColumns read a booking b with its slot s and coach c.
const bookingColumns = `b.id, b.ref, b.slot_id, b.coach_id, b.channel, b.chat_id, b.user_id, b.activity,
	b.postal_code, b.region, b.case_id, b.status, b.created_at, ` + slotColumns + `, ` + coachColumns

const bookingsWithSlot = `bookings b JOIN slots s ON s.id = b.slot_id JOIN coaches c ON c.id = b.coach_id`

func scanBooking(row scanner) (bot.Booking, error) {
	var b bot.Booking
	sl := &b.Slot
	c := &b.Coach
	err := row.Scan(&b.ID, &b.Ref, &b.SlotID, &b.CoachID, &b.Owner.Channel, &b.Owner.ChatID, &b.UserID, &b.Activity,
		&b.PostalCode, &b.Region, &b.CaseID, &b.Status, &b.CreatedAt,
		&sl.ID, &sl.CoachID, &sl.Start, &sl.End, &sl.Mode, &sl.Address, &sl.Booked, &sl.CoachName,
		&c.ID, &c.Name, &c.Channel, &c.UserID, &c.ChatID, &c.Regions, &c.Address, &c.Active, &c.Demo)
	return b, err
}

// Book implements bot.Slots. The partial unique index on confirmed bookings makes the
// database refuse a second booking of a slot, however many replicas try at once.
func (s *Store) Book(ctx context.Context, b bot.Booking) (bot.Booking, error) {
	var id int64
	err := s.db.Pool.QueryRow(ctx, `INSERT INTO bookings
			(ref, slot_id, coach_id, channel, chat_id, user_id, activity, postal_code, region, case_id, status, created_at)
		SELECT $1, s.id, s.coach_id, $3, $4, $5, $6, $7, $8, $9, 'confirmed', $10 FROM slots s WHERE s.id = $2
		RETURNING id`,
		b.Ref, b.SlotID, b.Owner.Channel, b.Owner.ChatID, b.UserID, b.Activity, b.PostalCode, b.Region, b.CaseID, b.CreatedAt).Scan(&id)
	if isNoRows(err) {
		return bot.Booking{}, fmt.Errorf("book slot %d: %w", b.SlotID, bot.ErrNotFound)
	}
	if pe := pgError(err); pe != nil && pe.Code == uniqueViolation {
		if pe.ConstraintName == "bookings_ref" {
			return bot.Booking{}, fmt.Errorf("book slot %d: reference %s used: %w", b.SlotID, b.Ref, bot.ErrConflict)
		}
		return bot.Booking{}, fmt.Errorf("book slot %d: already booked: %w", b.SlotID, bot.ErrConflict)
	}
	if err != nil {
		return bot.Booking{}, fmt.Errorf("book slot %d: %w", b.SlotID, err)
	}
	booked, err := s.booking(ctx, id)
	if err != nil {
		return bot.Booking{}, fmt.Errorf("book slot %d: %w", b.SlotID, err)
	}
	return booked, nil
}

// booking reads a booking with its slot and coach; the error is not wrapped.
func (s *Store) booking(ctx context.Context, id int64) (bot.Booking, error) {
	b, err := scanBooking(s.db.Pool.QueryRow(ctx, `SELECT `+bookingColumns+` FROM `+bookingsWithSlot+` WHERE b.id = $1`, id))
	if isNoRows(err) {
		return bot.Booking{}, fmt.Errorf("booking %d: %w", id, bot.ErrNotFound)
	}
	return b, err
}

// Booking implements bot.Slots.
func (s *Store) Booking(ctx context.Context, id int64) (bot.Booking, error) {
	b, err := s.booking(ctx, id)
	if err != nil && !errors.Is(err, bot.ErrNotFound) {
		return bot.Booking{}, fmt.Errorf("read booking %d: %w", id, err)
	}
	return b, err
}

// UserBookings implements bot.Slots.
func (s *Store) UserBookings(ctx context.Context, user bot.UserKey, from time.Time) ([]bot.Booking, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+bookingColumns+` FROM `+bookingsWithSlot+`
		WHERE b.channel = $1 AND b.user_id = $2 AND b.status = 'confirmed' AND s.start_at > $3
		ORDER BY s.start_at, b.id`, user.Channel, user.UserID, from)
	bookings, err := collect(rows, err, scanBooking)
	if err != nil {
		return nil, fmt.Errorf("read bookings of user %s:%s: %w", user.Channel, user.UserID, err)
	}
	return bookings, nil
}

// CancelBooking implements bot.Slots. Cancelling twice is a conflict.
func (s *Store) CancelBooking(ctx context.Context, id int64) (bot.Booking, error) {
	tag, err := s.db.Pool.Exec(ctx, `UPDATE bookings SET status = 'cancelled' WHERE id = $1 AND status = 'confirmed'`, id)
	if err != nil {
		return bot.Booking{}, fmt.Errorf("cancel booking %d: %w", id, err)
	}
	b, err := s.booking(ctx, id)
	switch {
	case errors.Is(err, bot.ErrNotFound):
		return bot.Booking{}, fmt.Errorf("cancel booking %d: %w", id, bot.ErrNotFound)
	case err != nil:
		return bot.Booking{}, fmt.Errorf("cancel booking %d: %w", id, err)
	case tag.RowsAffected() == 0:
		return bot.Booking{}, fmt.Errorf("cancel booking %d: already cancelled: %w", id, bot.ErrConflict)
	}
	return b, nil
}

// ForgetUserBookings implements bot.Slots in one statement. The bookings returned are the
// cancelled ones as they were before their personal fields were erased, so that their coach
// can be told who is no longer coming.
func (s *Store) ForgetUserBookings(ctx context.Context, user bot.UserKey, now time.Time) ([]bot.Booking, error) {
	rows, err := s.db.Pool.Query(ctx, `WITH mine AS (
			SELECT b.*, b.status = 'confirmed' AND s.start_at > $3 AS cancel
			FROM bookings b JOIN slots s ON s.id = b.slot_id
			WHERE b.channel = $1 AND b.user_id = $2
			FOR UPDATE OF b
		),
		forgotten AS (
			UPDATE bookings b
			SET status = CASE WHEN mine.cancel THEN 'cancelled' ELSE b.status END,
				chat_id = '', user_id = '', activity = '', postal_code = ''
			FROM mine WHERE b.id = mine.id
		)
		SELECT `+bookingColumns+`
		FROM mine b JOIN slots s ON s.id = b.slot_id JOIN coaches c ON c.id = b.coach_id
		WHERE b.cancel
		ORDER BY b.id`, user.Channel, user.UserID, now)
	cancelled, err := collect(rows, err, scanBooking)
	if err != nil {
		return nil, fmt.Errorf("forget bookings of user %s:%s: %w", user.Channel, user.UserID, err)
	}
	// The statement reads what it changes as it was before: say what it did.
	for i := range cancelled {
		cancelled[i].Status = bot.BookingCancelled
		cancelled[i].Slot.Booked = false
	}
	return cancelled, nil
}

const workshopColumns = `w.id, w.title, w.topic, w.start_at, w.end_at, w.mode, w.place, w.region, w.capacity, w.taken, w.demo`

func scanWorkshop(row scanner) (bot.Workshop, error) {
	var w bot.Workshop
	err := row.Scan(&w.ID, &w.Title, &w.Topic, &w.Start, &w.End, &w.Mode, &w.Place, &w.Region, &w.Capacity, &w.Taken, &w.Demo)
	return w, err
}

// AddWorkshop implements bot.Workshops.
func (s *Store) AddWorkshop(ctx context.Context, w bot.Workshop) (bot.Workshop, error) {
	err := s.db.Pool.QueryRow(ctx, `INSERT INTO workshops (title, topic, start_at, end_at, mode, place, region, capacity, demo)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
		w.Title, w.Topic, w.Start, w.End, w.Mode, w.Place, w.Region, w.Capacity, w.Demo).Scan(&w.ID)
	if hasCode(err, checkViolation) {
		return bot.Workshop{}, fmt.Errorf("add workshop %q: capacity must be positive", w.Title)
	}
	if err != nil {
		return bot.Workshop{}, fmt.Errorf("add workshop %q: %w", w.Title, err)
	}
	w.Taken = 0
	return w, nil
}

// Workshop implements bot.Workshops.
func (s *Store) Workshop(ctx context.Context, id int64) (bot.Workshop, error) {
	w, err := scanWorkshop(s.db.Pool.QueryRow(ctx, `SELECT `+workshopColumns+` FROM workshops w WHERE w.id = $1`, id))
	if isNoRows(err) {
		return bot.Workshop{}, fmt.Errorf("workshop %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Workshop{}, fmt.Errorf("read workshop %d: %w", id, err)
	}
	return w, nil
}

// UpcomingWorkshops implements bot.Workshops.
func (s *Store) UpcomingWorkshops(ctx context.Context, from time.Time) ([]bot.Workshop, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+workshopColumns+` FROM workshops w
		WHERE w.start_at > $1 ORDER BY w.start_at, w.id`, from)
	workshops, err := collect(rows, err, scanWorkshop)
	if err != nil {
		return nil, fmt.Errorf("read upcoming workshops: %w", err)
	}
	return workshops, nil
}

const registrationColumns = `r.id, r.workshop_id, r.channel, r.chat_id, r.user_id, r.status, r.created_at, ` + workshopColumns

func scanRegistration(row scanner) (bot.Registration, error) {
	var r bot.Registration
	w := &r.Workshop
	err := row.Scan(&r.ID, &r.WorkshopID, &r.Owner.Channel, &r.Owner.ChatID, &r.UserID, &r.Status, &r.CreatedAt,
		&w.ID, &w.Title, &w.Topic, &w.Start, &w.End, &w.Mode, &w.Place, &w.Region, &w.Capacity, &w.Taken, &w.Demo)
	return r, err
}

// Register implements bot.Workshops. In one transaction it takes a seat, which the database
// grants only while taken < capacity (the row lock orders concurrent owners), then records
// the registration, which the partial unique index refuses for someone already registered.
func (s *Store) Register(ctx context.Context, r bot.Registration) (bot.Registration, error) {
	err := pgx.BeginFunc(ctx, s.db.Pool, func(tx pgx.Tx) error {
		w, err := scanWorkshop(tx.QueryRow(ctx, `UPDATE workshops w SET taken = w.taken + 1
			WHERE w.id = $1 AND w.taken < w.capacity RETURNING `+workshopColumns, r.WorkshopID))
		if isNoRows(err) {
			var exists bool
			if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM workshops WHERE id = $1)`, r.WorkshopID).Scan(&exists); err != nil {
				return fmt.Errorf("register to workshop %d: %w", r.WorkshopID, err)
			}
			if !exists {
				return fmt.Errorf("register to workshop %d: %w", r.WorkshopID, bot.ErrNotFound)
			}
			return fmt.Errorf("register to workshop %d: full: %w", r.WorkshopID, bot.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("register to workshop %d: take a seat: %w", r.WorkshopID, err)
		}
		r.Workshop = w
		r.Status = bot.BookingConfirmed
		err = tx.QueryRow(ctx, `INSERT INTO registrations (workshop_id, channel, chat_id, user_id, status, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
			r.WorkshopID, r.Owner.Channel, r.Owner.ChatID, r.UserID, r.Status, r.CreatedAt).Scan(&r.ID)
		if hasCode(err, uniqueViolation) {
			return fmt.Errorf("register to workshop %d: already registered: %w", r.WorkshopID, bot.ErrConflict)
		}
		if err != nil {
			return fmt.Errorf("register to workshop %d: %w", r.WorkshopID, err)
		}
		return nil
	})
	if err != nil {
		return bot.Registration{}, err
	}
	return r, nil
}

// DueBookingReminders implements bot.Slots: one UPDATE marks and returns the bookings, so
// that two replicas asking at once share them out (the second waits for the first's row
// locks, then finds them reminded).
func (s *Store) DueBookingReminders(ctx context.Context, now time.Time, lead time.Duration) ([]bot.Booking, error) {
	rows, err := s.db.Pool.Query(ctx, `WITH b AS (
			UPDATE bookings b SET reminded_at = $1 FROM slots s
			WHERE s.id = b.slot_id AND b.status = 'confirmed' AND b.reminded_at IS NULL
				AND s.start_at > $1 AND s.start_at <= $1 + $2 * interval '1 second'
				AND b.created_at <= s.start_at - $2 * interval '1 second'
			RETURNING b.*
		)
		SELECT `+bookingColumns+` FROM b JOIN slots s ON s.id = b.slot_id JOIN coaches c ON c.id = b.coach_id
		ORDER BY s.start_at, b.id`, now, lead.Seconds())
	bookings, err := collect(rows, err, scanBooking)
	if err != nil {
		return nil, fmt.Errorf("due booking reminders: %w", err)
	}
	return bookings, nil
}

// DueWorkshopReminders implements bot.Workshops, as DueBookingReminders.
func (s *Store) DueWorkshopReminders(ctx context.Context, now time.Time, lead time.Duration) ([]bot.Registration, error) {
	rows, err := s.db.Pool.Query(ctx, `WITH r AS (
			UPDATE registrations r SET reminded_at = $1 FROM workshops w
			WHERE w.id = r.workshop_id AND r.status = 'confirmed' AND r.reminded_at IS NULL
				AND w.start_at > $1 AND w.start_at <= $1 + $2 * interval '1 second'
				AND r.created_at <= w.start_at - $2 * interval '1 second'
			RETURNING r.*
		)
		SELECT `+registrationColumns+` FROM r JOIN workshops w ON w.id = r.workshop_id
		ORDER BY w.start_at, r.id`, now, lead.Seconds())
	regs, err := collect(rows, err, scanRegistration)
	if err != nil {
		return nil, fmt.Errorf("due workshop reminders: %w", err)
	}
	return regs, nil
}

// UserRegistrations implements bot.Workshops.
func (s *Store) UserRegistrations(ctx context.Context, user bot.UserKey, from time.Time) ([]bot.Registration, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+registrationColumns+`
		FROM registrations r JOIN workshops w ON w.id = r.workshop_id
		WHERE r.channel = $1 AND r.user_id = $2 AND r.status = 'confirmed' AND w.start_at > $3
		ORDER BY w.start_at, r.id`, user.Channel, user.UserID, from)
	regs, err := collect(rows, err, scanRegistration)
	if err != nil {
		return nil, fmt.Errorf("read registrations of user %s:%s: %w", user.Channel, user.UserID, err)
	}
	return regs, nil
}

// CancelRegistration implements bot.Workshops: in one statement the registration is
// cancelled and its seat given back. Cancelling twice is a conflict.
func (s *Store) CancelRegistration(ctx context.Context, id int64) (bot.Registration, error) {
	r, err := scanRegistration(s.db.Pool.QueryRow(ctx, `WITH r AS (
			UPDATE registrations SET status = 'cancelled' WHERE id = $1 AND status = 'confirmed' RETURNING *
		),
		w AS (
			UPDATE workshops w SET taken = w.taken - 1 FROM r WHERE w.id = r.workshop_id RETURNING w.*
		)
		SELECT `+registrationColumns+` FROM r JOIN w ON w.id = r.workshop_id`, id))
	if isNoRows(err) {
		var exists bool
		if err := s.db.Pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM registrations WHERE id = $1)`, id).Scan(&exists); err != nil {
			return bot.Registration{}, fmt.Errorf("cancel registration %d: %w", id, err)
		}
		if !exists {
			return bot.Registration{}, fmt.Errorf("cancel registration %d: %w", id, bot.ErrNotFound)
		}
		return bot.Registration{}, fmt.Errorf("cancel registration %d: already cancelled: %w", id, bot.ErrConflict)
	}
	if err != nil {
		return bot.Registration{}, fmt.Errorf("cancel registration %d: %w", id, err)
	}
	return r, nil
}

// ForgetUserRegistrations implements bot.Workshops: in one statement a user's registrations
// are deleted and the seats of the confirmed ones given back.
func (s *Store) ForgetUserRegistrations(ctx context.Context, user bot.UserKey) (int, error) {
	var n int
	err := s.db.Pool.QueryRow(ctx, `WITH gone AS (
			DELETE FROM registrations WHERE channel = $1 AND user_id = $2 RETURNING workshop_id, status
		),
		freed AS (
			UPDATE workshops w SET taken = w.taken - f.seats
			FROM (SELECT workshop_id, count(*) AS seats FROM gone WHERE status = 'confirmed' GROUP BY workshop_id) f
			WHERE w.id = f.workshop_id
		)
		SELECT count(*) FROM gone`, user.Channel, user.UserID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("forget registrations of user %s:%s: %w", user.Channel, user.UserID, err)
	}
	return n, nil
}

const caseColumns = `id, status, channel, chat_id, user_id, owner_name, activity, postal_code, region, reason,
	questions, guides, booking_id, coach_id, close_note, created_at, updated_at`

func scanCase(row scanner) (bot.Case, error) {
	var c bot.Case
	err := row.Scan(&c.ID, &c.Status, &c.Owner.Channel, &c.Owner.ChatID, &c.UserID, &c.OwnerName, &c.Activity,
		&c.PostalCode, &c.Region, &c.Reason, &c.Questions, &c.Guides, &c.BookingID, &c.CoachID, &c.CloseNote,
		&c.CreatedAt, &c.UpdatedAt)
	return c, err
}

// OpenCase implements bot.Cases.
func (s *Store) OpenCase(ctx context.Context, c bot.Case) (bot.Case, error) {
	c.Status = bot.CaseOpen
	err := s.db.Pool.QueryRow(ctx, `INSERT INTO cases (status, channel, chat_id, user_id, owner_name, activity, postal_code,
			region, reason, questions, guides, booking_id, coach_id, close_note, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
		c.Status, c.Owner.Channel, c.Owner.ChatID, c.UserID, c.OwnerName, c.Activity, c.PostalCode,
		c.Region, c.Reason, nonNil(c.Questions), nonNil(c.Guides), c.BookingID, c.CoachID, c.CloseNote, c.CreatedAt, c.UpdatedAt).Scan(&c.ID)
	if err != nil {
		return bot.Case{}, fmt.Errorf("open case for %s:%s: %w", c.Owner.Channel, c.Owner.ChatID, err)
	}
	return c, nil
}

// UpdateCase implements bot.Cases: it changes the case's details; status, coach, closing note
// and creation time change only through ClaimCase and CloseCase.
func (s *Store) UpdateCase(ctx context.Context, c bot.Case) error {
	tag, err := s.db.Pool.Exec(ctx, `UPDATE cases SET channel = $2, chat_id = $3, user_id = $4, owner_name = $5,
			activity = $6, postal_code = $7, region = $8, reason = $9, questions = $10, guides = $11,
			booking_id = $12, updated_at = $13
		WHERE id = $1`,
		c.ID, c.Owner.Channel, c.Owner.ChatID, c.UserID, c.OwnerName, c.Activity, c.PostalCode, c.Region, c.Reason,
		nonNil(c.Questions), nonNil(c.Guides), c.BookingID, c.UpdatedAt)
	if err != nil {
		return fmt.Errorf("update case %d: %w", c.ID, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("update case %d: %w", c.ID, bot.ErrNotFound)
	}
	return nil
}

// Case implements bot.Cases.
func (s *Store) Case(ctx context.Context, id int64) (bot.Case, error) {
	c, err := scanCase(s.db.Pool.QueryRow(ctx, `SELECT `+caseColumns+` FROM cases WHERE id = $1`, id))
	if isNoRows(err) {
		return bot.Case{}, fmt.Errorf("case %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return bot.Case{}, fmt.Errorf("read case %d: %w", id, err)
	}
	return c, nil
}

// ListCases implements bot.Cases.
func (s *Store) ListCases(ctx context.Context, statuses ...string) ([]bot.Case, error) {
	rows, err := s.db.Pool.Query(ctx, `SELECT `+caseColumns+` FROM cases
		WHERE cardinality($1::text[]) = 0 OR status = ANY ($1)
		ORDER BY created_at DESC, id DESC`, nonNil(statuses))
	cases, err := collect(rows, err, scanCase)
	if err != nil {
		return nil, fmt.Errorf("list cases %v: %w", statuses, err)
	}
	return cases, nil
}

// ClaimCase implements bot.Cases. Only an open case can be claimed: of two coaches claiming
// at once, the database lets one update the row; the other gets ErrConflict, with the case
// as it now is.
func (s *Store) ClaimCase(ctx context.Context, id, coachID int64) (bot.Case, error) {
	c, err := scanCase(s.db.Pool.QueryRow(ctx, `UPDATE cases SET status = 'claimed', coach_id = $2
		WHERE id = $1 AND status = 'open' RETURNING `+caseColumns, id, coachID))
	if isNoRows(err) {
		return s.refused(ctx, "claim", id)
	}
	if err != nil {
		return bot.Case{}, fmt.Errorf("claim case %d: %w", id, err)
	}
	return c, nil
}

// CloseCase implements bot.Cases. Closing a closed case is a conflict; the coach who closes
// a case nobody claimed becomes its coach.
func (s *Store) CloseCase(ctx context.Context, id, coachID int64, note string) (bot.Case, error) {
	c, err := scanCase(s.db.Pool.QueryRow(ctx, `UPDATE cases
		SET status = 'closed', close_note = $3, coach_id = CASE WHEN coach_id = 0 THEN $2 ELSE coach_id END
		WHERE id = $1 AND status <> 'closed' RETURNING `+caseColumns, id, coachID, note))
	if isNoRows(err) {
		return s.refused(ctx, "close", id)
	}
	if err != nil {
		return bot.Case{}, fmt.Errorf("close case %d: %w", id, err)
	}
	return c, nil
}

// refused explains why a status change of case id changed no row: no such case
// (ErrNotFound), or a case in another status, returned with ErrConflict.
func (s *Store) refused(ctx context.Context, what string, id int64) (bot.Case, error) {
	c, err := s.Case(ctx, id)
	if err != nil {
		if errors.Is(err, bot.ErrNotFound) {
			return bot.Case{}, fmt.Errorf("%s case %d: %w", what, id, bot.ErrNotFound)
		}
		return bot.Case{}, fmt.Errorf("%s case %d: %w", what, id, err)
	}
	return c, fmt.Errorf("%s case %d: %s: %w", what, id, c.Status, bot.ErrConflict)
}

// ForgetUserCases implements bot.Cases: the owner's personal fields are erased; the reason,
// guides and status stay for the programme's reports.
func (s *Store) ForgetUserCases(ctx context.Context, user bot.UserKey) (int, error) {
	tag, err := s.db.Pool.Exec(ctx, `UPDATE cases
		SET chat_id = '', user_id = '', owner_name = '', activity = '', postal_code = '', questions = '{}'
		WHERE channel = $1 AND user_id = $2`, user.Channel, user.UserID)
	if err != nil {
		return 0, fmt.Errorf("forget cases of user %s:%s: %w", user.Channel, user.UserID, err)
	}
	return int(tag.RowsAffected()), nil
}
