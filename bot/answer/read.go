package answer

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/coachbot/coachbot/knowledge"
)

// Part is one question found in a message.
type Part struct {
	// Text is the question as it should be searched: the question sentence, with what the
	// message said about its subject when the sentence alone does not name it.
	Text string
	// Asked is the owner's own wording of this question, for the label of a part.
	Asked string
	Want  Want
	// AboutProgramme: the question speaks of the coaching programme, its coaches, workshops
	// or the chamber of commerce.
	AboutProgramme bool
	// Message is the whole message the part comes from (what an emergency's first steps
	// depend on: a card, a transfer).
	Message string
	// Borrowed: the part is a follow-up whose Text borrows the previous question; Asked
	// holds the owner's own words.
	Borrowed bool
	// Incident: the part follows up on an emergency answered just before ("ils peuvent
	// encore faire qqch ?"): it is searched in the security guides, like the emergency,
	// and answered for what it asks.
	Incident bool
	// Situation is the sentence of a story that tells its problem ("Google a suspendu ma
	// fiche sans explication"), searched on its own too, so that the rest of the story
	// (reviews, customers) does not crowd out the guide of the problem.
	Situation string
	// Side: a question asked on the side of the message's story ("… et au passage, quel
	// gestionnaire de mots de passe ?"), not about the emergency it tells
	Side bool
}

// NewPart returns the part searched as text, asked as asked: what it wants is read from the
// owner's wording first.
func NewPart(text, asked string) Part {
	text = ownerWords(text)
	p := Part{Text: placeWorkshopsAsBusiness(text), Asked: asked, Want: Wants(asked)}
	if p.Want == 0 {
		p.Want = Wants(text)
	}
	p.AboutProgramme = AboutProgramme(text)
	p.Message = asked
	return p
}

// FollowUp returns the part for a follow-up ("c'est payant ?", "et si j'ai pas le temps ?")
// made standalone as text: what it wants is read from the owner's own words only, not from
// the previous question it borrows.
func FollowUp(text, asked string) Part {
	p := NewPart(text, asked)
	p.Want = Wants(asked)
	p.Borrowed = true
	return p
}

// MaxParts is the number of questions of one message that are answered part by part.
const MaxParts = 3

