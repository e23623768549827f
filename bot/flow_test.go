package bot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/bot/bottest"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/knowledgetest"
)

// world is the core on the embedded default with demo data, a recording notifier and a
// fixed clock: Monday 30 November 2026, 10:00 in Paris.
type world struct {
	t     *testing.T
	bot   *bot.Bot
	store *memory.Store
	notes *bottest.Notifier
	now   time.Time
}

var testNow = time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)

func newWorld(t *testing.T, opts ...func(*bot.Config)) *world {
	t.Helper()
	ctx := context.Background()
	idx := memory.NewIndex()
	emb := knowledge.NewHashEmbedder()
	if _, err := knowledge.Ingest(ctx, idx, emb, knowledgetest.Bundled(t), knowledge.IngestOptions{}); err != nil {
		t.Fatal(err)
	}
	w := &world{t: t, store: memory.NewStore(), notes: &bottest.Notifier{}, now: testNow}
	if err := bot.SeedDemo(ctx, w.store, w.now); err != nil {
		t.Fatal(err)
	}
	cfg := bot.Config{Retriever: knowledge.NewRetriever(idx, emb, knowledge.Options{}), Store: w.store,
		Notifier: w.notes, Now: func() time.Time { return w.now }}
	for _, o := range opts {
		o(&cfg)
	}
	b, err := bot.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	w.bot = b
	return w
}

// owner and coach identities of the tests
var (
	marie   = bot.Message{Channel: bot.ChannelTelegram, ChatID: "501", UserID: "501", UserName: "Marie"}
	camille = bot.Message{Channel: bot.ChannelTerminal, ChatID: bot.DemoCoachUserID, UserID: bot.DemoCoachUserID}
)

func (w *world) say(who bot.Message, text string) bot.Reply {
	w.t.Helper()
	who.Text = text
	return w.bot.Handle(context.Background(), who)
}

func (w *world) press(who bot.Message, a bot.Action) bot.Reply {
	w.t.Helper()
	who.Action = &a
	return w.bot.Handle(context.Background(), who)
}

func expect(t *testing.T, r bot.Reply, outcome bot.Outcome, contains ...string) {
	t.Helper()
	if r.Outcome != outcome {
		t.Errorf("outcome %s, want %s; reply:\n%s", r.Outcome, outcome, r.Text)
	}
	for _, c := range contains {
		if !strings.Contains(r.Text, c) {
			t.Errorf("reply lacks %q:\n%s", c, r.Text)
		}
	}
}

func buttonOf(t *testing.T, r bot.Reply, kind string) bot.Action {
	t.Helper()
	for _, row := range r.Buttons {
		for _, b := range row {
			if b.Action.Kind == kind {
				return b.Action
			}
		}
	}
	t.Fatalf("no %q button in %+v", kind, r.Buttons)
	return bot.Action{}
}

