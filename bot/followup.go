package bot

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/coachbot/coachbot/bot/answer"
	"github.com/coachbot/coachbot/knowledge"
)

// followUpWindow is how long a previous question gives context to a short follow-up.
const followUpWindow = 30 * time.Minute

// followUp turns a short follow-up ("et pour Instagram ?", "combien ça coûte ?") into a
// question that stands alone, using the previous question of the conversation. A follow-up
// that names its own subject keeps it and borrows only what the previous question asked; one
// that names no subject borrows the previous subject.
func (b *Bot) followUp(t *turnCtx, text string) (string, bool) {
	st := t.conv.State
	if st.LastQuestion == "" || t.now.Sub(st.LastAt) > followUpWindow {
		return "", false
	}
	words := knowledge.Words(text)
	if len(words) == 0 || len(words) > 24 {
		return "", false
	}
	if len(words) > 1 && acknowledgement[words[0]] {
		words = words[1:] // "ok et après ?", "merci, et pour Instagram ?"
	}
	if st.LastTopic == "cybersecurite" && answer.AsksPrevention(text) && !answer.UrgentTold(text) {
		// "c'est fait, j'ai changé le mot de passe. et pour éviter que ça se reproduise ?"
		// after the steps of an emergency: how to avoid that one again, whatever subject the
		// message names
		return st.LastQuestion + " " + text, true
	}
	opener := words[0] == "et" || words[0] == "pour" || words[0] == "aussi" || words[0] == "meme" ||
		(len(words) > 1 && words[0] == "sur" && words[1] != "") ||
		// "les cookies aussi ?": the same question, of something else
		len(words) <= 6 && sameAgain.MatchString(strings.Join(words, " "))
	subject := knowledge.SubjectSignal(text)
	switch {
	case subject && !opener && len(words) <= 7 && doesIt.MatchString(strings.Join(words, " ")):
		// "wix le fait tout seul ?" after a question on the cookie banner: the previous
		// question, asked of what the follow-up names
		return st.LastQuestion + " " + text, true
	case subject && opener && len(words) <= 7:
		// "et pour Instagram ?": the new subject, with what the previous question asked
		return text + " " + strings.Join(askedOfSubject(st.LastQuestion), " "), true
	case !subject && opener && answer.ContentWords(text) >= 4:
		// "et en allemand ? je parle pas un mot" after a question on answering a review in
		// English: the same question asked again of something else, its own words leading,
		// with the subject and what was asked last
		return text + " " + answer.Subject(st.LastQuestion) + " " + strings.Join(aspectWords(st.LastQuestion), " "), true
	case !subject && opener:
		// "et des vidéos ?" after "et mettre mon logo ?": the same question asked again of
		// something else
		return st.LastQuestion + " " + text, true
	case !subject && answer.ContentWords(text) >= 4:
		// "ils me demandent une vidéo pour vérifier, c'est quoi ?", "ils postent des arnaques
		// sur ma page": a message that says a lot but names no digital subject of its own
		// takes the previous question's subject, its own words leading
		return text + " " + answer.Subject(st.LastQuestion), true
	case !subject:
		// "combien ça coûte ?", "je suis auto-entrepreneur, ça me concerne ?": a short
		// message that names no digital subject goes on with the previous question
		return st.LastQuestion + " " + text, true
	case !opener && !answer.IsQuestion(text) && answer.UrgentTold(text) && answer.ContentWords(text) >= 4:
		// "trop tard, je peux plus me connecter, ils ont changé le mail" after a password
		// typed on a fake page: what happened since leads, on the previous subject
		return text + " " + answer.Subject(st.LastQuestion), true
	case !opener && !answer.IsQuestion(text):
		// "j'ai une sauvegarde sur une clé USB de janvier" after "mes fichiers sont bloqués":
		// a statement that asks nothing tells more about the previous question, whatever
		// subject it names
		return st.LastQuestion + " " + text, true
	}
	return "", false
}

// sameAgain ends a short follow-up that asks the previous question again of what it names
// (folded words).
var sameAgain = regexp.MustCompile(`\b(?:aussi|pareil|idem)$`)

