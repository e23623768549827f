package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/prompts"
)

// adminStore opens the PostgreSQL store for the staff commands: the embedded default keeps
// its data in the memory of the chat process, so there is nothing to administer from outside.
func (m *Main) adminStore(ctx context.Context) (Config, *postgres.Store, error) {
	cfg, err := LoadConfig(m.Getenv)
	if err != nil {
		return cfg, nil, err
	}
	if cfg.DatabaseURL == "" {
		return cfg, nil, errors.New("this command needs COACHBOT_DATABASE_URL: the embedded default keeps its data in the memory of `coachbot chat` (where demo coaches, slots and workshops are loaded)")
	}
	db, err := m.openDB(ctx, cfg)
	if err != nil {
		return cfg, nil, err
	}
	return cfg, postgres.NewStore(db), nil
}

func newFlags(name, usage string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, usage); fs.PrintDefaults() }
	return fs
}

const coachUsage = `Usage:
  coachbot coach add --name NAME --channel telegram|discord|terminal --user ID [--chat ID] [--regions IDF,PAC] [--address ADDR]
  coachbot coach list
  coachbot coach disable ID | enable ID

Registers the coaches of the programme. Only a registered coach (channel + user id) can use
the coach commands (/cas, /prendre, /repondre, /clore, /dispo). Region codes: ` + "ARA BFC BRE CVL COR GES HDF IDF NOR NAQ OCC PDL PAC GUA MTQ GUY REU MAY COM" + `.

Flags:
`

func (m *Main) runCoach(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(m.Stderr, coachUsage)
		if len(args) == 0 {
			return usageError{"coach needs a subcommand: add, list, disable, enable"}
		}
		return flag.ErrHelp
	}
	sub, rest := args[0], args[1:]
	fs := newFlags("coach "+sub, coachUsage, m.Stderr)
	name := fs.String("name", "", "first name shown to owners")
	channel := fs.String("channel", "", "platform: telegram, discord or terminal")
	user := fs.String("user", "", "the coach's user id on that platform")
	chat := fs.String("chat", "", "where notifications go (default: the user id, a private chat)")
	regions := fs.String("regions", "", "comma-separated region codes served on site or by phone")
	address := fs.String("address", "", "address for on-site sessions")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	_, st, err := m.adminStore(ctx)
	if err != nil {
		return err
	}
	switch sub {
	case "add":
		if *name == "" || *user == "" || (*channel != bot.ChannelTelegram && *channel != bot.ChannelDiscord && *channel != bot.ChannelTerminal) {
			fs.Usage()
			return usageError{"coach add needs --name, --user and --channel telegram|discord|terminal"}
		}
		var regs []string
		for _, r := range strings.Split(*regions, ",") {
			if r = strings.ToUpper(strings.TrimSpace(r)); r == "" {
				continue
			}
			if bot.RegionName(r) == "" {
				return usageError{fmt.Sprintf("unknown region code %q", r)}
			}
			regs = append(regs, r)
		}
		c, err := st.AddCoach(ctx, bot.Coach{Name: *name, Channel: *channel, UserID: *user, ChatID: *chat, Regions: regs, Address: *address, Active: true})
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "coach %d added: %s (%s %s)\n", c.ID, c.Name, c.Channel, c.UserID)
		return nil
	case "list":
		cs, err := st.ListCoaches(ctx)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tNAME\tCHANNEL\tUSER\tREGIONS\tACTIVE")
		for _, c := range cs {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%v\n", c.ID, c.Name, c.Channel, c.UserID, strings.Join(c.Regions, ","), c.Active)
		}
		return w.Flush()
	case "disable", "enable":
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return usageError{"coach " + sub + " needs a coach ID"}
		}
		if err := st.SetCoachActive(ctx, id, sub == "enable"); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "coach %d %sd\n", id, sub)
		return nil
	}
	fmt.Fprint(m.Stderr, coachUsage)
	return usageError{fmt.Sprintf("unknown coach subcommand %q", sub)}
}

