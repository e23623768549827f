package main

import (
	"os"
	"path/filepath"
	"regexp"

	"github.com/coachbot/coachbot/bot"
)

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]`)

// saveAttachment writes a file sent in the terminal chat under the temporary directory.
func saveAttachment(a bot.Attachment) (string, error) {
	dir := filepath.Join(os.TempDir(), "coachbot")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	p := filepath.Join(dir, unsafeName.ReplaceAllString(filepath.Base(a.Name), "_"))
	return p, os.WriteFile(p, a.Data, 0o600)
}
