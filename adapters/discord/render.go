package discord

import (
	"strings"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
	"github.com/coachbot/coachbot/bot"
)

// MaxContent is Discord's limit on a message's content, in characters.
const MaxContent = 2000

// noMentions is set on every message: text from a user, a guide or a model never pings
// anyone (no @everyone, no roles, no users).
func noMentions() *discordgo.MessageAllowedMentions {
	return &discordgo.MessageAllowedMentions{Parse: []discordgo.AllowedMentionType{}}
}

// escapeMarkdown keeps Discord from reading user or guide text as markup or mentions.
func escapeMarkdown(s string) string {
	r := strings.NewReplacer(`\`, `\\`, "*", `\*`, "_", `\_`, "~", `\~`, "`", "\\`", "|", `\|`, ">", `\>`,
		"@everyone", "@\u200beveryone", "@here", "@\u200bhere", "<@", "<\u200b@", "<#", "<\u200b#")
	return r.Replace(s)
}

// Content renders a reply's text for Discord: escaped, list items with bullets.
func Content(r bot.Reply) string {
	var paras []string
	for _, p := range strings.Split(strings.TrimSpace(r.Text), "\n\n") {
		if strings.TrimSpace(p) == "" {
			continue
		}
		lines := strings.Split(p, "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "- ") {
				l = "• " + strings.TrimPrefix(l, "- ")
			}
			lines[i] = escapeMarkdown(l)
		}
		paras = append(paras, strings.Join(lines, "\n"))
	}
	return strings.Join(paras, "\n\n")
}

// SplitContent cuts content into messages of at most max characters, between paragraphs,
// then lines, then words.
func SplitContent(content string, max int) []string {
	var out []string
	var cur strings.Builder
	n := 0
	push := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
			n = 0
		}
	}
	add := func(p, sep string) {
		l := utf8.RuneCountInString(p)
		if n > 0 && n+len(sep)+l > max {
			push()
		}
		if n > 0 {
			cur.WriteString(sep)
			n += len(sep)
		}
		cur.WriteString(p)
		n += l
	}
	for _, p := range strings.Split(content, "\n\n") {
		if utf8.RuneCountInString(p) <= max {
			add(p, "\n\n")
			continue
		}
		push()
		for _, line := range strings.Split(p, "\n") {
			for utf8.RuneCountInString(line) > max {
				cut := cutAt(line, max)
				add(strings.TrimRight(line[:cut], " "), "\n")
				push()
				line = strings.TrimLeft(line[cut:], " ")
			}
			add(line, "\n")
		}
		push()
	}
	push()
	if len(out) == 0 {
		out = []string{"…"}
	}
	return out
}

// cutAt returns a byte offset at most max characters into s: after the last space, else at a
// character boundary, never after an escaping backslash.
func cutAt(s string, max int) int {
	count, lastSpace, last := 0, -1, 0
	for i, r := range s {
		if count == max {
			break
		}
		count++
		last = i + utf8.RuneLen(r)
		if r == ' ' {
			lastSpace = i + 1
		}
	}
	if lastSpace > 0 {
		return lastSpace
	}
	for last > 1 && s[last-1] == '\\' {
		last--
	}
	return last
}

// Embeds are the sources of a reply, one embed each, titled with the guide and linked to it.
func Embeds(r bot.Reply) []*discordgo.MessageEmbed {
	var out []*discordgo.MessageEmbed
	for i, s := range r.Sources {
		if i == 10 {
			break
		}
		title := s.Title
		if len([]rune(title)) > 250 {
			title = string([]rune(title)[:249]) + "…"
		}
		e := &discordgo.MessageEmbed{Title: "[" + itoa(i+1) + "] " + title, Color: 0x2E7D32}
		if bot.LinkableURL(s.URL) {
			e.URL = s.URL
		}
		out = append(out, e)
	}
	return out
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// Components turn the reply's buttons into action rows (at most 5 rows of 5 buttons).
// custom_id is the encoded action.
func Components(rows [][]bot.Button) []discordgo.MessageComponent {
	var out []discordgo.MessageComponent
	for _, row := range rows {
		var btns []discordgo.MessageComponent
		for _, b := range row {
			id := b.Action.Encode()
			if id == "" || len(id) > 100 || len(btns) == 5 {
				continue
			}
			label := b.Label
			if len([]rune(label)) > 80 {
				label = string([]rune(label)[:79]) + "…"
			}
			style := discordgo.SecondaryButton
			switch b.Action.Kind {
			case bot.ActCoach, bot.ActSlot, bot.ActWorkshop, bot.ActClaim:
				style = discordgo.PrimaryButton
			case bot.ActCancel, bot.ActForgetYes, bot.ActWSCancel:
				style = discordgo.DangerButton
			}
			btns = append(btns, discordgo.Button{Label: label, Style: style, CustomID: id})
		}
		if len(btns) > 0 && len(out) < 5 {
			out = append(out, discordgo.ActionsRow{Components: btns})
		}
	}
	return out
}

// Files are the reply's attachments as Discord files.
func Files(r bot.Reply) []*discordgo.File {
	var out []*discordgo.File
	for _, a := range r.Attachments {
		out = append(out, &discordgo.File{Name: a.Name, ContentType: a.MIME, Reader: strings.NewReader(string(a.Data))})
	}
	return out
}
