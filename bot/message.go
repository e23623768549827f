package bot

import (
	"net/url"
	"strings"
	"unicode/utf8"
)

// Outcome says what a reply did. Every reply has one.
type Outcome string

// The outcomes of the core contract (see DESIGN.md).
const (
	Answered   Outcome = "answered"
	Clarify    Outcome = "clarify"
	Escalated  Outcome = "escalated"
	Booked     Outcome = "booked"
	OutOfScope Outcome = "out_of_scope"
	Command    Outcome = "command"
	Error      Outcome = "error"
)

// Channels known to the core. A channel is the platform a conversation happens on.
const (
	ChannelTerminal = "terminal"
	ChannelTelegram = "telegram"
	ChannelDiscord  = "discord"
)

// Message is one event from a user, already translated by an adapter.
type Message struct {
	Channel  string // ChannelTelegram, ChannelDiscord, ChannelTerminal
	ChatID   string // the conversation on that channel (a private chat, a thread, a DM)
	UserID   string // the platform's id of the sender
	UserName string // display name, for greetings only
	Text     string // what the user wrote (empty for a button)
	Action   *Action
	UpdateID string // the platform's id of this event, for de-duplication
	// Public is true when the reply will be read by others (a Discord channel or thread): the
	// core then asks nothing personal there and points to a private exchange instead.
	Public bool
	// NoCoachRole is set by a platform that also requires a role for coach actions (the
	// Discord coach role) when the sender lacks it: the sender is not treated as a coach.
	NoCoachRole bool
}

// Action is a button pressed by the user. Adapters carry it opaquely as "kind:arg".
type Action struct {
	Kind string `json:"kind"`
	Arg  string `json:"arg,omitempty"`
}

// Encode returns the action as the compact string adapters put in callback data.
func (a Action) Encode() string {
	if a.Arg == "" {
		return a.Kind
	}
	return a.Kind + ":" + a.Arg
}

// DecodeAction parses what Encode produced.
func DecodeAction(s string) Action {
	for i := 0; i < len(s); i++ {
		if s[i] == ':' {
			return Action{Kind: s[:i], Arg: s[i+1:]}
		}
	}
	return Action{Kind: s}
}

// Source is a guide used in an answer.
type Source struct {
	GuideID string  `json:"guide"`
	Title   string  `json:"title"`
	Topic   string  `json:"topic"`
	URL     string  `json:"url"`
	Score   float64 `json:"score"`
}

// Button is an action offered with a reply.
type Button struct {
	Label  string `json:"label"`
	Action Action `json:"action"`
}

// Attachment is a file sent with a reply, such as a calendar invitation.
type Attachment struct {
	Name string `json:"name"`
	MIME string `json:"mime"`
	Data []byte `json:"-"`
}

// Reply is what the core answers. Text is plain: paragraphs separated by a blank line, list
// items on lines starting with "- " or "1. ", citations as "[1]" matching Sources in order.
// Adapters escape and render it; they never change what it says.
type Reply struct {
	Text             string       `json:"answer"`
	Sources          []Source     `json:"sources"`
	Buttons          [][]Button   `json:"buttons,omitempty"`
	Attachments      []Attachment `json:"attachments,omitempty"`
	Outcome          Outcome      `json:"outcome"`
	Escalate         bool         `json:"escalate"`
	EscalationReason string       `json:"escalation_reason"`
	Confidence       float64      `json:"confidence"`
	// Tokens a language model spent on this reply (0 for the extractive answer).
	Tokens int `json:"-"`
	// ByModel: the answer's text was written by a language model (and passed the guards).
	ByModel bool `json:"-"`
}

// LinkableURL reports whether a source's URL can be shown as a link: an absolute http(s) URL
// with a host and no control character (Telegram's HTML parser stops at a NUL inside href;
// Discord refuses an embed with an invalid URL).
func LinkableURL(u string) bool {
	if !strings.HasPrefix(u, "https://") && !strings.HasPrefix(u, "http://") || !utf8.ValidString(u) {
		return false
	}
	p, err := url.Parse(u) // refuses control characters
	return err == nil && p.Host != ""
}
