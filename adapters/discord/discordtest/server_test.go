package discordtest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bwmarrin/discordgo"
	"github.com/google/go-cmp/cmp"

	"github.com/coachbot/coachbot/adapters/discord/discordtest"
)

const userID = "1187500000000000001"

func newSession(t *testing.T) (*discordtest.Server, *discordgo.Session) {
	t.Helper()
	s := discordtest.New(t)
	session, err := discordgo.New("Bot " + s.Token())
	if err != nil {
		t.Fatal(err)
	}
	session.Client = s.Client()
	return s, session
}

// restError returns the status, Discord's code and the errors object of a failed call.
func restError(t *testing.T, err error) (status, code int, errs map[string]any) {
	t.Helper()
	var re *discordgo.RESTError
	if !errors.As(err, &re) {
		t.Fatalf("got error %v, want a *discordgo.RESTError", err)
	}
	var body struct {
		Code   int            `json:"code"`
		Errors map[string]any `json:"errors"`
	}
	_ = json.Unmarshal(re.ResponseBody, &body)
	return re.Response.StatusCode, body.Code, body.Errors
}

// errorAt returns the first error code at a dotted path of an errors object.
func errorAt(errs map[string]any, path string) string {
	node := errs
	for _, k := range strings.Split(path, ".") {
		next, ok := node[k].(map[string]any)
		if !ok {
			return ""
		}
		node = next
	}
	list, _ := node["_errors"].([]any)
	if len(list) == 0 {
		return ""
	}
	first, _ := list[0].(map[string]any)
	code, _ := first["code"].(string)
	return code
}

func ptr[T any](v T) *T { return &v }

func TestCreateMessage(t *testing.T) {
	s, session := newSession(t)
	ch := s.TextChannel("coaching")
	first, err := session.ChannelMessageSend(ch, "Bonjour !")
	if err != nil {
		t.Fatal(err)
	}
	second, err := session.ChannelMessageSendEmbed(ch, &discordgo.MessageEmbed{Title: "Séance", Description: "Lundi 18 h"})
	if err != nil {
		t.Fatal(err)
	}
	if first.Content != "Bonjour !" || first.ChannelID != ch || first.Author == nil || first.Author.ID != s.BotUserID() || !first.Author.Bot {
		t.Errorf("answer: %+v", first)
	}
	if len(first.ID) < 18 || len(second.ID) < len(first.ID) || second.ID <= first.ID {
		t.Errorf("ids %s then %s, want increasing snowflakes", first.ID, second.ID)
	}
	got := s.MessagesIn(ch)
	if len(got) != 2 {
		t.Fatalf("got %d messages, want 2", len(got))
	}
	if got[0].ID != first.ID || got[0].Content != "Bonjour !" || got[0].Via != discordtest.ViaChannel || got[0].Edit {
		t.Errorf("first recorded: %+v", got[0])
	}
	if len(got[1].Embeds) != 1 || got[1].Embeds[0].Title != "Séance" || got[1].Embeds[0].Type != discordgo.EmbedTypeRich {
		t.Errorf("embeds recorded: %+v", got[1].Embeds)
	}

	edited, err := session.ChannelMessageEdit(ch, first.ID, "Bonsoir !")
	if err != nil {
		t.Fatal(err)
	}
	if edited.Content != "Bonsoir !" || edited.EditedTimestamp == nil {
		t.Errorf("edit answer: %+v", edited)
	}
	if m, ok := s.Message(first.ID); !ok || m.Content != "Bonsoir !" || !m.Edit {
		t.Errorf("Message after edit: %+v, %v", m, ok)
	}
	if len(s.Messages()) != 3 {
		t.Errorf("got %d writes, want 3", len(s.Messages()))
	}
}

func TestAllowedMentions(t *testing.T) {
	s, session := newSession(t)
	ch := s.NewID()
	content := "<@" + userID + "> ta séance est prête, @everyone"
	for _, tc := range []struct {
		name         string
		allowed      *discordgo.MessageAllowedMentions
		wantMentions []string
		wantEveryone bool
	}{
		{"absent", nil, []string{userID}, true},
		{"none", &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}, nil, false},
		{"users only", &discordgo.MessageAllowedMentions{Users: []string{userID}}, []string{userID}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			m, err := session.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: content, AllowedMentions: tc.allowed})
			if err != nil {
				t.Fatal(err)
			}
			rec, _ := s.Message(m.ID)
			if diff := cmp.Diff(tc.allowed, rec.AllowedMentions); diff != "" {
				t.Errorf("allowed mentions recorded (-want +got):\n%s", diff)
			}
			if !slices.Equal(rec.Mentions, tc.wantMentions) || rec.MentionEveryone != tc.wantEveryone {
				t.Errorf("mentions %v everyone %v, want %v %v", rec.Mentions, rec.MentionEveryone, tc.wantMentions, tc.wantEveryone)
			}
			if len(m.Mentions) != len(tc.wantMentions) || m.MentionEveryone != tc.wantEveryone {
				t.Errorf("answer mentions %v everyone %v", m.Mentions, m.MentionEveryone)
			}
		})
	}
	_, err := session.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: "x",
		AllowedMentions: &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{"users"}, Users: []string{userID}}})
	if status, code, errs := restError(t, err); status != 400 || code != 50035 || errorAt(errs, "allowed_mentions") == "" {
		t.Errorf("parse and users together: %d %d %v", status, code, errs)
	}
}

