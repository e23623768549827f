package bot

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/coachbot/coachbot/bot/policy"
	"github.com/coachbot/coachbot/knowledge"
)

// Kinds of small talk; each is also the name of the message template that answers it.
const (
	talkNone     = ""
	talkGreeting = "greeting"
	talkThanks   = "thanks"
	talkGoodbye  = "goodbye"
	talkAbout    = "about"    // a question about the bot itself: who made it, its name, a robot?
	talkChitchat = "chitchat" // chatting about anything but the business: the time, the weather, a film
)

// talkMaxWords bounds the messages that can be small talk: a longer message asks something.
const talkMaxWords = 16

// talkPhrases are the set phrases of small talk, rewritten into one marker word before the
// words are read, so that their words ("comment", "ça", "va") need not be fillers on their own.
// Keys and values are padded with spaces; elided words are already gone ("c'est" is "est").
var talkPhrases = strings.NewReplacer(
	" comment allez vous ", " bonjour ", " comment vas tu ", " bonjour ", " comment ca va ", " bonjour ",
	" comment va ", " bonjour ", " comment tu vas ", " bonjour ", " comment vous allez ", " bonjour ",
	" ca va ", " bonjour ", " ca roule ", " bonjour ", " quoi de neuf ", " bonjour ", " vous allez bien ", " bonjour ",
	" tu vas bien ", " bonjour ", " et vous ", " ", " et toi ", " ",
	" a plus tard ", " aplus ", " a plus ", " aplus ", " a tout a heure ", " aplus ", " a toute a heure ", " aplus ",
	" a la prochaine ", " aplus ", " a bientot ", " aplus ", " a demain ", " aplus ", " a la semaine prochaine ", " aplus ",
	" bien a vous ", " aplus ", " bien cordialement ", " aplus ", " tres cordialement ", " aplus ",
	" bon week end ", " aplus ", " bonne fin de journee ", " aplus ", " bonne fin de semaine ", " aplus ",
	" bonne fin de soiree ", " aplus ", " bonne journee ", " aplus ", " bonne soiree ", " aplus ", " bonne nuit ", " aplus ",
	" bonne continuation ", " aplus ", " bonne semaine ", " aplus ", " bon dimanche ", " aplus ", " bon weekend ", " aplus ",
	" ca marche ", " merci ", " est note ", " merci ", " bien note ", " merci ",
	" tout fonctionne ", " merci ", " ca fonctionne ", " merci ", " est clair ", " merci ", " est bon ", " merci ",
	" est parfait ", " merci ", " est top ", " merci ", " est super ", " merci ", " est gentil ", " merci ",
	" tres clair ", " merci ", " tres gentil ", " merci ",
	" je vois ", " merci ", " je comprends ", " merci ", " vous etes au top ", " merci ",
	" vous etes top ", " merci ", " je vous remercie ", " merci ", " je te remercie ", " merci ", " vous remercie ", " merci ",
	" mille mercis ", " merci ", " un grand merci ", " merci ", " je vais essayer ", " merci ", " je vais tester ", " merci ",
	" je vais regarder ", " merci ", " je regarde ca ", " merci ", " je teste ", " merci ", " je note ", " merci ",
	" au plaisir ", " aplus ", " bon courage ", " aplus ", " tout le monde ", " ",
	// a previous exchange the owner thanks for
	" la semaine derniere ", " ", " semaine derniere ", " ", " la derniere fois ", " ", " hier ", " ", " autre jour ", " ",
)

// talkSpellings maps a folded word to the spelling the patterns expect; an empty spelling drops
// it. Elided words typed without their apostrophe ("j ai", "t es") are dropped, as Words does
// when the apostrophe is there.
var talkSpellings = map[string]string{
	"c": "est", "cest": "est", "jai": "ai", "chui": "suis", "jsuis": "je suis", "jsui": "je suis",
	"j": "", "l": "", "d": "", "m": "", "n": "", "s": "", "t": "", "qu": "",
	"mrc": "merci", "mci": "merci", "bcp": "beaucoup", "tt": "tout", "pr": "pour", "ki": "qui", "koi": "quoi",
	"cb": "combien", "auj": "aujourdhui", "ajd": "aujourdhui", "stp": "svp", "plz": "svp",
}

