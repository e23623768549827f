package bot

import (
	"cmp"
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"hash/fnv"
	mrand "math/rand/v2"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/coachbot/coachbot/bot/answer"
	"github.com/coachbot/coachbot/bot/policy"
	"github.com/coachbot/coachbot/knowledge"
)

// escalate opens (or reopens) a case for the owner and starts the booking flow: the core
// asks only what it needs, the activity in a few words and a postal code or region.
func (b *Bot) escalate(ctx context.Context, t *turnCtx, reason string) Reply {
	return b.escalateWith(ctx, t, reason, nil)
}

// answered is an answer already computed for the message.
type answered struct {
	reply Reply
	res   knowledge.Result
}

// escalateWith is escalate with the answer to the message when it was already computed.
func (b *Bot) escalateWith(ctx context.Context, t *turnCtx, reason string, pre *answered) Reply {
	m := t.m
	if m.Public {
		// no activity or postal code asked where others read: the booking goes private
		r := Reply{Text: b.say("escalate_public", b.data(m)), Outcome: Escalated, Escalate: true, EscalationReason: reason,
			Buttons: [][]Button{{{Label: "Parler à un coach", Action: Action{Kind: ActCoach}}}}}
		if reason != ReasonExplicit && m.Action == nil {
			if pre == nil {
				rr, res := b.answerWith(ctx, m, m.Text)
				pre = &answered{rr, res}
			}
			if pre.reply.Outcome == Answered && (reason == ReasonCyberUrgent || pre.res.Confidence >= minGuideConfidence) {
				r.Text = stripOffer(pre.reply.Text, b.say("low_confidence", b.data(m))) + "\n\n" + r.Text
				r.Sources = pre.reply.Sources
			}
		}
		return r
	}
	st := &t.conv.State
	// "trop tard, je peux plus me connecter, ils ont changé le mail" after the steps for a
	// password typed on a fake Meta page: the emergency goes on, read with the previous
	// question, before the booking takes the conversation over
	followed, isFollowUp := b.followUp(t, m.Text)
	prevGuide, prevSent := st.LastGuide, st.Sent
	c, err := b.openCase(ctx, t, reason)
	if err != nil {
		b.log.Error("open case", "err", err)
		return Reply{Text: b.say("error", b.data(m)), Outcome: Error}
	}
	activity, place := st.Activity, Place{PostalCode: st.PostalCode, Department: st.Department, Region: st.Region}
	// the question that led here stays the conversation's: "y a des aides ?" asked while
	// booking goes on with it
	last, lastAt, lastGuide, lastTopic := st.LastQuestion, st.LastAt, st.LastGuide, st.LastTopic
	if m.Action == nil && !strings.HasPrefix(m.Text, "/") && answer.ContentWords(m.Text) >= 4 {
		last, lastAt = m.Text, t.now
		if isFollowUp {
			last = followed
		}
	}
	*st = State{Flow: FlowBooking, Step: StepActivity, Reason: reason, CaseID: c.ID, Activity: activity,
		PostalCode: place.PostalCode, Department: place.Department, Region: place.Region,
		LastQuestion: last, LastAt: lastAt, LastGuide: lastGuide, LastTopic: lastTopic}
	d := b.data(m)
	d["Reason"] = reason
	d["Case"] = c.ID
	var parts []string
	var sources []Source
	urgentTold := answer.UrgentTold(m.Text)
	// "je voudrais me lancer dans la vente en ligne, vous pouvez m'aider ?": a digital question
	// comes with the request for a person, and is answered too
	asksToo := reason == ReasonExplicit && knowledge.DomainSignal(m.Text) && answer.ContentWords(m.Text) >= 6
	if m.Action == nil && !strings.HasPrefix(m.Text, "/") && (reason != ReasonExplicit || urgentTold || asksToo) {
		// What the guides say comes first when they cover the question (the first steps of
		// an attack, how to report a review…); the coach comes on top, not instead.
		if reason == ReasonCyberUrgent || urgentTold {
			// an attack or a fraud in progress, whatever else the message asks (a complaint,
			// a coach): the emergency steps for this incident
			parts, question, prefs := answer.Read(b.clip(m.Text)), m.Text, answer.Prefs{}
			if isFollowUp {
				parts, question = []answer.Part{answer.FollowUp(followed, m.Text)}, followed
				prefs = answer.Prefs{Guide: prevGuide, Weak: true, Avoid: prevSent}
			}
			r, res, ans := b.answerParts(ctx, m, question, urgent(parts), prefs, nil)
			pre = &answered{r, res}
			st.LastQuestion, st.LastAt = question, t.now
			if isFollowUp {
				st.Sent = append(slices.Clone(prevSent), ans.Units...)
			} else {
				st.Sent = ans.Units
			}
			if len(r.Sources) > 0 {
				st.LastGuide, st.LastTopic = r.Sources[0].GuideID, r.Sources[0].Topic
			}
		} else if pre == nil {
			r, res := b.answerWith(ctx, m, m.Text)
			pre = &answered{r, res}
		}
		// an owner annoyed with answers who asks a question again gets it answered, with
		// less certainty required than for a side answer
		floor := minGuideConfidence
		if reason == ReasonFrustration {
			floor = minFrustratedConfidence
		}
		// the steps of an emergency told are sent whatever their confidence, even when the
		// owner asks for a person too (« … je me suis fait avoir, appelez-moi svp »)
		if r, res := pre.reply, pre.res; r.Outcome == Answered && (reason == ReasonCyberUrgent || urgentTold || res.Confidence >= floor) {
			parts = append(parts, stripOffer(r.Text, b.say("low_confidence", d)))
			sources = r.Sources
			t.guides = sourceIDs(r.Sources)
			if len(res.Guides) > 0 {
				t.topic = res.Guides[0].Topic
			}
		}
	}
	offer := b.say("escalate_"+reasonTemplate(reason), d)
	if missedSession(m.Text) {
		// "personne n'est venu à mon rendez-vous": the programme's fault, said as such, and
		// a new session offered
		offer = b.say("escalate_missed", d)
	}
	if reason == ReasonExplicit || reason == ReasonRepeated || reason == ReasonFrustration {
		// what the offer says of the programme comes from its guide: cite it
		if src, ok := b.programmeGuide(ctx, m); ok && len(sources) == 0 {
			sources = []Source{src}
			offer += " [1]"
		}
	}
	parts = append(parts, offer)
	switch {
	case activity == "":
		parts = append(parts, b.say("ask_activity", d))
	case place.Region == "":
		st.Step = StepPostcode
		parts = append(parts, b.say("ask_postcode", d))
	default:
		st.Step = StepSlot
		r := b.offerSlots(ctx, t, strings.Join(parts, "\n\n"))
		r.Outcome, r.Escalate, r.EscalationReason, r.Sources = Escalated, true, reason, sources
		return r
	}
	return Reply{Text: strings.Join(parts, "\n\n"), Sources: sources, Outcome: Escalated, Escalate: true, EscalationReason: reason,
		Buttons: [][]Button{{{Label: "Annuler", Action: Action{Kind: ActStopFlow}}}}}
}

