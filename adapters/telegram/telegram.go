// Package telegram connects coachbot to Telegram through the Bot API
// (github.com/go-telegram-bot-api/telegram-bot-api/v5). It receives updates by long polling
// (its own loop, confirming an update to Telegram only once it is stored) or by webhook,
// keeps them in the core's inbox so that nothing is lost or answered twice, hands each chat's
// updates to the core in order, and renders the core's replies as Telegram HTML with inline
// keyboards and documents. It never decides what to say.
package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/coachbot/coachbot/bot"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Core is the conversation core as the adapter uses it.
type Core interface {
	Handle(ctx context.Context, m bot.Message) bot.Reply
}

// Store is what the adapter keeps: received updates, and the registered coaches (to give
// them their commands).
type Store interface {
	bot.Inbox
	ListCoaches(ctx context.Context) ([]bot.Coach, error)
}

// Config configures the adapter.
type Config struct {
	Token string
	// APIURL is the Bot API base URL (default https://api.telegram.org).
	APIURL string
	// WebhookURL, when set, is the public HTTPS URL Telegram posts updates to (webhook mode);
	// otherwise the adapter polls.
	WebhookURL    string
	WebhookSecret string
	// Workers handle updates of different chats in parallel (default 8).
	Workers int
	// QuotaPerMinute bounds the messages one user may send per minute (default 20).
	QuotaPerMinute int
	// PollTimeout is the long-polling timeout (default 30 s).
	PollTimeout time.Duration
	// RequestTimeout bounds every other HTTP call (default 15 s).
	RequestTimeout time.Duration
	// TypingAfter is how long an answer may take before "typing…" is shown (default 700 ms).
	TypingAfter time.Duration
	// Worker names this process in the inbox leases (default: a random id).
	Worker string
	// Lease is how long an update stays with a worker before another may take it, if the
	// first one died (default 2 minutes).
	Lease time.Duration
}

// Adapter is the Telegram adapter.
type Adapter struct {
	cfg    Config
	core   Core
	store  Store
	log    *slog.Logger
	api    *tgbotapi.BotAPI // for requests
	poll   *tgbotapi.BotAPI // for long polling, with a longer timeout
	sender *sender
	self   atomic.Value // tgbotapi.User
	wake   chan struct{}
	quota  *quotas
	ready  atomic.Bool
	notes  bot.Outbox

	// Metrics hooks (optional).
	OnFlood func()
}

