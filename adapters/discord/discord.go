// Package discord connects coachbot to a Discord community through the gateway and REST API
// (github.com/bwmarrin/discordgo): slash commands in French, questions answered in a thread
// created on the question, anything personal (booking, data export, erasure) in ephemeral
// replies or DMs, and a private coach channel where cases arrive. Interactions are
// acknowledged at once (Discord allows three seconds) and answered when the core is done.
// The adapter never decides what to say.
package discord

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/coachbot/coachbot/bot"
)

// Core is the conversation core as the adapter uses it.
type Core interface {
	Handle(ctx context.Context, m bot.Message) bot.Reply
}

// Store is what the adapter keeps: received messages and interactions, for de-duplication
// and for answering after a restart what a previous process received.
type Store interface {
	bot.Inbox
}

// Config configures the adapter.
type Config struct {
	Token string
	// GuildID registers the slash commands on one server (instant); empty registers them
	// globally (Discord may take up to an hour to show them).
	GuildID string
	// HelpChannels are where a mention of the bot asks a question.
	HelpChannels []string
	// CoachChannel receives new cases; CoachRole is the role a member needs to act on them.
	CoachChannel string
	CoachRole    string
	// ShardID and ShardCount split a large bot over several processes (default 0 of 1).
	ShardID, ShardCount int
	// StaleAfter: a reply that could not be sent within this delay is dropped (default 10 min;
	// interaction tokens expire after 15 minutes anyway).
	StaleAfter time.Duration
	// LongDisconnect is how long a gateway disconnection lasts before it is logged as an
	// outage (default 1 min).
	LongDisconnect time.Duration
	// RecoverAfter is how long a gateway message stays unhandled before it is taken as
	// dropped by a process that stopped, and answered (default 2 min). A younger one may be
	// in the hands of another replica.
	RecoverAfter time.Duration
}

// Adapter is the Discord adapter.
type Adapter struct {
	cfg   Config
	core  Core
	store Store
	log   *slog.Logger
	s     *discordgo.Session

	ready          atomic.Bool
	disconnectedAt atomic.Int64 // unix nanoseconds, 0 when connected
	appID          atomic.Value // string

	dmMu sync.Mutex
	dms  map[string]string // user id → DM channel id

	notes bot.Outbox // notifications, sent in the background

	// OnRateLimit counts REST 429s, for metrics (optional).
	OnRateLimit func()
}

// New returns an adapter on a new session; nothing is sent before Run (tests may replace the
// session's HTTP client, see Session).
func New(cfg Config, core Core, store Store, log *slog.Logger) (*Adapter, error) {
	if cfg.Token == "" {
		return nil, errors.New("discord: a bot token is required")
	}
	if cfg.ShardCount <= 0 {
		cfg.ShardCount = 1
	}
	if cfg.ShardID < 0 || cfg.ShardID >= cfg.ShardCount {
		return nil, fmt.Errorf("discord: shard id %d is not in [0, %d)", cfg.ShardID, cfg.ShardCount)
	}
	if cfg.StaleAfter <= 0 {
		cfg.StaleAfter = 10 * time.Minute
	}
	if cfg.LongDisconnect <= 0 {
		cfg.LongDisconnect = time.Minute
	}
	if cfg.RecoverAfter <= 0 {
		cfg.RecoverAfter = 2 * time.Minute
	}
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	s, err := discordgo.New("Bot " + cfg.Token)
	if err != nil {
		return nil, fmt.Errorf("discord session: %w", err)
	}
	// Slash commands, buttons and modals need no privileged intent; without the message
	// content intent the bot still reads DMs and messages that mention it.
	s.Identify.Intents = discordgo.IntentsGuilds | discordgo.IntentsGuildMessages | discordgo.IntentsDirectMessages
	s.ShardID, s.ShardCount = cfg.ShardID, cfg.ShardCount
	s.StateEnabled = false
	s.ShouldRetryOnRateLimit = true
	s.MaxRestRetries = 3
	a := &Adapter{cfg: cfg, core: core, store: store, log: log.With("adapter", "discord"), s: s, dms: map[string]string{}}
	a.notes.Send = func(n bot.Notification) {
		if err := a.notify(n); err != nil {
			a.log.Error("notify", "err", err)
		}
	}
	s.AddHandler(a.onReady)
	s.AddHandler(a.onResumed)
	s.AddHandler(a.onDisconnect)
	s.AddHandler(a.onRateLimit)
	s.AddHandler(func(_ *discordgo.Session, i *discordgo.InteractionCreate) { a.OnInteraction(context.Background(), i) })
	s.AddHandler(func(_ *discordgo.Session, m *discordgo.MessageCreate) { a.OnMessage(context.Background(), m) })
	return a, nil
}