// missedRE finds an owner telling that a session with a coach did not take place: nobody
// came, called or connected (folded words).
var missedRE = regexp.MustCompile(`\bpersonne (?:n )?est (?:venu|venue|passe|passee|jamais venu)\b|\bpersonne ne (?:s )?est (?:presente|connecte|pointe)\b|\bpersonne ne (?:m )?a (?:appele|appelee|rappele|rappelee)\b|\b(?:coach|conseiller|conseillere)(?: \w+){0,3} (?:(?:n )?est (?:pas|jamais) (?:venu|venue|la|venu e)|ne (?:s )?est pas (?:presente|presentee|connecte|connectee)|ne (?:m )?a (?:pas|jamais) (?:appele|appelee|rappele|rappelee)|(?:m )?a pose un lapin)\b|\bpose un lapin\b|\bdevait (?:me |m )?(?:rappeler|appeler|recontacter|contacter)\b.*\b(?:rien|toujours pas|jamais|personne|aucune nouvelle|pas de nouvelle)|\b(?:jamais|pas) (?:ete )?rappele\w*\b|\b(?:rendez vous|rdv|seance)(?: \w+){0,2} (?:manque|rate|n a pas eu lieu|pas eu lieu)\b`)

// missedSession reports whether a message tells that a session with a coach did not take
// place.
func missedSession(text string) bool {
	f := strings.Join(knowledge.Words(text), " ")
	return missedRE.MatchString(f) && sessionRE.MatchString(f)
}

