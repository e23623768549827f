package bot

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"
)

// openCase opens a case for the owner's escalation, or reuses the case the conversation
// already has open.
func (b *Bot) openCase(ctx context.Context, t *turnCtx, reason string) (Case, error) {
	if id := t.conv.State.CaseID; id != 0 {
		if c, err := b.store.Case(ctx, id); err == nil && c.Status != CaseClosed {
			return c, nil
		}
	}
	questions, guides := b.history(ctx, t)
	c := Case{Owner: t.owner(), UserID: t.m.UserID, OwnerName: firstName(t.m.UserName), Reason: reason,
		Activity: t.conv.State.Activity, PostalCode: t.conv.State.PostalCode, Region: t.conv.State.Region,
		Questions: questions, Guides: guides, CreatedAt: t.now, UpdatedAt: t.now}
	c, err := b.store.OpenCase(ctx, c)
	if err != nil {
		return Case{}, fmt.Errorf("open case: %w", err)
	}
	if c.Region != "" {
		b.notifyCoachesOfCase(ctx, c, t)
	}
	return c, nil
}

// history returns the owner's recent questions (this message included) and the guides
// already given in the conversation.
func (b *Bot) history(ctx context.Context, t *turnCtx) (questions, guides []string) {
	turns, err := b.store.RecentTurns(ctx, t.conv.Key, 20)
	if err != nil {
		b.log.Error("read history", "err", err)
	}
	for _, tr := range turns {
		switch {
		case tr.Role == RoleOwner && !strings.HasPrefix(tr.Text, "[bouton]") && !strings.HasPrefix(tr.Text, "/"):
			questions = append(questions, shorten(tr.Text, 200))
		case tr.Role == RoleBot:
			for _, g := range tr.Guides {
				if !slices.Contains(guides, g) {
					guides = append(guides, g)
				}
			}
		}
	}
	if t.m.Text != "" && !strings.HasPrefix(t.m.Text, "/") {
		questions = append(questions, shorten(t.m.Text, 200))
	}
	if len(questions) > 6 {
		questions = questions[len(questions)-6:]
	}
	return questions, guides
}

func shorten(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if len([]rune(s)) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}

// updateCase copies what the owner told in the booking flow into their case.
func (b *Bot) updateCase(ctx context.Context, t *turnCtx) error {
	st := t.conv.State
	if st.CaseID == 0 {
		return nil
	}
	c, err := b.store.Case(ctx, st.CaseID)
	if err != nil {
		return err
	}
	c.Activity, c.PostalCode, c.Region, c.UpdatedAt = st.Activity, st.PostalCode, st.Region, t.now
	return b.store.UpdateCase(ctx, c)
}

// caseReady tells the coaches about the case once its region is known.
func (b *Bot) caseReady(ctx context.Context, t *turnCtx) {
	if t.conv.State.CaseID == 0 {
		return
	}
	c, err := b.store.Case(ctx, t.conv.State.CaseID)
	if err != nil || c.Status != CaseOpen {
		return
	}
	b.notifyCoachesOfCase(ctx, c, t)
}

// coachesFor returns the active coaches serving a region, or every active coach when none
// does (visio serves everyone).
func (b *Bot) coachesFor(ctx context.Context, region string) []Coach {
	all, err := b.store.ListCoaches(ctx)
	if err != nil {
		b.log.Error("list coaches", "err", err)
		return nil
	}
	var local, active []Coach
	for _, c := range all {
		if !c.Active {
			continue
		}
		active = append(active, c)
		if slices.Contains(c.Regions, region) {
			local = append(local, c)
		}
	}
	if len(local) > 0 {
		return local
	}
	return active
}

func (b *Bot) notifyCoachesOfCase(ctx context.Context, c Case, t *turnCtx) {
	d := map[string]any{"Summary": b.CaseSummary(ctx, c, t.now), "ID": c.ID}
	r := Reply{Text: b.say("coach_new_case", d), Outcome: Command, Buttons: caseButtons(c.ID)}
	for _, coach := range b.coachesFor(ctx, c.Region) {
		b.notify(ctx, ConvKey{Channel: coach.Channel, ChatID: coach.ChatID}, r)
	}
}

func caseButtons(id int64) [][]Button {
	arg := fmt.Sprint(id)
	return [][]Button{{
		{Label: "Prendre", Action: Action{Kind: ActClaim, Arg: arg}},
		{Label: "Répondre", Action: Action{Kind: ActReplyHint, Arg: arg}},
		{Label: "Clore", Action: Action{Kind: ActClose, Arg: arg}},
	}}
}

func (b *Bot) notifyCoachOfBooking(ctx context.Context, bk Booking, c Case, t *turnCtx) {
	d := map[string]any{"When": FormatDateTimeFrom(bk.Slot.Start, t.now), "Mode": modeLabel(bk.Slot.Mode), "Ref": bk.Ref,
		"Summary": b.CaseSummary(ctx, c, t.now), "ID": c.ID}
	b.notify(ctx, ConvKey{Channel: bk.Coach.Channel, ChatID: bk.Coach.ChatID},
		Reply{Text: b.say("coach_booked", d), Outcome: Command, Buttons: caseButtons(c.ID), Attachments: []Attachment{b.bookingICS(bk)}})
}

