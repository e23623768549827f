package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"text/template"
	"time"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/adapters/openai"
	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/prompts"
)

// newLogger returns the process logger. Terminal commands keep stderr quiet (warnings and
// errors only) unless COACHBOT_LOG_LEVEL says otherwise.
func (m *Main) newLogger(cfg Config, quiet bool) *slog.Logger {
	level := cfg.LogLevel
	if quiet && m.Getenv("COACHBOT_LOG_LEVEL") == "" {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(m.Stderr, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(m.Stderr, opts)
	}
	return slog.New(h)
}

// knowledgeSource says where the guides come from.
type knowledgeSource struct {
	guidesDir string // answer from this directory, in memory
}

// openDB connects to PostgreSQL and migrates it.
func (m *Main) openDB(ctx context.Context, cfg Config) (*postgres.DB, error) {
	db, err := postgres.Open(ctx, cfg.DatabaseURL, postgres.Options{EFSearch: cfg.EFSearch})
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	m.onClose(db.Close)
	return db, nil
}

// loadDir reads the guides of a directory; unusable pages are skipped and reported briefly.
func loadDir(dir string, stderr io.Writer) ([]knowledge.Guide, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("--guides %s: not a directory", dir)
	}
	guides, probs, err := knowledge.LoadGuides(os.DirFS(abs), ".")
	if err != nil {
		return nil, err
	}
	var fatal []string
	for _, p := range probs {
		if p.Fatal {
			fatal = append(fatal, p.Error())
		}
	}
	if len(fatal) > 0 {
		fmt.Fprintf(stderr, "coachbot: %d page(s) skipped:\n  %s\n", len(fatal), strings.Join(first(fatal, 5), "\n  "))
	}
	if len(guides) == 0 {
		return nil, fmt.Errorf("no usable guide in %s", dir)
	}
	return guides, nil
}

func first(xs []string, n int) []string {
	if len(xs) > n {
		return append(xs[:n:n], fmt.Sprintf("… and %d more", len(xs)-n))
	}
	return xs
}

// core is the wired product: the bot and what it was built on.
type core struct {
	bot   *bot.Bot
	store bot.Store
	db    *postgres.DB // nil on the embedded default
	demo  bool         // the store holds the demo coaches
	llm   *openai.Client
	// metrics of the core and the adapters (/metrics)
	metrics *metrics
}

// newLLM returns the client of the configured OpenAI-compatible server.
func newLLM(cfg LLMConfig, tmpl *template.Template, log *slog.Logger) (*openai.Client, error) {
	return openai.New(openai.Config{APIKey: cfg.APIKey, BaseURL: cfg.BaseURL, ChatModel: cfg.ChatModel, EmbedModel: cfg.EmbedModel,
		Timeout: cfg.Timeout, ContextTokens: cfg.ContextTokens, AnswerTokens: cfg.AnswerTokens}, tmpl, log)
}

// ingestMemory loads guides into a memory index. When an embedding server fails, the
// offline embedder takes over, so that the product still starts and answers.
func ingestMemory(ctx context.Context, guides []knowledge.Guide, emb knowledge.Embedder, log *slog.Logger) (*memory.Index, knowledge.Embedder, error) {
	mem := memory.NewIndex()
	_, err := knowledge.Ingest(ctx, mem, emb, guides, knowledge.IngestOptions{})
	if err == nil {
		return mem, emb, nil
	}
	if _, offline := emb.(*knowledge.HashEmbedder); offline {
		return nil, nil, err
	}
	log.Error("embedding model unavailable: the offline embedder is used instead", "model", emb.Model(), "err", err)
	hash := knowledge.NewHashEmbedder()
	mem = memory.NewIndex()
	if _, err := knowledge.Ingest(ctx, mem, hash, guides, knowledge.IngestOptions{}); err != nil {
		return nil, nil, err
	}
	return mem, hash, nil
}

