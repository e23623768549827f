package discordtest

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// The builders below return gateway events as discordgo decodes them from Discord's JSON:
// each is written in Discord's shape and decoded by discordgo. An interaction is registered
// on the server, so its callback, @original and follow-ups are accepted, under the
// AckDeadline and TokenLifetime in force when it was built. A user's name and roles come
// from SetUser.

// appPermissions are the bot's permissions in a channel of the guild.
const appPermissions = "2251799813685247"

// SlashCommand builds the interaction of a slash command. name may hold a subcommand
// ("coach list") or a group and a subcommand. options are the values typed; when the
// command was registered (bulk overwrite), each option takes the type it was declared
// with (integer, boolean, number, user…) and an undeclared one fails the test. With member
// the command comes from the guild's channelID, with a Member; without, from the user's DM
// channel (channelID, or a new one for ""), with a User.
func (s *Server) SlashCommand(channelID, userID, name string, options map[string]string, member bool) *discordgo.InteractionCreate {
	s.t.Helper()
	s.checkIDs("SlashCommand", userID)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.eventChannelLocked("SlashCommand", channelID, userID, member)
	parts := strings.Fields(name)
	if len(parts) == 0 {
		s.t.Errorf("discordtest: SlashCommand: empty command name")
		parts = []string{"command"}
	}
	cmd := s.commandLocked(c.guildID, parts[0])
	data := map[string]any{"id": s.newIDLocked(), "name": parts[0], "type": discordgo.ChatApplicationCommand}
	var defs []*discordgo.ApplicationCommandOption
	if cmd != nil {
		data["id"] = cmd.ID
		if cmd.GuildID != "" {
			data["guild_id"] = cmd.GuildID
		}
		defs = cmd.Options
	}
	resolved := map[string]map[string]any{}
	leaf := s.optionsLocked(cmd != nil, parts[0], defs, parts[1:], options, c.guildID, resolved)
	// Wrap the leaf options in their subcommand and group.
	opts := leaf
	for i := len(parts) - 1; i >= 1; i-- {
		typ := discordgo.ApplicationCommandOptionSubCommand
		if i < len(parts)-1 {
			typ = discordgo.ApplicationCommandOptionSubCommandGroup
		}
		opts = []map[string]any{{"name": parts[i], "type": typ, "options": opts}}
	}
	if cmd != nil && len(parts) > 1 && !hasPath(cmd.Options, parts[1:]) {
		s.t.Errorf("discordtest: SlashCommand: command %q has no subcommand %q", parts[0], strings.Join(parts[1:], " "))
	}
	if len(opts) > 0 {
		data["options"] = opts
	}
	if len(resolved) > 0 {
		data["resolved"] = resolved
	}
	it := s.newInteractionLocked(discordgo.InteractionApplicationCommand, c, userID, "")
	it.name = name
	return s.interactionEventLocked(it, data, nil, nil)
}

func hasPath(opts []*discordgo.ApplicationCommandOption, path []string) bool {
	for _, p := range path {
		i := slices.IndexFunc(opts, func(o *discordgo.ApplicationCommandOption) bool {
			return o.Name == p && (o.Type == discordgo.ApplicationCommandOptionSubCommand || o.Type == discordgo.ApplicationCommandOptionSubCommandGroup)
		})
		if i < 0 {
			return false
		}
		opts = opts[i].Options
	}
	return true
}

