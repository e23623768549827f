package policy

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/coachbot/coachbot/knowledge"
)

// Labels the classifier gives a message: None (answer it from the guides) or a reason.
const (
	// None: an ordinary question, answered from the guides.
	None = "none"
	// ReasonOffRemit: a business question outside the programme's digital remit (tax,
	// accounting, legal status, employment, lease, unpaid invoices, insurance…): redirected to
	// who can answer it.
	ReasonOffRemit = "off_remit"
)

// Labels are the classes of the model, in the order of its weights.
var Labels = []string{None, ReasonExplicit, ReasonDispute, ReasonOffRemit, ReasonCyberUrgent, ReasonFrustration}

// Buckets is the number of hashed features.
const Buckets = 1 << 15

// Model is a multinomial logistic regression over hashed French features of a message: its
// word stems and pairs of words, the glossary's concepts, the verdicts of the hand-written
// rules, and a few marks of form (length, question mark, capitals, exclamations).
type Model struct {
	Labels  []string
	Bias    []float64
	Weights [][]float32 // [label][bucket]
	// Trained says on what and how, for the record.
	Trained string
}

//go:embed model.json
var modelJSON []byte

// Default returns the embedded model (model.json, written by `coachbot policy train`),
// read once. A broken embedded model is a build mistake: it panics, in the tests first.
var Default = sync.OnceValue(func() *Model {
	m, err := Load(modelJSON)
	if err != nil {
		panic("policy: embedded model: " + err.Error())
	}
	return m
})

// stored is the model as written to disk: only the features with a weight, as
// "bucket": [one weight per label].
type stored struct {
	Labels   []string             `json:"labels"`
	Bias     []float64            `json:"bias"`
	Features map[string][]float32 `json:"features"`
	Trained  string               `json:"trained"`
}

// Load reads a model written by Save.
func Load(b []byte) (*Model, error) {
	var st stored
	if err := json.Unmarshal(b, &st); err != nil {
		return nil, err
	}
	if len(st.Labels) == 0 || len(st.Bias) != len(st.Labels) {
		return nil, fmt.Errorf("model has %d labels and %d biases", len(st.Labels), len(st.Bias))
	}
	m := &Model{Labels: st.Labels, Bias: st.Bias, Trained: st.Trained, Weights: make([][]float32, len(st.Labels))}
	for k := range m.Weights {
		m.Weights[k] = make([]float32, Buckets)
	}
	for key, ws := range st.Features {
		f, err := strconv.Atoi(key)
		if err != nil || f < 0 || f >= Buckets || len(ws) != len(st.Labels) {
			return nil, fmt.Errorf("model feature %q: bad bucket or %d weights", key, len(ws))
		}
		for k, w := range ws {
			m.Weights[k][f] = w
		}
	}
	return m, nil
}

// Save writes the model as JSON, weights rounded to 3 decimals and null ones left out.
func (m *Model) Save() ([]byte, error) {
	st := stored{Labels: m.Labels, Bias: m.Bias, Trained: m.Trained, Features: map[string][]float32{}}
	for f := 0; f < Buckets; f++ {
		ws := make([]float32, len(m.Labels))
		any := false
		for k := range m.Labels {
			w := float32(math.Round(float64(m.Weights[k][f])*1e3) / 1e3)
			m.Weights[k][f] = w
			ws[k] = w
			any = any || w != 0
		}
		if any {
			st.Features[strconv.Itoa(f)] = ws
		}
	}
	return json.Marshal(st)
}

// Verdict is the model's decision on one message.
type Verdict struct {
	Label string
	// Prob is the probability of Label; Probs that of each of Labels.
	Prob  float64
	Probs []float64
}

// Predict classifies a message.
func (m *Model) Predict(text string) Verdict {
	return m.predict(Features(text))
}

func (m *Model) predict(fs []int) Verdict {
	scores := make([]float64, len(m.Labels))
	for k := range m.Labels {
		s := m.Bias[k]
		for _, f := range fs {
			s += float64(m.Weights[k][f])
		}
		scores[k] = s
	}
	probs := softmax(scores)
	best := 0
	for k := range probs {
		if probs[k] > probs[best] {
			best = k
		}
	}
	return Verdict{Label: m.Labels[best], Prob: probs[best], Probs: probs}
}

