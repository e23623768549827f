// Package policy decides, from the text of one owner message, whether it needs something
// other than an answer from the guides: a person (an explicit request, a dispute, an attack
// in progress, visible frustration) or a redirection (a business question outside the
// programme's digital remit). A classifier trained on labelled messages decides (model.go);
// the hand-written rules of this file are some of its features.
package policy

import (
	"regexp"
	"regexp/syntax"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
)

// Escalation reasons, recorded with each escalation (see also ReasonLowConfidence).
const (
	// ReasonExplicit: the owner asks for a person, a coach, an appointment or the CCI.
	ReasonExplicit = "explicit_request"
	// ReasonDispute: a dispute with a provider or a customer, legal threats, a lawyer, a court,
	// a formal notice.
	ReasonDispute = "dispute"
	// ReasonAccounting: accounting or tax advice (balance sheet, VAT returns, income tax,
	// URSSAF, chartered accountant).
	ReasonAccounting = "accounting_tax"
	// ReasonCyberUrgent: an attack happening now (ransomware, an account just hacked, a fraud
	// in progress) where the owner needs help at once.
	ReasonCyberUrgent = "cyber_emergency"
	// ReasonFrustration: visible frustration, or saying that the answers do not help.
	ReasonFrustration = "frustration"
)

// Escalation is the policy's verdict on one owner message.
type Escalation struct {
	// Reason is one of the Reason constants, or "" when the message needs no person.
	Reason string
	// Matched is the normalised phrase that triggered the escalation, for logs and tests.
	Matched string
	// Prob is the model's probability when the model decided, 0 when the rules did.
	Prob float64
}

// Rules decides, from the text of one owner message alone and with hand-written rules only,
// whether it needs a human coach and why. It is deterministic and cheap: every pattern is compiled once, when
// the package is loaded.
//
// When several reasons apply, the most pressing wins: cyber_emergency, then dispute, then
// accounting_tax, then explicit_request, then frustration. A question that merely mentions a
// sensitive word in an informational way (how to protect against ransomware, online booking
// for one's own customers, an accounting software) does not escalate: the guides answer it.
func Rules(text string) Escalation {
	m := normalizeMessage(text)
	for i := range escalationRules {
		r := &escalationRules[i]
		if matched, ok := r.apply(&m); ok {
			return Escalation{Reason: r.reason, Matched: matched}
		}
	}
	if matched, ok := frustrationMarks(text, &m); ok {
		return Escalation{Reason: ReasonFrustration, Matched: matched}
	}
	return Escalation{}
}

// escMessage is an owner message prepared for the rules: folded words (accents and case
// removed, elisions written out, common typos and SMS spellings corrected), one string per
// sentence, the clauses of a sentence joined by " , ".
type escMessage struct {
	sentences []string
	all       string // the sentences joined by " . "
	words     int
}

// escRule is one pattern of the policy. re is searched in each sentence; the other fields,
// when set, narrow a match down.
type escRule struct {
	reason    string
	re        *regexp.Regexp
	also      *regexp.Regexp   // must match the same sentence too
	alsoNear  *regexp.Regexp   // must match the clause of the match (between commas) too
	notBefore *regexp.Regexp   // must not match the sentence text before the match
	notAfter  *regexp.Regexp   // must not match the sentence text after the match
	notIn     *regexp.Regexp   // must not match the sentence
	keep      *regexp.Regexp   // when it matches the sentence, notIn is ignored
	alsoMsg   []*regexp.Regexp // must each match the whole message too
	notMsg    *regexp.Regexp   // must not match the whole message
	maxWords  int              // when > 0, only for messages of at most this many words

	// reLits and alsoLits are strings of which every match of re (of also) contains one:
	// when none is in the message, the pattern is not run. Filled in by init.
	reLits, alsoLits []string
}

func (r *escRule) apply(m *escMessage) (string, bool) {
	if r.maxWords > 0 && m.words > r.maxWords {
		return "", false
	}
	if !containsAnyLiteral(m.all, r.reLits) || (r.also != nil && !containsAnyLiteral(m.all, r.alsoLits)) {
		return "", false
	}
	for _, a := range r.alsoMsg {
		if !a.MatchString(m.all) {
			return "", false
		}
	}
	if r.notMsg != nil && r.notMsg.MatchString(m.all) {
		return "", false
	}
	for _, s := range m.sentences {
		if r.also != nil && !r.also.MatchString(s) {
			continue
		}
		if r.notIn != nil && r.notIn.MatchString(s) && (r.keep == nil || !r.keep.MatchString(s)) {
			continue
		}
		for _, loc := range r.re.FindAllStringIndex(s, -1) {
			if r.notBefore != nil && r.notBefore.MatchString(strings.TrimSpace(s[:loc[0]])) {
				continue
			}
			if r.notAfter != nil && r.notAfter.MatchString(s[loc[1]:]) {
				continue
			}
			if r.alsoNear != nil && !r.alsoNear.MatchString(clauseAt(s, loc[0], loc[1])) {
				continue
			}
			matched := strings.TrimSpace(s[loc[0]:loc[1]])
			if r.also != nil {
				// "agence … refuse": both halves of the evidence
				if a := strings.TrimSpace(r.also.FindString(s)); a != "" && !strings.Contains(matched, a) {
					if strings.Index(s, a) < loc[0] {
						return a + " … " + matched, true
					}
					return matched + " … " + a, true
				}
			}
			return matched, true
		}
	}
	return "", false
}

// clauseAt returns the clause of sentence s (clauses are joined by " , ") that holds s[i:j].
func clauseAt(s string, i, j int) string {
	if k := strings.LastIndex(s[:i], " , "); k >= 0 {
		s, j = s[k+3:], j-k-3
	}
	if k := strings.Index(s[j:], " , "); k >= 0 {
		s = s[:j+k]
	}
	return s
}

// Vocabulary shared by several rules, written into the patterns by escFragments.
var escFragments = strings.NewReplacer(
	// hacked, as a past participle or an infinitive after "se faire"
	"{HACKED}", `(?:defigure|defiguree|pirate|piratee|pirates|piratees|pirater|hacke|hackee|hackes|hackees|hacker|hake|hakee|hacked|compromis|compromise|infecte|infectee|infectes|infectees)`,
	// hacked, as a past participle only
	"{HACKEDPP}", `(?:defigure|defiguree|pirate|piratee|pirates|piratees|hacke|hackee|hackes|hackees|hake|hakee|hacked|compromis|compromise|infecte|infectee)`,
	// what an owner has that can be hacked
	"{ASSET}", `(?:compte|comptes|site|site web|site internet|page|boite|boite mail|boite email|mail|email|adresse mail|adresse email|messagerie|ordinateur|ordi|pc|mac|telephone|portable|smartphone|serveur|reseau|wifi|fiche|profil|instagram|facebook|whatsapp|linkedin|tiktok|gmail|outlook|hotmail|boutique|boutique en ligne|blog|identifiants|mot de passe|donnees|fichiers|caisse|logiciel|application|wordpress)`,
	// a hypothesis or prevention: "si un jour", "comment éviter", "se protéger"
	"{HYPO}", `\b(?:si|cas|jamais|eviter|evite|evitez|proteger|protege|protegez|prevenir|securiser|reconnaitre|risque|risques|risquer|jour|peur|crainte|craindre|craint|prevention|empecher|lorsque|quand|comment savoir|formation|sensibiliser|sensibilisation)\b`,
	// the owner says it is happening now
	"{URGENT}", `\b(?:urgent|urgente|urgence|urgences|au secours|sos|aidez moi|aide moi|aidez nous|help|vite|au plus vite|immediatement|tout de suite|maintenant|en ce moment|actuellement|ce matin|cette nuit|hier soir|depuis ce matin|depuis hier|depuis cette nuit|panique|paniquer|ca continue|en train|il y a \d+ (?:min|mn|minutes)|(?:viens|vient|venons) de)\b`,
	// a past incident the owner asks to prevent from happening again
	"{PAST}", `\b(?:annee derniere|an dernier|il y a (?:\w+ )?(?:ans|an)|autrefois|par le passe|recommence|recommencer|se reproduise|reproduire)\b`,
	// the owner's own customers or visitors: what they do is a product question
	"{OWN}", `\b(?:clients?|clientes?|clientele|patients?|patientele|visiteurs?|internautes?|prospects?|abonnes?|abonnees?|gens|salaries?|employes?|followers|utilisateurs?|lecteurs?|acheteurs?|consommateurs?|usagers?|eleves?|adherents?|candidats?)\b`,
	// words that may stand between a request verb and the person asked for
	"{FILL}", `(?:entretien|rdv|echange|appel|rencontre|seance|session|creneau|suivi|accompagnement|personnalise|personnalisee|individuel|individuelle|telephonique|a|au|avec|de|d|du|un|une|1|le|la|les|des|votre|vos|ton|tes|mon|ma|vrai|vraie|vrais|vraies|veritable|directement|rapidement|vite|enfin|plutot|juste|simplement|svp|aupres|par|vers|en|relation|contact|me|moi|nous|je|que|on|pouvoir|possible|il|est|ce|bien|etre|autre|quelques|seul|seule|personnellement|plus|aussi|maintenant|physiquement|reellement|parler|discuter|echanger|faire|point|bilan)`,
	// request words before a coach, a human, an adviser
	"{WANT}", `(?:desire|desirerais|entretenir|faudrait|faudra|vois|voie|contacte|contactee|recontacte|recontactee|recontacter|recontactez|inscrire|beneficier|parl\w*|discuter|echanger|joindre|contacter|contact|voir|rencontrer|avoir|veux|voudrais|voudrait|voulais|aimerais|aimerait|souhaite|souhaiterais|souhaitons|besoin|faut|peux|pourrais|puis|possible|passer|passez|transferer|transferez|rediriger|redirigez|orienter|orientez|relation|accompagne|accompagnee|accompagnes|accompagner|suivi|suivie|rappele|rappelee|rappeler|rappelez|appele|appelee|appeler|appelez|demande|demander|prefere|preferais|preferer|trouver|reserver|prendre|svp|donnez|donner|mettez|mettre|envoyez|envoyer|conseil|conseils|aide|aider)`,
	// a person of the programme, or a human as opposed to the bot
	"{HUMAN}", `(?:humain|humaine|humains|etre humain|etres humains|vraie personne|vrai personne|vraies personnes|personne reelle|personne physique|coach|conseiller|conseillere|interlocuteur|interlocutrice|cci|cma|chambre de commerce|chambre des metiers|quelqu un de reel|quelqu un de vrai|quelqu un en vrai|membre de votre equipe|(?:un|une|1|le|la|votre|vrai|vraie) conseille)`,
	// talking with someone (for words that are also used for other things, like "personne")
	"{TALK}", `(?:parl\w*|discuter|echanger|joindre|contacter|rencontrer|voir|rappel\w*|appel\w*|transfer\w*|redirig\w*|orient\w*|passer|passez|relation|contact|(?:aide|aidee|accompagne|accompagnee|accompagnes|suivi|suivie|conseille|conseillee|epaule|epaulee) par)`,
	// a question or a need in the same sentence ("comment", "dois-je", "aidez-moi pour")
	"{ASKING}", `\b(?:comment|quel|quelle|quels|quelles|dois|doit|devons|faut|besoin|aide|aider|aidez|conseil|conseils|question|questions|obligatoire|obligatoires|obligation|obligations|regle|regles|faire|tenir|gerer|tenue|qui|quoi|combien|est ce|peut on|puis je|sais pas|savoir|cherche|trouver)\b`,
	// what a very short message asks for: "coach", "rdv coach", "humain svp"
	"{SHORTKEY}", `(?:conseille|agent|operateur|operatrice|interlocuteur|interlocutrice|coach numerique|conseiller numerique|conseiller cci|coach cci|coach|coaching|rdv|humain|humaine|conseiller|conseillere|accompagnement|rappel|rappelez moi|appelez moi|quelqu un|etre humain|personne physique|vrai conseiller|vraie personne)`,
	// a provider who built or runs the owner's digital presence
	"{PROVIDER}", `(?:agence|agences|prestataire|prestataires|presta|webmaster|webmestre|developpeur|developpeuse|dev|freelance|freelanceur|graphiste|hebergeur|fournisseur|fournisseurs|informaticien|consultant|consultante|community manager|createur|concepteur|imprimeur|referenceur|commercial|associe|ancien associe|webdesigner|web designer|designer|photographe|videaste|redacteur|traducteur|integrateur|infogereur|installateur|ex salarie|ex salariee|ancien salarie|ancienne salariee|ancien employe|ancienne employee|ex employe|ex employee|ex associe|ex associee|ancienne associee|ancien stagiaire|ancienne stagiaire|(?:societe|boite|entreprise|cabinet) (?:de |d )?(?:referencement|communication|marketing|web|digital|digitale|informatique|annuaire|hebergement))`,
	// something a provider does in a dispute
	"{CONFLICT}", `(?:refuse|refusent|refusait|refusaient|veut pas|veulent pas|voulait pas|veut plus|veulent plus|veut rien|rend pas|rendent pas|rendra pas|donne pas|donnent pas|rembourse pas|remboursent pas|remboursement|disparu avec|disparue avec|parti avec|partie avec|retient|retiennent|confisque|otage|menace|menacent|menaces|harcele|harcelent|harcelement|exige|exigent|reclame|reclament|arnaque|arnaquer|arnaques|arnaqueur|escroc|escroque|escroquer|escroquerie|pas respecte|respecte pas|ne respecte|pas livre|jamais livre|pas tenu|pas fini|jamais fini|abandonne|bacle|facture abusive|factures abusives|surfacture|abusif|abusive|conflit|differend|chantage|(?:bloque|bloquent|garde|gardent|conserve) (?:mon|ma|mes|notre|nos|le|la|les) (?:site|nom|domaine|acces|codes|code|code source|identifiants|fichiers|compte|donnees|photos|contenus|mot)|recuperer (?:mon|mes|notre|nos) (?:argent|acompte|sous)|rendre (?:mon|mes|notre) (?:argent|acompte)|jamais (?:sorti|livre|termine|mis en ligne|vu le jour)|(?:preleve|prelevent|facture|facturent) encore|(?:continue|continuent) de (?:me |nous )?(?:prelever|facturer)|malgre (?:ma|la|notre) resiliation)`,
	// tools and self-service contexts: booking "rendez-vous" for one's own customers
	"{TOOLS}", `\b(?:en ligne|outil|outils|logiciel|logiciels|application|applications|appli|applis|app|agenda|agendas|calendrier|calendly|planity|doctolib|module|widget|plugin|extension|systeme|plateforme|automatique|automatiquement|automatiser|prise de rdv|prises de rdv|reservation|reservations|booking|sms|bouton|formulaire|qr code|rappels|mes rdv|des rdv|les rdv|(?:annuler|annule|annulation|deplacer|deplace|decaler|decale|reporter|reporte|modifier|modifie|changer|change)(?: \w+){0,2} (?:rdv|seance|creneau|reservation)|(?:sur|via|par|avec|depuis) (?:mon |ma |mes |le |la |les |son |sa |ses |un |une )?(?:site|fiche|page|profil|compte|instagram|facebook|google|whatsapp|lien|boutique)|(?:chez|avec|aupres de|aupres) (?:google|facebook|meta|instagram|apple|microsoft|ma banque|la banque|mon banquier|mon comptable|un client|le client|mes clients|mon medecin|le medecin))\b`,
)

// re compiles a pattern of the policy, with its escFragments written in; it panics on a broken
// pattern, so a mistake fails when the package loads, not in front of an owner.
func escRE(pattern string) *regexp.Regexp {
	return regexp.MustCompile(escFragments.Replace(pattern))
}

