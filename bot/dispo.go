package bot

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Availability is what a coach published in one message: the start times of equal-length
// slots, in Paris time and in order, and how the sessions are held.
type Availability struct {
	Starts   []time.Time
	Duration time.Duration
	Mode     string // ModeVisio, ModePhone or ModeOnSite
}

// Limits of what one availability message may publish. Durations are in minutes; a one-off
// date further ahead than dispoMaxAheadDays is taken for a typo.
const (
	dispoMinDuration  = 15
	dispoMaxDuration  = 3 * 60
	dispoDefaultWeeks = 4
	dispoMaxWeeks     = 26
	dispoMaxSlots     = 200
	dispoMaxAheadDays = 366
	dispoDayMinutes   = 24 * 60
)

const dispoExample = "écrivez par exemple « mardi 9h-12h, créneaux de 45 min, 4 semaines » ou « 3 décembre 14h, 1 h »"

// ParseAvailability reads availability as a coach writes it after /dispo, relative to now:
//
//   - every week: "mardi 9 h–12 h, créneaux de 45 min, 4 semaines", "lundi et jeudi 9h-11h,
//     1 h, 3 semaines", "du lundi au vendredi 14:00-17:30 30 min" — slots fill each range back
//     to back from the next such day (today only if the range has not started yet), for 4
//     weeks unless told otherwise ("2 semaines", "jusqu'au 20 décembre"), at most 26; a weekly
//     pattern may start later with "à partir du 5 janvier";
//   - once: "3 décembre 14h 45 min", "le 12/12 à 10 h 30, 1 h, téléphone",
//     "2026-12-03 14:00 60", "demain 14h-16h, 30 min"; a date without a year is the next such
//     date, and a date must be within a year;
//   - the mode: visio (the default), "téléphone", "sur place" or "présentiel".
//
// Hours are wall-clock hours in Paris and stay so across daylight-saving changes. Errors are
// written in French for the coach and say what was not understood.
func ParseAvailability(text string, now time.Time) (Availability, error) {
	now = now.In(Paris)
	p := dispoParser{src: text, toks: dispoLex(text), now: now}
	if err := p.parse(); err != nil {
		return Availability{}, err
	}
	return p.build(now)
}

// dispoKind is the kind of a lexical token.
type dispoKind int

const (
	dkWord    dispoKind = iota
	dkNumber            // 12, 1er
	dkTime              // 14h, 14 h 30, 14:00, 2 heures
	dkMinutes           // 45 min
	dkDate              // 2026-12-03, 12/12, 12/12/2026
	dkDash              // - – —
	dkSep               // , ; . and other punctuation
)

type dispoToken struct {
	kind       dispoKind
	word       string // dkWord: lower case, accents folded
	n          int    // dkNumber, dkMinutes
	h, m       int    // dkTime
	hasMinutes bool   // dkTime: "14 h 30" rather than "14 h"
	y, mo, d   int    // dkDate; y is 0 when not written
	start, end int    // byte span in the original text
}

var (
	dispoReISO     = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})`)
	dispoReNumDate = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?`)
	dispoReHour    = regexp.MustCompile(`^(\d{1,2})\s*(?:heures?|h)`)
	dispoReHourMin = regexp.MustCompile(`^\s*(\d{2})`)
	dispoReColon   = regexp.MustCompile(`^(\d{1,2}):(\d{2})`)
	dispoReMinutes = regexp.MustCompile(`^(\d{1,3})\s*(?:minutes?|mins?|mn)`)
	dispoReUnitMin = regexp.MustCompile(`^\s*(?:minutes?|mins?|mn)`)
	dispoReNumber  = regexp.MustCompile(`^(\d+)(?:er|e|ème|eme)?`)
)

// dispoLower lower-cases s rune by rune, keeping byte offsets aligned with s.
func dispoLower(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if l := unicode.ToLower(r); r != utf8.RuneError && utf8.RuneLen(l) == size {
			b.WriteRune(l)
		} else {
			b.WriteString(s[i : i+size]) // invalid UTF-8 or a case change that would shift offsets
		}
		i += size
	}
	return b.String()
}

