// Command coachbot is the one binary of coachbot: the terminal chat, the scriptable ask, the
// ingestion of guides into PostgreSQL, and the service. It is the only place that reads the
// environment and flags and knows the concrete adapters.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	m := NewMain()
	err := m.Run(ctx, os.Args[1:])
	m.Close()
	stop()
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			os.Exit(0)
		}
		var u usageError
		if errors.As(err, &u) {
			fmt.Fprintln(os.Stderr, "coachbot:", err)
			os.Exit(2)
		}
		fmt.Fprintln(os.Stderr, "coachbot:", err)
		os.Exit(1)
	}
}

// Main holds what a run of the binary uses, so that tests can run it with their own streams
// and environment.
type Main struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// StdinIsTerminal tells chat whether to print prompts.
	StdinIsTerminal bool

	closers []func()
}

// NewMain returns a Main on the process's streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv, StdinIsTerminal: isTerminal(os.Stdin)}
}

// Close releases what Run opened, in reverse order.
func (m *Main) Close() {
	for i := len(m.closers) - 1; i >= 0; i-- {
		m.closers[i]()
	}
	m.closers = nil
}

func (m *Main) onClose(f func()) { m.closers = append(m.closers, f) }

type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

const topUsage = `coachbot — digital coaching assistant for very small businesses (answers in French).

Usage:
  coachbot <command> [flags]

Commands:
  chat      talk to coachbot in the terminal (works with no configuration)
  ask       answer questions from the command line, as text or JSON
  ingest    load guides into PostgreSQL (COACHBOT_DATABASE_URL)
  serve     run the Telegram and Discord adapters and the HTTP listener (health, metrics, webhook)
  health    ask a running serve whether it is alive or ready (container health checks)
  bench     measure ingestion, retrieval, messages and memory (needs a PostgreSQL server)

Programme staff (PostgreSQL):
  coach     add, list, disable coaches
  slots     publish and list coaches' availability
  workshops publish and list collective workshops
  cases     list cases, show one
  report    questions per topic, outcomes, escalations, knowledge gaps
  purge     delete conversations older than the retention period

Maintainers:
  policy    train or evaluate the escalation policy's classifier on labelled messages

  version   print the version

Run "coachbot <command> --help" for the flags of a command. Configuration comes from the
environment; see the README for the full table.
`

// Run executes one command.
func (m *Main) Run(ctx context.Context, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(m.Stderr, topUsage)
		return usageError{"a command is required"}
	}
	cmd, rest := args[0], args[1:]
	switch cmd {
	case "chat":
		return m.runChat(ctx, rest)
	case "ask":
		return m.runAsk(ctx, rest)
	case "health":
		return m.runHealth(ctx, rest)
	case "bench":
		return m.runBench(ctx, rest)
	case "ingest":
		return m.runIngest(ctx, rest)
	case "serve":
		return m.runServe(ctx, rest)
	case "coach", "coaches":
		return m.runCoach(ctx, rest)
	case "slots":
		return m.runSlots(ctx, rest)
	case "workshops", "ateliers":
		return m.runWorkshops(ctx, rest)
	case "cases":
		return m.runCases(ctx, rest)
	case "report":
		return m.runReport(ctx, rest)
	case "purge":
		return m.runPurge(ctx, rest)
	case "policy":
		return m.runPolicy(ctx, rest)
	case "version", "--version":
		fmt.Fprintln(m.Stdout, "coachbot", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(m.Stdout, topUsage)
		return nil
	}
	fmt.Fprint(m.Stderr, topUsage)
	return usageError{fmt.Sprintf("unknown command %q", cmd)}
}

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
