package bot

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/coachbot/coachbot/bot/answer"
	"github.com/coachbot/coachbot/bot/policy"
	"github.com/coachbot/coachbot/knowledge"
)

// Button actions (Action.Kind). Arguments are ids; every action is checked against the
// sender, so forged callback data cannot act on someone else's booking or case.
const (
	ActHelped      = "helped"    // the answer helped
	ActCoach       = "coach"     // talk to a coach
	ActSlot        = "slot"      // book slot Arg
	ActCancel      = "cancel"    // cancel booking Arg
	ActWorkshop    = "ws"        // register to workshop Arg
	ActWSCancel    = "wsc"       // cancel workshop registration Arg
	ActForgetYes   = "forgetyes" // confirm erasure
	ActForgetNo    = "forgetno"  // keep data
	ActStopFlow    = "stop"      // abandon the booking in progress
	ActClaim       = "claim"     // coach claims case Arg
	ActClose       = "close"     // coach closes case Arg
	ActReplyHint   = "replyhint" // coach wants to answer case Arg
	ActMoreSlots   = "moreslots" // show other slots
	ActWorkshopsLs = "ateliers"  // list workshops
	ActPick        = "pick"      // the owner picks reading Arg of an ambiguous message
)

// Handle answers one message. Work on one conversation is serialised; the message and the
// reply are stored; it always returns a reply with an outcome, errors becoming a polite French
// message and a log line.
func (b *Bot) Handle(ctx context.Context, m Message) Reply {
	start := time.Now()
	r := b.handle(ctx, m)
	if b.cfg.Observe != nil {
		b.cfg.Observe(m, r, time.Since(start))
	}
	return r
}

func (b *Bot) handle(ctx context.Context, m Message) Reply {
	m.Text = Sanitize(m.Text)
	key := ConvKey{Channel: m.Channel, ChatID: m.ChatID}
	var unlock func()
	err := Retry(ctx, b.cfg.StoreRetry, func() (err error) {
		if unlock, err = b.store.Lock(ctx, key); err != nil {
			b.log.Warn("lock conversation", "channel", m.Channel, "err", err)
		}
		return err
	})
	if err != nil {
		b.log.Error("lock conversation", "channel", m.Channel, "err", err)
		return Reply{Text: b.say("error", b.data(m)), Outcome: Error}
	}
	defer unlock()
	var conv Conversation
	err = Retry(ctx, b.cfg.StoreRetry, func() (err error) {
		conv, _, err = b.store.Conversation(ctx, key)
		return err
	})
	if err != nil {
		b.log.Error("load conversation", "channel", m.Channel, "err", err)
		return Reply{Text: b.say("error", b.data(m)), Outcome: Error}
	}
	conv.Key = key
	if m.UserID != "" {
		conv.UserID = m.UserID
	}
	now := b.cfg.Now()
	var coach Coach
	var isCoach bool
	err = Retry(ctx, b.cfg.StoreRetry, func() (err error) {
		coach, isCoach, err = b.store.CoachByUser(ctx, UserKey{Channel: m.Channel, UserID: m.UserID})
		return err
	})
	if err != nil {
		b.log.Error("look up coach", "err", err)
	}
	if m.NoCoachRole {
		isCoach = false
	}
	t := &turnCtx{m: m, conv: &conv, now: now, coach: coach, isCoach: isCoach}
	r := b.route(ctx, t)
	if t.forgotten {
		return r // nothing of this user may be stored any more
	}
	b.record(ctx, t, r)
	conv.UpdatedAt = now
	if err := Retry(ctx, b.cfg.StoreRetry, func() error { return b.store.SaveConversation(ctx, conv) }); err != nil {
		b.log.Error("save conversation", "channel", m.Channel, "err", err)
	}
	return r
}

// turnCtx is what routing one message needs.
type turnCtx struct {
	m         Message
	conv      *Conversation
	now       time.Time
	coach     Coach
	isCoach   bool
	forgotten bool
	// filled by answers, for the record
	topic  string
	guides []string
}