const slotsUsage = `Usage:
  coachbot slots add --coach ID --pattern "mardi 9 h-12 h, créneaux de 45 min, 4 semaines" [--mode visio|telephone|sur_place]
  coachbot slots add --coach ID --pattern "3 décembre 14 h, 45 min, téléphone"
  coachbot slots list [--coach ID]

Publishes a coach's availability (the same French patterns as /dispo in the chat), in
Europe/Paris time. Two slots of one coach can never overlap: the database refuses them.

Flags:
`

func (m *Main) runSlots(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(m.Stderr, slotsUsage)
		if len(args) == 0 {
			return usageError{"slots needs a subcommand: add, list"}
		}
		return flag.ErrHelp
	}
	sub, rest := args[0], args[1:]
	fs := newFlags("slots "+sub, slotsUsage, m.Stderr)
	coach := fs.Int64("coach", 0, "coach `ID`")
	pattern := fs.String("pattern", "", "availability in French, as coaches type it after /dispo")
	mode := fs.String("mode", "", "force the mode: visio, telephone or sur_place")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	_, st, err := m.adminStore(ctx)
	if err != nil {
		return err
	}
	now := time.Now()
	switch sub {
	case "add":
		if *coach == 0 || *pattern == "" {
			fs.Usage()
			return usageError{"slots add needs --coach and --pattern"}
		}
		c, err := st.Coach(ctx, *coach)
		if err != nil {
			return err
		}
		av, err := bot.ParseAvailability(*pattern, now)
		if err != nil {
			return fmt.Errorf("--pattern: %w", err)
		}
		if *mode != "" {
			av.Mode = *mode
		}
		slots := make([]bot.Slot, len(av.Starts))
		for i, s := range av.Starts {
			slots[i] = bot.Slot{CoachID: c.ID, Start: s, End: s.Add(av.Duration), Mode: av.Mode}
			if av.Mode == bot.ModeOnSite {
				slots[i].Address = c.Address
			}
		}
		added, err := st.AddSlots(ctx, slots)
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "%d slots added for %s, from %s to %s (Europe/Paris)\n", len(added), c.Name,
			added[0].Start.In(bot.Paris).Format("2006-01-02 15:04"), added[len(added)-1].Start.In(bot.Paris).Format("2006-01-02 15:04"))
		return nil
	case "list":
		var coaches []bot.Coach
		if *coach != 0 {
			c, err := st.Coach(ctx, *coach)
			if err != nil {
				return err
			}
			coaches = []bot.Coach{c}
		} else if coaches, err = st.ListCoaches(ctx); err != nil {
			return err
		}
		w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tCOACH\tSTART (PARIS)\tEND\tMODE\tBOOKED")
		for _, c := range coaches {
			slots, err := st.CoachSlots(ctx, c.ID, now)
			if err != nil {
				return err
			}
			for _, s := range slots {
				fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%v\n", s.ID, c.Name, s.Start.In(bot.Paris).Format("2006-01-02 15:04"), s.End.In(bot.Paris).Format("15:04"), s.Mode, s.Booked)
			}
		}
		return w.Flush()
	}
	fmt.Fprint(m.Stderr, slotsUsage)
	return usageError{fmt.Sprintf("unknown slots subcommand %q", sub)}
}

const workshopsUsage = `Usage:
  coachbot workshops add --title TITLE --at "2026-12-10 09:00" [--duration 3h] --mode visio|sur_place [--place ADDR] [--region CODE] [--topic TOPIC] --capacity N
  coachbot workshops list

Publishes the collective workshops owners can register to (/ateliers). Capacity is enforced
by the database.

Flags:
`

