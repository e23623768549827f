package bot

import (
	"strings"
	"unicode"
)

// Region is a French region (or, for COM, the group of overseas collectivities), known by a
// short stable code that is stored in conversations, cases, bookings and coach profiles.
type Region struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

// Regions lists the 13 metropolitan regions, the 5 overseas regions and, under COM, the
// overseas collectivities. The codes never change: they are stored.
var Regions = []Region{
	{"ARA", "Auvergne-Rhône-Alpes"},
	{"BFC", "Bourgogne-Franche-Comté"},
	{"BRE", "Bretagne"},
	{"CVL", "Centre-Val de Loire"},
	{"COR", "Corse"},
	{"GES", "Grand Est"},
	{"HDF", "Hauts-de-France"},
	{"IDF", "Île-de-France"},
	{"NOR", "Normandie"},
	{"NAQ", "Nouvelle-Aquitaine"},
	{"OCC", "Occitanie"},
	{"PDL", "Pays de la Loire"},
	{"PAC", "Provence-Alpes-Côte d'Azur"},
	{"GUA", "Guadeloupe"},
	{"MTQ", "Martinique"},
	{"GUY", "Guyane"},
	{"REU", "La Réunion"},
	{"MAY", "Mayotte"},
	{"COM", "Collectivités d'outre-mer"},
}

// RegionName returns the French name of a region code, or "" when the code is unknown.
func RegionName(code string) string {
	for _, r := range Regions {
		if r.Code == code {
			return r.Name
		}
	}
	return ""
}

// RegionIn names a region with the preposition French uses for being there: "en Bretagne",
// "dans les Hauts-de-France", "à La Réunion".
func RegionIn(code string) string {
	name := RegionName(code)
	switch code {
	case "":
		return ""
	case "HDF", "PDL":
		return "dans les " + name
	case "GES":
		return "dans le " + name
	case "REU", "MAY":
		return "à " + name
	case "COM":
		return "dans les collectivités d'outre-mer"
	}
	if name == "" {
		return ""
	}
	return "en " + name
}

// Department is a French département (or overseas collectivity) with the code of its region.
type Department struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Region string `json:"region"`
}

// Departments lists every département, 01 to 95 with 2A and 2B for Corsica, the five overseas
// départements and the overseas collectivities, in code order.
var Departments = []Department{
	{"01", "Ain", "ARA"},
	{"02", "Aisne", "HDF"},
	{"03", "Allier", "ARA"},
	{"04", "Alpes-de-Haute-Provence", "PAC"},
	{"05", "Hautes-Alpes", "PAC"},
	{"06", "Alpes-Maritimes", "PAC"},
	{"07", "Ardèche", "ARA"},
	{"08", "Ardennes", "GES"},
	{"09", "Ariège", "OCC"},
	{"10", "Aube", "GES"},
	{"11", "Aude", "OCC"},
	{"12", "Aveyron", "OCC"},
	{"13", "Bouches-du-Rhône", "PAC"},
	{"14", "Calvados", "NOR"},
	{"15", "Cantal", "ARA"},
	{"16", "Charente", "NAQ"},
	{"17", "Charente-Maritime", "NAQ"},
	{"18", "Cher", "CVL"},
	{"19", "Corrèze", "NAQ"},
	{"2A", "Corse-du-Sud", "COR"},
	{"2B", "Haute-Corse", "COR"},
	{"21", "Côte-d'Or", "BFC"},
	{"22", "Côtes-d'Armor", "BRE"},
	{"23", "Creuse", "NAQ"},
	{"24", "Dordogne", "NAQ"},
	{"25", "Doubs", "BFC"},
	{"26", "Drôme", "ARA"},
	{"27", "Eure", "NOR"},
	{"28", "Eure-et-Loir", "CVL"},
	{"29", "Finistère", "BRE"},
	{"30", "Gard", "OCC"},
	{"31", "Haute-Garonne", "OCC"},
	{"32", "Gers", "OCC"},
	{"33", "Gironde", "NAQ"},
	{"34", "Hérault", "OCC"},
	{"35", "Ille-et-Vilaine", "BRE"},
	{"36", "Indre", "CVL"},
	{"37", "Indre-et-Loire", "CVL"},
	{"38", "Isère", "ARA"},
	{"39", "Jura", "BFC"},
	{"40", "Landes", "NAQ"},
	{"41", "Loir-et-Cher", "CVL"},
	{"42", "Loire", "ARA"},
	{"43", "Haute-Loire", "ARA"},
	{"44", "Loire-Atlantique", "PDL"},
	{"45", "Loiret", "CVL"},
	{"46", "Lot", "OCC"},
	{"47", "Lot-et-Garonne", "NAQ"},
	{"48", "Lozère", "OCC"},
	{"49", "Maine-et-Loire", "PDL"},
	{"50", "Manche", "NOR"},
	{"51", "Marne", "GES"},
	{"52", "Haute-Marne", "GES"},
	{"53", "Mayenne", "PDL"},
	{"54", "Meurthe-et-Moselle", "GES"},
	{"55", "Meuse", "GES"},
	{"56", "Morbihan", "BRE"},
	{"57", "Moselle", "GES"},
	{"58", "Nièvre", "BFC"},
	{"59", "Nord", "HDF"},
	{"60", "Oise", "HDF"},
	{"61", "Orne", "NOR"},
	{"62", "Pas-de-Calais", "HDF"},
	{"63", "Puy-de-Dôme", "ARA"},
	{"64", "Pyrénées-Atlantiques", "NAQ"},
	{"65", "Hautes-Pyrénées", "OCC"},
	{"66", "Pyrénées-Orientales", "OCC"},
	{"67", "Bas-Rhin", "GES"},
	{"68", "Haut-Rhin", "GES"},
	{"69", "Rhône", "ARA"},
	{"70", "Haute-Saône", "BFC"},
	{"71", "Saône-et-Loire", "BFC"},
	{"72", "Sarthe", "PDL"},
	{"73", "Savoie", "ARA"},
	{"74", "Haute-Savoie", "ARA"},
	{"75", "Paris", "IDF"},
	{"76", "Seine-Maritime", "NOR"},
	{"77", "Seine-et-Marne", "IDF"},
	{"78", "Yvelines", "IDF"},
	{"79", "Deux-Sèvres", "NAQ"},
	{"80", "Somme", "HDF"},
	{"81", "Tarn", "OCC"},
	{"82", "Tarn-et-Garonne", "OCC"},
	{"83", "Var", "PAC"},
	{"84", "Vaucluse", "PAC"},
	{"85", "Vendée", "PDL"},
	{"86", "Vienne", "NAQ"},
	{"87", "Haute-Vienne", "NAQ"},
	{"88", "Vosges", "GES"},
	{"89", "Yonne", "BFC"},
	{"90", "Territoire de Belfort", "BFC"},
	{"91", "Essonne", "IDF"},
	{"92", "Hauts-de-Seine", "IDF"},
	{"93", "Seine-Saint-Denis", "IDF"},
	{"94", "Val-de-Marne", "IDF"},
	{"95", "Val-d'Oise", "IDF"},
	{"971", "Guadeloupe", "GUA"},
	{"972", "Martinique", "MTQ"},
	{"973", "Guyane", "GUY"},
	{"974", "La Réunion", "REU"},
	{"975", "Saint-Pierre-et-Miquelon", "COM"},
	{"976", "Mayotte", "MAY"},
	{"977", "Saint-Barthélemy", "COM"},
	{"978", "Saint-Martin", "COM"},
	{"986", "Wallis-et-Futuna", "COM"},
	{"987", "Polynésie française", "COM"},
	{"988", "Nouvelle-Calédonie", "COM"},
}

