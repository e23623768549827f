package bot_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/coachbot/coachbot/bot"
)

// An owner who names their trade and place while asking for a coach is offered slots at
// once: nothing they said is asked again.
func TestBookingAsksNothingTwice(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "je voudrais un rendez-vous avec un coach, je suis fleuriste à Lyon 69003")
	expect(t, r, bot.Escalated, "créneaux")
	if strings.Contains(r.Text, "quelle est votre activité") || strings.Contains(r.Text, "code postal") {
		t.Errorf("asked again what the owner said:\n%s", r.Text)
	}
	// the trade and the place said in passing earlier count too
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "77", UserID: "77"}
	w.say(paul, "je tiens une boulangerie à Lille, comment créer ma fiche Google ?")
	r = w.say(paul, "je voudrais parler à un coach")
	expect(t, r, bot.Escalated, "créneaux")
}

// Workshops of the region the owner named come first.
func TestWorkshopsOfTheOwnersRegionFirst(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "je suis à Lille, quels ateliers vous proposez ?")
	lines := strings.Split(r.Text, "\n")
	first := ""
	for _, l := range lines {
		if strings.HasPrefix(l, "1. ") {
			first = l
		}
	}
	if !strings.Contains(first, "Lille") {
		t.Errorf("first workshop %q, want the one in Lille (Hauts-de-France); reply:\n%s", first, r.Text)
	}
}

// A question asked while the booking flow waits for a postal code is answered, and the flow
// says what it still needs instead of reading the question as a postal code.
func TestQuestionDuringBookingIsAnswered(t *testing.T) {
	w := newWorld(t)
	expect(t, w.say(marie, "je voudrais parler à un coach"), bot.Escalated)
	expect(t, w.say(marie, "fleuriste"), bot.Escalated, "code postal")
	r := w.say(marie, "en attendant, la fiche Google c'est payant ?")
	expect(t, r, bot.Answered, "gratuite", "il me manque votre code postal")
	// the flow goes on
	expect(t, w.say(marie, "69003"), bot.Escalated, "créneaux")
}

// A message too vague to answer gets one short question with choices; a button or a typed
// choice answers the original question on the chosen subject.
func TestVagueMessageAsksWhichSubject(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "ça coûte combien ?")
	expect(t, r, bot.Clarify, "de quoi parlez-vous")
	if len(r.Buttons) < 2 {
		t.Fatalf("want at least two choices, got %+v", r.Buttons)
	}
	r = w.press(marie, r.Buttons[0][0].Action)
	expect(t, r, bot.Answered)
	if len(r.Sources) == 0 {
		t.Errorf("the chosen reading was not answered from the guides:\n%s", r.Text)
	}
	// typed instead of pressed
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "78", UserID: "78"}
	expect(t, w.say(paul, "ça coûte combien ?"), bot.Clarify)
	r = w.say(paul, "ma fiche google")
	expect(t, r, bot.Answered, "gratuit")
}

// A subject named alone ("mon site") is met with its first questions to choose from, not with
// whichever card shares the word; a choice answers that question.
func TestSubjectAloneOffersItsQuestions(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "mon site")
	expect(t, r, bot.Clarify, "Que voulez-vous savoir", "Combien coûte un site vitrine ?")
	if len(r.Buttons) < 2 {
		t.Fatalf("want at least two choices, got %+v", r.Buttons)
	}
	r = w.say(marie, "2")
	expect(t, r, bot.Answered, "€")
	if len(r.Sources) == 0 || r.Sources[0].GuideID != "creer-site-vitrine" {
		t.Errorf("the chosen question was not answered from its guide: %+v", r.Sources)
	}
	// a short question is a question, not a subject alone
	if r := newWorld(t).say(marie, "faut prévenir la cnil ?"); r.Outcome == bot.Clarify && strings.Contains(r.Text, "Que voulez-vous savoir") {
		t.Errorf("a question was taken for a subject alone:\n%s", r.Text)
	}
}

// "J'ai un souci avec mon site" says a problem, not which: the problems the guides know on
// that subject are offered, not the card on whether a site is needed.
func TestProblemWithASubjectOffersTheProblems(t *testing.T) {
	r := newWorld(t).say(marie, "j'ai un souci avec mon site")
	expect(t, r, bot.Clarify, "Mon site ne s'affiche plus : que faire ?")
	if strings.Contains(r.Text, "colis") {
		t.Errorf("a problem of another subject was offered:\n%s", r.Text)
	}
}

