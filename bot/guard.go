package bot

import (
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// The guards on what a language model writes. They are the code's, not the model's goodwill:
// a model that obeys an injected instruction still cannot make coachbot show a foreign link,
// an image, a mention, the system prompt, an English answer, a fake booking, or a sentence
// that the cited passages do not support.

// allowedDomains are the public sites a model's answer may link to, besides the guides' own
// pages.
var allowedDomains = []string{
	"gouv.fr", "service-public.fr", "cnil.fr", "bpifrance.fr", "cci.fr", "artisanat.fr", "cma-france.fr",
	"afnic.fr", "europa.eu", "support.google.com", "developers.google.com", "business.google.com",
	"francenum.gouv.fr", "cybermalveillance.gouv.fr", "17cyber.gouv.fr", "signal-spam.fr", "bloctel.gouv.fr",
	"urssaf.fr", "impots.gouv.fr", "economie.gouv.fr", "entreprendre.service-public.fr", "teamfrance-export.fr",
}

var (
	reMdImage    = regexp.MustCompile(`!\[[^\]]*\]\([^)]*\)`)
	reMdLink     = regexp.MustCompile(`\[([^\]]+)\]\((https?://[^)\s]+)\)`)
	reScript     = regexp.MustCompile(`(?is)<(?:script|style)\b.*?</(?:script|style)\s*>`)
	reHTMLTag    = regexp.MustCompile(`</?[a-zA-Z][^<>]*>`)
	reURL        = regexp.MustCompile(`https?://[^\s<>"')\]]+`)
	reBareURL    = regexp.MustCompile(`\b(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|net|org|io|ly|co|info|biz|xyz|ru|cn|top|click|link|me)\b(?:/[^\s]*)?`)
	reMention    = regexp.MustCompile(`<[@#][!&]?\d+>|@(?:everyone|here)\b`)
	reEmail      = regexp.MustCompile(`[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}`)
	rePhone      = regexp.MustCompile(`(?:\+33\s?|0)[1-9](?:[\s.-]?\d{2}){4}`)
	reCitation   = regexp.MustCompile(`\[(\d{1,2}(?:\s*[,;]\s*\d{1,2})*)\]`)
	reBookingID  = regexp.MustCompile(`\bRDV-[A-Z0-9]{4,}\b`)
	reBooked     = regexp.MustCompile(`(?i)\b(?:votre|ton|ta|la|le)\s+(?:rendez-vous|rdv|réservation|reservation|séance|seance|inscription)\b[^.!?]{0,40}\b(?:est|a été|a ete|sont|ont été)\s+(?:bien\s+)?(?:confirmé|confirme|validé|valide|réservé|reserve|enregistré|enregistre|annulé|annule|pris)`)
	reBooked2    = regexp.MustCompile(`(?i)\b(?:rendez-vous|rdv|réservation|reservation|créneau|creneau)\s+(?:est\s+|a été\s+)?(?:bien\s+)?(?:confirmé|confirme|réservé|reserve|réattribué|reattribue|enregistré|enregistre)`)
	reListMarker = regexp.MustCompile(`^\s*(?:\d{1,2}[.)]|[-•*])\s+`)
	reNumber     = regexp.MustCompile(`\d+(?:[.,]\d+)?`)
)

// GuardResult is a model answer after the guards.
type GuardResult struct {
	Text    string
	Sources []Source
	OK      bool
	Why     string // why the answer was refused, or what was removed
	// Code is a short name of why it was refused, for metrics: empty, too_long, prompt_leak,
	// not_french, booking_claim, no_citation, unsupported.
	Code string
}

// GuardModelAnswer checks and cleans a model's answer to question, given the passages it was
// shown (numbered from 1) and the system prompt (which must never appear).
func GuardModelAnswer(text string, passages []knowledge.Passage, systemPrompt string, maxChars int) GuardResult {
	var removed []string
	text = strings.TrimSpace(Sanitize(text))
	if text == "" {
		return GuardResult{Why: "empty answer", Code: "empty"}
	}
	if len([]rune(text)) > maxChars {
		return GuardResult{Why: "answer too long", Code: "too_long"}
	}
	if leaks(text, systemPrompt) {
		return GuardResult{Why: "the answer repeats the system prompt", Code: "prompt_leak"}
	}
	if english(text) {
		return GuardResult{Why: "the answer is not in French", Code: "not_french"}
	}
	if reBookingID.MatchString(text) || reBooked.MatchString(text) || reBooked2.MatchString(text) {
		return GuardResult{Why: "the answer claims a booking", Code: "booking_claim"}
	}
	// markup and links
	if reMdImage.MatchString(text) {
		text = reMdImage.ReplaceAllString(text, "")
		removed = append(removed, "image")
	}
	text = reMdLink.ReplaceAllString(text, "$1 ($2)")
	if reHTMLTag.MatchString(text) {
		text = reScript.ReplaceAllString(text, "")
		text = reHTMLTag.ReplaceAllString(text, "")
		removed = append(removed, "html")
	}
	if reMention.MatchString(text) {
		text = reMention.ReplaceAllString(text, "")
		removed = append(removed, "mention")
	}
	// the passages as the model was shown them: what a passage says to a model supports
	// nothing
	passages = slices.Clone(passages)
	for i := range passages {
		passages[i].Chunk.Text = cleanPassage(passages[i].Chunk)
	}
	var guideURLs []string
	var source strings.Builder
	for _, p := range passages {
		guideURLs = append(guideURLs, p.Chunk.URL)
		source.WriteString(p.Chunk.Text)
		source.WriteString("\n")
	}
	text = reURL.ReplaceAllStringFunc(text, func(u string) string {
		u = strings.TrimRight(u, ".,;:!?")
		if linkAllowed(u, guideURLs) {
			return u
		}
		removed = append(removed, "link")
		return ""
	})
	// bare domains ("bit.ly/x"), outside the full links kept above
	var links []string
	text = reURL.ReplaceAllStringFunc(text, func(u string) string {
		links = append(links, u)
		return "\x00"
	})
	text = reBareURL.ReplaceAllStringFunc(text, func(u string) string {
		if linkAllowed("https://"+u, guideURLs) || strings.Contains(source.String(), u) {
			return u
		}
		removed = append(removed, "link")
		return ""
	})
	for _, u := range links {
		text = strings.Replace(text, "\x00", u, 1)
	}
	// contact details only when the passages give them
	for _, re := range []*regexp.Regexp{reEmail, rePhone} {
		text = re.ReplaceAllStringFunc(text, func(s string) string {
			if strings.Contains(source.String(), s) {
				return s
			}
			removed = append(removed, "contact")
			return ""
		})
	}
	// citations: only passages that exist; sources are the cited guides, renumbered
	var order []int // passage indexes, in order of first citation
	var guideOf []string
	text = reCitation.ReplaceAllStringFunc(text, func(c string) string {
		var keep []string
		for _, part := range regexp.MustCompile(`\d+`).FindAllString(c, -1) {
			n, _ := strconv.Atoi(part)
			if n < 1 || n > len(passages) {
				continue
			}
			g := passages[n-1].Chunk.GuideID
			idx := slices.Index(guideOf, g)
			if idx < 0 {
				guideOf = append(guideOf, g)
				order = append(order, n-1)
				idx = len(guideOf) - 1
			}
			if s := "[" + strconv.Itoa(idx+1) + "]"; !slices.Contains(keep, s) {
				keep = append(keep, s)
			}
		}
		return strings.Join(keep, "")
	})
	if len(order) == 0 {
		return GuardResult{Why: "no citation of a passage", Code: "no_citation"}
	}
	// every sentence must be supported by the passages it cites, or by the next citation of
	// its paragraph, or by all of them when its paragraph cites none (the question does not
	// count: an injected instruction in it must not vouch for itself)
	all := newSupport()
	byGuide := map[string]*support{}
	for _, p := range passages {
		all.add(p.Chunk)
		if byGuide[p.Chunk.GuideID] == nil {
			byGuide[p.Chunk.GuideID] = newSupport()
		}
		byGuide[p.Chunk.GuideID].add(p.Chunk)
	}
	supportFor := func(sentences []string, i int) *support {
		for j := i; j < len(sentences); j++ {
			var sup *support
			for _, m := range reCitation.FindAllString(sentences[j], -1) {
				for _, part := range regexp.MustCompile(`\d+`).FindAllString(m, -1) {
					n, _ := strconv.Atoi(part)
					if n >= 1 && n <= len(guideOf) {
						if sup == nil {
							sup = newSupport()
						}
						sup.merge(byGuide[guideOf[n-1]])
					}
				}
			}
			if sup != nil {
				return sup
			}
		}
		return all
	}
	var kept []string
	total, dropped := 0, 0
	for _, para := range strings.Split(text, "\n") {
		// a list marker ("1. ", "- ") is layout, not a claim
		marker := reListMarker.FindString(para)
		var sentences []string
		all := splitClaims(para[len(marker):])
		for i, s := range all {
			total++
			if supportFor(all, i).supports(s) {
				sentences = append(sentences, s)
			} else {
				dropped++
			}
		}
		if len(sentences) > 0 || marker == "" {
			kept = append(kept, marker+strings.Join(sentences, " "))
		}
	}
	if total == 0 || dropped*2 > total {
		return GuardResult{Why: "the passages do not support the answer", Code: "unsupported"}
	}
	if dropped > 0 {
		removed = append(removed, "unsupported sentence")
	}
	text = strings.TrimSpace(regexp.MustCompile(`\n{3,}`).ReplaceAllString(strings.Join(kept, "\n"), "\n\n"))
	text = regexp.MustCompile(`[ \t]{2,}`).ReplaceAllString(text, " ")
	if !reCitation.MatchString(text) {
		return GuardResult{Why: "no citation left after cleaning", Code: "no_citation"}
	}
	var sources []Source
	for _, i := range order {
		c := passages[i].Chunk
		sources = append(sources, Source{GuideID: c.GuideID, Title: c.Title, Topic: c.Topic, URL: c.URL, Score: round3(passages[i].Score)})
	}
	return GuardResult{Text: text, Sources: sources, OK: true, Why: strings.Join(removed, ", ")}
}

var reAfterCitation = regexp.MustCompile(`\][.!?;,]*\s+`)

// splitClaims splits a paragraph into sentences, and a sentence after each citation: every
// claim is checked against the passages it cites, even when the model forgot a capital.
func splitClaims(para string) []string {
	var out []string
	for _, s := range splitSentences(para) {
		rest := s
		for {
			loc := reAfterCitation.FindStringIndex(rest)
			if loc == nil {
				break
			}
			out = append(out, strings.TrimSpace(rest[:loc[1]]))
			rest = rest[loc[1]:]
		}
		if rest = strings.TrimSpace(rest); rest != "" {
			out = append(out, rest)
		}
	}
	return out
}

// support is what passages can vouch for: their terms, their numbers and their words.
type support struct {
	terms map[string]bool
	text  strings.Builder // lower case
}

func newSupport() *support { return &support{terms: map[string]bool{}} }

func (s *support) add(c knowledge.Chunk) {
	for _, t := range knowledge.Terms(c.Title + " " + c.Heading + " " + c.Text) {
		s.terms[t] = true
	}
	for _, n := range reNumber.FindAllString(c.Text, -1) {
		s.terms["#"+normNumber(n)] = true
	}
	s.text.WriteString(strings.ToLower(c.Title + "\n" + c.Heading + "\n" + c.Text + "\n"))
}

func (s *support) merge(o *support) {
	for t := range o.terms {
		s.terms[t] = true
	}
	s.text.WriteString(o.text.String())
}

var reCapitalised = regexp.MustCompile(`[^\s:«(\-–—"'’]\s+(\p{Lu}[\p{L}'’-]{2,})`)

// supports reports whether a sentence says only what the passages say: every number in it
// (a price, a delay, a date, a percentage) and every name (a capitalised word within the
// sentence) is in them, and most of its content words.
func (s *support) supports(sentence string) bool {
	sentence = reURL.ReplaceAllString(sentence, "") // links were checked already
	bare := reCitation.ReplaceAllString(sentence, "")
	for _, num := range reNumber.FindAllString(bare, -1) {
		if !s.terms["#"+normNumber(num)] {
			return false
		}
	}
	text := s.text.String()
	for _, m := range reCapitalised.FindAllStringSubmatch(bare, -1) {
		if !strings.Contains(text, strings.ToLower(m[1])) {
			return false
		}
	}
	var n, in int
	for _, t := range knowledge.Distinct(knowledge.Terms(bare)) {
		if t[0] == '_' {
			continue
		}
		n++
		if s.terms[t] {
			in++
		}
	}
	if n < 3 {
		// a short sentence ("Voici les étapes :") carries nothing to invent
		return !strings.Contains(sentence, "@")
	}
	return float64(in)/float64(n) >= 0.6
}

// normNumber writes 1,5 and 1.5 alike.
func normNumber(s string) string { return strings.ReplaceAll(s, ",", ".") }

func linkAllowed(raw string, guideURLs []string) bool {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return false
	}
	for _, g := range guideURLs {
		if g != "" && strings.TrimRight(raw, "/") == strings.TrimRight(g, "/") {
			return true
		}
	}
	host := strings.ToLower(u.Hostname())
	for _, d := range allowedDomains {
		if host == d || strings.HasSuffix(host, "."+d) {
			return true
		}
	}
	return false
}

// leaks reports whether text repeats the system prompt: one of its 8-word sequences.
func leaks(text, system string) bool {
	if system == "" {
		return false
	}
	words := knowledge.Words(system)
	have := " " + strings.Join(knowledge.Words(text), " ") + " "
	for i := 0; i+8 <= len(words); i += 2 {
		if strings.Contains(have, " "+strings.Join(words[i:i+8], " ")+" ") {
			return true
		}
	}
	return false
}

var englishWords = toWordSet("the and you your is are this that with for not have will what which answer please here there from they their would should")
var frenchWords = toWordSet("le la les et vous votre est sont pour avec dans des une un pas sur qui que ce cette il elle au aux du")

func toWordSet(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}

// english reports an answer written mostly in English.
func english(text string) bool {
	var en, fr int
	for _, w := range knowledge.Words(text) {
		if englishWords[w] {
			en++
		}
		if frenchWords[w] {
			fr++
		}
	}
	return en >= 4 && en > fr
}