func TestOwnerJourney(t *testing.T) {
	w := newWorld(t)
	expect(t, w.say(marie, "/start"), bot.Command, "Bonjour Marie", "180 jours", "/oubli")
	r := w.say(marie, "comment creer ma fiche google")
	expect(t, r, bot.Answered, "[1]")
	r = w.say(marie, "je voudrais parler a un coach")
	expect(t, r, bot.Escalated, "activité")
	if !r.Escalate || r.EscalationReason != bot.ReasonExplicit {
		t.Errorf("escalation not recorded: %+v", r)
	}
	cases, _ := w.store.ListCases(context.Background())
	if len(cases) != 1 || cases[0].Reason != bot.ReasonExplicit || len(cases[0].Questions) < 2 || len(cases[0].Guides) == 0 {
		t.Fatalf("case not opened with the history: %+v", cases)
	}
	expect(t, w.say(marie, "fleuriste"), bot.Escalated, "code postal")
	expect(t, w.say(marie, "mon code c'est le 75011"), bot.Escalated, "créneaux libres", "1. ")
	// coaches of Île-de-France were told about the case, with buttons
	notes := w.notes.To(bot.ConvKey{Channel: bot.ChannelTerminal, ChatID: bot.DemoCoachUserID})
	if len(notes) != 1 || !strings.Contains(notes[0].Reply.Text, "fleuriste") || !strings.Contains(notes[0].Reply.Text, "Île-de-France (75011)") {
		t.Fatalf("coach not notified of the case: %+v", notes)
	}
	r = w.say(marie, "1")
	expect(t, r, bot.Booked, "C'est réservé", "heure de Paris", "Référence : RDV-")
	if len(r.Attachments) != 1 || !bytes.Contains(r.Attachments[0].Data, []byte("BEGIN:VEVENT")) {
		t.Fatalf("no .ics attachment: %+v", r.Attachments)
	}
	bks, _ := w.store.UserBookings(context.Background(), bot.UserKey{Channel: marie.Channel, UserID: marie.UserID}, w.now)
	if len(bks) != 1 || bks[0].Activity != "fleuriste" || bks[0].PostalCode != "75011" {
		t.Fatalf("booking not stored: %+v", bks)
	}
	if !strings.Contains(r.Text, bks[0].Ref) {
		t.Errorf("confirmation does not give the reference %s", bks[0].Ref)
	}
	expect(t, w.say(marie, "/rdv"), bot.Command, bks[0].Ref, bks[0].Coach.Name)
	r = w.say(marie, "/annuler")
	expect(t, r, bot.Command)
	r = w.press(marie, buttonOf(t, r, bot.ActCancel))
	expect(t, r, bot.Command, "annulé", "libéré")
	coachNotes := w.notes.To(bot.ConvKey{Channel: bks[0].Coach.Channel, ChatID: bks[0].Coach.ChatID})
	if last := coachNotes[len(coachNotes)-1]; !strings.Contains(last.Reply.Text, "annulé") {
		t.Errorf("coach not told of the cancellation: %q", last.Reply.Text)
	}
	expect(t, w.say(marie, "/rdv"), bot.Command, "aucun rendez-vous")
	if free, _ := w.store.FreeSlots(context.Background(), "IDF", w.now, 50); !containsSlot(free, bks[0].SlotID) {
		t.Error("cancelled slot not free again")
	}
}

func containsSlot(ss []bot.Slot, id int64) bool {
	for _, s := range ss {
		if s.ID == id {
			return true
		}
	}
	return false
}

func TestBookingSurvivesARestart(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "/coach")
	w.say(marie, "boulangerie")
	// a new core on the same store: the conversation continues where it was
	w2 := *w
	b, err := bot.New(bot.Config{Retriever: knowledge.NewRetriever(memory.NewIndex(), knowledge.NewHashEmbedder(), knowledge.Options{}), Store: w.store, Notifier: w.notes, Now: func() time.Time { return w.now }})
	if err != nil {
		t.Fatal(err)
	}
	w2.bot = b
	expect(t, w2.say(marie, "69003"), bot.Escalated, "créneaux libres")
	expect(t, w2.say(marie, "2"), bot.Booked, "C'est réservé")
}

func TestSlotTakenMeanwhileGetsNewProposals(t *testing.T) {
	w := newWorld(t)
	paul := bot.Message{Channel: bot.ChannelDiscord, ChatID: "dm-9", UserID: "9", UserName: "Paul"}
	for _, who := range []bot.Message{marie, paul} {
		w.say(who, "/coach")
		w.say(who, "plombier")
		w.say(who, "Lyon")
	}
	expect(t, w.say(paul, "1"), bot.Booked)
	r := w.say(marie, "1")
	expect(t, r, bot.Escalated, "vient d'être pris", "créneaux libres")
	expect(t, w.say(marie, "1"), bot.Booked)
}