// "ok je prends, je suis coiffeuse à …, 93330" after questions on the programme books the
// session with what it says, without asking the trade or the postcode again.
func TestTakingUpTheOfferBooks(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "Comment ça se passe concrètement une séance avec un coach numérique ?")
	r := w.say(marie, "ok je prends. je suis coiffeuse à Neuilly-sur-Marne, 93330")
	if r.Outcome != bot.Escalated || strings.Contains(r.Text, "code postal") || strings.Contains(r.Text, "votre activité") {
		t.Errorf("outcome %s: want the slots, nothing asked again:\n%s", r.Outcome, r.Text)
	}
}

// "et la musique, je peux mettre n'importe quelle chanson ?" after a question on videos for
// Instagram goes on with it; it is not chit-chat about songs.
func TestAFollowUpIsNotChitChat(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "On me dit de faire des vidéos pour Instagram mais je suis nulle devant la caméra. Je fais comment ?")
	expect(t, w.say(marie, "et la musique, je peux mettre n'importe quelle chanson ?"), bot.Answered, "Non")
	expect(t, newWorld(t).say(marie, "c'est quoi ta chanson préférée ?"), bot.OutOfScope)
}

// A follow-up goes on with the previous subject and never gets the same answer again.
func TestFollowUpNeverRepeatsTheAnswer(t *testing.T) {
	w := newWorld(t)
	first := w.say(marie, "comment créer ma fiche Google ?")
	expect(t, first, bot.Answered)
	second := w.say(marie, "c'est payant ?")
	expect(t, second, bot.Answered, "gratuit")
	if second.Text == first.Text {
		t.Errorf("the follow-up got the previous answer again:\n%s", second.Text)
	}
	if len(second.Sources) == 0 || second.Sources[0].Topic != "fiche-etablissement" {
		t.Errorf("follow-up sources %+v, want the Google listing first", second.Sources)
	}
}

// An emergency told with a tax word is not redirected to an accountant: its steps come
// first, the bank first when a card was given.
func TestEmergencyStepsComeFirst(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "j'ai reçu un mail des impôts pour un remboursement, j'ai cliqué et j'ai donné ma carte bancaire")
	if r.Outcome != bot.Answered && r.Outcome != bot.Escalated {
		t.Fatalf("outcome %s, want the emergency steps:\n%s", r.Outcome, r.Text)
	}
	head := opening(r.Text, 300)
	if !strings.Contains(head, "banque") || !strings.Contains(head, "opposition") {
		t.Errorf("the first lines do not send the owner to the bank:\n%s", r.Text)
	}
	if strings.Contains(r.Text, "expert-comptable") {
		t.Errorf("an emergency redirected to an accountant:\n%s", r.Text)
	}
}

// Business questions outside the digital remit point to who answers them.
func TestOffRemitPointsSomewhereUseful(t *testing.T) {
	w := newWorld(t)
	for _, tc := range []struct{ text, want string }{
		{"Un client me doit 2 300 € depuis trois mois et ne répond plus. Comment je récupère mon argent ?", "injonction de payer"},
		{"SARL ou SAS pour ouvrir mon salon de coiffure ?", "formalités"},
		{"Je suis en micro-entreprise, à partir de quel chiffre d'affaires je dois facturer la TVA ?", "expert-comptable"},
	} {
		r := w.say(bot.Message{Channel: bot.ChannelTelegram, ChatID: tc.text, UserID: "9"}, tc.text)
		expect(t, r, bot.OutOfScope, tc.want)
	}
}

// A doubt about a tool in a first message is a question, not frustration; asking someone to
// do it is offered a coach, not refused.
func TestDoubtAndDelegation(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "instagram ça ne sert à rien pour un plombier non ?")
	expect(t, r, bot.Answered)
	if r.EscalationReason == bot.ReasonFrustration {
		t.Errorf("a first question read as frustration:\n%s", r.Text)
	}
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "79", UserID: "79"}
	r = w.say(paul, "pouvez-vous le faire pour moi ?")
	expect(t, r, bot.Escalated, "coach")
	// the price of paying someone is a question on prices, not a request for a coach
	lea := bot.Message{Channel: bot.ChannelTelegram, ChatID: "78", UserID: "78"}
	w.say(lea, "Je voudrais un site pour ma boulangerie, je le fais moi-même ?")
	expect(t, w.say(lea, "et si je paye quelqu'un pour le faire, c'est combien ?"), bot.Answered, "euros")
	// frustration after answers is still frustration
	jo := bot.Message{Channel: bot.ChannelTelegram, ChatID: "80", UserID: "80"}
	w.say(jo, "comment créer ma fiche Google ?")
	r = w.say(jo, "vos réponses ne m'aident pas du tout, ça ne sert à rien")
	expect(t, r, bot.Escalated)
}

