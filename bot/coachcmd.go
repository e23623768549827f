package bot

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// coachCommand runs a coach command; the sender is a registered, active coach.
func (b *Bot) coachCommand(ctx context.Context, t *turnCtx, cmd Cmd) Reply {
	m := t.m
	d := b.data(m)
	d["Coach"] = t.coach.Name
	idArg, rest, _ := strings.Cut(strings.TrimSpace(cmd.Args), " ")
	id, idErr := strconv.ParseInt(strings.TrimPrefix(idArg, "#"), 10, 64)
	needID := func(usage string) (Reply, bool) {
		if idErr != nil || id <= 0 {
			d["Usage"] = usage
			return Reply{Text: b.say("coach_usage", d), Outcome: Command}, false
		}
		return Reply{}, true
	}
	switch cmd.Name {
	case "cas":
		if idArg == "" {
			return b.listCases(ctx, t)
		}
		if r, ok := needID("/cas N"); !ok {
			return r
		}
		c, err := b.store.Case(ctx, id)
		if err != nil {
			return b.caseError(m, id, err)
		}
		return Reply{Text: b.CaseSummary(ctx, c, t.now), Outcome: Command, Buttons: caseButtons(c.ID)}
	case "prendre":
		if r, ok := needID("/prendre N"); !ok {
			return r
		}
		c, err := b.store.ClaimCase(ctx, id, t.coach.ID)
		if errors.Is(err, ErrConflict) {
			d["ID"] = id
			d["By"] = b.coachName(ctx, c.CoachID)
			d["Status"] = c.Status
			return Reply{Text: b.say("case_taken", d), Outcome: Command}
		}
		if err != nil {
			return b.caseError(m, id, err)
		}
		d["ID"] = id
		b.notify(ctx, c.Owner, Reply{Text: b.say("owner_case_claimed", d), Outcome: Command})
		return Reply{Text: b.say("case_claimed", d) + "\n\n" + b.CaseSummary(ctx, c, t.now), Outcome: Command}
	case "repondre":
		if r, ok := needID("/repondre N votre message"); !ok {
			return r
		}
		text := strings.TrimSpace(rest)
		if text == "" {
			d["Usage"] = "/repondre N votre message"
			return Reply{Text: b.say("coach_usage", d), Outcome: Command}
		}
		c, err := b.store.Case(ctx, id)
		if err != nil {
			return b.caseError(m, id, err)
		}
		d["ID"] = id
		switch {
		case c.Status == CaseClosed:
			return Reply{Text: b.say("case_closed_already", d), Outcome: Command}
		case c.Status == CaseClaimed && c.CoachID != t.coach.ID:
			d["By"] = b.coachName(ctx, c.CoachID)
			d["Status"] = c.Status
			return Reply{Text: b.say("case_taken", d), Outcome: Command}
		case c.Status == CaseOpen:
			// answering is taking the case
			if c, err = b.store.ClaimCase(ctx, id, t.coach.ID); err != nil {
				if errors.Is(err, ErrConflict) {
					d["By"] = b.coachName(ctx, c.CoachID)
					d["Status"] = c.Status
					return Reply{Text: b.say("case_taken", d), Outcome: Command}
				}
				return b.caseError(m, id, err)
			}
		}
		if c.Owner.ChatID == "" {
			return Reply{Text: b.say("case_owner_gone", d), Outcome: Command}
		}
		d["Text"] = text
		b.notify(ctx, c.Owner, Reply{Text: b.say("owner_coach_message", d), Outcome: Command})
		if err := b.store.AppendTurns(ctx, Turn{Key: c.Owner, UserID: c.UserID, At: t.now, Role: RoleCoach, Text: text}); err != nil {
			b.log.Error("store coach message", "err", err)
		}
		return Reply{Text: b.say("coach_message_sent", d), Outcome: Command}
	case "clore":
		if r, ok := needID("/clore N note"); !ok {
			return r
		}
		c, err := b.store.Case(ctx, id)
		if err != nil {
			return b.caseError(m, id, err)
		}
		d["ID"] = id
		if c.Status == CaseClaimed && c.CoachID != t.coach.ID {
			d["By"] = b.coachName(ctx, c.CoachID)
			d["Status"] = c.Status
			return Reply{Text: b.say("case_taken", d), Outcome: Command}
		}
		if _, err := b.store.CloseCase(ctx, id, t.coach.ID, strings.TrimSpace(rest)); err != nil {
			if errors.Is(err, ErrConflict) {
				return Reply{Text: b.say("case_closed_already", d), Outcome: Command}
			}
			return b.caseError(m, id, err)
		}
		return Reply{Text: b.say("case_closed", d), Outcome: Command}
	case "dispo":
		return b.dispo(ctx, t, strings.TrimSpace(cmd.Args))
	}
	return Reply{Text: b.say("unknown_command", d), Outcome: Command}
}

