package answer

import (
	"math"
	"math/bits"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/coachbot/coachbot/knowledge"
)

// Pick is the unit chosen to answer one part.
type Pick struct {
	Passage knowledge.Passage
	Guide   knowledge.GuideHit
	// Score ranks the candidates of one part; Match is how well the part matches the
	// questions the unit answers in so many words (0 when it answers none), in [0, 1].
	Score, Match float64
	// Runner is the best candidate from another topic, for ambiguity; zero when none.
	Runner *Pick
}

// Key identifies the chosen unit.
func (p Pick) Key() string { return p.Passage.Chunk.Key() }

// Prefs are what the conversation says about the choice.
type Prefs struct {
	// Guide is the guide of the previous answer, preferred for a follow-up.
	Guide string
	// Avoid are the units already sent in this conversation: never sent again.
	Avoid []string
	// Weak: Guide is only the guide of the conversation, not of a question that follows
	// up on it; it is preferred a little.
	Weak bool
}

// Choose picks, among the passages retrieval found for a part, the unit that answers it:
// the passage of a guide that ranks well, whose own questions (a card's heading and
// formulations, a section's question heading) match the part's wording, and whose kind
// (steps, cost, rule…) is what the part wants. ok is false when there is no passage.
func Choose(res knowledge.Result, p Part, prefs Prefs) (Pick, bool) {
	if len(res.Passages) == 0 || len(res.Guides) == 0 {
		return Pick{}, false
	}
	guideOf := map[string]int{}
	for i, g := range res.Guides {
		guideOf[g.ID] = i
	}
	top := res.Guides[0].Score
	if top <= 0 {
		top = 1
	}
	// a section and a card of one guide may answer the same question under the same heading:
	// one sent, the other is not sent again in other words
	sentHeadings := map[string]bool{}
	for _, ps := range res.Passages {
		if ps.Chunk.Heading != "" && slices.Contains(prefs.Avoid, ps.Chunk.Key()) {
			sentHeadings[ps.Chunk.GuideID+"\x00"+norm(ps.Chunk.Heading)] = true
		}
	}
	owned, channels := subjectsOf(p.Message + " " + p.Text)
	rd := readPart(p)
	var cands []Pick
	for _, ps := range res.Passages {
		gi, ok := guideOf[ps.Chunk.GuideID]
		if !ok || sentHeadings[ps.Chunk.GuideID+"\x00"+norm(ps.Chunk.Heading)] {
			continue
		}
		g := res.Guides[gi]
		match := questionMatch(res.Query, ps.Chunk)
		s := unitScore(ps, g, top, match, p, prefs, rd)
		if len(owned) > 0 && namesOnlyChannel(ps.Chunk.Heading, owned, channels) {
			// "mon compte Insta … m'écrit sur WhatsApp": the account is the subject, WhatsApp
			// only the way the pirate writes
			s *= 0.6
		}
		if s > 0 {
			cands = append(cands, Pick{Passage: ps, Guide: g, Score: s, Match: match})
		}
	}
	if len(cands) == 0 {
		return Pick{}, false
	}
	bi := 0
	for i, c := range cands {
		if c.Score > cands[bi].Score {
			bi = i
		}
	}
	best := cands[bi]
	ri := -1
	for i, c := range cands {
		if c.Guide.Topic != best.Guide.Topic && (ri < 0 || c.Score > cands[ri].Score) {
			ri = i
		}
	}
	if ri >= 0 {
		r := cands[ri]
		best.Runner = &r
	}
	return best, true
}

// matchFloor is the question match under which a unit's questions tell nothing.
const matchFloor = 0.12

// Weights of a unit's rank (see unitScore): what the guide's rank weighs against the
// passage's own score, what a unit that answers no question in so many words keeps, and
// what, in a question match, the share of the question the message holds weighs against
// the share of the message the question holds. Tried from 0.3 to 0.8 each on the judged
// tuning set and the retrieval sets: the figures barely moved; these are the middle.
const (
	guideWeight = 0.55
	matchBase   = 0.45
	heldWeight  = 0.5
)