// A second sentence that asks the first question again gets no unrelated second answer; two
// real questions on one guide both get theirs.
func TestQuestionAskedTwiceInOneMessage(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "La messagerie de ma fiche Google, elle existe encore ? Les clients peuvent m'écrire directement ?")
	expect(t, r, bot.Answered, "31 juillet 2024")
	if len(r.Sources) != 1 {
		t.Errorf("one question asked twice: want one source, got %d:\n%s", len(r.Sources), r.Text)
	}
	r = w.say(marie, "Je peux mettre un QR code sur le comptoir pour que les clients laissent un avis ? Et j'ai le droit d'offrir un café à ceux qui le font ?")
	if !strings.Contains(r.Text, "QR code") || !strings.Contains(r.Text, "contrepartie") {
		t.Errorf("two questions on one guide: want both answered:\n%s", r.Text)
	}
}

// In a follow-up, the owner's own words choose the card: the subject they name, the
// question they ask; a statement in an emergency tells more about it.
func TestFollowUpOwnWordsChoose(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "Je suis céramiste, je vends sur Etsy. On me conseille aussi Amazon Handmade, ça vaut le coup ?")
	expect(t, w.say(marie, "et vinted ?"), bot.Answered, "Vinted Pro")

	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "81", UserID: "81"}
	w.say(paul, "J'ai 600 emails de clients dans mon logiciel de caisse, je peux leur envoyer une newsletter ?")
	w.say(paul, "avec quel outil ?")
	expect(t, w.say(paul, "tous les combien j'envoie ?"), bot.Answered, "par mois")

	jo := bot.Message{Channel: bot.ChannelTelegram, ChatID: "82", UserID: "82"}
	w.say(jo, "tous mes fichiers sont bloqués, y a un message qui demande de payer en bitcoin pour les récupérer")
	r := w.say(jo, "donc je paye pas ?")
	if !strings.Contains(r.Text, "ne payez pas la rançon") || strings.Contains(r.Text, "preuves du paiement") {
		t.Errorf("an owner who has not paid got the card for who has, or no answer to whether to pay:\n%s", r.Text)
	}
	r = w.say(jo, "j'ai une sauvegarde sur une clé usb de janvier")
	if !strings.Contains(r.Text, "Restaurez") || strings.Contains(r.Text, "ne la branchez pas") {
		t.Errorf("a backup told during a ransomware attack: want how to restart from it:\n%s", r.Text)
	}
}

// A ransom is paid in cryptocurrency: no bank can recall it, so the bank does not come first.
func TestRansomPaidIsNotABankEmergency(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "j'ai payé la rançon en bitcoin hier et ils ne m'ont rien rendu")
	head := opening(r.Text, 200)
	if strings.Contains(head, "banque") || strings.Contains(r.Text, "faux RIB") {
		t.Errorf("a paid ransom answered as a bank fraud:\n%s", r.Text)
	}
	if !strings.Contains(r.Text, "Ne payez plus rien") {
		t.Errorf("want the card for who has paid the ransom:\n%s", r.Text)
	}
}

// "pour moi" in a question asks for advice, not for someone to do it; "c'est quoi le plus
// simple" asks for a choice, not a definition.
func TestForMeIsNotDelegation(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "c'est quoi le plus simple pour moi pour faire un site ?")
	expect(t, r, bot.Answered, "créateur de site")
	if strings.Contains(r.Text, "L'hébergement est") {
		t.Errorf("a choice answered with a definition:\n%s", r.Text)
	}
}

