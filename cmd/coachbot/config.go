package main

import (
	"fmt"
	"log/slog"
	"strconv"
	"strings"
)

// Config is everything the binary reads from the environment. Flags may override fields.
type Config struct {
	DatabaseURL   string
	LogLevel      slog.Level
	LogFormat     string // "text" or "json"
	RetentionDays int
	EFSearch      int
}

// LoadConfig reads the environment and reports every invalid value at once.
func LoadConfig(getenv func(string) string) (Config, error) {
	c := Config{
		DatabaseURL:   strings.TrimSpace(getenv("COACHBOT_DATABASE_URL")),
		LogLevel:      slog.LevelInfo,
		LogFormat:     "text",
		RetentionDays: 180,
		EFSearch:      100,
	}
	var errs []string
	if v := getenv("COACHBOT_LOG_LEVEL"); v != "" {
		if err := c.LogLevel.UnmarshalText([]byte(v)); err != nil {
			errs = append(errs, fmt.Sprintf("COACHBOT_LOG_LEVEL=%q: want debug, info, warn or error", v))
		}
	}
	if v := getenv("COACHBOT_LOG_FORMAT"); v != "" {
		if v != "text" && v != "json" {
			errs = append(errs, fmt.Sprintf("COACHBOT_LOG_FORMAT=%q: want text or json", v))
		}
		c.LogFormat = v
	}
	intVar := func(name string, dst *int, min, max int) {
		v := getenv(name)
		if v == "" {
			return
		}
		n, err := strconv.Atoi(v)
		if err != nil || n < min || n > max {
			errs = append(errs, fmt.Sprintf("%s=%q: want a whole number from %d to %d", name, v, min, max))
			return
		}
		*dst = n
	}
	intVar("COACHBOT_RETENTION_DAYS", &c.RetentionDays, 1, 3650)
	intVar("COACHBOT_HNSW_EF_SEARCH", &c.EFSearch, 10, 1000)
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") && !strings.Contains(c.DatabaseURL, "=") {
		errs = append(errs, "COACHBOT_DATABASE_URL: want a postgres:// URL or a key=value connection string")
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("invalid configuration:\n  %s", strings.Join(errs, "\n  "))
	}
	return c, nil
}
