package discordtest

import (
	"bytes"
	"encoding/json"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bwmarrin/discordgo"
)

// ---- state ----

type channel struct {
	id        string
	typ       discordgo.ChannelType
	guildID   string
	parentID  string
	name      string
	recipient string // of a DM
	fromMsg   string // the message a thread was started from
	archive   int
	created   time.Time
}

type user struct {
	id    string
	name  string
	roles []string
	bot   bool
}

type attachment struct {
	id, channelID, name, contentType string
	data                             []byte
}

type message struct {
	id, channelID, guildID string
	authorID               string
	typ                    int
	content                string
	embeds                 []discordgo.MessageEmbed
	components             json.RawMessage
	flags                  discordgo.MessageFlags
	allowed                *discordgo.MessageAllowedMentions
	ref                    *discordgo.MessageReference
	attachments            []*attachment
	edited                 time.Time
	interaction            *interaction // that made it, for an interaction response or follow-up
	threadID               string
	deleted                bool
	lastWrite              *Message
}

type interaction struct {
	id, token   string
	kind        discordgo.InteractionType
	name        string // of the command
	customID    string
	channelID   string
	guildID     string
	userID      string
	messageID   string // the message of a component, or of the component that opened a modal
	created     time.Time
	deadline    time.Duration
	lifetime    time.Duration
	acked       bool
	ackFlags    discordgo.MessageFlags
	original    string // the message @original designates
	loading     bool   // the original is a deferred response still "thinking"
	followups   []string
	modalID     string          // custom_id of the modal it answered with
	modalInputs json.RawMessage // its components
}

type command struct {
	id, name string
	typ      int
	raw      json.RawMessage // as Discord returns it
}

func (s *Server) userLocked(id string) *user {
	u := s.users[id]
	if u == nil {
		name := id
		if len(name) > 4 {
			name = name[len(name)-4:]
		}
		u = &user{id: id, name: "user" + name}
		s.users[id] = u
	}
	return u
}

// channelLocked returns a channel; a snowflake it never saw is taken for a text channel of
// the guild, so that tests may use any id (see the package's differences from Discord).
func (s *Server) channelLocked(id string) *channel {
	c := s.channels[id]
	if c == nil {
		c = &channel{id: id, typ: discordgo.ChannelTypeGuildText, guildID: guildID, name: "general", created: snowflakeTime(id)}
		s.channels[id] = c
	}
	return c
}

// dmChannelLocked returns the DM channel with a user, creating it with id ("" for a new one).
func (s *Server) dmChannelLocked(userID, id string) *channel {
	if cid, ok := s.dmByUser[userID]; ok {
		return s.channels[cid]
	}
	if id == "" {
		id = s.newIDLocked()
	}
	c := &channel{id: id, typ: discordgo.ChannelTypeDM, recipient: userID, created: time.Now()}
	s.channels[id] = c
	s.dmByUser[userID] = id
	return c
}

// ---- wire shapes ----

type wireUser struct {
	ID            string  `json:"id"`
	Username      string  `json:"username"`
	Avatar        *string `json:"avatar"`
	Discriminator string  `json:"discriminator"`
	PublicFlags   int     `json:"public_flags"`
	Flags         int     `json:"flags"`
	Bot           bool    `json:"bot,omitempty"`
	GlobalName    *string `json:"global_name"`
	Banner        *string `json:"banner"`
	AccentColor   *int    `json:"accent_color"`
}

func (u *user) wire() wireUser {
	w := wireUser{ID: u.id, Username: u.name, Discriminator: "0", Bot: u.bot}
	if u.bot {
		w.Discriminator = botDiscrim
	} else {
		g := strings.ToUpper(u.name[:1]) + u.name[1:]
		w.GlobalName = &g
	}
	return w
}

type wireMember struct {
	User                       *wireUser `json:"user,omitempty"`
	Roles                      []string  `json:"roles"`
	JoinedAt                   string    `json:"joined_at"`
	Nick                       *string   `json:"nick"`
	Avatar                     *string   `json:"avatar"`
	PremiumSince               *string   `json:"premium_since"`
	Deaf                       bool      `json:"deaf"`
	Mute                       bool      `json:"mute"`
	Flags                      int       `json:"flags"`
	Pending                    bool      `json:"pending"`
	Permissions                string    `json:"permissions,omitempty"`
	CommunicationDisabledUntil *string   `json:"communication_disabled_until"`
}

// memberPermissions are a plain member's: view channels, send messages, read history…
const memberPermissions = "2248473465835073"

func (u *user) member(withUser bool, permissions string) *wireMember {
	m := &wireMember{Roles: slices.Clone(u.roles), JoinedAt: "2024-01-15T09:30:00.000000+00:00", Permissions: permissions}
	if m.Roles == nil {
		m.Roles = []string{}
	}
	if withUser {
		w := u.wire()
		m.User = &w
	}
	return m
}

