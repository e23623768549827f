package bot

import (
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// Kinds of small talk.
const (
	talkNone     = ""
	talkGreeting = "greeting"
	talkThanks   = "thanks"
	talkGoodbye  = "goodbye"
	talkAbout    = "about"
)

// talkMarkers are the folded words that make a short message small talk, with the kind each
// one signals; talkFillers may surround them without changing the kind.
var talkMarkers = func() map[string]string {
	m := map[string]string{}
	add := func(kind, words string) {
		for _, w := range strings.Fields(words) {
			m[w] = kind
		}
	}
	add(talkGreeting, "bonjour bonsoir salut coucou hello hey hi slt bjr bsr cc yo allo va vas cv")
	add(talkThanks, "merci mercii thanks thx ok okay super parfait genial top cool nickel dac daccord accord entendu compris bravo mrc oui non")
	add(talkGoodbye, "revoir bye ciao tchao bientot adieu journee soiree")
	add(talkAbout, "robot humain ia chatgpt qui nom sert")
	return m
}()

var talkFillers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`comment tu vous allez bien madame monsieur et toi la quoi de neuf bot coachbot
		re ca sa beaucoup bon tres tout au plus a bonne fin es etes un une vrai personne quel est ton votre
		t as c mille fois encore je suis le les des mon ma me pour aide`) {
		m[w] = true
	}
	return m
}()

var talkRank = map[string]int{talkGreeting: 1, talkThanks: 2, talkGoodbye: 3, talkAbout: 4}

// classifySmallTalk returns the kind of small talk a message is, or talkNone as soon as it
// contains a word that could make it a real question. Long messages are never small talk.
func classifySmallTalk(text string) string {
	words := knowledge.Words(text)
	if len(words) == 0 || len(words) > 8 {
		return talkNone
	}
	kind := talkNone
	for _, w := range words {
		if k, ok := talkMarkers[w]; ok {
			if talkRank[k] > talkRank[kind] {
				kind = k
			}
			continue
		}
		if !talkFillers[w] {
			return talkNone
		}
	}
	return kind
}
