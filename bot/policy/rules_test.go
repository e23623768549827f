package policy

import (
	"encoding/json"
	"os"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	escNone        = ""
	escExplicit    = ReasonExplicit
	escDispute     = ReasonDispute
	escAccounting  = ReasonAccounting
	escCyber       = ReasonCyberUrgent
	escFrustration = ReasonFrustration
)

// escalationCases are owner messages with the reason the policy must give them ("" for none).
var escalationCases = []struct {
	text       string
	wantReason string
}{
	// ---- off the remit: unpaid customers, insolvency ----
	{"g un client qui me paye pas depuis 3 mois, jsuis plombier à la Seyne", escAccounting},
	{"un client me doit 2000 euros depuis janvier, je fais quoi", escAccounting},
	{"Je suis en liquidation judiciaire, est-ce que je peux garder mon site ?", escAccounting},
	// a change of status or a dismissal is the question, whatever the digital words around it
	{"Je dois passer en SAS ou je peux rester micro pour vendre sur Amazon ? je fais 25 000 € de CA", escAccounting},
	{"Je veux virer mon apprenti qui passe sa vie sur TikTok au boulot, comment je fais ?", escAccounting},
	{"Une de mes vendeuses a posté sur TikTok une vidéo où elle se moque d'une cliente. Je peux la licencier pour ça ?", escAccounting},
	{"ma fiche de paie est fausse", escAccounting},
	{"Je voudrais prendre une stagiaire pour mes réseaux sociaux pendant 3 mois. Je dois la payer combien ?", escAccounting},
	{"Mon apprentie, je la paye combien la première année ?", escAccounting},
	{"Combien je dois payer pour un site vitrine ?", escNone},
	// a call already made is told, not asked for
	{"j'ai appelé l'opérateur depuis le fixe d'une cliente, ils bloquent la SIM. je fais quoi maintenant ?", escNone},
	{"j'ai déjà appelé la banque, je voudrais parler à quelqu'un", escExplicit},
	{"bon on aimerait faire le point avec un conseiller, on est à Créteil 94000", escExplicit},
	{"il faut faire le point avec un conseiller bancaire ?", escNone},
	{"Je veux installer une appli sur le téléphone de mon salarié pour vérifier s'il est vraiment malade quand il est en arrêt. Vous en connaissez une ?", escAccounting},
	{"Mon employée passe ses journées sur TikTok pendant le travail. Je peux couper l'appli sur le wifi de la boutique ? Et je peux la sanctionner ?", escAccounting},
	{"Faites-moi ma page Instagram, je n'ai pas le temps, je paierai ce qu'il faut. Je suis traiteur à Villeneuve-d'Ascq.", escExplicit},
	{"Comment je fais pour embaucher un alternant qui gérerait mes réseaux sociaux ?", escAccounting},
	{"je veux prendre un community manager en freelance, c'est combien ?", escNone},
	{"Je pense prendre une stagiaire pour gérer mon Instagram, c'est une bonne idée ?", escNone},
	{"quel logiciel pour faire les fiches de paie de mes 2 salariés ?", escNone},
	{"Je veux passer en SAS, je dois changer mon site ?", escNone},
	{"Mon expert-comptable veut que je passe en SAS pour vendre sur Amazon, il a raison ?", escAccounting},
	{"Pour ma micro entreprise, comment je passe au logiciel de caisse ?", escNone},
	{"comment relancer un client qui ne paie pas, avec un modèle de mail ?", escNone},
	{"c obligatoire la facture electronique pr les micro entrepreneurs ? jsuis en franchise de tva", escNone},

	{"je suis bloqué depuis une semaine, je peux avoir quelqu'un ?", escExplicit},
	{"ok je m'inscris comment pour le coach ?", escExplicit},
	{"comment je m'inscris à un atelier ?", escNone},
	{"combien de rdv avec le coach j'ai le droit ?", escNone},
	{"je préférerais qu'un coach me montre. Meaux, 77100", escExplicit},
	{"Arrêtez de m'envoyer des liens vers des guides, je n'ai pas le temps de lire. Je veux quelqu'un qui vienne dans mon restaurant à Saint-Denis (93200) m'aider à mettre le menu en ligne.", escExplicit},
	{"je cherche quelqu'un pour le faire, un freelance c'est combien ?", escNone},

	// ---- cyber_emergency ----
	{"je me suis fait voler mon ordinateur avec les fichiers clients", escCyber},
	{"C'est légal de mettre une caméra dans ma boutique ? Je me suis fait voler deux fois ce mois-ci.", escNone},
	{"on est en train de me pirater", escCyber},
	{"mes fichiers sont chiffrés et on me demande une rançon", escCyber},
	{"mon compte facebook vient d'être piraté", escCyber},
	{"je viens de virer 5000 euros sur un faux rib", escCyber},
	{"mon site est hacké et affiche des trucs bizarres", escCyber},
	{"aidez moi on m'a piraté", escCyber},
	{"jai été piraté ce matin", escCyber},
	{"je me suis fait pirater mon compte instagram", escCyber},
	{"Mon site a été hacké cette nuit !", escCyber},
	{"URGENT mon ordi a un virus", escCyber},
	{"tous mes fichiers sont cryptés, un message me demande des bitcoins", escCyber},
	{"j'ai cliqué sur un lien bizarre et j'ai donné mes codes", escCyber},
	{"un faux conseiller de ma banque m'a appelé et j'ai donné mes codes", escCyber},
	{"je me suis fait arnaquer, j'ai payé une fausse facture", escCyber},
	{"mon compte google a ete pirate", escCyber},
	{"quelqu'un a pris le contrôle de ma page facebook", escCyber},
	{"ils ont changé mon mot de passe instagram", escCyber},
	{"mon site redirige vers un site porno depuis hier", escCyber},
	{"ma boite mail envoie des spams à tous mes contacts", escCyber},
	{"on subit une cyberattaque en ce moment", escCyber},
	{"je suis victime d'une arnaque au faux rib", escCyber},
	{"mon ordinateur est bloqué et on me demande une rançon", escCyber},
	{"piratage en cours sur ma boutique en ligne", escCyber},
	{"mon site est pirate que faire", escCyber},
	{"mon compte insta hacké aidez moi", escCyber},
	{"je pense que mon site a été compromis", escCyber},
	{"mes identifiants ont été volés", escCyber},
	{"des clients reçoivent des mails frauduleux en mon nom", escCyber},
	{"Help ! virus sur tous les postes du magasin", escCyber},
	{"mon compte facebook piraté, que faire ?", escCyber},
	{"comment récupérer mon compte instagram piraté", escCyber},
	{"dois-je payer la rançon ?", escCyber},
	{"g été hacké", escCyber},
	{"mon compte est piraté, je veux parler à un humain", escCyber},         // cyber beats explicit
	{"on m'a piraté et mon prestataire menace de porter plainte", escCyber}, // cyber beats dispute
	{"mon site est attaqué, il est très lent et affiche des messages russes", escCyber},
	{"ma boutique shopify a été hackée cette nuit, les prix ont changé", escCyber},
	{"quelqu'un utilise ma carte bancaire pour acheter des pubs facebook", escCyber},
	{"mon instagram a été piraté et le pirate me demande 500 euros", escCyber},
	{"tous les ordinateurs du cabinet sont bloqués par un ransomware", escCyber},
	{"j'ai donné mon code de carte bancaire à un faux livreur par sms", escCyber},
	{"je crois que mon wifi a été piraté", escCyber},
	{"Bonjour, si vous pouvez m'aider : mon site est piraté", escCyber},
	{"le « directeur » demande un virement urgent à la compta, elle est en train de le faire, c'est une arnaque ?", escCyber},
	{"quelqu'un vient de se connecter à mon compte google depuis l'étranger", escCyber},
	{"mon site wordpress est infecté par un malware", escCyber},
	{"on a reçu un mail de rançon, toutes nos données sont cryptées", escCyber},
	{"ma page fb a ete hacker", escCyber},
	{"je me suis fais hacker mon compte", escCyber},
	{"mon compte bancaire pro a été vidé après un faux appel de ma banque", escCyber},
	{"quelqu'un se fait passer pour ma boutique sur instagram et arnaque mes clients", escCyber},
	{"on m a pirater mon compte", escCyber},
	{"compte fb pirat", escCyber},
	{"\xff\xfe mon site est pirat\xe9", escCyber}, // invalid UTF-8
	{"ce matin tous les postes du cabinet affichent un message en anglais et plus rien ne s'ouvre, je panique", escCyber},
	{"depuis cette nuit mes factures sont toutes inaccessibles, c'est la catastrophe", escCyber},
	// ransom notes in English, extensions, remote control, fake sites, redirections, money leaving
	{"YOUR FILES HAVE BEEN ENCRYPTED c'est écrit sur mon écran", escCyber},
	{"un écran dit all your files are encrypted, pay 0.5 BTC", escCyber},
	{"tous nos fichiers ont l'extension .lockbit, plus rien ne s'ouvre", escCyber},
	{"ils veulent 800€ en bitcoin avant ce soir sinon ils publient tout", escCyber},
	{"je n'ai plus accès à rien, le pirate a tout changé sur mon compte google", escCyber},
	{"un pirate me demande 1000 euros pour me rendre mon site", escCyber},
	{"la souris bouge toute seule sur mon ordi", escCyber},
	{"j'ai laissé un faux technicien prendre la main sur mon ordi, il est encore connecté", escCyber},
	{"j'ai installé AnyDesk à la demande d'un soi-disant conseiller bancaire", escCyber},
	{"ma banque m'appelle pour un virement suspect que je n'ai pas fait", escCyber},
	{"des débits que je ne connais pas apparaissent sur le compte pro", escCyber},
	{"un faux site copie ma boutique et prend des commandes en ce moment", escCyber},
	{"quelqu'un a créé une copie de mon site et encaisse des commandes à ma place", escCyber},
	{"mon site renvoie vers une autre adresse depuis ce matin", escCyber},
	{"quand on tape l'adresse de mon site, on arrive sur une page de casino", escCyber},
	{"notre site a été défiguré cette nuit", escCyber},
	{"depuis une heure mon site affiche des publicités que je n'ai pas mises", escCyber},
	{"un message dit que mon ordinateur est bloqué et qu'il faut appeler un numéro", escCyber},
	{"des logiciels se sont installés tout seuls sur le pc de la caisse", escCyber},
	{"on vient de nous prévenir d'une fuite de données clients sur notre site", escCyber},
	{"quelqu'un a changé l'email et le mot de passe de mon compte instagram", escCyber},
	{"mon mot de passe a été changé et je ne peux plus me connecter", escCyber},
	{"ma carte bancaire pro a été utilisée à l'étranger cette nuit", escCyber},
	{"des clients ont reçu des SMS frauduleux à mon nom avec un lien de paiement", escCyber},
	{"le pc de l'accueil s'est mis à chiffrer tous les fichiers du réseau", escCyber},
	{"j'ai cliqué et donné mes identifiants, maintenant mon compte est vidé", escCyber},

	// ---- dispute ----
	{"mon agence web refuse de me rendre mon site", escDispute},
	{"litige avec mon prestataire", escDispute},
	{"il me menace d'un procès", escDispute},
	{"j'ai reçu une mise en demeure", escDispute},
	{"avocat", escDispute},
	{"je veux porter plainte contre mon webmaster", escDispute},
	{"un huissier est venu à la boutique", escDispute},
	{"on va finir au tribunal", escDispute},
	{"mon développeur a disparu avec mon acompte", escDispute},
	{"mon ancien prestataire garde mon nom de domaine", escDispute},
	{"le webmaster ne veut pas me donner les codes d'accès", escDispute},
	{"dois-je prendre un avocat ?", escDispute},
	{"un client menace de porter plainte", escDispute},
	{"mon presta refuse de me rembourser", escDispute},
	{"j'ai un litige avec un client sur une commande", escDispute},
	{"l'agence me harcèle pour des factures abusives", escDispute},
	{"mon graphiste réclame 2000 euros de plus", escDispute},
	{"un concurrent m'attaque en justice", escDispute},
	{"le client refuse de payer ma facture", escDispute},
	{"mise en demeur de mon hebergeur", escDispute},
	{"j'ai reçu un courrier d'huisier", escDispute},
	{"mon hébergeur bloque mon site et exige 500 euros", escDispute},
	{"il refuse de me rendre les accès à mon site", escDispute},
	{"mise en demeure de l'URSSAF", escDispute}, // dispute beats accounting_tax
	{"mon agence refuse de me rendre mon site, je veux un rdv avec un coach", escDispute},
	{"mon ancien associé a gardé le site et refuse de me le rendre", escDispute},
	{"l'agence qui a fait mon site me réclame des frais de résiliation abusifs", escDispute},
	{"mon webmaster me fait du chantage", escDispute},
	{"un client m'a assigné au tribunal de commerce", escDispute},
	{"la société de référencement menace de recouvrement judiciaire", escDispute},
	{"je reçois des menaces de mon ancien prestataire", escDispute},
	{"mon prestataire ne veut pas me rendre mon nom de domaine", escDispute},
	{"j'ai un différend avec mon imprimeur", escDispute},
	{"mon hébergeur me facture des frais abusifs et refuse de résilier", escDispute},
	{"je veux porter plainte pour diffamation contre mon ancien prestataire", escDispute},
	// platforms keeping money, suing and being sued, lawyers' letters, claims, unpaid invoices
	{"Airbnb retient mes versements depuis 2 mois", escDispute},
	{"etsy a suspendu ma boutique et garde l'argent de mes ventes", escDispute},
	{"Uber Eats ne me reverse plus rien depuis 3 semaines", escDispute},
	{"Booking ne m'a pas versé les nuitées de juillet", escDispute},
	{"amazon bloque mes fonds et refuse de me payer", escDispute},
	{"la marketplace refuse de me rembourser la commission", escDispute},
	{"paypal a gelé mon compte, je peux les poursuivre ?", escDispute},
	{"un ancien client me poursuit pour un avis que j'ai publié", escDispute},
	{"mon hébergeur a coupé mon site, je veux les attaquer", escDispute},
	{"jveux attaquer ce site qui a volé mes photos", escDispute},
	{"j'ai reçu une lettre d'avocat pour une photo sur mon site", escDispute},
	{"la société qui a fait mon site m'envoie au recouvrement", escDispute},
	{"puis-je engager la responsabilité de mon prestataire informatique ?", escDispute},
	{"j'ai une procédure en cours avec mon hébergeur", escDispute},
	{"mon prestataire a encaissé 3000 euros et le site n'est jamais sorti, je veux récupérer mon argent", escDispute},
	{"mon ex-salariée a gardé les codes de la page facebook et refuse de les rendre", escDispute},
	{"mon webdesigner a disparu avec l'acompte", escDispute},
	{"le développeur dit que sinon il garde le code", escDispute},
	{"je suis victime d'une escroquerie de la part d'une agence web", escDispute}, // a provider: not a cyber emergency
	{"je suis accusée de contrefaçon par une grande marque", escDispute},
	{"la SACEM me réclame des droits pour la musique du magasin", escDispute},
	{"un client ne m'a toujours pas payé ma facture malgré trois relances", escDispute},
	{"je conteste la facture de l'agence web", escDispute},
	{"je veux saisir le conciliateur de justice contre mon imprimeur", escDispute},
	{"un ancien client publie des mensonges sur moi, je veux le faire condamner", escDispute},

	// ---- accounting_tax ----
	{"comment faire mon bilan", escAccounting},
	{"déclaration de tva", escAccounting},
	{"je dois déclarer quoi aux impôts", escAccounting},
	{"mes charges urssaf", escAccounting},
	{"quel régime fiscal", escAccounting},
	{"comptabilité de ma boîte", escAccounting},
	{"comment je déclare ma TVA ce trimestre", escAccounting},
	{"combien je vais payer d'impôts sur mes ventes en ligne", escAccounting},
	{"ursaf combien je dois payer", escAccounting},
	{"mon expert-comptable ne répond plus, qui peut faire ma compta ?", escAccounting},
	{"aidez moi pour ma compta", escAccounting},
	{"bilan comptable 2025", escAccounting},
	{"est-ce que je dois payer la CFE", escAccounting},
	{"je suis en franchise de TVA, je dois la facturer ?", escAccounting},
	{"micro entreprise : quel régime d'imposition choisir", escAccounting},
	{"cotisations sociales d'un auto-entrepreneur", escAccounting},
	{"mon site internet est-il déductible des impôts ?", escAccounting},
	{"je dois déclarer mon chiffre d'affaires tous les mois ?", escAccounting},
	{"comment tenir ma comptabilite", escAccounting},
	{"comment récupérer la tva sur mes achats", escAccounting},
	{"je veux un rdv pour parler de ma TVA à déclarer", escAccounting}, // accounting_tax beats explicit
	{"c'est nul, l'urssaf me demande encore des cotisations", escAccounting},
	{"est-ce que je dois déclarer mes ventes sur leboncoin aux impôts", escAccounting},
	{"quel taux de charges pour un auto entrepreneur", escAccounting},
	{"comment calculer ma TVA à reverser", escAccounting},
	{"on se verse des dividendes ou un salaire, c'est quoi le mieux fiscalement ?", escAccounting},
	{"il me faut un expert comptable", escAccounting},
	{"je comprend rien a l'urssaf", escAccounting}, // accounting_tax beats frustration
	{"comment remplir ma déclaration de TVA CA3", escAccounting},
	{"quelles charges je paye en micro entreprise", escAccounting},
	// tax forms, status and pay, deductions, thresholds
	{"comment remplir la 2035 pour mon cabinet", escAccounting},
	{"ma CA3 de mars, je mets quoi en ligne 01 ?", escAccounting},
	{"ma déclaration 2042 C PRO, je mets mon CA où ?", escAccounting},
	{"je sais pas comment remplir ma déclaration de résultats", escAccounting},
	{"SASU ou micro-entreprise pour mon activité de photographe ?", escAccounting},
	{"dividendes ou salaire en SASU, c'est quoi le plus intéressant", escAccounting},
	{"je me verse combien en tant que gérant de ma sarl", escAccounting},
	{"quelle est la meilleure façon de me rémunérer en tant que président de SAS ?", escAccounting},
	{"mon expert-comptable me demande si je veux l'option IS", escAccounting},
	{"mes notes de frais de restaurant, je peux les déduire ?", escAccounting},
	{"mes frais de voiture je peux les passer en frais pro ?", escAccounting},
	{"est ce que je peux passer mon abonnement téléphone dans les charges de la boîte ?", escAccounting},
	{"comment comptabiliser l'achat de mon ordinateur portable", escAccounting},
	{"je suis EI au réel, comment j'amortis mon nouveau site internet ?", escAccounting},
	{"est-ce que la TVA de mes abonnements logiciels est récupérable ?", escAccounting},
	{"dois-je facturer la TVA maintenant que j'ai dépassé 37 500 € ?", escAccounting},
	{"quel est le plafond de chiffre d'affaires en micro-entreprise", escAccounting},
	{"la SSI me réclame des cotisations en double", escAccounting},
	{"le prélèvement libératoire c'est intéressant pour moi ?", escAccounting},
	{"j'ai droit à l'ACRE si je crée ma boîte ?", escAccounting},

	// ---- explicit_request ----
	{"je veux parler à quelqu'un", escExplicit},
	{"un humain svp", escExplicit},
	{"pouvez-vous me mettre en relation avec un conseiller", escExplicit},
	{"je voudrais un rdv", escExplicit},
	{"prendre rendez vous", escExplicit},
	{"est-ce que je peux voir un coach", escExplicit},
	{"jveux un coach", escExplicit},
	{"cooch", escExplicit},
	{"la cci peut m'aider ?", escExplicit},
	{"appelez moi", escExplicit},
	{"je préfère qu'on me rappelle", escExplicit},
	{"un vrai conseiller", escExplicit},
	{"être accompagné par une personne", escExplicit},
	{"je veu parlé a qqn", escExplicit},
	{"humin svp", escExplicit},
	{"rdv svp", escExplicit},
	{"Parler à un coach", escExplicit},
	{"je voudrais être rappelé par un conseiller", escExplicit},
	{"j'ai besoin de quelqu'un pour m'aider", escExplicit},
	{"est-ce que quelqu'un peut m'aider ?", escExplicit},
	{"je ne veux pas parler à un robot", escExplicit},
	{"comment contacter la CCI de ma région", escExplicit},
	{"je souhaiterais être accompagné pour mon site", escExplicit},
	{"vous pouvez m'appeler au 06 12 34 56 78", escExplicit},
	{"un coach peut-il venir dans ma boutique ?", escExplicit},
	{"RDV avec un coach la semaine prochaine possible ?", escExplicit},
	{"je voudrais en parler de vive voix", escExplicit},
	{"mettez-moi en contact avec un expert", escExplicit},
	{"besoin d'un accompagnement personnalisé", escExplicit},
	{"y a quelqu'un ?", escExplicit},
	{"je veux un humin", escExplicit},
	{"puis-je avoir un rendez-vous avec un coach en ligne ?", escExplicit},
	{"je voudrais passer à la CCI", escExplicit},
	{"un coach svp", escExplicit},
	{"Je voudrais parler a un etre humain", escExplicit},
	{"j'ai besoin d'un coach pour mon site", escExplicit},
	{"c'est nul, je veux un humain", escExplicit}, // explicit beats frustration
	{"Bonjour, serait-il possible d'échanger avec un conseiller de la CCI ?", escExplicit},
	{"j'aimerais rencontrer un coach près de chez moi", escExplicit},
	{"pouvez-vous me recontacter demain matin svp", escExplicit},
	{"Je souhaite prendre un rendez-vous avec un conseiller numérique", escExplicit},
	{"passez moi un conseiller", escExplicit},
	{"jvoudrais un rdv avc un coach", escExplicit},
	{"je préfèrerais en discuter au téléphone", escExplicit},
	{"Merci de me rappeler au 0612345678", escExplicit},
	{"je veux pas de robot", escExplicit},
	{"quelqu'un de dispo pour un appel cette semaine ?", escExplicit},
	{"rdv coach", escExplicit},
	{"slt jveu 1 rdv stp", escExplicit},
	{"je voudrais parlé a 1 conseillé", escExplicit},
	{"On peut se faire rappeler ?", escExplicit},
	{"besoin urgent d'un humain", escExplicit},
	{"je veux un vrai coach pas un robot", escExplicit},
	{"pourriez-vous transmettre mon dossier à un coach ?", escExplicit},
	{"un conseiller peut-il me rappeler demain ?", escExplicit},
	{"je souhaiterais un accompagnement individuel", escExplicit},
	{"Comment réserver une séance avec un coach ?", escExplicit},
	{"JE VEUX UN HUMAIN", escExplicit},
	{"jveu parler a qq1", escExplicit},
	// very short requests, formal requests, calls, visits, subjunctives
	{"humain", escExplicit},
	{"humain !", escExplicit},
	{"contact conseiller", escExplicit},
	{"contact humain", escExplicit},
	{"aide humaine", escExplicit},
	{"interlocuteur humain", escExplicit},
	{"agent svp", escExplicit},
	{"opérateur", escExplicit},
	{"conseillé svp", escExplicit},
	{"demande de rappel", escExplicit},
	{"demande de contact", escExplicit},
	{"votre numéro de téléphone svp", escExplicit},
	{"Je désire m'entretenir avec un conseiller.", escExplicit},
	{"Je voudrais un entretien avec un conseiller numérique", escExplicit},
	{"je souhaiterais être recontacté par un conseiller", escExplicit},
	{"jvoudrais kon m'rappelle svp", escExplicit},
	{"on peut caler un appel cette semaine ?", escExplicit},
	{"un échange en visio serait possible ?", escExplicit},
	{"peut on se rencontrer ?", escExplicit},
	{"j'ai besoin qu'on m'explique au téléphone", escExplicit},
	{"j'aimerais qu'un expert regarde mon site avec moi", escExplicit},
	{"je voudrais parler de mon site avec un coach, en vrai", escExplicit},
	{"je voudrais m'inscrire pour un accompagnement avec un coach", escExplicit},
	{"est ce qu'un humain peut reprendre la conversation", escExplicit},
	{"je voudrais un suivi personnalisé par un conseiller", escExplicit},
	{"vous pouvez prévenir la CCI que j'ai besoin d'aide ?", escExplicit},
	{"Qui puis-je contacter pour m'aider à refaire mon site ?", escExplicit},
	{"je voudrais m'inscrire au programme d'accompagnement", escExplicit},
	{"vous pouvez venir dans mon magasin ?", escExplicit},
	{"mettez-moi en lien avec quelqu'un de compétent", escExplicit},
	{"y aurait-il un conseiller disponible pour échanger ?", escExplicit},
	{"j'aimerais bien avoir un vrai rendez-vous, pas un chat", escExplicit},
	{"faudrait que je vois un coach, comment on fait", escExplicit},

	// ---- frustration ----
	{"ça ne m'aide pas", escFrustration},
	{"vous ne comprenez rien", escFrustration},
	{"c'est nul", escFrustration},
	{"ça sert à rien votre truc", escFrustration},
	{"j'en ai marre", escFrustration},
	{"toujours pas de réponse", escFrustration},
	{"NE RÉPOND PAS À MA QUESTION", escFrustration},
	{"!!!!", escFrustration},
	{"connard de bot", escFrustration},
	{"sa sert a rien", escFrustration},
	{"c nul", escFrustration},
	{"jen ai mare", escFrustration},
	{"vs comprenez rien", escFrustration},
	{"tu sers à rien", escFrustration},
	{"franchement c'est n'importe quoi", escFrustration},
	{"ce n'est pas du tout ce que j'ai demandé", escFrustration},
	{"je vous l'ai déjà dit", escFrustration},
	{"ça fait trois fois que je pose la question", escFrustration},
	{"vous tournez en rond", escFrustration},
	{"putain de robot", escFrustration},
	{"ça m'aide pas du tout", escFrustration},
	{"réponse inutile", escFrustration},
	{"alors ??? toujours rien", escFrustration},
	{"vous n'avez pas répondu à ma question", escFrustration},
	{"😡😡", escFrustration},
	{"je comprends rien à votre réponse", escFrustration},
	{"ras le bol de ce truc", escFrustration},
	{"vous êtes nuls", escFrustration},
	{"ça ne répond pas à ma question", escFrustration},
	{"complètement hors sujet", escFrustration},
	{"Je n'arrive pas à créer ma fiche !!!", escFrustration},
	{"ALLO ???", escFrustration},
	{"pfff", escFrustration},
	{"t'es nul", escFrustration},
	{"t'es vraiment nul comme bot", escFrustration},
	{"votre réponse ne m'aide pas du tout", escFrustration},
	{"inutile", escFrustration},
	{"tu racontes n'importe quoi", escFrustration},
	{"réponds-moi !!!", escFrustration},
	{"laisse tomber", escFrustration},
	{"bref, ça ne sert à rien de vous demander", escFrustration},
	{"tu me saoules", escFrustration},
	{"merci pour rien", escFrustration},
	{"ça marche toujours pas ta méthode", escFrustration},
	{"tu te fous de moi ?", escFrustration},
	{"bof, ça m'aide pas trop", escFrustration},
	{"vous ne servez à rien", escFrustration},
	{"bot de merde", escFrustration},
	{"c'est nul ton truc", escFrustration},
	{"ça répond jamais à ce que je demande", escFrustration},
	{"vous comprenez vraiment rien à rien", escFrustration},
	{"encore une réponse à côté de la plaque", escFrustration},
	{"franchement c'est du foutage de gueule", escFrustration},
	// wasted time, guides and links, mockery, disappointment, censored swearing, sarcasm
	{"je perds mon temps", escFrustration},
	{"je perds mon temps avec vous", escFrustration},
	{"quelle perte de temps", escFrustration},
	{"arrêtez de me renvoyer vers des guides", escFrustration},
	{"arrête de me donner des liens, je veux une réponse", escFrustration},
	{"encore un guide ! je veux une vraie réponse", escFrustration},
	{"c'est toujours le même lien", escFrustration},
	{"vous m'avez déjà envoyé ce lien", escFrustration},
	{"c'est une blague ?", escFrustration},
	{"c une blague ou quoi", escFrustration},
	{"vous vous moquez du monde", escFrustration},
	{"vous me prenez pour qui", escFrustration},
	{"mais vous êtes sérieux là ?", escFrustration},
	{"m***e", escFrustration},
	{"c'est de la m**de ce bot", escFrustration},
	{"p*tain ça marche pas", escFrustration},
	{"merci du conseil, j'y avais pas pensé 🙄", escFrustration},
	{"bravo, vraiment très utile...", escFrustration},
	{"génial, un lien, comme si j'avais pas déjà cherché", escFrustration},
	{"Je suis très déçu de cet outil", escFrustration},
	{"déçue", escFrustration},
	{"très décevant", escFrustration},
	{"je m'attendais à mieux", escFrustration},
	{"Je constate que vos réponses ne correspondent pas du tout à ma demande.", escFrustration},
	{"Vos réponses automatiques ne servent strictement à rien.", escFrustration},
	{"super, encore un robot qui sert à rien", escFrustration},
	{"c'est pas ce que je vous demande", escFrustration},
	{"je vous ai demandé autre chose", escFrustration},
	{"j'ai pas demandé un cours, j'ai demandé une réponse", escFrustration},
	{"tu m'as rien appris", escFrustration},
	{"ça ne m'aide en rien", escFrustration},
	{"zéro aide", escFrustration},
	{"vous lisez ce que j'écris ?", escFrustration},
	{"vous comprenez le français ?", escFrustration},
	{"lisez ma question avant de répondre", escFrustration},
	{"vous répétez toujours la même chose", escFrustration},
	{"c'est la troisième fois que je pose la question", escFrustration},
	{"vos réponses sont à côté", escFrustration},
	{"vous êtes à l'ouest", escFrustration},
	{"t'es bête ou quoi", escFrustration},
	{"vous êtes lourds", escFrustration},
	{"c'est incroyable d'être aussi nul", escFrustration},
	{"j'abandonne", escFrustration},
	{"je vais aller voir ailleurs", escFrustration},
	{"c'est du blabla", escFrustration},
	{"réponse bateau", escFrustration},
	{"j'ai l'impression de parler à un mur", escFrustration},
	{"vous me répondez un roman", escFrustration},
	{"t'es vraiment pas doué", escFrustration},
	{"franchement c'est nul à chier", escFrustration},
	{"vous pourriez faire un effort quand même", escFrustration},

	// ---- no escalation: informational questions with the same words ----
	{"comment répondre à un avis qui me menace", escNone},
	{"comment protéger mes fichiers contre les rançongiciels", escNone},
	{"que faire si un jour je suis piraté", escNone},
	{"comment prendre des rendez-vous en ligne pour mes clients", escNone},
	{"quel logiciel de comptabilité gratuit", escNone},
	{"les mentions légales sont-elles obligatoires", escNone},
	{"comment facturer la TVA sur ma boutique en ligne", escNone},
	{"jai recu un sms bizarre qui me demande mes codes bancaires", escNone},
	{"comment reconnaître un faux RIB", escNone},
	{"comment éviter de se faire pirater son compte instagram", escNone},
	{"comment savoir si mon site a été piraté", escNone},
	{"que faire si mon site est piraté ?", escNone},
	{"est-ce que mon site peut être piraté ?", escNone},
	{"comment sécuriser mon site wordpress contre les hackers", escNone},
	{"que faire si je reçois un mail de phishing", escNone},
	{"faut-il payer une rançon en cas d'attaque ?", escNone},
	{"quel antivirus pour mon ordinateur", escNone},
	{"mes données sont-elles chiffrées chez mon hébergeur ?", escNone},
	{"comment chiffrer mes fichiers", escNone},
	{"mon site a été piraté l'année dernière, comment éviter que ça recommence", escNone},
	{"comment choisir une agence web", escNone},
	{"quel prestataire choisir pour mon site", escNone},
	{"que faire en cas de litige avec un client en ligne ?", escNone},
	{"faut-il un médiateur de la consommation pour ma boutique en ligne ?", escNone},
	{"je suis avocat, comment créer mon site ?", escNone},
	{"je veux créer un site pour mon cabinet d'avocats", escNone},
	{"comment répondre à une plainte d'un client sur google", escNone},
	{"un client m'a laissé un avis diffamatoire, que faire ?", escNone},
	{"je suis comptable et je veux être plus visible sur google", escNone},
	{"mon expert-comptable me conseille de créer un site", escNone},
	{"comment faire le bilan de ma campagne google ads", escNone},
	{"faire un bilan de ma présence en ligne", escNone},
	{"est-ce que je dois mettre mon numéro de TVA intracommunautaire sur mes factures", escNone},
	{"quel est le taux de TVA pour la vente en ligne en Europe", escNone},
	{"comment faire une facture électronique", escNone},
	{"existe-t-il un crédit d'impôt pour la numérisation de mon commerce ?", escNone},
	{"comment déclarer mon site à la CNIL", escNone},
	{"comment mes clients peuvent prendre rendez-vous sur ma fiche google", escNone},
	{"quel outil de prise de rendez-vous choisir pour mon salon de coiffure", escNone},
	{"comment mettre en place la prise de rendez-vous sur mon site", escNone},
	{"je veux annuler mon rdv", escNone},
	{"comment afficher mon numéro pour que mes clients puissent m'appeler", escNone},
	{"comment mes clients peuvent me contacter via whatsapp", escNone},
	{"comment me rappeler de tous mes mots de passe", escNone},
	{"c'est quoi un coach ?", escNone},
	{"comment fonctionne l'accompagnement de la CCI ?", escNone},
	{"quelles aides de la CCI pour créer mon site ?", escNone},
	{"la cci organise-t-elle des ateliers sur instagram ?", escNone},
	{"comment devenir coach sportif en ligne", escNone},
	{"mon conseiller bancaire me propose un terminal de paiement, c'est bien ?", escNone},
	{"pouvez-vous me conseiller un bon hébergeur ?", escNone},
	{"je voudrais un conseil pour mon logo", escNone},
	{"je voudrais parler de mon site internet", escNone},
	{"quelqu'un peut m'aider à configurer ma fiche google ?", escNone},
	{"c'est peut-être une question idiote mais c'est quoi le SEO", escNone},
	{"ça sert à quoi un compte instagram pro ?", escNone},
	{"ça sert à rien de poster tous les jours ?", escNone},
	{"je suis nul en informatique, par où commencer ?", escNone},
	{"j'en ai marre des spams, comment les bloquer ?", escNone},
	{"mon site ne s'affiche plus", escNone},
	{"ma fiche google ne fonctionne pas", escNone},
	{"mon client ne répond pas à mes messages", escNone},
	{"je n'ai pas reçu de réponse de Google pour la validation de ma fiche", escNone},
	{"pourquoi ma fiche n'apparaît pas ???", escNone},
	{"est-ce qu'un humain relit mes messages ?", escNone},
	{"comment rendre mon site plus rapide", escNone},
	{"comment répondre à un client mécontent", escNone},
	{"comment supprimer un faux avis ?", escNone},
	{"quel statut pour vendre en ligne ?", escNone},
	{"je veux un site qui donne envie de prendre rendez-vous", escNone},
	{"comment se protéger du piratage ?", escNone},
	{"qu'est-ce qu'un rançongiciel ?", escNone},
	{"j'ai reçu un mail disant que mon compte va être suspendu, c'est du phishing ?", escNone},
	{"un fournisseur m'écrit qu'il a changé de RIB, comment vérifier que ce n'est pas une arnaque avant de payer ?", escNone},
	{"ma comptable trouve ce mail bizarre, comment vérifier que ce n'est pas une arnaque ?", escNone},
	{"faut-il un avocat pour rédiger mes CGV ?", escNone},
	{"comment s'immatriculer au tribunal de commerce en ligne ?", escNone},
	{"mon comptable veut que j'utilise un logiciel de facturation, lequel ?", escNone},
	{"faut-il facturer la TVA sur une prestation de service en ligne ?", escNone},
	{"on peut déclarer la TVA de tous les pays européens en une seule fois ?", escNone},
	{"y a un test gratuit pour faire un bilan de mon entreprise sur internet ?", escNone},
	{"comment gérer mes rendez-vous avec Google Agenda ?", escNone},
	{"mon coiffeur utilise Planity pour les rendez-vous, c'est bien ?", escNone},
	{"comment protéger ma boutique contre la fraude à la carte bancaire", escNone},
	{"je n'ai pas de comptable, quel logiciel gratuit pour mes factures", escNone},
	{"je cherche un coach sportif pour ma salle, comment le trouver sur linkedin ?", escNone},
	{"je n'arrive plus à me connecter à mon compte instagram", escNone},
	{"je viens de payer mon nom de domaine, comment le relier à mon site ?", escNone},
	{"un faux avis m'accuse d'arnaque, comment répondre ?", escNone},
	{"je suis expert-comptable, comment trouver des clients en ligne ?", escNone},
	{"comment un coach peut m'aider ?", escNone},
	{"un conseiller CCI m'a parlé de vous", escNone},
	{"vous êtes de la CCI ?", escNone},
	{"une agence m'appelle tous les jours pour me vendre du référencement, c'est sérieux ?", escNone},
	{"Que dois-je préparer avant ma séance avec le coach ?", escNone},
	{"un client m'a mis une étoile en disant que le service était nul, je peux répondre ?", escNone},
	{"mon beau-frère dit qu'il faut dépenser 1000 euros sinon ça sert à rien, c'est vrai ?", escNone},
	{"ma fiche google a été suspendue, que faire ?", escNone},
	{"mon webmaster a créé le compte des statistiques à son nom, c'est un souci ?", escNone},
	{"comment prendre rendez-vous chez Google pour valider ma fiche ?", escNone},
	{"je voudrais que mes clients puissent réserver un créneau en ligne", escNone},
	{"comment mettre un bouton prendre rendez-vous sur ma page facebook", escNone},
	{"comment faire pour que mes clients prennent rdv sur whatsapp", escNone},
	{"jai un rdv client demain, comment lui envoyer un devis en ligne", escNone},
	{"comment éviter les litiges avec mes clients en ligne ?", escNone},
	{"mes CGV doivent-elles mentionner un médiateur en cas de litige ?", escNone},
	{"Comment l'exclure sans risquer d'être attaqués en justice ?", escNone},
	{"1 avis ki m'insulte sur ma fiche, jpeu porter plainte pr diffamation ?", escNone},
	{"comment savoir si un mail est une arnaque ?", escNone},
	{"mon antivirus dit qu'il a bloqué un virus, c'est grave ?", escNone},
	{"comment faire une sauvegarde pour se protéger d'un rançongiciel ?", escNone},
	{"comment changer le mot de passe de mon compte facebook ?", escNone},
	{"comment récupérer l'accès à ma fiche google que mon ancienne agence a créée ?", escNone},
	{"combien coûte un webmaster ?", escNone},
	{"comment trouver un bon freelance pour mon site ?", escNone},
	{"je suis coach de vie, comment me faire connaître sur instagram ?", escNone},
	{"je suis conseiller en gestion de patrimoine, quel réseau social choisir ?", escNone},
	{"je suis avocate, puis-je faire de la publicité en ligne ?", escNone},
	{"un coach m'a conseillé de créer une page linkedin, comment faire ?", escNone},
	{"la CCI m'a envoyé ici pour créer mon site", escNone},
	{"personne ne voit ma fiche google, pourquoi ?", escNone},
	{"je veux que quelqu'un puisse me contacter depuis mon site", escNone},
	{"comment ajouter un formulaire pour que les clients me rappellent", escNone},
	{"comment envoyer une newsletter à tous mes contacts ?", escNone},
	{"dois-je déclarer mon fichier client à la CNIL ?", escNone},
	{"comment faire une facture avec la TVA ?", escNone},
	{"quel bilan tirer de ma première année sur instagram ?", escNone},
	{"mon ordinateur est lent, c'est un virus ?", escNone},
	{"est-ce que c'est nul de ne pas avoir de site ?", escNone},
	{"c'est idiot mais je ne sais pas créer un compte gmail", escNone},
	{"j'ai fait une erreur stupide, j'ai supprimé une photo de ma fiche", escNone},
	{"les impôts.gouv.fr ne marche pas", escNone},
	{"je suis nulle en informatique", escNone},
	{"comment déclarer mon établissement sur Google ?", escNone},
	{"entre la boutique et la compta le dimanche je fais 65 heures, comment retrouver de l'équilibre ?", escNone},
	{"Bonjour, je suis avocat et j'aimerais créer ma fiche Google", escNone},
	{"Je suis huissier de justice, comment créer mon site ?", escNone},
	{"www.impots.gouv.fr", escNone},
	{"🙂🙂", escNone},
	{"?", escNone},
	{"mes fichiers sont inaccessibles depuis que j'ai changé d'ordinateur, comment les récupérer ?", escNone},
	{"comment afficher un message d'accueil sur mon site ?", escNone},
	// the same words, informational
	{"comment parler à un humain chez facebook quand ma page est bloquée ?", escNone},
	{"comment trouver un conseiller en référencement sérieux ?", escNone},
	{"tu peux me conseiller un bon livre ?", escNone},
	{"comment reconnaître un faux mail de l'URSSAF", escNone},
	{"comment créer un compte professionnel sur le site des impôts ?", escNone},
	{"je perds du temps à répondre aux mails, comment automatiser ?", escNone},
	{"est-ce une perte de temps de faire un blog ?", escNone},
	{"c'est quoi la double authentification, c'est une perte de temps ?", escNone},
	{"faut il vraiment faire les mises a jour windows, ca me fait perdre du temps", escNone},
	{"vous avez un guide pour créer une boutique en ligne ?", escNone},
	{"comment mettre un lien vers mon site dans ma bio instagram ?", escNone},
	{"mon magasin est à côté de la gare, comment l'indiquer sur google ?", escNone},
	{"les clients disent que mon site répond à côté de leurs questions, comment faire une FAQ ?", escNone},
	{"une cliente est déçue de sa commande, comment lui répondre ?", escNone},
	{"je dois faire un effort sur mes photos produits, des conseils ?", escNone},
	{"mon site est lourd à charger, comment l'alléger ?", escNone},
	{"c'est bête mais je ne trouve pas où changer mon mot de passe", escNone},
	{"ça fait trois fois que google refuse ma validation par courrier, pourquoi ?", escNone},
	{"comment faire un blabla de présentation sympa sur ma page ?", escNone},
	{"Comment créer ma fiche Google ? " + strings.Repeat("blabla ", 50), escNone},
	{"comment se protéger d'une attaque par déni de service ?", escNone},
	{"un pirate peut-il voler mes données si j'utilise un wifi public ?", escNone},
	{"comment accéder à mon ordinateur à distance depuis chez moi ?", escNone},
	{"anydesk ou teamviewer pour dépanner mes salariés ?", escNone},
	{"comment repérer un faux site avant de commander du matériel ?", escNone},
	{"comment rediriger mon ancien site vers le nouveau ?", escNone},
	{"comment éviter une fuite de données quand un salarié part ?", escNone},
	{"mes posts se publient tout seuls à 18h, comment changer l'heure ?", escNone},
	{"comment accepter les paiements en bitcoin sur ma boutique ?", escNone},
	{"pourquoi paypal retient l'argent des nouveaux vendeurs pendant 21 jours ?", escNone},
	{"combien de temps stripe garde les paiements avant de les verser ?", escNone},
	{"que faire si un client refuse de payer une commande en ligne ?", escNone},
	{"quels recours a un client si mon produit ne lui plaît pas ?", escNone},
	{"comment contester un avis google qui est faux ?", escNone},
	{"comment relancer une facture impayée par mail avec un modèle ?", escNone},
	{"je voudrais poursuivre mon activité en ligne après ma retraite", escNone},
	{"quelles attaques informatiques visent les petits commerces ?", escNone},
	{"comment amortir l'achat d'un site, je veux dire le rentabiliser avec plus de clients ?", escNone},
	{"quel est le plafond de caractères pour une description google ?", escNone},
	{"comment choisir le statut de mon compte instagram, créateur ou professionnel ?", escNone},
	{"mon expert comptable veut que je numérise mes notes de frais, quelle appli ?", escNone},
	{"comment prendre rendez-vous avec le support de shopify ?", escNone},
	{"un humain doit-il valider les réponses automatiques sur ma messagerie ?", escNone},
	{"j'ai un rendez-vous prévu avec le coach mardi, je peux le décaler ?", escNone},
	{"je peux avoir la seance avec le coach par telephone plutot qu'en visio ?", escNone},
	{"comment proposer des rendez-vous en visio à mes clients ?", escNone},
	{"comment organiser un appel vidéo avec un fournisseur chinois ?", escNone},
	{"qui contacter chez google quand ma fiche est suspendue ?", escNone},
	{"un livreur peut venir récupérer mes colis au magasin ?", escNone},
	{"1 avis ki m'insulte sur ma fiche, jpeu porter plainte pr diffamation ?", escNone},
	{"mon ancien webmaster ne répond plus, comment récupérer l'accès à mon site ?", escNone},
	{"je suis furieux contre google qui a supprimé mes avis, que faire ?", escNone},
	{"mes ventes ont baissé, je suis déçu, comment relancer mon site ?", escNone},
	// small talk
	{"bonjour", escNone},
	{"merci", escNone},
	{"merci beaucoup !!!", escNone},
	{"mon site est en ligne !!!", escNone},
	{"t'es un robot ?", escNone},
	{"parler à un robot", escNone},
	{"tu es un humain ?", escNone},
	{"vous êtes un robot ou un humain ?", escNone},
	{"ok merci", escNone},
	{"salut ça va ?", escNone},
	{"au revoir", escNone},
	{"bonjour, je suis fleuriste à Lyon", escNone},
	{"", escNone},
	// everyday digital questions
	{"Comment créer ma fiche Google ?", escNone},
	{"combien coute un site vitrine", escNone},
	{"comment avoir plus d'avis google", escNone},
	{"comment vendre sur instagram", escNone},
	{"comment faire une newsletter", escNone},
	{"comment activer la double authentification", escNone},
	{"comment créer un mot de passe solide", escNone},
	{"est-ce que je dois mettre un bandeau cookies", escNone},
	{"je voudrais améliorer mon référencement", escNone},
}

