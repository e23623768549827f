package bot

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"
	"text/template"
	"unicode"
	"unicode/utf8"

	"github.com/coachbot/coachbot/bot/answer"
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
	// Parts are the questions of the message, each with what retrieval found for it: the
	// extractive answerer answers them part by part. Empty means one part, Question.
	Parts []PartRequest
	// Prefs is what the conversation says about the units to choose.
	Prefs answer.Prefs
}

// PartRequest is one question of a message and what retrieval found for it.
type PartRequest struct {
	Part      answer.Part
	Retrieval knowledge.Result
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
	// Units are the keys of the units the answer sent (extractive answers only).
	Units []string
	// Match is how well the weakest part matched the questions its unit answers, in [0, 1].
	Match float64
}

// Answerer composes an answer from retrieved passages.
type Answerer interface {
	Answer(ctx context.Context, req AnswerRequest) (Answer, error)
}

// Extractive is the default answerer: for each question of the message it sends the unit of
// the guides that answers it (a question card, a whole section), cites its guide and needs
// no network.
type Extractive struct {
	tmpl *template.Template
	// Budget is the size, in characters, of the excerpt of a unit answering a message's only
	// question; when a message asks several things, each part gets an equal share of
	// TotalBudget, never less than PartBudget nor more than Budget.
	Budget, PartBudget, TotalBudget int
}

var _ Answerer = (*Extractive)(nil)

// NewExtractive returns the extractive answerer.
func NewExtractive(tmpl *template.Template) *Extractive {
	return &Extractive{tmpl: tmpl, Budget: 900, PartBudget: 560, TotalBudget: 1800}
}

// Answer implements Answerer.
func (e *Extractive) Answer(_ context.Context, req AnswerRequest) (Answer, error) {
	parts := req.Parts
	if len(parts) == 0 {
		parts = []PartRequest{{Part: answer.NewPart(req.Question, req.Question), Retrieval: req.Retrieval}}
	}
	budget := e.budget(len(parts))
	avoid := req.Prefs.Avoid
	var blocks []answer.Block
	var units []string
	var picks []answer.Pick
	match := 1.0
	for _, pr := range parts {
		res := pr.Retrieval
		if len(res.Guides) == 0 || (!res.InScope && len(parts) > 1) {
			continue
		}
		res.Passages = cleanPassages(res.Passages)
		pick, ok := answer.Choose(res, pr.Part, answer.Prefs{Guide: req.Prefs.Guide, Weak: req.Prefs.Weak, Avoid: avoid})
		if !ok {
			continue
		}
		if len(picks) > 0 && askedAgain(res, pr.Part, req.Prefs, picks, pick) {
			// "la messagerie existe encore ? les clients peuvent m'écrire ?": the second
			// sentence asks the first one again; a weaker unit would only add noise
			continue
		}
		text := answer.Excerpt(pick.Passage.Chunk.Text, budget)
		if rest, ok := e.remaining(res, pr.Part, req.Prefs); ok {
			// « l'opérateur bloque la SIM. je fais quoi maintenant ? »: the steps of the
			// emergency sent that the owner has not done yet
			pick, text = rest.pick, rest.text
		} else if again, ok := e.sentAgain(res, pr.Part, req.Prefs, pick); ok {
			// what the follow-up asks was in a unit already sent: that sentence, not the
			// whole unit again, nor another unit that answers it less well
			pick, text = again.pick, again.text
		}
		if strings.TrimSpace(text) == "" {
			continue
		}
		if whole := pr.Part.Message + " " + pr.Part.Text; pr.Part.Want&answer.Urgent != 0 && answer.MoneyAtStake(whole) && !answer.AsksWhetherToPay(pr.Part.Text) {
			// money at stake in an emergency: the bank first, then the rest (not for a
			// part that asks whether to pay a ransom)
			if bank, ok := answer.BankFirst(res, whole, pick); ok && !slices.Contains(avoid, bank.Key()) {
				avoid = append(avoid, bank.Key())
				units = append(units, bank.Key())
				blocks = append(blocks, answer.Block{Label: answer.Label(bank.Passage.Chunk), Text: answer.Excerpt(bank.Passage.Chunk.Text, budget), Guide: bank.Guide})
			}
		}
		avoid = append(avoid, pick.Key()) // two parts never get the same unit
		units = append(units, pick.Key())
		match = math.Min(match, pick.Match)
		picks = append(picks, pick)
		blocks = append(blocks, answer.Block{Label: answer.Label(pick.Passage.Chunk), Text: text, Guide: pick.Guide,
			ShowLabel: answer.AnswersOtherYesNo(text, pr.Part.Asked)})
	}
	if len(blocks) == 0 {
		return Answer{}, nil
	}
	// "les options payantes, ça vaut le coup ? Et un acheteur veut me payer par un lien,
	// c'est normal ?": what protects the owner's money or accounts is read first
	slices.SortStableFunc(blocks, func(a, b answer.Block) int {
		return cmp.Compare(securityRank(a), securityRank(b))
	})
	c := answer.Compose(blocks)
	ans := Answer{Text: c.Text, Grounded: true, Units: units, Match: match}
	for _, g := range c.Guides {
		ans.Sources = append(ans.Sources, sourceOf(g))
	}
	if len(picks) == 1 {
		// a close second guide is pointed to, whole: its title and what it covers
		for _, pt := range answer.SeeAlso(parts[0].Retrieval, picks[0]) {
			line, err := prompts.Render(e.tmpl, "see_also", map[string]string{"Title": pt.Guide.Title, "Summary": pt.Summary})
			if err != nil {
				return Answer{}, err
			}
			ans.Sources = append(ans.Sources, sourceOf(pt.Guide))
			ans.Text += "\n\n" + line + " [" + itoa(len(ans.Sources)) + "]"
		}
	}
	return ans, nil
}

