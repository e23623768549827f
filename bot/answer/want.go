// Package answer composes the answers owners read: it finds the questions in a message,
// recognises what kind of answer each one wants, chooses among the retrieved passages the
// self-contained unit that gives it (a question card, a whole section), and writes the parts
// together with their citations. It needs no network and no store: the core gives it what
// retrieval found.
package answer

import (
	"regexp"
	"slices"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// Want is what kind of answer a question asks for. A question may want several things
// ("comment et combien").
type Want uint16

// Kinds of answer.
const (
	HowTo      Want = 1 << iota // the steps: "comment", "que faire"
	Cost                        // a price, or whether it is free
	Allowed                     // a permission, a rule: "ai-je le droit", "est-ce interdit"
	Compare                     // "mieux", "ou bien", "lequel"
	Definition                  // "c'est quoi", "ça sert à quoi"
	Urgent                      // something bad is happening: clicked, hacked, paid a crook
	Time                        // "combien de temps", "pas le temps"
	Delegate                    // "pouvez-vous le faire pour moi", "quelqu'un pour m'aider"
	When                        // "quand", "à quelle heure", "quel jour"
	Problem                     // "ça ne marche pas", "bloqué", "refusé", "suspendu"
	Next                        // "et ensuite ?", "et après ?"
	Required                    // an obligation, a necessity: "obligatoire", "faut-il", "dois-je"
	Where                       // a place: "où je suis", "où me trouver", "quelle adresse"
	Start                       // where to begin: "par où commencer", "je pars de zéro"
)

var wantNames = []struct {
	w    Want
	name string
}{
	{HowTo, "howto"}, {Cost, "cost"}, {Allowed, "allowed"}, {Compare, "compare"},
	{Definition, "definition"}, {Urgent, "urgent"}, {Time, "time"}, {Delegate, "delegate"},
	{When, "when"}, {Problem, "problem"}, {Next, "next"}, {Required, "required"}, {Where, "where"},
	{Start, "start"},
}

// String lists the kinds, for logs and tests.
func (w Want) String() string {
	var out []string
	for _, n := range wantNames {
		if w&n.w != 0 {
			out = append(out, n.name)
		}
	}
	return strings.Join(out, "+")
}

// wantCues are phrases over folded words (knowledge.Words joined by spaces, elisions
// dropped) that show a kind of answer. A cue matches on word boundaries.
var wantCues = map[Want][]string{
	HowTo: {"comment", "cmt", "kom", "etapes", "etape", "procedure", "demarche", "demarches", "tuto",
		"tutoriel", "que faire", "quoi faire", "que dois je faire", "qu est ce que je dois faire",
		"faire pour", "je fais comment", "on fait comment", "marche a suivre", "par ou commencer",
		"mettre en place", "methode", "conseils pour", "astuces", "je dois faire quoi", "faut faire quoi",
		"je m y prends", "s y prendre", "ou est ce que", "ou trouver", "ou je", "quelle demarche", "how"},
	Cost: {"combien ca coute", "combien coute", "ca coute", "coute", "coutent", "cout", "couts", "prix",
		"tarif", "tarifs", "cher", "chere", "budget", "payant", "payante", "payer", "gratuit", "gratuite",
		"gratuitement", "gratos", "euros", "euro", "eur", "frais", "commission", "commissions",
		"rentable", "investir", "investissement", "devis", "facture combien", "cb ca coute",
		"combien je dois", "combien faut il", "combien pour", "combien ca", "cmb", "cbn", "financer",
		"financement", "aide financiere", "aides financieres"},
	Allowed: {"droit de", "le droit", "interdit", "interdite", "interdits", "autorise", "autorisee", "legal",
		"legale", "legalement", "illegal", "est ce que je peux", "je peux", "peut on", "on peut", "puis je",
		"peut il", "peut elle", "peuvent ils", "peuvent elles", "risque", "risques", "je risque", "amende",
		"amendes", "sanction", "regles", "regle", "reglementation", "permis", "permission", "autorisation",
		"conforme", "conformite", "loi", "deontologie", "ordre",
		// how serious it is: "c'est grave ?", "c'est dangereux ?"
		"c est grave", "est ce grave", "est ce que c est grave", "c est dangereux", "est ce dangereux"},
	Where: {"ou je suis", "ou je serai", "ou me trouver", "ou nous trouver", "ou se trouve", "ou je me trouve",
		"ou nous sommes", "quelle adresse", "mon adresse", "mon emplacement", "emplacements", "ou est mon", "ou est ma", "ou est le", "ou est la", "ou est votre",
		"ou se trouve", "ou est situe", "ou est situee", "ou mettre", "ou montrer", "ou publier", "je mets ca ou",
		"ou je mets", "ou les mettre", "ou afficher", "je les mets ou"},
	Start: {"par ou commencer", "par ou je commence", "par ou on commence", "par quoi commencer", "je commence par quoi",
		"on commence par quoi", "je commence par ou", "dans quel ordre", "premiers pas", "pars de zero", "partir de zero",
		"de zero", "je debute", "je me lance", "je n y connais rien", "j y connais rien", "rien en ligne", "existe pas sur internet",
		"pas sur internet", "que faire en premier", "quoi faire en premier", "la premiere chose"},
	Required: {"je suis concerne", "suis je concerne", "on est concerne", "sommes nous concernes", "ca me concerne",
		"ca nous concerne", "est ce que ca s applique", "obligatoire", "obligatoires", "obligation", "obligations", "oblige", "obligee", "faut il",
		"il faut", "est ce qu il faut", "dois je", "je dois", "doit on", "doit il", "doit elle", "necessaire",
		"imposes", "impose", "indispensable", "doit etre", "doivent etre", "suis oblige", "suis obligee",
		"me faut", "nous faut", "leur accord", "leur autorisation", "leur permission", "son accord", "son autorisation"},
	Compare: {"mieux", "meilleur", "meilleure", "meilleurs", "ou bien", "plutot", "vaut il mieux",
		"vs", "versus", "lequel", "laquelle", "lesquels", "difference", "differences", "comparer",
		"choisir entre", "quel est le plus", "quelle est la plus", "que choisir", "quel outil", "quel logiciel",
		"quelle plateforme", "quel reseau", "quelle solution", "quel site", "recommandez"},
	// (a bare "quoi" is no cue: "je fais quoi ?", "je mets quoi ?" ask what to do; "c koi" is
	// read from the raw text, as normalising drops the "c")
	Definition: {"c est quoi", "est quoi", "c quoi ca", "qu est ce que c est", "qu est ce qu un",
		"qu est ce qu une", "definition", "signifie", "veut dire", "ca sert a quoi", "sert a quoi",
		"a quoi sert", "a quoi ca sert", "utile", "utilite", "interet", "ca vaut le coup", "vaut le coup",
		"pour mon metier", "pour moi", "pour ma boite", "adapte", "ca marche comment",
		"comment ca marche", "comment ca fonctionne", "c est pour qui",
		// whether something exists: "y a des aides ?", "existe-t-il un outil ?"
		"existe t il", "existe t elle", "existe til", "existe telle", "il existe", "est ce qu il existe", "y a t il", "y a des", "il y a des",
		"ya des", "existe encore"},
	// Urgent: something happened to the owner, told with its verb (a question about a scam,
	// or how to avoid one, is not an emergency)
	Urgent: {"ai clique", "avons clique", "a clique sur", "ai donne mes", "ai donne ma", "ai donne mon",
		"ai donne le code", "ai donne les codes", "avons donne", "a donne ses", "a donne sa", "a donne son",
		"a donne les codes", "a donne nos", "ai tape", "ai saisi", "ai entre", "ai rentre", "ai communique",
		"ai mis ma carte", "ai mis mes", "ai mis la carte", "ai mis le numero de", "ai mis mon code", "ai mis mon numero",
		"ai mis les codes", "ai mis notre carte",
		// a member of staff did it: "la secrétaire a cliqué et a tapé le mot de passe"
		"a clique et", "ont clique et", "a tape le mot de passe", "a tape son mot de passe", "a tape le code",
		"a tape ses", "a saisi le mot de passe", "a saisi son mot de passe", "a saisi ses", "a entre le mot de passe",
		"a entre son mot de passe", "a donne le mot de passe", "a donne son mot de passe", "ont tape", "ont saisi",
		// the bank warns of what the owner did not do: "l'ajout d'un nouveau bénéficiaire"
		"nouveau beneficiaire", "ajout d un beneficiaire", "nouvel appareil", "nouveau telephone associe",
		// a link followed: "j'ai suivi le lien et me suis connectée"
		"ai suivi le lien", "suivi le lien et", "me suis connecte dessus", "me suis connectee dessus",
		// something stuck over the owner's own: "un autre QR code collé par-dessus le mien"
		"par dessus le mien", "par dessus les miens", "par dessus le notre", "par dessus les notres",
		"suivi le lien et me suis connecte", "suivi le lien et me suis connectee",
		// a code sent back: "il m'a demandé de lui renvoyer le code, je l'ai renvoyé"
		"ai renvoye le code", "lui ai renvoye", "l ai renvoye", "ai envoye le code", "lui ai donne le code",
		"ai transmis le code", "lui ai transmis", "lui ai envoye le code",
		"fait pirater", "fais pirater", "ete pirate", "ete piratee", "ete hacke", "est pirate", "est piratee",
		"sont pirates", "a pirate", "ont pirate", "pirate mon", "pirate ma", "pirate le", "pirate la",
		"est hacke", "est hackee", "hacke mon", "piratee", "hackee", "demande une rancon", "demandent une rancon",
		"rancon", "fichiers cryptes", "fichiers chiffres", "sont cryptes", "sont chiffres", "ont ete cryptes",
		"ont ete chiffres", "bloque mes fichiers", "fichiers bloques", "pris la main", "prend la main",
		"pris le controle", "plus acces", "n ai plus acces", "peux plus me connecter", "arrive plus a me connecter",
		"mot de passe a ete change", "mot de passe change", "se sont connectes", "s est connecte",
		"compte bloque", "debite", "debitee", "fait arnaquer", "fais arnaquer",
		"suis fait avoir", "sommes fait avoir", "s est fait avoir", "on s est fait avoir", "arnaquee",
		"escroque", "escroquee", "usurpe", "usurpation", "faux compte", "se fait passer pour",
		"se font passer pour", "sur un faux site", "un escroc", "des escrocs",
		// attachments, theft, payments the owner did not make, a line cut, a call in progress
		"ai ouvert une piece jointe", "active le contenu", "activer le contenu", "cambriole", "cambrioles",
		"vole mon ordinateur", "vole l ordinateur", "vole mon portable", "vole mon telephone", "vole mon ordi",
		"vole mon compte", "vole ma page", "vole mes codes", "vole mes identifiants", "vole mes donnees", "vole mon pc",
		"vole mon iphone", "vole mon tel", "vole la tablette", "vole ma tablette",
		"paiements que je n ai pas", "achats que je n ai pas", "operations que je n ai pas",
		"n ai rien commande", "debitee", "debites", "encore au telephone",
		"toujours au telephone", "en ligne avec moi", "me demande un code", "lui lire le code", "lire le code",
		"plus de reseau", "sim introuvable", "mon site renvoie", "mon site redirige",
		"redirige vers", "renvoie vers un", "plus m y connecter", "peux plus y acceder", "plus acceder",
		"mot de passe ne marche plus", "mot de passe ne fonctionne plus", "recoivent des mails de moi", "recoivent des messages de moi",
		// a device lost, a departed employee still in the accounts, a stranger added to a shop
		"perdu mon tel", "perdu mon telephone", "perdu mon portable", "perdu mon iphone", "perdu mon smartphone",
		"perdu mon ordi", "perdu mon ordinateur", "perdu mon pc", "perdu ma cle usb", "perdu la cle usb",
		"a encore les codes", "a toujours les codes", "a encore les mots de passe", "a toujours les mots de passe",
		"a encore acces", "a toujours acces", "ont encore acces", "mails ont ete lus", "que je ne connais pas a ete ajoute",
		"inconnu a ete ajoute", "collaborateur inconnu", "utilisateur inconnu", "administrateur inconnu",
		"chantage", "fait chanter", "font chanter", "faire chanter", "sinon ils publient", "sinon ils publieront",
		"sinon ils diffusent", "sinon ils envoient", "ils menacent de", "en btc", "en usdt", "menace de publier", "menacent de publier", "webcam", "faux conseiller",
		// money or goods taken by a trick: a fake transfer, a fake order, a fake listing, a skimmer
		"faux virement", "fausse preuve de paiement", "aucun virement n est arrive", "virement n est jamais arrive",
		"virement n est pas arrive", "jamais rien commande", "ont rien commande", "a rien commande", "fausse commande", "fausse annonce",
		"pas mon annonce", "colle sur la fente", "colle sur le tpe", "colle sur le terminal", "colle sur mon terminal",
		"skimmer",
		// a listing or an account someone else now manages: "on me dit que la fiche est gérée
		// par qqun d'autre", "y a plus mon num"
		"geree par quelqu un d autre", "gere par quelqu un d autre", "geree par qqun", "gere par qqun",
		"plus mon num", "plus mon numero", "numero a ete change", "numero a change",
		// a fake copy of the business that customers paid: "un site qui reprend mon nom, mon logo
		// et mes photos", "une page Facebook qui copie la mienne"
		"site qui reprend mon nom", "qui copie la mienne", "qui copie le mien", "copie de mon site",
		"copie de ma page", "adresse presque identique", "faux site a mon nom", "fausse page a mon nom",
		"faux technicien", "faux support", "pris le controle", "virus detecte", "page de paiement piratee",
		"virement urgent", "acquisition confidentielle", "se presente comme", "paiements en ligne sur ma carte",
		"paiements sur ma carte", "carte est dans mon portefeuille", "ligne coupee", "ligne a ete coupee",
		"nouvelle carte sim", "sont partis", "est parti du compte", "mis mon mot de passe", "mis mes identifiants",
		"tape mon mot de passe", "donne mon mot de passe", "ai paye par carte", "payee par carte",
		"soi disant de ma part", "soi disant de moi", "messages en mon nom", "mails en mon nom", "regle qui transfere",
		"transfere tous mes mails", "jamais envoye ca", "jamais envoye ce mail", "jamais envoye ces",
		"photos compromettantes", "videos compromettantes", "images compromettantes", "si je lui verse pas",
		"si je ne lui verse pas", "si je ne paie pas", "si je paie pas", "si je ne le paie pas", "si je le paie pas",
		"sinon il publie", "sinon il envoie", "sinon il diffuse", "menace de diffuser", "menace d envoyer",
		"me menace", "quelqu un a modifie", "ce n est pas mon numero", "c est pas mon numero", "plus comme gestionnaire",
		"plus proprietaire", "plus rien changer", "plus rien modifier", "ai lu un code", "ai lu le code", "lu le code",
		"lui ai lu", "lui ai donne le code", "antivirus affiche des alertes", "alertes en boucle", "antivirus s affole",
		"logiciel pirate", "version crackee", "autre autocollant", "par dessus le notre", "faux qr code",
		"a utilise notre nom", "a utilise mon nom", "utilise notre siret", "utilise mon siret", "ce n est pas nous",
		"c est pas nous", "se fait passer pour nous", "en utilisant notre nom", "en utilisant mon nom",
		"utilisant notre nom", "utilisant mon nom", "se font passer pour nous", "se faisant passer pour nous",
		"on n a aucun partenaire", "nous n avons aucun partenaire", "n avons aucun partenaire",
		// an account spending for what the owner never did: "des pubs que j'ai jamais faites"
		"que j ai jamais faites", "que je n ai jamais faites", "que j ai jamais faite", "que je n ai jamais faite",
		// a mailbox sending what the owner never wrote: "mon Gmail envoie des spams à tous mes contacts"
		"envoie des spams a", "envoie du spam a", "envoient des spams a", "spams a tous mes contacts",
		"spam a tous mes contacts", "contacts recoivent des spams", "contacts recoivent des mails bizarres",
		"que j ai jamais lancees", "que je n ai jamais lancees", "que je n ai pas lancees", "que j ai pas lancees",
		"que je n ai pas creees", "que j ai pas creees",
		// a password typed on a fake page was used elsewhere too
		"utilisait le meme mot de passe", "utilise le meme mot de passe pour", "meme mot de passe pour la banque",
		"meme mot de passe que", "meme mot de passe pour d autres",
		// a customer's blackmail with reviews: "si je suis pas remboursé demain, je mets 1 étoile"
		"si je suis pas rembourse", "si je ne suis pas rembourse", "sinon je mets 1 etoile", "sinon je mets une etoile",
		"je mets 1 etoile", "je mets une etoile", "menace de mettre un mauvais avis", "menace de mettre 1 etoile",
		"sinon il met 1 etoile", "sinon il met une etoile", "sinon mauvais avis",
		// coupons bought for a crook: "elle en a acheté pour 2 000 € au tabac"
		"en a achete pour", "en ai achete pour", "en avons achete pour", "achete des coupons", "achete des cartes cadeaux",
		"achete des recharges", "achete des cartes transcash", "achete des cartes pcs", "ai tout donne", "a eu mes codes", "ont eu mes codes",
		"rancongiciel", "ransomware", "chiffre par un", "est chiffre", "sont chiffres", "a ete chiffre", "crypte par",
		"en bitcoin", "en bitcoins", "en cryptos", "en crypto", "fausse page", "faux profil", "c est pas moi",
		"ce n est pas moi", "pas moi qui", "n est pas le mien", "pas le mien", "facture modifiee", "facture falsifiee",
		"demande de transfert", "transfert de mon nom de domaine", "transfert de votre nom de domaine", "viagra", "casino",
		"titres en anglais", "iban a ete change", "iban de versement", "rib a ete change", "sur un iban", "sur un rib",
		"lui ai donne", "je l ai donne", "l ai donne", "lui ai envoye le code", "lui ai renvoye", "je l ai renvoye"},
	Time: {"combien de temps", "temps", "duree", "delai", "delais", "long", "longtemps", "rapidement",
		"vite fait", "heures par semaine", "par semaine", "pas le temps", "debordee", "deborde", "charge"},
	Delegate: {"a ma place", "le faire pour", "la faire pour", "les faire pour", "faire faire",
		"quelqu un pour", "quelqu un qui", "pour m aider", "peut m aider", "pouvez m aider", "aidez moi", "m aider a", "vous pouvez le faire",
		"pouvez vous le faire", "pouvez vous m", "me le faire", "me la faire", "s en occupe", "s en charge",
		"sous traiter", "deleguer", "prestataire", "agence", "freelance", "un pro"},
	When: {"quand", "quel jour", "quels jours", "quelle heure", "quelles heures", "a quel moment",
		"quel moment", "meilleur moment", "horaire", "horaires", "date", "a partir de quand", "echeance",
		"calendrier", "frequence", "combien de fois", "tous les combien"},
	Problem: {"marche pas", "ne marche pas", "marche plus", "fonctionne pas", "fonctionne plus", "bloque",
		"bloquee", "refuse", "refusee", "suspendu", "suspendue", "erreur", "probleme", "souci", "bug",
		"perdu", "disparu", "disparue", "supprime", "supprimee", "n apparait pas", "apparait pas",
		"apparait plus", "ne s affiche plus", "ne s affiche pas", "ne s affiche rien", "charge plus", "s ouvre plus", "ouvre plus", "repond plus", "en panne", "introuvable", "ne trouve pas", "trouve pas", "rien ne se passe", "aucun resultat",
		"recois pas", "recu aucun", "pas recu", "mauvais", "mauvaise", "negatif", "negatifs", "plainte",
		// slowness, and "is it normal that …": "c normal ke mon site mette 10 secondes"
		"lent", "lente", "rame", "trop long", "trop longtemps", "c est normal que", "est ce normal", "c normal",
		// something of the owner's copied: "mes textes copiés mot pour mot"
		"a copie", "ont copie", "copie mes", "copie mon", "copie ma", "copies mot pour mot", "copie mot pour mot",
		// an attack in public: "certains m'insultent", "avec « à fuir »"
		"m insultent", "m insulte", "insultes", "insultent", "denigre", "denigrent", "diffamation", "diffamatoire",
		"harcelement", "se moquent", "moqueries", "a fuir"},
	Next: {"ensuite", "et apres", "apres ca", "et puis", "etape suivante", "la suite", "et maintenant"},
}

// smsWords are phone spellings, written out for cue matching.
var smsWords = map[string]string{
	"tel": "telephone", "jai": "ai", "g": "ai", "jsuis": "suis", "chui": "suis", "jsp": "sais pas", "jpeux": "peux",
	"jveux": "veux", "jvoudrais": "voudrais", "pk": "pourquoi", "pq": "pourquoi", "pr": "pour",
	"cb": "carte bancaire", "mdp": "mot de passe", "ya": "y a", "koi": "quoi", "kel": "quel",
	"kelle": "quelle", "cmt": "comment", "cmb": "combien", "bcp": "beaucoup", "tt": "tout", "plu": "plus",
	"rdv": "rendez vous", "svp": "s il vous plait", "stp": "s il te plait", "qqn": "quelqu un",
	"qq1": "quelqu un", "ds": "dans", "ct": "c etait", "jamai": "jamais", "slt": "salut",
	"clike": "clique", "cliker": "cliquer", "clicke": "clique", "cliquer": "cliquer", "cliqe": "clique", "klike": "clique",
}

// compiled cues: normalised like messages (see norm).
var cueList = func() map[Want][]string {
	out := map[Want][]string{}
	for w, cs := range wantCues {
		for _, c := range cs {
			out[w] = append(out[w], norm(c))
		}
	}
	return out
}()

// norm is a text as the stems of its folded words between single spaces, with a space at
// each end, for cue matching: "quels réseaux" reads as "quel reseau". Elided words are
// dropped whether the apostrophe was typed or not, so that "c'est", "c est" and "est" read
// alike, as do "j'ai" and "j ai".
func norm(text string) string {
	// "cb ça coûte", "cb de temps": "combien", not a bank card
	ws := smsWritten(knowledge.Words(knowledge.CbAsCombien(text)))
	out := ws[:0]
	for _, w := range ws {
		switch w {
		case "c", "j", "l", "d", "n", "s", "m", "t", "qu":
			continue
		}
		out = append(out, knowledge.Stem(w))
	}
	return " " + strings.Join(out, " ") + " "
}

// smsWritten returns words with their SMS spellings written out ("jai" is "ai", "ya" is
// "y a"), in a new slice: a word written out in two would overwrite the words after it.
func smsWritten(ws []string) []string {
	out := make([]string, 0, len(ws)+4)
	for _, w := range ws {
		if x, ok := smsWords[w]; ok {
			out = append(out, strings.Fields(x)...)
			continue
		}
		out = append(out, w)
	}
	return out
}

var (
	preventionCues = normAll("peur que", "peur on", "peur de", "peur etre", "peur se", "peur il", "peur elle", "peur ils",
		"peur quelqu", "peur mon", "peur ma", "peur mes", "peur pour", "peur un", "peur une", "peur ca", "crains que",
		"crains de", "crains on", "crainte", "eviter", "me proteger", "se proteger", "nous proteger",
		"comment proteger", "si jamais", "au cas ou", "se premunir", "prevenir le", "prevenir les piratages")
	howLong = norm("combien de temps")
	// "quand même" asks no date; whenStrong do
	quandMeme  = norm("quand meme")
	whenStrong = normAll("quel jour", "quelle heure", "a quel moment", "meilleur moment", "date", "a partir de quand",
		"echeance", "horaire")
	// countCues count something other than money
	countCues = normAll("combien de personnes", "combien de gens", "combien de visiteurs", "combien de visites", "combien de clients",
		"combien d abonnes", "combien de fois", "combien de pages", "combien de mots", "combien de photos",
		"combien d avis", "combien de posts", "combien de publications", "combien de produits", "combien d emails",
		"combien de mails", "combien de salaries", "combien d etoiles", "combien de likes", "combien de followers",
		"combien de caracteres", "combien de langues", "combien de reseaux", "combien de vues", "combien de jours",
		"combien d heures", "combien de semaines", "combien de mois", "combien de seances", "combien de rdv",
		"combien de rendez vous", "combien d ateliers", "combien de sessions")
	priceCues = normAll("combien coute", "combien ca coute", "combien pour", "combien ca", "c est combien",
		"combien je paie", "combien je paye", "combien faut il payer", "combien prendre", "combien facturer")
	moneyCues = []string{norm("coût"), norm("coûte"), norm("prix"), norm("cher"), norm("payant"), norm("euros"), norm("argent")}
)

func normAll(xs ...string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = norm(x)
	}
	return out
}

