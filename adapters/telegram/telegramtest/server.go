// Package telegramtest is a local Telegram Bot API server for tests. It speaks the real
// protocol, so that the Telegram adapter is tested with the real client library on a machine
// that cannot reach api.telegram.org: it answers the methods the adapter uses with Telegram's
// results and Telegram's errors, produces updates as Telegram writes them (for getUpdates or
// posted to a webhook), records what the bot sent, and injects the failures that Telegram and
// the network produce (errors, flood control, slow answers, a proxy that is down).
package telegramtest

import (
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// The bot the server plays, and the user who writes to it.
const (
	BotID         = 123456
	BotUsername   = "coachbot_test_bot"
	BotFirstName  = "coachbot"
	UserFirstName = "Marie"
)

// Webhook deliveries: Telegram retries a failing webhook for hours; the server makes
// WebhookAttempts attempts, WebhookBackoff apart and doubling, then drops the update.
const (
	WebhookAttempts = 4
	WebhookBackoff  = 20 * time.Millisecond
)

const (
	token         = "123456:TEST-TOKEN"
	firstUpdateID = 700_000_001 // Telegram's update ids are large; ours too, so they are not mistaken for message ids
	firstQueryID  = 5_832_049_000_000_000_000
	maxText       = 4096
	maxCaption    = 1024
	maxData       = 64 // bytes of callback_data
	maxBody       = 64 << 20
	hookTimeout   = 10 * time.Second
	groupTitle    = "coachbot test group"
	notModified   = "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message"
)

// Sent is a message the bot sent or edited: one for each successful sendMessage,
// editMessageText and sendDocument.
type Sent struct {
	Method    string // sendMessage, editMessageText or sendDocument
	ChatID    int64
	MessageID int
	Text      string // as the bot sent it, markup included
	ParseMode string
	// Visible is what the user reads: the text (or the caption of a document) with tags
	// removed, character references decoded and surrounding white space trimmed. With
	// parse_mode Markdown or MarkdownV2, which the server does not parse, it keeps the markup.
	Visible        string
	Keyboard       [][]Button      // the inline keyboard; nil without one
	Markup         json.RawMessage // reply_markup as sent, whatever its kind
	ReplyTo        int             // the message replied to, if any
	Document       *File
	Caption        string // as sent, markup included
	DisablePreview bool
	At             time.Time
}

// Button is a button of an inline keyboard.
type Button struct {
	Text string
	Data string // callback_data
	URL  string
}

// File is a file the bot uploaded.
type File struct {
	Name string
	Data []byte
}

// CallbackAnswer is an answerCallbackQuery.
type CallbackAnswer struct {
	ID        string
	Text      string
	ShowAlert bool
	URL       string
	At        time.Time
}

// ChatAction is a sendChatAction ("typing"…).
type ChatAction struct {
	ChatID int64
	Action string
	At     time.Time
}

// Scope is where a list of commands applies: a BotCommandScope (Type "default",
// "all_private_chats", "all_group_chats", "all_chat_administrators", "chat",
// "chat_administrators" or "chat_member") and a language ("" for all).
type Scope struct {
	Type         string
	ChatID       int64
	UserID       int64
	LanguageCode string
}

// Command is a BotCommand.
type Command struct {
	Command     string `json:"command"`
	Description string `json:"description"`
}

// WebhookDelivery is one attempt to post an update to the webhook.
type WebhookDelivery struct {
	UpdateID int
	Attempt  int    // 1 for the first delivery of the update
	Status   int    // the webhook's HTTP status; 0 when it could not be reached
	Err      string // why it could not be reached
	At       time.Time
}

// Server is a local Telegram Bot API server. It is safe for concurrent use.
type Server struct {
	t       testing.TB
	srv     *httptest.Server
	hooks   *http.Client
	done    chan struct{}
	stop    context.CancelFunc
	once    sync.Once
	workers sync.WaitGroup

	mu      sync.Mutex
	changed chan struct{} // closed and replaced at every change of state

	nextUpdate int
	nextQuery  int64
	nextFile   int
	updates    map[int]*queued // every update ever produced, for Replay
	pending    []*queued       // updates not confirmed yet, in order
	polls      int             // getUpdates calls so far: a waiting call that is no longer the last one gives way
	allowed    []string        // allowed_updates
	hook       *webhook

	chats   map[int64]*chat
	files   map[string]*File // file_id → content
	queries map[string]bool  // callback query id → answered

	sent       []Sent
	byChat     map[int64][]int // indexes in sent, per chat
	answers    []CallbackAnswer
	actions    []ChatAction
	commands   map[Scope][]Command
	requests   map[string]int
	deliveries []WebhookDelivery

	faults          []*fault
	delays          map[string]time.Duration
	down            bool
	perChat, global int
	hits            []hit
}

// New starts a server for the test and stops it when the test ends. Its bot has the token
// "123456:TEST-TOKEN", the id BotID and the username BotUsername.
func New(t testing.TB) *Server {
	t.Helper()
	ctx, stop := context.WithCancel(context.Background())
	s := &Server{
		t: t, done: make(chan struct{}), stop: stop, changed: make(chan struct{}),
		nextUpdate: firstUpdateID, nextQuery: firstQueryID,
		updates: map[int]*queued{}, chats: map[int64]*chat{}, files: map[string]*File{},
		queries: map[string]bool{}, commands: map[Scope][]Command{}, requests: map[string]int{},
		delays: map[string]time.Duration{}, byChat: map[int64][]int{},
	}
	s.hooks = &http.Client{
		Timeout: hookTimeout,
		// The webhook is a test server with a certificate of its own, as a self-signed
		// certificate uploaded to Telegram would be.
		Transport:     &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.workers.Add(1)
	go s.deliver(ctx)
	t.Cleanup(s.Close)
	return s
}

// Close stops the server: waiting long polls and delayed answers return, webhook deliveries
// stop. It is called when the test ends.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.stop()
		s.srv.Close()
		s.workers.Wait()
		s.hooks.CloseIdleConnections()
	})
}

// URL is the base URL of the server, as "https://api.telegram.org" is Telegram's.
func (s *Server) URL() string { return s.srv.URL }

// Endpoint is the URL pattern the client library takes (token, then method).
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// Token is the bot's token.
func (s *Server) Token() string { return token }

// ---- fault injection ----

// fault is a failure to inject into calls.
type fault struct {
	method      string // lower case; "" for every method
	byChat      bool
	chat        int64
	left        int // calls still to fail; negative for every call
	code        int
	description string
	retryAfter  int
}

// FailNext makes the next n calls of method (any method for "") fail with code and
// description ("" for Telegram's usual words for that code). A retryAfter above zero adds
// parameters.retry_after, and for 429 the description "Too Many Requests: retry after N".
// A negative n fails every call; n = 0 removes the failures set for method.
func (s *Server) FailNext(method string, n, code int, description string, retryAfter int) {
	s.addFault(&fault{method: strings.ToLower(method), left: n, code: code, description: description, retryAfter: retryAfter})
}

// FailChat is FailNext for the calls about one chat only (their chat_id); for code 403 the
// description is "Forbidden: bot was blocked by the user", for 400 "Bad Request: chat not
// found".
func (s *Server) FailChat(chatID int64, method string, n, code, retryAfter int) {
	s.addFault(&fault{method: strings.ToLower(method), byChat: true, chat: chatID, left: n, code: code, retryAfter: retryAfter})
}

func (s *Server) addFault(f *fault) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f.left == 0 {
		s.faults = slices.DeleteFunc(s.faults, func(g *fault) bool {
			return g.method == f.method && g.byChat == f.byChat && g.chat == f.chat
		})
		return
	}
	s.faults = append(s.faults, f)
}

// Delay holds the answers to method (every method for "") for d; 0 removes the delay. The
// call takes effect before the wait, as when Telegram is slow to answer: a client that gives
// up may well have sent its message. The wait ends when the client goes away.
func (s *Server) Delay(method string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if d <= 0 {
		delete(s.delays, strings.ToLower(method))
		return
	}
	s.delays[strings.ToLower(method)] = d
}

// Down makes every request fail with 502 Bad Gateway and an HTML page, as the proxy in
// front of Telegram answers when Telegram is down, and pauses webhook deliveries.
func (s *Server) Down(down bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.down = down
	s.notifyLocked()
}