// escalationRules are the policy, in order of priority: the first rule that matches decides.
var escalationRules = []escRule{
	// ---- cyber_emergency: an attack happening now -------------------------------------------
	{ // "mon site est hacké", "je me suis fait pirater", "mon compte vient d'être piraté"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:est|sont|ete|suis|sommes|etait|etaient|fait|faite|faits|fais|vient etre|viens etre|viennent etre|venons etre)(?: (?:encore|deja|bien|completement|totalement|peut etre|visiblement|apparemment|surement|probablement|carrement|clairement|certainement|encore une fois))? {HACKED}\b`),
		notBefore: escRE(`{HYPO}`),
		notIn:     escRE(`{PAST}`),
	},
	{ // "mon compte facebook piraté" (no verb, SMS style)
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:mon|ma|mes|notre|nos)(?: \w+){0,2}? {ASSET}(?: (?:facebook|instagram|insta|google|gmail|pro|professionnel|perso|mail|email|bancaire|internet|web|en ligne|whatsapp|linkedin|tiktok|shopify|wordpress|wix))? {HACKEDPP}\b`),
		notBefore: escRE(`{HYPO}`),
		notIn:     escRE(`{PAST}`),
	},
	{ // "compte fb piraté" (SMS style, no possessive)
		reason:    ReasonCyberUrgent,
		re:        escRE(`^{ASSET}(?: (?:facebook|instagram|insta|google|gmail|pro|professionnel|perso|mail|email|bancaire|internet|web|whatsapp|linkedin|tiktok|shopify|wordpress|wix))? {HACKEDPP}\b`),
		notBefore: escRE(`{HYPO}`),
	},
	{ // "on m'a piraté", "quelqu'un a piraté mon site", "ils essaient de me hacker"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:on|quelqu un|ils|il|hacker|hackers|pirate|pirates|escroc|escrocs)(?: me| nous)? (?:a|ont|est en train de|sont en train de|essaie de|essaye de|essaient de|essayent de|tente de|tentent de|vient de|viennent de|cherche a|cherchent a)(?: me| nous| de)? (?:pirate|pirater|hacke|hacker|hake|attaque|attaquer|infecte|infecter|chiffre|chiffrer|crypte|crypter|pris le controle|prendre le controle)\b`),
		notBefore: escRE(`{HYPO}`),
		notIn:     escRE(`{PAST}|\b(?:justice|tribunal|proces)\b`),
	},
	{ // "on est en train de me pirater", "attaque en cours"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\ben train (?:de |d )?(?:me |nous |se )?(?:faire )?(?:pirater|hacker|attaquer|arnaquer|escroquer|infecter|chiffrer|crypter|voler|etre (?:pirate|attaque|attaques|hacke|arnaque))\b|\b(?:attaque|cyberattaque|piratage|intrusion|ddos|hameconnage|phishing|rancongiciel|ransomware|virus|fraude|escroquerie|arnaque)(?: \w+){0,2} en cours\b|\b(?:sommes|suis|est|sont) (?:actuellement |encore )?(?:attaque|attaques|attaquee|attaquees|sous attaque|la cible dune attaque)\b|\bpris le controle (?:de |du |d )?(?:mon|ma|mes|notre|nos)\b`),
		notBefore: escRE(`{HYPO}`),
		notAfter:  escRE(`^ (?:en justice|au tribunal|aux prud|par (?:mon|ma|un|une|son|sa) (?:client|cliente|concurrent|ancien|prestataire|agence|fournisseur))`),
	},
	{ // ransomware: "mes fichiers sont chiffrés", "on me demande une rançon"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:fichiers|donnees|documents|dossiers|photos|disque|disques|serveur|serveurs|ordinateur|ordinateurs|ordi|pc|mac|poste|postes|sauvegardes)(?: \w+){0,3} (?:sont|est|ete)(?: (?:tous|toutes|tout|toute|completement|entierement|soudain|soudainement|maintenant|desormais))? (?:en )?(?:chiffres|chiffre|chiffrees|chiffree|cryptes|crypte|cryptees|encryptes|encrypte|verrouilles|pris en otage|locked|encrypted|crypt)\b|\b(?:me|nous|qui|message|ecran|pirate|pirates|hacker|hackers|ils) (?:demande|demandent|reclame|reclament|exige|exigent|reclamer|demander)(?: \w+){0,4} (?:rancon|rancons|bitcoin|bitcoins|cryptomonnaie|cryptomonnaies|crypto)\b|\b(?:recu|recois|affiche|affichent|apparait|demande|message|note|ecran)(?: \w+){0,3} (?:de )?(?:rancon|rancongiciel|ransomware)\b`),
		notBefore: escRE(`{HYPO}`),
		notIn:     escRE(`\b(?:bitlocker|filevault|veracrypt|exemple|comment reconnaitre)\b`),
	},
	{ // "dois-je payer la rançon"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:payer|paye|verser|regler)(?: \w+)? (?:la|cette|leur) (?:rancon|ranson)\b`),
		notBefore: escRE(`{HYPO}|\b(?:faut|doit on)\b`),
	},
	{ // "j'ai un virus", "mon ordinateur a un rançongiciel"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:ai|avons|a|avez|as)(?: \w+){0,2} (?:un |une |le |la |des )?(?:rancongiciel|ransomware|virus|malware|cheval de troie|trojan|logiciel malveillant|cryptolocker|keylogger|logiciel espion|spyware)\b`),
		notBefore: escRE(`{HYPO}`),
		notIn:     escRE(`\b(?:antivirus|anti virus)\b`),
	},
	{ // fraud: "je viens de virer 5000 euros sur un faux rib", "j'ai donné mes codes à un faux conseiller"
		reason: ReasonCyberUrgent,
		re: escRE(`\b(?:(?:ai|avons|a|avez)(?: (?:deja|encore|bien|malheureusement|peut etre|meme|tout))? (?:vire|paye|regle|transfere|envoye|verse|donne|communique|saisi|tape|entre|rentre|clique|telecharge|ouvert|installe|transmis|scanne|fait un virement|fait un paiement|effectue un virement|fait un transfert)|(?:viens|vient|venons) de (?:virer|payer|regler|transferer|envoyer|verser|donner|communiquer|saisir|taper|entrer|rentrer|cliquer|telecharger|ouvrir|installer|transmettre|scanner|faire un virement|faire un paiement))\b` +
			`(?:(?: \w+){0,10} (?:faux|fausse|fausses|frauduleux|frauduleuse|frauduleuses|arnaque|arnaques|arnaqueur|arnaqueurs|escroc|escrocs|escroquerie|phishing|hameconnage|pirate|pirates|hacker|usurpateur|usurpatrice|piege|malveillant|malveillante|fraude|fraudeur|fraudeurs)|(?: \w+){0,4} (?:bizarre|bizarres|louche|louches|suspect|suspecte|suspects)|(?: (?:\w+|,)){0,12} (?:vide|videe|debite|debitee|debits|prelevements|plus acces|plus rien|pirate|piratee|disparu|disparus))\b`),
		notBefore: escRE(`{HYPO}`),
	},
	{ // fraud, the impostor named first: "un faux conseiller m'a appelé et j'ai donné mes codes"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:faux|fausse|escroc|escrocs|arnaqueur|arnaqueurs|fraudeur|fraudeurs|usurpateur|soi disant|pretendu|pretendue)\b(?: \w+){0,10} (?:ai|avons|a|ont) (?:vire|paye|regle|transfere|envoye|verse|donne|communique|saisi|tape|entre|clique|telecharge|ouvert|installe|transmis|fait un virement|fait des virements|fait des achats|fait des paiements|vide|debite)\b`),
		notBefore: escRE(`{HYPO}`),
	},
	{ // "je me suis fait arnaquer", "je suis victime d'un piratage"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:me|nous|se) (?:suis |sommes |est |sont )?(?:fait|faite|faits|fais) (?:arnaquer|arnaque|escroquer|escroque|pieger|hameconner|extorquer|usurper)\b|\b(?:viens|vient|venons|viennent) de (?:me |nous |se )?faire (?:arnaquer|escroquer|pieger|pirater|hacker)\b|\b(?:me|nous|se) (?:suis |sommes |est |sont )?(?:fait|faite|faits|fais|faire) voler (?:mon|ma|mes|nos|notre|son|sa|ses|le|la|les|l) (?:compte|comptes|identifiants|codes|code|mot de passe|mots de passe|donnees|ordinateur|ordi|pc|portable|telephone|tel|iphone|tablette|page|carte|cb|fichier|fichiers)\b|\b(?:sont|est|ete|suis|sommes)(?: \w+){0,2} (?:bloque|bloques|bloquee|bloquees|infecte|infectes|infectee|infectees|touche|touches|touchee|touchees|attaque|attaques|attaquee|attaquees|chiffre|chiffres|paralyse|paralyses|paralysee|paralysees)(?: \w+){0,2} par (?:un |une |le |la |des )?(?:rancongiciel|ransomware|virus|malware|cryptolocker|hacker|hackers|pirate|pirates|cyberattaque)\b|\b(?:suis|sommes|etre|ete) (?:victime|victimes)(?: (?:de|d|du|des|un|une|dune))*(?: \w+)? (?:piratage|arnaque|escroquerie|fraude|phishing|hameconnage|rancongiciel|ransomware|cyberattaque|attaque|usurpation|virus|malware|chantage|sextorsion|faux|fausse|vol|intrusion)\b`),
		notBefore: escRE(`{HYPO}|\bpas$`),
		notAfter:  escRE(`^ (?:de la part (?:de |d )?|venant (?:de |d )?|par )?(?:mon |ma |une |un |cette |ce |son |sa |l )?(?:ancien |ancienne )?(?:agence|prestataire|presta|webmaster|developpeur|dev|freelance|graphiste|hebergeur|fournisseur|commercial|vendeur|societe|entreprise|boite|webdesigner)\b`),
	},
	{ // blackmail: "on me fait du chantage avec des photos"; a provider's is a dispute
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:me|nous) (?:fait|font) (?:du )?chantage\b|\bsextorsion\b`),
		notBefore: escRE(`{HYPO}|\b{PROVIDER}\b|\b(?:client|cliente|clients|concurrent|concurrente|ancien|ancienne|ex)\b`),
	},
	{ // account takeover: "ils ont changé mon mot de passe", "mes identifiants ont été volés"
		reason: ReasonCyberUrgent,
		re:     escRE(`\b(?:(?:on|quelqu un|ils|il)(?: me| nous)? (?:a|ont) (?:change|modifie|utilise|vole|vide|pris|supprime|usurpe)|(?:quelqu un|on|un inconnu|inconnu|qq) (?:utilise|vide|debite|pirate|usurpe)) (?:(?:mon|ma|mes|notre|nos|le|la|les) )?(?:mot de passe|mots de passe|code|codes|identifiants|carte|carte bancaire|cb|compte|comptes|email|mail|e mail|adresse mail|adresse email|adresse de connexion|numero|numero de telephone|acces|donnees|page|identite|rib|iban|coordonnees bancaires|site)\b|\b(?:compte|comptes|mot de passe|identifiants|codes|carte|carte bancaire|identite|donnees|acces|page|site)(?: \w+){0,3} (?:a ete|ete|ont ete) (?:vole|voles|volee|volees|usurpe|usurpee|derobe|derobes|derobees|vide|videe|debite|debitee|utilise|utilisee|utilises|utilisees)\b|\b(?:mot de passe|mots de passe|adresse mail|adresse email|email de connexion|identifiants|double authentification|numero de telephone)(?: \w+){0,2} (?:a ete|ont ete|ete) (?:change|changes|changee|modifie|modifies|modifiee|reinitialise|desactive|desactivee)\b(?:(?: \w+){0,6} (?:plus|pas|bloque|bloquee|inconnu))|\b(?:quelqu un|un inconnu|inconnu|qq|une personne|des inconnus)(?: \w+){0,2} (?:a acces|ont acces|a eu acces|accede|accedent|lit|lisent|consulte|consultent)(?: \w+){0,2} (?:a )?(?:mes|mon|ma|notre|nos)\b|\b(?:quelqu un|inconnu|un inconnu|qq)(?: \w+){0,3} (?:connecter|connecte|connectee|introduit)(?: \w+){0,3} (?:mon|ma|mes|notre|nos)\b|\b(?:connexion|connexions|tentative de connexion|activite) (?:suspecte|suspectes|inhabituelle|inhabituelles|inconnue|inconnues)\b|\b(?:se fait passer|se font passer|se faisant passer|usurpe|usurpent) (?:pour )?(?:moi|nous|mon entreprise|ma societe|ma boutique|mon identite|notre entreprise|mon magasin)\b`),
		// "compte bloqué pour activité suspecte" is the platform's doing
		notBefore: escRE(`{HYPO}|\b(?:bloque|bloquee|suspendu|suspendue|desactive|desactivee|restreint|restreinte|ferme|fermee)(?: \w+){0,3} pour$`),
		notIn:     escRE(`\b(?:etait moi|etais moi|est moi|etait bien moi)\b`),
	},
	{ // signs of a compromised site or mailbox
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:site|page|boutique|blog)(?: \w+){0,3} (?:redirige|redirigent|renvoie|renvoient|affiche|affichent)(?: \w+){0,7} (?:porno|pornographique|casino|casinos|viagra|pharmacie|pilules|site chinois|site russe|japonais|chinois|russe|cyrillique)\b|\b(?:compte|adresse|boite|boite mail|messagerie|mail|email|page|numero|whatsapp)(?: \w+){0,3} (?:envoie|envoient|a envoye|ont envoye|publie|publient|poste|postent|a publie)\b`),
		also:      escRE(`\b(?:porno|pornographique|casino|casinos|viagra|pharmacie|pilules|chinois|russe|japonais|cyrillique|spam|spams|bizarre|bizarres|frauduleux|frauduleuse|arnaque|arnaques|phishing|pas moi|a mon insu|sans mon accord|sans mon autorisation|tous mes contacts)\b`),
		notBefore: escRE(`{HYPO}|\bcomment\b`),
	},
	{ // "mes clients reçoivent des mails frauduleux en mon nom"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:clients|contacts|amis|abonnes|fournisseurs)(?: \w+){0,2} (?:recoivent|ont recu|recu)(?: \w+){0,5} (?:en mon nom|de ma part|de mon adresse|de mon compte|depuis mon|frauduleux|frauduleuses|bizarres|arnaque|spam|spams|phishing)\b`),
		notBefore: escRE(`{HYPO}`),
	},
	{ // "des clients ont reçu des SMS frauduleux à mon nom"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:sms|mails|emails|messages|appels|courriers|factures|liens|mail|email|message)(?: \w+){0,2} (?:frauduleux|frauduleuses|frauduleuse|a mon nom|en mon nom|de ma part|usurpant|se faisant passer pour (?:moi|nous|ma|mon))\b`),
		alsoMsg:   []*regexp.Regexp{escRE(`\b(?:clients|client|clientes|cliente|contacts|fournisseurs|abonnes|patients|adherents)\b`)},
		notBefore: escRE(`{HYPO}|\bcomment\b`),
		notMsg:    escRE(`{PAST}|\bcomment (?:eviter|proteger|prevenir|savoir|reconnaitre)\b`),
	},
	{ // "le PC de l'accueil s'est mis à chiffrer tous les fichiers"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:mis a|met a|en train de|commence a|commencent a|vient de|viennent de|a|ont|est en train de) (?:chiffrer|crypter|chiffre|crypte|verrouiller|verrouille)(?: \w+){0,2} (?:tous |toutes )?(?:les |mes |nos )?(?:fichiers|donnees|documents|dossiers|disques|photos|factures)\b`),
		notBefore: escRE(`{HYPO}|\b(?:comment|je|on|faut|dois|logiciel|outil|bitlocker)\b`),
	},
	{ // "URGENT virus sur mon ordinateur", "aidez-moi, piratage"
		reason:  ReasonCyberUrgent,
		re:      escRE(`\b(?:pirate|piratee|pirates|piratees|pirater|piratage|hack|hacke|hackee|hacker|hackers|hacked|hake|rancon|rancongiciel|ransomware|virus|malware|cyberattaque|phishing|hameconnage|intrusion|ddos|sextorsion|chantage|bitcoin|bitcoins|fraude|frauduleux|frauduleuse|frauduleuses|cartes? (?:bancaires? )?volees?)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`{URGENT}`)},
		notMsg:  escRE(`{HYPO}|{PAST}|\b(?:justice|tribunal|avocat|antivirus|quel|quelle|quels|quelles|conseil|conseils|astuces)\b`),
	},
	{ // "ce matin tous les ordinateurs affichent un message, plus rien ne s'ouvre, je panique"
		reason:  ReasonCyberUrgent,
		re:      escRE(`\b(?:fichiers|factures|documents|donnees|dossiers|photos|sauvegardes)(?: \w+){0,2} (?:sont|est|ete) (?:tous |toutes |devenus |devenues )?(?:inaccessibles|illisibles|bloques|bloquees|disparus|disparues|renommes|renommees)\b|\bplus rien ne (?:se )?(?:ouvre|marche|fonctionne|demarre)\b|\b(?:ordinateurs?|ecrans?|postes?|pc|ordis?) (?:\w+ ){0,2}(?:affiche|affichent|affichaient|affichait) (?:\w+ ){0,2}message\b`),
		alsoMsg: []*regexp.Regexp{escRE(`{URGENT}|\b(?:paniqu\w*|affolee?|catastrophe|ce matin|cette nuit|depuis hier|tout a coup|soudain|soudainement)\b`)},
		notMsg:  escRE(`{HYPO}|{PAST}`),
	},
	{ // a transfer being made to a fraudster: "virement urgent demandé par le « directeur », c'est une arnaque ?"
		reason:  ReasonCyberUrgent,
		re:      escRE(`\b(?:virement|virements|transfert|vire|virer|paiement)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`\b(?:arnaque|arnaques|faux|fausse|fraude|escroquerie|escroc|usurpation|fraude au president)\b`), escRE(`{URGENT}`)},
		notMsg:  escRE(`{HYPO}|\b(?:verifie|verifier|avant de|comment)\b`),
	},
	{ // a ransom note, often in English: "your files have been encrypted", "pay 0.5 BTC"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:files|data|documents|network|computer|computers|servers|system)(?: \w+)? (?:have been|has been|are|were|is|got)(?: \w+)? (?:encrypted|locked|stolen|crypted|compromised)\b|\byour (?:important |personal )?(?:files|data|documents)\b|\bpay(?: \w+){0,3} (?:btc|bitcoin|bitcoins|monero|ransom)\b|\b(?:ransom note|decryption key|decryptor|decrypt tool|ooops|oops your)\b`),
		notBefore: escRE(`{HYPO}|\bcomment\b`),
	},
	{ // the extension of a ransomware on every file: ".lockbit", ".locked"
		reason:  ReasonCyberUrgent,
		re:      escRE(`\b(?:lockbit|locked|encrypted|crypted|wncry|wnry|ryuk|conti|akira|phobos|djvu|blackcat|revil|stop djvu|lockfile)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`\b(?:fichiers|fichier|documents|dossiers|donnees|extension|extensions|photos|factures)\b`)},
		notMsg:  escRE(`{HYPO}|{PAST}`),
	},
	{ // a ransom or a payment in crypto-currency demanded: "ils veulent 800 euros en bitcoin"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:veulent|veut|demandent|demande|exigent|exige|reclament|reclame|menacent|menace|payer|verser|envoyer)(?: \w+){0,5} (?:en )?(?:bitcoin|bitcoins|btc|cryptomonnaie|cryptomonnaies|crypto|cryptos|monero|carte prepayee|cartes prepayees|coupons? pcs|transcash|neosurf)\b`),
		notBefore: escRE(`{HYPO}|\b(?:comment|faut il|doit on)\b`),
		notIn:     escRE(`\b(?:accepter|accepte|acceptez|proposer|encaisser|moyen de paiement|moyens de paiement)\b`),
	},
	{ // an intruder at work: "le pirate a tout changé", "un pirate me demande 1000 euros"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:le|les|un|des|ce|ces|mon|son|leur) (?:pirate|pirates|hacker|hackers|escroc|escrocs|arnaqueur|arnaqueurs|fraudeur|fraudeurs|usurpateur|intrus)(?: (?:a|ont|me|m|nous|vient de|viennent de|est|sont|continue|continuent|encore|toujours|deja|tout|tous|toutes|bien|meme|aussi|carrement))* (?:change|modifie|supprime|efface|vide|bloque|demande|demandent|reclame|reclament|exige|exigent|menace|menacent|publie|publient|poste|postent|envoie|envoient|utilise|utilisent|contacte|contactent|ecrit|ecrivent|vole|pris|prend|prennent|connecte|telecharge|vend|vendent|fait|font|encaisse|encaissent|bloquent|changent|modifient|effacent|supprimer|changer|bloquer|demander)\b`),
		notBefore: escRE(`{HYPO}|\b(?:comment|pourquoi|peut|peuvent|pourrait|pourraient)\b`),
		notIn:     escRE(`{PAST}|\b(?:peut|peuvent|pourrait|pourraient|pourra|pourront|souvent|generalement|en general|habituellement|technique|techniques)\b`),
	},
	{ // someone controls the computer from afar: "la souris bouge toute seule", "il a pris la main sur mon ordi"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:souris|curseur|pointeur)(?: \w+){0,3} (?:bouge|bougent|bouger|se deplace|se deplacent|clique|cliquent)\b|\b(?:pris|prend|prendre|prennent|prenait|prise) (?:la main|le controle)\b|\b(?:controle|controlent|controler|pilote|pilotent|piloter|acces|accede|accedent)(?: \w+){0,4} a distance\b|\b(?:quelqu un|on|il|ils|un pirate|un hacker|un inconnu) (?:est|sont) (?:entre |rentre |entres |rentres )?dans (?:mon|ma|mes|notre|nos|le|la) (?:ordi|ordinateur|pc|mac|systeme|reseau|serveur|serveurs|compte|boite|messagerie|telephone|site|ordinateurs)\b`),
		alsoMsg:   []*regexp.Regexp{escRE(`\b(?:quelqu un|inconnu|mec|type|gars|faux|fausse|soi disant|pretendu|pretendue|technicien|pirate|pirates|hacker|hackers|escroc|arnaqueur|encore connecte|toute seule|tout seul|tous seuls|je vois|crois|pense|peur|virement|virements|{URGENT})\b`)},
		notBefore: escRE(`{HYPO}|\b(?:comment|pour|puis je|peut on|peux|pouvez|logiciel|outil|prestataire)\b`),
		notMsg:    escRE(`{PAST}|\b(?:comment (?:faire|installer|configurer|utiliser|donner|aider|depanner)|quel logiciel|quel outil|pour (?:aider|depanner))\b`),
	},
	{ // a remote-control tool installed at an impostor's request
		reason:  ReasonCyberUrgent,
		re:      escRE(`\b(?:anydesk|any desk|teamviewer|team viewer|quicksupport|quick support|ultraviewer|supremo|rustdesk)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`\b(?:faux|fausse|soi disant|pretendu|pretendue|arnaque|arnaqueur|escroc|pirate|inconnu|virement|virements|vide|debit|debits|suspect|bizarre|prendre la main|pris la main|encore connecte|demande|demandait|conseiller bancaire|banque|microsoft|support)\b`)},
		notMsg:  escRE(`{HYPO}|\b(?:comment (?:installer|utiliser|configurer)|quel logiciel|alternative)\b`),
	},
	{ // money leaving now: "un virement suspect que je n'ai pas fait", "des débits que je ne connais pas"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:virement|virements|prelevement|prelevements|paiement|paiements|debit|debits|achat|achats|transaction|transactions|operation|operations|retrait|retraits)(?: \w+){0,3} (?:suspect|suspects|suspecte|suspectes|frauduleux|frauduleuse|frauduleuses|inconnu|inconnus|inconnue|inconnues|bizarre|bizarres|non autorise|non autorises|non autorisee|non autorisees|que je (?:ne )?(?:connais|reconnais) pas|que je (?:ne )?(?:ai|avons) (?:pas|jamais) (?:fait|faits|faite|faites|autorise|autorises|passe|passes|demande|demandes)|pas (?:fait|faits) par moi)\b`),
		notBefore: escRE(`{HYPO}|\b(?:comment|detecter|reperer|bloquer les)\b`),
		notMsg:    escRE(`\bcomment (?:reperer|detecter|reconnaitre|eviter|verifier|savoir|se proteger|proteger|securiser|bloquer)\b|{PAST}`),
	},
	{ // a fake site or page taking orders or money in the owner's name
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:faux|fausse|fausses|copie|copies|clone|clones|imitation|contrefacon|sosie)(?: (?:de|du|d))?(?: \w+){0,3} (?:site|sites|boutique|page|compte|profil|magasin|shop)\b`),
		alsoMsg:   []*regexp.Regexp{escRE(`\b(?:commandes|commande|paye|payent|paient|payer|ont paye|encaisse|encaissent|encaissant|argent|paiements|paiement|a ma place|en mon nom|a mon nom|se fait passer|se font passer|se faisant passer|arnaque|arnaquent)\b`)},
		notBefore: escRE(`{HYPO}|\b(?:comment|reperer|signaler|eviter)\b`),
		notMsg:    escRE(`\bcomment (?:reperer|detecter|reconnaitre|eviter|savoir|se proteger|proteger)\b|{PAST}|\bplagi\w*`),
	},
	{ // a data breach: "une fuite de données clients sur notre site", "nos données clients ont été volées"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:fuite|fuites|vol|violation|piratage) (?:de |des )?donnees\b|\bdonnees(?: \w+){0,2} (?:ont|a|ont ete|a ete) (?:fuite|volees|divulguees|piratees|publiees|derobees|exfiltrees)\b`),
		alsoMsg:   []*regexp.Regexp{escRE(`{URGENT}|\b(?:nos|notre|mes|mon|ma|subi|subit|victime|vient|viennent|prevenir|previent|previennent|hier|depuis|decouvert|decouvre|constate)\b`)},
		notBefore: escRE(`\b(?:si|cas|eviter|proteger|comment|risque|risques|jamais)\b`),
		notMsg:    escRE(`{PAST}|\b(?:comment (?:eviter|prevenir|se proteger|proteger|savoir)|en cas de|si (?:on|je|nous|un|une))\b`),
	},
	{ // a site that sends its visitors elsewhere, or shows what the owner never put there
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:site|page|boutique|blog|domaine|nom de domaine|adresse)(?: \w+){0,3} (?:redirige|redirigent|renvoie|renvoient|bascule|basculent|amene|emmene)(?: \w+){0,3} (?:vers|sur) (?:un autre|une autre|d autres|autre chose|ailleurs|n importe|des sites|un site|une page|une adresse)\b|\b(?:on|je|les clients|mes clients|les visiteurs|les gens|ca) (?:arrive|arrivent|tombe|tombent|atterrit|atterrissent|atterris) (?:sur|vers) (?:un|une|des)(?: \w+){0,3} (?:porno|pornographique|casino|casinos|viagra|pharmacie|rencontre|rencontres|crypto|pari|paris|jeux d argent|arnaque|chinois|russe|japonais)\b|\b(?:site|page|boutique|blog|compte|fiche)(?: \w+){0,3} (?:affiche|affichent|publie|publient|montre|montrent|contient|contiennent)(?: \w+){0,8} (?:que je (?:ne )?(?:ai|avons) (?:pas|jamais) (?:mis|mises|mise|publie|publies|publiees|ecrit|ecrites|ajoute|ajoutes|ajoutees|cree|creees)|sans mon accord|a mon insu|hacked|hacked by|rencontre|rencontres|messages politiques|drapeau)\b|\b(?:defigure|defiguree|defigures|defacement|defaced|hacked by)\b`),
		alsoMsg:   []*regexp.Regexp{escRE(`{URGENT}|\b(?:depuis|soudain|soudainement|tout a coup|du jour au lendemain|porno|pornographique|casino|casinos|viagra|pharmacie|rencontre|rencontres|crypto|hacked|sans mon accord|a mon insu|que je (?:ne )?ai pas|que je (?:ne )?ai jamais|defigure|defiguree|aidez|aide|faire|quoi)\b`)},
		notBefore: escRE(`\b(?:si|cas|jamais|eviter|proteger|prevenir|risque|risques|comment|puis je|peut on|veux|voudrais|faut il)\b`),
		notMsg:    escRE(`{PAST}|\bcomment (?:rediriger|faire|mettre|eviter|savoir)\b`),
	},
	{ // a scam screen: "un message dit que mon ordinateur est bloqué et qu'il faut appeler un numéro"
		reason:  ReasonCyberUrgent,
		re:      escRE(`\b(?:ordinateur|ordinateurs|ordi|pc|ecran|navigateur|mac|windows|telephone)(?: \w+){0,3} (?:est |a ete |sont |serait )?(?:bloque|bloquee|bloques|verrouille|verrouillee|infecte|infectee|pirate)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`\b(?:appeler|appelez|numero|support|microsoft|windows|apple|message|alerte|popup|pop up|fenetre|sonnerie|voix|rancon|payer)\b`)},
		notMsg:  escRE(`{HYPO}|{PAST}|\bcomment (?:eviter|savoir|reconnaitre|debloquer mon ordinateur si)\b`),
	},
	{ // things happening on their own: "des logiciels installés tout seuls", "ma boîte envoie toute seule des mails"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:installe|installes|installees|installent|ouvre|ouvrent|ouverts|ouvertes|bouge|bougent|envoie|envoient|envoyes|publie|publient|publies|clique|cliquent|supprime|supprimes|supprimees|apparaissent|apparait|change|changent|modifie|modifies)(?: \w+){0,3} (?:tout|toute|tous|toutes) (?:seul|seule|seuls|seules)\b|\b(?:pop up|popup|popups|fenetres|publicites) (?:partout|qui s ouvrent|s ouvrent)\b`),
		notBefore: escRE(`{HYPO}|\b(?:comment|pour que|faire en sorte)\b`),
		notMsg:    escRE(`\b(?:comment (?:faire|programmer|automatiser|planifier)|pour que|automatiquement|programmer|planifier|programme|programmes|programmees|programmation|planifie|planifies|planifiees|planification|\d+ ?h|\d+ ?h\d+)\b|{PAST}`),
	},

	// ---- dispute: beyond the programme's remit ----------------------------------------------
	{ // "il me menace d'un procès", "un client menace de porter plainte"
		reason: ReasonDispute,
		re:     escRE(`\b(?:menace|menacent|menaces|menacer|menace de|menaces de)(?: \w+){0,4} (?:proces|plainte|poursuites|poursuivre|justice|tribunal|avocat|avocats|attaquer|assigner|mise en demeure|huissier|prud hommes|prudhommes|recouvrement|judiciaire|procedure)\b`),
	},
	{ // courts, formal notices, bailiffs, complaints
		reason:    ReasonDispute,
		re:        escRE(`\b(?:mise en demeure|mises en demeure|mettre en demeure|mis en demeure|met en demeure|huissier|huissiers|commissaire de justice|tribunal|tribunaux|prud hommes|prudhommes|proces|assignation|assigne|assigner|poursuites|poursuivre en justice|attaquer en justice|attaque en justice|en justice|contentieux|injonction de payer|dommages et interets|dommages interets|conseiller juridique|conseil juridique|avis juridique|probleme juridique|problemes juridiques|souci juridique|litige juridique|action en justice|recouvrement judiciaire|procedure judiciaire|procedure (?:\w+ ){0,2}contre|recours (?:contre|juridique|judiciaire)|proces en cours)\b`),
		notBefore: escRE(`\b(?:suis|sommes)$|\b(?:sans risquer|risquer|risque|eviter|evite|prevenir)\b`),
		notAfter:  escRE(`^ (?:verbal|verbaux)\b`),
		notIn:     escRE(`\b(?:greffe|immatricul\w*|kbis|rcs|registre du commerce|inscription|inscrire)\b`),
	},
	{ // "porter plainte contre mon webmaster"; the guides answer what to do about a review
		reason:    ReasonDispute,
		re:        escRE(`\b(?:porter plainte|porte plainte|portee plainte|deposer plainte|deposer une plainte|depose plainte|depose une plainte|plainte contre)\b`),
		notBefore: escRE(`\b(?:sans risquer|risquer|risque|eviter|evite|prevenir)\b`),
		notIn:     escRE(`\b(?:avis|commentaire|commentaires|etoile|etoiles|note)\b`),
	},
	{ // a lawyer: "dois-je prendre un avocat", "mon avocat", "avocat ?"
		reason:    ReasonDispute,
		re:        escRE(`\b(?:mon|ma|notre|votre|son) avocate?\b|\b(?:prendre|consulter|contacter|appeler|voir|faut|besoin|demander|faire appel|passer par|aller voir|recours)(?: \w+){0,2} avocate?\b|\bavocate? (?:peut|pourrait|doit|devrait|peuvent)(?: \w+){0,2} (?:aider|defendre|recuperer|attaquer|intervenir|gerer|faire)\b`),
		notBefore: escRE(`\b(?:suis|sommes|cabinet|tant que|comme|metier|profession)\b`),
		notIn:     escRE(`\b(?:cgv|cgu|mentions legales|statuts|conditions generales|politique de confidentialite)\b`),
	},
	{ // "avocat" on its own
		reason:   ReasonDispute,
		re:       escRE(`^(?:un |mon |besoin |d )?avocate?$`),
		maxWords: 3,
	},
	{ // "litige avec mon prestataire", "j'ai un litige"
		reason:    ReasonDispute,
		re:        escRE(`\b(?:un|mon|ce|le|notre|en|grave|gros|petit|vrai) litige\b|\blitige (?:avec|contre|en cours|qui)\b|\b(?:conflit|differend|contentieux) avec\b`),
		notBefore: escRE(`\b(?:cas|si|eviter|prevenir|cgv|clause|mediateur|mediation)\b`),
		notIn:     escRE(`\b(?:cgv|conditions generales|mediateur|mediation de la consommation)\b`),
	},
	{ // a provider in conflict: "mon agence web refuse de me rendre mon site"
		reason: ReasonDispute,
		re:     escRE(`\b{PROVIDER}\b`),
		also:   escRE(`\b{CONFLICT}\b`),
		notIn:  escRE(`\b(?:si jamais|un jour|eviter|prevenir|proteger|choisir|cookie|cookies|verifier|verifie|reconnaitre|serieux|serieuse|fiable|pas une arnaque|une arnaque ou|rib)\b|\b(?:comment|quel|quelle) (?:trouver|choisir|recruter)\b`),
	},
	{ // "il refuse de me rendre mes codes d'accès"
		reason:    ReasonDispute,
		re:        escRE(`\b(?:refuse|refusent|refusait|veut pas|veulent pas|voulait pas|veut plus)(?: de| d)?(?: me| nous)? (?:rendre|donner|transferer|restituer|rembourser|livrer|ceder|remettre|communiquer|fournir)(?: \w+){0,3} (?:site|nom de domaine|domaine|acces|codes|identifiants|fichiers|argent|acompte|sous|contenus|photos|mots de passe|mot de passe|cle|cles|code source|compte|page|donnees)\b`),
		notBefore: escRE(`\b(?:google|facebook|meta|instagram|apple|microsoft|amazon|wix|shopify|banque)\b`),
	},
	{ // a customer who will not pay
		reason:    ReasonDispute,
		re:        escRE(`\b(?:client|cliente|clients|clientes)(?: \w+){0,3} (?:refuse|refusent|veut pas|veulent pas|veut plus)(?: de)?(?: me| nous)? (?:payer|regler|rembourser)\b`),
		notBefore: escRE(`{HYPO}|\bcomment\b`),
	},
	{ // a platform or a provider keeping the owner's money: "Airbnb retient mes versements"
		reason:    ReasonDispute,
		re:        escRE(`\b(?:retient|retiennent|retenu|retenus|retenue|garde|gardent|bloque|bloquent|bloques|bloquee|gele|gelent|gelee|geles|conserve|conservent|confisque|confisquent|saisi|saisit)(?: \w+){0,3} (?:argent|fonds|paiements|paiement|versements|versement|virements|recettes|gains|solde|reversements|nuitees|revenus|cagnotte)\b|\b(?:me |nous )(?:verse|reverse|paye|paie|rembourse|vire)(?: \w+)? (?:plus rien|plus|rien|toujours pas|jamais)\b|\b(?:pas|jamais|toujours pas|rien) (?:ete )?(?:verse|verses|reverse|reverses|paye|payes|rembourse|rembourses|vire|vires) (?:les |mes |mon |ma |nos |le |la )?(?:argent|nuitees|ventes|paiements|versements|commandes|gains|sommes|reservations|recettes)\b`),
		notBefore: escRE(`{HYPO}|\b(?:comment|pourquoi)\b`),
		notIn:     escRE(`\b(?:combien de temps|delai|delais|combien de jours|normalement|en general|habituellement|comment fonctionne|quand est ce)\b`),
	},
	{ // "ils refusent de me payer", "la marketplace refuse de me rembourser"
		reason:    ReasonDispute,
		re:        escRE(`\b(?:refuse|refusent|refusait|refusaient|refuser|veut pas|veulent pas|veut plus|veulent plus)(?: de| d)?(?: me| nous)? (?:payer|verser|reverser|rembourser|regler|debloquer|restituer|resilier)\b|\b(?:remboursement|resiliation) (?:refuse|refusee)\b`),
		notBefore: escRE(`{HYPO}|\b(?:eviter|comment)\b`),
	},
	{ // suing or being sued: "je peux les poursuivre ?", "un ancien client me poursuit"
		reason:    ReasonDispute,
		re:        escRE(`\b(?:les|le|la|lui|eux|me|nous) (?:poursuivre|poursuit|poursuivent|poursuivra|poursuivront)\b|\bpoursuivre (?:en justice|devant|au tribunal|(?:mon|ma|mes|le|la|les|cette|ce|ces|cet|un|une|son|sa)(?: \w+){0,2}? (?:prestataire|presta|agence|ancien|ancienne|associe|associee|client|cliente|concurrent|concurrente|hebergeur|developpeur|webmaster|societe|entreprise|boite|plateforme|fournisseur|graphiste|photographe|site|gars|mec|type))\b|\b(?:les|le|la|lui|eux) (?:attaquer|attaque|attaquerai|attaquerais)\b|\battaquer (?:ce|cette|ces|cet|le|la|les|mon|ma|mes|un|une|son|sa)(?: \w+){0,2}? (?:site|societe|entreprise|agence|prestataire|presta|client|cliente|concurrent|concurrente|hebergeur|developpeur|boite|plateforme|personne|webmaster|photographe|ancien|ancienne|associe|gars|mec|type|fournisseur|graphiste)\b`),
		notBefore: escRE(`\b(?:si|eviter|risque|risquer|peur|jamais)\b`),
		notIn:     escRE(`\b(?:hacker|hackers|pirate|pirates|virus|cyber\w*|ddos|bot|bots|robots|phishing|rancongiciel|ransomware|attaque informatique)\b`),
	},
	{ // accused, or asked for rights and damages: "accusée de contrefaçon", "la SACEM me réclame des droits"
		reason:    ReasonDispute,
		re:        escRE(`\b(?:accuse|accusee|accuses|accusent|accuser|soupconne|soupconnee) (?:de|d) (?:diffamation|contrefacon|plagiat|vol|fraude|escroquerie|concurrence deloyale|denigrement|parasitisme|copie)\b|\b(?:concurrence deloyale|contrefacon|denigrement|parasitisme|diffamation)\b|\b(?:reclame|reclament|exige|exigent|me demande|me demandent|nous demande|nous demandent)(?: \w+){0,3} (?:droits d auteur|des droits|droits|dommages|indemnites|reparation|compensation|penalites|penalite)\b|\b(?:saisir|saisi|saisie|contacter|passer par) (?:le |la |un |une )?(?:conciliateur|conciliatrice|mediateur|mediatrice|juge|tribunal|dgccrf|signal conso|signalconso|defenseur)\b|\bconciliateur de justice\b|\b(?:conteste|contester|contestons|contestation)(?: \w+){0,3} (?:la |sa |leur |cette |une )?(?:facture|factures|devis|prelevement|prelevements|contrat|penalites|frais)\b|\b(?:pas|toujours pas|jamais) (?:ete )?(?:paye|payee|regle|reglee) (?:ma|mes|la|les|sa|une) (?:facture|factures|prestation|commande)\b|\b(?:facture|factures) (?:impayee|impayees|non payee|non payees|pas payee|pas payees)\b`),
		notBefore: escRE(`{HYPO}|\b(?:comment|eviter|sans|pour ne pas)\b`),
		notIn:     escRE(`\b(?:avis|etoile|etoiles|commentaire|commentaires|logiciel|outil|outils|automatiser|modele|modeles|relance automatique|comment (?:eviter|proteger|relancer|faire payer))\b`),
	},
	{ // a lawyer writes, a collection agency, liability and damages
		reason:    ReasonDispute,
		re:        escRE(`\b(?:lettre|courrier|courriel|mail|email|message|appel|recommande)(?: \w+){0,2} (?:d |de |du |un |une |son |leur |de leur |de son )?avocats?\b|\b(?:un|son|leur|l) avocate? (?:me|m|nous) (?:reclame|demande|ecrit|menace|contacte|a ecrit|a envoye|envoie|poursuit|a contacte)\b|\b(?:au|en|societe de|agence de|cabinet de|lettre de|procedure de|mise au|service de) recouvrement\b|\bengager (?:la |sa |leur )?responsabilite\b|\bresponsabilite (?:est )?engagee\b|\b(?:dedommagement|dedommager|indemnisation|indemniser|indemnites|prejudice)\b|\b(?:mes|nos) recours\b|\b(?:quels?|des|un|faire un|mon|notre) recours (?:ai je|avons nous|je ai|on a|contre|possible|possibles|pour (?:moi|nous|recuperer))\b|\b(?:veux|voudrais|souhaite|peux|puis je) (?:faire )?(?:un|des) recours\b|\bprocedure (?:en cours )?(?:avec|contre)\b|\ben procedure\b|\b(?:faire condamner|condamnation|condamne a payer)\b`),
		notBefore: escRE(`{HYPO}|\b(?:sans|eviter)\b`),
		notIn:     escRE(`\b(?:logiciel|outil|outils|automatiser|automatique|relance automatique|cgv|mentions legales|comment (?:gerer|eviter|faire) le recouvrement)\b`),
	},

	// ---- accounting_tax: beyond the programme's remit ---------------------------------------
	{ // a customer who does not pay, a business in insolvency proceedings: not a digital question
		reason: ReasonAccounting,
		re:     escRE(`\b(?:client|cliente|clients|clientes)(?: qui)?(?: ne)?(?: me| nous)? (?:paye|paie|payent|paient|regle|reglent)(?: \w+)? (?:pas|plus|jamais)\b|\b(?:me|nous) doi(?:t|vent) (?:\d+|encore|toujours|de l argent|des sous)\b|\b(?:liquidation|redressement) judiciaire\b|\bprocedure collective\b|\bdepot de bilan\b|\bmandataire judiciaire\b`),
		notIn:  escRE(`\b(?:relancer|relance|relances|modele|rappel automatique|lien de paiement|acompte|faux|arnaque|escroc|pirate|piratee)\b`),
	},
	{ // tax and social contributions
		reason: ReasonAccounting,
		re:     escRE(`\b(?:urssaf|ssi|rsi|cipav|carmf|carpimko|securite sociale des independants|impots|impot|imposition|imposable|imposables|fiscalite|fiscal|fiscale|fiscaux|fiscales|fiscalement|liasse fiscale|bnc|bic|deduire (?:les|mes|des|ces|ses|le|la|mon|ma) (?:frais|charges|depenses|achats|cout|couts|abonnement|abonnements)|cfe|cotisations sociales|charges sociales|charges patronales|prelevement a la source|versement liberatoire|prelevement liberatoire|acre|arce|livre des recettes|registre des achats|comptes annuels|amortissement|amortissements|deductible|deductibles|plus value|plus values|regime reel|micro bic|micro bnc|declaration de revenus|declaration des revenus)\b`),
		notIn:  escRE(`\b(?:avis (?:d |de )?(?:imposition|impot|impots)|vinted|leboncoin|le bon coin|etsy|ebay|dac7|dac 7|credits? (?:de )?impots?|impots gouv|gouv fr|site des impots|espace professionnel|espace pro|faux mail|faux mails|faux sms|faux message|faux messages|fausse page|faux site|faux courrier|faux appel|phishing|hameconnage|arnaque|arnaques|frauduleux|frauduleuse|frauduleuses|usurpation|facture electronique|factures electroniques|facturation electronique|e invoicing|e reporting|reforme des factures)\b`),
	},
	{ // bookkeeping; "logiciel de comptabilité" is a digital-tool question, and an accountant
		// who says or finds something is not a question to one
		reason:   ReasonAccounting,
		re:       escRE(`\b(?:comptabilite|comptabilites)\b|\b(?:bilan|bilans|exercice|cloture|ecriture|ecritures|obligation|obligations|piece|pieces|regles|normes|annee|periode|situation) comptables?\b|\b(?:besoin|trouver|cherche|chercher|choisir|recruter|prendre|faut|avoir|payer|changer|voir|consulter|demander|conseil|question)(?: \w+){0,2} (?:expert comptable|experts comptables|comptable)\b`),
		alsoNear: escRE(`{ASKING}`),
		notIn:    escRE(`\b(?:logiciel|logiciels|outil|outils|application|applications|appli|applis|app|solution|solutions|gratuit|gratuite|gratuits|saas|excel|tableur|plateforme|integration|synchronis\w*|connecter|relier|importer|exporter|export|facturation|caisse|plan comptable)\b`),
	},
	{ // the same, in a very short message: "comptabilité de ma boîte"
		reason:   ReasonAccounting,
		re:       escRE(`\b(?:comptabilite|comptabilites)\b|\b(?:bilan|bilans|exercice|cloture|ecriture|ecritures|obligation|obligations|piece|pieces|regles|normes|annee|periode|situation) comptables?\b|\b(?:besoin|trouver|cherche|chercher|choisir|recruter|prendre|faut|avoir|payer|changer|voir|consulter|demander|conseil|question)(?: \w+){0,2} (?:expert comptable|experts comptables|comptable)\b`),
		maxWords: 6,
		notIn:    escRE(`\b(?:logiciel|logiciels|outil|outils|application|applications|appli|applis|app|solution|solutions|gratuit|gratuite|gratuits|saas|excel|tableur|plateforme|integration|synchronis\w*|connecter|relier|importer|exporter|export|facturation|caisse|plan comptable)\b`),
	},
	{ // "comment faire mon bilan", "mon bilan comptable"; not "le bilan de ma campagne"
		reason:   ReasonAccounting,
		re:       escRE(`\bbilans?(?: (?:comptable|comptables|annuel|annuels|financier|financiers|fiscal|de fin d annee|de fin annee|de fin de annee|de cloture|\d{4}|de (?:mon|ma|l|notre) (?:entreprise|societe|boite|activite|exercice|annee|sarl|sas|eurl|sasu|micro entreprise|auto entreprise)))?\b`),
		notAfter: escRE(`^ (?:de|des|du|d|sur|carbone|competences|de competences|sante|seo|marketing|digital|digitale|numerique|gratuit|web|site|internet|instagram|facebook|google|reseaux|visibilite|perso|personnel|en ligne|rgpd|securite|cyber|technique|energetique|tirer|a tirer|faites|fais)\b`),
		notIn:    escRE(`\b(?:bilan numerique|bilan digital|bilan de competences|bilan carbone|internet|numerique|digital|digitale|outils|site|en ligne|test|diagnostic|autodiagnostic|reseaux|visibilite|presence|instagram|facebook|linkedin|tiktok|google|campagne|campagnes|publicite|publicites|seo|referencement|newsletter|emailing)\b`),
	},
	{ // VAT as a personal tax question; invoicing VAT online is in the guides
		reason: ReasonAccounting,
		re:     escRE(`\btva\b`),
		also:   escRE(`\b(?:declar\w*|trimestre|trimestriel\w*|mensuel\w*|ca3|ca12|seuil|depasse|depassement|plafond|recuperable|recuperables|collecte|collectee|collectees|acompte|acomptes|due|dues|reel|reverser|reverse|payer|paye|deduire|deductible|deductibles|recuperer|recuperation|rembours\w*|credit de tva|franchise|assujetti\w*|redevable|exonere\w*|exoneration|regime)\b`),
		notIn:  escRE(`\b(?:oss|guichet unique|ue|europe|europeen|europeens|europeenne|europeennes|pays|etranger|intracommunautaire|belgique|allemagne|espagne|italie|suisse)\b`),
		// "la facture électronique, c'est obligatoire ? je suis en franchise de TVA": the
		// invoicing tools, in the guides
		notMsg: escRE(`\b(?:facture electronique|factures electroniques|facturation electronique|efacture|e facture|e invoicing|plateforme agreee|plateformes agreees|pdp)\b`),
	},
	{ // "quelles charges je paie en micro-entreprise"
		reason: ReasonAccounting,
		re:     escRE(`\b(?:charges|cotisations)\b`),
		also:   escRE(`\b(?:micro entreprise|micro entrepreneur|auto entrepreneur|auto entreprise|independant|independante|tns|sasu|eurl|sarl|gerant|salaire|paye|payer|paie|combien|taux)\b`),
		notIn:  escRE(`\b(?:site|serveur|page|chargement|prise en charge|locaux|loyer)\b`),
	},
	{ // declaring one's turnover or income
		reason: ReasonAccounting,
		re:     escRE(`\bdeclar\w*(?: \w+){0,3} (?:chiffre affaires|chiffre d affaires|revenus|recettes|benefices|benefice|gains|salaire|ventes)\b|\bregime (?:fiscal|reel|simplifie|micro|micro entreprise|micro entrepreneur|auto entrepreneur|social|de tva|imposition)\b|\b(?:payer|paye|calculer|combien de) (?:\w+ ){0,2}charges\b|\b(?:taux|montant|calcul|combien)(?: \w+){0,2} (?:de |des )?(?:charges|cotisations)\b`),
	},
	{ // tax forms: "la 2035", "ma CA3", "la liasse"
		reason: ReasonAccounting,
		re:     escRE(`\b(?:la|ma|une|le|formulaire|cerfa|declaration|declarations|imprime|remplir|case|cases|ligne) (?:n |no |numero )?(?:2035|2031|2033|2042|2065|2036|2072|2139)\b|\b(?:ca3|ca12|liasse|liasses|das2|2042 c pro|2042 c|2035 a|2035 b)\b|\bdeclaration (?:de |des |du )?(?:resultats?|benefices?|revenus? professionnels|professionnelle|annuelle de tva|de tva|fiscale|sociale|sociale des independants|urssaf)\b`),
	},
	{ // "j'amortis mon site sur combien d'années ?": to depreciate, not to make it pay off
		reason:  ReasonAccounting,
		re:      escRE(`\b(?:amortir|amortis|amortit|amortie|amorti|amortissement|amortissements)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`\b(?:ans|annees|annee|comptable|comptables|compta|comptabilite|bilan|fiscal|fiscale|fiscalement|lineaire|immobilisation|immobilisations|duree|charges|deduire|ei|eirl|sarl|sasu|eurl|sas|reel|micro|impots|tva|ht|ttc)\b`)},
	},
	{ // thresholds: "le plafond de la micro", "le seuil de franchise"
		reason: ReasonAccounting,
		re:     escRE(`\b(?:plafond|plafonds|seuil|seuils|limite|limites) (?:de |du |d |des )?(?:ca|chiffre affaires|chiffre d affaires|chiffres d affaires|recettes|micro|micro entreprise|micro entrepreneur|auto entrepreneur|auto entreprise|franchise|franchise en base|tva)\b|\b(?:depasse|depasser|depassement|depasserai)(?: \w+){0,3} (?:plafond|plafonds|seuil|seuils)\b`),
	},
	{ // the owner's status and pay: "SASU ou micro", "dividendes ou salaire", "je me verse combien"
		reason: ReasonAccounting,
		re:     escRE(`\b(?:sasu|eurl|sarl|sas|ei|eirl|micro|micro entreprise|micro entrepreneur|auto entrepreneur|auto entreprise|societe|entreprise individuelle)\b (?:ou|vs|versus|contre|ou bien|plutot que|ou en) (?:en |une |la |un |le |l )?(?:sasu|eurl|sarl|sas|ei|eirl|micro|micro entreprise|micro entrepreneur|auto entrepreneur|auto entreprise|societe|entreprise individuelle)\b|\bdividendes?\b|\b(?:me|se|nous) (?:verser|verse|versons|versent|payer|paie|paye) (?:un |une |combien|en |mon |ma )?(?:salaire|remuneration|dividendes|combien)\b|\b(?:salaire|remuneration) (?:de |du )?(?:gerant|president|dirigeant)\b|\b(?:me|se|nous) remunerer\b|\b(?:option (?:pour )?(?:l )?is|option (?:pour )?(?:l )?ir|is ou (?:l )?ir|ir ou (?:l )?is|impot sur les societes)\b|\bpasser en (?:sasu|eurl|sarl|sas|societe)\b(?:(?: \w+){0,6} (?:fiscal\w*|impots?|charges|mieux|interessant|avantageux|rentable))`),
		notIn:  escRE(`\b(?:site|logo|statuts en ligne|creer (?:ma|mon|une|un) (?:sasu|eurl|sarl|sas)|immatricul\w*|guichet unique|kbis)\b`),
	},
	{ // a change of status: "je dois passer en SAS ou je peux rester micro pour vendre sur Amazon ?"
		reason: ReasonAccounting,
		re:     escRE(`\b(?:passer|passe|passes|basculer|bascule|rester|reste|repasser)(?: en| a la| au| a l)? (?:sasu|eurl|sarl|sas|eirl|micro|micro entreprise|micro entrepreneur|auto entrepreneur|societe)\b(?:(?: \w+| ,){0,9} (?:ou|plutot|mieux|obligatoire|dois|faut|interessant|avantageux|rentable|raison|tort|conseille|oblige)\b|(?: \w+){0,3} \?)|\b(?:dois|faut il|faut|devrais|vaut il mieux|vaut mieux)(?: \w+){0,3} (?:passer|basculer|rester|changer de statut)\b(?: en| a la| au)? (?:sasu|eurl|sarl|sas|eirl|micro|societe|statut)\b`),
		notIn:  escRE(`\b(?:site|logo|statuts en ligne|immatricul\w*|guichet unique)\b`),
	},
	{ // employment: "je veux virer mon apprenti qui passe sa vie sur TikTok"
		reason: ReasonAccounting,
		re:     escRE(`\b(?:virer|licencier|renvoyer|sanctionner|mettre a la porte|me separer de|se separer de)\b (?:mon|ma|mes|un|une|cet|cette|l|le|la|notre|nos) (?:apprenti|apprentie|apprentis|salarie|salariee|salaries|employe|employee|employes|vendeur|vendeuse|serveur|serveuse|stagiaire|alternant|alternante|commis|ouvrier|compagnon|coiffeuse|coiffeur|assistante|assistant|secretaire)\b|\b(?:rupture conventionnelle|periode d essai|avertissement disciplinaire|mise a pied|faute grave|licenciement)\b`),
	},
	{ // hiring: "embaucher un alternant qui gérerait mes réseaux sociaux"
		reason: ReasonAccounting,
		re:     escRE(`\b(?:embaucher|embauche|recruter|recrute|engager)(?: \w+){0,2} (?:un|une|des|mon|ma|1) (?:alternant|alternante|alternants|apprenti|apprentie|apprentis|stagiaire|stagiaires|salarie|salariee|salaries|employe|employee|employes|cdi|cdd)\b`),
	},
	{ // an employee on sick leave or to sanction: "vérifier s'il est vraiment malade", "je peux la sanctionner ?"
		reason:  ReasonAccounting,
		re:      escRE(`\b(?:arret maladie|arret de travail|en arret|vraiment malade|(?:le|la|les) sanctionner|(?:le|la|les) licencier|(?:le|la|les) virer)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`\b(?:salarie|salariee|salaries|salariees|employe|employee|employes|employees|apprenti|apprentie|apprentis|vendeuse|vendeuses|vendeur|vendeurs|serveur|serveurs|serveuse|serveuses|stagiaire|stagiaires|alternant|alternante|alternants|equipiere|equipier|caissiere|caissier)\b`)},
	},
	{ // what to pay staff: "une stagiaire pendant 3 mois, je dois la payer combien ?"
		reason:  ReasonAccounting,
		re:      escRE(`\b(?:payer|paye|paie|remunerer|verser)(?: \w+){0,2} combien\b|\bcombien (?:je dois |dois je |faut il |il faut |je vais |on doit )?(?:la |le |les |lui |leur )?(?:payer|remunerer|verser)\b|\bgratification (?:de |du |d )?(?:stage|stagiaire)\b|\b(?:salaire|remuneration) (?:minimum |mini )?(?:d un|d une|de mon|de ma|du|de la|des) (?:stagiaire|apprenti|apprentie|alternant|alternante|salarie|salariee|employe|employee)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`\b(?:stagiaire|stagiaires|stage|apprenti|apprentie|alternant|alternante|salarie|salariee|salaries|employe|employee|employes|serveur|serveuse|vendeuse|vendeur)\b`)},
	},
	{ // pay slips: "ma fiche de paie est fausse"; not the software that makes them
		reason: ReasonAccounting,
		re:     escRE(`\b(?:fiches? de paie|fiches? de paye|bulletins? de (?:paie|paye|salaire)|salaire de mon|salaire de ma|heures sup|heures supplementaires)\b`),
		notIn:  escRE(`\b(?:logiciel|logiciels|outil|outils|application|applis?|dematerialis\w*|coffre fort|numerique|en ligne|par mail|par e mail|arnaque|phishing|faux mail)\b`),
	},
	{ // expenses, deductions, depreciation: "je peux les déduire ?", "passer en frais pro", "comptabiliser un achat"
		reason:   ReasonAccounting,
		re:       escRE(`\b(?:les|le|la|en|ca|cela|tout|le|l) deduire\b|\bdeduire(?: \w+){0,3} (?:de mes |des |de mon |du )?(?:impots|revenus|benefice|benefices|resultat|ca|chiffre)\b|\b(?:passer|mettre|compter|inscrire|imputer|integrer)(?: \w+){0,4} (?:en|dans les|dans mes|comme|dans la) (?:frais|charges|charge|compta|comptabilite|depenses|immobilisation|immobilisations)\b|\bfrais (?:pro|professionnels|reels|kilometriques|de deplacement|de repas|de bouche)\b|\bnotes? de frais\b(?:(?: \w+){0,4} (?:deduire|deductible|deductibles|rembourser|passer|declarer|combien|plafond|compter|comptabiliser))|\b(?:comptabiliser|comptabilise|comptabilisent|amortissable|amortissables)\b`),
		alsoNear: escRE(`{ASKING}|\b(?:peux|puis|je|les|en|ou|quoi|pas|ei|reel|sarl|sasu|eurl|micro)\b`),
		notIn:    escRE(`\b(?:logiciel|logiciels|outil|outils|application|applications|appli|applis|app|solution|solutions|numeriser|scanner|photographier|excel|tableur)\b`),
	},

	// ---- explicit_request: a person, a coach, an appointment, the CCI ----------------------
	{ // "je veux parler à un humain", "est-ce que je peux voir un coach", "besoin d'un conseiller"
		reason:    ReasonExplicit,
		re:        escRE(`\b{WANT}(?: {FILL}){0,6} {HUMAN}\b`),
		notBefore: escRE(`{OWN}|\b(?:ne|ne en|sans|sans en|jamais|ne jamais)$`),
		// "avoir la séance avec le coach par téléphone ?" is about a booking already made
		notIn:    escRE(`\b(?:me|nous|m|te|vous) conseiller (?:un|une|des|sur|pour|quel|quelle|quels|quelles|comment|le|la|les|de|dans|entre|parmi)\b|\b(?:la|ma|notre|cette|mon|le|ce|prochaine|prochain) (?:seance|session|rdv|visio|rencontre|entretien|appel|echange) (?:\w+ ){0,2}avec (?:le|la|mon|ma|notre) (?:coach|conseiller|conseillere)\b`),
		notAfter: escRE(`^ (?:bancaire|banque|de ma banque|de la banque|pole emploi|france travail|en assurance|immobilier|sportif|de vie|en image|en seo|en referencement|en marketing|en communication|en informatique|en securite|en strategie|en gestion|en patrimoine|financier|commercial|clientele|chez|de chez|du support|au support|du service client|au service client|de google|de facebook|de meta|d instagram|de instagram|d amazon|de amazon)\b`),
	},
	{ // "parler à une personne", "être accompagné par quelqu'un"
		reason: ReasonExplicit,
		re:     escRE(`\b{TALK}(?: {FILL}){0,6} (?:personne|quelqu un|expert|experte|agent|operateur|operatrice|responsable|specialiste|technicien|membre de votre equipe)\b`),
		// "de n'en parler à personne": nobody; "j'ai appelé l'opérateur": done, not asked
		notBefore: escRE(`{OWN}|\b(?:ne|ne en|sans|sans en|jamais|ne jamais)$|\b(?:ai|avons|as|a|ont|avais|avait|avions|avaient|deja)$`),
		notAfter:  escRE(`^ (?:seo|sea|google|facebook|en referencement|qui a|qui gere|de la fiche|du site|de la page|de mon agence|ne)\b`),
	},
	{ // "un vrai conseiller", "un humain svp"; not "t'es un humain ?"
		reason:    ReasonExplicit,
		notAfter:  escRE(`^ (?:chez|de chez|du support|au support|du service|au service|de google|de facebook|de meta|d instagram|de instagram|d amazon|de amazon|de ma banque|de la banque)\b`),
		re:        escRE(`\b(?:un |une |1 |des )?(?:vrai|vraie|vrais|vraies|veritable) (?:humain|humaine|humains|personne|personnes|conseiller|conseillere|coach|interlocuteur|agent)\b|\b(?:un|une|1|des) (?:humain|humaine|humains|etre humain)\b|\b(?:humain|humaine|coach|conseiller|quelqu un|personne) svp\b|\bquelqu un de (?:reel|vrai|physique|humain)\b`),
		notBefore: escRE(`\b(?:es|etes|est|suis|sont|sommes|etait|ou|qui|comme|tu|vous)(?: \w+){0,2}$|{OWN}`),
		notIn:     escRE(`\b(?:humain|humaine|personne) (?:doit|doivent|devrait|devraient|relit|relise|lit|valide|valider|verifie|verifier|controle|derriere|il)\b`),
	},
	{ // "j'ai besoin de quelqu'un pour m'aider", "quelqu'un peut m'aider ?", "y a quelqu'un ?"
		reason: ReasonExplicit,
		re:     escRE(`(?:\b(?:besoin|veux|voudrais|aimerais|souhaite|souhaiterais|cherche|faut)(?: \w+){0,2} quelqu un(?: qui| pour)?(?: me| nous)? (?:aide|aider|accompagne|accompagner|conseille|conseiller|explique|expliquer|guide|guider|rappelle|rappeler|appelle|appeler|contacte|contacter|regarde|regarder|epauler)|\bquelqu un (?:peut|pourrait|pourra|saurait|veut) (?:me |nous )?(?:aider|repondre|rappeler|appeler)|\b(?:il y a|y a|ya|yaurait|il y aurait) quelqu un)(?: (?:svp|vite|rapidement|merci|maintenant|urgemment|personnellement|de vive voix|en vrai|au telephone|par telephone|la|ici))*(?: ,|$)`),
	},
	{ // "quelqu'un de dispo pour un appel ?", "avoir quelqu'un au téléphone"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:quelqu un|un conseiller|une conseillere|un coach|une coach|un humain|une personne|un expert|une experte|conseiller|coach) (?:de )?(?:dispo|disponible|libre)\b|\bquelqu un (?:au|par) telephone\b|\bquelqu un en (?:vrai|direct|visio|face)\b|\b(?:dispo|disponible|disponibles|disponibilites|dispos|creneau|creneaux) (?:pour|pr) (?:un|une|1) (?:appel|rdv|echange|visio|entretien|rencontre)\b`),
		notBefore: escRE(`{OWN}`),
	},
	{ // a coach or the CCI as the subject: "un coach peut-il venir dans ma boutique ?"
		reason:    ReasonExplicit,
		notBefore: escRE(`\b(?:comment|en quoi|pourquoi|quand|quoi)\b(?: \w+){0,2}$`),
		re:        escRE(`\b(?:coach|conseiller|conseillere|cci|cma)(?: \w+)? (?:peut|pourrait|peuvent|pourraient|pourra|viendrait|vient|peut il|peut elle|pourrait il|pourrait elle)(?: \w+){0,2} (?:venir|passer|deplacer|aider|accompagner|rappeler|appeler|contacter|voir|regarder|recevoir|etudier)\b`),
	},
	{ // "je préférerais qu'un coach me montre", "j'aimerais qu'une personne m'appelle"
		reason: ReasonExplicit,
		re:     escRE(`\b(?:prefere|preferais|prefererais|aimerais|voudrais|veux|souhaite|souhaiterais)(?: \w+){0,2} (?:qu un|qu une|que un|que une|que le|que la|que votre|que un vrai) (?:coach|conseiller|conseillere|personne|humain|expert|pro)\b(?: \w+){0,2} (?:me|m|vienne|passe|appelle|rappelle|montre|explique|aide|accompagne|forme)\b`),
	},
	{ // "faites-moi ma page Instagram, je paierai ce qu'il faut": someone to do it
		reason:  ReasonExplicit,
		re:      escRE(`\b(?:faites|faites moi|faites le moi|fais moi|creez moi|creez|realisez|occupez vous de)(?: \w+){0,1} (?:ma|mon|mes|la|le|les) (?:page|site|fiche|compte|comptes|pub|publicite|publicites|reseaux|boutique)\b`),
		alsoMsg: []*regexp.Regexp{escRE(`\b(?:paierai|payerai|paie|paye|payer|pas le temps|temps|vous|faites)\b`)},
	},
	{ // "je veux quelqu'un qui vienne m'aider", "j'ai besoin d'une personne pour le faire"
		reason: ReasonExplicit,
		re:     escRE(`\b(?:veux|voudrais|voudrait|souhaite|souhaiterais|aimerais|besoin d|besoin de|cherche|faudrait|faut)(?: \w+){0,2} (?:quelqu un|une personne|un humain|une vraie personne|un vrai conseiller|un professionnel|un pro) (?:qui (?:vienne|viendrait|passe|passerait|se deplace|m aide|m aiderait|me rappelle|m appelle|me montre|le fasse|s en occupe)|pour (?:m aider|venir|me montrer|le faire|m accompagner))\b`),
		notIn:  escRE(`\b(?:recruter|embaucher|salarie|stagiaire|alternant|apprenti|freelance|agence|webmaster|graphiste|photographe|community manager)\b`),
	},
	{ // an appointment: "je voudrais un rdv", "prendre rendez-vous"; not booking tools
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:un|1|une|prendre|pris|prend|prends|avoir|obtenir|fixer|caler|reserver|planifier|organiser|demander|demande|decrocher|booker|programmer)(?: (?:un|1|une|de|d))?(?: (?:vrai|veritable|petit|premier|nouveau|second|deuxieme|autre|2e|2eme))? rdv\b|\brdv (?:avec|aupres|svp|possible|telephonique|en visio|visio|physique|en presentiel|individuel|personnalise)\b|\b(?:reserver|prendre|avoir|obtenir|fixer|caler|booker) (?:un|une|1) (?:seance|session|creneau)\b`),
		notIn:     escRE(`{TOOLS}|{OWN}|\b(?:support|service client|sav|assistance|hotline)\b`),
		notBefore: escRE(`\b(?:envie|inciter|incite|pousser|pousse|encourager|permettre|permet|facilite|faciliter|puisse|puissent|peuvent)\b|\b(?:mon|ma|notre|le|la|prochain|prochaine|avant|apres|pendant|durant|lors|ai|avons|avais|as|avez)$|\b(?:combien|nombre|nb|limite|maximum|max)(?: de| d)?$`),
		keep:      escRE(`\b(?:coach|coachs|conseiller|conseillere|cci|cma|chambre de commerce|chambre des metiers|humain|avec vous|avec un expert|avec quelqu un|avec une personne)\b`),
	},
	{ // the CCI or the CMA as a contact
		reason: ReasonExplicit,
		re:     escRE(`\b(?:cci|cma|chambre de commerce|chambre du commerce|chambre des metiers|chambre de metiers)\b`),
		also:   escRE(`\b(?:aider|aide|accompagner|accompagne|contacter|joindre|appeler|rappeler|rencontrer|parler|rdv|conseiller|conseillere|coach|quelqu un|relation|numero|telephone|coordonnees|prevenir|prevenez|informer|transmettre|signaler)\b`),
		notIn:  escRE(`\b(?:aides|subvention|subventions|financement|financements|atelier|ateliers|formation|formations|webinaire|webinaires|cheque|est quoi|que est|qui est|role|cotisation|taxe|evenement|salon)\b|\b(?:cci|cma|commerce|metiers)(?: \w+){0,2} (?:me |nous )?(?:a|ont) (?:parle|conseille|recommande|envoye|oriente|dit|donne|indique)\b`),
	},
	{ // "je peux avoir quelqu'un ?", "je m'inscris comment pour le coach ?"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:je peux|puis je|pourrais je|on peut|est ce que je peux|je pourrais) avoir (?:quelqu un|une personne|un humain|un conseiller|une conseillere|un coach)\b|\b(?:inscri\w*|reserv\w*)(?: \w+){0,3} (?:pour|avec|aupres) (?:le|un|une|du|d un) (?:coach|conseiller|conseillere|seance|rendez vous|rdv)\b`),
		notBefore: escRE(`{OWN}`),
	},
	{ // "passer à la CCI"
		reason: ReasonExplicit,
		re:     escRE(`\b(?:passer|aller|venir|rendre|rendez) (?:a|au|voir) (?:la |une |ma |votre )?(?:cci|cma|chambre)\b`),
	},
	{ // "appelez-moi", "je préfère qu'on me rappelle", "pouvez-vous m'appeler"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:appelez|rappelez|telephonez|contactez|recontactez|joignez) (?:moi|nous)\b|\b(?:me|nous) (?:appeler|appelez|rappeler|rappelez|telephoner|telephonez|contacter|contactez|recontacter|joindre)\b|\bque (?:on|vous|quelqu un|le coach|un coach|un conseiller|une personne|la cci)(?: \w+){0,3} (?:me|nous) (?:appelle|rappelle|contacte|recontacte|telephone|appeliez|rappeliez|contactiez)\b|\b(?:pouvez|pourriez|voulez|peut on|on peut|on pourrait|peux tu|pourrais tu|merci de)(?: vous| on)? (?:appeler|rappeler|telephoner|contacter|recontacter)\b|\betre (?:rappele|rappelee|rappeles|contacte|contactee|appele|appelee|recontacte|recontactee)\b|\b(?:se|me|nous) faire (?:rappeler|appeler|contacter|recontacter)\b`),
		notBefore: escRE(`{OWN}|\b(?:puissent|peuvent|pourront|comment|bouton|formulaire|agence|societe|entreprise|commercial|commerciaux|demarcheur|demarcheurs|prestataire|banque|fournisseur|google|inconnu|numero|arnaqueur|escroc|arrete|arretent|cesse|cessent|essaie|essaient|essaye|continue|continuent)\b|\b(?:il|ils|elle|elles|type|gars|homme|femme|monsieur|madame) (?:doit|doivent|va|vont|veut|veulent|devait|devaient|voulait|voulaient|allait|allaient|voudrait|voudraient|compte|comptent)$`),
		notAfter:  escRE(`^ (?:de|d|des|du|que|qu|mes|mon|ma|ses|le|la|les|un|une|comment|pourquoi|si|ce|depuis|avec|via|sur|par|google|facebook|aux)\b`),
	},
	{ // "je voudrais un échange téléphonique", "en parler de vive voix"
		reason:   ReasonExplicit,
		re:       escRE(`\b(?:veux|voudrais|souhaite|souhaiterais|aimerais|besoin|demande|prefere|preferais|possible|avoir)(?: \w+){0,2} (?:un|1) (?:appel|coup de fil|coup de telephone|echange telephonique|rdv telephonique|entretien telephonique|visio|visioconference|echange)\b|\b(?:parler|discuter|echanger|voir|expliquer)(?: \w+){0,2} (?:par telephone|au telephone|de vive voix|en vrai|en personne|en face a face|en direct|en visio|en presentiel)\b`),
		notAfter: escRE(`^ (?:a |d |au |aux )?(?:l )?(?:action|actions|offres|projets|dons)\b`),
		notIn:    escRE(`{OWN}`),
	},
	{ // "je voudrais être accompagné", "besoin d'un accompagnement"
		reason:   ReasonExplicit,
		re:       escRE(`\b(?:etre|faire|fais) (?:accompagne|accompagnee|accompagnes|accompagner|coache|coachee|coacher|epaule|epaulee|epauler)\b|\b(?:veux|voudrais|souhaite|souhaiterais|aimerais|besoin|demande|cherche|recherche)(?: \w+){0,2} (?:accompagnement|coaching)\b`),
		notAfter: escRE(`^ (?:des|du|de mes|de ma|de mon|de la|de l|de vos|commandes|colis|livraison)\b`),
		notIn:    escRE(`{OWN}`),
	},
	{ // "je ne veux pas parler à un robot"
		reason: ReasonExplicit,
		re:     escRE(`\b(?:veux|voulais|veut|voudrais) (?:pas|plus) (?:de |d |un |une |parler a un |parler a une )?(?:robot|robots|bot|bots|machine|ia|chatbot|automate|repondeur)\b|\b(?:pas|plus|marre de|marre|arrete de|arreter de|stop|fini de|assez de)(?: \w+){0,2} (?:parl\w*|discuter|echanger|ecrire|repondre)(?: \w+){0,1} (?:a|avec) (?:un |une |le |la |votre |ce |cette |des )?(?:robot|robots|bot|bots|machine|machines|ia|ordinateur|intelligence artificielle|chatbot|programme)\b`),
	},
	{ // "pouvez-vous transmettre ma demande à la CCI"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:transmettre|transmettez|transferer|transferez|envoyer|envoyez|passer|passez|faire suivre|faites suivre)(?: \w+){0,3} (?:a|au|aux) (?:un |une |le |la |vos |votre |des |l )?(?:coach|conseiller|conseillere|humain|cci|cma|chambre de commerce|equipe)\b`),
		notBefore: escRE(`{OWN}`),
	},
	{ // "mettez-moi en relation"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:mettre|mettez|mets|mis|mise|mettiez)(?: moi| nous| me)? en (?:relation|contact|lien|rapport)\b`),
		notBefore: escRE(`{OWN}`),
		notAfter:  escRE(`^ (?:mes|les|des|avec mes|avec les|avec des)\b`),
	},
	{ // "coach", "un coach svp", "rdv ?", "humain"
		reason:   ReasonExplicit,
		re:       escRE(`^(?:(?:un|une|le|la|des|mon|votre|1|je veux|veux|voudrais|svp|vite|merci|bonjour|salut|ok|oui|alors|besoin|avec|prendre|parler|a|demande|de|contact|contacter|joindre|aide|vrai|vraie|{SHORTKEY}) )*{SHORTKEY}(?: (?:svp|merci|vite|maintenant|urgent|cci|alors|possible|dispo|disponible|rapidement|humain|humaine|{SHORTKEY}))*$`),
		maxWords: 4,
	},
	{ // someone of the programme to look or explain: "j'aimerais qu'un expert regarde mon site avec moi"
		reason: ReasonExplicit,
		re:     escRE(`\b(?:veux|voudrais|voulais|aimerais|souhaite|souhaiterais|souhaitons|prefere|preferais|preferrais|besoin|faudrait|faut|serait bien|serait top|possible|peut on|pourrait on|est ce possible)(?: \w+){0,2} que (?:quelqu un|un expert|une experte|un coach|une coach|un conseiller|une conseillere|une personne|un humain|un specialiste|une specialiste|un professionnel|une professionnelle|un pro|un vrai conseiller|une vraie personne|quelqu un de chez vous|quelqu un de la cci)(?: \w+){0,3}? (?:me |m |nous |moi )?(?:regarde|regardent|aide|aident|aidiez|explique|expliquent|accompagne|accompagnent|appelle|rappelle|contacte|recontacte|guide|montre|forme|conseille|voie|verifie|jette|passe|vienne|reprenne|prenne|reponde|suive|telephone|ecrive)\b`),
		notIn:  escRE(`{OWN}`),
	},
	{ // a coach named with the request: "je voudrais parler de mon site avec un coach",
		// "m'inscrire pour un accompagnement avec un coach"; not "mon rdv avec le coach"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:avec|aupres de|aupres d|aupres|par) (?:un|une|1|le|la|vos|votre|des|l un de vos|l une de vos|un de vos|une de vos|quelqu un de vos) (?:vrai |vraie |de vos )?(?:coach|coachs|conseiller|conseillere|conseillers|humain|humaine|expert|experte|specialiste|interlocuteur|interlocutrice|personne de la cci|conseiller de la cci)\b`),
		also:      escRE(`\b(?:veux|voudrais|voulais|aimerais|souhaite|souhaiterais|souhaitons|besoin|possible|envie|prefere|preferais|preferrais|peux|pourrais|puis je|inscrire|demande|demander|obtenir|avoir|prendre|reserver|caler|fixer|beneficier|faudrait|faut)\b`),
		notBefore: escRE(`{OWN}|\b(?:comment|pourquoi|quand|que|quoi|avant|apres|pendant|lors)\b(?: \w+){0,3}$|\b(?:mon|ma|notre|le|la|prochain|prochaine|dernier|derniere|premier|premiere) (?:rdv|seance|session|entretien|rencontre|echange|appel|visio)$`),
		notAfter:  escRE(`^ (?:bancaire|banque|de ma banque|de la banque|pole emploi|france travail|en assurance|immobilier|sportif|de vie|en image|en seo|en referencement|en marketing|en communication|en gestion|en patrimoine|financier|commercial|chez|de chez)\b`),
		notIn:     escRE(`\b(?:decaler|annuler|deplacer|reporter|modifier|changer|prevu|prevue|prevus|confirme|confirmee|devenir|deviens|recruter|embaucher|je suis|suis coach|suis conseiller|suis conseillere|que dois je|que faut il|preparer|prepare|etait|a eu|avait)\b`),
	},
	{ // a person of the programme as the subject: "est-ce qu'un humain peut reprendre la conversation ?"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:humain|humaine|une personne|un expert|une experte|vrai conseiller|vraie personne|quelqu un de chez vous|quelqu un de la cci|coach|conseiller|conseillere)(?: \w+)? (?:peut|pourrait|peuvent|pourraient|pourra|peut il|peut elle|pourrait il|pourrait elle)(?: \w+){0,2} (?:reprendre|prendre le relais|prendre la suite|intervenir|me repondre|repondre|me telephoner|telephoner|m expliquer|me expliquer|prendre contact|me joindre|me recontacter|me contacter|me rappeler|me voir|me recevoir)\b`),
		notBefore: escRE(`\b(?:comment|en quoi|pourquoi|quand|quoi)\b(?: \w+){0,2}$`),
		notIn:     escRE(`{OWN}`),
	},
	{ // "qui puis-je contacter pour m'aider ?", "je voudrais m'inscrire au programme d'accompagnement"
		reason: ReasonExplicit,
		re:     escRE(`\b(?:qui|a qui) (?:puis je|peut on|pourrait|je peux|dois je|je dois|faut il|contacter|appeler|joindre)(?: \w+){0,2}? (?:contacter|appeler|joindre|voir|rencontrer|aider|me aider|m aider|adresser|me adresser|m adresser|demander)\b|\b(?:veux|voudrais|souhaite|souhaiterais|aimerais|voulais|souhaitais)(?: \w+){0,2} (?:inscrire|beneficier|profiter|participer|candidater|rejoindre|entrer)(?: \w+){0,3} (?:programme|accompagnement|coaching|dispositif|suivi)\b|\b(?:pouvez|pourriez|peut on|pourrait on|pouvez vous|pourriez vous|vous pouvez|vous pourriez|possible que (?:quelqu un|un coach|un conseiller|vous)|possible de) (?:venir|passer|vous deplacer|se deplacer|deplacer|se deplace|vienne|passe)\b|\b(?:quelqu un|un coach|un conseiller|une personne) (?:se deplace|se deplacer|vienne|passe|puisse venir|puisse passer)\b`),
		notIn:  escRE(`{OWN}|\b(?:chez|google|facebook|instagram|meta|hebergeur|banque|support|livreur|livreurs|colis|technicien|reparateur|plombier|installateur)\b`),
	},
	{ // "votre numéro de téléphone ?", "demande de contact"
		reason:   ReasonExplicit,
		re:       escRE(`\b(?:votre|vos) (?:numero|numero de telephone|telephone|tel|coordonnees|contact|contacts)\b|^(?:(?:une|ma|la|bonjour) )*(?:demande|prise|mise) (?:de |en )?(?:contact|rappel|rdv|relation)(?: (?:svp|merci|avec un coach|avec un conseiller))?$`),
		maxWords: 8,
	},
	{ // a call or a video meeting: "on peut caler un appel ?", "un échange en visio serait possible ?"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:caler|programmer|planifier|organiser|fixer|prevoir|convenir)(?: de| d)? (?:un|une|1) (?:appel|coup de fil|call|visio|visioconference|echange|point|entretien|rdv|rencontre|creneau)\b|\b(?:echange|entretien|appel|rencontre|rdv|point|rendez) (?:en visio|en visioconference|telephonique|par telephone|au telephone|en presentiel|physique|individuel|individuelle|en direct|de vive voix)\b|^(?:est ce que |et )?(?:on|peut on|pourrait on|pouvons nous|pourrions nous|possible de|serait il possible de|on pourrait|on peut|je voudrais|je aimerais|je souhaiterais)(?: (?:peut|pourrait))? (?:se|nous) (?:rencontrer|voir|parler|appeler|telephoner|reunir)\b`),
		notBefore: escRE(`\b(?:comment|pour|avec mes|avec les)\b`),
		notIn:     escRE(`{TOOLS}|{OWN}|\b(?:comment|logiciel|outil|zoom|teams|meet|google meet|skype|whatsapp|prospect|prospects|fournisseur|fournisseurs|banque|banquier|comptable|agence)\b`),
		keep:      escRE(`\b(?:coach|coachs|conseiller|conseillere|cci|cma|avec vous|humain|quelqu un)\b`),
	},
	{ // explained over the phone or face to face: "j'ai besoin qu'on m'explique au téléphone"
		reason: ReasonExplicit,
		re:     escRE(`\b(?:me|m|nous) (?:explique|expliquer|expliquiez|montre|montrer|montriez|aide|aider|aidiez|forme|former|accompagne|accompagner|guide|guider)(?: \w+){0,3}? (?:au telephone|par telephone|de vive voix|a l oral|oralement|en visio|en presentiel|en personne|en vrai|en direct|en face a face|en face)\b`),
		notIn:  escRE(`{OWN}`),
	},

	// ---- frustration -----------------------------------------------------------------------
	{ // "ça ne m'aide pas", "vous ne comprenez rien", "ça sert à rien"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:ca|cela|ceci|sa|vous|tu|bot|robot|truc|machin|reponse|reponses|chatbot|ia|assistant)(?: ne| n)?(?: me| te| nous)? (?:aide|aident|aidez|aides|sert|servent|servez|sers|repond|repondent|repondez|reponds|comprend|comprenez|comprends|comprennent|avance|avancez)(?: (?:vraiment|absolument|strictement|toujours|encore|jamais|franchement|meme))? (?:pas|rien|jamais|plus|a rien|du tout)\b`),
		notBefore: escRE(`\best ce$|\b(?:sinon|dit que|disent que|dire que|parait que|selon)\b`),
		notAfter:  escRE(`^ (?:de|d)\b|^ (?:le|la|les|mon|ma|mes|au|aux) (?:referencement|seo|visibilite|site|vente|ventes|chiffre)\b`),
	},
	{ // "ça marche pas votre truc", "ta méthode ne marche toujours pas"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:marche|marchent|fonctionne|fonctionnent|sert|servent|aide|aident)(?: (?:toujours|vraiment|jamais|absolument))? (?:pas|rien|jamais|a rien)\b`),
		also:   escRE(`\b(?:votre|vos|ton|ta|tes) (?:truc|bot|robot|machin|chatbot|ia|appli|application|outil|assistant|systeme|programme|methode|methodes|conseil|conseils|reponse|reponses|etapes|explication|explications|solution|solutions)\b`),
	},
	{ // "votre robot est une perte de temps", "je suis déçu de vos réponses"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:perte de temps|aucun interet|decevant|decevante|regrette|(?:suis|sommes) (?:tres |extremement |vraiment |super |trop |hyper |assez )?(?:mecontent|mecontente|mecontents|furieux|furieuse|decu|decue|decus|en colere|enerve|enervee|agace|agacee|excede|excedee|decourage|decouragee|degoute|degoutee))\b`),
		also:   escRE(`\b(?:vos|votre|ton|tes|ta|vous|tu|bot|robot|chatbot|assistant|reponse|reponses|ce truc|ce machin)\b`),
	},
	{ // "ne répond pas à ma question", "NE RÉPOND PAS À MA QUESTION"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:repond|repondez|reponds|repondu|repondent)(?: \w+)? (?:pas|jamais|toujours pas|rien|plus)(?: vraiment)?(?: a)? (?:ma|mes|la|ma premiere) (?:question|questions|demande)\b`),
		notBefore: escRE(`\b(?:client|clients|cliente|google|facebook|prestataire|agence|webmaster|hebergeur|support|banque|fournisseur|il|elle|ils|elles)(?: \w+){0,3}$`),
	},
	{ // "vous n'avez pas répondu", "tu n'as rien compris"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:vous|tu|ca|cela)(?: ne)? (?:avez|as|a)(?: toujours| encore| meme)? (?:pas|jamais|rien) (?:vraiment |du tout )?(?:repondu|compris|aide)\b`),
	},
	{ // "toujours pas de réponse", "toujours rien"
		reason:   ReasonFrustration,
		re:       escRE(`\btoujours (?:pas|rien|aucune)(?: de| d)? (?:reponse|reponses|solution|aide|resultat)\b|\btoujours rien$|\b(?:pas|jamais|aucune|toujours pas)(?: eu| recu)?(?: de| d)? (?:vraie |veritable |seule )?reponse (?:a ma question|a mes questions|de votre part|de vous|claire|utile|precise|concrete|satisfaisante)\b|\baucune reponse$`),
		notAfter: escRE(`^ (?:de|du|des|d) (?:google|facebook|instagram|meta|mon|ma|mes|la|le|l|leur|son|sa|ses|un|une|client|clients|service|support|prestataire|agence|banque|urssaf|impots|cnil)\b`),
	},
	{ // "c'est nul", "vous êtes nuls", "votre truc est inutile"
		reason:   ReasonFrustration,
		re:       escRE(`(?:^|, |\b(?:franchement|vraiment|mais|bref|ouais|pf+|bon|ca|cela|vous|tu|bot|robot|truc|reponse|reponses|machin|chatbot|ia|assistant) )(?:est |es |etes |sont |etait )?(?:vraiment |trop |completement |totalement |tellement |super |hyper |grave |franchement |carrement |absolument )?(?:nul|nulle|nuls|nulles|naze|nazes|pourri|pourrie|pourris|inutile|inutiles|debile|debiles|ridicule|lamentable|pitoyable|minable|pathetique|incompetent|incompetents|bidon|merdique|a chier|inadmissible|inacceptable|scandaleux|honteux)\b`),
		notAfter: escRE(`^ (?:de|d|pour|en|si|a|que)\b`),
	},
	{ // "j'en ai marre", "ras le bol", "ça m'énerve"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:marre|ras le bol|raz le bol|ras bol)(?:$| ,| (?:de|d) (?:vous|toi|ce|cette|ces|votre|vos|ton|tes|ta|chercher|attendre|essayer|tourner|repeter|reposer|poser|demander|reformuler|parler|tout|ca|cela|robot|bot|reponses|questions|rien comprendre|pas comprendre|pas avoir|ne pas|ne rien)\b| (?:svp|franchement|vraiment|maintenant|la))|\b(?:ca|cela|vous|tu|bot|truc|robot)(?: me| m)? (?:enerve|enervez|enerves|saoule|saoulez|saoules|soule|soulez|soules|gave|gavez|gaves|gonfle|gonflez|gonfles|agace|agacez|agaces|casse les pieds|cassez les pieds)\b|\b(?:fait|fais|faites) chier\b|\bpete (?:un )?(?:cable|plomb|les plombs)\b|\bpas que ca a faire\b|^(?:bon |bref |stop |allez )?ca suffit(?: ,|$)|\b(?:melanges|melangez) tout\b|\bmerci (?:pour|de) rien\b|^(?:bon |bref |ok |alors |allez )?(?:laisse|laissez|laisses) tomber\b|\bsert (?:a )?rien de (?:vous|te|t) (?:demander|poser|parler|ecrire|expliquer|repondre)\b|^(?:grr+|pff+|argh+|rha+)\b`),
	},
	{ // insults and swearing; not "une question idiote"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:connard|connards|connasse|abruti|abrutis|abrutie|cretin|cretins|cretine|imbecile|imbeciles|idiot|idiots|idiote|stupide|stupides|debile|debiles|bouffon|bouffons|enfoire|enfoires|salaud|salauds|salope|batard|batards|fdp|ntm|ta gueule|ta geule|ferme la|va te faire|allez vous faire|de merde|merdique|merde|putain|ptn|foutage de gueule|fout de ma gueule|foutez de moi|fichez de moi|moquez de moi|moques de moi|incompetent|incompetents|incapable|incapables|(?:fous|fout|foutez|fiches|fichez|moques|moquez) de (?:moi|nous|ma gueule))\b|\bbordel(?: de| ,|$)|\b(?:es|etes|est|sont|espece de|bande de|gros|sale|quel|quelle|trop|vraiment|completement) (?:un |une )?(?:con|cons|conne)\b`),
		notBefore: escRE(`\b(?:question|questions|erreur|faute|pas|suis|sommes|me sens|sentir|sens)(?: \w+)?$|\best$`),
	},
	{ // "ce n'est pas ce que je demande", "complètement hors sujet", "n'importe quoi"
		reason:    ReasonFrustration,
		re:        escRE(`\bpas (?:du tout |vraiment |exactement )?(?:ce|ca) (?:que |qu )?(?:je |j )?(?:ai |avais )?(?:demande|veux|voulais|cherche|cherchais|attendais|attends|demandais)\b|\b(?:hors sujet|a cote de la plaque|completement a cote|(?:repond|repondez|reponds) a cote)\b|\brien a voir avec (?:ma|mes) (?:question|questions|demande)\b|\b(?:reponds|repondez) (?:donc |enfin |plutot |juste )?a (?:ma|mes) questions?\b|\b(?:est|repond|repondez|reponds|dit|dis|dites|raconte|racontez|racontes|faites|fais|sortez|vraiment|du|que)(?: ne)? (?:importe quoi|nawak|nimp)\b|^(?:ne )?(?:importe (?:quoi|nawak)|nawak|nimp)$|\bcomme si (?:je|j|on) (?:avais|avait|savais|savait|etais|ne avais|ne savais)(?: \w+)? (?:pas|jamais|rien)\b`),
		notBefore: escRE(`\b(?:question|questions|demande|peut etre|un peu|desole|pardon|excusez|mettre|ecrire|publier|poster)\b|\b(?:site|page|faq|chatbot|fiche|client|clients)\b(?: \w+){0,2}$`),
	},
	{ // "je vous l'ai déjà dit", "ça fait 3 fois que je demande", "vous tournez en rond"
		reason:   ReasonFrustration,
		re:       escRE(`\b(?:vous|te|t|le) ai deja (?:dit|demande|explique|ecrit|pose|donne)\b|\bai deja (?:dit|demande|explique|ecrit|pose) (?:ca|cela|la question|ma question|la meme chose|plusieurs fois)\b|\bai deja (?:dit|demande|explique|pose)(?: ,|$)|\b(?:tourne|tournez|tournes|tourner|tournons) en rond\b|\bmemes? reponses?\b|\b(?:\d+|deux|trois|quatre|cinq|dix|plusieurs|mille|cent) fois (?:la meme|ma|cette) question\b|\bfait (?:\w+ )?(?:\d+|deux|trois|quatre|cinq|dix|plusieurs|mille|cent) fois (?:que|qu)\b|\bje (?:vous |te )?(?:repete|redis|le redis|reecris)\b`),
		notAfter: escRE(`^ (?:a|au|aux) (?:google|facebook|mon|ma|mes|la|le|l|un|une|leur|son)\b|^ (?:\w+ )?(?:google|facebook|instagram|meta|ma fiche|mon site|mon compte|ma page|la fiche|le site|mon client|ma cliente|mes clients|le client|un client|mon hebergeur|ma banque|la banque|mon prestataire|agence|mon agence|ma commande|le colis|mon colis)\b`),
	},
	{ // "je ne comprends rien à votre réponse", "je comprends rien à ce que tu racontes"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:comprends|comprend|pige|capte)(?: \w+)? (?:rien|pas) (?:a|de) (?:votre|ta|vos|tes|cette|ces|la|vot) (?:reponse|reponses|explication|explications|charabia|message|messages)\b|\b(?:comprends|comprend|pige|capte) (?:rien|pas|que dalle) a ce que (?:tu|vous) (?:dis|dites|racontes|racontez|ecris|ecrivez|expliques|expliquez|reponds|repondez|me dis|me dites)\b`),
	},
	{ // "je comprends rien" on its own; after a topic, it is about the topic
		reason:   ReasonFrustration,
		re:       escRE(`^(?:mais |franchement |vraiment |alors )?je (?:ne )?(?:comprends|comprend|pige|capte) (?:rien|que dalle|absolument rien)(?: du tout)?$`),
		maxWords: 6,
	},
	{ // wasting one's time: "je perds mon temps avec vous"; not "je perds du temps à répondre aux mails"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:perds|perd|perdons|ai perdu|avons perdu|me fais perdre|me faites perdre|nous faites perdre|me fait perdre ton|me fait perdre votre)(?: \w+)? (?:mon|notre|du|son|votre|un temps|beaucoup de|assez de|trop de|encore du|vraiment mon|completement mon|clairement mon|un temps fou|une heure|des heures|une demi heure)(?: precieux)?(?: temps)?\b`),
		notBefore: escRE(`\b(?:est ce|si|pas|comment|eviter|plus|moins)\b`),
		notAfter:  escRE(`^ (?:a|sur|en|pour|chaque|tous|toutes|de faire|avec (?:mes|les|des|ce logiciel|cet outil|mon|ma))\b`),
		notIn:     escRE(`\b(?:comment|astuce|astuces|automatiser|outil|outils|logiciel|eviter|ne plus perdre|gagner|blog|reseaux|instagram|facebook|tiktok|publicite|pub|pubs)\b`),
	},
	{ // "quelle perte de temps", "franchement, perte de temps"
		reason:    ReasonFrustration,
		re:        escRE(`(?:^|, )(?:(?:quelle|franchement|vraiment|une|est une|quel|que de|encore une|bref|bon|pff+) )*(?:vraie |totale |grosse |pure |sacree )?perte de temps(?: totale| complete| pure)?(?: ,|$)`),
		notBefore: escRE(`\b(?:est ce|si|pas)\b`),
		maxWords:  6,
	},
	{ // sent back to the guides: "arrêtez de me renvoyer vers des guides", "encore un lien",
		// "toujours des généralités"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:arrete|arretez|arreter|stop|assez|marre|fini|cessez|cesse)(?: \w+){0,4} (?:liens?|guides?|fiches?|articles?|generalites|renvoyer|renvoyez|renvoie|renvoies|rediriger|redirigez|copier coller|paves?|blabla|tutos?|tutoriels?)\b|\b(?:encore|toujours|que|juste|re)(?: un| une| des| le meme| la meme| les memes| ce| ces| vos| votre| ton| tes| du)? (?:lien|liens|guide|guides|generalites|article|articles|blabla|copier coller|tuto|tutos|pave)\b(?: ,|$| [!?]| (?:je|on|franchement|vraiment|sans|qui|svp|merci|alors|comme|et))`),
		notBefore: escRE(`\b(?:comment|ou|quel|quels|quelle|avez vous|vous avez|y a|il y a|existe|cherche)\b(?: \w+){0,3}$`),
		notIn:     escRE(`\b(?:comment (?:faire|mettre|ajouter|creer|partager|envoyer|supprimer)|mon site|ma page|mes clients|instagram|facebook|bio|newsletter|backlink|backlinks|netlinking|referencement|seo)\b`),
	},
	{ // the same guide or link again: "vous m'avez déjà envoyé ce lien", "vos guides je les ai déjà lus"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:deja|encore|toujours) (?:lu|lus|lue|lues|vu|vus|envoye|envoyes|donne|donnes|recu|recus|propose|proposes|mis|sorti|sortis|eu|fait|faits|suivi|suivis|essaye|essayes|teste|testes)\b`),
		also:   escRE(`\b(?:lien|liens|guide|guides|fiche|fiches|article|articles|reponse|reponses|conseil|conseils|tuto|tutos|tutoriel|page|etapes|methode)\b`),
		notIn:  escRE(`\b(?:comment|pourquoi|quel|quelle|mais comment|que faire|client|clients|google|facebook|instagram)\b`),
	},
	{ // the answers are beside the point: "réponse à côté", "vos réponses sont à côté", "vous êtes à l'ouest"
		reason:   ReasonFrustration,
		re:       escRE(`\b(?:reponse|reponses|repondez|reponds|repond|repondu|etes|es|completement|totalement|vraiment|toujours|encore|aussi|tellement|si) (?:(?:sont|est|etes|es|encore|toujours|completement|totalement|vraiment|a nouveau) )*(?:a cote|a l ouest|a ouest|hors sujet|hors propos|hors de propos)\b`),
		notAfter: escRE(`^ (?:de|du|des|d)\b`),
		notIn:    escRE(`\b(?:magasin|boutique|rue|gare|maison|local|parking|mairie|concurrent|concurrents|mon site|ma page|ma faq|mon chatbot|mes clients|les clients|leurs questions|leur question)\b`),
	},
	{ // what was asked is not what was answered: "c'est pas ce que je vous demande",
		// "je vous ai demandé autre chose"
		reason:    ReasonFrustration,
		re:        escRE(`\bpas (?:du tout |vraiment |exactement )?(?:ce|ca) (?:que |qu )?(?:je |j )?(?:vous |te |t )?(?:ai |avais )?(?:demande|demandais|veux|voulais|cherche|cherchais|attendais|attends|dis|disais|ecris|ecrivais)\b|\b(?:vous|te|t) (?:ai|avais) (?:demande|pose|dit|ecrit) (?:autre chose|tout autre chose|pas ca|une autre question|quelque chose d autre)\b|\b(?:ai|avais) (?:pas|rien|jamais) demande (?:un cours|une lecon|de cours|de lecon|ca|cela|un roman|votre avis|ton avis|un pave|une dissertation|un guide|un lien|des liens|la morale|de morale)\b|\b(?:ne |n )?(?:correspond|correspondent|colle|collent) (?:pas|absolument pas|pas du tout|en rien|jamais) (?:a|avec) (?:ma|mes|la) (?:demande|question|questions|situation|probleme)\b|\b(?:ne |n )?(?:repond|repondent|repondez|reponds)(?: \w+)? (?:absolument |toujours |vraiment |meme )?(?:pas|jamais|rien|en rien|nullement) (?:du tout )?(?:a|aux) (?:ma|mes|la|ma premiere) (?:question|questions|demande|probleme)\b`),
		notBefore: escRE(`\b(?:client|clients|cliente|google|facebook|prestataire|agence|webmaster|hebergeur|support|banque|fournisseur|il|elle|ils|elles|fiche|site|page|produit|produits|annonce|offre)(?: \w+){0,3}$|\bsi\b`),
	},
	{ // reading and understanding: "vous lisez ce que j'écris ?", "vous comprenez le français ?", "lisez ma question"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:vous|tu)(?: ne| n)? (?:lisez|lis|lit|comprenez|comprends)(?: pas| meme pas| vraiment| jamais)?(?: \w+){0,1} (?:ce que|mes|ma|les|quand) (?:\w+ ){0,2}?(?:ecris|ecrit|ecrivais|messages|message|question|questions|dis|disais|demande|demandes|explique)\b|\b(?:lisez|lis|relisez|relis)(?: donc| au moins| d abord| bien| correctement| attentivement)? (?:ma|mes|la|le) (?:question|questions|message|messages|demande)\b|\b(?:comprenez|comprends|parlez|parles|lisez|lis) (?:pas |meme pas |vraiment |le |pas le )*francais\b|^(?:mais |bon |franchement |alors |non mais )?(?:tu|vous|tu es|vous etes|es|est une blague|est une plaisanterie)(?: \w+){0,5} ou (?:quoi|pas)$`),
		notIn:  escRE(`\b(?:peux|pouvez|pourriez|pourrais|sais|savez|faites|fais|proposez|proposes|acceptez|acceptes|travaillez|travailles|site|sites|google|fiche|instagram|facebook)\b`),
	},
	{ // mocked or taken for a fool: "vous vous moquez du monde", "vous me prenez pour qui", "c'est une blague ?"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:moquez|moques|moque|foutez|fous|fichez|fiches) (?:du monde|des gens|de nous|de moi|de ma gueule|de notre gueule)\b|\b(?:me|nous) (?:prenez|prends|prend) (?:vraiment )?pour (?:qui|un|une|des)\b|\b(?:vous|tu) (?:plaisantez|plaisantes|rigolez|rigoles|blaguez|blagues|delirez|delires)\b|\b(?:est|ce est) (?:une )?(?:blague|plaisanterie|farce|mauvaise blague)(?: ou quoi| non| la| franchement| ou| ,|$)|^(?:mais |non mais |franchement )?(?:vous etes|tu es|etes vous|es tu) (?:serieux|serieuse|serieusement)\b|^(?:mais |non mais |oh |ah )?(?:serieux|serieusement|serieuse|wtf|j hallucine|je hallucine|hallucinant|incroyable|pas possible|est pas possible|est pas vrai|pas vrai|ce est pas vrai)(?: la| quoi| ca| enfin| franchement)?$|^(?:(?:mais|allez|bon|franchement) )*(?:fais|faites) (?:un )?(?:effort|efforts)\b|\b(?:vous|tu) (?:pourriez|pourrais|pouvez|peux|devriez|devrais) (?:quand meme |un peu |au moins )?faire (?:un )?(?:effort|efforts)\b`),
		notBefore: escRE(`\b(?:comment|pourquoi|si)\b`),
		notIn:     escRE(`\b(?:blague (?:pour|sur|qui|a|de|drole)|blagues|avis|client|clients|cliente|mon site|ma fiche|instagram|facebook)\b`),
	},
	{ // the bot repeats itself: "vous répétez toujours la même chose", "c'est la troisième fois"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:vous|tu) (?:me |nous )?(?:repetez|repetes|redites|redis|ressortez|ressors|radotez|radotes|recopiez|recopies)\b|\b(?:deuxieme|troisieme|quatrieme|cinquieme|dixieme|centieme|enieme|nieme|2e|3e|4e|5e|10e|2eme|3eme|4eme|5eme) fois (?:que|qu)\b|\b(?:toujours|encore) (?:la meme chose|les memes choses|pareil|la meme reponse|les memes reponses|le meme lien|les memes liens|le meme guide)\b`),
	},
	{ // disappointment and anger, said in a few words: "déçue", "très décevant", "je suis énervé"
		reason:   ReasonFrustration,
		re:       escRE(`^(?:(?:tres|vraiment|trop|super|franchement|tellement|assez|un peu|grave|bien|completement|profondement|je suis|suis|je|moi|bon|bref|ben|alors|quelle|quel|que|grosse|grande|pff+) )*(?:decu|decue|decus|decues|decevant|decevante|deception|enerve|enervee|furieux|furieuse|agace|agacee|degoute|degoutee|mecontent|mecontente|frustre|frustree|desespere|desesperee|blase|blasee|excede|excedee|exaspere|exasperee|consterne|consternee|remonte|remontee)(?: (?:totale|complete|la|franchement|vraiment|du tout|de chez decu))?$|^(?:je )?(?:me )?(?:attendais|attendait|attendions) (?:a |a beaucoup |a bien |a nettement |a un peu )?mieux\b|^(?:je )?abandonne(?: ,|$| (?:la|alors|franchement|vraiment|tant pis))|\b(?:vais|va|irai) (?:aller )?(?:voir|chercher|demander) ailleurs\b|\b(?:vais|va) me debrouiller (?:seul|seule|tout seul|toute seule|autrement|sans vous|sans toi)\b|^(?:(?:ca|cela|est|ce est|bof|bon|franchement|vraiment) )*(?:pas terrible|pas top|pas genial|bof+|moyen|limite|pas fou|pas ouf)(?: (?:vos|votre|tes|ta|ton|ces|cette|les) (?:reponses?|conseils?|explications?|truc|bot|service|aide))?$|^(?:je suis |suis |vraiment |franchement |moi )?(?:pas|vraiment pas|pas du tout) (?:content|contente|satisfait|satisfaite|convaincu|convaincue)(?: du tout)?(?: (?:de|par) (?:vos|votre|tes|ta|ton|ce|cet|cette|ces) \w+)?$|^(?:mais |non |bon )?(?:ca|cela) (?:ne )?va (?:pas du tout|vraiment pas|plus du tout)$`),
		maxWords: 10,
	},
	{ // disappointed by the service, in a sentence: "je suis très déçu de cet outil"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:suis|sommes|est|sont) (?:tres |extremement |vraiment |super |trop |hyper |assez |profondement |tellement |franchement |completement |un peu |plutot )?(?:decu|decue|decus|decevant|decevante|decevantes|decevants|mecontent|mecontente|mecontents|furieux|furieuse|enerve|enervee|agace|agacee|excede|excedee|degoute|degoutee|frustre|frustree|fatigue|fatiguee|lasse|lassee)\b|\bquelle deception\b|\b(?:vraie|grosse|grande|totale) deception\b`),
		also:   escRE(`\b(?:vos|votre|ton|tes|ta|vous|tu|bot|robot|chatbot|assistant|reponse|reponses|outil|service|cet outil|ce service|ce truc|ce machin|application|appli|echange|conversation|cette conversation|ce site|tout ca|ca|cela|ici)\b`),
		notIn:  escRE(`\b(?:client|clients|cliente|clientes|google|facebook|instagram|prestataire|agence|hebergeur|ventes|chiffre|resultats|referencement)\b`),
	},
	{ // nothing learnt: "j'ai rien appris", "tu m'as rien appris", "ça ne m'avance en rien"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:ai|as|avez|a|me as|me avez|me a)(?: vraiment| absolument| toujours)? (?:rien|pas grand chose|que dalle|rien du tout) (?:appris|apporte)\b|\b(?:apprend|apprends|apprenez|apporte|apportez|apportent) (?:rien|que dalle|pas grand chose)\b|\b(?:ca|cela|vous|tu|reponse|reponses)(?: ne| n)?(?: me| nous)? (?:aide|aident|aidez|avance|avancent|avancez|sert|servent) en rien\b|\b(?:zero|0|aucune|pas une|pas la moindre) (?:aide|reponse utile|solution|utilite|interet)(?: ,|$| (?:franchement|vraiment|de votre part|de ta part|ici))`),
		notBefore: escRE(`\b(?:client|clients|google|facebook|instagram|formation|pub|pubs|publicite|campagne|site)(?: \w+){0,3}$`),
	},
	{ // hot air: "c'est du blabla", "réponse bateau", "bla bla bla"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:(?:est|que|encore|toujours|juste|rien que) du (?:blabla|bla bla)|(?:votre|ton|vos|tes) (?:blabla|bla bla)|langue de bois|reponse bateau|reponses bateau|reponse toute faite|reponses toutes faites|reponse type|reponses types|reponse generique|reponses generiques|que du vent|du copier coller|copie colle|copiee collee|copies collees|reponse copiee|reponses copiees)\b|^bla(?: bla)*$`),
		notIn:  escRE(`\b(?:comment (?:faire|rediger|ecrire|creer)|modele|modeles|mail|mails|email|avis|clients|client)\b`),
	},
	{ // a bot that is no use, in a relative clause or with an adjective: "encore un robot qui sert à rien"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:robot|bot|truc|machin|outil|assistant|service|chatbot|ia|appli|application|programme|reponses?) (?:qui |que )?(?:ne |n )?(?:sert|servent|aide|aident|marche|marchent|fonctionne|fonctionnent|comprend|comprennent|repond|repondent)(?: (?:vraiment|absolument|strictement|toujours|jamais))? (?:a rien|pas|jamais|rien)\b|\b(?:vos|votre|tes|ton|ces|cette|ce) (?:reponses?|conseils?|guides?|liens?|explications?|truc|bot|robot|outil|service|assistant|methode|solutions?|messages?)(?: automatiques?| generiques?| toutes faites| types?)? (?:ne |n )?(?:me |nous )?(?:aide|aident|sert|servent|marche|marchent|fonctionne|fonctionnent|correspond|correspondent|avance|avancent)(?: (?:vraiment|absolument|strictement|toujours|encore|jamais|franchement|meme))? (?:pas|rien|jamais|a rien|du tout|en rien)\b|\b(?:sert|servez|sers|servent) a quoi (?:de |d )?(?:vous|te|t|ce bot|ce robot|votre|ton|tes|vos)\b`),
		notBefore: escRE(`\b(?:comment|pourquoi|si|mon|ma|mes|notre|nos|client|clients)\b(?: \w+){0,2}$`),
		notIn:     escRE(`\b(?:mon site|ma fiche|ma page|mon compte|ma boutique|mon formulaire|mon logiciel|ma caisse|mon application|mon appli|instagram|facebook|google)\b`),
	},
	{ // annoying and heavy-going: "vous êtes lourds", "c'est chiant", "t'es bête ou quoi"
		reason:    ReasonFrustration,
		re:        escRE(`\b(?:vous etes|tu es|es|etes) (?:vraiment |trop |tres |super |hyper |grave |completement |tellement )?(?:lourd|lourds|lourde|lourdes|lourdingue|penible|penibles|chiant|chiants|chiante|relou|relous|soulant|soulants|gonflant|gonflants|agacant|agacants|enervant|enervants|insupportable|insupportables|bete|betes|lent|lente|lents|bouche|bouches|borne|bornes)\b|^(?:(?:est|ce est|vraiment|trop|franchement|super|hyper|grave|bon|pff+) )*(?:chiant|chiante|relou|penible|soulant|gonflant|lourd|lourdingue|usant|epuisant|enervant|agacant|insupportable)(?: (?:la|franchement|vraiment|a la fin))?$|\b(?:est|sont) (?:aussi|si|tellement) (?:nul|nuls|nulle|nulles|bete|betes|a cote|a l ouest|lent|incompetent|incompetents|inutile|inutiles)\b|\b(?:d )?etre (?:aussi|si|tellement) (?:nul|nuls|nulle|bete|betes|a cote|lent|incompetent|inutile)\b`),
		notBefore: escRE(`\b(?:site|page|fiche|ordinateur|ordi|pc|telephone|logiciel|chargement|connexion|mon|ma|mes|client|clients|il|elle|ils|elles|question|questions)(?: \w+){0,2}$`),
		notAfter:  escRE(`^ (?:que|a charger|au chargement)\b`),
	},
	{ // "j'ai l'impression de parler à un mur", "c'est une honte", "répondez-moi correctement"
		reason:    ReasonFrustration,
		re:        escRE(`\bparler (?:a|avec|dans) (?:un mur|le vide|une machine a laver|un robot debile)\b|\b(?:pisser|parler|crier) dans (?:un violon|le vide)\b|^(?:(?:mais|franchement|vraiment|bon|est|ce est|quelle) )*(?:une honte|la honte|honteux|honteuse|scandaleux|scandaleuse|un scandale|lamentable|pathetique|navrant|affligeant|consternant)(?: (?:ce service|ce bot|ce truc|votre service|vos reponses|cette reponse|franchement|vraiment|la))?$|\b(?:repondez|reponds|repondre)(?: moi| nous)? (?:correctement|serieusement|clairement|vraiment|enfin|normalement|precisement|a la question)\b|\b(?:attendais|attendait|attendions) (?:a |plutot a )?(?:une vraie|un vrai|plus|autre chose|une aide|une reponse|beaucoup plus|bien plus|nettement plus)\b`),
		notBefore: escRE(`\b(?:comment|client|clients|cliente|google|facebook)\b(?: \w+){0,3}$`),
		notIn:     escRE(`\b(?:comment (?:repondre|faire)|mes clients|un client|une cliente|avis)\b`),
	},
	{ // "vous me répondez un roman", "t'es vraiment pas doué", "c'est pas clair du tout votre truc"
		reason: ReasonFrustration,
		re:     escRE(`\b(?:repondez|reponds|sortez|sors|envoyez|envoies|balancez|balances|ecrivez|ecris) (?:un roman|un pave|une encyclopedie|une dissertation|des pages|trois pages|un cours|une tartine)\b|\b(?:tu es|vous etes|tu est) (?:vraiment |franchement |completement |decidement )?(?:pas doue|pas douee|pas doues|pas malin|pas maline|pas fute|pas tres malin|pas tres doue|pas capable|pas competent|pas competents|bon a rien|bons a rien|une blague)\b|\b(?:pas clair|pas claire|pas clairs|pas claires|incomprehensible|incomprehensibles|imbuvable|confus|confuse)(?: du tout| non plus)?(?: \w+)? (?:votre|vos|ton|ta|tes|cette|ces) (?:truc|reponse|reponses|explication|explications|message|messages|charabia|guide|guides|texte|bot|robot)\b|\b(?:votre|vos|ton|ta|tes|cette|ces) (?:reponse|reponses|explication|explications|message|messages|charabia|truc) (?:est |sont )?(?:vraiment |pas du tout |toujours )?(?:pas clair|pas claire|pas clairs|pas claires|incomprehensible|incomprehensibles|imbuvable|confus|confuse|nulle|nulles)\b|\b(?:devient|commence a etre|commence a devenir|est vraiment) (?:penible|chiant|lourd|agacant|enervant|insupportable|ridicule|n importe quoi)$|\ba chier\b`),
	},
	{ // "nul", "pfff", "grrr" on their own
		reason:   ReasonFrustration,
		re:       escRE(`^(?:(?:est|vraiment|trop|franchement|tres|super|completement|mais) )*(?:nul|nulle|naze|pourri|inutile|bidon|pff+|grr+|argh+|rha+|raah+)$`),
		maxWords: 4,
	},
}

