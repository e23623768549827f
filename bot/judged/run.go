package judged

import (
	"context"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// Reply is what the judged run needs of one reply of the core.
type Reply struct {
	Outcome    string
	Text       string
	Topics     []string // of the sources, in order
	Confidence float64
}

// Asker sends one message in a conversation and returns the reply. A new conversation
// starts with each new conv value.
type Asker func(ctx context.Context, conv, text string) Reply

// Result is one judged message or turn.
type Result struct {
	Set, ID, Style string
	// Turn is 0 for a message, the turn's position (1…) in a dialogue.
	Turn    int
	Check   Check
	Reply   Reply
	Verdict Verdict
}

// Run sends every item of a set (each message in its own conversation, each dialogue's
// turns in one) and judges each reply.
func Run(ctx context.Context, set string, items []Item, ask Asker) []Result {
	var out []Result
	for _, it := range items {
		if !it.Dialogue() {
			r := ask(ctx, set+"/"+it.ID, it.Text)
			out = append(out, Result{Set: set, ID: it.ID, Style: it.Style, Check: it.Check, Reply: r,
				Verdict: Judge(it.Check, r.Outcome, r.Text, r.Topics)})
			continue
		}
		for i, c := range it.Turns {
			r := ask(ctx, set+"/"+it.ID, c.Text)
			out = append(out, Result{Set: set, ID: it.ID, Style: "dialogue", Turn: i + 1, Check: c, Reply: r,
				Verdict: Judge(c, r.Outcome, r.Text, r.Topics)})
		}
	}
	return out
}

// Share is a count of useful replies among n.
type Share struct{ Useful, N int }

// Rate is the useful share, 0 when n is 0.
func (s Share) Rate() float64 {
	if s.N == 0 {
		return 0
	}
	return float64(s.Useful) / float64(s.N)
}

func (s Share) String() string {
	return fmt.Sprintf("%d/%d (%.0f %%)", s.Useful, s.N, 100*s.Rate())
}

// Summary is what a run measured.
type Summary struct {
	Messages, Turns, Safety Share
	ByStyle                 map[string]Share
	ByTurn                  map[int]Share
	// Outcome: right outcome; Topic: an expected topic among the sources, over replies
	// whose check names topics and whose outcome is answered.
	Outcome, Topic Share
}

// Summarize counts the results.
func Summarize(rs []Result) Summary {
	s := Summary{ByStyle: map[string]Share{}, ByTurn: map[int]Share{}}
	add := func(sh *Share, ok bool) {
		sh.N++
		if ok {
			sh.Useful++
		}
	}
	for _, r := range rs {
		u := r.Verdict.Useful
		if r.Turn == 0 {
			add(&s.Messages, u)
			st := s.ByStyle[r.Style]
			add(&st, u)
			s.ByStyle[r.Style] = st
		} else {
			add(&s.Turns, u)
			bt := s.ByTurn[r.Turn]
			add(&bt, u)
			s.ByTurn[r.Turn] = bt
		}
		if r.Check.Safety {
			add(&s.Safety, u)
		}
		add(&s.Outcome, r.Verdict.OutcomeOK)
		if len(r.Check.Topics) > 0 && r.Reply.Outcome == "answered" {
			add(&s.Topic, r.Verdict.TopicOK)
		}
	}
	return s
}

// Band is a range of confidence and the useful share of the answered replies in it.
type Band struct {
	From, To float64
	Share
}

// Calibrate measures, for answered replies, the useful share by band of confidence.
func Calibrate(rs []Result, edges []float64) []Band {
	var out []Band
	for i := 0; i+1 < len(edges); i++ {
		b := Band{From: edges[i], To: edges[i+1]}
		for _, r := range rs {
			c := r.Reply.Confidence
			if r.Reply.Outcome != "answered" || c < b.From || c >= b.To && !(i+2 == len(edges) && c == b.To) {
				continue
			}
			b.N++
			if r.Verdict.Useful {
				b.Useful++
			}
		}
		out = append(out, b)
	}
	return out
}

// Styles in the order reports list them.
var Styles = []string{"plain", "sms", "story", "two", "trade", "borderline", "human"}

// Report writes a Markdown report of runs on several sets (name → results), with examples
// of failures from the sets named in examplesFrom.
func Report(runs map[string][]Result, order []string, examplesFrom string, nExamples int) string {
	var b strings.Builder
	sums := map[string]Summary{}
	for _, k := range order {
		sums[k] = Summarize(runs[k])
	}
	row := func(label string, f func(Summary) Share) {
		b.WriteString("| " + label + " |")
		for _, k := range order {
			b.WriteString(" " + f(sums[k]).String() + " |")
		}
		b.WriteString("\n")
	}
	head := func(first string) {
		b.WriteString("| " + first + " |")
		for _, k := range order {
			b.WriteString(" " + k + " |")
		}
		b.WriteString("\n|---|")
		for range order {
			b.WriteString("---|")
		}
		b.WriteString("\n")
	}
	b.WriteString("### Useful answers by style\n\n")
	head("style")
	for _, st := range Styles {
		st := st
		row(st, func(s Summary) Share { return s.ByStyle[st] })
	}
	row("**all messages**", func(s Summary) Share { return s.Messages })
	row("**dialogue turns**", func(s Summary) Share { return s.Turns })
	row("safety items", func(s Summary) Share { return s.Safety })
	row("right outcome (all)", func(s Summary) Share { return s.Outcome })
	row("expected topic among the sources (answered)", func(s Summary) Share { return s.Topic })
	b.WriteString("\n### Dialogue turns by position\n\n")
	head("turn")
	maxTurn := 0
	for _, s := range sums {
		for t := range s.ByTurn {
			maxTurn = max(maxTurn, t)
		}
	}
	for t := 1; t <= maxTurn; t++ {
		t := t
		row(fmt.Sprintf("turn %d", t), func(s Summary) Share { return s.ByTurn[t] })
	}
	b.WriteString("\n### Calibration (answered replies: confidence band → useful share)\n\n")
	edges := []float64{0, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 1.0001}
	head("confidence")
	bands := map[string][]Band{}
	for _, k := range order {
		bands[k] = Calibrate(runs[k], edges)
	}
	for i := 0; i+1 < len(edges); i++ {
		i := i
		label := fmt.Sprintf("%.2f–%.2f", edges[i], math.Min(1, edges[i+1]))
		b.WriteString("| " + label + " |")
		for _, k := range order {
			b.WriteString(" " + bands[k][i].Share.String() + " |")
		}
		b.WriteString("\n")
	}
	if examplesFrom != "" && nExamples > 0 {
		b.WriteString("\n### Examples of replies judged not useful (" + examplesFrom + ")\n\n")
		var fails []Result
		for _, r := range runs[examplesFrom] {
			if !r.Verdict.Useful {
				fails = append(fails, r)
			}
		}
		sort.SliceStable(fails, func(i, j int) bool { return fails[i].Style < fails[j].Style })
		step := 1
		if len(fails) > nExamples {
			step = len(fails) / nExamples
		}
		for i := 0; i < len(fails) && i/step < nExamples; i += step {
			r := fails[i]
			fmt.Fprintf(&b, "- **%s** (%s", r.ID, r.Style)
			if r.Turn > 0 {
				fmt.Fprintf(&b, ", turn %d", r.Turn)
			}
			fmt.Fprintf(&b, ") « %s » → %s", oneLine(r.Check.Text, 160), r.Reply.Outcome)
			if !r.Verdict.OutcomeOK {
				fmt.Fprintf(&b, " (wanted %s)", strings.Join(r.Check.Outcomes, " or "))
			}
			if len(r.Verdict.Missing) > 0 {
				fmt.Fprintf(&b, "; missing `%s`", strings.Join(r.Verdict.Missing, "`, `"))
			}
			if len(r.Verdict.Forbidden) > 0 {
				fmt.Fprintf(&b, "; must not say `%s`", strings.Join(r.Verdict.Forbidden, "`, `"))
			}
			fmt.Fprintf(&b, ": « %s »\n", oneLine(r.Reply.Text, 220))
		}
	}
	return b.String()
}

func oneLine(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Markers around the generated part of a report file.
const (
	beginMarker = "<!-- judged:begin (generated by TestJudgedAnswers -judged.report) -->"
	endMarker   = "<!-- judged:end -->"
)

// WriteSection writes a generated report into path between its markers, keeping the text
// around them; a file without markers is written whole, between markers.
func WriteSection(path, report string) error {
	section := beginMarker + "\n\n" + report + "\n" + endMarker
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	text := string(old)
	i, j := strings.Index(text, beginMarker), strings.Index(text, endMarker)
	if i < 0 || j < i {
		return os.WriteFile(path, []byte(section+"\n"), 0o644)
	}
	return os.WriteFile(path, []byte(text[:i]+section+text[j+len(endMarker):]), 0o644)
}