// unitScore is the rank of a candidate unit for a part (see Choose).
func unitScore(ps knowledge.Passage, g knowledge.GuideHit, top, match float64, p Part, prefs Prefs, rd reading) float64 {
	c := ps.Chunk
	for _, k := range prefs.Avoid {
		if k == c.Key() {
			return 0
		}
	}
	// the guide's rank and the passage's own retrieval score
	// an incidental match of a few words of a question says nothing: only what exceeds it counts
	eff := math.Max(0, (match-matchFloor)/(1-matchFloor))
	s := (guideWeight*g.Score/top + (1-guideWeight)*math.Min(1, ps.Score/top)) * (matchBase + eff)
	uw := cachedUnitWants(c)
	if p.Want&Urgent != 0 {
		// something bad is happening: the emergency steps, not prevention advice, nor the
		// side question the message also asks ("il faut payer ?")
		switch {
		case strings.HasSuffix(norm(c.Heading), norm("je paie")) && AsksWhetherToPay(p.Text) &&
			!containsAny(norm(p.Message+" "+p.Text), paidCues):
			// "il me rend le compte contre 250 €, je paye ou pas ?": the card that asks it
			s *= 1.5 * 1.25
		case beforeActUnit(c) && saysNothingDone(p.Message+" "+p.Text):
			// "je n'ai encore rien payé, je fais le virement sur le nouveau RIB ?": the card
			// for who is about to act
			s *= 1.5
		case uw&Urgent != 0:
			s *= 1.5
			if whatToDo(c) {
				s *= 1.25 // the steps ("… : que faire ?") before a side step (warning customers)
			}
			told := p.Message + " " + p.Text
			if p.Borrowed {
				told = p.Asked // the act of the previous question was answered with it
			}
			if requestCard(c.Heading) && doneActs(p.Message+" "+p.Text) {
				// "elle en a acheté pour 2 000 € et envoyé les codes": the card for who is
				// being asked is for who has not acted yet
				s *= 0.6
			}
			if onlyClickedCard(told, c.Heading) {
				// "j'ai cliqué et mis mon mot de passe": the card of what was typed, not of a
				// click alone
				s *= 0.85
			}
			if sameAct(told, c.Heading) || paidToRibCard(p.Message+" "+p.Text, c.Heading) {
				// "j'ai tapé mon mot de passe Facebook": the card of who typed a password,
				// before the one of a page taken over; "une cliente a payé sur le nouveau
				// RIB": the card of payments made, before the one of the hacked mailbox
				s *= 1.2
			}
			if beforeActUnit(c) {
				s *= 0.5 // "… : je paie ?" is for who has not paid
			} else if containsAny(norm(c.Heading), scamDoubtCues) && containsAny(norm(p.Message+" "+p.Text), paidCues) {
				// "je viens de payer 89 € pour « renouveler mon nom de domaine »": whether it
				// is a scam is no longer the question
				s *= 0.6
			}
			if rd.othersPaid && containsAny(norm(c.Heading), ownPaidHeadings) {
				// "deux clientes ont commandé sur un site qui reprend mon nom … elles ont payé par
				// carte": the customers paid, not the owner
				s *= 0.6
			}
			if p.Borrowed {
				// "trop tard, je peux plus me connecter, ils ont changé le mail" after the steps
				// for a password typed: the follow-up's own words pick among the emergencies
				s *= 1 + 0.15*float64(min(ownWordsIn(p.Asked, c), 3))
			}
			if lostAccess(p.Message+" "+p.Text) && strings.HasPrefix(norm(c.Heading), norm("j ai tape")) {
				s *= 0.5 // "je ne suis plus administrateur": the account is taken, not only a password typed
			}
			if rd.encrypted {
				// "tous les fichiers ont changé de nom avec .akira … sinon ils publient tout":
				// a ransomware, whatever else it threatens
				if strings.Contains(norm(c.Heading), norm("rançon")) {
					s *= 1.2
				} else if strings.Contains(norm(c.Heading), norm("menace de publier")) {
					s *= 0.85
				}
			}
			if namesSamePlatform(p.Message+" "+p.Text, c.Heading) {
				s *= 1.1 // "mon whatsapp dit que mon numéro est utilisé ailleurs": the WhatsApp card
			}
			if bankCard(c.Heading) && !containsAny(norm(p.Message+" "+p.Text), moneyWords) {
				s *= 0.8 // the card of a code from the bank, for a message that speaks of no money
			} else if namesOtherServices(rd.services, c) {
				// "je lui ai renvoyé le code à 6 chiffres … impossible d'ouvrir WhatsApp": the
				// service the owner names, not the bank they do not
				s *= 0.75
			}
		default:
			s *= 0.6
		}
	} else {
		if p.Want != 0 {
			shared := bits.OnesCount16(uint16(p.Want & uw))
			switch {
			case shared > 0:
				s *= 1 + 0.25*float64(min(shared, 2))
			case uw != 0:
				s *= 0.85
			}
			if p.Want&Cost != 0 && costly(c.Text) {
				s *= 1.15
			}
			if p.Want&Delegate == 0 && containsAny(norm(c.Heading), delegationHeadings) {
				// "comment je crée ma fiche Google ?": how to do it, not whether someone else
				// may do it
				s *= 0.8
			}
		}
		if uw&Urgent != 0 && rd.protect {
			// "comment protéger mon ordinateur de caisse contre les rançongiciels ?": how to
			// prevent it, not the steps once it has happened
			s *= 0.8
		}
	}
	if rd.over {
		// "piraté hier, je l'ai récupéré ce matin": what to do now that it is over, not the
		// emergency steps
		switch {
		case preventionUnit(c) || rd.causeInText && causeUnit(c):
			s *= 1.3
		case uw&Urgent != 0:
			s *= 0.8
		}
	}
	if c.Card() {
		s *= 1.1 // written to be sent whole
	}
	if rd.results {
		// "et je vois comment si ça marche ?" after a question on ads: how to measure what
		// they bring, not how they work
		switch {
		case resultsUnit(c):
			s *= 1.3
		case mechanismUnit(c):
			s *= 0.6
		}
	}
	if p.Want&Start != 0 && p.Want&(Urgent|Problem) == 0 {
		// "ok et je commence par quoi ?": setting the thing up, not what to do when it fails
		switch {
		case uw&(Urgent|Problem) != 0:
			s *= 0.7
		case startUnit(c):
			s *= 1.2
		}
	}
	if p.Want&Definition != 0 && definesOther(c.Heading, p.Text) {
		// "c'est quoi ces histoires d'IA ?": not the card that says what a prompt is
		s *= 0.7
	}
	if rd.diy && diyUnit(c) {
		// "ok et si je le fais moi-même ?": the card on doing it oneself or paying someone
		s *= 1.3
	}
	if rd.worth && !rd.results && mechanismUnit(c) {
		// "les pubs Google, ça marche vraiment pour les dépannages ?": whether it is worth it,
		// not how it works
		s *= 0.7
	}
	if p.Borrowed {
		// in a follow-up, the owner's own words weigh more than those borrowed from the
		// previous question: "et vinted ?" asks for the card on Vinted, "tous les combien
		// j'envoie ?" for the one on how often
		if rd.prevention && preventionUnit(c) {
			// "et pour que ça recommence pas ?" after an incident: how to avoid it, in the
			// guide of the incident (prefs.Guide)
			s *= 1.3
		}
		if rd.cause && causeUnit(c) {
			// "comment ils ont pu faire ça ?" after an incident: how it happened, not the
			// steps again
			s *= 1.5
		}
		if recognitionUnit(c) && rd.incident && !rd.prevention {
			// "c'est fait. mais elle utilisait le même mot de passe pour la banque" after a
			// password typed: what to do now, not how to recognise the next fake message
			s *= 0.7
		}
		if len(rd.askedServices) > 0 && !namesAnyOf(c, rd.askedServices) {
			// "et sur Facebook ?" after hours wrong on Google: a card of the service the owner
			// now names, not one more of the previous one's
			s *= 0.8
		}
		if ownSubjectInHeading(p.Asked, c.Heading) {
			s *= 1.3
		} else if ownActionInHeading(p.Asked, c.Heading) {
			// "je peux le faire supprimer ?" after a question on a review: the card whose
			// heading does what the owner now asks
			s *= 1.2
		}
		if ownWordsAsk(p.Asked, p.Text, c) {
			s *= 1.4
		}
	} else if situationCard(c) && rd.situation != nil && situationIn(rd.situation, c.Heading) {
		// "Google a suspendu ma fiche sans explication … c'est honteux": the card whose
		// situation the story's problem sentence tells (« Ma fiche est suspendue : que
		// faire ? »), whatever else the story speaks of
		s *= 1.7
	} else if situationCard(c) && situationIn(rd.told, c.Heading) {
		// the card whose situation the owner tells, word for word
		s *= 1.4
	} else if p.Asked != "" && p.Asked != p.Text && ownWordsAsk(p.Asked, p.Text, c) {
		// a question after its story: a card asked in the question's own words ("Shopify
		// ou WooCommerce ?" after "je vends sur Etsy et je veux mon propre site") answers it
		s *= 1.2
	}
	if paidUnit(c) && !containsAny(norm(p.Text+" "+p.Message), paidCues) {
		s *= 0.5 // "donc je paye pas ?": the card for who has paid is for who says so
	}
	if blockedUnit(c) && !containsAny(norm(p.Text+" "+p.Message), blockedCues) {
		// "je viens de payer 89 € par carte sur un faux site": the card for after the
		// opposition is for who says the card is blocked
		s *= 0.5
	}
	if nothing := saysNothingDone(p.Message + " " + p.Text); nothingDoneUnit(c) && !nothing {
		// "j'ai cliqué mais je n'ai rien saisi": for those who say so, not for those who
		// typed their password
		s *= 0.4
	} else if nothing && doneUnit(c) {
		// "j'ai payé un faux partenaire": not for those who have paid nothing yet
		s *= 0.5
	} else if nothing && nothingDoneUnit(c) {
		s *= 1.3 // the card written for them
	}
	if c.Topic == "accompagnement" && !p.AboutProgramme {
		// the programme's own guides answer questions about the programme: "rendez-vous",
		// "atelier" or "gratuit" in a question about the owner's customers are not about it
		s *= 0.75
	}
	if c.Heading == "" && c.Ordinal == 0 && p.Want&Definition == 0 && len(c.Questions()) == 0 {
		s *= 0.75 // a guide's introduction rarely says what to do
	}
	if prefs.Guide != "" && c.GuideID == prefs.Guide {
		switch {
		case prefs.Weak:
			s *= 1.1
		case p.Want&Next != 0:
			s *= 1.6 // "et maintenant ?": the next steps of the same guide
		default:
			s *= 1.3
		}
	}
	return s
}

// beforeActUnit reports whether a security card answers someone about to act ("… : je
// clique ?", "… : je paie ?").
func beforeActUnit(c knowledge.Chunk) bool {
	return c.Topic == "cybersecurite" && containsAny(norm(c.Heading), beforeActHeadings)
}

var beforeActHeadings = normAll("je clique", "je paie", "je le donne", "puis je la brancher")

// nothingDoneUnit reports whether a unit is for someone who did nothing yet ("… mais je n'ai
// rien validé"), as its heading says.
func nothingDoneUnit(c knowledge.Chunk) bool {
	return c.Topic == "cybersecurite" && containsAny(norm(c.Heading), nothingDoneCues)
}

// doneUnit reports whether a unit is for someone who already paid or gave something away
// ("J'ai payé un faux « partenaire Google »").
func doneUnit(c knowledge.Chunk) bool {
	if c.Topic != "cybersecurite" {
		return false
	}
	h := norm(c.Heading)
	for _, p := range doneHeadings {
		if strings.HasPrefix(h, p) {
			return true
		}
	}
	return false
}

var doneHeadings = normAll("j ai paye", "j ai deja", "j ai donne", "j ai tape", "j ai vire", "j ai fait un virement")

// subjectsOf returns the digital subjects a message names as the owner's own ("mon compte
// Insta", "ma fiche Google") and those it names as a place or a way ("sur WhatsApp", "via
// Facebook").
func subjectsOf(text string) (owned, channels map[string]bool) {
	ws := knowledge.Words(text)
	owned, channels = map[string]bool{}, map[string]bool{}
	for i, w := range ws {
		var into map[string]bool
		switch w {
		case "mon", "ma", "mes", "notre", "nos":
			into = owned
		case "sur", "via": // not "par": "écrit par une IA" names who, not where
			into = channels
		default:
			continue
		}
		end := min(len(ws), i+4)
		for _, t := range knowledge.Terms(strings.Join(ws[i+1:end], " ")) {
			if knowledge.IsDomainConcept(t) && !broadConcepts[t] {
				into[t] = true
			}
		}
	}
	return owned, channels
}

// namesOnlyChannel reports whether a heading names a subject the message names only as a
// channel, and none of the owner's own.
func namesOnlyChannel(heading string, owned, channels map[string]bool) bool {
	channel := false
	for _, t := range questionTerms(heading) {
		if owned[t] {
			return false
		}
		if channels[t] {
			channel = true
		}
	}
	return channel
}