var departmentIndex = func() map[string]int {
	m := make(map[string]int, len(Departments))
	for i, d := range Departments {
		m[d.Code] = i
	}
	return m
}()

// DepartmentByCode returns the département with that code ("69", "2A", "974"); a one-digit
// code is read with its leading zero ("6" is "06").
func DepartmentByCode(code string) (Department, bool) {
	code = strings.ToUpper(strings.TrimSpace(code))
	if len(code) == 1 {
		code = "0" + code
	}
	i, ok := departmentIndex[code]
	if !ok {
		return Department{}, false
	}
	return Departments[i], true
}

// PostalDepartment returns the code of the département a French postal code belongs to, and
// false when the string is not a valid postal code (five digits, not 00xxx, 96xxx, 99xxx,
// Monaco's 98000, nor an unassigned overseas prefix). Corsica is split at 20200; Saint-Barthélemy
// (97133) and Saint-Martin (97150) use Guadeloupe's range but are collectivities of their own.
func PostalDepartment(code string) (string, bool) {
	if len(code) != 5 {
		return "", false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return "", false
		}
	}
	var dept string
	switch {
	case code == "97133":
		dept = "977"
	case code == "97150":
		dept = "978"
	case code[:2] == "97" || code[:2] == "98":
		dept = code[:3]
	case code[:2] == "20":
		if code[2] < '2' {
			dept = "2A"
		} else {
			dept = "2B"
		}
	default:
		dept = code[:2]
	}
	if dept == "20" {
		return "", false
	}
	if _, ok := departmentIndex[dept]; !ok {
		return "", false
	}
	return dept, true
}

// Place is where a business owner is, as far as booking needs to know: the region always,
// the département when it could be told, the postal code when one was given.
type Place struct {
	PostalCode     string `json:"postal_code,omitempty"`
	Department     string `json:"department,omitempty"`
	DepartmentName string `json:"department_name,omitempty"`
	Region         string `json:"region"`
}

// ParsePlace finds where an owner is in what they wrote: a postal code ("69003", "13 001",
// "cp 06000"), a département number written as such ("département 69", "le 13", "2A"), or the
// name of a département, region or large city, accents and case ignored. It reports false when
// nothing reliable is found: numbers that read as prices, phone numbers, years, dates or
// quantities are not taken for places, and a postal code announced as such wins over anything
// else in the text.
func ParsePlace(text string) (Place, bool) {
	return parsePlace(text, false)
}

