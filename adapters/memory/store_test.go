package memory

import (
	"testing"

	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/bot/bottest"
)

func TestStoreSuite(t *testing.T) {
	bottest.RunStoreSuite(t, func(t *testing.T) bot.Store { return NewStore() })
}