// init finds the literals of each rule once, when the package loads, next to its patterns.
func init() {
	for i := range escalationRules {
		r := &escalationRules[i]
		r.reLits = requiredLiterals(r.re)
		if r.also != nil {
			r.alsoLits = requiredLiterals(r.also)
		}
	}
}

// containsAnyLiteral reports whether s contains one of lits; with no lits nothing is known,
// and it reports true.
func containsAnyLiteral(s string, lits []string) bool {
	if lits == nil {
		return true
	}
	for _, l := range lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// requiredLiterals returns strings of which every match of re contains at least one, or nil
// when the pattern offers none worth checking. A few strings.Contains cost much less than
// running a pattern made of long alternations, and most messages match no rule.
func requiredLiterals(re *regexp.Regexp) []string {
	tree, err := syntax.Parse(re.String(), syntax.Perl)
	if err != nil {
		return nil
	}
	l := literalsOf(tree)
	return bestLiterals(l.req, l.exact)
}

// litSet describes the strings a pattern node can match.
type litSet struct {
	exact []string // the node matches exactly one of these (nil: unknown or too many)
	req   []string // every match of the node contains one of these (nil: unknown)
}

// maxLiterals bounds the strings a litSet may hold, which multiply along a concatenation.
const maxLiterals = 256

// literalsOf walks a parsed pattern and says which strings its matches are made of or contain.
func literalsOf(re *syntax.Regexp) litSet {
	switch re.Op {
	case syntax.OpLiteral:
		if re.Flags&syntax.FoldCase != 0 {
			return litSet{}
		}
		s := string(re.Rune)
		return litSet{exact: []string{s}, req: []string{s}}
	case syntax.OpCharClass:
		var out []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			for c := re.Rune[i]; c <= re.Rune[i+1]; c++ {
				if len(out) == 8 {
					return litSet{}
				}
				out = append(out, string(c))
			}
		}
		return litSet{exact: out}
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText,
		syntax.OpEndText, syntax.OpWordBoundary, syntax.OpNoWordBoundary:
		return litSet{exact: []string{""}}
	case syntax.OpCapture:
		return literalsOf(re.Sub[0])
	case syntax.OpQuest:
		if sub := literalsOf(re.Sub[0]); sub.exact != nil && len(sub.exact) < maxLiterals {
			return litSet{exact: append([]string{""}, sub.exact...)}
		}
		return litSet{}
	case syntax.OpPlus:
		sub := literalsOf(re.Sub[0])
		return litSet{req: bestLiterals(sub.req, sub.exact)}
	case syntax.OpRepeat:
		if re.Min >= 1 {
			sub := literalsOf(re.Sub[0])
			return litSet{req: bestLiterals(sub.req, sub.exact)}
		}
		return litSet{}
	case syntax.OpAlternate:
		var exact, req []string
		exactOK, reqOK := true, true
		for _, sub := range re.Sub {
			l := literalsOf(sub)
			if exactOK && l.exact != nil && len(exact)+len(l.exact) <= maxLiterals {
				exact = append(exact, l.exact...)
			} else {
				exactOK = false
			}
			if r := bestLiterals(l.req, l.exact); reqOK && r != nil {
				req = append(req, r...)
			} else {
				reqOK = false
			}
		}
		var out litSet
		if exactOK {
			out.exact = exact
		}
		if reqOK {
			out.req = req
		}
		return out
	case syntax.OpConcat:
		// adjacent exact parts multiply out into longer literals ("mise" "en" "demeure");
		// the requirement of any part is one of the whole
		run, allExact := []string{""}, true
		var best []string
		for _, sub := range re.Sub {
			l := literalsOf(sub)
			best = bestLiterals(best, bestLiterals(l.req, l.exact))
			if l.exact != nil && len(run)*len(l.exact) <= maxLiterals {
				next := make([]string, 0, len(run)*len(l.exact))
				for _, a := range run {
					for _, b := range l.exact {
						next = append(next, a+b)
					}
				}
				run = next
				continue
			}
			allExact = false
			best = bestLiterals(best, run)
			run = []string{""}
			if l.exact != nil {
				run = l.exact
			}
		}
		best = bestLiterals(best, run)
		if allExact {
			return litSet{exact: run, req: best}
		}
		return litSet{req: best}
	}
	return litSet{}
}