// Read finds the questions of a message. A short message is one question. In a long one,
// the sentences that ask something are the questions, the story around them giving context
// only when a question does not name its subject; a sentence that asks two things ("… et
// aussi …", "…, et c'est payant ?") gives two parts, the second borrowing the subject of the
// first when it names none.
func Read(text string) []Part {
	text = ownerWords(text)
	if text == "" {
		return nil
	}
	sentences := sentencesOf(text)
	var asks []int
	for i, s := range sentences {
		if asksSomething(s) {
			asks = append(asks, i)
		}
	}
	if len(asks) > 1 {
		// "je voudrais poster des photos de mes clientes. Je dois leur demander ?": when a
		// sentence asks in so many words, a wish stated beside it is its context
		var direct []int
		for _, i := range asks {
			if !wishOnly(sentences[i]) {
				direct = append(direct, i)
			}
		}
		if len(direct) > 0 && len(direct) < len(asks) && anyQuestionMark(sentences, direct) {
			asks = direct
		}
	}
	long := len(sentences) > 2 || utf8.RuneCountInString(text) > 220
	var parts []Part
	situation := ""
	switch {
	case len(asks) == 0 && !long:
		parts = splitClauses(text, "", false)
	case len(asks) == 0:
		// a story without a question mark: its last sentences usually hold the need
		from := max(0, len(sentences)-2)
		parts = []Part{{Text: strings.Join(sentences[from:], " "), Asked: strings.Join(sentences[from:], " ")}}
		k := problemTold(sentences[:from])
		if k >= 0 {
			situation = sentences[k]
		}
		if !knowledge.DomainSignal(parts[0].Text) || contentWords(parts[0].Text) < 4 {
			// the need is told in the story: all of it is searched
			parts[0].Text = text
		} else if k >= 0 {
			// "Google a suspendu ma fiche sans explication, … je perds des clients, c'est
			// honteux.": the problem told first is what the story is about
			parts[0].Text = sentences[k] + " " + parts[0].Text
		}
	default:
		// the story around the questions: every sentence that asks nothing, before or after
		var story []string
		for i, s := range sentences {
			if !containsInt(asks, i) {
				story = append(story, s)
			}
		}
		context := strings.Join(story, " ")
		if long && !UrgentTold(text) {
			// "… elle a posté dans le groupe Facebook avec « à fuir », 150 commentaires m'insultent.
			// Je dois répondre ?": the problem the story tells is searched on its own too
			situation = problemOf(story)
		}
		for k, i := range asks {
			// "… Google Analytics c'est légal ? Et y a des alternatives ?": a question that
			// names nothing is about the question before it, else about the story
			subject := subjectOf(context)
			if k == 0 && i > 0 && !containsInt(asks, i-1) && contentWords(sentences[i]) <= 1 {
				// "Google me demande une adresse… je veux pas que les gens débarquent chez
				// moi. Comment je fais ?": the sentence just before a question is what a
				// question that names nothing asks about
				lead := strings.TrimRight(strings.TrimSpace(sentences[i-1]), ".!… ")
				if knowledge.DomainSignal(lead) {
					subject = lead
				} else if subject != "" {
					subject += " " + lead
				}
			}
			if k > 0 {
				prev := sentences[asks[k-1]]
				if subject = subjectOf(prev); !knowledge.DomainSignal(subject) {
					if story := subjectOf(context); knowledge.DomainSignal(story) && !namesItsSubject(prev) {
						// "Je paye ? Et sinon comment je le récupère ?": neither names it, the
						// story does
						subject = story
					} else {
						// its subject is a phrase ("quand on tape …"): the whole question
						subject = strings.TrimRight(strings.TrimSpace(prev), "?!. ")
					}
				}
			}
			ps := splitClauses(sentences[i], subject, k > 0)
			if len(asks) == 1 && len(ps) == 1 && (!namesItsSubject(ps[0].Asked) || pointsBack(ps[0].Asked) && context != "") {
				// the only question, too short to stand alone or about what the story told
				// ("que faire de ce mail ?"): the whole message is the question
				ps[0].Text = text
				if namesItsSubject(ps[0].Asked) && contentWords(ps[0].Asked) >= 6 && contentWords(text) > 40 {
					// "Je peux envoyer un SMS promo à tous ces clients, ou il faut une
					// autorisation ?" at the end of a long story: the question says what it is
					// about; the story gives its subject only
					ps[0].Text = subjectOf(context) + " " + ps[0].Asked
				}
			}
			parts = append(parts, ps...)
		}
		if len(asks) == 1 && len(parts) == 1 && sideQuestion(parts[0].Asked) && UrgentTold(context) {
			// "Le site redirige vers une pharmacie russe depuis hier soir !! Et au passage c'est
			// quoi un hébergeur fiable ?": the emergency told is a question of its own, before
			// the one asked on the side
			parts[0].Text = parts[0].Asked
			parts = append([]Part{{Text: context, Asked: context}}, parts...)
		}
	}
	parts = mergeSame(parts)
	if len(parts) > MaxParts {
		parts = parts[:MaxParts]
	}
	// an emergency told anywhere in the message is what every question of it is about
	var urgent Want
	if UrgentTold(text) {
		urgent = Urgent
	}
	if urgent != 0 && len(parts) > 1 && allVague(parts) {
		// "qu'est-ce qui se passe et qu'est-ce que je dois faire ?" after an incident told:
		// one question, about the whole story
		parts = []Part{{Text: text, Asked: text}}
	}
	incident := ""
	if urgent != 0 {
		incident = incidentOf(sentences)
	}
	for i, p := range parts {
		// a question asked on the side, or on what to do afterwards so that it does not
		// happen again ("et derrière, quelle sauvegarde pour ne plus dépendre d'un seul ordi ?")
		side := i > 0 && (sideQuestion(p.Asked) || asksPrevention(p.Asked) && Wants(p.Asked)&Urgent == 0)
		if side {
			// "… c'est grave ? Et au passage, c'est quoi un bon gestionnaire de mots de
			// passe ?": a question asked on the side is not about the emergency
			parts[i] = NewPart(p.Text, p.Asked)
			parts[i].Message = text
			parts[i].Side = true
			continue
		}
		if incident != "" && Wants(p.Text)&Urgent == 0 {
			// "je fais quoi ?": the emergency told in the story is what is asked about
			p.Text = incident + " " + p.Text
		} else if first := firstIncident(sentences); first != "" && !IsQuestion(p.Asked) && !strings.Contains(p.Text, first) {
			// a story that asks nothing, "… sinon il supprime tout" told after "mon compte
			// Insta a été piraté": what happened first is what it is about
			p.Text = first + " " + p.Text
		}
		parts[i] = NewPart(p.Text, p.Asked)
		parts[i].Situation = situation
		if i > 0 && parts[i].Want == 0 && strings.HasPrefix(knowledge.Fold(strings.TrimSpace(p.Asked)), "et ") {
			// "Je peux mettre les photos de leurs catalogues ? Et celles que je trouve sur
			// Google Images ?": the second asks the same thing of something else
			parts[i].Want = parts[i-1].Want &^ urgent
		}
		parts[i].Want |= urgent
		parts[i].Message = text
	}
	return parts
}