// paidUnit reports whether a unit is for someone who has already paid ("J'ai déjà payé la
// rançon", "J'ai payé sur un faux RIB"), as its heading says.
func paidUnit(c knowledge.Chunk) bool {
	return doneUnit(c) && containsAny(norm(c.Heading), normAll("paye", "vire", "virement"))
}

// paidCues say that money has left.
var paidCues = normAll("ai paye", "avons paye", "ont paye", "deja paye", "ai vire", "avons vire", "ai regle",
	"ai fait un virement", "virement est parti", "virement parti", "argent est parti", "ai envoye l argent",
	"ai achete", "ai debourse", "suis fait avoir", "me suis fait arnaquer", "ai perdu de l argent",
	"paye par", "payes par", "payee par", "paye en", "deja regle", "ai fait le virement", "avons fait le virement", "viens de virer",
	"viens de payer", "viens de faire un virement", "venons de virer", "venons de payer")

// ownSubjectInHeading reports whether a digital subject the owner named in their own words
// ("vinted" in "et vinted ?") is named by a unit's heading.
func ownSubjectInHeading(asked, heading string) bool {
	h := " " + norm(heading) + " "
	for _, w := range knowledge.Words(asked) {
		if len(w) >= 4 && !knowledge.IsStopWord(w) && knowledge.DomainSignal(w) && strings.Contains(h, " "+w+" ") {
			return true
		}
	}
	return false
}

// ownWordsAsk reports whether one of a unit's questions of two words or more is said
// whole in the owner's own words ("tous les combien" in "tous les combien j'envoie ?"), its
// digital subject possibly borrowed from the previous question ("faire supprimer un avis"
// for "je peux le faire supprimer ?" after a question on a review). Words compare by their
// first four letters.
func ownWordsAsk(asked, text string, c knowledge.Chunk) bool {
	own := map[string]bool{}
	for _, w := range knowledge.Words(asked) {
		if !glueWords[w] {
			own[prefix4(w)] = true
		}
	}
	subject := map[string]bool{}
	for _, w := range knowledge.Words(text) {
		if knowledge.DomainSignal(w) {
			subject[prefix4(w)] = true
		}
	}
	for _, q := range c.Questions() {
		n, mine, all := 0, 0, true
		for _, w := range knowledge.Words(q) {
			if glueWords[w] {
				continue
			}
			n++
			switch {
			case own[prefix4(w)]:
				if len(w) >= 3 {
					mine++ // "ou" and "où" are the owner's words, not what they ask about
				}
			case subject[prefix4(w)]:
			default:
				all = false
			}
			if !all {
				break
			}
		}
		if all && n >= 2 && mine >= 1 && (mine >= 2 || n == 2) {
			return true
		}
	}
	return false
}

// glueWords are the articles and prepositions left out when whole questions are compared.
var glueWords = map[string]bool{"le": true, "la": true, "les": true, "l": true, "de": true, "du": true,
	"des": true, "d": true, "un": true, "une": true, "et": true, "a": true, "au": true, "aux": true,
	"en": true, "ma": true, "mon": true, "mes": true, "sur": true, "pour": true, "ce": true, "c": true,
	"est": true, "j": true, "je": true}

// sameAct reports whether a message tells an act ("j'ai tapé mon mot de passe", "on a donné
// le code") that a unit's heading tells too: the same verb, and a word of its object.
func sameAct(message, heading string) bool {
	hs := acts(heading)
	if len(hs) == 0 {
		return false
	}
	for verb, objects := range acts(message) {
		for o := range hs[verb] {
			if objects[o] {
				return true
			}
		}
	}
	return false
}

// asksPrevention reports whether a follow-up asks how to avoid what happened again.
func asksPrevention(asked string) bool {
	return containsAny(norm(asked), againCues)
}

var againCues = normAll("recommence", "se reproduise", "reproduise pas", "se reproduit", "la prochaine fois",
	"eviter que", "eviter ca", "eviter ce genre", "plus jamais", "a l avenir", "pour la suite", "me proteger",
	"nous proteger", "se proteger", "pour ne plus", "ne plus dependre", "ne plus avoir")

// AsksPrevention reports whether an owner asks how to avoid something happening again.
func AsksPrevention(asked string) bool { return asksPrevention(asked) }

// asksCause reports whether a follow-up asks how something could happen.
func asksCause(asked string) bool {
	return containsAny(norm(asked), causeCues)
}

var causeCues = normAll("comment ils ont pu", "comment il a pu", "comment elle a pu", "comment on a pu", "comment ont ils",
	"comment a t il", "comment ils ont fait", "comment il a fait", "comment ils ont eu", "comment il a eu",
	"comment ils ont trouve", "comment ils ont recupere", "comment il a recupere", "comment c est possible",
	"comment est ce possible", "comment c est arrive", "comment ca a pu", "comment ca se fait", "pourquoi moi",
	"comment ca a pu arriver", "comment c est arrive", "comment ils ont", "comment il a", "comment ils connaissent",
	"comment ils savent", "comment il connait", "comment il sait", "comment ils connaissaient", "comment ils savaient")

// causeUnit reports whether a unit's heading tells how or why something happens.
func causeUnit(c knowledge.Chunk) bool {
	return containsAny(norm(c.Heading), causeHeadings)
}

var causeHeadings = normAll("a t il pu", "ont ils pu", "a t elle pu", "pourquoi", "comment est ce possible",
	"comment ont ils", "comment le pirate", "comment l escroc", "comment les escrocs", "comment les pirates")

// asksResults reports whether a question asks how to know whether something works or pays
// ("je vois comment si ça marche ?", "comment savoir si c'est rentable ?").
func asksResults(asked string) bool {
	return containsAny(norm(asked), resultsCues)
}

var resultsCues = normAll("si ca marche", "si ca fonctionne", "si ca rapporte", "si c est rentable", "si ca vaut le coup",
	"si ca donne quelque chose", "si ca donne des resultats", "si ca m apporte", "si ca ramene", "les resultats",
	"mesurer", "savoir si")

// asksWorth reports whether an owner asks whether something works at all ("ça marche
// vraiment ?", "ça marche pour un plombier ?"), not how it works.
func asksWorth(asked string) bool {
	return containsAny(norm(asked), worthCues)
}

var worthCues = normAll("ca marche vraiment", "ca marche pour", "ca fonctionne vraiment", "ca fonctionne pour",
	"est ce que ca marche", "ca marche bien", "ca marche ou", "vraiment efficace", "c est efficace", "est ce efficace")

// asksDIY reports whether an owner asks about doing something themselves ("et si je le fais
// moi-même ?", "je peux le faire seul ?").
func asksDIY(asked string) bool {
	return containsAny(norm(asked), diyCues)
}

var diyCues = normAll("moi meme", "nous meme", "nous memes", "le faire seul", "la faire seul", "les faire seul",
	"tout seul", "toute seule", "sans agence", "sans prestataire", "sans passer par")

// diyUnit reports whether a unit's heading weighs doing it oneself against paying someone.
func diyUnit(c knowledge.Chunk) bool {
	return containsAny(norm(c.Heading), diyHeadings)
}

var diyHeadings = normAll("soi meme", "moi meme", "vous meme", "passer par une agence", "payer un professionnel",
	"faire appel a", "un prestataire", "freelance", "agence")

// resultsUnit reports whether a unit's heading tells how to know whether something works.
func resultsUnit(c knowledge.Chunk) bool {
	h := norm(c.Heading)
	return containsAny(h, resultsHeadings) && !containsAny(h, notResultsHeadings)
}

var (
	resultsHeadings    = normAll("comment savoir si", "comment mesurer", "est il rentable", "est elle rentable")
	notResultsHeadings = normAll("serieux", "s affiche")
)

// mechanismUnit reports whether a unit's heading asks how something works.
func mechanismUnit(c knowledge.Chunk) bool {
	return containsAny(norm(c.Heading), mechanismHeadings)
}

var mechanismHeadings = normAll("comment fonctionne", "comment ca marche", "comment ca fonctionne")

// recognitionUnit reports whether a unit's heading teaches how to recognise a scam.
func recognitionUnit(c knowledge.Chunk) bool {
	return strings.HasPrefix(norm(c.Heading), recognitionHeading)
}

var recognitionHeading = norm("comment reconnaitre")

// preventionUnit reports whether a unit's heading tells how to avoid or protect against
// something.
func preventionUnit(c knowledge.Chunk) bool {
	return containsAny(norm(c.Heading), normAll("eviter", "proteger", "securiser", "prevenir", "de nouveau", "se premunir"))
}

