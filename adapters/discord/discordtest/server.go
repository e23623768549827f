// Package discordtest is a local stand-in for Discord's REST API, so that the Discord adapter
// is tested with the real discordgo client on a machine that cannot reach discord.com. It
// answers the routes the adapter uses with Discord's shapes, Discord's validation errors and
// Discord's rate-limit headers, records what the bot sent, injects failures (429, 5xx, slow
// answers), and builds the gateway events (interactions, messages) that the adapter's
// handlers receive, registered on the server so that their callbacks are accepted.
//
// A test points discordgo at it with the server's HTTP client, whose transport sends every
// request for discord.com, discordapp.com and the CDN to the local server, path kept:
//
//	s := discordtest.New(t)
//	session, _ := discordgo.New("Bot " + s.Token())
//	session.Client = s.Client()
package discordtest

import (
	"bytes"
	"crypto/md5"
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
)

// Discord's deadlines, the defaults of Server.AckDeadline and Server.TokenLifetime.
const (
	DefaultAckDeadline   = 3 * time.Second
	DefaultTokenLifetime = 15 * time.Minute
)

// Where a recorded message came from (Message.Via).
const (
	ViaChannel  = "channel"  // POST or PATCH /channels/{id}/messages…
	ViaCallback = "callback" // an interaction response of type 4 or 7
	ViaOriginal = "original" // PATCH /webhooks/{app}/{token}/messages/@original
	ViaFollowup = "followup" // POST /webhooks/{app}/{token}, or PATCH of a follow-up
)

const (
	botID        = "1187426394827374592" // also the application's id, as for every bot made since 2016
	guildID      = "1187426104254357504"
	botName      = "coachbot"
	botDiscrim   = "7142"
	discordEpoch = 1420070400000 // ms, the time of snowflake 0
	maxBody      = 64 << 20
	maxUpload    = 10 << 20 // Discord's limit on the files of one message without boosts
	maxFiles     = 10
	gatewayPath  = "/discordtest-gateway"
	// The limits that successful answers advertise: enough never to make discordgo wait.
	advertisedLimit = 5
	advertisedReset = 5.0 // seconds
)

// Message is one write of the bot to a message: its creation, or an edit, with the state of
// the message after it. Messages lists them in order.
type Message struct {
	ChannelID string
	ID        string
	Content   string
	Embeds    []discordgo.MessageEmbed
	// Components is the components array as the bot sent it (nil without one).
	Components json.RawMessage
	Flags      discordgo.MessageFlags
	// AllowedMentions is allowed_mentions as the bot sent it, nil when absent.
	AllowedMentions *discordgo.MessageAllowedMentions
	Reference       *discordgo.MessageReference // message_reference, for a reply
	// Mentions, MentionRoles and MentionEveryone are who the message mentions, as Discord
	// works them out from the content and allowed_mentions (a reply adds its author).
	Mentions        []string
	MentionRoles    []string
	MentionEveryone bool
	Files           []File // the message's attachments after this write
	Via             string // ViaChannel, ViaCallback, ViaOriginal or ViaFollowup
	InteractionID   string // the interaction whose token or callback made the write
	// Edit reports that the write replaced what the message showed. Filling a deferred
	// ("is thinking…") response, by PATCH @original or by the first follow-up, is no edit.
	Edit    bool
	Deleted bool // only in Server.Message: the message was deleted since
	At      time.Time
}

// File is a file attached to a message.
type File struct {
	Name        string
	ContentType string
	Data        []byte
}

// Callback is an accepted interaction response (POST /interactions/{id}/{token}/callback).
type Callback struct {
	InteractionID   string
	Type            discordgo.InteractionResponseType
	Content         string
	Embeds          []discordgo.MessageEmbed
	Components      json.RawMessage
	Flags           discordgo.MessageFlags
	AllowedMentions *discordgo.MessageAllowedMentions
	Files           []File
	CustomID        string          // of a modal (type 9)
	Title           string          // of a modal
	Data            json.RawMessage // the data object as sent, nil without one
	At              time.Time
}

