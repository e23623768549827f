package main

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/coachbot/coachbot/adapters/postgres/pgtest"
	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
	"github.com/coachbot/coachbot/bot"
)

// The load test: simulated owners talk to `coachbot serve` (polling mode, PostgreSQL) through
// the local Bot API server, on loopback, for a bounded time. Each owner waits for the bot's
// reply, reads it, thinks for 4 to 16 seconds (see loadThinkLo), then asks a question (most
// of the time), books a session through /coach (four owners in ten at once, then a quarter of
// the time when they have none), or cancels their booking (three times in ten when they have
// one). At the end every owner message must have had its
// reply, no reply may come twice, no slot may be booked twice, and what owners were told
// must match the database.
//
// `make test` runs it for one minute; `make load` for five minutes without the race detector,
// writing the report to docs/load.md. Settings: COACHBOT_LOAD_OWNERS (200),
// COACHBOT_LOAD_DURATION (1m), COACHBOT_LOAD_REPORT (a file to write the report to).

var loadQuestions = []string{
	"Comment créer ma fiche Google ?",
	"Comment avoir plus d'avis clients sur Google ?",
	"Faut-il un site internet pour une boulangerie ?",
	"Combien coûte un site vitrine ?",
	"Comment vendre en ligne mes produits ?",
	"Quel réseau social choisir pour mon salon de coiffure ?",
	"Comment sécuriser mes mots de passe ?",
	"Qu'est-ce que le RGPD change pour mon fichier clients ?",
	"Comment faire une newsletter ?",
	"Comment être trouvé sur Google Maps ?",
	"Que faire si on pirate ma boîte mail ?",
	"Comment répondre à un avis négatif ?",
	"Est-ce que je dois payer pour être accompagné ?",
	"Comment prendre des rendez-vous en ligne ?",
	"merci !",
	"bonjour",
}

// loadStep is one message or button press of an owner and what came back before the next.
type loadStep struct {
	kind    string // question, coach, activity, postal, slot, cancel_cmd, cancel_button
	at      time.Time
	replies []telegramtest.Sent
	first   time.Duration // until the first message of the reply
	lost    bool
}

type loadOwner struct {
	chat   int64
	postal string
	steps  []*loadStep
	booked map[string]bool // references the owner was given and did not cancel
	notes  []string        // what went wrong, for the report
	counts map[string]int  // booked, taken, cancelled, no_slots, quota, unexpected

	deadline time.Time
}

func loadSettings(t *testing.T) (owners int, dur time.Duration, report string) {
	owners, dur = 200, time.Minute
	if v := os.Getenv("COACHBOT_LOAD_OWNERS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("COACHBOT_LOAD_OWNERS=%q", v)
		}
		owners = n
	}
	if v := os.Getenv("COACHBOT_LOAD_DURATION"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			t.Fatalf("COACHBOT_LOAD_DURATION=%q", v)
		}
		dur = d
	}
	return owners, dur, os.Getenv("COACHBOT_LOAD_REPORT")
}