// talkMarkers are the folded words that make a short message small talk, with the kind each
// one signals; talkFillers may surround them without changing the kind.
var talkMarkers = func() map[string]string {
	m := map[string]string{}
	add := func(kind, words string) {
		for _, w := range strings.Fields(words) {
			m[w] = kind
		}
	}
	add(talkGreeting, "bonjour bonsoir salut coucou hello hey hi slt bjr bsr cc yo allo rebonjour rebonsoir resalut re "+
		"annee noel fetes joyeuses joyeux")
	add(talkThanks, "merci mercii merciii mrc mci thanks thank thx ok okay oki okok super parfait genial top cool nickel "+
		"dac daccord accord entendu compris bravo oui non ouais clair excellent impeccable noted note")
	add(talkGoodbye, "revoir aurevoir bye ciao tchao bientot adieu aplus cordialement salutations")
	add(talkAbout, "robot bot humain ia chatgpt qui nom")
	return m
}()

var talkFillers = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(`tu vous toi moi bien madame monsieur mademoiselle messieurs dames la coachbot
		ca sa beaucoup bcp bon bonne bonnes tres tout tous au a un une es etes vrai personne est ton votre vos
		t as c mille fois encore je suis le les des du de d mon ma mes me pour aide conseils conseil reponse reponses
		infos info informations information explications explication patience temps et vraiment infiniment
		enormement grand gros plein a vous aussi equipe toute l pareillement egalement ah oh ben bah alors ah
		bonne a tous a toutes en effet ces cette ce cet souhaite souhaitons svp rapide rapidite reactivite precieuse
		precieux precieuses precieux utile utiles claire claires clairs precise precises detaillee detaillees`) {
		m[w] = true
	}
	return m
}()

var talkRank = map[string]int{talkGreeting: 1, talkThanks: 2, talkGoodbye: 3, talkAbout: 4}

// talkAboutRE are questions about the bot itself, on the folded words of a message.
var talkAboutRE = regexp.MustCompile(`^(?:(?:mais|et|alors|dis|dites|dis moi|dites moi|au fait|sinon|question) )*(?:` +
	// who made it: "qui t'a créé", "c'est la CCI qui t'a fabriqué", "tu as été créé par qui"
	`(?:\w+ ){0,4}qui (?:vous |te )?(?:a|ta) (?:cree|creee|creer|concu|concue|developpe|developpee|programme|programmee|code|codee|fabrique|fabriquee|fait|faite|invente|inventee|entraine|entrainee|construit|ecrit|imagine|lance|mis au point)(?: (?:toi|vous|ce bot|ce robot|cet assistant|coachbot|ce chatbot|cette ia|ce truc))?` +
	`|(?:tu|vous) (?:as|avez|a) ete (?:cree|creee|concu|developpe|programme|fabrique|fait|invente|entraine|code) par qui` +
	`|(?:tu es|vous etes|es) (?:fait|faite|cree|creee|developpe|programme|fabrique) par qui` +
	`|qui (?:est|se cache|sont) derriere(?: (?:toi|vous|ce bot|ce robot|cet assistant|coachbot|ce chatbot|ce service|ce programme|cette ia))?` +
	`|qui (?:te|vous) (?:gere|programme|entraine|finance|paie|paye)` +
	// its name: "tu t'appelles comment", "c'est quoi ton nom"
	`|(?:comment )?(?:tu|vous) (?:te |vous )?(?:appelles|appelez)(?: vous| tu)?(?: comment)?` +
	`|comment (?:te |t |vous )?(?:appelles|appelez) (?:tu|vous)` +
	`|(?:c est |est )?(?:quoi|quel est) (?:ton|votre) (?:nom|prenom|petit nom)|(?:tu as|vous avez|as tu|avez vous|as) un (?:nom|prenom)` +
	// what it is: "t'es une IA ?", "tu es une vraie personne ?", "tu fonctionnes avec chatgpt ?"
	`|(?:est ce que )?(?:tu es|vous etes|es tu|etes vous|es|tu est|est) (?:un |une |de |du )?(?:vrai |vraie |veritable |simple |petit |petite )?(?:robot|bot|humain|humaine|etre humain|ia|intelligence artificielle|chatgpt|gpt|machine|programme|personne|vraie personne|chatbot|assistant|assistante|algorithme|ordinateur|homme|femme|fille|garcon|mec|meuf|reel|reelle|vivant|vivante|intelligent|intelligente|qui|quoi|ou|la|base sur \w+|connecte|connectee)(?: ou (?:un |une )?(?:vrai |vraie )?\w+(?: \w+)?)?` +
	`|(?:tu|vous) (?:fonctionnes|fonctionnez|marches|marchez|tournes|tournez) (?:avec|sur|grace a) (?:chatgpt|gpt|openai|mistral|une ia|ia|quoi|quel modele|quelle ia)` +
	`|(?:tu|vous) (?:utilises|utilisez) (?:chatgpt|gpt|openai|mistral|une ia|quelle ia|quel modele)` +
	`|(?:tu es|vous etes|es) (?:base|basee|fait|faite) (?:sur|avec) (?:quoi|quel modele|quelle ia|chatgpt|gpt|mistral|une ia)` +
	`|(?:tu|vous) (?:parles|parlez|sais parler|savez parler|comprends|comprenez) (?:quelles langues|combien de langues|anglais|espagnol|allemand|italien|arabe|d autres langues|plusieurs langues)` +
	`|(?:tu as|vous avez|as tu|avez vous|as) quel age|quel age (?:as tu|avez vous|tu as|vous avez)` +
	`|(?:tu|vous) (?:dors|dormez|manges|mangez) (?:jamais|pas|parfois|quand)` +
	`|(?:tu|vous) (?:vis|vivez|habites|habitez|es|etes|viens|venez) (?:ou|dans quelle ville|dans quel pays|de ou)|ou (?:vis|habites|viens) tu|(?:tu|vous) (?:me )?(?:aimes|aimez)` +
	`|(?:tu es|vous etes|es) (?:gentil|gentille|sympa|marrant|marrante|drole|poli|polie|patient|patiente)` +
	`|(?:a quoi|quoi) (?:tu sers|vous servez|sers tu|servez vous)|(?:tu sers|vous servez|sers tu|servez vous) a quoi` +
	`|(?:tu es|vous etes|es tu|etes vous) (?:la|qui|ou)` +
	`)(?: (?:alors|au juste|exactement|en vrai|en fait|vraiment|toi|svp|stp|sinon|donc|hein))*$`)

