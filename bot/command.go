package bot

import (
	"strings"
	"unicode"
)

// Cmd is a parsed slash command.
type Cmd struct {
	Name string // lower-case, without the slash and without a "@botname" suffix
	Args string // the rest of the text, trimmed
}

// ParseCommand recognises "/name args" (Telegram may append "@botname" to the name). It
// returns false for anything else, including a lone "/" or a path such as "/home/x".
func ParseCommand(text string) (Cmd, bool) {
	t := strings.TrimSpace(text)
	if len(t) < 2 || t[0] != '/' {
		return Cmd{}, false
	}
	end := strings.IndexFunc(t, unicode.IsSpace)
	name, args := t[1:], ""
	if end >= 0 {
		name, args = t[1:end], strings.TrimSpace(t[end:])
	}
	if at := strings.IndexByte(name, '@'); at >= 0 {
		name = name[:at]
	}
	if name == "" {
		return Cmd{}, false
	}
	for _, r := range name {
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_') {
			return Cmd{}, false
		}
	}
	return Cmd{Name: strings.ToLower(name), Args: args}, true
}
