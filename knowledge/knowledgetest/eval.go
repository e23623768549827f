// Package knowledgetest holds what every knowledge store is tested with: the shared index
// suite that memory and PostgreSQL both pass, and the retrieval evaluation on owner questions.
package knowledgetest

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// EvalItem is one question of an evaluation set (knowledge/testdata/eval.jsonl).
type EvalItem struct {
	Q          string `json:"q"`
	Guide      string `json:"guide"`
	Topic      string `json:"topic"`
	Style      string `json:"style"`
	OutOfScope bool   `json:"out_of_scope"`
}

// LoadEval reads an evaluation set, one JSON object per line.
func LoadEval(path string) ([]EvalItem, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var items []EvalItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	line := 0
	for sc.Scan() {
		line++
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var it EvalItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, line, err)
		}
		items = append(items, it)
	}
	return items, sc.Err()
}

// EvalReport holds retrieval quality figures.
type EvalReport struct {
	InScope     int     `json:"in_scope"`
	OutOfScope  int     `json:"out_of_scope"`
	Recall1     float64 `json:"recall_at_1"`
	Recall3     float64 `json:"recall_at_3"`
	MRR         float64 `json:"mrr"`
	TopicTop3   float64 `json:"topic_top3"`
	InScopeKept float64 `json:"in_scope_recognised"`     // in-scope questions judged in scope
	OOSCaught   float64 `json:"out_of_scope_recognised"` // out-of-scope questions judged out of scope
	Misses      []Miss  `json:"misses,omitempty"`
}

// Miss is a question whose expected guide was not first.
type Miss struct {
	Item EvalItem `json:"item"`
	Rank int      `json:"rank"` // 0: not found
	Got  []string `json:"got"`
	Conf float64  `json:"confidence"`
	In   bool     `json:"in_scope"`
}

// Evaluate runs every question through the retriever.
func Evaluate(ctx context.Context, r *knowledge.Retriever, items []EvalItem) (EvalReport, error) {
	var rep EvalReport
	var r1, r3, mrr, t3, kept, caught float64
	for _, it := range items {
		res, err := r.Retrieve(ctx, it.Q)
		if err != nil {
			return rep, fmt.Errorf("retrieve %q: %w", it.Q, err)
		}
		var got []string
		for _, g := range res.Guides {
			got = append(got, g.ID)
		}
		if it.OutOfScope {
			rep.OutOfScope++
			if !res.InScope {
				caught++
			} else {
				rep.Misses = append(rep.Misses, Miss{Item: it, Got: first(got, 3), Conf: res.Confidence, In: res.InScope})
			}
			continue
		}
		rep.InScope++
		if res.InScope {
			kept++
		}
		rank := 0
		for i, g := range got {
			if g == it.Guide {
				rank = i + 1
				break
			}
		}
		if rank == 1 {
			r1++
		}
		if rank >= 1 && rank <= 3 {
			r3++
		}
		if rank > 0 {
			mrr += 1 / float64(rank)
		}
		for i := 0; i < len(res.Guides) && i < 3; i++ {
			if res.Guides[i].Topic == it.Topic {
				t3++
				break
			}
		}
		if rank != 1 || !res.InScope {
			rep.Misses = append(rep.Misses, Miss{Item: it, Rank: rank, Got: first(got, 3), Conf: res.Confidence, In: res.InScope})
		}
	}
	if rep.InScope > 0 {
		n := float64(rep.InScope)
		rep.Recall1, rep.Recall3, rep.MRR, rep.TopicTop3, rep.InScopeKept = r1/n, r3/n, mrr/n, t3/n, kept/n
	}
	if rep.OutOfScope > 0 {
		rep.OOSCaught = caught / float64(rep.OutOfScope)
	}
	sort.SliceStable(rep.Misses, func(i, j int) bool { return rep.Misses[i].Rank > rep.Misses[j].Rank })
	return rep, nil
}

func first(xs []string, n int) []string {
	if len(xs) > n {
		return xs[:n]
	}
	return xs
}

// String formats the headline figures.
func (r EvalReport) String() string {
	return fmt.Sprintf("in-scope %d: recall@1 %.3f recall@3 %.3f MRR %.3f topic@3 %.3f recognised %.3f | out-of-scope %d: recognised %.3f",
		r.InScope, r.Recall1, r.Recall3, r.MRR, r.TopicTop3, r.InScopeKept, r.OutOfScope, r.OOSCaught)
}