// sessionRE finds a session of the programme (folded words).
var sessionRE = regexp.MustCompile(`\b(?:rdv|rendez vous|coach|coachs|seance|visio|conseiller|conseillere|atelier)\b`)

// bookingQuery finds the guide that describes the free sessions with a coach.
const bookingQuery = "réserver une séance gratuite avec un coach du programme"

// programmeGuide returns the loaded guide that describes booking a coach, if there is one.
func (b *Bot) programmeGuide(ctx context.Context, m Message) (Source, bool) {
	return b.guideFor(ctx, bookingQuery)
}

// guideFor returns the programme's guide (topic accompagnement) that best answers query, when
// the loaded guides are the programme's.
func (b *Bot) guideFor(ctx context.Context, query string) (Source, bool) {
	res, err := b.retrieve(ctx, query)
	if err != nil || !res.Digital || len(res.Guides) == 0 || res.Guides[0].Topic != "accompagnement" {
		return Source{}, false
	}
	return sourceOf(res.Guides[0]), true
}

// stripOffer removes the offer of a coach from an answer that is about to book one.
func stripOffer(text, offer string) string {
	return strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(text), offer))
}

func reasonTemplate(reason string) string {
	switch reason {
	case ReasonDispute, ReasonAccounting, ReasonCyberUrgent, ReasonFrustration, ReasonRepeated:
		return reason
	}
	return ReasonExplicit
}

func sourceIDs(ss []Source) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.GuideID
	}
	return out
}

// continueBooking reads the owner's answer at the current step of the booking flow.
func (b *Bot) continueBooking(ctx context.Context, t *turnCtx) Reply {
	m := t.m
	st := &t.conv.State
	if isNo(m.Text) {
		return b.stopBooking(ctx, t)
	}
	d := b.data(m)
	d["Case"] = st.CaseID
	if b.questionDuringBooking(m.Text, st.Step) {
		return b.answerDuringBooking(ctx, t)
	}
	switch st.Step {
	case StepActivity:
		place, hasPlace := ParsePlace(m.Text)
		activity := activityOf(m.Text)
		if activity == "" && !hasPlace {
			return Reply{Text: b.say("ask_activity", d), Outcome: Clarify}
		}
		if activity != "" {
			st.Activity = activity
		}
		if hasPlace {
			b.setPlace(t, place)
		}
		if err := b.updateCase(ctx, t); err != nil {
			b.log.Error("update case", "err", err)
		}
		if st.Region == "" {
			st.Step = StepPostcode
			return Reply{Text: b.say("ask_postcode", d), Outcome: Escalated, Escalate: true, EscalationReason: st.Reason,
				Buttons: [][]Button{{{Label: "Annuler", Action: Action{Kind: ActStopFlow}}}}}
		}
		b.caseReady(ctx, t)
		return b.offerSlots(ctx, t, "")
	case StepPostcode:
		place, ok := ParsePlace(m.Text)
		if !ok {
			return Reply{Text: b.say("bad_postcode", d), Outcome: Clarify,
				Buttons: [][]Button{{{Label: "Annuler", Action: Action{Kind: ActStopFlow}}}}}
		}
		b.setPlace(t, place)
		if err := b.updateCase(ctx, t); err != nil {
			b.log.Error("update case", "err", err)
		}
		b.caseReady(ctx, t)
		return b.offerSlots(ctx, t, "")
	case StepSlot:
		if k, err := parseChoice(m.Text); err == nil {
			if k < 1 || k > len(st.Offered) {
				return b.offerSlots(ctx, t, b.say("bad_choice", d))
			}
			return b.bookSlot(ctx, t, st.Offered[k-1])
		}
		if place, ok := ParsePlace(m.Text); ok {
			b.setPlace(t, place)
			return b.offerSlots(ctx, t, "")
		}
		return b.offerSlots(ctx, t, b.say("bad_choice", d))
	}
	t.conv.State = State{}
	return b.route(ctx, t)
}