func containsAny(s string, subs []string) bool {
	for _, x := range subs {
		if strings.Contains(s, x) {
			return true
		}
	}
	return false
}

// Wants reads what kind of answer a question asks for.
// UrgentTold reports whether a message tells an emergency in one of its sentences: a
// sentence on prevention ("comment éviter que ça se reproduise ?") does not cancel the
// incident told in another.
func UrgentTold(text string) bool {
	if IncidentOver(text) {
		return false
	}
	for _, s := range sentencesOf(text) {
		if Wants(s)&Urgent != 0 {
			return true
		}
	}
	return false
}

// IncidentOver reports whether a message tells that its incident is over: « j'ai fini par le
// récupérer », « tout est rentré dans l'ordre » (and nothing that is still going on: « je
// n'ai toujours pas pu le récupérer »). Such a message asks how to avoid it again, or how
// it happened, not for the emergency steps.
func IncidentOver(text string) bool {
	n := strings.Join(knowledge.Words(text), " ")
	return incidentOver.MatchString(n) && !incidentGoingOn.MatchString(n)
}

var (
	incidentOver    = regexp.MustCompile(`\b(?:(?:ai|avons|a|ont) (?:enfin |deja |bien )?(?:le |la |les )?(?:recupere|recuperee|recuperes|recuperees)|(?:ai|avons|a|ont) (?:fini par|pu|reussi a) (?:le |la |les )?recuperer|(?:c est|tout est|probleme|le probleme est|est) (?:regle|resolu|rentre dans l ordre|revenu a la normale)|tout est rentre dans l ordre|tout est revenu)\b`)
	incidentGoingOn = regexp.MustCompile(`\b(?:toujours pas|pas encore|pas pu|pas reussi|arrive pas|plus acces|plus d acces|de nouveau|a nouveau|recommence a|recommence de|encore des|encore un|encore une|de l argent|ont paye|ont vire|ont deja|ont envoye|argent est parti)\b`)
)