func (t *turnCtx) user() UserKey { return UserKey{Channel: t.m.Channel, UserID: t.m.UserID} }
func (t *turnCtx) owner() ConvKey {
	return ConvKey{Channel: t.m.Channel, ChatID: t.m.ChatID}
}

// record stores the message and the reply.
func (b *Bot) record(ctx context.Context, t *turnCtx, r Reply) {
	text := t.m.Text
	if t.m.Action != nil {
		text = "[bouton] " + t.m.Action.Encode()
	}
	if len(text) > b.cfg.MaxStoredChars {
		text = truncateUTF8(text, b.cfg.MaxStoredChars) + " […] (message tronqué)"
	}
	role := RoleOwner
	if t.isCoach {
		role = RoleCoach
	}
	in := Turn{Key: t.conv.Key, UserID: t.m.UserID, At: t.now, Role: role, Text: text}
	out := Turn{Key: t.conv.Key, UserID: t.m.UserID, At: t.now, Role: RoleBot, Text: r.Text, Outcome: r.Outcome,
		Topic: t.topic, Guides: t.guides, Confidence: r.Confidence, Reason: r.EscalationReason, Tokens: r.Tokens}
	if err := Retry(ctx, b.cfg.StoreRetry, func() error { return b.store.AppendTurns(ctx, in, out) }); err != nil {
		b.log.Error("store turns", "channel", t.m.Channel, "err", err)
	}
}

