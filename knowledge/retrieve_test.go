package knowledge_test

import (
	"context"
	"errors"
	"math"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

// smallGuides is a corpus of five short guides on distinct subjects.
func smallGuides() []knowledge.Guide {
	return []knowledge.Guide{
		{
			ID: "creer-fiche", Title: "Créer sa fiche d'établissement Google", Topic: "fiche-etablissement",
			Summary:  "Créer et valider gratuitement votre fiche Google.",
			Keywords: []string{"fiche Google", "Google My Business", "Google Maps"},
			URL:      "https://exemple.fr/fiche",
			Body: `# Créer sa fiche d'établissement Google

La fiche d'établissement Google affiche votre entreprise dans Google Maps et dans la recherche.

## Les étapes de création

Indiquez le nom de l'entreprise, choisissez une catégorie principale, puis ajoutez l'adresse ou une zone d'intervention.

## La validation

Google demande une vidéo de votre local ou un code reçu par SMS pour prouver que vous gérez l'établissement.

## Besoin d'aide ?

Réservez un rendez-vous avec un coach.
`,
		},
		{
			ID: "mentions-legales", Title: "Les mentions légales de votre site", Topic: "juridique-rgpd",
			Summary:  "Ce que la loi impose d'afficher sur un site professionnel.",
			Keywords: []string{"mentions légales", "éditeur du site", "hébergeur"},
			URL:      "https://exemple.fr/mentions",
			Body: `# Les mentions légales de votre site

Tout site professionnel doit afficher des mentions légales, sous peine d'amende.

## Ce qu'elles contiennent

Le nom ou la raison sociale de l'éditeur, son adresse, son numéro SIREN, le directeur de la publication et le nom de l'hébergeur.

## Où les placer

Dans une page dédiée, accessible depuis le pied de page de chaque page du site.
`,
		},
		{
			ID: "referencement-naturel", Title: "Améliorer son référencement naturel", Topic: "referencement",
			Summary:  "Apparaître plus haut dans les résultats de Google sans payer.",
			Keywords: []string{"SEO", "référencement", "mots-clés"},
			URL:      "https://exemple.fr/seo",
			Body: `# Améliorer son référencement naturel

Le référencement naturel fait remonter votre site dans les résultats des moteurs de recherche.

## Choisir ses mots-clés

Listez les expressions que vos clients tapent vraiment, avec votre ville et votre métier.

## Soigner chaque page

Un titre précis par page, un texte utile et des liens depuis d'autres sites locaux.
`,
		},
		{
			ID: "mots-de-passe", Title: "Des mots de passe solides", Topic: "cybersecurite",
			Summary:  "Protéger vos comptes avec des mots de passe longs et un gestionnaire.",
			Keywords: []string{"mot de passe", "gestionnaire de mots de passe", "double authentification"},
			URL:      "https://exemple.fr/mdp",
			Body: `# Des mots de passe solides

Un mot de passe par compte, long et unique, protège votre entreprise du piratage.

## Utiliser un gestionnaire

Un gestionnaire de mots de passe retient tous vos mots de passe et en crée de nouveaux.

## Activer la double authentification

Un code reçu sur votre téléphone bloque l'accès même si le mot de passe a fuité.
`,
		},
		{
			ID: "instagram-pro", Title: "Instagram pour les professionnels", Topic: "reseaux-sociaux",
			Summary:  "Ouvrir un compte professionnel Instagram et publier régulièrement.",
			Keywords: []string{"Instagram", "réseaux sociaux", "reels"},
			URL:      "https://exemple.fr/instagram",
			Body: `# Instagram pour les professionnels

Instagram montre vos produits en photos et en vidéos courtes.

## Passer en compte professionnel

Dans les paramètres, choisissez un compte professionnel pour obtenir des statistiques.

## Publier régulièrement

Deux ou trois publications par semaine suffisent, avec des photos nettes et des stories.
`,
		},
	}
}

// newIndex ingests guides into an in-memory index with the offline embedder.
func newIndex(t *testing.T, guides []knowledge.Guide) *memory.Index {
	t.Helper()
	idx := memory.NewIndex()
	if _, err := knowledge.Ingest(context.Background(), idx, knowledge.NewHashEmbedder(), guides, knowledge.IngestOptions{}); err != nil {
		t.Fatalf("Ingest: %v", err)
	}
	return idx
}

// failingEmbedder stands in for a remote embedding model that is down.
type failingEmbedder struct{}

func (failingEmbedder) Model() string { return knowledge.OfflineModel }
func (failingEmbedder) Dim() int      { return knowledge.OfflineDim }
func (failingEmbedder) Embed(context.Context, []string) ([]knowledge.Vector, error) {
	return nil, errors.New("embedding service unavailable")
}

// failingIndex wraps an index and fails the named method.
type failingIndex struct {
	knowledge.Index
	fail string
}

var errIndex = errors.New("index unavailable")

func (x failingIndex) Lexicon(ctx context.Context) (*knowledge.Lexicon, error) {
	if x.fail == "Lexicon" {
		return nil, errIndex
	}
	return x.Index.Lexicon(ctx)
}

func (x failingIndex) SearchTerms(ctx context.Context, q knowledge.TermQuery, k int) ([]knowledge.Candidate, error) {
	if x.fail == "SearchTerms" {
		return nil, errIndex
	}
	return x.Index.SearchTerms(ctx, q, k)
}

func (x failingIndex) SearchVector(ctx context.Context, model string, q knowledge.Vector, k int) ([]knowledge.Candidate, error) {
	if x.fail == "SearchVector" {
		return nil, errIndex
	}
	return x.Index.SearchVector(ctx, model, q, k)
}

func (x failingIndex) GuideChunks(ctx context.Context, guideID, model string) ([]knowledge.Candidate, error) {
	if x.fail == "GuideChunks" {
		return nil, errIndex
	}
	return x.Index.GuideChunks(ctx, guideID, model)
}

func guideIDs(res knowledge.Result) []string {
	var ids []string
	for _, g := range res.Guides {
		ids = append(ids, g.ID)
	}
	return ids
}

// checkResult checks what every result must satisfy, whatever the question.
func checkResult(t *testing.T, res knowledge.Result) {
	t.Helper()
	if len(res.Query.IDF) != len(res.Query.Terms) {
		t.Errorf("query: got %d terms and %d IDF, want as many", len(res.Query.Terms), len(res.Query.IDF))
	}
	for i, p := range res.Passages {
		if p.Score < 0 || p.Score > 1 || p.Lexical < 0 || p.Lexical >= 1 || p.Cosine < 0 || p.Cosine > 1+1e-6 {
			t.Errorf("passage %d: got score %.3f lexical %.3f cosine %.3f, want all in [0, 1]", i, p.Score, p.Lexical, p.Cosine)
		}
		if i > 0 && p.Score > res.Passages[i-1].Score+1e-9 {
			t.Errorf("passage %d: got score %.4f after %.4f, want best first", i, p.Score, res.Passages[i-1].Score)
		}
		for _, m := range p.Matched {
			if !slices.Contains(res.Query.Terms, m) || !slices.Contains(p.Chunk.Terms, m) {
				t.Errorf("passage %d: got matched term %q, want a term of both the query and the chunk", i, m)
			}
		}
	}
	for i, g := range res.Guides {
		if i > 0 && g.Score > res.Guides[i-1].Score {
			t.Errorf("guide %d: got score %.4f after %.4f, want best first", i, g.Score, res.Guides[i-1].Score)
		}
		for _, pi := range g.Passages {
			if pi < 0 || pi >= len(res.Passages) || res.Passages[pi].Chunk.GuideID != g.ID {
				t.Errorf("guide %s: got passage index %d not of this guide", g.ID, pi)
			}
		}
	}
	if res.Coverage < 0 || res.Coverage > 1+1e-9 || res.Confidence < 0 || res.Confidence > 1 {
		t.Errorf("got coverage %.3f confidence %.3f, want both in [0, 1]", res.Coverage, res.Confidence)
	}
}

func TestRetrieveRightGuideFirst(t *testing.T) {
	r := knowledge.NewRetriever(newIndex(t, smallGuides()), knowledge.NewHashEmbedder(), knowledge.Options{})
	tests := []struct {
		question string
		guide    string
	}{
		{"comment je mets mon commerce sur google maps ?", "creer-fiche"},
		{"je veux créer ma fiche GMB", "creer-fiche"},
		{"Google me demande une vidéo pour valider, c'est normal ?", "creer-fiche"},
		{"qu'est-ce que je dois obligatoirement afficher sur mon site ?", "mentions-legales"},
		{"mention legale", "mentions-legales"},
		{"comment remonter dans google ?", "referencement-naturel"},
		{"c'est quoi le SEO", "referencement-naturel"},
		{"j'ai oublié mon mdp", "mots-de-passe"},
		{"c'est quoi un gestionnaire de mots de passe", "mots-de-passe"},
		{"comment publier sur insta", "instagram-pro"},
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res, err := r.Retrieve(context.Background(), tt.question)
			if err != nil {
				t.Fatalf("Retrieve: got error %v, want none", err)
			}
			checkResult(t, res)
			ids := guideIDs(res)
			if len(ids) == 0 || ids[0] != tt.guide {
				t.Fatalf("guides: got %q, want %q first", ids, tt.guide)
			}
			if !res.InScope {
				t.Errorf("got InScope false (confidence %.2f), want true", res.Confidence)
			}
			top, _ := res.Top()
			if top.Chunk.GuideID != tt.guide || len(top.Matched) == 0 {
				t.Errorf("top passage: got %s with matched %q, want a passage of %s matching the question", top.Chunk.Key(), top.Matched, tt.guide)
			}
			if g := res.Guides[0]; g.Title == "" || g.URL == "" || g.Topic == "" {
				t.Errorf("guide hit: got %+v, want its title, topic and URL", g)
			}
		})
	}
}