// optionsLocked types the options of a command after their declarations, found under the
// subcommand path when there is one.
func (s *Server) optionsLocked(declared bool, name string, defs []*discordgo.ApplicationCommandOption, path []string, values map[string]string, guild string, resolved map[string]map[string]any) []map[string]any {
	for _, p := range path {
		i := slices.IndexFunc(defs, func(o *discordgo.ApplicationCommandOption) bool { return o.Name == p })
		if i < 0 {
			declared = false // reported by the caller
			break
		}
		defs = defs[i].Options
	}
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if declared {
		order := map[string]int{}
		for i, d := range defs {
			order[d.Name] = i
		}
		sort.SliceStable(keys, func(a, b int) bool { return order[keys[a]] < order[keys[b]] })
	}
	if declared {
		for _, d := range defs {
			if _, ok := values[d.Name]; d.Required && !ok {
				s.t.Errorf("discordtest: SlashCommand: command %q requires option %q", name, d.Name)
			}
		}
	}
	var out []map[string]any
	for _, k := range keys {
		v := values[k]
		typ := discordgo.ApplicationCommandOptionString
		if declared {
			i := slices.IndexFunc(defs, func(o *discordgo.ApplicationCommandOption) bool { return o.Name == k })
			if i < 0 {
				s.t.Errorf("discordtest: SlashCommand: command %q declares no option %q", name, k)
			} else {
				typ = defs[i].Type
				s.checkOption(name, defs[i], v)
			}
		}
		opt := map[string]any{"name": k, "type": typ, "value": v}
		switch typ {
		case discordgo.ApplicationCommandOptionInteger:
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil {
				s.t.Errorf("discordtest: SlashCommand: option %q is an integer, not %q", k, v)
			}
			opt["value"] = n
		case discordgo.ApplicationCommandOptionNumber:
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				s.t.Errorf("discordtest: SlashCommand: option %q is a number, not %q", k, v)
			}
			opt["value"] = f
		case discordgo.ApplicationCommandOptionBoolean:
			b, err := strconv.ParseBool(v)
			if err != nil {
				s.t.Errorf("discordtest: SlashCommand: option %q is a boolean, not %q", k, v)
			}
			opt["value"] = b
		case discordgo.ApplicationCommandOptionUser, discordgo.ApplicationCommandOptionMentionable:
			u := s.userLocked(v)
			addResolved(resolved, "users", v, u.wire())
			if guild != "" {
				addResolved(resolved, "members", v, u.member(false, memberPermissions))
			}
		case discordgo.ApplicationCommandOptionChannel:
			addResolved(resolved, "channels", v, map[string]any{"id": v, "type": s.channelLocked(v).typ, "name": s.channelLocked(v).name, "permissions": appPermissions})
		case discordgo.ApplicationCommandOptionRole:
			addResolved(resolved, "roles", v, map[string]any{"id": v, "name": "role", "color": 0, "hoist": false, "position": 1, "permissions": "0", "managed": false, "mentionable": true})
		}
		out = append(out, opt)
	}
	return out
}

// checkOption fails the test for a value that Discord's client would not let a user send:
// out of the declared choices, length or range.
func (s *Server) checkOption(command string, d *discordgo.ApplicationCommandOption, v string) {
	s.t.Helper()
	if len(d.Choices) > 0 && !slices.ContainsFunc(d.Choices, func(c *discordgo.ApplicationCommandOptionChoice) bool { return fmt.Sprint(c.Value) == v }) {
		s.t.Errorf("discordtest: SlashCommand: %q is not a choice of option %q of %q", v, d.Name, command)
	}
	switch d.Type {
	case discordgo.ApplicationCommandOptionString:
		n := utf8.RuneCountInString(v)
		if d.MaxLength > 0 && n > d.MaxLength || d.MinLength != nil && n < *d.MinLength {
			s.t.Errorf("discordtest: SlashCommand: option %q of %q takes at most %d characters, not %d", d.Name, command, d.MaxLength, n)
		}
	case discordgo.ApplicationCommandOptionInteger, discordgo.ApplicationCommandOptionNumber:
		f, err := strconv.ParseFloat(v, 64)
		if err == nil && (d.MinValue != nil && f < *d.MinValue || d.MaxValue != 0 && f > d.MaxValue) {
			s.t.Errorf("discordtest: SlashCommand: %s is out of the range of option %q of %q", v, d.Name, command)
		}
	}
}

func addResolved(r map[string]map[string]any, kind, id string, v any) {
	if r[kind] == nil {
		r[kind] = map[string]any{}
	}
	r[kind][id] = v
}

// Component builds the interaction of a click on a button of a message. The message is the
// server's when the bot wrote it (and must then have a component with customID), or a
// message of the bot without content otherwise. roles, when given, are the member's roles
// for this click. The interaction comes from the guild unless channelID is a DM channel the
// server knows.
func (s *Server) Component(channelID, userID, customID string, messageID string, roles ...string) *discordgo.InteractionCreate {
	s.t.Helper()
	return s.component("Component", channelID, userID, customID, messageID, nil, roles)
}

// SelectMenu builds the interaction of a choice in a select menu of a message, as Component.
func (s *Server) SelectMenu(channelID, userID, customID string, messageID string, values []string, roles ...string) *discordgo.InteractionCreate {
	s.t.Helper()
	if values == nil {
		values = []string{}
	}
	return s.component("SelectMenu", channelID, userID, customID, messageID, values, roles)
}

