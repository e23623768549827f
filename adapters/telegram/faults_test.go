package telegram_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/adapters/telegram"
	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
	"github.com/coachbot/coachbot/bot"
)

// gateCore answers "réponse à <text>", holding each message until the test opens the gate.
type gateCore struct {
	entered chan string
	gate    chan struct{}
	mu      sync.Mutex
	seen    []string
}

func (c *gateCore) Handle(ctx context.Context, m bot.Message) bot.Reply {
	c.mu.Lock()
	c.seen = append(c.seen, m.Text)
	c.mu.Unlock()
	c.entered <- m.Text
	<-c.gate
	return bot.Reply{Text: "réponse à " + m.Text, Outcome: bot.Answered}
}

func (c *gateCore) handled() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.seen...)
}

// On shutdown (SIGTERM cancels serve's context) the adapter stops taking updates, finishes
// the message in hand, sends its reply and records it as handled; what arrived meanwhile is
// left to the next process, which answers it, and only it.
func TestShutdownFinishesInFlightWork(t *testing.T) {
	srv := telegramtest.New(t)
	store := memory.NewStore()
	core := &gateCore{entered: make(chan string, 10), gate: make(chan struct{})}
	e := start(t, srv, core, store, telegram.Config{PollTimeout: time.Second})
	srv.PushMessage(701, 701, "première")
	select {
	case <-core.entered:
	case <-time.After(10 * time.Second):
		t.Fatal("the message did not reach the core")
	}
	stopped := make(chan struct{})
	go func() { e.stop(); close(stopped) }()
	time.Sleep(300 * time.Millisecond) // the stop is under way: no new update is taken
	srv.PushMessage(702, 702, "seconde")
	time.Sleep(300 * time.Millisecond)
	select {
	case <-stopped:
		t.Fatal("Run returned with a message in hand")
	default:
	}
	close(core.gate) // the message in hand is finished
	select {
	case <-stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not return after the work in hand was done")
	}
	if s := srv.SentTo(701); len(s) != 1 || s[0].Visible != "réponse à première" {
		t.Fatalf("reply to the message in hand: %+v", s)
	}
	if len(srv.SentTo(702)) != 0 {
		t.Fatal("a message that arrived during the shutdown was answered by the stopping process")
	}
	if got := core.handled(); len(got) != 1 {
		t.Fatalf("the stopping process handled %q", got)
	}
	// the next process answers what was left, and does not answer the first message again
	next := &gateCore{entered: make(chan string, 10), gate: make(chan struct{})}
	close(next.gate)
	start(t, srv, next, store, telegram.Config{PollTimeout: time.Second})
	srv.Wait(t, 10*time.Second, "the second message answered", func() bool { return len(srv.SentTo(702)) == 1 })
	time.Sleep(500 * time.Millisecond)
	if got := next.handled(); len(got) != 1 || got[0] != "seconde" {
		t.Fatalf("the next process handled %q, want only the second message", got)
	}
	if n, _ := store.PendingUpdates(context.Background(), bot.ChannelTelegram); n != 0 {
		t.Fatalf("%d updates still pending", n)
	}
}

// Telegram that does not answer in time (a request hanging past the client's timeout) is
// tried once more: a request that timed out may have taken effect on Telegram (the Bot API
// has no idempotency key), so the owner may read the reply twice, never three times and never
// not at all; the update is handled once and the next message is answered normally.
func TestTelegramTimeoutIsRetriedOnce(t *testing.T) {
	srv := telegramtest.New(t)
	store := memory.NewStore()
	e := start(t, srv, fixedReply("réponse"), store, telegram.Config{RequestTimeout: 300 * time.Millisecond})
	srv.Delay("sendMessage", 2*time.Second)
	srv.PushMessage(801, 801, "question")
	deadline := time.Now().Add(10 * time.Second)
	for n := 1; n != 0; n, _ = store.PendingUpdates(context.Background(), bot.ChannelTelegram) {
		if time.Now().After(deadline) {
			t.Fatal("the update was not handled")
		}
		time.Sleep(20 * time.Millisecond)
	}
	srv.Delay("sendMessage", 0)
	if s := srv.SentTo(801); len(s) < 1 || len(s) > 2 || s[0].Visible != "réponse" || s[len(s)-1].Visible != "réponse" {
		t.Fatalf("replies while Telegram timed out: %+v", s)
	}
	before := len(srv.SentTo(801))
	got := e.say(t, 801, "encore", 1)
	time.Sleep(300 * time.Millisecond)
	if len(srv.SentTo(801)) != before+1 || got[0].Visible != "réponse" {
		t.Fatalf("after the timeouts: %+v", srv.SentTo(801)[before:])
	}
}

type fixedReply string

func (f fixedReply) Handle(context.Context, bot.Message) bot.Reply {
	return bot.Reply{Text: string(f), Outcome: bot.Answered}
}
