package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/coachbot/coachbot/bot"
	"github.com/jackc/pgx/v5"
)

// Enqueue implements bot.Inbox.
func (s *Store) Enqueue(ctx context.Context, u bot.Update) (bool, error) {
	tag, err := s.db.Pool.Exec(ctx, `INSERT INTO inbox (channel, id, chat_id, payload, received_at)
		VALUES ($1, $2, $3, $4, $5) ON CONFLICT (channel, id) DO NOTHING`,
		u.Channel, u.ID, u.ChatID, u.Payload, u.ReceivedAt)
	if err != nil {
		return false, fmt.Errorf("enqueue update %s:%s: %w", u.Channel, u.ID, err)
	}
	return tag.RowsAffected() == 1, nil
}

// Claim implements bot.Inbox: only the oldest pending update of each chat can be claimed, so
// that one chat's updates are handled in order even by several processes.
func (s *Store) Claim(ctx context.Context, channel, worker string, n int, lease time.Duration) ([]bot.Update, error) {
	rows, err := s.db.Pool.Query(ctx, `UPDATE inbox SET claimed_by = $2, claimed_until = now() + $4::bigint * interval '1 millisecond'
		WHERE (channel, id) IN (
			SELECT i.channel, i.id FROM inbox i
			WHERE i.channel = $1 AND i.handled_at IS NULL
				AND (i.claimed_until IS NULL OR i.claimed_until < now())
				AND NOT EXISTS (SELECT 1 FROM inbox o WHERE o.channel = i.channel AND o.chat_id = i.chat_id
					AND o.handled_at IS NULL AND o.seq < i.seq)
			ORDER BY i.seq
			LIMIT $3
			FOR UPDATE SKIP LOCKED)
		RETURNING channel, id, chat_id, payload, received_at, seq`,
		channel, worker, n, lease.Milliseconds())
	if err != nil {
		return nil, fmt.Errorf("claim updates of %s: %w", channel, err)
	}
	type claimed struct {
		u   bot.Update
		seq int64
	}
	var cs []claimed
	var c claimed
	_, err = pgx.ForEachRow(rows, []any{&c.u.Channel, &c.u.ID, &c.u.ChatID, &c.u.Payload, &c.u.ReceivedAt, &c.seq}, func() error {
		cs = append(cs, claimed{u: c.u, seq: c.seq})
		c = claimed{}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("claim updates of %s: %w", channel, err)
	}
	// RETURNING has no order: hand them out in order of arrival
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].seq < cs[j-1].seq; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	out := make([]bot.Update, len(cs))
	for i, c := range cs {
		out[i] = c.u
	}
	return out, nil
}

// MarkHandled implements bot.Inbox.
func (s *Store) MarkHandled(ctx context.Context, channel, id string) error {
	tag, err := s.db.Pool.Exec(ctx, `UPDATE inbox SET handled_at = now(), claimed_until = NULL WHERE channel = $1 AND id = $2`, channel, id)
	if err != nil {
		return fmt.Errorf("mark update %s:%s: %w", channel, id, err)
	}
	if tag.RowsAffected() == 0 {
		return fmt.Errorf("mark update %s:%s: %w", channel, id, bot.ErrNotFound)
	}
	return nil
}

// PendingUpdates implements bot.Inbox.
func (s *Store) PendingUpdates(ctx context.Context, channel string) (int, error) {
	var n int
	err := s.db.Pool.QueryRow(ctx, `SELECT count(*) FROM inbox WHERE channel = $1 AND handled_at IS NULL`, channel).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count pending updates: %w", err)
	}
	return n, nil
}

// PurgeHandled implements bot.Inbox.
func (s *Store) PurgeHandled(ctx context.Context, before time.Time) (int, error) {
	tag, err := s.db.Pool.Exec(ctx, `DELETE FROM inbox WHERE handled_at IS NOT NULL AND received_at < $1`, before)
	if err != nil {
		return 0, fmt.Errorf("purge handled updates: %w", err)
	}
	return int(tag.RowsAffected()), nil
}