// Thread is a thread the bot started.
type Thread struct {
	ID                  string
	ParentID            string
	MessageID           string // the message it was started from; "" for a thread without one
	Name                string
	Type                discordgo.ChannelType
	AutoArchiveDuration int
	At                  time.Time
}

// DM is a request of the bot to open a DM channel (POST /users/@me/channels).
type DM struct {
	ChannelID string
	UserID    string
	At        time.Time
}

// Request is a request the server received, whatever its answer.
type Request struct {
	Method string
	Path   string // without the /api/v9 prefix
	Route  string // the route that answered, as "POST /channels/{channel}/messages"; "" for none
	Query  url.Values
	Header http.Header
	Body   []byte
	Status int
	At     time.Time
}

// Server is a local Discord REST API. It is safe for concurrent use; the fields are read by
// the event builders, so set them from the test's goroutine before building events.
type Server struct {
	// AckDeadline is how long after its creation an interaction takes its first callback
	// (Discord: 3 s); later, the callback gets 404 Unknown interaction (10062). Each
	// interaction keeps the value in force when it was built.
	AckDeadline time.Duration
	// TokenLifetime is how long after its creation an interaction's token works for the
	// webhook routes (Discord: 15 min); later they answer 404 Unknown Webhook (10015).
	TokenLifetime time.Duration

	t     testing.TB
	srv   *httptest.Server
	api   *http.ServeMux
	token string
	done  chan struct{}
	once  sync.Once

	mu      sync.Mutex
	changed chan struct{} // closed and replaced at every change of state
	lastID  uint64

	channels     map[string]*channel
	dmByUser     map[string]string // user → DM channel
	closedDMs    map[string]bool
	users        map[string]*user
	messages     map[string]*message
	attachments  map[string]*attachment
	interactions map[string]*interaction // by id
	byToken      map[string]*interaction
	commands     map[string][]*command // guild ("" for global) → commands

	writes    []Message
	callbacks []Callback
	threads   []Thread
	dms       []DM
	requests  []Request

	rules []*rule
}

// New starts a server for the test and stops it when the test ends.
func New(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		AckDeadline:   DefaultAckDeadline,
		TokenLifetime: DefaultTokenLifetime,
		t:             t,
		done:          make(chan struct{}),
		changed:       make(chan struct{}),
		channels:      map[string]*channel{},
		dmByUser:      map[string]string{},
		closedDMs:     map[string]bool{},
		users:         map[string]*user{},
		messages:      map[string]*message{},
		attachments:   map[string]*attachment{},
		interactions:  map[string]*interaction{},
		byToken:       map[string]*interaction{},
		commands:      map[string][]*command{},
	}
	s.token = base64.RawStdEncoding.EncodeToString([]byte(botID)) + "." + randomString(4) + "." + randomString(20)
	s.users[botID] = &user{id: botID, name: botName, bot: true}
	s.api = s.routes()
	s.srv = httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	t.Cleanup(s.Close)
	return s
}

// Close stops the server; delayed answers return at once. It is called when the test ends.
func (s *Server) Close() {
	s.once.Do(func() {
		close(s.done)
		s.srv.Close()
	})
}

// URL is the base URL of the local server.
func (s *Server) URL() string { return s.srv.URL }

// Token is the bot's token, without the "Bot " prefix that discordgo.New needs.
func (s *Server) Token() string { return s.token }

// AppID is the application's id. As for every bot made since 2016, it is the bot user's id.
func (s *Server) AppID() string { return botID }

// BotUserID is the bot user's id.
func (s *Server) BotUserID() string { return botID }

// GuildID is the id of the guild the bot is in.
func (s *Server) GuildID() string { return guildID }

// NewID returns a fresh snowflake, greater than every id the server gave before.
func (s *Server) NewID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.newIDLocked()
}

// TextChannel creates a text channel of the guild and returns its id.
func (s *Server) TextChannel(name string) string {
	s.mu.Lock()
	defer s.mu.Unlock()
	id := s.newIDLocked()
	s.channels[id] = &channel{id: id, typ: discordgo.ChannelTypeGuildText, guildID: guildID, name: name, created: time.Now()}
	return id
}

