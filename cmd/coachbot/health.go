package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

const healthUsage = `Usage: coachbot health [flags]

Asks a running coachbot serve whether it is alive (/healthz) or ready (--ready: /readyz) and
exits 0 when it is, 1 otherwise: for container health checks, where there is no curl.

Flags:
`

func (m *Main) runHealth(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("health", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	ready := fs.Bool("ready", false, "check /readyz (database, migrations, adapters) rather than /healthz")
	addr := fs.String("addr", "", "address of the HTTP listener (default COACHBOT_HTTP_ADDR or :8080)")
	fs.Usage = func() { fmt.Fprint(m.Stderr, healthUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	a := *addr
	if a == "" {
		a = m.Getenv("COACHBOT_HTTP_ADDR")
	}
	if a == "" {
		a = ":8080"
	}
	if strings.HasPrefix(a, ":") {
		a = "127.0.0.1" + a
	}
	path := "/healthz"
	if *ready {
		path = "/readyz"
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+a+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("health: %w", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	fmt.Fprint(m.Stdout, string(body))
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("health: %s %s", resp.Status, strings.TrimSpace(string(body)))
	}
	return nil
}