// The closing "Besoin d'aide ?" section is not a passage: a question about coaching must not
// be answered by it.
func TestRetrieveSkipsClosingSection(t *testing.T) {
	r := knowledge.NewRetriever(newIndex(t, smallGuides()), knowledge.NewHashEmbedder(), knowledge.Options{})
	res, err := r.Retrieve(context.Background(), "réserver un rendez-vous avec un coach")
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range res.Passages {
		if strings.Contains(p.Chunk.Text, "Réservez un rendez-vous") {
			t.Errorf("got the closing section as passage %s, want it not indexed", p.Chunk.Key())
		}
	}
}

func TestRetrieveCorrectsTypos(t *testing.T) {
	r := knowledge.NewRetriever(newIndex(t, smallGuides()), knowledge.NewHashEmbedder(), knowledge.Options{})
	tests := []struct {
		question  string
		corrected map[string]string
		guide     string
	}{
		{"comment ameliorer mon referencment", map[string]string{"referencment": "referencement"}, "referencement-naturel"},
		{"ouvrir un compte instagrm", map[string]string{"instagrm": "instagram"}, "instagram-pro"},
		{"la validaton de ma fiche", map[string]string{"validaton": "validation"}, "creer-fiche"},
		{"gestionaire de mots de passe", map[string]string{"gestionaire": "gestionnaire"}, "mots-de-passe"},
		{"créer ma fiche google", nil, "creer-fiche"}, // nothing to correct
	}
	for _, tt := range tests {
		t.Run(tt.question, func(t *testing.T) {
			res, err := r.Retrieve(context.Background(), tt.question)
			if err != nil {
				t.Fatalf("Retrieve: got error %v, want none", err)
			}
			if diff := cmp.Diff(tt.corrected, res.Query.Corrected); diff != "" {
				t.Errorf("Corrected: got %v, want %v (-want +got):\n%s", res.Query.Corrected, tt.corrected, diff)
			}
			if ids := guideIDs(res); len(ids) == 0 || ids[0] != tt.guide {
				t.Errorf("guides: got %q, want %q first", ids, tt.guide)
			}
			if res.Query.Text != tt.question {
				t.Errorf("Query.Text: got %q, want the question as asked %q", res.Query.Text, tt.question)
			}
		})
	}
}

