package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
)

// coachbot bench runs end to end on a small corpus and reports every figure of the table.
func TestBenchCommand(t *testing.T) {
	env := map[string]string{"COACHBOT_BENCH_DATABASE_URL": pgtest.URL(t)}
	dir := t.TempDir()
	js := filepath.Join(dir, "bench.json")
	out, stderr, err := run(t, env, "", "bench", "--sizes", "600", "--baseline-sizes", "600", "--questions", "30",
		"--messages", "40", "--concurrency", "2", "--rate", "40", "--open-for", "500ms", "--ef-sweep", "40", "--json", js)
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	for _, want := range []string{"## Ingestion and retrieval", "| 6", "## Messages through the core", "| memory | 2 |", "| postgres | 2 |", "| 40 |"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	b, err := os.ReadFile(js)
	if err != nil {
		t.Fatal(err)
	}
	var rep BenchReport
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	s := rep.Sizes[0]
	if s.Chunks < 600 || s.IngestRate <= 0 || s.BaselineRate <= 0 || s.RecallAt10 <= 0 || s.HNSW.N != 30 || s.Exact.N != 30 ||
		s.HybridPostgres.N != 30 || s.HybridMemory.N != 30 || s.DatabaseMB <= 0 || s.KnownAnswerAt10 <= 0 {
		t.Errorf("size result %+v", s)
	}
	if len(rep.Messages) != 2 || rep.Messages[1].Messages != 40 || rep.Messages[1].AchievedRate <= 0 {
		t.Errorf("messages %+v", rep.Messages)
	}
	// no database is left behind
	if strings.Contains(stderr, "kept database") {
		t.Error("a database was kept")
	}
}
