package telegramtest_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/telegram/telegramtest"
	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// newBot connects the real client library to the server.
func newBot(t *testing.T, s *telegramtest.Server) *tgbotapi.BotAPI {
	t.Helper()
	bot, err := tgbotapi.NewBotAPIWithAPIEndpoint(s.Token(), s.Endpoint())
	if err != nil {
		t.Fatalf("connect to the server: %v", err)
	}
	return bot
}

// wantError checks that err is the Bot API error the library reports for code and
// description.
func wantError(t *testing.T, err error, code int, description string) *tgbotapi.Error {
	t.Helper()
	var te *tgbotapi.Error
	if !errors.As(err, &te) {
		t.Fatalf("got error %v (%T), want a *tgbotapi.Error %d %q", err, err, code, description)
	}
	if te.Code != code || te.Message != description {
		t.Errorf("got error %d %q, want %d %q", te.Code, te.Message, code, description)
	}
	return te
}

func updateIDs(us []tgbotapi.Update) []int {
	var ids []int
	for _, u := range us {
		ids = append(ids, u.UpdateID)
	}
	return ids
}

func keyboard(rows ...[]tgbotapi.InlineKeyboardButton) tgbotapi.InlineKeyboardMarkup {
	return tgbotapi.NewInlineKeyboardMarkup(rows...)
}

var ignoreVolatile = cmpopts.IgnoreFields(telegramtest.Sent{}, "At", "Markup")

func TestGetMe(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	want := tgbotapi.User{ID: telegramtest.BotID, IsBot: true, FirstName: "coachbot", UserName: "coachbot_test_bot", CanJoinGroups: true}
	if diff := cmp.Diff(want, bot.Self); diff != "" {
		t.Errorf("getMe (-want +got):\n%s", diff)
	}
	if _, err := bot.MakeRequest("GETME", nil); err != nil {
		t.Errorf("method names are read in any case: %v", err)
	}

	_, err := tgbotapi.NewBotAPIWithAPIEndpoint("123456:WRONG-TOKEN", s.Endpoint())
	wantError(t, err, 401, "Unauthorized")
	_, err = bot.MakeRequest("sendTelepathy", nil)
	wantError(t, err, 404, "Not Found")

	resp, err := http.Get(s.URL() + "/bot123456:WRONG/getMe")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if got, want := strings.TrimSpace(string(body)), `{"ok":false,"error_code":401,"description":"Unauthorized"}`; resp.StatusCode != 401 || got != want {
		t.Errorf("wrong token: got %d %s, want 401 %s", resp.StatusCode, got, want)
	}
	if n := s.Requests("getMe"); n != 2 {
		t.Errorf("getMe counted %d times, want 2 (the wrong tokens do not count)", n)
	}
}

func TestParametersInEveryEncoding(t *testing.T) {
	s := telegramtest.New(t)
	base := s.URL() + "/bot" + s.Token()

	resp, err := http.Get(base + "/sendMessage?chat_id=5&text=" + url.QueryEscape("par la requête"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	resp, err = http.Post(base+"/sendMessage", "application/json", strings.NewReader(
		`{"chat_id":5,"text":"en JSON","reply_markup":{"inline_keyboard":[[{"text":"A","callback_data":"a"}]]},"link_preview_options":{"is_disabled":true}}`))
	if err != nil {
		t.Fatal(err)
	}
	var answer struct {
		OK     bool `json:"ok"`
		Result struct {
			MessageID   int             `json:"message_id"`
			ReplyMarkup json.RawMessage `json:"reply_markup"`
		} `json:"result"`
	}
	err = json.NewDecoder(resp.Body).Decode(&answer)
	resp.Body.Close()
	if err != nil || !answer.OK || answer.Result.MessageID != 2 || string(answer.Result.ReplyMarkup) != `{"inline_keyboard":[[{"callback_data":"a","text":"A"}]]}` {
		t.Errorf("JSON call: got %+v (%s), %v", answer, answer.Result.ReplyMarkup, err)
	}

	want := []telegramtest.Sent{
		{Method: "sendMessage", ChatID: 5, MessageID: 1, Text: "par la requête", Visible: "par la requête"},
		{Method: "sendMessage", ChatID: 5, MessageID: 2, Text: "en JSON", Visible: "en JSON",
			Keyboard: [][]telegramtest.Button{{{Text: "A", Data: "a"}}}, DisablePreview: true},
	}
	if diff := cmp.Diff(want, s.Sent(), ignoreVolatile); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}
}

func TestSendMessageWithInlineKeyboard(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)

	msg := tgbotapi.NewMessage(42, "Choisissez un créneau")
	msg.ReplyMarkup = keyboard(
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Lundi", "slot:1"), tgbotapi.NewInlineKeyboardButtonData("Mardi", "slot:2")),
		tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonURL("Le site", "https://example.com")),
	)
	msg.DisableWebPagePreview = true
	got, err := bot.Send(msg)
	if err != nil {
		t.Fatalf("send: %v", err)
	}
	if got.MessageID != 1 || got.Chat.ID != 42 || got.Chat.Type != "private" || got.From == nil || got.From.ID != telegramtest.BotID || got.Text != "Choisissez un créneau" {
		t.Errorf("sent message: %+v", got)
	}
	if got.ReplyMarkup == nil || *got.ReplyMarkup.InlineKeyboard[0][1].CallbackData != "slot:2" {
		t.Errorf("the message does not carry its keyboard: %+v", got.ReplyMarkup)
	}
	next, err := bot.Send(tgbotapi.NewMessage(42, "Et ensuite ?"))
	if err != nil || next.MessageID != 2 {
		t.Errorf("second message: id %d, %v; want id 2", next.MessageID, err)
	}

	want := []telegramtest.Sent{{
		Method: "sendMessage", ChatID: 42, MessageID: 1, Text: "Choisissez un créneau", Visible: "Choisissez un créneau",
		Keyboard:       [][]telegramtest.Button{{{Text: "Lundi", Data: "slot:1"}, {Text: "Mardi", Data: "slot:2"}}, {{Text: "Le site", URL: "https://example.com"}}},
		DisablePreview: true,
	}, {Method: "sendMessage", ChatID: 42, MessageID: 2, Text: "Et ensuite ?", Visible: "Et ensuite ?"}}
	if diff := cmp.Diff(want, s.SentTo(42), ignoreVolatile); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}

	for _, tc := range []struct {
		name   string
		button tgbotapi.InlineKeyboardButton
		err    string
	}{
		{"callback data of 64 bytes", tgbotapi.NewInlineKeyboardButtonData("ok", strings.Repeat("é", 32)), ""},
		{"callback data of 65 bytes", tgbotapi.NewInlineKeyboardButtonData("trop", strings.Repeat("é", 32)+"x"), "Bad Request: BUTTON_DATA_INVALID"},
		{"neither data nor URL", tgbotapi.InlineKeyboardButton{Text: "rien"}, "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
		{"empty data", tgbotapi.NewInlineKeyboardButtonData("vide", ""), "Bad Request: can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard"},
		{"javascript URL", tgbotapi.NewInlineKeyboardButtonURL("js", "javascript:alert(1)"), "Bad Request: inline keyboard button URL 'javascript:alert(1)' is invalid: Unsupported URL protocol"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := tgbotapi.NewMessage(43, "Boutons")
			msg.ReplyMarkup = keyboard(tgbotapi.NewInlineKeyboardRow(tc.button))
			_, err := bot.Send(msg)
			if tc.err == "" {
				if err != nil {
					t.Errorf("got %v, want no error", err)
				}
				return
			}
			wantError(t, err, 400, tc.err)
		})
	}
	for _, markup := range []any{
		tgbotapi.NewReplyKeyboard(tgbotapi.NewKeyboardButtonRow(tgbotapi.NewKeyboardButton("Oui"))),
		tgbotapi.NewRemoveKeyboard(false),
	} {
		msg := tgbotapi.NewMessage(44, "Clavier")
		msg.ReplyMarkup = markup
		if _, err := bot.Send(msg); err != nil {
			t.Errorf("reply keyboard %T: %v", markup, err)
		}
	}
	if sent := s.SentTo(44); len(sent) != 2 || sent[0].Keyboard != nil || !strings.Contains(string(sent[0].Markup), `"keyboard":[[{"text":"Oui"`) {
		t.Errorf("reply keyboards are recorded in Markup only: %+v", sent)
	}
	if n := len(s.SentTo(43)); n != 1 {
		t.Errorf("%d messages recorded in chat 43, want only the accepted one", n)
	}
}