func Wants(text string) Want {
	n := norm(text)
	w := wantsNorm(n)
	if w&Urgent == 0 && containsAny(n, theftCues) && (containsAny(n, theftFraudCues) || stolenCard.MatchString(knowledge.Fold(text))) {
		// "on m'a volé ma carte", "je me suis fait voler mes identifiants"; not the cash taken
		// from an honesty box by an owner who wants to accept cards
		w |= Urgent
	}
	if w&Urgent != 0 && IncidentOver(text) {
		w &^= Urgent
	}
	if w&Cost != 0 && strings.Contains(n, sansPayer) && wantsNorm(strings.ReplaceAll(n, sansPayer, " "))&Cost == 0 {
		// "il est parti sans payer", "récupérer les fichiers sans payer": no price is asked
		w &^= Cost
	}
	low := strings.ToLower(text)
	switch {
	case cQuoiBest.MatchString(low), cQuoiWhichBest.MatchString(low):
		// "c'est quoi le mieux pour moi ?", "c'est quoi le plus simple ?": not a definition
		w &^= Definition
	case cQuoi.MatchString(low):
		w |= Definition
	}
	if w&Urgent != 0 && futureLoss.MatchString(n) && wantsNorm(futureLoss.ReplaceAllString(n, " "))&Urgent == 0 {
		// "si je passe en compte pro, je n'aurai plus accès à ces musiques": a loss to come
		// if the owner does something, not an account taken
		w &^= Urgent
	}
	if f := strings.Join(knowledge.Words(text), " "); w&Urgent != 0 && notHappened.MatchString(f) &&
		wantsNorm(norm(notHappened.ReplaceAllString(f, " ")))&Urgent == 0 {
		// "ma vendeuse pourra modifier la fiche sans que je lui donne mon mot de passe ?",
		// "il me menace d'un avocat si je ne change pas mon nom": what the owner would rather
		// not do, a lawsuit threatened, no account taken
		w &^= Urgent
	}
	if containsAny(n, paidToRibCues) && containsAny(n, ribCues) {
		// "on a payé notre distributeur sur le « nouveau RIB » reçu par mail": money sent to
		// a crook's account
		w |= Urgent
	}
	if extortion.MatchString(knowledge.Fold(text)) {
		// "payez 300 € et on arrête + on supprime": a demand for money to stop an attack
		w |= Urgent
	}
	if stolenDevice.MatchString(knowledge.Fold(text)) {
		// "on m'a volé mon sac avec l'ordinateur portable du boulot": a device stolen with
		// what is open on it
		w |= Urgent
	}
	if worthDoing.MatchString(low) {
		// "ça vaut le coup d'acheter des abonnés ?" asks whether to do it, as "faut-il
		// acheter des abonnés ?" does
		w |= Required
	}
	if abonnement.MatchString(low) {
		w |= Cost
	}
	if w&When != 0 && wantsNorm(conditionalQuand.ReplaceAllString(n, " "))&When == 0 {
		// "quel appareil quand on n'a pas de wifi ?": "quand" says in which case, not when
		w &^= When
	}
	return w
}