// definesOther reports whether a card's heading asks what a term is ("C'est quoi un prompt,
// et …") that a question does not name.
func definesOther(heading, question string) bool {
	h := strings.Join(knowledge.Words(heading), " ")
	m := definitionHeading.FindStringSubmatch(h)
	if m == nil {
		return false
	}
	asked := map[string]bool{}
	for _, w := range knowledge.Words(question) {
		asked[knowledge.Stem(w)] = true
		asked["~"+prefix4(w)] = true // « stori » for « story »
	}
	term := 0
	for _, w := range strings.Fields(m[1]) {
		if w == "et" {
			break
		}
		if knowledge.IsStopWord(w) {
			continue
		}
		term++
		if asked[knowledge.Stem(w)] || asked["~"+prefix4(w)] {
			return false
		}
	}
	return term > 0
}

var definitionHeading = regexp.MustCompile(`^(?:(?:c )?est quoi|qu est ce qu(?:e|e c est)?|que veut dire|que signifie)\b(.*)$`)

// delegationHeadings are the headings of cards on having someone else do it.
var delegationHeadings = normAll("par quelqu un d autre", "faire creer", "faire faire", "a ma place", "le faire pour moi",
	"la faire pour moi", "par un proche", "par un prestataire")

// startUnit reports whether a unit's heading tells how to begin or set something up.
func startUnit(c knowledge.Chunk) bool {
	return containsAny(norm(c.Heading), startHeadings)
}

var startHeadings = normAll("commencer", "demarrer", "debuter", "premiers pas", "par ou", "creer", "ouvrir",
	"choisir", "mettre en place", "lancer", "installer")

// ownActionInHeading reports whether a content word of a follow-up, other than its subject
// words, is in a unit's heading, by stem ("supprimer" in « Comment faire supprimer un faux
// avis ? »).
func ownActionInHeading(asked, heading string) bool {
	h := map[string]bool{}
	for _, w := range knowledge.Words(heading) {
		h[knowledge.Stem(w)] = true
	}
	for _, w := range knowledge.Words(asked) {
		if len(w) < 5 || knowledge.IsStopWord(w) || glueWords[w] || knowledge.DomainSignal(w) || weakActions[w] {
			continue
		}
		if h[knowledge.Stem(w)] {
			return true
		}
	}
	return false
}

// weakActions are verbs too common in headings to tell what a follow-up asks.
var weakActions = map[string]bool{"faire": true, "mettre": true, "avoir": true, "peux": true, "peut": true,
	"dois": true, "doit": true, "faut": true, "aussi": true, "quoi": true, "comment": true, "combien": true,
	"pourquoi": true, "quand": true, "alors": true, "vraiment": true, "encore": true, "toujours": true}

// ownWordsIn counts the content words of a follow-up that a unit's questions (its heading
// and formulations) use.
func ownWordsIn(asked string, c knowledge.Chunk) int {
	in := map[string]bool{}
	for _, q := range c.Questions() {
		for _, w := range knowledge.Words(q) {
			in[prefix4(w)] = true
		}
	}
	seen := map[string]bool{}
	n := 0
	for _, w := range knowledge.Words(asked) {
		k := prefix4(w)
		if len(w) < 3 || knowledge.IsStopWord(w) || glueWords[w] || seen[k] {
			continue
		}
		seen[k] = true
		if in[k] {
			n++
		}
	}
	return n
}

// lostAccess reports whether a message says that the owner lost the access to an account.
func lostAccess(text string) bool {
	return containsAny(norm(text), lostAccessCues)
}

var lostAccessCues = normAll("plus acces", "peux plus me connecter", "arrive plus a me connecter", "plus me connecter",
	"peu plu me connect", "mot de passe a ete change", "mdp change", "plus administrateur", "plus administratrice",
	"plus admin", "impossible de me connecter", "ne marche plus", "plus proprietaire")

// namesSamePlatform reports whether a unit's heading names a platform (see services) that
// a message names.
func namesSamePlatform(message, heading string) bool {
	hs := servicesNamed(heading)
	delete(hs, "bank")
	if len(hs) == 0 {
		return false
	}
	ms := servicesNamed(message)
	for s := range hs {
		if ms[s] {
			return true
		}
	}
	return false
}

// encryptedTold reports whether a message tells files made unreadable by a ransomware:
// encrypted, renamed, with a new extension.
func encryptedTold(message string) bool {
	return encryptedFiles.MatchString(knowledge.Fold(message))
}

var encryptedFiles = regexp.MustCompile(`\bfichiers?\b[^.?!]{0,60}\b(?:chiffres?|cryptes?|renommes?|change de nom|changent de nom|extension)|\b(?:chiffres?|cryptes?|renommes?)\b[^.?!]{0,20}\bfichiers?\b`)

// namesAnyOf reports whether a unit's heading or questions name one of the services given.
func namesAnyOf(c knowledge.Chunk, services map[string]bool) bool {
	for s := range servicesNamed(c.Heading + " " + strings.Join(c.Questions(), " ")) {
		if services[s] {
			return true
		}
	}
	return false
}

// namesOtherServices reports whether a message names services (ms) and a unit's heading
// names others, none of the message's, nor do its questions: « mon WhatsApp » and « un code
// reçu de ma banque »; not « mon TikTok » and the Instagram card asked as « compte tiktok
// piraté ».
func namesOtherServices(ms map[string]bool, c knowledge.Chunk) bool {
	return len(ms) > 0 && len(servicesNamed(c.Heading)) > 0 && !namesAnyOf(c, ms)
}

// bankCard reports whether a unit's heading names the bank.
func bankCard(heading string) bool {
	return servicesNamed(heading)["bank"]
}

// moneyWords say that money or a bank is in a message.
var moneyWords = normAll("banque", "bancaire", "banquier", "cb", "carte", "virement", "rib", "iban", "paiement",
	"payer", "paye", "credit", "caisse", "conseiller", "argent", "euros", "rembours", "debit", "compte pro")

// servicesNamed returns the services a text names (see services).
func servicesNamed(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range knowledge.Words(text) {
		if s, ok := services[w]; ok {
			out[s] = true
		}
	}
	return out
}

// services maps the folded words that name a service an emergency happens on to that service.
var services = func() map[string]string {
	out := map[string]string{}
	for service, words := range map[string]string{
		"whatsapp":    "whatsapp",
		"instagram":   "instagram insta ig",
		"facebook":    "facebook fb meta messenger",
		"tiktok":      "tiktok",
		"google":      "google gmail maps",
		"microsoft":   "outlook hotmail microsoft",
		"shop":        "shopify etsy wix wordpress woocommerce prestashop",
		"lodging":     "booking airbnb abritel",
		"classifieds": "leboncoin vinted",
		"payment":     "paypal lydia stripe sumup",
		"registrar":   "ovh ionos gandi",
		"bank":        "banque bancaire bancaires banquier banques cb virement virements rib iban",
	} {
		for _, w := range strings.Fields(words) {
			out[w] = service
		}
	}
	return out
}()

// paidToRibCard reports whether a message tells a payment made to bank details (see
// paidToRibCues) and a unit's heading is about such a payment by the same payer: « j'ai
// viré au fournisseur sur le nouveau RIB » meets « J'ai payé sur un faux RIB », « une
// cliente a payé sur le nouveau RIB » meets « Mes clients ont payé sur un faux RIB ».
func paidToRibCard(message, heading string) bool {
	h := norm(heading)
	if !containsAny(h, ribCues) || !strings.Contains(h, " pay") {
		return false
	}
	n := norm(message)
	if !containsAny(n, paidToRibCues) && !containsAny(n, ownPaidCues) || !containsAny(n, ribCues) {
		return false
	}
	return containsAny(n, ownPaidCues) == containsAny(h, ownPaidCues)
}

// ownPaidCues tell a payment the owner made.
var ownPaidCues = func() []string {
	var out []string
	for _, c := range paidCues {
		for _, first := range normAll("ai", "avons", "viens", "venons") {
			if strings.HasPrefix(c, first) {
				out = append(out, c) // the first person: the owner paid
			}
		}
	}
	return out
}()

