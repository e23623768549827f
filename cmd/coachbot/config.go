package main

import (
	"fmt"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"time"
)

func validSecret(s string) bool {
	if len(s) == 0 || len(s) > 256 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_' || r == '-') {
			return false
		}
	}
	return true
}

// Config is everything the binary reads from the environment. Flags may override fields.
type Config struct {
	DatabaseURL   string
	LogLevel      slog.Level
	LogFormat     string // "text" or "json"
	RetentionDays int
	EFSearch      int
	HTTPAddr      string
	Telegram      TelegramConfig
	Discord       DiscordConfig
	LLM           LLMConfig
}

// LLMConfig configures the optional language and embedding models (any OpenAI-compatible
// server). Without them the product answers with its extractive answerer and embeds offline.
type LLMConfig struct {
	APIKey     string
	BaseURL    string
	ChatModel  string
	EmbedModel string
	// Timeout is the deadline of one answer, retries included.
	Timeout       time.Duration
	ContextTokens int
	AnswerTokens  int
}

// DefaultChatModel is used with OPENAI_API_KEY on OpenAI when COACHBOT_CHAT_MODEL is unset.
const DefaultChatModel = "gpt-4o-mini"

// DiscordConfig configures the Discord adapter.
type DiscordConfig struct {
	Token        string
	GuildID      string
	HelpChannels []string
	CoachChannel string
	CoachRole    string
	ShardID      int
	ShardCount   int
}

// TelegramConfig configures the Telegram adapter.
type TelegramConfig struct {
	Token          string
	APIURL         string
	WebhookURL     string
	WebhookSecret  string
	QuotaPerMinute int
}