// activityPrefixes are the openings owners put before their activity.
var activityPrefixes = []string{"je suis ", "j'ai un ", "j'ai une ", "j ai un ", "j ai une ", "jai un ", "jai une ",
	"nous sommes ", "on est ", "je tiens un ", "je tiens une ", "je fais ", "je travaille dans ", "mon activité : ",
	"mon activite : ", "mon activité est ", "mon activite est ", "c'est ", "c est ", "activité : ", "activite : ", "chui ", "jsuis "}

// questionDuringBooking reports whether a message written while the booking flow waits for
// an answer is rather a message of its own ("j'ai débranché le câble, j'éteins l'ordi ?",
// "j'ai plus accès à mon mail non plus"): it gives no place, and it asks something or says
// more than an answer to the step would — when the activity is awaited, more than a few
// words naming no trade.
func (b *Bot) questionDuringBooking(text, step string) bool {
	if _, ok := PlaceIn(text); ok {
		return false
	}
	words := len(knowledge.Words(text))
	asks := answer.IsQuestion(text)
	switch step {
	case StepActivity:
		if TradeIn(text) != "" {
			return false
		}
		return asks || words > 6 || knowledge.DomainSignal(text)
	case StepSlot:
		if _, err := parseChoice(text); err == nil {
			return false
		}
	}
	return asks || words > 3
}

// answerDuringBooking answers a question asked in the middle of the booking flow, then says
// what the booking still needs: the flow waits, nothing the owner said is lost.
func (b *Bot) answerDuringBooking(ctx context.Context, t *turnCtx) Reply {
	st := t.conv.State
	d := b.data(t.m)
	d["Step"] = st.Step
	var r Reply
	if e := policy.Rules(t.m.Text); e.Reason == ReasonExplicit || e.Reason == ReasonFrustration {
		// asking again for the person the flow is booking: say what is missing
		r = Reply{Outcome: Escalated, Escalate: true, EscalationReason: st.Reason}
	} else {
		var res knowledge.Result
		r, res = b.answerTurn(ctx, t)
		b.noteAnswer(t, r, res)
		r.Buttons = nil
	}
	if r.Text != "" {
		r.Text += "\n\n"
	}
	r.Text += b.say("booking_pending", d)
	r.Buttons = append(r.Buttons, []Button{{Label: "Annuler le rendez-vous", Action: Action{Kind: ActStopFlow}}})
	return r
}

// activityOf keeps what an owner said of their activity: a few words, without a postal code
// or the "je suis" before it.
func activityOf(text string) string {
	s := strings.TrimSpace(text)
	if p, ok := ParsePlace(s); ok && p.PostalCode != "" {
		s = strings.ReplaceAll(s, p.PostalCode, "")
		if len(p.PostalCode) == 5 {
			s = strings.ReplaceAll(s, p.PostalCode[:2]+" "+p.PostalCode[2:], "")
		}
		s = strings.TrimSpace(s)
	}
	s = strings.Trim(s, " .,;:!?-")
	for _, p := range activityPrefixes {
		if len(s) > len(p) && strings.EqualFold(s[:len(p)], p) {
			s = strings.TrimSpace(s[len(p):])
			break
		}
	}
	if len(knowledge.Words(s)) == 0 {
		return ""
	}
	if utf8.RuneCountInString(s) > 80 {
		s = truncateUTF8(s, 80) + "…"
	}
	return s
}

func (b *Bot) setPlace(t *turnCtx, p Place) {
	st := &t.conv.State
	st.PostalCode, st.Department, st.Region = p.PostalCode, p.Department, p.Region
}

func parseChoice(s string) (int, error) {
	s = strings.Trim(strings.TrimSpace(s), ".)")
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || fmt.Sprint(n) != s {
		return 0, errors.New("not a number")
	}
	return n, nil
}