// route decides what to do with one message.
func (b *Bot) route(ctx context.Context, t *turnCtx) Reply {
	m := t.m
	if m.Action != nil {
		return b.handleAction(ctx, t)
	}
	if m.Text == "" {
		return Reply{Text: b.say("empty", b.data(m)), Outcome: Clarify}
	}
	if cmd, ok := ParseCommand(m.Text); ok {
		return b.handleCommand(ctx, t, cmd)
	}
	if !t.isCoach {
		remember(&t.conv.State, m.Text)
	}
	switch t.conv.State.Flow {
	case FlowBooking:
		return b.continueBooking(ctx, t)
	case FlowForget:
		if isYes(m.Text) {
			return b.forget(ctx, t)
		}
		t.conv.State = State{}
		if !isNo(m.Text) {
			break // another message: answer it normally, the erasure is not confirmed
		}
		return Reply{Text: b.say("forget_kept", b.data(m)), Outcome: Command}
	}
	if kind := classifySmallTalk(m.Text); kind != talkNone && !(kind == talkChitchat && b.goesOn(t)) {
		if kind == talkChitchat {
			// "quelle heure…", "une recette…": not for the programme's guides, but guides of
			// another domain (--guides DIR) may answer it
			if r, res := b.answerWith(ctx, m, m.Text); !res.Digital && r.Outcome == Answered {
				b.noteAnswer(t, r, res)
				return r
			}
		}
		return Reply{Text: b.say(kind, b.data(m)), Outcome: OutOfScope}
	}
	if subjectlessRequest(m.Text) {
		return Reply{Text: b.say("too_short", b.data(m)), Outcome: Clarify}
	}
	e := policy.Classify(m.Text)
	if (e.Reason == ReasonDispute || e.Reason == ReasonOffRemit || e.Reason == ReasonFrustration) && answer.UrgentTold(m.Text) {
		// "un mail des impôts, j'ai cliqué et donné ma carte", "plus de réseau et des
		// virements, c'est quoi ce bordel": an emergency, whatever the other words; its steps
		// come from the security guides
		e = policy.Escalation{Reason: ReasonCyberUrgent, Matched: "emergency told"}
	}
	if e.Reason == ReasonCyberUrgent && answer.IncidentOver(m.Text) {
		// "il a été piraté le mois dernier, j'ai fini par le récupérer": an incident that is
		// over is a question of prevention, for the guides
		e = policy.Escalation{}
	}
	if e.Reason == ReasonFrustration && !b.answeredBefore(t) && knowledge.DomainSignal(m.Text) &&
		(doubtAboutATool(m.Text) || !addressesUs(m.Text) && !givingUp(m.Text) || asksPlainly(m.Text)) {
		// « Instagram, ça ne sert à rien pour un plombier ? », « ras le bol, l'agence ne
		// répond plus », « vos réponses c'est du blabla, un site c'est obligatoire ou pas ? »
		// as a first message: a doubt, an anger or a question to be answered, not
		// frustration with answers the owner never got
		e = policy.Escalation{}
	}
	if w := answer.Wants(m.Text); e.Reason == "" && w&answer.Delegate != 0 && w&answer.Cost == 0 && !knowledge.DomainSignal(m.Text) && answer.ContentWords(m.Text) <= 6 &&
		!answer.Supposes(m.Text) {
		// « pouvez-vous le faire pour moi ? »: someone to do it, which a coach of the programme
		// does with the owner (« si je paye quelqu'un pour le faire, c'est combien ? » asks the
		// price of a provider, « et si on le fait faire par un prestataire, c'est aidé ? »
		// supposes it)
		e = policy.Escalation{Reason: ReasonExplicit, Matched: "someone to do it"}
	}
	if (e.Reason == ReasonDispute || e.Reason == ReasonOffRemit) && b.inConversation(t) {
		// "faut vraiment porter plainte ?" after the steps for a fraud: a follow-up of the
		// question being answered, not a new matter for a lawyer or an accountant
		e = policy.Escalation{}
	}
	if e.Reason != "" {
		if e.Reason == ReasonOffRemit {
			if r, ok := b.answerDigitalPart(ctx, t); ok {
				// "la taxe de séjour ? et comment être mieux placé sur Airbnb ?": the
				// digital question answered, the other one sent to who answers it
				return r
			}
			// the remit is the programme's: guides of another domain (--guides DIR) that
			// answer the question are in their own remit
			r, res := b.answerWith(ctx, m, m.Text)
			// guides of another domain (--guides DIR) that answer it are in their own remit;
			// and when only the model (not the rules) thought it off-remit, an answer of the
			// guides likely to be useful knows better
			if r.Outcome == Answered && (!res.Digital || e.Prob > 0 && r.Confidence >= offRemitOverride && !r.Escalate) {
				b.noteAnswer(t, r, res)
				return r
			}
			return b.offRemit(m)
		}
		if e.Reason == ReasonDispute || e.Reason == ReasonAccounting {
			// The remit is the programme's: guides of another domain (--guides DIR) that
			// answer the question are in their own remit.
			r, res := b.answerWith(ctx, m, m.Text)
			if !res.Digital && r.Outcome == Answered && !r.Escalate {
				b.noteAnswer(t, r, res)
				return r
			}
			return b.escalateWith(ctx, t, e.Reason, &answered{r, res})
		}
		return b.escalate(ctx, t, e.Reason)
	}
	if wantsWorkshops(m.Text) {
		r := b.listWorkshops(ctx, t)
		r.Outcome = Answered
		return r
	}
	r, res := b.answerTurn(ctx, t)
	b.noteAnswer(t, r, res)
	switch {
	case r.Outcome == Answered && !r.Escalate:
		t.conv.State.Unhelpful = 0
	case r.Outcome == Answered || r.Outcome == Clarify:
		t.conv.State.Unhelpful++
		if t.conv.State.Unhelpful >= 3 {
			// three answers in a row that did not help: a person takes over
			t.conv.State.Unhelpful = 0
			return b.escalate(ctx, t, ReasonRepeated)
		}
	}
	return r
}