// problemTold is the first sentence that tells a problem with something digital ("Google a
// suspendu ma fiche"), or -1.
func problemTold(sentences []string) int {
	for i, s := range sentences {
		if Wants(s)&(Problem|Urgent) != 0 && knowledge.DomainSignal(s) {
			return i
		}
	}
	return -1
}

// problemOf is the problem a story tells (problemTold), or a problem told right after the
// sentence that names its digital subject ("elle a posté dans le groupe Facebook … Certains
// m'insultent."), the two sentences together; "" when it tells none.
func problemOf(sentences []string) string {
	if k := problemTold(sentences); k >= 0 {
		return sentences[k]
	}
	for i := 1; i < len(sentences); i++ {
		if Wants(sentences[i])&(Problem|Urgent) != 0 && knowledge.DomainSignal(sentences[i-1]) {
			return sentences[i-1] + " " + sentences[i]
		}
	}
	return ""
}

// sideQuestion reports whether a question says it is asked on the side ("au passage",
// "rien à voir", "autre question").
func sideQuestion(asked string) bool {
	n := " " + strings.Join(knowledge.Words(asked), " ") + " "
	for _, cue := range sideCues {
		if strings.Contains(n, " "+cue+" ") {
			return true
		}
	}
	return false
}

var sideCues = []string{"au passage", "par ailleurs", "autre question", "autre chose", "rien a voir", "accessoirement", "d ailleurs", "question bonus", "hors sujet", "en passant",
	"question a cote", "a cote", "petite question", "question annexe", "autre sujet", "autre truc"}

// OneIncident makes the parts of a message about an emergency one question when none of
// them names anything ("qu'est-ce qui se passe et qu'est-ce que je dois faire ?"): the
// whole story, searched as one.
func OneIncident(ps []Part) []Part {
	if len(ps) < 2 || !allVague(ps) {
		return ps
	}
	p := NewPart(ps[0].Message, ps[0].Message)
	p.Want |= ps[0].Want & Urgent
	p.Message = ps[0].Message
	return []Part{p}
}

// allVague reports whether every part asks in a few words that name nothing ("qu'est-ce qui
// se passe", "je fais quoi").
func allVague(ps []Part) bool {
	for _, p := range ps {
		if contentWords(p.Asked) > 2 {
			return false
		}
	}
	return true
}

// incidentOf returns the sentences of a message that tell an emergency (what happened to
// the owner), at most two, in their order.
func incidentOf(sentences []string) string {
	var told []string
	n := 0
	for i, s := range sentences {
		if Wants(s)&Urgent != 0 {
			if i > 0 && pronounFirst(s) && len(told) == 0 {
				// "J'ai licencié ma serveuse. Hier soir elle a publié … Elle a encore les codes
				// de tout": who "elle" is belongs to the incident
				j := i - 1
				for j > 0 && i-j < 3 && hasPronoun(sentences[j]) {
					j--
				}
				told = append(told, sentences[j:i]...)
			}
			told = append(told, s)
			if n++; n == 2 {
				break
			}
		}
	}
	return strings.Join(told, " ")
}

// hasPronoun reports whether a sentence speaks of someone through a personal pronoun.
func hasPronoun(s string) bool {
	for _, w := range knowledge.Words(s) {
		if w == "il" || w == "elle" || w == "ils" || w == "elles" {
			return true
		}
	}
	return false
}

// pronounFirst reports whether a sentence opens on a personal pronoun that stands for
// someone named before it ("Elle a encore les codes").
func pronounFirst(s string) bool {
	ws := knowledge.Words(s)
	return len(ws) > 0 && (ws[0] == "il" || ws[0] == "elle" || ws[0] == "ils" || ws[0] == "elles")
}

