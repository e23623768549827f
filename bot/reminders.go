package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// RemindLead: reminders are sent the day before, 24 hours ahead, for sessions and workshops
// booked more than 24 hours ahead (a later booking has its confirmation fresh in mind, which
// says so).
const RemindLead = 24 * time.Hour

// SendReminders reminds owners of their sessions and workshops starting within RemindLead,
// once each (the store marks them, so several replicas may call it), with a button to cancel
// and free the place. It returns how many reminders it sent. A reminder marked but not
// delivered (the platform failed) is not sent again.
func (b *Bot) SendReminders(ctx context.Context) (int, error) {
	now := b.cfg.Now()
	var errs []error
	sent := 0
	bks, err := b.store.DueBookingReminders(ctx, now, RemindLead)
	if err != nil {
		errs = append(errs, err)
	}
	for _, bk := range bks {
		d := map[string]any{"When": reminderWhen(bk.Slot.Start, now), "Coach": bk.Coach.Name, "Mode": modeLabel(bk.Slot.Mode), "Ref": bk.Ref, "Address": ""}
		if bk.Slot.Mode == ModeOnSite {
			d["Address"] = bk.Slot.Address
		}
		b.notify(ctx, bk.Owner, Reply{Text: b.say("reminder_booking", d), Outcome: Command,
			Buttons: [][]Button{{{Label: "Annuler ce rendez-vous", Action: Action{Kind: ActCancel, Arg: fmt.Sprint(bk.ID)}}}}})
		sent++
	}
	regs, err := b.store.DueWorkshopReminders(ctx, now, RemindLead)
	if err != nil {
		errs = append(errs, err)
	}
	for _, r := range regs {
		d := map[string]any{"Title": r.Workshop.Title, "When": reminderWhen(r.Workshop.Start, now), "Place": workshopPlace(r.Workshop)}
		b.notify(ctx, r.Owner, Reply{Text: b.say("reminder_workshop", d), Outcome: Command,
			Buttons: [][]Button{{{Label: "Me désinscrire", Action: Action{Kind: ActWSCancel, Arg: fmt.Sprint(r.ID)}}}}})
		sent++
	}
	return sent, errors.Join(errs...)
}

// reminderWhen says when, the day before: "demain, mardi 2 décembre, à 10 h 30", or
// "aujourd'hui à 10 h 30".
func reminderWhen(t, now time.Time) string {
	day := func(x time.Time) time.Time {
		x = x.In(Paris)
		return time.Date(x.Year(), x.Month(), x.Day(), 0, 0, 0, 0, time.UTC)
	}
	switch day(t).Sub(day(now)) {
	case 0:
		return "aujourd'hui à " + FormatTime(t)
	case 24 * time.Hour:
		return "demain, " + FormatDateFrom(t, now) + ", à " + FormatTime(t)
	}
	return FormatDateTimeFrom(t, now)
}