// Session is the adapter's discordgo session (tests point its HTTP client at a local server).
func (a *Adapter) Session() *discordgo.Session { return a.s }

// SetApplication sets the application id (learnt from the gateway's Ready otherwise).
func (a *Adapter) SetApplication(id string) { a.appID.Store(id) }

func (a *Adapter) application() string {
	id, _ := a.appID.Load().(string)
	return id
}

// Ready reports whether the gateway session is ready.
func (a *Adapter) Ready() bool { return a.ready.Load() }

func (a *Adapter) onReady(_ *discordgo.Session, r *discordgo.Ready) {
	if r.Application != nil && r.Application.ID != "" {
		a.SetApplication(r.Application.ID)
	} else if r.User != nil {
		a.SetApplication(r.User.ID)
	}
	a.connected("ready")
}

func (a *Adapter) onResumed(*discordgo.Session, *discordgo.Resumed) { a.connected("resumed") }

func (a *Adapter) connected(how string) {
	if since := a.disconnectedAt.Swap(0); since != 0 {
		a.log.Info("gateway "+how, "after", time.Since(time.Unix(0, since)).Round(time.Second))
	} else {
		a.log.Info("gateway " + how)
	}
	a.ready.Store(true)
}

func (a *Adapter) onDisconnect(*discordgo.Session, *discordgo.Disconnect) {
	a.ready.Store(false)
	a.disconnectedAt.CompareAndSwap(0, time.Now().UnixNano())
	a.log.Warn("gateway disconnected; discordgo reconnects and resumes")
}

func (a *Adapter) onRateLimit(_ *discordgo.Session, r *discordgo.RateLimit) {
	if a.OnRateLimit != nil {
		a.OnRateLimit()
	}
	a.log.Warn("discord rate limit", "url", r.URL, "retry_after", r.RetryAfter)
}

// Run opens the gateway, registers the commands and serves until ctx is done.
func (a *Adapter) Run(ctx context.Context) error {
	if err := a.s.Open(); err != nil {
		return fmt.Errorf("discord: open gateway: %w", err)
	}
	defer a.s.Close()
	if a.application() == "" {
		if u, err := a.s.User("@me"); err == nil {
			a.SetApplication(u.ID)
		}
	}
	if err := a.RegisterCommands(); err != nil {
		a.log.Error("register commands", "err", err)
	}
	go a.recoverLoop(ctx)
	t := time.NewTicker(10 * time.Second)
	defer t.Stop()
	warned := false
	for {
		select {
		case <-ctx.Done():
			a.ready.Store(false)
			if left := a.notes.Drain(20 * time.Second); left > 0 {
				a.log.Warn("notifications not sent before stopping", "count", left)
			}
			return nil
		case <-t.C:
			since := a.disconnectedAt.Load()
			switch {
			case since == 0:
				warned = false
			case !warned && time.Since(time.Unix(0, since)) > a.cfg.LongDisconnect:
				warned = true
				a.log.Error("gateway disconnected for a long time", "since", time.Unix(0, since))
			}
		}
	}
}

