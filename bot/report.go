package bot

import (
	"context"
	"sort"
	"time"
)

// Report is what programme staff read: what owners ask, what they get, when a person is
// needed, and which questions the guides answer worst (the guides to write next).
type Report struct {
	Since       time.Time       `json:"since"`
	Questions   int             `json:"questions"`
	ByTopic     []Count         `json:"by_topic"`
	ByOutcome   []Count         `json:"by_outcome"`
	Escalations int             `json:"escalations"`
	Rate        float64         `json:"escalation_rate"`
	ByReason    []Count         `json:"by_reason"`
	Gaps        []LowConfidence `json:"lowest_confidence"`
	// Tokens spent by a language model, and on how many answers.
	Tokens     int `json:"llm_tokens"`
	LLMAnswers int `json:"llm_answers"`
}

// Count is a labelled number.
type Count struct {
	Label string `json:"label"`
	N     int    `json:"n"`
}

// LowConfidence is an answered question the guides covered poorly.
type LowConfidence struct {
	Question   string  `json:"question"`
	Confidence float64 `json:"confidence"`
	Topic      string  `json:"topic"`
}

// BuildReport reads the turns since a time and counts.
func BuildReport(ctx context.Context, s Conversations, since time.Time, gaps int) (Report, error) {
	turns, err := s.TurnsSince(ctx, since)
	if err != nil {
		return Report{}, err
	}
	rep := Report{Since: since}
	topics, outcomes, reasons := map[string]int{}, map[string]int{}, map[string]int{}
	last := map[ConvKey]string{}
	for _, t := range turns {
		switch t.Role {
		case RoleOwner:
			last[t.Key] = t.Text
		case RoleBot:
			q, ok := last[t.Key]
			if !ok {
				continue
			}
			delete(last, t.Key)
			if t.Outcome == Command || t.Outcome == "" {
				continue
			}
			rep.Questions++
			outcomes[string(t.Outcome)]++
			if t.Tokens > 0 {
				rep.Tokens += t.Tokens
				rep.LLMAnswers++
			}
			if t.Topic != "" {
				topics[t.Topic]++
			}
			if t.Outcome == Escalated || (t.Outcome == Booked && t.Reason != "") {
				if t.Outcome == Escalated {
					rep.Escalations++
					reasons[t.Reason]++
				}
			}
			if t.Outcome == Answered && t.Confidence > 0 {
				rep.Gaps = append(rep.Gaps, LowConfidence{Question: shorten(q, 160), Confidence: t.Confidence, Topic: t.Topic})
			}
		}
	}
	if rep.Questions > 0 {
		rep.Rate = float64(rep.Escalations) / float64(rep.Questions)
	}
	rep.ByTopic, rep.ByOutcome, rep.ByReason = sorted(topics), sorted(outcomes), sorted(reasons)
	sort.SliceStable(rep.Gaps, func(i, j int) bool { return rep.Gaps[i].Confidence < rep.Gaps[j].Confidence })
	if len(rep.Gaps) > gaps {
		rep.Gaps = rep.Gaps[:gaps]
	}
	return rep, nil
}

func sorted(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{Label: k, N: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].N != out[j].N {
			return out[i].N > out[j].N
		}
		return out[i].Label < out[j].Label
	})
	return out
}