func TestStaleAndForgedButtons(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "/coach")
	w.say(marie, "fleuriste")
	w.say(marie, "75011")
	w.say(marie, "1")
	bks, _ := w.store.UserBookings(context.Background(), bot.UserKey{Channel: marie.Channel, UserID: marie.UserID}, w.now)
	intruder := bot.Message{Channel: bot.ChannelTelegram, ChatID: "666", UserID: "666"}
	r := w.press(intruder, bot.Action{Kind: bot.ActCancel, Arg: fmt.Sprint(bks[0].ID)})
	expect(t, r, bot.Command, "plus valable")
	if b, _ := w.store.Booking(context.Background(), bks[0].ID); b.Status != bot.BookingConfirmed {
		t.Fatal("someone else cancelled Marie's booking with a forged button")
	}
	expect(t, w.press(intruder, bot.Action{Kind: bot.ActClaim, Arg: "1"}), bot.Command, "réservée aux coaches")
	expect(t, w.press(intruder, bot.Action{Kind: "nonsense", Arg: "x"}), bot.Command, "plus valable")
	expect(t, w.press(intruder, bot.Action{Kind: bot.ActSlot, Arg: "abc"}), bot.Command)
	expect(t, w.press(intruder, bot.Action{Kind: bot.ActForgetYes}), bot.Command, "plus valable")
	if n, _ := w.store.UserTurns(context.Background(), bot.UserKey{Channel: marie.Channel, UserID: marie.UserID}); len(n) == 0 {
		t.Error("a forged erasure button erased someone")
	}
}

func TestCoachSide(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "je veux un rdv avec un conseiller")
	w.say(marie, "coiffeuse")
	w.say(marie, "75020")
	expect(t, w.say(camille, "/cas"), bot.Command, "coiffeuse", "Île-de-France")
	cases, _ := w.store.ListCases(context.Background())
	id := fmt.Sprint(cases[0].ID)
	expect(t, w.say(camille, "/cas "+id), bot.Command, "Cas n° "+id, "Activité : coiffeuse", "Questions posées", "Motif")
	expect(t, w.say(camille, "/prendre "+id), bot.Command, "Vous prenez en charge")
	if n := w.notes.To(bot.ConvKey{Channel: marie.Channel, ChatID: marie.ChatID}); len(n) == 0 || !strings.Contains(n[len(n)-1].Reply.Text, "s'occupe de votre demande") {
		t.Error("owner not told that a coach took the case")
	}
	karim := bot.Message{Channel: bot.ChannelTerminal, ChatID: "coach-karim", UserID: "coach-karim"}
	expect(t, w.say(karim, "/prendre "+id), bot.Command, "déjà pris en charge par Camille")
	expect(t, w.say(karim, "/repondre "+id+" bonjour"), bot.Command, "déjà pris en charge")
	expect(t, w.say(camille, "/repondre "+id+" Bonjour Marie, je vous propose de regarder votre fiche Google ensemble."), bot.Command, "transmis")
	n := w.notes.To(bot.ConvKey{Channel: marie.Channel, ChatID: marie.ChatID})
	if last := n[len(n)-1].Reply.Text; !strings.Contains(last, "Message de Camille (démo), votre coach") || !strings.Contains(last, "« Bonjour Marie") {
		t.Errorf("coach's answer not relayed as the coach's words: %q", last)
	}
	expect(t, w.say(camille, "/clore "+id+" rappel fait"), bot.Command, "est clos")
	expect(t, w.say(camille, "/clore "+id), bot.Command, "déjà clos")
	expect(t, w.say(camille, "/prendre 999"), bot.Command, "Je ne trouve pas le cas n° 999")
	expect(t, w.say(camille, "/prendre abc"), bot.Command, "Utilisation")
	// an owner cannot use coach commands
	expect(t, w.say(marie, "/cas"), bot.Command, "réservée aux coaches")
	expect(t, w.say(marie, "/prendre "+id), bot.Command, "réservée aux coaches")
}