// paidToRibCues are paidCues (choose.go) and the payments a member of staff made ("il a
// payé", "a fait le virement"): sent to new bank details, they are the business's money, while
// paidCues alone keep the paid cards for the owner's own payments. ribCues say bank details.
var (
	paidToRibCues = append(slices.Clone(paidCues), normAll("a paye", "a vire", "a fait le virement",
		"avons fait le virement", "a fait un virement", "avons fait un virement", "ont vire", "ont fait le virement",
		"ont fait un virement", "ont verse")...)
	ribCues = normAll("rib", "iban", "coordonnees bancaires")
)

// futureLoss is a loss of access told in the future or the conditional (normalised text).
var futureLoss = regexp.MustCompile(` (?:aur|aurai|aurais|aurait|aura|auron|auront|pourr|pourrai|pourrais|pourra) plus (?:acce|me connect|se connect)`)

// notHappened are what a message says the owner does not want to do, or a legal threat,
// which sound like an emergency's words without telling one (folded words).
var notHappened = regexp.MustCompile(`\bsans (?:que (?:je|j|on|nous) |(?:lui |leur |vous )?(?:donner|communiquer|partager|transmettre|filer) )[^.?!,]{0,40}|\bme menacen?t? (?:d )?(?:un avocat|un proces|de proces|de poursuites|une plainte|de porter plainte|une mise en demeure|de m attaquer|de (?:m )?attaquer|du tribunal|des prud hommes)\b`)