func softmax(xs []float64) []float64 {
	mx := math.Inf(-1)
	for _, x := range xs {
		mx = math.Max(mx, x)
	}
	out := make([]float64, len(xs))
	var sum float64
	for i, x := range xs {
		out[i] = math.Exp(x - mx)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// Features returns the hashed features of a message, each once.
func Features(text string) []int {
	return features(text, Rules(text))
}

// features is Features with the rules' verdict on the message already known.
func features(text string, r Escalation) []int {
	var names []string
	words := knowledge.Words(text)
	stems := make([]string, len(words))
	for i, w := range words {
		stems[i] = knowledge.Stem(w)
		names = append(names, "w:"+stems[i])
		if i > 0 {
			names = append(names, "b:"+stems[i-1]+" "+stems[i])
		}
	}
	for _, t := range knowledge.Terms(text) {
		if strings.HasPrefix(t, "_") {
			names = append(names, "g:"+t)
		}
	}
	if r.Reason != "" {
		names = append(names, "r:"+r.Reason, "r:any")
	} else {
		names = append(names, "r:none")
	}
	if knowledge.DomainSignal(text) {
		names = append(names, "d:digital")
	} else {
		names = append(names, "d:not")
	}
	n := len(words)
	switch {
	case n <= 3:
		names = append(names, "len:tiny")
	case n <= 10:
		names = append(names, "len:short")
	case n <= 30:
		names = append(names, "len:mid")
	default:
		names = append(names, "len:long")
	}
	if strings.Contains(text, "?") {
		names = append(names, "m:question")
	}
	if strings.Count(text, "!") >= 2 {
		names = append(names, "m:bang")
	}
	if upperShare(text) > 0.6 && n >= 3 {
		names = append(names, "m:caps")
	}
	names = append(names, "bias")
	seen := map[int]bool{}
	out := make([]int, 0, len(names))
	for _, s := range names {
		h := fnv.New32a()
		h.Write([]byte(s))
		f := int(h.Sum32() % Buckets)
		if !seen[f] {
			seen[f] = true
			out = append(out, f)
		}
	}
	sort.Ints(out)
	return out
}

func upperShare(s string) float64 {
	var up, letters int
	for _, r := range s {
		if r >= 'A' && r <= 'Z' || r >= 'À' && r <= 'Ý' {
			up++
			letters++
		} else if r >= 'a' && r <= 'z' || r >= 'à' && r <= 'ÿ' {
			letters++
		}
	}
	if letters == 0 {
		return 0
	}
	return float64(up) / float64(letters)
}

// Example is a labelled message.
type Example struct {
	Text  string `json:"text"`
	Label string `json:"label"`
}

// TrainOptions tune training; the zero value means the defaults.
type TrainOptions struct {
	Epochs int     // default 30
	Rate   float64 // default 0.3, decreasing as 1/(1+epoch/10)
	L2     float64 // default 3e-3
	// Balance is the power of the class-balancing weight: 0 keeps the data's proportions,
	// 1 weighs every class alike (default 0.5).
	Balance float64
}

// Train fits a model on examples. It is deterministic: the same examples in the same order
// give the same model.
func Train(examples []Example, opts TrainOptions) (*Model, error) {
	if opts.Epochs <= 0 {
		opts.Epochs = 30
	}
	if opts.Rate <= 0 {
		opts.Rate = 0.3
	}
	if opts.L2 <= 0 {
		opts.L2 = 3e-3
	}
	if opts.Balance <= 0 {
		opts.Balance = 0.5
	}
	index := map[string]int{}
	for i, l := range Labels {
		index[l] = i
	}
	type row struct {
		fs    []int
		label int
	}
	rows := make([]row, 0, len(examples))
	count := make([]int, len(Labels))
	for _, e := range examples {
		k, ok := index[e.Label]
		if !ok {
			return nil, fmt.Errorf("unknown label %q for %q", e.Label, e.Text)
		}
		rows = append(rows, row{Features(e.Text), k})
		count[k]++
	}
	// classes weigh partly alike whatever their number of examples (the square root of the
	// balancing weight): ordinary questions, the most common, keep some of their weight
	classWeight := make([]float64, len(Labels))
	for k, c := range count {
		if c > 0 {
			classWeight[k] = math.Pow(float64(len(rows))/float64(len(Labels)*c), opts.Balance)
		}
	}
	m := &Model{Labels: append([]string{}, Labels...), Bias: make([]float64, len(Labels)), Weights: make([][]float32, len(Labels))}
	for k := range m.Weights {
		m.Weights[k] = make([]float32, Buckets)
	}
	order := make([]int, len(rows))
	for i := range order {
		order[i] = i
	}
	seed := uint64(0x9e3779b97f4a7c15)
	for epoch := 0; epoch < opts.Epochs; epoch++ {
		// a deterministic shuffle (xorshift)
		for i := len(order) - 1; i > 0; i-- {
			seed ^= seed << 13
			seed ^= seed >> 7
			seed ^= seed << 17
			j := int(seed % uint64(i+1))
			order[i], order[j] = order[j], order[i]
		}
		rate := opts.Rate / (1 + float64(epoch)/10)
		for _, i := range order {
			r := rows[i]
			v := m.predict(r.fs)
			for k := range m.Labels {
				y := 0.0
				if k == r.label {
					y = 1
				}
				g := (v.Probs[k] - y) * classWeight[r.label] * rate
				m.Bias[k] -= g
				for _, f := range r.fs {
					w := float64(m.Weights[k][f])
					m.Weights[k][f] = float32(w - g - rate*opts.L2*w)
				}
			}
		}
	}
	m.Trained = fmt.Sprintf("%d examples (%s), %d epochs", len(rows), countsOf(count), opts.Epochs)
	return m, nil
}

func countsOf(count []int) string {
	var parts []string
	for k, c := range count {
		parts = append(parts, fmt.Sprintf("%s %d", Labels[k], c))
	}
	return strings.Join(parts, ", ")
}

// Classify decides whether an owner message needs something other than an answer from the
// guides, and why, with the embedded model (see Decide).
func Classify(text string) Escalation {
	return Default().Decide(text)
}

// MinProb is the model's probability a reason needs when the rules do not give it: higher
// for the reasons whose false alarms cost an owner most (an ordinary question treated as an
// attack, or sent elsewhere).
var MinProb = map[string]float64{
	ReasonExplicit:    0.8,
	ReasonFrustration: 0.8,
	ReasonDispute:     0.85,
	ReasonCyberUrgent: 0.95,
	ReasonOffRemit:    0.85,
}

// MinProbDigital is what a redirection outside the remit needs when the message speaks of
// the digital life of a business: such a message is most often a digital question.
const MinProbDigital = 0.97

// Decide combines the model and the hand-written rules: the rules, precise on the messages
// they were written for, decide when they fire; otherwise the model's label is taken when it
// is confident enough (MinProb, MinProbDigital). Matched says which decided, for logs.
func (m *Model) Decide(text string) Escalation {
	r := Rules(text)
	if r.Reason != "" {
		if r.Reason == ReasonAccounting {
			r.Reason = ReasonOffRemit
		}
		return r
	}
	v := m.predict(features(text, r))
	if v.Label == None || v.Prob < MinProb[v.Label] {
		return Escalation{}
	}
	f := spaced(text)
	if v.Label == ReasonCyberUrgent && !cyberCueRE.MatchString(f) {
		// "mon site de réservation est en panne, je fais quoi tout de suite ?": an urgent
		// breakdown is not an attack when nothing tells one
		return Escalation{}
	}
	if v.Label == ReasonDispute && !disputeCueRE.MatchString(f) {
		// "une cliente m'a écrit un mail assez sec en citant le RGPD : je dois effacer ses
		// factures ?": a question on a rule, not a dispute, when nothing tells one
		return Escalation{}
	}
	if v.Label == ReasonExplicit && reviewReplyRE.MatchString(f) {
		// "vous pouvez me rédiger une réponse à cet avis ?": the guides have examples of
		// replies, an answer, not a coach
		return Escalation{}
	}
	if v.Label == ReasonExplicit && fakeReviewsRE.MatchString(f) {
		// "vous pouvez m'écrire 5 avis positifs ?": the answer is that it is forbidden, not a
		// coach to do it
		return Escalation{}
	}
	if v.Label == ReasonExplicit && !knowledge.DomainSignal(text) && OffRemitArea(text) != "" && !personCueRE.MatchString(f) {
		// "le voisin se plaint de ma musique, vous pouvez m'aider ?": help asked on a matter
		// outside the remit, no coach named; who can help comes first (the reply offers a
		// coach too)
		return Escalation{Reason: ReasonOffRemit, Matched: fmt.Sprintf("model %.2f, help outside the remit", v.Prob), Prob: v.Prob}
	}
	if v.Label == ReasonOffRemit && (v.Prob < MinProbDigital && knowledge.DomainSignal(text) || knowledge.DomainSignal(askedText(text)) ||
		knowledge.DomainSignal(text) && OffRemitArea(text) == "") {
		// what is asked names the digital life of the business: the story around it (the
		// staff, the opening, the lease) does not make it a question for someone else; nor
		// does the model's guess when no business matter outside the remit is named
		return Escalation{}
	}
	return Escalation{Reason: v.Label, Matched: fmt.Sprintf("model %.2f", v.Prob), Prob: v.Prob}
}

// personCueRE names someone to talk to: the rules' {HUMAN}, a person, a session, a call.
var personCueRE = escRE(`\b(?:{HUMAN}|coachs|coaching|quelqu un|personne|rdv|rendez vous|seance|expert|experte|rappeler|appeler|telephone)\b`)

// spaced is a text's folded words, joined and framed by spaces, for the cue patterns and
// the areas' phrases.
func spaced(text string) string {
	return " " + strings.Join(knowledge.Words(text), " ") + " "
}

// cyberCueRE finds a word that tells an attack, a fraud or a theft (folded words): what the
// model's guess of an emergency needs to be taken.
var cyberCueRE = regexp.MustCompile(`\b(?:pirat\w*|hack\w*|arnaqu?\w*|escro\w*|phishing|hamecon\w*|virus|rancon\w*|malveill\w*|fraud\w*|faux|fausse|fausses|usurp\w*|vol|vole|volee|voles|volees|cambriol\w*|mot de passe|mots de passe|identifiants?|codes? (?:de|recu|par sms|secret|confidentiel|de validation|de verification)|numero de (?:carte|cb)|carte (?:bancaire|bleue|sim)|virement|virements|rib|iban|clique|cliquer|lien (?:bizarre|suspect|louche)|piece jointe|chantage|compromis|suspect\w*|bizarre\w*|inconnu\w*|spam|crypte\w*|chiffres|bloque\w*|debit\w*|preleve\w*|se (?:sont )?connecte\w*|plus acces|deconnecte\w*|sim|autocollant\w*|par dessus|qr code|suivi (?:le|un|ce) lien|ouvert (?:le|un|ce) lien|me suis connecte\w*|alertes?|depenses? inconnue\w*|que je n ai pas (?:faite?s?|fait|demandee?s?|commandee?s?))\b`)

// disputeCueRE finds a word of a conflict with someone (folded words): what the model's
// guess of a dispute needs to be taken.
var disputeCueRE = regexp.MustCompile(`\b(?:litige|litiges|conflit|conflits|plainte|plaintes|avocat|avocate|tribunal|justice|juge|mise en demeure|menace\w*|rembours\w*|refuse\w*|prud\w*|huissier|commissaire|escroqu\w*|arnaqu\w*|harcel\w*|diffam\w*|injur\w*|insult\w*|attaquer|poursuiv\w*|proces|recours|contrat|contrats|resilier|resiliation|engagement|preleve\w*|agence|prestataire|webmaster|fournisseur|bloque\w*|otage|voleur|vole|volee|abus\w*|honte|scandale|inadmissible|inacceptable|associe\w*|ex|garde|gardee|separation|divorce|fache\w*|brouille\w*|ne veut pas|ne repond plus)\b`)

// reviewReplyRE finds a request for a reply to a review (folded words).
var reviewReplyRE = regexp.MustCompile(`\b(?:rediger|redigez|ecrire|ecrivez|faire|proposer|proposez|aider a (?:rediger|ecrire|repondre))(?: \w+){0,2} (?:une |ma |la )?(?:reponse|repondre) (?:a|au|aux) (?:cet|cette|ce|un|une|mon|ma|les|des)? ?(?:avis|commentaire|critique)`)

// fakeReviewsRE finds a request for reviews written by someone else than customers (folded
// words).
var fakeReviewsRE = regexp.MustCompile(`\b(?:ecrire|ecrivez|ecris|rediger|redigez|redige|mettre|mettez|poster|postez|laisser|laissez|faire|faites|creer|generer|inventer|fabriquer|acheter)(?: \w+){0,3} (?:des |quelques |\d+ |deux |trois |cinq |dix |vingt )?(?:faux )?(?:avis|commentaires)(?: (?:positifs|positif|clients|google|5 etoiles|cinq etoiles|elogieux))?\b|\bfaux avis positifs\b`)

// askedText is what a message asks: its sentences with a question mark, or the whole
// message when none has one.
func askedText(text string) string {
	if !strings.Contains(text, "?") {
		return text
	}
	var asked []string
	start := 0
	for i, r := range text {
		switch r {
		case '?':
			asked = append(asked, text[start:i+1])
			start = i + 1
		case '.', '!', '\n':
			start = i + 1
		}
	}
	return strings.Join(asked, " ")
}

// offRemitAreas tell, for a business question outside the remit, who answers it: the first
// area whose cue (a folded phrase, on word boundaries) the message contains.
var offRemitAreas = []struct {
	area string
	cues []string
}{
	{"unpaid", []string{"impaye", "impayes", "impayee", "impayees", "me doit", "nous doit", "paye pas", "paie pas", "payer sa facture", "recouvrement", "recouvrer", "relance de paiement", "mauvais payeur", "injonction"}},
	{"insolvency", []string{"liquidation", "redressement judiciaire", "procedure collective", "mandataire judiciaire", "depot de bilan", "sauvegarde judiciaire"}},
	{"lease", []string{"loyer", "bail", "proprietaire", "local commercial", "pas de porte", "fonds de commerce", "bailleur"}},
	{"social", []string{"urssaf", "cotisation", "cotisations", "charges sociales", "retraite", "mutuelle"}},
	{"employment", []string{"embaucher", "embauche", "recruter", "recrutement", "apprenti", "apprentie", "apprentissage", "alternant", "salarie", "salariee", "salaries", "employe", "employes", "contrat de travail", "fiche de paie", "fiches de paie", "licencier", "licenciement", "stagiaire", "conges payes", "smic"}},
	{"status", []string{"statut", "sarl", "sas", "sasu", "eurl", "ei", "micro entreprise", "micro-entreprise", "auto entrepreneur", "auto-entrepreneur", "kbis", "siege social", "immatriculer", "immatriculation", "creer mon entreprise", "creer ma societe", "fermer mon entreprise", "radiation"}},
	{"tax", []string{"tva", "taxe de sejour", "taxe fonciere", "impot", "impots", "fiscal", "fiscale", "fiscalite", "comptable", "comptabilite", "bilan", "liasse", "declaration", "chiffre d affaires", "plafond", "cfe", "credit d impot", "amortir", "amortissement", "deduire", "deductible"}},
	{"insurance", []string{"assurance", "assureur", "assurer", "decennale", "rc pro", "responsabilite civile", "sinistre", "prevoyance"}},
	{"bank", []string{"pret", "emprunt", "credit", "banque", "banquier", "decouvert", "tresorerie", "bpifrance", "financement bancaire"}},
	{"trademark", []string{"marque", "inpi", "brevet", "deposer mon nom", "proteger mon nom", "proteger le nom", "protege mon nom",
		"protege le nom", "protege notre nom", "proteger notre nom", "deposer le nom", "depose le nom"}},
	{"neighbours", []string{"voisin", "voisins", "voisine", "voisines", "voisinage", "tapage", "nuisance sonore", "nuisances sonores", "trop de bruit"}},
	{"rules", []string{"hygiene", "haccp", "licence", "autorisation", "mairie", "normes", "securite incendie", "accessibilite du local", "erp", "enseigne", "terrasse", "prix de vente", "marge", "fournisseur", "fournisseurs", "negocier"}},
}

// OffRemitArea names who answers a business question outside the remit: "unpaid", "insolvency", "lease",
// "social", "employment", "status", "tax", "insurance", "bank", "trademark", "neighbours", "rules", or ""
// when nothing more precise than the chamber of commerce can be said.
func OffRemitArea(text string) string {
	n := spaced(text)
	for _, a := range offRemitAreas {
		for _, c := range a.cues {
			if strings.Contains(n, " "+c+" ") || strings.Contains(n, " "+strings.ReplaceAll(c, "-", " ")+" ") {
				return a.area
			}
		}
	}
	return ""
}