func TestMessageIDsUnderConcurrency(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	var wg sync.WaitGroup
	ids := make(chan int, 20)
	for i := range 20 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m, err := bot.Send(tgbotapi.NewMessage(5, fmt.Sprintf("message %d", i)))
			if err != nil {
				t.Errorf("send %d: %v", i, err)
			}
			ids <- m.MessageID
		}()
	}
	wg.Wait()
	close(ids)
	var got []int
	for id := range ids {
		got = append(got, id)
	}
	slices.Sort(got)
	if want := []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20}; !slices.Equal(got, want) {
		t.Errorf("message ids %v, want each of 1…20 once", got)
	}
	s.WaitSent(t, 20, time.Second)
}

func TestUpdatesWithOffsets(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	first := s.PushMessage(42, 42, "/start")
	second := s.PushMessage(42, 42, "Bonjour")
	third := s.PushGroupMessage(-100, 7, "/aide@coachbot_test_bot merci")

	us, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := updateIDs(us), []int{first, second, third}; !slices.Equal(got, want) {
		t.Fatalf("updates %v, want %v", got, want)
	}
	start := us[0].Message
	if !start.IsCommand() || start.Command() != "start" || start.Chat.Type != "private" || start.From.FirstName != "Marie" ||
		start.From.LanguageCode != "fr" || start.From.IsBot || start.MessageID != 1 || start.Time().IsZero() {
		t.Errorf("/start: %+v from %+v", start, start.From)
	}
	group := us[2].Message
	if group.Chat.Type != "group" || group.Command() != "aide" || group.CommandWithAt() != "aide@coachbot_test_bot" || group.CommandArguments() != "merci" {
		t.Errorf("group command: %+v", group)
	}
	if diff := cmp.Diff([]tgbotapi.MessageEntity{{Type: "bot_command", Offset: 0, Length: 23}}, group.Entities); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}

	// Nothing is confirmed yet: the same updates come again.
	if us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{}); len(us) != 3 {
		t.Errorf("unconfirmed updates: got %v, want all three again", updateIDs(us))
	}
	// An offset confirms the updates before it, for good.
	us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: first + 1})
	if got, want := updateIDs(us), []int{second, third}; !slices.Equal(got, want) {
		t.Errorf("after offset %d: %v, want %v", first+1, got, want)
	}
	us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{})
	if got, want := updateIDs(us), []int{second, third}; !slices.Equal(got, want) {
		t.Errorf("a confirmed update came back: %v, want %v", got, want)
	}
	us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Limit: 1})
	if got, want := updateIDs(us), []int{second}; !slices.Equal(got, want) {
		t.Errorf("limit 1: %v, want %v", got, want)
	}
	if us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: third + 1}); len(us) != 0 {
		t.Errorf("everything confirmed, still got %v", updateIDs(us))
	}

	// A negative offset keeps only the last updates.
	s.PushMessage(42, 42, "un")
	last := s.PushMessage(42, 42, "deux")
	us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: -1})
	if got := updateIDs(us); !slices.Equal(got, []int{last}) {
		t.Errorf("offset -1: %v, want [%d]", got, last)
	}

	// Replay delivers a confirmed update once more.
	bot.GetUpdates(tgbotapi.UpdateConfig{Offset: last + 1})
	s.Replay(second)
	us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: last + 1})
	if got := updateIDs(us); !slices.Equal(got, []int{second}) || us[0].Message.Text != "Bonjour" {
		t.Errorf("replayed: %v, want [%d]", got, second)
	}
	if us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: last + 1}); len(us) != 0 {
		t.Errorf("a replay is delivered once, got %v again", updateIDs(us))
	}
}