// Commands are the slash commands, in French.
func Commands() []*discordgo.ApplicationCommand {
	return []*discordgo.ApplicationCommand{
		{Name: "question", Description: "Poser une question sur le numérique de votre entreprise", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "texte", Description: "Votre question", Required: true, MaxLength: 1500}}},
		{Name: "coach", Description: "Prendre rendez-vous avec un coach (gratuit, en privé)"},
		{Name: "rdv", Description: "Voir mes rendez-vous (en privé)"},
		{Name: "annuler", Description: "Annuler un rendez-vous (en privé)"},
		{Name: "ateliers", Description: "Les ateliers collectifs gratuits"},
		{Name: "mesdonnees", Description: "Voir les données gardées sur moi (en privé)"},
		{Name: "oubli", Description: "Effacer mes données (en privé)"},
		{Name: "cas", Description: "Coaches : les cas ouverts", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "numero", Description: "Numéro du cas", Required: false}}},
		{Name: "repondre", Description: "Coaches : répondre au demandeur d'un cas", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionInteger, Name: "numero", Description: "Numéro du cas", Required: true},
			{Type: discordgo.ApplicationCommandOptionString, Name: "message", Description: "Votre message", Required: true}}},
		{Name: "dispo", Description: "Coaches : mes créneaux, ou en publier", Options: []*discordgo.ApplicationCommandOption{
			{Type: discordgo.ApplicationCommandOptionString, Name: "creneaux", Description: "Ex. : mardi 9 h-12 h, créneaux de 45 min, 4 semaines", Required: false}}},
	}
}

// RegisterCommands registers the slash commands (on the configured server, or globally).
func (a *Adapter) RegisterCommands() error {
	if a.application() == "" {
		return errors.New("discord: application id unknown")
	}
	_, err := a.s.ApplicationCommandBulkOverwrite(a.application(), a.cfg.GuildID, Commands())
	return err
}

// private is the conversation of a user with the bot on Discord: slash commands, buttons of
// ephemeral messages and DMs share it, wherever they were used.
func private(userID string) string { return "u:" + userID }

// thread is the conversation of a public question's thread.
func thread(id string) string { return "t:" + id }

func userOf(i *discordgo.Interaction) *discordgo.User {
	if i.Member != nil && i.Member.User != nil {
		return i.Member.User
	}
	return i.User
}

func displayName(u *discordgo.User, m *discordgo.Member) string {
	if m != nil && m.Nick != "" {
		return m.Nick
	}
	if u.GlobalName != "" {
		return u.GlobalName
	}
	return u.Username
}

// OnInteraction handles a slash command, a button or a modal. It acknowledges first, then
// asks the core.
func (a *Adapter) OnInteraction(ctx context.Context, ic *discordgo.InteractionCreate) {
	i := ic.Interaction
	u := userOf(i)
	if u == nil {
		return
	}
	if isNew, err := a.store.Enqueue(ctx, bot.Update{Channel: bot.ChannelDiscord, ID: "i:" + i.ID, ChatID: private(u.ID), Payload: []byte("{}"), ReceivedAt: time.Now()}); err == nil && !isNew {
		return // delivered twice by the gateway
	}
	defer a.markHandled(ctx, "i:"+i.ID)
	received := time.Now()
	switch i.Type {
	case discordgo.InteractionApplicationCommand:
		a.onCommand(ctx, i, u, received)
	case discordgo.InteractionMessageComponent:
		a.onComponent(ctx, i, u, received)
	case discordgo.InteractionModalSubmit:
		a.onModal(ctx, i, u, received)
	}
}

// ephemeral acknowledges an interaction privately ("…réfléchit").
func (a *Adapter) defer_(i *discordgo.Interaction, ephemeral bool) error {
	resp := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}
	if ephemeral {
		resp.Data = &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral}
	}
	err := a.s.InteractionRespond(i, resp)
	if err != nil {
		a.log.Error("acknowledge interaction", "err", err)
	}
	return err
}

