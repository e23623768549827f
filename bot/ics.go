package bot

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
	"unicode/utf8"
)

// Event is one calendar event, as sent with a booking confirmation so that the owner (and the
// coach) can add the session to their calendar.
type Event struct {
	// UID identifies the event across updates ("rdv-abc123@coachbot"). When empty, one is
	// derived from the start time and summary.
	UID         string
	Start, End  time.Time
	Summary     string
	Description string
	Location    string
	// Organizer is the display name of the organizer (for us, the coach); optional.
	Organizer string
	// Stamp is when the event was created (DTSTAMP). When zero, the current time is used, so
	// set it for reproducible output.
	Stamp time.Time
}

// icsOrganizerAddress is the address given with an organizer's name: RFC 5545 requires a
// calendar address and the programme does not hand out coaches' e-mail addresses. The
// .invalid top-level domain (RFC 2606) guarantees that no mail is ever sent to it.
const icsOrganizerAddress = "mailto:noreply@coachbot.invalid"

// ICS returns e as an RFC 5545 calendar (text/calendar) with a single event published to the
// reader: CRLF line endings, times in UTC, text escaped and lines folded at 75 octets.
func ICS(e Event) []byte {
	uid := e.UID
	if uid == "" {
		sum := sha256.Sum256([]byte(e.Start.UTC().Format(time.RFC3339) + "\x00" + e.Summary))
		uid = hex.EncodeToString(sum[:8]) + "@coachbot"
	}
	stamp := e.Stamp
	if stamp.IsZero() {
		stamp = time.Now()
	}
	var b strings.Builder
	line := func(name, value string) {
		icsWriteFolded(&b, name+":"+value)
	}
	line("BEGIN", "VCALENDAR")
	line("VERSION", "2.0")
	line("PRODID", "-//coachbot//FR")
	line("CALSCALE", "GREGORIAN")
	line("METHOD", "PUBLISH")
	line("BEGIN", "VEVENT")
	line("UID", icsEscape(uid))
	line("DTSTAMP", icsTime(stamp))
	line("DTSTART", icsTime(e.Start))
	if e.End.After(e.Start) {
		line("DTEND", icsTime(e.End))
	}
	line("SUMMARY", icsEscape(e.Summary))
	if e.Description != "" {
		line("DESCRIPTION", icsEscape(e.Description))
	}
	if e.Location != "" {
		line("LOCATION", icsEscape(e.Location))
	}
	if e.Organizer != "" {
		line("ORGANIZER;CN="+icsParam(e.Organizer), icsOrganizerAddress)
	}
	line("END", "VEVENT")
	line("END", "VCALENDAR")
	return []byte(b.String())
}

// icsTime writes t as a UTC DATE-TIME ("20261203T130000Z").
func icsTime(t time.Time) string {
	return t.UTC().Format("20060102T150405Z")
}

// icsEscape escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line
// breaks; other control characters, which the format does not allow, are dropped.
func icsEscape(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\':
			b.WriteString(`\\`)
		case ';':
			b.WriteString(`\;`)
		case ',':
			b.WriteString(`\,`)
		case '\n', '\r':
			b.WriteString(`\n`)
		default:
			if r < 0x20 && r != '\t' || r == 0x7f {
				continue
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsParam writes a parameter value (RFC 5545 §3.2) quoted, since names may hold commas,
// colons or semicolons; double quotes and control characters cannot appear in one.
func icsParam(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteByte('\'')
		case r < 0x20 || r == 0x7f:
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// icsWriteFolded writes one content line, folded so that no line exceeds 75 octets
// (RFC 5545 §3.1): a continuation starts with a space, and a UTF-8 character is never cut.
func icsWriteFolded(b *strings.Builder, s string) {
	const limit = 75
	width := limit
	for len(s) > width {
		cut := width
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		width = limit - 1 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
}