// talkChitchatRE are messages about anything but the business: the time, the weather, sport,
// films, jokes, the owner's mood. A word of the business (talkBusiness) cancels them.
var talkChitchatRE = regexp.MustCompile(`\b(?:` +
	// time and date
	`quelle heure (?:est il|il est|est ce|sommes nous|as tu|avez vous|tu as|vous avez)|il est quelle heure|heure (?:exacte|il est)|(?:tu as|vous avez|as tu|avez vous) heure|quel jour (?:on est|sommes nous|nous sommes|est on|est ce aujourd ?hui|aujourd ?hui)|on est quel jour|on est le combien|quelle date (?:on est|sommes nous|nous sommes|aujourd ?hui|est on)|est quel jour aujourd ?hui|date aujourd ?hui|date du jour` +
	// weather
	`|meteo|quel temps (?:fait|fera|va|demain|aujourd ?hui|il fait|fait il|ce week end|cet apres midi|a|chez)|il fait (?:beau|chaud|froid|moche|gris|bon)|(?:va|fera|vas|va t il) (?:faire beau|faire chaud|faire froid|pleuvoir|neiger)|il pleut|il neige|fait beau|canicule` +
	// sport
	`|match|matchs|foot|football|rugby|tennis|basket|handball|ligue des champions|ligue 1|coupe du monde|jeux olympiques|tour de france|formule 1|psg|equipe de france|(?:qui|quelle equipe) (?:va gagner|a gagne|gagnera|gagne)` +
	// culture and general knowledge
	`|film|films|serie (?:netflix|tele|tv|a regarder|preferee)|series (?:netflix|tele|tv|a regarder)|quelle serie|(?:regardes|regardez) (?:quelle|une|des|la) series?|netflix|cinema|bon livre|bons livres|livre a lire|livre prefere|bon roman|chanson|chansons|(?:meilleur|meilleure|ton|ta|votre) (?:chanteur|chanteuse) ?(?:prefere|preferee|favori)?|jeu video|jeux video|blague|blagues|histoire drole|devinette|poeme|poesie|horoscope|loto|capitale|president de la republique|premier ministre|sens de la vie|dieu existe` +
	`|recette (?:de|du|des|d) (?:cuisine|gateau|crepes|crepe|pates|blanquette|gratin|tarte|soupe|poulet|boeuf|lasagnes|pizza|quiche|cookies|cake)|bonne recette|cuire|cuisson|pates|gateau|crepes|blanquette` +
	`|(?:traduire|traduis|traduisez|traduction)(?: \w+){0,3} en (?:anglais|espagnol|allemand|italien|chinois|arabe|portugais|russe|japonais|breton|latin)|combien (?:font|fait|ca fait|egale|egal) \d+|\d+ (?:x|fois|plus|moins|divise par) \d+` +
	// asking the bot to play
	`|raconte(?: moi| nous)? (?:une|un|des)|racontez(?: moi| nous)? (?:une|un|des)|fais moi rire|(?:peux|sais|pouvez|savez) chanter|chante (?:moi|nous|une|un)|tu chantes` +
	// the bot's tastes and evening
	`|(?:tu|vous) (?:aimes|aimez|preferes|preferez|adores|adorez) (?:le|la|les|l|quoi|qui|quel|quelle|plutot)|prefere(?:s|z)? (?:les chats|les chiens)|(?:tu|vous) (?:fais|faites) quoi (?:ce soir|ce week end|demain|aujourd ?hui|de beau|de ta vie|de vos journees|dans la vie)` +
	`|(?:tu as|vous avez|as tu|avez vous|as) (?:un copain|une copine|un amoureux|une amoureuse|des enfants|un chat|un chien|des amis|une famille)|plat prefere|couleur preferee|(?:ton|votre) (?:plat|film|livre|sport|chanteur|animal) (?:prefere|favori)` +
	`|(?:tu|vous) (?:bosses|bossez|travailles|travaillez) (?:le|la|les|ce|cette|aussi|tard|tot|beaucoup|jamais|toujours|dimanche|samedi|nuit)|(?:vu|regarde) le match|(?:quel est|est qui|qui est) le meilleur (?:film|livre|resto|restaurant|joueur|chanteur|pays|vin|plat)|meilleur joueur|(?:meilleur|meilleurs|meilleure|bon|bonne) (?:resto|restaurant|film|livre|serie|vin|pizza|plat) (?:de|a|du|pour ce soir)` +
	// the owner's mood, said for its own sake
	`|^(?:je )?(?:ennuie|me ennuie|ai faim|ai soif|ai sommeil|suis fatigue|suis fatiguee|suis crevee?|vais dormir|vais manger|suis en vacances|ai la flemme)` +
	`|^(?:mdr|lol|ptdr|haha+|hihi+|hehe+|xd)` +
	`)\b`)

