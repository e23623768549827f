package answer

import (
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/coachbot/coachbot/knowledge"
)

// Excerpt returns what is sent of a unit's text: all of it when it fits in budget
// characters, else its first paragraphs and lists, whole. A list is never cut: it is kept
// with the sentence that introduces it when the two fit in one and a half budgets, and both
// are left out otherwise; the excerpt never ends on a sentence announcing what follows.
func Excerpt(text string, budget int) string {
	text = strings.TrimSpace(text)
	if utf8.RuneCountInString(text) <= budget {
		return text
	}
	blocks := strings.Split(text, "\n\n")
	var out []string
	used := 0
	for i, b := range blocks {
		n := utf8.RuneCountInString(b)
		if i == 0 {
			out, used = append(out, b), n
			continue
		}
		if isList(b) {
			limit := budget * 3 / 2
			if used+n > limit {
				break
			}
			out, used = append(out, b), used+n
			continue
		}
		if used+n > budget {
			break
		}
		out, used = append(out, b), used+n
	}
	if len(out) == 1 && strings.HasSuffix(strings.TrimSpace(out[0]), ":") && len(blocks) > 1 && isList(blocks[1]) {
		// the first block announces a list: the list is the answer, whatever its size
		out = append(out, blocks[1])
	}
	// never end on an announcement whose list was left out: drop that sentence, or the
	// whole block when it is only that
	for len(out) > 0 {
		last := strings.TrimSpace(out[len(out)-1])
		if !strings.HasSuffix(last, ":") || isList(last) {
			break
		}
		if i := strings.LastIndexAny(last[:len(last)-1], ".!?"); i > 0 {
			out[len(out)-1] = strings.TrimSpace(last[:i+1])
			break
		}
		if len(out) == 1 {
			break
		}
		out = out[:len(out)-1]
	}
	return strings.Join(out, "\n\n")
}

// isList reports whether a block is a list: every line an item.
func isList(b string) bool {
	for _, l := range strings.Split(strings.TrimSpace(b), "\n") {
		if !isItem(l) {
			return false
		}
	}
	return true
}

func isItem(l string) bool {
	l = strings.TrimSpace(l)
	if strings.HasPrefix(l, "- ") {
		return true
	}
	i := 0
	for i < len(l) && l[i] >= '0' && l[i] <= '9' {
		i++
	}
	return i > 0 && i <= 2 && i+1 < len(l) && l[i] == '.' && l[i+1] == ' '
}

// Focus returns the sentences or list items of a unit's text that hold most of the words of
// a question, in their order (the best one, and the next best when it holds some too), and
// how many words the best holds: what a follow-up asks of a unit already sent, without
// sending the whole of it again. Words compare by their first four letters, which French
// verbs keep across forms that stemming tells apart ("éteins", "éteignez"); those of the
// sentence that asks count twice.
func Focus(text, question string) (string, int) {
	// words of the sentence that asks count twice: "j'ai débranché le câble. j'éteins ?"
	weight := map[string]int{}
	for _, q := range sentencesOf(question) {
		k := 1
		if strings.Contains(q, "?") {
			k = 2
		}
		for _, w := range knowledge.Words(q) {
			if len(w) >= 4 && !knowledge.IsStopWord(w) {
				weight[focusKey(w)] = max(weight[focusKey(w)], k)
			}
		}
	}
	type cand struct {
		s   string
		n   int
		pos int
	}
	var cs []cand
	for _, line := range strings.Split(text, "\n") {
		for _, s := range sentencesOf(strings.TrimSpace(line)) {
			n := 0
			seen := map[string]bool{}
			for _, w := range knowledge.Words(s) {
				p := focusKey(w)
				if len(w) >= 4 && !seen[p] && weight[p] > 0 {
					seen[p] = true
					n += weight[p]
				}
			}
			cs = append(cs, cand{s, n, len(cs)})
		}
	}
	best, second := -1, -1
	for i, c := range cs {
		switch {
		case best < 0 || c.n > cs[best].n:
			best, second = i, best
		case second < 0 || c.n > cs[second].n:
			second = i
		}
	}
	if best < 0 || cs[best].n == 0 {
		return "", 0
	}
	if second < 0 || cs[second].n == 0 {
		return cs[best].s, cs[best].n
	}
	a, b := cs[best], cs[second]
	if b.pos < a.pos {
		a, b = b, a
	}
	return a.s + " " + b.s, cs[best].n
}

