package bot_test

import (
	"context"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coachbot/coachbot/bot"
)

// outage is a store that fails its first calls of each conversation operation, as a database
// that restarts does.
type outage struct {
	bot.Store
	lock, read, save, turns atomic.Int32 // failures left
}

var errDown = errors.New("FATAL: terminating connection due to administrator command (SQLSTATE 57P01)")

func fail(n *atomic.Int32) bool { return n.Add(-1) >= 0 }

func (o *outage) Lock(ctx context.Context, k bot.ConvKey) (func(), error) {
	if fail(&o.lock) {
		return nil, errDown
	}
	return o.Store.Lock(ctx, k)
}

func (o *outage) Conversation(ctx context.Context, k bot.ConvKey) (bot.Conversation, bool, error) {
	if fail(&o.read) {
		return bot.Conversation{}, false, errDown
	}
	return o.Store.Conversation(ctx, k)
}

func (o *outage) SaveConversation(ctx context.Context, c bot.Conversation) error {
	if fail(&o.save) {
		return errDown
	}
	return o.Store.SaveConversation(ctx, c)
}

func (o *outage) AppendTurns(ctx context.Context, ts ...bot.Turn) error {
	if fail(&o.turns) {
		return errDown
	}
	return o.Store.AppendTurns(ctx, ts...)
}

// A store that fails for a moment costs the owner nothing: the message is answered, not
// apologised for, and the turns and the booking flow's state are stored.
func TestStoreOutageIsWaitedFor(t *testing.T) {
	var o *outage
	w := newWorld(t, func(c *bot.Config) {
		o = &outage{Store: c.Store}
		c.Store = o
	})
	o.lock.Store(2)
	o.read.Store(2)
	o.save.Store(2)
	o.turns.Store(2)
	r := w.say(marie, "/coach")
	if r.Outcome == bot.Error || !strings.Contains(r.Text, "activité") {
		t.Fatalf("reply during the outage: %s %q", r.Outcome, r.Text)
	}
	turns, _ := w.store.RecentTurns(context.Background(), bot.ConvKey{Channel: marie.Channel, ChatID: marie.ChatID}, 10)
	if len(turns) != 2 || turns[0].Text != "/coach" {
		t.Fatalf("turns stored: %+v", turns)
	}
	if r := w.say(marie, "fleuriste"); !strings.Contains(r.Text, "code postal") {
		t.Fatalf("the booking flow's state was lost: %q", r.Text)
	}
}

// A store that stays down gets the apology once the retries are spent, without waiting longer.
func TestStoreDownApologises(t *testing.T) {
	var o *outage
	w := newWorld(t, func(c *bot.Config) {
		o = &outage{Store: c.Store}
		c.Store = o
		c.StoreRetry = 300 * time.Millisecond
	})
	o.lock.Store(1000)
	start := time.Now()
	r := w.say(marie, "Comment créer ma fiche Google ?")
	if r.Outcome != bot.Error || !strings.Contains(r.Text, "Désolé") {
		t.Fatalf("reply with the store down: %s %q", r.Outcome, r.Text)
	}
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("answered after %v with a retry budget of 300 ms", took)
	}
}
