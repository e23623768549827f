package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/coachbot/coachbot/adapters/discord"
	"github.com/coachbot/coachbot/adapters/telegram"
	"github.com/coachbot/coachbot/bot"
)

const serveUsage = `Usage: coachbot serve [flags]

Runs every configured platform adapter (Telegram with TELEGRAM_BOT_TOKEN, Discord with
DISCORD_BOT_TOKEN) and an HTTP
listener (COACHBOT_HTTP_ADDR, default :8080) for /healthz, /readyz, /metrics and the Telegram webhook
(/telegram/webhook). With COACHBOT_DATABASE_URL the data lives in PostgreSQL and several
replicas can share it; without it, in memory, with the demo coaches.

Telegram receives by long polling, unless TELEGRAM_WEBHOOK_URL is set (then
TELEGRAM_WEBHOOK_SECRET is required). Stops gracefully on SIGTERM or Ctrl-C.

Flags:
`

// router delivers notifications to the adapter of their channel.
type router struct {
	mu  sync.RWMutex
	by  map[string]bot.Notifier
	log *slog.Logger
}

func (r *router) add(channel string, n bot.Notifier) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.by == nil {
		r.by = map[string]bot.Notifier{}
	}
	r.by[channel] = n
}

// Notify implements bot.Notifier.
func (r *router) Notify(ctx context.Context, n bot.Notification) error {
	r.mu.RLock()
	to := r.by[n.To.Channel]
	r.mu.RUnlock()
	if to == nil {
		r.log.Warn("no adapter for this channel: notification not delivered", "channel", n.To.Channel)
		return fmt.Errorf("no adapter for channel %s", n.To.Channel)
	}
	return to.Notify(ctx, n)
}