func TestRetrieveOutOfScope(t *testing.T) {
	r := knowledge.NewRetriever(newIndex(t, smallGuides()), knowledge.NewHashEmbedder(), knowledge.Options{})
	for _, q := range []string{
		"recette de la blanquette de veau",
		"quel temps fera-t-il demain à Brest ?",
		"qui a gagné la coupe du monde de football",
	} {
		t.Run(q, func(t *testing.T) {
			res, err := r.Retrieve(context.Background(), q)
			if err != nil {
				t.Fatalf("Retrieve: got error %v, want none", err)
			}
			checkResult(t, res)
			if res.InScope {
				top, _ := res.Top()
				t.Errorf("got InScope true (confidence %.2f, top %s), want false", res.Confidence, top.Chunk.Key())
			}
		})
	}
}

func TestRetrieveNoTerms(t *testing.T) {
	r := knowledge.NewRetriever(newIndex(t, smallGuides()), knowledge.NewHashEmbedder(), knowledge.Options{})
	for _, q := range []string{"", "   ", "bonjour merci", "?!", "🙂"} {
		t.Run(q, func(t *testing.T) {
			res, err := r.Retrieve(context.Background(), q)
			if err != nil {
				t.Fatalf("Retrieve: got error %v, want none", err)
			}
			if len(res.Query.Terms) != 0 || len(res.Passages) != 0 || len(res.Guides) != 0 || res.InScope {
				t.Errorf("got terms %q, %d passages, %d guides, in scope %v, want nothing", res.Query.Terms, len(res.Passages), len(res.Guides), res.InScope)
			}
		})
	}
}