// bestLiterals returns the more useful of two requirements: the one whose shortest string is
// longer (up to four bytes, beyond which selectivity hardly grows) and that does not have too
// many strings, then the one with fewer strings to look for. Strings shorter than two bytes
// filter nothing, and a requirement that holds one counts as none.
func bestLiterals(a, b []string) []string {
	score := func(l []string) int {
		if l == nil {
			return -1
		}
		m := -1
		for _, s := range l {
			if m < 0 || len(s) < m {
				m = len(s)
			}
		}
		if m < 2 {
			return -1
		}
		if m = min(m, 4); len(l) > 48 {
			m-- // many strings cost more to look for than they filter
		}
		return m
	}
	sa, sb := score(a), score(b)
	switch {
	case sa < 0 && sb < 0:
		return nil
	case sa > sb || (sa == sb && len(a) <= len(b)):
		return a
	}
	return b
}

var (
	// censoredSwear: "m***e", "p*tain", "m**de", a letter then stars
	censoredSwear = regexp.MustCompile(`\pL\*+\pL|\pL\*{2,}`)
	// sarcasm: "bravo, vraiment très utile..." ends with an ellipsis
	sarcasmWords = escRE(`\b(?:vraiment|tres|super|hyper|trop|extremement|tellement|vachement|grave) (?:utile|utiles|efficace|pertinent|pertinente|aidant|instructif|interessant|clair|precis|concret)\b`)
	ellipsisEnd  = regexp.MustCompile(`(?:\.\.\.|…)\s*$`)
	// exclamationRun: "!!!", "?!?", "!!!!!!"
	exclamationRun = regexp.MustCompile(`!{3,}|[!?]*(?:\?!|!\?)[!?]*`)
	questionRun    = regexp.MustCompile(`\?{3,}`)
	// positive words: "merci !!!" or "mon site est en ligne !!!" is joy, not anger
	positiveWords     = escRE(`\b(?:merci|mrc|super|genial|top|parfait|bravo|cool|excellent|felicitations|nickel|youpi|yes|ouf|hate|content|contente|ravi|ravie|fantastique|incroyable|wow|waouh|trop bien|trop fort|haha|hihi|lol|mdr|enfin|reussi|bonjour|bonsoir|salut|hello|coucou|bonne|joyeux|joyeuse|magnifique|formidable|gg|en ligne|ca y est|premiere vente|premier client)\b`)
	impatientWords    = escRE(`\b(?:pas|rien|jamais|toujours|encore|personne|aucun|aucune|alors|allo|reponse|repondez|reponds|repondre|marche|fonctionne|comprends|comprenez|comprend|nul|marre|hein)\b`)
	impatientQuestion = escRE(`\b(?:alors|allo|toujours|reponse|repondez|reponds|repondre|personne|quelqu un|encore|rien|hello|hein)\b`)
)

