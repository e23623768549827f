package bot

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/coachbot/coachbot/bot/answer"
	"github.com/coachbot/coachbot/knowledge"
)

// wantsWorkshops recognises a question about the collective workshops ("y a-t-il des ateliers
// près de chez moi ?"), as opposed to a question about a workshop's content.
func wantsWorkshops(text string) bool {
	words := knowledge.Words(text)
	has := func(ws ...string) bool {
		for _, w := range words {
			if slices.Contains(ws, w) {
				return true
			}
		}
		return false
	}
	if !has("atelier", "ateliers", "formation", "formations", "webinaire", "webinaires", "session", "sessions") {
		return false
	}
	// "un commercial est passé à l'atelier", "dans mon atelier", "on tient un atelier de
	// réparation de vélos": the owner's workshop, a place
	workshop := false
	for i, w := range words {
		if w == "atelier" && !answer.WorkshopIsAPlace(words, i) && (i == 0 || words[i-1] != "de") {
			workshop = true
		}
	}
	if answer.UrgentTold(text) {
		// "(atelier à Dieulefit) … on a changé mon compte bancaire, le prochain versement …": an
		// emergency is never a question about workshops
		return false
	}
	if len(words) > 40 && !has("ateliers", "collectif", "collectifs", "collective", "collectives", "webinaire", "webinaires") {
		// a long story names its own workshop in passing; a question about the programme's
		// workshops says so in so many words
		workshop = false
	}
	collective := workshop || has("ateliers", "collectif", "collectifs", "collective", "collectives", "groupe", "webinaire", "webinaires")
	thereAre := false
	for i := 0; i+1 < len(words); i++ {
		if words[i] == "y" && words[i+1] == "a" {
			thereAre = true
		}
	}
	when := thereAre || has("prochain", "prochains", "prochaine", "prochaines", "quand", "date", "dates", "inscrire", "inscription", "inscris", "minscrire",
		"pres", "proche", "ville", "region", "liste", "programme", "calendrier", "organisez", "proposez", "faites", "faisez", "existe", "ya", "dispo", "disponibles")
	return collective && when
}

func workshopPlace(w Workshop) string {
	if w.Mode == ModeVisio {
		return "en visio"
	}
	return w.Place
}

// listWorkshops answers /ateliers: upcoming workshops, those of the owner's region and in visio
// first, with a button to register; and the owner's registrations.
func (b *Bot) listWorkshops(ctx context.Context, t *turnCtx) Reply {
	m := t.m
	all, err := b.store.UpcomingWorkshops(ctx, t.now)
	if err != nil {
		return b.storeError(m, "list workshops", err)
	}
	regs, err := b.store.UserRegistrations(ctx, t.user(), t.now)
	if err != nil {
		return b.storeError(m, "list registrations", err)
	}
	region := t.conv.State.Region
	mine := map[int64]int64{}
	for _, r := range regs {
		mine[r.WorkshopID] = r.ID
	}
	near := func(w Workshop) int {
		switch {
		case region != "" && w.Region == region:
			return 0
		case w.Mode == ModeVisio:
			return 1
		}
		return 2
	}
	slices.SortStableFunc(all, func(a, b Workshop) int { return near(a) - near(b) })
	d := b.data(m)
	d["Region"] = RegionName(region)
	if len(all) == 0 {
		return Reply{Text: b.say("no_workshops", d), Outcome: Command}
	}
	var lines []string
	var rows [][]Button
	for i, w := range all {
		if i == 6 {
			break
		}
		seats := w.Capacity - w.Taken
		state := fmt.Sprintf("%d places restantes", seats)
		switch {
		case mine[w.ID] != 0:
			state = "vous êtes inscrit"
		case seats <= 0:
			state = "complet"
		case seats == 1:
			state = "dernière place"
		}
		where := workshopPlace(w)
		if w.Mode != ModeVisio && w.Region != "" {
			where += ", " + RegionName(w.Region)
		}
		lines = append(lines, fmt.Sprintf("%d. « %s » — %s, %s (%s)", i+1, w.Title, FormatDateTimeFrom(w.Start, t.now), where, state))
		switch {
		case mine[w.ID] != 0:
			rows = append(rows, []Button{{Label: "Se désinscrire : " + w.Title, Action: Action{Kind: ActWSCancel, Arg: fmt.Sprint(mine[w.ID])}}})
		case seats > 0:
			rows = append(rows, []Button{{Label: "S'inscrire : " + w.Title, Action: Action{Kind: ActWorkshop, Arg: fmt.Sprint(w.ID)}}})
		}
	}
	d["Lines"] = strings.Join(lines, "\n")
	r := Reply{Text: b.say("workshops", d), Outcome: Command, Buttons: rows}
	if src, ok := b.guideFor(ctx, workshopsQuery); ok {
		// what the list says of the workshops (free, with the CCI) comes from their guide
		r.Sources = []Source{src}
		r.Text = strings.Replace(r.Text, " :\n", " [1] :\n", 1)
	}
	return r
}

