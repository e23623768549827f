package bot

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"
)

// icsProp is one unfolded content line of a calendar.
type icsProp struct {
	Name, Params, Value string
}

// parseICS checks the physical form of a calendar (CRLF, line length, folding) and returns its
// unfolded content lines.
func parseICS(t *testing.T, data []byte) []icsProp {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("calendar does not end with CRLF: %q", data)
	}
	physical := strings.Split(strings.TrimSuffix(string(data), "\r\n"), "\r\n")
	var logical []string
	for _, l := range physical {
		if strings.ContainsAny(l, "\r\n") {
			t.Fatalf("bare CR or LF in line %q", l)
		}
		if len(l) > 75 {
			t.Errorf("line of %d octets, want at most 75: %q", len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line is not valid UTF-8 (a character was split): %q", l)
		}
		if strings.HasPrefix(l, " ") {
			if len(logical) == 0 {
				t.Fatalf("continuation line first: %q", l)
			}
			logical[len(logical)-1] += l[1:]
			continue
		}
		logical = append(logical, l)
	}
	var props []icsProp
	for _, l := range logical {
		// The name ends at the first ';' or ':'; a quoted parameter may hold ':'.
		nameEnd := strings.IndexAny(l, ";:")
		if nameEnd < 0 {
			t.Fatalf("content line without a colon: %q", l)
		}
		p := icsProp{Name: l[:nameEnd]}
		rest := l[nameEnd:]
		inQuote := false
		for i := 0; i < len(rest); i++ {
			switch {
			case rest[i] == '"':
				inQuote = !inQuote
			case rest[i] == ':' && !inQuote:
				p.Params = strings.TrimPrefix(rest[:i], ";")
				p.Value = rest[i+1:]
				i = len(rest)
			}
		}
		props = append(props, p)
	}
	return props
}

// unescapeICS reverses TEXT escaping.
func unescapeICS(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			switch s[i] {
			case 'n', 'N':
				b.WriteByte('\n')
			default:
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

func icsValues(props []icsProp) map[string]string {
	m := map[string]string{}
	for _, p := range props {
		if p.Name == "BEGIN" || p.Name == "END" {
			continue
		}
		m[p.Name] = p.Value
	}
	return m
}

func TestICSStructure(t *testing.T) {
	e := Event{
		UID:         "rdv-ab12@coachbot",
		Start:       time.Date(2026, 12, 3, 14, 0, 0, 0, Paris),
		End:         time.Date(2026, 12, 3, 14, 45, 0, 0, Paris),
		Summary:     "Rendez-vous coaching numérique avec Camille",
		Description: "Séance gratuite. Référence RDV-AB12.",
		Location:    "visio",
		Stamp:       time.Date(2026, 11, 30, 9, 15, 0, 0, time.UTC),
	}
	got := string(ICS(e))
	want := "BEGIN:VCALENDAR\r\n" +
		"VERSION:2.0\r\n" +
		"PRODID:-//coachbot//FR\r\n" +
		"CALSCALE:GREGORIAN\r\n" +
		"METHOD:PUBLISH\r\n" +
		"BEGIN:VEVENT\r\n" +
		"UID:rdv-ab12@coachbot\r\n" +
		"DTSTAMP:20261130T091500Z\r\n" +
		"DTSTART:20261203T130000Z\r\n" +
		"DTEND:20261203T134500Z\r\n" +
		"SUMMARY:Rendez-vous coaching numérique avec Camille\r\n" +
		"DESCRIPTION:Séance gratuite. Référence RDV-AB12.\r\n" +
		"LOCATION:visio\r\n" +
		"END:VEVENT\r\n" +
		"END:VCALENDAR\r\n"
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ICS (-want +got):\n%s", diff)
	}
}

func TestICSFields(t *testing.T) {
	tests := []struct {
		name  string
		event Event
		want  map[string]string // unfolded, unescaped values
	}{
		{
			name: "summer time converted to UTC",
			event: Event{UID: "a@coachbot", Summary: "RDV", Location: "CCI Lyon, 32 quai Perrache",
				Start: time.Date(2026, 7, 2, 9, 30, 0, 0, Paris), End: time.Date(2026, 7, 2, 10, 30, 0, 0, Paris),
				Stamp: time.Date(2026, 6, 1, 0, 0, 0, 0, Paris)},
			want: map[string]string{"VERSION": "2.0", "PRODID": "-//coachbot//FR", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH",
				"UID": "a@coachbot", "DTSTAMP": "20260531T220000Z", "DTSTART": "20260702T073000Z", "DTEND": "20260702T083000Z",
				"SUMMARY": "RDV", "LOCATION": "CCI Lyon, 32 quai Perrache"},
		},
		{
			name: "no end, no description, no location",
			event: Event{UID: "b@coachbot", Summary: "Atelier", Start: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC),
				Stamp: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
			want: map[string]string{"VERSION": "2.0", "PRODID": "-//coachbot//FR", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH",
				"UID": "b@coachbot", "DTSTAMP": "20261201T000000Z", "DTSTART": "20261203T140000Z", "SUMMARY": "Atelier"},
		},
		{
			name: "organizer",
			event: Event{UID: "c@coachbot", Summary: "RDV", Organizer: `Camille "Cam" Dupont, CCI; Paris:IDF`,
				Start: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), End: time.Date(2026, 12, 3, 15, 0, 0, 0, time.UTC),
				Stamp: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)},
			want: map[string]string{"VERSION": "2.0", "PRODID": "-//coachbot//FR", "CALSCALE": "GREGORIAN", "METHOD": "PUBLISH",
				"UID": "c@coachbot", "DTSTAMP": "20261201T000000Z", "DTSTART": "20261203T140000Z", "DTEND": "20261203T150000Z",
				"SUMMARY": "RDV", "ORGANIZER": "mailto:noreply@coachbot.invalid"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			props := parseICS(t, ICS(tt.event))
			got := icsValues(props)
			for k, v := range got {
				got[k] = unescapeICS(v)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("fields (-want +got):\n%s", diff)
			}
			var begins []string
			for _, p := range props {
				if p.Name == "BEGIN" || p.Name == "END" {
					begins = append(begins, p.Name+":"+p.Value)
				}
			}
			if diff := cmp.Diff([]string{"BEGIN:VCALENDAR", "BEGIN:VEVENT", "END:VEVENT", "END:VCALENDAR"}, begins); diff != "" {
				t.Errorf("components (-want +got):\n%s", diff)
			}
			for _, p := range props {
				if p.Name == "ORGANIZER" && p.Params != `CN="Camille 'Cam' Dupont, CCI; Paris:IDF"` {
					t.Errorf("ORGANIZER params = %q", p.Params)
				}
			}
		})
	}
}