// Sarcastic reports whether a message that reads as thanks is sarcasm: an eye-roll, or "vraiment
// très utile..." trailing off.
func Sarcastic(raw string) bool {
	for _, e := range sarcasmEmoji {
		if strings.Contains(raw, e) {
			return true
		}
	}
	return ellipsisEnd.MatchString(raw) && sarcasmWords.MatchString(normalizeMessage(raw).all)
}

// sarcasmEmoji are the faces that turn "merci, super utile" into sarcasm.
var sarcasmEmoji = []string{"🙄", "😒", "🙃", "😑", "😤"}

// frustrationMarks reads what words do not say: runs of exclamation marks, angry emoji, an
// eye-roll or a trailing "..." that turns praise into sarcasm, swear words censored with stars.
func frustrationMarks(raw string, m *escMessage) (string, bool) {
	// an eye-roll turns "merci, super utile" into sarcasm; a censored swear word is still one
	for _, e := range sarcasmEmoji {
		if strings.Contains(raw, e) {
			return e, true
		}
	}
	if w := censoredSwear.FindString(raw); w != "" {
		return w, true
	}
	if s := sarcasmWords.FindString(m.all); s != "" && ellipsisEnd.MatchString(raw) {
		return s, true
	}
	if positiveWords.MatchString(m.all) {
		return "", false
	}
	for _, e := range []string{"😡", "🤬", "😠", "👎", "💢", "🖕"} {
		if strings.Contains(raw, e) {
			return e, true
		}
	}
	if run := exclamationRun.FindString(raw); run != "" && len(run) >= 3 && (m.words <= 3 || impatientWords.MatchString(m.all)) {
		return run, true
	}
	if run := questionRun.FindString(raw); run != "" && impatientQuestion.MatchString(m.all) {
		return run, true
	}
	return "", false
}

