package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/coachbot/coachbot/bot/answer"
	"github.com/coachbot/coachbot/bot/policy"
	"github.com/coachbot/coachbot/knowledge"
)

const policyUsage = `Usage: coachbot policy train [flags] FILE...
       coachbot policy eval [--model FILE] FILE...

train fits the escalation policy's classifier (bot/policy) on labelled messages — JSON lines
{"text", "label"} or the outcome sets' {"text", "outcome", "reason"} — and writes the model
(bot/policy/model.json by default, embedded in the binary at the next build). Training is
deterministic. eval prints, for each file, how many messages the model labels as labelled,
per label, and the confusions.

Flags:
`

func (m *Main) runPolicy(ctx context.Context, args []string) error {
	if len(args) == 0 || (args[0] != "train" && args[0] != "eval") {
		fmt.Fprint(m.Stderr, policyUsage)
		return usageError{"policy needs train or eval"}
	}
	verb := args[0]
	fs := flag.NewFlagSet("policy "+verb, flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	out := fs.String("out", "bot/policy/model.json", "with train, write the model to `FILE`")
	model := fs.String("model", "", "with eval, read the model from `FILE` instead of the embedded one")
	epochs := fs.Int("epochs", 0, "with train, passes over the data (default 30)")
	l2 := fs.Float64("l2", 0, "with train, the L2 penalty (default 3e-3)")
	rulesOnly := fs.Bool("rules", false, "with eval, judge the hand-written rules alone (for comparison)")
	cards := fs.Bool("cards", false, "with train, add the questions of the bundled guides' cards as ordinary questions (none), except the programme's own and emergencies")
	fs.Usage = func() { fmt.Fprint(m.Stderr, policyUsage); fs.PrintDefaults() }
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return usageError{"policy " + verb + " needs at least one file of labelled messages"}
	}
	if verb == "train" {
		var all []policy.Example
		for _, f := range fs.Args() {
			ex, err := policy.LoadExamples(f)
			if err != nil {
				return err
			}
			all = append(all, ex...)
		}
		if *cards {
			ex, err := cardQuestions()
			if err != nil {
				return err
			}
			all = append(all, ex...)
		}
		mdl, err := policy.Train(all, policy.TrainOptions{Epochs: *epochs, L2: *l2})
		if err != nil {
			return err
		}
		b, err := mdl.Save()
		if err != nil {
			return err
		}
		if err := os.WriteFile(*out, b, 0o644); err != nil {
			return err
		}
		fmt.Fprintf(m.Stdout, "trained on %s; wrote %s\n", mdl.Trained, *out)
		return nil
	}
	var mdl *policy.Model
	if *model != "" {
		b, err := os.ReadFile(*model)
		if err != nil {
			return err
		}
		if mdl, err = policy.Load(b); err != nil {
			return fmt.Errorf("read model %s: %w", *model, err)
		}
	} else {
		mdl = policy.Default()
	}
	for _, f := range fs.Args() {
		ex, err := policy.LoadExamples(f)
		if err != nil {
			return err
		}
		decide := mdl.Decide
		if *rulesOnly {
			decide = policy.Rules
		}
		e := policy.Evaluate(decide, ex)
		fmt.Fprintf(m.Stdout, "%s: %d/%d right (%.1f %%)\n", f, e.Right, e.N, 100*float64(e.Right)/float64(max(1, e.N)))
		for _, l := range policy.Labels {
			fmt.Fprintf(m.Stdout, "  %-17s %d/%d\n", l, e.PerLabel[l][0], e.PerLabel[l][1])
		}
		for _, c := range e.Confusions {
			fmt.Fprintf(m.Stdout, "  %s\n", strings.TrimSpace(c))
		}
	}
	return nil
}

// cardQuestions are the questions of the bundled guides' cards (heading and formulations),
// owners' ordinary questions in their words: the policy must answer them. Cards of the
// programme's own guides (asking for a coach) and emergency cards are left out: those
// messages may rightly need a person.
func cardQuestions() ([]policy.Example, error) {
	guides, _, err := knowledge.Bundled()
	if err != nil {
		return nil, err
	}
	var out []policy.Example
	for _, g := range guides {
		if g.Topic == "accompagnement" {
			continue
		}
		for _, c := range knowledge.Split(g) {
			if !c.Card() || answer.Wants(c.Heading)&(answer.Urgent|answer.Delegate) != 0 {
				continue
			}
			for _, q := range c.Questions() {
				out = append(out, policy.Example{Text: q, Label: policy.None})
			}
		}
	}
	return out, nil
}