func TestValidation(t *testing.T) {
	s, session := newSession(t)
	ch := s.NewID()
	row := func(n int) discordgo.ActionsRow {
		var r discordgo.ActionsRow
		for i := range n {
			r.Components = append(r.Components, discordgo.Button{Label: "b", CustomID: "b" + strings.Repeat("x", i)})
		}
		return r
	}
	embeds := func(n int) []*discordgo.MessageEmbed {
		var out []*discordgo.MessageEmbed
		for range n {
			out = append(out, &discordgo.MessageEmbed{Title: "t"})
		}
		return out
	}
	for _, tc := range []struct {
		name     string
		msg      discordgo.MessageSend
		wantCode int    // 0 for success
		wantPath string // where Discord reports the error
	}{
		{"2000 characters", discordgo.MessageSend{Content: strings.Repeat("é", 2000)}, 0, ""},
		{"2001 characters", discordgo.MessageSend{Content: strings.Repeat("a", 2001)}, 50035, "content"},
		{"10 embeds", discordgo.MessageSend{Embeds: embeds(10)}, 0, ""},
		{"11 embeds", discordgo.MessageSend{Embeds: embeds(11)}, 50035, "embeds"},
		{"embed title", discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Title: strings.Repeat("t", 257)}}}, 50035, "embeds.0.title"},
		{"embed description", discordgo.MessageSend{Embeds: []*discordgo.MessageEmbed{{Description: strings.Repeat("d", 4097)}}}, 50035, "embeds.0.description"},
		{"6 rows", discordgo.MessageSend{Components: []discordgo.MessageComponent{row(1), row(1), row(1), row(1), row(1), row(1)}}, 50035, "components"},
		{"6 buttons", discordgo.MessageSend{Components: []discordgo.MessageComponent{row(6)}}, 50035, "components.0.components"},
		{"custom_id of 101", discordgo.MessageSend{Content: "x", Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{
			discordgo.Button{Label: "b", CustomID: strings.Repeat("c", 101)}}}}}, 50035, "components.0.components.0.custom_id"},
		{"empty", discordgo.MessageSend{}, 50006, ""},
		{"blank", discordgo.MessageSend{Content: "  \n"}, 50006, ""},
		{"components only", discordgo.MessageSend{Components: []discordgo.MessageComponent{row(5)}}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := session.ChannelMessageSendComplex(ch, &tc.msg)
			if tc.wantCode == 0 {
				if err != nil {
					t.Fatalf("got %v, want success", err)
				}
				return
			}
			status, code, errs := restError(t, err)
			if status != http.StatusBadRequest || code != tc.wantCode {
				t.Errorf("got %d code %d, want 400 code %d", status, code, tc.wantCode)
			}
			if tc.wantPath != "" && errorAt(errs, tc.wantPath) == "" {
				t.Errorf("no error at %s in %v", tc.wantPath, errs)
			}
		})
	}
	if got := errorAt(mustErrors(t, session, ch, strings.Repeat("a", 2001)), "content"); got != "BASE_TYPE_MAX_LENGTH" {
		t.Errorf("2001 characters: error code %q, want BASE_TYPE_MAX_LENGTH", got)
	}
	if n := len(s.Messages()); n != 3 {
		t.Errorf("got %d messages recorded, want the 3 accepted", n)
	}
}

func mustErrors(t *testing.T, session *discordgo.Session, ch, content string) map[string]any {
	t.Helper()
	_, err := session.ChannelMessageSend(ch, content)
	_, _, errs := restError(t, err)
	return errs
}

