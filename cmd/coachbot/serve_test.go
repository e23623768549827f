package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
)

// coachbot serve with TELEGRAM_BOT_TOKEN and TELEGRAM_API_URL and nothing else answers on
// Telegram, on the embedded default.
func TestServeTelegramWithNothingElse(t *testing.T) {
	srv := telegramtest.New(t)
	env := map[string]string{"TELEGRAM_BOT_TOKEN": srv.Token(), "TELEGRAM_API_URL": srv.URL(), "COACHBOT_HTTP_ADDR": "127.0.0.1:0"}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, stderr, err := run2(ctx, env)
		if err != nil {
			t.Logf("stderr: %s", stderr)
		}
		done <- err
	}()
	srv.PushMessage(777, 777, "Comment créer ma fiche Google ?")
	srv.Wait(t, 20*time.Second, "an answer", func() bool { return len(srv.SentTo(777)) >= 1 })
	if got := srv.SentTo(777)[0].Visible; !strings.Contains(got, "Sources") {
		t.Errorf("answer: %q", got)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
}

func run2(ctx context.Context, env map[string]string) (string, string, error) {
	var out, errb strings.Builder
	m := &Main{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	err := m.Run(ctx, []string{"serve"})
	m.Close()
	return out.String(), errb.String(), err
}

// coachbot health answers for a running serve: alive, and ready once the adapters are.
func TestHealthCommand(t *testing.T) {
	srv := telegramtest.New(t)
	// The port is chosen free, then released for serve to take: another test may take it in
	// between, so a serve that cannot listen is started again on another port.
	for attempt := 1; ; attempt++ {
		addr := freeAddr(t)
		if _, _, err := run(t, map[string]string{"COACHBOT_HTTP_ADDR": addr}, "", "health"); err == nil {
			t.Fatal("health succeeded with nothing listening")
		}
		env := map[string]string{"TELEGRAM_BOT_TOKEN": srv.Token(), "TELEGRAM_API_URL": srv.URL(), "COACHBOT_HTTP_ADDR": addr}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		var stderr string
		go func() {
			var err error
			_, stderr, err = run2(ctx, env)
			done <- err
		}()
		var serveErr error
		exited := false
		srv.Wait(t, 20*time.Second, "a ready serve", func() bool {
			select {
			case serveErr = <-done:
				exited = true
				return true
			default:
			}
			out, _, err := run(t, env, "", "health", "--ready")
			return err == nil && strings.Contains(out, "ready")
		})
		if exited {
			cancel()
			if serveErr != nil && strings.Contains(serveErr.Error(), "listen on") && attempt < 3 {
				t.Logf("attempt %d: %v", attempt, serveErr)
				continue
			}
			t.Fatalf("serve stopped before it was ready: %v\n%s", serveErr, stderr)
		}
		if out, _, err := run(t, env, "", "health"); err != nil || !strings.Contains(out, "ok") {
			t.Errorf("health: %v %q", err, out)
		}
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
		return
	}
}