// FloodLimit turns on flood control, off by default: more than perChatPerSecond messages
// to one chat, or globalPerSecond in all (0 for no limit), within a second are refused
// with 429 Too Many Requests and a retry_after. It counts sendMessage, sendDocument,
// editMessageText and editMessageReplyMarkup.
func (s *Server) FloodLimit(perChatPerSecond, globalPerSecond int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.perChat, s.global = perChatPerSecond, globalPerSecond
	s.hits = nil
}

// hit is a counted call, for flood control.
type hit struct {
	chat int64
	at   time.Time
}

var floodMethods = map[string]bool{"sendMessage": true, "sendDocument": true, "editMessageText": true, "editMessageReplyMarkup": true}

// ---- what the bot did ----

// Sent returns the messages sent and edited, in order.
func (s *Server) Sent() []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.sent)
}

// SentTo returns the messages sent to and edited in one chat, in order.
func (s *Server) SentTo(chatID int64) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentToLocked(chatID, 0)
}

// SentToSince returns the messages sent to and edited in one chat from the from-th one
// (counted from 0), in order. Unlike SentTo, its cost does not grow with other chats' traffic.
func (s *Server) SentToSince(chatID int64, from int) []Sent {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.sentToLocked(chatID, from)
}

// Pending returns how many updates the bot has not confirmed yet.
func (s *Server) Pending() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.pending)
}

// SentCount returns how many messages were sent to or edited in one chat.
func (s *Server) SentCount(chatID int64) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.byChat[chatID])
}

func (s *Server) sentToLocked(chatID int64, from int) []Sent {
	idx := s.byChat[chatID]
	if from >= len(idx) {
		return nil
	}
	out := make([]Sent, 0, len(idx)-from)
	for _, i := range idx[from:] {
		out = append(out, s.sent[i])
	}
	return out
}

// WaitSent waits until at least n messages are recorded by Sent and returns them; it fails
// the test after timeout. Like t.Fatal, call it from the test's goroutine.
func (s *Server) WaitSent(t testing.TB, n int, timeout time.Duration) []Sent {
	t.Helper()
	if !s.wait(timeout, func() bool { return len(s.Sent()) >= n }) {
		sent := s.Sent()
		var b strings.Builder
		for _, m := range sent {
			fmt.Fprintf(&b, "\n  %s to %d: %q", m.Method, m.ChatID, m.Visible)
		}
		t.Fatalf("telegramtest: %d messages sent after %v, want at least %d:%s", len(sent), timeout, n, b.String())
	}
	return s.Sent()
}

// Wait waits until cond returns true, checking it at every change of the server's state,
// and fails the test after timeout, naming what it waited for. cond may call the server's
// accessors. Like t.Fatal, call it from the test's goroutine.
func (s *Server) Wait(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	if !s.wait(timeout, cond) {
		t.Fatalf("telegramtest: waited %v for %s", timeout, what)
	}
}

func (s *Server) wait(timeout time.Duration, cond func() bool) bool {
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return true
		}
		select {
		case <-changed:
		case <-deadline.C:
			return cond()
		}
	}
}

// Message returns the current state of a message in a chat, false when the server does not
// know it or it was deleted. For a message of the bot it is the last Sent for it, with the
// keyboard as editMessageReplyMarkup left it; for a message of a user, Method is "".
func (s *Server) Message(chatID int64, messageID int) (Sent, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.messageLocked(chatID, messageID)
	if m == nil {
		return Sent{}, false
	}
	return m.state, true
}

// CallbackAnswers returns the answers to callback queries, in order.
func (s *Server) CallbackAnswers() []CallbackAnswer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.answers)
}

// ChatActions returns the chat actions sent, in order.
func (s *Server) ChatActions() []ChatAction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.actions)
}

// Commands returns the commands set, by scope and language.
func (s *Server) Commands() map[Scope][]Command {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[Scope][]Command, len(s.commands))
	for k, v := range s.commands {
		out[k] = slices.Clone(v)
	}
	return out
}

// Requests returns how many calls of method (any case) reached the server with the right
// token, failed ones included.
func (s *Server) Requests(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for m, c := range s.requests {
		if strings.EqualFold(m, method) {
			n += c
		}
	}
	return n
}

// WebhookDeliveries returns the attempts to post updates to the webhook, in order.
func (s *Server) WebhookDeliveries() []WebhookDelivery {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.deliveries)
}

// ---- updates ----

// queued is an update waiting to be confirmed.
type queued struct {
	id     int
	kind   string // message, callback_query…
	raw    json.RawMessage
	forced bool // delivered once more even if confirmed (Replay)
}

// PushMessage makes a user write text in a chat (a private chat unless the chat is known
// as a group, or its id is negative) and returns the update's id. Commands and mentions get
// their entities, as Telegram gives them.
func (s *Server) PushMessage(chatID, userID int64, text string) int {
	return s.pushText(chatID, userID, text, "")
}

// PushGroupMessage makes a user write text in a group ("supergroup" for an id of the form
// -100…) and returns the update's id. Unlike Telegram with the bot's privacy mode on, the
// server delivers every group message pushed.
func (s *Server) PushGroupMessage(chatID, userID int64, text string) int {
	typ := "group"
	if chatID <= -1_000_000_000_000 {
		typ = "supergroup"
	}
	return s.pushText(chatID, userID, text, typ)
}

func (s *Server) pushText(chatID, userID int64, text, typ string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chatLocked(chatID, typ)
	m := s.newMessageLocked(ch, user(userID), false)
	m.setUserText(text)
	ch.lastFrom[userID] = m.json.MessageID
	return s.enqueueLocked("message", m.json)
}

// PushReply makes a user answer a message of the chat with text. replyToFromBot says who
// wrote the message answered, when the server has not seen it.
func (s *Server) PushReply(chatID, userID int64, text string, replyToMessageID int, replyToFromBot bool) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chatLocked(chatID, "")
	target := ch.messages[replyToMessageID]
	if target == nil {
		from := user(userID)
		if replyToFromBot {
			from = botUser()
		}
		target = s.placeMessageLocked(ch, replyToMessageID, from, replyToFromBot)
		target.setUserText("…")
	}
	m := s.newMessageLocked(ch, user(userID), false)
	m.setUserText(text)
	m.json.ReplyToMessage = target.snapshot()
	m.state.ReplyTo = replyToMessageID
	ch.lastFrom[userID] = m.json.MessageID
	return s.enqueueLocked("message", m.json)
}

// PushCallback makes a user press the inline button with callback data data on a message of
// the bot, and returns the update's id and the query's id. A message the server has not seen
// is taken for one of the bot's with that single button.
func (s *Server) PushCallback(chatID, userID int64, messageID int, data string) (updateID int, queryID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chatLocked(chatID, "")
	target := ch.messages[messageID]
	if target == nil {
		target = s.placeMessageLocked(ch, messageID, botUser(), true)
		target.json.Text = "…"
		target.json.ReplyMarkup = mustJSON(map[string]any{"inline_keyboard": [][]map[string]string{{{"text": data, "callback_data": data}}}})
		target.state = Sent{ChatID: chatID, MessageID: messageID, Text: "…", Visible: "…",
			Keyboard: [][]Button{{{Text: data, Data: data}}}, Markup: target.json.ReplyMarkup}
	}
	s.nextQuery++
	queryID = strconv.FormatInt(s.nextQuery, 10)
	s.queries[queryID] = false
	q := callbackJSON{ID: queryID, From: *user(userID), Message: target.snapshot(),
		ChatInstance: strconv.FormatInt(-(4_000_000_000_000_000_000 + chatID%1_000_000_000_000), 10), Data: data}
	return s.enqueueLocked("callback_query", q), queryID
}

// PushEdited makes a user change their last text message in the chat (a new one if they
// have written none) and returns the update's id.
func (s *Server) PushEdited(chatID, userID int64, text string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chatLocked(chatID, "")
	m := ch.messages[ch.lastFrom[userID]]
	if m == nil {
		m = s.newMessageLocked(ch, user(userID), false)
		ch.lastFrom[userID] = m.json.MessageID
	}
	m.setUserText(text)
	m.json.EditDate = time.Now().Unix()
	return s.enqueueLocked("edited_message", m.json)
}