func TestLongPolling(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)

	type result struct {
		updates []tgbotapi.Update
		err     error
		took    time.Duration
	}
	poll := func(timeout int) chan result {
		done := make(chan result, 1)
		go func() {
			start := time.Now()
			us, err := bot.GetUpdates(tgbotapi.UpdateConfig{Timeout: timeout})
			done <- result{us, err, time.Since(start)}
		}()
		return done
	}
	await := func(done chan result) result {
		t.Helper()
		select {
		case r := <-done:
			return r
		case <-time.After(5 * time.Second):
			t.Fatal("getUpdates did not return")
			return result{}
		}
	}

	t.Run("wakes on push", func(t *testing.T) {
		before := s.Requests("getUpdates")
		done := poll(10)
		s.Wait(t, 5*time.Second, "a long poll", func() bool { return s.Requests("getUpdates") > before })
		time.Sleep(100 * time.Millisecond) // the poll is now waiting
		id := s.PushMessage(42, 42, "réveil")
		r := await(done)
		if r.err != nil || !slices.Equal(updateIDs(r.updates), []int{id}) || r.took > 3*time.Second {
			t.Errorf("got %v, %v after %v; want [%d] at once", updateIDs(r.updates), r.err, r.took, id)
		}
		bot.GetUpdates(tgbotapi.UpdateConfig{Offset: id + 1})
	})

	t.Run("times out empty", func(t *testing.T) {
		r := await(poll(1))
		if r.err != nil || len(r.updates) != 0 || r.took < 900*time.Millisecond {
			t.Errorf("got %v, %v after %v; want nothing after a second", updateIDs(r.updates), r.err, r.took)
		}
	})

	t.Run("a second poller ends the first", func(t *testing.T) {
		before := s.Requests("getUpdates")
		done := poll(10)
		s.Wait(t, 5*time.Second, "a long poll", func() bool { return s.Requests("getUpdates") > before })
		time.Sleep(100 * time.Millisecond)
		if _, err := bot.GetUpdates(tgbotapi.UpdateConfig{}); err != nil {
			t.Errorf("second poller: %v", err)
		}
		wantError(t, await(done).err, 409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running")
	})
}

func TestWebhook(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)

	type delivery struct {
		secret string
		update tgbotapi.Update
	}
	got := make(chan delivery, 10)
	var failures atomic.Int32
	failures.Store(1)
	hook := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if failures.Add(-1) >= 0 {
			http.Error(w, "not ready", http.StatusInternalServerError)
			return
		}
		var u tgbotapi.Update
		if err := json.NewDecoder(r.Body).Decode(&u); err != nil {
			t.Errorf("webhook body: %v", err)
		}
		got <- delivery{r.Header.Get("X-Telegram-Bot-Api-Secret-Token"), u}
	}))
	t.Cleanup(hook.Close)
	receive := func() delivery {
		t.Helper()
		select {
		case d := <-got:
			return d
		case <-time.After(5 * time.Second):
			t.Fatal("no update posted to the webhook")
			return delivery{}
		}
	}

	_, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": "http://example.com/hook"})
	wantError(t, err, 400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook")
	_, err = bot.MakeRequest("setWebhook", tgbotapi.Params{"url": hook.URL + "/hook", "secret_token": "pas secret!"})
	wantError(t, err, 400, "Bad Request: secret token contains unallowed characters")
	resp, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": hook.URL + "/hook", "secret_token": "s3cret-token_1"})
	if err != nil || resp.Description != "Webhook was set" {
		t.Fatalf("setWebhook: %+v, %v", resp, err)
	}
	_, err = bot.GetUpdates(tgbotapi.UpdateConfig{})
	wantError(t, err, 409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")

	id := s.PushMessage(42, 42, "par webhook")
	d := receive()
	if d.secret != "s3cret-token_1" || d.update.UpdateID != id || d.update.Message == nil || d.update.Message.Text != "par webhook" {
		t.Errorf("delivered %+v with secret %q", d.update, d.secret)
	}
	s.Wait(t, time.Second, "the delivery to be recorded", func() bool { return len(s.WebhookDeliveries()) == 2 })
	wantDeliveries := []telegramtest.WebhookDelivery{{UpdateID: id, Attempt: 1, Status: 500}, {UpdateID: id, Attempt: 2, Status: 200}}
	if diff := cmp.Diff(wantDeliveries, s.WebhookDeliveries(), cmpopts.IgnoreFields(telegramtest.WebhookDelivery{}, "At")); diff != "" {
		t.Errorf("deliveries (-want +got):\n%s", diff)
	}
	info, err := bot.GetWebhookInfo()
	if err != nil || info.URL != hook.URL+"/hook" || info.PendingUpdateCount != 0 || info.LastErrorMessage != "Wrong response from the webhook: 500 Internal Server Error" {
		t.Errorf("webhook info: %+v, %v", info, err)
	}

	s.Replay(id)
	if d := receive(); d.update.UpdateID != id {
		t.Errorf("replayed update %d, want %d", d.update.UpdateID, id)
	}
	// the handler has the update, but the server records the delivery only once the response
	// is back: wait for it, or the update is still pending when the webhook is deleted
	s.Wait(t, time.Second, "the replay to be recorded", func() bool { return len(s.WebhookDeliveries()) == 3 })

	resp, err = bot.Request(tgbotapi.DeleteWebhookConfig{})
	if err != nil || resp.Description != "Webhook was deleted" {
		t.Fatalf("deleteWebhook: %+v, %v", resp, err)
	}
	next := s.PushMessage(42, 42, "par getUpdates")
	us, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || !slices.Equal(updateIDs(us), []int{next}) {
		t.Errorf("after deleteWebhook: %v, %v; want [%d]", updateIDs(us), err, next)
	}
}

func TestWebhookGivesUpAndAnswersWithAMethod(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	var calls atomic.Int32
	hook := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var u tgbotapi.Update
		json.NewDecoder(r.Body).Decode(&u)
		if calls.Add(1) <= telegramtest.WebhookAttempts {
			w.WriteHeader(http.StatusServiceUnavailable) // the first update never gets through
			return
		}
		// Telegram runs a method put in the webhook's answer.
		tgbotapi.WriteToHTTPResponse(w, tgbotapi.NewMessage(u.Message.Chat.ID, "reçu : "+u.Message.Text))
	}))
	t.Cleanup(hook.Close)
	if _, err := bot.MakeRequest("setWebhook", tgbotapi.Params{"url": hook.URL}); err != nil {
		t.Fatal(err)
	}
	lost := s.PushMessage(42, 42, "perdu")
	kept := s.PushMessage(42, 42, "gardé")
	sent := s.WaitSent(t, 1, 5*time.Second)
	if sent[0].Visible != "reçu : gardé" || sent[0].ChatID != 42 {
		t.Errorf("answer from the webhook: %+v", sent[0])
	}
	var attempts []int
	for _, d := range s.WebhookDeliveries() {
		attempts = append(attempts, d.UpdateID)
	}
	if want := []int{lost, lost, lost, lost, kept}; !slices.Equal(attempts, want) {
		t.Errorf("deliveries of updates %v, want %v", attempts, want)
	}
}

