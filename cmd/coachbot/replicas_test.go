package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
	"github.com/coachbot/coachbot/bot"
)

// waitReady waits until the serve process listening on addr answers /readyz with 200 (the
// condition is checked at each change of the Bot API server, which polling keeps changing).
func waitReady(t *testing.T, tg *telegramtest.Server, addr string) {
	t.Helper()
	tg.Wait(t, 60*time.Second, "serve ready at "+addr, func() bool {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err != nil {
			return false
		}
		resp.Body.Close()
		return resp.StatusCode == http.StatusOK
	})
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// Two serve processes on one PostgreSQL, in webhook mode behind a load balancer that spreads
// the updates over them and delivers some twice: every message is answered exactly once, and
// the replies of a chat come in the order of its messages.
func TestTwoReplicasAnswerEachUpdateOnceInOrder(t *testing.T) {
	tg := telegramtest.New(t)
	db := pgtest.NewDatabase(t)
	addrs := []string{freeAddr(t), freeAddr(t)}
	var n atomic.Int64
	client := &http.Client{Timeout: 10 * time.Second}
	lb := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		i := int(n.Add(1))
		forward := func(addr string) (*http.Response, error) {
			req, _ := http.NewRequestWithContext(r.Context(), r.Method, "http://"+addr+r.URL.Path, bytes.NewReader(body))
			req.Header = r.Header.Clone()
			return client.Do(req)
		}
		if i%4 == 0 {
			// a retrying balancer: the other replica gets the same update too
			go func() {
				if resp, err := forward(addrs[(i+1)%2]); err == nil {
					resp.Body.Close()
				}
			}()
		}
		resp, err := forward(addrs[i%2])
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		w.WriteHeader(resp.StatusCode)
		io.Copy(w, resp.Body)
	}))
	defer lb.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	for i, addr := range addrs {
		env := map[string]string{"TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_URL": tg.URL(), "COACHBOT_HTTP_ADDR": addr,
			"TELEGRAM_WEBHOOK_URL": lb.URL + "/telegram/webhook", "TELEGRAM_WEBHOOK_SECRET": "replica_secret-1",
			"COACHBOT_DATABASE_URL": db, "COACHBOT_LOG_LEVEL": "warn"}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, stderr, err := run2(ctx, env); err != nil {
				t.Errorf("replica %d: %v\n%s", i, err, stderr)
			}
		}()
	}
	defer func() {
		cancel()
		wg.Wait()
	}()
	// both replicas up and ready before the traffic
	for _, addr := range addrs {
		waitReady(t, tg, addr)
	}
	script := []struct{ text, marker string }{
		{"bonjour", "Quelle est votre question"},
		{"Comment créer ma fiche Google ?", "Sources"},
		{"merci !", "Avec plaisir"},
		{"qui a gagné le match de foot hier soir", "Je ne peux pas vous aider"},
	}
	const chats = 12
	for _, step := range script {
		for c := range chats {
			tg.PushMessage(int64(9000+c), int64(9000+c), step.text)
		}
	}
	tg.Wait(t, 60*time.Second, "every reply", func() bool {
		for c := range chats {
			if len(tg.SentTo(int64(9000+c))) < len(script) {
				return false
			}
		}
		return true
	})
	time.Sleep(500 * time.Millisecond) // a duplicate would show now
	for c := range chats {
		sent := tg.SentTo(int64(9000 + c))
		if len(sent) != len(script) {
			var got []string
			for _, s := range sent {
				got = append(got, firstLine(s.Visible))
			}
			t.Errorf("chat %d: %d replies for %d messages: %q", c, len(sent), len(script), got)
			continue
		}
		for i, step := range script {
			if !strings.Contains(sent[i].Visible, step.marker) {
				t.Errorf("chat %d, reply %d: want %q, got %q", c, i+1, step.marker, firstLine(sent[i].Visible))
			}
		}
	}
	if d := n.Load(); d < int64(chats*len(script)) {
		t.Errorf("the balancer saw %d deliveries for %d updates", d, chats*len(script))
	}
	t.Logf("%d deliveries through the balancer, %d of them duplicated", n.Load(), n.Load()/4)
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return fmt.Sprintf("%.60s", s)
}

// Reminders are a scheduled job too: two replicas on one PostgreSQL send each of them once.
func TestTwoReplicasRemindOnce(t *testing.T) {
	tg := telegramtest.New(t)
	db := pgtest.NewDatabase(t)
	ctx := context.Background()
	pg, err := postgres.Open(ctx, db, postgres.Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := postgres.NewStore(pg)
	c, err := st.AddCoach(ctx, bot.Coach{Name: "Camille", Channel: bot.ChannelTelegram, UserID: "9100", Regions: []string{"IDF"}, Active: true})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now().Add(5 * time.Hour).Truncate(time.Minute)
	var slots []bot.Slot
	for i := range 6 {
		s := start.Add(time.Duration(i) * time.Hour)
		slots = append(slots, bot.Slot{CoachID: c.ID, Start: s, End: s.Add(45 * time.Minute), Mode: bot.ModeVisio})
	}
	added, err := st.AddSlots(ctx, slots)
	if err != nil {
		t.Fatal(err)
	}
	for i, s := range added {
		chat := fmt.Sprint(9200 + i)
		if _, err := st.Book(ctx, bot.Booking{Ref: fmt.Sprintf("RDV-RAPP%d", i), SlotID: s.ID, Owner: bot.ConvKey{Channel: bot.ChannelTelegram, ChatID: chat},
			UserID: chat, CreatedAt: time.Now().Add(-30 * time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	pg.Close()
	cctx, cancel := context.WithCancel(ctx)
	var wg sync.WaitGroup
	for i := range 2 {
		env := map[string]string{"TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_URL": tg.URL(), "COACHBOT_HTTP_ADDR": freeAddr(t),
			"COACHBOT_DATABASE_URL": db, "COACHBOT_LOG_LEVEL": "warn"}
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, stderr, err := run2(cctx, env); err != nil {
				t.Errorf("replica %d: %v\n%s", i, err, stderr)
			}
		}()
	}
	defer func() { cancel(); wg.Wait() }()
	tg.Wait(t, 30*time.Second, "every owner reminded", func() bool {
		for i := range added {
			if len(tg.SentTo(int64(9200+i))) == 0 {
				return false
			}
		}
		return true
	})
	time.Sleep(2 * time.Second) // both replicas have run their first pass
	for i := range added {
		sent := tg.SentTo(int64(9200 + i))
		if len(sent) != 1 || !strings.Contains(sent[0].Visible, "Rappel : votre rendez-vous avec Camille") || !strings.Contains(sent[0].Visible, fmt.Sprintf("RDV-RAPP%d", i)) {
			t.Errorf("owner %d: %d messages: %+v", i, len(sent), sent)
		}
	}
}