// An emergency typed on a phone, and a hacked account whose pirate writes on another app: the
// steps for what happened, about the owner's own account.
func TestEmergencyReadAsTold(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "urgent jai cliké sur un sms ameli remboursement et jai mis la carte bleue de la boutique dessus ya 10 min")
	head := opening(r.Text, 300)
	if !strings.Contains(head, "banque") || !strings.Contains(head, "opposition") {
		t.Errorf("a card typed after a phishing SMS: want the bank first:\n%s", r.Text)
	}
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "83", UserID: "83"}
	r = w.say(paul, "Mon compte Insta de la boutique a été piraté cette nuit. Le mec a changé le mail et m'écrit sur WhatsApp qu'il me le rend contre 300 € en crypto, sinon il supprime tout.")
	if !strings.Contains(r.Text, "instagram.com/hacked") || strings.Contains(r.Text, "Réinstallez WhatsApp") {
		t.Errorf("a hacked Instagram account, the pirate writing on WhatsApp: want Instagram's recovery:\n%s", r.Text)
	}
}

// opening is the first n bytes of a reply: what the owner reads first.
func opening(text string, n int) string {
	return text[:min(len(text), n)]
}

// A follow-up on an emergency stays with it: the card that was blocked is not a question on
// card fees.
func TestEmergencyFollowUpStaysWithIt(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "j'ai cliqué sur un SMS de colis et j'ai payé 2 euros de frais avec ma carte")
	r := w.say(marie, "c'est fait la banque a bloqué la carte. ils peuvent encore me prendre de l'argent ?")
	if len(r.Sources) == 0 || r.Sources[0].Topic != "cybersecurite" {
		t.Errorf("sources %+v, want the security guides first:\n%s", r.Sources, r.Text)
	}
	if !strings.Contains(r.Text, "contestez") {
		t.Errorf("want what to watch and contest after the opposition:\n%s", r.Text)
	}
}

// "L'accompagnement avec un coach, ça existe dans le Var ?" as a first message: whether the
// programme's coaches work there, and the offer of a session.
func TestProgrammeAvailabilityInAPlace(t *testing.T) {
	r := newWorld(t).say(marie, "L'accompagnement numérique avec un coach, ça existe dans le Var ? Je tiens une quincaillerie à Draguignan.")
	expect(t, r, bot.Answered, "Provence-Alpes-Côte d'Azur", "créneau")

	// a question on the owner's own subject that names a town is not one on the programme:
	// « combien de personnes », a trade of « coach sportif », « personne n'y a touché »
	for i, text := range []string{
		"Je voudrais savoir combien de personnes visitent mon site, sans bandeau cookies. Ça existe ? Je fais des visites guidées de Carcassonne.",
		"Je suis coach sportif à domicile à Toulouse. Je veux mettre un formulaire de contact sur mon site, il y a des règles à respecter ?",
		"Je suis traiteur à Montreuil. Mon site a été fait en 2018 et personne n'y a touché depuis. Ça pose un problème ?",
	} {
		owner := bot.Message{Channel: bot.ChannelTelegram, ChatID: fmt.Sprint(960 + i), UserID: fmt.Sprint(960 + i)}
		if r := newWorld(t).say(owner, text); strings.Contains(r.Text, "coach présent") || strings.Contains(r.Text, "Des coaches du programme travaillent") {
			t.Errorf("%q got where the programme's coaches work:\n%s", text, r.Text)
		}
	}
}

// A question about the guides' everyday subjects (a review, replying to it) is in scope
// whatever the story around it: the bar, the old town, the tourists.
func TestAStoryAroundAReviewQuestionIsAnswered(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "J'ai un bar à vins dans la vieille ville d'Annecy, beaucoup de touristes. Quand j'ai un avis en anglais, je réponds en anglais ou en français ?")
	expect(t, r, bot.Answered, "langue de l'avis")
}

// A long follow-up that names no subject of its own goes on with the previous question: the
// bank's opposition told after a SIM swap is not a question about a bank loan.
func TestALongFollowUpGoesOnWithTheEmergency(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "mon portable a plus de réseau depuis 1 h, 'aucun service', et je viens de recevoir une alerte de ma banque 'nouvel appareil enregistré'")
	r := w.say(marie, "c'est bon, l'opérateur a bloqué la ligne et la banque a fait opposition. comment ils ont pu faire ça ?")
	if r.Outcome == bot.OutOfScope {
		t.Errorf("got %s %q, want the follow-up answered", r.Outcome, r.Text)
	}
}

