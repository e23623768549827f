package bot

import (
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
ambulant forain foraine commerce_ambulant`))

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
	"pizzeria": true, "snack": true, "salon": true, "cafe": true, "bar": true, "hotel": true, "gite": true,
	"gites": true, "camping": true, "chambre": true, "chambres": true, "garage": true, "spa": true, "institut": true,
	"boutique": true, "magasin": true, "agence": true, "salle": true, "domaine": true, "auto-ecole": true,
	"auto": true, "moto-ecole": true, "creche": true, "micro-creche": true, "food": true, "foodtruck": true,
	"cave": true, "pension": true, "carrosserie": true, "brocante": true, "commerce": true, "pressing": true,
	"laverie": true, "friperie": true}

// TradeIn returns the activity an owner names in a message ("je suis fleuriste à Lyon",
// "pour ma boulangerie"), as the words they used, or "".
func TradeIn(text string) string {
	words := strings.Fields(strings.NewReplacer("'", " ", "’", " ", ",", " ", ".", " ", "!", " ", "?", " ", ";", " ", ":", " ", "(", " ", ")", " ").Replace(knowledge.Fold(text)))
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
	if best == "" {
		return generic
	}
	return best
}
