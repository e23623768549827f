package bot

import (
	"context"
	"time"
)

// Retry runs op until it succeeds, ctx is done, or it has failed for budget. Waits between
// attempts double from 50 ms to 2 s. It is for the store's plain reads and idempotent writes:
// a database that restarts, or a pooled connection it broke that the pool has not noticed
// yet, must not cost a user their message. It returns op's last error.
func Retry(ctx context.Context, budget time.Duration, op func() error) error {
	deadline := time.Now().Add(budget)
	wait := 50 * time.Millisecond
	for {
		err := op()
		if err == nil || ctx.Err() != nil || time.Now().Add(wait).After(deadline) {
			return err
		}
		t := time.NewTimer(wait)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return err
		}
		wait = min(2*wait, 2*time.Second)
	}
}
