package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sync"

	"github.com/coachbot/coachbot/bot"
)

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]`)

var (
	attachMu  sync.Mutex
	attachDir string
)

// saveAttachment writes a file sent in the terminal chat into a directory of its own, made
// once per session under the temporary directory.
func saveAttachment(a bot.Attachment) (string, error) {
	attachMu.Lock()
	defer attachMu.Unlock()
	if attachDir == "" {
		d, err := os.MkdirTemp("", "coachbot-fichiers-")
		if err != nil {
			return "", err
		}
		attachDir = d
	}
	p := filepath.Join(attachDir, unsafeName.ReplaceAllString(filepath.Base(a.Name), "_"))
	return p, os.WriteFile(p, a.Data, 0o600)
}