func (b *Bot) handleCommand(ctx context.Context, t *turnCtx, cmd Cmd) Reply {
	m := t.m
	switch cmd.Name {
	case "start":
		t.conv.State = State{}
		return Reply{Text: b.say("welcome", b.data(m)), Outcome: Command}
	case "aide", "help", "commandes":
		d := b.data(m)
		d["Coach"] = t.isCoach
		return Reply{Text: b.say("help", d), Outcome: Command}
	case "question", "q":
		if cmd.Args == "" {
			return Reply{Text: b.say("too_short", b.data(m)), Outcome: Clarify}
		}
		return b.answer(ctx, m, cmd.Args)
	case "coach", "conseiller", "humain":
		return b.escalate(ctx, t, ReasonExplicit)
	case "rdv", "rendezvous", "mesrdv":
		return b.listBookings(ctx, t)
	case "annuler":
		if t.conv.State.Flow == FlowBooking {
			// the booking in progress stops; an owner who has appointments may have come to
			// cancel one of them, so they are offered too
			r := b.stopBooking(ctx, t)
			if c := b.cancelCommand(ctx, t, ""); len(c.Buttons) > 0 {
				r.Text += "\n\n" + c.Text
				r.Buttons = append(r.Buttons, c.Buttons...)
			}
			return r
		}
		return b.cancelCommand(ctx, t, cmd.Args)
	case "ateliers", "atelier":
		return b.listWorkshops(ctx, t)
	case "mesdonnees", "donnees", "export":
		return b.exportData(ctx, t)
	case "oubli", "oublier", "effacer":
		t.conv.State = State{Flow: FlowForget, Step: StepConfirm}
		return Reply{Text: b.say("forget_confirm", b.data(m)), Outcome: Command, Buttons: [][]Button{{
			{Label: "Oui, tout effacer", Action: Action{Kind: ActForgetYes}},
			{Label: "Non, garder", Action: Action{Kind: ActForgetNo}},
		}}}
	case "cas", "prendre", "repondre", "clore", "dispo":
		if !t.isCoach {
			return Reply{Text: b.say("coach_only", b.data(m)), Outcome: Command}
		}
		return b.coachCommand(ctx, t, cmd)
	}
	return Reply{Text: b.say("unknown_command", b.data(m)), Outcome: Command}
}

func (b *Bot) handleAction(ctx context.Context, t *turnCtx) Reply {
	a := *t.m.Action
	m := t.m
	id, _ := strconv.ParseInt(a.Arg, 10, 64)
	switch a.Kind {
	case ActHelped:
		t.conv.State.Unhelpful = 0
		return Reply{Text: b.say("thanks", b.data(m)), Outcome: Command}
	case ActCoach:
		return b.escalate(ctx, t, ReasonExplicit)
	case ActSlot:
		return b.bookSlot(ctx, t, id)
	case ActMoreSlots:
		return b.offerSlots(ctx, t, "")
	case ActStopFlow:
		return b.stopBooking(ctx, t)
	case ActCancel:
		return b.cancelBooking(ctx, t, id)
	case ActWorkshop:
		return b.registerWorkshop(ctx, t, id)
	case ActWSCancel:
		return b.cancelRegistration(ctx, t, id)
	case ActWorkshopsLs:
		return b.listWorkshops(ctx, t)
	case ActPick:
		r, res := b.pickChoice(ctx, t, int(id))
		b.noteAnswer(t, r, res)
		return r
	case ActForgetYes:
		if t.conv.State.Flow != FlowForget {
			return Reply{Text: b.say("stale_button", b.data(m)), Outcome: Command}
		}
		return b.forget(ctx, t)
	case ActForgetNo:
		t.conv.State = State{}
		return Reply{Text: b.say("forget_kept", b.data(m)), Outcome: Command}
	case ActClaim, ActClose, ActReplyHint:
		if !t.isCoach {
			return Reply{Text: b.say("coach_only", b.data(m)), Outcome: Command}
		}
		switch a.Kind {
		case ActClaim:
			return b.coachCommand(ctx, t, Cmd{Name: "prendre", Args: a.Arg})
		case ActClose:
			return b.coachCommand(ctx, t, Cmd{Name: "clore", Args: a.Arg})
		default:
			d := b.data(m)
			d["ID"] = id
			return Reply{Text: b.say("coach_reply_hint", d), Outcome: Command}
		}
	}
	return Reply{Text: b.say("stale_button", b.data(m)), Outcome: Command}
}