func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("load test: not with -short")
	}
	owners, dur, reportPath := loadSettings(t)
	db := pgtest.NewDatabase(t)
	tg := telegramtest.New(t)
	addr := freeAddr(t)
	env := map[string]string{"TELEGRAM_BOT_TOKEN": tg.Token(), "TELEGRAM_API_URL": tg.URL(), "COACHBOT_HTTP_ADDR": addr,
		"COACHBOT_DATABASE_URL": db, "COACHBOT_LOG_LEVEL": "warn"}

	// Two coaches per region, each with every half hour of four weeks of working days: far
	// more slots than owners, but every owner is offered the earliest ones, so owners of one
	// region press the same buttons.
	regions := []struct{ code, postal string }{{"IDF", "75011"}, {"PAC", "13001"}, {"ARA", "69003"}, {"HDF", "59000"}}
	coachChats := map[int64]bool{}
	for i, r := range regions {
		for j := range 2 {
			id := 90000 + int64(10*i+j)
			coachChats[id] = true
			out, stderr, err := run(t, env, "", "coach", "add", "--name", fmt.Sprintf("Coach%d%d", i, j), "--channel", "telegram",
				"--user", strconv.FormatInt(id, 10), "--regions", r.code)
			if err != nil {
				t.Fatalf("coach add: %v\n%s", err, stderr)
			}
			cid := strings.TrimSuffix(strings.Fields(out)[1], ":")
			for _, day := range []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi"} {
				if _, stderr, err := run(t, env, "", "slots", "add", "--coach", cid, "--pattern", day+" 9 h-18 h, créneaux de 30 min, 4 semaines"); err != nil {
					t.Fatalf("slots add: %v\n%s", err, stderr)
				}
			}
		}
	}

	ctx, cancel := context.WithCancel(context.Background())
	var logs syncBuilder
	done := make(chan struct{})
	go func() {
		defer close(done)
		m := &Main{Stdin: strings.NewReader(""), Stdout: &strings.Builder{}, Stderr: &logs, Getenv: func(k string) string { return env[k] }}
		if err := m.Run(ctx, []string{"serve"}); err != nil {
			t.Errorf("serve: %v", err)
		}
		m.Close()
	}()
	stopped := false
	stop := func() {
		if !stopped {
			stopped = true
			cancel()
			<-done
		}
	}
	defer stop()
	waitReady(t, tg, addr)

	start := time.Now()
	deadline := start.Add(dur)
	all := make([]*loadOwner, owners)
	var wg sync.WaitGroup
	for i := range owners {
		o := &loadOwner{chat: 700000 + int64(i), postal: regions[i%len(regions)].postal, booked: map[string]bool{}, counts: map[string]int{}, deadline: deadline}
		all[i] = o
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(i), 42))
			// owners arrive over the first ten seconds (or the first tenth of a short run)
			time.Sleep(time.Duration(rng.Int64N(int64(min(10*time.Second, dur/10)) + 1)))
			o.run(tg, rng, deadline)
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	// let late replies arrive, so that a duplicate sent after the last step is seen
	tg.Wait(t, 60*time.Second, "updates confirmed", func() bool { return tg.Pending() == 0 })
	time.Sleep(2 * time.Second)
	for _, o := range all {
		o.collectLast(tg)
	}
	metrics := scrape(t, addr)
	stop()

	r := summarise(all, elapsed)
	r.checkDatabase(t, db, all)
	for c := range coachChats {
		r.coachMessages += tg.SentCount(c)
	}
	r.metrics = metrics
	text := r.markdown(owners, dur)
	t.Log("\n" + text)
	if reportPath != "" {
		if err := os.WriteFile(reportPath, []byte(text), 0o644); err != nil {
			t.Errorf("report: %v", err)
		}
	}
	if r.lost > 0 || r.duplicated > 0 || r.doubleBookings > 0 || r.mismatch > 0 || r.quota > 0 || r.counts["unexpected"] > 0 {
		for _, o := range all {
			for _, n := range o.notes {
				t.Errorf("owner %d: %s", o.chat, n)
			}
		}
		t.Errorf("lost %d, duplicated %d, double bookings %d, owners told something the database does not hold %d, quota warnings %d, replies owners could not follow %d",
			r.lost, r.duplicated, r.doubleBookings, r.mismatch, r.quota, r.counts["unexpected"])
		t.Logf("logs:\n%s", logs.String())
	}
	if r.steps["question"] == 0 || r.counts["booked"] == 0 || r.counts["cancelled"] == 0 {
		t.Errorf("the mix did not happen: %v %v", r.steps, r.counts)
	}
}

const loadReplyTimeout = 30 * time.Second

// An owner reads and types for 4 to 16 seconds (10 on average) between messages. With 200
// owners that is about 20 messages a second, and about 25 bot messages a second with the
// confirmations' calendar files and the coaches' notifications: under the 30 messages a
// second Telegram allows a bot, which the adapter keeps to.
const loadThinkLo, loadThinkHi = 4 * time.Second, 16 * time.Second