func (a *Adapter) onCommand(ctx context.Context, i *discordgo.Interaction, u *discordgo.User, received time.Time) {
	data := i.ApplicationCommandData()
	opts := map[string]string{}
	for _, o := range data.Options {
		opts[o.Name] = fmt.Sprint(o.Value)
	}
	switch data.Name {
	case "question":
		a.publicQuestion(ctx, i, u, opts["texte"], received)
		return
	case "coach":
		// the booking asks an activity and a postal code: a private form, not the channel
		a.openBookingForm(i)
		return
	}
	text := "/" + data.Name
	switch data.Name {
	case "cas":
		text += " " + opts["numero"]
	case "repondre":
		text += " " + opts["numero"] + " " + opts["message"]
	case "dispo":
		text += " " + opts["creneaux"]
	}
	if a.defer_(i, true) != nil {
		return
	}
	r := a.core.Handle(ctx, bot.Message{Channel: bot.ChannelDiscord, ChatID: private(u.ID), UserID: u.ID,
		UserName: displayName(u, i.Member), Text: strings.TrimSpace(text), UpdateID: i.ID, NoCoachRole: a.lacksCoachRole(i, data.Name)})
	a.answer(i, r, true, received)
}

// coachOnly are the commands and actions reserved to coaches: on a server they also need the
// configured coach role.
var coachOnly = []string{"cas", "repondre", "dispo", bot.ActClaim, bot.ActClose, bot.ActReplyHint}

// lacksCoachRole reports a member acting on a coach command or button without the configured
// coach role; the core then refuses it as it refuses anyone not registered as a coach.
func (a *Adapter) lacksCoachRole(i *discordgo.Interaction, what string) bool {
	if !slices.Contains(coachOnly, what) || a.cfg.CoachRole == "" || i.Member == nil {
		return false
	}
	return !slices.Contains(i.Member.Roles, a.cfg.CoachRole)
}

// publicQuestion answers /question in a thread created on the question, so that channels
// stay readable and follow-ups in the thread keep the conversation.
func (a *Adapter) publicQuestion(ctx context.Context, i *discordgo.Interaction, u *discordgo.User, question string, received time.Time) {
	if a.defer_(i, false) != nil {
		return
	}
	name := displayName(u, i.Member)
	quote := "Question de " + escapeMarkdown(name) + " : « " + escapeMarkdown(question) + " »"
	msg, err := a.s.InteractionResponseEdit(i, &discordgo.WebhookEdit{Content: &quote, AllowedMentions: noMentions()})
	conv := private(u.ID)
	public := false
	var th *discordgo.Channel
	if err == nil && msg != nil && i.GuildID != "" {
		th, err = a.s.MessageThreadStartComplex(msg.ChannelID, msg.ID, &discordgo.ThreadStart{Name: threadName(question), AutoArchiveDuration: 1440})
		if err != nil {
			a.log.Warn("start thread", "err", err)
		} else {
			conv, public = thread(th.ID), true
		}
	}
	r := a.core.Handle(ctx, bot.Message{Channel: bot.ChannelDiscord, ChatID: conv, UserID: u.ID, UserName: name,
		Text: question, UpdateID: i.ID, Public: public || i.GuildID != ""})
	if th != nil {
		a.sendChannel(th.ID, r, received)
		return
	}
	a.followup(i, r, false, received)
}

func threadName(q string) string {
	q = strings.Join(strings.Fields(q), " ")
	if len([]rune(q)) > 90 {
		q = string([]rune(q)[:89]) + "…"
	}
	if q == "" {
		q = "Question"
	}
	return q
}

// Booking form fields.
const (
	formBooking  = "booking"
	formActivity = "activite"
	formPlace    = "lieu"
)