func TestRetrieveEmptyIndex(t *testing.T) {
	r := knowledge.NewRetriever(memory.NewIndex(), knowledge.NewHashEmbedder(), knowledge.Options{})
	_, err := r.Retrieve(context.Background(), "créer ma fiche Google")
	if !errors.Is(err, knowledge.ErrEmptyIndex) {
		t.Errorf("Retrieve on an empty index: got error %v, want ErrEmptyIndex", err)
	}
}

func TestRetrieveDegradedWithoutEmbedder(t *testing.T) {
	r := knowledge.NewRetriever(newIndex(t, smallGuides()), failingEmbedder{}, knowledge.Options{})
	res, err := r.Retrieve(context.Background(), "comment créer ma fiche Google Maps")
	if err != nil {
		t.Fatalf("Retrieve: got error %v, want lexical results", err)
	}
	if res.Degraded != "vector" {
		t.Errorf("Degraded: got %q, want %q", res.Degraded, "vector")
	}
	checkResult(t, res)
	if ids := guideIDs(res); len(ids) == 0 || ids[0] != "creer-fiche" {
		t.Errorf("guides: got %q, want %q first from lexical search alone", ids, "creer-fiche")
	}
	for i, p := range res.Passages {
		if p.Cosine != 0 || math.Abs(p.Score-p.Lexical) > 1e-12 {
			t.Errorf("passage %d: got cosine %.3f score %.3f lexical %.3f, want the lexical score alone", i, p.Cosine, p.Score, p.Lexical)
		}
	}

	// with a working embedder, nothing is degraded
	ok := knowledge.NewRetriever(newIndex(t, smallGuides()), knowledge.NewHashEmbedder(), knowledge.Options{})
	res, err = ok.Retrieve(context.Background(), "comment créer ma fiche Google Maps")
	if err != nil || res.Degraded != "" {
		t.Errorf("working embedder: got degraded %q, error %v, want neither", res.Degraded, err)
	}
}

func TestRetrieveCanceled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := knowledge.NewRetriever(newIndex(t, smallGuides()), failingEmbedder{}, knowledge.Options{})
	if _, err := r.Retrieve(ctx, "créer ma fiche Google"); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled context and failing embedder: got error %v, want context.Canceled", err)
	}
}

func TestRetrieveIndexErrors(t *testing.T) {
	idx := newIndex(t, smallGuides())
	for _, method := range []string{"Lexicon", "SearchTerms", "SearchVector", "GuideChunks"} {
		t.Run(method, func(t *testing.T) {
			r := knowledge.NewRetriever(failingIndex{Index: idx, fail: method}, knowledge.NewHashEmbedder(), knowledge.Options{})
			_, err := r.Retrieve(context.Background(), "créer ma fiche Google")
			if !errors.Is(err, errIndex) {
				t.Errorf("got error %v, want one wrapping %v", err, errIndex)
			}
		})
	}
}

// The best guide's other sections come with it, so that an answer can use any of them.
func TestRetrieveBringsTheBestGuidesSections(t *testing.T) {
	guides := smallGuides()
	// one candidate per search: the other sections can only come from the guide itself
	r := knowledge.NewRetriever(newIndex(t, guides), knowledge.NewHashEmbedder(), knowledge.Options{Candidates: 1})
	res, err := r.Retrieve(context.Background(), "valider ma fiche Google avec une vidéo")
	if err != nil {
		t.Fatal(err)
	}
	want := len(knowledge.Split(guides[0]))
	var got int
	for _, p := range res.Passages {
		if p.Chunk.GuideID == "creer-fiche" {
			got++
		}
	}
	if got != want {
		t.Errorf("passages of the best guide: got %d, want all its %d chunks", got, want)
	}
}