// run is one owner's session until the deadline.
func (o *loadOwner) run(tg *telegramtest.Server, rng *rand.Rand, deadline time.Time) {
	think := func() { time.Sleep(loadThinkLo + time.Duration(rng.Int64N(int64(loadThinkHi-loadThinkLo)))) }
	if !o.say(tg, "question", "/start") {
		return
	}
	for step := 0; ; step++ {
		think()
		if time.Now().After(deadline) {
			return
		}
		var ok bool
		switch p := rng.Float64(); {
		case step == 0 && p < 0.4: // some come for a session straight away
			ok = o.book(tg, rng, think)
		case p < 0.3 && len(o.booked) > 0:
			ok = o.cancelOne(tg, rng, think)
		case p < 0.25 && len(o.booked) < 2:
			ok = o.book(tg, rng, think)
		default:
			ok = o.say(tg, "question", loadQuestions[rng.IntN(len(loadQuestions))])
		}
		if !ok {
			return // a lost reply: this owner gives up, as a real one would
		}
	}
}

// send pushes a message or a button press and waits for the first message of the reply.
func (o *loadOwner) send(tg *telegramtest.Server, kind string, push func()) *loadStep {
	o.collectLast(tg)
	s := &loadStep{kind: kind}
	before := tg.SentCount(o.chat)
	s.at = time.Now()
	push()
	for tg.SentCount(o.chat) == before {
		if time.Since(s.at) > loadReplyTimeout {
			s.lost = true
			o.notes = append(o.notes, fmt.Sprintf("no reply to a %s in %v", kind, loadReplyTimeout))
			break
		}
		time.Sleep(5 * time.Millisecond)
	}
	if !s.lost {
		s.replies = tg.SentToSince(o.chat, before)
		s.first = s.replies[0].At.Sub(s.at)
	}
	o.steps = append(o.steps, s)
	return s
}

// collectLast gathers the messages that arrived after the first one of the last step.
func (o *loadOwner) collectLast(tg *telegramtest.Server) {
	if len(o.steps) == 0 {
		return
	}
	s := o.steps[len(o.steps)-1]
	if s.lost {
		return
	}
	prior := 0
	for _, p := range o.steps[:len(o.steps)-1] {
		prior += len(p.replies)
	}
	s.replies = tg.SentToSince(o.chat, prior)
}

func (o *loadOwner) say(tg *telegramtest.Server, kind, text string) bool {
	s := o.send(tg, kind, func() { tg.PushMessage(o.chat, o.chat, text) })
	if !s.lost && strings.Contains(s.replies[0].Visible, "beaucoup de messages") {
		o.counts["quota"]++
	}
	return !s.lost
}

func (o *loadOwner) press(tg *telegramtest.Server, kind string, msg telegramtest.Sent, data string) *loadStep {
	return o.send(tg, kind, func() { tg.PushCallback(o.chat, o.chat, msg.MessageID, data) })
}

// buttons returns the callback data of a message's buttons of one kind.
func buttons(m telegramtest.Sent, kind string) []string {
	var out []string
	for _, row := range m.Keyboard {
		for _, b := range row {
			if bot.DecodeAction(b.Data).Kind == kind {
				out = append(out, b.Data)
			}
		}
	}
	return out
}

var activities = []string{"boulangerie", "plombier", "fleuriste", "salon de coiffure", "restaurant", "cabinet d'architecte"}