// An owner annoyed with answers (from before: this is a first message) who asks a plain
// question gets its answer, not only a coach offered.
func TestAnAnnoyedOwnerGetsTheAnswerToo(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "Vos réponses c'est toujours trois pages de blabla. Je veux une réponse claire en une ligne : pour une boucherie de village, un site internet c'est obligatoire ou pas ???")
	expect(t, r, bot.Answered, "aucune loi n'oblige")
}

// What happens next in an emergency is read with it: « trop tard, je peux plus me connecter,
// ils ont changé le mail » after a Facebook password typed on a fake Meta page is about the
// Facebook account, not the mailbox.
func TestAnEmergencyGoesOn(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "aidez moi jai recu un message de Meta Support sur la page de ma creperie disant quelle allait etre supprimée pour violation de droits d'auteur. jai cliqué sur le lien et jai mis mon mot de passe facebook et le code recu par sms")
	r := w.say(marie, "trop tard je peux plus me connecter, ils ont changé le mail")
	if !strings.Contains(r.Text, "Facebook") || strings.Contains(r.Text, "Ma messagerie a été piratée") {
		t.Errorf("got %q, want the steps for the Facebook account taken", r.Text)
	}
}

// A short follow-up that says one fact ("on est 4 salariés") gets the sentence of the answer
// already sent that it bears on, not another card.
func TestAShortFactGetsTheSentenceItBearsOn(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "Je refais le site de ma boutique de vêtements avec vente en ligne. Mon prestataire parle d'une obligation d'accessibilité depuis juin 2025, ça me concerne ?")
	r := w.say(marie, "on est 4 salariés")
	expect(t, r, bot.Answered, "moins de 10 salariés")
}

// Everyday subjects of the guides named without a digital word are in scope: a business
// phone number, a trademark.
func TestEverydaySubjectsWithoutADigitalWord(t *testing.T) {
	for text, want := range map[string]string{
		"renvoi d'appel de mon ancien numéro vers le nouveau":                          "renvoi d'appel",
		"Je suis plombier, je voudrais déposer ma marque à l'INPI, combien ça coûte ?": "INPI",
	} {
		w := newWorld(t)
		expect(t, w.say(marie, text), bot.Answered, want)
	}
}

// Told that no coach works in their region, an owner who accepts a session at a distance is
// offered slots; what to prepare is then answered from the booking guide.
func TestRemoteSessionAcceptedAfterCoverage(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "C'est quoi exactement votre accompagnement ? Je suis photographe en Corrèze.")
	w.say(marie, "mais la Corrèze c'est pas dans vos régions, non ?")
	expect(t, w.say(marie, "d'accord, alors à distance. Je suis à Brive, 19100."), bot.Escalated, "créneaux")
	expect(t, w.say(marie, "et il faut préparer quoi avant ?"), bot.Answered, "préparatifs")
}

