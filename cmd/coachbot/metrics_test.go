package main

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
)

// A 429 from Telegram is waited out and counted on /metrics, with the message it delayed.
func TestMetricsCountPlatform429(t *testing.T) {
	tg := telegramtest.New(t)
	addr := freeAddr(t)
	env := map[string]string{"TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_URL": tg.URL(), "COACHBOT_HTTP_ADDR": addr}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		run2(ctx, env)
		close(done)
	}()
	defer func() { cancel(); <-done }()
	tg.FailNext("sendMessage", 1, 429, "Too Many Requests: retry after 1", 1)
	tg.PushMessage(4343, 4343, "bonjour")
	tg.Wait(t, 20*time.Second, "the reply after the 429", func() bool { return len(tg.SentTo(4343)) == 1 })
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	for _, want := range []string{
		`coachbot_platform_rate_limited_total{channel="telegram"} 1`,
		`coachbot_messages_total{channel="telegram",outcome="out_of_scope"} 1`,
	} {
		if !strings.Contains(string(body), want) {
			t.Errorf("/metrics lacks %q:\n%s", want, body)
		}
	}
}