// SetUser names a user and gives them roles in the guild, for the events built afterwards.
// Unknown users are named "user" and their id's last four digits, without roles.
func (s *Server) SetUser(userID, username string, roles ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u := s.userLocked(userID)
	u.name = username
	u.roles = slices.Clone(roles)
}

// CloseDMs makes the user refuse DMs from the bot: opening the DM channel still works, as on
// Discord, but sending to it answers 403 Cannot send messages to this user (50007).
func (s *Server) CloseDMs(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closedDMs[userID] = true
}

// ---- transport ----

// discordHosts are the hosts whose requests the transport sends to the local server.
var discordHosts = map[string]bool{
	"discord.com": true, "www.discord.com": true, "canary.discord.com": true, "ptb.discord.com": true,
	"discordapp.com": true, "www.discordapp.com": true, "cdn.discordapp.com": true,
	"media.discordapp.net": true, "images-ext-1.discordapp.net": true,
}

type transport struct {
	target *url.URL
	base   http.RoundTripper
}

// RoundTrip sends a request for a Discord host to the local server, path and query kept,
// and refuses any other host, so that a test never reaches the network.
func (tr transport) RoundTrip(r *http.Request) (*http.Response, error) {
	if !discordHosts[strings.ToLower(r.URL.Hostname())] {
		if r.Body != nil {
			r.Body.Close()
		}
		return nil, fmt.Errorf("discordtest: refusing a request to %s: only Discord's hosts are served", r.URL.Host)
	}
	r2 := r.Clone(r.Context())
	r2.URL.Scheme = tr.target.Scheme
	r2.URL.Host = tr.target.Host
	r2.Host = tr.target.Host
	r2.Header.Set("X-Discordtest-Host", r.URL.Host)
	return tr.base.RoundTrip(r2)
}

// Transport returns a RoundTripper that sends requests for discord.com, discordapp.com and
// Discord's CDN to the server, and refuses every other host.
func (s *Server) Transport() http.RoundTripper {
	u, _ := url.Parse(s.srv.URL)
	return transport{target: u, base: s.srv.Client().Transport}
}

// Client returns an HTTP client for discordgo's Session.Client.
func (s *Server) Client() *http.Client {
	return &http.Client{Transport: s.Transport(), Timeout: 30 * time.Second}
}

// ---- injected failures ----

type ruleKind int

const (
	ruleRateLimit ruleKind = iota
	ruleFail
	ruleDelay
)

type rule struct {
	kind       ruleKind
	route      route
	left       int
	retryAfter time.Duration
	global     bool
	status     int
	delay      time.Duration
}

// route is a route pattern as a test writes it: "POST /channels/{id}/messages". Segments in
// braces match any value; a method of "" or "*" matches every method.
type route struct {
	method string
	segs   []string
}

func parseRoute(s string) route {
	var rt route
	s = strings.TrimSpace(s)
	if m, p, ok := strings.Cut(s, " "); ok {
		rt.method, s = strings.ToUpper(m), strings.TrimSpace(p)
	}
	if rt.method == "*" {
		rt.method = ""
	}
	s, _, _ = strings.Cut(s, "?")
	if u, err := url.Parse(s); err == nil && u.Host != "" {
		s = u.Path
	}
	s = stripVersion(s)
	rt.segs = strings.Split(strings.Trim(s, "/"), "/")
	return rt
}

// stripVersion removes /api and /api/vN from the start of a path.
func stripVersion(p string) string {
	rest, ok := strings.CutPrefix(p, "/api")
	if !ok {
		return p
	}
	if v, ok := strings.CutPrefix(rest, "/v"); ok {
		i := strings.IndexByte(v, '/')
		if i < 0 {
			i = len(v)
		}
		if _, err := strconv.Atoi(v[:i]); err == nil {
			return v[i:]
		}
	}
	return rest
}