type wireAttachment struct {
	ID          string `json:"id"`
	Filename    string `json:"filename"`
	Size        int    `json:"size"`
	URL         string `json:"url"`
	ProxyURL    string `json:"proxy_url"`
	ContentType string `json:"content_type,omitempty"`
}

type wireMessage struct {
	Type                int                         `json:"type"`
	Content             string                      `json:"content"`
	Mentions            []json.RawMessage           `json:"mentions"`
	MentionRoles        []string                    `json:"mention_roles"`
	Attachments         []wireAttachment            `json:"attachments"`
	Embeds              []discordgo.MessageEmbed    `json:"embeds"`
	Timestamp           string                      `json:"timestamp"`
	EditedTimestamp     *string                     `json:"edited_timestamp"`
	Flags               discordgo.MessageFlags      `json:"flags"`
	Components          json.RawMessage             `json:"components"`
	ID                  string                      `json:"id"`
	ChannelID           string                      `json:"channel_id"`
	Author              wireUser                    `json:"author"`
	Pinned              bool                        `json:"pinned"`
	MentionEveryone     bool                        `json:"mention_everyone"`
	TTS                 bool                        `json:"tts"`
	GuildID             string                      `json:"guild_id,omitempty"` // in gateway events only
	Member              *wireMember                 `json:"member,omitempty"`   // in gateway events only
	Nonce               string                      `json:"nonce,omitempty"`
	WebhookID           string                      `json:"webhook_id,omitempty"`
	ApplicationID       string                      `json:"application_id,omitempty"`
	MessageReference    *discordgo.MessageReference `json:"message_reference,omitempty"`
	ReferencedMessage   *wireMessage                `json:"referenced_message,omitempty"`
	InteractionMetadata map[string]any              `json:"interaction_metadata,omitempty"`
	Interaction         map[string]any              `json:"interaction,omitempty"`
	Thread              map[string]any              `json:"thread,omitempty"`
	Position            *int                        `json:"position,omitempty"`
}

const timeLayout = "2006-01-02T15:04:05.000000-07:00"

func discordTime(t time.Time) string { return t.UTC().Format(timeLayout) }

var (
	userMention = regexp.MustCompile(`<@!?(\d{15,20})>`)
	roleMention = regexp.MustCompile(`<@&(\d{15,20})>`)
)

// mentionsOf works out whom a message mentions: the users, roles and @everyone of its
// content that allowed_mentions lets through, and the author of the message it replies to.
func (s *Server) mentionsOf(m *message) (users, roles []string, everyone bool) {
	am := m.allowed
	parse := func(kind string) bool {
		return am == nil || slices.Contains(am.Parse, discordgo.AllowedMentionType(kind))
	}
	for _, sub := range userMention.FindAllStringSubmatch(m.content, -1) {
		if (parse("users") || am != nil && slices.Contains(am.Users, sub[1])) && !slices.Contains(users, sub[1]) {
			users = append(users, sub[1])
		}
	}
	for _, sub := range roleMention.FindAllStringSubmatch(m.content, -1) {
		if (parse("roles") || am != nil && slices.Contains(am.Roles, sub[1])) && !slices.Contains(roles, sub[1]) {
			roles = append(roles, sub[1])
		}
	}
	everyone = parse("everyone") && (strings.Contains(m.content, "@everyone") || strings.Contains(m.content, "@here"))
	if m.ref != nil && (am == nil || am.RepliedUser) {
		if ref := s.messages[m.ref.MessageID]; ref != nil && ref.authorID != botID && !slices.Contains(users, ref.authorID) {
			users = append(users, ref.authorID)
		}
	}
	return users, roles, everyone
}

