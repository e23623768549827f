package telegram_test

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/adapters/telegram"
	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

var (
	guidesOnce sync.Once
	guideIdx   *memory.Index
)

// coreWithGuides is the real core on the embedded default (bundled guides, demo data).
func coreWithGuides(t *testing.T, store *memory.Store, notifier bot.Notifier) *bot.Bot {
	t.Helper()
	guidesOnce.Do(func() {
		guideIdx = memory.NewIndex()
		if _, err := knowledge.Ingest(context.Background(), guideIdx, knowledge.NewHashEmbedder(), knowledgetest.Bundled(t), knowledge.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	if err := bot.SeedDemo(context.Background(), store, time.Now()); err != nil {
		t.Fatal(err)
	}
	b, err := bot.New(bot.Config{Retriever: knowledge.NewRetriever(guideIdx, knowledge.NewHashEmbedder(), knowledge.Options{}), Store: store, Notifier: notifier})
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// notifier routes the core's notifications to the adapter, as serve does.
type notifier struct {
	mu sync.Mutex
	tg *telegram.Adapter
}

func (n *notifier) Notify(ctx context.Context, note bot.Notification) error {
	n.mu.Lock()
	tg := n.tg
	n.mu.Unlock()
	if note.To.Channel != bot.ChannelTelegram {
		return nil
	}
	return tg.Notify(ctx, note)
}

type env struct {
	srv   *telegramtest.Server
	store *memory.Store
	tg    *telegram.Adapter
	stop  func()
}

// start runs an adapter against the local Bot API server until the test ends.
func start(t *testing.T, srv *telegramtest.Server, core telegram.Core, store *memory.Store, cfg telegram.Config) *env {
	t.Helper()
	cfg.Token, cfg.APIURL = srv.Token(), srv.URL()
	if cfg.TypingAfter == 0 {
		cfg.TypingAfter = time.Hour
	}
	tg, err := telegram.New(cfg, core, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := tg.Run(ctx); err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	stop := func() { cancel(); <-done }
	t.Cleanup(stop)
	srv.Wait(t, 5*time.Second, "adapter ready", tg.Ready)
	return &env{srv: srv, store: store, tg: tg, stop: stop}
}

func realEnv(t *testing.T) *env {
	srv := telegramtest.New(t)
	store := memory.NewStore()
	n := &notifier{}
	core := coreWithGuides(t, store, n)
	e := start(t, srv, core, store, telegram.Config{})
	n.mu.Lock()
	n.tg = e.tg
	n.mu.Unlock()
	return e
}

const marie, paul = int64(501), int64(502)

// say makes a user write and waits for the bot's next messages in that chat.
func (e *env) say(t *testing.T, chat int64, text string, want int) []telegramtest.Sent {
	t.Helper()
	before := len(e.srv.SentTo(chat))
	e.srv.PushMessage(chat, chat, text)
	return e.waitChat(t, chat, before+want)[before:]
}

func (e *env) press(t *testing.T, chat int64, data string, want int) []telegramtest.Sent {
	t.Helper()
	before := len(e.srv.SentTo(chat))
	last := e.srv.SentTo(chat)
	msgID := 1
	if len(last) > 0 {
		msgID = last[len(last)-1].MessageID
	}
	e.srv.PushCallback(chat, chat, msgID, data)
	return e.waitChat(t, chat, before+want)[before:]
}

func (e *env) waitChat(t *testing.T, chat int64, n int) []telegramtest.Sent {
	t.Helper()
	var got []telegramtest.Sent
	e.srv.Wait(t, 10*time.Second, fmt.Sprintf("%d messages in chat %d", n, chat), func() bool {
		got = e.srv.SentTo(chat)
		return len(got) >= n
	})
	return got
}

func buttonData(t *testing.T, s telegramtest.Sent, prefix string) string {
	t.Helper()
	for _, row := range s.Keyboard {
		for _, b := range row {
			if strings.HasPrefix(b.Data, prefix) {
				return b.Data
			}
		}
	}
	t.Fatalf("no %q button in %+v", prefix, s.Keyboard)
	return ""
}

func TestOwnerJourney(t *testing.T) {
	e := realEnv(t)
	m := e.say(t, marie, "/start", 1)
	if !strings.Contains(m[0].Visible, "Bonjour Marie") || !strings.Contains(m[0].Visible, "/oubli") {
		t.Errorf("/start: %q", m[0].Visible)
	}
	if !m[0].DisablePreview || m[0].ParseMode != "HTML" {
		t.Errorf("link previews not disabled, or not HTML: %+v", m[0])
	}
	m = e.say(t, marie, "comment creer ma fiche google ?", 1)
	if !strings.Contains(m[0].Visible, "Sources") || !strings.Contains(m[0].Text, `<a href="https://`) {
		t.Errorf("answer without linked sources: %q", m[0].Text)
	}
	if data := buttonData(t, m[0], "coach"); data != "coach" {
		t.Errorf("coach button data %q", data)
	}
	m = e.press(t, marie, "coach", 1)
	if !strings.Contains(m[0].Visible, "activité") {
		t.Fatalf("coach button: %q", m[0].Visible)
	}
	if n := len(e.srv.CallbackAnswers()); n != 1 {
		t.Errorf("%d callback answers, want 1", n)
	}
	e.say(t, marie, "fleuriste", 1)
	m = e.say(t, marie, "75011", 1)
	slot := buttonData(t, m[0], "slot:")
	m = e.press(t, marie, slot, 2)
	if !strings.Contains(m[0].Visible, "C'est réservé") || m[1].Method != "sendDocument" || m[1].Document == nil ||
		!bytes.Contains(m[1].Document.Data, []byte("BEGIN:VCALENDAR")) || !strings.HasSuffix(m[1].Document.Name, ".ics") {
		t.Fatalf("confirmation and .ics: %+v", m)
	}
	m = e.say(t, marie, "/rdv", 1)
	if !strings.Contains(m[0].Visible, "RDV-") {
		t.Errorf("/rdv: %q", m[0].Visible)
	}
	m = e.say(t, marie, "/annuler", 1)
	m = e.press(t, marie, buttonData(t, m[0], "cancel:"), 1)
	if !strings.Contains(m[0].Visible, "est annulé") {
		t.Errorf("cancel: %q", m[0].Visible)
	}
	m = e.say(t, marie, "/oubli", 1)
	m = e.press(t, marie, buttonData(t, m[0], "forgetyes"), 1)
	if !strings.Contains(m[0].Visible, "vos données sont effacées") {
		t.Errorf("/oubli: %q", m[0].Visible)
	}
	// a button of the erased conversation
	m = e.press(t, marie, slot, 1)
	if !strings.Contains(m[0].Visible, "plus valable") && !strings.Contains(m[0].Visible, "ne correspond plus") {
		t.Errorf("stale button after erasure: %q", m[0].Visible)
	}
	if got, want := len(e.srv.CallbackAnswers()), 5; got != want {
		t.Errorf("%d callback answers, want %d (every button press answered)", got, want)
	}
}

func TestCoachJourney(t *testing.T) {
	e := realEnv(t)
	ctx := context.Background()
	const coachChat = int64(9001)
	if _, err := e.store.AddCoach(ctx, bot.Coach{Name: "Lucie", Channel: bot.ChannelTelegram, UserID: fmt.Sprint(coachChat), Regions: []string{"BRE"}, Active: true}); err != nil {
		t.Fatal(err)
	}
	e.say(t, marie, "je veux parler a un conseiller", 1)
	e.say(t, marie, "creperie", 1)
	e.say(t, marie, "35000", 1)
	n := e.waitChat(t, coachChat, 1)
	if !strings.Contains(n[0].Visible, "Nouveau cas") || !strings.Contains(n[0].Visible, "creperie") {
		t.Fatalf("coach not notified: %q", n[0].Visible)
	}
	claim := buttonData(t, n[0], "claim:")
	id := strings.TrimPrefix(claim, "claim:")
	m := e.press(t, coachChat, claim, 1)
	if !strings.Contains(m[0].Visible, "Vous prenez en charge le cas n° "+id) {
		t.Errorf("claim: %q", m[0].Visible)
	}
	// the owner is told who took the case (notifications are sent in the background)
	e.srv.Wait(t, 10*time.Second, "the owner told of the claim", func() bool {
		s := e.srv.SentTo(marie)
		return len(s) > 0 && strings.Contains(s[len(s)-1].Visible, "Lucie, coach du programme, s'occupe de votre demande")
	})
	before := len(e.srv.SentTo(marie))
	e.say(t, coachChat, "/repondre "+id+" Bonjour, je vous appelle demain.", 1)
	got := e.waitChat(t, marie, before+1)
	if last := got[len(got)-1].Visible; !strings.Contains(last, "Message de Lucie, votre coach") || !strings.Contains(last, "« Bonjour, je vous appelle demain. »") {
		t.Errorf("relay to the owner: %q", last)
	}
	// an owner cannot use the coach button
	m = e.press(t, paul, claim, 1)
	if !strings.Contains(m[0].Visible, "réservée aux coaches") {
		t.Errorf("non-coach pressing Prendre: %q", m[0].Visible)
	}
}

func TestCommandsAreRegisteredInFrench(t *testing.T) {
	srv := telegramtest.New(t)
	store := memory.NewStore()
	ctx := context.Background()
	if _, err := store.AddCoach(ctx, bot.Coach{Name: "Lucie", Channel: bot.ChannelTelegram, UserID: "9001", Active: true}); err != nil {
		t.Fatal(err)
	}
	start(t, srv, echoCore{}, store, telegram.Config{})
	srv.Wait(t, 5*time.Second, "commands", func() bool { return len(srv.Commands()) == 2 })
	for scope, cmds := range srv.Commands() {
		names := ""
		for _, c := range cmds {
			names += "/" + c.Command + " "
		}
		switch scope.Type {
		case "default":
			if !strings.Contains(names, "/aide ") || !strings.Contains(names, "/oubli ") || strings.Contains(names, "/cas ") {
				t.Errorf("owner commands: %s", names)
			}
		case "chat":
			if scope.ChatID != 9001 || !strings.Contains(names, "/cas ") || !strings.Contains(names, "/repondre ") {
				t.Errorf("coach commands: %+v %s", scope, names)
			}
		default:
			t.Errorf("unexpected scope %+v", scope)
		}
	}
}

// echoCore answers each message with a fixed reply, recording what it got.
type echoCore struct {
	reply func(bot.Message) bot.Reply
	mu    *sync.Mutex
	got   *[]bot.Message
	delay time.Duration
}

func (c echoCore) Handle(_ context.Context, m bot.Message) bot.Reply {
	if c.mu != nil {
		c.mu.Lock()
		*c.got = append(*c.got, m)
		c.mu.Unlock()
	}
	time.Sleep(c.delay)
	if c.reply != nil {
		return c.reply(m)
	}
	return bot.Reply{Text: "reçu : " + m.Text, Outcome: bot.Answered}
}

func recordingCore(reply func(bot.Message) bot.Reply) (echoCore, func() []bot.Message) {
	var mu sync.Mutex
	var got []bot.Message
	c := echoCore{reply: reply, mu: &mu, got: &got}
	return c, func() []bot.Message {
		mu.Lock()
		defer mu.Unlock()
		return append([]bot.Message(nil), got...)
	}
}

func TestReplayedUpdateIsAnsweredOnce(t *testing.T) {
	srv := telegramtest.New(t)
	core, got := recordingCore(nil)
	e := start(t, srv, core, memory.NewStore(), telegram.Config{})
	id := srv.PushMessage(marie, marie, "bonjour")
	e.waitChat(t, marie, 1)
	srv.Replay(id)
	srv.PushMessage(marie, marie, "suite")
	e.waitChat(t, marie, 2)
	time.Sleep(300 * time.Millisecond)
	if n := len(srv.SentTo(marie)); n != 2 {
		t.Errorf("%d replies, want 2: the replayed update was answered again", n)
	}
	if n := len(got()); n != 2 {
		t.Errorf("core got %d messages, want 2", n)
	}
}

// An update received but not handled when the process died is handled after a restart.
func TestCrashBetweenReceivingAndAnswering(t *testing.T) {
	srv := telegramtest.New(t)
	store := memory.NewStore()
	block := make(chan struct{})
	var once sync.Once
	dying := echoCore{reply: func(m bot.Message) bot.Reply {
		once.Do(func() { <-block }) // the first process never gets to answer
		return bot.Reply{Text: "trop tard"}
	}}
	first, err := telegram.New(telegram.Config{Token: srv.Token(), APIURL: srv.URL(), Lease: 300 * time.Millisecond, TypingAfter: time.Hour}, dying, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx1, kill := context.WithCancel(context.Background())
	go first.Run(ctx1)
	srv.Wait(t, 5*time.Second, "first adapter ready", first.Ready)
	srv.PushMessage(marie, marie, "ma question")
	srv.Wait(t, 5*time.Second, "update stored", func() bool { n, _ := store.PendingUpdates(context.Background(), bot.ChannelTelegram); return n == 1 })
	time.Sleep(100 * time.Millisecond) // claimed by the first process, which hangs
	kill()                             // the process dies before answering (its worker stays stuck)
	core, got := recordingCore(nil)
	e := start(t, srv, core, store, telegram.Config{Lease: 300 * time.Millisecond})
	m := e.waitChat(t, marie, 1)
	if m[0].Visible != "reçu : ma question" || len(got()) != 1 {
		t.Errorf("after restart: %q, core saw %d messages", m[0].Visible, len(got()))
	}
	close(block)
}

// A 429 for one chat makes that chat wait exactly retry_after; other chats go on.
func TestFloodControlPerChat(t *testing.T) {
	srv := telegramtest.New(t)
	core, _ := recordingCore(nil)
	e := start(t, srv, core, memory.NewStore(), telegram.Config{})
	srv.FailChat(marie, "sendMessage", 1, 429, 2)
	t0 := time.Now()
	srv.PushMessage(marie, marie, "un")
	srv.PushMessage(paul, paul, "deux")
	p := e.waitChat(t, paul, 1)
	m := e.waitChat(t, marie, 1)
	if d := p[0].At.Sub(t0); d > 1500*time.Millisecond {
		t.Errorf("Paul waited %v because of Marie's 429", d)
	}
	if d := m[0].At.Sub(t0); d < 2*time.Second || d > 4*time.Second {
		t.Errorf("Marie's reply after %v, want retry_after (2 s)", d)
	}
}

func TestServerErrorsAreRetried(t *testing.T) {
	srv := telegramtest.New(t)
	core, _ := recordingCore(nil)
	e := start(t, srv, core, memory.NewStore(), telegram.Config{})
	srv.FailNext("sendMessage", 2, 502, "", 0)
	m := e.say(t, marie, "bonjour", 1)
	if m[0].Visible != "reçu : bonjour" {
		t.Errorf("after two 502: %q", m[0].Visible)
	}
}

func TestLongAnswerIsSplitOnParagraphs(t *testing.T) {
	srv := telegramtest.New(t)
	var paras []string
	for i := 0; i < 25; i++ {
		paras = append(paras, fmt.Sprintf("Paragraphe %d : ", i)+strings.Repeat("texte & <suite> ", 12))
	}
	long := strings.Join(paras, "\n\n") // about 5000 characters
	core, _ := recordingCore(func(bot.Message) bot.Reply {
		return bot.Reply{Text: long, Sources: []bot.Source{{Title: "Guide", URL: "https://exemple.fr"}},
			Buttons: [][]bot.Button{{{Label: "Cela m'a aidé", Action: bot.Action{Kind: "helped"}}}}}
	})
	e := start(t, srv, core, memory.NewStore(), telegram.Config{})
	srv.PushMessage(marie, marie, "long")
	m := e.waitChat(t, marie, 2)
	time.Sleep(200 * time.Millisecond)
	m = srv.SentTo(marie)
	if len(m) != 2 {
		t.Fatalf("got %d messages for %d characters, want 2", len(m), len(long))
	}
	var visible []string
	for i, s := range m {
		if len([]rune(s.Visible)) > telegram.MaxMessage {
			t.Errorf("message %d too long", i)
		}
		visible = append(visible, s.Visible)
	}
	norm := func(s string) string { return strings.Join(strings.Fields(s), " ") }
	if got := norm(strings.Join(visible, "\n\n")); !strings.HasPrefix(got, norm(long)) || !strings.Contains(got, "Sources") {
		t.Errorf("text not intact after splitting")
	}
	if m[0].Keyboard != nil || m[1].Keyboard == nil {
		t.Errorf("the keyboard belongs on the last part only")
	}
}

func TestTextIsRenderedIntact(t *testing.T) {
	srv := telegramtest.New(t)
	text := "Tarifs < 10 € & remises > 5 % : *étoiles* _tirets_ `code` <script>alert(1)</script> 😀🎉 https://exemple.fr/?a=1&b=2 [1]"
	core, _ := recordingCore(func(bot.Message) bot.Reply { return bot.Reply{Text: text} })
	e := start(t, srv, core, memory.NewStore(), telegram.Config{})
	m := e.say(t, marie, "x", 1)
	if m[0].Visible != text {
		t.Errorf("visible text:\n got %q\nwant %q", m[0].Visible, text)
	}
}

func TestRejectedEntitiesAreResentAsPlainText(t *testing.T) {
	srv := telegramtest.New(t)
	core, _ := recordingCore(nil)
	e := start(t, srv, core, memory.NewStore(), telegram.Config{})
	srv.FailNext("sendMessage", 1, 400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 0", 0)
	m := e.say(t, marie, "a < b", 1)
	if m[0].ParseMode != "" || m[0].Visible != "reçu : a < b" {
		t.Errorf("plain-text retry: %+v", m[0])
	}
}

func TestNonTextMessages(t *testing.T) {
	srv := telegramtest.New(t)
	core, got := recordingCore(nil)
	e := start(t, srv, core, memory.NewStore(), telegram.Config{})
	for i, kind := range []string{"photo", "sticker", "voice", "document"} {
		srv.PushMedia(marie, marie, kind)
		m := e.waitChat(t, marie, i+1)
		if !strings.Contains(m[i].Visible, "messages écrits") {
			t.Errorf("%s: %q", kind, m[i].Visible)
		}
	}
	srv.PushEdited(marie, marie, "corrigé")
	m := e.waitChat(t, marie, 5)
	if !strings.Contains(m[4].Visible, "messages modifiés") {
		t.Errorf("edited: %q", m[4].Visible)
	}
	srv.PushMedia(marie, marie, "location")
	e.waitChat(t, marie, 6)
	msgs := got()
	if len(msgs) != 1 || !strings.HasPrefix(msgs[0].Text, "département ") {
		t.Errorf("a location should reach the core as a département: %+v", msgs)
	}
}

func TestGroupRules(t *testing.T) {
	srv := telegramtest.New(t)
	core, got := recordingCore(nil)
	start(t, srv, core, memory.NewStore(), telegram.Config{})
	const group = int64(-100777)
	srv.PushGroupMessage(group, marie, "on parle entre nous")
	srv.PushGroupMessage(group, marie, "/aide@autre_bot")
	srv.PushGroupMessage(group, marie, "/aide@"+telegramtest.BotUsername)
	srv.PushGroupMessage(group, marie, "@"+telegramtest.BotUsername+" comment créer ma fiche ?")
	var botMsg int
	srv.Wait(t, 5*time.Second, "two replies in the group", func() bool {
		s := srv.SentTo(group)
		if len(s) >= 2 {
			botMsg = s[1].MessageID
		}
		return len(s) >= 2
	})
	srv.PushReply(group, marie, "et pour un site ?", botMsg, true)
	srv.PushReply(group, paul, "je réponds à Marie", 1, false)
	srv.Wait(t, 5*time.Second, "reply to the bot's message", func() bool { return len(srv.SentTo(group)) >= 3 })
	time.Sleep(300 * time.Millisecond)
	msgs := got()
	var texts []string
	for _, m := range msgs {
		texts = append(texts, m.Text)
	}
	want := []string{"/aide@" + telegramtest.BotUsername, "comment créer ma fiche ?", "et pour un site ?"}
	if strings.Join(texts, "|") != strings.Join(want, "|") {
		t.Errorf("group messages given to the core: %q, want %q", texts, want)
	}
}

func TestUserQuota(t *testing.T) {
	srv := telegramtest.New(t)
	core, got := recordingCore(nil)
	e := start(t, srv, core, memory.NewStore(), telegram.Config{QuotaPerMinute: 3})
	for i := 0; i < 6; i++ {
		srv.PushMessage(marie, marie, fmt.Sprint("question ", i))
	}
	e.waitChat(t, marie, 4)
	time.Sleep(300 * time.Millisecond)
	if n := len(got()); n != 3 {
		t.Errorf("core got %d messages, want the quota of 3", n)
	}
	warned := 0
	for _, s := range srv.SentTo(marie) {
		if strings.Contains(s.Visible, "patientez une minute") {
			warned++
		}
	}
	if warned != 1 {
		t.Errorf("quota message sent %d times, want once", warned)
	}
}

func TestTypingIndicator(t *testing.T) {
	srv := telegramtest.New(t)
	core, _ := recordingCore(nil)
	core.delay = 500 * time.Millisecond
	e := start(t, srv, core, memory.NewStore(), telegram.Config{TypingAfter: 100 * time.Millisecond})
	e.say(t, marie, "question lente", 1)
	found := false
	for _, a := range srv.ChatActions() {
		if a.ChatID == marie && a.Action == "typing" {
			found = true
		}
	}
	if !found {
		t.Error("no typing indicator for a slow answer")
	}
}

func TestWebhook(t *testing.T) {
	srv := telegramtest.New(t)
	core, got := recordingCore(nil)
	store := memory.NewStore()
	tg, err := telegram.New(telegram.Config{Token: srv.Token(), APIURL: srv.URL(), WebhookURL: "https://placeholder", WebhookSecret: "s3cret_-", TypingAfter: time.Hour}, core, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	hook := httptest.NewTLSServer(tg.WebhookHandler())
	defer hook.Close()
	// the adapter registers its public URL; here, the local TLS server's
	tg2, err := telegram.New(telegram.Config{Token: srv.Token(), APIURL: srv.URL(), WebhookURL: hook.URL, WebhookSecret: "s3cret_-", TypingAfter: time.Hour}, core, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go tg2.Run(ctx)
	srv.Wait(t, 5*time.Second, "webhook ready", tg2.Ready)
	srv.PushMessage(marie, marie, "par webhook")
	srv.Wait(t, 5*time.Second, "reply", func() bool { return len(srv.SentTo(marie)) == 1 })
	// Telegram redelivers the same update (its answer was lost): answered once
	body := `{"update_id": 424242, "message": {"message_id": 7, "from": {"id": 501, "is_bot": false, "first_name": "Marie"}, "chat": {"id": 501, "type": "private"}, "date": 1700000000, "text": "deux fois"}}`
	client := hook.Client()
	for i := 0; i < 2; i++ {
		req, _ := http.NewRequest(http.MethodPost, hook.URL, strings.NewReader(body))
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", "s3cret_-")
		resp, err := client.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("delivery %d: %v %v", i, err, resp)
		}
		resp.Body.Close()
	}
	srv.Wait(t, 5*time.Second, "reply", func() bool { return len(srv.SentTo(marie)) >= 2 })
	time.Sleep(300 * time.Millisecond)
	if n := len(got()); n != 2 {
		t.Errorf("core got %d messages, want 2 (the redelivered update once)", n)
	}
	for _, secret := range []string{"", "wrong"} {
		req, _ := http.NewRequest(http.MethodPost, hook.URL, strings.NewReader(body))
		if secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusForbidden {
			t.Errorf("secret %q: status %d, want 403", secret, resp.StatusCode)
		}
	}
}

// Button presses of many owners are answered together: answering a callback is not a message
// to a chat, so it is not paced like one (pacing them together once held every press behind
// the others, at one a second).
func TestCallbacksOfManyChatsAreNotPacedTogether(t *testing.T) {
	e := realEnv(t)
	const chats = 12
	for c := range chats {
		e.say(t, int64(6000+c), "bonjour", 1)
	}
	start := time.Now()
	for c := range chats {
		e.srv.PushCallback(int64(6000+c), int64(6000+c), 1, "nonsense")
	}
	for c := range chats {
		e.waitChat(t, int64(6000+c), 2)
	}
	// with the twelve answers paced at one a second, the last reply came after 9 s
	if took := time.Since(start); took > 4*time.Second {
		t.Errorf("%d button presses answered in %v", chats, took)
	}
	if got := len(e.srv.CallbackAnswers()); got != chats {
		t.Errorf("%d callbacks answered, want %d", got, chats)
	}
}
