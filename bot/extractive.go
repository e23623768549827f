package bot

import (
	"context"
	"math"
	"strings"
	"text/template"

	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/prompts"
)

// AnswerRequest is what an Answerer gets: the question (made standalone if it was a
// follow-up), what retrieval found, and the passages an answer may cite, numbered from 1 in
// this order.
type AnswerRequest struct {
	Question  string
	Retrieval knowledge.Result
	Passages  []knowledge.Passage
	// History is the end of the conversation, oldest first, for context only.
	History []string
}

// Answer is a composed answer: the text with its citations and the guides it used.
type Answer struct {
	Text    string
	Sources []Source
	// Grounded is false when the answer could not be built from the passages.
	Grounded bool
	// Suggest escalation (a model may ask for it; the core's policy decides).
	WantsCoach       bool
	WantsCoachReason string
	// Tokens the answer cost (prompt and completion), for the reports.
	Tokens int
	// ByModel: written by a language model, not quoted from the guides.
	ByModel bool
}

// Answerer composes an answer from retrieved passages.
type Answerer interface {
	Answer(ctx context.Context, req AnswerRequest) (Answer, error)
}

// Extractive is the default answerer: it quotes the sentences of the best passages that match
// the question, cites their guides and needs no network.
type Extractive struct {
	tmpl *template.Template
	// MainChars is the budget of the main passage quote; see-also quotes are one unit each.
	MainChars int
	// SeeAlsoRatio: another guide is quoted when its score is at least this share of the best.
	SeeAlsoRatio float64
	// MaxSources is the number of guides an answer may cite.
	MaxSources int
}

var _ Answerer = (*Extractive)(nil)

// NewExtractive returns the extractive answerer.
func NewExtractive(tmpl *template.Template) *Extractive {
	return &Extractive{tmpl: tmpl, MainChars: 650, SeeAlsoRatio: 0.75, MaxSources: 3}
}

// Answer implements Answerer.
func (e *Extractive) Answer(_ context.Context, req AnswerRequest) (Answer, error) {
	res := req.Retrieval
	if len(res.Guides) == 0 {
		return Answer{}, nil
	}
	// what a passage says to a language model is never quoted
	ps := make([]knowledge.Passage, len(res.Passages))
	for i, p := range res.Passages {
		p.Chunk.Text = cleanPassage(p.Chunk)
		ps[i] = p
	}
	res.Passages = ps
	q := res.Query
	in := detectIntent(req.Question)
	top := res.Guides[0]
	main := choosePassage(res, top, q, in)
	units := pickUnits(splitUnits(main.Chunk.Text), q, e.MainChars)
	if len(units) == 0 {
		return Answer{}, nil
	}
	var mainMass float64
	for _, u := range units {
		mainMass = math.Max(mainMass, unitScore(u, q))
	}
	var b strings.Builder
	b.WriteString(joinUnits(units))
	b.WriteString(" [1]")
	sources := []Source{sourceOf(top)}

	for _, g := range res.Guides[1:] {
		if len(sources) >= e.MaxSources || g.Score < e.SeeAlsoRatio*top.Score {
			break
		}
		best, score := bestStandalone(res, g, q)
		if best == "" || score < 0.5*mainMass {
			continue
		}
		line, err := prompts.Render(e.tmpl, "see_also", map[string]string{"Title": g.Title, "Text": best})
		if err != nil {
			return Answer{}, err
		}
		sources = append(sources, sourceOf(g))
		b.WriteString("\n\n")
		b.WriteString(line)
		b.WriteString(" [")
		b.WriteString(itoa(len(sources)))
		b.WriteString("]")
	}
	return Answer{Text: b.String(), Sources: sources, Grounded: true}, nil
}

// intent is what kind of answer a question asks for, read from its wording.
type intent struct {
	howTo, cost, definition bool
}

func detectIntent(question string) intent {
	var in intent
	words := knowledge.Words(question)
	for i, w := range words {
		switch w {
		case "comment", "cmt", "kom", "etapes", "etape", "procedure", "marche", "demarche", "demarches", "tuto":
			in.howTo = true
		case "combien", "prix", "cout", "coute", "couts", "tarif", "tarifs", "cher", "budget", "payant", "gratuit", "euros":
			in.cost = true
		case "koi", "definition", "signifie", "veut":
			in.definition = true
		case "quoi":
			if i > 0 && (words[i-1] == "est" || words[i-1] == "c" || words[i-1] == "sert") {
				in.definition = true
			}
		case "qu":
			if i+2 < len(words) && words[i+1] == "est" && words[i+2] == "ce" {
				in.definition = true
			}
		}
	}
	return in
}