// escTypos maps one folded word to its usual spelling: SMS shortenings, words glued to a
// pronoun ("jveux"), frequent misspellings of the words the rules look for. An empty spelling
// drops the word.
var escTypos = map[string]string{
	"jveux": "je veux", "kon": "que on", "kil": "que il", "konm": "que on me", "jveu": "je veux", "jvx": "je veux", "jveut": "je veux", "jvoudrais": "je voudrais",
	"jvoudrai": "je voudrais", "jpeux": "je peux", "jpeu": "je peux", "jsuis": "je suis", "jsui": "je suis",
	"chui": "je suis", "chuis": "je suis", "jai": "je ai", "g": "je ai", "jen": "je en", "jcomprends": "je comprends",
	"jcomprend": "je comprends", "jpense": "je pense", "jsp": "je sais pas", "jme": "je me", "jarrive": "je arrive",
	"jaimerais": "je aimerais", "jaimerai": "je aimerais", "jcrois": "je crois", "jviens": "je viens", "jvien": "je viens",
	"veu": "veux", "veus": "veux", "vx": "veux", "voudrai": "voudrais", "vien": "viens",
	"qqn": "quelqu un", "qqun": "quelqu un", "qq1": "quelqu un", "quelquun": "quelqu un", "quelqun": "quelqu un",
	"qlqn": "quelqu un", "qlq1": "quelqu un", "kelkun": "quelqu un", "quelqu1": "quelqu un", "qqu": "quelqu un",
	"rdvs": "rdv", "rdz": "rdv", "rendezvous": "rdv", "rendevous": "rdv", "rdvous": "rdv",
	"humin": "humain", "umain": "humain", "humaint": "humain", "hmain": "humain", "humian": "humain", "humaim": "humain",
	"hum1": "humain", "humaain": "humain",
	"cooch": "coach", "coatch": "coach", "cotch": "coach", "coachs": "coach", "coaches": "coach", "coatchs": "coach",
	"coch": "coach", "coachh": "coach", "caoch": "coach", "coah": "coach",
	"conseiler": "conseiller", "conseillers": "conseiller", "conseilleres": "conseillere", "conseilere": "conseillere",
	"persone": "personne", "pesonne": "personne", "perssonne": "personne", "presonne": "personne",
	"stp": "svp", "svpl": "svp", "svpp": "svp", "plz": "svp", "pls": "svp", "please": "svp", "stpl": "svp", "sivouplait": "svp",
	"pirat": "pirate", "piratte": "pirate", "pirrate": "pirate", "pirattee": "piratee", "pirratee": "piratee",
	"ranson": "rancon", "rancons": "rancon",
	"ursaf": "urssaf", "ursaff": "urssaf", "urssaff": "urssaf", "urssafe": "urssaf",
	"inpot": "impots", "inpots": "impots", "impo": "impots", "impos": "impots", "impot": "impots",
	"comptabiliter": "comptabilite", "comptabilitee": "comptabilite", "comptablite": "comptabilite",
	"contabilite": "comptabilite", "compatbilite": "comptabilite",
	"huisier": "huissier", "huisiers": "huissier", "avoca": "avocat", "demeur": "demeure",
	"c": "est", "cest": "est", "sest": "est",
	"ser": "sert", "pa": "pas", "koi": "quoi", "kan": "quand", "qd": "quand", "pk": "pourquoi", "pq": "pourquoi",
	"pourkoi": "pourquoi", "tt": "tout", "tjrs": "toujours", "tjs": "toujours", "tjr": "toujours", "toujour": "toujours",
	"mm": "meme", "bcp": "beaucoup", "vs": "vous", "ns": "nous", "dc": "donc", "cmt": "comment", "cmnt": "comment",
	"komen": "comment", "coment": "comment", "commen": "comment", "ke": "que", "k": "que", "mdp": "mot de passe",
	"fb": "facebook", "insta": "instagram", "mare": "marre", "nimporte": "importe", "urgen": "urgent",
	"telephonne": "telephone", "apelez": "appelez", "apellez": "appelez", "appellez": "appelez", "apeler": "appeler",
	"appeller": "appeler", "rapeler": "rappeler", "rappeller": "rappeler", "rapelez": "rappelez", "rappellez": "rappelez",
	"rapelle": "rappelle", "maidez": "me aidez", "maider": "me aider", "maide": "me aide", "mapeler": "me appeler",
	"mappeler": "me appeler", "mapelle": "me appelle", "mappelle": "me appelle", "arnak": "arnaque", "arnac": "arnaque",
	"ya": "il y a", "detre": "etre", "dun": "un", "dune": "une", "lagence": "agence", "compta": "comptabilite",
	"ordi": "ordinateur", "hs": "hors service", "dsl": "desole", "fai": "fais",
	// elisions typed without their apostrophe: "j ai", "on m a", "l agence"
	"j": "je", "m": "me", "t": "te", "n": "ne", "qu": "que", "l": "", "d": "", "s": "",
}