func TestCoachPublishesAvailability(t *testing.T) {
	w := newWorld(t)
	r := w.say(camille, "/dispo samedi 9h-12h, créneaux de 45 min, 2 semaines")
	expect(t, r, bot.Command, "8 créneau(x) ajouté(s)")
	expect(t, w.say(camille, "/dispo samedi 9h-12h, créneaux de 45 min, 2 semaines"), bot.Command, "chevauchent")
	expect(t, w.say(camille, "/dispo n'importe quoi"), bot.Command, "Exemple")
	expect(t, w.say(camille, "/dispo"), bot.Command, "Vos prochains créneaux")
}

func TestWorkshops(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "y a t il des ateliers pres de chez moi ?")
	expect(t, r, bot.Answered, "ateliers collectifs")
	paul := bot.Message{Channel: bot.ChannelDiscord, ChatID: "dm-9", UserID: "9"}
	ws, _ := w.store.UpcomingWorkshops(context.Background(), w.now)
	var small bot.Workshop
	for _, x := range ws {
		if x.Capacity == 2 {
			small = x
		}
	}
	reg := bot.Action{Kind: bot.ActWorkshop, Arg: fmt.Sprint(small.ID)}
	r = w.press(marie, reg)
	expect(t, r, bot.Booked, "Vous êtes inscrit")
	if len(r.Attachments) != 1 {
		t.Error("no calendar file for the workshop")
	}
	expect(t, w.press(marie, reg), bot.Command, "déjà inscrit")
	expect(t, w.press(paul, reg), bot.Booked)
	third := bot.Message{Channel: bot.ChannelTelegram, ChatID: "3", UserID: "3"}
	expect(t, w.press(third, reg), bot.Command, "complet")
	r = w.say(marie, "/ateliers")
	expect(t, r, bot.Command, "vous êtes inscrit")
	expect(t, w.press(marie, buttonOf(t, r, bot.ActWSCancel)), bot.Command, "annulée")
	expect(t, w.press(third, reg), bot.Booked)
}

func TestPrivacy(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "comment avoir plus d'avis google ?")
	w.say(marie, "/coach")
	w.say(marie, "restaurant")
	w.say(marie, "13001")
	w.say(marie, "1")
	r := w.say(marie, "/mesdonnees")
	expect(t, r, bot.Command, "fichier joint")
	var ex bot.Export
	if len(r.Attachments) != 1 || json.Unmarshal(r.Attachments[0].Data, &ex) != nil {
		t.Fatalf("no JSON export: %+v", r.Attachments)
	}
	if len(ex.Messages) < 8 || len(ex.Bookings) != 1 || len(ex.Cases) != 1 || ex.Cases[0].Activity != "restaurant" {
		t.Errorf("export incomplete: %d messages, %d bookings, %+v", len(ex.Messages), len(ex.Bookings), ex.Cases)
	}
	bks, _ := w.store.UserBookings(context.Background(), bot.UserKey{Channel: marie.Channel, UserID: marie.UserID}, w.now)
	coach := bot.ConvKey{Channel: bks[0].Coach.Channel, ChatID: bks[0].Coach.ChatID}
	expect(t, w.say(marie, "/oubli"), bot.Command, "définitif")
	expect(t, w.say(marie, "non"), bot.Command, "rien n'est effacé")
	r = w.say(marie, "/oubli")
	r = w.press(marie, buttonOf(t, r, bot.ActForgetYes))
	expect(t, r, bot.Command, "vos données sont effacées", "1 rendez-vous annulé")
	user := bot.UserKey{Channel: marie.Channel, UserID: marie.UserID}
	if turns, _ := w.store.UserTurns(context.Background(), user); len(turns) != 0 {
		t.Errorf("%d messages survived the erasure", len(turns))
	}
	if _, found, _ := w.store.Conversation(context.Background(), bot.ConvKey{Channel: marie.Channel, ChatID: marie.ChatID}); found {
		t.Error("conversation state survived the erasure")
	}
	c, _ := w.store.Case(context.Background(), bks[0].CaseID)
	if c.Activity != "" || c.PostalCode != "" || c.UserID != "" || len(c.Questions) != 0 {
		t.Errorf("case keeps personal fields: %+v", c)
	}
	b, _ := w.store.Booking(context.Background(), bks[0].ID)
	if b.Status != bot.BookingCancelled || b.UserID != "" || b.Activity != "" {
		t.Errorf("booking keeps personal fields or is still confirmed: %+v", b)
	}
	if n := w.notes.To(coach); !strings.Contains(n[len(n)-1].Reply.Text, "effacé ses données") {
		t.Errorf("coach not told of the cancelled booking: %q", n[len(n)-1].Reply.Text)
	}
}

