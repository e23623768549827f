package bot

import (
	"context"
	"time"
)

// Update is a platform event kept until it is handled, so that nothing said by a user is lost
// and nothing is answered twice: a Telegram update, a Discord message.
type Update struct {
	Channel string `json:"channel"`
	ID      string `json:"id"`      // the platform's id, unique per channel
	ChatID  string `json:"chat_id"` // updates of one chat are handled in order
	// Payload is the event as the platform sent it.
	Payload    []byte    `json:"-"`
	ReceivedAt time.Time `json:"received_at"`
}

// Inbox keeps received updates until they are handled. Updates of one chat are handed out
// one at a time, in order of arrival; different chats in parallel, across processes.
type Inbox interface {
	// Enqueue stores an update unless the same (channel, id) was received before; it reports
	// whether the update is new.
	Enqueue(ctx context.Context, u Update) (bool, error)
	// Claim hands out up to n pending updates of a channel, at most one per chat and only the
	// oldest pending one of its chat, leased to the caller for lease; an update whose lease
	// expired (its handler died) is handed out again.
	Claim(ctx context.Context, channel, worker string, n int, lease time.Duration) ([]Update, error)
	// MarkHandled records that an update was handled; it is never handed out again.
	MarkHandled(ctx context.Context, channel, id string) error
	// PendingUpdates counts the updates of a channel not handled yet.
	PendingUpdates(ctx context.Context, channel string) (int, error)
	// PurgeHandled deletes handled updates received before t.
	PurgeHandled(ctx context.Context, before time.Time) (int, error)
}