func (s *Server) component(what, channelID, userID, customID, messageID string, values []string, roles []string) *discordgo.InteractionCreate {
	s.t.Helper()
	s.checkIDs(what, channelID, userID, messageID)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channelLocked(channelID)
	m := s.messages[messageID]
	if m == nil {
		m = &message{id: messageID, channelID: c.id, guildID: c.guildID, authorID: botID}
		s.messages[messageID] = m
	} else if m.channelID != c.id {
		s.t.Errorf("discordtest: %s: message %s is in channel %s, not %s", what, messageID, m.channelID, c.id)
	}
	typ := 2
	if values != nil {
		typ = 3
	}
	if m.lastWrite != nil {
		def, ok := findComponent(m.components, customID)
		switch {
		case !ok:
			s.t.Errorf("discordtest: %s: message %s has no component with custom_id %q", what, messageID, customID)
		case values == nil && def.Type != 2:
			s.t.Errorf("discordtest: Component: %q is a component of type %d, not a button", customID, def.Type)
		case values != nil && !isSelect(def.Type):
			s.t.Errorf("discordtest: SelectMenu: %q is a component of type %d, not a select menu", customID, def.Type)
		case values != nil:
			typ = def.Type
			checkValues(s, def, customID, values)
		}
	}
	data := map[string]any{"custom_id": customID, "component_type": typ}
	if values != nil {
		data["values"] = values
	}
	it := s.newInteractionLocked(discordgo.InteractionMessageComponent, c, userID, messageID)
	it.customID = customID
	return s.interactionEventLocked(it, data, s.renderLocked(m, false), roles)
}

type selectDef struct {
	Type      int  `json:"type"`
	MinValues *int `json:"min_values"`
	MaxValues *int `json:"max_values"`
	Options   []struct {
		Value string `json:"value"`
	} `json:"options"`
}

func checkValues(s *Server, def selectDef, customID string, values []string) {
	lo, hi := 1, 1
	if def.MinValues != nil {
		lo = *def.MinValues
	}
	if def.MaxValues != nil {
		hi = *def.MaxValues
	}
	if len(values) < lo || len(values) > hi {
		s.t.Errorf("discordtest: SelectMenu: %q takes %d to %d values, not %d", customID, lo, hi, len(values))
	}
	if def.Type != 3 {
		return
	}
	for _, v := range values {
		if !slices.ContainsFunc(def.Options, func(o struct {
			Value string `json:"value"`
		}) bool {
			return o.Value == v
		}) {
			s.t.Errorf("discordtest: SelectMenu: %q has no option %q", customID, v)
		}
	}
}

// findComponent looks for the component with a custom_id anywhere in a components array.
func findComponent(raw json.RawMessage, customID string) (selectDef, bool) {
	var items []json.RawMessage
	if json.Unmarshal(raw, &items) != nil {
		return selectDef{}, false
	}
	for _, item := range items {
		var c struct {
			CustomID   string          `json:"custom_id"`
			Components json.RawMessage `json:"components"`
			Accessory  json.RawMessage `json:"accessory"`
		}
		if json.Unmarshal(item, &c) != nil {
			continue
		}
		if c.CustomID == customID {
			var d selectDef
			_ = json.Unmarshal(item, &d)
			return d, true
		}
		if d, ok := findComponent(c.Components, customID); ok {
			return d, true
		}
		if len(c.Accessory) > 0 {
			if d, ok := findComponent(json.RawMessage("["+string(c.Accessory)+"]"), customID); ok {
				return d, true
			}
		}
	}
	return selectDef{}, false
}

// ModalSubmit builds the interaction of a submitted modal. When the bot showed a modal with
// customID (a MODAL callback), fields must be its text inputs, every input comes along
// (empty when not in fields), and a modal opened from a button carries the button's
// message, so that the update callbacks (6, 7) apply to it.
func (s *Server) ModalSubmit(channelID, userID, customID string, fields map[string]string) *discordgo.InteractionCreate {
	s.t.Helper()
	s.checkIDs("ModalSubmit", channelID, userID)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channelLocked(channelID)
	var shown *interaction
	for _, it := range s.interactions {
		if it.modalID == customID && it.userID == userID && (shown == nil || compareIDs(it.id, shown.id) > 0) {
			shown = it
		}
	}
	var ids []string
	messageID := ""
	if shown != nil {
		var required []string
		var rows []struct {
			Components []struct {
				CustomID string `json:"custom_id"`
				Required *bool  `json:"required"`
			} `json:"components"`
		}
		_ = json.Unmarshal(shown.modalInputs, &rows)
		for _, r := range rows {
			for _, in := range r.Components {
				ids = append(ids, in.CustomID)
				if in.Required == nil || *in.Required {
					required = append(required, in.CustomID)
				}
			}
		}
		for k := range fields {
			if !slices.Contains(ids, k) {
				s.t.Errorf("discordtest: ModalSubmit: modal %q has no text input %q", customID, k)
			}
		}
		for _, k := range required {
			if fields[k] == "" {
				s.t.Errorf("discordtest: ModalSubmit: modal %q requires text input %q", customID, k)
			}
		}
		if shown.kind == discordgo.InteractionMessageComponent {
			messageID = shown.messageID
		}
	}
	for k := range fields {
		if !slices.Contains(ids, k) {
			ids = append(ids, k)
		}
	}
	if shown == nil {
		sort.Strings(ids)
	}
	rows := []map[string]any{}
	for _, id := range ids {
		rows = append(rows, map[string]any{"type": 1, "components": []map[string]any{{"type": 4, "custom_id": id, "value": fields[id]}}})
	}
	data := map[string]any{"custom_id": customID, "components": rows}
	it := s.newInteractionLocked(discordgo.InteractionModalSubmit, c, userID, messageID)
	it.customID = customID
	var msg *wireMessage
	if m := s.messages[messageID]; m != nil {
		msg = s.renderLocked(m, false)
	}
	return s.interactionEventLocked(it, data, msg, nil)
}

