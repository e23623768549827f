package postgres

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
)

// RunOnce runs job fn if no process ran it in the last period: replicas that all call it on
// their own timers run it once. The job's row is locked while fn runs; a replica that finds it
// locked or recent returns at once with ran false. fn's error leaves the job due.
func (db *DB) RunOnce(ctx context.Context, name string, period time.Duration, fn func(context.Context) error) (ran bool, err error) {
	err = pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO jobs (name, last_run) VALUES ($1, 'epoch') ON CONFLICT (name) DO NOTHING`, name); err != nil {
			return err
		}
		var due bool
		err := tx.QueryRow(ctx, `SELECT last_run <= now() - make_interval(secs => $2) FROM jobs WHERE name = $1 FOR UPDATE SKIP LOCKED`,
			name, period.Seconds()).Scan(&due)
		if isNoRows(err) {
			return nil // another replica is running it
		}
		if err != nil {
			return err
		}
		if !due {
			return nil
		}
		if err := fn(ctx); err != nil {
			return fmt.Errorf("job %s: %w", name, err)
		}
		ran = true
		_, err = tx.Exec(ctx, `UPDATE jobs SET last_run = now() WHERE name = $1`, name)
		return err
	})
	return ran, err
}
