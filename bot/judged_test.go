package bot_test

import (
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/bot/judged"
)

var (
	judgedReport = flag.String("judged.report", "", "write the judged evaluation's tables (Markdown) to this file")
	judgedDump   = flag.String("judged.dump", "", "write every judged reply of the sets run (JSON lines) to this file")
	judgedSets   = flag.String("judged.sets", "set-a,set-b,set-c,set-d,set-e,set-f,set-g,set-h,set-i,set-j,set-k,set-l,safety-dev,safety-c,safety-d,safety-e,safety-f,safety-g,set-m,set-n,set-o,set-p,safety-h,set-q,set-r,set-s,set-t,set-u,set-v", "the judged sets to run (while tuning: set-a)")
)

// The judged evaluation: owner messages in seven styles and short dialogues, written by
// people who had not read the guides, each with its acceptable outcomes and the decisive
// facts a useful answer holds (bot/testdata/judged/README.md). set-a is for tuning; set-b is
// held out and only its figures are read; safety-dev (emergencies) is for tuning too. The
// floors are what this code measured, less a margin: a change that makes owners' answers
// worse fails here.
func TestJudgedAnswers(t *testing.T) {
	if testing.Short() {
		t.Skip("the judged evaluation runs in full tests only")
	}
	b := newBundledBot(t)
	ask := func(ctx context.Context, conv, text string) judged.Reply {
		r := b.Handle(ctx, bot.Message{Channel: bot.ChannelTerminal, ChatID: conv, UserID: conv, Text: text})
		out := judged.Reply{Outcome: string(r.Outcome), Text: r.Text, Confidence: r.Confidence}
		for _, s := range r.Sources {
			out.Topics = append(out.Topics, s.Topic)
		}
		for _, row := range r.Buttons {
			for _, bt := range row {
				out.Text += "\n[" + bt.Label + "]"
			}
		}
		return out
	}
	runs := map[string][]judged.Result{}
	sets := strings.Split(*judgedSets, ",")
	for _, set := range sets {
		items, err := judged.Load(filepath.Join("testdata", "judged", set+".jsonl"))
		if err != nil {
			t.Fatal(err)
		}
		runs[set] = judged.Run(context.Background(), set, items, ask)
	}
	for _, set := range sets {
		for _, r := range runs[set] {
			if p, ok := repeatedParagraph(r.Reply.Text); ok {
				t.Errorf("%s turn %d: the reply says twice %q", r.ID, r.Turn, p)
			}
		}
	}
	if *judgedDump != "" {
		var lines []string
		for _, set := range sets {
			for _, r := range runs[set] {
				j, _ := json.Marshal(r)
				lines = append(lines, string(j))
			}
		}
		if err := os.WriteFile(*judgedDump, []byte(strings.Join(lines, "\n")+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if *judgedReport != "" {
		rep := judged.Report(runs, sets, "set-a", 20)
		if err := judged.WriteSection(*judgedReport, rep); err != nil {
			t.Fatal(err)
		}
	}
	type floor struct {
		set, what string
		got       judged.Share
		min       float64
	}
	var floors []floor
	for _, set := range sets {
		s := judged.Summarize(runs[set])
		t.Logf("%s: messages %v, dialogue turns %v, safety %v, outcome %v, topic %v", set, s.Messages, s.Turns, s.Safety, s.Outcome, s.Topic)
		for _, st := range judged.Styles {
			t.Logf("%s: %-10s %v", set, st, s.ByStyle[st])
		}
		floors = append(floors,
			floor{set, "messages", s.Messages, judgedFloors[set+"/messages"]},
			floor{set, "dialogue turns", s.Turns, judgedFloors[set+"/turns"]},
			floor{set, "safety items", s.Safety, judgedFloors[set+"/safety"]})
	}
	for _, f := range floors {
		if f.got.Rate() < f.min {
			t.Errorf("%s: useful %s: %v, want at least %.0f %%", f.set, f.what, f.got, 100*f.min)
		}
	}
}

// repeatedParagraph returns a paragraph of some length that a reply says twice (a card sent
// for the bank's steps and again for a second question).
func repeatedParagraph(text string) (string, bool) {
	seen := map[string]bool{}
	for _, p := range strings.Split(text, "\n") {
		p = strings.TrimSpace(p)
		if len(p) < 60 {
			continue
		}
		if seen[p] {
			return p, true
		}
		seen[p] = true
	}
	return "", false
}

// judgedFloors are the useful shares TestJudgedAnswers requires: what this code measured
// (docs/answers.md), less a few points. The targets are higher (85 % of messages, 80 % of
// dialogue turns, every safety item); these floors only stop a regression.
var judgedFloors = map[string]float64{
	"set-a/messages": 0.68, "set-a/turns": 0.70, "set-a/safety": 0.90,
	"set-b/messages": 0.64, "set-b/turns": 0.62, "set-b/safety": 0.55,
	"safety-dev/safety": 0.82,
	"set-c/messages":    0.50, "set-c/turns": 0.62, "set-c/safety": 0.55,
	"safety-c/safety": 0.75,
	"set-d/messages":  0.55, "set-d/turns": 0.50, "set-d/safety": 0.55,
	"safety-d/safety": 0.25,
	"set-e/messages":  0.42, "set-e/turns": 0.45, "set-e/safety": 0.45,
	"set-f/messages": 0.55, "set-f/turns": 0.52, "set-f/safety": 0.55,
	"set-g/messages": 0.55, "set-g/turns": 0.45, "set-g/safety": 0.50,
	"set-h/messages": 0.45, "set-h/turns": 0.50, "set-h/safety": 0.50,
	"set-i/messages": 0.55, "set-i/turns": 0.50, "set-i/safety": 0.65,
	"set-j/messages": 0.50, "set-j/turns": 0.45, "set-j/safety": 0.55,
	"set-k/messages": 0.40, "set-k/turns": 0.35, "set-k/safety": 0.20,
	"set-l/messages": 0.55, "set-l/turns": 0.55, "set-l/safety": 0.70,
	"safety-e/safety": 0.50,
	"safety-f/safety": 0.80,
	"safety-g/safety": 0.30,
	"set-m/messages":  0.45, "set-m/turns": 0.25, "set-m/safety": 0.50,
	"set-n/messages": 0.65, "set-n/turns": 0.40, "set-n/safety": 0.45,
	"set-o/messages": 0.35, "set-o/turns": 0.45, "set-o/safety": 0.35,
	"set-p/messages": 0.42, "set-p/turns": 0.40, "set-p/safety": 0.45,
	"safety-h/safety": 0.80,
	"set-q/messages":  0.52, "set-q/turns": 0.65, "set-q/safety": 0.65,
	"set-r/messages": 0.35, "set-r/turns": 0.28, "set-r/safety": 0.65,
	"set-s/messages": 0.65, "set-s/turns": 0.62, "set-s/safety": 0.75,
	"set-t/messages": 0.43, "set-t/turns": 0.55, "set-t/safety": 0.65,
	"set-u/messages": 0.45, "set-u/turns": 0.52, "set-u/safety": 0.55,
	"set-v/messages": 0.53, "set-v/turns": 0.52, "set-v/safety": 0.40,
}