// firstIncident returns the first sentence of a message that tells an emergency, or "".
func firstIncident(sentences []string) string {
	for _, s := range sentences {
		if Wants(s)&Urgent != 0 {
			return s
		}
	}
	return ""
}

// programmeCues are words of questions about the programme itself (folded, stemmed).
var programmeCues = normAll("coach", "coachs", "coaching", "conseiller", "conseillere", "accompagnement",
	"accompagner", "atelier", "ateliers", "cci", "chambre de commerce", "cma", "chambre de metiers",
	"programme", "seance", "vous", "votre service", "gratuit", "formation", "quelqu un", "humain", "personne")

// AboutProgramme reports whether a question speaks of the coaching programme, its coaches,
// its workshops or the chamber of commerce — or of the service itself ("vous"). The owner's
// own workshop ("mon atelier", "un atelier de réparation de vélos") is a place, not one of
// the programme's.
func AboutProgramme(text string) bool {
	// the "vous" of "rendez-vous" is no one: "pour qu'ils prennent rendez-vous plus tôt"
	text = rendezVous.ReplaceAllString(text, "créneau")
	return containsAny(norm(withoutPlaceWorkshops(text)), programmeCues)
}

var rendezVous = regexp.MustCompile(`(?i)\brendez[- ]vous\b`)

// WorkshopIsAPlace reports whether the word "atelier" at words[i] (folded words) is the
// owner's workplace rather than a collective session: "mon atelier", "à l'atelier", "je tiens
// un atelier de réparation", "un atelier de couture".
func WorkshopIsAPlace(words []string, i int) bool {
	if i > 0 && slices.Contains([]string{"mon", "notre", "son", "votre", "leur", "a", "au", "dans", "du", "l", "cet", "cette"}, words[i-1]) {
		return true
	}
	if i+2 < len(words) && (words[i+1] == "de" || words[i+1] == "d") {
		// "un atelier de couture"; not "un atelier de formation", "de la CCI", "de groupe"
		return !slices.Contains([]string{"formation", "la", "cci", "cma", "groupe", "sensibilisation", "decouverte", "initiation", "creation"}, words[i+2])
	}
	if i+1 < len(words) && elidedTrade(words[i+1]) {
		// "un atelier d'encadrement", "d'horlogerie": the elided "d'" is not among the words
		return true
	}
	return false
}

// elidedTrade reports whether a word that follows "atelier" is a trade whose "d'" was elided
// ("d'encadrement", "d'ébénisterie"), not a word of a session ("d'initiation", "en ligne").
func elidedTrade(w string) bool {
	if len([]rune(w)) < 5 || !strings.ContainsRune("aeiouyh", rune(w[0])) || knowledge.IsStopWord(w) {
		return false
	}
	return !slices.Contains([]string{"initiation", "information", "introduction", "echange", "echanges",
		"animation", "accompagnement", "apprentissage", "organise", "organisee", "etait", "ensuite", "aujourd",
		"ouvert", "ouverte", "avait", "entreprise", "entreprises", "internet", "instagram", "ecriture"}, w)
}

// ownerWords writes, before a message is read, what an owner says in words that would read as
// something else: SMS spellings of an act (smsSpelling), a coach by trade (tradeCoach).
// Applied again to a text it already wrote, it changes nothing.
func ownerWords(text string) string {
	return smsSpelling(tradeCoach(taxNotice.ReplaceAllString(strings.TrimSpace(text), "feuille d'impôt")))
}

// taxNotice is an « avis d'imposition », a document, not a customer's review.
var taxNotice = regexp.MustCompile(`(?i)\bavis d['’](?:imposition|impôt|impot|impôts|impots)\b|\bavis de non[- ]imposition\b`)

// smsSpelling writes the SMS spellings of what an owner did in full, so that it reads as an
// act told: "g cliké" is "j'ai cliqué", "jai fermé" is "j'ai fermé", "g pa continué" is "j'ai
// pas continué".
func smsSpelling(text string) string {
	if !smsCue.MatchString(text) {
		return text
	}
	for _, r := range smsRewrites {
		text = r.re.ReplaceAllString(text, r.to)
	}
	return text
}

var smsCue = regexp.MustCompile(`(?i)\b(?:g|jai|cliké|clické|kliké|pa)\b`)

