package discordtest

import (
	"encoding/json"
	"net/http"
	"slices"
	"time"

	"github.com/bwmarrin/discordgo"
)

// callback answers POST /interactions/{id}/{token}/callback.
func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	received := time.Now()
	p, e := readPayload(r)
	if e != nil {
		e.write(w)
		return
	}
	var typ discordgo.InteractionResponseType
	if !p.has("type") || json.Unmarshal(p.fields["type"], &typ) != nil {
		fieldError("type", "BASE_TYPE_REQUIRED", "This field is required").write(w)
		return
	}
	data := payload{fields: map[string]json.RawMessage{}, files: p.files}
	if p.has("data") && json.Unmarshal(p.fields["data"], &data.fields) != nil {
		fieldError("data", "MODEL_TYPE_CONVERT", "Only dictionaries may be used in a ModelType").write(w)
		return
	}
	in, e := parseMsgInput(data, "data.")
	if e != nil {
		e.write(w)
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	it := s.interactions[r.PathValue("interaction")]
	switch {
	case it == nil || it.token != r.PathValue("token"):
		errUnknownInteract.write(w)
		return
	case it.acked:
		errAlreadyAcked.write(w)
		return
	case received.Sub(it.created) > it.deadline:
		errUnknownInteract.write(w)
		return
	}
	if e := s.validateCallbackLocked(it, typ, in); e != nil {
		e.write(w)
		return
	}

	cb := Callback{InteractionID: it.id, Type: typ, Content: in.content, Embeds: in.embeds, Components: in.components,
		Flags: in.flags, AllowedMentions: in.allowed, Files: slices.Clone(p.files), At: received}
	if p.has("data") {
		cb.Data = p.fields["data"]
	}
	c := s.channelLocked(it.channelID)
	switch typ {
	case discordgo.InteractionResponseChannelMessageWithSource:
		m := s.newMessageLocked(c, botID, responseType(it))
		m.interaction = it
		m.applyCreate(in, s.storeFilesLocked(c.id, p.files), webhookFlags)
		it.original = m.id
		s.recordLocked(m, ViaCallback, false)
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
		m := s.newMessageLocked(c, botID, responseType(it))
		m.interaction = it
		m.flags = discordgo.MessageFlagsLoading | in.flags&discordgo.MessageFlagsEphemeral
		it.original, it.loading = m.id, true
	case discordgo.InteractionResponseDeferredMessageUpdate:
		it.original = it.messageID
	case discordgo.InteractionResponseUpdateMessage:
		m := s.messages[it.messageID]
		m.applyEdit(in, s.storeFilesLocked(m.channelID, p.files))
		m.edited = received
		it.original = m.id
		s.recordLocked(m, ViaCallback, true)
	case discordgo.InteractionResponseModal:
		var modal struct {
			CustomID string `json:"custom_id"`
			Title    string `json:"title"`
		}
		raw, _ := json.Marshal(data.fields)
		_ = json.Unmarshal(raw, &modal)
		cb.CustomID, cb.Title = modal.CustomID, modal.Title
		it.modalID, it.modalInputs = modal.CustomID, in.components
	}
	it.acked, it.ackFlags = true, in.flags
	s.callbacks = append(s.callbacks, cb)
	s.notifyLocked()
	w.WriteHeader(http.StatusNoContent)
}

// responseType is the type of the messages that answer an interaction: CHAT_INPUT_COMMAND
// for a slash command, DEFAULT otherwise.
func responseType(it *interaction) int {
	if it.kind == discordgo.InteractionApplicationCommand {
		return 20
	}
	return 0
}