// PushMedia makes a user send something other than text: "photo", "sticker", "voice",
// "document" (a PDF) or "location" (in Paris), and returns the update's id. Another kind
// fails the test: like t.Fatal, call it from the test's goroutine.
func (s *Server) PushMedia(chatID, userID int64, kind string) int {
	s.t.Helper()
	switch kind {
	case "photo", "sticker", "voice", "document", "location":
	default:
		s.t.Fatalf("telegramtest: PushMedia: unknown kind %q (photo, sticker, voice, document or location)", kind)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ch := s.chatLocked(chatID, "")
	m := s.newMessageLocked(ch, user(userID), false)
	s.nextFile++
	id, unique := fmt.Sprintf("AgACAgQAAxkBAAI%07d", s.nextFile), fmt.Sprintf("AQAD%07d", s.nextFile)
	switch kind {
	case "photo":
		for i, size := range [][2]int{{90, 67}, {320, 240}, {1280, 960}} {
			m.json.Photo = append(m.json.Photo, photoSizeJSON{FileID: fmt.Sprintf("%s-%d", id, i), FileUniqueID: fmt.Sprintf("%s-%d", unique, i),
				FileSize: size[0] * size[1] / 8, Width: size[0], Height: size[1]})
		}
	case "sticker":
		m.json.Sticker = &stickerJSON{Width: 512, Height: 512, Emoji: "👍", SetName: "coachbot_test", Type: "regular",
			FileID: id, FileUniqueID: unique, FileSize: 24_576}
	case "voice":
		m.json.Voice = &voiceJSON{Duration: 3, MimeType: "audio/ogg", FileID: id, FileUniqueID: unique, FileSize: 9_216}
	case "document":
		data := []byte("%PDF-1.4\n%%EOF\n")
		s.files[id] = &File{Name: "document.pdf", Data: data}
		m.json.Document = &documentJSON{FileName: "document.pdf", MimeType: "application/pdf", FileID: id, FileUniqueID: unique, FileSize: len(data)}
	case "location":
		m.json.Location = &locationJSON{Latitude: 48.856613, Longitude: 2.352222}
	}
	return s.enqueueLocked("message", m.json)
}

// PushUpdate queues a raw update, given as Telegram writes it; an update_id is assigned if
// it has none, and later ids follow the largest given. A message in it becomes known to its
// chat. Invalid JSON fails the test: like t.Fatal, call it from the test's goroutine.
func (s *Server) PushUpdate(raw json.RawMessage) int {
	s.t.Helper()
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		s.t.Fatalf("telegramtest: PushUpdate: not a JSON object: %s", raw)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.nextUpdate
	if v, ok := fields["update_id"]; ok {
		if err := json.Unmarshal(v, &id); err != nil {
			s.t.Fatalf("telegramtest: PushUpdate: update_id %s: %v", v, err)
		}
		delete(fields, "update_id")
	}
	s.nextUpdate = max(s.nextUpdate, id+1)
	keys := make([]string, 0, len(fields))
	for k := range fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b bytes.Buffer
	fmt.Fprintf(&b, `{"update_id":%d`, id)
	for _, k := range keys {
		fmt.Fprintf(&b, ",%s:%s", mustJSON(k), fields[k])
	}
	b.WriteString("}")
	kind := ""
	if len(keys) > 0 {
		kind = keys[0]
	}
	if m, ok := fields["message"]; ok {
		var mj messageJSON
		if json.Unmarshal(m, &mj) == nil && mj.MessageID > 0 {
			ch := s.chatLocked(mj.Chat.ID, mj.Chat.Type)
			fromBot := mj.From != nil && mj.From.ID == BotID
			placed := s.placeMessageLocked(ch, mj.MessageID, mj.From, fromBot)
			placed.json = mj
			placed.state.Text, placed.state.Visible = mj.Text, mj.Text
		}
	}
	return s.enqueueRawLocked(id, kind, b.Bytes())
}

// Replay delivers an update once more, as Telegram does with an update that was not
// confirmed: in the next getUpdates answer even if an offset confirmed it, or posted again
// to the webhook. A client that remembers its offset, as the library's GetUpdatesChan does,
// skips it as it would skip Telegram's; one that starts afresh gets it. An unknown id fails
// the test: like t.Fatal, call it from the test's goroutine.
func (s *Server) Replay(updateID int) {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.updates[updateID]
	if !ok {
		s.t.Fatalf("telegramtest: Replay: no update %d", updateID)
	}
	for _, q := range s.pending {
		if q.id == updateID {
			q.forced = true
			s.notifyLocked()
			return
		}
	}
	s.pending = append(s.pending, &queued{id: u.id, kind: u.kind, raw: u.raw, forced: true})
	s.notifyLocked()
}

func (s *Server) enqueueLocked(kind string, payload any) int {
	id := s.nextUpdate
	s.nextUpdate++
	raw := fmt.Appendf(nil, `{"update_id":%d,%s:%s}`, id, mustJSON(kind), mustJSON(payload))
	return s.enqueueRawLocked(id, kind, raw)
}

func (s *Server) enqueueRawLocked(id int, kind string, raw []byte) int {
	q := &queued{id: id, kind: kind, raw: raw}
	s.updates[id] = q
	s.pending = append(s.pending, &queued{id: id, kind: kind, raw: raw})
	s.notifyLocked()
	return id
}

// allowedLocked reports whether updates of kind are delivered: by default all but
// chat_member, message_reaction and message_reaction_count.
func (s *Server) allowedLocked(kind string) bool {
	if len(s.allowed) == 0 {
		return kind != "chat_member" && kind != "message_reaction" && kind != "message_reaction_count"
	}
	return slices.Contains(s.allowed, kind)
}

// confirmLocked forgets the updates an offset confirms.
func (s *Server) confirmLocked(offset int64) {
	switch {
	case offset < 0:
		if n := int(-offset); len(s.pending) > n {
			s.pending = slices.Clone(s.pending[len(s.pending)-n:])
		}
	case offset > 0:
		s.pending = slices.DeleteFunc(s.pending, func(q *queued) bool { return int64(q.id) < offset && !q.forced })
	}
}

// takeLocked returns the first limit updates to deliver, dropping those not allowed.
func (s *Server) takeLocked(limit int) []json.RawMessage {
	batch := []json.RawMessage{}
	s.pending = slices.DeleteFunc(s.pending, func(q *queued) bool { return !s.allowedLocked(q.kind) })
	for _, q := range s.pending {
		if len(batch) == limit {
			break
		}
		batch = append(batch, q.raw)
		q.forced = false
	}
	return batch
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// waitLocked releases the lock until the state changes, and reports false if instead ctx
// ends, the server closes or timer fires.
func (s *Server) waitLocked(ctx context.Context, timer <-chan time.Time) bool {
	changed := s.changed
	s.mu.Unlock()
	defer s.mu.Lock()
	select {
	case <-changed:
		return true
	case <-ctx.Done():
	case <-s.done:
	case <-timer:
	}
	return false
}

// ---- chats and messages ----

type chat struct {
	info     chatJSON
	next     int // the next message id
	messages map[int]*message
	lastFrom map[int64]int // user → their last text message
}

type message struct {
	json    messageJSON
	fromBot bool
	deleted bool
	state   Sent
}

// chatLocked returns a chat, creating it with typ ("" for private when the id is positive,
// group or supergroup when it is negative).
func (s *Server) chatLocked(id int64, typ string) *chat {
	if ch := s.chats[id]; ch != nil {
		return ch
	}
	if typ == "" {
		switch {
		case id > 0:
			typ = "private"
		case id <= -1_000_000_000_000:
			typ = "supergroup"
		default:
			typ = "group"
		}
	}
	info := chatJSON{ID: id, Type: typ, Title: groupTitle}
	if typ == "private" {
		info.Title, info.FirstName = "", UserFirstName
	}
	ch := &chat{info: info, next: 1, messages: map[int]*message{}, lastFrom: map[int64]int{}}
	s.chats[id] = ch
	return ch
}

func (s *Server) newMessageLocked(ch *chat, from *userJSON, fromBot bool) *message {
	return s.placeMessageLocked(ch, ch.next, from, fromBot)
}

// placeMessageLocked creates the message id of a chat.
func (s *Server) placeMessageLocked(ch *chat, id int, from *userJSON, fromBot bool) *message {
	ch.next = max(ch.next, id+1)
	m := &message{json: messageJSON{MessageID: id, From: from, Chat: ch.info, Date: time.Now().Unix()}, fromBot: fromBot,
		state: Sent{ChatID: ch.info.ID, MessageID: id}}
	ch.messages[id] = m
	return m
}

// messageLocked returns a message that exists and was not deleted, or nil.
func (s *Server) messageLocked(chatID int64, id int) *message {
	ch := s.chats[chatID]
	if ch == nil {
		return nil
	}
	if m := ch.messages[id]; m != nil && !m.deleted {
		return m
	}
	return nil
}

// setUserText sets the text of a user's message, with the entities Telegram finds in it.
func (m *message) setUserText(text string) {
	m.json.Text, m.json.Entities = text, findEntities(text)
	m.state.Text, m.state.Visible = text, text
	m.state.At = time.Now()
}

// snapshot is the message as quoted in another (reply_to_message, a callback's message).
func (m *message) snapshot() *messageJSON {
	c := m.json
	c.ReplyToMessage = nil
	return &c
}

func user(id int64) *userJSON {
	return &userJSON{ID: id, FirstName: UserFirstName, LanguageCode: "fr"}
}

func botUser() *userJSON {
	return &userJSON{ID: BotID, IsBot: true, FirstName: BotFirstName, Username: BotUsername}
}

// findEntities finds the bot commands and mentions in a user's text, as Telegram does
// (tdlib's match_bot_commands and match_mentions).
func findEntities(text string) []entity {
	var out []entity
	word := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsNumber(r) || r == '_' }
	name := func(c byte) bool { return isAlnum(c) || c == '_' }
	scan := func(from int) int {
		for from < len(text) && name(text[from]) {
			from++
		}
		return from
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c != '/' && c != '@' {
			continue
		}
		if i > 0 {
			prev, _ := utf8.DecodeLastRuneInString(text[:i])
			if word(prev) || c == '/' && (prev == '/' || prev == '<' || prev == '>') {
				continue
			}
		}
		end := scan(i + 1)
		next := end
		if n := end - i - 1; c == '/' && (n < 1 || n > 64) || c == '@' && (n < 2 || n > 32) {
			i = next - 1
			continue
		}
		if c == '/' && end < len(text) && text[end] == '@' {
			next = scan(end + 1)
			if n := next - end - 1; n < 3 || n > 32 {
				i = next - 1
				continue
			}
			end = next
		}
		if end < len(text) {
			r, _ := utf8.DecodeRuneInString(text[end:])
			if word(r) || c == '/' && (r == '/' || r == '<' || r == '>') {
				i = next - 1
				continue
			}
		}
		typ := "bot_command"
		if c == '@' {
			typ = "mention"
		}
		out = append(out, entity{Offset: utf16Len(text[:i]), Length: utf16Len(text[i:end]), Type: typ})
		i = end - 1
	}
	return out
}

// ---- HTTP ----

// call is one call of a method.
type call struct {
	ctx    context.Context
	method string // as Telegram names it: sendMessage
	params map[string]string
	files  map[string]*File
}

func (c *call) str(name string) string { return c.params[name] }

func (c *call) integer(name string) int64 {
	n, _ := strconv.ParseInt(strings.TrimSpace(c.params[name]), 10, 64)
	return n
}

func (c *call) flag(name string) bool {
	switch strings.ToLower(strings.TrimSpace(c.params[name])) {
	case "true", "1":
		return true
	}
	return false
}

func (c *call) chatID() (int64, *apiError) {
	v := strings.TrimSpace(c.params["chat_id"])
	if v == "" {
		return 0, badRequest("chat_id is empty")
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil || id == 0 {
		return 0, badRequest("chat not found") // @channelusername: no channel is known
	}
	return id, nil
}

// apiError is an error answer of the Bot API.
type apiError struct {
	code        int
	description string
	retryAfter  int
}

func badRequest(description string) *apiError {
	return &apiError{code: http.StatusBadRequest, description: "Bad Request: " + description}
}

func tooManyRequests(retryAfter int) *apiError {
	return &apiError{code: http.StatusTooManyRequests, description: fmt.Sprintf("Too Many Requests: retry after %d", retryAfter), retryAfter: retryAfter}
}

// described is a result that comes with a description, as setWebhook's.
type described struct {
	result      any
	description string
}

type handler func(*Server, *call) (any, *apiError)

// lookup returns a method's name and handler; Telegram reads method names in any case.
func lookup(name string) (string, handler) {
	switch strings.ToLower(name) {
	case "getme":
		return "getMe", (*Server).getMe
	case "getupdates":
		return "getUpdates", (*Server).getUpdates
	case "setwebhook":
		return "setWebhook", (*Server).setWebhook
	case "deletewebhook":
		return "deleteWebhook", (*Server).deleteWebhook
	case "getwebhookinfo":
		return "getWebhookInfo", (*Server).getWebhookInfo
	case "sendmessage":
		return "sendMessage", (*Server).sendMessage
	case "editmessagetext":
		return "editMessageText", (*Server).editMessageText
	case "editmessagereplymarkup":
		return "editMessageReplyMarkup", (*Server).editMessageReplyMarkup
	case "deletemessage":
		return "deleteMessage", (*Server).deleteMessage
	case "senddocument":
		return "sendDocument", (*Server).sendDocument
	case "answercallbackquery":
		return "answerCallbackQuery", (*Server).answerCallbackQuery
	case "sendchataction":
		return "sendChatAction", (*Server).sendChatAction
	case "setmycommands":
		return "setMyCommands", (*Server).setMyCommands
	case "getmycommands":
		return "getMyCommands", (*Server).getMyCommands
	case "deletemycommands":
		return "deleteMyCommands", (*Server).deleteMyCommands
	}
	return "", nil
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	down := s.down
	s.mu.Unlock()
	if down {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		io.WriteString(w, "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n")
		return
	}
	notFound := &apiError{code: http.StatusNotFound, description: "Not Found"}
	rest, ok := strings.CutPrefix(r.URL.Path, "/bot")
	tok, name, found := strings.Cut(rest, "/")
	if !ok || !found {
		writeAnswer(w, nil, notFound)
		return
	}
	if tok != token {
		writeAnswer(w, nil, &apiError{code: http.StatusUnauthorized, description: "Unauthorized"})
		return
	}
	method, fn := lookup(name)
	if fn == nil {
		writeAnswer(w, nil, notFound)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return // the client went away
	}
	if len(body) > maxBody {
		writeAnswer(w, nil, &apiError{code: http.StatusRequestEntityTooLarge, description: "Request Entity Too Large"})
		return
	}
	params, files, e := decodeParams(r.URL.Query(), r.Header.Get("Content-Type"), body)
	if e != nil {
		writeAnswer(w, nil, e)
		return
	}
	result, e := s.run(&call{ctx: r.Context(), method: method, params: params, files: files}, fn)
	if !s.pause(r.Context(), method) {
		return
	}
	writeAnswer(w, result, e)
}

// run counts a call, injects the failures due, applies flood control and calls the method.
func (s *Server) run(c *call, fn handler) (any, *apiError) {
	s.mu.Lock()
	s.requests[c.method]++
	s.notifyLocked()
	e := s.faultLocked(c)
	if e == nil && floodMethods[c.method] {
		e = s.floodLocked(c)
	}
	s.mu.Unlock()
	if e != nil {
		return nil, e
	}
	return fn(s, c)
}

func (s *Server) faultLocked(c *call) *apiError {
	for i, f := range s.faults {
		if f.method != "" && f.method != strings.ToLower(c.method) {
			continue
		}
		if f.byChat {
			if id, err := strconv.ParseInt(strings.TrimSpace(c.params["chat_id"]), 10, 64); err != nil || id != f.chat {
				continue
			}
		}
		if f.left > 0 {
			f.left--
			if f.left == 0 {
				s.faults = slices.Delete(s.faults, i, i+1)
			}
		}
		desc := f.description
		if desc == "" {
			desc = description(f.code, f.retryAfter)
		}
		return &apiError{code: f.code, description: desc, retryAfter: f.retryAfter}
	}
	return nil
}

// description is what Telegram usually says with an error code.
func description(code, retryAfter int) string {
	switch code {
	case http.StatusBadRequest:
		return "Bad Request: chat not found"
	case http.StatusUnauthorized:
		return "Unauthorized"
	case http.StatusForbidden:
		return "Forbidden: bot was blocked by the user"
	case http.StatusNotFound:
		return "Not Found"
	case http.StatusConflict:
		return "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
	case http.StatusTooManyRequests:
		if retryAfter > 0 {
			return fmt.Sprintf("Too Many Requests: retry after %d", retryAfter)
		}
		return "Too Many Requests"
	}
	return http.StatusText(code)
}

func (s *Server) floodLocked(c *call) *apiError {
	if s.perChat <= 0 && s.global <= 0 {
		return nil
	}
	now := time.Now()
	s.hits = slices.DeleteFunc(s.hits, func(h hit) bool { return now.Sub(h.at) >= time.Second })
	retry := func(oldest time.Time) *apiError {
		return tooManyRequests(max(1, int(math.Ceil(oldest.Add(time.Second).Sub(now).Seconds()))))
	}
	if s.global > 0 && len(s.hits) >= s.global {
		return retry(s.hits[0].at)
	}
	chatID, _ := strconv.ParseInt(strings.TrimSpace(c.params["chat_id"]), 10, 64)
	if s.perChat > 0 {
		var mine []hit
		for _, h := range s.hits {
			if h.chat == chatID {
				mine = append(mine, h)
			}
		}
		if len(mine) >= s.perChat {
			return retry(mine[0].at)
		}
	}
	s.hits = append(s.hits, hit{chat: chatID, at: now})
	return nil
}

// pause holds an answer as Delay asks, and reports false if the client went away or the
// server closed meanwhile.
func (s *Server) pause(ctx context.Context, method string) bool {
	s.mu.Lock()
	d, ok := s.delays[strings.ToLower(method)]
	if !ok {
		d = s.delays[""]
	}
	s.mu.Unlock()
	if d <= 0 {
		return true
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
	case <-s.done:
	}
	return false
}

// writeAnswer writes {"ok":true,"result":…} or {"ok":false,"error_code":…}, with the error
// code as HTTP status, as Telegram does.
func writeAnswer(w http.ResponseWriter, result any, e *apiError) {
	type parameters struct {
		RetryAfter int `json:"retry_after,omitempty"`
	}
	var answer struct {
		OK          bool            `json:"ok"`
		Result      json.RawMessage `json:"result,omitempty"`
		ErrorCode   int             `json:"error_code,omitempty"`
		Description string          `json:"description,omitempty"`
		Parameters  *parameters     `json:"parameters,omitempty"`
	}
	status := http.StatusOK
	if e != nil {
		status, answer.ErrorCode, answer.Description = e.code, e.code, e.description
		if e.retryAfter > 0 {
			answer.Parameters = &parameters{RetryAfter: e.retryAfter}
		}
	} else {
		answer.OK = true
		if d, ok := result.(described); ok {
			result, answer.Description = d.result, d.description
		}
		answer.Result = mustJSON(result)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(answer)
}

// decodeParams reads a call's parameters from the query string and from a body in any of
// the encodings the Bot API accepts.
func decodeParams(query url.Values, contentType string, body []byte) (map[string]string, map[string]*File, *apiError) {
	params, files := map[string]string{}, map[string]*File{}
	for k, v := range query {
		params[k] = v[0]
	}
	mediaType, mediaParams, _ := mime.ParseMediaType(contentType)
	switch mediaType {
	case "application/json":
		if len(bytes.TrimSpace(body)) == 0 {
			break
		}
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
			return nil, nil, badRequest("can't parse JSON object")
		}
		for k, v := range fields {
			var str string
			switch {
			case string(v) == "null":
			case json.Unmarshal(v, &str) == nil:
				params[k] = str
			default:
				params[k] = string(v)
			}
		}
	case "application/x-www-form-urlencoded":
		values, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, nil, badRequest("can't parse form")
		}
		for k, v := range values {
			params[k] = v[0]
		}
	case "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), mediaParams["boundary"]).ReadForm(maxBody)
		if err != nil {
			return nil, nil, badRequest("can't parse multipart form")
		}
		defer form.RemoveAll()
		for k, v := range form.Value {
			params[k] = v[0]
		}
		for k, v := range form.File {
			f, err := v[0].Open()
			if err != nil {
				return nil, nil, badRequest("can't read file " + k)
			}
			data, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				return nil, nil, badRequest("can't read file " + k)
			}
			files[k] = &File{Name: v[0].Filename, Data: data}
		}
	}
	return params, files, nil
}