// New returns an adapter; nothing is sent to Telegram before Run.
func New(cfg Config, core Core, store Store, log *slog.Logger) (*Adapter, error) {
	if cfg.Token == "" {
		return nil, errors.New("telegram: a bot token is required")
	}
	if cfg.APIURL == "" {
		cfg.APIURL = "https://api.telegram.org"
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	if !strings.HasPrefix(cfg.APIURL, "http://") && !strings.HasPrefix(cfg.APIURL, "https://") {
		return nil, fmt.Errorf("telegram: API URL %q must start with http:// or https://", cfg.APIURL)
	}
	if cfg.Workers <= 0 {
		cfg.Workers = 8
	}
	if cfg.QuotaPerMinute <= 0 {
		cfg.QuotaPerMinute = 20
	}
	if cfg.PollTimeout <= 0 {
		cfg.PollTimeout = 30 * time.Second
	}
	if cfg.RequestTimeout <= 0 {
		cfg.RequestTimeout = 15 * time.Second
	}
	if cfg.TypingAfter <= 0 {
		cfg.TypingAfter = 700 * time.Millisecond
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Minute
	}
	if cfg.Worker == "" {
		cfg.Worker = fmt.Sprintf("tg-%d", time.Now().UnixNano())
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	endpoint := cfg.APIURL + "/bot%s/%s"
	mk := func(timeout time.Duration) *tgbotapi.BotAPI {
		api := &tgbotapi.BotAPI{Token: cfg.Token, Client: &http.Client{Timeout: timeout}, Buffer: 100}
		api.SetAPIEndpoint(endpoint)
		return api
	}
	a := &Adapter{cfg: cfg, core: core, store: store, log: log.With("adapter", "telegram"),
		api: mk(cfg.RequestTimeout), poll: mk(cfg.PollTimeout + 10*time.Second),
		wake: make(chan struct{}, 1), quota: newQuotas(cfg.QuotaPerMinute)}
	a.sender = newSender(a.api, a.log)
	a.notes.Send = func(n bot.Notification) {
		chat, _ := strconv.ParseInt(n.To.ChatID, 10, 64)
		a.reply(context.Background(), chat, n.Reply, 0) // failures are logged by reply
	}
	a.sender.onFlood = func() {
		if a.OnFlood != nil {
			a.OnFlood()
		}
	}
	return a, nil
}

// Ready reports whether the adapter is connected (it knows itself and receives updates).
func (a *Adapter) Ready() bool { return a.ready.Load() }

func (a *Adapter) me() tgbotapi.User {
	u, _ := a.self.Load().(tgbotapi.User)
	return u
}

// redact removes the bot token from a message before it is logged.
func (a *Adapter) redact(err error) string {
	if err == nil {
		return ""
	}
	return strings.ReplaceAll(errString(err), a.cfg.Token, "[token]")
}

// Run connects, registers the commands and receives updates until ctx is done; it then
// finishes the updates in hand and returns.
func (a *Adapter) Run(ctx context.Context) error {
	if err := a.connect(ctx); err != nil {
		return err
	}
	if err := a.setCommands(ctx); err != nil {
		a.log.Warn("set commands", "err", a.redact(err))
	}
	var wg sync.WaitGroup
	work, stopWork := context.WithCancel(context.WithoutCancel(ctx))
	defer stopWork()
	for i := 0; i < a.cfg.Workers; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			a.worker(ctx, work, fmt.Sprintf("%s-%d", a.cfg.Worker, i))
		}(i)
	}
	var err error
	if a.cfg.WebhookURL != "" {
		err = a.setWebhook(ctx)
		if err == nil {
			a.ready.Store(true)
			<-ctx.Done()
		}
	} else {
		err = a.pollLoop(ctx)
	}
	a.ready.Store(false)
	// stop taking updates; let workers finish what they hold (their context outlives ctx),
	// then send the notifications they queued
	wg.Wait()
	if left := a.notes.Drain(notifyDrain); left > 0 {
		a.log.Warn("notifications not sent before stopping", "count", left)
	}
	if ctx.Err() != nil {
		return nil
	}
	return err
}

// connect learns who the bot is, retrying while Telegram cannot be reached.
func (a *Adapter) connect(ctx context.Context) error {
	backoff := time.Second
	for {
		me, err := a.api.GetMe()
		if err == nil {
			a.self.Store(me)
			a.log.Info("connected", "bot", me.UserName)
			return nil
		}
		var te *tgbotapi.Error
		if errors.As(err, &te) && te.Code == 401 {
			return errors.New("telegram: the bot token was refused (401 Unauthorized): check TELEGRAM_BOT_TOKEN")
		}
		a.log.Warn("cannot reach telegram, retrying", "err", a.redact(err), "in", backoff)
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return ctx.Err()
		}
		if backoff *= 2; backoff > 30*time.Second {
			backoff = 30 * time.Second
		}
	}
}

// ownerCommands and coachCommands are shown in Telegram's command menu, in French.
var (
	ownerCommands = []tgbotapi.BotCommand{
		{Command: "start", Description: "Présentation et données gardées"},
		{Command: "aide", Description: "Ce que je sais faire"},
		{Command: "coach", Description: "Rendez-vous gratuit avec un coach"},
		{Command: "rdv", Description: "Mes rendez-vous"},
		{Command: "annuler", Description: "Annuler un rendez-vous"},
		{Command: "ateliers", Description: "Ateliers collectifs gratuits"},
		{Command: "mesdonnees", Description: "Voir mes données"},
		{Command: "oubli", Description: "Effacer mes données"},
	}
	coachCommands = []tgbotapi.BotCommand{
		{Command: "cas", Description: "Cas ouverts (coaches)"},
		{Command: "prendre", Description: "Prendre un cas : /prendre N"},
		{Command: "repondre", Description: "Répondre : /repondre N message"},
		{Command: "clore", Description: "Clore un cas : /clore N note"},
		{Command: "dispo", Description: "Mes créneaux, en publier"},
	}
)