// doubtAboutATool reports whether a message doubts that something is useful ("ça ne sert à
// rien", "c'est inutile") without addressing the assistant or its answers.
func doubtAboutATool(text string) bool {
	n := " " + strings.Join(knowledge.Words(text), " ") + " "
	doubt := strings.Contains(n, " sert a rien ") || strings.Contains(n, " servir a rien ") || strings.Contains(n, " inutile ")
	for _, w := range []string{" vous ", " vos ", " votre ", " tu ", " tes ", " ton ", " bot ", " robot ", " reponses ", " reponse ", " marre "} {
		if strings.Contains(n, w) {
			return false
		}
	}
	return doubt
}

// answerDigitalPart answers, of a message asking several things of which one is outside the
// remit (tax, a lease), the digital questions, and says who answers the other one.
func (b *Bot) answerDigitalPart(ctx context.Context, t *turnCtx) (Reply, bool) {
	m := t.m
	parts := answer.Read(b.clip(m.Text))
	if len(parts) < 2 {
		return Reply{}, false
	}
	var digital []answer.Part
	area := ""
	for _, p := range parts {
		a := policy.OffRemitArea(p.Asked)
		switch {
		case a != "" && !knowledge.DomainSignal(p.Asked):
			if area == "" {
				area = a
			}
		case knowledge.DomainSignal(p.Asked):
			digital = append(digital, p)
		}
	}
	if len(digital) == 0 || area == "" {
		return Reply{}, false
	}
	r, res, _ := b.answerParts(ctx, m, m.Text, digital, answer.Prefs{}, nil)
	if r.Outcome != Answered {
		return Reply{}, false
	}
	d := b.data(m)
	d["Area"] = area
	r.Text += "\n\n" + b.say("off_remit_aside", d)
	b.noteAnswer(t, r, res)
	return r, true
}

