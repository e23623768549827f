package bot

import (
	"context"
	"fmt"
	"time"
)

// Demo identities: in `coachbot chat`, "/moi coach" chats as the first demo coach.
const (
	DemoCoachUserID = "coach-camille"
)

// SeedDemo fills an empty store with clearly labelled demo coaches, their slots over the next
// two weeks, and a few workshops, so that the whole flow can be tried on the embedded default.
// Coaches are reached on the terminal channel.
func SeedDemo(ctx context.Context, s Store, now time.Time) error {
	coaches := []Coach{
		{Name: "Camille (démo)", Channel: ChannelTerminal, UserID: DemoCoachUserID, Regions: []string{"IDF"}, Address: "CCI Paris Île-de-France, 8 avenue de la Porte de Champerret, 75017 Paris (adresse de démonstration)", Active: true, Demo: true},
		{Name: "Karim (démo)", Channel: ChannelTerminal, UserID: "coach-karim", Regions: []string{"PAC"}, Address: "CCI Marseille (adresse de démonstration)", Active: true, Demo: true},
		{Name: "Sophie (démo)", Channel: ChannelTerminal, UserID: "coach-sophie", Regions: []string{"ARA"}, Address: "CCI Lyon (adresse de démonstration)", Active: true, Demo: true},
		{Name: "Thomas (démo)", Channel: ChannelTerminal, UserID: "coach-thomas", Regions: []string{"HDF"}, Address: "CCI Lille (adresse de démonstration)", Active: true, Demo: true},
	}
	day := time.Date(now.In(Paris).Year(), now.In(Paris).Month(), now.In(Paris).Day(), 0, 0, 0, 0, Paris)
	for i, c := range coaches {
		c, err := s.AddCoach(ctx, c)
		if err != nil {
			return fmt.Errorf("seed demo coach: %w", err)
		}
		var slots []Slot
		for d := 1; d <= 14; d++ {
			date := day.AddDate(0, 0, d)
			if wd := date.Weekday(); wd == time.Saturday || wd == time.Sunday {
				continue
			}
			// each coach works a different rhythm, so that proposals mix coaches and modes
			if (d+i)%2 == 0 {
				continue
			}
			at := func(h, m int) time.Time { return time.Date(date.Year(), date.Month(), date.Day(), h, m, 0, 0, Paris) }
			slots = append(slots,
				Slot{CoachID: c.ID, Start: at(9+i, 30), End: at(10+i, 15), Mode: ModeVisio},
				Slot{CoachID: c.ID, Start: at(14, 0), End: at(14, 45), Mode: ModeOnSite, Address: c.Address},
				Slot{CoachID: c.ID, Start: at(16, 30), End: at(17, 0), Mode: ModePhone},
			)
		}
		if _, err := s.AddSlots(ctx, slots); err != nil {
			return fmt.Errorf("seed demo slots: %w", err)
		}
	}
	at := func(d, h int) time.Time {
		date := day.AddDate(0, 0, d)
		for date.Weekday() == time.Saturday || date.Weekday() == time.Sunday {
			date = date.AddDate(0, 0, 1)
		}
		return time.Date(date.Year(), date.Month(), date.Day(), h, 0, 0, 0, Paris)
	}
	for _, w := range []Workshop{
		{Title: "Créer et animer sa fiche Google (démo)", Topic: "fiche-etablissement", Start: at(6, 9), End: at(6, 12), Mode: ModeOnSite, Place: "CCI Lyon (adresse de démonstration)", Region: "ARA", Capacity: 12},
		{Title: "Réseaux sociaux : par où commencer (démo)", Topic: "reseaux-sociaux", Start: at(8, 14), End: at(8, 16), Mode: ModeVisio, Place: "en visio", Capacity: 30},
		{Title: "Sécuriser son entreprise en cinq gestes (démo)", Topic: "cybersecurite", Start: at(10, 9), End: at(10, 12), Mode: ModeOnSite, Place: "CCI Lille (adresse de démonstration)", Region: "HDF", Capacity: 10},
		{Title: "Se lancer dans la vente en ligne (démo)", Topic: "vente-en-ligne", Start: at(13, 14), End: at(13, 17), Mode: ModeOnSite, Place: "CCI Paris (adresse de démonstration)", Region: "IDF", Capacity: 2},
	} {
		w.Demo = true
		if _, err := s.AddWorkshop(ctx, w); err != nil {
			return fmt.Errorf("seed demo workshop: %w", err)
		}
	}
	return nil
}
