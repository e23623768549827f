package bot

import (
	"context"
	"errors"
	"log/slog"
	"math"
	"strings"
	"sync"
	"text/template"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/coachbot/coachbot/bot/answer"
	"github.com/coachbot/coachbot/bot/policy"
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
	// Store keeps conversations, coaches, slots, bookings, workshops and cases. Required.
	Store Store
	// Notifier delivers messages to coaches and owners other than the sender; nil drops them
	// (with a log line).
	Notifier Notifier
	// Answerer composes answers; nil means the extractive answerer.
	Answerer Answerer
	// Templates are the parsed prompts (prompts.Parse).
	Templates *template.Template
	Logger    *slog.Logger
	// Now returns the current time (tests set it); nil means time.Now.
	Now func() time.Time
	// RetentionDays is how long conversations are kept, as told to owners (default 180).
	RetentionDays int
	// MinConfidence under which an answer comes with the offer of a coach (default 0.55:
	// under it, fewer than half of the answers of the judged set were useful; see
	// answer.Confidence).
	MinConfidence float64
	// MaxQuestionChars bounds the part of a message used for retrieval (default 1500).
	MaxQuestionChars int
	// MaxStoredChars bounds what is stored of one message (default 20000); a longer message
	// is stored truncated, with a note.
	MaxStoredChars int
	// MaxAnswerChars bounds a model's answer (default 1500); longer ones fall back to the
	// extractive answer.
	MaxAnswerChars int
	// OnFallback is called when a model's answer is refused or fails (for metrics), with a
	// short code (model_error, no_answer, or a GuardResult.Code) and the detail.
	OnFallback func(code, why string)
	// Rewriter, when set, makes a short follow-up standalone ("et pour Instagram ?") with a
	// language model; the built-in rules are used when it is nil or fails.
	Rewriter Rewriter
	// Summarizer, when set, adds a two-sentence summary to the cases coaches receive.
	Summarizer Summarizer
	// Observe, when set, is told of every message handled, its reply and how long it took
	// (metrics). It must not block.
	Observe func(m Message, r Reply, took time.Duration)
	// StoreRetry is how long the core retries the store before it answers that it cannot
	// (default 15 s): taking the conversation, reading it, storing the turns and the state.
	StoreRetry time.Duration
}

// Rewriter turns a follow-up into a standalone question, given the previous questions.
type Rewriter interface {
	Rewrite(ctx context.Context, history []string, question string) (string, error)
}

// Summarizer summarises a case for coaches.
type Summarizer interface {
	Summarize(ctx context.Context, c Case) (string, error)
}

// Bot is the conversation core.
type Bot struct {
	cfg        Config
	store      Store
	extractive *Extractive
	log        *slog.Logger

	sumMu     sync.Mutex
	summaries map[string]string // model summaries of cases, by case and number of questions
}