func TestInteractionDeferEditFollowup(t *testing.T) {
	s, session := newSession(t)
	ch := s.TextChannel("questions")
	ic := s.SlashCommand(ch, userID, "coach", map[string]string{"question": "Comment progresser ?"}, true)
	if ic.Type != discordgo.InteractionApplicationCommand || ic.GuildID != s.GuildID() || ic.Member == nil || ic.Member.User.ID != userID || ic.AppID != s.AppID() {
		t.Fatalf("interaction: %+v", ic.Interaction)
	}
	if got := ic.ApplicationCommandData().Options[0].StringValue(); got != "Comment progresser ?" {
		t.Errorf("option: %q", got)
	}
	err := session.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{
		Type: discordgo.InteractionResponseDeferredChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Flags: discordgo.MessageFlagsEphemeral},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Messages()) != 0 {
		t.Errorf("a deferred response wrote %v", s.Messages())
	}
	loading, err := session.InteractionResponse(ic.Interaction)
	if err != nil || loading.Flags&discordgo.MessageFlagsLoading == 0 {
		t.Errorf("@original while deferred: %+v, %v", loading, err)
	}
	original, err := session.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: ptr("Travaille ton revers.")})
	if err != nil {
		t.Fatal(err)
	}
	if original.Content != "Travaille ton revers." || original.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("edited original: %q flags %d", original.Content, original.Flags)
	}
	follow, err := session.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{Content: "Autre chose ?"})
	if err != nil {
		t.Fatal(err)
	}
	if follow.ID <= original.ID || follow.Content != "Autre chose ?" || follow.WebhookID != s.AppID() {
		t.Errorf("follow-up: %+v", follow)
	}

	cbs := s.Callbacks()
	if len(cbs) != 1 || cbs[0].InteractionID != ic.ID || cbs[0].Type != discordgo.InteractionResponseDeferredChannelMessageWithSource ||
		cbs[0].Flags != discordgo.MessageFlagsEphemeral || cbs[0].At.IsZero() {
		t.Errorf("callbacks: %+v", cbs)
	}
	got := s.Messages()
	want := []discordtest.Message{
		{ChannelID: ch, ID: original.ID, Content: "Travaille ton revers.", Flags: discordgo.MessageFlagsEphemeral, Via: discordtest.ViaOriginal, InteractionID: ic.ID},
		{ChannelID: ch, ID: follow.ID, Content: "Autre chose ?", Via: discordtest.ViaFollowup, InteractionID: ic.ID},
	}
	if diff := cmp.Diff(want, got, cmpMessage); diff != "" {
		t.Errorf("messages (-want +got):\n%s", diff)
	}
	if un := s.Unacknowledged(); len(un) != 0 {
		t.Errorf("unacknowledged: %v", un)
	}
}

var cmpMessage = cmp.FilterPath(func(p cmp.Path) bool { return p.Last().String() == ".At" }, cmp.Ignore())

func TestFirstFollowupFillsDeferredResponse(t *testing.T) {
	s, session := newSession(t)
	ic := s.SlashCommand("", userID, "bilan", nil, false)
	if ic.GuildID != "" || ic.User == nil || ic.User.ID != userID || ic.Member != nil {
		t.Fatalf("DM interaction: %+v", ic.Interaction)
	}
	if err := session.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredChannelMessageWithSource}); err != nil {
		t.Fatal(err)
	}
	m, err := session.FollowupMessageCreate(ic.Interaction, false, &discordgo.WebhookParams{Content: "Voici ton bilan", Flags: discordgo.MessageFlagsEphemeral})
	if err != nil || m != nil {
		t.Fatalf("follow-up without wait: %v, %v", m, err)
	}
	orig, err := session.InteractionResponse(ic.Interaction)
	if err != nil {
		t.Fatal(err)
	}
	if orig.Content != "Voici ton bilan" || orig.Flags != 0 {
		t.Errorf("original after the first follow-up: %q flags %d (the defer was not ephemeral)", orig.Content, orig.Flags)
	}
	if got := s.Messages(); len(got) != 1 || got[0].ID != orig.ID || got[0].Via != discordtest.ViaFollowup || got[0].Edit {
		t.Errorf("messages: %+v", got)
	}
}

func TestInteractionErrors(t *testing.T) {
	s, session := newSession(t)
	ch := s.NewID()
	reply := &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource, Data: &discordgo.InteractionResponseData{Content: "ok"}}

	t.Run("second callback", func(t *testing.T) {
		ic := s.SlashCommand(ch, userID, "coach", nil, true)
		if err := session.InteractionRespond(ic.Interaction, reply); err != nil {
			t.Fatal(err)
		}
		err := session.InteractionRespond(ic.Interaction, reply)
		if status, code, _ := restError(t, err); status != 400 || code != 40060 {
			t.Errorf("got %d code %d, want 400 code 40060", status, code)
		}
	})
	t.Run("callback after the deadline", func(t *testing.T) {
		s.AckDeadline = 50 * time.Millisecond
		defer func() { s.AckDeadline = discordtest.DefaultAckDeadline }()
		ic := s.SlashCommand(ch, userID, "coach", nil, true)
		time.Sleep(80 * time.Millisecond)
		err := session.InteractionRespond(ic.Interaction, reply)
		if status, code, _ := restError(t, err); status != 404 || code != 10062 {
			t.Errorf("got %d code %d, want 404 code 10062", status, code)
		}
		if !slices.Contains(s.Unacknowledged(), ic.ID) {
			t.Errorf("Unacknowledged lacks %s", ic.ID)
		}
	})
	t.Run("edit before acknowledging", func(t *testing.T) {
		ic := s.SlashCommand(ch, userID, "coach", nil, true)
		_, err := session.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: ptr("x")})
		if status, code, _ := restError(t, err); status != 404 || code != 10015 {
			t.Errorf("got %d code %d, want 404 code 10015", status, code)
		}
	})
	t.Run("edit after the token's lifetime", func(t *testing.T) {
		s.TokenLifetime = 50 * time.Millisecond
		defer func() { s.TokenLifetime = discordtest.DefaultTokenLifetime }()
		ic := s.SlashCommand(ch, userID, "coach", nil, true)
		if err := session.InteractionRespond(ic.Interaction, reply); err != nil {
			t.Fatal(err)
		}
		time.Sleep(80 * time.Millisecond)
		_, err := session.InteractionResponseEdit(ic.Interaction, &discordgo.WebhookEdit{Content: ptr("x")})
		if status, code, _ := restError(t, err); status != 404 || code != 10015 {
			t.Errorf("got %d code %d, want 404 code 10015", status, code)
		}
	})
	t.Run("content too long in a callback", func(t *testing.T) {
		ic := s.SlashCommand(ch, userID, "coach", nil, true)
		err := session.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
			Data: &discordgo.InteractionResponseData{Content: strings.Repeat("a", 2001)}})
		status, code, errs := restError(t, err)
		if status != 400 || code != 50035 || errorAt(errs, "data.content") != "BASE_TYPE_MAX_LENGTH" {
			t.Errorf("got %d code %d %v", status, code, errs)
		}
	})
	t.Run("update of a slash command", func(t *testing.T) {
		ic := s.SlashCommand(ch, userID, "coach", nil, true)
		err := session.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate})
		if status, code, _ := restError(t, err); status != 400 || code != 50035 {
			t.Errorf("got %d code %d, want 400 code 50035", status, code)
		}
	})
}