var smsRewrites = []struct {
	re *regexp.Regexp
	to string
}{
	{regexp.MustCompile(`(?i)\bg (pa |pas |tou |tout |deja |déjà )?(\pL+(?:é|ée|és|ées|i|is|it|u|us))\b`), "j'ai $1$2"},
	{regexp.MustCompile(`(?i)\bjai\b`), "j'ai"},
	{regexp.MustCompile(`(?i)\b(?:cliké|clické|kliké|kliqué)`), "cliqué"},
	{regexp.MustCompile(`(?i)\bj'ai pa\b`), "j'ai pas"},
}

// tradeCoach writes the owner's trade of coach ("je suis coach sportif", "coach de vie",
// "en tant que coach") as another word, so that it does not read as the programme's coaches.
func tradeCoach(text string) string {
	if !strings.Contains(strings.ToLower(text), "coach") {
		return text
	}
	return coachTrade.ReplaceAllStringFunc(text, func(m string) string {
		i := strings.Index(strings.ToLower(m), "coach")
		return m[:i] + "entraîneur" + m[i+len("coach"):]
	})
}

var coachTrade = regexp.MustCompile(`(?i)\b(?:suis|sommes|comme|en tant que) coach\b(?: (?:sportif|sportive|de vie|en \pL+|bien-être|bien être|fitness|mental|parental|holistique|certifiée?|canin|scolaire|de sport|yoga))?|\bcoachs? (?:sportif|sportive|sportifs|de vie|en (?:nutrition|développement|image|bien-être|entreprise|sport|minceur|séduction)|bien-être|bien être|fitness|mental|parental|holistique|certifiée?|canin|scolaire|de sport)\b`)

// placeWorkshopsAsBusiness writes the owner's own workshop ("mon atelier sort sur Google")
// as their business for the search, so that it does not find the programme's workshops.
func placeWorkshopsAsBusiness(text string) string {
	words := knowledge.Words(text)
	if !slices.Contains(words, "atelier") {
		return text
	}
	changed := false
	for i, w := range words {
		if w == "atelier" && WorkshopIsAPlace(words, i) {
			words[i], changed = "entreprise", true
		}
	}
	if !changed {
		return text
	}
	out := strings.Join(words, " ")
	if strings.HasSuffix(strings.TrimSpace(text), "?") {
		out += " ?"
	}
	return out
}