// cQuoiWhichBest is "c'est quoi l'appli la plus simple ?", "c koi le site le moins cher",
// "c'est quoi un bon gestionnaire de mots de passe ?": which one, not what it is.
var cQuoiWhichBest = regexp.MustCompile(`(^|[^\pL])c('|’|'est|’est| est|est)? ?(quoi|koi) (?:(?:\S+ ){0,3}(le|la|les) (mieux|plus|\+|moins|meilleure?s?)|(un|une|des|le|la|les) (bons?|bonnes?)|(un|une) (outil|logiciel|appli|application|site|solution)s? (pas cher|gratuit|simple))([^\pL]|$)`)

// worthDoing is "ça vaut le coup / la peine de + verb": whether to do something.
// extortion is a demand for money to stop what is being done to the owner (folded text).
var extortion = regexp.MustCompile(`\b(?:payez|payer|versez|verser|virez|envoyez)\b[^.?!]{0,40}\b(?:on|ils|il|nous)\s+(?:arrete|arretera|arretons|supprime|supprimera|supprimons|retire|retirera|retirons|enleve|enlevera|enlevons|stoppe|stoppera)\b`)

var stolenDevice = regexp.MustCompile(`\b(?:vole|volee|voles|volees|cambriole|cambriolee|cambriolage|arrache|arrachee)\b[^.?!]{0,60}\b(?:ordinateur|ordi|pc|portable|telephone|tel|smartphone|iphone|tablette|ipad|macbook|laptop)s?\b`)

