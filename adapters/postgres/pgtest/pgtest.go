// Package pgtest gives each test its own throwaway PostgreSQL database. The server comes from
// COACHBOT_TEST_DATABASE_URL (scripts/pg.sh start prints it). Without it a test is skipped on
// a developer's machine, and fails when CI is set: CI must never pass without the database.
package pgtest

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"net/url"
	"os"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/jackc/pgx/v5"
)

// URL returns the server URL, skipping or failing the test when there is none.
func URL(t testing.TB) string {
	t.Helper()
	u := os.Getenv("COACHBOT_TEST_DATABASE_URL")
	if u == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("COACHBOT_TEST_DATABASE_URL is not set: in CI the PostgreSQL tests must run (see scripts/test.sh)")
		}
		t.Skip("COACHBOT_TEST_DATABASE_URL is not set; run `make test` to start PostgreSQL with pgvector")
	}
	return u
}

// NewDatabase creates an empty database for the test, dropped when the test ends, and returns
// its URL.
func NewDatabase(t testing.TB) string {
	t.Helper()
	base := URL(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to test server: %v", err)
	}
	defer admin.Close(context.Background())
	var b [6]byte
	_, _ = rand.Read(b[:])
	name := "coachbot_test_" + hex.EncodeToString(b[:])
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		c, err := pgx.Connect(ctx, base)
		if err != nil {
			t.Logf("drop test database: %v", err)
			return
		}
		defer c.Close(context.Background())
		if _, err := c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("drop test database: %v", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		t.Fatalf("COACHBOT_TEST_DATABASE_URL must be a postgres:// URL")
	}
	u.Path = "/" + name
	return u.String()
}

// Open creates a database for the test, migrates it and returns the pool, closed at the end.
func Open(t testing.TB) *postgres.DB {
	t.Helper()
	dbURL := NewDatabase(t)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	db, err := postgres.Open(ctx, dbURL, postgres.Options{})
	if err != nil {
		t.Fatalf("open test database: %v", err)
	}
	t.Cleanup(db.Close)
	return db
}