func TestComponentsAndModal(t *testing.T) {
	s, session := newSession(t)
	ch := s.TextChannel("séances")
	msg, err := session.ChannelMessageSendComplex(ch, &discordgo.MessageSend{
		Content: "Tu viens lundi ?",
		Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.Button{Label: "Oui", CustomID: "yes"},
				discordgo.Button{Label: "Avis", CustomID: "feedback", Style: discordgo.SecondaryButton},
			}},
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{
				discordgo.SelectMenu{CustomID: "niveau", Options: []discordgo.SelectMenuOption{{Label: "Débutant", Value: "debutant"}, {Label: "Confirmé", Value: "confirme"}}},
			}},
		},
	})
	if err != nil {
		t.Fatal(err)
	}

	pick := s.SelectMenu(ch, userID, "niveau", msg.ID, []string{"confirme"})
	if d := pick.MessageComponentData(); !slices.Equal(d.Values, []string{"confirme"}) || d.ComponentType != discordgo.SelectMenuComponent {
		t.Errorf("select data: %+v", d)
	}

	open := s.Component(ch, userID, "feedback", msg.ID)
	err = session.InteractionRespond(open.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseModal,
		Data: &discordgo.InteractionResponseData{CustomID: "avis", Title: "Ton avis", Components: []discordgo.MessageComponent{
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "note", Label: "Note", Style: discordgo.TextInputShort, Required: true}}},
			discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.TextInput{CustomID: "commentaire", Label: "Commentaire", Style: discordgo.TextInputParagraph}}},
		}}})
	if err != nil {
		t.Fatal(err)
	}
	if cb := s.Callbacks(); cb[len(cb)-1].CustomID != "avis" || cb[len(cb)-1].Title != "Ton avis" {
		t.Errorf("modal callback: %+v", cb[len(cb)-1])
	}
	submit := s.ModalSubmit(ch, userID, "avis", map[string]string{"note": "5"})
	data := submit.ModalSubmitData()
	if data.CustomID != "avis" || len(data.Components) != 2 {
		t.Fatalf("modal data: %+v", data)
	}
	if in := data.Components[0].(*discordgo.ActionsRow).Components[0].(*discordgo.TextInput); in.CustomID != "note" || in.Value != "5" {
		t.Errorf("first input: %+v", in)
	}
	if submit.Message == nil || submit.Message.ID != msg.ID {
		t.Errorf("a modal opened from a button carries its message: %+v", submit.Message)
	}
	if err := session.InteractionRespond(submit.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseDeferredMessageUpdate}); err != nil {
		t.Errorf("deferred update of the modal's message: %v", err)
	}

	click := s.Component(ch, userID, "yes", msg.ID, "1187400000000000777")
	if d := click.MessageComponentData(); d.CustomID != "yes" || d.ComponentType != discordgo.ButtonComponent {
		t.Errorf("component data: %+v", d)
	}
	if click.Message == nil || click.Message.ID != msg.ID || len(click.Message.Components) != 2 || !slices.Equal(click.Member.Roles, []string{"1187400000000000777"}) {
		t.Errorf("component interaction: message %+v, member %+v", click.Message, click.Member)
	}
	err = session.InteractionRespond(click.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseUpdateMessage,
		Data: &discordgo.InteractionResponseData{Content: "C'est noté !", Components: []discordgo.MessageComponent{}}})
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := s.Message(msg.ID); m.Content != "C'est noté !" || string(m.Components) != "[]" || !m.Edit || m.Via != discordtest.ViaCallback {
		t.Errorf("updated message: %+v", m)
	}
}