// doesIt asks whether something does what the previous question was about, by a pronoun
// (folded words): « wix le fait tout seul ? », « wordpress ça le fait ? ».
var doesIt = regexp.MustCompile(`\b(?:le|la|les|ca le|ca la|ca les) (?:fait|font|gere|gerent|permet|permettent|propose|proposent|prend|prennent|inclut|incluent|accepte|acceptent)\b`)

// acknowledgement are words that open a follow-up before what it asks.
var acknowledgement = map[string]bool{"ok": true, "okay": true, "bon": true, "merci": true, "super": true,
	"parfait": true, "daccord": true, "dac": true, "alors": true, "ah": true, "oui": true, "top": true}

// aspectWords are the words of a question that are not its digital subject: "créer une page
// Facebook pour mon salon" gives "créer … salon". Of a conversation that went on ("je peux
// supprimer ces photos ? et mettre mon logo ?"), they are those of what was asked last
// (« mettre … logo »), when it has some.
func aspectWords(q string) []string {
	if out := aspectWordsOf(answer.LastAsked(q)); len(out) > 0 {
		return out
	}
	return aspectWordsOf(q)
}

// askedOfSubject is what a follow-up naming another service ("et sur Facebook ?") asks of it:
// what the previous question asked last, unless that was itself a bare follow-up of one word
// ("c'est gratuit ?" after a question on showing products in Google Shopping), which asks
// nothing of its own: then what the whole conversation asked (showing … products … free).
func askedOfSubject(q string) []string {
	if out := aspectWordsOf(answer.LastAsked(q)); len(out) > 1 {
		return out
	}
	return aspectWordsOf(q)
}