func TestRetentionPurge(t *testing.T) {
	w := newWorld(t)
	w.say(marie, "bonjour")
	w.now = w.now.AddDate(0, 0, 181)
	paul := bot.Message{Channel: bot.ChannelDiscord, ChatID: "dm-9", UserID: "9"}
	w.say(paul, "bonjour")
	n, err := w.bot.Purge(context.Background())
	if err != nil || n != 1 {
		t.Fatalf("Purge: %d %v, want Marie's old conversation", n, err)
	}
	if turns, _ := w.store.UserTurns(context.Background(), bot.UserKey{Channel: paul.Channel, UserID: paul.UserID}); len(turns) == 0 {
		t.Error("recent conversation purged")
	}
}

func TestFollowUpQuestions(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "comment creer une page facebook pour mon salon")
	expect(t, r, bot.Answered)
	r = w.say(marie, "et pour instagram ?")
	expect(t, r, bot.Answered)
	if len(r.Sources) == 0 || r.Sources[0].GuideID != "instagram-professionnel" {
		t.Errorf("follow-up about Instagram: sources %+v", r.Sources)
	}
	w.say(marie, "je voudrais faire un site vitrine")
	r = w.say(marie, "combien ça coûte ?")
	if len(r.Sources) == 0 || (r.Sources[0].Topic != "site-web" && r.Sources[0].Topic != "financement") || !strings.Contains(r.Text, "€") {
		t.Errorf("follow-up about the cost of a website: %+v\n%s", r.Sources, r.Text)
	}
}

func TestCyberEmergencyGivesFirstStepsThenACoach(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "aidez moi mes fichiers sont chiffres et on me demande une rancon !!")
	expect(t, r, bot.Escalated, "activité")
	if r.EscalationReason != bot.ReasonCyberUrgent || len(r.Sources) == 0 || r.Sources[0].Topic != "cybersecurite" {
		t.Errorf("cyber emergency: reason %q sources %+v", r.EscalationReason, r.Sources)
	}
}

// Where others read (a Discord thread), the core asks nothing personal.
func TestPublicEscalationStaysPrivate(t *testing.T) {
	w := newWorld(t)
	pub := bot.Message{Channel: bot.ChannelDiscord, ChatID: "t:thread-1", UserID: "42", Public: true}
	r := w.say(pub, "je voudrais un rdv avec un coach")
	expect(t, r, bot.Escalated, "en privé", "/coach")
	if strings.Contains(r.Text, "code postal") || strings.Contains(r.Text, "activité") {
		t.Errorf("personal questions asked in public: %q", r.Text)
	}
	if c, _, _ := w.store.Conversation(context.Background(), bot.ConvKey{Channel: pub.Channel, ChatID: pub.ChatID}); c.State.Flow != "" {
		t.Errorf("a booking flow started in public: %+v", c.State)
	}
}