func TestSlashCommandOptionsFollowRegisteredCommand(t *testing.T) {
	s, session := newSession(t)
	_, err := session.ApplicationCommandBulkOverwrite(s.AppID(), s.GuildID(), []*discordgo.ApplicationCommand{{
		Name: "seance", Description: "Réserver une séance",
		Options: []*discordgo.ApplicationCommandOption{
			{Name: "duree", Description: "Minutes", Type: discordgo.ApplicationCommandOptionInteger, Required: true},
			{Name: "prive", Description: "Seul", Type: discordgo.ApplicationCommandOptionBoolean},
			{Name: "eleve", Description: "Élève", Type: discordgo.ApplicationCommandOptionUser},
		},
	}})
	if err != nil {
		t.Fatal(err)
	}
	ic := s.SlashCommand(s.NewID(), userID, "seance", map[string]string{"eleve": userID, "prive": "true", "duree": "45"}, true)
	d := ic.ApplicationCommandData()
	if d.ID != s.Commands(s.GuildID())[0].ID || len(d.Options) != 3 {
		t.Fatalf("data: %+v", d)
	}
	if d.Options[0].Name != "duree" || d.Options[0].IntValue() != 45 || !d.Options[1].BoolValue() || d.Options[2].UserValue(nil).ID != userID {
		t.Errorf("options: %+v %+v %+v", d.Options[0], d.Options[1], d.Options[2])
	}
}

func TestMessageEvents(t *testing.T) {
	s, session := newSession(t)
	ch := s.NewID()
	s.SetUser(userID, "marie", "1187400000000000777")
	m := s.UserMessage(ch, userID, "une question", true)
	if !strings.HasPrefix(m.Content, "<@"+s.BotUserID()+"> ") || len(m.Mentions) != 1 || m.Mentions[0].ID != s.BotUserID() {
		t.Errorf("mention of the bot: %q %+v", m.Content, m.Mentions)
	}
	if m.GuildID != s.GuildID() || m.Member == nil || !slices.Equal(m.Member.Roles, []string{"1187400000000000777"}) || m.Author.Username != "marie" {
		t.Errorf("guild message: %+v", m.Message)
	}
	reply, err := session.ChannelMessageSendReply(ch, "Réponse", m.Reference())
	if err != nil {
		t.Fatal(err)
	}
	if reply.Type != discordgo.MessageTypeReply || reply.ReferencedMessage == nil || reply.ReferencedMessage.ID != m.ID {
		t.Errorf("reply: %+v", reply)
	}
	if rec, _ := s.Message(reply.ID); !slices.Equal(rec.Mentions, []string{userID}) || rec.Reference == nil {
		t.Errorf("a reply mentions its author: %+v", rec)
	}
	_, err = session.ChannelMessageSendReply(ch, "x", &discordgo.MessageReference{MessageID: s.NewID()})
	if status, code, errs := restError(t, err); status != 400 || code != 50035 || errorAt(errs, "message_reference") == "" {
		t.Errorf("reply to an unknown message: %d %d %v", status, code, errs)
	}

	dm := s.DMMessage("", userID, "salut")
	if dm.GuildID != "" || dm.Member != nil {
		t.Errorf("DM: %+v", dm.Message)
	}
	c, err := session.Channel(dm.ChannelID)
	if err != nil || c.Type != discordgo.ChannelTypeDM {
		t.Errorf("DM channel: %+v, %v", c, err)
	}
	if opened, err := session.UserChannelCreate(userID); err != nil || opened.ID != dm.ChannelID {
		t.Errorf("UserChannelCreate: %+v, %v; want the DM channel %s", opened, err, dm.ChannelID)
	}

	thread := s.ThreadMessage(s.NewID(), ch, userID, "dans le fil", false)
	if thread.GuildID != s.GuildID() || len(thread.Mentions) != 0 {
		t.Errorf("thread message: %+v", thread.Message)
	}
	if th, err := session.Channel(thread.ChannelID); err != nil || th.ParentID != ch || th.Type != discordgo.ChannelTypeGuildPublicThread {
		t.Errorf("thread: %+v, %v", th, err)
	}
}

func TestThreads(t *testing.T) {
	s, session := newSession(t)
	ch := s.TextChannel("questions")
	m := s.UserMessage(ch, userID, "Comment servir ?", true)
	th, err := session.MessageThreadStart(ch, m.ID, "Service", 1440)
	if err != nil {
		t.Fatal(err)
	}
	if th.Type != discordgo.ChannelTypeGuildPublicThread || th.ID != m.ID || th.ParentID != ch || th.GuildID != s.GuildID() || th.Name != "Service" {
		t.Errorf("thread: %+v", th)
	}
	_, err = session.MessageThreadStart(ch, m.ID, "Encore", 1440)
	if status, code, _ := restError(t, err); status != 400 || code != 160004 {
		t.Errorf("second thread from a message: %d %d", status, code)
	}
	if _, err := session.ChannelMessageSend(th.ID, "Voici comment."); err != nil {
		t.Fatal(err)
	}
	if got := s.MessagesIn(th.ID); len(got) != 1 || got[0].Content != "Voici comment." {
		t.Errorf("messages in the thread: %+v", got)
	}
	_, err = session.MessageThreadStart(ch, s.NewID(), "Perdu", 60)
	if status, code, _ := restError(t, err); status != 404 || code != 10008 {
		t.Errorf("thread from an unknown message: %d %d", status, code)
	}

	free, err := session.ThreadStart(ch, "Suivi", 0, 60)
	if err != nil {
		t.Fatal(err)
	}
	if free.Type != discordgo.ChannelTypeGuildPrivateThread || free.ID == m.ID || free.ParentID != ch {
		t.Errorf("thread without a message: %+v", free)
	}
	want := []discordtest.Thread{
		{ID: m.ID, ParentID: ch, MessageID: m.ID, Name: "Service", Type: discordgo.ChannelTypeGuildPublicThread, AutoArchiveDuration: 1440},
		{ID: free.ID, ParentID: ch, Name: "Suivi", Type: discordgo.ChannelTypeGuildPrivateThread, AutoArchiveDuration: 60},
	}
	if diff := cmp.Diff(want, s.Threads(), cmpMessage); diff != "" {
		t.Errorf("threads (-want +got):\n%s", diff)
	}
}