// offerSlots proposes the next free slots (at most 5) of coaches serving the owner's region,
// visio slots serving everyone.
func (b *Bot) offerSlots(ctx context.Context, t *turnCtx, lead string) Reply {
	m := t.m
	st := &t.conv.State
	slots, err := b.store.FreeSlots(ctx, st.Region, t.now, offerPool)
	if err != nil {
		return b.storeError(m, "list free slots", err)
	}
	slots = spreadOffer(slots, offerCount, t.owner(), t.now)
	d := b.data(m)
	d["Case"] = st.CaseID
	d["Region"] = RegionName(st.Region)
	parts := []string{}
	if lead != "" {
		parts = append(parts, lead)
	}
	if len(slots) == 0 {
		st.Flow, st.Step, st.Offered = "", "", nil
		parts = append(parts, b.say("no_slots", d))
		return Reply{Text: strings.Join(parts, "\n\n"), Outcome: Escalated, Escalate: true, EscalationReason: st.Reason}
	}
	st.Flow, st.Step = FlowBooking, StepSlot
	st.Offered = st.Offered[:0]
	var lines []string
	var buttons [][]Button
	for i, s := range slots {
		st.Offered = append(st.Offered, s.ID)
		lines = append(lines, fmt.Sprintf("%d. %s", i+1, b.describeSlot(s, t)))
		buttons = append(buttons, []Button{{Label: b.slotLabel(s, t), Action: Action{Kind: ActSlot, Arg: fmt.Sprint(s.ID)}}})
	}
	buttons = append(buttons, []Button{{Label: "Annuler", Action: Action{Kind: ActStopFlow}}})
	d["Slots"] = strings.Join(lines, "\n")
	parts = append(parts, b.say("offer_slots", d))
	return Reply{Text: strings.Join(parts, "\n\n"), Outcome: Escalated, Escalate: true, EscalationReason: st.Reason, Buttons: buttons}
}

// Slots offered at once, and the free slots they are chosen from.
const offerCount, offerPool = 5, 15