// acts maps the acts a text tells ("j'ai tapé", "a donné", see actVerbs) to the first four
// letters of the content words that follow them.
func acts(text string) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	words := smsWritten(knowledge.Words(text)) // "jai payé", "g cliqué": the auxiliary
	lastAct := -2
	for i, w := range words {
		// "j'ai cliqué et mis mon mot de passe": the second participle shares the auxiliary
		coordinated := i >= 2 && words[i-1] == "et" && lastAct == i-2
		// "on ma volé mon tel": « m'a » typed without its apostrophe
		sms := i > 0 && words[i-1] == "ma"
		if i == 0 || !auxiliaries[words[i-1]] && !coordinated && !sms {
			continue
		}
		verb := ""
		for _, v := range actVerbs {
			if strings.HasPrefix(w, v.stem) && (len(v.stem) > 2 || w == v.stem) {
				verb = v.act
				break
			}
		}
		if verb == "" {
			continue
		}
		lastAct = i
		objects := out[verb]
		if objects == nil {
			objects = map[string]bool{}
			out[verb] = objects
		}
		for _, o := range words[i+1 : min(len(words), i+6)] {
			if len(o) >= 3 && !knowledge.IsStopWord(o) && !glueWords[o] {
				objects[prefix4(o)] = true
			}
		}
	}
	return out
}

// blockedUnit reports whether a card is for after the bank card was blocked.
func blockedUnit(c knowledge.Chunk) bool {
	return containsAny(norm(c.Heading), blockedHeadings)
}

var blockedHeadings = normAll("carte est bloquee", "carte bloquee", "apres l opposition", "apres opposition")

// blockedCues tell that the card is already blocked.
var blockedCues = normAll("bloque", "bloquee", "opposition", "annulee", "desactivee")

// requestCard reports whether a card's heading tells a request not yet answered ("On me
// demande un virement … : que faire ?").
func requestCard(heading string) bool {
	return containsAny(norm(heading), requestHeadings)
}

var requestHeadings = normAll("on me demande", "me demande de")

// doneActs reports whether a message tells money paid, something given or typed.
func doneActs(message string) bool {
	ms := acts(message)
	return ms["pay"] != nil || ms["give"] != nil || ms["type"] != nil
}

// onlyClickedCard reports whether a card's heading tells a click only while the message tells
// more than a click (something typed or given).
func onlyClickedCard(message, heading string) bool {
	hs := acts(heading)
	if len(hs) != 1 || hs["click"] == nil {
		return false
	}
	ms := acts(message)
	return ms["type"] != nil || ms["give"] != nil
}

// auxiliaries are the words before a past participle that tell an act done ("j'ai donné",
// "après avoir donné").
var auxiliaries = map[string]bool{"ai": true, "a": true, "avons": true, "avez": true, "ont": true, "avoir": true}

// actVerbs are the beginnings of the past participles of what an owner did in an emergency,
// with the act they tell: a code "donné", "lu" or "communiqué" was given all the same.
var actVerbs = []struct{ stem, act string }{
	{"tape", "type"}, {"saisi", "type"}, {"rentre", "type"}, {"entre", "type"},
	{"mis", "type"}, {"rempli", "type"},
	{"donne", "give"}, {"lu", "give"}, {"communique", "give"}, {"transmis", "give"}, {"dicte", "give"}, {"envoye", "give"},
	{"renvoye", "give"},
	{"clique", "click"}, {"ouvert", "click"}, {"installe", "click"}, {"scanne", "click"},
	{"paye", "pay"}, {"paie", "pay"}, {"vire", "pay"}, {"achete", "pay"},
	{"valide", "validate"}, {"perdu", "lose"}, {"vole", "lose"},
}

// saysNothingDone reports whether a message says that nothing was done or given yet.
func saysNothingDone(text string) bool {
	n := norm(text)
	if containsAny(n, typedCues) {
		// "elle a tapé le mot de passe … on n'a rien envoyé": something was typed, whatever
		// else was not done
		return false
	}
	return containsAny(n, nothingDoneCues) || containsAny(n, notYetCues)
}

// AsksWhetherToPay reports whether a question asks whether to pay ("il me rend le compte
// contre 250 €, je paye ou pas ?"): nothing is paid yet.
func AsksWhetherToPay(text string) bool {
	return containsAny(norm(text), whetherToPayCues)
}

var whetherToPayCues = normAll("je paye ou pas", "je paie ou pas", "je le paye ou", "je le paie ou", "dois je payer",
	"dois je le payer", "faut il payer", "faut il le payer", "je dois payer", "je dois le payer", "on paye ou pas",
	"on paie ou pas")

// typedCues say that a password, a code or a card was typed or given, or that money was paid.
var typedCues = normAll("ai tape", "ai saisi", "ai entre mon", "ai entre ma", "ai entre le", "ai rentre mon", "ai rentre ma",
	"ai donne mon", "ai donne ma", "ai donne le", "ai donne les", "ai mis ma carte", "ai mis mon code", "ai mis mes",
	"ai mis mon mot de passe", "ai mis mon identifiant", "ai mis mon numero", "ai mis mon siret", "ai mis le code",
	"et mon mot de passe", "et mon code", "et mes codes", "et mon identifiant",
	"a tape le", "a tape son", "a tape ses", "a saisi le", "a saisi son", "a saisi ses", "a donne le", "a donne son",
	"a donne ses", "a entre le", "a entre son", "avons tape", "avons saisi", "avons donne",
	// or money paid: "j'ai fait le virement de 6 400 € hier"
	"ai fait le virement", "ai fait un virement", "avons fait le virement", "avons fait un virement", "ai vire",
	"avons vire", "ai paye", "avons paye", "ai regle", "avons regle", "a ete debite", "ont ete debites",
	"ai renvoye le code", "lui ai renvoye", "l ai renvoye", "ai envoye le code", "lui ai donne le code",
	"ai transmis le code", "lui ai transmis", "lui ai envoye le code")

var nothingDoneCues = normAll("n ai rien", "rien saisi", "rien rempli", "rien tape", "rien valide", "rien donne",
	"sans rien", "rien rentre", "rien mis", "pas encore", "aucun code", "rien paye", "rien fait", "rien vire",
	"rien envoye", "pas appele", "pas rappele", "pas continue", "pas rempli", "pas rempli le", "ferme direct",
	"ferme tout de suite", "ferme aussitot", "ferme la page")

// reading is what a part says and asks, read once for all the candidates of a Choose.
type reading struct {
	over        bool // the incident is over: IncidentOver
	incident    bool // an emergency is told in the part: UrgentTold
	cause       bool // the owner's words ask how it happened: asksCause
	causeInText bool // the part, with what it borrows, asks how it happened
	results     bool // the owner's words ask how to know whether it works: asksResults
	worth       bool // the owner's words ask whether it works at all: asksWorth
	diy         bool // the owner's words ask about doing it themselves: asksDIY
	prevention  bool // the owner's words ask how to avoid it again: asksPrevention
	protect     bool // the owner's words ask how to protect against it: preventionCues
	encrypted   bool // the message tells files made unreadable: encryptedTold
	othersPaid  bool // the message tells customers who paid, not the owner: othersPaid
	// services are the services the message names; askedServices those a short follow-up
	// names in its own words ("et sur Facebook ?"), nil for a longer one
	services, askedServices map[string]bool
	// told are the stems of the message and the part; situation those of the story's problem
	// sentence (nil when it has none)
	told, situation map[string]bool
}

func readPart(p Part) reading {
	rd := reading{
		over:        IncidentOver(p.Message + " " + p.Text),
		incident:    UrgentTold(p.Text),
		cause:       asksCause(p.Asked),
		causeInText: asksCause(p.Text),
		results:     asksResults(p.Asked),
		worth:       asksWorth(p.Asked),
		diy:         asksDIY(p.Asked),
		prevention:  asksPrevention(p.Asked),
		protect:     containsAny(norm(p.Asked), preventionCues),
		encrypted:   encryptedTold(p.Message + " " + p.Text),
		othersPaid:  othersPaid(p.Message + " " + p.Text),
		services:    servicesNamed(p.Message + " " + p.Text),
		told:        stemsOf(p.Message + " " + p.Text),
	}
	if len(knowledge.Words(p.Asked)) <= 6 {
		rd.askedServices = servicesNamed(p.Asked)
	}
	if p.Situation != "" {
		rd.situation = stemsOf(p.Situation)
	}
	return rd
}

func stemsOf(text string) map[string]bool {
	out := map[string]bool{}
	for _, w := range knowledge.Words(text) {
		out[knowledge.Stem(w)] = true
	}
	return out
}

// situationTold reports whether a message tells the situation of a card's heading (the part
// before « : que faire ? »): at least two of its words, all of them, its word of the problem
// among them, are in the message.
func situationTold(message, heading string) bool {
	return situationIn(stemsOf(message), heading)
}

