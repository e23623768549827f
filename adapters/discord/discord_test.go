package discord_test

import (
	"bytes"
	"context"
	"encoding/json"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/coachbot/coachbot/adapters/discord"
	"github.com/coachbot/coachbot/adapters/discord/discordtest"
	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

var (
	guidesOnce sync.Once
	guideIdx   *memory.Index
)

type notifier struct{ dc *discord.Adapter }

func (n *notifier) Notify(ctx context.Context, note bot.Notification) error {
	if note.To.Channel != bot.ChannelDiscord {
		return nil
	}
	return n.dc.Notify(ctx, note)
}

type env struct {
	srv      *discordtest.Server
	dc       *discord.Adapter
	store    *memory.Store
	help     string
	coaches  string
	coachRol string
}

// newEnv runs the real core (bundled guides, demo data) behind a Discord adapter whose REST
// calls go to a local server; gateway events are given to its handlers directly.
func newEnv(t *testing.T, core discord.Core) *env {
	t.Helper()
	srv := discordtest.New(t)
	e := &env{srv: srv, store: memory.NewStore(), help: srv.TextChannel("aide-numerique"), coaches: srv.TextChannel("coaches"), coachRol: srv.NewID()}
	n := &notifier{}
	if core == nil {
		guidesOnce.Do(func() {
			guideIdx = memory.NewIndex()
			if _, err := knowledge.Ingest(context.Background(), guideIdx, knowledge.NewHashEmbedder(), knowledgetest.Bundled(t), knowledge.IngestOptions{}); err != nil {
				t.Fatal(err)
			}
		})
		if err := bot.SeedDemo(context.Background(), e.store, time.Now()); err != nil {
			t.Fatal(err)
		}
		b, err := bot.New(bot.Config{Retriever: knowledge.NewRetriever(guideIdx, knowledge.NewHashEmbedder(), knowledge.Options{}), Store: e.store, Notifier: n})
		if err != nil {
			t.Fatal(err)
		}
		core = b
	}
	dc, err := discord.New(discord.Config{Token: srv.Token(), GuildID: srv.GuildID(), HelpChannels: []string{e.help},
		CoachChannel: e.coaches, CoachRole: e.coachRol}, core, e.store, nil)
	if err != nil {
		t.Fatal(err)
	}
	dc.Session().Client = srv.Client()
	dc.SetApplication(srv.AppID())
	n.dc = dc
	e.dc = dc
	return e
}

func (e *env) interact(ic *discordgo.InteractionCreate) { e.dc.OnInteraction(context.Background(), ic) }

func lastIn(t *testing.T, msgs []discordtest.Message) discordtest.Message {
	t.Helper()
	if len(msgs) == 0 {
		t.Fatal("no message")
	}
	return msgs[len(msgs)-1]
}

// byInteraction returns the writes made for an interaction.
func (e *env) byInteraction(id string) []discordtest.Message {
	var out []discordtest.Message
	for _, m := range e.srv.Messages() {
		if m.InteractionID == id {
			out = append(out, m)
		}
	}
	return out
}

func customIDs(raw json.RawMessage) []string {
	var rows []struct {
		Components []struct {
			CustomID string `json:"custom_id"`
		} `json:"components"`
	}
	_ = json.Unmarshal(raw, &rows)
	var out []string
	for _, r := range rows {
		for _, c := range r.Components {
			out = append(out, c.CustomID)
		}
	}
	return out
}

func findID(t *testing.T, raw json.RawMessage, prefix string) string {
	t.Helper()
	for _, id := range customIDs(raw) {
		if strings.HasPrefix(id, prefix) {
			return id
		}
	}
	t.Fatalf("no %q component in %s", prefix, raw)
	return ""
}

func checkNoMentions(t *testing.T, m discordtest.Message) {
	t.Helper()
	if m.AllowedMentions == nil || len(m.AllowedMentions.Parse) != 0 || len(m.AllowedMentions.Users) != 0 || len(m.AllowedMentions.Roles) != 0 {
		t.Errorf("message %s without empty allowed_mentions: %+v", m.ID, m.AllowedMentions)
	}
	if m.MentionEveryone || len(m.Mentions) > 0 || len(m.MentionRoles) > 0 {
		t.Errorf("message %s mentions someone: %+v", m.ID, m)
	}
}

func TestCommandsRegisteredInFrench(t *testing.T) {
	e := newEnv(t, nil)
	if err := e.dc.RegisterCommands(); err != nil {
		t.Fatal(err)
	}
	names := map[string]string{}
	for _, c := range e.srv.Commands(e.srv.GuildID()) {
		names[c.Name] = c.Description
	}
	for _, n := range []string{"question", "coach", "rdv", "annuler", "ateliers", "mesdonnees", "oubli"} {
		if names[n] == "" {
			t.Errorf("command /%s not registered", n)
		}
	}
	if !strings.Contains(names["coach"], "gratuit") {
		t.Errorf("descriptions are not in French: %q", names["coach"])
	}
}

func TestQuestionIsAnsweredInAThread(t *testing.T) {
	e := newEnv(t, nil)
	ic := e.srv.SlashCommand(e.help, "111", "question", map[string]string{"texte": "Comment créer ma fiche Google ? @everyone <@&123>"}, true)
	e.interact(ic)
	cbs := e.srv.Callbacks()
	if len(cbs) != 1 || cbs[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource || cbs[0].Flags&discordgo.MessageFlagsEphemeral != 0 {
		t.Fatalf("the question is not acknowledged publicly first: %+v", cbs)
	}
	threads := e.srv.Threads()
	if len(threads) != 1 {
		t.Fatalf("no thread started on the question: %+v", threads)
	}
	answer := e.srv.MessagesIn(threads[0].ID)
	if len(answer) == 0 {
		t.Fatal("no answer in the thread")
	}
	a := lastIn(t, answer)
	if !strings.Contains(a.Content, "[1]") || len(a.Embeds) == 0 || a.Embeds[0].URL == "" || !strings.HasPrefix(a.Embeds[0].Title, "[1] ") {
		t.Errorf("answer without sources embed: %+v", a)
	}
	for _, m := range e.srv.Messages() {
		checkNoMentions(t, m)
	}
	// a follow-up in the thread, mentioning the bot, continues the same conversation
	e.dc.OnMessage(context.Background(), e.srv.ThreadMessage(threads[0].ID, e.help, "111", "<@"+e.srv.BotUserID()+"> et combien ça coûte ?", true))
	if got := len(e.srv.MessagesIn(threads[0].ID)); got <= len(answer) {
		t.Error("no answer to the follow-up in the thread")
	}
	turns, _ := e.store.RecentTurns(context.Background(), bot.ConvKey{Channel: bot.ChannelDiscord, ChatID: "t:" + threads[0].ID}, 10)
	if len(turns) != 4 {
		t.Errorf("thread conversation has %d turns, want 4 (two questions, two answers)", len(turns))
	}
}

func TestMentionInHelpChannel(t *testing.T) {
	e := newEnv(t, nil)
	e.dc.OnMessage(context.Background(), e.srv.UserMessage(e.help, "222", "<@"+e.srv.BotUserID()+"> c koi le rgpd", true))
	th := e.srv.Threads()
	if len(th) != 1 || len(e.srv.MessagesIn(th[0].ID)) == 0 {
		t.Fatalf("mention not answered in a thread: %+v", th)
	}
	// a message that does not mention the bot, elsewhere, is left alone
	e.dc.OnMessage(context.Background(), e.srv.UserMessage(e.srv.TextChannel("general"), "222", "on parle de rgpd", false))
	if len(e.srv.Threads()) != 1 {
		t.Error("a message without mention got an answer")
	}
}

func TestLongAnswerIsSplit(t *testing.T) {
	para := strings.Repeat("Un paragraphe assez long pour remplir la limite de Discord. ", 10)
	text := strings.Join([]string{para, para, para, para, para, para}, "\n\n") // about 3,600 characters
	core := fixedCore{bot.Reply{Text: text, Outcome: bot.Answered, Sources: []bot.Source{{Title: "Guide", URL: "https://exemple.fr"}}}}
	e := newEnv(t, core)
	e.interact(e.srv.SlashCommand(e.help, "111", "question", map[string]string{"texte": "long"}, true))
	th := e.srv.Threads()
	msgs := e.srv.MessagesIn(th[0].ID)
	if len(msgs) != 2 {
		t.Fatalf("got %d messages, want 2", len(msgs))
	}
	total := ""
	for i, m := range msgs {
		if len([]rune(m.Content)) > discord.MaxContent {
			t.Errorf("part %d: %d characters", i, len([]rune(m.Content)))
		}
		total += m.Content
	}
	if len(msgs[0].Embeds) != 0 || len(msgs[1].Embeds) != 1 {
		t.Error("sources belong to the last part")
	}
	if strings.Count(total, "Un paragraphe") != 60 {
		t.Error("text lost in splitting")
	}
}

type fixedCore struct{ r bot.Reply }

func (f fixedCore) Handle(context.Context, bot.Message) bot.Reply { return f.r }

type slowCore struct{ d time.Duration }

func (s slowCore) Handle(context.Context, bot.Message) bot.Reply {
	time.Sleep(s.d)
	return bot.Reply{Text: "enfin", Outcome: bot.Answered}
}

func TestUserTextNeverPings(t *testing.T) {
	core := fixedCore{bot.Reply{Text: "Vous avez écrit : @everyone @here <@123456789012345678> <@&123456789012345678>", Outcome: bot.Answered}}
	e := newEnv(t, core)
	e.interact(e.srv.SlashCommand(e.help, "111", "question", map[string]string{"texte": "@everyone venez voir"}, true))
	for _, m := range e.srv.Messages() {
		checkNoMentions(t, m)
	}
}

func TestSlowAnswerIsAcknowledgedInTime(t *testing.T) {
	e := newEnv(t, slowCore{4 * time.Second})
	ic := e.srv.SlashCommand(e.help, "111", "rdv", nil, true)
	start := time.Now()
	done := make(chan struct{})
	go func() { e.interact(ic); close(done) }()
	e.srv.Wait(t, 3*time.Second, "acknowledgement", func() bool { return len(e.srv.Callbacks()) == 1 })
	if d := time.Since(start); d > time.Second {
		t.Errorf("acknowledged after %v", d)
	}
	<-done
	if got := e.byInteraction(ic.ID); len(got) == 0 || got[len(got)-1].Content != "enfin" {
		t.Errorf("slow answer not delivered: %+v", got)
	}
}

func TestBookingJourneyIsPrivate(t *testing.T) {
	e := newEnv(t, nil)
	ch := e.help
	ic := e.srv.SlashCommand(ch, "333", "coach", nil, true)
	e.interact(ic)
	cb := e.srv.Callbacks()
	if len(cb) != 1 || cb[0].Type != discordgo.InteractionResponseModal {
		t.Fatalf("/coach does not open a private form: %+v", cb)
	}
	sub := e.srv.ModalSubmit(ch, "333", cb[0].CustomID, map[string]string{"activite": "fleuriste", "lieu": "75011"})
	e.interact(sub)
	offer := lastIn(t, e.byInteraction(sub.ID))
	if offer.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(offer.Content, "créneaux libres") {
		t.Fatalf("slots not offered privately: %+v", offer)
	}
	slot := findID(t, offer.Components, "slot:")
	click := e.srv.Component(ch, "333", slot, offer.ID)
	e.interact(click)
	conf := lastIn(t, e.byInteraction(click.ID))
	if conf.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(conf.Content, "C'est réservé") || len(conf.Files) != 1 || !bytes.Contains(conf.Files[0].Data, []byte("BEGIN:VCALENDAR")) {
		t.Fatalf("confirmation not private or without .ics: %+v", conf)
	}
	rdv := e.srv.SlashCommand(ch, "333", "rdv", nil, true)
	e.interact(rdv)
	if m := lastIn(t, e.byInteraction(rdv.ID)); m.Flags&discordgo.MessageFlagsEphemeral == 0 || !strings.Contains(m.Content, "RDV-") {
		t.Errorf("/rdv: %+v", m)
	}
	ann := e.srv.SlashCommand(ch, "333", "annuler", nil, true)
	e.interact(ann)
	m := lastIn(t, e.byInteraction(ann.ID))
	cancel := e.srv.Component(ch, "333", findID(t, m.Components, "cancel:"), m.ID)
	e.interact(cancel)
	if m := lastIn(t, e.byInteraction(cancel.ID)); !strings.Contains(m.Content, "est annulé") {
		t.Errorf("cancel: %+v", m)
	}
	// nothing personal was written where others read
	for _, msg := range e.srv.Messages() {
		if msg.Flags&discordgo.MessageFlagsEphemeral == 0 && msg.Via != discordtest.ViaChannel && (strings.Contains(msg.Content, "75011") || strings.Contains(msg.Content, "fleuriste")) {
			t.Errorf("personal data in a public message: %+v", msg)
		}
	}
	// a stale component: the same slot button again
	again := e.srv.Component(ch, "444", slot, offer.ID)
	e.interact(again)
	if m := lastIn(t, e.byInteraction(again.ID)); !strings.Contains(m.Content, "ne correspond plus") && !strings.Contains(m.Content, "plus valable") {
		t.Errorf("stale slot button: %q", m.Content)
	}
}

func TestForgetIsPrivate(t *testing.T) {
	e := newEnv(t, nil)
	e.interact(e.srv.SlashCommand(e.help, "555", "question", map[string]string{"texte": "comment avoir des avis google"}, true))
	ic := e.srv.SlashCommand(e.help, "555", "oubli", nil, true)
	e.interact(ic)
	m := lastIn(t, e.byInteraction(ic.ID))
	if m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Fatal("/oubli answered publicly")
	}
	yes := e.srv.Component(e.help, "555", findID(t, m.Components, "forgetyes"), m.ID)
	e.interact(yes)
	if m := lastIn(t, e.byInteraction(yes.ID)); !strings.Contains(m.Content, "vos données sont effacées") || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("erasure: %+v", m)
	}
	if turns, _ := e.store.UserTurns(context.Background(), bot.UserKey{Channel: bot.ChannelDiscord, UserID: "555"}); len(turns) != 0 {
		t.Errorf("%d turns survived /oubli", len(turns))
	}
}