func (b *Bot) notifyCoachOfCancel(ctx context.Context, bk Booking, t *turnCtx, erased bool) {
	d := map[string]any{"When": FormatDateTimeFrom(bk.Slot.Start, t.now), "Ref": bk.Ref, "Erased": erased, "Case": bk.CaseID}
	b.notify(ctx, ConvKey{Channel: bk.Coach.Channel, ChatID: bk.Coach.ChatID}, Reply{Text: b.say("coach_cancelled", d), Outcome: Command})
}

// reasonLabels say why a case was opened, for coaches.
var reasonLabels = map[string]string{
	ReasonExplicit:      "demande à parler à un coach",
	ReasonDispute:       "litige avec un prestataire ou question juridique",
	ReasonAccounting:    "question de comptabilité ou de fiscalité",
	ReasonCyberUrgent:   "cyberattaque en cours",
	ReasonFrustration:   "mécontent des réponses",
	ReasonRepeated:      "les réponses ne l'ont pas aidé",
	ReasonLowConfidence: "question mal couverte par les guides",
}

// CaseSummary is the case as a coach reads it in thirty seconds.
func (b *Bot) CaseSummary(ctx context.Context, c Case, now time.Time) string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "Cas n° %d", c.ID)
	if c.OwnerName != "" {
		fmt.Fprintf(&sb, " — %s", c.OwnerName)
	}
	fmt.Fprintf(&sb, " (%s)\n", channelLabel(c.Owner.Channel))
	if s := b.modelSummary(ctx, c); s != "" {
		fmt.Fprintf(&sb, "- En bref (résumé automatique) : %s\n", s)
	}
	activity := c.Activity
	if activity == "" {
		activity = "non précisée"
	}
	fmt.Fprintf(&sb, "- Activité : %s\n", activity)
	where := "non précisé"
	if c.Region != "" {
		where = RegionName(c.Region)
		if c.PostalCode != "" {
			where += " (" + c.PostalCode + ")"
		}
	}
	fmt.Fprintf(&sb, "- Lieu : %s\n", where)
	label := reasonLabels[c.Reason]
	if label == "" {
		label = c.Reason
	}
	fmt.Fprintf(&sb, "- Motif : %s\n", label)
	if len(c.Questions) > 0 {
		sb.WriteString("- Questions posées :\n")
		for _, q := range c.Questions {
			fmt.Fprintf(&sb, "  « %s »\n", q)
		}
	}
	if len(c.Guides) > 0 {
		fmt.Fprintf(&sb, "- Guides déjà donnés : %s\n", strings.Join(c.Guides, ", "))
	} else {
		sb.WriteString("- Guides déjà donnés : aucun\n")
	}
	if c.BookingID != 0 {
		if bk, err := b.store.Booking(ctx, c.BookingID); err == nil {
			status := ""
			if bk.Status == BookingCancelled {
				status = " (annulé)"
			}
			fmt.Fprintf(&sb, "- Rendez-vous : %s, %s avec %s, réf. %s%s\n", FormatDateTimeFrom(bk.Slot.Start, now), modeLabel(bk.Slot.Mode), bk.Coach.Name, bk.Ref, status)
		}
	} else {
		sb.WriteString("- Rendez-vous : pas encore\n")
	}
	statuses := map[string]string{CaseOpen: "ouvert", CaseClaimed: "pris en charge", CaseClosed: "clos"}
	fmt.Fprintf(&sb, "- Statut : %s", statuses[c.Status])
	if c.CoachID != 0 {
		if coach, err := b.store.Coach(ctx, c.CoachID); err == nil {
			fmt.Fprintf(&sb, " par %s", coach.Name)
		}
	}
	if c.CloseNote != "" {
		fmt.Fprintf(&sb, " — note : %s", c.CloseNote)
	}
	return sb.String()
}

func channelLabel(ch string) string {
	switch ch {
	case ChannelTelegram:
		return "Telegram"
	case ChannelDiscord:
		return "Discord"
	case ChannelTerminal:
		return "terminal"
	}
	return ch
}

// summaryTimeout bounds the model's summary of a case; without it the case is sent as is.
const summaryTimeout = 5 * time.Second

// modelSummary is the configured Summarizer's summary of a case, computed once per case and
// number of questions, cleaned of links, mentions and markup; "" when there is none.
func (b *Bot) modelSummary(ctx context.Context, c Case) string {
	if b.cfg.Summarizer == nil || len(c.Questions) == 0 {
		return ""
	}
	key := fmt.Sprintf("%d/%d", c.ID, len(c.Questions))
	b.sumMu.Lock()
	s, ok := b.summaries[key]
	b.sumMu.Unlock()
	if ok {
		return s
	}
	sctx, cancel := context.WithTimeout(ctx, summaryTimeout)
	defer cancel()
	s, err := b.cfg.Summarizer.Summarize(sctx, c)
	if err != nil {
		b.log.Warn("case not summarised by the model", "case", c.ID, "err", err)
		return ""
	}
	s = Sanitize(s)
	for _, re := range []*regexp.Regexp{reMdImage, reScript, reHTMLTag, reURL, reMention, reEmail, rePhone} {
		s = re.ReplaceAllString(s, "")
	}
	s = strings.Join(strings.Fields(s), " ")
	if s == "" || english(s) || reBookingID.MatchString(s) {
		return ""
	}
	if r := []rune(s); len(r) > 400 {
		s = string(r[:400]) + "…"
	}
	b.sumMu.Lock()
	if b.summaries == nil || len(b.summaries) > 10000 {
		b.summaries = map[string]string{}
	}
	b.summaries[key] = s
	b.sumMu.Unlock()
	return s
}