// A short follow-up asking about something a unit already sent said is answered with that
// sentence, found among all the units sent ("et des vidéos ?" after two cards on photos), a
// price with the words of free and paid, a language with the words of translation; a
// follow-up about how it happened, or how to avoid it, gets that card.
func TestFollowUpFindsWhatWasSaid(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "Je suis opticien. Sur ma fiche Google il y a des photos de clients floues, je peux les supprimer ?")
	w.say(marie, "et mettre mon logo ?")
	r := w.say(marie, "et des vidéos ?")
	expect(t, r, bot.Answered, "30 secondes")
	if strings.Contains(r.Text, "définitivement fermé") {
		t.Errorf("a follow-up on videos got the card on closing the listing:\n%s", r.Text)
	}

	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "90", UserID: "90"}
	w.say(paul, "Je fais mes flyers à la main pour ma mercerie. On m'a parlé de Canva, c'est quoi ?")
	expect(t, w.say(paul, "c'est payant ?"), bot.Answered, "version gratuite")

	jo := bot.Message{Channel: bot.ChannelTelegram, ChatID: "91", UserID: "91"}
	w.say(jo, "J'ai un bar à Annecy. Quand j'ai un avis en anglais, je réponds en anglais ou en français ?")
	r = w.say(jo, "et en allemand ? je parle pas un mot")
	expect(t, r, bot.Answered, "DeepL")
	if strings.Contains(r.Text, "Ne publiez jamais") {
		t.Errorf("a follow-up on another language got what never to write:\n%s", r.Text)
	}

	lea := bot.Message{Channel: bot.ChannelTelegram, ChatID: "92", UserID: "92"}
	w.say(lea, "Plus de réseau sur mon portable ce matin et la banque signale un nouvel appareil, je fais quoi ?")
	r = w.say(lea, "c'est bon, l'opérateur a bloqué la ligne et la banque a fait opposition. comment ils ont pu faire ça ?")
	expect(t, r, bot.Answered, "fait passer pour vous")
	expect(t, w.say(lea, "et pour que ça recommence pas ?"), bot.Answered, "plutôt que le code par SMS")

	// "et sur Facebook ?" after "c'est gratuit ?": the same thing asked of Facebook, showing
	// and selling the products, not whatever Facebook card scores best on "gratuit"
	max := bot.Message{Channel: bot.ChannelTelegram, ChatID: "93", UserID: "93"}
	w.say(max, "Je vends des vélos à Vienne sur mon site. Comment faire apparaître mes vélos dans l'onglet Shopping de Google ?")
	w.say(max, "c'est gratuit ?")
	expect(t, w.say(max, "et sur Facebook ?"), bot.Answered, "catalogue")

	// a word of the last answer the owner does not know: what the answer said it is, not
	// another card that uses the word
	ana := bot.Message{Channel: bot.ChannelTelegram, ChatID: "94", UserID: "94"}
	w.say(ana, "On a un camping près de Sisteron, ça vaut le coup d'être aussi sur Airbnb en plus de Booking ?")
	expect(t, w.say(ana, "c'est quoi un channel manager ?"), bot.Answered, "un channel manager est un logiciel")

	// where to begin: setting the thing up, not what to do when it breaks down
	leo := bot.Message{Channel: bot.ChannelTelegram, ChatID: "95", UserID: "95"}
	w.say(leo, "Maraîcher dans le Nord, je fais des paniers. Je voudrais que les gens commandent en ligne et paient avant de venir chercher.")
	w.say(leo, "c'est payant ?")
	w.say(leo, "et pour le paiement sur le marché, un terminal CB ?")
	if r := w.say(leo, "ok et je commence par quoi ?"); strings.Contains(r.Text, "réparer") || strings.Contains(r.Text, "en panne") {
		t.Errorf("where to begin got the card on a broken terminal:\n%s", r.Text)
	}

	// « les cookies aussi ? » asks the same of the cookies, « wix le fait tout seul ? » asks it
	// of Wix: answers, not a menu of questions on cookies
	eva := bot.Message{Channel: bot.ChannelTelegram, ChatID: "97", UserID: "97"}
	w.say(eva, "Je suis consultante, j'ai fait mon site sur Wix. Il me faut quoi comme pages obligatoires ?")
	w.say(eva, "et cgv ?")
	expect(t, w.say(eva, "les cookies aussi ?"), bot.Answered, "bandeau")
	expect(t, w.say(eva, "wix le fait tout seul ?"), bot.Answered, "Wix")
}

// An incident the owner says is over is a question of prevention: no emergency steps, no
// coach booked in a hurry.
func TestAnIncidentThatIsOverIsNotAnEmergency(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "Mon compte Instagram a été piraté le mois dernier, j'ai fini par le récupérer. Comment éviter que ça recommence ?")
	expect(t, r, bot.Answered, "Double authentification")
	if strings.Contains(r.Text, "instagram.com/hacked") {
		t.Errorf("an incident over got the recovery steps:\n%s", r.Text)
	}
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "93", UserID: "93"}
	r = w.say(paul, "Mon Instagram a été piraté cette nuit, je n'ai toujours pas pu le récupérer, aidez-moi à le récupérer")
	if !strings.Contains(r.Text, "instagram.com/hacked") {
		t.Errorf("an account still taken: want the recovery steps:\n%s", r.Text)
	}
}

// A story that asks nothing gets the card whose situation it tells, even when other words of
// it (reviews, customers) point elsewhere.
func TestAStoryGetsTheSituationItTells(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "Google a suspendu ma fiche sans aucune explication, ça fait 3 semaines, j'avais 240 avis à 4,7 ! Je perds des clients tous les jours, c'est honteux. J'ai rien changé à part le nom que j'ai mis 'Pizzeria Bella Napoli - Pizza au feu de bois Valence'.")
	expect(t, r, bot.Answered, "règles de Google")
	if strings.Contains(r.Text, "Répondez à froid") {
		t.Errorf("a suspended listing answered with how to reply to a review:\n%s", r.Text)
	}
}