// New checks cfg and returns the core.
func New(cfg Config) (*Bot, error) {
	if cfg.Retriever == nil {
		return nil, errors.New("bot: a retriever is required")
	}
	if cfg.Store == nil {
		return nil, errors.New("bot: a store is required")
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
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.RetentionDays <= 0 {
		cfg.RetentionDays = 180
	}
	if cfg.MinConfidence <= 0 {
		cfg.MinConfidence = 0.55
	}
	if cfg.MaxQuestionChars <= 0 {
		cfg.MaxQuestionChars = 1500
	}
	if cfg.StoreRetry <= 0 {
		cfg.StoreRetry = 15 * time.Second
	}
	if cfg.MaxStoredChars <= 0 {
		cfg.MaxStoredChars = 20000
	}
	if cfg.MaxAnswerChars <= 0 {
		cfg.MaxAnswerChars = 1500
	}
	b := &Bot{cfg: cfg, store: cfg.Store, extractive: NewExtractive(cfg.Templates), log: cfg.Logger}
	if b.cfg.Answerer == nil {
		b.cfg.Answerer = b.extractive
	}
	// Fail now, not in front of a user, if a message template cannot be rendered.
	if err := b.checkTemplates(); err != nil {
		return nil, err
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

// answer retrieves guides for a question and composes the reply.
func (b *Bot) answer(ctx context.Context, m Message, question string) Reply {
	r, _ := b.answerWith(ctx, m, question)
	return r
}

// answerWith is answer, also returning what retrieval found.
func (b *Bot) answerWith(ctx context.Context, m Message, question string) (Reply, knowledge.Result) {
	return b.answerInContext(ctx, m, question, nil)
}

// answerInContext is answerWith for a question that follows others (history, oldest first),
// which a model may read for context.
func (b *Bot) answerInContext(ctx context.Context, m Message, question string, history []string) (Reply, knowledge.Result) {
	r, res, _ := b.answerParts(ctx, m, question, answer.Read(b.clip(question)), answer.Prefs{}, history)
	return r, res
}

// clip bounds the part of a message used for retrieval.
func (b *Bot) clip(question string) string {
	if len(question) > b.cfg.MaxQuestionChars {
		return truncateUTF8(question, b.cfg.MaxQuestionChars)
	}
	return question
}

// answerParts answers the questions of a message (parts; the message itself when there are
// none), each from what retrieval finds for it, and returns the reply, what retrieval found
// for the first question the guides deal with, and the answer (for the units it sent).
func (b *Bot) answerParts(ctx context.Context, m Message, question string, parts []answer.Part, prefs answer.Prefs, history []string) (Reply, knowledge.Result, Answer) {
	long := len(question) > b.cfg.MaxQuestionChars
	question = b.clip(question)
	if len(parts) == 0 {
		parts = []answer.Part{answer.NewPart(question, question)}
	}
	var reqs []PartRequest
	var res knowledge.Result
	first := true
	for _, p := range parts {
		r, err := b.retrievePart(ctx, p)
		if err != nil {
			if errors.Is(err, knowledge.ErrEmptyIndex) {
				b.log.Error("no guide loaded")
				return Reply{Text: b.say("no_guides", b.data(m)), Outcome: Error}, r, Answer{}
			}
			b.log.Error("retrieve", "channel", m.Channel, "err", err)
			return Reply{Text: b.say("error", b.data(m)), Outcome: Error}, r, Answer{}
		}
		if first || (!res.InScope && r.InScope) {
			res, first = r, false
		}
		if len(r.Query.Terms) > 0 && (r.InScope || len(parts) == 1) {
			reqs = append(reqs, PartRequest{Part: p, Retrieval: r})
		}
	}
	if !res.InScope && len(parts) > 1 {
		// "Des clients proposent de payer par Wero. C'est quoi exactement, et c'est fiable
		// pour moi ?": questions too short to be judged alone, the message as a whole is
		whole := answer.NewPart(question, question)
		whole.Message = question
		if r, err := b.retrievePart(ctx, whole); err == nil && r.InScope {
			res, reqs = r, []PartRequest{{Part: whole, Retrieval: r}}
		}
	}
	if len(res.Query.Terms) == 0 {
		return Reply{Text: b.say("too_short", b.data(m)), Outcome: Clarify}, res, Answer{}
	}
	if !res.InScope {
		if res.Digital && policy.OffRemitArea(question) != "" {
			// a business question the guides do not cover: who answers it
			r := b.offRemit(m)
			r.Confidence = round3(res.Confidence)
			return r, res, Answer{}
		}
		d := b.data(m)
		d["Digital"] = res.Digital
		return Reply{Text: b.say("out_of_scope", d), Outcome: OutOfScope, Confidence: round3(res.Confidence)}, res, Answer{}
	}
	conf := res.Confidence
	for _, pr := range reqs {
		conf = math.Min(conf, pr.Retrieval.Confidence)
	}
	ans, err := b.composeAnswer(ctx, m, question, reqs, prefs, history)
	if err != nil {
		b.log.Error("extractive answer", "err", err)
		return Reply{Text: b.say("error", b.data(m)), Outcome: Error}, res, Answer{}
	}
	if !ans.ByModel && ans.Grounded {
		// how likely the units sent answer the message (calibrated on the judged set)
		conf = answer.Confidence(conf, ans.Match)
	}
	r := Reply{Text: ans.Text, Sources: ans.Sources, Outcome: Answered, Confidence: round3(conf), Tokens: ans.Tokens, ByModel: ans.ByModel}
	if !ans.Grounded {
		r.Text = b.say("low_confidence", b.data(m))
		r.Sources = nil
		r.Outcome = Clarify
	}
	if long {
		r.Text = b.say("long_message", b.data(m)) + "\n\n" + r.Text
	}
	if conf < b.cfg.MinConfidence || ans.WantsCoach {
		// a coach is offered, not imposed (a model asking for one only adds the offer)
		r.Escalate = true
		r.EscalationReason = ReasonLowConfidence
		if ans.Grounded {
			r.Text += "\n\n" + b.say("low_confidence", b.data(m))
		}
	}
	r.Buttons = [][]Button{{
		{Label: "Cela m'a aidé", Action: Action{Kind: ActHelped}},
		{Label: "Parler à un coach", Action: Action{Kind: ActCoach}},
	}}
	return r, res, ans
}

// emergencyWords are added to the search for a question about an attack or a fraud in
// progress, whose own words (a parcel, a supplier, a bank) would find other guides.
const emergencyWords = "arnaque piratage que faire tout de suite"

// emergencyKinds finds the emergency cards of the security guides, whatever the message.
const emergencyKinds = "piraté arnaque escroc que faire tout de suite urgence compte bloqué rançon faux"

// bankWords are added to a second search when money is at stake in an emergency.
const bankWords = "appeler la banque opposition carte rappel du virement"

// retrievePart finds the passages that answer one question. For an emergency (an attack,
// a fraud, a hacked account) on the programme's guides, only the security guides and the
// emergency cards of other guides count: the emergency steps come from them, whatever else
// the message's words match.
func (b *Bot) retrievePart(ctx context.Context, p answer.Part) (knowledge.Result, error) {
	if p.Want&answer.Urgent == 0 && !p.Incident {
		res, err := b.retrieve(ctx, p.Text)
		if err == nil && p.Situation != "" {
			// the problem a story tells, searched on its own: its guide is not crowded out
			if more, err := b.retrieve(ctx, p.Situation); err == nil {
				res = answer.Merge(res, more)
			}
		}
		return res, err
	}
	res, err := b.retrieve(ctx, p.Text+" "+emergencyWords)
	if err != nil || !res.Digital {
		return res, err
	}
	// every kind of emergency is a candidate, whatever else the message's words match
	if more, err := b.retrieve(ctx, emergencyKinds); err == nil {
		res = answer.Merge(res, more)
	}
	if answer.MoneyAtStake(p.Message + " " + p.Text) {
		// the bank's part of the emergency steps, whatever the rest is about
		if more, err := b.retrieve(ctx, p.Text+" "+bankWords); err == nil {
			res = answer.Merge(res, more)
		}
	}
	emergency := func(c knowledge.Chunk) bool { return c.Topic == "cybersecurite" || answer.EmergencyCard(c) }
	if cyber := answer.Restrict(res, emergency); len(cyber.Passages) > 0 {
		cyber.InScope = true
		return cyber, nil
	}
	return res, nil
}

// retrieve asks the retriever, waiting for a store that restarts as the core waits for its
// other stores (StoreRetry): a question asked during a database restart is answered once it
// is back, not with an apology. No guide loaded is not waited for.
func (b *Bot) retrieve(ctx context.Context, question string) (knowledge.Result, error) {
	var res knowledge.Result
	empty := false
	err := Retry(ctx, b.cfg.StoreRetry, func() (err error) {
		res, err = b.cfg.Retriever.Retrieve(ctx, question)
		if errors.Is(err, knowledge.ErrEmptyIndex) {
			empty = true
			return nil // nothing to wait for
		}
		return err
	})
	if empty {
		return res, knowledge.ErrEmptyIndex
	}
	return res, err
}

// urgent marks every part as an emergency, except a question asked on the side.
func urgent(parts []answer.Part) []answer.Part {
	parts = answer.OneIncident(parts)
	for i := range parts {
		if !parts[i].Side {
			parts[i].Want |= answer.Urgent
		}
	}
	return parts
}

// composeAnswer asks the configured answerer and checks what a model wrote; any failure or
// refused answer falls back to the extractive answer, which needs no network.
func (b *Bot) composeAnswer(ctx context.Context, m Message, question string, parts []PartRequest, prefs answer.Prefs, history []string) (Answer, error) {
	req := AnswerRequest{Question: question, Retrieval: parts[0].Retrieval, History: history, Parts: parts, Prefs: prefs}
	for _, p := range parts {
		req.Passages = appendPassages(req.Passages, answerPassages(p.Retrieval, 6), 6)
	}
	if b.cfg.Answerer != b.extractive {
		ans, err := b.cfg.Answerer.Answer(ctx, req)
		why, code := "", ""
		switch {
		case err != nil:
			why, code = "model error: "+err.Error(), "model_error"
		case !ans.Grounded:
			why, code = "model gave no answer", "no_answer"
		default:
			g := GuardModelAnswer(ans.Text, req.Passages, b.systemPrompt(), b.cfg.MaxAnswerChars)
			if g.OK {
				if g.Why != "" {
					b.log.Warn("model answer cleaned", "removed", g.Why)
				}
				return Answer{Text: g.Text, Sources: g.Sources, Grounded: true, WantsCoach: ans.WantsCoach, WantsCoachReason: ans.WantsCoachReason, Tokens: ans.Tokens, ByModel: true}, nil
			}
			why, code = g.Why, g.Code
		}
		b.log.Warn("model answer not used, extractive answer instead", "reason", why, "code", code, "channel", m.Channel)
		if b.cfg.OnFallback != nil {
			b.cfg.OnFallback(code, why)
		}
		ext, err := b.extractive.Answer(ctx, req)
		ext.Tokens = ans.Tokens
		// a model that asked for a coach keeps the offer even when its text is not used
		ext.WantsCoach, ext.WantsCoachReason = ans.WantsCoach, ans.WantsCoachReason
		return ext, err
	}
	return b.extractive.Answer(ctx, req)
}

// answerPassages are the passages an answer may cite: the best ones, at most two per guide.
func answerPassages(res knowledge.Result, n int) []knowledge.Passage {
	var out []knowledge.Passage
	per := map[string]int{}
	for _, p := range res.Passages {
		if len(out) == n {
			break
		}
		if per[p.Chunk.GuideID] == 2 {
			continue
		}
		per[p.Chunk.GuideID]++
		out = append(out, p)
	}
	return out
}

// appendPassages adds the passages of ps that are not in out yet, up to n in all.
func appendPassages(out, ps []knowledge.Passage, n int) []knowledge.Passage {
	for _, p := range ps {
		if len(out) >= n {
			break
		}
		dup := false
		for _, o := range out {
			if o.Chunk.Key() == p.Chunk.Key() {
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, p)
		}
	}
	return out
}

// systemPrompt is the language model's system prompt, which its answers must never repeat.
func (b *Bot) systemPrompt() string {
	s, _ := b.render("llm_system", nil)
	return s
}

// minGuideConfidence is the retrieval confidence from which what the guides say is given
// before booking a coach for a dispute or a frustration.
const minGuideConfidence = 0.4

// minFrustratedConfidence is the confidence an answer needs to come with the coach offered
// to an owner annoyed with the answers, who asks a question again.
const minFrustratedConfidence = 0.3

// Escalation reasons decided by the core itself (the policy's are in escalation.go).
const (
	// ReasonLowConfidence: the guides may not answer; a coach is offered, not imposed.
	ReasonLowConfidence = "low_confidence"
	// ReasonRepeated: answers did not help several times in a row.
	ReasonRepeated = "repeated_unhelpful"
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

// checkTemplates renders every message template once with sample data, so that a broken
// template stops the program at start-up.
func (b *Bot) checkTemplates() error {
	d := b.data(Message{Text: "/x", UserName: "Marie"})
	for k, v := range map[string]any{
		"Coach": "Camille", "Reason": ReasonExplicit, "Case": int64(1), "Region": "Île-de-France", "Slots": "1. …",
		"When": "mardi 3 décembre à 14 h 00", "Mode": "en visio", "Address": "", "Ref": "RDV-ABCDEF", "Lines": "- …",
		"Title": "Atelier", "Place": "en visio", "Messages": 3, "Cancelled": 1, "Bookings": 1, "Workshops": 0, "Cases": 1,
		"Usage": "/cas N", "ID": int64(1), "Summary": "Cas n° 1", "Erased": false, "By": "Karim", "Status": CaseClaimed,
		"Text": "Bonjour", "Error": "erreur", "N": 3, "First": "lundi", "Last": "mardi", "Reminder": true, "Step": StepPostcode, "Area": "",
		"InRegion": "en Bretagne", "OnSite": false, "Served": "en Île-de-France", "Steps": []string{"Appelez votre banque."},
	} {
		d[k] = v
	}
	for _, t := range b.cfg.Templates.Templates() {
		name := t.Name()
		if name == "prompts" || strings.HasSuffix(name, ".tmpl") || strings.HasPrefix(name, "llm_") {
			// prompts for a language model are rendered (and tested) by their adapter
			continue
		}
		if _, err := b.render(name, d); err != nil {
			return err
		}
	}
	return nil
}

// Escalation reasons of the policy (bot/policy), under the names the core uses.
const (
	ReasonExplicit    = policy.ReasonExplicit
	ReasonDispute     = policy.ReasonDispute
	ReasonAccounting  = policy.ReasonAccounting
	ReasonCyberUrgent = policy.ReasonCyberUrgent
	ReasonFrustration = policy.ReasonFrustration
	ReasonOffRemit    = policy.ReasonOffRemit
)