func (b *Bot) coachName(ctx context.Context, id int64) string {
	if c, err := b.store.Coach(ctx, id); err == nil {
		return c.Name
	}
	return "un autre coach"
}

func (b *Bot) caseError(m Message, id int64, err error) Reply {
	if errors.Is(err, ErrNotFound) {
		d := b.data(m)
		d["ID"] = id
		return Reply{Text: b.say("case_unknown", d), Outcome: Command}
	}
	return b.storeError(m, "case", err)
}

// listCases answers /cas: open and claimed cases, newest first.
func (b *Bot) listCases(ctx context.Context, t *turnCtx) Reply {
	cases, err := b.store.ListCases(ctx, CaseOpen, CaseClaimed)
	if err != nil {
		return b.storeError(t.m, "list cases", err)
	}
	d := b.data(t.m)
	if len(cases) == 0 {
		return Reply{Text: b.say("no_cases", d), Outcome: Command}
	}
	var lines []string
	for i, c := range cases {
		if i == 15 {
			lines = append(lines, fmt.Sprintf("… et %d autres.", len(cases)-15))
			break
		}
		lines = append(lines, "- "+b.caseLine(ctx, c, t.now))
	}
	d["Lines"] = strings.Join(lines, "\n")
	return Reply{Text: b.say("cases", d), Outcome: Command}
}

func (b *Bot) caseLine(ctx context.Context, c Case, now time.Time) string {
	status := "ouvert"
	if c.Status == CaseClaimed {
		status = "pris par " + b.coachName(ctx, c.CoachID)
	}
	what := c.Activity
	if what == "" {
		what = "activité non précisée"
	}
	where := RegionName(c.Region)
	if where == "" {
		where = "lieu non précisé"
	}
	label := reasonLabels[c.Reason]
	if label == "" {
		label = c.Reason
	}
	return fmt.Sprintf("n° %d · %s · %s (%s) · %s · %s", c.ID, status, what, where, label, ago(c.CreatedAt, now))
}

// ago says in French how long ago t was.
func ago(t, now time.Time) string {
	d := now.Sub(t)
	switch {
	case d < time.Minute:
		return "à l'instant"
	case d < time.Hour:
		return fmt.Sprintf("il y a %d min", int(d.Minutes()))
	case d < 48*time.Hour:
		return fmt.Sprintf("il y a %d h", int(d.Hours()))
	}
	return fmt.Sprintf("il y a %d jours", int(d.Hours()/24))
}

// dispo publishes the coach's availability (/dispo PATTERN) or lists it (/dispo).
func (b *Bot) dispo(ctx context.Context, t *turnCtx, text string) Reply {
	m := t.m
	d := b.data(m)
	if text == "" {
		slots, err := b.store.CoachSlots(ctx, t.coach.ID, t.now)
		if err != nil {
			return b.storeError(m, "list coach slots", err)
		}
		var lines []string
		for i, s := range slots {
			if i == 12 {
				lines = append(lines, fmt.Sprintf("… et %d autres.", len(slots)-12))
				break
			}
			state := "libre"
			if s.Booked {
				state = "réservé"
			}
			lines = append(lines, fmt.Sprintf("- %s, %s : %s", FormatDateTimeFrom(s.Start, t.now), modeLabel(s.Mode), state))
		}
		d["Lines"] = strings.Join(lines, "\n")
		return Reply{Text: b.say("dispo_list", d), Outcome: Command}
	}
	av, err := ParseAvailability(text, t.now)
	if err != nil {
		d["Error"] = err.Error()
		return Reply{Text: b.say("dispo_error", d), Outcome: Command}
	}
	slots := make([]Slot, len(av.Starts))
	for i, s := range av.Starts {
		slots[i] = Slot{CoachID: t.coach.ID, Start: s, End: s.Add(av.Duration), Mode: av.Mode}
		if av.Mode == ModeOnSite {
			slots[i].Address = t.coach.Address
		}
	}
	added, err := b.store.AddSlots(ctx, slots)
	if errors.Is(err, ErrConflict) {
		return Reply{Text: b.say("dispo_overlap", d), Outcome: Command}
	}
	if err != nil {
		return b.storeError(m, "add slots", err)
	}
	d["N"] = len(added)
	d["First"] = FormatDateTimeFrom(added[0].Start, t.now)
	d["Last"] = FormatDateTimeFrom(added[len(added)-1].Start, t.now)
	d["Mode"] = modeLabel(av.Mode)
	return Reply{Text: b.say("dispo_added", d), Outcome: Command}
}