// Emergencies told as owners tell them: two acts in one breath (the card of the password typed),
// ads the owner never made (the hacked ad account), a fake partner using the business's name
// (warn the customers), coupons already bought (the card for who has bought), and what
// follows them (« et les 600 € ils sont perdus ? », « j'utilise le même pour d'autres trucs »).
func TestEmergenciesAsOwnersTellThem(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "j'ai reçu un mail « Google » qui dit que ma fiche va être supprimée si je ne confirme pas sous 48h via leur lien")
	r := w.say(marie, "trop tard j'ai cliqué et mis mon mot de passe gmail")
	if !strings.HasPrefix(r.Text, "Changez tout de suite le mot de passe que vous avez tapé") {
		t.Errorf("a password typed after a click: want the card of the password first:\n%s", r.Text)
	}
	expect(t, w.say(marie, "j'utilise le même pour d'autres trucs, c'est grave ?"), bot.Answered, "mot de passe différent")

	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "94", UserID: "94"}
	r = w.say(paul, "Mon compte Google Ads dépense 300 € par jour depuis hier pour des pubs que j'ai jamais faites !! je suis plombier")
	expect(t, r, bot.Answered, "opposition")
	expect(t, w.say(paul, "et les 600 € ils sont perdus ?"), bot.Answered, "remboursement")

	jo := bot.Message{Channel: bot.ChannelTelegram, ChatID: "95", UserID: "95"}
	r = w.say(jo, "Pompes funèbres à Tourcoing. Une « société partenaire » appelle des familles pour réclamer un acompte par virement, en utilisant notre nom. On n'a aucun partenaire.")
	if r.Outcome == bot.OutOfScope || !strings.Contains(opening(r.Text, 200), "Prévenez vos clients") {
		t.Errorf("a fake partner using the business's name: want the customers warned first:\n%s", r.Text)
	}

	lea := bot.Message{Channel: bot.ChannelTelegram, ChatID: "96", UserID: "96"}
	r = w.say(lea, "Ma secrétaire a reçu un mail à mon nom pour acheter des cartes Transcash pour un fournisseur. Elle en a acheté pour 2 000 € au tabac et a envoyé les codes. On fait quoi ?")
	if !strings.Contains(opening(r.Text, 300), "émetteur des cartes") {
		t.Errorf("coupons already bought: want the card for who has bought them:\n%s", r.Text)
	}
}

// Questions from a fresh set: titres-restaurant are a payment question (not off-remit), a
// phone stolen told in SMS (« on ma volé mon tel ») gets the stolen-device card, a sender
// address on one's own domain gets how to set it up.
func TestFreshOwnerQuestions(t *testing.T) {
	w := newWorld(t)
	expect(t, w.say(marie, "on me demande si je prends les cartes ticket resto (swile, edenred...) a la sandwicherie, c complike ? ya des frais ?"), bot.Answered, "titres-restaurant")
	paul := bot.Message{Channel: bot.ChannelTelegram, ChatID: "97", UserID: "97"}
	r := w.say(paul, "on ma volé mon tel au marché ce matin (jsuis primeur). ya tout dessus insta banque mails whatsapp. jfais quoi en 1er")
	if !strings.Contains(opening(r.Text, 400), "opérateur") {
		t.Errorf("a stolen phone: want the operator and the bank first:\n%s", r.Text)
	}
	jo := bot.Message{Channel: bot.ChannelTelegram, ChatID: "98", UserID: "98"}
	expect(t, w.say(jo, "Comment je fais pour envoyer mes mails depuis contact@velos-voiron.fr plutôt que depuis mon gmail ? J'ai déjà le nom de domaine chez OVH."), bot.Answered, "Envoyer des e-mails en tant que")
}