// situationIn is situationTold over the stems of the message.
func situationIn(told map[string]bool, heading string) bool {
	situation, _, ok := strings.Cut(heading, ":")
	if !ok {
		return false
	}
	n, problem := 0, false
	ws := knowledge.Words(situation)
	for i, w := range ws {
		if glueWords[w] || knowledge.IsStopWord(w) {
			continue
		}
		if businessWords[w] {
			// « J'ai repris un commerce » told as « j'ai repris l'optique de mon père »: the
			// owner's business is whatever they call it
			n++
			continue
		}
		if !told[knowledge.Stem(w)] {
			// « mes photos ou mes textes »: one of two alternatives is enough
			if alt := alternative(ws, i); alt == "" || !told[knowledge.Stem(alt)] {
				return false
			}
		}
		n++
		// the word of the problem itself ("suspendue", "piraté"), not only its subject and
		// a verb ("mon site … affiche « domaine expiré »" is not « ne s'affiche plus »)
		problem = problem || Wants(w)&(Problem|Urgent) != 0 || i > 0 && Wants(ws[i-1]+" "+w)&Problem != 0 ||
			takeoverWords[w]
	}
	return n >= 2 && problem
}

// businessWords name the owner's business in a card's situation, whatever its trade.
var businessWords = map[string]bool{"commerce": true, "entreprise": true, "boutique": true, "magasin": true,
	"societe": true, "fonds": true, "affaire": true}

// takeoverWords tell a business taken over, an event that, like a problem, makes a situation
// (« J'ai repris un commerce : comment récupérer sa fiche Google ? »).
var takeoverWords = map[string]bool{"repris": true, "reprise": true, "rachete": true, "racheter": true,
	"reprendre": true, "reprends": true}

// alternative is the word that « ou » pairs with words[i] ("photos ou mes textes"), or "".
func alternative(words []string, i int) string {
	next := func(j, step int) string {
		for ; j >= 0 && j < len(words); j += step {
			if !glueWords[words[j]] && !knowledge.IsStopWord(words[j]) {
				return words[j]
			}
		}
		return ""
	}
	if i+1 < len(words) && words[i+1] == "ou" {
		return next(i+2, 1)
	}
	if i > 0 && words[i-1] == "ou" {
		return next(i-2, -1)
	}
	return ""
}

// whatToDo reports whether a unit answers "que faire ?": the steps for a situation.
func whatToDo(c knowledge.Chunk) bool {
	h := norm(c.Heading)
	return strings.Contains(h, norm("que faire")) || strings.Contains(h, norm("faire en premier"))
}

// situationCard reports whether a unit answers what to do in a situation its heading tells:
// « … : que faire ? », or « J'ai repris un commerce : comment récupérer sa fiche Google ? ».
func situationCard(c knowledge.Chunk) bool {
	if whatToDo(c) {
		return true
	}
	_, question, ok := strings.Cut(c.Heading, ":")
	return ok && strings.HasPrefix(strings.TrimSpace(norm(question)), "comment")
}

// costly reports whether a text speaks of prices.
func costly(text string) bool {
	f := knowledge.Fold(text)
	return strings.Contains(f, "€") || strings.Contains(f, "gratuit") || strings.Contains(f, " euros") ||
		strings.Contains(f, "ne coute rien") || strings.Contains(f, "payant")
}

// questionMatch is how well the query matches the best of the questions a chunk answers
// in so many words: how much of the question the message holds (its words, the glossary's
// concepts), tempered by how much of the message's information (IDF mass) the question
// holds — a long message tells a story around its question, so the first counts most.
func questionMatch(q knowledge.Query, c knowledge.Chunk) float64 {
	qs := c.Questions()
	if len(qs) == 0 {
		return 0
	}
	var mass float64
	for i := range q.Terms {
		if i < len(q.IDF) {
			mass += q.IDF[i]
		}
	}
	if mass == 0 {
		return 0
	}
	var asked []string // the domain concepts of the query ("_tiktok")
	for _, t := range q.Terms {
		if knowledge.IsDomainConcept(t) && !broadConcepts[t] {
			asked = append(asked, t)
		}
	}
	best := 0.0
	for _, question := range qs {
		ts := questionTerms(question)
		if len(ts) == 0 {
			continue
		}
		other := 1.0
		if len(asked) > 0 && namesOtherSubject(ts, asked) {
			// "chatgpt pour ma boulangerie" is not "tiktok pour une boulangerie", whatever
			// words they share
			other = otherSubjectFactor
		}
		var got float64
		shared := 0
		for _, t := range ts {
			if w := q.Weight(t); w > 0 {
				got += w
				shared++
			}
		}
		if shared == 0 {
			continue
		}
		held := float64(shared) / float64(len(ts))
		m := other * math.Pow(held, heldWeight) * math.Pow(got/mass, 1-heldWeight)
		if m > best {
			best = m
		}
	}
	return math.Min(1, best)
}

// otherSubjectFactor is what a question that names another digital subject than the
// message's keeps of its match.
const otherSubjectFactor = 0.5

// broadConcepts are domain concepts too broad to tell two subjects apart ("en ligne",
// "internet").
var broadConcepts = map[string]bool{"_numerique": true}

// namesOtherSubject reports whether a question's terms name a digital subject and none of
// the subjects asked.
func namesOtherSubject(ts, asked []string) bool {
	named := false
	for _, t := range ts {
		if !knowledge.IsDomainConcept(t) || broadConcepts[t] {
			continue
		}
		named = true
		for _, a := range asked {
			if a == t {
				return false
			}
		}
	}
	return named
}

// analysed caches what is computed once per question of a unit and per unit: the questions
// do not change between messages. Bounded: a larger corpus is analysed again as it comes.
var analysed = struct {
	sync.Mutex
	terms map[string][]string
	wants map[string]Want
}{terms: map[string][]string{}, wants: map[string]Want{}}

const analysedMax = 50000

// questionTerms is the distinct terms of a question, cached.
func questionTerms(q string) []string {
	analysed.Lock()
	ts, ok := analysed.terms[q]
	analysed.Unlock()
	if ok {
		return ts
	}
	ts = knowledge.Distinct(knowledge.Terms(q))
	analysed.Lock()
	if len(analysed.terms) >= analysedMax {
		clear(analysed.terms)
	}
	analysed.terms[q] = ts
	analysed.Unlock()
	return ts
}

// cachedUnitWants is unitWants, cached by the unit's content hash.
// EmergencyCard reports whether a unit is a card for an emergency in progress, whatever its
// guide: « Des paiements que je n'ai pas faits sont partis de mon compte PayPal : que
// faire ? » belongs to the online payment guide.
func EmergencyCard(c knowledge.Chunk) bool {
	return c.Card() && cachedUnitWants(c)&Urgent != 0
}

func cachedUnitWants(c knowledge.Chunk) Want {
	if c.Hash == "" {
		return unitWants(c)
	}
	analysed.Lock()
	w, ok := analysed.wants[c.Hash]
	analysed.Unlock()
	if ok {
		return w
	}
	w = unitWants(c)
	analysed.Lock()
	if len(analysed.wants) >= analysedMax {
		clear(analysed.wants)
	}
	analysed.wants[c.Hash] = w
	analysed.Unlock()
	return w
}

// SeeAlso returns the other guides worth pointing to after the answer to a message's only
// question: the best other guide when it ranks nearly as well as the chosen one, or fairly
// well when the chosen unit matched the question loosely, and the next ones on the same
// terms: two, or three when they are pages without a summary (a corpus of short FAQ pages),
// whose pointers are only their titles. Summaries are what pointers say besides titles.
func SeeAlso(res knowledge.Result, pick Pick) []Pointer {
	top := pick.Guide.Score
	var out []Pointer
	for _, g := range res.Guides {
		if g.ID == pick.Guide.ID || len(g.Passages) == 0 {
			continue
		}
		if g.Score < 0.85*top && (pick.Match >= 0.35 || g.Score < 0.7*top) {
			break
		}
		summary := firstSentence(strings.TrimSpace(res.Passages[g.Passages[0]].Chunk.Summary))
		out = append(out, Pointer{Guide: g, Summary: summary})
		if len(out) == 2 && summary != "" || len(out) == 3 {
			break // two pointers with what they cover, or three titles
		}
	}
	return out
}

// Pointer is a guide pointed to after an answer.
type Pointer struct {
	Guide   knowledge.GuideHit
	Summary string
}

// Restrict keeps, of what retrieval found, the passages for which keep is true, and the
// guides they belong to, in the same order.
func Restrict(res knowledge.Result, keep func(knowledge.Chunk) bool) knowledge.Result {
	out := res
	out.Passages = nil
	out.Guides = nil
	index := map[int]int{}
	for i, p := range res.Passages {
		if keep(p.Chunk) {
			index[i] = len(out.Passages)
			out.Passages = append(out.Passages, p)
		}
	}
	for _, g := range res.Guides {
		var ps []int
		for _, i := range g.Passages {
			if j, ok := index[i]; ok {
				ps = append(ps, j)
			}
		}
		if len(ps) > 0 {
			g.Passages = ps
			out.Guides = append(out.Guides, g)
		}
	}
	return out
}