// withoutPlaceWorkshops drops the owner's own workshop from a text (see WorkshopIsAPlace).
func withoutPlaceWorkshops(text string) string {
	words := knowledge.Words(text)
	if !slices.Contains(words, "atelier") {
		return text
	}
	out := words[:0:0]
	for i, w := range words {
		if w == "atelier" && WorkshopIsAPlace(words, i) {
			continue
		}
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// pointsBack reports whether a question refers to what was told before it ("ce mail",
// "tout ça", "je peux les reprendre").
func pointsBack(q string) bool {
	f := knowledge.Fold(q)
	return containsAny(norm(q), backCues) || pronounObjectRE.MatchString(f) || thatRE.MatchString(f)
}

// thatRE finds "ça" standing for what the story told: "je mets ça en avant", "ça coûte
// combien ?".
var thatRE = regexp.MustCompile(`\b(?:je|j'|on|tu|vous) ?[a-z]+ (?:ca|cela)\b|(?:^|[.!?] )(?:et )?(?:ca|cela) (?:coute|marche|sert|vaut|prend|se fait|s'applique)\b`)

// pronounObjectRE finds a verb whose object is a pronoun standing for something of the story:
// "je peux les reprendre", "comment la supprimer", "je dois le faire".
var pronounObjectRE = regexp.MustCompile(`\b(?:je peux|on peut|puis-je|peut-on|je dois|dois-je|faut-il|comment|je vais|je veux|je pourrais|on pourrait|est-ce que je peux|j'ai le droit de|ai-je le droit de) (?:les|la|le|l'|en|y|leur|lui) ?[a-z]+(?:er|ir|re)\b`)

var backCues = normAll("ce mail", "ce message", "ce sms", "cet appel", "ce courrier", "cette demande", "ce compte",
	"ce site", "ce lien", "cette page", "ce code", "tout ca", "tout cela", "dans ce cas", "dans ma situation",
	"du coup", "ca veut dire", "c est normal", "c est grave", "c est louche", "c est vrai", "c est serieux")

// namesItsSubject reports whether a question says what it is about: a digital subject and
// a few words besides.
func namesItsSubject(q string) bool {
	return knowledge.DomainSignal(q) && contentWords(q) >= 4 && !vagueSubject(q)
}

// splitClauses cuts a question sentence where a second question starts and gives each clause
// a subject: its own if it names one, else the subject of the clause before it, else the
// subject given (the story's, or the question's before it).
func splitClauses(s, subject string, afterQuestion bool) []Part {
	clauses := cutSecondQuestions(s)
	var out []Part
	prevSubject := subject
	for ci, c := range clauses {
		p := Part{Text: c, Asked: c}
		// "… pourquoi ? Et Brevo, c'est gratuit ?": a second question with its own subject and
		// its own ask (not an emergency, read with what the message told)
		own := (ci > 0 || afterQuestion) && knowledge.SubjectSignal(c) && Wants(c)&^(Urgent|Problem) != 0 && !UrgentTold(c)
		if !own && (contentWords(c) < 4 || !knowledge.DomainSignal(c) && contentWords(c) < 6) {
			if prevSubject != "" {
				p.Text = prevSubject + " " + c
			}
		}
		if s := subjectOf(c); s != "" {
			prevSubject = s
		}
		out = append(out, p)
	}
	return out
}

// secondQuestion are the folded openings of a clause that asks another thing.
var secondQuestion = []string{
	" et aussi ", " aussi est ce que ", " autre question ", " deuxieme question ", " 2eme question ",
	" par ailleurs ", " d autre part ", " et est ce que ", " est ce qu en plus ", " et comment ",
	" et combien ", " et c est ", " et ca coute ", " et faut il ", " et quel ", " et quelle ",
	" et quels ", " et quelles ", " et si ", " et ou ", " et dois je ", " et je dois ", " et peut on ",
	" et qui ", " et quand ", " et pourquoi ", " et y a ", " et il faut ",
	" et on peut ", " et je peux ", " et puis ", " et pour ", " et niveau ", " et question ",
	" en plus est ce que ", " sinon est ce que ", " sinon ",
}

var secondCues = normAll(secondQuestion...)

// cutSecondQuestions splits a sentence before each opening of another question, when both
// sides are substantial enough to be questions.
func cutSecondQuestions(s string) []string {
	if len(knowledge.Words(s)) < 6 {
		return []string{s}
	}
	n := norm(s)
	cut := -1
	for _, o := range secondCues {
		i := strings.Index(n, o)
		if i <= 0 {
			continue
		}
		before := len(strings.Fields(n[:i]))
		after := len(strings.Fields(n[i:]))
		if before >= 3 && after >= 3 && (cut < 0 || before < cut) {
			cut = before
		}
	}
	if cut < 0 {
		return []string{s}
	}
	// map the word index back onto the original text
	first, rest := cutAtWord(s, cut)
	if strings.TrimSpace(first) == "" || strings.TrimSpace(rest) == "" {
		return []string{s}
	}
	return append([]string{strings.TrimRight(strings.TrimSpace(first), ",;")}, cutSecondQuestions(strings.TrimSpace(rest))...)
}

// cutAtWord splits s before its k-th word as norm counts them, at a space.
func cutAtWord(s string, k int) (string, string) {
	n := 0
	for i := 0; i < len(s); {
		// the next token: spaces, then what runs up to the next space
		j := i
		for j < len(s) && s[j] == ' ' {
			j++
		}
		e := j
		for e < len(s) && s[e] != ' ' {
			e++
		}
		if j > i && n == k {
			return s[:i], s[i:]
		}
		n += len(strings.Fields(norm(s[j:e])))
		i = e
	}
	return s, ""
}

// mergeSame drops parts asking the same thing twice (the same words), keeping the first.
func mergeSame(ps []Part) []Part {
	var out []Part
	seen := map[string]bool{}
	for _, p := range ps {
		k := strings.Join(knowledge.Distinct(knowledge.Terms(p.Asked)), " ")
		if k == "" || seen[k] {
			if k == "" && len(out) == 0 {
				out = append(out, p)
			}
			continue
		}
		seen[k] = true
		out = append(out, p)
	}
	return out
}

// subjectOf returns the words of a text that name what it is about: the words of a digital
// subject when it names one ("ma fiche Google", "mon site"), else its content words (a
// page of another domain, --guides DIR, has other subjects), at most maxSubject, the last
// ones; "" when it has none.
func subjectOf(text string) string {
	if text == "" {
		return ""
	}
	var domain, content []string
	quoted := map[string]bool{}
	for _, q := range quotedPhrases(text) {
		for _, w := range knowledge.Words(q) {
			quoted[w] = true
		}
	}
	for _, w := range knowledge.Words(text) {
		if knowledge.IsStopWord(w) {
			continue
		}
		content = append(content, w)
		if knowledge.DomainSignal(w) || quoted[w] || secrecyWords[w] {
			// what the owner quotes (« Non sécurisé », « colis en attente ») is what they
			// saw: the story's subject as much as its digital words
			domain = append(domain, w)
		}
	}
	out := content
	if len(domain) > 0 {
		out = domain
	}
	if len(out) > maxSubject {
		out = out[len(out)-maxSubject:]
	}
	return strings.Join(out, " ")
}

// secrecyWords name a profession bound by professional secrecy, or its patients and clients:
// they change what may be answered (« Un patient m'a mis 1 étoile … je peux répondre en
// expliquant son cas ? »), so a story's subject keeps them.
var secrecyWords = map[string]bool{"patient": true, "patients": true, "patiente": true, "patientes": true,
	"kine": true, "kinesitherapeute": true, "medecin": true, "dentiste": true, "infirmier": true,
	"infirmiere": true, "osteopathe": true, "psychologue": true, "avocat": true, "avocate": true,
	"notaire": true, "sage": true, "orthophoniste": true, "podologue": true}

// quotedPhrases returns the short phrases a text quotes (« … », “ … ”, "…"): what the owner
// read on a screen or in a message. Long quotes (a whole message pasted) are left out.
func quotedPhrases(text string) []string {
	var out []string
	for _, m := range quoteRe.FindAllStringSubmatch(text, -1) {
		q := m[1] + m[2] + m[3]
		if n := len(strings.Fields(q)); n > 0 && n <= maxQuoted {
			out = append(out, q)
		}
	}
	return out
}

var quoteRe = regexp.MustCompile(`«\s*([^»]*?)\s*»|“([^”]*)”|"([^"]*)"`)

// maxQuoted is the longest quote, in words, that quotedPhrases keeps.
const maxQuoted = 6

// Subject is subjectOf for the core: the words of a message that name what it is about.
func Subject(text string) string { return subjectOf(text) }

// ContentWords counts the words of a text that are not stop words.
func ContentWords(text string) int { return contentWords(text) }

// maxSubject bounds the words a question borrows from its context.
const maxSubject = 16

// contentWords counts the words of a text that are not stop words.
func contentWords(s string) int {
	n := 0
	for _, w := range knowledge.Words(s) {
		if !knowledge.IsStopWord(w) {
			n++
		}
	}
	return n
}

// questionStarts are folded openings of a sentence that asks something.
var questionStarts = []string{
	"comment", "combien", "pourquoi", "quand", "quel", "quelle", "quels", "quelles", "ou ", "est ce",
	"est-ce", "qui ", "que faire", "que dois", "qu est ce", "faut il", "dois je", "puis je", "peut on",
	"peux je", "pouvez vous", "pourriez vous", "pourriez-vous", "pouvez-vous", "avez vous", "y a t il",
	"y a-t-il", "je voudrais savoir", "je voulais savoir", "j aimerais savoir", "je me demande",
	"je cherche", "je souhaite", "je voudrais", "j aimerais", "je veux", "aidez", "dites moi",
	"expliquez", "c est quoi", "c quoi", "ca sert", "vaut il", "vaut-il", "on peut", "je peux",
	"est il", "est-il", "sont ils", "existe t il", "il faut", "besoin", "conseil", "une idee",
	"des idees", "que me conseillez", "vous me conseillez", "que conseillez", "quoi faire", "que faire",
	"question",
}

// IsQuestion reports whether a message asks something: one of its sentences is a question
// or a request.
func IsQuestion(text string) bool {
	for _, s := range sentencesOf(text) {
		if asksSomething(s) {
			return true
		}
	}
	return false
}

// asksSomething reports whether a sentence is a question or a request.
func asksSomething(s string) bool {
	if strings.Contains(s, "?") {
		return true
	}
	n := norm(s)
	for _, q := range startCues {
		if strings.HasPrefix(n, q) {
			return true
		}
	}
	for _, q := range innerCues {
		if strings.Contains(n, q) {
			return true
		}
	}
	return false
}

// wishOnly reports whether a sentence asks nothing but states a wish ("je voudrais poster
// des photos"), with no question mark and no question word.
func wishOnly(s string) bool {
	if strings.Contains(s, "?") {
		return false
	}
	n := norm(s)
	for _, q := range startCues {
		if strings.HasPrefix(n, q) && !containsAny(q, wishCues) {
			return false
		}
	}
	for _, q := range innerCues {
		if strings.Contains(n, q) && !containsAny(q, wishCues) {
			return false
		}
	}
	return containsAny(n, wishCues)
}

var wishCues = normAll("j aimerais", "je voudrais", "je souhaite", "je cherche")

// anyQuestionMark reports whether one of the sentences at idx ends a question with "?".
func anyQuestionMark(sentences []string, idx []int) bool {
	for _, i := range idx {
		if strings.Contains(sentences[i], "?") {
			return true
		}
	}
	return false
}

var (
	startCues = normAll(questionStarts...)
	innerCues = normAll([]string{"je voudrais savoir", "j aimerais savoir", "je me demande", "savoir si",
		"savoir comment", "savoir combien", "comment faire", "comment je", "comment on", "que faire",
		"quoi faire", "est ce que", "faut il", "pourriez vous", "pouvez vous", "j aimerais", "je voudrais",
		"je souhaite", "je cherche", "conseillez", "combien", "c est quoi"}...)
)

// LastAsked is the last sentence of a message that asks something (ends with a question
// mark), or the message itself when none does: after « Je suis opticien. Je peux supprimer
// ces photos ? et mettre mon logo ? », what was asked last is « et mettre mon logo ? ».
func LastAsked(text string) string {
	ss := sentencesOf(text)
	for i := len(ss) - 1; i >= 0; i-- {
		if strings.HasSuffix(strings.TrimRight(ss[i], " )»"), "?") {
			return ss[i]
		}
	}
	return text
}

// WithoutDone is a follow-up without the sentence that reports steps done (« c'est fait,
// j'ai raccroché et débranché. ») when another sentence follows it: what it says next is what
// it is about.
func WithoutDone(text string) string {
	ss := sentencesOf(text)
	if len(ss) < 2 || !containsAny(norm(ss[0]), doneCues) {
		return text
	}
	return strings.Join(ss[1:], " ")
}

var doneCues = normAll("c est fait", "c fait", "c est bon", "voila", "ca y est", "c est regle", "deja fait")

// sentencesOf cuts a message into sentences: after ".", "!", "?" or "…" followed by a space,
// and at line breaks.
func sentencesOf(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		rs := []rune(line)
		for i := 0; i < len(rs); i++ {
			r := rs[i]
			if r != '.' && r != '!' && r != '?' && r != '…' {
				continue
			}
			j := i + 1
			for j < len(rs) && (rs[j] == '.' || rs[j] == '!' || rs[j] == '?' || rs[j] == '…' || rs[j] == ')' || rs[j] == '»') {
				j++
			}
			if j < len(rs) && !unicode.IsSpace(rs[j]) {
				continue // "3.5", "www.site.fr"
			}
			if r == '.' && j-i == 1 && i > 0 && isAbbrev(rs[:i]) {
				continue
			}
			if open := strings.Count(string(rs[start:i]), "«") - strings.Count(string(rs[start:i]), "»"); open > 0 {
				continue // « T'es de Roanne si… »: a quote goes on
			}
			if s := strings.TrimSpace(string(rs[start:j])); s != "" {
				out = append(out, s)
			}
			start = j
			i = j - 1
		}
		if s := strings.TrimSpace(string(rs[start:])); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func isAbbrev(before []rune) bool {
	k := len(before)
	for k > 0 && unicode.IsLetter(before[k-1]) {
		k--
	}
	w := strings.ToLower(string(before[k:]))
	switch w {
	case "m", "mme", "ex", "etc", "cf", "st", "ste", "dr", "n", "no", "tel", "env":
		return true
	}
	return false
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// Supposes reports whether a message asks about a case it supposes (« et si on le fait faire
// par un prestataire, c'est aidé aussi ? »), not for something to be done.
func Supposes(text string) bool {
	return supposes.MatchString(strings.Join(knowledge.Words(text), " "))
}

var supposes = regexp.MustCompile(`^(?:et |mais |ok |bon )?(?:si|sinon si|et si|dans le cas ou|au cas ou) `)