// setCommands registers the French commands for everyone, and the coach commands in the
// chats of registered coaches only.
func (a *Adapter) setCommands(ctx context.Context) error {
	if _, err := a.sender.send(ctx, 0, tgbotapi.NewSetMyCommands(ownerCommands...)); err != nil {
		return fmt.Errorf("set commands: %w", err)
	}
	coaches, err := a.store.ListCoaches(ctx)
	if err != nil {
		return fmt.Errorf("list coaches: %w", err)
	}
	all := append(append([]tgbotapi.BotCommand{}, ownerCommands...), coachCommands...)
	for _, c := range coaches {
		if c.Channel != bot.ChannelTelegram || !c.Active {
			continue
		}
		chat, err := strconv.ParseInt(c.ChatID, 10, 64)
		if err != nil {
			continue
		}
		if _, err := a.sender.send(ctx, chat, tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(chat), all...)); err != nil {
			a.log.Warn("set coach commands", "coach", c.ID, "err", a.redact(err))
		}
	}
	return nil
}

func (a *Adapter) setWebhook(ctx context.Context) error {
	params := tgbotapi.Params{"url": a.cfg.WebhookURL, "allowed_updates": `["message","edited_message","callback_query"]`}
	if a.cfg.WebhookSecret != "" {
		params["secret_token"] = a.cfg.WebhookSecret
	}
	for backoff := time.Second; ; backoff *= 2 {
		_, err := a.api.MakeRequest("setWebhook", params)
		if err == nil {
			a.log.Info("webhook set")
			return nil
		}
		a.log.Warn("set webhook failed, retrying", "err", a.redact(err))
		if backoff > 30*time.Second {
			backoff = 30 * time.Second
		}
		select {
		case <-time.After(backoff):
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// pollLoop is the long-polling loop. An update is confirmed to Telegram (by asking for the
// next offset) only once it is stored in the inbox: a crash before that makes Telegram send
// it again, and the inbox ignores what it already has.
func (a *Adapter) pollLoop(ctx context.Context) error {
	if _, err := a.api.Request(tgbotapi.DeleteWebhookConfig{}); err != nil {
		a.log.Warn("delete webhook", "err", a.redact(err))
	}
	a.ready.Store(true)
	offset := 0
	backoff := time.Second
	type result struct {
		updates []tgbotapi.Update
		err     error
	}
	for ctx.Err() == nil {
		cfg := tgbotapi.NewUpdate(offset)
		cfg.Timeout = int(a.cfg.PollTimeout / time.Second)
		cfg.AllowedUpdates = []string{"message", "edited_message", "callback_query"}
		// The library's requests take no context: a long poll runs in the background and is
		// abandoned on shutdown. Updates it may bring are not confirmed (the next offset is
		// never asked), so Telegram sends them again to the next process.
		res := make(chan result, 1)
		go func() {
			u, err := a.poll.GetUpdates(cfg)
			res <- result{u, err}
		}()
		var updates []tgbotapi.Update
		var err error
		select {
		case r := <-res:
			updates, err = r.updates, r.err
		case <-ctx.Done():
			return nil
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			a.ready.Store(false)
			wait := backoff
			var te *tgbotapi.Error
			if errors.As(err, &te) && te.Code == 429 && te.RetryAfter > 0 {
				wait = time.Duration(te.RetryAfter) * time.Second
			} else if backoff *= 2; backoff > 30*time.Second {
				backoff = 30 * time.Second
			}
			a.log.Warn("polling failed", "err", a.redact(err), "retry_in", wait)
			select {
			case <-time.After(wait):
			case <-ctx.Done():
			}
			continue
		}
		a.ready.Store(true)
		backoff = time.Second
		stored := true
		for _, u := range updates {
			if err := a.Receive(ctx, u); err != nil {
				a.log.Error("store update", "update", u.UpdateID, "err", err)
				stored = false
				break // do not confirm it: Telegram will send it again
			}
			if u.UpdateID >= offset {
				offset = u.UpdateID + 1 // never backwards, even for a replayed update
			}
		}
		if !stored {
			select {
			case <-time.After(time.Second):
			case <-ctx.Done():
			}
		}
	}
	return nil
}

// Receive stores an update in the inbox (once) and wakes a worker.
func (a *Adapter) Receive(ctx context.Context, u tgbotapi.Update) error {
	payload, err := json.Marshal(u)
	if err != nil {
		return err
	}
	chat := ""
	if c := u.FromChat(); c != nil {
		chat = strconv.FormatInt(c.ID, 10)
	}
	isNew, err := a.store.Enqueue(ctx, bot.Update{Channel: bot.ChannelTelegram, ID: strconv.Itoa(u.UpdateID), ChatID: chat, Payload: payload, ReceivedAt: time.Now()})
	if err != nil {
		return err
	}
	if !isNew {
		a.log.Debug("update already received", "update", u.UpdateID)
	}
	select {
	case a.wake <- struct{}{}:
	default:
	}
	return nil
}

// worker handles updates until stop is done. Claims stop as soon as ctx is done; work in
// hand is finished.
func (a *Adapter) worker(ctx, work context.Context, name string) {
	for ctx.Err() == nil {
		us, err := a.store.Claim(work, bot.ChannelTelegram, name, 1, a.cfg.Lease)
		if err != nil {
			a.log.Error("claim updates", "err", err)
		}
		if len(us) == 0 {
			select {
			case <-a.wake:
			case <-time.After(250 * time.Millisecond):
			case <-ctx.Done():
			}
			continue
		}
		for _, u := range us {
			a.process(work, u)
			// Once replied, the update must not be handed out again: a database that is
			// restarting is waited for (within half the lease) rather than answered twice.
			if err := bot.Retry(work, a.cfg.Lease/2, func() error { return a.store.MarkHandled(work, u.Channel, u.ID) }); err != nil {
				a.log.Error("mark update handled", "update", u.ID, "err", err)
			}
		}
	}
}

// process turns one stored update into a message for the core and sends the reply.
func (a *Adapter) process(ctx context.Context, stored bot.Update) {
	var u tgbotapi.Update
	if err := json.Unmarshal(stored.Payload, &u); err != nil {
		a.log.Error("unreadable stored update", "update", stored.ID, "err", err)
		return
	}
	switch {
	case u.CallbackQuery != nil:
		a.processCallback(ctx, u)
	case u.Message != nil:
		a.processMessage(ctx, u.Message, stored.ID)
	case u.EditedMessage != nil:
		if u.EditedMessage.Chat.IsPrivate() {
			a.reply(ctx, u.EditedMessage.Chat.ID, bot.Reply{Text: editedText}, u.EditedMessage.MessageID)
		}
	}
}

// What the adapter says itself: only which kinds of messages it can carry.
const (
	editedText  = "Je ne prends pas en compte les messages modifiés : envoyez plutôt votre question dans un nouveau message."
	mediaText   = "Je ne lis que les messages écrits : posez votre question en quelques mots (photos, autocollants, messages vocaux et fichiers ne me sont pas lisibles)."
	quotaText   = "Vous m'envoyez beaucoup de messages : patientez une minute, puis posez votre question en un seul message."
	locationTxt = "Merci, j'ai bien reçu votre position."
)

func (a *Adapter) processMessage(ctx context.Context, m *tgbotapi.Message, updateID string) {
	if m.From == nil || m.From.IsBot {
		return
	}
	text := m.Text
	if text == "" {
		text = m.Caption
	}
	if !m.Chat.IsPrivate() {
		var ok bool
		if text, ok = a.addressedToMe(m, text); !ok {
			return // in groups, only commands and messages for the bot
		}
	}
	if m.Location != nil && text == "" {
		text = fmt.Sprintf("position %.5f %.5f", m.Location.Latitude, m.Location.Longitude)
		if place, ok := bot.PlaceAt(m.Location.Latitude, m.Location.Longitude); ok {
			text = "département " + place.Department
		}
	}
	if text == "" {
		a.reply(ctx, m.Chat.ID, bot.Reply{Text: mediaText}, 0)
		return
	}
	if !a.quota.allow(m.From.ID, time.Now()) {
		if a.quota.warn(m.From.ID) {
			a.reply(ctx, m.Chat.ID, bot.Reply{Text: quotaText}, 0)
		}
		a.log.Info("quota exceeded", "chat", m.Chat.ID)
		return
	}
	msg := bot.Message{Channel: bot.ChannelTelegram, ChatID: strconv.FormatInt(m.Chat.ID, 10),
		UserID: strconv.FormatInt(m.From.ID, 10), UserName: m.From.FirstName, Text: text, UpdateID: updateID}
	r := a.handle(ctx, m.Chat.ID, msg)
	a.reply(ctx, m.Chat.ID, r, 0)
}

// addressedToMe keeps a group message for the bot: a command (for this bot), a mention, or a
// reply to one of its messages; the mention is removed from the text.
func (a *Adapter) addressedToMe(m *tgbotapi.Message, text string) (string, bool) {
	me := a.me()
	if m.IsCommand() {
		if at := strings.Index(strings.Fields(text)[0], "@"); at >= 0 && !strings.EqualFold(strings.Fields(text)[0][at+1:], me.UserName) {
			return "", false // a command for another bot
		}
		return text, true
	}
	if m.ReplyToMessage != nil && m.ReplyToMessage.From != nil && m.ReplyToMessage.From.ID == me.ID {
		return text, true
	}
	mention := "@" + me.UserName
	if me.UserName != "" && strings.Contains(strings.ToLower(text), strings.ToLower(mention)) {
		i := strings.Index(strings.ToLower(text), strings.ToLower(mention))
		return strings.TrimSpace(text[:i] + text[i+len(mention):]), true
	}
	return "", false
}

func (a *Adapter) processCallback(ctx context.Context, u tgbotapi.Update) {
	q := u.CallbackQuery
	// always answer the callback, at once, so that the button stops spinning
	if _, err := a.sender.send(ctx, 0, tgbotapi.NewCallback(q.ID, "")); err != nil {
		a.log.Warn("answer callback", "err", a.redact(err))
	}
	if q.Message == nil || q.From == nil {
		return
	}
	chat := q.Message.Chat.ID
	action := bot.DecodeAction(q.Data)
	msg := bot.Message{Channel: bot.ChannelTelegram, ChatID: strconv.FormatInt(chat, 10),
		UserID: strconv.FormatInt(q.From.ID, 10), UserName: q.From.FirstName, Action: &action, UpdateID: strconv.Itoa(u.UpdateID)}
	r := a.handle(ctx, chat, msg)
	a.reply(ctx, chat, r, 0)
}

// handle calls the core, showing "typing…" when the answer takes more than a moment.
func (a *Adapter) handle(ctx context.Context, chat int64, m bot.Message) bot.Reply {
	done := make(chan struct{})
	go func() {
		t := time.NewTimer(a.cfg.TypingAfter)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if _, err := a.api.Request(tgbotapi.NewChatAction(chat, tgbotapi.ChatTyping)); err != nil {
					a.log.Debug("typing", "err", a.redact(err))
				}
				t.Reset(4 * time.Second)
			}
		}
	}()
	r := a.core.Handle(ctx, m)
	close(done)
	return r
}

// notifyDrain bounds how long Run waits, when stopping, for queued notifications.
const notifyDrain = 20 * time.Second

// Notify implements bot.Notifier for Telegram chats. The notification is queued and sent in
// the background, in order for its chat (see bot.Outbox); Run sends what is queued before it
// returns.
func (a *Adapter) Notify(ctx context.Context, n bot.Notification) error {
	if _, err := strconv.ParseInt(n.To.ChatID, 10, 64); err != nil {
		return fmt.Errorf("telegram notify: chat id %q: %w", n.To.ChatID, err)
	}
	a.notes.Push(n)
	return nil
}

// reply sends a reply: its text in as few messages as Telegram allows (the keyboard on the
// last one), then its attachments as documents.
func (a *Adapter) reply(ctx context.Context, chat int64, r bot.Reply, replyTo int) error {
	parts := Split(Render(r), MaxMessage)
	keyboard := Keyboard(r.Buttons)
	var firstErr error
	for i, p := range parts {
		c := tgbotapi.NewMessage(chat, p)
		c.ParseMode = tgbotapi.ModeHTML
		c.DisableWebPagePreview = true
		if i == 0 && replyTo != 0 {
			c.ReplyToMessageID = replyTo
		}
		if i == len(parts)-1 && keyboard != nil {
			c.ReplyMarkup = *keyboard
		}
		_, err := a.sender.send(ctx, chat, c)
		if errors.Is(err, errParse) {
			// Telegram refused our HTML: the same words as plain text
			c.ParseMode = ""
			c.Text = plain(p)
			_, err = a.sender.send(ctx, chat, c)
		}
		if err != nil {
			a.log.Error("send message", "chat", chat, "err", a.redact(err))
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	for _, at := range r.Attachments {
		doc := tgbotapi.NewDocument(chat, tgbotapi.FileBytes{Name: at.Name, Bytes: at.Data})
		if _, err := a.sender.send(ctx, chat, doc); err != nil {
			a.log.Error("send document", "chat", chat, "err", a.redact(err))
			if firstErr == nil {
				firstErr = err
			}
		}
	}
	return firstErr
}

// Keyboard turns the reply's buttons into an inline keyboard. Callback data is the encoded
// action; a button whose data would exceed Telegram's 64 bytes is left out.
func Keyboard(rows [][]bot.Button) *tgbotapi.InlineKeyboardMarkup {
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var r []tgbotapi.InlineKeyboardButton
		for _, b := range row {
			data := b.Action.Encode()
			if len(data) > 64 || data == "" {
				continue
			}
			label := b.Label
			if len([]rune(label)) > 60 {
				label = string([]rune(label)[:59]) + "…"
			}
			r = append(r, tgbotapi.NewInlineKeyboardButtonData(label, data))
		}
		if len(r) > 0 {
			kb = append(kb, r)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	m := tgbotapi.NewInlineKeyboardMarkup(kb...)
	return &m
}

// quotas counts each user's messages over the last minute.
type quotas struct {
	mu     sync.Mutex
	max    int
	seen   map[int64][]time.Time
	warned map[int64]time.Time
}

func newQuotas(max int) *quotas {
	return &quotas{max: max, seen: map[int64][]time.Time{}, warned: map[int64]time.Time{}}
}

func (q *quotas) allow(user int64, now time.Time) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	ts := q.seen[user]
	i := 0
	for i < len(ts) && now.Sub(ts[i]) > time.Minute {
		i++
	}
	ts = ts[i:]
	if len(ts) >= q.max {
		q.seen[user] = ts
		return false
	}
	q.seen[user] = append(ts, now)
	if len(q.seen) > 50000 {
		for u, t := range q.seen {
			if len(t) == 0 || now.Sub(t[len(t)-1]) > time.Minute {
				delete(q.seen, u)
			}
		}
	}
	return true
}

// warn reports whether to tell the user about the quota (once a minute at most).
func (q *quotas) warn(user int64) bool {
	q.mu.Lock()
	defer q.mu.Unlock()
	if time.Since(q.warned[user]) < time.Minute {
		return false
	}
	q.warned[user] = time.Now()
	return true
}

// WebhookHandler receives updates posted by Telegram: the secret header is checked (403
// otherwise), the update is stored, and the answer is immediate; workers do the rest.
func (a *Adapter) WebhookHandler() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
			return
		}
		if a.cfg.WebhookSecret == "" || !constantTimeEqual(r.Header.Get("X-Telegram-Bot-Api-Secret-Token"), a.cfg.WebhookSecret) {
			http.Error(w, "forbidden", http.StatusForbidden)
			return
		}
		var u tgbotapi.Update
		if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 1<<20)).Decode(&u); err != nil || u.UpdateID == 0 {
			http.Error(w, "bad update", http.StatusBadRequest)
			return
		}
		if err := a.Receive(r.Context(), u); err != nil {
			a.log.Error("store webhook update", "update", u.UpdateID, "err", err)
			http.Error(w, "try again", http.StatusServiceUnavailable) // Telegram will redeliver
			return
		}
		w.WriteHeader(http.StatusOK)
	})
}

func constantTimeEqual(a, b string) bool {
	if len(a) != len(b) {
		return false
	}
	var v byte
	for i := 0; i < len(a); i++ {
		v |= a[i] ^ b[i]
	}
	return v == 0
}