func TestDMChannel(t *testing.T) {
	s, session := newSession(t)
	c, err := session.UserChannelCreate(userID)
	if err != nil {
		t.Fatal(err)
	}
	if c.Type != discordgo.ChannelTypeDM || len(c.Recipients) != 1 || c.Recipients[0].ID != userID {
		t.Errorf("channel: %+v", c)
	}
	again, err := session.UserChannelCreate(userID)
	if err != nil || again.ID != c.ID {
		t.Errorf("second opening: %+v, %v; want the same channel", again, err)
	}
	if _, err := session.ChannelMessageSend(c.ID, "Rappel : séance demain"); err != nil {
		t.Fatal(err)
	}
	if dms := s.DMs(); len(dms) != 2 || dms[0].ChannelID != c.ID || dms[0].UserID != userID {
		t.Errorf("DMs: %+v", dms)
	}

	const closed = "1187500000000000002"
	s.CloseDMs(closed)
	cc, err := session.UserChannelCreate(closed)
	if err != nil {
		t.Fatal(err)
	}
	_, err = session.ChannelMessageSend(cc.ID, "x")
	if status, code, _ := restError(t, err); status != 403 || code != 50007 {
		t.Errorf("DM to a user who closed them: %d %d", status, code)
	}
	s.Fail("POST /users/@me/channels", 1, http.StatusInternalServerError)
	_, err = session.UserChannelCreate("1187500000000000003")
	if status, _, _ := restError(t, err); status != 500 {
		t.Errorf("injected failure: %d", status)
	}
}