// gluedPronoun reports whether w is "je" glued to a verb in SMS spelling ("jparle", "jfais"):
// French words do not start with a j followed by a consonant.
func gluedPronoun(w string) bool {
	if len(w) < 4 || w[0] != 'j' {
		return false
	}
	switch w[1] {
	case 'a', 'e', 'i', 'o', 'u', 'y', 'h':
		return false
	}
	return w[1] >= 'a' && w[1] <= 'z'
}

// escPhrases rewrites a few multi-word spellings; keys and values are padded with spaces.
var escPhrases = strings.NewReplacer(
	" rendez vous ", " rdv ", " rendez vou ", " rdv ",
	" si il vous plait ", " svp ", " il vous plait ", " svp ", " sil vous plait ", " svp ", " si vous plait ", " svp ",
	" si il te plait ", " svp ", " il te plait ", " svp ", " sil te plait ", " svp ",
	" te es ", " tu es ", " te as ", " tu as ", " est est ", " est ",
	" quelque un ", " quelqu un ", " si possible ", " possible ", " si vous pouvez ", " vous pouvez ",
	" si vous pourriez ", " vous pourriez ", " si tu peux ", " tu peux ", " expert comptable ", " expert comptable ",
)

// escElisionRE finds the elided pronouns and words that carry meaning for the rules
// ("j'ai", "m'aide", "qu'on", "n'importe"), which Words would drop.
var escElisionRE = regexp.MustCompile("\\b(j|m|t|n|qu)['’‘ʼ´`]")

