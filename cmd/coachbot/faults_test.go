package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
)

// ownCluster starts a PostgreSQL cluster of the test's own (scripts/pg.sh), which the test may
// restart without disturbing the others, and returns its server URL and a restart function.
func ownCluster(t *testing.T) (string, func(down time.Duration)) {
	t.Helper()
	pgtest.URL(t) // skip or fail as the other PostgreSQL tests do
	_, file, _, _ := runtime.Caller(0)
	script := filepath.Join(filepath.Dir(file), "..", "..", "scripts", "pg.sh")
	dir, err := os.MkdirTemp("", "coachbot-fault-pg")
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("bash", script, "start", dir).Output()
	if err != nil {
		t.Fatalf("start a cluster: %v", err)
	}
	t.Cleanup(func() { exec.Command("bash", script, "stop", dir).Run() })
	line := strings.TrimSpace(string(out))
	url := strings.Trim(line[strings.Index(line, "=")+1:], "'")
	return url, func(down time.Duration) {
		cmd := exec.Command("bash", script, "restart", dir)
		cmd.Env = append(os.Environ(), fmt.Sprintf("PG_DOWN_SECONDS=%d", int(down.Seconds())))
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("restart: %v\n%s", err, out)
		}
	}
}

// PostgreSQL restarted in the middle of traffic: the pool reconnects, and no message is lost
// or answered twice, nor answered with an apology. Once restarted at once, once down for five
// seconds (within the core's 15 s of retries).
func TestPostgresRestartLosesNothing(t *testing.T) {
	for _, down := range []time.Duration{0, 5 * time.Second} {
		t.Run(fmt.Sprintf("down %v", down), func(t *testing.T) { restartDuringTraffic(t, down) })
	}
}

func restartDuringTraffic(t *testing.T, down time.Duration) {
	server, restart := ownCluster(t)
	tg := telegramtest.New(t)
	env := map[string]string{"TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_URL": tg.URL(), "COACHBOT_HTTP_ADDR": freeAddr(t),
		"COACHBOT_DATABASE_URL": server, "COACHBOT_LOG_LEVEL": "warn"}
	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuilder
	done := make(chan struct{})
	go func() {
		m := &Main{Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &logs, Getenv: func(k string) string { return env[k] }}
		if err := m.Run(ctx, []string{"serve"}); err != nil {
			t.Errorf("serve: %v", err)
		}
		m.Close()
		close(done)
	}()
	defer func() {
		cancel()
		<-done
		if t.Failed() {
			for c := range 8 {
				var got []string
				for _, s := range tg.SentTo(int64(5000 + c)) {
					got = append(got, firstLine(s.Visible))
				}
				t.Logf("chat %d: %q", c, got)
			}
			t.Logf("logs:\n%s", logs.String())
		}
	}()
	waitReady(t, tg, env["COACHBOT_HTTP_ADDR"])
	const chats, rounds = 8, 6
	texts := []string{"bonjour", "Comment créer ma fiche Google ?", "merci !"}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for r := range rounds {
			for c := range chats {
				tg.PushMessage(int64(5000+c), int64(5000+c), texts[r%len(texts)])
			}
			time.Sleep(150 * time.Millisecond)
		}
	}()
	time.Sleep(300 * time.Millisecond)
	restart(down) // in the middle of the traffic
	wg.Wait()
	tg.Wait(t, 90*time.Second, "every reply", func() bool {
		for c := range chats {
			if len(tg.SentTo(int64(5000+c))) < rounds {
				return false
			}
		}
		return true
	})
	time.Sleep(time.Second)
	markers := []string{"Quelle est votre question", "Sources", "Avec plaisir"}
	for c := range chats {
		sent := tg.SentTo(int64(5000 + c))
		if len(sent) != rounds {
			t.Errorf("chat %d: %d replies for %d messages", c, len(sent), rounds)
			continue
		}
		for i, s := range sent {
			if !strings.Contains(s.Visible, markers[i%len(markers)]) {
				t.Errorf("chat %d, reply %d: want %q, got %q", c, i+1, markers[i%len(markers)], firstLine(s.Visible))
			}
		}
	}
}
