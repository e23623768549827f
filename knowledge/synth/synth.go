// Package synth derives large synthetic corpora from the bundled guides, for benchmarks: each
// guide is rewritten many times for a given trade and town, with its sentences reordered,
// some words replaced by synonyms and sentences added, so that the corpus has the size, the
// vocabulary and the near-duplicates of a real programme's library. Questions with known
// answers come with it. Everything is reproducible from a seed.
package synth

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// Question is an owner's question whose answer is a known guide of the corpus: the variant
// for the owner's trade and town when the question names them, otherwise any variant of the
// guide is a right answer.
type Question struct {
	Q     string `json:"q"`
	Guide string `json:"guide"`
	// Base is the bundled guide that Guide derives from; Specific, that the question names the
	// trade and town of Guide (otherwise every variant of Base answers it).
	Base     string `json:"base"`
	Specific bool   `json:"specific"`
}

// Answers reports whether the guide with this id answers q.
func (q Question) Answers(id string) bool {
	if q.Specific {
		return id == q.Guide
	}
	return strings.HasPrefix(id, q.Base+"-")
}

// Item is a question of an evaluation set about a base guide.
type Item struct {
	Q, Guide string
}

var trades = strings.Split("boulanger,boulangère,plombier,électricienne,coiffeuse,coiffeur,fleuriste,garagiste,"+
	"menuisier,maçon,peintre en bâtiment,kinésithérapeute,ostéopathe,architecte,avocate,expert-comptable,"+
	"restaurateur,traiteur,pâtissier,boucher,charcutière,caviste,libraire,opticien,pharmacienne,"+
	"esthéticienne,prothésiste ongulaire,tatoueur,photographe,graphiste,développeuse web,couturière,"+
	"cordonnier,serrurier,chauffagiste,couvreur,paysagiste,jardinier,agent immobilier,gérante de gîte,"+
	"hôtelier,moniteur d'auto-école,professeur de yoga,coach sportif,diététicienne,vétérinaire,toiletteur,"+
	"épicier,primeur,fromager,brasseur,vigneronne,apicultrice,ébéniste,potière,bijoutière,vendeur de vélos,"+
	"dépanneur informatique,taxi,déménageur,nettoyage de bureaux", ",")

var towns = strings.Split("Marseille,Nice,Toulon,Avignon,Aix-en-Provence,Gap,Digne-les-Bains,Arles,Antibes,Cannes,"+
	"Lille,Roubaix,Tourcoing,Dunkerque,Valenciennes,Douai,Cambrai,Maubeuge,Armentières,Villeneuve-d'Ascq,"+
	"Lyon,Grenoble,Saint-Étienne,Annecy,Chambéry,Valence,Villeurbanne,Bourg-en-Bresse,Roanne,Vienne,"+
	"Paris,Versailles,Nanterre,Créteil,Bobigny,Évry,Cergy,Meaux,Montreuil,Saint-Denis,Argenteuil,Boulogne-Billancourt,"+
	"Bourgoin-Jallieu,Montélimar,Aubagne,Hyères,Fréjus,Menton,Grasse,Cavaillon,Orange,Carpentras,Salon-de-Provence,"+
	"Lens,Béthune,Arras,Calais,Boulogne-sur-Mer,Saint-Omer,Hazebrouck,Thonon-les-Bains,Aix-les-Bains,Vichy,"+
	"Clermont-Ferrand,Mâcon,Oyonnax,Rambouillet,Étampes,Melun,Fontainebleau,Provins,Pontoise,Sarcelles", ",")

// synonyms are swapped both ways, a word at a time, with some probability.
var synonyms = [][2]string{
	{"entreprise", "société"}, {"clients", "clientèle"}, {"gratuit", "sans frais"}, {"rapidement", "vite"},
	{"vérifiez", "contrôlez"}, {"choisissez", "sélectionnez"}, {"important", "essentiel"}, {"souvent", "fréquemment"},
	{"simple", "facile"}, {"utilisez", "employez"}, {"commencez", "démarrez"}, {"ajoutez", "rajoutez"},
	{"régulièrement", "de façon régulière"}, {"professionnel", "pro"}, {"démarche", "procédure"}, {"conseil", "astuce"},
}

var asides = []string{
	"c'est souvent la première chose que regardent les clients du quartier.",
	"prévoyez une petite heure pour le faire la première fois.",
	"demandez conseil à la CCI si vous hésitez.",
	"les clients de passage comparent souvent deux ou trois établissements.",
	"pensez à le noter dans votre agenda pour ne pas l'oublier.",
	"le bouche-à-oreille ne suffit plus toujours.",
	"un proche peut vous aider à vérifier le résultat.",
	"commencez petit et améliorez au fil des semaines.",
}

