package bot_test

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/coachbot/coachbot/adapters/telegram"
	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
	"github.com/coachbot/coachbot/bot"
	"github.com/google/go-cmp/cmp"
)

// bystander is what a forged button must not change: Marie's booking, the case it came from,
// her workshop registration and her messages.
type bystander struct {
	booking bot.Booking
	kase    bot.Case
	regs    []bot.Registration
	turns   int
	free    bool // her slot is free again
}

// TestBadInput sends what a careless or hostile user may send, and checks that the core
// always answers in French with an outcome, never panics, never sends back control or
// formatting characters, renders to valid Telegram HTML where the user's text cannot become
// markup, stores the message, and lets no forged button touch someone else's booking or case.
// There is no flood limit in the core (the Telegram adapter has a per-user quota): a flood is
// answered and stored in full, in order.
func TestBadInput(t *testing.T) {
	ctx := context.Background()
	w := newWorld(t)

	// Marie has a booking (from a case) and a workshop registration.
	w.say(marie, "/coach")
	w.say(marie, "fleuriste")
	w.say(marie, "75011")
	expect(t, w.say(marie, "1"), bot.Booked)
	marieKey := bot.UserKey{Channel: marie.Channel, UserID: marie.UserID}
	bks, _ := w.store.UserBookings(ctx, marieKey, w.now)
	ws, _ := w.store.UpcomingWorkshops(ctx, w.now)
	if len(bks) != 1 || len(ws) == 0 {
		t.Fatalf("set-up: %d bookings, %d workshops", len(bks), len(ws))
	}
	expect(t, w.press(marie, bot.Action{Kind: bot.ActWorkshop, Arg: fmt.Sprint(ws[0].ID)}), bot.Booked)
	regs, _ := w.store.UserRegistrations(ctx, marieKey, w.now)
	if len(regs) != 1 {
		t.Fatalf("set-up: %d registrations", len(regs))
	}
	bk, reg := bks[0], regs[0]
	snapshot := func() bystander {
		var s bystander
		s.booking, _ = w.store.Booking(ctx, bk.ID)
		s.kase, _ = w.store.Case(ctx, bk.CaseID)
		s.regs, _ = w.store.UserRegistrations(ctx, marieKey, w.now)
		turns, _ := w.store.UserTurns(ctx, marieKey)
		s.turns = len(turns)
		free, _ := w.store.FreeSlots(ctx, "IDF", w.now, 500)
		s.free = containsSlot(free, bk.SlotID)
		return s
	}
	before := snapshot()
	if before.booking.Status != bot.BookingConfirmed || before.kase.Status != bot.CaseOpen || before.free {
		t.Fatalf("set-up: booking %+v, case %+v, slot free %v", before.booking, before.kase, before.free)
	}

	// Paul is in the middle of booking, with slots offered: he may press any slot id.
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "777", UserID: "777", UserName: "Paul"}
	w.say(paul, "/coach")
	w.say(paul, "plombier")
	w.say(paul, "75002")
	// Marie's user id on another platform is someone else.
	twin := bot.Message{Channel: bot.ChannelDiscord, ChatID: "dm-501", UserID: marie.UserID, UserName: "Marie bis"}

	act := func(kind string, arg any) *bot.Action { return &bot.Action{Kind: kind, Arg: fmt.Sprint(arg)} }
	big := strings.Repeat("Comment créer ma fiche Google pour ma boulangerie ? ", 2000) // 100 kB
	tests := []struct {
		name     string
		who      bot.Message // zero: an owner of their own
		text     string      // with count > 1, %d is the message number
		action   *bot.Action
		count    int
		outcomes []bot.Outcome // allowed outcomes; nil: any
		has      string        // the reply contains it
		forged   bool          // must not change Marie's booking, case or registration
	}{
		{name: "empty text", text: "", outcomes: []bot.Outcome{bot.Clarify}, has: "Je n'ai pas reçu de texte"},
		{name: "white space only", text: " \t\n\u00a0\u3000 \n", outcomes: []bot.Outcome{bot.Clarify}, has: "Je n'ai pas reçu de texte"},
		{name: "zero-width and bidi marks only", text: "\u200b\u200e\u202e\ufeff", outcomes: []bot.Outcome{bot.Clarify}},
		{name: "100 kB message", text: big},
		{name: "100 kB without spaces", text: strings.Repeat("é", 50000)},
		{name: "invalid UTF-8", text: "\xff\xfe comment \xc3\x28 créer ma fiche \xed\xa0\x80 google ?\xc0"},
		{name: "control characters", text: "bonjour\x00\x1b[31m comment\a avoir des avis\x08\x7f ?\x1b]0;titre\x07"},
		{name: "right-to-left text", text: "مرحبا كيف حالك \u202eשלום עולם\u202c \u202dtext\u202c"},
		{name: "bidi override hiding a command", text: "\u202e/aide\u202c"},
		{name: "emoji only", text: "😀👍🎉🇫🇷👨‍👩‍👧"},
		{name: "SQL", text: "'; DROP TABLE conversations; --"},
		{name: "SQL in a command", text: "/annuler ' OR 1=1; --", outcomes: []bot.Outcome{bot.Command}},
		{name: "HTML script", text: "<script>alert('x')</script> comment créer mon site ?"},
		{name: "Markdown link", text: "[cliquez ici](javascript:alert(1)) avis google"},
		{name: "Markdown and HTML", text: "**bold** <b>gras</b> <a href=\"https://evil.example\">lien</a> _x_ `code`"},
		{name: "HTML entities", text: "&lt;b&gt; &amp;amp; &#60;script&#62;"},
		{name: "markup echoed by a command", text: "/annuler <b>x</b> [y](https://evil.example) @everyone", outcomes: []bot.Outcome{bot.Command}},
		{name: "unknown command", text: "/inconnue", outcomes: []bot.Outcome{bot.Command}, has: "Je ne connais pas la commande /inconnue"},
		{name: "unknown command in capitals", text: "/ADMIN --all", outcomes: []bot.Outcome{bot.Command}, has: "/admin"},
		{name: "command for another bot", text: "/aide@AutreBot", outcomes: []bot.Outcome{bot.Command}},
		{name: "slash but not a command", text: "/<script>", outcomes: nil},
		{name: "/annuler abc", text: "/annuler abc", outcomes: []bot.Outcome{bot.Command}, has: "ABC"},
		{name: "/annuler with Marie's reference", text: "/annuler " + bk.Ref, outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "/annuler with Marie's reference from her id on Discord", who: twin, text: "/annuler " + bk.Ref, outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "/question with nothing", text: "/question", outcomes: []bot.Outcome{bot.Clarify}, has: "préciser"},
		{name: "/question with spaces", text: "/question    ", outcomes: []bot.Outcome{bot.Clarify}},
		{name: "/rdv extra args", text: "/rdv demain 10h svp", outcomes: []bot.Outcome{bot.Command}, has: "aucun rendez-vous"},
		{name: "/start extra args", text: "/start '; DROP TABLE --", outcomes: []bot.Outcome{bot.Command}, has: "Bonjour"},
		{name: "coach command from an owner", text: fmt.Sprintf("/prendre %d", bk.CaseID), outcomes: []bot.Outcome{bot.Command}, has: "réservée aux coaches", forged: true},
		{name: "coach close from an owner", text: fmt.Sprintf("/clore %d fini", bk.CaseID), outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "cancel Marie's booking", action: act(bot.ActCancel, bk.ID), outcomes: []bot.Outcome{bot.Command}, has: "plus valable", forged: true},
		{name: "cancel Marie's booking from her id on Discord", who: twin, action: act(bot.ActCancel, bk.ID), outcomes: []bot.Outcome{bot.Command}, has: "plus valable", forged: true},
		{name: "cancel Marie's booking as a coach", who: camille, action: act(bot.ActCancel, bk.ID), outcomes: []bot.Outcome{bot.Command}, has: "plus valable", forged: true},
		{name: "cancel a booking that does not exist", action: act(bot.ActCancel, 987654), outcomes: []bot.Outcome{bot.Command}, has: "plus valable", forged: true},
		{name: "cancel with a non-numeric id", action: act(bot.ActCancel, "abc"), outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "cancel with a negative id", action: act(bot.ActCancel, -1), outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "cancel with an id that overflows", action: act(bot.ActCancel, "99999999999999999999999"), outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "book Marie's slot without a case", action: act(bot.ActSlot, bk.SlotID), outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "book Marie's slot while booking", who: paul, action: act(bot.ActSlot, bk.SlotID), outcomes: []bot.Outcome{bot.Escalated}, has: "vient d'être pris", forged: true},
		{name: "book a slot that does not exist", who: paul, action: act(bot.ActSlot, 987654), outcomes: []bot.Outcome{bot.Escalated}, forged: true},
		{name: "unregister Marie from her workshop", action: act(bot.ActWSCancel, reg.ID), outcomes: []bot.Outcome{bot.Command}, has: "plus valable", forged: true},
		{name: "register to a workshop that does not exist", action: act(bot.ActWorkshop, 987654), outcomes: []bot.Outcome{bot.Command}, has: "plus valable", forged: true},
		{name: "claim Marie's case as an owner", action: act(bot.ActClaim, bk.CaseID), outcomes: []bot.Outcome{bot.Command}, has: "réservée aux coaches", forged: true},
		{name: "close Marie's case as an owner", action: act(bot.ActClose, bk.CaseID), outcomes: []bot.Outcome{bot.Command}, has: "réservée aux coaches", forged: true},
		{name: "answer Marie's case as an owner", action: act(bot.ActReplyHint, bk.CaseID), outcomes: []bot.Outcome{bot.Command}, has: "réservée aux coaches", forged: true},
		{name: "erase without being asked", action: &bot.Action{Kind: bot.ActForgetYes}, outcomes: []bot.Outcome{bot.Command}, has: "plus valable", forged: true},
		{name: "erase with Marie's id as argument", action: &bot.Action{Kind: bot.ActForgetYes, Arg: marie.UserID}, outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "more slots without a case", action: &bot.Action{Kind: bot.ActMoreSlots}, forged: true},
		{name: "unknown action", action: act("nonsense", "x"), outcomes: []bot.Outcome{bot.Command}, has: "plus valable", forged: true},
		{name: "empty action", action: &bot.Action{}, outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "action with markup", action: act("<b>", "<script>alert(1)</script>"), outcomes: []bot.Outcome{bot.Command}, forged: true},
		{name: "1,000 messages in a minute", text: "question %d : comment avoir plus d'avis google ?", count: 1000},
	}
	for i, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			who := tt.who
			if who.UserID == "" {
				id := fmt.Sprint(9000 + i)
				who = bot.Message{Channel: bot.ChannelTelegram, ChatID: id, UserID: id, UserName: "Testeur"}
			}
			key := bot.ConvKey{Channel: who.Channel, ChatID: who.ChatID}
			count := max(tt.count, 1)
			var sent []string
			for n := range count {
				m := who
				m.Action = tt.action
				m.Text = tt.text
				if tt.count > 1 {
					m.Text = fmt.Sprintf(tt.text, n)
					w.now = w.now.Add(time.Minute / time.Duration(count))
				}
				r := handleNoPanic(t, w.bot, m)
				checkBadInputReply(t, m, r, tt.outcomes, tt.has)
				stored := checkStored(t, w, key, m, r)
				sent = append(sent, stored)
				if tt.forged {
					if after := snapshot(); !cmp.Equal(before, after, sameData) {
						t.Fatalf("a forged action changed Marie's data (-before +after):\n%s", cmp.Diff(before, after, sameData))
					}
				}
			}
			if tt.count > 1 { // nothing lost, nothing reordered
				turns, err := w.store.RecentTurns(ctx, key, 3*count)
				if err != nil || len(turns) != 2*count {
					t.Fatalf("RecentTurns: %d turns, %v; want %d", len(turns), err, 2*count)
				}
				for n := range count {
					if in, out := turns[2*n], turns[2*n+1]; in.Text != sent[n] || in.Role != bot.RoleOwner || out.Role != bot.RoleBot {
						t.Fatalf("turns %d and %d: %s %q then %s, want owner %q then bot", 2*n, 2*n+1, in.Role, in.Text, out.Role, sent[n])
					}
				}
			}
		})
	}
	if after := snapshot(); !cmp.Equal(before, after, sameData) {
		t.Errorf("Marie's data changed (-before +after):\n%s", cmp.Diff(before, after, sameData))
	}
}