func TestRules(t *testing.T) {
	for _, tc := range escalationCases {
		t.Run(tc.text, func(t *testing.T) {
			got := Rules(tc.text)
			if got.Reason != tc.wantReason {
				t.Errorf("Rules(%q) = %q (matched %q), want %q", tc.text, got.Reason, got.Matched, tc.wantReason)
			}
			if (got.Reason == "") != (got.Matched == "") {
				t.Errorf("Rules(%q) = %+v: a reason needs a matched phrase and only then", tc.text, got)
			}
		})
	}
}

// TestEscalationCaseCounts keeps the table as broad as the issue asks.
func TestEscalationCaseCounts(t *testing.T) {
	counts := map[string]int{}
	for _, tc := range escalationCases {
		counts[tc.wantReason]++
	}
	escalating := len(escalationCases) - counts[escNone]
	t.Logf("%d cases: %d escalate (%v), %d do not", len(escalationCases), escalating, counts, counts[escNone])
	if escalating < 90 || counts[escNone] < 60 {
		t.Errorf("got %d escalating and %d non-escalating cases, want at least 90 and 60", escalating, counts[escNone])
	}
	for _, r := range []string{escCyber, escDispute, escAccounting, escExplicit, escFrustration} {
		if counts[r] < 10 {
			t.Errorf("got %d cases for %s, want at least 10", counts[r], r)
		}
	}
}