// dispoBoundary reports whether a token may end at i: no letter or digit follows.
func dispoBoundary(s string, i int) bool {
	if i >= len(s) {
		return true
	}
	r, _ := utf8.DecodeRuneInString(s[i:])
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

func dispoAtoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

func dispoLex(text string) []dispoToken {
	low := dispoLower(text)
	var toks []dispoToken
	for i := 0; i < len(low); {
		r, size := utf8.DecodeRuneInString(low[i:])
		rest := low[i:]
		add := func(t dispoToken, n int) {
			t.start, t.end = i, i+n
			toks = append(toks, t)
			i += n
		}
		switch {
		case unicode.IsSpace(r):
			i += size
		case r >= '0' && r <= '9':
			if m := dispoReISO.FindStringSubmatch(rest); m != nil && dispoBoundary(low, i+len(m[0])) {
				add(dispoToken{kind: dkDate, y: dispoAtoi(m[1]), mo: dispoAtoi(m[2]), d: dispoAtoi(m[3])}, len(m[0]))
				continue
			}
			if m := dispoReNumDate.FindStringSubmatch(rest); m != nil && dispoBoundary(low, i+len(m[0])) {
				y := 0
				if m[3] != "" {
					y = dispoAtoi(m[3])
					if len(m[3]) == 2 {
						y += 2000
					}
				}
				add(dispoToken{kind: dkDate, y: y, mo: dispoAtoi(m[2]), d: dispoAtoi(m[1])}, len(m[0]))
				continue
			}
			if m := dispoReColon.FindStringSubmatch(rest); m != nil && dispoBoundary(low, i+len(m[0])) {
				add(dispoToken{kind: dkTime, h: dispoAtoi(m[1]), m: dispoAtoi(m[2]), hasMinutes: true}, len(m[0]))
				continue
			}
			if m := dispoReMinutes.FindStringSubmatch(rest); m != nil && dispoBoundary(low, i+len(m[0])) {
				add(dispoToken{kind: dkMinutes, n: dispoAtoi(m[1])}, len(m[0]))
				continue
			}
			if m := dispoReHour.FindStringSubmatch(rest); m != nil {
				n := len(m[0])
				t := dispoToken{kind: dkTime, h: dispoAtoi(m[1])}
				// "14 h 30", but not "12h 45min", where 45 min is a duration.
				if mm := dispoReHourMin.FindStringSubmatch(rest[n:]); mm != nil && dispoBoundary(low, i+n+len(mm[0])) &&
					!dispoReUnitMin.MatchString(rest[n+len(mm[0]):]) {
					t.m, t.hasMinutes = dispoAtoi(mm[1]), true
					n += len(mm[0])
				}
				if dispoBoundary(low, i+n) {
					add(t, n)
					continue
				}
			}
			m := dispoReNumber.FindString(rest)
			n := len(m)
			if !dispoBoundary(low, i+n) { // "12abc": keep the digits, the word follows
				n = len(dispoReNumber.FindStringSubmatch(rest)[1])
			}
			add(dispoToken{kind: dkNumber, n: dispoAtoi(strings.TrimRightFunc(rest[:n], unicode.IsLetter))}, n)
		case unicode.IsLetter(r):
			j := i
			for j < len(low) {
				r2, s2 := utf8.DecodeRuneInString(low[j:])
				if !unicode.IsLetter(r2) {
					break
				}
				j += s2
			}
			w := placeFold(low[i:j])
			afterApres := len(toks) > 0 && toks[len(toks)-1].word == "apres" ||
				len(toks) > 1 && toks[len(toks)-1].kind == dkDash && toks[len(toks)-2].word == "apres"
			switch {
			case w == "midi" && !afterApres:
				add(dispoToken{kind: dkTime, h: 12}, j-i)
			case w == "minuit":
				add(dispoToken{kind: dkTime, h: 24}, j-i)
			default:
				add(dispoToken{kind: dkWord, word: w}, j-i)
			}
		case strings.ContainsRune("-–—‑−", r):
			add(dispoToken{kind: dkDash}, size)
		default:
			add(dispoToken{kind: dkSep}, size)
		}
	}
	return toks
}

// dispoSpec is one time of a day: a range to fill with slots, or a single start (end < 0).
type dispoSpec struct {
	start, end int // minutes since midnight
	src        string
}

type dispoParser struct {
	src  string
	toks []dispoToken
	i    int
	now  time.Time

	weekdays     []time.Weekday
	date         *dispoToken
	dateSrc      string
	fromDate     bool // "à partir du 5 janvier": a weekly pattern starting on date
	pendingFrom  bool
	until        *dispoToken // "jusqu'au 20 décembre": the last day of a weekly pattern
	untilSrc     string
	pendingUntil bool
	specs        []dispoSpec
	dur          int // minutes, 0 when not given
	durSrc       string
	weeks        int
	weeksSrc     string
	mode         string
	modeSrc      string
}

var dispoWeekdays = map[string]time.Weekday{
	"lundi": time.Monday, "mardi": time.Tuesday, "mercredi": time.Wednesday, "jeudi": time.Thursday,
	"vendredi": time.Friday, "samedi": time.Saturday, "dimanche": time.Sunday,
	"lun": time.Monday, "mar": time.Tuesday, "mer": time.Wednesday, "jeu": time.Thursday,
	"ven": time.Friday, "sam": time.Saturday, "dim": time.Sunday,
}

var dispoMonths = map[string]time.Month{
	"janvier": time.January, "janv": time.January, "jan": time.January,
	"fevrier": time.February, "fevr": time.February, "fev": time.February,
	"mars": time.March, "avril": time.April, "avr": time.April, "mai": time.May, "juin": time.June,
	"juillet": time.July, "juil": time.July, "aout": time.August,
	"septembre": time.September, "sept": time.September, "octobre": time.October, "oct": time.October,
	"novembre": time.November, "nov": time.November, "decembre": time.December, "dec": time.December,
}

var dispoModes = map[string]string{
	"visio": ModeVisio, "visioconference": ModeVisio, "video": ModeVisio, "distance": ModeVisio, "ligne": ModeVisio,
	"telephone": ModePhone, "tel": ModePhone, "telephonique": ModePhone, "phone": ModePhone,
	"presentiel": ModeOnSite, "physique": ModeOnSite,
}

// dispoFillers are words that carry no information of their own here.
var dispoFillers = placeSet(`le la les l de du des d a au aux et ou puis en par sur pour avec chaque tous toutes tout
	creneau creneaux seance seances session sessions rdv rendez vous duree pendant dispo dispos disponible
	disponibles disponibilite disponibilites je suis serai sera j ai mes mon ma nouveaux nouveau nouvelles
	semaine semaines hebdo hebdomadaire entre merci svp stp soit ok chacun chacune x matin soir apres midi hui`)

// dispoDurationWords announce a duration: "créneaux de 1 h", "durée 1h30", "séances d'1 h".
var dispoDurationWords = placeSet(`creneau creneaux seance seances session sessions duree rdv`)

func (p *dispoParser) text(from, to int) string {
	return strings.TrimSpace(p.src[p.toks[from].start:p.toks[to].end])
}

func (p *dispoParser) tok(i int) *dispoToken {
	if i < 0 || i >= len(p.toks) {
		return nil
	}
	return &p.toks[i]
}

func (p *dispoParser) isWord(i int, words ...string) bool {
	t := p.tok(i)
	return t != nil && t.kind == dkWord && slices.Contains(words, t.word)
}

// prevWords returns the folded words just before token i, nearest first, skipping separators.
func (p *dispoParser) prevWords(i, n int) []string {
	var out []string
	for k := i - 1; k >= 0 && len(out) < n; k-- {
		switch p.toks[k].kind {
		case dkWord:
			out = append(out, p.toks[k].word)
		case dkSep:
		default:
			return out
		}
	}
	return out
}

func (p *dispoParser) parse() error {
	for p.i < len(p.toks) {
		if err := p.step(); err != nil {
			return err
		}
	}
	return nil
}

func (p *dispoParser) step() error {
	i := p.i
	t := p.toks[i]
	switch t.kind {
	case dkSep, dkDash:
		p.i++
		return nil
	case dkDate:
		p.i++
		return p.setDate(t, p.text(i, i))
	case dkMinutes:
		p.i++
		return p.setDuration(t.n, p.text(i, i))
	case dkTime, dkNumber:
		if ok, err := p.tryRange(); ok || err != nil {
			return err
		}
		if t.kind == dkTime {
			return p.loneTime()
		}
		return p.number()
	}
	return p.wordStep()
}

func (p *dispoParser) wordStep() error {
	i := p.i
	w := p.toks[i].word
	if wd, ok := dispoWeekday(w); ok {
		return p.weekdayStep(wd)
	}
	if _, ok := dispoMonths[w]; ok {
		return fmt.Errorf("je n'ai pas compris « %s » : indiquez le jour du mois, par exemple « 3 décembre »", p.text(i, i))
	}
	p.i++
	switch {
	case dispoModes[w] != "":
		return p.setMode(dispoModes[w], p.text(i, i))
	case w == "place" && p.isWord(i-1, "sur"):
		return p.setMode(ModeOnSite, p.text(i-1, i))
	case w == "partir" || w == "depuis" || w == "compter" ||
		w == "des" && (p.isWord(i+1, "le") || p.tok(i+1) != nil && (p.tok(i+1).kind == dkNumber || p.tok(i+1).kind == dkDate)):
		p.pendingFrom = true
		return nil
	case w == "jusqu":
		p.pendingUntil = true
		return nil
	case w == "demain" || w == "aujourd":
		d, last := p.now, i
		if w == "demain" {
			d = d.AddDate(0, 0, 1)
		} else if p.isWord(i+2, "hui") && p.toks[i+1].kind == dkSep {
			last = i + 2
			p.i = last + 1
		}
		return p.setDate(dispoToken{kind: dkDate, y: d.Year(), mo: int(d.Month()), d: d.Day()}, p.text(i, last))
	case w == "mois":
		return fmt.Errorf("je n'ai pas compris « %s » : indiquez la durée en semaines, par exemple « 8 semaines »", p.text(i, i))
	case dispoFillers[w]:
		return nil
	}
	return fmt.Errorf("je n'ai pas compris « %s » : %s", p.text(i, i), dispoExample)
}

// weekdayStep reads a weekday, or a range of them ("du lundi au vendredi", "lundi-vendredi").
func (p *dispoParser) weekdayStep(first time.Weekday) error {
	p.i++
	if t := p.tok(p.i); t != nil && (t.kind == dkDash || p.isWord(p.i, "au", "a")) && p.tok(p.i+1) != nil && p.tok(p.i+1).kind == dkWord {
		if last, ok := dispoWeekday(p.toks[p.i+1].word); ok {
			for d := first; ; d = (d + 1) % 7 {
				p.addWeekday(d)
				if d == last {
					break
				}
			}
			p.i += 2
			return nil
		}
	}
	p.addWeekday(first)
	return nil
}

// dispoWeekday reads a weekday, singular or plural ("mardi", "mardis", "mar").
func dispoWeekday(w string) (time.Weekday, bool) {
	if d, ok := dispoWeekdays[w]; ok {
		return d, true
	}
	if t := strings.TrimSuffix(w, "s"); len(t) > 3 && t != w {
		d, ok := dispoWeekdays[t]
		return d, ok
	}
	return 0, false
}

func (p *dispoParser) addWeekday(d time.Weekday) {
	if !slices.Contains(p.weekdays, d) {
		p.weekdays = append(p.weekdays, d)
	}
}

func (p *dispoParser) setMode(mode, src string) error {
	if p.mode != "" && p.mode != mode {
		return fmt.Errorf("j'ai trouvé deux modes, « %s » et « %s » : choisissez visio, téléphone ou sur place", p.modeSrc, src)
	}
	p.mode, p.modeSrc = mode, src
	return nil
}

func (p *dispoParser) setDuration(minutes int, src string) error {
	if p.dur != 0 {
		return fmt.Errorf("j'ai trouvé deux durées, « %s » et « %s » : n'en gardez qu'une", p.durSrc, src)
	}
	if minutes < dispoMinDuration || minutes > dispoMaxDuration {
		return fmt.Errorf("la durée « %s » ne convient pas : les créneaux durent de 15 min à 3 h", src)
	}
	p.dur, p.durSrc = minutes, src
	return nil
}

func (p *dispoParser) setDate(t dispoToken, src string) error {
	if p.pendingUntil && p.until != nil || !p.pendingUntil && p.date != nil {
		prev := p.dateSrc
		if p.pendingUntil {
			prev = p.untilSrc
		}
		return fmt.Errorf("j'ai trouvé deux dates, « %s » et « %s » : publiez-les en deux messages", prev, src)
	}
	if t.mo < 1 || t.mo > 12 || t.d < 1 || t.d > 31 || t.y != 0 && (t.y < 2000 || t.y > 2100) {
		return fmt.Errorf("la date « %s » n'existe pas", src)
	}
	if t.y != 0 && !dispoDateExists(t.y, t.mo, t.d) || t.y == 0 && !dispoDateExists(2028, t.mo, t.d) {
		return fmt.Errorf("la date « %s » n'existe pas", src)
	}
	if p.pendingUntil {
		p.until, p.untilSrc = &t, src
		p.pendingUntil = false
		return nil
	}
	p.date, p.dateSrc = &t, src
	p.fromDate = p.pendingFrom
	p.pendingFrom = false
	return nil
}

func dispoDateExists(y, m, d int) bool {
	t := time.Date(y, time.Month(m), d, 12, 0, 0, 0, time.UTC)
	return t.Year() == y && int(t.Month()) == m && t.Day() == d
}

// dispoClock returns the minutes since midnight of a time or number token read as an hour.
func dispoClock(t *dispoToken) (int, bool) {
	h, m := t.h, t.m
	if t.kind == dkNumber {
		h, m = t.n, 0
	}
	if h < 0 || h > 23 || m < 0 || m > 59 {
		return 0, false
	}
	return h*60 + m, true
}

// tryRange reads "9h-12h", "de 9 h à 12 h", "14:00-17:30", "entre 9h et 12h" or "9-12".
func (p *dispoParser) tryRange() (bool, error) {
	i := p.i
	a := p.tok(i)
	j := i + 1
	dash := p.tok(j) != nil && p.tok(j).kind == dkDash
	switch {
	case dash:
		j++
	case a.kind == dkNumber: // "9-12", but "le 12 à 10h" is not a range
		return false, nil
	case p.isWord(j, "a", "au"):
		j++
	case p.isWord(j, "jusqu"):
		j++
		if p.tok(j) != nil && p.tok(j).kind == dkSep {
			j++
		}
		if p.isWord(j, "a") {
			j++
		}
	case p.isWord(j, "et") && p.isWord(i-1, "entre"):
		j++
	default:
		return false, nil
	}
	b := p.tok(j)
	if b == nil || b.kind != dkTime && b.kind != dkNumber {
		return false, nil
	}
	if b.kind == dkNumber && !dash {
		return false, nil
	}
	if a.kind == dkNumber && a.n > 24 || b.kind == dkNumber && b.n > 24 {
		return false, nil
	}
	// A number followed by a month is a date: "du 3 au 5 décembre" is not a range of hours.
	if b.kind == dkNumber && p.tok(j+1) != nil && p.tok(j+1).kind == dkWord {
		if _, ok := dispoMonths[p.tok(j+1).word]; ok {
			return false, nil
		}
	}
	src := p.text(i, j)
	start, ok1 := dispoClock(a)
	end, ok2 := dispoClock(b)
	if b.h == 24 && b.m == 0 && b.kind == dkTime || b.kind == dkNumber && b.n == 24 {
		end, ok2 = dispoDayMinutes, true
	}
	if !ok1 || !ok2 {
		return true, fmt.Errorf("je n'ai pas compris l'horaire « %s » : les heures vont de 0 h à 23 h 59", src)
	}
	if end <= start {
		return true, fmt.Errorf("je n'ai pas compris l'horaire « %s » : la fin doit être après le début", src)
	}
	p.specs = append(p.specs, dispoSpec{start: start, end: end, src: src})
	p.i = j + 1
	return true, nil
}

// loneTime reads a time that is not part of a range: a start ("3 décembre 14h", "10h et
// 14h") or a duration ("créneaux de 1 h", "9h-12h, 1 h 30").
func (p *dispoParser) loneTime() error {
	i := p.i
	t := p.toks[i]
	p.i++
	prev := p.prevWords(i, 2)
	durHint := len(prev) > 0 && dispoDurationWords[prev[0]] ||
		len(prev) > 1 && (prev[0] == "de" || prev[0] == "d") && dispoDurationWords[prev[1]]
	startHint := len(prev) > 0 && (prev[0] == "et" || prev[0] == "puis" || prev[0] == "a") && i > 0 && p.toks[i-1].kind == dkWord
	asStart := !durHint && (len(p.specs) == 0 || startHint)
	if !asStart && !durHint && p.dur != 0 {
		return fmt.Errorf("je n'ai pas compris « %s » : j'ai déjà l'horaire et la durée (%s)", p.text(i, i), p.durSrc)
	}
	if asStart {
		start, ok := dispoClock(&t)
		if !ok {
			return fmt.Errorf("je n'ai pas compris l'horaire « %s » : les heures vont de 0 h à 23 h 59", p.text(i, i))
		}
		p.specs = append(p.specs, dispoSpec{start: start, end: -1, src: p.text(i, i)})
		return nil
	}
	minutes := t.h*60 + t.m
	last := i
	// "1 h 30 min": the hours and the minutes were read apart.
	if n := p.tok(i + 1); n != nil && n.kind == dkMinutes && !t.hasMinutes {
		minutes += n.n
		last = i + 1
		p.i++
	}
	if t.m > 59 {
		return fmt.Errorf("je n'ai pas compris la durée « %s »", p.text(i, last))
	}
	return p.setDuration(minutes, p.text(i, last))
}

// number reads a number that is not an hour: a day with its month ("3 décembre", "1er
// décembre 2026"), a number of weeks ("4 semaines"), or minutes after a time ("14:00 60").
func (p *dispoParser) number() error {
	i := p.i
	t := p.toks[i]
	p.i++
	if n := p.tok(i + 1); n != nil && n.kind == dkWord {
		if mo, ok := dispoMonths[n.word]; ok {
			last := i + 1
			p.i++
			d := dispoToken{kind: dkDate, d: t.n, mo: int(mo)}
			if y := p.tok(i + 2); y != nil && y.kind == dkNumber && y.n >= 1000 && y.end-y.start == 4 {
				d.y = y.n
				last = i + 2
				p.i++
			}
			return p.setDate(d, p.text(i, last))
		}
		if n.word == "mois" {
			return fmt.Errorf("je n'ai pas compris « %s » : indiquez la durée en semaines, par exemple « 8 semaines »", p.text(i, i+1))
		}
		if n.word == "semaine" || n.word == "semaines" || n.word == "sem" {
			p.i++
			src := p.text(i, i+1)
			if p.weeks != 0 {
				return fmt.Errorf("j'ai trouvé deux nombres de semaines, « %s » et « %s »", p.weeksSrc, src)
			}
			if t.n < 1 || t.n > dispoMaxWeeks {
				return fmt.Errorf("« %s » ne convient pas : indiquez entre 1 et %d semaines", src, dispoMaxWeeks)
			}
			p.weeks, p.weeksSrc = t.n, src
			return nil
		}
	}
	prev := p.prevWords(i, 2)
	if len(prev) > 0 && (prev[0] == "le" || prev[0] == "du" || prev[0] == "au") && t.n >= 1 && t.n <= 31 && i > 0 && p.toks[i-1].kind == dkWord {
		return fmt.Errorf("je n'ai pas compris « %s » : précisez le mois, par exemple « %d décembre » ou « %d/12 »", p.text(i-1, i), t.n, t.n)
	}
	durHint := len(prev) > 0 && dispoDurationWords[prev[0]] ||
		len(prev) > 1 && (prev[0] == "de" || prev[0] == "d") && dispoDurationWords[prev[1]]
	if p.dur == 0 && (durHint || len(p.specs) > 0 && i > 0 && p.toks[i-1].kind != dkWord) {
		return p.setDuration(t.n, p.text(i, i))
	}
	return fmt.Errorf("je n'ai pas compris « %s » : %s", p.text(i, i), dispoExample)
}

// build turns what was read into slot start times.
func (p *dispoParser) build(now time.Time) (Availability, error) {
	if len(p.specs) == 0 {
		return Availability{}, fmt.Errorf("il manque l'horaire : %s", dispoExample)
	}
	if p.date == nil && len(p.weekdays) == 0 {
		return Availability{}, fmt.Errorf("il manque le jour : %s", dispoExample)
	}
	if p.dur == 0 {
		return Availability{}, fmt.Errorf("il manque la durée des créneaux : ajoutez par exemple « créneaux de 45 min » ou « 1 h »")
	}
	// Minutes of the day at which slots start, the same every day.
	var day []int
	for _, s := range p.specs {
		if s.end < 0 {
			if s.start+p.dur > dispoDayMinutes {
				return Availability{}, fmt.Errorf("le créneau de « %s » finirait après minuit", s.src)
			}
			day = append(day, s.start)
			continue
		}
		if s.end-s.start < p.dur {
			return Availability{}, fmt.Errorf("la plage « %s » est plus courte qu'un créneau de %s", s.src, dispoFormatMinutes(p.dur))
		}
		for m := s.start; m+p.dur <= s.end; m += p.dur {
			day = append(day, m)
		}
	}
	slices.Sort(day)
	for k := 1; k < len(day); k++ {
		if day[k] < day[k-1]+p.dur {
			return Availability{}, fmt.Errorf("les horaires se chevauchent : deux créneaux commenceraient à %s et %s", dispoFormatClock(day[k-1]), dispoFormatClock(day[k]))
		}
	}
	at := func(y int, mo time.Month, d, minutes int) time.Time {
		return time.Date(y, mo, d, minutes/60, minutes%60, 0, 0, Paris)
	}
	mode := p.mode
	if mode == "" {
		mode = ModeVisio
	}
	av := Availability{Duration: time.Duration(p.dur) * time.Minute, Mode: mode}

	weekly := p.date == nil || p.fromDate || p.weeks != 0 || p.until != nil
	if !weekly {
		y, err := dispoDateYear(p.date, p.dateSrc, now, func(y int) time.Time { return at(y, time.Month(p.date.mo), p.date.d, day[0]) })
		if err != nil {
			return Availability{}, err
		}
		if err := p.checkWeekdays(at(y, time.Month(p.date.mo), p.date.d, 12*60), now); err != nil {
			return Availability{}, err
		}
		for _, m := range day {
			av.Starts = append(av.Starts, at(y, time.Month(p.date.mo), p.date.d, m))
		}
		if len(av.Starts) > dispoMaxSlots {
			return Availability{}, fmt.Errorf("cela ferait %d créneaux, %d au maximum : publiez-en moins à la fois", len(av.Starts), dispoMaxSlots)
		}
		return av, nil
	}

	// Weekly: from today, or from the date given ("à partir du 5 janvier"), for a number of
	// weeks or until a date ("jusqu'au 20 décembre").
	if p.weeks != 0 && p.until != nil {
		return Availability{}, fmt.Errorf("j'ai trouvé « %s » et « jusqu'au %s » : indiquez soit un nombre de semaines, soit une date de fin", p.weeksSrc, p.untilSrc)
	}
	by, bm, bd := now.Date()
	weekdays := p.weekdays
	if p.date != nil {
		y, err := dispoDateYear(p.date, p.dateSrc, now, func(y int) time.Time { return at(y, time.Month(p.date.mo), p.date.d, dispoDayMinutes-1) })
		if err != nil {
			return Availability{}, err
		}
		by, bm, bd = y, time.Month(p.date.mo), p.date.d
		if err := p.checkWeekdays(at(by, bm, bd, 12*60), now); err != nil {
			return Availability{}, err
		}
		if len(weekdays) == 0 {
			weekdays = []time.Weekday{at(by, bm, bd, 12*60).Weekday()}
		}
	}
	// firsts[k] is the day offset from the base date of the first occurrence of weekdays[k].
	baseWeekday := at(by, bm, bd, 12*60).Weekday()
	firsts := make([]int, len(weekdays))
	for k, wd := range weekdays {
		firsts[k] = (int(wd) - int(baseWeekday) + 7) % 7
		if !at(by, bm, bd+firsts[k], day[0]).After(now) {
			firsts[k] += 7
		}
	}
	weeks := make([]int, len(weekdays)) // occurrences of each weekday
	total := 0
	for k := range weekdays {
		weeks[k] = dispoDefaultWeeks
		if p.weeks != 0 {
			weeks[k] = p.weeks
		}
	}
	if p.until != nil {
		uy, err := dispoDateYear(p.until, p.untilSrc, now, func(y int) time.Time { return at(y, time.Month(p.until.mo), p.until.d, dispoDayMinutes-1) })
		if err != nil {
			return Availability{}, err
		}
		// Whole days from the base date to the last day, counted on the calendar.
		last := int(time.Date(uy, time.Month(p.until.mo), p.until.d, 0, 0, 0, 0, time.UTC).Sub(time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC)).Hours() / 24)
		found := false
		for k := range weekdays {
			weeks[k] = 0
			if last >= firsts[k] {
				weeks[k] = (last-firsts[k])/7 + 1
				found = true
			}
			if weeks[k] > dispoMaxWeeks {
				return Availability{}, fmt.Errorf("« jusqu'au %s » ne convient pas : %d semaines au maximum", p.untilSrc, dispoMaxWeeks)
			}
		}
		if !found {
			return Availability{}, fmt.Errorf("la date de fin « %s » est avant le premier créneau", p.untilSrc)
		}
	}
	for k := range weekdays {
		total += weeks[k] * len(day)
	}
	if total > dispoMaxSlots {
		return Availability{}, fmt.Errorf("cela ferait %d créneaux, %d au maximum : réduisez le nombre de semaines ou de jours", total, dispoMaxSlots)
	}
	for k := range weekdays {
		for w := 0; w < weeks[k]; w++ {
			for _, m := range day {
				av.Starts = append(av.Starts, at(by, bm, bd+firsts[k]+7*w, m))
			}
		}
	}
	slices.SortFunc(av.Starts, func(a, b time.Time) int { return a.Compare(b) })
	return av, nil
}

