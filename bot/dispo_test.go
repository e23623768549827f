package bot

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// wall writes times as Paris wall-clock time with the UTC offset, to compare in tests.
func wall(ts []time.Time) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.In(Paris).Format("Mon 2006-01-02 15:04 -07:00")
	}
	return out
}

func TestParseAvailabilityAccepted(t *testing.T) {
	// Monday 30 November 2026, 10:00 in Paris.
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, Paris)
	tests := []struct {
		text     string
		now      time.Time
		want     []string
		duration time.Duration
		mode     string
	}{
		{
			text: "mardi 9 h–12 h, créneaux de 45 min, 4 semaines",
			want: []string{
				"Tue 2026-12-01 09:00 +01:00", "Tue 2026-12-01 09:45 +01:00", "Tue 2026-12-01 10:30 +01:00", "Tue 2026-12-01 11:15 +01:00",
				"Tue 2026-12-08 09:00 +01:00", "Tue 2026-12-08 09:45 +01:00", "Tue 2026-12-08 10:30 +01:00", "Tue 2026-12-08 11:15 +01:00",
				"Tue 2026-12-15 09:00 +01:00", "Tue 2026-12-15 09:45 +01:00", "Tue 2026-12-15 10:30 +01:00", "Tue 2026-12-15 11:15 +01:00",
				"Tue 2026-12-22 09:00 +01:00", "Tue 2026-12-22 09:45 +01:00", "Tue 2026-12-22 10:30 +01:00", "Tue 2026-12-22 11:15 +01:00",
			},
			duration: 45 * time.Minute, mode: ModeVisio,
		},
		{
			text: "mardi 9h-12h 45min 2 semaines",
			want: []string{
				"Tue 2026-12-01 09:00 +01:00", "Tue 2026-12-01 09:45 +01:00", "Tue 2026-12-01 10:30 +01:00", "Tue 2026-12-01 11:15 +01:00",
				"Tue 2026-12-08 09:00 +01:00", "Tue 2026-12-08 09:45 +01:00", "Tue 2026-12-08 10:30 +01:00", "Tue 2026-12-08 11:15 +01:00",
			},
			duration: 45 * time.Minute, mode: ModeVisio,
		},
		{
			text: "jeudi 14:00-17:30 créneaux 30 min pendant 1 semaine visio",
			want: []string{
				"Thu 2026-12-03 14:00 +01:00", "Thu 2026-12-03 14:30 +01:00", "Thu 2026-12-03 15:00 +01:00", "Thu 2026-12-03 15:30 +01:00",
				"Thu 2026-12-03 16:00 +01:00", "Thu 2026-12-03 16:30 +01:00", "Thu 2026-12-03 17:00 +01:00",
			},
			duration: 30 * time.Minute, mode: ModeVisio,
		},
		{
			text: "lundi et jeudi 9h-11h, 1 h, 3 semaines",
			// Monday 30 November has started (10:00 > 9:00): the first Monday is 7 December.
			want: []string{
				"Thu 2026-12-03 09:00 +01:00", "Thu 2026-12-03 10:00 +01:00",
				"Mon 2026-12-07 09:00 +01:00", "Mon 2026-12-07 10:00 +01:00",
				"Thu 2026-12-10 09:00 +01:00", "Thu 2026-12-10 10:00 +01:00",
				"Mon 2026-12-14 09:00 +01:00", "Mon 2026-12-14 10:00 +01:00",
				"Thu 2026-12-17 09:00 +01:00", "Thu 2026-12-17 10:00 +01:00",
				"Mon 2026-12-21 09:00 +01:00", "Mon 2026-12-21 10:00 +01:00",
			},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "lundi 14h-16h, 1 h, 1 semaine, téléphone",
			want:     []string{"Mon 2026-11-30 14:00 +01:00", "Mon 2026-11-30 15:00 +01:00"}, // today: not started yet
			duration: time.Hour, mode: ModePhone,
		},
		{
			text:     "jeudi 14h-17h30, créneaux de 1 h, 1 semaine",
			want:     []string{"Thu 2026-12-03 14:00 +01:00", "Thu 2026-12-03 15:00 +01:00", "Thu 2026-12-03 16:00 +01:00"}, // 17:00-18:00 does not fit
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text: "/dispo du lundi au vendredi 9h-10h 1h 1 semaine sur place",
			want: []string{"Tue 2026-12-01 09:00 +01:00", "Wed 2026-12-02 09:00 +01:00", "Thu 2026-12-03 09:00 +01:00",
				"Fri 2026-12-04 09:00 +01:00", "Mon 2026-12-07 09:00 +01:00"},
			duration: time.Hour, mode: ModeOnSite,
		},
		{
			text:     "tous les mercredis de 9 h à 12 h, créneaux d'1 h 30, 2 semaines, en présentiel",
			want:     []string{"Wed 2026-12-02 09:00 +01:00", "Wed 2026-12-02 10:30 +01:00", "Wed 2026-12-09 09:00 +01:00", "Wed 2026-12-09 10:30 +01:00"},
			duration: 90 * time.Minute, mode: ModeOnSite,
		},
		{
			text:     "mardi 9h-11h et 14h-15h, 1 h, 1 semaine",
			want:     []string{"Tue 2026-12-01 09:00 +01:00", "Tue 2026-12-01 10:00 +01:00", "Tue 2026-12-01 14:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "vendredi entre 9h et 11h, 1h, 1 semaine",
			want:     []string{"Fri 2026-12-04 09:00 +01:00", "Fri 2026-12-04 10:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "mer 9-11 1h 1 sem",
			want:     []string{"Wed 2026-12-02 09:00 +01:00", "Wed 2026-12-02 10:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "mardi 14h, 1 h 30 min, 2 semaines, tel",
			want:     []string{"Tue 2026-12-01 14:00 +01:00", "Tue 2026-12-08 14:00 +01:00"},
			duration: 90 * time.Minute, mode: ModePhone,
		},
		{
			text:     "à partir du 5 janvier, mardi 9h-10h, 1 h, 2 semaines",
			want:     []string{"Tue 2027-01-05 09:00 +01:00", "Tue 2027-01-12 09:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "dès le 4 janvier 2027 lundi et mardi 9h-10h 1h 1 semaine",
			want:     []string{"Mon 2027-01-04 09:00 +01:00", "Tue 2027-01-05 09:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "3 décembre 14h, 1 h, 3 semaines", // a date with a number of weeks repeats on its weekday
			want:     []string{"Thu 2026-12-03 14:00 +01:00", "Thu 2026-12-10 14:00 +01:00", "Thu 2026-12-17 14:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "mardi 9h-12h, 1 h, jusqu'au 15 décembre",
			want:     []string{"Tue 2026-12-01 09:00 +01:00", "Tue 2026-12-01 10:00 +01:00", "Tue 2026-12-01 11:00 +01:00", "Tue 2026-12-08 09:00 +01:00", "Tue 2026-12-08 10:00 +01:00", "Tue 2026-12-08 11:00 +01:00", "Tue 2026-12-15 09:00 +01:00", "Tue 2026-12-15 10:00 +01:00", "Tue 2026-12-15 11:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "lundi, mercredi : 10h-midi (1 h) jusqu'au 7/12",
			want:     []string{"Wed 2026-12-02 10:00 +01:00", "Wed 2026-12-02 11:00 +01:00", "Mon 2026-12-07 10:00 +01:00", "Mon 2026-12-07 11:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "samedi 22h-minuit, 1 h, x 1 semaine",
			want:     []string{"Sat 2026-12-05 22:00 +01:00", "Sat 2026-12-05 23:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text:     "mardi après-midi 14h-15h 1h 1 semaine",
			want:     []string{"Tue 2026-12-01 14:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		// One-off.
		{
			text: "demain 14h, 1 h", want: []string{"Tue 2026-12-01 14:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text: "aujourd'hui 15h-16h30, 45 min", want: []string{"Mon 2026-11-30 15:00 +01:00", "Mon 2026-11-30 15:45 +01:00"},
			duration: 45 * time.Minute, mode: ModeVisio,
		},
		{
			text: "3 décembre 14h 45 min", want: []string{"Thu 2026-12-03 14:00 +01:00"},
			duration: 45 * time.Minute, mode: ModeVisio,
		},
		{
			text: "le 12/12 à 10 h 30, 1 h, téléphone", want: []string{"Sat 2026-12-12 10:30 +01:00"},
			duration: time.Hour, mode: ModePhone,
		},
		{
			text: "2026-12-03 14:00 60", want: []string{"Thu 2026-12-03 14:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text: "jeudi 3 décembre à 14 h, 1 h, sur place", want: []string{"Thu 2026-12-03 14:00 +01:00"},
			duration: time.Hour, mode: ModeOnSite,
		},
		{
			text: "1er décembre 9h30 1h", want: []string{"Tue 2026-12-01 09:30 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text: "30 novembre 9h 1h", want: []string{"Tue 2027-11-30 09:00 +01:00"}, // today's 9h has passed: next year
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text: "30 novembre 15h 1h", want: []string{"Mon 2026-11-30 15:00 +01:00"}, // later today
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text: "15 juin 2027 10h, 2 heures", want: []string{"Tue 2027-06-15 10:00 +02:00"},
			duration: 2 * time.Hour, mode: ModeVisio,
		},
		{
			text: "12/01/27 10h 60 min, visio", want: []string{"Tue 2027-01-12 10:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text: "3 décembre 10h et 14h, 1 h", want: []string{"Thu 2026-12-03 10:00 +01:00", "Thu 2026-12-03 14:00 +01:00"},
			duration: time.Hour, mode: ModeVisio,
		},
		{
			text: "4 déc. 9h-10h30 créneaux de 45 min", want: []string{"Fri 2026-12-04 09:00 +01:00", "Fri 2026-12-04 09:45 +01:00"},
			duration: 45 * time.Minute, mode: ModeVisio,
		},
		{
			text: "2027-02-28 9h 15 min", want: []string{"Sun 2027-02-28 09:00 +01:00"},
			duration: 15 * time.Minute, mode: ModeVisio,
		},
		{
			text: "2026-12-03 14:00 3 h", want: []string{"Thu 2026-12-03 14:00 +01:00"},
			duration: 3 * time.Hour, mode: ModeVisio,
		},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			n := now
			if !tt.now.IsZero() {
				n = tt.now
			}
			got, err := ParseAvailability(tt.text, n)
			if err != nil {
				t.Fatalf("ParseAvailability(%q): %v", tt.text, err)
			}
			if diff := cmp.Diff(tt.want, wall(got.Starts)); diff != "" {
				t.Errorf("starts (-want +got):\n%s", diff)
			}
			if got.Duration != tt.duration || got.Mode != tt.mode {
				t.Errorf("duration, mode = %v, %q, want %v, %q", got.Duration, got.Mode, tt.duration, tt.mode)
			}
			for i, s := range got.Starts {
				if s.Location() != Paris {
					t.Errorf("start %d in %v, want Paris", i, s.Location())
				}
				if !s.After(n) {
					t.Errorf("start %v is not after now %v", s, n)
				}
			}
		})
	}
}

func TestParseAvailabilityDefaultWeeks(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, Paris)
	got, err := ParseAvailability("vendredi 10h-11h, 1 h", now)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"Fri 2026-12-04 10:00 +01:00", "Fri 2026-12-11 10:00 +01:00", "Fri 2026-12-18 10:00 +01:00", "Fri 2026-12-25 10:00 +01:00"}
	if diff := cmp.Diff(want, wall(got.Starts)); diff != "" {
		t.Errorf("starts (-want +got):\n%s", diff)
	}
	// 26 weeks is the maximum and is accepted.
	got, err = ParseAvailability("vendredi 10h-11h, 1 h, 26 semaines", now)
	if err != nil || len(got.Starts) != 26 {
		t.Errorf("26 weeks: %d slots, %v; want 26 slots", len(got.Starts), err)
	}
}

// The start of the range decides whether today is included.
func TestParseAvailabilityToday(t *testing.T) {
	tests := []struct {
		now   time.Time
		first string
	}{
		{time.Date(2026, 12, 1, 8, 59, 0, 0, Paris), "Tue 2026-12-01 09:00 +01:00"},
		{time.Date(2026, 12, 1, 9, 0, 0, 0, Paris), "Tue 2026-12-08 09:00 +01:00"},
		{time.Date(2026, 12, 1, 10, 0, 0, 0, Paris), "Tue 2026-12-08 09:00 +01:00"},
		{time.Date(2026, 12, 1, 7, 30, 0, 0, time.UTC), "Tue 2026-12-01 09:00 +01:00"}, // 8:30 in Paris
		{time.Date(2026, 12, 1, 8, 30, 0, 0, time.UTC), "Tue 2026-12-08 09:00 +01:00"}, // 9:30 in Paris
	}
	for _, tt := range tests {
		got, err := ParseAvailability("mardi 9h-12h, 1 h, 2 semaines", tt.now)
		if err != nil {
			t.Fatal(err)
		}
		if first := wall(got.Starts)[0]; first != tt.first {
			t.Errorf("now %v: first slot %s, want %s", tt.now, first, tt.first)
		}
		if len(got.Starts) != 6 {
			t.Errorf("now %v: %d slots, want 6", tt.now, len(got.Starts))
		}
	}
}

// Weekly patterns keep their wall-clock hours across daylight-saving changes; their UTC offset
// changes.
func TestParseAvailabilityDST(t *testing.T) {
	tests := []struct {
		name string
		text string
		now  time.Time
		want []string
		same bool // all starts on the same side of the change
	}{
		{
			name: "spring 2027 (Sunday 28 March)",
			text: "mardi 9h-10h30, 45 min, 3 semaines",
			now:  time.Date(2027, 3, 20, 12, 0, 0, 0, Paris),
			want: []string{
				"Tue 2027-03-23 09:00 +01:00", "Tue 2027-03-23 09:45 +01:00",
				"Tue 2027-03-30 09:00 +02:00", "Tue 2027-03-30 09:45 +02:00",
				"Tue 2027-04-06 09:00 +02:00", "Tue 2027-04-06 09:45 +02:00",
			},
		},
		{
			name: "autumn 2026 (Sunday 25 October)",
			text: "mardi 9h-10h, 1 h, 2 semaines",
			now:  time.Date(2026, 10, 17, 12, 0, 0, 0, Paris),
			want: []string{"Tue 2026-10-20 09:00 +02:00", "Tue 2026-10-27 09:00 +01:00"},
		},
		{
			name: "autumn 2027 (Sunday 31 October)",
			text: "jeudi et mardi 14:00-15:00 1h 2 semaines",
			now:  time.Date(2027, 10, 23, 12, 0, 0, 0, Paris),
			want: []string{"Tue 2027-10-26 14:00 +02:00", "Thu 2027-10-28 14:00 +02:00", "Tue 2027-11-02 14:00 +01:00", "Thu 2027-11-04 14:00 +01:00"},
		},
		{
			name: "on the change day itself",
			text: "dimanche 10h-11h, 1 h, 2 semaines",
			now:  time.Date(2027, 3, 27, 12, 0, 0, 0, Paris),
			want: []string{"Sun 2027-03-28 10:00 +02:00", "Sun 2027-04-04 10:00 +02:00"},
			same: true,
		},
		{
			name: "the week before and the change day",
			text: "dimanche 10h-11h, 1 h, 2 semaines",
			now:  time.Date(2026, 10, 17, 12, 0, 0, 0, Paris),
			want: []string{"Sun 2026-10-18 10:00 +02:00", "Sun 2026-10-25 10:00 +01:00"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseAvailability(tt.text, tt.now)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, wall(got.Starts)); diff != "" {
				t.Errorf("starts (-want +got):\n%s", diff)
			}
			// Same local hour, different UTC hour.
			first, last := got.Starts[0], got.Starts[len(got.Starts)-1]
			if first.In(Paris).Hour() != last.In(Paris).Hour() {
				t.Errorf("local hours differ: %v and %v", first.In(Paris), last.In(Paris))
			}
			if !tt.same && first.UTC().Hour() == last.UTC().Hour() {
				t.Errorf("UTC hours are the same (%v and %v): the offset did not change", first.UTC(), last.UTC())
			}
		})
	}
}

func TestParseAvailabilityErrors(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, Paris)
	tests := []struct{ text, want string }{
		{"mardi 9h-8h 45 min", "je n'ai pas compris l'horaire « 9h-8h » : la fin doit être après le début"},
		{"mardi 9h–9h, 45 min", "je n'ai pas compris l'horaire « 9h–9h » : la fin doit être après le début"},
		{"mardi 25h-26h 1h", "je n'ai pas compris l'horaire « 25h-26h » : les heures vont de 0 h à 23 h 59"},
		{"mardi 9h75-11h 1h", "je n'ai pas compris l'horaire « 9h75-11h » : les heures vont de 0 h à 23 h 59"},
		{"mardi 24h 1h", "je n'ai pas compris l'horaire « 24h » : les heures vont de 0 h à 23 h 59"},
		{"mardi 9h-12h", "il manque la durée des créneaux : ajoutez par exemple « créneaux de 45 min » ou « 1 h »"},
		{"3 décembre 14h", "il manque la durée des créneaux : ajoutez par exemple « créneaux de 45 min » ou « 1 h »"},
		{"mardi 45 min", "il manque l'horaire : écrivez par exemple « mardi 9h-12h, créneaux de 45 min, 4 semaines » ou « 3 décembre 14h, 1 h »"},
		{"", "il manque l'horaire : écrivez par exemple « mardi 9h-12h, créneaux de 45 min, 4 semaines » ou « 3 décembre 14h, 1 h »"},
		{"9h-12h 45 min", "il manque le jour : écrivez par exemple « mardi 9h-12h, créneaux de 45 min, 4 semaines » ou « 3 décembre 14h, 1 h »"},
		{"mardi 9h-12h 10 min", "la durée « 10 min » ne convient pas : les créneaux durent de 15 min à 3 h"},
		{"mardi 9h-12h, créneaux de 4 h", "la durée « 4 h » ne convient pas : les créneaux durent de 15 min à 3 h"},
		{"2026-12-03 14:00 200", "la durée « 200 » ne convient pas : les créneaux durent de 15 min à 3 h"},
		{"mardi 9h-12h 45 min 30 min", "j'ai trouvé deux durées, « 45 min » et « 30 min » : n'en gardez qu'une"},
		{"mardi 9h-12h 45 min 30 semaines", "« 30 semaines » ne convient pas : indiquez entre 1 et 26 semaines"},
		{"mardi 9h-12h 45 min 0 semaine", "« 0 semaine » ne convient pas : indiquez entre 1 et 26 semaines"},
		{"mardi 9h-12h 45 min 2 semaines 3 semaines", "j'ai trouvé deux nombres de semaines, « 2 semaines » et « 3 semaines »"},
		{"mardi 9h-12h 45 min 2 mois", "je n'ai pas compris « 2 mois » : indiquez la durée en semaines, par exemple « 8 semaines »"},
		{"mardi 9h-12h 45 min visio, téléphone", "j'ai trouvé deux modes, « visio » et « téléphone » : choisissez visio, téléphone ou sur place"},
		{"mardi 9h-12h 45 min banane", "je n'ai pas compris « banane » : écrivez par exemple « mardi 9h-12h, créneaux de 45 min, 4 semaines » ou « 3 décembre 14h, 1 h »"},
		{"mardi 9h-12h 45 min 7", "je n'ai pas compris « 7 » : écrivez par exemple « mardi 9h-12h, créneaux de 45 min, 4 semaines » ou « 3 décembre 14h, 1 h »"},
		{"décembre 14h 1h", "je n'ai pas compris « décembre » : indiquez le jour du mois, par exemple « 3 décembre »"},
		{"31/02 10h 1h", "la date « 31/02 » n'existe pas"},
		{"31 avril 10h 1h", "la date « 31 avril » n'existe pas"},
		{"2026-13-01 10h 1h", "la date « 2026-13-01 » n'existe pas"},
		{"2025-12-03 14:00 60", "la date « 2025-12-03 » est déjà passée"},
		{"30 novembre 2026 9h 1h", "la date « 30 novembre 2026 » est déjà passée"},
		{"2028-12-03 14:00 60", "la date « 2028-12-03 » est à plus d'un an : publiez des créneaux plus proches"},
		{"3 décembre 2026 et 5 décembre 14h 1h", "j'ai trouvé deux dates, « 3 décembre 2026 » et « 5 décembre » : publiez-les en deux messages"},
		{"mardi 3 décembre 14h 1h", "le 3 décembre 2026 est un jeudi, pas un mardi"},
		{"mardi 1er mars 2027 14h 1h", "le 1er mars 2027 est un lundi, pas un mardi"},
		{"mardi 9h-9h30 45 min", "la plage « 9h-9h30 » est plus courte qu'un créneau de 45 min"},
		{"mardi 9h-10h 1 h 30", "la plage « 9h-10h » est plus courte qu'un créneau de 1 h 30"},
		{"mardi 9h-12h et 11h-13h, 1 h", "les horaires se chevauchent : deux créneaux commenceraient à 11 h 00 et 11 h 00"},
		{"mardi 10h et 10h30, 1 h", "les horaires se chevauchent : deux créneaux commenceraient à 10 h 00 et 10 h 30"},
		{"mardi 23h 2h", "le créneau de « 23h » finirait après minuit"},
		{"du lundi au dimanche 8h-20h 15 min 26 semaines", "cela ferait 8736 créneaux, 200 au maximum : réduisez le nombre de semaines ou de jours"},
		{"le 3 à 14h 1h", "je n'ai pas compris « le 3 » : précisez le mois, par exemple « 3 décembre » ou « 3/12 »"},
		{"aujourd'hui 9h 1h", "la date « aujourd'hui » est déjà passée"},
		{"mardi 9h-12h 1h 2 semaines jusqu'au 20 décembre", "j'ai trouvé « 2 semaines » et « jusqu'au 20 décembre » : indiquez soit un nombre de semaines, soit une date de fin"},
		{"mardi 9h-12h 1h jusqu'au 20/08/2027", "« jusqu'au 20/08/2027 » ne convient pas : 26 semaines au maximum"},
		{"à partir du 10 décembre mardi 9h 1h jusqu'au 5 décembre", "la date de fin « 5 décembre » est avant le premier créneau"},
		{"mardi 9h-12h 45 min 14h", "je n'ai pas compris « 14h » : j'ai déjà l'horaire et la durée (45 min)"},
	}
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got, err := ParseAvailability(tt.text, now)
			if err == nil {
				t.Fatalf("ParseAvailability(%q) = %v, want error %q", tt.text, wall(got.Starts), tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("ParseAvailability(%q) error:\n got %q\nwant %q", tt.text, err, tt.want)
			}
		})
	}
}

func TestParseAvailabilityMaxSlots(t *testing.T) {
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, Paris)
	// 5 days × 4 slots × 10 weeks = 200: the maximum is allowed.
	got, err := ParseAvailability("du lundi au vendredi 9h-13h, 1 h, 10 semaines", now)
	if err != nil || len(got.Starts) != 200 {
		t.Fatalf("200 slots: got %d, %v", len(got.Starts), err)
	}
	for i := 1; i < len(got.Starts); i++ {
		if !got.Starts[i].After(got.Starts[i-1]) {
			t.Fatalf("starts not sorted at %d: %v then %v", i, got.Starts[i-1], got.Starts[i])
		}
	}
	if _, err := ParseAvailability("du lundi au vendredi 9h-13h, 1 h, 11 semaines", now); err == nil {
		t.Errorf("220 slots accepted")
	}
}

// Whatever a coach types, ParseAvailability answers without panicking, and what it accepts
// respects its limits.
func FuzzParseAvailability(f *testing.F) {
	for _, s := range []string{"mardi 9 h–12 h, créneaux de 45 min, 4 semaines", "3 décembre 14h 45 min",
		"le 12/12 à 10 h 30, 1 h, téléphone", "2026-12-03 14:00 60", "du lundi au vendredi 9h-13h, 1 h, 10 semaines",
		"jusqu'au 20 décembre", "9h-8h", "midi-minuit 15 min", "1er"} {
		f.Add(s)
	}
	now := time.Date(2026, 11, 30, 10, 0, 0, 0, Paris)
	f.Fuzz(func(t *testing.T, text string) {
		av, err := ParseAvailability(text, now)
		if err != nil {
			return
		}
		if len(av.Starts) == 0 || len(av.Starts) > 200 {
			t.Fatalf("%q: %d slots", text, len(av.Starts))
		}
		if av.Duration < 15*time.Minute || av.Duration > 3*time.Hour {
			t.Fatalf("%q: duration %v", text, av.Duration)
		}
		for i, s := range av.Starts {
			if !s.After(now) || i > 0 && !s.After(av.Starts[i-1]) {
				t.Fatalf("%q: start %d %v not after now and the previous one", text, i, s)
			}
		}
	})
}