// costWords are the first letters of the words of a price and of money: « c'est payant ? » is
// answered by « la version gratuite suffit » as much as by « réservés à l'offre payante », « et
// mon argent ? » by « demandez le remboursement ».
var costWords = map[string]bool{"paya": true, "paye": true, "grat": true, "cout": true, "prix": true,
	"tari": true, "cher": true, "euro": true, "abon": true, "arge": true, "remb": true}

// languageWords are the first letters of the words of languages and translation: « et en
// allemand ? » after a reply on answering in English is answered by « faites-la traduire ».
var languageWords = []string{"langu", "tradu", "anglai", "allema", "espagn", "italie", "neerland", "portugai",
	"chinoi", "arabe", "etrang", "étrang"}

// durationWords are the words of a duration, whole: « ça prend combien de temps ? » is
// answered by « de quelques jours à quelques semaines ».
var durationWords = map[string]bool{"temps": true, "longtemps": true, "delai": true, "delais": true,
	"jours": true, "semaines": true, "mois": true, "heures": true, "minutes": true, "duree": true}

// focusKey is how Focus compares two words: their first four letters, every word of a price
// being one, every word of a duration and every word of a language.
func focusKey(w string) string {
	p := prefix4(w)
	switch {
	case costWords[p]:
		return "€"
	case durationWords[w]:
		return "durée"
	case slices.ContainsFunc(languageWords, func(l string) bool { return strings.HasPrefix(w, l) }):
		return "langue"
	}
	return p
}

func prefix4(w string) string {
	if len(w) > 4 {
		return w[:4]
	}
	return w
}

// Defining returns the sentence of a text that defines what a definition question asks
// about, if there is one.
func Defining(text, question string) (string, bool) {
	for _, line := range strings.Split(text, "\n") {
		for _, s := range sentencesOf(strings.TrimSpace(line)) {
			if Defines(s, question) {
				return s, true
			}
		}
	}
	return "", false
}

// Defines reports whether a sentence defines what a definition question asks about: it
// opens on the term the question names and says what it is (« Un channel manager est un
// logiciel qui… » for « c'est quoi un channel manager ? »).
func Defines(sentence, question string) bool {
	var term []string
	for _, w := range knowledge.Words(question) {
		if len(w) >= 2 && !knowledge.IsStopWord(w) && !definitionWords[w] {
			term = append(term, w)
		}
	}
	if len(term) == 0 || len(term) > 4 {
		return false
	}
	words := knowledge.Words(sentence)
	for start := 0; start <= 2 && start+len(term) < len(words); start++ {
		if slices.Equal(words[start:start+len(term)], term) {
			return definingVerbs[words[start+len(term)]]
		}
	}
	return false
}

// definitionWords are the words of a definition question that are not its term.
var definitionWords = map[string]bool{"quoi": true, "koi": true, "definition": true, "signifie": true,
	"veut": true, "dire": true, "sert": true, "ca": true, "exactement": true, "cest": true}

// definingVerbs follow the term in a sentence that says what it is.
var definingVerbs = map[string]bool{"est": true, "sont": true, "designe": true, "designent": true,
	"signifie": true, "consiste": true}