func TestHTML(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	const cannot = "Bad Request: can't parse entities: "
	for _, tc := range []struct {
		name, text, visible, err string
	}{
		{"nesting", `<b>Gras <i>et italique</i></b>, <u>souligné</u>, <s>barré</s>, <tg-spoiler>caché</tg-spoiler>, <span class="tg-spoiler">aussi</span>`,
			"Gras et italique, souligné, barré, caché, aussi", ""},
		{"upper case tags", "<B>gras</B>", "gras", ""},
		{"pre with a language", `<pre><code class="language-go">x := 1</code></pre>`, "x := 1", ""},
		{"unquoted name token", `<code class=language-go>x</code>`, "x", ""},
		{"blockquote", "<blockquote expandable>long</blockquote> <blockquote>court</blockquote>", "long court", ""},
		{"references", "1 &lt; 2 &amp;&amp; 3 &gt; 2 &quot;ok&quot; &#233;t&#xE9; &#x1F600;", `1 < 2 && 3 > 2 "ok" été 😀`, ""},
		{"link", `Voir <a href="https://example.com/?a=1&amp;b=2">le site</a>.`, "Voir le site.", ""},
		{"bare greater-than", "3 > 2", "3 > 2", ""},
		{"trimmed", "\n  <b>Bonjour</b>  \n", "Bonjour", ""},
		{"unclosed tag", "<b>gras", "", cannot + "Can't find end tag corresponding to start tag b"},
		{"misnested", "<b><i>x</b></i>", "", cannot + `Unmatched end tag at byte offset 7, expected "</i>", found "</b>"`},
		{"unknown tag", "Bonjour <p>Marie</p>", "", cannot + `Unsupported start tag "p" at byte offset 8`},
		{"line break", "un<br>deux", "", cannot + `Unsupported start tag "br" at byte offset 2`},
		{"bare ampersand", "Tom & Jerry", "", cannot + `Character "&" must be escaped as "&amp;" at byte offset 4`},
		{"unknown entity", "a&nbsp;b", "", cannot + `Character "&" must be escaped as "&amp;" at byte offset 1`},
		{"entity without semicolon", "&lt 3", "", cannot + `Character "&" must be escaped as "&amp;" at byte offset 0`},
		{"bare less-than", "1 < 2", "", cannot + `Unsupported start tag "" at byte offset 2`},
		{"less-than at the end", "a <", "", cannot + "Unclosed start tag at byte offset 2"},
		{"unquoted URL", `<a href=https://example.com>x</a>`, "", cannot + "Unexpected end of name token at byte offset 8"},
		{"attribute without value", `<a href>x</a>`, "", cannot + `Expected equal sign in declaration of an attribute of the tag "a" at byte offset 0`},
		{"stray end tag", "x</b>", "", cannot + "Unexpected end tag at byte offset 1"},
		{"span without class", "<span>x</span>", "", cannot + `Tag "span" must have class "tg-spoiler" at byte offset 0`},
		{"nothing visible", "<b> </b>", "", "Bad Request: message text is empty"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := tgbotapi.NewMessage(42, tc.text)
			msg.ParseMode = tgbotapi.ModeHTML
			got, err := bot.Send(msg)
			if tc.err != "" {
				wantError(t, err, 400, tc.err)
				if _, err := telegramtest.ParseHTML(tc.text); err == nil && !strings.Contains(tc.err, "empty") {
					t.Errorf("ParseHTML accepts %q", tc.text)
				}
				return
			}
			if err != nil {
				t.Fatalf("send: %v", err)
			}
			if got.Text != tc.visible {
				t.Errorf("message text %q, want %q", got.Text, tc.visible)
			}
			if sent := s.Sent(); sent[len(sent)-1].Visible != tc.visible || sent[len(sent)-1].Text != tc.text {
				t.Errorf("recorded %+v, want text %q visible %q", sent[len(sent)-1], tc.text, tc.visible)
			}
			if v, err := telegramtest.ParseHTML(tc.text); err != nil || v != tc.visible {
				t.Errorf("ParseHTML: %q, %v; want %q", v, err, tc.visible)
			}
		})
	}

	// Entities count UTF-16 code units: the emoji takes two.
	msg := tgbotapi.NewMessage(42, `<b>Gras</b> 😀 <a href="https://example.com">lien</a> <pre><code class="language-go">x</code></pre>`)
	msg.ParseMode = tgbotapi.ModeHTML
	got, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	want := []tgbotapi.MessageEntity{
		{Type: "bold", Offset: 0, Length: 4},
		{Type: "text_link", Offset: 8, Length: 4, URL: "https://example.com"},
		{Type: "pre", Offset: 13, Length: 1, Language: "go"},
	}
	if diff := cmp.Diff(want, got.Entities); diff != "" {
		t.Errorf("entities (-want +got):\n%s", diff)
	}
}