// talkBusiness are words of the business or of the programme: a message with one of them is a
// question for the guides, not chit-chat ("quelle heure pour poster sur Facebook ?"), and so is
// one about running or promoting an activity ("j'ouvre un bar pour les matchs de foot").
var talkBusiness = regexp.MustCompile(`\b(?:je (?:tiens|gere|dirige|lance|ouvre|vends|vend|propose|organise)|suis (?:gerant|gerante)|mon (?:club|bar|commerce|association|asso|equipe)|ma (?:salle|ferme)|attirer|fideliser|faire connaitre|promouvoir|annoncer|inscription|inscriptions|adherent|adherents|eleve|eleves|site|sites|internet|web|en ligne|google|fiche|fiches|instagram|insta|facebook|fb|tiktok|linkedin|youtube|whatsapp|pinterest|snapchat|twitter|reseau|reseaux|page|pages|compte|comptes|mail|mails|email|emails|newsletter|client|clients|cliente|clientes|clientele|patient|patients|boutique|magasin|commerce|entreprise|societe|activite|business|pub|pubs|publicite|publicites|post|posts|poster|publier|publication|publications|avis|seo|referencement|logiciel|logiciels|application|appli|app|outil|outils|numerique|digital|vente|ventes|vendre|vends|vend|acheter|achat|paiement|payer|facture|factures|facturer|devis|prix|tarif|tarifs|cout|coute|marketing|communication|logo|visuel|visuels|photo|photos|video|videos|contenu|contenus|domaine|hebergeur|hebergement|wordpress|wix|shopify|etsy|amazon|rgpd|cnil|cookies|donnees|securite|mot de passe|pirate|pirater|virus|arnaque|coach|coaching|cci|cma|rdv|formation|atelier|ateliers|subvention|aides|statut|tva|impots|urssaf|compta|comptable|livraison|commande|commandes|stock|produit|produits|salaries|salarie|recrutement|menu|carte|horaires|agenda|reservation|reservations|pro|professionnel|professionnelle|promo|promotion|promotionnel|promotionnelle|marque|cgv|cgu|mentions|contrat|document|documents|texte|textes|filmer|tournage|mon resto|mon restaurant|mon salon|mon cabinet|mon atelier|ma boulangerie|mon bar|mon hotel|mon gite)\b`)

// talkEmoji reads a message made only of emoji and punctuation: a thumbs-up, a smile, a wave.
// Angry or sighing faces are not small talk: the escalation policy reads them.
func talkEmoji(text string) string {
	kind, seen := talkThanks, false
	for _, r := range text {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			return talkNone
		case strings.ContainsRune("😡🤬😠👎💢🖕🙄😒😤😑🙃😞😔😩😫😢😭", r):
			return talkNone
		case r == '👋':
			kind, seen = talkGreeting, true
		case strings.ContainsRune("😂🤣😆😅😹", r):
			if kind == talkThanks {
				kind = talkChitchat
			}
			seen = true
		case r >= 0x2190 && !unicode.IsSpace(r) && !unicode.IsPunct(r):
			seen = true // arrows, dingbats, emoji and their modifiers
		}
	}
	if !seen {
		return talkNone
	}
	return kind
}