func (rt route) matches(method, path string) bool {
	if rt.method != "" && rt.method != method {
		return false
	}
	segs := strings.Split(strings.Trim(path, "/"), "/")
	if len(segs) != len(rt.segs) {
		return false
	}
	for i, seg := range rt.segs {
		if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
			continue
		}
		if seg != segs[i] {
			return false
		}
	}
	return true
}

func (s *Server) addRule(r *rule) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = append(s.rules, r)
}

// RateLimit makes the next n requests on a route answer 429 as Discord does, with the
// headers Retry-After, X-RateLimit-Remaining 0 and X-RateLimit-Scope, and the body
// {"message": "You are being rate limited.", "retry_after": …, "global": …}. The route is
// written "POST /channels/{id}/messages" (any name in braces matches any value; a concrete
// value matches only itself). A global limit says so and omits the bucket's headers, as
// Discord's does.
func (s *Server) RateLimit(routePattern string, n int, retryAfter time.Duration, global bool) {
	s.addRule(&rule{kind: ruleRateLimit, route: parseRoute(routePattern), left: n, retryAfter: retryAfter, global: global})
}

// Fail makes the next n requests on a route answer status with Discord's body for it
// (for 5xx: {"message": "500: Internal Server Error", "code": 0}). discordgo retries a 502.
func (s *Server) Fail(routePattern string, n, status int) {
	s.addRule(&rule{kind: ruleFail, route: parseRoute(routePattern), left: n, status: status})
}

// Delay makes every later request on a route wait d before it is handled; 0 removes it.
// A request whose context ends while it waits gets no answer.
func (s *Server) Delay(routePattern string, d time.Duration) {
	rt := parseRoute(routePattern)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.rules = slices.DeleteFunc(s.rules, func(r *rule) bool {
		return r.kind == ruleDelay && slices.Equal(r.route.segs, rt.segs) && r.route.method == rt.method
	})
	if d > 0 {
		s.rules = append(s.rules, &rule{kind: ruleDelay, route: rt, delay: d})
	}
}

// takeRuleLocked consumes the first rule of a kind that matches a request.
func (s *Server) takeRuleLocked(kind ruleKind, method, path string) *rule {
	for i, r := range s.rules {
		if r.kind != kind || !r.route.matches(method, path) {
			continue
		}
		if kind == ruleDelay {
			return r
		}
		r.left--
		if r.left <= 0 {
			s.rules = slices.Delete(s.rules, i, i+1)
		}
		return r
	}
	return nil
}

// ---- recordings ----

// Messages returns every write of the bot to a message, in order.
func (s *Server) Messages() []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.writes)
}

// MessagesIn returns the writes of the bot to messages of a channel, in order.
func (s *Server) MessagesIn(channelID string) []Message {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Message
	for _, m := range s.writes {
		if m.ChannelID == channelID {
			out = append(out, m)
		}
	}
	return out
}

// Message returns the current state of a message of the bot, false when the server never
// saw it written. Via, InteractionID and At are those of the last write.
func (s *Server) Message(id string) (Message, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.messages[id]
	if m == nil || m.authorID != botID || m.lastWrite == nil {
		return Message{}, false
	}
	out := *m.lastWrite
	out.Deleted = m.deleted
	return out, true
}

// Callbacks returns the accepted interaction responses, in order.
func (s *Server) Callbacks() []Callback {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.callbacks)
}

// Threads returns the threads the bot started, in order.
func (s *Server) Threads() []Thread {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.threads)
}

// DMs returns the bot's requests to open DM channels, in order.
func (s *Server) DMs() []DM {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.dms)
}

// Commands returns the application commands registered for a guild ("" for the global ones),
// as Discord returns them.
func (s *Server) Commands(guildID string) []*discordgo.ApplicationCommand {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*discordgo.ApplicationCommand
	for _, c := range s.commands[guildID] {
		var ac discordgo.ApplicationCommand
		if err := json.Unmarshal(c.raw, &ac); err != nil {
			s.t.Errorf("discordtest: decoding a stored command: %v", err)
			continue
		}
		out = append(out, &ac)
	}
	return out
}