// book goes through /coach: activity, postal code, then one of the slots offered, again
// when someone else took it.
func (o *loadOwner) book(tg *telegramtest.Server, rng *rand.Rand, think func()) bool {
	s := o.send(tg, "coach", func() { tg.PushMessage(o.chat, o.chat, "/coach") })
	for tries := 0; ; tries++ {
		if s.lost {
			return false
		}
		m := s.replies[0]
		switch {
		case strings.Contains(m.Visible, "Référence : RDV-"):
			ref := m.Visible[strings.Index(m.Visible, "RDV-"):]
			ref = strings.Fields(ref)[0]
			o.booked[ref] = true
			o.counts["booked"]++
			return true
		case strings.Contains(m.Visible, "Aucun créneau"):
			o.counts["no_slots"]++
			return true
		case len(buttons(m, bot.ActSlot)) > 0:
			if strings.Contains(m.Visible, "vient d'être pris") {
				o.counts["taken"]++
			}
			slots := buttons(m, bot.ActSlot)
			if tries >= 10 {
				o.counts["gave_up"]++ // after ten slots taken by others, a real owner would too
				return true
			}
			if time.Now().After(o.deadline) {
				return true // the owner leaves in the middle of the booking
			}
			think()
			s = o.press(tg, "slot", m, slots[rng.IntN(len(slots))])
		case strings.Contains(m.Visible, "quelle est votre activité"):
			think()
			s = o.send(tg, "activity", func() { tg.PushMessage(o.chat, o.chat, activities[rng.IntN(len(activities))]) })
		case strings.Contains(m.Visible, "code postal"):
			think()
			s = o.send(tg, "postal", func() { tg.PushMessage(o.chat, o.chat, o.postal) })
		default:
			o.counts["unexpected"]++
			o.notes = append(o.notes, fmt.Sprintf("unexpected reply while booking: %q", firstLine(m.Visible)))
			return true
		}
	}
}

// cancelOne cancels one of the owner's bookings with /annuler and its button.
func (o *loadOwner) cancelOne(tg *telegramtest.Server, rng *rand.Rand, think func()) bool {
	s := o.send(tg, "cancel_cmd", func() { tg.PushMessage(o.chat, o.chat, "/annuler") })
	if s.lost {
		return false
	}
	m := s.replies[0]
	choices := buttons(m, bot.ActCancel)
	if len(choices) == 0 {
		o.counts["unexpected"]++
		o.notes = append(o.notes, fmt.Sprintf("/annuler with %d bookings offered nothing to cancel: %q", len(o.booked), firstLine(m.Visible)))
		return true
	}
	think()
	s = o.press(tg, "cancel_button", m, choices[rng.IntN(len(choices))])
	if s.lost {
		return false
	}
	v := s.replies[0].Visible
	i := strings.Index(v, "réf. ")
	if !strings.Contains(v, "est annulé") || i < 0 {
		o.counts["unexpected"]++
		o.notes = append(o.notes, fmt.Sprintf("unexpected reply to a cancellation: %q", firstLine(v)))
		return true
	}
	ref := strings.TrimRight(strings.Fields(v[i+len("réf. "):])[0], ")")
	if !o.booked[ref] {
		o.notes = append(o.notes, fmt.Sprintf("cancelled %s, which the owner was not told they had", ref))
		o.counts["mismatch"]++
	}
	delete(o.booked, ref)
	o.counts["cancelled"]++
	return true
}

// loadResult is what the report says.
type loadResult struct {
	elapsed                           time.Duration
	steps                             map[string]int
	counts                            map[string]int
	messagesIn, messagesOut           int
	lost, duplicated, quota, mismatch int
	doubleBookings, confirmedInDB     int
	bookedByOwners, multiMessage      int
	pendingInbox, coachMessages       int
	latencies                         map[string][]time.Duration
	allFirst                          []time.Duration
	metrics                           string
}

// expected is how many messages a step's reply holds: a booking confirmation comes with its
// calendar file; anything else is one message, unless it is longer than Telegram allows.
func expected(s *loadStep) (lo, hi int) {
	if len(s.replies) > 0 && strings.Contains(s.replies[0].Visible, "Référence : RDV-") {
		return 2, 2
	}
	return 1, 2
}