func (m *Main) runWorkshops(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(m.Stderr, workshopsUsage)
		if len(args) == 0 {
			return usageError{"workshops needs a subcommand: add, list"}
		}
		return flag.ErrHelp
	}
	sub, rest := args[0], args[1:]
	fs := newFlags("workshops "+sub, workshopsUsage, m.Stderr)
	title := fs.String("title", "", "title shown to owners")
	topic := fs.String("topic", "", "topic of the taxonomy")
	at := fs.String("at", "", "start, Europe/Paris time: 2006-01-02 15:04")
	dur := fs.Duration("duration", 3*time.Hour, "length")
	mode := fs.String("mode", bot.ModeOnSite, "visio or sur_place")
	place := fs.String("place", "", "address (or \"en visio\")")
	region := fs.String("region", "", "region code")
	capacity := fs.Int("capacity", 0, "number of seats")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	_, st, err := m.adminStore(ctx)
	if err != nil {
		return err
	}
	switch sub {
	case "add":
		start, err := time.ParseInLocation("2006-01-02 15:04", *at, bot.Paris)
		if err != nil || *title == "" || *capacity <= 0 || (*mode != bot.ModeVisio && *mode != bot.ModeOnSite) {
			fs.Usage()
			return usageError{"workshops add needs --title, --at \"YYYY-MM-DD HH:MM\", --capacity > 0 and --mode visio|sur_place"}
		}
		if *topic != "" && !knowledge.IsTopic(*topic) {
			return usageError{fmt.Sprintf("--topic %q is not a topic of the taxonomy", *topic)}
		}
		if *region != "" && bot.RegionName(*region) == "" {
			return usageError{fmt.Sprintf("unknown region code %q", *region)}
		}
		p := *place
		if *mode == bot.ModeVisio && p == "" {
			p = "en visio"
		}
		w, err := st.AddWorkshop(ctx, bot.Workshop{Title: *title, Topic: *topic, Start: start, End: start.Add(*dur), Mode: *mode, Place: p, Region: strings.ToUpper(*region), Capacity: *capacity})
		if err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "workshop %d added: %s\n", w.ID, w.Title)
		return nil
	case "list":
		ws, err := st.UpcomingWorkshops(ctx, time.Now())
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tSTART (PARIS)\tTITLE\tMODE\tREGION\tSEATS")
		for _, x := range ws {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%d/%d\n", x.ID, x.Start.In(bot.Paris).Format("2006-01-02 15:04"), x.Title, x.Mode, x.Region, x.Taken, x.Capacity)
		}
		return w.Flush()
	}
	fmt.Fprint(m.Stderr, workshopsUsage)
	return usageError{fmt.Sprintf("unknown workshops subcommand %q", sub)}
}

const casesUsage = `Usage:
  coachbot cases list [--status open|claimed|closed]
  coachbot cases show N

Lists the cases opened by escalations, newest first, and shows one as coaches read it.

Flags:
`

func (m *Main) runCases(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" {
		fmt.Fprint(m.Stderr, casesUsage)
		if len(args) == 0 {
			return usageError{"cases needs a subcommand: list, show"}
		}
		return flag.ErrHelp
	}
	sub, rest := args[0], args[1:]
	fs := newFlags("cases "+sub, casesUsage, m.Stderr)
	status := fs.String("status", "", "only cases with this status")
	if err := fs.Parse(rest); err != nil {
		return err
	}
	cfg, st, err := m.adminStore(ctx)
	if err != nil {
		return err
	}
	switch sub {
	case "list":
		var statuses []string
		if *status != "" {
			statuses = []string{*status}
		}
		cs, err := st.ListCases(ctx, statuses...)
		if err != nil {
			return err
		}
		w := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(w, "ID\tCREATED\tSTATUS\tREASON\tREGION\tACTIVITY")
		for _, c := range cs {
			fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\t%s\n", c.ID, c.CreatedAt.In(bot.Paris).Format("2006-01-02 15:04"), c.Status, c.Reason, c.Region, c.Activity)
		}
		return w.Flush()
	case "show":
		id, err := strconv.ParseInt(fs.Arg(0), 10, 64)
		if err != nil {
			return usageError{"cases show needs a case number"}
		}
		c, err := st.Case(ctx, id)
		if err != nil {
			return err
		}
		b, err := m.staffBot(cfg, st)
		if err != nil {
			return err
		}
		fmt.Fprintln(m.Stdout, b.CaseSummary(ctx, c, time.Now()))
		return nil
	}
	fmt.Fprint(m.Stderr, casesUsage)
	return usageError{fmt.Sprintf("unknown cases subcommand %q", sub)}
}