func TestLengthLimit(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	for _, tc := range []struct {
		name, text, mode string
		ok               bool
	}{
		{"4096 letters", strings.Repeat("a", 4096), "", true},
		{"4097 letters", strings.Repeat("a", 4097), "", false},
		{"4096 accented letters, 8192 bytes", strings.Repeat("é", 4096), "", true},
		{"2048 emoji, 4096 UTF-16 units", strings.Repeat("😀", 2048), "", true},
		{"2049 emoji", strings.Repeat("😀", 2049), "", false},
		{"markup does not count", "<b>" + strings.Repeat("a", 4096) + "</b>", tgbotapi.ModeHTML, true},
		{"references count once", strings.Repeat("&amp;", 4097), tgbotapi.ModeHTML, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			msg := tgbotapi.NewMessage(42, tc.text)
			msg.ParseMode = tc.mode
			_, err := bot.Send(msg)
			if tc.ok {
				if err != nil {
					t.Errorf("got %v, want it sent", err)
				}
				return
			}
			wantError(t, err, 400, "Bad Request: message is too long")
		})
	}
	_, err := bot.Send(tgbotapi.NewMessage(42, ""))
	wantError(t, err, 400, "Bad Request: message text is empty")
	_, err = bot.Send(tgbotapi.NewMessage(42, " \n "))
	wantError(t, err, 400, "Bad Request: message text is empty")
	_, err = bot.Send(tgbotapi.NewMessage(0, "à personne"))
	wantError(t, err, 400, "Bad Request: chat_id is empty")
}

func TestTooManyRequests(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)

	s.FailNext("sendMessage", 1, 429, "", 7)
	_, err := bot.Send(tgbotapi.NewMessage(42, "vite"))
	if te := wantError(t, err, 429, "Too Many Requests: retry after 7"); te != nil && te.RetryAfter != 7 {
		t.Errorf("RetryAfter %d, want 7", te.RetryAfter)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(42, "plus tard")); err != nil {
		t.Errorf("the failure was for one call only: %v", err)
	}

	s.FloodLimit(2, 0)
	for i := range 2 {
		if _, err := bot.Send(tgbotapi.NewMessage(1, "flot")); err != nil {
			t.Errorf("message %d within the limit: %v", i, err)
		}
	}
	_, err = bot.Send(tgbotapi.NewMessage(1, "de trop"))
	if te := wantError(t, err, 429, "Too Many Requests: retry after 1"); te != nil && te.RetryAfter != 1 {
		t.Errorf("RetryAfter %d, want 1", te.RetryAfter)
	}
	if _, err := bot.Send(tgbotapi.NewMessage(2, "autre chat")); err != nil {
		t.Errorf("another chat is not limited: %v", err)
	}
	if _, err := bot.Request(tgbotapi.NewChatAction(1, tgbotapi.ChatTyping)); err != nil {
		t.Errorf("chat actions are not counted: %v", err)
	}
}

func TestFailChat(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)

	s.FailChat(7, "sendMessage", 1, 403, 0)
	if _, err := bot.Send(tgbotapi.NewMessage(8, "à 8")); err != nil {
		t.Errorf("chat 8: %v", err)
	}
	_, err := bot.Send(tgbotapi.NewMessage(7, "à 7"))
	wantError(t, err, 403, "Forbidden: bot was blocked by the user")
	if _, err := bot.Send(tgbotapi.NewMessage(7, "à 7 encore")); err != nil {
		t.Errorf("chat 7 after its one failure: %v", err)
	}

	s.FailChat(7, "", -1, 400, 0) // every method, until removed
	_, err = bot.Request(tgbotapi.NewChatAction(7, tgbotapi.ChatTyping))
	wantError(t, err, 400, "Bad Request: chat not found")
	_, err = bot.Send(tgbotapi.NewMessage(7, "toujours"))
	wantError(t, err, 400, "Bad Request: chat not found")
	s.FailChat(7, "", 0, 0, 0)
	if _, err := bot.Send(tgbotapi.NewMessage(7, "enfin")); err != nil {
		t.Errorf("after removing the failure: %v", err)
	}
	if got := len(s.SentTo(7)); got != 2 {
		t.Errorf("%d messages recorded for chat 7, want the 2 accepted", got)
	}
}