// budget is the size of the excerpt of each unit of an answer to n questions: a whole card
// for one or two, a share of the total beyond, so that the answer to a message that asked
// several things still reads on a phone.
func (e *Extractive) budget(n int) int {
	if n <= 1 {
		return e.Budget
	}
	return min(e.Budget, max(e.PartBudget, e.TotalBudget/n))
}

// askedAgain reports whether a part of a message is best answered by a unit already chosen
// for an earlier part of the same message, clearly better than by the unit left to it, which
// comes from another guide.
func askedAgain(res knowledge.Result, p answer.Part, prefs answer.Prefs, picks []answer.Pick, pick answer.Pick) bool {
	free, ok := answer.Choose(res, p, answer.Prefs{Guide: prefs.Guide, Weak: prefs.Weak, Avoid: prefs.Avoid})
	if !ok || free.Key() == pick.Key() || pick.Score >= askedAgainRatio*free.Score {
		return false
	}
	again := false
	for _, q := range picks {
		if q.Passage.Chunk.GuideID == pick.Passage.Chunk.GuideID {
			// a sibling card of a guide already used ("le QR code pour les avis ? et un
			// café offert ?") answers a question of its own
			return false
		}
		again = again || q.Key() == free.Key()
	}
	return again
}

// askedAgainRatio: the unit left to a part that asks again must score below this share of
// the unit already chosen for it to be dropped.
const askedAgainRatio = 0.8

// again is the part of a unit already sent that a follow-up asks about.
type again struct {
	pick answer.Pick
	text string
}

