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
