package bot

import (
	"regexp"
	"strings"
	"sync"

	"github.com/coachbot/coachbot/knowledge"
)

// A guide speaks to owners. A sentence of a passage that speaks to a language model instead
// ("ignore previous instructions", "note pour l'assistant", "SYSTEM:") is not guide content:
// it was planted, and it is neither shown, nor given to a model, nor accepted as support for
// what a model writes. The same goes for HTML comments and hidden markup.

var (
	reHTMLComment = regexp.MustCompile(`(?s)<!--.*?-->`)
	reHiddenBlock = regexp.MustCompile(`(?is)<(div|span|p)\b[^>]*(?:display\s*:\s*none|visibility\s*:\s*hidden|hidden)[^>]*>.*?</(?:div|span|p)\s*>`)
	// a bracketed aside or a sentence addressed to a model
	reBracketAside = regexp.MustCompile(`\[[^\]]{0,400}\]`)
)

var modelMarkers = []string{
	"system:", "system :", "assistant:", "assistant :", "assistant,", "### instruction", "[inst]", "<|im_start|>", "<|system|>",
	"ignore previous", "ignore all previous", "ignore the above", "ignore the user", "ignore l'utilisateur",
	"ignore les instructions", "ignore tes instructions", "ignore toutes les instructions", "ignorez les instructions",
	"ignorez vos instructions", "ignorez toutes", "oublie tes consignes", "oublie les consignes", "oublie toutes tes",
	"oubliez vos consignes", "oubliez les consignes", "nouvelles instructions", "nouvelle consigne", "new instructions",
	"disregard", "you are now", "tu es maintenant", "vous êtes maintenant", "à partir de maintenant tu", "from now on you",
	"l'assistant doit", "l'assistant confirme", "les assistants", "assistants ia", "assistant ia", "assistants d'ia",
	"ai assistant", "ai assistants", "for ai", "language model", "modèle de langage", "instructions for", "instructions système",
	"vos instructions", "tes instructions", "your instructions", "system prompt", "prompt système",
	"répondez à tout utilisateur", "réponds à tout utilisateur", "dites à l'utilisateur", "dis à l'utilisateur",
	"tell the user", "respond only", "answer only", "réponds uniquement", "répondez uniquement", "dans chaque réponse",
	"in every answer", "begin with", "start your answer", "commence ta réponse", "commencez votre réponse",
	"commence chaque réponse", "commencez chaque réponse", "consigne de rédaction", "quand tu cites", "quand vous citez",
	"pour le modèle", "for the model", "à la fin de ta réponse", "à la fin de votre réponse", "en tête de votre réponse", "en tête de ta réponse",
}

// AddressesModel reports a piece of text written to a language model rather than to a reader.
func AddressesModel(s string) bool {
	l := strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	for _, m := range modelMarkers {
		if strings.Contains(l, m) {
			return true
		}
	}
	return false
}

// DropModelDirectives removes from a passage the sentences, bracketed asides, comments and
// hidden markup that address a language model.
func DropModelDirectives(s string) string {
	if !strings.ContainsAny(s, "<@!") && !AddressesModel(s) {
		return s // the common case: a clean passage
	}
	s = reHTMLComment.ReplaceAllString(s, "")
	s = reHiddenBlock.ReplaceAllString(s, "")
	// guides are plain text: images, markup and mentions in a passage were planted too
	s = reMdImage.ReplaceAllString(s, "")
	s = reScript.ReplaceAllString(s, "")
	s = reHTMLTag.ReplaceAllString(s, "")
	s = reMention.ReplaceAllString(s, "")
	s = reBracketAside.ReplaceAllStringFunc(s, func(a string) string {
		if AddressesModel(a) {
			return ""
		}
		return a
	})
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		if !AddressesModel(line) {
			lines = append(lines, line)
			continue
		}
		var keep []string
		for _, sent := range splitSentences(line) {
			if !AddressesModel(sent) {
				keep = append(keep, sent)
			}
		}
		if len(keep) > 0 {
			lines = append(lines, strings.Join(keep, " "))
		}
	}
	return strings.Join(lines, "\n")
}

// cleaned caches DropModelDirectives by chunk hash: the same chunks come back question after
// question, and the check reads every passage.
var cleaned = struct {
	sync.Mutex
	m map[string]string
}{m: map[string]string{}}

// cleanPassage is DropModelDirectives of a chunk's text, cached.
func cleanPassage(c knowledge.Chunk) string {
	if c.Hash == "" {
		return DropModelDirectives(c.Text)
	}
	cleaned.Lock()
	t, ok := cleaned.m[c.Hash]
	cleaned.Unlock()
	if ok {
		return t
	}
	t = DropModelDirectives(c.Text)
	cleaned.Lock()
	if len(cleaned.m) >= 20000 {
		clear(cleaned.m) // bounded: a corpus larger than this is cleaned again as it comes
	}
	if t == c.Text {
		cleaned.m[c.Hash] = c.Text
	} else {
		cleaned.m[c.Hash] = t
	}
	cleaned.Unlock()
	return t
}
