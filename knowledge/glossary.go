package knowledge

import "strings"

// The glossary maps what owners type (abbreviations, brand names, everyday words) and what the
// guides say (official terms) to shared concept terms. A concept term starts with "_" so it can
// never collide with a word. Matching works on folded words before stop words are removed, so
// "mot de passe" and "fiche d'établissement" match as phrases.
var glossarySource = map[string]string{
	"fiche": `fiche google | fiche d'établissement | fiche etablissement | profil d'établissement |
		google my business | google mybusiness | mybusiness | google business profile | google business |
		gmb | gbp | google maps | fiche maps | fiche gmb | fiche google maps | carte google | carte de google |
		sur la carte | sur google maps | maps | plan google | page google | profil google | fiche entreprise |
		catégorie principale | catégorie secondaire | catégories secondaires | une fiche par |
		une seule fiche | plusieurs fiches | fiche par magasin | fiche par boutique | fiche par établissement`,
	"seo": `seo | référencement naturel | referencement naturel | référencement | referencement |
		référencer | referencer | remonter dans google | remonter sur google | apparaitre dans google |
		être trouvé sur google | premier sur google | première page de google | positionnement |
		positionner | positionné | résultats de recherche | résultats google | mots-clés | mots clés |
		mot-clé | balise | balises | titre de page | titres de page | meta description | quand on tape |
		quand on cherche sur google | quand on me cherche | on me trouve | me trouver sur google | sortir sur google |
		sortir dans google | sortir en premier | apparaître~ | apparaitre~ | me trouvent | nous trouvent |
		qu'on me trouve | qu'on nous trouve | être trouvé | être trouvée | être trouvés |
		peuvent me trouver | peut me trouver | puissent me trouver | peuvent nous trouver | puissent nous trouver |
		me retrouver | nous retrouver`,
	"ads": `google ads | adwords | google adwords | référencement payant | liens sponsorisés |
		lien sponsorisé | annonces google | pub google | publicité google | publicité sur google | pub sur google`,
	"pub": `pub | pubs | publicité | publicités | publicitaire | réclame= | sponsoriser | sponsorisé |
		sponsorisée | booster | boost | booster une publication | campagne publicitaire | ads | annonce payante |
		ciblage | cibler | pixel`,
	"facebook":  `fb | facebook | fcb | face book | facebouk | meta= | meta business suite | page facebook | messenger`,
	"instagram": `insta | ig | instagram | instagramme | reels | reel | stories | story`,
	"tiktok":    `tik tok | tiktok | tictoc | tik-tok`,
	"linkedin":  `linkedin | linkdin | linked in | linkedln`,
	"whatsapp":  `whatsapp | whatsap | watsapp | whatsapp business`,
	"social": `réseaux sociaux | réseau social | reseaux sociaux | reseau social | rs | rézo | rezo |
		social media | médias sociaux | community manager | appli sociale | applis sociales | pinterest |
		youtube | snapchat | abonnés | followers | hashtag | hashtags | quels réseaux | quel réseau |
		sur les réseaux | mes réseaux | nos réseaux | les réseaux | réseaux~ | post= | posts= | like= | likes= |
		influenceur | influenceuse | influenceurs | influenceuses | influence commerciale | badge bleu |
		coche bleue | badge de vérification | meta verified`,
	"blog": `blog | blogs | bloguer | blogueur | article de blog | articles de blog`,
	"site": `site web | site internet | siteweb | website | site vitrine | page web | sit internet |
		sit web | mon site | un site | créer un site | faire un site | wix | wordpress | squarespace | jimdo |
		page d'accueil | pages du site | menu du site | cms | gestionnaire de contenu | système de gestion de contenu |
		site~ | page~ | pages~`,
	"vitrine": `site vitrine | vitrine en ligne | site de présentation`,
	"ecommerce": `e-commerce | ecommerce | e commerce | boutique en ligne | vente en ligne | vendre en ligne |
		site marchand | e-shop | eshop | boutique web | shop en ligne | commerce en ligne | site de vente |
		vendre sur internet | boutique internet | shopify | woocommerce | prestashop | panier | catalogue en ligne |
		acheter sur mon site | commander sur mon site | vente à distance | achat à distance | acheté à distance |
		acheté en ligne | achat en ligne | commande en ligne`,
	"clickcollect": `click and collect | click & collect | click collect | click n collect | click-and-collect |
		clic et collecte | clic and collect | retrait en magasin | retrait en boutique | commander en ligne et retirer |
		uber eats | ubereats | deliveroo | just eat | appli de livraison | applis de livraison |
		plateforme de livraison | plateformes de livraison | livraison à domicile | vente à emporter |
		précommande | précommandes | précommander | commander à l'avance | commandes à l'avance | commande à l'avance |
		réserver à l'avance | réserver la veille | réserver un panier`,
	"livrer": `livraison | livraisons | livrer | livreur | livreurs | livré | expédition | expédier | colis |
		expédie | expédies | expédiez | expédions | expédient | expédié | expédiée | expédiés | frais de port |
		port gratuit | port offert | envoi postal | envois postaux | colissimo | mondial relay`,
	"marketplace": `marketplace | marketplaces | place de marché | places de marché | amazon | cdiscount | etsy |
		leboncoin | le bon coin | vinted | manomano | ebay | rakuten | fnac darty | grosse plateforme | ankorstore`,
	"crowdfunding": `financement participatif | financements participatifs | crowdfunding | ulule | kisskissbankbank |
		kiss kiss bank bank | miimosa | cagnotte en ligne | prêt participatif`,
	"resahebergement": `airbnb | booking | booking.com | abritel | gîtes de france | expedia | channel manager`,
	"paiement": `paiement en ligne | payer en ligne | encaisser~ | encaissement~ | cb~ | carte bancaire~ |
		carte bleue~ | stripe | paypal | sumup | mollie | lien de paiement | 3d secure | 3-d secure |
		authentification forte | code de la banque | code de validation bancaire | paiement~ | payer~ |
		paie~ | paye~ | payé~ | terminal de paiement~ | wero | paylib | lydia | swile | edenred | pluxee |
		ticket resto | tickets resto | titre-restaurant | titres-restaurant | titre restaurant | titres restaurant |
		ticket restaurant | tickets restaurant | refuser la carte | accepter la carte | prendre la carte |
		carte acceptée | paiement par carte | payer par carte | paiements par carte`,
	"rgpd": `rgpd | gdpr | données personnelles | donnees perso | données perso | protection des données |
		cnil | fichier clients | fichier client | registre des traitements | données clients | fiches clients | fiche client | infos clients |
		informations clients | fichier~ | numéro de sécu | numéros de sécu | numéro de sécurité sociale |
		numéros de sécurité sociale | ordonnances | données de santé | dossiers patients | dossier patient |
		dossiers de patients`,
	"camera": `caméra | caméras | camera | cameras | vidéosurveillance | videosurveillance | vidéoprotection |
		videoprotection | caméra de surveillance | filmer la caisse | filmer mes salariés`,
	"cookies": `cookie | cookies | traceurs | traceur | bandeau cookies | bannière cookies | consentement~`,
	"mentions": `mentions légales | mentions legales | mentions obligatoires | politique de confidentialité |
		conditions générales | cgu | siret~ | siren~ | rcs~ | numéro de siret~ | bas de page~ | page légale`,
	"cgv": `cgv | conditions générales de vente | conditions de vente`,
	"efacture": `facture électronique | factures électroniques | facturation électronique | e-facture |
		efacture | e-invoicing | factur-x | facturx | facture dématérialisée | factures dématérialisées |
		plateforme agréée | plateformes agréées | pdp | ppf | e-reporting | réforme de la facturation |
		chorus pro | chorus`,
	"email": `email | e-mail | mail | mails | emails | courriel | courriels | mel | adresse mail |
		adresse email | boite mail | gmail | outlook | liste de diffusion | mail pro | adresse pro`,
	"newsletter": `newsletter | newsletters | lettre d'information | infolettre | lettre d'info | emailing |
		e-mailing | mailing | campagne email | campagne mail | brevo | mailchimp | sendinblue`,
	"prospection": `prospection | prospecter | démarchage | démarcher= | démarchage téléphonique | bloctel |
		prospects | prospect | fichier de prospects | cold email | opt-in | opt-out | appels commerciaux~ |
		appeler des particuliers~ | acheter un fichier | fichier d'adresses | sms promotionnel | sms promo |
		fichier d'emails | fichier d'e-mails | fichier de mails | liste d'emails | liste d'e-mails | base d'emails |
		acheter des emails | acheter des adresses`,
	"spam": `spam | spams | indésirables | courrier indésirable | courriers indésirables | spf | dkim | dmarc |
		délivrabilité | delivrabilite`,
	"cyber": `cybersécurité | cybersecurite | cyber | sécurité informatique | securite informatique |
		piratage | pirate | pirates | piraté | piratée | hacker | hackers | hacké | hackée | hack | hacked |
		virus | cyberattaque | cyber-attaque | attaque informatique | cybermalveillance | antivirus |
		mise à jour | mises à jour | windows`,
	"phishing": `phishing | hameçonnage | hameconnage | fishing | pishing | arnaque~ | arnaques~ | escroquerie~ |
		escroc~ | faux rib | fraude au président | faux conseiller | smishing | faux mail | faux sms |
		fausse facture | fausses factures | lien bizarre | mail bizarre | sms bizarre | mes codes |
		registre national des entreprises | registre européen | registre des marques | registre international des marques`,
	"rancon": `rançongiciel | rançongiciels | ransomware | rançon | rancon | fichiers chiffrés | cryptolocker | bitcoin | bitcoins | btc= | usdt= | fichiers bloqués | ordinateur bloqué | écran bloqué`,
	"chiffrement": `encrypted | ont été cryptés | ont été chiffrés | ont été cryptées | ont été chiffrées |
		sont cryptés | sont chiffrés | sont cryptées | sont chiffrées | a été crypté | a été chiffré |
		renommés en | extension bizarre | lisezmoi | lisez-moi | readme`,
	"chantage": `chantage | fait chanter | font chanter | faire chanter | menace de publier | menacent de publier |
		menace de diffuser | menacent de diffuser | sinon ils publient | sinon il publie | sinon ils publieront |
		ils publient tout | publier mes données | divulguer`,
	"usurpation": `faux compte | faux comptes | fausse page | fausses pages | faux profil | faux profils |
		usurpation | usurpe | usurpé | usurpée | se fait passer pour | se font passer pour | se faisait passer pour |
		à mon nom | en mon nom | au nom de mon entreprise | imite mon | copie de ma page | copie de mon compte`,
	"lapin": `annulation de dernière minute | annulations de dernière minute | annule au dernier moment |
		annulent au dernier moment | annulation tardive | annulations tardives | annule la veille | annulent la veille |
		annulation au dernier moment | annulations au dernier moment | annule à la dernière minute |
		annulent à la dernière minute | pose un lapin | posent des lapins | lapin |
		lapins | no-show | no show | no-shows | rendez-vous non honoré | rendez-vous non honorés | non honorés`,
	"marque": `déposer ma marque= | déposer une marque= | déposer mon nom= | déposer le nom= | dépôt de marque= |
		protéger le nom= | protéger mon nom= | protéger ma marque= | copie le nom= | copier le nom= |
		prendre le nom= | prenne le nom=`,
	"numtel": `ancien numéro | nouveau numéro | changer de numéro | change de numéro | renvoi d'appel |
		renvoi d'appels | transfert d'appel | transfert d'appels | portabilité du numéro | code rio | numéro pro |
		ligne pro | ligne professionnelle`,
	"mdp": `mot de passe | mots de passe | mdp | password | passwords | gestionnaire de mots de passe |
		keepass | bitwarden`,
	"2fa": `2fa | a2f | double authentification | authentification à deux facteurs | double facteur | mfa |
		validation en deux étapes | authentification forte`,
	"sauvegarde": `sauvegarde | sauvegardes | backup | backups | sauvegarder | 3-2-1 | disque externe | disque dur`,
	"rdv": `rdv | rendez-vous | rendez vous | réservation en ligne | prise de rdv | prise de rendez-vous |
		agenda en ligne | planity | calendly | doctolib | réserver en ligne | créneau~ | créneaux~ |
		réservation~ | réservations~ | réserver~ | agenda~ | lapin~ | no-show~ | absences~`,
	"coach": `coach | coachs | coaches | coaching | conseiller=~ | conseillère=~ | accompagnement |
		accompagner~ | accompagnateur | un humain~ | une personne~ | un expert~ | une experte~`,
	"atelier": `atelier~ | ateliers~ | formation collective | webinaire | webinaires | webinar |
		session collective | atelier collectif | ateliers collectifs | session en groupe | sessions en groupe |
		formation en groupe | cours collectif | en groupe~`,
	"cci": `cci | chambre de commerce | chambre de commerce et d'industrie | chambres de commerce`,
	"cma": `cma | chambre des métiers | chambre de métiers | chambre des métiers et de l'artisanat | artisanat~`,
	"audience": `google analytics | analytics | ga4 | matomo | plausible | statistiques | stats |
		fréquentation | audience | nombre de visiteurs | nombre de visites | trafic du site | trafic |
		visiteurs~ | visites~ | visiteur~`,
	"kpi": `kpi | kpis | indicateurs | indicateur | tableau de bord | dashboard | chiffres clés | suivre les chiffres`,
	"export": `export | exporter | exportation | international | à l'étranger | étranger | l'étranger |
		pays étrangers | autres pays | hors de france | team france export | business france |
		clients étrangers | clientèle étrangère | étrangers~ | étrangères~ | allemands=~ | allemandes=~ | belges=~ |
		suisses=~ | espagnols=~ | espagnoles=~ | italiens=~ | italiennes=~ | américains=~ | américaines=~ | canadiens=~ |
		canadiennes=~ | néerlandais=~ | néerlandaises=~ | hollandais=~ | hollandaises=~ | britanniques=~ | japonais=~`,
	"horsue": `hors ue | hors de l'ue | hors union européenne | hors de l'union européenne | hors de l'union |
		suisse | royaume-uni | royaume uni | angleterre | grande-bretagne | uk | états-unis | etats-unis | etats unis |
		usa | canada | japon | chine= | norvège | norvege | australie | maroc | tunisie | algérie`,
	"oss": `oss | guichet unique | tva intracommunautaire | tva européenne | ioss | tva ue`,
	"langues": `multilingue | multilangue | traduction | traduire | traduit | en anglais | plusieurs langues |
		hreflang | version anglaise | langue étrangère | langues étrangères`,
	"aides": `subvention | subventions | aide financière | aides financières | financement | financements |
		financer | chèque numérique | cheque numerique | bpifrance | bpi | prêt bancaire | aides= |
		remboursé | rembourse | pris en charge | prise en charge | 100% financé | financé à 100 | aides publiques |
		aides numériques | aide de l'état | aides de l'état | aide régionale | aides régionales | aides à la numérisation`,
	"formation": `formation | formations | se former | opco | agefice | fafcea | fif pl | fifpl | mooc`,
	"cpf":       `cpf | compte personnel de formation | mon compte formation | moncompteformation`,
	"cout": `budget | coût | cout | coûts | couts | coute | coûte | combien | cmb | cbn | prix | tarif | tarifs |
		cher | payant | payer | euros`,
	"domaine": `nom de domaine | noms de domaine | ndd | domaine | adresse web | afnic | ovh | gandi | ionos |
		.fr | point fr`,
	"domicile": `domicile | mon domicile | à domicile | chez moi | de chez moi | depuis chez moi | à la maison |
		chez nous | adresse perso | adresse personnelle | mon adresse personnelle | domicilié | domiciliée |
		sans local | pas de local`,
	"wifi": `wifi | wi-fi | wi fi | wify | wiffi | hotspot | réseau invité | code wifi | code du wifi`,
	"ligne": `plus de réseau | pas de réseau | plu de réseau | aucun réseau | plus de service | pas de service |
		ligne coupée`,
	"hebergement": `hébergement | hebergement | hébergeur | hebergeur | héberger | heberger | hosting`,
	"avis": `avis~ | avis clients | avis client | avis google | commentaire~ | commentaires~ | étoiles | étoile |
		trustpilot | review | reviews | note google | note~ | laisser un avis | mettre un avis |
		des avis | les avis | mes avis | nos avis | plus d'avis | d'avis | obtenir des avis | avoir des avis`,
	"avisnegatif": `avis négatif | avis négatifs | mauvais avis | mauvaise note | mauvais commentaire |
		mauvais commentaires | critique~ | critiques~ | faux avis | avis diffamatoire | avis injuste | une étoile |
		1 étoile | 2 étoiles | deux étoiles | client mécontent~ | cliente mécontente~ | avis méchant | avis méchants |
		avis salé | avis incendiaire | avis assassin | avis horrible | avis très dur | avis virulent | avis agressif |
		avis insultant | avis désagréable | avis pas sympa | commentaire méchant | commentaire désagréable`,
	"accessibilite": `accessibilité | accessibilite | accessible~ | handicap~ | handicapés~ | malvoyant~ |
		malvoyants~ | rgaa | eaa`,
	"mobile":  `mobile~ | mobiles~ | smartphone~ | smartphones~ | téléphone portable~ | responsive | sur téléphone~ | sur le tel~ | sur mobile`,
	"vitesse": `rapide | lent | lente | lenteur | vitesse | pagespeed | temps de chargement | charge lentement | s'afficher`,
	"caisse":  `caisse~ | logiciel de caisse | caisse enregistreuse~ | nf525 | tpv~ | caisse certifiée`,
	"facture": `devis | facture | factures | facturation | logiciel de facturation | facturer`,
	"cloud": `cloud | google drive | dropbox | onedrive | nuage | partage de fichiers | partager des fichiers |
		stockage en ligne | travail collaboratif | teams | visio | visioconférence | zoom | nextcloud |
		agenda partagé | agendas partagés | documents partagés | partager des documents | partager des dossiers |
		travailler à plusieurs | travailler ensemble | google docs | office 365 | microsoft 365 | vpn |
		secnumcloud | connexion à distance | se connecter à distance | accès à distance | bureau à distance |
		prise en main à distance | prise de contrôle à distance | teamviewer | anydesk | serveur informatique |
		serveur du bureau | serveur du cabinet | serveur de l'entreprise`,
	"outils": `outil | outils`,
	"tva":    `tva | taxe sur la valeur ajoutée | autoliquidation | hors taxes | ht | ttc`,
	"diagnostic": `diagnostic | autodiagnostic | auto-diagnostic | autodiagnostique | maturité numérique |
		bilan numérique | audit | faire le point`,
	"debuter": `débuter | debuter | commencer | démarrer | demarrer | par où commencer | premiers pas |
		débutant | débutante | nul en informatique | je n'y connais rien | j'y connais rien | partir de zéro |
		en premier | lancer`,
	"annuaires": `pagesjaunes | pages jaunes | pagejaune | pagesjaune | page jaune | apple plans | apple maps |
		plans d'apple | bing places | waze | annuaire | annuaires | tripadvisor | apple business connect |
		iphone~ | plans~ | bing | yelp | the fork | thefork`,
	"searchconsole": `search console | google search console | webmaster tools | sitemap | indexation |
		indexé | indexée | indexer | plan du site | déclarer mes pages | pages trouvées`,
	"visibilite": `visibilité | être visible | plus visible | me faire connaître | me faire connaitre |
		se faire connaître | se faire connaitre | nous faire connaître | nous faire connaitre |
		faire savoir aux gens | faire savoir où je suis | où je suis chaque jour | où je me trouve chaque jour |
		mes emplacements de la semaine`,
	"local": `près de chez moi | pres de chez moi | à proximité | autour de moi | local | locale | locaux |
		quartier | dans ma ville | near me | clients du coin | du coin | commune | communes | ville | villes`,
	"publier": `calendrier éditorial | planning de publication | programmer | programmer mes posts | planifier |
		publier | poster | posts | post | publications= | publication= | contenu | contenus | idées de posts |
		idée de post | quoi poster | quoi publier`,
	"droits": `musique | chanson | chansons | droit d'auteur | droits d'auteur | droit à l'image | sacem |
		libre de droits | photos de clients | google images | image trouvée | images trouvées | photo trouvée |
		photos trouvées | banque d'images | banques d'images`,
	"fichiers": `wetransfer | swisstransfer | smash | transfert de fichiers | gros fichier | gros fichiers |
		fichier lourd | fichiers lourds | trop lourd pour un mail | envoyer un fichier | envoyer des fichiers |
		envoyer les fichiers | pièce jointe | pièces jointes | en pièce jointe | pdf | envoi sécurisé |
		de façon sécurisée | de manière sécurisée | chiffrer= | fichier chiffré | document crypté |
		document chiffré | fichier crypté | envoyer crypté | envoi crypté | lien de téléchargement`,
	"exsalarie": `ancien salarié | ancienne salariée | anciens salariés | ancien employé | ancienne employée |
		ex salarié | ex salariée | ex-salarié | ex-salariée | ex employé | ex employée | ex-employé | ex-employée |
		salarié parti | salariée partie | employé parti | employée partie | employé licencié | employée licenciée |
		salarié licencié | salariée licenciée | j'ai licencié |
		départ d'un salarié | départ d'une salariée | départ d'un employé | après son départ | ancienne secrétaire |
		ancien associé | ancienne associée`,
	"planning": `planning des salariés | planning de mes salariés | planning de l'équipe | planning de mon équipe |
		leur planning | son planning | planning sur leur téléphone | planning sur téléphone | appli de planning |
		application de planning | logiciel de planning | planning partagé | agenda partagé | agendas partagés |
		planning en ligne`,
	"realisations": `portfolio | book en ligne | mes réalisations | nos réalisations | vos réalisations |
		photos de mes réalisations | photos de réalisations | photos de chantiers | photos de mes chantiers |
		photos de nos chantiers | avant-après | avant/après | avant après`,
	"visuels": `visuel | visuels | graphisme | graphiste | graphistes | design graphique | mise en page |
		modèles de visuels | affiche | affiches | flyer | flyers`,
	"accordphoto": `photos de mes clients | photos de mes clientes | photos de clientes | photo d'un client |
		photo d'une cliente | photos d'une cliente | photos de ma cliente | accord oral | accord écrit |
		autorisation écrite | à l'oral | de vive voix | autorisation signée | autorisations signées`,
	"diy": `moi-même | moi même | soi-même | soi même | nous-mêmes | nous mêmes | tout seul | toute seule |
		par moi-même | sans prestataire | sans agence | le faire moi`,
	"clientele": `plus de clients | nouveaux clients | trouver des clients | attirer des clients |
		faire venir des clients | développer ma clientèle | développer la clientèle`,
	"creer": `créer | création | crée | créé | créée | créez | créent | monter | lancer |
		lancement | mettre en place | mise en place`,
	"inscrire":  `inscrire | inscription | inscriptions | inscrit | inscrite | inscrits | inscrivez | inscris`,
	"declarer":  `déclarer | déclaration | déclarations | déclaré | déclarée | déclarez`,
	"modifier":  `modifier | modification | modifications | modifié | modifiée`,
	"proteger":  `protéger | protection | protégé | protégée | sécuriser | sécurisé | sécurisée`,
	"vendre":    `vendre | vente | ventes | vendu | vendus | vends | vend | vendeur | vendeuse`,
	"repondre":  `répondre | réponse | réponses | répond | réponds | répondez`,
	"supprimer": `supprimer | suppression | effacer | retirer | enlever | faire retirer | faire supprimer`,
	"valider": `valider | validation | vérifier | vérification | code de validation | confirmer | confirmation |
		prouver | vidéo de validation | filmer mon commerce | filmer la boutique | filmer le local`,
	"signaler": `signaler | signalement | dénoncer | porter plainte | plainte | déposer plainte`,
	"loi": `obligatoire | obligatoires | obligation | obligations | obligé | loi | lois | légal | légale |
		légalement | interdit | interdite | interdiction | réglementation | amende | amendes | sanction |
		sanctions | a-t-on le droit | ai-je le droit | j'ai le droit | ai le droit | avoir le droit | permis |
		risque | risques | je risque | grave | autorisé`,
	"quand": `quand | date | dates | calendrier | échéance | échéances | délai | délais | à partir de quand |
		à quelle date | en quelle année | avant quand`,
	"retractation": `rétractation | retractation | droit de rétractation | remboursement | rembourser |
		retour | retours | garantie | garantie légale | médiateur | médiateur de la consommation |
		abonnement | abonnements | résilier | résiliation | arrêter l'abonnement | renvoyer | changé d'avis`,
	"horaires": `horaires | horaire | heures d'ouverture | fermé | fermée | fermeture | jours fériés |
		vacances | congés | ouvert | ouverte | heure | heures | à quelle heure`,
	"ia": `ia | i.a | intelligence artificielle | intelligences artificielles | chatgpt | chat gpt | chatgtp |
		chat gtp | openai | mistral ai | copilot | gemini | ia générative | prompt | prompts`,
	"numerique": `en ligne | internet | web | numérique | numerique | digital | digitale | online | google |
		youtube | windows | iphone | android | ordinateur | ordinateurs | ordi | pc | informatique | logiciel |
		excel | word | tablette | wifi | wi-fi | sms | texto | textos | appli | smartphone | microsoft | navigateur |
		chrome | clé usb | numériser | dématérialiser | marketing | webmarketing | e-marketing | internaute | internautes | site | sites |
		réseaux~ | mots clés | mot clé | mots-clés | lien~ | liens~ | url | qr code | net | sur le net |
		moteur de recherche | moteurs de recherche | plateforme~ | plateformes~ | plateforme sociale |
		application~ | applications~ | applis | app~ | logiciels | canva | numériquement | en ligne`,
}