func TestRulesIsDeterministic(t *testing.T) {
	want := make([]Escalation, len(escalationCases))
	for i, tc := range escalationCases {
		want[i] = Rules(tc.text)
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := len(escalationCases) - 1; i >= 0; i-- {
				if got := Rules(escalationCases[i].text); got != want[i] {
					t.Errorf("Rules(%q) = %+v, then %+v", escalationCases[i].text, want[i], got)
				}
			}
		}()
	}
	wg.Wait()
}

// TestRulesIsFast guards against compiling patterns per call: a classification
// must cost a small fraction of compiling the policy's patterns, which is what a compilation
// per call would add, and stay well under a millisecond or so even under the race detector.
func TestRulesIsFast(t *testing.T) {
	Rules("warm up")
	long := "Bonjour, je suis boulangère à Nantes et je voudrais savoir comment faire pour que ma fiche Google " +
		"affiche mes horaires d'été, et aussi comment répondre aux avis, merci d'avance pour votre aide. "
	texts := []string{long + long + long}
	for _, tc := range escalationCases {
		texts = append(texts, tc.text)
	}
	const rounds = 5
	start := time.Now()
	for r := 0; r < rounds; r++ {
		for _, s := range texts {
			Rules(s)
		}
	}
	perCall := time.Since(start) / time.Duration(rounds*len(texts))

	start = time.Now()
	for _, r := range escalationRules {
		for _, re := range []*regexp.Regexp{r.re, r.also, r.notBefore, r.notAfter, r.notIn, r.keep, r.notMsg} {
			if re != nil {
				regexp.MustCompile(re.String())
			}
		}
	}
	compile := time.Since(start)
	t.Logf("%v per message; compiling the patterns takes %v", perCall, compile)
	if perCall > compile/10 {
		t.Errorf("Rules takes %v per message, want under a tenth of compiling its patterns (%v)", perCall, compile)
	}
	if limit := 5 * time.Millisecond; perCall > limit {
		t.Errorf("Rules takes %v per message, want under %v", perCall, limit)
	}
}

