// Package terminal is coachbot in a terminal: the interactive chat and the scriptable `ask`
// that is part of the core contract (see DESIGN.md).
package terminal

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coachbot/coachbot/bot"
)

// Handler is the core as the terminal uses it.
type Handler interface {
	Handle(ctx context.Context, m bot.Message) bot.Reply
}

// AskResult is one answer of `coachbot ask --json`, field for field the contract of DESIGN.md.
type AskResult struct {
	Question         string       `json:"question"`
	Outcome          bot.Outcome  `json:"outcome"`
	Answer           string       `json:"answer"`
	Sources          []bot.Source `json:"sources"`
	Escalate         bool         `json:"escalate"`
	EscalationReason string       `json:"escalation_reason"`
	LatencyMS        float64      `json:"latency_ms"`
}

// Ask answers one question as a conversation of its own.
func Ask(ctx context.Context, h Handler, question string, conv int) AskResult {
	start := time.Now()
	r := h.Handle(ctx, bot.Message{
		Channel:  bot.ChannelTerminal,
		ChatID:   "ask-" + strconv.FormatInt(time.Now().UnixNano(), 36) + "-" + strconv.Itoa(conv),
		UserID:   "ask",
		Text:     question,
		UpdateID: "",
	})
	lat := time.Since(start)
	src := r.Sources
	if src == nil {
		src = []bot.Source{}
	}
	return AskResult{
		Question: question, Outcome: r.Outcome, Answer: r.Text, Sources: src,
		Escalate: r.Escalate, EscalationReason: r.EscalationReason,
		LatencyMS: float64(lat.Microseconds()) / 1000,
	}
}

// AskAll answers each non-empty line of in as an independent question, writing one result per
// line (JSON objects, or text blocks separated by a blank line).
func AskAll(ctx context.Context, h Handler, in io.Reader, out io.Writer, asJSON bool) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	n := 0
	for sc.Scan() {
		q := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(q) == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		res := Ask(ctx, h, q, n)
		if err := WriteResult(out, res, asJSON, n > 0); err != nil {
			return err
		}
		n++
	}
	return sc.Err()
}

// WriteResult prints one answer.
func WriteResult(out io.Writer, r AskResult, asJSON, separate bool) error {
	if asJSON {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(out, "%s\n", b)
		return err
	}
	if separate {
		fmt.Fprintln(out)
	}
	_, err := fmt.Fprintln(out, Render(bot.Reply{Text: r.Answer, Sources: r.Sources}))
	return err
}

// Render formats a reply for a terminal: the text, the buttons as numbered choices, the
// attachments and the sources with their links.
func Render(r bot.Reply) string {
	var b strings.Builder
	b.WriteString(r.Text)
	n := 0
	for _, row := range r.Buttons {
		for _, btn := range row {
			if n == 0 {
				b.WriteString("\n\nTapez ")
			} else {
				b.WriteString(" · ")
			}
			n++
			fmt.Fprintf(&b, "%d : %s", n, btn.Label)
		}
	}
	if len(r.Sources) > 0 {
		b.WriteString("\n\nSources :")
		for i, s := range r.Sources {
			fmt.Fprintf(&b, "\n[%d] %s", i+1, s.Title)
			if s.URL != "" {
				fmt.Fprintf(&b, " — %s", s.URL)
			}
		}
	}
	return b.String()
}

// ChatOptions configure an interactive session.
type ChatOptions struct {
	UserID   string
	UserName string
	// CoachUserID is the identity "/moi coach" switches to (a registered coach of the
	// terminal channel); empty disables the switch.
	CoachUserID string
	CoachName   string
	// Interactive prints the prompt and the welcome message.
	Interactive bool
	// SaveAttachment stores a file sent with a reply and returns where it went.
	SaveAttachment func(a bot.Attachment) (string, error)
}

// Notifier prints the notifications of terminal conversations (a coach told of a case, an
// owner receiving a coach's answer) in the chat's output, labelled with their recipient.
type Notifier struct {
	mu    sync.Mutex
	w     io.Writer
	save  func(a bot.Attachment) (string, error)
	names map[string]string
}

