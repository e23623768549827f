package policy

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strings"
)

// LoadExamples reads labelled messages, one JSON object per line: {"text", "label"}, the
// outcome sets' {"text", "outcome", "reason"} (answered is None; escalated is its reason,
// accounting_tax becoming off_remit; small talk, which the core recognises before the
// policy, is skipped), or a retrieval set's {"q", "out_of_scope"} (questions the guides
// answer are None; the others, not the policy's concern, are skipped).
func LoadExamples(path string) ([]Example, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Example
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var r struct {
			Text, Label, Outcome, Reason, Kind string
			Q                                  string `json:"q"`
			OutOfScope                         bool   `json:"out_of_scope"`
		}
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		if r.Q != "" {
			// a retrieval set (knowledge/testdata): questions the guides answer are ordinary
			if r.OutOfScope {
				continue
			}
			r.Text, r.Label = r.Q, None
		}
		label := r.Label
		if label == "" {
			switch r.Outcome {
			case "answered":
				label = None
			case "escalated":
				label = r.Reason
				if label == ReasonAccounting {
					label = ReasonOffRemit
				}
			default:
				continue
			}
		}
		out = append(out, Example{Text: r.Text, Label: label})
	}
	return out, sc.Err()
}

// Evaluation is how a model labels a set of labelled messages.
type Evaluation struct {
	Right, N int
	// PerLabel maps a label to {right, examples}.
	PerLabel map[string][2]int
	// Confusions lists each wrong verdict: "label → verdict: text".
	Confusions []string
}

// Evaluate labels examples with decide (Model.Decide, or Rules for comparison).
func Evaluate(decide func(string) Escalation, examples []Example) Evaluation {
	e := Evaluation{PerLabel: map[string][2]int{}}
	for _, ex := range examples {
		d := decide(ex.Text)
		if d.Reason == ReasonAccounting {
			d.Reason = ReasonOffRemit
		}
		v := Verdict{Label: d.Reason}
		if v.Label == "" {
			v.Label = None
		}
		pl := e.PerLabel[ex.Label]
		pl[1]++
		e.N++
		if v.Label == ex.Label {
			pl[0]++
			e.Right++
		} else {
			e.Confusions = append(e.Confusions, fmt.Sprintf("%s → %s (%s): %s", ex.Label, v.Label, d.Matched, ex.Text))
		}
		e.PerLabel[ex.Label] = pl
	}
	return e
}
