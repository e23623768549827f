package bot

import (
	"strconv"
	"time"
	_ "time/tzdata" // Europe/Paris must load on hosts and containers without system tzdata
)

// Paris is the time zone of every date and time the product shows or reads: sessions happen
// in metropolitan France's time, whatever the server's zone.
var Paris = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic("bot: load Europe/Paris: " + err.Error()) // cannot happen: time/tzdata is embedded
	}
	return loc
}()

var frenchWeekdays = [...]string{"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"}

var frenchMonths = [...]string{"", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// FormatDateTime writes t in Paris time the way a French message says it:
// "mardi 3 décembre à 14 h 00", with the year when it is not the current one.
func FormatDateTime(t time.Time) string {
	return FormatDateTimeFrom(t, time.Now())
}

// FormatDateTimeFrom is FormatDateTime seen from now: the year is written only when t falls in
// another year than now, both in Paris time ("lundi 4 janvier 2027 à 9 h 30").
func FormatDateTimeFrom(t, now time.Time) string {
	return FormatDateFrom(t, now) + " à " + FormatTime(t)
}

// FormatDate writes the day of t in Paris time: "mardi 3 décembre", "lundi 1er décembre".
func FormatDate(t time.Time) string {
	return FormatDateFrom(t, time.Now())
}

// FormatDateFrom is FormatDate seen from now: the year is added after the month when t falls
// in another year than now.
func FormatDateFrom(t, now time.Time) string {
	t = t.In(Paris)
	day := strconv.Itoa(t.Day())
	if t.Day() == 1 {
		day = "1er"
	}
	s := frenchWeekdays[t.Weekday()] + " " + day + " " + frenchMonths[t.Month()]
	if t.Year() != now.In(Paris).Year() {
		s += " " + strconv.Itoa(t.Year())
	}
	return s
}

// FormatTime writes the time of day of t in Paris time, French style: "14 h 00", "9 h 05".
func FormatTime(t time.Time) string {
	t = t.In(Paris)
	m := strconv.Itoa(t.Minute())
	if t.Minute() < 10 {
		m = "0" + m
	}
	return strconv.Itoa(t.Hour()) + " h " + m
}
