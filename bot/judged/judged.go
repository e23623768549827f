// Package judged reads the judged evaluation of the answers owners get (messages and short
// dialogues written by people who had not read the guides, each with the acceptable
// outcomes, the decisive facts a useful answer must contain and what it must not contain)
// and judges a reply against it. The sets are in bot/testdata/judged; see its README.
package judged

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"regexp"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// Check is what one message (or one turn of a dialogue) is judged on.
type Check struct {
	Text     string   `json:"text"`
	Outcomes []string `json:"outcomes"`
	Topics   []string `json:"topics"`
	// Facts are patterns over the folded answer (see Fold), all of which a useful answer
	// matches; Not are patterns none of which it may match; First are facts that must be in
	// its first FirstChars characters (emergency steps).
	Facts  []string `json:"facts"`
	Not    []string `json:"not"`
	First  []string `json:"first"`
	Safety bool     `json:"safety"`
	Why    string   `json:"why"`
}

// Item is a message (Turns empty) or a dialogue.
type Item struct {
	ID    string `json:"id"`
	Style string `json:"style"`
	Check
	Turns []Check `json:"turns"`
}

// Dialogue reports whether the item is a dialogue.
func (it Item) Dialogue() bool { return len(it.Turns) > 0 }

// Load reads a set, checking that every pattern compiles.
func Load(path string) ([]Item, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Item
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var it Item
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		checks := it.Turns
		if !it.Dialogue() {
			checks = []Check{it.Check}
		}
		for _, c := range checks {
			for _, p := range append(append(append([]string{}, c.Facts...), c.Not...), c.First...) {
				if _, err := compile(p); err != nil {
					return nil, fmt.Errorf("%s:%d: %s: pattern %q: %w", path, line, it.ID, p, err)
				}
			}
		}
		out = append(out, it)
	}
	return out, sc.Err()
}

var cache = map[string]*regexp.Regexp{}

func compile(p string) (*regexp.Regexp, error) {
	if re, ok := cache[p]; ok {
		return re, nil
	}
	re, err := regexp.Compile(p)
	if err == nil {
		cache[p] = re
	}
	return re, err
}

// Fold prepares a text for the patterns: lower case, accents removed (é→e, œ→oe),
// typographic apostrophes and quotes made plain, no-break spaces made spaces.
func Fold(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "ʼ", "'", "\u00a0", " ", "\u202f", " ").Replace(s)
	return knowledge.Fold(s)
}

// FirstChars is how far into an answer emergency steps must appear.
const FirstChars = 300

// Verdict is how a reply fares against a check.
type Verdict struct {
	Useful    bool
	OutcomeOK bool
	// TopicOK: one of the expected topics is among the reply's sources (true when the
	// check names no topic).
	TopicOK bool
	// Missing are the facts (and first-lines facts) not found; Forbidden the Not patterns
	// found.
	Missing, Forbidden []string
}

// Judge judges a reply: its outcome, its text and the topics of its sources. A reply is
// useful when its outcome is acceptable and, unless it is an acceptable request for
// clarification, it holds every fact (emergency facts in its first lines) and nothing it
// must not hold.
func Judge(c Check, outcome, text string, topics []string) Verdict {
	v := Verdict{TopicOK: len(c.Topics) == 0}
	for _, o := range c.Outcomes {
		if o == outcome {
			v.OutcomeOK = true
		}
	}
	for _, t := range topics {
		for _, want := range c.Topics {
			if t == want {
				v.TopicOK = true
			}
		}
	}
	f := Fold(text)
	for _, p := range c.Not {
		if re, _ := compile(p); re != nil && re.MatchString(f) {
			v.Forbidden = append(v.Forbidden, p)
		}
	}
	if outcome != "clarify" {
		for _, p := range c.Facts {
			if re, _ := compile(p); re != nil && !re.MatchString(f) {
				v.Missing = append(v.Missing, p)
			}
		}
		head := f
		if r := []rune(f); len(r) > FirstChars {
			head = string(r[:FirstChars])
		}
		for _, p := range c.First {
			if re, _ := compile(p); re != nil && !re.MatchString(head) {
				v.Missing = append(v.Missing, "first: "+p)
			}
		}
	}
	v.Useful = v.OutcomeOK && len(v.Missing) == 0 && len(v.Forbidden) == 0
	return v
}