func (s *Server) renderLocked(m *message, gateway bool) *wireMessage {
	w := &wireMessage{
		Type: m.typ, Content: m.content, ID: m.id, ChannelID: m.channelID,
		Timestamp: discordTime(snowflakeTime(m.id)), Flags: m.flags,
		Author:           s.userLocked(m.authorID).wire(),
		Embeds:           m.embeds,
		Components:       m.components,
		Mentions:         []json.RawMessage{},
		MentionRoles:     []string{},
		Attachments:      []wireAttachment{},
		MessageReference: m.ref,
	}
	if w.Embeds == nil {
		w.Embeds = []discordgo.MessageEmbed{}
	}
	if w.Components == nil {
		w.Components = json.RawMessage("[]")
	}
	if !m.edited.IsZero() {
		e := discordTime(m.edited)
		w.EditedTimestamp = &e
	}
	users, roles, everyone := s.mentionsOf(m)
	for _, id := range users {
		u := s.userLocked(id)
		var b []byte
		if gateway && m.guildID != "" {
			// Gateway mentions carry the member, without its user.
			b, _ = json.Marshal(struct {
				wireUser
				Member *wireMember `json:"member"`
			}{u.wire(), u.member(false, "")})
		} else {
			b, _ = json.Marshal(u.wire())
		}
		w.Mentions = append(w.Mentions, b)
	}
	w.MentionRoles = append(w.MentionRoles, roles...)
	w.MentionEveryone = everyone
	for _, a := range m.attachments {
		u := "https://cdn.discordapp.com/attachments/" + a.channelID + "/" + a.id + "/" + a.name
		w.Attachments = append(w.Attachments, wireAttachment{ID: a.id, Filename: a.name, Size: len(a.data), URL: u,
			ProxyURL: strings.Replace(u, "cdn.discordapp.com", "media.discordapp.net", 1), ContentType: a.contentType})
	}
	if m.ref != nil {
		if ref := s.messages[m.ref.MessageID]; ref != nil && ref != m {
			w.ReferencedMessage = s.renderLocked(ref, false)
		}
	}
	if it := m.interaction; it != nil {
		w.WebhookID, w.ApplicationID = botID, botID
		u := s.userLocked(it.userID).wire()
		owners := map[string]string{"0": guildID}
		if it.guildID == "" {
			owners = map[string]string{"0": "0"}
		}
		w.InteractionMetadata = map[string]any{"id": it.id, "type": it.kind, "user": u, "authorizing_integration_owners": owners}
		if it.kind == discordgo.InteractionApplicationCommand {
			w.InteractionMetadata["name"] = it.name
			w.Interaction = map[string]any{"id": it.id, "type": it.kind, "name": it.name, "user": u}
		}
	}
	if m.threadID != "" {
		if c := s.channels[m.threadID]; c != nil {
			w.Thread = s.renderChannelLocked(c)
		}
	}
	if gateway {
		w.GuildID = m.guildID
		if m.guildID != "" {
			w.Member = s.userLocked(m.authorID).member(false, "")
		}
		w.Nonce = strconv.FormatInt(time.Now().UnixNano()/1000, 10)
		if c := s.channels[m.channelID]; c != nil && (c.typ == discordgo.ChannelTypeGuildPublicThread || c.typ == discordgo.ChannelTypeGuildPrivateThread) {
			p := 0
			w.Position = &p
		}
	}
	return w
}

func (s *Server) renderChannelLocked(c *channel) map[string]any {
	out := map[string]any{"id": c.id, "type": c.typ, "flags": 0, "last_message_id": nil}
	switch c.typ {
	case discordgo.ChannelTypeDM:
		out["recipients"] = []wireUser{s.userLocked(c.recipient).wire()}
	case discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildPrivateThread:
		created := discordTime(c.created)
		meta := map[string]any{"archived": false, "auto_archive_duration": c.archive, "archive_timestamp": created,
			"locked": false, "create_timestamp": created}
		if c.typ == discordgo.ChannelTypeGuildPrivateThread {
			meta["invitable"] = true
		}
		out["guild_id"], out["parent_id"], out["owner_id"], out["name"] = c.guildID, c.parentID, botID, c.name
		out["rate_limit_per_user"], out["message_count"], out["member_count"], out["total_message_sent"] = 0, 0, 1, 0
		out["thread_metadata"] = meta
		out["member"] = map[string]any{"id": c.id, "user_id": botID, "join_timestamp": created, "flags": 1}
	default:
		out["guild_id"], out["name"], out["position"], out["parent_id"] = c.guildID, c.name, 0, nil
		out["topic"], out["nsfw"], out["rate_limit_per_user"], out["permission_overwrites"] = nil, false, 0, []any{}
	}
	return out
}

// recordLocked appends a write of the bot to the log.
func (s *Server) recordLocked(m *message, via string, edit bool) {
	users, roles, everyone := s.mentionsOf(m)
	w := Message{
		ChannelID: m.channelID, ID: m.id, Content: m.content, Embeds: slices.Clone(m.embeds),
		Components: slices.Clone(m.components), Flags: m.flags, AllowedMentions: m.allowed, Reference: m.ref,
		Mentions: users, MentionRoles: roles, MentionEveryone: everyone,
		Via: via, Edit: edit, At: time.Now(),
	}
	if m.interaction != nil {
		w.InteractionID = m.interaction.id
	}
	for _, a := range m.attachments {
		w.Files = append(w.Files, File{Name: a.name, ContentType: a.contentType, Data: slices.Clone(a.data)})
	}
	s.writes = append(s.writes, w)
	m.lastWrite = &w
	s.notifyLocked()
}

// ---- requests ----

// payload is a JSON object of a request: the body, or the payload_json part of a multipart
// body, whose files come along.
type payload struct {
	fields map[string]json.RawMessage
	files  []File
}