func TestICSEscaping(t *testing.T) {
	tests := []struct {
		in, escaped string
	}{
		{"simple", "simple"},
		{`a\b`, `a\\b`},
		{"un, deux; trois", `un\, deux\; trois`},
		{"ligne 1\nligne 2", `ligne 1\nligne 2`},
		{"windows\r\nmac\rfin", `windows\nmac\nfin`},
		{"deux-points: ok", "deux-points: ok"},
		{"guillemets \"ok\"", `guillemets "ok"`},
		{"contrôle\x00\x07 retiré", "contrôle retiré"},
		{`\n littéral`, `\\n littéral`},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := icsEscape(tt.in); got != tt.escaped {
				t.Errorf("icsEscape(%q) = %q, want %q", tt.in, got, tt.escaped)
			}
			e := Event{UID: "x@coachbot", Summary: tt.in, Description: tt.in, Location: tt.in,
				Start: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), Stamp: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
			fields := icsValues(parseICS(t, ICS(e)))
			want := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\x00", "", "\x07", "").Replace(tt.in)
			for _, name := range []string{"SUMMARY", "DESCRIPTION", "LOCATION"} {
				if got := unescapeICS(fields[name]); got != want {
					t.Errorf("%s round trip = %q, want %q", name, got, want)
				}
			}
		})
	}
}

func TestICSFolding(t *testing.T) {
	desc := "Séance gratuite d'accompagnement numérique avec Camille, coach du programme (en visio). " +
		"Préparez vos questions : référencement, fiche d'établissement, réseaux sociaux, sécurité. " +
		"Référence RDV-ÉÀÇ9. Pour annuler : /annuler. Ça évite qu'un créneau réservé reste vide ; merci ! " +
		"Émojis aussi : 📅🇫🇷✅ — et « guillemets » français."
	e := Event{UID: "fold@coachbot", Summary: strings.Repeat("é", 80), Description: desc, Location: strings.Repeat("a", 66) + "éééé",
		Start: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC), Stamp: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
	data := ICS(e)
	props := parseICS(t, data) // checks 75 octets and UTF-8 on each physical line
	fields := icsValues(props)
	if got := unescapeICS(fields["DESCRIPTION"]); got != desc {
		t.Errorf("DESCRIPTION = %q, want %q", got, desc)
	}
	if got := fields["SUMMARY"]; got != strings.Repeat("é", 80) {
		t.Errorf("SUMMARY = %q", got)
	}
	if got := fields["LOCATION"]; got != strings.Repeat("a", 66)+"éééé" {
		t.Errorf("LOCATION = %q", got)
	}
	folded := bytes.Count(data, []byte("\r\n "))
	if folded < 5 {
		t.Errorf("%d continuation lines, want the long values folded", folded)
	}
}

