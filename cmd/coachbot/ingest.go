package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/knowledge"
)

const ingestUsage = `Usage: coachbot ingest [flags]

Load guides into PostgreSQL (COACHBOT_DATABASE_URL): the bundled guides, or the Markdown files
of a directory. Front matter is validated (errors name the file and the field); chunks are
hashed, so running it again re-embeds only what changed and removes what disappeared. Loading
uses COPY. The stored corpus becomes exactly the guides given.

Vectors come from the offline embedder, or from COACHBOT_EMBED_MODEL on an OpenAI-compatible
server (OPENAI_BASE_URL, OPENAI_API_KEY). Each model's vectors are stored apart and a search
only reads the vectors of the model configured: after changing COACHBOT_EMBED_MODEL, run
ingest again (it embeds what the new model lacks; --reembed recomputes everything, for a
model updated under the same name).

Flags:
`

func (m *Main) runIngest(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("ingest", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	dir := fs.String("dir", "", "load the Markdown guides of `DIR` instead of the bundled ones")
	withBundled := fs.Bool("with-bundled", false, "with --dir, load the bundled guides too")
	reembed := fs.Bool("reembed", false, "compute every vector again (after changing the embedding model)")
	check := fs.Bool("check", false, "only validate the guides; do not touch the database")
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	fs.Usage = func() { fmt.Fprint(m.Stderr, ingestUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return usageError{"ingest takes no arguments"}
	}
	cfg, err := LoadConfig(m.Getenv)
	if err != nil {
		return err
	}
	log := m.newLogger(cfg, false)

	var guides []knowledge.Guide
	var probs []knowledge.Problem
	if *dir == "" || *withBundled {
		gs, ps, err := knowledge.Bundled()
		if err != nil {
			return err
		}
		guides, probs = append(guides, gs...), append(probs, ps...)
	}
	if *dir != "" {
		abs, err := filepath.Abs(*dir)
		if err != nil {
			return err
		}
		gs, ps, err := knowledge.LoadGuides(os.DirFS(abs), ".")
		if err != nil {
			return err
		}
		for i := range ps {
			ps[i].File = filepath.Join(*dir, ps[i].File)
		}
		guides, probs = append(guides, gs...), append(probs, ps...)
	}
	for _, p := range probs {
		if !p.Fatal {
			fmt.Fprintln(m.Stderr, "warning:", p.Error())
		}
	}
	if err := knowledge.FatalProblems(probs); err != nil {
		return fmt.Errorf("invalid guides, nothing loaded:\n%w", err)
	}
	if ids := duplicateIDs(guides); len(ids) > 0 {
		return fmt.Errorf("guide ids used twice (bundled and --dir?): %s", strings.Join(ids, ", "))
	}
	if *check {
		fmt.Fprintf(m.Stdout, "%d guides are valid\n", len(guides))
		return nil
	}
	if cfg.DatabaseURL == "" {
		return errors.New("ingest needs COACHBOT_DATABASE_URL (the embedded default loads the bundled guides by itself)")
	}
	db, err := m.openDB(ctx, cfg)
	if err != nil {
		return err
	}
	var emb knowledge.Embedder = knowledge.NewHashEmbedder()
	if cfg.LLM.EmbedModel != "" {
		llm, err := newLLM(cfg.LLM, nil, log)
		if err != nil {
			return err
		}
		emb = llm.Embedder()
	}
	bar := newProgress(m.Stderr, isTerminalWriter(m.Stderr))
	rep, err := knowledge.Ingest(ctx, postgres.NewIndex(db), emb, guides, knowledge.IngestOptions{
		Reembed: *reembed, Progress: bar.update,
	})
	bar.done()
	if err != nil {
		return err
	}
	log.Debug("ingested", "report", rep)
	if *asJSON {
		return json.NewEncoder(m.Stdout).Encode(rep)
	}
	fmt.Fprintf(m.Stdout, "%d guides, %d chunks: %d added, %d re-embedded, %d unchanged, %d removed (model %s, %d dimensions) in %s\n",
		rep.Guides, rep.Chunks, rep.Added, rep.Reembed, rep.Unchanged, rep.Removed, rep.Model, rep.Dim, rep.Duration.Round(time.Millisecond))
	return nil
}

func duplicateIDs(gs []knowledge.Guide) []string {
	seen := map[string]bool{}
	var dup []string
	for _, g := range gs {
		if seen[g.ID] {
			dup = append(dup, g.ID)
		}
		seen[g.ID] = true
	}
	return dup
}

// progress draws a bar on a terminal, and nothing elsewhere.
type progress struct {
	w     io.Writer
	on    bool
	last  time.Time
	drawn bool
}

func newProgress(w io.Writer, on bool) *progress { return &progress{w: w, on: on} }

func (p *progress) update(done, total int) {
	if !p.on || total == 0 {
		return
	}
	if done < total && time.Since(p.last) < 100*time.Millisecond {
		return
	}
	p.last = time.Now()
	const width = 30
	n := done * width / total
	fmt.Fprintf(p.w, "\rembedding [%s%s] %d/%d chunks", strings.Repeat("#", n), strings.Repeat(".", width-n), done, total)
	p.drawn = true
}

func (p *progress) done() {
	if p.drawn {
		fmt.Fprintln(p.w)
	}
}

func isTerminalWriter(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && isTerminal(f)
}