// Corpus derives from base guides a corpus of at least chunks chunks (the last guide is
// whole), and for each item a question about one of the variants of its guide.
//
// A variant keeps its guide's headings and most of its sentences (each with probability
// 0.7, lists items 0.8), borrows a sentence from another guide of the same topic in half of
// its paragraphs, names a trade and a town, and swaps some words for synonyms: variants of
// one guide are related but not copies, as guides written by different chambers would be.
func Corpus(base []knowledge.Guide, items []Item, chunks int, seed uint64) ([]knowledge.Guide, []Question) {
	rng := rand.New(rand.NewPCG(seed, 0x636f616368626f74))
	pools := sentencePools(base)
	var out []knowledge.Guide
	variants := map[string][]int{} // base id -> indexes in out
	audience := make([][2]string, 0)
	n := 0
	for k := 0; n < chunks; k++ {
		g := base[k%len(base)]
		trade, town := trades[rng.IntN(len(trades))], towns[rng.IntN(len(towns))]
		v := variant(g, k/len(base), trade, town, pools[g.Topic], rng)
		n += len(knowledge.Split(v))
		variants[g.ID] = append(variants[g.ID], len(out))
		out = append(out, v)
		audience = append(audience, [2]string{trade, town})
	}
	var qs []Question
	for _, it := range items {
		vs := variants[it.Guide]
		if len(vs) == 0 {
			continue
		}
		i := vs[rng.IntN(len(vs))]
		a := audience[i]
		// half of the owners say who and where they are, as they do in real messages
		q := Question{Q: it.Q, Guide: out[i].ID, Base: it.Guide}
		if rng.IntN(2) == 0 {
			q.Q = strings.TrimRight(it.Q, " ?!.") + fmt.Sprintf(" ? je suis %s à %s", a[0], a[1])
			q.Specific = true
		}
		qs = append(qs, q)
	}
	return out, qs
}

// sentencePools are the sentences of the guides' paragraphs, by topic.
func sentencePools(base []knowledge.Guide) map[string][]string {
	pools := map[string][]string{}
	for _, g := range base {
		for _, para := range strings.Split(g.Body, "\n\n") {
			if para == "" || strings.HasPrefix(para, "#") || strings.HasPrefix(para, "1.") || strings.HasPrefix(para, "- ") {
				continue
			}
			for _, s := range strings.SplitAfter(para, ". ") {
				if s = strings.TrimSpace(s); len(s) > 40 {
					pools[g.Topic] = append(pools[g.Topic], s)
				}
			}
		}
	}
	return pools
}

func variant(g knowledge.Guide, k int, trade, town string, pool []string, rng *rand.Rand) knowledge.Guide {
	v := g
	v.ID = fmt.Sprintf("%s-%05d", g.ID, k)
	v.Title = fmt.Sprintf("%s (%s, %s)", g.Title, trade, town)
	v.Keywords = append(append([]string(nil), g.Keywords...), trade, town)
	v.File = ""
	var b strings.Builder
	for _, para := range strings.Split(g.Body, "\n\n") {
		if para == "" {
			continue
		}
		if strings.HasPrefix(para, "#") {
			b.WriteString(para)
			b.WriteString("\n\n")
			continue
		}
		if strings.HasPrefix(para, "1.") || strings.HasPrefix(para, "- ") {
			lines := strings.Split(para, "\n")
			var kept []string
			for i, l := range lines {
				if rng.Float64() < 0.8 || len(kept)+len(lines)-i <= 2 {
					kept = append(kept, l)
				}
			}
			b.WriteString(swap(strings.Join(kept, "\n"), rng))
			b.WriteString("\n\n")
			continue
		}
		var kept []string
		sentences := strings.SplitAfter(para, ". ")
		for i, sn := range sentences {
			if rng.Float64() < 0.7 || (len(kept) == 0 && i == len(sentences)-1) {
				kept = append(kept, strings.TrimSpace(sn))
			}
		}
		if len(pool) > 0 && rng.IntN(2) == 0 {
			kept = slices.Insert(kept, rng.IntN(len(kept)+1), pool[rng.IntN(len(pool))])
		}
		if len(kept) > 2 && rng.IntN(3) == 0 {
			i := rng.IntN(len(kept) - 1)
			kept[i], kept[i+1] = kept[i+1], kept[i]
		}
		text := strings.Join(kept, " ")
		if !strings.HasSuffix(text, ".") && !strings.HasSuffix(text, ":") && !strings.HasSuffix(text, "?") {
			text += "."
		}
		if rng.IntN(2) == 0 {
			text += fmt.Sprintf(" Pour un %s à %s, %s", trade, town, asides[rng.IntN(len(asides))])
		}
		b.WriteString(swap(text, rng))
		b.WriteString("\n\n")
	}
	v.Body = b.String()
	return v
}

func swap(text string, rng *rand.Rand) string {
	for _, s := range synonyms {
		for _, dir := range [][2]string{s, {s[1], s[0]}} {
			if strings.Contains(text, " "+dir[0]+" ") && rng.IntN(3) == 0 {
				text = strings.Replace(text, " "+dir[0]+" ", " "+dir[1]+" ", 1)
			}
		}
	}
	return text
}