// Register registers an interaction built by hand, filling its id, token and application id
// when empty, and returns it as an event.
func (s *Server) Register(i *discordgo.Interaction) *discordgo.InteractionCreate {
	s.t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	if i.ID == "" {
		i.ID = s.newIDLocked()
	}
	if i.AppID == "" {
		i.AppID = botID
	}
	if i.Token == "" {
		i.Token = interactionToken(i.ID)
	}
	it := &interaction{id: i.ID, token: i.Token, kind: i.Type, channelID: i.ChannelID, guildID: i.GuildID,
		created: time.Now(), deadline: s.AckDeadline, lifetime: s.TokenLifetime}
	switch {
	case i.Member != nil && i.Member.User != nil:
		it.userID = i.Member.User.ID
	case i.User != nil:
		it.userID = i.User.ID
	}
	if i.Message != nil {
		it.messageID = i.Message.ID
		if s.messages[i.Message.ID] == nil {
			s.messages[i.Message.ID] = &message{id: i.Message.ID, channelID: i.ChannelID, guildID: i.GuildID, authorID: botID}
		}
	}
	if d, ok := i.Data.(discordgo.ApplicationCommandInteractionData); ok {
		it.name = d.Name
	}
	s.interactions[it.id] = it
	s.byToken[it.token] = it
	s.notifyLocked()
	return &discordgo.InteractionCreate{Interaction: i}
}

// UserMessage builds a message of a user in a channel of the guild. With mentionsBot, the
// content starts with the bot's mention and Mentions holds the bot.
func (s *Server) UserMessage(channelID, userID, content string, mentionsBot bool) *discordgo.MessageCreate {
	s.t.Helper()
	s.checkIDs("UserMessage", channelID, userID)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channelLocked(channelID)
	if c.typ == discordgo.ChannelTypeDM {
		s.t.Errorf("discordtest: UserMessage: channel %s is a DM channel; use DMMessage", channelID)
	}
	return s.userMessageLocked(c, userID, content, mentionsBot)
}

// DMMessage builds a message of a user in their DM channel with the bot (channelID, or the
// server's for "").
func (s *Server) DMMessage(channelID, userID, content string) *discordgo.MessageCreate {
	s.t.Helper()
	s.checkIDs("DMMessage", userID)
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.eventChannelLocked("DMMessage", channelID, userID, false)
	return s.userMessageLocked(c, userID, content, false)
}

// ThreadMessage builds a message of a user in a thread of parentID, which the server creates
// (public, as a thread the user started) when it does not know it.
func (s *Server) ThreadMessage(threadID, parentID, userID, content string, mentionsBot bool) *discordgo.MessageCreate {
	s.t.Helper()
	s.checkIDs("ThreadMessage", threadID, parentID, userID)
	s.mu.Lock()
	defer s.mu.Unlock()
	parent := s.channelLocked(parentID)
	th := s.channels[threadID]
	if th == nil {
		th = &channel{id: threadID, typ: discordgo.ChannelTypeGuildPublicThread, guildID: parent.guildID, parentID: parent.id,
			name: "thread", archive: 4320, created: snowflakeTime(threadID)}
		s.channels[threadID] = th
	} else if th.parentID != parentID {
		s.t.Errorf("discordtest: ThreadMessage: %s is not a thread of %s", threadID, parentID)
	}
	return s.userMessageLocked(th, userID, content, mentionsBot)
}