func aspectWordsOf(q string) []string {
	var out []string
	for _, w := range knowledge.Words(q) {
		if knowledge.IsStopWord(w) || knowledge.DomainSignal(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// rewriteTimeout bounds the model's rewriting of a follow-up: past it, the rules decide.
const rewriteTimeout = 4 * time.Second

// rewrite asks the configured Rewriter to make a short follow-up standalone. It is only
// tried with a recent previous question; a failure or an unusable answer leaves the
// question to the built-in rules.
func (b *Bot) rewrite(ctx context.Context, history []string, text string) (string, bool) {
	if b.cfg.Rewriter == nil || len(history) == 0 || len(knowledge.Words(text)) > 12 {
		return "", false
	}
	ctx, cancel := context.WithTimeout(ctx, rewriteTimeout)
	defer cancel()
	q, err := b.cfg.Rewriter.Rewrite(ctx, history, text)
	if err != nil {
		b.log.Warn("follow-up not rewritten by the model", "err", err)
		return "", false
	}
	q = strings.TrimSpace(Sanitize(q))
	if q == "" || len(q) > 400 || strings.Contains(q, "\n") || english(q) {
		b.log.Warn("follow-up rewrite not usable", "len", len(q))
		return "", false
	}
	return q, true
}

// maxRemembered is how many units sent in a conversation are remembered, so that a
// follow-up never gets the same text again.
const maxRemembered = 8

// answerTurn answers an owner's question in its conversation: a follow-up is resolved
// against the previous question and prefers the guide of the previous answer; a message
// asking several things is answered part by part; no unit already sent is sent again.
func (b *Bot) answerTurn(ctx context.Context, t *turnCtx) (Reply, knowledge.Result) {
	m := t.m
	st := &t.conv.State
	recent := st.LastQuestion != "" && t.now.Sub(st.LastAt) <= followUpWindow
	var history []string
	var prefs answer.Prefs
	if recent {
		history = []string{st.LastQuestion}
		prefs.Avoid = st.Sent
	}
	if recent && st.LastTopic == "accompagnement" {
		if acceptsOffer(m.Text) {
			// "ok je prends, je suis coiffeuse à Neuilly, 93330" after questions on the
			// programme: the session offered, booked with what the message says
			return b.escalate(ctx, t, ReasonExplicit), knowledge.Result{}
		}
		// "je suis à Brest" after a question on the programme: is there a coach there?
		if r, ok := b.coverage(ctx, m); ok {
			// the place told goes on with the question on the programme: "et il faut
			// préparer quoi avant ?" is still about a session with a coach
			st.LastQuestion, st.LastAt = st.LastQuestion+" "+m.Text, t.now
			return r, knowledge.Result{}
		}
	}
	if !recent {
		if r, ok := b.coverageAsked(ctx, m); ok {
			st.LastQuestion, st.LastAt, st.LastTopic = m.Text, t.now, "accompagnement"
			return r, knowledge.Result{}
		}
	}
	question := m.Text
	var parts []answer.Part
	resolved := false // the message was read with the previous question
	choices := st.Choices
	st.Choices = nil
	if len(choices) > 0 && recent {
		// the answer to "de quoi parlez-vous ?": a choice by its number or its words, or
		// more words on the same question
		if k, ok := chosen(m.Text, choices); ok {
			return b.pickFrom(ctx, t, choices[k])
		}
		question = st.LastQuestion + " " + m.Text
		parts = []answer.Part{answer.NewPart(question, question)}
	} else if q, ok := b.rewrite(ctx, history, m.Text); ok {
		question, resolved = q, true
		parts = []answer.Part{answer.FollowUp(q, m.Text)}
		prefs.Guide = st.LastGuide
	} else if q, ok := b.followUp(t, m.Text); ok {
		question, resolved = q, true
		parts = []answer.Part{answer.FollowUp(q, m.Text)}
		parts[0].Incident = st.LastTopic == "cybersecurite" && answer.UrgentTold(q)
		prefs.Guide = st.LastGuide
		if knowledge.SubjectSignal(m.Text) {
			// "et pour Instagram ?": a new subject, the last guide only weakly preferred
			prefs.Weak = true
		}
	} else {
		parts = answer.Read(b.clip(m.Text))
		if recent {
			// a new question in the same conversation is often still about the same guide
			prefs.Guide, prefs.Weak = st.LastGuide, true
		}
	}
	r, res, ans := b.answerParts(ctx, m, question, parts, prefs, history)
	// "ok les mises à jour c'est fait. et maintenant ?": the conversation says what it is about
	goesOn := recent && answer.DoneAndNext(m.Text)
	if followUp := resolved || prefs.Guide != "" && !prefs.Weak || len(choices) > 0 || goesOn; !followUp && len(parts) == 1 {
		if cs, ok := b.readings(ctx, m.Text, res, ans, r); ok {
			st.LastQuestion, st.LastAt, st.Choices = question, t.now, cs
			return b.clarify(m, cs), res
		}
	}
	st.LastQuestion, st.LastAt = question, t.now
	if (r.Outcome == Answered || r.Outcome == Escalated) && len(r.Sources) > 0 {
		st.LastGuide, st.LastTopic = r.Sources[0].GuideID, r.Sources[0].Topic
	}
	if !recent {
		st.Sent = nil
	}
	st.Sent = append(st.Sent, ans.Units...)
	if len(st.Sent) > maxRemembered {
		st.Sent = st.Sent[len(st.Sent)-maxRemembered:]
	}
	return r, res
}

// readings returns the readings to offer when a message is too vague or ambiguous to be
// answered well: it names no subject ("ça ne marche pas", "ça coûte combien ?"), or it is
// short and several guides of different topics fit it about as well while none of their
// units answers it in so many words.
func (b *Bot) readings(ctx context.Context, text string, res knowledge.Result, ans Answer, r Reply) ([]Choice, bool) {
	if !res.Digital || (r.Outcome != Answered && r.Outcome != OutOfScope) {
		return nil, false
	}
	if answer.Vague(text) {
		// nothing of the subject is said: the subjects owners ask about most, rather than
		// guides that happen to share a word ("combien")
		return defaultChoices(text), true
	}
	var as []answer.Aspect
	switch {
	case r.Outcome != Answered:
	case answer.SubjectOnly(text):
		// "mon site", "la pub": the subject, not what about it; its first questions
		as = answer.Aspects(res)
	case answer.ProblemOnly(text):
		// "j'ai un souci avec mon site": which one, among the problems the guides know,
		// searched as problems
		if more, err := b.retrieve(ctx, text+" ne marche plus, que faire ?"); err == nil {
			as = answer.Problems(answer.Merge(res, more), text)
		}
	}
	if len(as) > 0 {
		var cs []Choice
		for _, a := range as {
			cs = append(cs, Choice{Label: a.Question, Query: a.Question, Guide: a.Guide.ID, Aspect: true})
		}
		return cs, true
	}
	amb, ok := answer.Ambiguous(text, res)
	switch {
	case ok && r.Outcome == Answered && !ans.ByModel && ans.Match < ambiguousMatch:
	default:
		return nil, false
	}
	var cs []Choice
	for _, c := range amb {
		cs = append(cs, Choice{Label: c.Guide.Title, Query: text + " — " + c.Guide.Title, Guide: c.Guide.ID})
	}
	return cs, true
}

// ambiguousMatch is the match under which an answer to a short message that several
// guides fit is not sent: the owner is asked which they mean.
const ambiguousMatch = 0.3

// defaultChoices are the readings of a message that names nothing: the subjects owners
// ask about most (about a price, those that cost something).
func defaultChoices(text string) []Choice {
	labels := []string{"Ma fiche Google", "Mon site internet", "Les réseaux sociaux", "Un piratage ou une arnaque"}
	if answer.Wants(text)&answer.Cost != 0 {
		labels = []string{"Ma fiche Google", "Mon site internet", "La publicité en ligne", "Une boutique en ligne"}
	}
	var cs []Choice
	for _, l := range labels {
		cs = append(cs, Choice{Label: l, Query: text + " — " + l})
	}
	return cs
}

// clarify asks which reading the owner means, with a button for each.
func (b *Bot) clarify(m Message, cs []Choice) Reply {
	d := b.data(m)
	var lines []string
	var rows [][]Button
	for i, c := range cs {
		lines = append(lines, itoa(i+1)+". "+c.Label)
		rows = append(rows, []Button{{Label: c.Label, Action: Action{Kind: ActPick, Arg: itoa(i)}}})
	}
	d["Lines"] = strings.Join(lines, "\n")
	if len(cs) > 0 && cs[0].Aspect {
		return Reply{Text: b.say("clarify_aspect", d), Outcome: Clarify, Buttons: rows}
	}
	return Reply{Text: b.say("clarify", d), Outcome: Clarify, Buttons: rows}
}

// chosen reads a typed choice: its number, or a message made of words of one label only.
func chosen(text string, cs []Choice) (int, bool) {
	if k, err := parseChoice(text); err == nil && k >= 1 && k <= len(cs) {
		return k - 1, true
	}
	words := knowledge.Distinct(knowledge.Terms(text))
	if len(words) == 0 || len(words) > 4 {
		return 0, false
	}
	found := -1
	for i, c := range cs {
		label := knowledge.Distinct(knowledge.Terms(c.Label))
		for _, w := range words {
			if slices.Contains(label, w) {
				if found >= 0 && found != i {
					return 0, false
				}
				found = i
			}
		}
	}
	return found, found >= 0
}

// pickChoice answers the reading the owner picked with a button.
func (b *Bot) pickChoice(ctx context.Context, t *turnCtx, k int) (Reply, knowledge.Result) {
	cs := t.conv.State.Choices
	t.conv.State.Choices = nil
	if k < 0 || k >= len(cs) {
		return Reply{Text: b.say("stale_button", b.data(t.m)), Outcome: Command}, knowledge.Result{}
	}
	return b.pickFrom(ctx, t, cs[k])
}

// pickFrom answers a reading of the previous message.
func (b *Bot) pickFrom(ctx context.Context, t *turnCtx, c Choice) (Reply, knowledge.Result) {
	st := &t.conv.State
	parts := []answer.Part{answer.NewPart(c.Query, c.Query)}
	r, res, ans := b.answerParts(ctx, t.m, c.Query, parts, answer.Prefs{Guide: c.Guide}, nil)
	st.LastQuestion, st.LastAt, st.Sent = c.Query, t.now, ans.Units
	if (r.Outcome == Answered || r.Outcome == Escalated) && len(r.Sources) > 0 {
		st.LastGuide = r.Sources[0].GuideID
	}
	return r, res
}

// acceptCues say yes to a session offered (folded words).
var acceptCues = regexp.MustCompile(`(?:^|\b(?:ok|oui|bon|alors|d accord|dac|allez|parfait|super|top)\b[ ,.!]*)(?:je prends|je le prends|je la prends|je veux bien|on y va|c est parti|je suis partante?|ca m interesse|je m inscris|je reserve|banco|go)\b|^(?:je prends|je veux bien|je m inscris|je reserve)\b|^(?:ok|oui|bon|d accord|accord|dac|parfait|tres bien)\b[ ,.!]*(?:alors |donc |va pour |ca ira )?(?:a distance|en visio|par visio|en visioconference|par telephone|au telephone)\b`)

// acceptsOffer reports whether a short message takes up the offer of a session ("ok je
// prends", "je veux bien, je suis à Lyon").
func acceptsOffer(text string) bool {
	return answer.ContentWords(text) <= 10 && acceptCues.MatchString(strings.Join(knowledge.Words(text), " "))
}

// coverage answers a place given on its own ("je suis à Brest") after a question on the
// programme: whether its coaches work there, and that a session by video is possible
// everywhere. The regions are those of the active coaches.
func (b *Bot) coverage(ctx context.Context, m Message) (Reply, bool) {
	p, ok := PlaceIn(m.Text)
	if !ok || p.Region == "" || answer.ContentWords(m.Text) > 5 || answer.IsQuestion(m.Text) && answer.ContentWords(m.Text) > 3 {
		return Reply{}, false
	}
	return b.coverageAt(ctx, m, p)
}

// coachesThereRE asks whether the programme exists somewhere: "ça existe dans le Var ?",
// "y a des coachs à Lille ?" (folded words).
var coachesThereRE = regexp.MustCompile(`\b(?:ca existe|existe t il|existe il|existe|y a t il|il y a|y a|ya|est ce qu il y a|disponible|dispo|possible|proposez|intervenez|couvrez|travaillez)\b`)

// programmeNamed are the words that name the programme itself (folded words): not « vous »,
// « gratuit » or « personne », which every other question may hold (« combien de personnes
// visitent mon site »).
var programmeNamed = regexp.MustCompile(`\b(?:coachs?|coaching|accompagnement|cci|cma|chambre de commerce|chambre de metiers|programme|conseillers?|conseilleres?)\b`)

// tradeCoach is the owner's own trade when it is coaching (« je suis coach sportif à
// Toulouse »), not the programme's coaches.
var tradeCoach = regexp.MustCompile(`\b(?:coachs?|coaching) (?:sportifs?|sportive|de vie|en \w+|professionnel\w*|personnel\w*|a domicile|certifi\w*|bien etre|nutrition\w*)\b|\b(?:je suis|suis) coachs?\b`)

// coverageAsked answers a first message that asks whether the programme's coaches work
// where the owner is ("l'accompagnement avec un coach, ça existe dans le Var ?").
func (b *Bot) coverageAsked(ctx context.Context, m Message) (Reply, bool) {
	words := strings.Join(knowledge.Words(m.Text), " ")
	if !answer.AboutProgramme(m.Text) || !answer.IsQuestion(m.Text) || answer.ContentWords(m.Text) > 20 ||
		!programmeNamed.MatchString(tradeCoach.ReplaceAllString(words, "")) ||
		!coachesThereRE.MatchString(words) {
		return Reply{}, false
	}
	p, ok := PlaceIn(m.Text)
	if !ok || p.Region == "" {
		return Reply{}, false
	}
	return b.coverageAt(ctx, m, p)
}

// coverageAt says whether the programme's coaches work in the place's region.
func (b *Bot) coverageAt(ctx context.Context, m Message, p Place) (Reply, bool) {
	coaches, err := b.store.ListCoaches(ctx)
	if err != nil {
		return Reply{}, false
	}
	served := map[string]bool{}
	for _, c := range coaches {
		if c.Active {
			for _, r := range c.Regions {
				served[r] = true
			}
		}
	}
	var names []string
	for _, r := range Regions {
		if served[r.Code] {
			names = append(names, RegionIn(r.Code))
		}
	}
	d := b.data(m)
	d["InRegion"] = RegionIn(p.Region)
	d["OnSite"] = served[p.Region]
	d["Served"] = frenchList(names)
	return Reply{Text: b.say("coverage", d), Outcome: Answered,
		Buttons: [][]Button{{{Label: "Prendre rendez-vous", Action: Action{Kind: ActCoach}}}}}, true
}

// frenchList joins names as French does: "a, b et c".
func frenchList(names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " et " + names[len(names)-1]
}