// choosePassage picks, among the retrieved passages of the best guide, the one to quote: the
// section whose heading and text match the question best, nudged by what the question asks
// for (steps, a cost, a definition). Title and keywords, shared by every section of a guide,
// do not count here.
func choosePassage(res knowledge.Result, g knowledge.GuideHit, q knowledge.Query, in intent) knowledge.Passage {
	// Terms that every section of the guide contains (its subject) do not tell sections
	// apart: weigh each question term by how rare it is among the guide's sections.
	sections := make([][]string, len(g.Passages))
	head := make([][]string, len(g.Passages))
	df := map[string]int{}
	for k, i := range g.Passages {
		c := res.Passages[i].Chunk
		head[k] = knowledge.Distinct(knowledge.Terms(c.Heading))
		sections[k] = knowledge.Distinct(append(knowledge.Terms(c.Text), head[k]...))
		for _, t := range sections[k] {
			df[t]++
		}
	}
	n := float64(len(g.Passages))
	weight := func(t string) float64 {
		w := q.Weight(t) * math.Log(1+n/(float64(df[t])+0.5)) / math.Log(1+2*n)
		if t[0] == '_' && !knowledge.IsDomainConcept(t) {
			w *= 1.5 // what the question asks about the subject: a cost, a date, steps…
		}
		return w
	}
	best := res.Passages[g.Passages[0]]
	bestScore := -1.0
	for k, i := range g.Passages {
		p := res.Passages[i]
		s := 0.1
		for _, t := range head[k] {
			s += 0.5 * weight(t)
		}
		for _, t := range sections[k] {
			s += weight(t)
		}
		s *= 0.5 + p.Score
		text := p.Chunk.Text
		if in.howTo && strings.Contains(text, "\n1. ") {
			s *= 1.6
		}
		if in.cost && strings.Contains(text, "€") {
			s *= 1.5
		}
		if p.Chunk.Ordinal == 0 {
			if in.definition {
				s *= 1.5
			} else {
				s *= 0.7
			}
		}
		if s > bestScore {
			best, bestScore = p, s
		}
	}
	return best
}

// dependentStarts are openings that need the sentence before them to make sense.
var dependentStarts = []string{"il ", "elle ", "ils ", "elles ", "ce ", "cela ", "ça ", "ca ", "mais ", "donc ",
	"ensuite", "puis ", "sinon", "dans ce cas", "pour cela", "en revanche", "de plus", "enfin", "ne ", "n'", "y ",
	"cette ", "ces ", "celle", "celui", "là ", "alors ", "aussi,", "et ", "ou "}

func standalone(s string) bool {
	l := strings.ToLower(strings.TrimPrefix(s, "- "))
	for _, d := range dependentStarts {
		if strings.HasPrefix(l, d) {
			return false
		}
	}
	return len(l) >= 50 && !strings.HasSuffix(l, ":")
}

// bestStandalone returns the sentence of a guide's retrieved passages that matches the
// question best and reads on its own, with its score.
func bestStandalone(res knowledge.Result, g knowledge.GuideHit, q knowledge.Query) (string, float64) {
	best, bestScore := "", 0.0
	for _, i := range g.Passages {
		for _, u := range splitUnits(res.Passages[i].Chunk.Text) {
			if !standalone(u.text) || matchedTerms(u, q) < 2 {
				continue
			}
			if s := unitScore(u, q); s > bestScore {
				best, bestScore = strings.TrimPrefix(u.text, "- "), s
			}
		}
	}
	return best, bestScore
}

func sourceOf(g knowledge.GuideHit) Source {
	return Source{GuideID: g.ID, Title: g.Title, Topic: g.Topic, URL: g.URL, Score: round3(g.Score)}
}

func round3(x float64) float64 { return float64(int(x*1000+0.5)) / 1000 }