func (s *Server) userMessageLocked(c *channel, userID, content string, mentionsBot bool) *discordgo.MessageCreate {
	mention := "<@" + botID + ">"
	if mentionsBot && !strings.Contains(content, mention) && !strings.Contains(content, "<@!"+botID+">") {
		content = mention + " " + content
	}
	m := s.newMessageLocked(c, userID, 0)
	m.content = content
	s.notifyLocked()
	raw, err := json.Marshal(s.renderLocked(m, true))
	var ev discordgo.MessageCreate
	if err == nil {
		err = json.Unmarshal(raw, &ev)
	}
	if err != nil {
		s.t.Errorf("discordtest: building a message event: %v", err)
	}
	return &ev
}

// eventChannelLocked is the channel of an event: a channel of the guild for a member, the
// user's DM channel otherwise.
func (s *Server) eventChannelLocked(what, channelID, userID string, guild bool) *channel {
	if guild {
		if !isSnowflake(channelID) {
			s.t.Errorf("discordtest: %s: channel id %q is not a snowflake; use NewID or TextChannel", what, channelID)
		}
		c := s.channelLocked(channelID)
		if c.typ == discordgo.ChannelTypeDM {
			s.t.Errorf("discordtest: %s: channel %s is a DM channel, not a channel of the guild", what, channelID)
		}
		return c
	}
	if channelID != "" {
		if !isSnowflake(channelID) {
			s.t.Errorf("discordtest: %s: channel id %q is not a snowflake; use NewID or \"\"", what, channelID)
		}
		if c := s.channels[channelID]; c != nil && (c.typ != discordgo.ChannelTypeDM || c.recipient != userID) {
			s.t.Errorf("discordtest: %s: channel %s is not the DM channel of user %s", what, channelID, userID)
			channelID = "" // leave that channel as it is
		}
	}
	c := s.dmChannelLocked(userID, channelID)
	if channelID != "" && c.id != channelID {
		s.t.Errorf("discordtest: %s: user %s's DM channel is %s, not %s", what, userID, c.id, channelID)
	}
	return c
}

func (s *Server) checkIDs(what string, ids ...string) {
	s.t.Helper()
	for _, id := range ids {
		if !isSnowflake(id) {
			s.t.Errorf("discordtest: %s: id %q is not a snowflake; use NewID", what, id)
		}
	}
}

func interactionToken(id string) string {
	return "aW50ZXJhY3Rpb246" + base64.RawURLEncoding.EncodeToString([]byte(id+":"+randomString(60)))
}

func (s *Server) newInteractionLocked(kind discordgo.InteractionType, c *channel, userID, messageID string) *interaction {
	id := s.newIDLocked()
	it := &interaction{id: id, token: interactionToken(id), kind: kind, channelID: c.id, guildID: c.guildID,
		userID: userID, messageID: messageID, created: time.Now(), deadline: s.AckDeadline, lifetime: s.TokenLifetime}
	s.interactions[id] = it
	s.byToken[it.token] = it
	s.notifyLocked()
	return it
}

// interactionEventLocked writes an interaction in Discord's shape and decodes it as
// discordgo does. roles, when not nil, replace the member's roles.
func (s *Server) interactionEventLocked(it *interaction, data any, msg *wireMessage, roles []string) *discordgo.InteractionCreate {
	u := s.userLocked(it.userID)
	c := s.channelLocked(it.channelID)
	ch := s.renderChannelLocked(c)
	ch["permissions"] = appPermissions
	ev := map[string]any{
		"id": it.id, "application_id": botID, "type": it.kind, "token": it.token, "version": 1,
		"data": data, "channel_id": it.channelID, "channel": ch,
		"app_permissions": appPermissions, "locale": "fr", "entitlements": []any{}, "entitlement_sku_ids": []any{},
		"attachment_size_limit": maxUpload,
	}
	if it.guildID != "" {
		m := u.member(true, memberPermissions)
		if roles != nil {
			m.Roles = slices.Clone(roles)
		}
		ev["guild_id"], ev["member"], ev["guild_locale"] = it.guildID, m, "fr"
		ev["guild"] = map[string]any{"id": it.guildID, "locale": "fr", "features": []any{}}
		ev["context"] = discordgo.InteractionContextGuild
		ev["authorizing_integration_owners"] = map[string]string{"0": it.guildID}
	} else {
		ev["user"] = u.wire()
		ev["context"] = discordgo.InteractionContextBotDM
		ev["authorizing_integration_owners"] = map[string]string{"0": "0"}
	}
	if msg != nil {
		ev["message"] = msg
	}
	raw, err := json.Marshal(ev)
	var out discordgo.InteractionCreate
	if err == nil {
		err = json.Unmarshal(raw, &out)
	}
	if err != nil {
		s.t.Errorf("discordtest: building an interaction event: %v", err)
	}
	return &out
}
