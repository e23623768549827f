package bot

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
}

// ClassifyEscalation decides, from the text of one owner message alone, whether it needs a
// human coach and why. It is deterministic and cheap: every pattern is compiled once, when
// the package is loaded.
//
// When several reasons apply, the most pressing wins: cyber_emergency, then dispute, then
// accounting_tax, then explicit_request, then frustration. A question that merely mentions a
// sensitive word in an informational way (how to protect against ransomware, online booking
// for one's own customers, an accounting software) does not escalate: the guides answer it.
func ClassifyEscalation(text string) Escalation {
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
	"{HACKED}", `(?:pirate|piratee|pirates|piratees|pirater|hacke|hackee|hackes|hackees|hacker|hake|hakee|hacked|compromis|compromise|infecte|infectee|infectes|infectees)`,
	// hacked, as a past participle only
	"{HACKEDPP}", `(?:pirate|piratee|pirates|piratees|hacke|hackee|hackes|hackees|hake|hakee|hacked|compromis|compromise|infecte|infectee)`,
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
	"{FILL}", `(?:a|au|avec|de|d|du|un|une|1|le|la|les|des|votre|vos|ton|tes|mon|ma|vrai|vraie|vrais|vraies|veritable|directement|rapidement|vite|enfin|plutot|juste|simplement|svp|aupres|par|vers|en|relation|contact|me|moi|nous|je|que|on|pouvoir|possible|il|est|ce|bien|etre|autre|quelques|seul|seule|personnellement|plus|aussi|maintenant|physiquement|reellement|parler|discuter|echanger)`,
	// request words before a coach, a human, an adviser
	"{WANT}", `(?:parl\w*|discuter|echanger|joindre|contacter|contact|voir|rencontrer|avoir|veux|voudrais|voudrait|voulais|aimerais|aimerait|souhaite|souhaiterais|souhaitons|besoin|faut|peux|pourrais|puis|possible|passer|passez|transferer|transferez|rediriger|redirigez|orienter|orientez|relation|accompagne|accompagnee|accompagnes|accompagner|suivi|suivie|rappele|rappelee|rappeler|rappelez|appele|appelee|appeler|appelez|demande|demander|prefere|preferais|preferer|trouver|reserver|prendre|svp|donnez|donner|mettez|mettre|envoyez|envoyer|conseil|conseils|aide|aider)`,
	// a person of the programme, or a human as opposed to the bot
	"{HUMAN}", `(?:humain|humaine|humains|etre humain|etres humains|vraie personne|vrai personne|vraies personnes|personne reelle|personne physique|coach|conseiller|conseillere|interlocuteur|interlocutrice|cci|cma|chambre de commerce|chambre des metiers|quelqu un de reel|quelqu un de vrai|quelqu un en vrai|membre de votre equipe|(?:un|une|1|le|la|votre|vrai|vraie) conseille)`,
	// talking with someone (for words that are also used for other things, like "personne")
	"{TALK}", `(?:parl\w*|discuter|echanger|joindre|contacter|rencontrer|voir|rappel\w*|appel\w*|transfer\w*|redirig\w*|orient\w*|passer|passez|relation|contact|(?:aide|aidee|accompagne|accompagnee|accompagnes|suivi|suivie|conseille|conseillee|epaule|epaulee) par)`,
	// a question or a need in the same sentence ("comment", "dois-je", "aidez-moi pour")
	"{ASKING}", `\b(?:comment|quel|quelle|quels|quelles|dois|doit|devons|faut|besoin|aide|aider|aidez|conseil|conseils|question|questions|obligatoire|obligatoires|obligation|obligations|regle|regles|faire|tenir|gerer|tenue|qui|quoi|combien|est ce|peut on|puis je|sais pas|savoir|cherche|trouver)\b`,
	// what a very short message asks for: "coach", "rdv coach", "humain svp"
	"{SHORTKEY}", `(?:coach|coaching|rdv|humain|humaine|conseiller|conseillere|accompagnement|rappel|rappelez moi|appelez moi|quelqu un|etre humain|personne physique|vrai conseiller|vraie personne)`,
	// a provider who built or runs the owner's digital presence
	"{PROVIDER}", `(?:agence|agences|prestataire|prestataires|presta|webmaster|webmestre|developpeur|developpeuse|dev|freelance|freelanceur|graphiste|hebergeur|fournisseur|fournisseurs|informaticien|consultant|consultante|community manager|createur|concepteur|imprimeur|referenceur|commercial|associe|ancien associe|(?:societe|boite|entreprise|cabinet) (?:de |d )?(?:referencement|communication|marketing|web|digital|digitale|informatique|annuaire|hebergement))`,
	// something a provider does in a dispute
	"{CONFLICT}", `(?:refuse|refusent|refusait|refusaient|veut pas|veulent pas|voulait pas|veut plus|veulent plus|veut rien|rend pas|rendent pas|rendra pas|donne pas|donnent pas|rembourse pas|remboursent pas|remboursement|disparu avec|disparue avec|parti avec|partie avec|retient|retiennent|confisque|otage|menace|menacent|menaces|harcele|harcelent|harcelement|exige|exigent|reclame|reclament|arnaque|arnaquer|arnaques|arnaqueur|escroc|escroque|escroquer|escroquerie|pas respecte|respecte pas|ne respecte|pas livre|jamais livre|pas tenu|pas fini|jamais fini|abandonne|bacle|facture abusive|factures abusives|surfacture|abusif|abusive|conflit|differend|chantage|(?:bloque|bloquent|garde|gardent|conserve) (?:mon|ma|mes|notre|nos) (?:site|nom|domaine|acces|codes|identifiants|fichiers|compte|donnees|photos|contenus|mot))`,
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
			`(?:(?: \w+){0,10} (?:faux|fausse|fausses|frauduleux|frauduleuse|frauduleuses|arnaque|arnaques|arnaqueur|arnaqueurs|escroc|escrocs|escroquerie|phishing|hameconnage|pirate|pirates|hacker|usurpateur|usurpatrice|piege|malveillant|malveillante|fraude|fraudeur|fraudeurs)|(?: \w+){0,4} (?:bizarre|bizarres|louche|louches|suspect|suspecte|suspects))\b`),
		notBefore: escRE(`{HYPO}`),
	},
	{ // fraud, the impostor named first: "un faux conseiller m'a appelé et j'ai donné mes codes"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:faux|fausse|escroc|escrocs|arnaqueur|arnaqueurs|fraudeur|fraudeurs|usurpateur)\b(?: \w+){0,10} (?:ai|avons|a) (?:vire|paye|regle|transfere|envoye|verse|donne|communique|saisi|tape|entre|clique|telecharge|ouvert|installe|transmis|fait un virement)\b`),
		notBefore: escRE(`{HYPO}`),
	},
	{ // "je me suis fait arnaquer", "je suis victime d'un piratage"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:me|nous|se) (?:suis |sommes |est |sont )?(?:fait|faite|faits|fais) (?:arnaquer|arnaque|escroquer|escroque|pieger|voler|hameconner|extorquer|usurper)\b|\b(?:viens|vient|venons|viennent) de (?:me |nous |se )?faire (?:arnaquer|escroquer|pieger|voler|pirater|hacker)\b|\b(?:sont|est|ete|suis|sommes)(?: \w+){0,2} (?:bloque|bloques|bloquee|bloquees|infecte|infectes|infectee|infectees|touche|touches|touchee|touchees|attaque|attaques|attaquee|attaquees|chiffre|chiffres|paralyse|paralyses|paralysee|paralysees)(?: \w+){0,2} par (?:un |une |le |la |des )?(?:rancongiciel|ransomware|virus|malware|cryptolocker|hacker|hackers|pirate|pirates|cyberattaque)\b|\b(?:suis|sommes|etre|ete) (?:victime|victimes)(?: (?:de|d|du|des|un|une|dune))*(?: \w+)? (?:piratage|arnaque|escroquerie|fraude|phishing|hameconnage|rancongiciel|ransomware|cyberattaque|attaque|usurpation|virus|malware|chantage|sextorsion|faux|fausse|vol|intrusion)\b`),
		notBefore: escRE(`{HYPO}|\bpas$`),
		notAfter:  escRE(`^ par (?:mon |ma |une |un |cette |ce |son |sa )?(?:agence|prestataire|presta|webmaster|developpeur|dev|freelance|graphiste|hebergeur|fournisseur|commercial|vendeur|societe|entreprise|boite)`),
	},
	{ // blackmail: "on me fait du chantage avec des photos"; a provider's is a dispute
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:me|nous) (?:fait|font) (?:du )?chantage\b|\bsextorsion\b`),
		notBefore: escRE(`{HYPO}|\b{PROVIDER}\b|\b(?:client|cliente|clients|concurrent|concurrente|ancien|ancienne|ex)\b`),
	},
	{ // account takeover: "ils ont changé mon mot de passe", "mes identifiants ont été volés"
		reason:    ReasonCyberUrgent,
		re:        escRE(`\b(?:(?:on|quelqu un|ils|il)(?: me| nous)? (?:a|ont) (?:change|modifie|utilise|vole|vide|pris|supprime|usurpe)|(?:quelqu un|on|un inconnu|inconnu|qq) (?:utilise|vide|debite|pirate|usurpe)) (?:mon|ma|mes|notre|nos|le|la|les) (?:mot de passe|mots de passe|code|codes|identifiants|carte|carte bancaire|cb|compte|comptes|email|adresse mail|adresse email|numero|acces|donnees|page|identite|rib|site)\b|\b(?:compte|comptes|mot de passe|identifiants|codes|carte|carte bancaire|identite|donnees|acces|page|site)(?: \w+){0,3} (?:a ete|ete|ont ete) (?:vole|voles|volee|volees|usurpe|usurpee|derobe|derobes|derobees|vide|videe|debite|debitee)\b|\b(?:quelqu un|inconnu|un inconnu|qq)(?: \w+){0,3} (?:connecter|connecte|connectee|introduit)(?: \w+){0,3} (?:mon|ma|mes|notre|nos)\b|\b(?:connexion|connexions|tentative de connexion|activite) (?:suspecte|suspectes|inhabituelle|inhabituelles|inconnue|inconnues)\b|\b(?:se fait passer|se font passer|se faisant passer|usurpe|usurpent) (?:pour )?(?:moi|nous|mon entreprise|ma societe|ma boutique|mon identite|notre entreprise|mon magasin)\b`),
		notBefore: escRE(`{HYPO}`),
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

	// ---- dispute: beyond the programme's remit ----------------------------------------------
	{ // "il me menace d'un procès", "un client menace de porter plainte"
		reason: ReasonDispute,
		re:     escRE(`\b(?:menace|menacent|menaces|menacer|menace de|menaces de)(?: \w+){0,4} (?:proces|plainte|poursuites|poursuivre|justice|tribunal|avocat|avocats|attaquer|assigner|mise en demeure|huissier|prud hommes|prudhommes|recouvrement|judiciaire|procedure)\b`),
	},
	{ // courts, formal notices, bailiffs, complaints
		reason:    ReasonDispute,
		re:        escRE(`\b(?:mise en demeure|mises en demeure|mettre en demeure|mis en demeure|met en demeure|huissier|huissiers|commissaire de justice|tribunal|tribunaux|prud hommes|prudhommes|proces|assignation|assigne|assigner|poursuites|poursuivre en justice|attaquer en justice|attaque en justice|en justice|contentieux|injonction de payer|dommages et interets|dommages interets|conseiller juridique|conseil juridique|avis juridique|probleme juridique|problemes juridiques|souci juridique|litige juridique|action en justice|recouvrement judiciaire|procedure judiciaire|procedure (?:\w+ ){0,2}contre|recours (?:contre|juridique|judiciaire))\b`),
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
		notIn:  escRE(`\b(?:jamais|un jour|eviter|prevenir|proteger|choisir|cookie|cookies|verifier|verifie|reconnaitre|serieux|serieuse|fiable|pas une arnaque|une arnaque ou|rib)\b|\b(?:comment|quel|quelle) (?:trouver|choisir|recruter)\b`),
	},
	{ // "il refuse de me rendre mes codes d'accès"
		reason:    ReasonDispute,
		re:        escRE(`\b(?:refuse|refusent|refusait|veut pas|veulent pas|voulait pas|veut plus)(?: de| d)?(?: me| nous)? (?:rendre|donner|transferer|restituer|rembourser|livrer|ceder|remettre|communiquer|fournir)(?: \w+){0,3} (?:site|nom de domaine|domaine|acces|codes|identifiants|fichiers|argent|acompte|sous|contenus|photos|mots de passe|mot de passe|cle|cles|code source|compte|page|donnees)\b`),
		notBefore: escRE(`\b(?:google|facebook|meta|instagram|apple|microsoft|amazon|wix|shopify|banque)\b`),
	},
	{ // a customer who will not pay
		reason: ReasonDispute,
		re:     escRE(`\b(?:client|cliente|clients|clientes)(?: \w+){0,3} (?:refuse|refusent|veut pas|veulent pas|veut plus)(?: de)?(?: me| nous)? (?:payer|regler|rembourser)\b`),
	},

	// ---- accounting_tax: beyond the programme's remit ---------------------------------------
	{ // tax and social contributions
		reason: ReasonAccounting,
		re:     escRE(`\b(?:urssaf|impots|impot|imposition|imposable|imposables|fiscalite|fiscal|fiscale|fiscaux|fiscales|fiscalement|liasse fiscale|bnc|bic|deduire (?:les|mes|des|ces|ses|le|la|mon|ma) (?:frais|charges|depenses|achats|cout|couts|abonnement|abonnements)|cfe|cotisations sociales|charges sociales|charges patronales|prelevement a la source|versement liberatoire|comptes annuels|amortissement|amortissements|deductible|deductibles|plus value|plus values|regime reel|micro bic|micro bnc|declaration de revenus|declaration des revenus)\b`),
		notIn:  escRE(`\b(?:credits? (?:de )?impots?|impots gouv|gouv fr|facture electronique|factures electroniques|facturation electronique|e invoicing|e reporting|reforme des factures)\b`),
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
		also:   escRE(`\b(?:declar\w*|trimestre|trimestriel\w*|mensuel\w*|ca3|ca12|reverser|reverse|payer|paye|deduire|deductible|deductibles|recuperer|recuperation|rembours\w*|credit de tva|franchise|assujetti\w*|redevable|exonere\w*|exoneration|regime)\b`),
		notIn:  escRE(`\b(?:oss|guichet unique|ue|europe|europeen|europeens|europeenne|europeennes|pays|etranger|intracommunautaire|belgique|allemagne|espagne|italie|suisse)\b`),
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

	// ---- explicit_request: a person, a coach, an appointment, the CCI ----------------------
	{ // "je veux parler à un humain", "est-ce que je peux voir un coach", "besoin d'un conseiller"
		reason:    ReasonExplicit,
		re:        escRE(`\b{WANT}(?: {FILL}){0,6} {HUMAN}\b`),
		notBefore: escRE(`{OWN}`),
		notAfter:  escRE(`^ (?:bancaire|banque|de ma banque|de la banque|pole emploi|france travail|en assurance|immobilier|sportif|de vie|en image|en seo)\b`),
	},
	{ // "parler à une personne", "être accompagné par quelqu'un"
		reason:    ReasonExplicit,
		re:        escRE(`\b{TALK}(?: {FILL}){0,6} (?:personne|quelqu un|expert|experte|agent|operateur|operatrice|responsable|specialiste|technicien|membre de votre equipe)\b`),
		notBefore: escRE(`{OWN}`),
		notAfter:  escRE(`^ (?:seo|sea|google|facebook|en referencement|qui a|qui gere|de la fiche|du site|de la page|de mon agence|ne)\b`),
	},
	{ // "un vrai conseiller", "un humain svp"; not "t'es un humain ?"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:un |une |1 |des )?(?:vrai|vraie|vrais|vraies|veritable) (?:humain|humaine|humains|personne|personnes|conseiller|conseillere|coach|interlocuteur|agent)\b|\b(?:un|une|1|des) (?:humain|humaine|humains|etre humain)\b|\b(?:humain|humaine|coach|conseiller|quelqu un|personne) svp\b|\bquelqu un de (?:reel|vrai|physique|humain)\b`),
		notBefore: escRE(`\b(?:es|etes|est|suis|sont|sommes|etait|ou|qui|comme|tu|vous)(?: \w+){0,2}$|{OWN}`),
	},
	{ // "j'ai besoin de quelqu'un pour m'aider", "quelqu'un peut m'aider ?", "y a quelqu'un ?"
		reason: ReasonExplicit,
		re:     escRE(`(?:\b(?:besoin|veux|voudrais|aimerais|souhaite|souhaiterais|cherche|faut)(?: \w+){0,2} quelqu un(?: qui| pour)?(?: me| nous)? (?:aide|aider|accompagne|accompagner|conseille|conseiller|explique|expliquer|guide|guider|rappelle|rappeler|appelle|appeler|contacte|contacter|regarde|regarder|epauler)|\bquelqu un (?:peut|pourrait|pourra|saurait|veut) (?:me |nous )?(?:aider|repondre|rappeler|appeler)|\b(?:il y a|y a|ya|yaurait|il y aurait) quelqu un)(?: (?:svp|vite|rapidement|merci|maintenant|urgemment|personnellement|de vive voix|en vrai|au telephone|par telephone|la|ici))*(?: ,|$)`),
	},
	{ // "quelqu'un de dispo pour un appel ?", "avoir quelqu'un au téléphone"
		reason:    ReasonExplicit,
		re:        escRE(`\bquelqu un (?:de )?(?:dispo|disponible)\b|\bquelqu un (?:au|par) telephone\b|\bquelqu un en (?:vrai|direct|visio|face)\b|\b(?:dispo|disponible|disponibles|disponibilites|dispos|creneau|creneaux) (?:pour|pr) (?:un|une|1) (?:appel|rdv|echange|visio|entretien|rencontre)\b`),
		notBefore: escRE(`{OWN}`),
	},
	{ // a coach or the CCI as the subject: "un coach peut-il venir dans ma boutique ?"
		reason:    ReasonExplicit,
		notBefore: escRE(`\b(?:comment|en quoi|pourquoi|quand|quoi)\b(?: \w+){0,2}$`),
		re:        escRE(`\b(?:coach|conseiller|conseillere|cci|cma)(?: \w+)? (?:peut|pourrait|peuvent|pourraient|pourra|viendrait|vient|peut il|peut elle|pourrait il|pourrait elle)(?: \w+){0,2} (?:venir|passer|deplacer|aider|accompagner|rappeler|appeler|contacter|voir|regarder|recevoir|etudier)\b`),
	},
	{ // an appointment: "je voudrais un rdv", "prendre rendez-vous"; not booking tools
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:un|1|une|prendre|pris|prend|prends|avoir|obtenir|fixer|caler|reserver|planifier|organiser|demander|demande|decrocher|booker|programmer)(?: (?:un|1|une|de|d))? rdv\b|\brdv (?:avec|aupres|svp|possible|telephonique|en visio|visio|physique|en presentiel|individuel|personnalise)\b|\b(?:reserver|prendre|avoir|obtenir|fixer|caler|booker) (?:un|une|1) (?:seance|session|creneau)\b`),
		notIn:     escRE(`{TOOLS}|{OWN}`),
		notBefore: escRE(`\b(?:envie|inciter|incite|pousser|pousse|encourager|permettre|permet|facilite|faciliter|puisse|puissent|peuvent)\b|\b(?:mon|ma|notre|le|la|prochain|prochaine|avant|apres|pendant|durant|lors)$`),
		keep:      escRE(`\b(?:coach|coachs|conseiller|conseillere|cci|cma|chambre de commerce|chambre des metiers|humain|avec vous|avec un expert|avec quelqu un|avec une personne)\b`),
	},
	{ // the CCI or the CMA as a contact
		reason: ReasonExplicit,
		re:     escRE(`\b(?:cci|cma|chambre de commerce|chambre du commerce|chambre des metiers|chambre de metiers)\b`),
		also:   escRE(`\b(?:aider|accompagner|accompagne|contacter|joindre|appeler|rappeler|rencontrer|parler|rdv|conseiller|conseillere|coach|quelqu un|relation|numero|telephone|coordonnees)\b`),
		notIn:  escRE(`\b(?:aides|subvention|subventions|financement|financements|atelier|ateliers|formation|formations|webinaire|webinaires|cheque|est quoi|que est|qui est|role|cotisation|taxe|evenement|salon)\b|\b(?:cci|cma|commerce|metiers)(?: \w+){0,2} (?:me |nous )?(?:a|ont) (?:parle|conseille|recommande|envoye|oriente|dit|donne|indique)\b`),
	},
	{ // "passer à la CCI"
		reason: ReasonExplicit,
		re:     escRE(`\b(?:passer|aller|venir|rendre|rendez) (?:a|au|voir) (?:la |une |ma |votre )?(?:cci|cma|chambre)\b`),
	},
	{ // "appelez-moi", "je préfère qu'on me rappelle", "pouvez-vous m'appeler"
		reason:    ReasonExplicit,
		re:        escRE(`\b(?:appelez|rappelez|telephonez|contactez|recontactez|joignez) (?:moi|nous)\b|\b(?:me|nous) (?:appeler|appelez|rappeler|rappelez|telephoner|telephonez|contacter|contactez|recontacter|joindre)\b|\bque (?:on|vous|quelqu un|le coach|un coach|un conseiller|une personne|la cci)(?: \w+){0,3} (?:me|nous) (?:appelle|rappelle|contacte|recontacte|telephone|appeliez|rappeliez|contactiez)\b|\b(?:pouvez|pourriez|voulez|peut on|on peut|on pourrait|peux tu|pourrais tu|merci de)(?: vous| on)? (?:appeler|rappeler|telephoner|contacter|recontacter)\b|\betre (?:rappele|rappelee|rappeles|contacte|contactee|appele|appelee|recontacte|recontactee)\b|\b(?:se|me|nous) faire (?:rappeler|appeler|contacter|recontacter)\b`),
		notBefore: escRE(`{OWN}|\b(?:puissent|peuvent|pourront|comment|bouton|formulaire|agence|societe|entreprise|commercial|commerciaux|demarcheur|demarcheurs|prestataire|banque|fournisseur|google|inconnu|numero|arnaqueur|escroc|arrete|arretent|cesse|cessent|essaie|essaient|essaye|continue|continuent)\b`),
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
		re:        escRE(`\b(?:mettre|mettez|mets|mis|mise|mettiez)(?: moi| nous| me)? en (?:relation|contact)\b`),
		notBefore: escRE(`{OWN}`),
		notAfter:  escRE(`^ (?:mes|les|des|avec mes|avec les|avec des)\b`),
	},
	{ // "coach", "un coach svp", "rdv ?", "humain"
		reason:   ReasonExplicit,
		re:       escRE(`^(?:(?:un|une|le|la|des|mon|votre|1|je veux|veux|voudrais|svp|vite|merci|bonjour|salut|ok|oui|alors|besoin|avec|prendre|parler|a|{SHORTKEY}) )*{SHORTKEY}(?: (?:svp|merci|vite|maintenant|urgent|cci|alors|possible|dispo|disponible|rapidement|{SHORTKEY}))*$`),
		maxWords: 4,
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
		re:        escRE(`\bpas (?:du tout |vraiment |exactement )?(?:ce|ca) (?:que |qu )?(?:je |j )?(?:ai |avais )?(?:demande|veux|voulais|cherche|cherchais|attendais|attends|demandais)\b|\b(?:hors sujet|a cote de la plaque|completement a cote|(?:repond|repondez|reponds) a cote)\b|\brien a voir avec (?:ma|mes) (?:question|questions|demande)\b|\b(?:reponds|repondez) (?:donc |enfin |plutot |juste )?a (?:ma|mes) questions?\b|\b(?:est|repond|repondez|reponds|dit|dis|dites|raconte|racontez|racontes|faites|fais|sortez|vraiment|du|que)(?: ne)? importe quoi\b|^(?:ne )?importe quoi$`),
		notBefore: escRE(`\b(?:question|questions|demande|peut etre|un peu|desole|pardon|excusez|mettre|ecrire|publier|poster)\b`),
	},
	{ // "je vous l'ai déjà dit", "ça fait 3 fois que je demande", "vous tournez en rond"
		reason:   ReasonFrustration,
		re:       escRE(`\b(?:vous|te|t|le) ai deja (?:dit|demande|explique|ecrit|pose|donne)\b|\bai deja (?:dit|demande|explique|ecrit|pose) (?:ca|cela|la question|ma question|la meme chose|plusieurs fois)\b|\bai deja (?:dit|demande|explique|pose)(?: ,|$)|\b(?:tourne|tournez|tournes|tourner|tournons) en rond\b|\bmemes? reponses?\b|\b(?:\d+|deux|trois|quatre|cinq|dix|plusieurs|mille|cent) fois (?:la meme|ma|cette) question\b|\bfait (?:\w+ )?(?:\d+|deux|trois|quatre|cinq|dix|plusieurs|mille|cent) fois (?:que|qu)\b|\bje (?:vous |te )?(?:repete|redis|le redis|reecris)\b`),
		notAfter: escRE(`^ (?:a|au|aux) (?:google|facebook|mon|ma|mes|la|le|l|un|une|leur|son)\b`),
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
	// exclamationRun: "!!!", "?!?", "!!!!!!"
	exclamationRun = regexp.MustCompile(`!{3,}|[!?]*(?:\?!|!\?)[!?]*`)
	questionRun    = regexp.MustCompile(`\?{3,}`)
	// positive words: "merci !!!" or "mon site est en ligne !!!" is joy, not anger
	positiveWords     = escRE(`\b(?:merci|mrc|super|genial|top|parfait|bravo|cool|excellent|felicitations|nickel|youpi|yes|ouf|hate|content|contente|ravi|ravie|fantastique|incroyable|wow|waouh|trop bien|trop fort|haha|hihi|lol|mdr|enfin|reussi|bonjour|bonsoir|salut|hello|coucou|bonne|joyeux|joyeuse|magnifique|formidable|gg|en ligne|ca y est|premiere vente|premier client)\b`)
	impatientWords    = escRE(`\b(?:pas|rien|jamais|toujours|encore|personne|aucun|aucune|alors|allo|reponse|repondez|reponds|repondre|marche|fonctionne|comprends|comprenez|comprend|nul|marre|hein)\b`)
	impatientQuestion = escRE(`\b(?:alors|allo|toujours|reponse|repondez|reponds|repondre|personne|quelqu un|encore|rien|hello|hein)\b`)
)

// frustrationMarks reads what words do not say: runs of exclamation marks and angry emoji.
func frustrationMarks(raw string, m *escMessage) (string, bool) {
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
	"jveux": "je veux", "jveu": "je veux", "jvx": "je veux", "jveut": "je veux", "jvoudrais": "je voudrais",
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
