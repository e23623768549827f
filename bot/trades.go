package bot

import (
	"regexp"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// trades are activities owners name, folded, as they say them; the longest matching phrase
// is the activity an owner mentioned. A match is a whole word or phrase.
var trades = strings.Fields(strings.NewReplacer(",", " ", "\n", " ").Replace(`
boulangerie boulanger boulangere patisserie patissier patissiere chocolatier chocolaterie
boucherie boucher bouchere charcuterie charcutier traiteur fromagerie fromager fromagere
poissonnerie poissonnier epicerie epicier epiciere caviste cave_a_vin restaurant restauratrice
restaurateur resto brasserie bistrot creperie pizzeria pizzaiolo food_truck foodtruck snack
salon_de_the cafe bar hotel hoteliere hotelier gite gites chambre_d_hotes chambres_d_hotes camping
coiffeur coiffeuse salon_de_coiffure barbier barber estheticienne institut_de_beaute onglerie
prothesiste_ongulaire tatoueur tatoueuse salon_de_tatouage spa masseur masseuse fleuriste plombier
chauffagiste electricien electricienne menuisier ebeniste charpentier couvreur macon peintre
plaquiste carreleur serrurier vitrier paysagiste jardinier elagueur pisciniste garagiste garage
carrossier carrosserie mecanicien auto-ecole auto_ecole moto-ecole taxi vtc ambulancier demenageur
photographe videaste graphiste architecte decoratrice decorateur avocat avocate notaire huissier
expert-comptable geometre medecin dentiste kine kinesitherapeute osteopathe infirmier infirmiere
sage-femme psychologue podologue orthophoniste dieteticienne dieteticien naturopathe sophrologue
pharmacie pharmacien opticien opticienne audioprothesiste veterinaire toiletteur toiletteuse
pension_canine librairie libraire bijouterie bijoutier bijoutiere horloger couturiere couturier
retoucherie cordonnier cordonnerie pressing laverie pret-a-porter magasin_de_vetements
boutique_de_vetements friperie boutique_de_deco magasin_de_jouets quincaillerie droguerie
ceramiste potier potiere artisan_d_art createur creatrice artiste musicien photographe
professeur_de_musique coach_sportif salle_de_sport salle_de_fitness professeur_de_yoga yoga
agent_immobilier agence_immobiliere assureur courtier consultant consultante formateur
formatrice traducteur traductrice informaticien reparateur depanneur electromenager
maraicher maraichere agriculteur agricultrice viticulteur viticultrice vigneron vigneronne
domaine_viticole brasseur brasserie_artisanale apiculteur apicultrice eleveur eleveuse
producteur productrice antiquaire brocanteur brocante creche micro-creche
assistante_maternelle aide_a_domicile menage nettoyage pompes_funebres marchand_de_vin
commercant commercante artisan artisane auto-entrepreneur micro-entrepreneur
ambulant forain foraine commerce_ambulant
maconnerie plomberie menuiserie charpente serrurerie vitrerie ebenisterie toilettage optique
primeur glacier mercerie papeterie imprimerie tabac bar_tabac tabac_presse bar-tabac tabac-presse
boulangerie-patisserie plomberie-chauffage salon_de_beaute barbershop friterie rotisserie
kebab sandwicherie torrefacteur cave_a_bieres epicerie_fine salon_de_toilettage`))

// tradeIndex maps the first word of each trade to its phrases (as words), longest first.
var tradeIndex = func() map[string][][]string {
	idx := map[string][][]string{}
	for _, t := range trades {
		ws := strings.Split(strings.ReplaceAll(t, "_", " "), " ")
		for i, w := range ws {
			ws[i] = knowledge.Fold(w)
		}
		idx[ws[0]] = append(idx[ws[0]], ws)
	}
	for k, ps := range idx {
		for i := 1; i < len(ps); i++ {
			for j := i; j > 0 && len(ps[j]) > len(ps[j-1]); j-- {
				ps[j], ps[j-1] = ps[j-1], ps[j]
			}
		}
		idx[k] = ps
	}
	return idx
}()

// genericTrades say that the owner has a business, not which: kept only when nothing more
// precise is named.
var genericTrades = map[string]bool{"commercant": true, "commercante": true, "artisan": true, "artisane": true,
	"auto-entrepreneur": true, "micro-entrepreneur": true, "ambulant": true,
	"createur": true, "creatrice": true, "producteur": true, "productrice": true, "garage": true, "bar": true,
	"cafe": true, "menage": true, "nettoyage": true, "yoga": true, "spa": true}

// businessWords start the names of places of business; other trades name a person, who
// after "mon", "ma", "notre" is the owner's supplier ("mon comptable"), not the owner.
var businessWords = map[string]bool{"restaurant": true, "resto": true, "brasserie": true, "bistrot": true,
	"bar-tabac": true, "tabac": true, "tabac-presse": true, "barbershop": true, "kebab": true,
	"optique": true, "toilettage": true, "charpente": true, "boulangerie-patisserie": true,
	"plomberie-chauffage": true,
	"pizzeria":            true, "snack": true, "salon": true, "cafe": true, "bar": true, "hotel": true, "gite": true,
	"gites": true, "camping": true, "chambre": true, "chambres": true, "garage": true, "spa": true, "institut": true,
	"boutique": true, "magasin": true, "agence": true, "salle": true, "domaine": true, "auto-ecole": true,
	"auto": true, "moto-ecole": true, "creche": true, "micro-creche": true, "food": true, "foodtruck": true,
	"cave": true, "pension": true, "carrosserie": true, "brocante": true, "commerce": true, "pressing": true,
	"laverie": true, "friperie": true}

// TradeIn returns the activity an owner names in a message ("je suis fleuriste à Lyon",
// "pour ma boulangerie"), as the words they used, or "".
func TradeIn(text string) string {
	words := strings.Fields(strings.NewReplacer("'", " ", "’", " ", ",", " ", ".", " ", "!", " ", "?", " ", ";", " ", ":", " ", "(", " ", ")", " ").Replace(knowledge.Fold(text)))
	// "plombier-chauffagiste", "épicerie-dépôt de pain": a compound the list does not know
	// is read as its parts; "auto-école", which it knows, stays whole
	for i := 0; i < len(words); i++ {
		if w := words[i]; strings.Contains(w, "-") && tradeIndex[w] == nil {
			parts := strings.Split(w, "-")
			words = append(words[:i], append(parts, words[i+1:]...)...)
			i += len(parts) - 1
		}
	}
	best, generic := "", ""
	for i, w := range words {
		for _, p := range tradeIndex[w] {
			if i+len(p) > len(words) || strings.Join(words[i:i+len(p)], " ") != strings.Join(p, " ") {
				continue
			}
			phrase := strings.Join(p, " ")
			business := businessWords[p[0]] || strings.HasSuffix(p[len(p)-1], "ie")
			if i > 0 && !business {
				switch words[i-1] {
				case "mon", "ma", "mes", "notre", "nos", "leur", "le", "la", "un", "une", "du", "au", "son", "sa", "ses", "votre", "vos":
					continue // someone else: "mon comptable", "un plombier"
				}
			}
			if genericTrades[phrase] {
				if generic == "" {
					generic = phrase
				}
			} else if best == "" {
				best = phrase
			}
			break
		}
	}
	if best == "" && generic == "" {
		if told := tradeTold(words); told != "" {
			return told
		}
		return shopTold(text)
	}
	if best == "" {
		return generic
	}
	return best
}

// tradeTold finds a trade the list does not know, as owners say it: "je suis savonnière",
// "on est ébénistes", a noun with a trade's ending right after "je suis".
func tradeTold(words []string) string {
	// "je tiens une boutique de laines et de tricot", "on a un magasin de jouets": the place
	// of business and what it sells
	for i := 0; i+3 < len(words); i++ {
		if (words[i] == "tiens" || words[i] == "tient" || words[i] == "tenons" || words[i] == "gere" || words[i] == "ai" || words[i] == "avons" || words[i] == "a") &&
			(words[i+1] == "un" || words[i+1] == "une") && placeOfBusiness[words[i+2]] && (words[i+3] == "de" || words[i+3] == "d") && i+4 < len(words) {
			end := i + 5
			if end+2 <= len(words) && words[end] == "et" && (words[end+1] == "de" || words[end+1] == "d") && end+2 < len(words) {
				end += 3
			}
			return strings.Join(words[i+2:min(end, len(words))], " ")
		}
	}
	for i := 0; i+2 < len(words); i++ {
		// "atelier de réparation vélo à Grenoble", "mon institut de beauté": a place of
		// business that opens the message or is the owner's, and its trade
		if placeOfBusiness[words[i]] && (i == 0 || ownerWords[words[i-1]]) && (words[i+1] == "de" || words[i+1] == "d") {
			if what := phraseUntilStop(words[i+2:], 3); what != "" {
				return words[i] + " de " + what
			}
		}
		// "je vends des bijoux faits main sur Etsy", "on fabrique des bougies": what the owner
		// makes or sells
		if sellWords[words[i]] && i > 0 && (words[i-1] == "je" || words[i-1] == "j" || words[i-1] == "on" || words[i-1] == "nous") &&
			(words[i+1] == "des" || words[i+1] == "du" || words[i+1] == "de" || words[i+1] == "mes" || words[i+1] == "nos") {
			if what := phraseUntilStop(words[i+2:], 3); what != "" && !knowledge.DomainSignal(what) {
				return "vente de " + what
			}
		}
	}
	for i := 2; i+2 < len(words); i++ {
		// "on est une PME de 8 personnes dans le décolletage", "je travaille dans la
		// restauration": the trade the business is in
		if words[i] != "dans" || words[i+1] != "le" && words[i+1] != "la" && words[i+1] != "l" {
			continue
		}
		told := false
		for k := max(0, i-7); k < i; k++ {
			told = told || inTradeVerbs[words[k]]
		}
		if what := phraseUntilStop(words[i+2:], 2); told && len(what) >= 5 && !notTrades[what] && !notInTrade[strings.Fields(what)[0]] {
			return what
		}
	}
	for i := 0; i+1 < len(words); i++ {
		j := -1
		switch {
		case words[i] == "suis" && i > 0 && (words[i-1] == "je" || words[i-1] == "j"), words[i] == "jsuis", words[i] == "chui":
			j = i + 1
		case words[i] == "sommes" || words[i] == "est" && i > 0 && words[i-1] == "on":
			j = i + 1
		}
		if j < 0 || j >= len(words) {
			continue
		}
		if (words[j] == "un" || words[j] == "une") && j+1 < len(words) {
			j++
		}
		w := words[j]
		if len(w) < 5 || notTrades[w] {
			continue
		}
		for _, suf := range tradeEndings {
			if strings.HasSuffix(w, suf) {
				return w
			}
		}
	}
	return ""
}

// shopTold finds a shop the list does not know by its name in « -erie », where an owner names
// their own business: opening a sentence or after « ma », « notre », « une », and followed by
// where it is (« Savonnerie à Privas, 07000 », « je tiens une biscuiterie en Vendée »).
func shopTold(text string) string {
	m := shopName.FindStringSubmatch(strings.ToLower(knowledge.Fold(text)))
	if m == nil || notShops[m[1]] {
		return ""
	}
	return m[1]
}

var shopName = regexp.MustCompile(`(?:^|[.!?]\s+|\b(?:ma|mon|notre|une|la)\s+)([a-z]{3,}eries?)(?:\s+(?:a|à|en|de|dans|pres|vers)\b|\s*[,.;!?]|$)`)

// notShops end in « -erie » without naming a shop.
var notShops = map[string]bool{"batterie": true, "serie": true, "series": true, "loterie": true, "gendarmerie": true,
	"escroquerie": true, "tromperie": true, "messagerie": true, "billetterie": true, "tresorerie": true,
	"plaisanterie": true, "connerie": true, "piraterie": true, "boiserie": true,
	"loteries": true, "batteries": true, "messageries": true}

// inTradeVerbs say that a business is in the trade "dans le …" names.
var inTradeVerbs = map[string]bool{"est": true, "sommes": true, "suis": true, "travaille": true, "travaillons": true,
	"bosse": true, "bossons": true, "specialises": true, "specialise": true, "specialisee": true}

// notInTrade are what "dans le …" names that is no trade: a place, a time, a state.
var notInTrade = map[string]bool{"coin": true, "centre": true, "quartier": true, "village": true, "ville": true,
	"region": true, "secteur": true, "departement": true, "sud": true, "nord": true, "besoin": true,
	"doute": true, "rouge": true, "flou": true, "metier": true, "cadre": true, "temps": true, "moment": true,
	"mois": true, "semaine": true, "journee": true, "annee": true, "futur": true, "passe": true, "noir": true,
	"pire": true, "bon": true, "meme": true, "numerique": true, "digital": true, "vieux": true, "vieille": true}

// ownerWords before a place of business make it the owner's ("mon atelier de …").
var ownerWords = map[string]bool{"mon": true, "ma": true, "notre": true, "nos": true, "mes": true}

// sellWords are the verbs of what an owner sells or makes ("je vends des …").
var sellWords = map[string]bool{"vends": true, "vend": true, "vendons": true, "fabrique": true, "fabriquons": true,
	"confectionne": true, "confectionnons": true, "produis": true, "produisons": true}

// phraseUntilStop is the first words of ws, at most n, up to the first word that ends a
// noun phrase ("à Grenoble", "sur Etsy", "et je …"); "" when the first word does.
func phraseUntilStop(ws []string, n int) string {
	var out []string
	for _, w := range ws {
		if len(out) == n || phraseStops[w] || knowledge.IsStopWord(w) && w != "de" && w != "d" {
			break
		}
		out = append(out, w)
	}
	for len(out) > 0 && (out[len(out)-1] == "de" || out[len(out)-1] == "d") {
		out = out[:len(out)-1]
	}
	return strings.Join(out, " ")
}

var phraseStops = map[string]bool{"a": true, "au": true, "aux": true, "en": true, "sur": true, "pour": true, "et": true,
	"avec": true, "dans": true, "depuis": true, "pres": true, "mais": true, "qui": true, "que": true, "je": true, "on": true}

// placeOfBusiness are the words that name a shop or a workshop whose trade follows ("une
// boutique de …").
var placeOfBusiness = map[string]bool{"boutique": true, "magasin": true, "commerce": true, "atelier": true,
	"entreprise": true, "societe": true, "agence": true, "cabinet": true, "salon": true, "institut": true,
	"restaurant": true, "stand": true, "echoppe": true}

// tradeEndings end the names of trades (savonniere, ebeniste, tatoueur, ceramiste…).
var tradeEndings = []string{"ier", "iere", "iers", "ieres", "iste", "istes", "eur", "euse", "eurs", "euses",
	"ien", "ienne", "iens", "iennes", "logue", "logues", "aire", "aires", "ere", "eres"}

// notTrades are words with a trade's ending that say something else after "je suis".
var notTrades = map[string]bool{"particulier": true, "particuliere": true, "premier": true, "premiere": true,
	"dernier": true, "derniere": true, "entier": true, "entiere": true, "regulier": true, "reguliere": true,
	"heureuse": true, "serieuse": true, "curieuse": true, "nerveuse": true, "malheureuse": true, "paresseuse": true,
	"meilleur": true, "interieur": true, "exterieur": true, "superieur": true, "majeur": true, "mineur": true,
	"mineure": true, "majeure": true, "volontaire": true, "proprietaire": true, "locataire": true, "solitaire": true,
	"derniers": true, "premiers": true, "particuliers": true, "severe": true, "sincere": true, "legere": true,
	"chere": true, "fiere": true, "mere": true, "pere": true, "seul": true, "seule": true, "pauvre": true,
	"sommaire": true, "contraire": true, "ordinaire": true, "precaire": true, "temporaire": true, "salarie": true,
	"habitue": true, "abonne": true, "inquiete": true, "inquiet": true, "debutante": true, "debutant": true,
	"createur": true, "createurs": true, "dessus": true, "ancienne": true, "ancien": true, "moyen": true,
	"moyenne": true, "quotidien": true, "chretien": true, "mecontent": true}