func (a *Adapter) openBookingForm(i *discordgo.Interaction) {
	err := a.s.InteractionRespond(i, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: formBooking, Title: "Rendez-vous avec un coach (gratuit)",
			Components: []discordgo.MessageComponent{
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: formActivity,
					Label: "Votre activité, en quelques mots", Style: discordgo.TextInputShort, Placeholder: "boulangerie, plombier…", Required: true, MaxLength: 80}}},
				discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: formPlace,
					Label: "Code postal ou région", Style: discordgo.TextInputShort, Placeholder: "69003", Required: true, MaxLength: 60}}},
			}}})
	if err != nil {
		a.log.Error("open booking form", "err", err)
	}
}

// onModal passes the booking form to the core as the owner would have typed it: the request
// for a coach, the activity, the place.
func (a *Adapter) onModal(ctx context.Context, i *discordgo.Interaction, u *discordgo.User, received time.Time) {
	data := i.ModalSubmitData()
	if data.CustomID != formBooking {
		return
	}
	fields := map[string]string{}
	for _, row := range data.Components {
		if ar, ok := row.(*discordgo.ActionsRow); ok {
			for _, c := range ar.Components {
				if ti, ok := c.(*discordgo.TextInput); ok {
					fields[ti.CustomID] = ti.Value
				}
			}
		}
	}
	if a.defer_(i, true) != nil {
		return
	}
	base := bot.Message{Channel: bot.ChannelDiscord, ChatID: private(u.ID), UserID: u.ID, UserName: displayName(u, i.Member), UpdateID: i.ID}
	var r bot.Reply
	for _, text := range []string{"/coach", fields[formActivity], fields[formPlace]} {
		m := base
		m.Text = text
		r = a.core.Handle(ctx, m)
		if r.Outcome != bot.Escalated && r.Outcome != bot.Clarify {
			break
		}
	}
	a.answer(i, r, true, received)
}

// onComponent handles a button: personal actions are answered privately.
func (a *Adapter) onComponent(ctx context.Context, i *discordgo.Interaction, u *discordgo.User, received time.Time) {
	data := i.MessageComponentData()
	action := bot.DecodeAction(data.CustomID)
	if len(data.Values) > 0 {
		action.Arg = data.Values[0]
	}
	if action.Kind == bot.ActCoach && i.Message != nil && i.Message.Flags&discordgo.MessageFlagsEphemeral == 0 {
		a.openBookingForm(i) // from a public message: the private form
		return
	}
	if a.defer_(i, true) != nil {
		return
	}
	r := a.core.Handle(ctx, bot.Message{Channel: bot.ChannelDiscord, ChatID: private(u.ID), UserID: u.ID,
		UserName: displayName(u, i.Member), Action: &action, UpdateID: i.ID, NoCoachRole: a.lacksCoachRole(i, action.Kind)})
	a.answer(i, r, true, received)
}

// OnMessage handles a message: a DM, a mention of the bot in a help channel (answered in a
// thread created on it), or a message in one of the bot's threads that mentions it.
func (a *Adapter) OnMessage(ctx context.Context, mc *discordgo.MessageCreate) {
	m := mc.Message
	if m.Author == nil || m.Author.Bot {
		return
	}
	me := a.botUser()
	mentioned := me != "" && slices.ContainsFunc(m.Mentions, func(u *discordgo.User) bool { return u.ID == me })
	text := stripMention(m.Content, me)
	var conv, reply string
	public := true
	switch {
	case m.GuildID == "":
		conv, reply, public = private(m.Author.ID), m.ChannelID, false
	case slices.Contains(a.cfg.HelpChannels, m.ChannelID) && mentioned:
		th, err := a.s.MessageThreadStartComplex(m.ChannelID, m.ID, &discordgo.ThreadStart{Name: threadName(text), AutoArchiveDuration: 1440})
		if err != nil {
			a.log.Warn("start thread", "err", err)
			conv, reply = m.ChannelID, m.ChannelID
		} else {
			conv, reply = thread(th.ID), th.ID
		}
	case mentioned:
		// a mention elsewhere (one of the bot's threads, another channel): answered there
		conv, reply = thread(m.ChannelID), m.ChannelID
	default:
		return
	}
	if strings.TrimSpace(text) == "" && len(m.Attachments) == 0 {
		return // without the message content intent, other messages arrive empty
	}
	isNew, err := a.store.Enqueue(ctx, bot.Update{Channel: bot.ChannelDiscord, ID: "m:" + m.ID, ChatID: conv, Payload: mustJSON(m), ReceivedAt: time.Now()})
	if err != nil {
		a.log.Error("store message", "err", err)
	} else if !isNew {
		return
	}
	a.handleMessage(ctx, m, conv, reply, text, public, time.Now())
	a.markHandled(ctx, "m:"+m.ID)
}

