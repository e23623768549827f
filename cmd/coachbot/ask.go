package main

import (
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/coachbot/coachbot/adapters/terminal"
)

const askUsage = `Usage: coachbot ask [flags] QUESTION | -

Answer one question (or, with "-", one question per line of standard input, each as its own
conversation) and print the answer with its sources. With --json, print one JSON object per
question: question, outcome, answer, sources (guide, title, topic, url, score), escalate,
escalation_reason, latency_ms.

Examples:
  coachbot ask "Comment créer ma fiche Google ?"
  printf 'q1\nq2\n' | coachbot ask --json -
  coachbot ask --guides ./faq --json -

Flags:
`

func (m *Main) runAsk(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ask", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per question")
	guides := fs.String("guides", "", "answer from the Markdown guides in `DIR` instead of the bundled ones")
	fs.Usage = func() { fmt.Fprint(m.Stderr, askUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{`ask needs a question, or "-" to read questions from standard input`}
	}
	cfg, err := LoadConfig(m.Getenv)
	if err != nil {
		return err
	}
	log := m.newLogger(cfg, true)
	// ask has no one to notify: coaches' notifications are logged at debug level
	c, err := m.buildBot(ctx, cfg, knowledgeSource{guidesDir: *guides}, log, discardNotifier{log})
	if err != nil {
		return err
	}
	if fs.NArg() == 1 && fs.Arg(0) == "-" {
		return terminal.AskAll(ctx, c.bot, m.Stdin, m.Stdout, *asJSON)
	}
	q := strings.Join(fs.Args(), " ")
	return terminal.WriteResult(m.Stdout, terminal.Ask(ctx, c.bot, q, 0), *asJSON, false)
}