var worthDoing = regexp.MustCompile(`vaut (?:le coup|la peine) (?:de |d'|d’)`)

// conditionalQuand finds "quand" inside a sentence followed by its subject ("… quand on n'a
// pas de wifi", "… quand les clients appellent"): a condition, not a question about when.
var conditionalQuand = regexp.MustCompile(`([a-z]) quand (?:on|je|j|il|elle|ils|elles|vous|nous|tu|ca|c|le|la|les|l|un|une|des|mon|ma|mes|ton|votre|vos|leur|leurs|personne|quelqu)\b`)

var sansPayer = norm("sans payer")

// countingAsk is "c'est combien de …", which asks a count when a countable follows.
var countingAsk = norm("c est combien de")

// namedRights are rights named as nouns.
var namedRights = normAll("droit de retractation", "droit a l image", "droit d auteur", "droits d auteur",
	"droit a l oubli", "droit d acces", "droit de rectification", "droit d opposition", "droit a l effacement")

// removeAll removes every occurrence of the phrases from s.
func removeAll(s string, phrases []string) string {
	for _, p := range phrases {
		s = strings.ReplaceAll(s, p, " ")
	}
	return s
}

// "abonnement" is read from the raw text: folded, it is the stem of "abonnés" too, and
// "j'ai 800 abonnés" asks no price
var abonnement = regexp.MustCompile(`abonnements?\b`)