// NewNotifier returns a notifier writing to w; names maps chat ids to how they are shown.
func NewNotifier(w io.Writer, save func(a bot.Attachment) (string, error), names map[string]string) *Notifier {
	return &Notifier{w: w, save: save, names: names}
}

// Notify implements bot.Notifier for the terminal channel.
func (n *Notifier) Notify(_ context.Context, note bot.Notification) error {
	if note.To.Channel != bot.ChannelTerminal {
		return fmt.Errorf("terminal notifier: cannot reach channel %s", note.To.Channel)
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	who := n.names[note.To.ChatID]
	if who == "" {
		who = note.To.ChatID
	}
	fmt.Fprintf(n.w, "\n┌── message pour %s ──\n", who)
	for _, l := range strings.Split(Render(note.Reply), "\n") {
		fmt.Fprintf(n.w, "│ %s\n", l)
	}
	for _, a := range note.Reply.Attachments {
		if n.save == nil {
			continue
		}
		if where, err := n.save(a); err == nil {
			fmt.Fprintf(n.w, "│ Fichier joint : %s\n", where)
		}
	}
	fmt.Fprintln(n.w, "└──")
	return nil
}

// Chat runs a conversation on in and out until end of input or "/quitter".
func Chat(ctx context.Context, h Handler, in io.Reader, out io.Writer, opts ChatOptions) error {
	if opts.UserID == "" {
		opts.UserID = "terminal"
	}
	who, name := opts.UserID, opts.UserName
	msg := func(text string, action *bot.Action) bot.Message {
		return bot.Message{Channel: bot.ChannelTerminal, ChatID: who, UserID: who, UserName: name, Text: text, Action: action}
	}
	var last []bot.Button
	show := func(r bot.Reply) {
		fmt.Fprintln(out, Render(r))
		for _, a := range r.Attachments {
			if opts.SaveAttachment == nil {
				continue
			}
			if where, err := opts.SaveAttachment(a); err == nil {
				fmt.Fprintf(out, "\nFichier joint : %s\n", where)
			} else {
				fmt.Fprintf(out, "\nFichier joint %s non enregistré : %v\n", a.Name, err)
			}
		}
		last = last[:0]
		for _, row := range r.Buttons {
			last = append(last, row...)
		}
	}
	prompt := func() {
		if opts.Interactive {
			fmt.Fprint(out, "\n> ")
		}
	}
	if opts.Interactive {
		show(h.Handle(ctx, msg("/start", nil)))
		help := "\n(Tapez /quitter pour sortir."
		if opts.CoachUserID != "" {
			help += " « /moi coach » pour jouer le coach de démonstration."
		}
		fmt.Fprintln(out, help+")")
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	prompt()
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		line := strings.TrimSpace(sc.Text())
		switch strings.ToLower(line) {
		case "/quitter", "/quit", "/exit":
			return nil
		case "/moi coach":
			if opts.CoachUserID == "" {
				fmt.Fprintln(out, "(Aucun coach de démonstration dans cette session.)")
			} else {
				who, name = opts.CoachUserID, opts.CoachName
				last = last[:0]
				fmt.Fprintf(out, "(Vous écrivez maintenant en tant que %s, coach. /aide liste les commandes des coaches ; /moi patron pour revenir.)\n", opts.CoachName)
			}
			prompt()
			continue
		case "/moi patron", "/moi client", "/moi proprietaire":
			who, name = opts.UserID, opts.UserName
			last = last[:0]
			fmt.Fprintln(out, "(Vous écrivez de nouveau en tant que chef d'entreprise.)")
			prompt()
			continue
		}
		var r bot.Reply
		if k, err := strconv.Atoi(line); err == nil && k >= 1 && k <= len(last) {
			a := last[k-1].Action
			fmt.Fprintf(out, "(%s)\n", last[k-1].Label)
			r = h.Handle(ctx, msg("", &a))
		} else {
			r = h.Handle(ctx, msg(line, nil))
		}
		if !opts.Interactive {
			fmt.Fprintln(out)
		}
		show(r)
		prompt()
	}
	if opts.Interactive {
		fmt.Fprintln(out)
	}
	return sc.Err()
}