// Choice is one reading of an ambiguous message: a guide it may be about.
type Choice struct {
	Guide knowledge.GuideHit
}

// Ambiguous reports whether a short message names no precise subject and could be about
// several of the guides retrieval found, and returns up to three guides of distinct topics
// to ask about. A message that names a precise digital subject ("ma fiche Google", not
// "Google"), or whose best guide is well ahead, is not ambiguous.
func Ambiguous(text string, res knowledge.Result) ([]Choice, bool) {
	if contentWords(text) > 6 || knowledge.DomainSignal(text) && !vagueSubject(text) {
		return nil, false
	}
	var out []Choice
	seen := map[string]bool{}
	top := 0.0
	for _, g := range res.Guides {
		if top == 0 {
			top = g.Score
		}
		if g.Score < 0.7*top || seen[g.Topic] {
			continue
		}
		seen[g.Topic] = true
		out = append(out, Choice{Guide: g})
		if len(out) == 3 {
			break
		}
	}
	if len(out) < 2 {
		return nil, false
	}
	return out, true
}

// SubjectOnly reports whether a message names a subject and nothing else ("mon site",
// "instagram", "les avis"): no question, no wish, at most two words that say something.
// Whether the subject is one the guides answer is for retrieval to say.
func SubjectOnly(text string) bool {
	n := contentWords(text)
	if n > 2 || n == 0 || n > 1 && IsQuestion(text) || Wants(text) != 0 || UrgentTold(text) || AboutProgramme(text) {
		return false
	}
	return !Vague(text)
}

// Aspects are the questions to offer on a subject named alone: the first cards of the best
// guide, which its writers put first because owners ask them first, and the first card of
// the next guide when it ranks nearly as well. At most three; none when the guides have no
// cards.
func Aspects(res knowledge.Result) []Aspect {
	if len(res.Guides) == 0 {
		return nil
	}
	cardsOf := func(id string) []knowledge.Chunk {
		var cs []knowledge.Chunk
		for _, ps := range res.Passages {
			if ps.Chunk.GuideID == id && ps.Chunk.Card() {
				cs = append(cs, ps.Chunk)
			}
		}
		slices.SortFunc(cs, func(a, b knowledge.Chunk) int { return a.Ordinal - b.Ordinal })
		return cs
	}
	first := cardsOf(res.Guides[0].ID)
	var out []Aspect
	for _, c := range first[:min(2, len(first))] {
		out = append(out, Aspect{Guide: res.Guides[0], Question: strings.TrimSpace(c.Heading)})
	}
	if len(res.Guides) > 1 && res.Guides[1].Score >= 0.85*res.Guides[0].Score && res.Guides[1].Topic != res.Guides[0].Topic {
		if next := cardsOf(res.Guides[1].ID); len(next) > 0 {
			out = append(out, Aspect{Guide: res.Guides[1], Question: strings.TrimSpace(next[0].Heading)})
		}
	}
	if len(out) < 3 && len(first) > 2 {
		out = append(out, Aspect{Guide: res.Guides[0], Question: strings.TrimSpace(first[2].Heading)})
	}
	// "… sur Facebook ou Instagram ?" and "… sur Instagram ou Facebook ?" are one question
	seen := map[string]bool{}
	kept := out[:0]
	for _, a := range out {
		ts := slices.Clone(questionTerms(a.Question))
		slices.Sort(ts)
		if k := strings.Join(ts, " "); !seen[k] {
			seen[k] = true
			kept = append(kept, a)
		}
	}
	out = kept
	if len(out) < 2 {
		return nil
	}
	return out
}

// ProblemOnly reports whether a message says that something is wrong with a subject and
// nothing more ("j'ai un souci avec mon site", "ma fiche google bug"): which problem is not
// said.
func ProblemOnly(text string) bool {
	if Wants(text) != Problem || UrgentTold(text) || AboutProgramme(text) || Vague(text) {
		return false
	}
	n := 0
	for _, w := range knowledge.Words(text) {
		if knowledge.IsStopWord(w) || vagueWords[w] || vagueVerbs[knowledge.Stem(w)] || problemWords[w] {
			continue
		}
		n++
	}
	return n > 0 && n <= 2
}

// problemWords say that something is wrong without saying what.
var problemWords = map[string]bool{"bug": true, "bugue": true, "beug": true, "plante": true, "panne": true,
	"souci": true, "soucis": true, "probleme": true, "problemes": true, "pb": true, "marche": true,
	"fonctionne": true, "plus": true, "pas": true, "ne": true, "n": true}

// Problems are the problems to offer on a subject named with "un souci" only: the units of
// the best guides written for something that went wrong, best first, at most three.
func Problems(res knowledge.Result, text string) []Aspect {
	var subjects []string // the digital subjects the message names ("_site")
	for _, t := range knowledge.Terms(text) {
		if knowledge.IsDomainConcept(t) && !broadConcepts[t] {
			subjects = append(subjects, t)
		}
	}
	var out []Aspect
	seen := map[string]bool{}
	for _, ps := range res.Passages {
		c := ps.Chunk
		if !c.Card() || cachedUnitWants(c)&(Problem|Urgent) == 0 && !strings.Contains(knowledge.Fold(c.Heading), "que faire") {
			continue
		}
		if len(subjects) > 0 && !slices.ContainsFunc(c.Questions(), func(q string) bool {
			return slices.ContainsFunc(questionTerms(q), func(t string) bool { return slices.Contains(subjects, t) })
		}) {
			continue // "qui paie si un colis est perdu ?" is not a problem with the site
		}
		g := knowledge.GuideHit{}
		for _, h := range res.Guides {
			if h.ID == c.GuideID {
				g = h
			}
		}
		q := strings.TrimSpace(c.Heading)
		if g.ID == "" || seen[q] {
			continue
		}
		seen[q] = true
		out = append(out, Aspect{Guide: g, Question: q})
		if len(out) == 3 {
			break
		}
	}
	if len(out) < 2 {
		return nil
	}
	return out
}

// Aspect is a question of a guide offered to an owner who named its subject only.
type Aspect struct {
	Guide    knowledge.GuideHit
	Question string
}

// vagueWords name the digital world without saying which part of it (folded words).
var vagueWords = map[string]bool{"google": true, "internet": true, "ligne": true, "numerique": true,
	"digital": true, "web": true, "compte": true, "comptes": true, "ordinateur": true, "ordi": true,
	"informatique": true, "appli": true, "application": true, "logiciel": true, "net": true,
	"applis": true, "applications": true, "app": true, "apps": true,
	// the business itself, named without saying what about it
	"commerce": true, "entreprise": true, "boutique": true, "magasin": true, "activite": true, "societe": true,
	"boite": true, "business": true, "projet": true, "affaire": true, "mieux": true, "meilleur": true,
	"marketing": true, "communication": true,
	// when it started, which says nothing of what: "mon truc marche plus depuis ce matin"
	"depuis": true, "matin": true, "hier": true, "soir": true, "aujourd": true, "hui": true, "semaine": true,
	"jours": true, "heure": true, "heures": true, "tout": true, "coup": true}

// vagueSubject reports whether a message's only digital words are vague ones ("un problème
// avec Google", "mon compte").
func vagueSubject(text string) bool {
	for _, w := range knowledge.Words(text) {
		if !vagueWords[w] && knowledge.DomainSignal(w) {
			return false
		}
	}
	return true
}

// Vague reports whether a message says nothing of what it is about beyond a problem, a
// cost or a wish ("ça ne marche pas", "ça coûte combien ?", "c'est compliqué", "j'ai un
// souci avec mon compte"): every content word of it is vague.
func Vague(text string) bool {
	n := 0
	for _, w := range knowledge.Words(text) {
		if knowledge.IsStopWord(w) || vagueWords[w] || vagueVerbs[knowledge.Stem(w)] {
			continue
		}
		n++
	}
	return n == 0 && contentWords(text) > 0
}

// vagueVerbs are stems of words that say something is wrong or wanted, not what.
var vagueVerbs = func() map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields("marche marcher fonctionne fonctionner probleme problemes souci soucis " +
		"compliqué complique bug bugue coute combien cher prix aide aider besoin comprends comprend " +
		"sais savoir veux voudrais faire fait truc chose choses plus mieux visible visibilite bloque " +
		"galere arrive pas rien quoi comment pourquoi") {
		out[knowledge.Stem(knowledge.Fold(w))] = true
	}
	return out
}()