func summarise(all []*loadOwner, elapsed time.Duration) *loadResult {
	r := &loadResult{elapsed: elapsed, steps: map[string]int{}, counts: map[string]int{}, latencies: map[string][]time.Duration{}}
	for _, o := range all {
		for k, v := range o.counts {
			r.counts[k] += v
		}
		for _, s := range o.steps {
			r.steps[s.kind]++
			r.messagesIn++
			if s.lost {
				r.lost++
				continue
			}
			r.messagesOut += len(s.replies)
			lo, hi := expected(s)
			seen := map[string]bool{}
			dup := false
			for _, m := range s.replies {
				key := m.Method + "\x00" + m.Text + "\x00" + string(m.Markup)
				if m.Document != nil {
					key += "\x00" + m.Document.Name
				}
				dup = dup || seen[key]
				seen[key] = true
			}
			if dup || len(s.replies) > hi {
				r.duplicated++
				o.notes = append(o.notes, fmt.Sprintf("%s answered with %d messages: %q", s.kind, len(s.replies), visibleOf(s.replies)))
			} else if len(s.replies) < lo {
				r.lost++
				o.notes = append(o.notes, fmt.Sprintf("%s answered with %d messages, want %d: %q", s.kind, len(s.replies), lo, visibleOf(s.replies)))
			}
			if len(s.replies) > 1 && lo == 1 {
				r.multiMessage++
			}
			r.latencies[s.kind] = append(r.latencies[s.kind], s.first)
			r.allFirst = append(r.allFirst, s.first)
		}
		r.quota += o.counts["quota"]
		r.mismatch += o.counts["mismatch"]
		r.bookedByOwners += len(o.booked)
	}
	return r
}

