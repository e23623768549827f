package bot

import (
	"context"
	"encoding/json"
	"time"
)

// Export is everything coachbot keeps about one person, as /mesdonnees returns it.
type Export struct {
	ExportedAt    time.Time      `json:"exported_at"`
	Channel       string         `json:"channel"`
	UserID        string         `json:"user_id"`
	RetentionDays int            `json:"retention_days"`
	Activity      string         `json:"activity,omitempty"`
	PostalCode    string         `json:"postal_code,omitempty"`
	Messages      []Turn         `json:"messages"`
	Bookings      []Booking      `json:"bookings"`
	Workshops     []Registration `json:"workshop_registrations"`
	Cases         []Case         `json:"cases"`
}

// exportData answers /mesdonnees with a JSON file of the owner's data.
func (b *Bot) exportData(ctx context.Context, t *turnCtx) Reply {
	m := t.m
	u := t.user()
	turns, err := b.store.UserTurns(ctx, u)
	if err != nil {
		return b.storeError(m, "export turns", err)
	}
	bks, err := b.store.UserBookings(ctx, u, time.Time{})
	if err != nil {
		return b.storeError(m, "export bookings", err)
	}
	regs, err := b.store.UserRegistrations(ctx, u, time.Time{})
	if err != nil {
		return b.storeError(m, "export registrations", err)
	}
	cases, err := b.store.ListCases(ctx)
	if err != nil {
		return b.storeError(m, "export cases", err)
	}
	ex := Export{ExportedAt: t.now, Channel: m.Channel, UserID: m.UserID, RetentionDays: b.cfg.RetentionDays,
		Activity: t.conv.State.Activity, PostalCode: t.conv.State.PostalCode,
		Messages: nonNilTurns(turns), Bookings: bks, Workshops: regs, Cases: []Case{}}
	if ex.Bookings == nil {
		ex.Bookings = []Booking{}
	}
	if ex.Workshops == nil {
		ex.Workshops = []Registration{}
	}
	for _, c := range cases {
		if c.Owner.Channel == m.Channel && c.UserID == m.UserID && c.UserID != "" {
			ex.Cases = append(ex.Cases, c)
		}
	}
	data, err := json.MarshalIndent(ex, "", "  ")
	if err != nil {
		return b.storeError(m, "encode export", err)
	}
	d := b.data(m)
	d["Messages"] = len(ex.Messages)
	d["Bookings"] = len(ex.Bookings)
	d["Workshops"] = len(ex.Workshops)
	d["Cases"] = len(ex.Cases)
	return Reply{Text: b.say("export", d), Outcome: Command,
		Attachments: []Attachment{{Name: "mes-donnees-coachbot.json", MIME: "application/json", Data: data}}}
}

func nonNilTurns(ts []Turn) []Turn {
	if ts == nil {
		return []Turn{}
	}
	return ts
}

// forget erases the owner everywhere: messages and conversation state, personal fields of
// cases and bookings, workshop registrations; future bookings are cancelled and their coaches
// told. Nothing of this exchange is stored afterwards.
func (b *Bot) forget(ctx context.Context, t *turnCtx) Reply {
	m := t.m
	u := t.user()
	cancelled, err := b.store.ForgetUserBookings(ctx, u, t.now)
	if err != nil {
		return b.storeError(m, "forget bookings", err)
	}
	for _, bk := range cancelled {
		b.notifyCoachOfCancel(ctx, bk, t, true)
	}
	if _, err := b.store.ForgetUserRegistrations(ctx, u); err != nil {
		return b.storeError(m, "forget registrations", err)
	}
	if _, err := b.store.ForgetUserCases(ctx, u); err != nil {
		return b.storeError(m, "forget cases", err)
	}
	n, err := b.store.ForgetUser(ctx, u)
	if err != nil {
		return b.storeError(m, "forget conversations", err)
	}
	t.forgotten = true
	d := b.data(m)
	d["Messages"] = n
	d["Cancelled"] = len(cancelled)
	b.log.Info("user data erased", "channel", m.Channel, "turns", n, "bookings_cancelled", len(cancelled))
	return Reply{Text: b.say("forgotten", d), Outcome: Command}
}

// Purge deletes the conversations untouched for longer than the retention period.
func (b *Bot) Purge(ctx context.Context) (int, error) {
	before := b.cfg.Now().AddDate(0, 0, -b.cfg.RetentionDays)
	return b.store.PurgeBefore(ctx, before)
}
