package bot

import (
	"testing"
	"time"
)

func TestFormatZoneIsParis(t *testing.T) {
	if Paris == nil || Paris.String() != "Europe/Paris" {
		t.Fatalf("Paris = %v, want Europe/Paris", Paris)
	}
	winter := time.Date(2026, 1, 15, 12, 0, 0, 0, Paris)
	summer := time.Date(2026, 7, 15, 12, 0, 0, 0, Paris)
	if _, off := winter.Zone(); off != 3600 {
		t.Errorf("winter offset = %d, want 3600", off)
	}
	if _, off := summer.Zone(); off != 7200 {
		t.Errorf("summer offset = %d, want 7200", off)
	}
}

func TestFormatDateTimeFrom(t *testing.T) {
	utc := func(s string) time.Time {
		t.Helper()
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	now2024 := time.Date(2024, 6, 1, 12, 0, 0, 0, Paris)
	now2025 := time.Date(2025, 6, 1, 12, 0, 0, 0, Paris)
	now2026 := time.Date(2026, 6, 1, 12, 0, 0, 0, Paris)
	tests := []struct {
		name string
		t    time.Time
		now  time.Time
		want string
	}{
		{"example", time.Date(2024, 12, 3, 14, 0, 0, 0, Paris), now2024, "mardi 3 décembre à 14 h 00"},
		{"first of the month", time.Date(2025, 12, 1, 9, 30, 0, 0, Paris), now2025, "lundi 1er décembre à 9 h 30"},
		{"minutes padded", time.Date(2026, 5, 6, 9, 5, 0, 0, Paris), now2026, "mercredi 6 mai à 9 h 05"},
		{"midnight", time.Date(2026, 2, 1, 0, 0, 0, 0, Paris), now2026, "dimanche 1er février à 0 h 00"},
		{"other year", time.Date(2027, 1, 4, 9, 30, 0, 0, Paris), now2026, "lundi 4 janvier 2027 à 9 h 30"},
		{"past year", time.Date(2025, 8, 15, 10, 0, 0, 0, Paris), now2026, "vendredi 15 août 2025 à 10 h 00"},
		{"UTC converted, winter", utc("2026-12-03T13:00:00Z"), now2026, "jeudi 3 décembre à 14 h 00"},
		{"UTC converted, summer", utc("2026-07-14T08:00:00Z"), now2026, "mardi 14 juillet à 10 h 00"},
		{"UTC new year's eve is already next year in Paris", utc("2026-12-31T23:30:00Z"), now2026, "vendredi 1er janvier 2027 à 0 h 30"},
		{"now in another zone", utc("2027-01-01T00:30:00Z"), time.Date(2026, 12, 31, 20, 0, 0, 0, time.FixedZone("X", -5*3600)), "vendredi 1er janvier à 1 h 30"},
		// Daylight saving, 2026: last Sunday of March is the 29th, of October the 25th.
		{"day before spring forward", utc("2026-03-28T08:00:00Z"), now2026, "samedi 28 mars à 9 h 00"},
		{"spring forward, 1:59 UTC+1", utc("2026-03-29T00:59:00Z"), now2026, "dimanche 29 mars à 1 h 59"},
		{"spring forward, 3:00 UTC+2", utc("2026-03-29T01:00:00Z"), now2026, "dimanche 29 mars à 3 h 00"},
		{"day after spring forward", utc("2026-03-30T07:00:00Z"), now2026, "lundi 30 mars à 9 h 00"},
		{"fall back, first 2:30", utc("2026-10-25T00:30:00Z"), now2026, "dimanche 25 octobre à 2 h 30"},
		{"fall back, second 2:30", utc("2026-10-25T01:30:00Z"), now2026, "dimanche 25 octobre à 2 h 30"},
		{"day after fall back", utc("2026-10-26T08:00:00Z"), now2026, "lundi 26 octobre à 9 h 00"},
		{"2027 spring forward", utc("2027-03-28T07:00:00Z"), now2026, "dimanche 28 mars 2027 à 9 h 00"},
		{"2027 fall back", utc("2027-10-31T08:00:00Z"), now2026, "dimanche 31 octobre 2027 à 9 h 00"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := FormatDateTimeFrom(tt.t, tt.now); got != tt.want {
				t.Errorf("FormatDateTimeFrom(%v, %v) = %q, want %q", tt.t, tt.now, got, tt.want)
			}
		})
	}
}

func TestFormatNames(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, Paris)
	weekdays := []string{"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"}
	for i, want := range weekdays {
		d := time.Date(2026, 6, 1+i, 12, 0, 0, 0, Paris) // 1 June 2026 is a Monday
		if got := FormatDateFrom(d, now); got[:len(want)] != want {
			t.Errorf("FormatDateFrom(%v) = %q, want it to start with %q", d, got, want)
		}
	}
	months := []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}
	for i, m := range months {
		d := time.Date(2026, time.Month(i+1), 10, 12, 0, 0, 0, Paris)
		want := weekdayName(d) + " 10 " + m
		if got := FormatDateFrom(d, now); got != want {
			t.Errorf("FormatDateFrom(%v) = %q, want %q", d, got, want)
		}
	}
}

func weekdayName(d time.Time) string {
	return [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}[d.Weekday()]
}

func TestFormatTime(t *testing.T) {
	tests := []struct {
		t    time.Time
		want string
	}{
		{time.Date(2026, 12, 3, 14, 0, 0, 0, Paris), "14 h 00"},
		{time.Date(2026, 12, 3, 9, 5, 0, 0, Paris), "9 h 05"},
		{time.Date(2026, 12, 3, 0, 0, 0, 0, Paris), "0 h 00"},
		{time.Date(2026, 12, 3, 23, 59, 59, 0, Paris), "23 h 59"},
		{time.Date(2026, 12, 3, 13, 0, 0, 0, time.UTC), "14 h 00"},
		{time.Date(2026, 7, 3, 13, 0, 0, 0, time.UTC), "15 h 00"},
	}
	for _, tt := range tests {
		if got := FormatTime(tt.t); got != tt.want {
			t.Errorf("FormatTime(%v) = %q, want %q", tt.t, got, tt.want)
		}
	}
}

func TestFormatUsesCurrentYear(t *testing.T) {
	now := time.Now().In(Paris)
	this := time.Date(now.Year(), 3, 1, 10, 0, 0, 0, Paris)
	next := time.Date(now.Year()+1, 3, 1, 10, 0, 0, 0, Paris)
	if got, want := FormatDateTime(this), FormatDateTimeFrom(this, now); got != want {
		t.Errorf("FormatDateTime(%v) = %q, want %q", this, got, want)
	}
	if got, want := FormatDate(next), FormatDateFrom(next, now); got != want {
		t.Errorf("FormatDate(%v) = %q, want %q", next, got, want)
	}
	if got := FormatDate(next); got[len(got)-4:] != next.Format("2006") {
		t.Errorf("FormatDate(%v) = %q, want the year at the end", next, got)
	}
}