func TestBulkOverwriteGuildCommands(t *testing.T) {
	s, session := newSession(t)
	cmds := []*discordgo.ApplicationCommand{
		{Name: "coach", Description: "Poser une question"},
		{Name: "seance", Description: "Réserver", Options: []*discordgo.ApplicationCommandOption{
			{Name: "jour", Description: "Le jour", Type: discordgo.ApplicationCommandOptionString, Required: true}}},
	}
	got, err := session.ApplicationCommandBulkOverwrite(s.AppID(), s.GuildID(), cmds)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].ID == "" || got[0].ApplicationID != s.AppID() || got[0].GuildID != s.GuildID() || got[0].Version == "" ||
		got[1].Options[0].Name != "jour" || got[0].Type != discordgo.ChatApplicationCommand {
		t.Fatalf("answer: %+v", got)
	}
	again, err := session.ApplicationCommandBulkOverwrite(s.AppID(), s.GuildID(), append(cmds[1:], &discordgo.ApplicationCommand{Name: "bilan", Description: "Ton bilan"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 2 || again[0].ID != got[1].ID || again[1].ID == got[0].ID {
		t.Errorf("a command keeps its id across overwrites: %+v", again)
	}
	listed, err := session.ApplicationCommands(s.AppID(), s.GuildID())
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(again, listed); diff != "" {
		t.Errorf("GET after PUT (-put +get):\n%s", diff)
	}
	if diff := cmp.Diff(again, s.Commands(s.GuildID())); diff != "" {
		t.Errorf("Commands (-put +recorded):\n%s", diff)
	}
	if len(s.Commands("")) != 0 {
		t.Errorf("global commands: %+v", s.Commands(""))
	}
	_, err = session.ApplicationCommandBulkOverwrite(s.AppID(), s.GuildID(), []*discordgo.ApplicationCommand{{Name: "Coach", Description: ""}})
	if status, code, errs := restError(t, err); status != 400 || code != 50035 || errorAt(errs, "0.name") == "" || errorAt(errs, "0.description") == "" {
		t.Errorf("invalid command: %d %d %v", status, code, errs)
	}
}

func TestRateLimitIsWaitedOut(t *testing.T) {
	for _, tc := range []struct {
		name   string
		global bool
	}{{"bucket", false}, {"global", true}} {
		t.Run(tc.name, func(t *testing.T) {
			s, session := newSession(t)
			ch := s.NewID()
			retry := 300 * time.Millisecond
			s.RateLimit("POST /channels/{id}/messages", 1, retry, tc.global)
			start := time.Now()
			m, err := session.ChannelMessageSend(ch, "patience")
			elapsed := time.Since(start)
			if err != nil {
				t.Fatal(err)
			}
			if m.Content != "patience" || elapsed < retry {
				t.Errorf("got %q after %v, want success after at least %v", m.Content, elapsed, retry)
			}
			reqs := s.Requests("POST /channels/" + ch + "/messages")
			var statuses []int
			for _, r := range reqs {
				statuses = append(statuses, r.Status)
			}
			if !slices.Equal(statuses, []int{429, 200}) {
				t.Errorf("statuses %v, want [429 200]", statuses)
			}
			if len(s.Messages()) != 1 {
				t.Errorf("got %d messages, want 1", len(s.Messages()))
			}
		})
	}
}

func TestRateLimitAnswer(t *testing.T) {
	s := discordtest.New(t)
	s.RateLimit("GET /users/@me", 1, 1500*time.Millisecond, false)
	get := func() *http.Response {
		req, _ := http.NewRequest(http.MethodGet, discordgo.EndpointUser("@me"), nil)
		req.Header.Set("Authorization", "Bot "+s.Token())
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	resp := get()
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	h := resp.Header
	if resp.StatusCode != 429 || h.Get("Retry-After") != "2" || h.Get("X-RateLimit-Remaining") != "0" || h.Get("X-RateLimit-Scope") != "user" ||
		h.Get("X-RateLimit-Reset-After") != "1.500" || h.Get("X-RateLimit-Bucket") == "" {
		t.Errorf("429: %d %v", resp.StatusCode, h)
	}
	var rl struct {
		Message    string  `json:"message"`
		RetryAfter float64 `json:"retry_after"`
		Global     *bool   `json:"global"`
	}
	if err := json.Unmarshal(body, &rl); err != nil || rl.Message != "You are being rate limited." || rl.RetryAfter != 1.5 || rl.Global == nil || *rl.Global {
		t.Errorf("429 body: %s", body)
	}
	resp = get()
	resp.Body.Close()
	for _, k := range []string{"X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset", "X-RateLimit-Reset-After", "X-RateLimit-Bucket"} {
		if resp.Header.Get(k) == "" {
			t.Errorf("a success lacks %s", k)
		}
	}
	if resp.StatusCode != 200 {
		t.Errorf("after the limit: %d", resp.StatusCode)
	}
}

func TestFailuresAndDelay(t *testing.T) {
	s, session := newSession(t)
	ch := s.NewID()
	s.Fail("POST /channels/{id}/messages", 1, http.StatusBadGateway)
	if _, err := session.ChannelMessageSend(ch, "retenté"); err != nil {
		t.Errorf("discordgo retries a 502: %v", err)
	}
	s.Fail("POST /channels/{id}/messages", 1, http.StatusInternalServerError)
	_, err := session.ChannelMessageSend(ch, "perdu")
	if status, _, _ := restError(t, err); status != 500 {
		t.Errorf("500: got %d", status)
	}

	s.Delay("GET /users/@me", 300*time.Millisecond)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := session.User("@me", discordgo.WithContext(ctx)); err == nil || time.Since(start) > 250*time.Millisecond {
		t.Errorf("delayed request with a 50 ms deadline: %v after %v", err, time.Since(start))
	}
	s.Delay("GET /users/@me", 0)
	me, err := session.User("@me")
	if err != nil || me.ID != s.BotUserID() || !me.Bot {
		t.Errorf("GET /users/@me: %+v, %v", me, err)
	}
	if gw, err := session.GatewayBot(); err != nil || gw.Shards != 1 || !strings.HasPrefix(gw.URL, "ws://127.0.0.1:") {
		t.Errorf("GET /gateway/bot: %+v, %v", gw, err)
	}
	// Open must fail at once on the machine, never dialling Discord's gateway.
	start = time.Now()
	if err := session.Open(); err == nil {
		session.Close()
		t.Error("Open succeeded without a gateway")
	} else if time.Since(start) > 2*time.Second || len(s.Requests("GET /gateway")) != 1 {
		t.Errorf("Open: %v after %v, %d GET /gateway", err, time.Since(start), len(s.Requests("GET /gateway")))
	}
}

func TestMultipartFollowupWithFile(t *testing.T) {
	s, session := newSession(t)
	ch := s.NewID()
	ic := s.SlashCommand(ch, userID, "programme", nil, true)
	if err := session.InteractionRespond(ic.Interaction, &discordgo.InteractionResponse{Type: discordgo.InteractionResponseChannelMessageWithSource,
		Data: &discordgo.InteractionResponseData{Content: "Je prépare ton programme."}}); err != nil {
		t.Fatal(err)
	}
	m, err := session.FollowupMessageCreate(ic.Interaction, true, &discordgo.WebhookParams{
		Content: "Le voici",
		Flags:   discordgo.MessageFlagsEphemeral,
		Files:   []*discordgo.File{{Name: "programme.txt", ContentType: "text/plain", Reader: strings.NewReader("Lundi : fond de court")}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Attachments) != 1 || m.Attachments[0].Filename != "programme.txt" || m.Attachments[0].Size != len("Lundi : fond de court") {
		t.Fatalf("attachments: %+v", m.Attachments)
	}
	got := s.Messages()
	last := got[len(got)-1]
	want := []discordtest.File{{Name: "programme.txt", ContentType: "text/plain", Data: []byte("Lundi : fond de court")}}
	if diff := cmp.Diff(want, last.Files); diff != "" || last.Via != discordtest.ViaFollowup || last.Flags != discordgo.MessageFlagsEphemeral {
		t.Errorf("recorded follow-up %+v; files (-want +got):\n%s", last, diff)
	}
	resp, err := s.Client().Get(m.Attachments[0].URL)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(data) != "Lundi : fond de court" {
		t.Errorf("CDN: %q", data)
	}
}

func TestServerBoundaries(t *testing.T) {
	s := discordtest.New(t)
	if _, err := s.Client().Get("https://example.com/"); err == nil || !strings.Contains(err.Error(), "refusing") {
		t.Errorf("a request to another host: %v", err)
	}
	wrong, _ := discordgo.New("Bot not-the-token")
	wrong.Client = s.Client()
	if _, err := wrong.User("@me"); err == nil {
		t.Error("a wrong token was accepted")
	} else if status, _, _ := restError(t, err); status != 401 {
		t.Errorf("wrong token: %d", status)
	}
	for _, tc := range []struct {
		method, path string
		want         int
	}{
		{http.MethodGet, "/api/v10/users/@me", 200},
		{http.MethodGet, "/api/v8/users/@me", 400},
		{http.MethodGet, "/api/v9/nowhere", 404},
		{http.MethodDelete, "/api/v9/users/@me", 405},
		{http.MethodPost, "/api/v9/channels/general/messages", 400},
	} {
		req, _ := http.NewRequest(tc.method, "https://discord.com"+tc.path, strings.NewReader(`{"content":"x"}`))
		req.Header.Set("Authorization", "Bot "+s.Token())
		req.Header.Set("Content-Type", "application/json")
		resp, err := s.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tc.want {
			t.Errorf("%s %s: %d, want %d", tc.method, tc.path, resp.StatusCode, tc.want)
		}
	}
}

func TestConcurrentSendsAndWait(t *testing.T) {
	s, session := newSession(t)
	const n = 20
	var wg sync.WaitGroup
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ch := "11875000000000001" + string(rune('0'+i%10)) + "0"
			if _, err := session.ChannelMessageSend(ch, "message"); err != nil {
				t.Error(err)
			}
		}()
	}
	s.Wait(t, 5*time.Second, "20 messages", func() bool { return len(s.Messages()) == n })
	wg.Wait()
	got := s.Messages()
	for i := 1; i < len(got); i++ {
		if len(got[i].ID) < len(got[i-1].ID) || got[i].ID <= got[i-1].ID {
			t.Errorf("ids not increasing: %s then %s", got[i-1].ID, got[i].ID)
		}
	}
}

// recordingTB keeps the errors that the server reports to its test.
type recordingTB struct {
	*testing.T
	mu   sync.Mutex
	errs []string
}

func (r *recordingTB) Errorf(format string, args ...any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func TestBuildersReportImpossibleEvents(t *testing.T) {
	rec := &recordingTB{T: t}
	s := discordtest.New(rec)
	session, _ := discordgo.New("Bot " + s.Token())
	session.Client = s.Client()
	ch := s.NewID()
	msg, err := session.ChannelMessageSendComplex(ch, &discordgo.MessageSend{Content: "Choisis",
		Components: []discordgo.MessageComponent{discordgo.ActionsRow{Components: []discordgo.MessageComponent{discordgo.Button{Label: "A", CustomID: "a"}}}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := session.ApplicationCommandBulkOverwrite(s.AppID(), s.GuildID(), []*discordgo.ApplicationCommand{{Name: "coach", Description: "Question"},
		{Name: "seance", Description: "Réserver", Options: []*discordgo.ApplicationCommandOption{
			{Name: "jour", Description: "Jour", Type: discordgo.ApplicationCommandOptionString, Required: true, MaxLength: 5}}}}); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name  string
		build func()
		want  string
	}{
		{"button the message lacks", func() { s.Component(ch, userID, "b", msg.ID) }, `no component with custom_id "b"`},
		{"select on a button", func() { s.SelectMenu(ch, userID, "a", msg.ID, []string{"x"}) }, "not a select menu"},
		{"id that is no snowflake", func() { s.UserMessage("general", userID, "x", false) }, "not a snowflake"},
		{"undeclared option", func() { s.SlashCommand(ch, userID, "coach", map[string]string{"niveau": "1"}, true) }, `declares no option "niveau"`},
		{"DM channel of someone else", func() { s.DMMessage(ch, userID, "x") }, "not the DM channel"},
		{"missing required option", func() { s.SlashCommand(ch, userID, "seance", nil, true) }, `requires option "jour"`},
		{"value too long", func() { s.SlashCommand(ch, userID, "seance", map[string]string{"jour": "lundi matin"}, true) }, "at most 5 characters"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec.mu.Lock()
			rec.errs = nil
			rec.mu.Unlock()
			tc.build()
			rec.mu.Lock()
			defer rec.mu.Unlock()
			if len(rec.errs) == 0 || !strings.Contains(rec.errs[0], tc.want) {
				t.Errorf("reported %q, want an error containing %q", rec.errs, tc.want)
			}
		})
	}
}