// genericConcepts are glossary concepts that say what kind of question it is (cost, first
// steps, place) without saying it is about the digital life of a business.
var genericConcepts = map[string]bool{
	"_cout": true, "_debuter": true, "_local": true, "_publier": true, "_formation": true,
	"_aides": true, "_retractation": true, "_langues": true, "_export": true, "_facture": true,
	"_outils": true, "_tva": true, "_creer": true, "_vendre": true, "_repondre": true, "_supprimer": true,
	"_valider": true, "_signaler": true, "_loi": true, "_quand": true, "_vitesse": true, "_livrer": true,
	"_droits": true, "_horaires": true, "_inscrire": true, "_declarer": true, "_modifier": true,
	"_proteger": true, "_diy": true, "_clientele": true, "_domicile": true, "_horsue": true, "_accordphoto": true, "_visuels": true,
}

// DomainSignal reports whether a text names the digital life of a business: a glossary
// phrase of a domain concept that is not one of its weak everyday variants.
func DomainSignal(text string) bool {
	return domainSignal(text, false)
}

// SubjectSignal is DomainSignal without the broad words of the digital in general
// ("internet", "en ligne", "ordinateur"): whether a text names a subject of its own. "et pour
// Instagram ?" does; "j'éteins l'ordi ?", after the steps of an emergency, does not.
func SubjectSignal(text string) bool {
	return domainSignal(text, true)
}