func TestCoachChannel(t *testing.T) {
	e := newEnv(t, nil)
	ctx := context.Background()
	if _, err := e.store.AddCoach(ctx, bot.Coach{Name: "Inès", Channel: bot.ChannelDiscord, UserID: "777", ChatID: e.coaches, Regions: []string{"OCC"}, Active: true}); err != nil {
		t.Fatal(err)
	}
	ic := e.srv.SlashCommand(e.help, "333", "coach", nil, true)
	e.interact(ic)
	e.interact(e.srv.ModalSubmit(e.help, "333", e.srv.Callbacks()[0].CustomID, map[string]string{"activite": "caviste", "lieu": "34000"}))
	// notifications are sent in the background
	e.srv.Wait(t, 5*time.Second, "the case in the coach channel", func() bool { return len(e.srv.MessagesIn(e.coaches)) > 0 })
	posted := e.srv.MessagesIn(e.coaches)
	if len(posted) != 1 || len(posted[0].Embeds) == 0 || !strings.Contains(posted[0].Embeds[0].Description, "caviste") {
		t.Fatalf("case not posted in the coach channel as an embed: %+v", posted)
	}
	checkNoMentions(t, posted[0])
	claim := findID(t, posted[0].Components, "claim:")
	closeID := findID(t, posted[0].Components, "close:")
	// a member without the coach role presses Prendre: refused, nothing changes
	intruder := e.srv.Component(e.coaches, "888", claim, posted[0].ID)
	e.interact(intruder)
	if m := lastIn(t, e.byInteraction(intruder.ID)); !strings.Contains(m.Content, "réservée aux coaches") || m.Flags&discordgo.MessageFlagsEphemeral == 0 {
		t.Errorf("non-coach: %+v", m)
	}
	// a registered coach without the role is refused too
	noRole := e.srv.Component(e.coaches, "777", claim, posted[0].ID)
	e.interact(noRole)
	cases, _ := e.store.ListCases(ctx, bot.CaseOpen)
	if len(cases) != 1 {
		t.Fatalf("a refused claim changed the case: %+v", cases)
	}
	ok := e.srv.Component(e.coaches, "777", claim, posted[0].ID, e.coachRol)
	e.interact(ok)
	if m := lastIn(t, e.byInteraction(ok.ID)); !strings.Contains(m.Content, "Vous prenez en charge") {
		t.Errorf("coach claim: %q", m.Content)
	}
	// the owner is told on their own channel (a DM)
	e.srv.Wait(t, 5*time.Second, "the owner told by DM that a coach took the case", func() bool { return len(e.srv.DMs()) > 0 })
	cl := e.srv.Component(e.coaches, "777", closeID, posted[0].ID, e.coachRol)
	e.interact(cl)
	if m := lastIn(t, e.byInteraction(cl.ID)); !strings.Contains(m.Content, "est clos") {
		t.Errorf("close: %q", m.Content)
	}
}