// workshopsQuery finds the guide that describes the collective workshops.
const workshopsQuery = "les ateliers collectifs gratuits du programme"

// registerWorkshop takes a seat; the store enforces the capacity.
func (b *Bot) registerWorkshop(ctx context.Context, t *turnCtx, id int64) Reply {
	m := t.m
	d := b.data(m)
	w, err := b.store.Workshop(ctx, id)
	if err != nil {
		return b.storeError(m, "read workshop", err)
	}
	d["Title"] = w.Title
	if !w.Start.After(t.now) {
		return Reply{Text: b.say("workshop_past", d), Outcome: Command}
	}
	r, err := b.store.Register(ctx, Registration{WorkshopID: id, Owner: t.owner(), UserID: m.UserID, CreatedAt: t.now})
	if errors.Is(err, ErrConflict) {
		regs, _ := b.store.UserRegistrations(ctx, t.user(), t.now)
		for _, x := range regs {
			if x.WorkshopID == id {
				return Reply{Text: b.say("workshop_already", d), Outcome: Command}
			}
		}
		return Reply{Text: b.say("workshop_full", d), Outcome: Command, Buttons: [][]Button{{{Label: "Voir les autres ateliers", Action: Action{Kind: ActWorkshopsLs}}}}}
	}
	if err != nil {
		return b.storeError(m, "register", err)
	}
	d["When"] = FormatDateTimeFrom(w.Start, t.now)
	d["Place"] = workshopPlace(w)
	ics := ICS(Event{UID: fmt.Sprintf("atelier-%d-%d@coachbot", w.ID, r.ID), Start: w.Start, End: w.End,
		Summary: "Atelier : " + w.Title, Description: "Atelier collectif gratuit du programme d'accompagnement numérique. Pour vous désinscrire : /annuler.",
		Location: workshopPlace(w), Stamp: t.now})
	return Reply{Text: b.say("workshop_registered", d), Outcome: Booked,
		Attachments: []Attachment{{Name: fmt.Sprintf("atelier-%d.ics", w.ID), MIME: "text/calendar", Data: ics}}}
}

func (b *Bot) cancelRegistration(ctx context.Context, t *turnCtx, id int64) Reply {
	m := t.m
	d := b.data(m)
	regs, err := b.store.UserRegistrations(ctx, t.user(), t.now)
	if err != nil {
		return b.storeError(m, "list registrations", err)
	}
	for _, r := range regs {
		if r.ID != id {
			continue
		}
		if _, err := b.store.CancelRegistration(ctx, id); err != nil && !errors.Is(err, ErrConflict) {
			return b.storeError(m, "cancel registration", err)
		}
		d["Title"] = r.Workshop.Title
		return Reply{Text: b.say("workshop_cancelled", d), Outcome: Command}
	}
	return Reply{Text: b.say("stale_button", d), Outcome: Command}
}