// Requests returns the requests on a route ("" for all), in order, with their status.
// The route is written as for RateLimit.
func (s *Server) Requests(routePattern string) []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	if routePattern == "" {
		return slices.Clone(s.requests)
	}
	rt := parseRoute(routePattern)
	var out []Request
	for _, r := range s.requests {
		if rt.matches(r.Method, r.Path) {
			out = append(out, r)
		}
	}
	return out
}

// Unacknowledged returns the ids of the interactions built by the server that got no
// accepted callback, in order.
func (s *Server) Unacknowledged() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []*interaction
	for _, it := range s.interactions {
		if !it.acked {
			out = append(out, it)
		}
	}
	slices.SortFunc(out, func(a, b *interaction) int { return compareIDs(a.id, b.id) })
	ids := make([]string, len(out))
	for i, it := range out {
		ids[i] = it.id
	}
	return ids
}

// Wait waits until cond returns true, checking it at every change of the server's state,
// and fails the test after timeout, naming what it waited for. cond may call the server's
// accessors. Like t.Fatal, call it from the test's goroutine.
func (s *Server) Wait(t testing.TB, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.NewTimer(timeout)
	defer deadline.Stop()
	for {
		s.mu.Lock()
		changed := s.changed
		s.mu.Unlock()
		if cond() {
			return
		}
		select {
		case <-changed:
		case <-deadline.C:
			if cond() {
				return
			}
			t.Fatalf("discordtest: waited %v for %s", timeout, what)
		}
	}
}

func (s *Server) notifyLocked() {
	close(s.changed)
	s.changed = make(chan struct{})
}

// ---- ids ----

func (s *Server) newIDLocked() string {
	ms := uint64(time.Now().UnixMilli() - discordEpoch)
	id := ms<<22 | 1<<17 | 1<<12 // worker 1, process 1
	if id <= s.lastID {
		id = s.lastID + 1
	}
	s.lastID = id
	return strconv.FormatUint(id, 10)
}

func isSnowflake(id string) bool {
	if id == "" || len(id) > 20 {
		return false
	}
	_, err := strconv.ParseUint(id, 10, 64)
	return err == nil
}

func compareIDs(a, b string) int {
	if len(a) != len(b) {
		return len(a) - len(b)
	}
	return strings.Compare(a, b)
}

// snowflakeTime is the time an id was made.
func snowflakeTime(id string) time.Time {
	n, err := strconv.ParseUint(id, 10, 64)
	if err != nil {
		return time.Time{}
	}
	return time.UnixMilli(int64(n>>22) + discordEpoch)
}