// staffBot is a core without retrieval, for commands that only format what is stored.
func (m *Main) staffBot(cfg Config, st bot.Store) (*bot.Bot, error) {
	tmpl, err := prompts.Parse()
	if err != nil {
		return nil, err
	}
	return bot.New(bot.Config{Retriever: noRetriever{}, Store: st, Templates: tmpl, RetentionDays: cfg.RetentionDays, Logger: m.newLogger(cfg, true)})
}

type noRetriever struct{}

func (noRetriever) Retrieve(context.Context, string) (knowledge.Result, error) {
	return knowledge.Result{}, knowledge.ErrEmptyIndex
}

const reportUsage = `Usage: coachbot report [--days 30] [--json]

What owners asked and got over a period: questions per topic, outcomes, escalation rate and
reasons, and the answered questions with the lowest confidence (the guides to write next).

Flags:
`

func (m *Main) runReport(ctx context.Context, args []string) error {
	fs := newFlags("report", reportUsage, m.Stderr)
	days := fs.Int("days", 30, "period, in days")
	asJSON := fs.Bool("json", false, "print JSON")
	gaps := fs.Int("gaps", 10, "number of lowest-confidence questions")
	if err := fs.Parse(args); err != nil {
		return err
	}
	_, st, err := m.adminStore(ctx)
	if err != nil {
		return err
	}
	rep, err := bot.BuildReport(ctx, st, time.Now().AddDate(0, 0, -*days), *gaps)
	if err != nil {
		return err
	}
	if *asJSON {
		enc := json.NewEncoder(m.Stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(rep)
	}
	WriteReport(m.Stdout, rep, *days)
	return nil
}

// WriteReport prints a report for staff.
func WriteReport(w io.Writer, rep bot.Report, days int) {
	fmt.Fprintf(w, "Last %d days: %d questions, %d escalations (%.1f%%)\n", days, rep.Questions, rep.Escalations, 100*rep.Rate)
	if rep.LLMAnswers > 0 {
		fmt.Fprintf(w, "Language model: %d answers, %d tokens (%.0f per answer)\n", rep.LLMAnswers, rep.Tokens, float64(rep.Tokens)/float64(rep.LLMAnswers))
	} else {
		fmt.Fprintln(w, "Language model: no tokens spent (extractive answers)")
	}
	section := func(title string, cs []bot.Count) {
		fmt.Fprintf(w, "\n%s\n", title)
		if len(cs) == 0 {
			fmt.Fprintln(w, "  (none)")
		}
		for _, c := range cs {
			fmt.Fprintf(w, "  %-28s %d\n", c.Label, c.N)
		}
	}
	section("Questions per topic", rep.ByTopic)
	section("Outcomes", rep.ByOutcome)
	section("Escalation reasons", rep.ByReason)
	fmt.Fprintln(w, "\nLowest-confidence answers (guides to write or improve)")
	if len(rep.Gaps) == 0 {
		fmt.Fprintln(w, "  (none)")
	}
	for _, g := range rep.Gaps {
		fmt.Fprintf(w, "  %.2f  %-22s %s\n", g.Confidence, g.Topic, g.Question)
	}
}

const purgeUsage = `Usage: coachbot purge

Deletes the conversations untouched for longer than COACHBOT_RETENTION_DAYS (default 180),
with their messages. coachbot serve also runs it every day.

Flags:
`

func (m *Main) runPurge(ctx context.Context, args []string) error {
	fs := newFlags("purge", purgeUsage, m.Stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, st, err := m.adminStore(ctx)
	if err != nil {
		return err
	}
	b, err := m.staffBot(cfg, st)
	if err != nil {
		return err
	}
	n, err := b.Purge(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(m.Stdout, "%d conversations older than %d days deleted\n", n, cfg.RetentionDays)
	return nil
}