func mustJSON(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("telegramtest: encode %T: %v", v, err))
	}
	return b
}

// ---- methods ----

func (s *Server) getMe(*call) (any, *apiError) {
	return meJSON{ID: BotID, IsBot: true, FirstName: BotFirstName, Username: BotUsername, CanJoinGroups: true}, nil
}

func (s *Server) getUpdates(c *call) (any, *apiError) {
	offset := c.integer("offset")
	limit := int(c.integer("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.ParseFloat(strings.TrimSpace(c.str("timeout")), 64)
	var allowed []string
	if raw := c.str("allowed_updates"); raw != "" {
		if err := json.Unmarshal([]byte(raw), &allowed); err != nil {
			return nil, badRequest("can't parse allowed_updates JSON array")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.hook != nil {
		return nil, &apiError{code: http.StatusConflict, description: "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first"}
	}
	if c.str("allowed_updates") != "" {
		s.allowed = allowed
	}
	s.polls++
	me := s.polls
	s.notifyLocked() // a call still waiting gives way to this one
	s.confirmLocked(offset)
	var timer <-chan time.Time
	if timeout > 0 {
		t := time.NewTimer(time.Duration(timeout * float64(time.Second)))
		defer t.Stop()
		timer = t.C
	}
	for {
		if s.polls != me {
			return nil, &apiError{code: http.StatusConflict, description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}
		}
		if s.hook != nil {
			return []json.RawMessage{}, nil
		}
		if batch := s.takeLocked(limit); len(batch) > 0 || timer == nil {
			return batch, nil
		}
		if !s.waitLocked(c.ctx, timer) {
			return s.takeLocked(limit), nil
		}
	}
}

// webhook is the webhook set, and how its deliveries went.
type webhook struct {
	url, secret      string
	maxConnections   int
	lastErrorDate    int64
	lastErrorMessage string
}

func (s *Server) setWebhook(c *call) (any, *apiError) {
	raw := strings.TrimSpace(c.str("url"))
	if raw == "" {
		return s.deleteWebhook(c)
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" {
		return nil, badRequest("bad webhook: invalid webhook URL specified")
	}
	if u.Scheme != "https" {
		return nil, badRequest("bad webhook: An HTTPS URL must be provided for webhook")
	}
	secret := c.str("secret_token")
	if len(secret) > 256 {
		return nil, badRequest("secret token is too long")
	}
	for _, r := range secret {
		if !(r < utf8.RuneSelf && (isAlnum(byte(r)) || r == '_' || r == '-')) {
			return nil, badRequest("secret token contains unallowed characters")
		}
	}
	maxConn := 40
	if c.str("max_connections") != "" {
		maxConn = min(max(int(c.integer("max_connections")), 1), 100)
	}
	var allowed []string
	if a := c.str("allowed_updates"); a != "" {
		if err := json.Unmarshal([]byte(a), &allowed); err != nil {
			return nil, badRequest("can't parse allowed_updates JSON array")
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	same := s.hook != nil && s.hook.url == raw && s.hook.secret == secret && s.hook.maxConnections == maxConn
	if c.str("allowed_updates") != "" {
		same = same && slices.Equal(s.allowed, allowed)
		s.allowed = allowed
	}
	if !same {
		s.hook = &webhook{url: raw, secret: secret, maxConnections: maxConn}
	}
	if c.flag("drop_pending_updates") {
		s.pending = nil
	}
	s.notifyLocked()
	if same {
		return described{true, "Webhook is already set"}, nil
	}
	return described{true, "Webhook was set"}, nil
}

func (s *Server) deleteWebhook(c *call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	was := s.hook != nil
	s.hook = nil
	if c.flag("drop_pending_updates") {
		s.pending = nil
	}
	s.notifyLocked()
	if was {
		return described{true, "Webhook was deleted"}, nil
	}
	return described{true, "Webhook is already deleted"}, nil
}

func (s *Server) getWebhookInfo(*call) (any, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	info := webhookInfoJSON{PendingUpdateCount: len(s.pending)}
	if h := s.hook; h != nil {
		info.URL, info.MaxConnections = h.url, h.maxConnections
		info.LastErrorDate, info.LastErrorMessage = h.lastErrorDate, h.lastErrorMessage
		info.AllowedUpdates = s.allowed
	}
	return info, nil
}

// format turns a text and its parse mode into what Telegram keeps: the visible text,
// trimmed, and its entities.
func format(text, parseMode string) (string, []entity, *apiError) {
	if !utf8.ValidString(text) {
		return "", nil, badRequest("text must be encoded in UTF-8")
	}
	visible, entities := text, []entity(nil)
	switch strings.ToLower(parseMode) {
	case "":
	case "html":
		v, e, err := parseHTML(text)
		if err != nil {
			return "", nil, badRequest("can't parse entities: " + err.Error())
		}
		visible, entities = v, e
	case "markdown", "markdownv2":
		// accepted, not parsed
	default:
		return "", nil, badRequest("unsupported parse_mode")
	}
	visible, entities = trimText(visible, entities)
	return visible, entities, nil
}

// messageText formats the text of a message and checks its length.
func messageText(text, parseMode string) (string, []entity, *apiError) {
	visible, entities, e := format(text, parseMode)
	switch {
	case e != nil:
		return "", nil, e
	case visible == "":
		return "", nil, badRequest("message text is empty")
	case utf16Len(visible) > maxText:
		return "", nil, badRequest("message is too long")
	}
	return visible, entities, nil
}

// markup is a reply_markup as the server understood it.
type markup struct {
	raw      json.RawMessage // as sent
	inline   json.RawMessage // the inline keyboard, echoed in the message; nil for none
	keyboard [][]Button
}

func parseMarkup(raw string, inlineOnly bool) (markup, *apiError) {
	var m markup
	if strings.TrimSpace(raw) == "" {
		return m, nil
	}
	var v struct {
		InlineKeyboard *[][]map[string]json.RawMessage `json:"inline_keyboard"`
		Keyboard       *[][]json.RawMessage            `json:"keyboard"`
		RemoveKeyboard bool                            `json:"remove_keyboard"`
		ForceReply     bool                            `json:"force_reply"`
	}
	var compact bytes.Buffer
	if json.Unmarshal([]byte(raw), &v) != nil || json.Compact(&compact, []byte(raw)) != nil {
		return m, badRequest("can't parse reply keyboard markup JSON object")
	}
	m.raw = compact.Bytes()
	switch {
	case v.InlineKeyboard != nil:
		for _, row := range *v.InlineKeyboard {
			var buttons []Button
			for _, b := range row {
				button, e := parseButton(b)
				if e != nil {
					return m, e
				}
				buttons = append(buttons, button)
			}
			m.keyboard = append(m.keyboard, buttons)
		}
		m.inline = mustJSON(map[string]any{"inline_keyboard": *v.InlineKeyboard})
	case inlineOnly:
		return m, badRequest("inline keyboard expected")
	case v.Keyboard == nil && !v.RemoveKeyboard && !v.ForceReply:
		return m, badRequest("can't parse reply keyboard markup JSON object")
	}
	return m, nil
}

func parseButton(b map[string]json.RawMessage) (Button, *apiError) {
	var button Button
	text, ok := b["text"]
	if !ok {
		return button, badRequest(`can't parse inline keyboard button: Can't find field "text"`)
	}
	if json.Unmarshal(text, &button.Text) != nil {
		return button, badRequest(`can't parse inline keyboard button: Field "text" must be of type String`)
	}
	actions := 0
	for _, field := range []string{"callback_data", "url"} {
		raw, ok := b[field]
		if !ok {
			continue
		}
		var v string
		if json.Unmarshal(raw, &v) != nil {
			return button, badRequest(fmt.Sprintf(`can't parse inline keyboard button: Field "%s" must be of type String`, field))
		}
		if v == "" {
			continue // Telegram takes an empty field for a missing one
		}
		actions++
		if field == "callback_data" {
			if len(v) > maxData {
				return button, badRequest("BUTTON_DATA_INVALID")
			}
			button.Data = v
			continue
		}
		u, err := url.Parse(v)
		if err != nil {
			return button, badRequest("BUTTON_URL_INVALID")
		}
		switch strings.ToLower(u.Scheme) {
		case "http", "https":
			if u.Host == "" {
				return button, badRequest("BUTTON_URL_INVALID")
			}
		case "tg", "":
		default:
			return button, badRequest(fmt.Sprintf("inline keyboard button URL '%s' is invalid: Unsupported URL protocol", v))
		}
		button.URL = v
	}
	for _, field := range []string{"login_url", "switch_inline_query", "switch_inline_query_current_chat",
		"switch_inline_query_chosen_chat", "callback_game", "pay", "web_app", "copy_text"} {
		if v, ok := b[field]; ok && string(v) != "null" && string(v) != "false" {
			actions++
		}
	}
	if actions == 0 {
		return button, badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	}
	return button, nil
}

func previewDisabled(c *call) bool {
	if c.flag("disable_web_page_preview") {
		return true
	}
	var o struct {
		IsDisabled bool `json:"is_disabled"`
	}
	return json.Unmarshal([]byte(c.str("link_preview_options")), &o) == nil && o.IsDisabled
}

// replyTarget reads reply_to_message_id, allow_sending_without_reply and reply_parameters.
func replyTarget(c *call) (id int, withoutReply bool, e *apiError) {
	id, withoutReply = int(c.integer("reply_to_message_id")), c.flag("allow_sending_without_reply")
	if raw := c.str("reply_parameters"); raw != "" {
		var p struct {
			MessageID                int  `json:"message_id"`
			AllowSendingWithoutReply bool `json:"allow_sending_without_reply"`
		}
		if err := json.Unmarshal([]byte(raw), &p); err != nil {
			return 0, false, badRequest("can't parse reply parameters JSON object")
		}
		id, withoutReply = p.MessageID, p.AllowSendingWithoutReply
	}
	return id, withoutReply, nil
}

// sendLocked creates a message of the bot in a chat, replying to replyTo if it exists.
func (s *Server) sendLocked(chatID int64, replyTo int, withoutReply bool, mk markup) (*message, *apiError) {
	ch := s.chatLocked(chatID, "")
	var quoted *messageJSON
	if replyTo != 0 {
		if target := s.messageLocked(chatID, replyTo); target != nil {
			quoted = target.snapshot()
		} else if !withoutReply {
			return nil, badRequest("message to be replied not found")
		}
	}
	m := s.newMessageLocked(ch, botUser(), true)
	m.json.ReplyToMessage = quoted
	m.json.ReplyMarkup = mk.inline
	return m, nil
}

func (s *Server) recordLocked(m *message, sent Sent) {
	sent.At = time.Now()
	m.state = sent
	s.sent = append(s.sent, sent)
	s.byChat[sent.ChatID] = append(s.byChat[sent.ChatID], len(s.sent)-1)
	s.notifyLocked()
}

func (s *Server) sendMessage(c *call) (any, *apiError) {
	chatID, e := c.chatID()
	if e != nil {
		return nil, e
	}
	visible, entities, e := messageText(c.str("text"), c.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	mk, e := parseMarkup(c.str("reply_markup"), false)
	if e != nil {
		return nil, e
	}
	replyTo, withoutReply, e := replyTarget(c)
	if e != nil {
		return nil, e
	}
	noPreview := previewDisabled(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.sendLocked(chatID, replyTo, withoutReply, mk)
	if e != nil {
		return nil, e
	}
	m.json.Text, m.json.Entities = visible, entities
	if noPreview {
		m.json.LinkPreviewOptions = &linkPreviewJSON{IsDisabled: true}
	}
	s.recordLocked(m, Sent{Method: c.method, ChatID: chatID, MessageID: m.json.MessageID, Text: c.str("text"),
		ParseMode: c.str("parse_mode"), Visible: visible, Keyboard: mk.keyboard, Markup: mk.raw, ReplyTo: replyTo,
		DisablePreview: noPreview})
	return mustJSON(m.json), nil
}

// editTargetLocked returns the message of the bot that a call edits.
func (s *Server) editTargetLocked(chatID int64, id int) (*message, *apiError) {
	m := s.messageLocked(chatID, id)
	switch {
	case m == nil:
		return nil, badRequest("message to edit not found")
	case !m.fromBot:
		return nil, badRequest("message can't be edited")
	}
	return m, nil
}

func editedID(c *call) (int64, int, *apiError) {
	if c.str("inline_message_id") != "" {
		return 0, 0, badRequest("MESSAGE_ID_INVALID") // the server sends no inline messages
	}
	chatID, e := c.chatID()
	if e != nil {
		return 0, 0, e
	}
	id := int(c.integer("message_id"))
	if id == 0 {
		return 0, 0, badRequest("message identifier is not specified")
	}
	return chatID, id, nil
}

func (s *Server) editMessageText(c *call) (any, *apiError) {
	chatID, id, e := editedID(c)
	if e != nil {
		return nil, e
	}
	visible, entities, e := messageText(c.str("text"), c.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	mk, e := parseMarkup(c.str("reply_markup"), true)
	if e != nil {
		return nil, e
	}
	noPreview := previewDisabled(c)
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.editTargetLocked(chatID, id)
	if e != nil {
		return nil, e
	}
	if m.json.Text == "" {
		return nil, badRequest("there is no text in the message to edit")
	}
	if m.json.Text == visible && slices.Equal(m.json.Entities, entities) && bytes.Equal(m.json.ReplyMarkup, mk.inline) {
		return nil, badRequest(notModified)
	}
	// Without reply_markup, the edit removes the keyboard, as on Telegram.
	m.json.Text, m.json.Entities, m.json.ReplyMarkup = visible, entities, mk.inline
	m.json.EditDate = time.Now().Unix()
	m.json.LinkPreviewOptions = nil
	if noPreview {
		m.json.LinkPreviewOptions = &linkPreviewJSON{IsDisabled: true}
	}
	s.recordLocked(m, Sent{Method: c.method, ChatID: chatID, MessageID: id, Text: c.str("text"),
		ParseMode: c.str("parse_mode"), Visible: visible, Keyboard: mk.keyboard, Markup: mk.raw, DisablePreview: noPreview})
	return mustJSON(m.json), nil
}

func (s *Server) editMessageReplyMarkup(c *call) (any, *apiError) {
	chatID, id, e := editedID(c)
	if e != nil {
		return nil, e
	}
	mk, e := parseMarkup(c.str("reply_markup"), true)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.editTargetLocked(chatID, id)
	if e != nil {
		return nil, e
	}
	if bytes.Equal(m.json.ReplyMarkup, mk.inline) {
		return nil, badRequest(notModified)
	}
	m.json.ReplyMarkup = mk.inline
	m.json.EditDate = time.Now().Unix()
	m.state.Keyboard, m.state.Markup = mk.keyboard, mk.raw
	s.notifyLocked()
	return mustJSON(m.json), nil
}

func (s *Server) deleteMessage(c *call) (any, *apiError) {
	chatID, e := c.chatID()
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.messageLocked(chatID, int(c.integer("message_id")))
	if m == nil {
		return nil, badRequest("message to delete not found")
	}
	m.deleted = true
	s.notifyLocked()
	return true, nil
}

func (s *Server) sendDocument(c *call) (any, *apiError) {
	chatID, e := c.chatID()
	if e != nil {
		return nil, e
	}
	caption, entities, e := format(c.str("caption"), c.str("parse_mode"))
	if e != nil {
		return nil, e
	}
	if utf16Len(caption) > maxCaption {
		return nil, badRequest("message caption is too long")
	}
	mk, e := parseMarkup(c.str("reply_markup"), false)
	if e != nil {
		return nil, e
	}
	replyTo, withoutReply, e := replyTarget(c)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var fileID string
	doc := c.files["document"]
	ref := c.str("document")
	if name, ok := strings.CutPrefix(ref, "attach://"); ok {
		if doc = c.files[name]; doc == nil {
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
	}
	switch {
	case doc != nil:
		if len(doc.Data) == 0 {
			return nil, badRequest("file must be non-empty")
		}
	case ref == "":
		return nil, badRequest("there is no document in the request")
	case s.files[ref] != nil:
		doc, fileID = s.files[ref], ref
	default:
		u, err := url.Parse(ref)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return nil, badRequest("wrong file identifier/HTTP URL specified")
		}
		doc = &File{Name: path.Base(u.Path)} // Telegram would download it
	}
	m, e := s.sendLocked(chatID, replyTo, withoutReply, mk)
	if e != nil {
		return nil, e
	}
	s.nextFile++
	if fileID == "" {
		fileID = fmt.Sprintf("BQACAgQAAxkDAAI%07d", s.nextFile)
		s.files[fileID] = doc
	}
	mimeType := "application/octet-stream"
	if t := mime.TypeByExtension(path.Ext(doc.Name)); t != "" {
		mimeType, _, _ = strings.Cut(t, ";")
	}
	m.json.Document = &documentJSON{FileName: doc.Name, MimeType: mimeType, FileID: fileID,
		FileUniqueID: fmt.Sprintf("AgAD%07d", s.nextFile), FileSize: len(doc.Data)}
	m.json.Caption, m.json.CaptionEntities = caption, entities
	s.recordLocked(m, Sent{Method: c.method, ChatID: chatID, MessageID: m.json.MessageID, ParseMode: c.str("parse_mode"),
		Visible: caption, Keyboard: mk.keyboard, Markup: mk.raw, ReplyTo: replyTo,
		Document: &File{Name: doc.Name, Data: bytes.Clone(doc.Data)}, Caption: c.str("caption")})
	return mustJSON(m.json), nil
}

func (s *Server) answerCallbackQuery(c *call) (any, *apiError) {
	id := c.str("callback_query_id")
	s.mu.Lock()
	defer s.mu.Unlock()
	if answered, ok := s.queries[id]; !ok || answered {
		return nil, badRequest("query is too old and response timeout expired or query ID is invalid")
	}
	s.queries[id] = true
	s.answers = append(s.answers, CallbackAnswer{ID: id, Text: c.str("text"), ShowAlert: c.flag("show_alert"), URL: c.str("url"), At: time.Now()})
	s.notifyLocked()
	return true, nil
}

var chatActions = []string{"typing", "upload_photo", "record_video", "upload_video", "record_voice", "upload_voice",
	"record_audio", "upload_audio", "upload_document", "choose_sticker", "find_location", "record_video_note", "upload_video_note"}

func (s *Server) sendChatAction(c *call) (any, *apiError) {
	chatID, e := c.chatID()
	if e != nil {
		return nil, e
	}
	action := c.str("action")
	if !slices.Contains(chatActions, action) {
		return nil, badRequest("wrong parameter action in request")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.actions = append(s.actions, ChatAction{ChatID: chatID, Action: action, At: time.Now()})
	s.notifyLocked()
	return true, nil
}

// commandScope reads the scope and language_code of a command method.
func commandScope(c *call) (Scope, *apiError) {
	sc := Scope{Type: "default", LanguageCode: c.str("language_code")}
	lower := func(c byte) bool { return c >= 'a' && c <= 'z' }
	if l := sc.LanguageCode; l != "" && (len(l) != 2 || !lower(l[0]) || !lower(l[1])) {
		return sc, badRequest("invalid language code specified")
	}
	raw := c.str("scope")
	if raw == "" {
		return sc, nil
	}
	var v struct {
		Type   string          `json:"type"`
		ChatID json.RawMessage `json:"chat_id"`
		UserID int64           `json:"user_id"`
	}
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return sc, badRequest("can't parse BotCommandScope JSON object")
	}
	sc.Type = v.Type
	switch v.Type {
	case "default", "all_private_chats", "all_group_chats", "all_chat_administrators":
		return sc, nil
	case "chat", "chat_administrators", "chat_member":
	default:
		return sc, badRequest("unsupported bot command scope type specified")
	}
	var str string
	if json.Unmarshal(v.ChatID, &str) != nil {
		str = string(v.ChatID)
	}
	id, err := strconv.ParseInt(strings.TrimSpace(str), 10, 64)
	switch {
	case len(v.ChatID) == 0 || str == "":
		return sc, badRequest("chat_id is empty")
	case err != nil || id == 0:
		return sc, badRequest("chat not found")
	case id > 0 && v.Type != "chat":
		return sc, badRequest("can't use specified scope in private chats")
	case v.Type == "chat_member" && v.UserID <= 0:
		return sc, badRequest("user not found")
	}
	sc.ChatID = id
	if v.Type == "chat_member" {
		sc.UserID = v.UserID
	}
	return sc, nil
}

func (s *Server) setMyCommands(c *call) (any, *apiError) {
	sc, e := commandScope(c)
	if e != nil {
		return nil, e
	}
	var commands []Command
	if raw := c.str("commands"); raw == "" {
		return nil, badRequest(`parameter "commands" is required`)
	} else if err := json.Unmarshal([]byte(raw), &commands); err != nil {
		return nil, badRequest("can't parse commands JSON array")
	}
	if len(commands) > 100 {
		return nil, badRequest("BOT_COMMANDS_TOO_MUCH")
	}
	for i, cmd := range commands {
		name := strings.TrimPrefix(strings.TrimSpace(cmd.Command), "/")
		desc := strings.TrimSpace(cmd.Description)
		switch {
		case name == "":
			return nil, badRequest("command must be non-empty")
		case utf8.RuneCountInString(name) > 32:
			return nil, badRequest("command length must not exceed 32")
		case strings.IndexFunc(name, func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') }) >= 0:
			return nil, badRequest("BOT_COMMAND_INVALID")
		case desc == "":
			return nil, badRequest("command description must be non-empty")
		case utf8.RuneCountInString(desc) > 256:
			return nil, badRequest("command description length must not exceed 256")
		}
		commands[i] = Command{Command: name, Description: desc}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(commands) == 0 {
		delete(s.commands, sc)
	} else {
		s.commands[sc] = commands
	}
	s.notifyLocked()
	return true, nil
}

func (s *Server) getMyCommands(c *call) (any, *apiError) {
	sc, e := commandScope(c)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	commands := s.commands[sc]
	if commands == nil {
		commands = []Command{}
	}
	return commands, nil
}

func (s *Server) deleteMyCommands(c *call) (any, *apiError) {
	sc, e := commandScope(c)
	if e != nil {
		return nil, e
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.commands, sc)
	s.notifyLocked()
	return true, nil
}

// ---- webhook delivery ----

// deliver posts pending updates to the webhook, one at a time and in order, while one is set.
func (s *Server) deliver(ctx context.Context) {
	defer s.workers.Done()
	var last *queued
	attempt := 0
	for {
		s.mu.Lock()
		for s.hook == nil || s.down || len(s.pending) == 0 || !s.allowedLocked(s.pending[0].kind) {
			if s.hook != nil && len(s.pending) > 0 && !s.allowedLocked(s.pending[0].kind) {
				s.pending = s.pending[1:] // not delivered, as Telegram drops it
				continue
			}
			if !s.waitLocked(ctx, nil) {
				s.mu.Unlock()
				return
			}
		}
		q, hook := s.pending[0], *s.hook
		if q != last {
			last, attempt = q, 0
		}
		attempt++
		s.mu.Unlock()

		status, reason, contentType, body := s.post(ctx, hook, q.raw)
		if ctx.Err() != nil {
			return
		}
		ok := status >= 200 && status < 300

		s.mu.Lock()
		s.deliveries = append(s.deliveries, WebhookDelivery{UpdateID: q.id, Attempt: attempt, Status: status, Err: reason, At: time.Now()})
		if ok || attempt >= WebhookAttempts {
			s.pending = slices.DeleteFunc(s.pending, func(p *queued) bool { return p == q })
		}
		if !ok && s.hook != nil {
			s.hook.lastErrorDate = time.Now().Unix()
			s.hook.lastErrorMessage = reason
			if status != 0 {
				s.hook.lastErrorMessage = "Wrong response from the webhook: " + strconv.Itoa(status) + " " + http.StatusText(status)
			}
		}
		s.notifyLocked()
		s.mu.Unlock()

		if ok {
			s.answerFromWebhook(contentType, body)
			continue
		}
		if attempt < WebhookAttempts {
			t := time.NewTimer(WebhookBackoff << (attempt - 1))
			select {
			case <-t.C:
			case <-ctx.Done():
				t.Stop()
				return
			}
		}
	}
}

// post posts an update and returns the webhook's status (0 if it could not be reached and
// why) and answer.
func (s *Server) post(ctx context.Context, hook webhook, update []byte) (status int, reason, contentType string, body []byte) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hook.url, bytes.NewReader(update))
	if err != nil {
		return 0, err.Error(), "", nil
	}
	req.Header.Set("Content-Type", "application/json")
	if hook.secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", hook.secret)
	}
	resp, err := s.hooks.Do(req)
	if err != nil {
		return 0, err.Error(), "", nil
	}
	defer resp.Body.Close()
	body, _ = io.ReadAll(io.LimitReader(resp.Body, maxBody))
	return resp.StatusCode, "", resp.Header.Get("Content-Type"), body
}

// answerFromWebhook runs the method a webhook may put in its answer, as Telegram does.
func (s *Server) answerFromWebhook(contentType string, body []byte) {
	if len(bytes.TrimSpace(body)) == 0 {
		return
	}
	params, files, e := decodeParams(nil, contentType, body)
	if e != nil {
		return
	}
	method, fn := lookup(params["method"])
	if fn == nil {
		return
	}
	delete(params, "method")
	s.run(&call{ctx: context.Background(), method: method, params: params, files: files}, fn)
}

// ---- JSON as Telegram writes it ----

type meJSON struct {
	ID                      int64  `json:"id"`
	IsBot                   bool   `json:"is_bot"`
	FirstName               string `json:"first_name"`
	Username                string `json:"username"`
	CanJoinGroups           bool   `json:"can_join_groups"`
	CanReadAllGroupMessages bool   `json:"can_read_all_group_messages"`
	SupportsInlineQueries   bool   `json:"supports_inline_queries"`
	CanConnectToBusiness    bool   `json:"can_connect_to_business"`
	HasMainWebApp           bool   `json:"has_main_web_app"`
}

type userJSON struct {
	ID           int64  `json:"id"`
	IsBot        bool   `json:"is_bot"`
	FirstName    string `json:"first_name"`
	Username     string `json:"username,omitempty"`
	LanguageCode string `json:"language_code,omitempty"`
}

type chatJSON struct {
	ID        int64  `json:"id"`
	Title     string `json:"title,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	Type      string `json:"type"`
}

type messageJSON struct {
	MessageID          int              `json:"message_id"`
	From               *userJSON        `json:"from,omitempty"`
	Chat               chatJSON         `json:"chat"`
	Date               int64            `json:"date"`
	EditDate           int64            `json:"edit_date,omitempty"`
	ReplyToMessage     *messageJSON     `json:"reply_to_message,omitempty"`
	Text               string           `json:"text,omitempty"`
	Entities           []entity         `json:"entities,omitempty"`
	LinkPreviewOptions *linkPreviewJSON `json:"link_preview_options,omitempty"`
	Document           *documentJSON    `json:"document,omitempty"`
	Photo              []photoSizeJSON  `json:"photo,omitempty"`
	Sticker            *stickerJSON     `json:"sticker,omitempty"`
	Voice              *voiceJSON       `json:"voice,omitempty"`
	Location           *locationJSON    `json:"location,omitempty"`
	Caption            string           `json:"caption,omitempty"`
	CaptionEntities    []entity         `json:"caption_entities,omitempty"`
	ReplyMarkup        json.RawMessage  `json:"reply_markup,omitempty"`
}

type linkPreviewJSON struct {
	IsDisabled bool `json:"is_disabled"`
}

type documentJSON struct {
	FileName     string `json:"file_name"`
	MimeType     string `json:"mime_type"`
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size"`
}

type photoSizeJSON struct {
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size"`
	Width        int    `json:"width"`
	Height       int    `json:"height"`
}

type stickerJSON struct {
	Width        int    `json:"width"`
	Height       int    `json:"height"`
	Emoji        string `json:"emoji"`
	SetName      string `json:"set_name"`
	IsAnimated   bool   `json:"is_animated"`
	IsVideo      bool   `json:"is_video"`
	Type         string `json:"type"`
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size"`
}

type voiceJSON struct {
	Duration     int    `json:"duration"`
	MimeType     string `json:"mime_type"`
	FileID       string `json:"file_id"`
	FileUniqueID string `json:"file_unique_id"`
	FileSize     int    `json:"file_size"`
}

type locationJSON struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type callbackJSON struct {
	ID           string       `json:"id"`
	From         userJSON     `json:"from"`
	Message      *messageJSON `json:"message,omitempty"`
	ChatInstance string       `json:"chat_instance"`
	Data         string       `json:"data,omitempty"`
}

type webhookInfoJSON struct {
	URL                  string   `json:"url"`
	HasCustomCertificate bool     `json:"has_custom_certificate"`
	PendingUpdateCount   int      `json:"pending_update_count"`
	LastErrorDate        int64    `json:"last_error_date,omitempty"`
	LastErrorMessage     string   `json:"last_error_message,omitempty"`
	MaxConnections       int      `json:"max_connections,omitempty"`
	AllowedUpdates       []string `json:"allowed_updates,omitempty"`
}
