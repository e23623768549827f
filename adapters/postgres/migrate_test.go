package postgres_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
	"github.com/jackc/pgx/v5"
)

// A database created before migrations 0005 and 0006, with a chunk and its postings in the
// old tables, is brought to the new schema without losing them.
func TestMigrationOfPostingsKeepsTheCorpus(t *testing.T) {
	ctx := context.Background()
	url := pgtest.NewDatabase(t)
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	names, sqls, err := postgres.MigrationsUpTo(4)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, `CREATE TABLE schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		t.Fatal(err)
	}
	for i, sql := range sqls {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatalf("%s: %v", names[i], err)
		}
		if _, err := conn.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", i+1, names[i]); err != nil {
			t.Fatal(err)
		}
	}
	// the old layout: terms as text[], words, one posting row per term and chunk
	for _, sql := range []string{
		`INSERT INTO guides (id, title) VALUES ('g', 'Guide')`,
		`INSERT INTO chunks (id, guide_id, ordinal, body, hash, terms, nterms, words) VALUES
			(1, 'g', 0, 'a', 'h1', ARRAY['fich','fich','googl'], 3, ARRAY['fiche']),
			(2, 'g', 1, 'b', 'h2', ARRAY['googl','avis'], 2, ARRAY['avis'])`,
		`INSERT INTO chunk_terms (term, chunk_id, tf, nterms) VALUES ('fich', 1, 2, 3), ('googl', 1, 1, 3), ('googl', 2, 1, 2), ('avis', 2, 1, 2)`,
		`INSERT INTO term_stats (term, df) VALUES ('fich', 1), ('googl', 2), ('avis', 1)`,
	} {
		if _, err := conn.Exec(ctx, sql); err != nil {
			t.Fatal(err)
		}
	}
	if err := postgres.Migrate(ctx, conn.Config()); err != nil {
		t.Fatal(err)
	}
	var terms string
	if err := conn.QueryRow(ctx, `SELECT terms FROM chunks WHERE id = 1`).Scan(&terms); err != nil || terms != "fich fich googl" {
		t.Errorf("terms %q, %v", terms, err)
	}
	var df int
	var ids []int64
	var tfs []int32
	if err := conn.QueryRow(ctx, `SELECT df, chunk_ids, tfs FROM term_postings WHERE term = 'googl'`).Scan(&df, &ids, &tfs); err != nil {
		t.Fatal(err)
	}
	// chunk 2 is shorter: the term weighs more there, so it comes first
	if df != 2 || len(ids) != 2 || ids[0] != 2 || ids[1] != 1 || tfs[0] != 1 {
		t.Errorf("googl: df %d, ids %v, tfs %v", df, ids, tfs)
	}
	for _, gone := range []string{"chunk_terms", "term_stats"} {
		var exists bool
		if err := conn.QueryRow(ctx, `SELECT to_regclass($1) IS NOT NULL`, gone).Scan(&exists); err != nil || exists {
			t.Errorf("%s still there (%v)", gone, err)
		}
	}
}

// Replicas calling RunOnce together run the job once; a second call within the period does
// not run it; a failed run leaves it due.
func TestRunOnce(t *testing.T) {
	db := pgtest.Open(t)
	ctx := context.Background()
	var mu sync.Mutex
	runs := 0
	job := func(context.Context) error {
		mu.Lock()
		runs++
		mu.Unlock()
		time.Sleep(100 * time.Millisecond)
		return nil
	}
	var wg sync.WaitGroup
	for range 5 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := db.RunOnce(ctx, "purge", time.Hour, job); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if runs != 1 {
		t.Fatalf("%d runs by 5 replicas", runs)
	}
	if ran, err := db.RunOnce(ctx, "purge", time.Hour, job); ran || err != nil || runs != 1 {
		t.Errorf("ran again within the period: %v %v", ran, err)
	}
	if _, err := db.RunOnce(ctx, "other", time.Hour, func(context.Context) error { return errors.New("boom") }); err == nil {
		t.Error("the job's error was lost")
	}
	if ran, err := db.RunOnce(ctx, "other", time.Hour, job); !ran || err != nil {
		t.Errorf("a failed job is not due again: %v %v", ran, err)
	}
}