func TestRateLimitedRouteIsRetried(t *testing.T) {
	e := newEnv(t, fixedCore{bot.Reply{Text: "réponse", Outcome: bot.Answered}})
	var limited atomic.Int32
	e.dc.OnRateLimit = func() { limited.Add(1) } // the metrics hook
	defer func() {
		if limited.Load() == 0 {
			t.Error("the 429 was not reported to the metrics hook")
		}
	}()
	e.srv.RateLimit("POST /channels/{id}/messages", 1, 500*time.Millisecond, false)
	start := time.Now()
	e.dc.OnMessage(context.Background(), e.srv.UserMessage(e.help, "222", "<@"+e.srv.BotUserID()+"> question", true))
	th := e.srv.Threads()
	if len(th) != 1 || len(e.srv.MessagesIn(th[0].ID)) != 1 {
		t.Fatal("reply not delivered after the 429")
	}
	if d := time.Since(start); d < 500*time.Millisecond {
		t.Errorf("retry after %v, before retry_after", d)
	}
}

func TestDMConversation(t *testing.T) {
	e := newEnv(t, nil)
	e.dc.OnMessage(context.Background(), e.srv.DMMessage(e.srv.NewID(), "999", "bonjour, comment faire une newsletter ?"))
	var dm []discordtest.Message
	for _, m := range e.srv.Messages() {
		if m.Via == discordtest.ViaChannel {
			dm = append(dm, m)
		}
	}
	if len(dm) == 0 || !strings.Contains(dm[0].Content, "[1]") {
		t.Errorf("DM not answered: %+v", dm)
	}
}