// An emergency told by an owner who also asks to be called gets the emergency steps first,
// whatever their confidence, and the coach on top — not the offer of a coach alone.
func TestAnEmergencyWithACallRequestGetsTheStepsFirst(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "Je viens de payer 89 € par carte sur un site pour « renouveler mon nom de domaine » après un mail qui ressemblait à OVH. Mon frère dit que je me suis fait avoir. Je suis moniteur d'escalade à Briançon, appelez-moi svp.")
	if !strings.Contains(opening(r.Text, 200), "opposition") {
		t.Errorf("a card paid on a fake site, with a call request: want the bank first:\n%s", r.Text)
	}
	if !strings.Contains(r.Text, "coach") {
		t.Errorf("the call request lost its coach:\n%s", r.Text)
	}
}

// How to avoid it again, asked after the steps of an emergency in a message that names its own
// subject (« c'est fait, j'ai changé le mot de passe. et pour éviter que ça se reproduise ? »),
// goes on with the emergency: prevention advice from the guide of the incident.
func TestPreventionAfterAnEmergencyGoesOn(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "j'ai reçu un mail « Meta : votre page sera supprimée », j'ai cliqué et j'ai mis mon mot de passe et le code reçu par SMS")
	r := w.say(marie, "c'est fait, j'ai changé le mot de passe. et pour éviter que ça se reproduise ?")
	if len(r.Sources) == 0 || r.Sources[0].Topic != "cybersecurite" || strings.Contains(r.Text, "Wi-Fi") {
		t.Errorf("prevention after a phishing: want the security guides, got %+v:\n%s", r.Sources, r.Text)
	}
}

// « refuser la carte en dessous de 10 € » is about payment cards: answered, not refused as
// out of scope.
func TestCardMinimumIsInScope(t *testing.T) {
	w := newWorld(t)
	expect(t, w.say(marie, "j'ai le droit de refuser la carte en dessous de 10 € ?"), bot.Answered, "affich")
}

// « et sur Facebook ? » after a question on Google's hours asks for Facebook's hours, not one
// more card of the Google listing.
func TestFollowUpOnAnotherService(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "J'ai une friterie à Armentières. Depuis le 1er mai, Google affiche qu'on est fermés le vendredi soir, alors que c'est notre plus gros soir ! J'avais juste mis des horaires spéciaux pour le férié.")
	r := w.say(marie, "et sur Facebook ?")
	if !strings.HasPrefix(r.Text, "Sur Facebook") {
		t.Errorf("« et sur Facebook ? »: want how to change the hours of the Facebook Page, got:\n%s", r.Text)
	}
}

// Two questions, one of them on a risk to the owner's money: that answer is read first.
func TestSecurityAnswerComesFirst(t *testing.T) {
	r := newWorld(t).say(marie, "Je vends des meubles sur Leboncoin avec un compte pro. Les options payantes pour remonter l'annonce, ça vaut le coup ? Et un acheteur veut me payer via un lien « paiement sécurisé » qu'il m'envoie par WhatsApp, c'est normal ?")
	scam, options := strings.Index(r.Text, "faux paiement sécurisé"), strings.Index(r.Text, "remontent l'annonce")
	if scam < 0 || options < 0 || scam > options {
		t.Errorf("want the scam answered, before the paid options:\n%s", r.Text)
	}
}

// During an emergency, an owner who says what they have done and asks what next gets the
// steps left, even while a session is being booked, not a reminder of the booking.
func TestEmergencyStepsLeft(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "mon tel pro a plus de réseau depuis ce matin et je viens de recevoir un mail de mon opérateur « votre nouvelle carte SIM est activée ». j'ai rien demandé ! je suis plombier à Saint-Nazaire")
	r := w.say(marie, "j'ai appelé l'opérateur depuis le fixe d'une cliente, ils confirment qu'une nouvelle SIM a été faite à mon nom. ils la bloquent. je fais quoi maintenant ?")
	expect(t, r, bot.Answered, "Il vous reste", "banque", "plainte")
	if strings.Contains(r.Text, "votre opérateur pour bloquer la ligne") {
		t.Errorf("the step the owner has done is sent again:\n%s", r.Text)
	}
}

// « Comment je crée ma fiche Google ? » asks how to do it, not whether someone else may.
func TestHowToIsNotDelegation(t *testing.T) {
	r := newWorld(t).say(marie, "Je suis carreleur à Aubagne, comment je crée ma fiche Google ?")
	if strings.Contains(r.Text, "par quelqu'un d'autre") || !strings.Contains(r.Text, "Google Maps") {
		t.Errorf("how to create the profile got the card on having it made:\n%s", r.Text)
	}
}