// dispoDateYear returns the year of a date read: the one written, which must be in the future
// and within a year; or, without one, the first year in which first(year) is after now.
func dispoDateYear(date *dispoToken, src string, now time.Time, first func(y int) time.Time) (int, error) {
	if date.y != 0 {
		t := first(date.y)
		if !t.After(now) {
			return 0, fmt.Errorf("la date « %s » est déjà passée", src)
		}
		if t.After(now.AddDate(0, 0, dispoMaxAheadDays)) {
			return 0, fmt.Errorf("la date « %s » est à plus d'un an : publiez des créneaux plus proches", src)
		}
		return date.y, nil
	}
	for y := now.Year(); y <= now.Year()+8; y++ {
		if dispoDateExists(y, date.mo, date.d) && first(y).After(now) {
			if first(y).After(now.AddDate(0, 0, dispoMaxAheadDays)) {
				return 0, fmt.Errorf("la date « %s » est à plus d'un an : publiez des créneaux plus proches", src)
			}
			return y, nil
		}
	}
	return 0, fmt.Errorf("la date « %s » n'existe pas", src)
}

// checkWeekdays verifies that the weekdays written with a date ("mardi 3 décembre") are the
// date's own, unless the date only says when a weekly pattern starts.
func (p *dispoParser) checkWeekdays(date, now time.Time) error {
	if p.fromDate {
		return nil
	}
	for _, wd := range p.weekdays {
		if wd != date.Weekday() {
			day := strconv.Itoa(date.Day())
			if date.Day() == 1 {
				day = "1er"
			}
			return fmt.Errorf("le %s %s %d est un %s, pas un %s", day, frenchMonths[date.Month()], date.Year(),
				frenchWeekdays[date.Weekday()], frenchWeekdays[wd])
		}
	}
	return nil
}

// dispoFormatMinutes writes a duration for a coach: "45 min", "1 h", "1 h 30".
func dispoFormatMinutes(m int) string {
	switch {
	case m < 60:
		return strconv.Itoa(m) + " min"
	case m%60 == 0:
		return strconv.Itoa(m/60) + " h"
	}
	return fmt.Sprintf("%d h %02d", m/60, m%60)
}

// dispoFormatClock writes minutes since midnight as a time of day: "9 h 45".
func dispoFormatClock(m int) string {
	return fmt.Sprintf("%d h %02d", m/60, m%60)
}