// markHandled records that an update was handled, waiting a while for a database that is
// restarting, so that a message answered is not answered again after a restart.
func (a *Adapter) markHandled(ctx context.Context, id string) {
	if err := bot.Retry(ctx, 30*time.Second, func() error { return a.store.MarkHandled(ctx, bot.ChannelDiscord, id) }); err != nil {
		a.log.Error("mark update handled", "update", id, "err", err)
	}
}

func (a *Adapter) handleMessage(ctx context.Context, m *discordgo.Message, conv, reply, text string, public bool, received time.Time) {
	if text == "" {
		text = " " // an attachment alone: the core says it needs text
	}
	r := a.core.Handle(ctx, bot.Message{Channel: bot.ChannelDiscord, ChatID: conv, UserID: m.Author.ID,
		UserName: displayName(m.Author, m.Member), Text: text, UpdateID: m.ID, Public: public})
	a.sendChannel(reply, r, received)
}

func mustJSON(v any) []byte {
	b, err := json.Marshal(v)
	if err != nil {
		return []byte("{}")
	}
	return b
}

func (a *Adapter) botUser() string {
	if a.s.State != nil && a.s.State.User != nil {
		return a.s.State.User.ID
	}
	return a.application()
}

func stripMention(content, me string) string {
	if me == "" {
		return strings.TrimSpace(content)
	}
	content = strings.ReplaceAll(content, "<@"+me+">", "")
	content = strings.ReplaceAll(content, "<@!"+me+">", "")
	return strings.TrimSpace(content)
}

// recoverLoop answers, now and every half minute, the messages a stopped process received
// but did not handle.
func (a *Adapter) recoverLoop(ctx context.Context) {
	t := time.NewTicker(30 * time.Second)
	defer t.Stop()
	for {
		a.Recover(ctx)
		select {
		case <-t.C:
		case <-ctx.Done():
			return
		}
	}
}

// Recover handles gateway messages received (by this process or another) but not handled
// for RecoverAfter, and reports how many it handled. Messages are answered by the process
// that received them; one still unhandled after RecoverAfter was dropped by a process that
// stopped. A younger one is left alone (another replica may be answering it) and leased
// until it is old enough, so that the next pass takes it if it is still there.
func (a *Adapter) Recover(ctx context.Context) int {
	us, err := a.store.Claim(ctx, bot.ChannelDiscord, "recover", 50, a.cfg.RecoverAfter)
	if err != nil {
		a.log.Error("recover messages", "err", err)
		return 0
	}
	n := 0
	for _, u := range us {
		if time.Since(u.ReceivedAt) < a.cfg.RecoverAfter {
			continue
		}
		n++
		if strings.HasPrefix(u.ID, "m:") {
			var m discordgo.Message
			if json.Unmarshal(u.Payload, &m) == nil && m.Author != nil {
				a.log.Info("answering a message received before a restart", "message", m.ID)
				reply := m.ChannelID
				if strings.HasPrefix(u.ChatID, "t:") {
					reply = strings.TrimPrefix(u.ChatID, "t:")
				}
				a.handleMessage(ctx, &m, u.ChatID, reply, stripMention(m.Content, a.botUser()), m.GuildID != "", u.ReceivedAt)
			}
		}
		a.markHandled(ctx, u.ID)
	}
	return n
}