// talkShorthand rewrites "a+" and "@+", which the word splitter cannot see, into a word.
var talkShorthand = regexp.MustCompile(`(?:^|\s)[a@]\s?\+(?:\s|$|[!.])`)

// classifySmallTalk returns the kind of small talk a message is, or talkNone as soon as it
// contains a word that could make it a real question. Long messages are never small talk, nor
// is a message the escalation policy would hand to a person ("humain", "c'est une blague ?").
func classifySmallTalk(text string) string {
	if k := talkEmoji(text); k != talkNone {
		return k
	}
	folded := knowledge.Fold(text)
	folded = talkShorthand.ReplaceAllString(folded, " aplus ")
	words := knowledge.Words(folded)
	if len(words) == 0 || len(words) > talkMaxWords {
		return talkNone
	}
	kept := words[:0]
	for _, w := range words {
		if t, ok := talkSpellings[w]; ok {
			if t == "" {
				continue
			}
			w = t
		}
		kept = append(kept, w)
	}
	joined := talkPhrases.Replace(" " + strings.Join(kept, " ") + " ")
	joined = strings.TrimSpace(talkPhrases.Replace(joined))
	kind := talkBag(strings.Fields(joined))
	switch kind {
	case talkNone:
		// not only polite words: a question about the bot, or chit-chat?
		switch {
		case talkAboutRE.MatchString(joined):
			kind = talkAbout
		case talkChitchatRE.MatchString(joined) && !talkBusiness.MatchString(joined):
			kind = talkChitchat
		default:
			return talkNone
		}
	case talkGreeting, talkThanks, talkGoodbye:
		if policy.Sarcastic(text) {
			return talkNone // "ah bah merci, super utile 🙄"
		}
		return kind
	}
	if policy.Rules(text).Reason != "" {
		return talkNone // "humain", "un vrai conseiller", "c'est une blague ?"
	}
	return kind
}

// talkBag returns the kind of a message made only of small-talk markers and fillers, or
// talkNone.
func talkBag(words []string) string {
	kind := talkNone
	for _, w := range words {
		if len(w) == 4 && (strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) && strings.Trim(w, "0123456789") == "" {
			continue // a year: "bonne année 2026"
		}
		if k, ok := talkMarkers[w]; ok {
			if talkRank[k] > talkRank[kind] {
				kind = k
			}
			continue
		}
		if !talkFillers[w] {
			return talkNone
		}
	}
	return kind
}

// subjectlessRequest reports whether a message asks for information without saying about
// what: « Bonjour, je voudrais des renseignements », « j'ai une question ». It is answered
// with a question back, not with guides that share its words.
func subjectlessRequest(text string) bool {
	words := knowledge.Words(text)
	if len(words) == 0 || len(words) > talkMaxWords {
		return false
	}
	asked := false
	for _, w := range words {
		switch {
		case requestNouns[w]:
			asked = true
		case requestFillers[w] || talkFillers[w]:
		default:
			if _, ok := talkMarkers[w]; !ok {
				return false
			}
		}
	}
	return asked && policy.Rules(text).Reason == ""
}

var (
	requestNouns = map[string]bool{"renseignement": true, "renseignements": true, "information": true,
		"informations": true, "info": true, "infos": true, "question": true, "questions": true, "precision": true,
		"precisions": true, "conseil": true, "conseils": true, "renseigner": true, "aide": true, "coup": true}
	requestFillers = map[string]bool{"je": true, "j": true, "ai": true, "voudrais": true, "voudrait": true,
		"aimerais": true, "souhaite": true, "souhaiterais": true, "veux": true, "cherche": true, "besoin": true,
		"avoir": true, "obtenir": true, "poser": true, "demander": true, "une": true, "un": true, "des": true,
		"de": true, "d": true, "quelques": true, "petite": true, "petit": true, "petites": true, "svp": true,
		"vous": true, "pourriez": true, "pouvez": true, "me": true, "m": true, "plait": true, "il": true, "s": true,
		"serait": true, "possible": true, "a": true, "deux": true, "bonjour": true, "bonsoir": true, "salut": true,
		"madame": true, "monsieur": true, "merci": true, "vouloir": true, "sais": true, "pas": true, "ne": true,
		"trop": true, "par": true, "ou": true, "commencer": true, "main": true, "pour": true, "mon": true,
		"ma": true, "projet": true}
)