func (m *Main) runServe(ctx context.Context, args []string) error {
	fs := newFlags("serve", serveUsage, m.Stderr)
	addr := fs.String("addr", "", "HTTP listen address (default COACHBOT_HTTP_ADDR or :8080)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := LoadConfig(m.Getenv)
	if err != nil {
		return err
	}
	if *addr != "" {
		cfg.HTTPAddr = *addr
	}
	log := m.newLogger(cfg, false)
	rt := &router{log: log}
	c, err := m.buildBot(ctx, cfg, knowledgeSource{}, log, rt)
	if err != nil {
		return err
	}
	type runner struct {
		name  string
		run   func(context.Context) error
		ready func() bool
	}
	var runners []runner
	mux := http.NewServeMux()
	if cfg.Telegram.Token != "" {
		tg, err := telegram.New(telegram.Config{Token: cfg.Telegram.Token, APIURL: cfg.Telegram.APIURL,
			WebhookURL: cfg.Telegram.WebhookURL, WebhookSecret: cfg.Telegram.WebhookSecret,
			QuotaPerMinute: cfg.Telegram.QuotaPerMinute}, c.bot, c.store, log)
		if err != nil {
			return err
		}
		tg.OnFlood = func() { c.metrics.platform429.inc(bot.ChannelTelegram) }
		rt.add(bot.ChannelTelegram, tg)
		if cfg.Telegram.WebhookURL != "" {
			mux.Handle("/telegram/webhook", tg.WebhookHandler())
		}
		runners = append(runners, runner{"telegram", tg.Run, tg.Ready})
	}
	if cfg.Discord.Token != "" {
		dc, err := discord.New(discord.Config{Token: cfg.Discord.Token, GuildID: cfg.Discord.GuildID, HelpChannels: cfg.Discord.HelpChannels,
			CoachChannel: cfg.Discord.CoachChannel, CoachRole: cfg.Discord.CoachRole, ShardID: cfg.Discord.ShardID, ShardCount: cfg.Discord.ShardCount},
			c.bot, c.store, log)
		if err != nil {
			return err
		}
		dc.OnRateLimit = func() { c.metrics.platform429.inc(bot.ChannelDiscord) }
		rt.add(bot.ChannelDiscord, dc)
		runners = append(runners, runner{"discord", dc.Run, dc.Ready})
	}
	if len(runners) == 0 {
		log.Warn("no platform configured (TELEGRAM_BOT_TOKEN, DISCORD_BOT_TOKEN): serving health checks only")
	}
	mux.Handle("/metrics", c.metricsHandler())
	mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintln(w, "ok") })
	mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		var problems []string
		if c.db != nil {
			if err := c.db.Ping(r.Context(), 2*time.Second); err != nil {
				problems = append(problems, "database unreachable")
			} else if applied, latest, err := c.db.SchemaVersion(r.Context()); err != nil || applied < latest {
				problems = append(problems, "migrations not applied")
			}
		}
		for _, rn := range runners {
			if !rn.ready() {
				problems = append(problems, rn.name+" not connected")
			}
		}
		if len(problems) > 0 {
			http.Error(w, fmt.Sprint(problems), http.StatusServiceUnavailable)
			return
		}
		fmt.Fprintln(w, "ready")
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	ln, err := net.Listen("tcp", cfg.HTTPAddr)
	switch {
	case err != nil && (m.Getenv("COACHBOT_HTTP_ADDR") != "" || *addr != "" || cfg.Telegram.WebhookURL != ""):
		return fmt.Errorf("listen on %s: %w", cfg.HTTPAddr, err)
	case err != nil:
		// the default port is taken: polling needs no listener, so go on without one
		log.Warn("cannot listen on the default HTTP address: health checks are off (set COACHBOT_HTTP_ADDR)", "addr", cfg.HTTPAddr, "err", err)
	default:
		log.Info("serving", "addr", ln.Addr().String(), "database", c.db != nil, "adapters", len(runners))
	}
	var wg sync.WaitGroup
	errs := make(chan error, len(runners)+2)
	if ln != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				errs <- fmt.Errorf("http: %w", err)
			}
		}()
	}
	for _, rn := range runners {
		wg.Add(1)
		go func(rn runner) {
			defer wg.Done()
			if err := rn.run(ctx); err != nil {
				errs <- fmt.Errorf("%s: %w", rn.name, err)
			}
		}(rn)
	}
	wg.Add(2)
	go func() { defer wg.Done(); m.purgeDaily(ctx, c, log) }()
	go func() { defer wg.Done(); remindEveryMinute(ctx, c, log) }()
	var runErr error
	select {
	case <-ctx.Done():
		log.Info("stopping: finishing work in hand")
	case runErr = <-errs:
		log.Error("stopping", "err", runErr)
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutdown)
	wg.Wait()
	log.Info("stopped")
	return runErr
}

// remindEveryMinute sends the reminders of sessions and workshops due (the day before). Every
// replica does; the store gives each reminder to one of them.
func remindEveryMinute(ctx context.Context, c *core, log *slog.Logger) {
	t := time.NewTicker(time.Minute)
	defer t.Stop()
	for {
		n, err := c.bot.SendReminders(ctx)
		if err != nil && ctx.Err() == nil {
			log.Error("reminders", "err", err)
		}
		if n > 0 {
			log.Info("reminders sent", "n", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// purgeDaily deletes old conversations and handled updates once a day. With PostgreSQL,
// replicas each check every hour and the database lets one of them run it once a day.
func (m *Main) purgeDaily(ctx context.Context, c *core, log *slog.Logger) {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	purge := func(ctx context.Context) error {
		n, err := c.bot.Purge(ctx)
		if err != nil {
			return fmt.Errorf("purge conversations: %w", err)
		}
		if n > 0 {
			log.Info("old conversations purged", "n", n)
		}
		if _, err := c.store.PurgeHandled(ctx, time.Now().Add(-7*24*time.Hour)); err != nil {
			return fmt.Errorf("purge handled updates: %w", err)
		}
		return nil
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if c.db == nil {
			if err := purge(ctx); err != nil {
				log.Error("retention purge", "err", err)
			}
			t.Reset(24 * time.Hour)
			continue
		}
		if _, err := c.db.RunOnce(ctx, "retention-purge", 23*time.Hour, purge); err != nil {
			log.Error("retention purge", "err", err)
		}
		t.Reset(time.Hour)
	}
}