func (p payload) has(key string) bool {
	v, ok := p.fields[key]
	return ok && !bytes.Equal(bytes.TrimSpace(v), []byte("null"))
}

func readPayload(r *http.Request) (payload, *apiError) {
	p := payload{fields: map[string]json.RawMessage{}}
	body, _ := io.ReadAll(r.Body)
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt == "multipart/form-data" {
		mr := multipart.NewReader(bytes.NewReader(body), params["boundary"])
		total := 0
		for {
			part, err := mr.NextPart()
			if err == io.EOF {
				break
			}
			if err != nil {
				return p, &apiError{status: http.StatusBadRequest, code: 50035, message: "Invalid Form Body"}
			}
			data, _ := io.ReadAll(part)
			name := part.FormName()
			switch {
			case name == "payload_json":
				if len(bytes.TrimSpace(data)) > 0 && json.Unmarshal(data, &p.fields) != nil {
					return p, errInvalidJSON
				}
			case strings.HasPrefix(name, "file"): // files[n], or the older file and fileN
				total += len(data)
				ct := part.Header.Get("Content-Type")
				if ct == "" {
					ct = "application/octet-stream"
				}
				p.files = append(p.files, File{Name: part.FileName(), ContentType: ct, Data: data})
			default:
				p.fields[name], _ = json.Marshal(string(data))
			}
		}
		if total > maxUpload {
			return p, errTooLarge
		}
		if len(p.files) > maxFiles {
			return p, fieldError("files", "BASE_TYPE_MAX_LENGTH", "Must be 10 or fewer in length.")
		}
		return p, nil
	}
	if len(bytes.TrimSpace(body)) == 0 {
		return p, nil
	}
	if err := json.Unmarshal(body, &p.fields); err != nil {
		return p, errInvalidJSON
	}
	return p, nil
}

// msgInput is the message fields of a payload.
type msgInput struct {
	p          payload
	content    string
	embeds     []discordgo.MessageEmbed
	components json.RawMessage
	flags      discordgo.MessageFlags
	allowed    *discordgo.MessageAllowedMentions
	ref        *discordgo.MessageReference
}

func parseMsgInput(p payload, prefix string) (msgInput, *apiError) {
	in := msgInput{p: p}
	decode := func(key string, v any) *apiError {
		if !p.has(key) {
			return nil
		}
		if err := json.Unmarshal(p.fields[key], v); err != nil {
			return fieldError(prefix+key, "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType")
		}
		return nil
	}
	if p.has("content") {
		if err := json.Unmarshal(p.fields["content"], &in.content); err != nil {
			return in, fieldError(prefix+"content", "BASE_TYPE_STRING", "Could not interpret \""+string(p.fields["content"])+"\" as string.")
		}
	}
	for key, v := range map[string]any{"embeds": &in.embeds, "flags": &in.flags, "allowed_mentions": &in.allowed, "message_reference": &in.ref} {
		if e := decode(key, v); e != nil {
			return in, e
		}
	}
	if p.has("components") {
		in.components = slices.Clone(p.fields["components"])
	}
	for i := range in.embeds {
		if in.embeds[i].Type == "" {
			in.embeds[i].Type = discordgo.EmbedTypeRich
		}
	}
	return in, nil
}

// empty reports a message without anything to show.
func (in msgInput) empty() bool {
	return strings.TrimSpace(in.content) == "" && len(in.embeds) == 0 && len(in.p.files) == 0 &&
		!hasItems(in.components) && !in.p.has("sticker_ids") && !in.p.has("poll")
}

func hasItems(raw json.RawMessage) bool {
	var items []json.RawMessage
	return json.Unmarshal(raw, &items) == nil && len(items) > 0
}

func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("POST /interactions/{interaction}/{token}/callback", s.callback)
	mux.HandleFunc("GET /webhooks/{app}/{token}/messages/@original", s.webhookMessage)
	mux.HandleFunc("PATCH /webhooks/{app}/{token}/messages/@original", s.webhookMessage)
	mux.HandleFunc("DELETE /webhooks/{app}/{token}/messages/@original", s.webhookMessage)
	mux.HandleFunc("GET /webhooks/{app}/{token}/messages/{message}", s.webhookMessage)
	mux.HandleFunc("PATCH /webhooks/{app}/{token}/messages/{message}", s.webhookMessage)
	mux.HandleFunc("DELETE /webhooks/{app}/{token}/messages/{message}", s.webhookMessage)
	mux.HandleFunc("POST /webhooks/{app}/{token}", s.followup)
	mux.HandleFunc("POST /channels/{channel}/messages", s.createMessage)
	mux.HandleFunc("GET /channels/{channel}/messages/{message}", s.channelMessage)
	mux.HandleFunc("PATCH /channels/{channel}/messages/{message}", s.channelMessage)
	mux.HandleFunc("DELETE /channels/{channel}/messages/{message}", s.channelMessage)
	mux.HandleFunc("POST /channels/{channel}/messages/{message}/threads", s.startThread)
	mux.HandleFunc("POST /channels/{channel}/threads", s.startThread)
	mux.HandleFunc("GET /channels/{channel}", s.getChannel)
	mux.HandleFunc("POST /users/@me/channels", s.createDM)
	mux.HandleFunc("GET /users/@me", s.getUser)
	mux.HandleFunc("GET /users/{user}", s.getUser)
	mux.HandleFunc("GET /gateway", s.gateway)
	mux.HandleFunc("GET /gateway/bot", s.gateway)
	mux.HandleFunc("PUT /applications/{app}/commands", s.putCommands)
	mux.HandleFunc("GET /applications/{app}/commands", s.getCommands)
	mux.HandleFunc("PUT /applications/{app}/guilds/{guild}/commands", s.putCommands)
	mux.HandleFunc("GET /applications/{app}/guilds/{guild}/commands", s.getCommands)
	return mux
}