// LoadConfig reads the environment and reports every invalid value at once.
func LoadConfig(getenv func(string) string) (Config, error) {
	c := Config{
		DatabaseURL:   strings.TrimSpace(getenv("COACHBOT_DATABASE_URL")),
		LogLevel:      slog.LevelInfo,
		LogFormat:     "text",
		RetentionDays: 180,
		EFSearch:      400,
	}
	var errs []string
	secret := func(name string) string {
		// a secret comes from NAME, or from the file named by NAME_FILE (Docker secrets)
		v := strings.TrimSpace(getenv(name))
		if f := getenv(name + "_FILE"); f != "" {
			b, err := os.ReadFile(f)
			if err != nil {
				errs = append(errs, fmt.Sprintf("%s_FILE: cannot read %s: %v", name, f, err))
				return ""
			}
			v = strings.TrimSpace(string(b))
		}
		return v
	}
	c.HTTPAddr = getenv("COACHBOT_HTTP_ADDR")
	if c.HTTPAddr == "" {
		c.HTTPAddr = ":8080"
	}
	c.Telegram = TelegramConfig{
		Token:         secret("TELEGRAM_BOT_TOKEN"),
		APIURL:        strings.TrimRight(strings.TrimSpace(getenv("TELEGRAM_API_URL")), "/"),
		WebhookURL:    strings.TrimSpace(getenv("TELEGRAM_WEBHOOK_URL")),
		WebhookSecret: secret("TELEGRAM_WEBHOOK_SECRET"),
	}
	if c.Telegram.APIURL != "" && !strings.HasPrefix(c.Telegram.APIURL, "http://") && !strings.HasPrefix(c.Telegram.APIURL, "https://") {
		errs = append(errs, fmt.Sprintf("TELEGRAM_API_URL=%q: want an http(s) URL such as https://api.telegram.org", c.Telegram.APIURL))
	}
	if c.Telegram.WebhookURL != "" {
		if !strings.HasPrefix(c.Telegram.WebhookURL, "https://") {
			errs = append(errs, "TELEGRAM_WEBHOOK_URL: Telegram only posts to https:// URLs")
		}
		if c.Telegram.WebhookSecret == "" {
			errs = append(errs, "TELEGRAM_WEBHOOK_SECRET is required with TELEGRAM_WEBHOOK_URL (letters, digits, _ and -, 1 to 256 characters)")
		}
	}
	if s := c.Telegram.WebhookSecret; s != "" && !validSecret(s) {
		errs = append(errs, "TELEGRAM_WEBHOOK_SECRET: use 1 to 256 letters, digits, _ or -")
	}
	if c.Telegram.Token != "" && !strings.Contains(c.Telegram.Token, ":") {
		errs = append(errs, "TELEGRAM_BOT_TOKEN: not a bot token (BotFather gives 123456789:ABC…)")
	}
	c.Discord = DiscordConfig{
		Token:        secret("DISCORD_BOT_TOKEN"),
		GuildID:      strings.TrimSpace(getenv("DISCORD_GUILD_ID")),
		CoachChannel: strings.TrimSpace(getenv("DISCORD_COACH_CHANNEL_ID")),
		CoachRole:    strings.TrimSpace(getenv("DISCORD_COACH_ROLE_ID")),
	}
	for _, ch := range strings.Split(getenv("DISCORD_HELP_CHANNEL_IDS"), ",") {
		if ch = strings.TrimSpace(ch); ch != "" {
			c.Discord.HelpChannels = append(c.Discord.HelpChannels, ch)
		}
	}
	for name, v := range map[string]string{"DISCORD_GUILD_ID": c.Discord.GuildID, "DISCORD_COACH_CHANNEL_ID": c.Discord.CoachChannel,
		"DISCORD_COACH_ROLE_ID": c.Discord.CoachRole, "DISCORD_HELP_CHANNEL_IDS": strings.Join(c.Discord.HelpChannels, "")} {
		for _, r := range v {
			if r < '0' || r > '9' {
				errs = append(errs, fmt.Sprintf("%s: Discord ids are numbers (enable developer mode, right-click, Copy ID)", name))
				break
			}
		}
	}
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
	c.Telegram.QuotaPerMinute = 20
	intVar("TELEGRAM_QUOTA_PER_MINUTE", &c.Telegram.QuotaPerMinute, 1, 1000)
	c.Discord.ShardCount = 1
	intVar("DISCORD_SHARD_COUNT", &c.Discord.ShardCount, 1, 10000)
	intVar("DISCORD_SHARD_ID", &c.Discord.ShardID, 0, 9999)
	if c.Discord.ShardID >= c.Discord.ShardCount {
		errs = append(errs, fmt.Sprintf("DISCORD_SHARD_ID=%d: must be less than DISCORD_SHARD_COUNT=%d", c.Discord.ShardID, c.Discord.ShardCount))
	}
	intVar("COACHBOT_HNSW_EF_SEARCH", &c.EFSearch, 10, 1000)
	c.LLM = LLMConfig{
		APIKey:        secret("OPENAI_API_KEY"),
		BaseURL:       strings.TrimRight(strings.TrimSpace(getenv("OPENAI_BASE_URL")), "/"),
		ChatModel:     strings.TrimSpace(getenv("COACHBOT_CHAT_MODEL")),
		EmbedModel:    strings.TrimSpace(getenv("COACHBOT_EMBED_MODEL")),
		Timeout:       20 * time.Second,
		ContextTokens: 3000,
		AnswerTokens:  500,
	}
	timeout := 20
	intVar("COACHBOT_LLM_TIMEOUT", &timeout, 1, 120)
	c.LLM.Timeout = time.Duration(timeout) * time.Second
	intVar("COACHBOT_LLM_CONTEXT_TOKENS", &c.LLM.ContextTokens, 300, 100000)
	intVar("COACHBOT_LLM_ANSWER_TOKENS", &c.LLM.AnswerTokens, 100, 4000)
	if u := c.LLM.BaseURL; u != "" && !strings.HasPrefix(u, "http://") && !strings.HasPrefix(u, "https://") {
		errs = append(errs, fmt.Sprintf("OPENAI_BASE_URL=%q: want an http(s) URL such as http://localhost:11434/v1 (Ollama) or https://api.mistral.ai/v1", u))
	}
	switch {
	case c.LLM.BaseURL == "" && c.LLM.APIKey == "" && (c.LLM.ChatModel != "" || c.LLM.EmbedModel != ""):
		errs = append(errs, "COACHBOT_CHAT_MODEL/COACHBOT_EMBED_MODEL need OPENAI_API_KEY (OpenAI) or OPENAI_BASE_URL (another OpenAI-compatible server)")
	case c.LLM.BaseURL == "" && c.LLM.APIKey != "" && c.LLM.ChatModel == "":
		c.LLM.ChatModel = DefaultChatModel
	case c.LLM.BaseURL != "" && c.LLM.ChatModel == "" && c.LLM.EmbedModel == "":
		errs = append(errs, "OPENAI_BASE_URL is set but no model: set COACHBOT_CHAT_MODEL (and COACHBOT_EMBED_MODEL for embeddings), as the server names them (ollama list, GET /v1/models)")
	}
	if c.LLM.APIKey != "" && strings.ContainsAny(c.LLM.APIKey, " \t\n") {
		errs = append(errs, "OPENAI_API_KEY: contains spaces (copied with something else?)")
	}
	if c.DatabaseURL != "" && !strings.HasPrefix(c.DatabaseURL, "postgres://") && !strings.HasPrefix(c.DatabaseURL, "postgresql://") && !strings.Contains(c.DatabaseURL, "=") {
		errs = append(errs, "COACHBOT_DATABASE_URL: want a postgres:// URL or a key=value connection string")
	}
	if len(errs) > 0 {
		return c, fmt.Errorf("invalid configuration:\n  %s", strings.Join(errs, "\n  "))
	}
	return c, nil
}
