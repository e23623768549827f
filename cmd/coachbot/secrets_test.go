package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/openai/openaitest"
	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
)

// syncBuilder is a strings.Builder safe for the concurrent writes of a server's logs.
type syncBuilder struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuilder) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuilder) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A full owner journey on Telegram, with a language model configured: the logs never contain
// the bot token, the API key or the webhook secret, at any level; at info level they contain
// none of what the owner wrote.
func TestLogsNeverContainSecretsNorMessages(t *testing.T) {
	const apiKey = "sk-proj-7hS3cr3tK3yF0rL0gScan"
	llm := openaitest.New(t)
	llm.AllowAnyKey()
	keyFile := filepath.Join(t.TempDir(), "key")
	if err := os.WriteFile(keyFile, []byte(apiKey+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	private := []string{"Boulangerie Dupont-Secret", "75011", "06 12 34 56 78", "dupont.secret@example.com"}
	for _, level := range []string{"debug", "info"} {
		t.Run(level, func(t *testing.T) {
			tg := telegramtest.New(t)
			env := map[string]string{
				"TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_URL": tg.URL(), "COACHBOT_HTTP_ADDR": "127.0.0.1:0",
				"OPENAI_API_KEY_FILE": keyFile, "OPENAI_BASE_URL": llm.URL(), "COACHBOT_CHAT_MODEL": "m",
				"COACHBOT_LOG_LEVEL": level, "COACHBOT_LOG_FORMAT": "json",
			}
			var logs syncBuilder
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() {
				m := &Main{Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &logs, Getenv: func(k string) string { return env[k] }}
				err := m.Run(ctx, []string{"serve"})
				m.Close()
				done <- err
			}()
			const chat = 4242
			say := func(text string, want int) {
				tg.PushMessage(chat, chat, text)
				tg.Wait(t, 20*time.Second, "a reply to "+text, func() bool { return len(tg.SentTo(chat)) >= want })
			}
			// errors are logged too: a failing Bot API call names its URL, which holds the token
			tg.FailNext("sendMessage", 1, 502, "Bad Gateway", 0)
			say("/start", 1)
			say("Comment créer ma fiche Google ? Mon numéro est le 06 12 34 56 78, écrivez à dupont.secret@example.com", 2)
			say("je voudrais parler à un coach", 3)
			say("Boulangerie Dupont-Secret", 4)
			say("75011", 5)
			sent := tg.SentTo(chat)
			last := sent[len(sent)-1]
			if len(last.Keyboard) == 0 || len(last.Keyboard[0]) == 0 {
				t.Fatalf("no slot offered: %q", last.Visible)
			}
			tg.PushCallback(chat, chat, last.MessageID, last.Keyboard[0][0].Data)
			tg.Wait(t, 20*time.Second, "the booking", func() bool {
				s := tg.SentTo(chat)
				return strings.Contains(s[len(s)-1].Visible, "RDV-")
			})
			say("/mesdonnees", len(tg.SentTo(chat))+1)
			cancel()
			select {
			case <-done:
			case <-time.After(20 * time.Second):
				t.Fatal("serve did not stop")
			}
			out := logs.String()
			if !strings.Contains(out, `"level"`) {
				t.Fatalf("no JSON logs:\n%s", out)
			}
			secrets := []string{tg.Token(), strings.SplitN(tg.Token(), ":", 2)[1], apiKey, strings.TrimPrefix(apiKey, "sk-")}
			for _, s := range secrets {
				if strings.Contains(out, s) {
					t.Errorf("the logs contain a secret (%d characters)", len(s))
				}
			}
			if level == "info" {
				for _, p := range private {
					if strings.Contains(out, p) {
						t.Errorf("the info logs contain what the owner wrote: %q", p)
					}
				}
			}
		})
	}
}