// A reply that the rate limit would deliver too late is dropped, not sent minutes later.
func TestStaleReplyIsDropped(t *testing.T) {
	srv := discordtest.New(t)
	store := memory.NewStore()
	dc, err := discord.New(discord.Config{Token: srv.Token(), HelpChannels: []string{"1000000000000000001"}, StaleAfter: 300 * time.Millisecond},
		fixedCore{bot.Reply{Text: "réponse", Outcome: bot.Answered}}, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	dc.Session().Client = srv.Client()
	dc.SetApplication(srv.AppID())
	srv.RateLimit("POST /channels/{id}/messages", 1, 2*time.Second, false)
	start := time.Now()
	dc.OnMessage(context.Background(), srv.UserMessage("1000000000000000001", "222", "<@"+srv.BotUserID()+"> question", true))
	if d := time.Since(start); d > time.Second {
		t.Errorf("waited %v for a reply that could only arrive too late", d)
	}
	for _, th := range srv.Threads() {
		if n := len(srv.MessagesIn(th.ID)); n != 0 {
			t.Errorf("a stale reply was sent (%d messages)", n)
		}
	}
}

// A gateway message received but not handled (its process stopped) is answered by the next
// pass of recovery once it is RecoverAfter old; a younger one, which another replica may be
// answering, is left alone until then.
func TestRecoverAnswersDroppedMessagesOnly(t *testing.T) {
	srv := discordtest.New(t)
	store := memory.NewStore()
	dc, err := discord.New(discord.Config{Token: srv.Token(), GuildID: srv.GuildID(), RecoverAfter: 500 * time.Millisecond},
		fixedCore{bot.Reply{Text: "réponse", Outcome: bot.Answered}}, store, nil)
	if err != nil {
		t.Fatal(err)
	}
	dc.Session().Client = srv.Client()
	dc.SetApplication(srv.AppID())
	ctx := context.Background()
	enqueue := func(channel, user string, age time.Duration) {
		m := srv.DMMessage(channel, user, "bonjour").Message
		payload, _ := json.Marshal(m)
		if _, err := store.Enqueue(ctx, bot.Update{Channel: bot.ChannelDiscord, ID: "m:" + m.ID, ChatID: "u:" + user,
			Payload: payload, ReceivedAt: time.Now().Add(-age)}); err != nil {
			t.Fatal(err)
		}
	}
	dropped, inHand := srv.NewID(), srv.NewID()
	enqueue(dropped, "901", time.Minute)
	enqueue(inHand, "902", 0)
	if n := dc.Recover(ctx); n != 1 {
		t.Fatalf("first pass handled %d messages, want the dropped one", n)
	}
	if len(srv.MessagesIn(dropped)) != 1 || len(srv.MessagesIn(inHand)) != 0 {
		t.Fatalf("after the first pass: %d and %d replies, want 1 and 0", len(srv.MessagesIn(dropped)), len(srv.MessagesIn(inHand)))
	}
	if n := dc.Recover(ctx); n != 0 {
		t.Fatalf("a second pass at once handled %d", n)
	}
	time.Sleep(600 * time.Millisecond) // the young message is now old enough: its process died
	if n := dc.Recover(ctx); n != 1 || len(srv.MessagesIn(inHand)) != 1 || len(srv.MessagesIn(dropped)) != 1 {
		t.Fatalf("third pass: %d handled, replies %d and %d", n, len(srv.MessagesIn(dropped)), len(srv.MessagesIn(inHand)))
	}
	if n, _ := store.PendingUpdates(ctx, bot.ChannelDiscord); n != 0 {
		t.Fatalf("%d messages still pending", n)
	}
}