func TestRetrieveOptions(t *testing.T) {
	idx := newIndex(t, smallGuides())
	def := knowledge.NewRetriever(idx, knowledge.NewHashEmbedder(), knowledge.Options{}).Options()
	if def.Candidates <= 0 || def.Passages <= 0 || def.VectorWeight <= 0 || def.VectorWeight >= 1 || def.MinConfidence <= 0 || def.MinConfidence >= 1 {
		t.Errorf("default options: got %+v, want positive counts and weights in (0, 1)", def)
	}
	custom := knowledge.Options{Candidates: 5, Passages: 2, VectorWeight: 0.5, MinConfidence: 0.6}
	if got := knowledge.NewRetriever(idx, knowledge.NewHashEmbedder(), custom).Options(); got != custom {
		t.Errorf("custom options: got %+v, want %+v", got, custom)
	}
	partial := knowledge.NewRetriever(idx, knowledge.NewHashEmbedder(), knowledge.Options{Passages: 3}).Options()
	if want := (knowledge.Options{Candidates: def.Candidates, Passages: 3, VectorWeight: def.VectorWeight, MinConfidence: def.MinConfidence}); partial != want {
		t.Errorf("options with only Passages set: got %+v, want %+v", partial, want)
	}

	r := knowledge.NewRetriever(idx, knowledge.NewHashEmbedder(), knowledge.Options{Passages: 2})
	res, err := r.Retrieve(context.Background(), "site google fiche mots de passe instagram")
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Passages) < 2 {
		t.Fatalf("Options.Passages 2: got %d passages, want at least 2", len(res.Passages))
	}
	for _, p := range res.Passages[2:] {
		if p.Chunk.GuideID != res.Passages[0].Chunk.GuideID {
			t.Errorf("Options.Passages 2: passage %s kept beyond the first two, want only sections of the best guide", p.Chunk.Key())
		}
	}
}

// Retrieval is deterministic: the same question gives the same result.
func TestRetrieveDeterministic(t *testing.T) {
	r := knowledge.NewRetriever(newIndex(t, smallGuides()), knowledge.NewHashEmbedder(), knowledge.Options{})
	first, err := r.Retrieve(context.Background(), "comment avoir des avis sur ma fiche google")
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 5; i++ {
		again, err := r.Retrieve(context.Background(), "comment avoir des avis sur ma fiche google")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(first, again); diff != "" {
			t.Fatalf("run %d: got a different result (-first +again):\n%s", i, diff)
		}
	}
}

func TestAnalyze(t *testing.T) {
	lex := knowledge.NewLexicon(knowledge.StatsOf(knowledge.Split(smallGuides()[2])))
	tests := []struct {
		name      string
		lex       *knowledge.Lexicon
		q         string
		corrected map[string]string
		terms     []string
	}{
		{"no lexicon: no correction", nil, "referencment naturel", nil, []string{"referencment", "naturel"}},
		{"typo corrected before analysis", lex, "referencment naturel", map[string]string{"referencment": "referencement"}, []string{"_seo", "referenc", "naturel"}},
		{"terms are distinct", lex, "SEO seo Seo", nil, []string{"_seo", "seo"}},
		{"stop words only", lex, "je voudrais savoir", nil, []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := knowledge.Analyze(tt.lex, tt.q)
			if q.Text != tt.q {
				t.Errorf("Text: got %q, want %q", q.Text, tt.q)
			}
			if diff := cmp.Diff(tt.corrected, q.Corrected); diff != "" {
				t.Errorf("Corrected: got %v, want %v (-want +got):\n%s", q.Corrected, tt.corrected, diff)
			}
			if diff := cmp.Diff(tt.terms, q.Terms); diff != "" {
				t.Errorf("Terms: got %q, want %q (-want +got):\n%s", q.Terms, tt.terms, diff)
			}
		})
	}
}

func TestQueryWeight(t *testing.T) {
	q := knowledge.Query{Terms: []string{"a", "b", "c"}, IDF: []float64{1.5, 2.5}}
	tests := []struct {
		term string
		want float64
	}{
		{"a", 1.5},
		{"b", 2.5},
		{"c", 0}, // no IDF for it
		{"z", 0},
	}
	for _, tt := range tests {
		if got := q.Weight(tt.term); got != tt.want {
			t.Errorf("Weight(%q): got %v, want %v", tt.term, got, tt.want)
		}
	}
}