// A place given on its own after a question on the programme is told whether the programme's
// coaches work there, from the coaches registered.
func TestCoverageOfAPlace(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "c'est quoi l'accompagnement de la CCI dont vous parlez ?")
	if r.Outcome != bot.Answered {
		t.Fatalf("first answer: %v %q", r.Outcome, r.Text)
	}
	expect(t, w.say(marie, "je suis à Brest"), bot.Answered, "pas de coach présent en Bretagne", "en visio")
	expect(t, w.say(marie, "et si je suis à Lyon ?"), bot.Answered)
	w2 := newWorld(t)
	w2.say(marie, "c'est quoi l'accompagnement de la CCI dont vous parlez ?")
	expect(t, w2.say(marie, "je suis à Marseille"), bot.Answered, "travaillent en Provence-Alpes-Côte d'Azur")
}

// A message asking a digital question and a question outside the remit gets the digital
// answer and who answers the other question, not a refusal of both.
func TestDigitalPartOfAMixedMessage(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "Deux questions : est-ce que je dois payer la TVA chaque trimestre en micro-entreprise ? Et comment créer ma fiche Google ?")
	expect(t, r, bot.Answered, "fiche", "sort du numérique")
	if len(r.Sources) == 0 {
		t.Error("the digital answer should cite its guide")
	}
	// a first message angry at someone else is answered, not met with an apology
	r = w.say(paulMsg(), "Ras le bol !!! J'ai payé une agence pour un site il y a un an, toujours pas en ligne, ils ne répondent plus.")
	if strings.Contains(r.Text, "désolé de ne pas vous avoir aidé") {
		t.Errorf("first message met with an apology for answers never given: %q", r.Text)
	}
}

func paulMsg() bot.Message {
	return bot.Message{Channel: bot.ChannelTelegram, ChatID: "777", UserID: "777", UserName: "Paul"}
}

// A short question asked while a coach is being booked goes on with the question that led to
// the booking, instead of being asked back.
func TestFollowUpDuringBooking(t *testing.T) {
	w := newWorld(t)
	r := w.say(marie, "je voudrais me lancer dans la vente en ligne pour mes légumes, vous pouvez m'aider ?")
	if r.Outcome != bot.Escalated {
		t.Fatalf("request for a person: %v %q", r.Outcome, r.Text)
	}
	r = w.say(marie, "et ça coûte combien ?")
	if r.Outcome == bot.Clarify || strings.Contains(r.Text, "de quoi parlez-vous") {
		t.Errorf("follow-up during booking asked back: %q", r.Text)
	}
	if !strings.Contains(r.Text, "€") {
		t.Errorf("follow-up during booking: want a cost, got %q", r.Text)
	}
}

// Asking the assistant to write reviews is answered with the rule (fake reviews are
// forbidden), not taken as a request for a coach to do it; asking how many sessions one may
// have is a question about the programme, not a booking.
func TestFakeReviewsAndSessionCountAreAnswered(t *testing.T) {
	w := newWorld(t)
	expect(t, w.say(marie, "Vous pouvez m'écrire 5 avis positifs ?"), bot.Answered, "interdit")
	r := newWorld(t).say(marie, "combien de rdv avec le coach j'ai le droit ?")
	if r.Outcome != bot.Answered || strings.Contains(r.Text, "quelle est votre activité") {
		t.Errorf("outcome %s: want an answer, not the booking:\n%s", r.Outcome, r.Text)
	}
}

// How long to keep invoices is answered from the invoicing guide (not the GDPR card on
// customer data, whose durations are other ones); a pay slip is a question for someone else.
func TestInvoiceRetentionAndPaySlips(t *testing.T) {
	w := newWorld(t)
	expect(t, w.say(marie, "combien de temps je dois garder mes factures ?"), bot.Answered, "10 ans")
	expect(t, newWorld(t).say(marie, "ma fiche de paie est fausse"), bot.OutOfScope, "droit du travail")
}

