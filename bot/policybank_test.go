package bot

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/bot/policy"
)

// bankMessage is one line of policy/testdata/escalation_bank.jsonl.
type bankMessage struct {
	Text, Outcome, Reason, Kind string
}

func loadEscalationBank(t *testing.T) []bankMessage {
	t.Helper()
	data, err := os.ReadFile("policy/testdata/escalation_bank.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var bank []bankMessage
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var m bankMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("escalation_bank.jsonl line %d: %v", i+1, err)
		}
		bank = append(bank, m)
	}
	return bank
}

// TestEscalationBank runs the tuning bank (testdata/escalation_bank.jsonl, written for this
// policy: requests for a person, remit limits, frustration, small talk and ordinary digital
// questions, many with the same risky words) through the two deterministic classifiers the core
// applies first, in the core's order: small talk, then the escalation policy. An ordinary
// question must never be caught (precision stays perfect); the rest must nearly all be.
func TestEscalationBank(t *testing.T) {
	bank := loadEscalationBank(t)
	if len(bank) < 650 {
		t.Fatalf("the bank has %d messages, want at least 650", len(bank))
	}
	type tally struct{ right, all int }
	perKind := map[string]*tally{}
	var misses []string
	for _, m := range bank {
		talk := classifySmallTalk(m.Text)
		esc := policy.Rules(m.Text)
		var ok bool
		switch m.Outcome {
		case "answered":
			ok = talk == talkNone && esc.Reason == ""
			if !ok {
				t.Errorf("ordinary question caught: %q: small talk %q, escalation %q (matched %q)", m.Text, talk, esc.Reason, esc.Matched)
			}
		case "out_of_scope":
			ok = talk != talkNone
		case "escalated":
			ok = talk == talkNone && esc.Reason == m.Reason
		default:
			t.Fatalf("%q: unknown outcome %q", m.Text, m.Outcome)
		}
		k := perKind[m.Kind]
		if k == nil {
			k = &tally{}
			perKind[m.Kind] = k
		}
		k.all++
		if ok {
			k.right++
		} else if m.Outcome != "answered" {
			misses = append(misses, m.Kind+": "+m.Text+" → small talk "+talk+", escalation "+esc.Reason)
		}
	}
	right := 0
	for kind, k := range perKind {
		right += k.right
		t.Logf("  %-12s %d/%d", kind, k.right, k.all)
	}
	t.Logf("%d/%d messages classified as labelled", right, len(bank))
	if float64(right) < 0.97*float64(len(bank)) {
		for _, m := range misses {
			t.Log(m)
		}
		t.Errorf("%d/%d right, want at least 97%%", right, len(bank))
	}
}
