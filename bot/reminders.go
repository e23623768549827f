package bot

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Reminders are sent the day before: for sessions and workshops starting within the next
// 24 hours, booked more than an hour before (the confirmation is still fresh otherwise).
const (
	remindWithin   = 24 * time.Hour
	remindFreshFor = time.Hour
)

// SendReminders reminds owners of their sessions and workshops starting within 24 hours,
// once each (the store marks them, so several replicas may call it), with a button to cancel
// and free the place. It returns how many reminders it sent. A reminder marked but not
// delivered (the platform failed) is not sent again.
func (b *Bot) SendReminders(ctx context.Context) (int, error) {
	now := b.cfg.Now()
	var errs []error
	sent := 0
	bks, err := b.store.DueBookingReminders(ctx, now, now.Add(remindWithin), now.Add(-remindFreshFor))
	if err != nil {
		errs = append(errs, err)
	}
	for _, bk := range bks {
		d := map[string]any{"When": FormatDateTimeFrom(bk.Slot.Start, now), "Coach": bk.Coach.Name, "Mode": modeLabel(bk.Slot.Mode), "Ref": bk.Ref, "Address": ""}
		if bk.Slot.Mode == ModeOnSite {
			d["Address"] = bk.Slot.Address
		}
		b.notify(ctx, bk.Owner, Reply{Text: b.say("reminder_booking", d), Outcome: Command,
			Buttons: [][]Button{{{Label: "Annuler ce rendez-vous", Action: Action{Kind: ActCancel, Arg: fmt.Sprint(bk.ID)}}}}})
		sent++
	}
	regs, err := b.store.DueWorkshopReminders(ctx, now, now.Add(remindWithin), now.Add(-remindFreshFor))
	if err != nil {
		errs = append(errs, err)
	}
	for _, r := range regs {
		d := map[string]any{"Title": r.Workshop.Title, "When": FormatDateTimeFrom(r.Workshop.Start, now), "Place": workshopPlace(r.Workshop)}
		b.notify(ctx, r.Owner, Reply{Text: b.say("reminder_workshop", d), Outcome: Command,
			Buttons: [][]Button{{{Label: "Me désinscrire", Action: Action{Kind: ActWSCancel, Arg: fmt.Sprint(r.ID)}}}}})
		sent++
	}
	return sent, errors.Join(errs...)
}