// answer completes a deferred interaction: the original response is edited with the first
// part, further parts and attachments follow.
func (a *Adapter) answer(i *discordgo.Interaction, r bot.Reply, ephemeral bool, received time.Time) {
	if a.stale(received, 14*time.Minute) {
		return
	}
	parts := SplitContent(Content(r), MaxContent)
	embeds := Embeds(r)
	comps := Components(r.Buttons)
	first := parts[0]
	edit := &discordgo.WebhookEdit{Content: &first, AllowedMentions: noMentions()}
	if len(parts) == 1 {
		if len(embeds) > 0 {
			edit.Embeds = &embeds
		}
		if len(comps) > 0 {
			edit.Components = &comps
		}
		edit.Files = Files(r)
	}
	if err := a.rest(received, 14*time.Minute, func(o ...discordgo.RequestOption) error {
		_, err := a.s.InteractionResponseEdit(i, edit, o...)
		return err
	}); err != nil {
		a.log.Error("answer interaction", "err", err)
		return
	}
	if len(parts) == 1 {
		return
	}
	rest := r
	rest.Text = ""
	for k, p := range parts[1:] {
		params := &discordgo.WebhookParams{Content: p, AllowedMentions: noMentions()}
		if ephemeral {
			params.Flags = discordgo.MessageFlagsEphemeral
		}
		if k == len(parts)-2 {
			params.Embeds, params.Components, params.Files = embeds, comps, Files(r)
		}
		if err := a.rest(received, 14*time.Minute, func(o ...discordgo.RequestOption) error {
			_, err := a.s.FollowupMessageCreate(i, true, params, o...)
			return err
		}); err != nil {
			a.log.Error("follow-up", "err", err)
			return
		}
	}
}

// followup sends a reply as follow-up messages of an interaction.
func (a *Adapter) followup(i *discordgo.Interaction, r bot.Reply, ephemeral bool, received time.Time) {
	if a.stale(received, 14*time.Minute) {
		return
	}
	parts := SplitContent(Content(r), MaxContent)
	for k, p := range parts {
		params := &discordgo.WebhookParams{Content: p, AllowedMentions: noMentions()}
		if ephemeral {
			params.Flags = discordgo.MessageFlagsEphemeral
		}
		if k == len(parts)-1 {
			params.Embeds, params.Components, params.Files = Embeds(r), Components(r.Buttons), Files(r)
		}
		if err := a.rest(received, 14*time.Minute, func(o ...discordgo.RequestOption) error {
			_, err := a.s.FollowupMessageCreate(i, true, params, o...)
			return err
		}); err != nil {
			a.log.Error("follow-up", "err", err)
			return
		}
	}
}

// sendChannel posts a reply in a channel or thread, in parts of 2,000 characters, sources as
// embeds and buttons on the last part.
func (a *Adapter) sendChannel(channel string, r bot.Reply, received time.Time) error {
	parts := SplitContent(Content(r), MaxContent)
	for k, p := range parts {
		if a.stale(received, a.cfg.StaleAfter) {
			return errors.New("discord: reply dropped, too late to be useful")
		}
		msg := &discordgo.MessageSend{Content: p, AllowedMentions: noMentions()}
		if k == len(parts)-1 {
			msg.Embeds, msg.Components, msg.Files = Embeds(r), Components(r.Buttons), Files(r)
		}
		if err := a.rest(received, a.cfg.StaleAfter, func(o ...discordgo.RequestOption) error {
			_, err := a.s.ChannelMessageSendComplex(channel, msg, o...)
			return err
		}); err != nil {
			a.log.Error("send message", "channel", channel, "err", err)
			return err
		}
	}
	return nil
}