func TestBM25(t *testing.T) {
	q := knowledge.TermQuery{Terms: []string{"fich", "googl"}, IDF: []float64{2, 1}, AvgLen: 4}
	if got := q.BM25([]string{"autre", "mot"}); got != 0 {
		t.Errorf("BM25 without a query term: got %v, want 0", got)
	}
	one := q.BM25([]string{"fich", "x", "y", "z"})
	two := q.BM25([]string{"fich", "fich", "y", "z"})
	both := q.BM25([]string{"fich", "googl", "y", "z"})
	long := q.BM25([]string{"fich", "a", "b", "c", "d", "e", "f", "g"})
	if !(two > one && both > one && one > long) {
		t.Errorf("BM25: got one %.4f, twice %.4f, both terms %.4f, in a long chunk %.4f, want twice and both > one > long", one, two, both, long)
	}
	bound := (knowledge.BM25K1 + 1) * (2 + 1)
	if many := q.BM25(slices.Repeat([]string{"fich", "googl"}, 50)); many >= bound {
		t.Errorf("BM25: got %.4f, want under the bound %.4f", many, bound)
	}
	// at average length, tf 1 gives exactly 1
	if got := knowledge.BM25TF(1, 4, 4); math.Abs(got-1) > 1e-12 {
		t.Errorf("BM25TF(1, avg, avg): got %v, want 1", got)
	}
	if got := knowledge.BM25TF(1, 4, 0); math.IsNaN(got) || math.IsInf(got, 0) {
		t.Errorf("BM25TF with a zero average: got %v, want a number", got)
	}
}

func TestResultTop(t *testing.T) {
	if _, ok := (knowledge.Result{}).Top(); ok {
		t.Errorf("Top of an empty result: got ok, want false")
	}
	r := knowledge.Result{Passages: []knowledge.Passage{{Score: 0.9}, {Score: 0.5}}}
	if p, ok := r.Top(); !ok || p.Score != 0.9 {
		t.Errorf("Top: got %+v, %v, want the first passage", p, ok)
	}
}

// inflatedEmbedder stands for an API embedding model whose cosines have another scale: every
// vector shares a large common part, so that unrelated texts score about 0.8.
type inflatedEmbedder struct{ h *knowledge.HashEmbedder }

func (inflatedEmbedder) Model() string { return "inflated-test" }
func (inflatedEmbedder) Dim() int      { return knowledge.OfflineDim + 1 }
func (e inflatedEmbedder) Embed(ctx context.Context, texts []string) ([]knowledge.Vector, error) {
	vs, err := e.h.Embed(ctx, texts)
	out := make([]knowledge.Vector, len(vs))
	for i, v := range vs {
		w := make(knowledge.Vector, 0, len(v)+1)
		for _, x := range v {
			w = append(w, 0.5*x)
		}
		out[i] = knowledge.Normalize(append(w, 1))
	}
	return out, err
}

// Scope is judged on the offline cosine whatever embedding model ranks the passages: a model
// whose cosines are all high must not let off-topic questions in.
func TestScopeDoesNotDependOnTheEmbeddingModelsScale(t *testing.T) {
	ctx := context.Background()
	guides := knowledgetest.Bundled(t)
	var items []knowledgetest.EvalItem
	for _, set := range []string{"eval.jsonl", "holdout.jsonl"} {
		its, err := knowledgetest.LoadEval(knowledgetest.SetPath(set))
		if err != nil {
			t.Fatal(err)
		}
		items = append(items, its...)
	}
	report := func(emb knowledge.Embedder) knowledgetest.EvalReport {
		idx := memory.NewIndex()
		if _, err := knowledge.Ingest(ctx, idx, emb, guides, knowledge.IngestOptions{}); err != nil {
			t.Fatal(err)
		}
		rep, err := knowledgetest.Evaluate(ctx, knowledge.NewRetriever(idx, emb, knowledge.Options{}), items)
		if err != nil {
			t.Fatal(err)
		}
		return rep
	}
	offline := report(knowledge.NewHashEmbedder())
	inflated := report(inflatedEmbedder{knowledge.NewHashEmbedder()})
	t.Logf("out of scope recognised: offline %.3f, inflated %.3f; in scope kept: %.3f, %.3f",
		offline.OOSCaught, inflated.OOSCaught, offline.InScopeKept, inflated.InScopeKept)
	if inflated.OOSCaught < offline.OOSCaught-0.03 || inflated.InScopeKept < offline.InScopeKept-0.03 {
		t.Errorf("scope depends on the embedding model's scale")
	}
}