// Remaining returns the numbered steps of a unit that an owner's message does not say are
// done (« j'ai appelé l'opérateur, ils bloquent la SIM » after the steps of a SIM swap:
// the bank, the passwords, the complaint), renumbered, when it says some are and some are
// left. A step is done when the message says its action (« appelé » for « Appelez ») and
// something it acts on (« l'opérateur »), not only the words it names (« la banque … un
// paiement » does not say « Contestez auprès de la banque tout paiement »).
func Remaining(text, told string) ([]string, bool) {
	said := map[string]bool{}
	for _, w := range knowledge.Words(told) {
		if len(w) >= 4 && !knowledge.IsStopWord(w) {
			said[knowledge.Stem(w)] = true
		}
	}
	var steps, lead []string
	done := 0
	for _, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		dot := strings.Index(line, ". ")
		if dot < 1 || dot > 2 || strings.Trim(line[:dot], "0123456789") != "" {
			if len(steps) == 0 && done == 0 {
				lead = append(lead, line)
			}
			continue
		}
		step := line[dot+2:]
		if verb, objects := toldDone(step, said); verb && objects > 0 || !imperative(step) && objects >= 2 {
			// « 4. Les mises à jour automatiques. » says no action: naming two of its words,
			// in a message that tells something done (DoneAndNext), is enough
			done++
			continue
		}
		steps = append(steps, step)
	}
	if verb, objects := toldDone(strings.Join(lead, " "), said); verb && objects > 0 || objects >= 2 {
		// the first thing to do, before the list (« appelez votre banque pour faire
		// opposition »), told done: « la banque a fait opposition »
		done++
	}
	if done == 0 || len(steps) == 0 {
		return nil, false
	}
	return steps, true
}

// imperative reports whether a step says what to do with a verb (« Appelez … »).
func imperative(step string) bool {
	for _, w := range knowledge.Words(step) {
		if len(w) >= 4 && strings.HasSuffix(w, "ez") && !knowledge.IsStopWord(w) {
			return true
		}
	}
	return false
}

// toldDone reports whether what the owner said names a step's action (its first imperative,
// « Appelez », « Rappelez ») and how many of the other words it acts on.
func toldDone(step string, said map[string]bool) (verb bool, objects int) {
	seen := map[string]bool{}
	action := false
	for _, w := range knowledge.Words(step) {
		s := knowledge.Stem(w)
		if len(w) < 4 || knowledge.IsStopWord(w) || seen[s] {
			continue
		}
		seen[s] = true
		if strings.HasSuffix(w, "ez") && !action {
			action = true
			verb = said[s] || said[strings.TrimPrefix(s, "r")]
			continue
		}
		if said[s] && !actionStems[s] {
			objects++
		}
	}
	return verb, objects
}

// actionStems are the stems of the actions steps share ("appelez", "bloquer", "changez"),
// which alone do not say which step was done.
var actionStems = func() map[string]bool {
	out := map[string]bool{}
	for _, w := range []string{"appeler", "appelez", "bloquer", "bloquez", "changer", "changez", "faire", "faites",
		"demander", "demandez", "contacter", "contactez", "garder", "gardez", "verifier", "verifiez", "mettre",
		"mettez", "activer", "activez", "deposer", "deposez", "signaler", "signalez", "prevenir", "prevenez", "votre", "vos"} {
		out[knowledge.Stem(w)] = true
	}
	return out
}()

// DoneAndNext reports whether a message tells steps it has done and asks what comes next
// (« ils confirment … ils la bloquent. je fais quoi maintenant ? »), or only reports them
// (« j'ai appelé la banque, ils disent que c'est parti. »).
func DoneAndNext(text string) bool {
	f := strings.Join(knowledge.Words(text), " ")
	done := containsAny(norm(text), doneCues) || doneTold.MatchString(f)
	return done && (Wants(text)&Next != 0 || nextAsked.MatchString(f) || !IsQuestion(text))
}

var (
	// doneTold: the steps told done by their verb, beside « c'est fait » (doneCues)
	doneTold  = regexp.MustCompile(`\b(?:(?:ai|avons) (?:appele|fait|change|bloque|depose|contacte|active|prevenu|signale|telephone|porte plainte)|(?:a|ont) fait opposition|(?:ils|elle|il|la banque|l operateur) (?:ont |a |la |l |les )?(?:bloque|bloquent|bloquee|coupe|coupent|suspendu|suspendent|fait opposition))\b`)
	nextAsked = regexp.MustCompile(`\b(?:je fais quoi|on fait quoi|que dois je faire|quoi faire|et maintenant|maintenant|et apres|ensuite|quoi d autre|il faut faire quoi|prochaine etape)\b`)
)