// PlaceIn finds a place named in passing in a message that is about something else ("je
// suis fleuriste à Lyon 69003, je voudrais un rendez-vous"): a postal code, a marked
// département, or the name of a département or region — not a bare number, which in a
// sentence is more often a quantity than a département.
func PlaceIn(text string) (Place, bool) {
	return parsePlace(text, true)
}

func parsePlace(text string, inSentence bool) (Place, bool) {
	toks := placeTokens(text)
	best := placeCandidate{score: -1}
	consider := func(c placeCandidate) {
		if inSentence && (c.score == placeScoreDeptAlone || c.score == placeScoreDeptArticle) {
			return
		}
		if c.score > best.score {
			best = c
		}
	}
	for i := range toks {
		if c, ok := placePostalAt(toks, i); ok {
			consider(c)
		}
		if c, ok := placeDeptNumberAt(toks, i); ok {
			consider(c)
		}
	}
	for _, c := range placeNames(toks) {
		consider(c)
	}
	if best.score < 0 {
		return Place{}, false
	}
	return best.place, true
}

// Scores of the kinds of evidence ParsePlace weighs; the highest wins, then the earliest.
const (
	placeScorePostalExplicit = 100
	placeScorePostal         = 80
	placeScorePostalSplit    = 70
	placeScoreDeptMarked     = 60
	placeScoreDeptAlone      = 50
	placeScoreDeptArticle    = 40
	placeScoreDeptName       = 30
	placeScoreRegionName     = 20
)

type placeCandidate struct {
	place Place
	score int
}

func placeFromDept(code, postal string) Place {
	d, _ := DepartmentByCode(code)
	return Place{PostalCode: postal, Department: d.Code, DepartmentName: d.Name, Region: d.Region}
}

// placeToken is a run of letters or of digits. Letters are folded (lower case, no accents).
type placeToken struct {
	fold   string // folded text
	orig   string // as written
	digits bool
	sep    string // the characters between the previous token and this one ("" when glued)
	after  string // the characters between this token and the next one, or the end of the text
	start  bool   // first token of the text or of a sentence
}

func placeTokens(text string) []placeToken {
	var toks []placeToken
	var sep, cur, orig strings.Builder
	curDigits := false
	sentence := true
	flush := func() {
		if cur.Len() == 0 {
			return
		}
		if n := len(toks); n > 0 {
			toks[n-1].after = sep.String()
		}
		toks = append(toks, placeToken{fold: cur.String(), orig: orig.String(), digits: curDigits, sep: sep.String(), start: sentence})
		sentence = false
		cur.Reset()
		orig.Reset()
		sep.Reset()
	}
	for _, r := range text {
		isDigit := r >= '0' && r <= '9'
		isLetter := unicode.IsLetter(r)
		switch {
		case isDigit || isLetter:
			if cur.Len() > 0 && isDigit != curDigits {
				flush()
			}
			curDigits = isDigit
			cur.WriteString(placeFoldRune(r))
			orig.WriteRune(r)
		default:
			flush()
			if r == '.' || r == '!' || r == '?' || r == '\n' {
				sentence = true
			}
			sep.WriteRune(r)
		}
	}
	flush()
	if n := len(toks); n > 0 {
		toks[n-1].after = sep.String()
	}
	return toks
}

func placeFoldRune(r rune) string {
	r = unicode.ToLower(r)
	switch r {
	case 'à', 'á', 'â', 'ä':
		return "a"
	case 'ç':
		return "c"
	case 'è', 'é', 'ê', 'ë':
		return "e"
	case 'ì', 'í', 'î', 'ï':
		return "i"
	case 'ò', 'ó', 'ô', 'ö':
		return "o"
	case 'ù', 'ú', 'û', 'ü':
		return "u"
	case 'ÿ':
		return "y"
	case 'œ':
		return "oe"
	case 'æ':
		return "ae"
	}
	return string(r)
}

// placeFold folds a whole phrase the way placeTokens folds words, joined by single spaces.
func placeFold(s string) string {
	var words []string
	for _, t := range placeTokens(s) {
		words = append(words, t.fold)
	}
	return strings.Join(words, " ")
}