func domainSignal(text string, subject bool) bool {
	s := getScratch()
	defer putScratch(s)
	s.raw = appendInfos(s.raw[:0], text, s)
	words := s.expand(s.raw) // "pub" is "publicité"
	for i, wi := range words {
	entries:
		for k := range wi.gloss {
			e := &wi.gloss[k]
			if e.weak || e.generic || i+len(e.words) > len(words) || (e.exact != "" && !exactAt(words, i, e.exactWords)) {
				continue
			}
			if subject && e.concept == "_numerique" {
				continue
			}
			for j := 1; j < len(e.words); j++ {
				if words[i+j].stem != e.words[j] {
					continue entries
				}
			}
			return true
		}
		if !subject && listingWord(words, i) {
			return true
		}
	}
	return false
}

// listingWord reports whether the word at i is "fiche" said alone, as owners name their
// Google listing ("ma fiche a disparu", "une fiche ou trois ?"), and not a payslip, a product
// sheet or a customer record ("fiche de paie", "fiche produit", "fiche client").
func listingWord(words []*wordInfo, i int) bool {
	if words[i].stem != "fich" {
		return false
	}
	if i+1 == len(words) {
		return true
	}
	return !notListing[words[i+1].word]
}

var notListing = map[string]bool{"de": true, "d": true, "du": true, "des": true, "client": true,
	"clients": true, "produit": true, "produits": true, "technique": true, "techniques": true,
	"contact": true, "contacts": true, "recette": true, "recettes": true, "article": true, "articles": true,
	"metier": true, "metiers": true, "pratique": true, "pratiques": true}

