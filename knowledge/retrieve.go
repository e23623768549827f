package knowledge

import (
	"context"
	"errors"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Index is where chunks are stored and searched: in memory or in PostgreSQL. It only
// generates candidates; Retriever scores them, so that every Index ranks alike.
type Index interface {
	// Lexicon returns the statistics of the indexed chunks, cached by the index.
	Lexicon(ctx context.Context) (*Lexicon, error)
	// SearchVector returns up to k chunks embedded by model, nearest to q by cosine first.
	SearchVector(ctx context.Context, model string, q Vector, k int) ([]Candidate, error)
	// SearchTerms returns up to k chunks with the best BM25 score for q, best first.
	SearchTerms(ctx context.Context, q TermQuery, k int) ([]Candidate, error)
	// GuideChunks returns every chunk of a guide in order, with its vector of model.
	GuideChunks(ctx context.Context, guideID, model string) ([]Candidate, error)
}

// Candidate is a chunk returned by an Index with its vector for the model searched (nil
// when the chunk has none for that model).
type Candidate struct {
	Chunk  Chunk
	Vector Vector
}

// TermQuery is a lexical query: distinct terms with their IDF, and the corpus's average chunk
// length. Stores compute BM25 (with BM25K1 and BM25B) from it, and return with each chunk its
// vector of Model, so that every candidate gets both scores.
type TermQuery struct {
	Terms  []string
	IDF    []float64
	AvgLen float64
	Model  string
}

// BM25 scores the terms of a chunk against q.
func (q TermQuery) BM25(terms []string) float64 {
	var score float64
	n := float64(len(terms))
	for i, t := range q.Terms {
		tf := 0
		for _, x := range terms {
			if x == t {
				tf++
			}
		}
		if tf == 0 {
			continue
		}
		score += q.IDF[i] * BM25TF(float64(tf), n, q.AvgLen)
	}
	return score
}

// BM25TF is the term-frequency part of BM25 for a term seen tf times in a chunk of n terms.
func BM25TF(tf, n, avg float64) float64 {
	if avg <= 0 {
		avg = 1
	}
	return tf * (BM25K1 + 1) / (tf + BM25K1*(1-BM25B+BM25B*n/avg))
}

// Query is a question as analysed for retrieval.
type Query struct {
	Text      string            `json:"text"`
	Corrected map[string]string `json:"corrected,omitempty"` // misspelt word → known word
	Terms     []string          `json:"terms"`               // distinct terms
	IDF       []float64         `json:"idf,omitempty"`       // weight of each term
}

// Weight returns the IDF of term t if it is a term of the query, else 0.
func (q Query) Weight(t string) float64 {
	for i, x := range q.Terms {
		if x == t && i < len(q.IDF) {
			return q.IDF[i]
		}
	}
	return 0
}

// Passage is a scored chunk.
type Passage struct {
	Chunk   Chunk    `json:"chunk"`
	Score   float64  `json:"score"`   // fused score in [0, 1]
	Cosine  float64  `json:"cosine"`  // vector similarity
	Lexical float64  `json:"lexical"` // BM25 normalised by its bound for the query, in [0, 1)
	Matched []string `json:"matched"` // query terms found in the chunk
}

// GuideHit is a guide ranked by its passages.
type GuideHit struct {
	ID    string  `json:"guide"`
	Title string  `json:"title"`
	Topic string  `json:"topic"`
	URL   string  `json:"url"`
	Score float64 `json:"score"`
	// Passages are indexes into Result.Passages, best first.
	Passages []int `json:"passages"`
}

// Result is what retrieval found for a question.
type Result struct {
	Query    Query      `json:"query"`
	Passages []Passage  `json:"passages"`
	Guides   []GuideHit `json:"guides"`
	// Coverage is the share of the question's information (IDF mass) found in the best
	// passage, in [0, 1].
	Coverage float64 `json:"coverage"`
	// Confidence in [0, 1] says how well the loaded guides answer the question.
	Confidence float64 `json:"confidence"`
	// InScope is false when the loaded guides do not deal with the question at all.
	InScope bool `json:"in_scope"`
	// Degraded names what retrieval had to do without ("vector" when the embedder failed).
	Degraded string `json:"degraded,omitempty"`
	// Digital is true when the loaded guides are about the digital life of businesses (the
	// bundled ones are), false for another corpus (--guides DIR).
	Digital bool `json:"digital"`
}

// Top returns the best passage, or false.
func (r Result) Top() (Passage, bool) {
	if len(r.Passages) == 0 {
		return Passage{}, false
	}
	return r.Passages[0], true
}

// scopePassage is the passage whose match judges the question: the best one that is not a
// question card. Cards restate their guide in owners' everyday words ("pas cher", "le
// meilleur moment"), which would make everyday questions look answered; the sections they
// summarise say what the guides are about.
//
// The scope model was fitted on the offline embedder's cosines; another model's cosines have
// another scale (unrelated texts often score 0.2 or more), so with another model the
// passages are scored again with the offline cosine, and the verdict taken on the best.
func (r *Retriever) scopePassage(res Result, q Query) (Passage, bool) {
	_, offline := r.embedder.(*HashEmbedder)
	var h *HashEmbedder
	var qv Vector
	if !offline {
		h = NewHashEmbedder()
		qv = h.EmbedText(q.embedText())
	}
	best, found := Passage{}, false
	for _, p := range res.Passages {
		if p.Chunk.Card() {
			continue
		}
		if !offline {
			p.Cosine = math.Max(0, float64(Dot(qv, h.EmbedText(p.Chunk.EmbedText()))))
			p.Score = r.opts.VectorWeight*p.Cosine + (1-r.opts.VectorWeight)*p.Lexical
		}
		if !found || p.Score > best.Score {
			best, found = p, true
		}
		if offline {
			break // already in the order of these scores
		}
	}
	if !found {
		return res.Top()
	}
	return best, true
}

// Options tune retrieval; the zero value means the defaults.
type Options struct {
	Candidates   int     // per search, default 40
	Passages     int     // kept in the result, default 20, besides the other sections of the best guide
	VectorWeight float64 // default 0.35; the lexical weight is 1 - VectorWeight
	// MinConfidence is the confidence under which a question is not considered answered.
	MinConfidence float64
}

func (o Options) withDefaults() Options {
	if o.Candidates <= 0 {
		o.Candidates = 40
	}
	if o.Passages <= 0 {
		o.Passages = 20
	}
	if o.VectorWeight <= 0 {
		o.VectorWeight = 0.35
	}
	if o.MinConfidence <= 0 {
		o.MinConfidence = 0.4
	}
	return o
}

// Retriever runs hybrid retrieval: vector and lexical candidates from an Index, fused into one
// ranking with the same arithmetic whatever the store.
type Retriever struct {
	index    Index
	embedder Embedder
	opts     Options
}

// NewRetriever returns a retriever over index, embedding questions with embedder.
func NewRetriever(index Index, embedder Embedder, opts Options) *Retriever {
	return &Retriever{index: index, embedder: embedder, opts: opts.withDefaults()}
}

// Options returns the retriever's options, defaults applied.
func (r *Retriever) Options() Options { return r.opts }

// Analyze turns a question into a Query, correcting misspelt words against the lexicon.
func Analyze(lex *Lexicon, question string) Query {
	// "cb ça coûte", "cb de temps": in a question, "cb" before these words is "combien", not a
	// bank card
	question = CbAsCombien(question)
	words := Words(question)
	q := Query{Text: question}
	var proper map[string]bool
	if lex != nil {
		proper = properNouns(question)
	}
	for i, w := range words {
		if lex == nil {
			break
		}
		if c, ok := lex.Correct(w); ok {
			if proper[w] && !isGlossaryWord[c] {
				// "plombier à Toulon": a place or a name is not a misspelt guide word
				// ("Toubon"); a brand is corrected towards the glossary ("Instagrm")
				continue
			}
			if q.Corrected == nil {
				q.Corrected = map[string]string{}
			}
			q.Corrected[w] = c
			words[i] = c
		}
	}
	q.Terms = Distinct(termsOfWords(words, nil))
	return q
}

// CbAsCombien writes "cb" as "combien" where it starts a question on a price or an amount
// ("cb ça coûte", "cb de temps"), not a bank card ("j'ai donné ma cb").
func CbAsCombien(text string) string {
	if !strings.Contains(text, "cb") && !strings.Contains(text, "CB") && !strings.Contains(text, "Cb") {
		return text
	}
	return combienRE.ReplaceAllString(text, "combien$1")
}

var combienRE = regexp.MustCompile(`(?i)\bcb(\s+(?:ça|ca|de|d'|pour|co[uû]te|co[uû]tent|il faut|faut|tu|vous|je|on|en gros|par mois|par an|le|la|les|un|une))`)

// properNouns returns the folded words of a question written with a capital letter inside a
// sentence: names of places, people and brands.
func properNouns(question string) map[string]bool {
	var out map[string]bool
	start := true // at the start of a sentence, a capital says nothing
	for _, tok := range strings.Fields(question) {
		r, _ := utf8.DecodeRuneInString(tok)
		if !start && unicode.IsUpper(r) {
			for _, w := range Words(tok) {
				if out == nil {
					out = map[string]bool{}
				}
				out[w] = true
			}
		}
		last, _ := utf8.DecodeLastRuneInString(tok)
		start = strings.ContainsRune(".!?…:", last) || tok == "-" || tok == "«"
	}
	return out
}

// embedText is the text embedded for a query: its words after correction.
func (q Query) embedText() string {
	if len(q.Corrected) == 0 {
		return q.Text
	}
	words := Words(q.Text)
	for i, w := range words {
		if c, ok := q.Corrected[w]; ok {
			words[i] = c
		}
	}
	return strings.Join(words, " ")
}

// ErrEmptyIndex is returned when no guide is loaded.
var ErrEmptyIndex = errors.New("no guide is loaded")

// Retrieve finds the passages that answer question.
func (r *Retriever) Retrieve(ctx context.Context, question string) (Result, error) {
	lex, err := r.index.Lexicon(ctx)
	if err != nil {
		return Result{}, fmt.Errorf("load lexicon: %w", err)
	}
	if lex.Stats().Chunks == 0 {
		return Result{}, ErrEmptyIndex
	}
	q := Analyze(lex, question)
	res := Result{Query: q, Digital: lex.Digital()}
	if len(q.Terms) == 0 {
		return res, nil
	}
	tq := TermQuery{Terms: q.Terms, IDF: make([]float64, len(q.Terms)), AvgLen: lex.Stats().AvgLen, Model: r.embedder.Model()}
	var idfSum float64
	for i, t := range q.Terms {
		tq.IDF[i] = lex.IDF(t)
		if t[0] == '_' && !IsDomainConcept(t) {
			// "quand", "combien", "créer": what the question asks about its subject, weaker
			// evidence than the subject itself
			tq.IDF[i] *= 0.75
		}
		idfSum += tq.IDF[i]
	}
	res.Query.IDF = tq.IDF

	cands := map[string]Candidate{}
	lexHits, err := r.index.SearchTerms(ctx, tq, r.opts.Candidates)
	if err != nil {
		return Result{}, fmt.Errorf("lexical search: %w", err)
	}
	for _, c := range lexHits {
		cands[c.Chunk.Key()] = c
	}
	var qv Vector
	vs, err := r.embedder.Embed(ctx, []string{q.embedText()})
	if err == nil && len(vs) == 1 {
		qv = vs[0]
		vecHits, err := r.index.SearchVector(ctx, r.embedder.Model(), qv, r.opts.Candidates)
		if err != nil {
			return Result{}, fmt.Errorf("vector search: %w", err)
		}
		for _, c := range vecHits {
			if old, ok := cands[c.Chunk.Key()]; ok && old.Vector == nil {
				old.Vector = c.Vector
				cands[c.Chunk.Key()] = old
			} else if !ok {
				cands[c.Chunk.Key()] = c
			}
		}
	} else {
		if ctx.Err() != nil {
			return Result{}, ctx.Err()
		}
		res.Degraded = "vector"
	}

	wv := r.opts.VectorWeight
	if qv == nil {
		wv = 0
	}
	bound := (BM25K1 + 1) * idfSum
	scored := make(map[string]Passage, len(cands)+8)
	tf := make([]int, len(q.Terms))
	score := func(key string, c Candidate) Passage {
		if p, ok := scored[key]; ok {
			return p
		}
		p := Passage{Chunk: c.Chunk}
		if qv != nil && len(c.Vector) == len(qv) {
			p.Cosine = math.Max(0, float64(Dot(qv, c.Vector)))
		}
		// BM25 and the matched terms in one pass over the chunk's terms
		clear(tf)
		for _, x := range c.Chunk.Terms {
			for i, t := range q.Terms {
				if len(x) == len(t) && x == t {
					tf[i]++
					break
				}
			}
		}
		var bm25 float64
		n := float64(len(c.Chunk.Terms))
		for i, t := range q.Terms {
			if tf[i] > 0 {
				bm25 += tq.IDF[i] * BM25TF(float64(tf[i]), n, tq.AvgLen)
				p.Matched = append(p.Matched, t)
			}
		}
		if bound > 0 {
			p.Lexical = bm25 / bound
		}
		p.Score = wv*p.Cosine + (1-wv)*p.Lexical
		scored[key] = p
		return p
	}
	// The best guide's other sections are candidates too: the answer may be in any of them.
	var bestKey string
	var best Passage
	for k, c := range cands {
		if p := score(k, c); bestKey == "" || p.Score > best.Score || (p.Score == best.Score && k < bestKey) {
			bestKey, best = k, p
		}
	}
	if bestKey != "" {
		more, err := r.index.GuideChunks(ctx, best.Chunk.GuideID, r.embedder.Model())
		if err != nil {
			return Result{}, fmt.Errorf("read guide %s: %w", best.Chunk.GuideID, err)
		}
		for _, c := range more {
			if _, ok := cands[c.Chunk.Key()]; !ok {
				cands[c.Chunk.Key()] = c
			}
		}
	}
	for k, c := range cands {
		res.Passages = append(res.Passages, score(k, c))
	}
	sort.Slice(res.Passages, func(i, j int) bool {
		a, b := res.Passages[i], res.Passages[j]
		if d := a.Score - b.Score; math.Abs(d) > 1e-9 {
			return d > 0
		}
		if a.Chunk.GuideID != b.Chunk.GuideID {
			return a.Chunk.GuideID < b.Chunk.GuideID
		}
		return a.Chunk.Ordinal < b.Chunk.Ordinal
	})
	if len(res.Passages) > r.opts.Passages {
		// the best passages, and every section of the best guide: the answer may be in any
		kept := res.Passages[:r.opts.Passages]
		for _, p := range res.Passages[r.opts.Passages:] {
			if p.Chunk.GuideID == best.Chunk.GuideID {
				kept = append(kept, p)
			}
		}
		res.Passages = kept
	}
	res.Guides = groupGuides(res.Passages)
	if top, ok := r.scopePassage(res, q); ok {
		var got float64
		for i, t := range q.Terms {
			if contains(top.Matched, t) {
				got += tq.IDF[i]
			}
		}
		if idfSum > 0 {
			res.Coverage = got / idfSum
		}
		margin := res.Guides[0].Score
		if len(res.Guides) > 1 {
			margin -= res.Guides[1].Score
		}
		res.Confidence, res.InScope = judge(top, res.Passages[:min(3, len(res.Passages))], res.Coverage, margin, lex, res.Query)
	}
	return res, nil
}

// judge turns the best passage into a confidence and an in-scope verdict.
//
// Confidence mixes how well the best passage matches, how much of the question's rare
// vocabulary it covers, and how far the best guide is ahead of the next one: on the
// evaluation sets the margin is the best single predictor of a right first guide.
//
// Scope: when the guides themselves are about the digital life of businesses and the question
// speaks of it too (DomainSignal), a little match is enough. Otherwise a logistic model
// decides, over the best passage's cosine, normalised BM25, coverage of the question, matched
// rare vocabulary, lead over the next guide and number of matched subject words. It was
// fitted on three question sets, two on the bundled guides and one on a third-party FAQ of
// another domain (docs/retrieval.md), so that scope is judged against whatever is loaded.
func judge(top Passage, best []Passage, coverage, margin float64, lex *Lexicon, q Query) (float64, bool) {
	var mass float64
	subject := 0
	for _, m := range top.Matched {
		if m[0] == '_' && !IsDomainConcept(m) {
			mass += 0.5 * q.Weight(m) // what the question asks about its subject counts less
		} else {
			mass += q.Weight(m)
			subject++
		}
	}
	rare := mass / math.Log(2*float64(lex.Stats().Chunks)+2)
	conf := 0.35*math.Min(1, top.Score/0.6) + 0.25*math.Min(1, rare/2.5) + 0.4*math.Min(1, margin/0.15)
	if conf > 1 {
		conf = 1
	}
	if lex.Digital() && DomainSignal(q.embedText()) && (top.Cosine >= 0.12 || rare >= 0.6) {
		return conf, true
	}
	for _, p := range best {
		if lex.Digital() && everydayMatched(p) >= 2 && p.Cosine >= 0.12 {
			// two everyday concepts of the guides met in one of the best passages ("un avis
			// en anglais, je réponds en anglais ?"): a question about them, whatever the
			// story around it
			return conf, true
		}
	}
	z := scopeBias +
		scopeWeights[0]*top.Cosine +
		scopeWeights[1]*top.Lexical +
		scopeWeights[2]*coverage +
		scopeWeights[3]*math.Min(rare, 3) +
		scopeWeights[4]*math.Min(margin, 0.3) +
		scopeWeights[5]*math.Min(float64(subject), 6)/6
	if lex.Digital() && !everydayDomain(q) && top.Chunk.Topic != "accompagnement" {
		// guides about the digital life of businesses, asked a question that names nothing
		// digital, not even in the everyday words owners use for it ("laisser un avis"), nor
		// the programme itself: their everyday words ("cadeau", "menu", "prix", "période")
		// match it without it being about them
		z -= nonDigitalPenalty
	}
	return conf, z >= 0
}

// everydayConcepts are the concepts whose everyday words ("avis", "payer", "rendez-vous",
// "atelier") are, in an owner's question, most often about the digital side of the business.
var everydayConcepts = []string{"_avis", "_repondre", "_marque", "_numtel", "_avisnegatif", "_clientele", "_paiement", "_rdv", "_atelier", "_coach", "_caisse", "_mdp", "_export", "_droits", "_facture", "_livrer"}

// everydayMatched counts the everyday concepts a passage matched.
func everydayMatched(p Passage) int {
	n := 0
	for _, m := range p.Matched {
		if contains(everydayConcepts, m) {
			n++
		}
	}
	return n
}

// everydayDomain reports whether a query holds one of the everydayConcepts.
func everydayDomain(q Query) bool {
	for _, t := range q.Terms {
		if contains(everydayConcepts, t) {
			return true
		}
	}
	return false
}

// nonDigitalPenalty is what a question that names nothing digital needs beyond the scope
// model's verdict, against the bundled guides (measured in docs/retrieval.md).
const nonDigitalPenalty = 1.5

// The scope model (see judge).
var (
	scopeWeights = [6]float64{4.6, 2.87, 1.77, 0.17, 1.39, 5.59}
	scopeBias    = -5.07
)

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

func groupGuides(ps []Passage) []GuideHit {
	var out []GuideHit
	idx := map[string]int{}
	for i, p := range ps {
		j, ok := idx[p.Chunk.GuideID]
		if !ok {
			idx[p.Chunk.GuideID] = len(out)
			out = append(out, GuideHit{ID: p.Chunk.GuideID, Title: p.Chunk.Title, Topic: p.Chunk.Topic, URL: p.Chunk.URL, Score: p.Score, Passages: []int{i}})
			continue
		}
		g := &out[j]
		if len(g.Passages) == 1 {
			g.Score += 0.1 * p.Score // a second good passage makes the guide a little more likely
		}
		g.Passages = append(g.Passages, i)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}