func TestDelay(t *testing.T) {
	s := telegramtest.New(t)
	s.Delay("sendMessage", 5*time.Second)
	slow, err := tgbotapi.NewBotAPIWithClient(s.Token(), s.Endpoint(), &http.Client{Timeout: 200 * time.Millisecond})
	if err != nil {
		t.Fatalf("getMe is not delayed: %v", err)
	}
	start := time.Now()
	_, err = slow.Send(tgbotapi.NewMessage(42, "lent"))
	var ne net.Error
	if !errors.As(err, &ne) || !ne.Timeout() {
		t.Errorf("got %v, want a client timeout", err)
	}
	if took := time.Since(start); took > 2*time.Second {
		t.Errorf("the client waited %v", took)
	}
	// The call took effect before the wait, as it may on Telegram.
	if sent := s.Sent(); len(sent) != 1 || sent[0].Visible != "lent" {
		t.Errorf("sent %+v, want the message", sent)
	}
	// The server does not hold the abandoned answer: it closes at once.
	start = time.Now()
	s.Close()
	if took := time.Since(start); took > time.Second {
		t.Errorf("closing took %v", took)
	}
}

func TestSendDocument(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	data := []byte("%PDF-1.4 votre plan")
	doc := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "plan.pdf", Bytes: data})
	doc.Caption = "<b>Votre plan</b> &amp; vos étapes"
	doc.ParseMode = tgbotapi.ModeHTML
	got, err := bot.Send(doc)
	if err != nil {
		t.Fatalf("send document: %v", err)
	}
	if got.Document == nil || got.Document.FileName != "plan.pdf" || got.Document.MimeType != "application/pdf" || got.Document.FileSize != len(data) ||
		got.Caption != "Votre plan & vos étapes" || len(got.CaptionEntities) != 1 || got.CaptionEntities[0].Type != "bold" {
		t.Errorf("document message: %+v, document %+v", got, got.Document)
	}
	want := []telegramtest.Sent{{Method: "sendDocument", ChatID: 42, MessageID: 1, ParseMode: "HTML", Visible: "Votre plan & vos étapes",
		Document: &telegramtest.File{Name: "plan.pdf", Data: data}, Caption: "<b>Votre plan</b> &amp; vos étapes"}}
	if diff := cmp.Diff(want, s.Sent(), ignoreVolatile); diff != "" {
		t.Errorf("sent (-want +got):\n%s", diff)
	}

	again, err := bot.Send(tgbotapi.NewDocument(43, tgbotapi.FileID(got.Document.FileID)))
	if err != nil || again.Document.FileID != got.Document.FileID || again.Document.FileName != "plan.pdf" {
		t.Errorf("resent by file_id: %+v, %v", again.Document, err)
	}

	// The library drops the error code of uploads (UploadFiles); the description remains.
	_, err = bot.Send(tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "vide.pdf"}))
	if err == nil || err.Error() != "Bad Request: file must be non-empty" {
		t.Errorf("empty file: got %v", err)
	}
	long := tgbotapi.NewDocument(42, tgbotapi.FileBytes{Name: "a.txt", Bytes: []byte("a")})
	long.Caption = strings.Repeat("é", 1025)
	if _, err = bot.Send(long); err == nil || err.Error() != "Bad Request: message caption is too long" {
		t.Errorf("long caption: got %v", err)
	}
	_, err = bot.Send(tgbotapi.NewDocument(42, tgbotapi.FileID("unknown")))
	wantError(t, err, 400, "Bad Request: wrong file identifier/HTTP URL specified")
}

func TestCallbackQueries(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	msg := tgbotapi.NewMessage(42, "Un créneau ?")
	msg.ReplyMarkup = keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Lundi", "slot:1")))
	m, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}
	id, query := s.PushCallback(42, 42, m.MessageID, "slot:1")
	us, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil || len(us) != 1 || us[0].UpdateID != id || us[0].CallbackQuery == nil {
		t.Fatalf("callback update: %+v, %v", us, err)
	}
	q := us[0].CallbackQuery
	if q.ID != query || q.Data != "slot:1" || q.From.ID != 42 || q.ChatInstance == "" || q.Message == nil ||
		q.Message.MessageID != m.MessageID || q.Message.From.ID != telegramtest.BotID || q.Message.Text != "Un créneau ?" ||
		q.Message.ReplyMarkup == nil || *q.Message.ReplyMarkup.InlineKeyboard[0][0].CallbackData != "slot:1" {
		t.Errorf("callback query: %+v with message %+v", q, q.Message)
	}

	if _, err := bot.Request(tgbotapi.NewCallback(query, "C'est noté")); err != nil {
		t.Errorf("answer: %v", err)
	}
	_, err = bot.Request(tgbotapi.NewCallback(query, "encore"))
	wantError(t, err, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
	_, err = bot.Request(tgbotapi.NewCallback("12345", ""))
	wantError(t, err, 400, "Bad Request: query is too old and response timeout expired or query ID is invalid")
	want := []telegramtest.CallbackAnswer{{ID: query, Text: "C'est noté"}}
	if diff := cmp.Diff(want, s.CallbackAnswers(), cmpopts.IgnoreFields(telegramtest.CallbackAnswer{}, "At")); diff != "" {
		t.Errorf("answers (-want +got):\n%s", diff)
	}

	// A button on a message the server has not seen.
	_, other := s.PushCallback(42, 42, 99, "menu")
	if _, err := bot.Request(tgbotapi.NewCallback(other, "")); err != nil {
		t.Errorf("answer: %v", err)
	}
	if _, err := bot.Send(tgbotapi.NewEditMessageText(42, 99, "Menu")); err != nil {
		t.Errorf("the message of the button can be edited: %v", err)
	}
}

