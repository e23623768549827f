// Package postgres stores coachbot's data in PostgreSQL with pgvector: the knowledge index
// (chunks, BM25 postings, embeddings under HNSW) and every store of the core. Its schema is
// in embedded SQL migrations, applied at start-up under an advisory lock.
package postgres

import (
	"context"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	pgxvec "github.com/pgvector/pgvector-go/pgx"
)

//go:embed migrations/*.sql
var migrations embed.FS

// migrationLock is the advisory lock key that serialises migrations between processes.
const migrationLock = 0x636f616368 // "coach"

// DB is a connection pool to a migrated database.
type DB struct {
	Pool *pgxpool.Pool
	// Locks holds the connections of conversation locks: a session-level advisory lock keeps
	// its connection until released, so locks get their own pool and can never starve the
	// queries that the conversations holding them need.
	Locks *pgxpool.Pool
}

// Options tune the pools.
type Options struct {
	// MaxConns bounds the query pool (default 16).
	MaxConns int32
	// LockConns bounds the lock pool, the conversations handled at once by this process
	// (default 16; more wait for a connection).
	LockConns int32
	// EFSearch is the HNSW ef_search used by vector searches (default 400: on a corpus of a few
	// thousand vectors, near-exact results at a small cost, so that PostgreSQL ranks as the
	// embedded default does).
	EFSearch int
}

// Open connects to url, applies pending migrations and returns a pool whose connections
// know the vector type.
func Open(ctx context.Context, url string, opts Options) (*DB, error) {
	cfg, err := pgxpool.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("parse database URL: %w", err)
	}
	if err := Migrate(ctx, cfg.ConnConfig.Copy()); err != nil {
		return nil, err
	}
	cfg.MaxConns = 16
	if opts.MaxConns > 0 {
		cfg.MaxConns = opts.MaxConns
	}
	lockCfg := cfg.Copy()
	lockCfg.MaxConns = 16
	if opts.LockConns > 0 {
		lockCfg.MaxConns = opts.LockConns
	}
	lockCfg.MinConns = 0
	ef := opts.EFSearch
	if ef <= 0 {
		ef = 400
	}
	cfg.AfterConnect = func(ctx context.Context, c *pgx.Conn) error {
		if err := pgxvec.RegisterTypes(ctx, c); err != nil {
			return fmt.Errorf("register vector type: %w", err)
		}
		_, err := c.Exec(ctx, "SET hnsw.ef_search = "+strconv.Itoa(ef))
		return err
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	locks, err := pgxpool.NewWithConfig(ctx, lockCfg)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to database: %w", err)
	}
	return &DB{Pool: pool, Locks: locks}, nil
}

// Close closes the pools.
func (db *DB) Close() {
	db.Locks.Close()
	db.Pool.Close()
}

type migration struct {
	version int
	name    string
	sql     string
}

func loadMigrations() ([]migration, error) {
	ents, err := fs.ReadDir(migrations, "migrations")
	if err != nil {
		return nil, err
	}
	var out []migration
	for _, e := range ents {
		name := e.Name()
		v, err := strconv.Atoi(strings.SplitN(name, "_", 2)[0])
		if err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number", name)
		}
		b, err := fs.ReadFile(migrations, "migrations/"+name)
		if err != nil {
			return nil, err
		}
		out = append(out, migration{version: v, name: name, sql: string(b)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, nil
}

// Migrate applies pending migrations, each in its own transaction, while holding an advisory
// lock so that replicas starting together apply each migration once.
func Migrate(ctx context.Context, cfg *pgx.ConnConfig) error {
	ms, err := loadMigrations()
	if err != nil {
		return fmt.Errorf("load migrations: %w", err)
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		return fmt.Errorf("connect to database: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", migrationLock); err != nil {
		return fmt.Errorf("lock migrations: %w", err)
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", migrationLock) //nolint:errcheck
	if _, err := conn.Exec(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	applied := map[int]bool{}
	rows, err := conn.Query(ctx, "SELECT version FROM schema_migrations")
	if err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	for rows.Next() {
		var v int
		if err := rows.Scan(&v); err != nil {
			return err
		}
		applied[v] = true
	}
	if err := rows.Err(); err != nil {
		return err
	}
	for _, m := range ms {
		if applied[m.version] {
			continue
		}
		err := pgx.BeginFunc(ctx, conn, func(tx pgx.Tx) error {
			if _, err := tx.Exec(ctx, m.sql); err != nil {
				return err
			}
			_, err := tx.Exec(ctx, "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", m.version, m.name)
			return err
		})
		if err != nil {
			return fmt.Errorf("apply migration %s: %w", m.name, err)
		}
	}
	return nil
}

// SchemaVersion returns the highest applied migration and the highest embedded one.
func (db *DB) SchemaVersion(ctx context.Context) (applied, latest int, err error) {
	ms, err := loadMigrations()
	if err != nil {
		return 0, 0, err
	}
	if len(ms) > 0 {
		latest = ms[len(ms)-1].version
	}
	err = db.Pool.QueryRow(ctx, "SELECT coalesce(max(version), 0) FROM schema_migrations").Scan(&applied)
	return applied, latest, err
}

// Ping checks that the database answers within d.
func (db *DB) Ping(ctx context.Context, d time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	return db.Pool.Ping(ctx)
}

var errNoRows = pgx.ErrNoRows

func isNoRows(err error) bool { return errors.Is(err, errNoRows) }