func randomString(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// ---- serving ----

// apiError is an error answer of Discord: {"code": …, "message": …, "errors": …}.
type apiError struct {
	status  int
	code    int
	message string
	errors  errTree
}

func (e *apiError) write(w http.ResponseWriter) {
	body := map[string]any{"code": e.code, "message": e.message}
	if len(e.errors) > 0 {
		body["errors"] = e.errors
	}
	writeJSON(w, e.status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

func invalidForm(errs errTree) *apiError {
	return &apiError{status: http.StatusBadRequest, code: 50035, message: "Invalid Form Body", errors: errs}
}

func fieldError(path, code, msg string) *apiError {
	e := errTree{}
	e.add(path, code, msg)
	return invalidForm(e)
}

var (
	errUnauthorized      = &apiError{status: http.StatusUnauthorized, code: 0, message: "401: Unauthorized"}
	errUnknownMessage    = &apiError{status: http.StatusNotFound, code: 10008, message: "Unknown Message"}
	errUnknownWebhook    = &apiError{status: http.StatusNotFound, code: 10015, message: "Unknown Webhook"}
	errUnknownInteract   = &apiError{status: http.StatusNotFound, code: 10062, message: "Unknown interaction"}
	errAlreadyAcked      = &apiError{status: http.StatusBadRequest, code: 40060, message: "Interaction has already been acknowledged."}
	errEmptyMessage      = &apiError{status: http.StatusBadRequest, code: 50006, message: "Cannot send an empty message"}
	errInvalidJSON       = &apiError{status: http.StatusBadRequest, code: 50109, message: "The request body contains invalid JSON."}
	errInvalidToken      = &apiError{status: http.StatusUnauthorized, code: 50027, message: "Invalid Webhook Token"}
	errMissingAccess     = &apiError{status: http.StatusForbidden, code: 50001, message: "Missing Access"}
	errCannotDM          = &apiError{status: http.StatusForbidden, code: 50007, message: "Cannot send messages to this user"}
	errOtherAuthor       = &apiError{status: http.StatusForbidden, code: 50005, message: "Cannot edit a message authored by another user"}
	errTooLarge          = &apiError{status: http.StatusRequestEntityTooLarge, code: 40005, message: "Request entity too large"}
	errDMChannel         = &apiError{status: http.StatusBadRequest, code: 50003, message: "Cannot execute action on a DM channel"}
	errChannelType       = &apiError{status: http.StatusBadRequest, code: 50024, message: "Cannot execute action on this channel type"}
	errThreadExists      = &apiError{status: http.StatusBadRequest, code: 160004, message: "A thread has already been created for this message"}
	errInvalidAPIVersion = &apiError{status: http.StatusBadRequest, code: 50041, message: "Invalid API version provided"}
)

// statusFor is Discord's answer to a status injected by Fail.
func statusFor(status int) *apiError {
	switch status {
	case http.StatusBadRequest:
		return &apiError{status: status, code: 0, message: "400: Bad Request"}
	case http.StatusUnauthorized:
		return errUnauthorized
	case http.StatusForbidden:
		return &apiError{status: status, code: 50013, message: "Missing Permissions"}
	case http.StatusNotFound:
		return &apiError{status: status, code: 0, message: "404: Not Found"}
	}
	return &apiError{status: status, code: 0, message: fmt.Sprintf("%d: %s", status, http.StatusText(status))}
}

// statusWriter keeps the status of an answer.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	if w.status == 0 {
		w.status = status
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

var methods = []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/attachments/") {
		s.serveAttachment(w, r)
		return
	}
	if strings.HasPrefix(r.URL.Path, gatewayPath) {
		http.Error(w, "discordtest serves no gateway: build the events with the server and pass them to the handlers", http.StatusNotImplemented)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxBody+1))
	if err != nil {
		return // the client went away
	}
	path := stripVersion(r.URL.Path)
	r2 := r.Clone(r.Context())
	r2.URL.Path, r2.URL.RawPath = path, ""
	r2.Body = io.NopCloser(bytes.NewReader(body))
	_, pattern := s.api.Handler(r2)

	sw := &statusWriter{ResponseWriter: w}
	rec := Request{Method: r.Method, Path: path, Route: pattern, Query: r.URL.Query(), Header: r.Header.Clone(), Body: body, At: time.Now()}
	defer func() {
		rec.Status = sw.status
		s.mu.Lock()
		s.requests = append(s.requests, rec)
		s.notifyLocked()
		s.mu.Unlock()
	}()

	if v, ok := strings.CutPrefix(r.URL.Path, "/api/v"); ok {
		v, _, _ = strings.Cut(v, "/")
		if v != "9" && v != "10" {
			errInvalidAPIVersion.write(sw)
			return
		}
	}
	if pattern == "" {
		for _, m := range methods {
			probe := r2.Clone(r2.Context())
			probe.Method = m
			if _, p := s.api.Handler(probe); p != "" {
				(&apiError{status: http.StatusMethodNotAllowed, code: 0, message: "405: Method Not Allowed"}).write(sw)
				return
			}
		}
		(&apiError{status: http.StatusNotFound, code: 0, message: "404: Not Found"}).write(sw)
		return
	}
	if len(body) > maxBody {
		errTooLarge.write(sw)
		return
	}
	// The webhook and interaction routes take the interaction's token in their path.
	if !strings.HasPrefix(path, "/webhooks/") && !strings.HasPrefix(path, "/interactions/") &&
		r.Header.Get("Authorization") != "Bot "+s.token {
		errUnauthorized.write(sw)
		return
	}

	s.mu.Lock()
	delay := s.takeRuleLocked(ruleDelay, r.Method, path)
	s.mu.Unlock()
	if delay != nil {
		t := time.NewTimer(delay.delay)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			return
		case <-s.done:
			t.Stop()
			return
		}
	}

	s.mu.Lock()
	limited := s.takeRuleLocked(ruleRateLimit, r.Method, path)
	var failed *rule
	if limited == nil {
		failed = s.takeRuleLocked(ruleFail, r.Method, path)
	}
	s.mu.Unlock()
	bucket := bucketHash(pattern)
	if limited != nil {
		writeRateLimited(sw, bucket, limited)
		return
	}
	h := sw.Header()
	h.Set("X-RateLimit-Bucket", bucket)
	h.Set("X-RateLimit-Limit", strconv.Itoa(advertisedLimit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(advertisedLimit-1))
	h.Set("X-RateLimit-Reset", secondsString(float64(time.Now().UnixMilli())/1000+advertisedReset))
	h.Set("X-RateLimit-Reset-After", secondsString(advertisedReset))
	if failed != nil {
		if failed.status == http.StatusBadGateway {
			// Cloudflare's page, not JSON, as Discord's 502s are.
			sw.Header().Set("Content-Type", "text/html")
			sw.WriteHeader(http.StatusBadGateway)
			_, _ = io.WriteString(sw, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>cloudflare</center></body></html>\n")
			return
		}
		statusFor(failed.status).write(sw)
		return
	}
	s.api.ServeHTTP(sw, r2)
}

func bucketHash(pattern string) string {
	sum := md5.Sum([]byte(pattern))
	return hex.EncodeToString(sum[:])
}

func secondsString(f float64) string { return strconv.FormatFloat(f, 'f', 3, 64) }

func writeRateLimited(w http.ResponseWriter, bucket string, r *rule) {
	after := r.retryAfter.Seconds()
	h := w.Header()
	h.Set("Retry-After", strconv.Itoa(int(math.Ceil(after))))
	if r.global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		h.Set("X-RateLimit-Scope", "user")
		h.Set("X-RateLimit-Bucket", bucket)
		h.Set("X-RateLimit-Limit", strconv.Itoa(advertisedLimit))
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", secondsString(float64(time.Now().UnixMilli())/1000+after))
		h.Set("X-RateLimit-Reset-After", secondsString(after))
	}
	// retry_after with Discord's three decimals.
	body := fmt.Sprintf(`{"message": "You are being rate limited.", "retry_after": %s, "global": %t}`,
		strconv.FormatFloat(math.Round(after*1000)/1000, 'f', -1, 64), r.global)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusTooManyRequests)
	_, _ = io.WriteString(w, body)
}

