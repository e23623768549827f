package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
)

// run executes the binary's Main with the given environment and standard input.
func run(t *testing.T, env map[string]string, stdin string, args ...string) (string, string, error) {
	t.Helper()
	var out, errb bytes.Buffer
	m := &Main{
		Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &errb,
		Getenv: func(k string) string { return env[k] },
	}
	err := m.Run(context.Background(), args)
	m.Close()
	return out.String(), errb.String(), err
}

// The keys of `ask --json`, in the order of the contract (DESIGN.md).
var contractKeys = []string{"question", "outcome", "answer", "sources", "escalate", "escalation_reason", "latency_ms"}

func checkContract(t *testing.T, line string) map[string]any {
	t.Helper()
	var obj map[string]any
	if err := json.Unmarshal([]byte(line), &obj); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, line)
	}
	dec := json.NewDecoder(strings.NewReader(line))
	dec.Token()
	var keys []string
	for dec.More() {
		k, _ := dec.Token()
		keys = append(keys, k.(string))
		var skip json.RawMessage
		dec.Decode(&skip)
	}
	if strings.Join(keys, ",") != strings.Join(contractKeys, ",") {
		t.Errorf("keys: got %v, want %v", keys, contractKeys)
	}
	srcs, ok := obj["sources"].([]any)
	if !ok {
		t.Fatalf("sources is %T, want an array (never null)", obj["sources"])
	}
	for _, s := range srcs {
		m := s.(map[string]any)
		for _, k := range []string{"guide", "title", "topic", "url", "score"} {
			if _, ok := m[k]; !ok {
				t.Errorf("source lacks %q: %v", k, m)
			}
		}
	}
	if _, ok := obj["latency_ms"].(float64); !ok {
		t.Errorf("latency_ms is %T, want a number", obj["latency_ms"])
	}
	return obj
}

func TestAskJSONFollowsTheContract(t *testing.T) {
	out, _, err := run(t, nil, "", "ask", "--json", "Comment créer ma fiche Google ?")
	if err != nil {
		t.Fatal(err)
	}
	obj := checkContract(t, strings.TrimSpace(out))
	if obj["outcome"] != "answered" || obj["question"] != "Comment créer ma fiche Google ?" {
		t.Errorf("got %v", obj)
	}
	if srcs := obj["sources"].([]any); len(srcs) == 0 || srcs[0].(map[string]any)["guide"] != "creer-fiche-google" {
		t.Errorf("first source: got %v, want creer-fiche-google", srcs)
	}
}

func TestAskBatchAnswersEachLine(t *testing.T) {
	in := "Comment créer ma fiche Google ?\n\nquelle est la recette de la blanquette ?\r\nbonjour\n"
	out, _, err := run(t, nil, in, "ask", "--json", "-")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines, want 3:\n%s", len(lines), out)
	}
	want := []string{"answered", "out_of_scope", "out_of_scope"}
	for i, l := range lines {
		if obj := checkContract(t, l); obj["outcome"] != want[i] {
			t.Errorf("line %d: outcome %v, want %s", i+1, obj["outcome"], want[i])
		}
	}
}

func TestAskText(t *testing.T) {
	out, _, err := run(t, nil, "", "ask", "combien", "coute", "un", "site", "vitrine")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Sources :") || !strings.Contains(out, "[1] ") {
		t.Errorf("text answer without sources:\n%s", out)
	}
}

// --guides answers from another directory, of pages with little or no front matter.
func TestAskFromAnotherDirectory(t *testing.T) {
	tests := []struct {
		q, outcome, guide string
	}{
		{"a quelle heure ouvre la mairie le samedi", "answered", "horaires-mairie"},
		{"quelles pieces apporter pour refaire ma carte didentite ?", "answered", "carte-identite"},
		{"combien coute la vignette pour se garer en centre ville ?", "answered", "stationnement"},
		{"collecte des encombrants, faut il s inscrire ?", "answered", "encombrants"},
		{"comment créer ma fiche Google ?", "out_of_scope", ""},
		{"quelle est la capitale de l'australie", "out_of_scope", ""},
	}
	var in strings.Builder
	for _, tt := range tests {
		in.WriteString(tt.q + "\n")
	}
	out, _, err := run(t, nil, in.String(), "ask", "--guides", "testdata/faq", "--json", "-")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != len(tests) {
		t.Fatalf("got %d answers for %d questions", len(lines), len(tests))
	}
	for i, tt := range tests {
		obj := checkContract(t, lines[i])
		if obj["outcome"] != tt.outcome {
			t.Errorf("%q: outcome %v, want %s (%v)", tt.q, obj["outcome"], tt.outcome, obj["answer"])
			continue
		}
		if tt.guide != "" {
			srcs := obj["sources"].([]any)
			if len(srcs) == 0 || srcs[0].(map[string]any)["guide"] != tt.guide {
				t.Errorf("%q: sources %v, want %s first", tt.q, srcs, tt.guide)
			}
		}
	}
}

func TestUsageErrors(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}, {"ask"}, {"chat", "extra"}} {
		if _, _, err := run(t, nil, "", args...); err == nil {
			t.Errorf("%v: no error", args)
		}
	}
	for _, cmd := range []string{"chat", "ask", "ingest"} {
		_, stderr, err := run(t, nil, "", cmd, "--help")
		if err == nil || !strings.Contains(stderr, "Usage: coachbot "+cmd) {
			t.Errorf("%s --help: got %v %q", cmd, err, stderr)
		}
	}
}