// A member of staff who typed the mailbox password on a fake page, fake invoices sent from
// the address: the steps for a hacked mailbox, not "if you only opened the page". An owner
// who has not paid a new RIB yet gets the card for who is about to pay.
func TestStaffTypedThePasswordAndNothingPaidYet(t *testing.T) {
	r := newWorld(t).say(marie, "Lundi notre secrétaire a reçu un mail « DocuSign – devis à signer », elle a cliqué et a tapé le mot de passe de la boîte mail de l'entreprise sur la page qui s'est ouverte. Depuis ce matin trois clients ont reçu de notre adresse une « facture » avec un nouveau RIB. On n'a rien envoyé. Par quoi on commence ?")
	if strings.Contains(r.Text, "seulement ouvert la page") || !strings.Contains(r.Text, "mot de passe") {
		t.Errorf("want the steps for a hacked mailbox:\n%s", r.Text)
	}
	r = newWorld(t).say(marie, "Notre grossiste nous livre depuis 8 ans. Hier j'ai reçu un mail de sa comptable disant qu'ils ont changé de banque, avec un nouveau RIB en pièce jointe. L'adresse mail ressemble à la leur à une lettre près. Je n'ai encore rien payé. Je fais le virement sur le nouveau RIB ?")
	if !strings.HasPrefix(r.Text, "Non, ne payez pas") {
		t.Errorf("want « Non, ne payez pas » first:\n%s", r.Text)
	}
}

// An owner whose session did not take place hears that it is the programme's fault and is
// offered a new one, not "sorry I did not help you".
func TestMissedSessionIsOwnedAndRebooked(t *testing.T) {
	r := newWorld(t).say(marie, "J'avais rendez-vous avec votre coach mardi à 14 h, personne n'est venu et personne ne m'a prévenue. J'ai fermé la boutique pour rien. C'est pas sérieux.")
	expect(t, r, bot.Escalated, "rendez-vous n'ait pas eu lieu", "nouveau créneau")
	if strings.Contains(r.Text, "pas vous avoir aidé") {
		t.Errorf("the wrong apology:\n%s", r.Text)
	}
	r = newWorld(t).say(marie, "Votre coach devait me rappeler pour ma boutique en ligne, ça fait 3 semaines et toujours rien. C'est sérieux votre truc ?")
	expect(t, r, bot.Escalated, "nouveau créneau")
}

// A SIM swap told as a story that asks "qu'est-ce qui se passe et qu'est-ce que je dois
// faire ?": one answer, the SIM-swap steps, the bank first; not the fake-technician card that
// also calls the bank.
func TestSIMSwapStoryGetsItsSteps(t *testing.T) {
	r := newWorld(t).say(marie, "Hier soir mon téléphone a affiché « pas de service ». Ce matin toujours rien, et j'ai vu un mail de mon opérateur qui confirme « l'activation de votre nouvelle carte SIM », que je n'ai jamais demandée. Sur ma banque pro, il y a deux virements de 2 400 € et 1 900 € vers des comptes que je ne connais pas. Je ne comprends rien, qu'est-ce qui se passe et qu'est-ce que je dois faire ?")
	head := r.Text
	if len(head) > 400 {
		head = head[:400]
	}
	if !strings.Contains(head, "SIM") || !strings.Contains(head, "banque") || strings.Contains(r.Text, "faux technicien") {
		t.Errorf("want the SIM-swap steps, bank first:\n%s", r.Text)
	}
}

// Questions too short to be judged alone ("C'est quoi exactement, et c'est fiable pour
// moi ?") are answered when the message as a whole is in the guides' remit, whatever else it
// mentions ("micro-entreprise").
func TestShortQuestionsJudgedWithTheirMessage(t *testing.T) {
	r := newWorld(t).say(marie, "Mécanicien auto à domicile, micro-entreprise, je n'ai pas de terminal de paiement. Des clients me proposent de payer par « Wero ». C'est quoi exactement, et c'est fiable pour moi ?")
	expect(t, r, bot.Answered, "Paylib")
}