// "c quoi le SEO ?", "le click and collect c koi", "ckoi un nom de domaine"
var cQuoi = regexp.MustCompile(`(^|[^\pL])c('|’|'est|’est| est|est)? ?(quoi|koi)([^\pL]|$)|ckoi`)

// "c'est quoi le mieux", "c quoi la meilleure", "c'est quoi le plus simple"
var cQuoiBest = regexp.MustCompile(`(^|[^\pL])c('|’|'est|’est| est|est)? ?(quoi|koi) (le|la|les) (mieux|plus|moins|meilleure?s?)([^\pL]|$)|(^|[^\pL])(le|la|les) (mieux|plus \pL+|moins \pL+|meilleure?s?(?: \pL+)?),? c('|’|'est|’est| est|est)? ?(quoi|koi)([^\pL]|$)`)

func wantsNorm(n string) Want {
	var w Want
	for k, cs := range cueList {
		for _, c := range cs {
			if strings.Contains(n, c) {
				w |= k
				break
			}
		}
	}
	// "combien de temps" is a duration, not a price
	if w&Time != 0 && w&Cost != 0 && strings.Contains(n, howLong) && !containsAny(n, moneyCues) {
		w &^= Cost
	}
	if w&Urgent == 0 && containsAny(n, moneyUrgentCues) && containsAny(n, moneyFraudCues) {
		w |= Urgent
	}
	// "combien de personnes visitent mon site", "c'est combien de jours ?": a count, not a
	// price
	if w&Cost != 0 && containsAny(n, countCues) && !containsAny(n, moneyCues) &&
		!containsAny(strings.ReplaceAll(n, countingAsk, " "), priceCues) {
		w &^= Cost
	}
	// "le droit de rétractation, c'est combien de jours ?": a right named, not a permission
	// asked
	if w&Allowed != 0 && (w&(Cost|Time|When) != 0 || containsAny(n, countCues)) && containsAny(n, namedRights) && wantsNorm(removeAll(n, namedRights))&Allowed == 0 {
		w &^= Allowed
	}
	// "ça vaut quand même le coup": no date asked
	if w&When != 0 && strings.Contains(n, quandMeme) && strings.Count(n, " quand ") == 1 && !containsAny(n, whenStrong) {
		w &^= When
	}
	// "quand" inside an emergency is not a date question
	if w&Urgent != 0 {
		w &^= When
	}
	// "j'ai peur qu'on vole mes photos", "comment éviter le piratage": prevention, not an
	// emergency
	if w&Urgent != 0 && containsAny(n, preventionCues) {
		w &^= Urgent
	}
	return w
}