// rest runs a REST call, waiting out a 429 itself (discordgo would sleep uninterruptibly):
// when the wait would deliver the reply later than limit after it was asked, the reply is
// dropped and logged instead of arriving minutes later.
func (a *Adapter) rest(received time.Time, limit time.Duration, call func(opts ...discordgo.RequestOption) error) error {
	for {
		err := call(discordgo.WithRetryOnRatelimit(false))
		var rl *discordgo.RateLimitError
		if !errors.As(err, &rl) {
			return err
		}
		wait := rl.RetryAfter
		if wait <= 0 {
			wait = time.Second
		}
		if a.OnRateLimit != nil {
			a.OnRateLimit()
		}
		if time.Since(received)+wait > limit {
			a.log.Warn("reply dropped: rate limited past the time it is useful", "retry_after", wait)
			return fmt.Errorf("discord: reply dropped after a rate limit of %v", wait)
		}
		a.log.Warn("discord rate limit, waiting", "retry_after", wait)
		time.Sleep(wait)
	}
}

// stale drops (and logs) a reply that can no longer be useful.
func (a *Adapter) stale(received time.Time, limit time.Duration) bool {
	if time.Since(received) > limit {
		a.log.Warn("reply dropped: too late to be useful", "waited", time.Since(received).Round(time.Second))
		return true
	}
	return false
}

// Notify implements bot.Notifier for Discord: a private conversation ("u:<user>") is reached
// by DM, a thread or channel directly; notifications to the coach channel carry the text in
// an embed.
//
// The notification is queued and sent in the background, in order for its destination, so
// that the reply to the user who caused it does not wait for Discord's rate limit of a busy
// coach channel (see bot.Outbox); Run sends what is queued before it returns.
func (a *Adapter) Notify(ctx context.Context, n bot.Notification) error {
	a.notes.Push(n)
	return nil
}

func (a *Adapter) notify(n bot.Notification) error {
	to := n.To.ChatID
	switch {
	case strings.HasPrefix(to, "u:"):
		ch, err := a.dmChannel(strings.TrimPrefix(to, "u:"))
		if err != nil {
			return fmt.Errorf("discord notify: open DM: %w", err)
		}
		return a.sendChannel(ch, n.Reply, time.Now())
	case strings.HasPrefix(to, "t:"):
		return a.sendChannel(strings.TrimPrefix(to, "t:"), n.Reply, time.Now())
	}
	if to == a.cfg.CoachChannel {
		return a.sendEmbed(to, n.Reply)
	}
	return a.sendChannel(to, n.Reply, time.Now())
}

// sendEmbed posts a notification for coaches: the text in an embed, the buttons below.
func (a *Adapter) sendEmbed(channel string, r bot.Reply) error {
	text := Content(r)
	title := "coachbot"
	if first, rest, ok := strings.Cut(text, "\n"); ok && len([]rune(first)) < 200 {
		title, text = strings.TrimSuffix(first, " :"), rest
	}
	if len([]rune(text)) > 4000 {
		text = string([]rune(text)[:3999]) + "…"
	}
	msg := &discordgo.MessageSend{AllowedMentions: noMentions(),
		Embeds:     append([]*discordgo.MessageEmbed{{Title: title, Description: text, Color: 0x1565C0}}, Embeds(r)...),
		Components: Components(r.Buttons), Files: Files(r)}
	_, err := a.s.ChannelMessageSendComplex(channel, msg)
	return err
}

func (a *Adapter) dmChannel(user string) (string, error) {
	a.dmMu.Lock()
	defer a.dmMu.Unlock()
	if ch, ok := a.dms[user]; ok {
		return ch, nil
	}
	ch, err := a.s.UserChannelCreate(user)
	if err != nil {
		return "", err
	}
	a.dms[user] = ch.ID
	return ch.ID, nil
}
