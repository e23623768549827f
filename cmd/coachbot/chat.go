package main

import (
	"context"
	"flag"
	"fmt"
	"os/user"

	"github.com/coachbot/coachbot/adapters/terminal"
	"github.com/coachbot/coachbot/bot"
)

const chatUsage = `Usage: coachbot chat [flags]

Talk to coachbot in the terminal, in French, exactly as an owner would on Telegram. With no
configuration it runs on the embedded default: bundled guides, memory stores, offline
embedder, extractive answers. With COACHBOT_DATABASE_URL set it uses PostgreSQL.

Type /quitter (or Ctrl-D) to leave.

Flags:
`

func (m *Main) runChat(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("chat", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	guides := fs.String("guides", "", "answer from the Markdown guides in `DIR` instead of the bundled ones")
	as := fs.String("user", "", "the user `ID` to chat as (default: your login name)")
	fs.Usage = func() { fmt.Fprint(m.Stderr, chatUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageError{"chat takes no arguments"}
	}
	cfg, err := LoadConfig(m.Getenv)
	if err != nil {
		return err
	}
	log := m.newLogger(cfg, true)
	id, name := *as, ""
	if id == "" {
		id, name = "terminal", ""
		if u, err := user.Current(); err == nil {
			id, name = u.Username, u.Name
		}
	}
	names := map[string]string{id: "vous (chef d'entreprise)"}
	notifier := terminal.NewNotifier(m.Stdout, saveAttachment, names)
	c, err := m.buildBot(ctx, cfg, knowledgeSource{guidesDir: *guides}, log, notifier)
	if err != nil {
		return err
	}
	opts := terminal.ChatOptions{UserID: id, UserName: name, Interactive: m.StdinIsTerminal, SaveAttachment: saveAttachment}
	if coaches, err := c.store.ListCoaches(ctx); err == nil {
		for _, co := range coaches {
			if co.Channel == bot.ChannelTerminal {
				names[co.ChatID] = co.Name + ", coach"
				if opts.CoachUserID == "" && co.Active {
					opts.CoachUserID, opts.CoachName = co.UserID, co.Name
				}
			}
		}
	}
	return terminal.Chat(ctx, c.bot, m.Stdin, m.Stdout, opts)
}