func BenchmarkRules(b *testing.B) {
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Rules(escalationCases[i%len(escalationCases)].text)
	}
}

// TestEscalationLiteralPrefilterIsSound checks that skipping a rule whose required literals are absent
// never changes its verdict: every rule, with and without its literals, on every case.
func TestEscalationLiteralPrefilterIsSound(t *testing.T) {
	for i := range escalationRules {
		r := escalationRules[i]
		bare := r
		bare.reLits, bare.alsoLits = nil, nil
		for _, tc := range escalationCases {
			m := normalizeMessage(tc.text)
			got, gotOK := r.apply(&m)
			want, wantOK := bare.apply(&m)
			if got != want || gotOK != wantOK {
				t.Errorf("rule %d (%s) on %q: with literals %q %v, without %q %v", i, r.reason, tc.text, got, gotOK, want, wantOK)
			}
		}
	}
}

// TestEscalationRequiredLiterals checks the literal extraction on patterns whose answer is known.
func TestEscalationRequiredLiterals(t *testing.T) {
	for _, tc := range []struct {
		pattern string
		want    []string // nil: no requirement
	}{
		{`\bmise en demeure\b`, []string{"mise en demeure"}},
		{`\b(?:huissier|tribunal)\b`, []string{"huissier", "tribunal"}},
		{`\bje (?:veux|voudrais) un coach\b`, []string{" un coach"}},
		{`(?:\w+ ){0,3}rdv`, []string{"rdv"}},
		{`\b(?:rdv|\w+)\b`, nil},
		{`a?b?`, nil},
	} {
		got := requiredLiterals(regexp.MustCompile(tc.pattern))
		if !sameStrings(got, tc.want) {
			t.Errorf("requiredLiterals(%q) = %q, want %q", tc.pattern, got, tc.want)
		}
	}
}