func TestICSFoldBoundaries(t *testing.T) {
	for n := 60; n <= 160; n++ {
		for _, unit := range []string{"a", "é", "€", "📅"} {
			var b strings.Builder
			s := "DESCRIPTION:" + strings.Repeat(unit, n/len(unit)+1)
			icsWriteFolded(&b, s)
			out := b.String()
			lines := strings.Split(strings.TrimSuffix(out, "\r\n"), "\r\n")
			var joined strings.Builder
			for i, l := range lines {
				if len(l) > 75 || !utf8.ValidString(l) {
					t.Fatalf("n=%d unit=%q: bad line %d %q (%d octets)", n, unit, i, l, len(l))
				}
				if i > 0 {
					if !strings.HasPrefix(l, " ") {
						t.Fatalf("n=%d unit=%q: continuation without space: %q", n, unit, l)
					}
					l = l[1:]
				}
				if i < len(lines)-1 && len(lines[i]) < 75-3 {
					t.Errorf("n=%d unit=%q: line %d folded early at %d octets", n, unit, i, len(lines[i]))
				}
				joined.WriteString(l)
			}
			if joined.String() != s {
				t.Fatalf("n=%d unit=%q: unfolded %q, want %q", n, unit, joined.String(), s)
			}
		}
	}
}

func TestICSDefaults(t *testing.T) {
	e := Event{Summary: "RDV", Start: time.Date(2026, 12, 3, 14, 0, 0, 0, time.UTC)}
	before := time.Now().UTC().Truncate(time.Second)
	a := icsValues(parseICS(t, ICS(e)))
	b := icsValues(parseICS(t, ICS(e)))
	if a["UID"] == "" || a["UID"] != b["UID"] || !strings.HasSuffix(a["UID"], "@coachbot") {
		t.Errorf("derived UID = %q then %q, want a stable non-empty one", a["UID"], b["UID"])
	}
	e2 := e
	e2.Summary = "Autre"
	if c := icsValues(parseICS(t, ICS(e2))); c["UID"] == a["UID"] {
		t.Errorf("two events share the derived UID %q", c["UID"])
	}
	stamp, err := time.Parse("20060102T150405Z", a["DTSTAMP"])
	if err != nil || stamp.Before(before) || stamp.After(time.Now().Add(time.Second)) {
		t.Errorf("DTSTAMP = %q (%v), want the current time", a["DTSTAMP"], err)
	}
}

// Whatever the texts, the calendar keeps its physical form and its values round-trip.
func FuzzICS(f *testing.F) {
	f.Add("Rendez-vous", "Séance ; avec, Camille\n\\fin", "CCI Lyon", "Camille")
	f.Add(strings.Repeat("é", 100), strings.Repeat("📅a", 60), "", "")
	f.Fuzz(func(t *testing.T, summary, desc, loc, org string) {
		if !utf8.ValidString(summary + desc + loc + org) {
			t.Skip()
		}
		e := Event{UID: "f@coachbot", Summary: summary, Description: desc, Location: loc, Organizer: org,
			Start: time.Date(2026, 12, 3, 14, 0, 0, 0, Paris), End: time.Date(2026, 12, 3, 15, 0, 0, 0, Paris),
			Stamp: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}
		fields := icsValues(parseICS(t, ICS(e)))
		clean := func(s string) string {
			s = strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(s)
			return strings.Map(func(r rune) rune {
				if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
					return -1
				}
				return r
			}, s)
		}
		if got := unescapeICS(fields["SUMMARY"]); got != clean(summary) {
			t.Errorf("SUMMARY = %q, want %q", got, clean(summary))
		}
		if desc != "" && unescapeICS(fields["DESCRIPTION"]) != clean(desc) {
			t.Errorf("DESCRIPTION = %q, want %q", unescapeICS(fields["DESCRIPTION"]), clean(desc))
		}
	})
}