// spreadOffer chooses n of the free slots (in order of time): the earliest, and the others
// drawn among the rest. Owners booking at the same moment are then not all offered the same
// five slots, which made most of their choices fail with "vient d'être pris" under load.
// The draw depends on the conversation and the time, so that a test can repeat it.
func spreadOffer(slots []Slot, n int, key ConvKey, now time.Time) []Slot {
	if len(slots) <= n {
		return slots
	}
	h := fnv.New64a()
	h.Write([]byte(key.Channel + "\x00" + key.ChatID))
	rng := mrand.New(mrand.NewPCG(h.Sum64(), uint64(now.UnixNano())))
	rest := slices.Clone(slots[1:])
	rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	out := append([]Slot{slots[0]}, rest[:n-1]...)
	slices.SortFunc(out, func(a, b Slot) int {
		if c := a.Start.Compare(b.Start); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// modeLabel says how a session happens, in French.
func modeLabel(mode string) string {
	switch mode {
	case ModePhone:
		return "par téléphone"
	case ModeOnSite:
		return "sur place"
	}
	return "en visio"
}

func (b *Bot) describeSlot(s Slot, t *turnCtx) string {
	out := FormatDateTimeFrom(s.Start, t.now) + ", " + modeLabel(s.Mode) + " avec " + s.CoachName
	if s.Mode == ModeOnSite && s.Address != "" {
		out += " (" + s.Address + ")"
	}
	return out
}

func (b *Bot) slotLabel(s Slot, t *turnCtx) string {
	return FormatDateTimeFrom(s.Start, t.now) + " · " + strings.TrimPrefix(strings.TrimPrefix(modeLabel(s.Mode), "en "), "par ")
}

// bookSlot books a slot for the owner. A slot taken meanwhile gets a clear answer and new
// proposals; the database decides who got it.
func (b *Bot) bookSlot(ctx context.Context, t *turnCtx, slotID int64) Reply {
	m := t.m
	st := &t.conv.State
	d := b.data(m)
	if st.Flow != FlowBooking || st.CaseID == 0 {
		// a slot button from an earlier proposal: still fine if the owner has a case going
		if st.CaseID == 0 {
			return Reply{Text: b.say("stale_slot", d), Outcome: Command, Buttons: [][]Button{{{Label: "Parler à un coach", Action: Action{Kind: ActCoach}}}}}
		}
	}
	ref, err := newRef()
	if err != nil {
		return b.storeError(m, "make reference", err)
	}
	bk, err := b.store.Book(ctx, Booking{Ref: ref, SlotID: slotID, Owner: t.owner(), UserID: m.UserID,
		Activity: st.Activity, PostalCode: st.PostalCode, Region: st.Region, CaseID: st.CaseID, CreatedAt: t.now})
	switch {
	case errors.Is(err, ErrConflict):
		return b.offerSlots(ctx, t, b.say("slot_taken", d))
	case errors.Is(err, ErrNotFound):
		return b.offerSlots(ctx, t, b.say("slot_taken", d))
	case err != nil:
		return b.storeError(m, "book slot", err)
	}
	if !bk.Slot.Start.After(t.now) {
		// the slot started meanwhile: give it back
		if _, err := b.store.CancelBooking(ctx, bk.ID); err != nil {
			b.log.Error("cancel past booking", "err", err)
		}
		return b.offerSlots(ctx, t, b.say("slot_taken", d))
	}
	caseID, reason := st.CaseID, st.Reason
	*st = State{Activity: st.Activity, PostalCode: st.PostalCode, Department: st.Department, Region: st.Region, LastQuestion: st.LastQuestion, LastAt: st.LastAt}
	if c, err := b.store.Case(ctx, caseID); err == nil {
		c.BookingID = bk.ID
		c.UpdatedAt = t.now
		if err := b.store.UpdateCase(ctx, c); err != nil {
			b.log.Error("update case", "err", err)
		}
		b.notifyCoachOfBooking(ctx, bk, c, t)
	}
	d["When"] = FormatDateTimeFrom(bk.Slot.Start, t.now)
	d["Coach"] = bk.Coach.Name
	d["Mode"] = modeLabel(bk.Slot.Mode)
	d["Address"] = ""
	if bk.Slot.Mode == ModeOnSite {
		d["Address"] = bk.Slot.Address
	}
	d["Ref"] = bk.Ref
	d["Reminder"] = bk.Slot.Start.Sub(t.now) > RemindLead
	return Reply{Text: b.say("booked", d), Outcome: Booked, Escalate: true, EscalationReason: reason,
		Attachments: []Attachment{b.bookingICS(bk)}}
}

// newRef returns a short booking reference such as "RDV-7K2F9Q": no 0/O or 1/I to confuse.
func newRef() (string, error) {
	const alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"
	var raw [6]byte
	if _, err := rand.Read(raw[:]); err != nil {
		return "", err
	}
	out := []byte("RDV-")
	for _, c := range raw {
		out = append(out, alphabet[int(c)%len(alphabet)])
	}
	return string(out), nil
}

func (b *Bot) bookingICS(bk Booking) Attachment {
	loc := modeLabel(bk.Slot.Mode)
	if bk.Slot.Mode == ModeOnSite && bk.Slot.Address != "" {
		loc = bk.Slot.Address
	}
	desc := fmt.Sprintf("Séance gratuite d'accompagnement numérique avec %s, coach du programme (%s). Référence %s. Pour annuler : /annuler.", bk.Coach.Name, modeLabel(bk.Slot.Mode), bk.Ref)
	data := ICS(Event{UID: strings.ToLower(bk.Ref) + "@coachbot", Start: bk.Slot.Start, End: bk.Slot.End,
		Summary: "Rendez-vous coaching numérique avec " + bk.Coach.Name, Description: desc, Location: loc, Stamp: bk.CreatedAt})
	return Attachment{Name: "rendez-vous-" + strings.ToLower(bk.Ref) + ".ics", MIME: "text/calendar", Data: data}
}

func (b *Bot) stopBooking(ctx context.Context, t *turnCtx) Reply {
	d := b.data(t.m)
	d["Case"] = t.conv.State.CaseID
	st := t.conv.State
	t.conv.State = State{Activity: st.Activity, PostalCode: st.PostalCode, Department: st.Department, Region: st.Region}
	if st.Flow != FlowBooking {
		return Reply{Text: b.say("stale_button", d), Outcome: Command}
	}
	return Reply{Text: b.say("booking_stopped", d), Outcome: Command}
}

// listBookings answers /rdv: the owner's coming sessions and workshops.
func (b *Bot) listBookings(ctx context.Context, t *turnCtx) Reply {
	m := t.m
	bks, err := b.store.UserBookings(ctx, t.user(), t.now)
	if err != nil {
		return b.storeError(m, "list bookings", err)
	}
	regs, err := b.store.UserRegistrations(ctx, t.user(), t.now)
	if err != nil {
		return b.storeError(m, "list registrations", err)
	}
	d := b.data(m)
	if len(bks) == 0 && len(regs) == 0 {
		return Reply{Text: b.say("no_bookings", d), Outcome: Command, Buttons: [][]Button{{{Label: "Prendre rendez-vous", Action: Action{Kind: ActCoach}}}}}
	}
	var lines []string
	for _, bk := range bks {
		lines = append(lines, "- "+b.describeBooking(bk, t))
	}
	for _, r := range regs {
		lines = append(lines, "- atelier « "+r.Workshop.Title+" », "+FormatDateTimeFrom(r.Workshop.Start, t.now)+", "+workshopPlace(r.Workshop))
	}
	d["Lines"] = strings.Join(lines, "\n")
	return Reply{Text: b.say("bookings", d), Outcome: Command}
}

func (b *Bot) describeBooking(bk Booking, t *turnCtx) string {
	s := FormatDateTimeFrom(bk.Slot.Start, t.now) + ", " + modeLabel(bk.Slot.Mode) + " avec " + bk.Coach.Name
	if bk.Slot.Mode == ModeOnSite && bk.Slot.Address != "" {
		s += " (" + bk.Slot.Address + ")"
	}
	return s + " — réf. " + bk.Ref
}

// cancelCommand answers /annuler [RÉF]: with one booking or a reference, a confirmation
// button; otherwise one button per booking.
func (b *Bot) cancelCommand(ctx context.Context, t *turnCtx, arg string) Reply {
	m := t.m
	bks, err := b.store.UserBookings(ctx, t.user(), t.now)
	if err != nil {
		return b.storeError(m, "list bookings", err)
	}
	regs, err := b.store.UserRegistrations(ctx, t.user(), t.now)
	if err != nil {
		return b.storeError(m, "list registrations", err)
	}
	d := b.data(m)
	if arg = strings.ToUpper(strings.TrimSpace(arg)); arg != "" {
		for _, bk := range bks {
			if bk.Ref == arg || strings.TrimPrefix(bk.Ref, "RDV-") == arg {
				return b.cancelBooking(ctx, t, bk.ID)
			}
		}
		d["Ref"] = arg
		return Reply{Text: b.say("unknown_ref", d), Outcome: Command}
	}
	if len(bks) == 0 && len(regs) == 0 {
		return Reply{Text: b.say("no_bookings", d), Outcome: Command}
	}
	var rows [][]Button
	for _, bk := range bks {
		rows = append(rows, []Button{{Label: "Annuler : " + FormatDateTimeFrom(bk.Slot.Start, t.now) + " avec " + bk.Coach.Name, Action: Action{Kind: ActCancel, Arg: fmt.Sprint(bk.ID)}}})
	}
	for _, r := range regs {
		rows = append(rows, []Button{{Label: "Se désinscrire : " + r.Workshop.Title, Action: Action{Kind: ActWSCancel, Arg: fmt.Sprint(r.ID)}}})
	}
	return Reply{Text: b.say("cancel_which", d), Outcome: Command, Buttons: rows}
}

// cancelBooking cancels one of the owner's bookings (never someone else's), frees the slot
// and tells the coach.
func (b *Bot) cancelBooking(ctx context.Context, t *turnCtx, id int64) Reply {
	m := t.m
	d := b.data(m)
	bk, err := b.store.Booking(ctx, id)
	if err != nil || bk.Owner.Channel != m.Channel || bk.UserID != m.UserID || bk.UserID == "" {
		if err != nil && !errors.Is(err, ErrNotFound) {
			return b.storeError(m, "read booking", err)
		}
		return Reply{Text: b.say("stale_button", d), Outcome: Command}
	}
	if bk.Status != BookingConfirmed {
		return Reply{Text: b.say("already_cancelled", d), Outcome: Command}
	}
	bk, err = b.store.CancelBooking(ctx, id)
	if errors.Is(err, ErrConflict) {
		return Reply{Text: b.say("already_cancelled", d), Outcome: Command}
	}
	if err != nil {
		return b.storeError(m, "cancel booking", err)
	}
	b.notifyCoachOfCancel(ctx, bk, t, false)
	d["When"] = FormatDateTimeFrom(bk.Slot.Start, t.now)
	d["Coach"] = bk.Coach.Name
	d["Ref"] = bk.Ref
	return Reply{Text: b.say("cancelled", d), Outcome: Command}
}
