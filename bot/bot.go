package bot

import (
	"context"
	"errors"
	"log/slog"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/prompts"
)

// Retriever finds the passages of the guides that answer a question.
type Retriever interface {
	Retrieve(ctx context.Context, question string) (knowledge.Result, error)
}

// Config holds what the core is built from.
type Config struct {
	Retriever Retriever
	// Answerer composes answers; nil means the extractive answerer.
	Answerer Answerer
	// Templates are the parsed prompts (prompts.Parse).
	Templates *template.Template
	Logger    *slog.Logger
	// RetentionDays is how long conversations are kept, as told to owners (default 180).
	RetentionDays int
	// MinConfidence under which an answer comes with the offer of a coach (default 0.4).
	MinConfidence float64
	// MaxQuestionChars bounds the part of a message used for retrieval (default 1500).
	MaxQuestionChars int
}

// Bot is the conversation core.
type Bot struct {
	cfg        Config
	extractive *Extractive
	log        *slog.Logger
}

// New checks cfg and returns the core.
func New(cfg Config) (*Bot, error) {
	if cfg.Retriever == nil {
		return nil, errors.New("bot: a retriever is required")
	}
	if cfg.Templates == nil {
		t, err := prompts.Parse()
		if err != nil {
			return nil, err
		}
		cfg.Templates = t
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.DiscardHandler)
	}
	if cfg.RetentionDays <= 0 {
		cfg.RetentionDays = 180
	}
	if cfg.MinConfidence <= 0 {
		cfg.MinConfidence = 0.4
	}
	if cfg.MaxQuestionChars <= 0 {
		cfg.MaxQuestionChars = 1500
	}
	b := &Bot{cfg: cfg, extractive: NewExtractive(cfg.Templates), log: cfg.Logger}
	if b.cfg.Answerer == nil {
		b.cfg.Answerer = b.extractive
	}
	// Fail now, not in front of a user, if a message template cannot be rendered.
	for _, name := range []string{"welcome", "help", "greeting", "thanks", "goodbye", "about", "empty", "too_short", "out_of_scope", "low_confidence", "error", "no_guides", "long_message"} {
		if _, err := b.render(name, b.data(Message{Text: "/x"})); err != nil {
			return nil, err
		}
	}
	return b, nil
}

// data is what message templates can use.
func (b *Bot) data(m Message) map[string]any {
	cmd := ""
	if c, ok := ParseCommand(m.Text); ok {
		cmd = "/" + c.Name
	}
	return map[string]any{"Name": firstName(m.UserName), "RetentionDays": b.cfg.RetentionDays, "Command": cmd, "Digital": true}
}

func firstName(n string) string {
	n = strings.TrimSpace(n)
	if i := strings.IndexFunc(n, unicode.IsSpace); i > 0 {
		n = n[:i]
	}
	if utf8.RuneCountInString(n) > 30 {
		return ""
	}
	return n
}

func (b *Bot) render(name string, data any) (string, error) {
	return prompts.Render(b.cfg.Templates, name, data)
}

// say renders a message template; a template error is a bug, logged, with a generic answer.
func (b *Bot) say(name string, data any) string {
	s, err := b.render(name, data)
	if err != nil {
		b.log.Error("render message", "template", name, "err", err)
		return "Désolé, un problème technique m'empêche de vous répondre pour le moment."
	}
	return s
}

// Handle answers one message. It always returns a reply with an outcome; errors become a
// polite French message and a log line.
func (b *Bot) Handle(ctx context.Context, m Message) Reply {
	m.Text = Sanitize(m.Text)
	if m.Action != nil {
		return b.handleAction(ctx, m)
	}
	if m.Text == "" {
		return Reply{Text: b.say("empty", b.data(m)), Outcome: Clarify}
	}
	if cmd, ok := ParseCommand(m.Text); ok {
		return b.handleCommand(ctx, m, cmd)
	}
	if kind := classifySmallTalk(m.Text); kind != talkNone {
		return Reply{Text: b.say(kind, b.data(m)), Outcome: OutOfScope}
	}
	return b.answer(ctx, m, m.Text)
}