// sentAgain finds, for a follow-up, a unit already sent in the conversation that answers it
// clearly better than any new one (the best while allowed, by a margin, with a sentence
// holding more of the follow-up's words) and that sentence ("j'éteins l'ordi ?" after the
// emergency steps).
func (e *Extractive) sentAgain(res knowledge.Result, p answer.Part, prefs answer.Prefs, chosen answer.Pick) (again, bool) {
	// a new question in the conversation may still ask what a word of the last answer means
	definition := p.Want&answer.Definition != 0
	if len(prefs.Avoid) == 0 || prefs.Guide == "" || prefs.Weak && !definition {
		return again{}, false
	}
	// among the units sent that answer it clearly better than the new one, the one with a
	// sentence holding most of the follow-up's words ("et des vidéos ?" after two cards of
	// the same guide: the one that speaks of videos, not the better scored)
	var free answer.Pick
	var s string
	n := 0
	// « c'est fait, j'ai raccroché et débranché. mais … je suis allé sur le site de ma banque »:
	// the steps the owner says are done are not what they ask about
	asked := answer.WithoutDone(p.Asked)
	for _, ps := range res.Passages {
		if ps.Chunk.Key() == chosen.Key() || !slices.Contains(prefs.Avoid, ps.Chunk.Key()) {
			continue
		}
		one := knowledge.Result{Query: res.Query, Passages: []knowledge.Passage{ps}, Guides: res.Guides}
		pk, ok := answer.Choose(one, p, answer.Prefs{Guide: prefs.Guide})
		if !ok || pk.Score < 1.15*chosen.Score {
			continue
		}
		if fs, fn := answer.Focus(cleanPassage(ps.Chunk), asked); fn > n || fn == n && fn > 0 && pk.Score > free.Score {
			free, s, n = pk, fs, fn
		}
	}
	if n == 0 {
		return again{}, false
	}
	// two words of the question asked, or the only one of a short follow-up, and more of them
	// than the new unit has
	_, nc := answer.Focus(cleanPassage(chosen.Passage.Chunk), asked)
	// "on est 4 salariés" after « sont dispensées les microentreprises (moins de 10
	// salariés) »: the one word the short follow-up says, in the unit sent, not in the new one
	single := n == 1 && nc == 0 && answer.ContentWords(asked) <= 2
	// the sentence found must hold a word of what is asked, not only of what the owner
	// told before asking (« l'opérateur a bloqué la ligne … comment ils ont pu faire ça ? »
	// is not answered by the step « appelez votre opérateur pour bloquer la ligne »)
	if q := answer.LastAsked(asked); q != asked {
		if _, nq := answer.Focus(s, q); nq == 0 {
			return again{}, false
		}
	}
	// « c'est quoi un channel manager ? » after a card that opens on what it is: that
	// sentence, unless the new unit defines it too
	defines := false
	if definition {
		if d, ok := answer.Defining(cleanPassage(free.Passage.Chunk), asked); ok {
			if _, also := answer.Defining(cleanPassage(chosen.Passage.Chunk), asked); !also {
				s, defines = d, true
			}
		}
	}
	// as many of its words in the new unit: the sent one only if it answers far better
	// (« c'est payant ? » after Canva: its free version, not the price of an office suite)
	if !defines && (prefs.Weak || (n < 2 && !single) || n < nc || n == nc && free.Score < 1.5*chosen.Score) {
		return again{}, false
	}
	line, err := prompts.Render(e.tmpl, "as_said", map[string]string{"Text": afterColon(strings.TrimPrefix(s, "- "))})
	if err != nil {
		return again{}, false
	}
	return again{free, line}, true
}

// remaining finds, for a message that tells steps done and asks what next, the emergency
// unit sent last in the conversation whose other steps are left, and those steps.
func (e *Extractive) remaining(res knowledge.Result, p answer.Part, prefs answer.Prefs) (again, bool) {
	if len(prefs.Avoid) == 0 || !answer.DoneAndNext(p.Message) {
		return again{}, false
	}
	for i := len(prefs.Avoid) - 1; i >= 0; i-- {
		for _, ps := range res.Passages {
			if ps.Chunk.Key() != prefs.Avoid[i] || ps.Chunk.Topic != "cybersecurite" {
				continue
			}
			steps, ok := answer.Remaining(cleanPassage(ps.Chunk), p.Message)
			if !ok {
				continue
			}
			one := knowledge.Result{Query: res.Query, Passages: []knowledge.Passage{ps}, Guides: res.Guides}
			pick, ok := answer.Choose(one, p, answer.Prefs{Guide: prefs.Guide})
			if !ok {
				continue
			}
			text, err := prompts.Render(e.tmpl, "remaining_steps", map[string]any{"Steps": steps})
			if err != nil {
				return again{}, false
			}
			return again{pick, text}, true
		}
	}
	return again{}, false
}

// afterColon is a sentence quoted after a colon: its first word in lower case when it is a
// common word (« : la version gratuite… »), a name kept as it is (« : Google… »).
func afterColon(s string) string {
	for _, lead := range []string{"Sinon, ", "Puis, ", "Ensuite, ", "Enfin, "} {
		// a step quoted alone loses the word that tied it to the step before
		s = strings.TrimPrefix(s, lead)
	}
	w, _, _ := strings.Cut(s, " ")
	r, size := utf8.DecodeRuneInString(s)
	if !unicode.IsUpper(r) || !knowledge.IsStopWord(strings.ToLower(w)) && !commonFirst[strings.ToLower(w)] {
		return s
	}
	return string(unicode.ToLower(r)) + s[size:]
}

// commonFirst are words that open a sentence of the guides and are not names.
var commonFirst = map[string]bool{"certains": true, "certaines": true, "chaque": true, "vous": true, "votre": true, "vos": true}

// cleanPassages returns the passages with what addresses a language model taken out of
// their text, which is never quoted.
func cleanPassages(ps []knowledge.Passage) []knowledge.Passage {
	out := make([]knowledge.Passage, len(ps))
	for i, p := range ps {
		p.Chunk.Text = cleanPassage(p.Chunk)
		out[i] = p
	}
	return out
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

// securityRank puts the blocks of the security guides before the others.
func securityRank(b answer.Block) int {
	if b.Guide.Topic == "cybersecurite" {
		return 0
	}
	return 1
}
