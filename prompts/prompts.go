// Package prompts holds every text template of coachbot: the French messages the core sends
// to owners and coaches, and the prompts given to a language model. Templates are embedded
// and parsed once at start-up, so a broken template stops the program before anyone sees it.
package prompts

import (
	"embed"
	"fmt"
	"strings"
	"text/template"
)

//go:embed *.tmpl
var files embed.FS

// Parse parses every embedded template.
func Parse() (*template.Template, error) {
	t, err := template.New("prompts").Funcs(template.FuncMap{
		"join":  strings.Join,
		"add":   func(a, b int) int { return a + b },
		"quote": func(s string) string { return "« " + s + " »" },
	}).Option("missingkey=error").ParseFS(files, "*.tmpl")
	if err != nil {
		return nil, fmt.Errorf("parse prompts: %w", err)
	}
	return t, nil
}

// Render executes the named template and trims surrounding blank space.
func Render(t *template.Template, name string, data any) (string, error) {
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return strings.TrimSpace(b.String()), nil
}
