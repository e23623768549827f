package postgres_test

import (
	"testing"

	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/bot/bottest"
)

// PostgreSQL passes the same store suite as the memory store.
func TestStoreSuite(t *testing.T) {
	bottest.RunStoreSuite(t, func(t *testing.T) bot.Store { return postgres.NewStore(pgtest.Open(t)) })
}
