package bot_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/coachbot/coachbot/bot"
)

// FuzzParseCommand checks the command parser on any text: a command is recognised only in
// text that starts with "/" once trimmed; its name is non-empty, lower-case, made of letters,
// digits and underscores (what Telegram and Discord allow) and is the name written, without a
// "@botname"; its arguments are the trimmed rest of the text, a suffix of it; and writing the
// command back gives the same command.
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{
		"/start", "/aide", "/question comment créer ma fiche ?", "/Question  Majuscules  ", "/start@CoachBot",
		"/start@autre_bot arguments", "/rdv extra args", "/annuler abc", "/question", "/", "//", "/ ", " /aide ",
		"/home/x", "/été", "/ÉTÉ", "/İstanbul", "/ǅ", "/ß", "/r2d2", "/_", "/@bot", "/a@", "/a\u00a0b", "/a\u2028b",
		"/a\tb\nc", "/\xffx", "/x\xff y", "/x y\xff", "bonjour /aide", "", "   ", "\u3000/aide\u3000x\u3000",
		"/question <script>alert(1)</script>", "/question '; DROP TABLE conversations; --",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		cmd, ok := bot.ParseCommand(text)
		trimmed := strings.TrimSpace(text)
		if !ok {
			if cmd != (bot.Cmd{}) {
				t.Fatalf("ParseCommand(%q): not a command but %+v", text, cmd)
			}
			return
		}
		if !strings.HasPrefix(trimmed, "/") {
			t.Fatalf("ParseCommand(%q) = %+v for a text that does not start with /", text, cmd)
		}
		if cmd.Name == "" {
			t.Fatalf("ParseCommand(%q): empty name", text)
		}
		for _, r := range cmd.Name {
			if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') || unicode.ToLower(r) != r {
				t.Fatalf("ParseCommand(%q): name %q has %q, want lower-case letters, digits and _", text, cmd.Name, r)
			}
		}
		// The name is what follows the slash, in lower case, up to white space or "@".
		word, _, _ := strings.Cut(trimmed[1:], "@")
		if i := strings.IndexFunc(word, unicode.IsSpace); i >= 0 {
			word = word[:i]
		}
		if strings.ToLower(word) != cmd.Name {
			t.Fatalf("ParseCommand(%q): name %q, want %q", text, cmd.Name, strings.ToLower(word))
		}
		if !strings.HasSuffix(trimmed, cmd.Args) || strings.TrimSpace(cmd.Args) != cmd.Args {
			t.Fatalf("ParseCommand(%q): arguments %q are not the trimmed end of the text", text, cmd.Args)
		}
		if cmd.Args != "" {
			before := strings.TrimSuffix(trimmed, cmd.Args)
			if strings.TrimRightFunc(before, unicode.IsSpace) == before || strings.ContainsFunc(strings.TrimRightFunc(before, unicode.IsSpace), unicode.IsSpace) {
				t.Fatalf("ParseCommand(%q): arguments %q do not start after the first white space", text, cmd.Args)
			}
		}
		again, ok := bot.ParseCommand("/" + cmd.Name + " " + cmd.Args)
		if !ok || again != cmd {
			t.Fatalf("ParseCommand(%q) = %+v, but written back it reads %+v, %v", text, cmd, again, ok)
		}
	})
}

// FuzzPostalCode checks the postal-code reading. PostalDepartment accepts only five ASCII
// digits, and gives a known département of a known region. Whatever the text, a postal code
// ParsePlace returns is one of those, written in the text (possibly as "13 001"), and consistent
// with the département and region returned. A valid postal code written alone, or announced
// as such after any text, is always found. (FuzzParsePlace in france_test.go checks the
// consistency of any place ParsePlace returns.)
func FuzzPostalCode(f *testing.F) {
	for _, s := range []struct {
		text string
		code uint32
	}{
		{"69003", 69003}, {"mon code postal est 13 001", 13001}, {"cp 06000", 6000}, {"20000", 20000},
		{"20200 Bastia", 20200}, {"97133", 97133}, {"97150", 97150}, {"98000", 98000}, {"96000", 96000},
		{"00100", 100}, {"99999", 99999}, {"97500", 97500}, {"98800", 98800}, {"97900", 97900},
		{"j'ai 15000 abonnés", 15000}, {"tél 06 12 34 56 78", 75011}, {"15000€", 15000}, {"A69003", 69003},
		{"cp75001", 75001}, {"code postal : 13 001.", 13001}, {"٦٩٠٠٣ ６９００３", 69003},
		{"mon cp est 33000 et le tien 44000", 44000}, {"cp", 1}, {"code postal", 2}, {"\xff69003\xff", 69003},
	} {
		f.Add(s.text, s.code)
	}
	f.Fuzz(func(t *testing.T, text string, n uint32) {
		code := fmt.Sprintf("%05d", n%100000)
		dept, valid := bot.PostalDepartment(code)
		if valid {
			checkPostal(t, code, dept)
		}
		if d, ok := bot.PostalDepartment(text); ok {
			checkPostal(t, text, d)
		}

		p, ok := bot.ParsePlace(text)
		if ok && p.PostalCode != "" {
			checkPostal(t, p.PostalCode, p.Department)
			d, _ := bot.DepartmentByCode(p.Department)
			if p.Region != d.Region || p.DepartmentName != d.Name {
				t.Fatalf("ParsePlace(%q) = %+v, inconsistent with département %+v", text, p, d)
			}
			compact := strings.Join(strings.FieldsFunc(text, unicode.IsSpace), "")
			if !strings.Contains(compact, p.PostalCode) {
				t.Fatalf("ParsePlace(%q) = %+v: the postal code is not in the text", text, p)
			}
		}

		// A postal code alone is found, and only when it is valid.
		alone, found := bot.ParsePlace(code)
		if valid != (found && alone.PostalCode == code) || found && !valid {
			t.Fatalf("ParsePlace(%q) = %+v, %v; PostalDepartment says %v", code, alone, found, valid)
		}
		if valid && alone.Department != dept {
			t.Fatalf("ParsePlace(%q) gives département %q, PostalDepartment %q", code, alone.Department, dept)
		}
		// Announced after any text, a valid code wins, unless the text announced one before.
		if valid {
			announced := text + "\ncode postal " + code
			got, ok := bot.ParsePlace(announced)
			if !ok || got.PostalCode != code && (got.PostalCode == "" || got.PostalCode != p.PostalCode) {
				t.Fatalf("ParsePlace(%q) = %+v, %v, want postal code %s", announced, got, ok, code)
			}
		}
	})
}

// checkPostal checks a postal code accepted as belonging to département dept.
func checkPostal(t *testing.T, code, dept string) {
	t.Helper()
	if len(code) != 5 || strings.Trim(code, "0123456789") != "" {
		t.Fatalf("postal code %q is not five digits", code)
	}
	d, ok := bot.DepartmentByCode(dept)
	if !ok || d.Code != dept {
		t.Fatalf("postal code %s: unknown département %q", code, dept)
	}
	if bot.RegionName(d.Region) == "" {
		t.Fatalf("postal code %s: département %s has unknown region %q", code, dept, d.Region)
	}
	if !strings.HasPrefix(code, dept) && !(strings.HasPrefix(code, "20") && (dept == "2A" || dept == "2B")) &&
		!(dept == "977" || dept == "978") {
		t.Fatalf("postal code %s does not start with its département %s", code, dept)
	}
}