func (s *Server) serveAttachment(w http.ResponseWriter, r *http.Request) {
	// /attachments/{channel}/{attachment}/{filename}
	parts := strings.Split(strings.Trim(r.URL.Path, "/"), "/")
	s.mu.Lock()
	var a *attachment
	if len(parts) == 4 {
		a = s.attachments[parts[2]]
	}
	s.mu.Unlock()
	if a == nil || r.Method != http.MethodGet || a.name != parts[3] {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusNotFound)
		_, _ = io.WriteString(w, "This content is no longer available.")
		return
	}
	w.Header().Set("Content-Type", a.contentType)
	w.Header().Set("Content-Length", strconv.Itoa(len(a.data)))
	_, _ = w.Write(a.data)
}

// errTree is the "errors" object of an Invalid Form Body answer: nested objects keyed by
// field name or index, with "_errors" lists at the leaves.
type errTree map[string]any

// add records an error at a dotted path ("embeds.0.title").
func (e errTree) add(path, code, msg string) {
	node := e
	for _, key := range strings.Split(path, ".") {
		next, ok := node[key].(errTree)
		if !ok {
			next = errTree{}
			node[key] = next
		}
		node = next
	}
	list, _ := node["_errors"].([]map[string]string)
	node["_errors"] = append(list, map[string]string{"code": code, "message": msg})
}