func (b *Bot) handleCommand(ctx context.Context, m Message, cmd Cmd) Reply {
	switch cmd.Name {
	case "start":
		return Reply{Text: b.say("welcome", b.data(m)), Outcome: Command}
	case "aide", "help", "commandes":
		return Reply{Text: b.say("help", b.data(m)), Outcome: Command}
	case "question", "q":
		if cmd.Args == "" {
			return Reply{Text: b.say("too_short", b.data(m)), Outcome: Clarify}
		}
		return b.answer(ctx, m, cmd.Args)
	}
	return Reply{Text: b.say("unknown_command", b.data(m)), Outcome: Command}
}

func (b *Bot) handleAction(ctx context.Context, m Message) Reply {
	switch m.Action.Kind {
	case "helped":
		return Reply{Text: b.say("thanks", b.data(m)), Outcome: Command}
	}
	return Reply{Text: b.say("help", b.data(m)), Outcome: Command}
}

// answer retrieves guides for a question and composes the reply.
func (b *Bot) answer(ctx context.Context, m Message, question string) Reply {
	long := false
	if len(question) > b.cfg.MaxQuestionChars {
		question = truncateUTF8(question, b.cfg.MaxQuestionChars)
		long = true
	}
	res, err := b.cfg.Retriever.Retrieve(ctx, question)
	if err != nil {
		if errors.Is(err, knowledge.ErrEmptyIndex) {
			b.log.Error("no guide loaded")
			return Reply{Text: b.say("no_guides", b.data(m)), Outcome: Error}
		}
		b.log.Error("retrieve", "channel", m.Channel, "err", err)
		return Reply{Text: b.say("error", b.data(m)), Outcome: Error}
	}
	if len(res.Query.Terms) == 0 {
		return Reply{Text: b.say("too_short", b.data(m)), Outcome: Clarify}
	}
	if !res.InScope {
		d := b.data(m)
		d["Digital"] = res.Digital
		return Reply{Text: b.say("out_of_scope", d), Outcome: OutOfScope, Confidence: round3(res.Confidence)}
	}
	ans, err := b.cfg.Answerer.Answer(ctx, AnswerRequest{Question: question, Retrieval: res})
	if err != nil || !ans.Grounded {
		if err != nil {
			b.log.Warn("answerer failed, using the extractive answer", "err", err)
		}
		ans, err = b.extractive.Answer(ctx, AnswerRequest{Question: question, Retrieval: res})
		if err != nil {
			b.log.Error("extractive answer", "err", err)
			return Reply{Text: b.say("error", b.data(m)), Outcome: Error}
		}
	}
	r := Reply{Text: ans.Text, Sources: ans.Sources, Outcome: Answered, Confidence: round3(res.Confidence)}
	if !ans.Grounded {
		r.Text = b.say("low_confidence", b.data(m))
		r.Sources = nil
		r.Outcome = Clarify
	}
	if long {
		r.Text = b.say("long_message", b.data(m)) + "\n\n" + r.Text
	}
	if res.Confidence < b.cfg.MinConfidence {
		r.Escalate = true
		r.EscalationReason = ReasonLowConfidence
		if ans.Grounded {
			r.Text += "\n\n" + b.say("low_confidence", b.data(m))
		}
	}
	r.Buttons = [][]Button{{
		{Label: "Cela m'a aidé", Action: Action{Kind: "helped"}},
		{Label: "Parler à un coach", Action: Action{Kind: "coach"}},
	}}
	return r
}

// Escalation reasons.
const (
	ReasonLowConfidence = "low_confidence"
)

// Sanitize makes user text safe to process: valid UTF-8, no control characters other than
// line breaks and tabs, no zero-width or bidirectional formatting characters, trimmed.
func Sanitize(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "")
	}
	clean := true
	for _, r := range s {
		if isStripped(r) {
			clean = false
			break
		}
	}
	if !clean {
		s = strings.Map(func(r rune) rune {
			if isStripped(r) {
				return -1
			}
			return r
		}, s)
	}
	return strings.TrimSpace(s)
}

func isStripped(r rune) bool {
	if r == '\n' || r == '\t' {
		return false
	}
	if unicode.IsControl(r) {
		return true
	}
	switch r {
	case '\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e',
		'\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f':
		return true
	}
	return false
}

func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