func TestEditAndDelete(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	msg := tgbotapi.NewMessage(42, "Un créneau ?")
	msg.ReplyMarkup = keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Lundi", "slot:1")))
	m, err := bot.Send(msg)
	if err != nil {
		t.Fatal(err)
	}

	edit := tgbotapi.NewEditMessageText(42, m.MessageID, "Créneau choisi : <b>lundi</b>")
	edit.ParseMode = tgbotapi.ModeHTML
	got, err := bot.Send(edit)
	if err != nil || got.Text != "Créneau choisi : lundi" || got.ReplyMarkup != nil || got.EditDate == 0 {
		t.Errorf("edited: %+v, %v; want the new text without the keyboard", got, err)
	}
	_, err = bot.Send(edit)
	wantError(t, err, 400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	_, err = bot.Send(tgbotapi.NewEditMessageText(42, 99, "nouveau"))
	wantError(t, err, 400, "Bad Request: message to edit not found")
	s.PushMessage(42, 42, "mon message")
	_, err = bot.Send(tgbotapi.NewEditMessageText(42, m.MessageID+1, "pas le mien"))
	wantError(t, err, 400, "Bad Request: message can't be edited")

	kb := keyboard(tgbotapi.NewInlineKeyboardRow(tgbotapi.NewInlineKeyboardButtonData("Annuler", "cancel")))
	if _, err := bot.Send(tgbotapi.NewEditMessageReplyMarkup(42, m.MessageID, kb)); err != nil {
		t.Errorf("edit keyboard: %v", err)
	}
	state, ok := s.Message(42, m.MessageID)
	if diff := cmp.Diff([][]telegramtest.Button{{{Text: "Annuler", Data: "cancel"}}}, state.Keyboard); !ok || state.Visible != "Créneau choisi : lundi" || diff != "" {
		t.Errorf("message state %+v, %v (-want +got keyboard):\n%s", state, ok, diff)
	}
	if got := len(s.Sent()); got != 2 {
		t.Errorf("%d recorded, want the send and the text edit", got)
	}

	if _, err := bot.Request(tgbotapi.NewDeleteMessage(42, m.MessageID)); err != nil {
		t.Errorf("delete: %v", err)
	}
	if _, ok := s.Message(42, m.MessageID); ok {
		t.Error("the deleted message is still there")
	}
	_, err = bot.Request(tgbotapi.NewDeleteMessage(42, m.MessageID))
	wantError(t, err, 400, "Bad Request: message to delete not found")
}

func TestReplies(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	s.PushMessage(42, 42, "Bonjour")
	reply := tgbotapi.NewMessage(42, "Bonjour Marie")
	reply.ReplyToMessageID = 1
	m, err := bot.Send(reply)
	if err != nil || m.ReplyToMessage == nil || m.ReplyToMessage.Text != "Bonjour" {
		t.Errorf("reply: %+v, %v", m, err)
	}
	reply.ReplyToMessageID = 50
	_, err = bot.Send(reply)
	wantError(t, err, 400, "Bad Request: message to be replied not found")
	reply.AllowSendingWithoutReply = true
	if _, err := bot.Send(reply); err != nil {
		t.Errorf("allow_sending_without_reply: %v", err)
	}

	id := s.PushReply(-100, 7, "oui", 30, true)
	us, _ := bot.GetUpdates(tgbotapi.UpdateConfig{})
	u := us[len(us)-1]
	if u.UpdateID != id || u.Message.ReplyToMessage == nil || u.Message.ReplyToMessage.From.ID != telegramtest.BotID || u.Message.ReplyToMessage.MessageID != 30 {
		t.Errorf("reply to the bot: %+v", u.Message)
	}
}

func TestOtherUpdates(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	s.PushMessage(42, 42, "texte avec faute")
	photo := s.PushMedia(42, 42, "photo")
	sticker := s.PushMedia(42, 42, "sticker")
	voice := s.PushMedia(42, 42, "voice")
	document := s.PushMedia(42, 42, "document")
	location := s.PushMedia(42, 42, "location")
	edited := s.PushEdited(42, 42, "texte corrigé") // the last text, not the location
	raw := s.PushUpdate(json.RawMessage(`{"message":{"message_id":77,"from":{"id":9,"is_bot":false,"first_name":"Paul"},"chat":{"id":9,"first_name":"Paul","type":"private"},"date":1700000000,"text":"brut"}}`))
	withID := s.PushUpdate(json.RawMessage(`{"update_id":900000000,"my_chat_member":{}}`))

	us, err := bot.GetUpdates(tgbotapi.UpdateConfig{})
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int]tgbotapi.Update{}
	for _, u := range us {
		byID[u.UpdateID] = u
	}
	if m := byID[edited].EditedMessage; m == nil || m.Text != "texte corrigé" || m.MessageID != 1 || m.EditDate == 0 {
		t.Errorf("edited message: %+v", m)
	}
	if m := byID[photo].Message; m == nil || len(m.Photo) != 3 || m.Photo[2].Width != 1280 {
		t.Errorf("photo: %+v", m)
	}
	if m := byID[sticker].Message; m == nil || m.Sticker == nil || m.Sticker.Emoji == "" {
		t.Errorf("sticker: %+v", m)
	}
	if m := byID[voice].Message; m == nil || m.Voice == nil || m.Voice.Duration == 0 {
		t.Errorf("voice: %+v", m)
	}
	if m := byID[document].Message; m == nil || m.Document == nil || m.Document.FileName != "document.pdf" {
		t.Errorf("document: %+v", m)
	}
	if m := byID[location].Message; m == nil || m.Location == nil || m.Location.Latitude != 48.856613 || m.Location.Longitude != 2.352222 || m.Text != "" {
		t.Errorf("location: %+v", m)
	}
	if m := byID[raw].Message; m == nil || m.Text != "brut" || m.From.FirstName != "Paul" {
		t.Errorf("raw update: %+v", m)
	}
	if _, ok := byID[withID]; withID != 900000000 || !ok {
		t.Errorf("raw update with its own id: %d delivered %v", withID, ok)
	}
	if next := s.PushMessage(9, 9, "après"); next != 900000001 {
		t.Errorf("the ids go on after the largest given: %d", next)
	}

	// allowed_updates filters what is delivered.
	s.PushMessage(42, 42, "un message")
	s.PushEdited(42, 42, "modifié")
	us, _ = bot.GetUpdates(tgbotapi.UpdateConfig{Offset: withID + 1, AllowedUpdates: []string{"edited_message"}})
	if len(us) != 1 || us[0].EditedMessage == nil {
		t.Errorf("allowed_updates [edited_message]: %+v", us)
	}
}

