package bot_test

import (
	"sync"
	"testing"
	"time"

	"github.com/coachbot/coachbot/bot"
)

// The outbox keeps each destination's order, does not let a slow destination hold up the
// others, and Drain waits for what is queued.
func TestOutbox(t *testing.T) {
	slow := bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: "coach"}
	var mu sync.Mutex
	got := map[bot.ConvKey][]string{}
	fastDone := make(chan struct{})
	o := &bot.Outbox{Send: func(n bot.Notification) {
		if n.To == slow {
			time.Sleep(100 * time.Millisecond) // a paced chat
		}
		mu.Lock()
		got[n.To] = append(got[n.To], n.Reply.Text)
		if n.To != slow && len(got[n.To]) == 3 {
			close(fastDone)
		}
		mu.Unlock()
	}}
	fast := bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: "owner"}
	for _, s := range []string{"1", "2", "3", "4", "5"} {
		o.Push(bot.Notification{To: slow, Reply: bot.Reply{Text: s}})
	}
	start := time.Now()
	for _, s := range []string{"a", "b", "c"} {
		o.Push(bot.Notification{To: fast, Reply: bot.Reply{Text: s}})
	}
	select {
	case <-fastDone:
		if took := time.Since(start); took > 300*time.Millisecond {
			t.Errorf("the fast chat waited %v behind the slow one", took)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the fast chat's notifications were not sent")
	}
	if left := o.Drain(5 * time.Second); left != 0 {
		t.Fatalf("Drain: %d left", left)
	}
	mu.Lock()
	defer mu.Unlock()
	if g := got[slow]; len(g) != 5 || g[0] != "1" || g[1] != "2" || g[2] != "3" || g[3] != "4" || g[4] != "5" {
		t.Errorf("slow chat: %v", g)
	}
	if g := got[fast]; len(g) != 3 || g[0] != "a" || g[1] != "b" || g[2] != "c" {
		t.Errorf("fast chat: %v", g)
	}
	o.Push(bot.Notification{To: slow, Reply: bot.Reply{Text: "6"}})
	if left := o.Drain(10 * time.Millisecond); left != 0 && left != 1 {
		t.Errorf("Drain with a short timeout: %d left", left)
	}
}