// buildBot wires the core on the embedded default or on PostgreSQL.
func (m *Main) buildBot(ctx context.Context, cfg Config, src knowledgeSource, log *slog.Logger, notifier bot.Notifier) (*core, error) {
	tmpl, err := prompts.Parse()
	if err != nil {
		return nil, err
	}
	c := &core{metrics: newMetrics()}
	var emb knowledge.Embedder = knowledge.NewHashEmbedder()
	if cfg.LLM.ChatModel != "" || cfg.LLM.EmbedModel != "" {
		llm, err := newLLM(cfg.LLM, tmpl, log)
		if err != nil {
			return nil, err
		}
		c.llm = llm
		if e := llm.Embedder(); e != nil {
			emb = e
		}
	}
	var index knowledge.Index
	switch {
	case src.guidesDir != "":
		guides, err := loadDir(src.guidesDir, m.Stderr)
		if err != nil {
			return nil, err
		}
		mem, e, err := ingestMemory(ctx, guides, emb, log)
		if err != nil {
			return nil, err
		}
		index, emb = mem, e
	case cfg.DatabaseURL != "":
		db, err := m.openDB(ctx, cfg)
		if err != nil {
			return nil, err
		}
		pg := postgres.NewIndex(db)
		if err := ensureCorpus(ctx, pg, emb, log); err != nil {
			return nil, err
		}
		index = pg
		c.db = db
		c.store = postgres.NewStore(db)
	default:
		guides, probs, err := knowledge.Bundled()
		if err != nil {
			return nil, err
		}
		if err := knowledge.FatalProblems(probs); err != nil {
			return nil, fmt.Errorf("bundled guides: %w", err)
		}
		mem, e, err := ingestMemory(ctx, guides, emb, log)
		if err != nil {
			return nil, err
		}
		index, emb = mem, e
	}
	if c.store == nil {
		// the embedded default: memory stores with clearly labelled demo coaches, slots and
		// workshops, so that the whole flow can be tried
		mem := memory.NewStore()
		if err := bot.SeedDemo(ctx, mem, time.Now()); err != nil {
			return nil, err
		}
		c.store, c.demo = mem, true
	}
	retriever := knowledge.NewRetriever(index, emb, knowledge.Options{})
	bc := bot.Config{
		Retriever:     retriever,
		Store:         c.store,
		Notifier:      notifier,
		Templates:     tmpl,
		Logger:        log,
		RetentionDays: cfg.RetentionDays,
		OnFallback:    c.metrics.fallbacks.add,
		Observe:       c.metrics.observe,
	}
	if c.llm != nil && cfg.LLM.ChatModel != "" {
		bc.Answerer, bc.Rewriter, bc.Summarizer = c.llm, c.llm, c.llm
	}
	b, err := bot.New(bc)
	if err != nil {
		return nil, err
	}
	c.bot = b
	return c, nil
}

// ensureCorpus loads the bundled guides into an empty database, so that a new deployment
// answers at once; a database that already has guides is left as it is.
func ensureCorpus(ctx context.Context, pg *postgres.Index, emb knowledge.Embedder, log *slog.Logger) error {
	hashes, err := pg.StoredHashes(ctx, emb.Model())
	if err != nil {
		return fmt.Errorf("read corpus: %w", err)
	}
	if len(hashes) > 0 {
		missing := 0
		for _, hasVec := range hashes {
			if !hasVec {
				missing++
			}
		}
		if missing > 0 {
			log.Warn("guides without vectors for this embedding model: retrieval is lexical for them until you run coachbot ingest",
				"model", emb.Model(), "missing", missing, "chunks", len(hashes))
		}
		return nil
	}
	guides, probs, err := knowledge.Bundled()
	if err != nil {
		return err
	}
	if err := knowledge.FatalProblems(probs); err != nil {
		return err
	}
	rep, err := knowledge.Ingest(ctx, pg, emb, guides, knowledge.IngestOptions{})
	if err != nil {
		return fmt.Errorf("load bundled guides with embedding model %s: %w", emb.Model(), err)
	}
	log.Info("empty database: bundled guides loaded", "guides", rep.Guides, "chunks", rep.Chunks, "duration", rep.Duration)
	return nil
}
