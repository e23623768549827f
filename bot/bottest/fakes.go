package bottest

import (
	"context"
	"sync"

	"github.com/coachbot/coachbot/bot"
)

// Notifier records the notifications the core sends.
type Notifier struct {
	mu   sync.Mutex
	sent []bot.Notification
}

// Notify implements bot.Notifier.
func (n *Notifier) Notify(_ context.Context, note bot.Notification) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent = append(n.sent, note)
	return nil
}

// Sent returns the notifications so far.
func (n *Notifier) Sent() []bot.Notification {
	n.mu.Lock()
	defer n.mu.Unlock()
	return append([]bot.Notification(nil), n.sent...)
}

// To returns the notifications sent to one conversation.
func (n *Notifier) To(key bot.ConvKey) []bot.Notification {
	var out []bot.Notification
	for _, s := range n.Sent() {
		if s.To == key {
			out = append(out, s)
		}
	}
	return out
}

// Reset forgets what was recorded.
func (n *Notifier) Reset() {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sent = nil
}