// firstSentence is the first sentence of a text.
func firstSentence(s string) string {
	if ss := sentencesOf(s); len(ss) > 0 {
		return ss[0]
	}
	return s
}

// fundsCues say that the owner's money left or may leave: a card given, a payment, a
// transfer made (not a scammer asking the owner's customers for one).
var fundsCues = normAll("ai paye", "avons paye", "a paye", "ai perdu", "avons perdu", "ai donne ma carte",
	"ai donne mes coordonnees", "ai mis ma carte", "ma carte bancaire", "ma cb", "mes codes bancaires",
	"code de ma carte", "ai fait un virement", "a fait un virement", "ai vire", "a vire", "avons vire", "debite",
	"debitee", "preleve", "prelevement", "numero de carte", "ma carte bleue", "avec ma carte", "sur ma carte",
	"ma carte pro", "mis ma carte")

// MoneyAtStake reports whether a message about an emergency says that money left or may
// leave (a card given, a payment made, a transfer): the bank comes first.
func MoneyAtStake(text string) bool {
	n := norm(text)
	for _, asked := range cardAskedCues {
		// "la page m'a demandé ma carte bancaire et là j'ai compris et fermé": asked, not given
		n = strings.ReplaceAll(n, asked, " ")
	}
	if containsAny(n, notYetCues) && !containsAny(n, fundsCues) {
		return false // "elle n'a encore rien fait": nothing to recall yet
	}
	return containsAny(n, fundsCues) || strings.Contains(text, "€") && containsAny(n, normAll("paye", "perdu", "vire", "virement", "facture"))
}

// cardAskedCues tell a card, bank details or a transfer asked for, which does not say they
// were given.
var cardAskedCues = normAll("demande ma carte bancaire", "demande ma carte", "demande ma cb", "demandait ma carte",
	"demande mes coordonnees bancaires", "demande mon numero de carte",
	// a transfer asked for ("un mail « de moi » lui demandant un virement urgent"), not made
	"demandant un virement", "demande un virement", "demandent un virement", "demande de faire un virement")

// notYetCues say that no money left yet: the fraud is an attempt, or the owner asks whether
// to pay ("il me rend le compte contre 250 €, je paye ou pas ?", whetherToPayCues).
var notYetCues = append(slices.Clone(whetherToPayCues), normAll("encore rien fait", "rien fait", "rien paye", "rien vire", "pas encore paye",
	"pas encore vire", "pas encore fait", "pas paye", "pas vire", "rien envoye", "rien donne", "pas fait de virement",
	"aucun virement", "rien valide", "pas encore valide", "si je ne paie pas", "si je paie pas", "si je ne paye pas",
	"si je paye pas", "si je ne le paie pas", "avant de payer",
	"pas encore envoye", "rien envoye", "sans rien mettre", "rien mis", "sans rien saisir", "rien saisi",
	// a payout hijacked before it leaves: "le prochain versement c'est demain"
	"prochain versement", "prochain virement", "si l argent part")...)

// BankFirst returns, among the passages retrieval found, the emergency unit whose first
// steps call the bank, when the chosen unit does not: for a fraud where money is at stake,
// blocking the card or recalling the transfer cannot wait for the rest. Of those units, one
// that speaks of the means of payment the message names (a card, a transfer) comes first.
func BankFirst(res knowledge.Result, text string, chosen Pick) (Pick, bool) {
	if callsBank(chosen.Passage.Chunk.Text) {
		return Pick{}, false
	}
	n := norm(text)
	if containsAny(n, othersMoneyCues) && !containsAny(n, ownMoneyCues) {
		return Pick{}, false // the customers' cards, not the owner's: their bank, in the steps
	}
	if containsAny(n, ransomCues) && !containsAny(n, normAll("carte", "cb", "carte bancaire", "virement", "rib")) {
		return Pick{}, false // a ransom is paid in cryptocurrency: no bank can recall it
	}
	card := containsAny(n, normAll("carte", "cb", "carte bleue", "carte bancaire"))
	transfer := containsAny(n, normAll("virement", "rib", "vire"))
	var best Pick
	bestScore := 0.0
	for _, ps := range res.Passages {
		c := ps.Chunk
		if !c.Card() || cachedUnitWants(c)&Urgent == 0 || !callsBank(c.Text) || c.Key() == chosen.Key() {
			continue
		}
		if blockedUnit(c) && !containsAny(n, blockedCues) {
			continue // the card for after the opposition, for who has not made it yet
		}
		s := ps.Score
		head := knowledge.Fold(c.Text)
		if len(head) > 250 {
			head = head[:250]
		}
		if card && strings.Contains(head, "opposition") || transfer && strings.Contains(head, "rappel des fonds") {
			s *= 2
		}
		if s > bestScore {
			best, bestScore = Pick{Passage: ps}, s
		}
	}
	if bestScore == 0 {
		return Pick{}, false
	}
	for _, g := range res.Guides {
		if g.ID == best.Passage.Chunk.GuideID {
			best.Guide = g
		}
	}
	return best, true
}

// ransomCues name a ransom or the cryptocurrency it is paid in.
var ransomCues = normAll("rancon", "rançon", "rancongiciel", "rançongiciel", "bitcoin", "bitcoins", "crypto", "cryptomonnaie")

// othersPaid reports whether a message tells that customers paid (« elles ont payé par
// carte ») and not the owner.
func othersPaid(text string) bool {
	n := norm(text)
	return containsAny(n, othersMoneyCues) && containsAny(n, othersPaidCues) && !containsAny(n, ownMoneyCues)
}

var ownPaidHeadings = normAll("j'ai payé", "sur ma carte", "j'ai donné mes coordonnées bancaires")

var othersPaidCues = normAll("ont paye", "a paye", "ont verse", "a verse", "ont commande", "ont vire", "a vire")

// othersMoneyCues say that the money at stake is the customers'; ownMoneyCues the owner's.
var (
	othersMoneyCues = normAll("clients", "clientes", "les gens", "voyageurs", "patients", "acheteurs", "famille", "vacanciers",
		"locataires", "touristes")
	ownMoneyCues = normAll("ma carte", "mon compte", "ai paye", "ai vire", "ai donne", "ai saisi", "mes codes",
		"ma banque", "mon iban", "mon rib", "ai tape", "ai mis ma")
)

// callsBank reports whether a text's first lines send the owner to the bank to block a card
// or recall a transfer.
func callsBank(text string) bool {
	head := knowledge.Fold(text)
	if len(head) > 250 {
		head = head[:250]
	}
	for _, s := range []string{"opposition", "rappel des fonds", "appelez votre banque", "contestez",
		"prestataire de paiement"} {
		if strings.Contains(head, s) {
			return true
		}
	}
	return false
}

// Merge adds to what retrieval found for a question what it found for another wording of
// it: the passages a has not, and their guides, after a's. What b found was scored against
// other words: its passages and guides count at most half of a's best, so that they are
// candidates that the owner's own words (the question match) must win for.
func Merge(a, b knowledge.Result) knowledge.Result {
	out := a
	out.Passages = append([]knowledge.Passage{}, a.Passages...)
	limit := 0.0
	if len(a.Passages) > 0 {
		limit = 0.5 * a.Passages[0].Score
	}
	index := map[string]int{}
	for i, p := range out.Passages {
		index[p.Chunk.Key()] = i
	}
	remap := map[int]int{}
	for i, p := range b.Passages {
		if j, ok := index[p.Chunk.Key()]; ok {
			remap[i] = j
			continue
		}
		remap[i] = len(out.Passages)
		index[p.Chunk.Key()] = len(out.Passages)
		p.Score = math.Min(p.Score, limit)
		out.Passages = append(out.Passages, p)
	}
	out.Guides = nil
	pos := map[string]int{}
	for _, g := range a.Guides {
		pos[g.ID] = len(out.Guides)
		g.Passages = append([]int{}, g.Passages...)
		out.Guides = append(out.Guides, g)
	}
	for _, g := range b.Guides {
		k, ok := pos[g.ID]
		if !ok {
			pos[g.ID] = len(out.Guides)
			out.Guides = append(out.Guides, knowledge.GuideHit{ID: g.ID, Title: g.Title, Topic: g.Topic, URL: g.URL, Score: math.Min(g.Score, limit)})
			k = pos[g.ID]
		}
		for _, i := range g.Passages {
			if j := remap[i]; !slices.Contains(out.Guides[k].Passages, j) {
				out.Guides[k].Passages = append(out.Guides[k].Passages, j)
			}
		}
	}
	return out
}