// givingUp reports whether an owner says they are about to give up ("je vais tout laisser
// tomber"): a person should take over, whoever the anger is at.
func givingUp(text string) bool {
	n := " " + strings.Join(knowledge.Words(text), " ") + " "
	for _, w := range []string{" laisser tomber ", " laisse tomber ", " abandonner ", " abandonne ", " lache l affaire ",
		" baisse les bras ", " baisser les bras ", " tout arreter ", " j en peux plus ", " n en peux plus "} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// asksPlainly reports whether a message asks a yes/no or a choice plainly ("c'est
// obligatoire ou pas ?").
func asksPlainly(text string) bool {
	n := " " + strings.Join(knowledge.Words(text), " ") + " "
	return answer.IsQuestion(text) && (strings.Contains(n, " ou pas ") || strings.Contains(n, " oui ou non "))
}

// addressesUs reports whether a message speaks to the assistant ("vous", "votre réponse",
// "ce bot"), not only about someone else.
func addressesUs(text string) bool {
	n := " " + strings.Join(knowledge.Words(text), " ") + " "
	for _, w := range []string{" vous ", " vos ", " votre ", " tu ", " tes ", " ton ", " ta ", " te ", " toi ", " t ",
		" bot ", " robot ", " reponses ", " reponse ", " chatbot ", " ia ", " machine ", " coachbot ", " service ",
		" ma question ", " mes questions ", " vos conseils ", " vos etapes ", " methode "} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// answeredBefore reports whether the conversation has a recent answer the owner could be
// frustrated with.
func (b *Bot) answeredBefore(t *turnCtx) bool {
	st := t.conv.State
	return st.LastQuestion != "" && t.now.Sub(st.LastAt) <= followUpWindow
}

// inConversation reports whether a message goes on with the question answered just before:
// a recent question, and a message naming no digital subject of its own.
func (b *Bot) inConversation(t *turnCtx) bool {
	st := t.conv.State
	return st.LastQuestion != "" && t.now.Sub(st.LastAt) <= followUpWindow && !knowledge.DomainSignal(t.m.Text)
}

// offRemitOverride is the answer's confidence (the calibrated probability that it is
// useful) from which the guides' answer is kept for a message the model alone thought
// outside the remit.
const offRemitOverride = 0.75

// offRemit answers a business question outside the programme's digital remit: who can
// answer it, and what the programme does.
func (b *Bot) offRemit(m Message) Reply {
	d := b.data(m)
	d["Area"] = policy.OffRemitArea(m.Text)
	return Reply{Text: b.say("off_remit", d), Outcome: OutOfScope,
		Buttons: [][]Button{{{Label: "Parler à un coach", Action: Action{Kind: ActCoach}}}}}
}

// goesOn reports whether a message carries on the conversation's last answer ("et la
// musique, je peux mettre n'importe quelle chanson ?" after videos for Instagram): it is
// read with it, not taken for chit-chat.
func (b *Bot) goesOn(t *turnCtx) bool {
	st := t.conv.State
	if st.LastQuestion == "" || st.LastGuide == "" || t.now.Sub(st.LastAt) > followUpWindow {
		return false
	}
	words := knowledge.Words(t.m.Text)
	return len(words) > 1 && (words[0] == "et" || words[0] == "mais" || words[0] == "pour") && len(words) <= 16
}

// remember keeps the activity and the place an owner names in passing ("je suis fleuriste
// à Lyon"), so that booking a coach or listing workshops never asks for them again.
func remember(st *State, text string) {
	if st.Activity == "" {
		if a := TradeIn(text); a != "" {
			st.Activity = a
		}
	}
	if p, ok := PlaceIn(text); ok && p.Region != "" {
		st.PostalCode, st.Department, st.Region = p.PostalCode, p.Department, p.Region
	}
}

// noteAnswer keeps what an answer was about, for the record and the reports.
func (b *Bot) noteAnswer(t *turnCtx, r Reply, res knowledge.Result) {
	if len(res.Guides) > 0 && r.Outcome == Answered {
		t.topic = res.Guides[0].Topic
		t.guides = sourceIDs(r.Sources)
	}
}

// notify sends a notification, logging (never showing) a failure.
func (b *Bot) notify(ctx context.Context, to ConvKey, r Reply) {
	if b.cfg.Notifier == nil || to.ChatID == "" {
		b.log.Warn("notification dropped: no notifier", "channel", to.Channel)
		return
	}
	if err := b.cfg.Notifier.Notify(ctx, Notification{To: to, Reply: r}); err != nil {
		b.log.Error("notify", "channel", to.Channel, "err", err)
	}
}

func isYes(s string) bool {
	switch strings.Join(knowledge.Words(s), " ") {
	case "oui", "o", "yes", "ok", "oui effacer", "oui tout effacer", "confirmer", "je confirme", "oui je confirme", "d accord", "daccord", "ouais", "oui oui":
		return true
	}
	return false
}

func isNo(s string) bool {
	switch strings.Join(knowledge.Words(s), " ") {
	case "non", "n", "no", "non merci", "annuler", "stop", "garder", "non garder", "pas maintenant", "laisse tomber", "laissez tomber", "abandonner":
		return true
	}
	return false
}

// userError maps a store error to what the owner is told.
func (b *Bot) storeError(m Message, what string, err error) Reply {
	if errors.Is(err, ErrNotFound) {
		return Reply{Text: b.say("stale_button", b.data(m)), Outcome: Command}
	}
	b.log.Error(what, "channel", m.Channel, "err", err)
	return Reply{Text: b.say("error", b.data(m)), Outcome: Error}
}