func placeIsSpace(sep string) bool {
	if sep == "" {
		return false
	}
	for _, r := range sep {
		if !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

func placeWord(toks []placeToken, i int) string {
	if i < 0 || i >= len(toks) || toks[i].digits {
		return ""
	}
	return toks[i].fold
}

// placeQuantityAfter are words that, right after a number, make it a quantity, a price or a
// duration rather than a place.
var placeQuantityAfter = placeSet(`e eme er euro euros eur k ke m md mds million millions milliard ht ttc
	an ans mois jour jours semaine semaines heure heures h min minute minutes seconde secondes fois
	km m2 kg g l litres tonnes mo go ko octets px pixels
	visiteurs visites vues abonnes followers fans likes clients client personnes habitants salaries
	employes produits produit articles references exemplaires pieces pages mails emails messages
	commandes ventes unites contacts mots caracteres points etoiles avis lignes colis dossiers
	boutiques magasins sites annonces photos videos posts publications`)

// placeQuantityBefore are words that, right before a number, make it anything but a place.
var placeQuantityBefore = placeSet(`budget prix tarif cout coute coutent paye payer payes ca chiffre affaires
	environ plus moins pres total montant somme gagne gagner vend vendu vendus factures facture
	n no num numero siret siren tva iban tel telephone portable fax mobile commande ref reference
	version v x fois par dont sur entre avec quasi presque jusqu approximativement mille`)

// placePostalMarkers announce a postal code.
var placePostalMarkers = placeSet(`cp postal`)

func placeSet(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// placeMoneySign reports whether a separator carries a currency, percent or arithmetic sign
// that makes the number next to it a quantity.
func placeMoneySign(sep string) bool {
	return strings.ContainsAny(sep, "€$£%+*=#°×")
}

// placeJoined reports whether two numbers separated by sep belong to one number or one list
// of digit groups: "06 12 34", "15.000", "15000,50", "12/12", "14:00".
// A separator with both spaces and punctuation ("78, 44000") ends one number and starts another.
func placeJoined(sep string) bool {
	if sep == "" || placeIsSpace(sep) {
		return true
	}
	return !strings.ContainsFunc(sep, unicode.IsSpace) && strings.ContainsAny(sep, ".,/:-")
}

// placePostalAt reads a postal code starting at token i: five digits, or two and three digits
// separated by a space ("13 001").
func placePostalAt(toks []placeToken, i int) (placeCandidate, bool) {
	t := toks[i]
	if !t.digits {
		return placeCandidate{}, false
	}
	// The number must stand on its own: not the middle of "06 12 34 56 78", "1.500", "12/12".
	if i > 0 && toks[i-1].digits && placeJoined(t.sep) {
		return placeCandidate{}, false
	}
	last := i
	code := t.fold
	split := false
	if len(t.fold) == 2 && i+1 < len(toks) && toks[i+1].digits && len(toks[i+1].fold) == 3 && placeIsSpace(toks[i+1].sep) {
		code += toks[i+1].fold
		last = i + 1
		split = true
	}
	if len(code) != 5 {
		return placeCandidate{}, false
	}
	after := toks[last].after
	if next := last + 1; next < len(toks) {
		n := toks[next]
		if n.digits && placeJoined(n.sep) {
			return placeCandidate{}, false
		}
		if !n.digits && n.sep == "" { // glued letters: "69003e", "15000k"
			return placeCandidate{}, false
		}
		elided := len(n.fold) == 1 && (strings.HasPrefix(n.after, "'") || strings.HasPrefix(n.after, "’"))
		if placeQuantityAfter[placeWord(toks, next)] && !elided { // "93200 m'aider": not metres
			return placeCandidate{}, false
		}
	}
	if placeMoneySign(after) || placeMoneySign(t.sep) {
		return placeCandidate{}, false
	}
	dept, ok := PostalDepartment(code)
	if !ok {
		return placeCandidate{}, false
	}
	explicit := false
	if i > 0 {
		if t.sep == "" && toks[i-1].fold != "cp" { // glued letters: "A69003"
			return placeCandidate{}, false
		}
		for k := i - 1; k >= 0 && k >= i-4; k-- {
			if placePostalMarkers[placeWord(toks, k)] {
				explicit = true
				break
			}
		}
		prev := placeWord(toks, i-1)
		if prev == "de" || prev == "d" { // "un budget de 15000", "un chiffre d'affaires de 75000"
			prev = placeWord(toks, i-2)
		}
		if !explicit && placeQuantityBefore[prev] {
			return placeCandidate{}, false
		}
	}
	score := placeScorePostal
	switch {
	case explicit:
		score = placeScorePostalExplicit
	case split:
		score = placeScorePostalSplit
	}
	return placeCandidate{place: placeFromDept(dept, code), score: score}, true
}

// placeDeptMarkers announce a département number.
var placeDeptMarkers = placeSet(`departement departements dept dep dpt dept depart`)

// placeNotDeptAfter are words that, after "le 13", make it a date, a time or a quantity.
var placeNotDeptAfter = func() map[string]bool {
	m := placeSet(`au aux a ou et h heure heures prochain prochaine dernier derniere courant
		janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre
		janv fev fevr avr juil sept oct nov dec matin midi soir apres aprem`)
	for w := range placeQuantityAfter {
		m[w] = true
	}
	return m
}()

// placeNotDeptBefore are words that, before "le 13", make it a date.
var placeNotDeptBefore = placeSet(`avant apres depuis jusqu pour vers ici lundi mardi mercredi jeudi
	vendredi samedi dimanche rdv rendez vous jour date semaine dispo disponible libre page chapitre
	article numero ligne bus etape point`)

// placeFillers are words that may surround a place without changing its meaning, so that a
// message made only of them and a place ("je suis dans le Cher") is clearly about that place.
var placeFillers = placeSet(`je j suis habite habitons vis vivons travaille travaillons situe situes situee
	sommes nous on est c ce en dans le la les l du de des d a au aux sur vers pres region departement
	dept dpt secteur zone ville ici moi mon ma notre entreprise boutique commerce magasin oui svp
	merci bonjour code postal cp ile`)

// placeDeptNumberAt reads a département number at token i when it is written as one:
// after "département", after "le"/"du" when nothing makes it a date, or alone in the text.
func placeDeptNumberAt(toks []placeToken, i int) (placeCandidate, bool) {
	t := toks[i]
	if !t.digits {
		return placeCandidate{}, false
	}
	code := t.fold
	end := i + 1
	// Corsica: "2A", "2b".
	if code == "2" && i+1 < len(toks) && toks[i+1].sep == "" && (toks[i+1].fold == "a" || toks[i+1].fold == "b") {
		code = "2" + strings.ToUpper(toks[i+1].fold)
		end = i + 2
	}
	if len(code) == 1 {
		code = "0" + code
	}
	corsica := code == "20"
	if _, ok := departmentIndex[code]; !ok && !corsica {
		return placeCandidate{}, false
	}
	// Nothing glued or joined around it: "13h", "1er", "le 13/12", "13,5", "06 12 34".
	if i > 0 && (t.sep == "" || toks[i-1].digits && placeJoined(t.sep)) {
		return placeCandidate{}, false
	}
	if next := end; next < len(toks) {
		n := toks[next]
		if n.sep == "" || n.digits && placeJoined(n.sep) {
			return placeCandidate{}, false
		}
	}
	if strings.ContainsAny(t.sep, "€$£%+*=#") || placeMoneySign(toks[end-1].after) { // "n° 33" is fine
		return placeCandidate{}, false
	}
	place := func() Place {
		if corsica {
			return Place{Region: "COR"}
		}
		return placeFromDept(code, "")
	}
	prev := placeWord(toks, i-1)
	if placeDeptMarkers[prev] || (prev == "du" || prev == "de") && placeDeptMarkers[placeWord(toks, i-2)] ||
		(prev == "n" || prev == "no") && placeDeptMarkers[placeWord(toks, i-2)] {
		return placeCandidate{place: place(), score: placeScoreDeptMarked}, true
	}
	// Alone: every other token is a filler word.
	alone := true
	for k := range toks {
		if k >= i && k < end {
			continue
		}
		if toks[k].digits || !placeFillers[toks[k].fold] {
			alone = false
			break
		}
	}
	if alone {
		return placeCandidate{place: place(), score: placeScoreDeptAlone}, true
	}
	if prev == "le" || prev == "du" {
		if end < len(toks) && placeNotDeptAfter[placeWord(toks, end)] {
			return placeCandidate{}, false
		}
		if placeNotDeptBefore[placeWord(toks, i-2)] {
			return placeCandidate{}, false
		}
		return placeCandidate{place: place(), score: placeScoreDeptArticle}, true
	}
	return placeCandidate{}, false
}

func placeSentenceEnd(sep string) bool {
	s := strings.TrimSpace(sep)
	return s == "." || s == "!" || s == "?" || s == "..." || s == "…"
}

// placeName is what a name in the text points to.
type placeName struct {
	dept, region string
	// ambiguous names are also common words ("cher", "lot", "somme", "corsé"): they count only
	// when the context says they are places.
	ambiguous bool
}

// placeAliases are the usual ways to name regions, old regions and large cities. Department and
// region names from the tables are added at start-up.
var placeAliases = map[string]placeName{
	// Regions and their usual short forms.
	"idf":                      {region: "IDF"},
	"ile de france":            {region: "IDF"},
	"region parisienne":        {region: "IDF"},
	"paca":                     {region: "PAC"},
	"region sud":               {region: "PAC"},
	"provence":                 {region: "PAC"},
	"cote d azur":              {region: "PAC"},
	"aura":                     {region: "ARA"},
	"rhone alpes":              {region: "ARA"},
	"auvergne":                 {region: "ARA"},
	"bourgogne":                {region: "BFC"},
	"franche comte":            {region: "BFC"},
	"centre val de loire":      {region: "CVL"},
	"region centre":            {region: "CVL"},
	"alsace":                   {region: "GES"},
	"lorraine":                 {region: "GES", ambiguous: true},
	"champagne ardenne":        {region: "GES"},
	"grand est":                {region: "GES", ambiguous: true},
	"nord pas de calais":       {region: "HDF"},
	"picardie":                 {region: "HDF"},
	"basse normandie":          {region: "NOR"},
	"haute normandie":          {region: "NOR"},
	"aquitaine":                {region: "NAQ"},
	"limousin":                 {region: "NAQ", ambiguous: true},
	"poitou charentes":         {region: "NAQ"},
	"poitou":                   {region: "NAQ"},
	"languedoc roussillon":     {region: "OCC"},
	"languedoc":                {region: "OCC"},
	"midi pyrenees":            {region: "OCC"},
	"corse":                    {region: "COR", ambiguous: true}, // also "corsé"
	"reunion":                  {dept: "974", ambiguous: true},
	"la reunion":               {dept: "974", ambiguous: true},
	"ile de la reunion":        {dept: "974"},
	"polynesie":                {dept: "987"},
	"tahiti":                   {dept: "987"},
	"caledonie":                {dept: "988"},
	"noumea":                   {dept: "988"},
	"wallis":                   {dept: "986"},
	"saint barth":              {dept: "977"},
	"saint martin":             {dept: "978", ambiguous: true},
	"saint pierre et miquelon": {dept: "975"},
	// Départements whose name is also a common word.
	"nord":    {dept: "59", ambiguous: true},
	"cher":    {dept: "18", ambiguous: true},
	"lot":     {dept: "46", ambiguous: true},
	"somme":   {dept: "80", ambiguous: true},
	"manche":  {dept: "50", ambiguous: true},
	"aube":    {dept: "10", ambiguous: true},
	"vienne":  {dept: "86", ambiguous: true},
	"allier":  {dept: "03", ambiguous: true},
	"creuse":  {dept: "23", ambiguous: true},
	"orne":    {dept: "61", ambiguous: true},
	"belfort": {dept: "90"},
	// Large cities, mapped to their département.
	"paris":                {dept: "75"},
	"lyon":                 {dept: "69"},
	"villeurbanne":         {dept: "69"},
	"marseille":            {dept: "13"},
	"aix en provence":      {dept: "13"},
	"lille":                {dept: "59"},
	"roubaix":              {dept: "59"},
	"tourcoing":            {dept: "59"},
	"nice":                 {dept: "06"},
	"cannes":               {dept: "06"},
	"antibes":              {dept: "06"},
	"bordeaux":             {dept: "33"},
	"toulouse":             {dept: "31"},
	"nantes":               {dept: "44"},
	"saint nazaire":        {dept: "44"},
	"strasbourg":           {dept: "67"},
	"mulhouse":             {dept: "68"},
	"colmar":               {dept: "68"},
	"montpellier":          {dept: "34"},
	"beziers":              {dept: "34"},
	"rennes":               {dept: "35"},
	"saint malo":           {dept: "35"},
	"brest":                {dept: "29"},
	"quimper":              {dept: "29"},
	"lorient":              {dept: "56"},
	"grenoble":             {dept: "38"},
	"saint etienne":        {dept: "42"},
	"toulon":               {dept: "83"},
	"avignon":              {dept: "84"},
	"reims":                {dept: "51"},
	"le havre":             {dept: "76"},
	"rouen":                {dept: "76"},
	"caen":                 {dept: "14"},
	"dijon":                {dept: "21"},
	"besancon":             {dept: "25"},
	"angers":               {dept: "49"},
	"le mans":              {dept: "72"},
	"tours":                {dept: "37", ambiguous: true},
	"orleans":              {dept: "45"},
	"clermont ferrand":     {dept: "63"},
	"limoges":              {dept: "87"},
	"poitiers":             {dept: "86"},
	"la rochelle":          {dept: "17"},
	"pau":                  {dept: "64"},
	"bayonne":              {dept: "64"},
	"biarritz":             {dept: "64"},
	"perpignan":            {dept: "66"},
	"nimes":                {dept: "30"},
	"amiens":               {dept: "80"},
	"metz":                 {dept: "57"},
	"nancy":                {dept: "54", ambiguous: true},
	"troyes":               {dept: "10"},
	"annecy":               {dept: "74"},
	"chambery":             {dept: "73"},
	"ajaccio":              {dept: "2A"},
	"bastia":               {dept: "2B"},
	"versailles":           {dept: "78"},
	"boulogne billancourt": {dept: "92"},
	"nanterre":             {dept: "92"},
	"montreuil":            {dept: "93"},
	"creteil":              {dept: "94"},
	"argenteuil":           {dept: "95"},
	"cayenne":              {dept: "973"},
	"fort de france":       {dept: "972"},
	"pointe a pitre":       {dept: "971"},
	"mamoudzou":            {dept: "976"},
	"papeete":              {dept: "987"},
	// Préfectures and towns owners name, mapped to their département.
	"bourg en bresse":        {dept: "01"},
	"laon":                   {dept: "02"},
	"saint quentin":          {dept: "02"},
	"soissons":               {dept: "02"},
	"moulins":                {dept: "03", ambiguous: true},
	"vichy":                  {dept: "03"},
	"montlucon":              {dept: "03"},
	"digne les bains":        {dept: "04"},
	"manosque":               {dept: "04"},
	"gap":                    {dept: "05", ambiguous: true},
	"briancon":               {dept: "05"},
	"grasse":                 {dept: "06", ambiguous: true},
	"menton":                 {dept: "06", ambiguous: true},
	"privas":                 {dept: "07"},
	"aubenas":                {dept: "07"},
	"annonay":                {dept: "07"},
	"charleville mezieres":   {dept: "08"},
	"sedan":                  {dept: "08", ambiguous: true},
	"foix":                   {dept: "09"},
	"pamiers":                {dept: "09"},
	"carcassonne":            {dept: "11"},
	"narbonne":               {dept: "11"},
	"rodez":                  {dept: "12"},
	"millau":                 {dept: "12"},
	"arles":                  {dept: "13"},
	"aubagne":                {dept: "13"},
	"martigues":              {dept: "13"},
	"salon de provence":      {dept: "13"},
	"istres":                 {dept: "13"},
	"la ciotat":              {dept: "13"},
	"lisieux":                {dept: "14"},
	"bayeux":                 {dept: "14"},
	"aurillac":               {dept: "15"},
	"angouleme":              {dept: "16"},
	"cognac":                 {dept: "16", ambiguous: true},
	"saintes":                {dept: "17", ambiguous: true},
	"rochefort":              {dept: "17"},
	"royan":                  {dept: "17"},
	"bourges":                {dept: "18"},
	"vierzon":                {dept: "18"},
	"tulle":                  {dept: "19", ambiguous: true},
	"brive":                  {dept: "19"},
	"brive la gaillarde":     {dept: "19"},
	"beaune":                 {dept: "21"},
	"saint brieuc":           {dept: "22"},
	"lannion":                {dept: "22"},
	"dinan":                  {dept: "22"},
	"gueret":                 {dept: "23"},
	"perigueux":              {dept: "24"},
	"bergerac":               {dept: "24"},
	"sarlat":                 {dept: "24"},
	"montbeliard":            {dept: "25"},
	"pontarlier":             {dept: "25"},
	"valence":                {dept: "26"},
	"montelimar":             {dept: "26"},
	"romans sur isere":       {dept: "26"},
	"evreux":                 {dept: "27"},
	"vernon":                 {dept: "27"},
	"chartres":               {dept: "28"},
	"dreux":                  {dept: "28"},
	"morlaix":                {dept: "29"},
	"ales":                   {dept: "30", ambiguous: true},
	"auch":                   {dept: "32"},
	"arcachon":               {dept: "33"},
	"libourne":               {dept: "33"},
	"merignac":               {dept: "33"},
	"pessac":                 {dept: "33"},
	"sete":                   {dept: "34"},
	"vitre":                  {dept: "35", ambiguous: true},
	"fougeres":               {dept: "35", ambiguous: true},
	"chateauroux":            {dept: "36"},
	"bourgoin jallieu":       {dept: "38"},
	"voiron":                 {dept: "38"},
	"lons le saunier":        {dept: "39"},
	"dole":                   {dept: "39"},
	"mont de marsan":         {dept: "40"},
	"dax":                    {dept: "40"},
	"blois":                  {dept: "41"},
	"roanne":                 {dept: "42"},
	"le puy en velay":        {dept: "43"},
	"montargis":              {dept: "45"},
	"cahors":                 {dept: "46"},
	"agen":                   {dept: "47"},
	"mende":                  {dept: "48"},
	"cholet":                 {dept: "49"},
	"saumur":                 {dept: "49"},
	"saint lo":               {dept: "50"},
	"cherbourg":              {dept: "50"},
	"granville":              {dept: "50"},
	"avranches":              {dept: "50"},
	"chalons en champagne":   {dept: "51"},
	"epernay":                {dept: "51"},
	"chaumont":               {dept: "52"},
	"saint dizier":           {dept: "52"},
	"langres":                {dept: "52"},
	"laval":                  {dept: "53"},
	"bar le duc":             {dept: "55"},
	"verdun":                 {dept: "55"},
	"vannes":                 {dept: "56", ambiguous: true},
	"thionville":             {dept: "57"},
	"nevers":                 {dept: "58"},
	"dunkerque":              {dept: "59"},
	"valenciennes":           {dept: "59"},
	"douai":                  {dept: "59"},
	"cambrai":                {dept: "59"},
	"maubeuge":               {dept: "59"},
	"armentieres":            {dept: "59"},
	"villeneuve d ascq":      {dept: "59"},
	"beauvais":               {dept: "60"},
	"compiegne":              {dept: "60"},
	"creil":                  {dept: "60"},
	"alencon":                {dept: "61"},
	"arras":                  {dept: "62"},
	"lens":                   {dept: "62", ambiguous: true},
	"calais":                 {dept: "62"},
	"boulogne sur mer":       {dept: "62"},
	"bethune":                {dept: "62"},
	"saint omer":             {dept: "62"},
	"lievin":                 {dept: "62"},
	"tarbes":                 {dept: "65"},
	"lourdes":                {dept: "65", ambiguous: true},
	"haguenau":               {dept: "67"},
	"venissieux":             {dept: "69"},
	"villefranche sur saone": {dept: "69"},
	"vesoul":                 {dept: "70"},
	"chalon sur saone":       {dept: "71"},
	"le creusot":             {dept: "71"},
	"aix les bains":          {dept: "73"},
	"albertville":            {dept: "73"},
	"thonon les bains":       {dept: "74"},
	"annemasse":              {dept: "74"},
	"chamonix":               {dept: "74"},
	"dieppe":                 {dept: "76"},
	"melun":                  {dept: "77"},
	"meaux":                  {dept: "77"},
	"fontainebleau":          {dept: "77"},
	"chelles":                {dept: "77"},
	"saint germain en laye":  {dept: "78"},
	"mantes la jolie":        {dept: "78"},
	"niort":                  {dept: "79"},
	"abbeville":              {dept: "80"},
	"albi":                   {dept: "81"},
	"castres":                {dept: "81"},
	"montauban":              {dept: "82"},
	"draguignan":             {dept: "83"},
	"frejus":                 {dept: "83"},
	"hyeres":                 {dept: "83"},
	"saint tropez":           {dept: "83"},
	"orange":                 {dept: "84", ambiguous: true},
	"carpentras":             {dept: "84"},
	"cavaillon":              {dept: "84"},
	"la roche sur yon":       {dept: "85"},
	"les sables d olonne":    {dept: "85"},
	"chatellerault":          {dept: "86"},
	"epinal":                 {dept: "88"},
	"auxerre":                {dept: "89"},
	"sens":                   {dept: "89", ambiguous: true},
	"evry":                   {dept: "91"},
	"massy":                  {dept: "91"},
	"neuilly sur seine":      {dept: "92"},
	"courbevoie":             {dept: "92"},
	"bobigny":                {dept: "93"},
	"aubervilliers":          {dept: "93"},
	"vincennes":              {dept: "94"},
	"vitry sur seine":        {dept: "94"},
	"pontoise":               {dept: "95"},
	"cergy":                  {dept: "95"},
}

// placeNameIndex maps folded names to what they point to; placeNameMaxWords is the longest.
var placeNameIndex, placeNameMaxWords = func() (map[string]placeName, int) {
	m := map[string]placeName{}
	for _, r := range Regions {
		if r.Code != "COM" {
			m[placeFold(r.Name)] = placeName{region: r.Code}
		}
	}
	for _, d := range Departments {
		m[placeFold(d.Name)] = placeName{dept: d.Code} // a département wins over a region of the same name
	}
	for k, v := range placeAliases {
		m[k] = v
	}
	longest := 0
	for k := range m {
		if n := len(strings.Fields(k)); n > longest {
			longest = n
		}
	}
	return m, longest
}()

// placeNames finds département, city and region names, longest first at each position. A
// name must not be part of a longer hyphenated name ("Marne-la-Vallée", "Villeneuve-sur-Lot").
func placeNames(toks []placeToken) []placeCandidate {
	var out []placeCandidate
	words := make([]string, len(toks))
	for i, t := range toks {
		words[i] = t.fold
		if words[i] == "st" {
			words[i] = "saint"
		} else if words[i] == "ste" {
			words[i] = "sainte"
		}
	}
	for i := 0; i < len(toks); {
		matched := 0
		for n := min(placeNameMaxWords, len(toks)-i); n >= 1; n-- {
			name, ok := placeNameIndex[strings.Join(words[i:i+n], " ")]
			if !ok || toks[i].digits {
				continue
			}
			if placeHyphen(toks[i].sep) && i > 0 && !toks[i-1].digits || i+n < len(toks) && placeHyphen(toks[i+n].sep) {
				continue
			}
			if name.ambiguous && !placeNameInContext(toks, i, n) {
				continue
			}
			matched = n
			if name.dept != "" {
				out = append(out, placeCandidate{place: placeFromDept(name.dept, ""), score: placeScoreDeptName})
			} else {
				out = append(out, placeCandidate{place: Place{Region: name.region}, score: placeScoreRegionName})
			}
			break
		}
		if matched == 0 {
			matched = 1
		}
		i += matched
	}
	return out
}

func placeHyphen(sep string) bool {
	return sep != "" && strings.Trim(sep, "-‐‑") == ""
}

// placeNameInContext says whether an ambiguous name at toks[i:i+n] is used as a place: the
// message is only about it, a place word comes before it ("département du Cher", "dans la
// Somme"), or it is written with a capital inside a sentence.
func placeNameInContext(toks []placeToken, i, n int) bool {
	alone := true
	for k := range toks {
		if k >= i && k < i+n {
			continue
		}
		if toks[k].digits || !placeFillers[toks[k].fold] {
			alone = false
			break
		}
	}
	if alone {
		return true
	}
	prev, prev2 := placeWord(toks, i-1), placeWord(toks, i-2)
	switch {
	case placeDeptMarkers[prev] || prev == "region":
		return true
	case (prev == "du" || prev == "de" || prev == "d" || prev == "la" || prev == "l") &&
		(placeDeptMarkers[prev2] || prev2 == "region" || prev2 == "dans"):
		return true
	case prev == "la" && prev2 == "de" && (placeDeptMarkers[placeWord(toks, i-3)] || placeWord(toks, i-3) == "region"):
		return true
	case prev == "le" && prev2 == "dans":
		return true
	}
	first := []rune(toks[i].orig)[0]
	return unicode.IsUpper(first) && !toks[i].start
}