func TestChatActionsAndCommands(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	if _, err := bot.Request(tgbotapi.NewChatAction(42, tgbotapi.ChatTyping)); err != nil {
		t.Errorf("typing: %v", err)
	}
	_, err := bot.Request(tgbotapi.NewChatAction(42, "dancing"))
	wantError(t, err, 400, "Bad Request: wrong parameter action in request")
	if a := s.ChatActions(); len(a) != 1 || a[0].ChatID != 42 || a[0].Action != "typing" {
		t.Errorf("chat actions: %+v", a)
	}

	owner := []tgbotapi.BotCommand{{Command: "start", Description: "Présentation"}, {Command: "aide", Description: "Ce que je sais faire"}}
	coach := append(slices.Clone(owner), tgbotapi.BotCommand{Command: "cas", Description: "Cas ouverts"})
	for _, c := range []tgbotapi.Chattable{
		tgbotapi.NewSetMyCommands(owner...),
		tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(42), coach...),
		tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeAllGroupChats(), "fr", owner[:1]...),
	} {
		if _, err := bot.Request(c); err != nil {
			t.Errorf("setMyCommands: %v", err)
		}
	}
	commands := func(cs []tgbotapi.BotCommand) []telegramtest.Command {
		var out []telegramtest.Command
		for _, c := range cs {
			out = append(out, telegramtest.Command{Command: c.Command, Description: c.Description})
		}
		return out
	}
	want := map[telegramtest.Scope][]telegramtest.Command{
		{Type: "default"}:                             commands(owner),
		{Type: "chat", ChatID: 42}:                    commands(coach),
		{Type: "all_group_chats", LanguageCode: "fr"}: commands(owner[:1]),
	}
	if diff := cmp.Diff(want, s.Commands()); diff != "" {
		t.Errorf("commands (-want +got):\n%s", diff)
	}
	if got, err := bot.GetMyCommands(); err != nil || !slices.Equal(got, owner) {
		t.Errorf("getMyCommands: %v, %v", got, err)
	}
	if got, err := bot.GetMyCommandsWithConfig(tgbotapi.NewGetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(42))); err != nil || !slices.Equal(got, coach) {
		t.Errorf("getMyCommands in chat 42: %v, %v", got, err)
	}
	if got, err := bot.GetMyCommandsWithConfig(tgbotapi.NewGetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(43))); err != nil || len(got) != 0 {
		t.Errorf("getMyCommands in chat 43: %v, %v", got, err)
	}

	for _, tc := range []struct {
		name string
		c    tgbotapi.Chattable
		err  string
	}{
		{"upper case", tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "RendezVous", Description: "x"}), "Bad Request: BOT_COMMAND_INVALID"},
		{"no description", tgbotapi.NewSetMyCommands(tgbotapi.BotCommand{Command: "rdv", Description: " "}), "Bad Request: command description must be non-empty"},
		{"administrators of a private chat", tgbotapi.NewSetMyCommandsWithScope(tgbotapi.NewBotCommandScopeChatAdministrators(42), owner...), "Bad Request: can't use specified scope in private chats"},
		{"language", tgbotapi.NewSetMyCommandsWithScopeAndLanguage(tgbotapi.NewBotCommandScopeDefault(), "fra", owner...), "Bad Request: invalid language code specified"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := bot.Request(tc.c)
			wantError(t, err, 400, tc.err)
		})
	}

	if _, err := bot.Request(tgbotapi.NewDeleteMyCommandsWithScope(tgbotapi.NewBotCommandScopeChat(42))); err != nil {
		t.Errorf("deleteMyCommands: %v", err)
	}
	if _, ok := s.Commands()[telegramtest.Scope{Type: "chat", ChatID: 42}]; ok {
		t.Error("the commands of chat 42 are still set")
	}
}

func TestDown(t *testing.T) {
	s := telegramtest.New(t)
	bot := newBot(t, s)
	s.Down(true)
	_, err := bot.Send(tgbotapi.NewMessage(42, "personne ?"))
	var te *tgbotapi.Error
	if err == nil || errors.As(err, &te) || !strings.Contains(err.Error(), "invalid character '<'") {
		t.Errorf("got %v, want the library failing to read an HTML page", err)
	}
	resp, err := http.Get(s.URL() + "/bot" + s.Token() + "/getMe")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 502 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") || !strings.Contains(string(body), "502 Bad Gateway") {
		t.Errorf("got %d %s %q", resp.StatusCode, resp.Header.Get("Content-Type"), body)
	}
	s.Down(false)
	if _, err := bot.Send(tgbotapi.NewMessage(42, "de retour")); err != nil {
		t.Errorf("after the outage: %v", err)
	}
}
