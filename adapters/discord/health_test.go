package discord

import (
	"testing"

	"github.com/bwmarrin/discordgo"
	"github.com/coachbot/coachbot/adapters/memory"
)

func TestGatewayHealthFlag(t *testing.T) {
	a, err := New(Config{Token: "x"}, nil, memory.NewStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Ready() {
		t.Error("ready before the gateway said so")
	}
	a.onReady(a.s, &discordgo.Ready{User: &discordgo.User{ID: "42"}})
	if !a.Ready() || a.application() != "42" {
		t.Error("not ready after Ready, or application unknown")
	}
	a.onDisconnect(a.s, &discordgo.Disconnect{})
	if a.Ready() || a.disconnectedAt.Load() == 0 {
		t.Error("still ready after a disconnection")
	}
	a.onResumed(a.s, &discordgo.Resumed{})
	if !a.Ready() || a.disconnectedAt.Load() != 0 {
		t.Error("not ready after Resumed")
	}
	if _, err := New(Config{Token: "x", ShardID: 2, ShardCount: 2}, nil, memory.NewStore(), nil); err == nil {
		t.Error("shard 2 of 2 accepted")
	}
}

// Each replica identifies to the gateway as its own shard (discordgo sends ShardID and
// ShardCount in its Identify): Discord then sends it the events of its share of the servers
// (direct messages go to shard 0).
func TestShardIdentify(t *testing.T) {
	a, err := New(Config{Token: "x", ShardID: 1, ShardCount: 3}, nil, memory.NewStore(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := a.Session(); s.ShardID != 1 || s.ShardCount != 3 {
		t.Errorf("session shard %d of %d, want 1 of 3", s.ShardID, s.ShardCount)
	}
}