// IsDomainConcept reports whether a term is a glossary concept of the digital domain: a
// question containing one is about the digital life of a business.
func IsDomainConcept(term string) bool {
	return len(term) > 1 && term[0] == '_' && !genericConcepts[term]
}

type glossaryEntry struct {
	words   []string
	concept string
	// weak variants ("avis", "paiement", written with a trailing ~ in the source) lead to the
	// concept but are too common in everyday French to show that a question is digital.
	weak bool
	// exact variants (a trailing = in the source) match the folded word itself, not its stem:
	// "aides" (subsidies) but not "aider" (to help), which shares its stem.
	exact      string
	exactWords []string // the words of exact
	// conceptHash is hashString(seedTerm, concept), for the offline embedder.
	conceptHash uint64
	generic     bool // genericConcepts[concept]
}

// glossary maps the stem of a first word to the phrases (as stems) that start with it,
// longest first, so that "mention légale" matches "mentions légales".
var glossary = buildGlossary(glossarySource)

func buildGlossary(src map[string]string) map[string][]glossaryEntry {
	g := make(map[string][]glossaryEntry)
	for concept, variants := range src {
		for _, v := range strings.Split(variants, "|") {
			v = strings.TrimSpace(v)
			weak := strings.HasSuffix(v, "~")
			v = strings.TrimSuffix(v, "~")
			exact := ""
			var exactWords []string
			if strings.HasSuffix(v, "=") {
				v = strings.TrimSuffix(v, "=")
				exactWords = appendWords(nil, v)
				exact = strings.Join(exactWords, " ")
			}
			ws := appendWords(nil, v)
			if len(ws) == 0 {
				continue
			}
			for i, w := range ws {
				if full, ok := abbreviations[w]; ok {
					w = full
				}
				ws[i] = stem(w)
			}
			if w := appendWords(nil, v)[0]; len(ws) == 1 && stopWords[ws[0]] && ws[0] != w {
				// "sea" stems to "se": it would match every "se" of a question
				panic("glossary: variant " + strings.TrimSpace(v) + " stems to the stop word " + ws[0])
			}
			e := glossaryEntry{
				words: ws, concept: "_" + concept, weak: weak, exact: exact, exactWords: exactWords,
				conceptHash: hashString(seedTerm, "_"+concept), generic: genericConcepts["_"+concept],
			}
			dup := false
			for _, o := range g[ws[0]] {
				if o.concept == e.concept && o.exact == e.exact && strings.Join(o.words, " ") == strings.Join(ws, " ") {
					dup = true
				}
			}
			if !dup {
				g[ws[0]] = append(g[ws[0]], e)
			}
		}
	}
	for k, es := range g {
		// longest phrase first, then by concept for a deterministic order
		for i := 1; i < len(es); i++ {
			for j := i; j > 0 && less(es[j], es[j-1]); j-- {
				es[j], es[j-1] = es[j-1], es[j]
			}
		}
		g[k] = es
	}
	return g
}

func less(a, b glossaryEntry) bool {
	if len(a.words) != len(b.words) {
		return len(a.words) > len(b.words)
	}
	return a.concept < b.concept
}

// isGlossaryWord is glossaryWords as a set.
var isGlossaryWord = func() map[string]bool {
	m := make(map[string]bool, len(glossaryWords))
	for _, w := range glossaryWords {
		m[w] = true
	}
	return m
}()

// glossaryWords lists the words of the glossary's domain phrases (not generic concepts, not
// weak variants), so that typo correction can also correct towards "facebook" or "instagram"
// when no guide mentions them, without turning an everyday word ("envoyer") into another one
// ("renvoyer") that only a generic concept lists.
var glossaryWords = func() []string {
	var out []string
	seen := map[string]bool{}
	for concept, variants := range glossarySource {
		if genericConcepts["_"+concept] {
			continue
		}
		for _, v := range strings.Split(variants, "|") {
			v = strings.TrimSpace(v)
			if strings.HasSuffix(v, "~") {
				continue
			}
			for _, w := range appendWords(nil, strings.TrimSuffix(v, "=")) {
				if !seen[w] {
					seen[w] = true
					out = append(out, w)
				}
			}
		}
	}
	return out
}()
