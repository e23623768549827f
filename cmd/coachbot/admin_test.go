package main

import (
	"strings"
	"testing"

	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
)

// The staff commands, end to end on PostgreSQL: register a coach, publish slots and a
// workshop, let an owner escalate through `ask`, then read cases and the report.
func TestStaffCommands(t *testing.T) {
	env := map[string]string{"COACHBOT_DATABASE_URL": pgtest.NewDatabase(t)}
	must := func(args ...string) string {
		t.Helper()
		out, stderr, err := run(t, env, "", args...)
		if err != nil {
			t.Fatalf("%v: %v\n%s", args, err, stderr)
		}
		return out
	}
	out := must("coach", "add", "--name", "Camille", "--channel", "telegram", "--user", "4242", "--regions", "IDF,hdf", "--address", "CCI Paris")
	if !strings.Contains(out, "coach 1 added: Camille") {
		t.Errorf("coach add: %q", out)
	}
	if _, _, err := run(t, env, "", "coach", "add", "--name", "Double", "--channel", "telegram", "--user", "4242"); err == nil {
		t.Error("the same identity was registered twice")
	}
	if _, _, err := run(t, env, "", "coach", "add", "--name", "X", "--channel", "fax", "--user", "1"); err == nil {
		t.Error("an unknown channel was accepted")
	}
	if _, _, err := run(t, env, "", "coach", "add", "--name", "X", "--channel", "discord", "--user", "1", "--regions", "XYZ"); err == nil {
		t.Error("an unknown region was accepted")
	}
	if out := must("coach", "list"); !strings.Contains(out, "Camille") || !strings.Contains(out, "IDF,HDF") {
		t.Errorf("coach list: %q", out)
	}
	out = must("slots", "add", "--coach", "1", "--pattern", "samedi 9h-12h, créneaux de 45 min, 2 semaines")
	if !strings.Contains(out, "8 slots added for Camille") {
		t.Errorf("slots add: %q", out)
	}
	if _, _, err := run(t, env, "", "slots", "add", "--coach", "1", "--pattern", "samedi 10h-11h, 30 min, 1 semaine"); err == nil {
		t.Error("overlapping slots were accepted")
	}
	if out := must("slots", "list", "--coach", "1"); strings.Count(out, "\n") != 9 {
		t.Errorf("slots list: want a header and 8 slots:\n%s", out)
	}
	out = must("workshops", "add", "--title", "Fiche Google", "--at", "2030-01-15 09:00", "--mode", "sur_place", "--place", "CCI Lille", "--region", "HDF", "--topic", "fiche-etablissement", "--capacity", "12")
	if !strings.Contains(out, "workshop 1 added") {
		t.Errorf("workshops add: %q", out)
	}
	if _, _, err := run(t, env, "", "workshops", "add", "--title", "X", "--at", "demain", "--capacity", "3"); err == nil {
		t.Error("a workshop without a valid date was accepted")
	}
	if out := must("workshops", "list"); !strings.Contains(out, "Fiche Google") || !strings.Contains(out, "0/12") {
		t.Errorf("workshops list: %q", out)
	}
	must("ask", "--json", "je veux parler a un conseiller svp")
	if out := must("cases", "list"); !strings.Contains(out, "explicit_request") || !strings.Contains(out, "open") {
		t.Errorf("cases list: %q", out)
	}
	if out := must("cases", "show", "1"); !strings.Contains(out, "Cas n° 1") || !strings.Contains(out, "Motif : demande à parler à un coach") {
		t.Errorf("cases show: %q", out)
	}
	if out := must("report", "--days", "1"); !strings.Contains(out, "1 escalations") || !strings.Contains(out, "explicit_request") {
		t.Errorf("report: %q", out)
	}
	if out := must("report", "--json"); !strings.Contains(out, `"escalation_rate"`) {
		t.Errorf("report --json: %q", out)
	}
	if out := must("purge"); !strings.Contains(out, "0 conversations older than 180 days deleted") {
		t.Errorf("purge: %q", out)
	}
	must("coach", "disable", "1")
	if out := must("coach", "list"); !strings.Contains(out, "false") {
		t.Errorf("coach disable: %q", out)
	}
}

func TestStaffCommandsNeedADatabase(t *testing.T) {
	for _, args := range [][]string{{"coach", "list"}, {"cases", "list"}, {"report"}, {"purge"}} {
		_, _, err := run(t, nil, "", args...)
		if err == nil || !strings.Contains(err.Error(), "COACHBOT_DATABASE_URL") {
			t.Errorf("%v without a database: %v", args, err)
		}
	}
}