// moneyUrgentCues say that money left ("j'ai payé", "j'ai viré"): an emergency only when the
// message also tells a fraud (moneyFraudCues), not for a freelance paid who never delivered.
var moneyUrgentCues = normAll("ai paye", "avons paye", "a paye la facture", "ai vire", "avons vire", "a vire",
	"ai donc paye", "ai deja paye", "ai bien paye", "avons deja paye", "ai donc vire", "ai deja vire", "ai regle",
	"avons regle", "ai donc regle", "a ete paye", "a ete vire",
	"ai fait un virement", "fait un virement")

// theftCues tell something stolen: an emergency when what was stolen is a card, a code or an
// account (theftFraudCues, stolenCard).
var theftCues = normAll("on m a vole", "ont vole", "me suis fait voler")

var theftFraudCues = slices.DeleteFunc(slices.Clone(moneyFraudCues), func(c string) bool {
	// what an owner who wants to accept cards, or who lost cash, also says
	return c == norm("carte") || c == norm("compte")
})

var stolenCard = regexp.MustCompile(`\b(?:vole|volee|voles|volees|voler)\b[^.?!]{0,30}\b(?:carte|cartes|cb|chequier|compte|comptes|portefeuille)\b`)

var moneyFraudCues = normAll("arnaque", "arnaqu", "escroc", "escroquerie", "faux", "fausse", "frauduleux",
	"frauduleuse", "fraude", "pirate", "piratee", "hacke", "phishing", "hameconnage", "lien", "sms", "site a disparu",
	"site n existe plus", "plus de site", "bizarre", "suspect", "rib", "se faisait passer", "se fait passer",
	"usurp", "carte", "code", "identifiant", "mot de passe", "compte")

// scamDoubtCues mark a security card that answers "is this a scam?" about something going on.
var scamDoubtCues = normAll("est ce une arnaque", "est ce grave", "je risque quoi", "c est une arnaque")

// unitWants is what a unit answers, read from its questions (a card's heading and
// formulations) or, for a section, its heading and the shape of its text.
func unitWants(c knowledge.Chunk) Want {
	var w Want
	qs := c.Questions()
	if len(qs) > 0 {
		w = Wants(qs[0])
		if c.Card() {
			// formulations confirm the heading's kind; they add only the plainest cues they
			// contain (a card on recognising phishing is asked "faut-il cliquer sur le lien ?",
			// which is no emergency)
			for _, q := range qs[1:] {
				w |= Wants(q) & (Cost | Time | When)
			}
		}
	} else {
		w = Wants(c.Heading)
	}
	if strings.Contains(c.Text, "\n1. ") || strings.HasPrefix(c.Text, "1. ") {
		w |= HowTo
	}
	if c.Topic == "cybersecurite" && c.Card() && (whatToDo(c) || containsAny(norm(c.Heading), scamDoubtCues)) {
		// the security guides' "… : que faire ?" cards are the steps of an emergency, however
		// their situation is told ("mes clients ont payé sur un faux RIB")
		w |= Urgent
	}
	if c.Ordinal == 0 && c.Heading == "" {
		w |= Definition
	}
	return w
}