// snowflakeParams checks that the path's ids are snowflakes, as Discord does.
func snowflakeParams(r *http.Request, names ...string) *apiError {
	for _, n := range names {
		if v := r.PathValue(n); !isSnowflake(v) {
			return fieldError(n+"_id", "NUMBER_TYPE_COERCE", "Value \""+v+"\" is not snowflake.")
		}
	}
	return nil
}

// ---- channel messages ----

func (s *Server) createMessage(w http.ResponseWriter, r *http.Request) {
	if e := snowflakeParams(r, "channel"); e != nil {
		e.write(w)
		return
	}
	p, e := readPayload(r)
	if e != nil {
		e.write(w)
		return
	}
	in, e := parseMsgInput(p, "")
	if e == nil {
		e = validateMessage(in, "", false)
	}
	if e != nil {
		e.write(w)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.channelLocked(r.PathValue("channel"))
	if c.typ == discordgo.ChannelTypeDM && s.closedDMs[c.recipient] {
		errCannotDM.write(w)
		return
	}
	typ := 0
	if in.ref != nil && in.ref.Type == discordgo.MessageReferenceTypeDefault {
		ref := s.messages[in.ref.MessageID]
		if ref == nil || ref.deleted || ref.flags&discordgo.MessageFlagsEphemeral != 0 ||
			ref.channelID != c.id || in.ref.ChannelID != "" && in.ref.ChannelID != c.id {
			if in.ref.FailIfNotExists == nil || *in.ref.FailIfNotExists {
				fieldError("message_reference", "REPLIES_UNKNOWN_MESSAGE", "Unknown message").write(w)
				return
			}
			in.ref = nil
		} else {
			typ = 19 // REPLY
			in.ref.ChannelID, in.ref.GuildID = c.id, c.guildID
		}
	}
	m := s.newMessageLocked(c, botID, typ)
	m.applyCreate(in, s.storeFilesLocked(c.id, p.files), channelFlags)
	s.recordLocked(m, ViaChannel, false)
	writeJSON(w, http.StatusOK, s.renderLocked(m, false))
}

func (s *Server) newMessageLocked(c *channel, authorID string, typ int) *message {
	m := &message{id: s.newIDLocked(), channelID: c.id, guildID: c.guildID, authorID: authorID, typ: typ}
	s.messages[m.id] = m
	return m
}

// The flags a message may be created with, by the route that creates it; others are dropped.
const (
	channelFlags  = discordgo.MessageFlagsSuppressEmbeds | discordgo.MessageFlagsSuppressNotifications | discordgo.MessageFlagsIsVoiceMessage | discordgo.MessageFlagsIsComponentsV2
	webhookFlags  = channelFlags | discordgo.MessageFlagsEphemeral
	editableFlags = discordgo.MessageFlagsSuppressEmbeds
)

func (m *message) applyCreate(in msgInput, files []*attachment, allowed discordgo.MessageFlags) {
	m.content, m.embeds, m.components = in.content, in.embeds, in.components
	m.flags = in.flags & allowed
	m.allowed, m.ref = in.allowed, in.ref
	m.attachments = files
}

// applyEdit changes the fields present in an edit; attachments lists those to keep.
func (m *message) applyEdit(in msgInput, files []*attachment) {
	p := in.p
	if _, ok := p.fields["content"]; ok {
		m.content = in.content
	}
	if _, ok := p.fields["embeds"]; ok {
		m.embeds = in.embeds
	}
	if _, ok := p.fields["components"]; ok {
		m.components = in.components
	}
	if p.has("flags") {
		m.flags = m.flags&^editableFlags | in.flags&editableFlags
	}
	if p.has("allowed_mentions") {
		m.allowed = in.allowed
	}
	if p.has("attachments") {
		var keep []struct {
			ID json.RawMessage `json:"id"`
		}
		_ = json.Unmarshal(p.fields["attachments"], &keep)
		m.attachments = slices.DeleteFunc(m.attachments, func(a *attachment) bool {
			return !slices.ContainsFunc(keep, func(k struct {
				ID json.RawMessage `json:"id"`
			}) bool {
				return strings.Trim(string(k.ID), `"`) == a.id
			})
		})
	}
	m.attachments = append(m.attachments, files...)
}

// editView is what a message would show after an edit, to validate it as a whole.
func (m *message) editView(in msgInput) msgInput {
	v := msgInput{p: payload{fields: map[string]json.RawMessage{}}, content: m.content, embeds: m.embeds, components: m.components, flags: m.flags}
	if _, ok := in.p.fields["content"]; ok {
		v.content = in.content
	}
	if _, ok := in.p.fields["embeds"]; ok {
		v.embeds = in.embeds
	}
	if _, ok := in.p.fields["components"]; ok {
		v.components = in.components
	}
	v.p.files = in.p.files
	if len(m.attachments) > 0 && !in.p.has("attachments") {
		v.p.files = append(v.p.files, File{Name: "kept"})
	}
	return v
}

func (s *Server) storeFilesLocked(channelID string, files []File) []*attachment {
	var out []*attachment
	for _, f := range files {
		a := &attachment{id: s.newIDLocked(), channelID: channelID, name: f.Name, contentType: f.ContentType, data: f.Data}
		if a.name == "" {
			a.name = "unknown"
		}
		s.attachments[a.id] = a
		out = append(out, a)
	}
	return out
}

func (s *Server) channelMessage(w http.ResponseWriter, r *http.Request) {
	if e := snowflakeParams(r, "channel", "message"); e != nil {
		e.write(w)
		return
	}
	var in msgInput
	if r.Method == http.MethodPatch {
		p, e := readPayload(r)
		if e == nil {
			in, e = parseMsgInput(p, "")
		}
		if e != nil {
			e.write(w)
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.messages[r.PathValue("message")]
	if m == nil || m.deleted || m.channelID != r.PathValue("channel") || m.flags&discordgo.MessageFlagsEphemeral != 0 {
		errUnknownMessage.write(w)
		return
	}
	switch r.Method {
	case http.MethodGet:
		writeJSON(w, http.StatusOK, s.renderLocked(m, false))
	case http.MethodDelete:
		m.deleted = true
		s.notifyLocked()
		w.WriteHeader(http.StatusNoContent)
	case http.MethodPatch:
		if m.authorID != botID {
			errOtherAuthor.write(w)
			return
		}
		if e := validateEdit(m, in, ""); e != nil {
			e.write(w)
			return
		}
		m.applyEdit(in, s.storeFilesLocked(m.channelID, in.p.files))
		m.edited = time.Now()
		s.recordLocked(m, ViaChannel, true)
		writeJSON(w, http.StatusOK, s.renderLocked(m, false))
	}
}

func validateEdit(m *message, in msgInput, prefix string) *apiError {
	if e := validateMessage(in, prefix, true); e != nil {
		return e
	}
	if m.editView(in).empty() {
		return errEmptyMessage
	}
	return nil
}

// ---- threads, channels, users ----

func (s *Server) startThread(w http.ResponseWriter, r *http.Request) {
	fromMessage := r.PathValue("message") != ""
	names := []string{"channel"}
	if fromMessage {
		names = append(names, "message")
	}
	if e := snowflakeParams(r, names...); e != nil {
		e.write(w)
		return
	}
	p, e := readPayload(r)
	if e != nil {
		e.write(w)
		return
	}
	var body struct {
		Name                string `json:"name"`
		AutoArchiveDuration int    `json:"auto_archive_duration"`
		Type                *int   `json:"type"`
	}
	raw, _ := json.Marshal(p.fields)
	_ = json.Unmarshal(raw, &body)
	errs := errTree{}
	if n := len([]rune(body.Name)); n < 1 || n > 100 {
		errs.add("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
	}
	if body.AutoArchiveDuration == 0 {
		body.AutoArchiveDuration = 4320
	}
	if !slices.Contains([]int{60, 1440, 4320, 10080}, body.AutoArchiveDuration) {
		errs.add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.")
	}
	typ := discordgo.ChannelTypeGuildPublicThread
	if !fromMessage {
		switch {
		case body.Type != nil:
			typ = discordgo.ChannelType(*body.Type)
			if typ != discordgo.ChannelTypeGuildPublicThread && typ != discordgo.ChannelTypeGuildPrivateThread {
				errs.add("type", "BASE_TYPE_CHOICES", "Value must be one of {11, 12}.")
			}
		case strings.HasPrefix(r.URL.Path, "/api/v10/"):
			errs.add("type", "BASE_TYPE_REQUIRED", "This field is required")
		default:
			typ = discordgo.ChannelTypeGuildPrivateThread // API v9's default
		}
	}
	if len(errs) > 0 {
		invalidForm(errs).write(w)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	parent := s.channelLocked(r.PathValue("channel"))
	switch parent.typ {
	case discordgo.ChannelTypeDM:
		errDMChannel.write(w)
		return
	case discordgo.ChannelTypeGuildPublicThread, discordgo.ChannelTypeGuildPrivateThread:
		errChannelType.write(w)
		return
	}
	th := &channel{typ: typ, guildID: parent.guildID, parentID: parent.id, name: body.Name, archive: body.AutoArchiveDuration, created: time.Now()}
	if fromMessage {
		m := s.messages[r.PathValue("message")]
		if m == nil || m.deleted || m.channelID != parent.id || m.flags&discordgo.MessageFlagsEphemeral != 0 {
			errUnknownMessage.write(w)
			return
		}
		if m.threadID != "" {
			errThreadExists.write(w)
			return
		}
		// A thread started from a message takes the message's id.
		th.id, th.fromMsg = m.id, m.id
		m.threadID = m.id
		m.flags |= discordgo.MessageFlagsHasThread
	} else {
		th.id = s.newIDLocked()
	}
	s.channels[th.id] = th
	s.threads = append(s.threads, Thread{ID: th.id, ParentID: parent.id, MessageID: th.fromMsg, Name: th.name, Type: th.typ,
		AutoArchiveDuration: th.archive, At: time.Now()})
	s.notifyLocked()
	writeJSON(w, http.StatusCreated, s.renderChannelLocked(th))
}

func (s *Server) getChannel(w http.ResponseWriter, r *http.Request) {
	if e := snowflakeParams(r, "channel"); e != nil {
		e.write(w)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, s.renderChannelLocked(s.channelLocked(r.PathValue("channel"))))
}

func (s *Server) createDM(w http.ResponseWriter, r *http.Request) {
	p, e := readPayload(r)
	if e != nil {
		e.write(w)
		return
	}
	var recipient string
	if !p.has("recipient_id") || json.Unmarshal(p.fields["recipient_id"], &recipient) != nil {
		fieldError("recipient_id", "BASE_TYPE_REQUIRED", "This field is required").write(w)
		return
	}
	if !isSnowflake(recipient) {
		fieldError("recipient_id", "NUMBER_TYPE_COERCE", "Value \""+recipient+"\" is not snowflake.").write(w)
		return
	}
	if recipient == botID {
		(&apiError{status: http.StatusBadRequest, code: 50007, message: "Cannot send messages to this user"}).write(w)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.dmChannelLocked(recipient, "")
	s.dms = append(s.dms, DM{ChannelID: c.id, UserID: recipient, At: time.Now()})
	s.notifyLocked()
	writeJSON(w, http.StatusOK, s.renderChannelLocked(c))
}

func (s *Server) getUser(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("user")
	if id == "" {
		id = botID
	} else if e := snowflakeParams(r, "user"); e != nil {
		e.write(w)
		return
	}
	s.mu.Lock()
	u := s.userLocked(id).wire()
	s.mu.Unlock()
	if id != botID {
		writeJSON(w, http.StatusOK, u)
		return
	}
	writeJSON(w, http.StatusOK, struct {
		wireUser
		MFAEnabled bool    `json:"mfa_enabled"`
		Locale     string  `json:"locale"`
		Verified   bool    `json:"verified"`
		Email      *string `json:"email"`
		Bio        string  `json:"bio"`
	}{wireUser: u, MFAEnabled: true, Locale: "en-US", Verified: true})
}

// gateway answers GET /gateway and /gateway/bot with the server's own address instead of
// wss://gateway.discord.gg: discordgo dials the gateway with its websocket dialer, not with
// Session.Client, and must not reach the network. The server refuses the handshake, so
// Session.Open fails at once.
func (s *Server) gateway(w http.ResponseWriter, r *http.Request) {
	out := map[string]any{"url": "ws://" + s.srv.Listener.Addr().String() + gatewayPath}
	if strings.HasSuffix(r.URL.Path, "/bot") {
		out["shards"] = 1
		out["session_start_limit"] = map[string]int{"total": 1000, "remaining": 999, "reset_after": 86400000, "max_concurrency": 1}
	}
	writeJSON(w, http.StatusOK, out)
}

// ---- application commands ----

var commandName = regexp.MustCompile(`^[-_'\p{L}\p{N}\p{Devanagari}\p{Thai}]{1,32}$`)

func (s *Server) putCommands(w http.ResponseWriter, r *http.Request) {
	guild := r.PathValue("guild")
	names := []string{"app"}
	if guild != "" {
		names = append(names, "guild")
	}
	if e := snowflakeParams(r, names...); e != nil {
		e.write(w)
		return
	}
	if r.PathValue("app") != botID || guild != "" && guild != guildID {
		errMissingAccess.write(w)
		return
	}
	body, _ := io.ReadAll(r.Body)
	var cmds []*discordgo.ApplicationCommand
	if err := json.Unmarshal(body, &cmds); err != nil {
		errInvalidJSON.write(w)
		return
	}
	errs := errTree{}
	if len(cmds) > 200 {
		errs.add("_", "BASE_TYPE_MAX_LENGTH", "Must be 200 or fewer in length.")
	}
	seen := map[string]bool{}
	for i, c := range cmds {
		at := strconv.Itoa(i) + "."
		if c.Type == 0 {
			c.Type = discordgo.ChatApplicationCommand
		}
		key := strconv.Itoa(int(c.Type)) + "/" + c.Name
		if seen[key] {
			errs.add(at+"name", "APPLICATION_COMMANDS_DUPLICATE_NAME", "Application command names must be unique")
		}
		seen[key] = true
		validateCommand(errs, at, c)
	}
	if len(errs) > 0 {
		invalidForm(errs).write(w)
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old := s.commands[guild]
	var stored []*command
	var out []json.RawMessage
	for _, c := range cmds {
		i := slices.IndexFunc(old, func(o *command) bool { return o.name == c.Name && o.typ == int(c.Type) })
		id := ""
		if i >= 0 {
			id = old[i].id
		} else {
			id = s.newIDLocked()
		}
		c.ID, c.ApplicationID, c.GuildID, c.Version = id, botID, guild, s.newIDLocked()
		if guild == "" && c.DMPermission == nil {
			t := true
			c.DMPermission = &t
		}
		if c.NSFW == nil {
			f := false
			c.NSFW = &f
		}
		raw, _ := json.Marshal(c)
		stored = append(stored, &command{id: id, name: c.Name, typ: int(c.Type), raw: raw})
		out = append(out, raw)
	}
	s.commands[guild] = stored
	s.notifyLocked()
	if out == nil {
		out = []json.RawMessage{}
	}
	writeJSON(w, http.StatusOK, out)
}

func validateCommand(errs errTree, at string, c *discordgo.ApplicationCommand) {
	chat := c.Type == discordgo.ChatApplicationCommand
	if !commandName.MatchString(c.Name) || chat && strings.ToLower(c.Name) != c.Name {
		errs.add(at+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
	}
	if n := len([]rune(c.Description)); chat && (n < 1 || n > 100) {
		errs.add(at+"description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
	} else if !chat && n > 0 {
		errs.add(at+"description", "APPLICATION_COMMAND_CONTEXT_MENU_DESCRIPTION", "Context menu commands cannot have description")
	}
	validateOptions(errs, at+"options.", c.Options)
}

func validateOptions(errs errTree, at string, opts []*discordgo.ApplicationCommandOption) {
	if len(opts) > 25 {
		errs.add(strings.TrimSuffix(at, "."), "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
	}
	optional := false
	for i, o := range opts {
		oat := at + strconv.Itoa(i) + "."
		if !commandName.MatchString(o.Name) || strings.ToLower(o.Name) != o.Name {
			errs.add(oat+"name", "APPLICATION_COMMAND_INVALID_NAME", "Command name is invalid")
		}
		if n := len([]rune(o.Description)); n < 1 || n > 100 {
			errs.add(oat+"description", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.")
		}
		if o.Required && optional {
			errs.add(oat+"required", "APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID", "Required options must be placed before non-required options")
		}
		optional = optional || !o.Required
		if len(o.Choices) > 25 {
			errs.add(oat+"choices", "BASE_TYPE_MAX_LENGTH", "Must be 25 or fewer in length.")
		}
		validateOptions(errs, oat+"options.", o.Options)
	}
}

func (s *Server) getCommands(w http.ResponseWriter, r *http.Request) {
	guild := r.PathValue("guild")
	if r.PathValue("app") != botID || guild != "" && guild != guildID {
		errMissingAccess.write(w)
		return
	}
	s.mu.Lock()
	out := []json.RawMessage{}
	for _, c := range s.commands[guild] {
		out = append(out, c.raw)
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, out)
}

// commandLocked finds a registered command of type CHAT_INPUT, in the guild first.
func (s *Server) commandLocked(guild, name string) *discordgo.ApplicationCommand {
	for _, g := range []string{guild, ""} {
		for _, c := range s.commands[g] {
			if c.name == name && c.typ == int(discordgo.ChatApplicationCommand) {
				var ac discordgo.ApplicationCommand
				if json.Unmarshal(c.raw, &ac) == nil {
					return &ac
				}
			}
		}
		if g == "" {
			break
		}
	}
	return nil
}