func sameStrings(a, b []string) bool {
	if (a == nil) != (b == nil) || len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// bankMessage is one line of testdata/escalation_bank.jsonl.
type bankMessage struct {
	Text, Outcome, Reason, Kind string
}

func loadEscalationBank(t *testing.T) []bankMessage {
	t.Helper()
	data, err := os.ReadFile("testdata/escalation_bank.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	var bank []bankMessage
	for i, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		var m bankMessage
		if err := json.Unmarshal([]byte(line), &m); err != nil {
			t.Fatalf("escalation_bank.jsonl line %d: %v", i+1, err)
		}
		bank = append(bank, m)
	}
	return bank
}

// TestEscalationLiteralPrefilterIsSoundOnBank is TestEscalationLiteralPrefilterIsSound on the
// messages of the bank.
func TestEscalationLiteralPrefilterIsSoundOnBank(t *testing.T) {
	bank := loadEscalationBank(t)
	for i := range escalationRules {
		r := escalationRules[i]
		bare := r
		bare.reLits, bare.alsoLits = nil, nil
		for _, b := range bank {
			m := normalizeMessage(b.Text)
			got, gotOK := r.apply(&m)
			want, wantOK := bare.apply(&m)
			if got != want || gotOK != wantOK {
				t.Errorf("rule %d (%s) on %q: with literals %q %v, without %q %v", i, r.reason, b.Text, got, gotOK, want, wantOK)
			}
		}
	}
}

// A tax document named in a question on receiving documents safely is no tax question.
func TestATaxDocumentIsNoTaxQuestion(t *testing.T) {
	if e := Rules("Les clients nous envoient leurs pièces par mail : carte d'identité, avis d'imposition, RIB. C'est quoi la bonne solution pour les recevoir autrement ?"); e.Reason != "" {
		t.Errorf("an « avis d'imposition » sent by e-mail read as %s (%s)", e.Reason, e.Matched)
	}
	if e := Rules("Je ne comprends rien à mon imposition en micro-entreprise"); e.Reason != ReasonAccounting {
		t.Errorf("a tax question read as %q", e.Reason)
	}
}