// handleNoPanic sends m, failing the test (rather than the whole run) on a panic.
func handleNoPanic(t *testing.T, b *bot.Bot, m bot.Message) (r bot.Reply) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Fatalf("Handle panicked on %.80q: %v", m.Text, p)
		}
	}()
	return b.Handle(context.Background(), m)
}

var (
	sameData = cmp.AllowUnexported(bystander{})
	outcomes = map[bot.Outcome]bool{bot.Answered: true, bot.Clarify: true, bot.Escalated: true, bot.Booked: true,
		bot.OutOfScope: true, bot.Command: true, bot.Error: true}
	frenchWord = regexp.MustCompile(`(?i)\b(vous|votre|vos|je|de|la|le|les|des|est|pour|un|une)\b`)
	ourTag     = regexp.MustCompile(`</?b>|<a href="https?://[^"<>]*">|</a>`)
)

// checkBadInputReply checks a reply to bad input: an outcome, French text that holds no
// control or invisible formatting character, and a Telegram rendering in which only the
// core's own formatting is markup.
func checkBadInputReply(t *testing.T, m bot.Message, r bot.Reply, want []bot.Outcome, has string) {
	t.Helper()
	if !outcomes[r.Outcome] || len(want) > 0 && !containsOutcome(want, r.Outcome) {
		t.Fatalf("outcome %q, want one of %v; reply %q", r.Outcome, want, r.Text)
	}
	if strings.TrimSpace(r.Text) == "" || !frenchWord.MatchString(r.Text) {
		t.Fatalf("reply is not French text: %q", r.Text)
	}
	if has != "" && !strings.Contains(r.Text, has) {
		t.Fatalf("reply lacks %q: %q", has, r.Text)
	}
	if !utf8.ValidString(r.Text) {
		t.Fatalf("reply is not valid UTF-8: %q", r.Text)
	}
	for _, c := range r.Text {
		if c != '\n' && c != '\t' && (unicode.IsControl(c) || unicode.Is(unicode.Cf, c)) {
			t.Fatalf("reply holds the control or formatting character %U: %q", c, r.Text)
		}
	}
	for i, p := range telegram.Split(telegram.Render(r), telegram.MaxMessage) {
		if _, err := telegramtest.ParseHTML(p); err != nil {
			t.Fatalf("Telegram message %d cannot be parsed: %v\n%s", i, err, p)
		}
		if rest := ourTag.ReplaceAllString(p, ""); strings.ContainsRune(rest, '<') {
			t.Fatalf("Telegram message %d has markup the core did not write:\n%s", i, p)
		}
		if strings.Count(p, "<a ") > len(r.Sources) {
			t.Fatalf("Telegram message %d has more links than sources:\n%s", i, p)
		}
	}
}