func itoa(n int) string {
	if n >= 0 && n < 10 {
		return string(rune('0' + n))
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// matchedTerms counts the distinct question terms a unit contains.
func matchedTerms(u unit, q knowledge.Query) int {
	n := 0
	for _, t := range knowledge.Distinct(knowledge.Terms(u.text)) {
		if q.Weight(t) > 0 {
			n++
		}
	}
	return n
}

// unitScore is the IDF mass of the query terms a unit contains.
func unitScore(u unit, q knowledge.Query) float64 {
	var s float64
	for _, t := range knowledge.Distinct(knowledge.Terms(u.text)) {
		s += q.Weight(t)
	}
	return s
}

// pickUnits chooses what to quote from the main passage: its first sentence (guides are
// written so that it answers the section's heading), then the units that match the question
// best, within budget; a numbered list is never cut in the middle. Units keep their order.
func pickUnits(us []unit, q knowledge.Query, budget int) []unit {
	if len(us) == 0 {
		return nil
	}
	scores := make([]float64, len(us))
	for i, u := range us {
		scores[i] = unitScore(u, q)
	}
	chosen := make([]bool, len(us))
	used := 0
	take := func(i int) bool {
		if chosen[i] {
			return true
		}
		if used > 0 && used+len(us[i].text) > budget {
			return false
		}
		chosen[i] = true
		used += len(us[i].text)
		return true
	}
	take(0)
	// a list introduced by the first sentence ("Les étapes :") is the answer itself
	if strings.HasSuffix(strings.TrimSpace(us[0].text), ":") {
		for i := 1; i < len(us) && us[i].item && us[i].block == us[1].block; i++ {
			if !take(i) {
				break
			}
		}
	}
	order := make([]int, 0, len(us))
	for i := range us {
		order = append(order, i)
	}
	// best scores first, earlier units on ties
	for i := 1; i < len(order); i++ {
		for j := i; j > 0 && scores[order[j]] > scores[order[j-1]]; j-- {
			order[j], order[j-1] = order[j-1], order[j]
		}
	}
	picked := 1
	for _, i := range order {
		if picked >= 5 || scores[i] == 0 {
			break
		}
		if chosen[i] {
			continue
		}
		if take(i) {
			picked++
			// a sentence ending with ":" announces the list that follows
			if strings.HasSuffix(us[i].text, ":") && i+1 < len(us) && us[i+1].item {
				take(i + 1)
			}
		}
	}
	if picked == 1 {
		// nothing matched beyond the lead: give the next sentences for context
		for i := 1; i < len(us) && i < 3; i++ {
			take(i)
		}
	}
	// A numbered list is never quoted with holes: from its first item to the last one chosen,
	// every step is kept, and a list that fits in one and a half budgets is kept whole.
	for b := 0; b <= us[len(us)-1].block; b++ {
		first, last, lastChosen := -1, -1, -1
		size := 0
		for j, u := range us {
			if u.block != b || !u.item || !isNumbered(u.text) {
				continue
			}
			if first < 0 {
				first = j
			}
			last = j
			size += len(u.text)
			if chosen[j] {
				lastChosen = j
			}
		}
		if lastChosen < 0 {
			continue
		}
		end := lastChosen
		if used+size <= budget*3/2 {
			end = last
		}
		for j := first; j <= end; j++ {
			if !chosen[j] {
				chosen[j] = true
				used += len(us[j].text)
			}
		}
	}
	// a list item needs the sentence that introduces its list, whatever the budget
	for i, u := range us {
		if chosen[i] && u.item {
			for j := i - 1; j >= 0; j-- {
				if !us[j].item {
					if strings.HasSuffix(us[j].text, ":") && !chosen[j] {
						chosen[j] = true
						used += len(us[j].text)
					}
					break
				}
			}
		}
	}
	var out []unit
	for i, u := range us {
		if chosen[i] {
			out = append(out, u)
		}
	}
	return out
}

func isNumbered(s string) bool { return len(s) > 2 && s[0] >= '0' && s[0] <= '9' }

// joinUnits writes units back as text: sentences of one paragraph together, list items on
// their own lines.
func joinUnits(us []unit) string {
	var b strings.Builder
	for i, u := range us {
		if i > 0 {
			prev := us[i-1]
			switch {
			case u.item && prev.item && u.block == prev.block:
				b.WriteString("\n")
			case u.item || prev.item || u.block != prev.block:
				if prev.text != "" && strings.HasSuffix(prev.text, ":") && u.item {
					b.WriteString("\n")
				} else {
					b.WriteString("\n\n")
				}
			default:
				b.WriteString(" ")
			}
		}
		b.WriteString(u.text)
	}
	return b.String()
}
