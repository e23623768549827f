package bot

import (
	"sync"
	"time"
)

// Outbox sends notifications in the background, in order for each destination, so that the
// reply to the user who caused them does not wait while a platform paces a busy chat (a
// coach's chat receives every case of a region; Telegram allows about one message a second
// in a chat). Send is called by one goroutine per destination at a time.
type Outbox struct {
	Send func(Notification)

	mu     sync.Mutex
	queues map[ConvKey][]Notification // present while a goroutine sends for the key
	wg     sync.WaitGroup
}

// Push queues a notification and returns at once.
func (o *Outbox) Push(n Notification) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.queues == nil {
		o.queues = map[ConvKey][]Notification{}
	}
	_, running := o.queues[n.To]
	o.queues[n.To] = append(o.queues[n.To], n)
	if running {
		return
	}
	o.wg.Add(1)
	go func() {
		defer o.wg.Done()
		for {
			o.mu.Lock()
			q := o.queues[n.To]
			if len(q) == 0 {
				delete(o.queues, n.To)
				o.mu.Unlock()
				return
			}
			next := q[0]
			o.queues[n.To] = q[1:]
			o.mu.Unlock()
			o.Send(next)
		}
	}()
}

// Drain waits until every queued notification is sent, or timeout; it reports how many were
// still queued then (they are sent as long as the process lives).
func (o *Outbox) Drain(timeout time.Duration) int {
	done := make(chan struct{})
	go func() { o.wg.Wait(); close(done) }()
	select {
	case <-done:
		return 0
	case <-time.After(timeout):
		o.mu.Lock()
		defer o.mu.Unlock()
		n := 0
		for _, q := range o.queues {
			n += len(q)
		}
		return n
	}
}