func containsOutcome(os []bot.Outcome, o bot.Outcome) bool {
	for _, x := range os {
		if x == o {
			return true
		}
	}
	return false
}

// checkStored checks that the message and its reply are the last turns of the conversation,
// and returns the text stored for the message.
func checkStored(t *testing.T, w *world, key bot.ConvKey, m bot.Message, r bot.Reply) string {
	t.Helper()
	turns, err := w.store.RecentTurns(context.Background(), key, 2)
	if err != nil || len(turns) != 2 {
		t.Fatalf("RecentTurns: %d turns, %v", len(turns), err)
	}
	in, out := turns[0], turns[1]
	want := bot.Sanitize(m.Text)
	if m.Action != nil {
		want = "[bouton] " + m.Action.Encode()
	}
	const note = " […] (message tronqué)"
	switch {
	case len(want) > 20000: // the default MaxStoredChars: a longer message is kept truncated, with a note
		kept, ok := strings.CutSuffix(in.Text, note)
		if !ok || !strings.HasPrefix(want, kept) || len(kept) < 20000-utf8.UTFMax || len(kept) > 20000 {
			t.Fatalf("long message stored as %d bytes ending %q, want its first 20000 bytes and a note", len(in.Text), in.Text[max(0, len(in.Text)-40):])
		}
	case in.Text != want:
		t.Fatalf("message stored as %q, want %q", in.Text, want)
	}
	if !utf8.ValidString(in.Text) || in.UserID != m.UserID || in.Role == bot.RoleBot {
		t.Fatalf("message stored as %+v", in)
	}
	if out.Role != bot.RoleBot || out.Text != r.Text || out.Outcome != r.Outcome {
		t.Fatalf("reply stored as %s %s %q, want bot %s %q", out.Role, out.Outcome, out.Text, r.Outcome, r.Text)
	}
	return in.Text
}