func TestInvalidConfigurationIsReportedAtOnce(t *testing.T) {
	env := map[string]string{"COACHBOT_LOG_LEVEL": "loud", "COACHBOT_RETENTION_DAYS": "-3", "COACHBOT_DATABASE_URL": "mysql://x"}
	_, _, err := run(t, env, "", "ask", "bonjour")
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"COACHBOT_LOG_LEVEL", "COACHBOT_RETENTION_DAYS", "COACHBOT_DATABASE_URL"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %s: %v", want, err)
		}
	}
}

func TestIngestNamesTheFileAndFieldOfInvalidGuides(t *testing.T) {
	_, _, err := run(t, nil, "", "ingest", "--check", "--dir", "testdata/invalid")
	if err == nil {
		t.Fatal("invalid guides accepted")
	}
	for _, want := range []string{"bad-guide.md", "bad-fields.md", `field "id"`, `field "url"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
	out, _, err := run(t, nil, "", "ingest", "--check")
	if err != nil || !strings.Contains(out, "guides are valid") {
		t.Errorf("bundled guides: %v %q", err, out)
	}
}

func TestIngestTwiceChangesNothingTheSecondTime(t *testing.T) {
	env := map[string]string{"COACHBOT_DATABASE_URL": pgtest.NewDatabase(t)}
	out, stderr, err := run(t, env, "", "ingest", "--json")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(out), &first); err != nil {
		t.Fatal(err)
	}
	out, _, err = run(t, env, "", "ingest", "--json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(out), &second); err != nil {
		t.Fatal(err)
	}
	if first["added"].(float64) == 0 || second["added"].(float64) != 0 || second["removed"].(float64) != 0 || second["unchanged"] != first["chunks"] {
		t.Errorf("first %v\nsecond %v", first, second)
	}
	// Text summary, and a directory replacing the bundled guides.
	out, _, err = run(t, env, "", "ingest", "--dir", "testdata/faq")
	if err != nil || !strings.Contains(out, "5 guides") || !strings.Contains(out, "removed") {
		t.Errorf("ingest --dir: %v %q", err, out)
	}
}

// ask answers the same on PostgreSQL as on the embedded default.
func TestAskOnPostgresMatchesMemory(t *testing.T) {
	env := map[string]string{"COACHBOT_DATABASE_URL": pgtest.NewDatabase(t)}
	qs := "Comment créer ma fiche Google ?\nc koi le rgpd\nrecette de la blanquette\njveux faire de la pub sur insta c cher ?\n"
	pg, stderr, err := run(t, env, qs, "ask", "--json", "-")
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	mem, _, err := run(t, nil, qs, "ask", "--json", "-")
	if err != nil {
		t.Fatal(err)
	}
	pl, ml := strings.Split(strings.TrimSpace(pg), "\n"), strings.Split(strings.TrimSpace(mem), "\n")
	if len(pl) != 4 || len(ml) != 4 {
		t.Fatalf("got %d and %d lines", len(pl), len(ml))
	}
	for i := range pl {
		a, b := checkContract(t, pl[i]), checkContract(t, ml[i])
		delete(a, "latency_ms")
		delete(b, "latency_ms")
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if string(ja) != string(jb) {
			t.Errorf("postgres and memory differ:\n%s\n%s", ja, jb)
		}
	}
}

func TestChatTranscript(t *testing.T) {
	in := "bonjour\nComment créer ma fiche Google ?\n1\n/quitter\nne doit pas être lu\n"
	out, _, err := run(t, nil, in, "chat", "--user", "test")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Quelle est votre question", "Sources :", "(Cela m'a aidé)", "Avec plaisir"} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "ne doit pas") {
		t.Error("input after /quitter was read")
	}
}

func TestMain(m *testing.M) {
	os.Exit(m.Run())
}

// The whole path of issue 3 in `coachbot chat` with no configuration: question, request for a
// coach, activity, postal code, slot by number, confirmation with .ics, listing, the coach side
// as the demo coach, cancelling.
func TestChatBookingJourney(t *testing.T) {
	in := strings.Join([]string{
		"comment avoir plus d avis google",
		"je voudrais parler a un coach",
		"je suis fleuriste",
		"75011",
		"1",
		"/rdv",
		"/moi coach",
		"/cas",
		"/prendre 1",
		"/repondre 1 Bonjour, à vendredi !",
		"/moi patron",
		"/annuler",
		"1",
		"/quitter",
	}, "\n") + "\n"
	out, _, err := run(t, nil, in, "chat", "--user", "marie")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"Sources :", "quelle est votre activité", "Quel est votre code postal", "Voici les prochains créneaux libres",
		"message pour Camille (démo), coach", "Activité : fleuriste", "C'est réservé :", "Référence : RDV-",
		"Fichier joint :", ".ics", "Vos rendez-vous", "Vous écrivez maintenant en tant que Camille (démo)",
		"n° 1 · ouvert · fleuriste (Île-de-France)", "Vous prenez en charge le cas n° 1",
		"message pour vous (chef d'entreprise)", "Message de Camille (démo), votre coach (cas n° 1)", "« Bonjour, à vendredi ! »",
		"est annulé ; le coach est prévenu",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("transcript lacks %q", want)
		}
	}
	if t.Failed() {
		t.Log(out)
	}
}