// transcript is what the owner sent and received, for a failure's message.
func (o *loadOwner) transcript() string {
	var b strings.Builder
	for _, s := range o.steps {
		fmt.Fprintf(&b, "  %s %s:", s.at.Format("15:04:05.000"), s.kind)
		for _, m := range s.replies {
			fmt.Fprintf(&b, "\n    %s %s %q", m.At.Format("15:04:05.000"), m.Method, m.Visible)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func visibleOf(ss []telegramtest.Sent) []string {
	var out []string
	for _, s := range ss {
		out = append(out, firstLine(s.Visible))
	}
	return out
}

// checkDatabase compares what owners were told with the bookings table: no slot booked twice,
// and the confirmed bookings of each owner are exactly the references they hold.
func (r *loadResult) checkDatabase(t *testing.T, url string, all []*loadOwner) {
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatalf("database: %v", err)
	}
	defer conn.Close(ctx)
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM (SELECT slot_id FROM bookings WHERE status = 'confirmed'
		GROUP BY slot_id HAVING count(*) > 1) d`).Scan(&r.doubleBookings); err != nil {
		t.Fatal(err)
	}
	if err := conn.QueryRow(ctx, `SELECT count(*) FROM inbox WHERE handled_at IS NULL`).Scan(&r.pendingInbox); err != nil {
		t.Fatal(err)
	}
	rows, err := conn.Query(ctx, `SELECT chat_id, ref FROM bookings WHERE status = 'confirmed' AND channel = 'telegram'`)
	if err != nil {
		t.Fatal(err)
	}
	inDB := map[string][]string{}
	for rows.Next() {
		var chat, ref string
		if err := rows.Scan(&chat, &ref); err != nil {
			t.Fatal(err)
		}
		inDB[chat] = append(inDB[chat], ref)
		r.confirmedInDB++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	for _, o := range all {
		var told []string
		for ref := range o.booked {
			told = append(told, ref)
		}
		got := inDB[strconv.FormatInt(o.chat, 10)]
		slices.Sort(told)
		slices.Sort(got)
		if !slices.Equal(told, got) {
			r.mismatch++
			o.notes = append(o.notes, fmt.Sprintf("told it holds %v, the database has %v; its steps:\n%s", told, got, o.transcript()))
		}
	}
	if r.pendingInbox > 0 {
		r.lost += r.pendingInbox
	}
}

func scrape(t *testing.T, addr string) string {
	resp, err := http.Get("http://" + addr + "/metrics")
	if err != nil {
		t.Errorf("metrics: %v", err)
		return ""
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var keep []string
	for _, l := range strings.Split(string(body), "\n") {
		if strings.HasPrefix(l, "coachbot_messages_total") || strings.HasPrefix(l, "coachbot_bookings_total") ||
			strings.HasPrefix(l, "coachbot_platform_rate_limited_total") || strings.HasPrefix(l, "coachbot_escalations_total") {
			keep = append(keep, l)
		}
	}
	return strings.Join(keep, "\n")
}

func (r *loadResult) markdown(owners int, dur time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Load test: %d owners for %v\n\n", owners, dur)
	fmt.Fprintf(&b, "Measured %s on this machine (%s): `coachbot serve` in polling mode on PostgreSQL, the local Bot API server on loopback.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), fmt.Sprintf("%d CPUs", runtime.NumCPU()))
	fmt.Fprintf(&b, "Each owner waits for the reply, then reads and types for %v to %v before the next message or button.\n\n", loadThinkLo, loadThinkHi)
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| run time (owners' last step) | %.1f s |\n", r.elapsed.Seconds())
	fmt.Fprintf(&b, "| owner messages and button presses | %d (%.1f/s) |\n", r.messagesIn, float64(r.messagesIn)/r.elapsed.Seconds())
	fmt.Fprintf(&b, "| bot messages to owners | %d |\n", r.messagesOut)
	fmt.Fprintf(&b, "| bot messages to coaches (cases, bookings, cancellations) | %d |\n", r.coachMessages)
	fmt.Fprintf(&b, "| **lost** (no reply, or a reply short of a message; unhandled updates) | **%d** |\n", r.lost)
	fmt.Fprintf(&b, "| **duplicated** (a message twice in one reply, or more messages than the reply has) | **%d** |\n", r.duplicated)
	fmt.Fprintf(&b, "| **slots booked twice** (database) | **%d** |\n", r.doubleBookings)
	fmt.Fprintf(&b, "| owners told something the database does not hold | %d |\n", r.mismatch)
	fmt.Fprintf(&b, "| quota warnings | %d |\n", r.quota)
	fmt.Fprintf(&b, "| replies a simulated owner could not follow | %d |\n", r.counts["unexpected"])
	fmt.Fprintf(&b, "| bookings confirmed / slot taken by another owner / cancelled | %d / %d / %d |\n", r.counts["booked"], r.counts["taken"], r.counts["cancelled"])
	fmt.Fprintf(&b, "| booking flows given up after ten slots taken / no slot left | %d / %d |\n", r.counts["gave_up"], r.counts["no_slots"])
	fmt.Fprintf(&b, "| confirmed bookings at the end: owners' count / database | %d / %d |\n", r.bookedByOwners, r.confirmedInDB)
	fmt.Fprintf(&b, "| replies in two messages (over 4,096 characters) | %d |\n\n", r.multiMessage)
	fmt.Fprintf(&b, "Latency from the owner's message to the first message of the reply (ms):\n\n")
	fmt.Fprintf(&b, "| step | count | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n")
	row := func(name string, ds []time.Duration) {
		l := latencyOf(ds)
		fmt.Fprintf(&b, "| %s | %d | %.1f | %.1f | %.1f | %.1f |\n", name, l.N, l.P50, l.P95, l.P99, l.Max)
	}
	for _, k := range []string{"question", "coach", "activity", "postal", "slot", "cancel_cmd", "cancel_button"} {
		if len(r.latencies[k]) > 0 {
			row(k, r.latencies[k])
		}
	}
	row("**all**", r.allFirst)
	if r.metrics != "" {
		fmt.Fprintf(&b, "\nThe server's own counters at the end (`/metrics`):\n\n```\n%s\n```\n", r.metrics)
	}
	return b.String()
}