func (s *Server) validateCallbackLocked(it *interaction, typ discordgo.InteractionResponseType, in msgInput) *apiError {
	badType := fieldError("type", "INTERACTION_RESPONSE_TYPE_INVALID", "Interaction response type is invalid for this interaction")
	switch typ {
	case discordgo.InteractionResponseChannelMessageWithSource:
		if e := validateMessage(in, "data.", false); e != nil {
			return e
		}
	case discordgo.InteractionResponseDeferredChannelMessageWithSource:
	case discordgo.InteractionResponseDeferredMessageUpdate, discordgo.InteractionResponseUpdateMessage:
		if it.messageID == "" {
			return badType
		}
		if m := s.messages[it.messageID]; m == nil || m.deleted {
			return errUnknownMessage
		}
		if m := s.messages[it.messageID]; typ == discordgo.InteractionResponseUpdateMessage && m != nil {
			// Fields that discordgo always sends (content, and null components and embeds)
			// replace the message's: an update must say all that the message keeps.
			if e := validateEdit(m, in, "data."); e != nil {
				return e
			}
		}
	case discordgo.InteractionResponseModal:
		if it.kind == discordgo.InteractionModalSubmit {
			return badType
		}
		if e := validateModal(in.p); e != nil {
			return e
		}
	default:
		return badType
	}
	return nil
}

// tokenLocked finds the interaction of a webhook route, or the error Discord answers.
func (s *Server) tokenLocked(r *http.Request, now time.Time) (*interaction, *apiError) {
	if r.PathValue("app") != botID {
		return nil, errUnknownWebhook
	}
	it := s.byToken[r.PathValue("token")]
	switch {
	case it == nil:
		return nil, errInvalidToken
	case !it.acked, now.Sub(it.created) > it.lifetime:
		return nil, errUnknownWebhook
	}
	return it, nil
}

// followup answers POST /webhooks/{app}/{token}: a follow-up message. For an interaction
// token, wait is always true, as on Discord.
func (s *Server) followup(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
	p, e := readPayload(r)
	if e != nil {
		e.write(w)
		return
	}
	in, e := parseMsgInput(p, "")
	if e == nil {
		e = validateMessage(in, "", false)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	it, te := s.tokenLocked(r, now)
	if te != nil {
		te.write(w)
		return
	}
	if e != nil {
		e.write(w)
		return
	}
	var m *message
	edit := false
	if it.loading {
		// The first follow-up of a deferred response fills it, with the defer's ephemerality.
		m = s.messages[it.original]
		m.applyCreate(in, s.storeFilesLocked(m.channelID, p.files), webhookFlags)
		m.flags = m.flags&^discordgo.MessageFlagsEphemeral | it.ackFlags&discordgo.MessageFlagsEphemeral
		it.loading = false
	} else {
		m = s.newMessageLocked(s.channelLocked(it.channelID), botID, responseType(it))
		m.interaction = it
		m.applyCreate(in, s.storeFilesLocked(m.channelID, p.files), webhookFlags)
	}
	it.followups = append(it.followups, m.id)
	s.recordLocked(m, ViaFollowup, edit)
	writeJSON(w, http.StatusOK, s.renderLocked(m, false))
}

// webhookMessage answers GET, PATCH and DELETE /webhooks/{app}/{token}/messages/{id},
// @original included.
func (s *Server) webhookMessage(w http.ResponseWriter, r *http.Request) {
	now := time.Now()
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
	it, e := s.tokenLocked(r, now)
	if e != nil {
		e.write(w)
		return
	}
	id, original := r.PathValue("message"), r.PathValue("message") == ""
	if original {
		id = it.original
	} else if !slices.Contains(it.followups, id) && id != it.original {
		errUnknownMessage.write(w)
		return
	}
	m := s.messages[id]
	if m == nil || m.deleted {
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
		if e := validateEdit(m, in, ""); e != nil {
			e.write(w)
			return
		}
		filling := original && it.loading
		m.applyEdit(in, s.storeFilesLocked(m.channelID, in.p.files))
		via := ViaFollowup
		if original {
			via = ViaOriginal
		}
		if filling {
			m.flags &^= discordgo.MessageFlagsLoading
			it.loading = false
		} else {
			m.edited = now
		}
		s.recordLocked(m, via, !filling)
		writeJSON(w, http.StatusOK, s.renderLocked(m, false))
	}
}