// escSiRE finds "s'il", which Words would turn into "il" and lose a hypothesis.
var escSiRE = regexp.MustCompile("\\bs['’‘ʼ´`](ils?)\\b")

// normalizeMessage folds text into the sentences the rules read.
func normalizeMessage(text string) escMessage {
	s := knowledge.Fold(text)
	if strings.ContainsAny(s, "'’‘ʼ´`") {
		s = escSiRE.ReplaceAllString(s, "si $1")
		s = escElisionRE.ReplaceAllString(s, "${1}e ")
	}
	var m escMessage
	var clauses []string
	var b strings.Builder
	flushSentence := func() {
		if len(clauses) > 0 {
			m.sentences = append(m.sentences, strings.Join(clauses, " , "))
			clauses = clauses[:0]
		}
	}
	flushClause := func(text string) {
		words := knowledge.Words(text)
		if len(words) == 0 {
			return
		}
		b.Reset()
		b.WriteByte(' ')
		for _, w := range words {
			if t, ok := escTypos[w]; ok {
				if t == "" {
					continue
				}
				w = t
			} else if gluedPronoun(w) {
				b.WriteString("je ")
				w = w[1:]
			}
			b.WriteString(w)
			b.WriteByte(' ')
		}
		c := escPhrases.Replace(b.String())
		c = strings.TrimSpace(escPhrases.Replace(c)) // a second pass for overlapping phrases
		if c == "" {
			return
		}
		m.words += strings.Count(c, " ") + 1
		clauses = append(clauses, c)
	}
	start := 0
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '.', '!', '?', ';', '\n':
			if c == '.' && i+1 < len(s) && s[i+1] != ' ' && s[i+1] != '\n' && s[i+1] != '.' {
				continue // "impots.gouv.fr", "5.000"
			}
			flushClause(s[start:i])
			flushSentence()
			start = i + 1
		case ',', ':', '(', ')':
			if c == ',' && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				continue // "5,5 %"
			}
			flushClause(s[start:i])
			start = i + 1
		}
	}
	flushClause(s[start:])
	flushSentence()
	m.all = strings.Join(m.sentences, " . ")
	return m
}
