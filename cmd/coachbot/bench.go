package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"os/exec"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/coachbot/coachbot/adapters/memory"
	"github.com/coachbot/coachbot/adapters/postgres"
	"github.com/coachbot/coachbot/bot"
	"github.com/coachbot/coachbot/knowledge"
	"github.com/coachbot/coachbot/knowledge/synth"
	"github.com/coachbot/coachbot/prompts"
	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"
)

const benchUsage = `Usage: coachbot bench [flags]

Measures ingestion, retrieval, message handling and memory on synthetic corpora derived from
the bundled guides (reproducible with --seed), and prints a table. Needs a PostgreSQL server
with pgvector where it may create and drop databases: COACHBOT_BENCH_DATABASE_URL, else
COACHBOT_TEST_DATABASE_URL (scripts/pg.sh start prints it), else COACHBOT_DATABASE_URL.

  make bench                                  # starts PostgreSQL, runs the default sizes
  coachbot bench --sizes 10000 --markdown out.md --json out.json

Flags:
`

type benchOptions struct {
	sizes         []int
	baselineSizes []int
	conc          []int
	seed          uint64
	questions     int
	messages      int
	efSearch      int
	efSweep       []int
	hnswWith      string
	server        string
	rate          float64
	openSeconds   float64
	keep          bool
}

// Latency is a distribution of durations, in milliseconds.
type Latency struct {
	N   int     `json:"n"`
	P50 float64 `json:"p50_ms"`
	P95 float64 `json:"p95_ms"`
	P99 float64 `json:"p99_ms"`
	Max float64 `json:"max_ms"`
}

func latencyOf(ds []time.Duration) Latency {
	if len(ds) == 0 {
		return Latency{}
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	at := func(p float64) float64 {
		i := int(p*float64(len(s))+0.5) - 1
		i = max(0, min(i, len(s)-1))
		return float64(s[i].Microseconds()) / 1000
	}
	return Latency{N: len(s), P50: at(0.50), P95: at(0.95), P99: at(0.99), Max: float64(s[len(s)-1].Microseconds()) / 1000}
}

func (l Latency) String() string { return fmt.Sprintf("%.2f / %.2f / %.2f", l.P50, l.P95, l.P99) }

// SizeResult is what was measured at one corpus size.
type SizeResult struct {
	Chunks          int     `json:"chunks"`
	Guides          int     `json:"guides"`
	GenerateSeconds float64 `json:"generate_s"`
	// Ingest is the project's path (knowledge.Ingest into PostgreSQL: analysis, offline
	// embedding, COPY, statistics, HNSW index); Baseline loads the same rows with one INSERT
	// each in a pgx.Batch, vectors as text, analysis and embedding included too.
	IngestSeconds   float64 `json:"ingest_s"`
	IngestRate      float64 `json:"ingest_chunks_per_s"`
	BaselineSeconds float64 `json:"baseline_s,omitempty"`
	BaselineRate    float64 `json:"baseline_chunks_per_s,omitempty"`
	Speedup         float64 `json:"speedup,omitempty"`
	HNSW            Latency `json:"vector_hnsw"`
	RecallAt10      float64 `json:"recall_at_10"`
	// DistanceRecallAt10 counts a result right when it is as near as the 10th true neighbour.
	DistanceRecallAt10 float64  `json:"distance_recall_at_10"`
	Exact              Latency  `json:"vector_exact"`
	HybridPostgres     Latency  `json:"hybrid_postgres"`
	HybridMemory       Latency  `json:"hybrid_memory"`
	KnownAnswerAt10    float64  `json:"known_answer_at_10"`
	DatabaseMB         float64  `json:"database_mb"`
	ServerRSSMB        float64  `json:"coachbot_rss_mb"`
	MemoryIndexHeapMB  float64  `json:"memory_index_heap_mb"`
	Notes              []string `json:"notes,omitempty"`
	// Sweep is vector search at other ef_search values.
	Sweep []SweepPoint `json:"ef_sweep,omitempty"`
}

// SweepPoint is vector search at one ef_search.
type SweepPoint struct {
	EFSearch           int     `json:"ef_search"`
	Latency            Latency `json:"latency"`
	RecallAt10         float64 `json:"recall_at_10"`
	DistanceRecallAt10 float64 `json:"distance_recall_at_10"`
}

// MessageResult is the core's throughput at one concurrency: closed loop (each conversation
// sends its next message as soon as it has the reply: the most the core can do) and open loop
// (messages arrive at a fixed rate, spread over the conversations, as owners send them:
// latency includes waiting for the previous reply of the same conversation).
type MessageResult struct {
	Store       string  `json:"store"`
	Concurrency int     `json:"concurrency"`
	Messages    int     `json:"messages"`
	PerSecond   float64 `json:"per_second"`
	Latency     Latency `json:"latency"`
	// Outcomes of the replies, to show what was measured.
	Outcomes     map[bot.Outcome]int `json:"outcomes"`
	OfferedRate  float64             `json:"open_offered_per_second"`
	AchievedRate float64             `json:"open_achieved_per_second"`
	OpenLatency  Latency             `json:"open_latency"`
}

// BenchReport is the whole run.
type BenchReport struct {
	Machine  map[string]string `json:"machine"`
	Command  string            `json:"command"`
	Seed     uint64            `json:"seed"`
	EFSearch int               `json:"ef_search"`
	Sizes    []SizeResult      `json:"sizes"`
	Messages []MessageResult   `json:"messages"`
	Targets  []TargetResult    `json:"targets"`
}

// TargetResult is a target of the performance issue and what was measured for it.
type TargetResult struct {
	Target   string `json:"target"`
	Measured string `json:"measured"`
	Met      bool   `json:"met"`
}

func intList(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(strings.ReplaceAll(f, "_", ""))
		if f == "" {
			continue
		}
		mult := 1
		switch {
		case strings.HasSuffix(f, "k"):
			mult, f = 1000, strings.TrimSuffix(f, "k")
		case strings.HasSuffix(f, "M"):
			mult, f = 1000000, strings.TrimSuffix(f, "M")
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("%q: want numbers such as 10000,100k", s)
		}
		out = append(out, n*mult)
	}
	return out, nil
}

func (m *Main) runBench(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench", flag.ContinueOnError)
	fs.SetOutput(m.Stderr)
	sizes := fs.String("sizes", "10k,100k", "corpus sizes in chunks (1M is possible: about 15 minutes and 6 GB of disk)")
	baseline := fs.String("baseline-sizes", "10k,100k", "sizes at which the row-INSERT baseline is measured too")
	conc := fs.String("concurrency", "1,16,64", "concurrent conversations of the message benchmark")
	seed := fs.Uint64("seed", 1, "seed of the synthetic corpus and of the questions")
	questions := fs.Int("questions", 500, "questions per retrieval measurement")
	messages := fs.Int("messages", 3000, "messages per concurrency level")
	ef := fs.Int("ef-search", 400, "HNSW ef_search of the product's searches (COACHBOT_HNSW_EF_SEARCH)")
	hnswWith := fs.String("hnsw-with", "", "rebuild the HNSW index WITH (`OPTIONS`) before measuring, e.g. \"m = 32, ef_construction = 128\" (to compare)")
	sweep := fs.String("ef-sweep", "40,100,200,400", "other ef_search values at which vector search is measured too")
	rate := fs.Float64("rate", 300, "messages a second offered in the open-loop measurement (0: skip it)")
	openFor := fs.Duration("open-for", 10*time.Second, "length of the open-loop measurement")
	keep := fs.Bool("keep", false, "keep the benchmark databases (their names are printed) to look into them")
	md := fs.String("markdown", "", "also write the report as Markdown to `FILE`")
	js := fs.String("json", "", "also write the report as JSON to `FILE`")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the run to `FILE` (go tool pprof)")
	fs.Usage = func() { fmt.Fprint(m.Stderr, benchUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return err
	}
	var o benchOptions
	var err error
	if o.sizes, err = intList(*sizes); err != nil {
		return usageError{"--sizes " + err.Error()}
	}
	if o.baselineSizes, err = intList(*baseline); err != nil {
		return usageError{"--baseline-sizes " + err.Error()}
	}
	if o.efSweep, err = intList(*sweep); err != nil {
		return usageError{"--ef-sweep " + err.Error()}
	}
	if o.conc, err = intList(*conc); err != nil {
		return usageError{"--concurrency " + err.Error()}
	}
	o.seed, o.questions, o.messages, o.efSearch = *seed, *questions, *messages, *ef
	o.rate, o.openSeconds, o.keep, o.hnswWith = *rate, openFor.Seconds(), *keep, *hnswWith
	for _, k := range []string{"COACHBOT_BENCH_DATABASE_URL", "COACHBOT_TEST_DATABASE_URL", "COACHBOT_DATABASE_URL"} {
		if v := m.Getenv(k); v != "" {
			o.server = v
			break
		}
	}
	if o.server == "" {
		return errors.New("bench needs a PostgreSQL server: run `eval \"$(bash scripts/pg.sh start)\"` first, or `make bench`")
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
		defer pprof.StopCPUProfile()
	}
	b := &bencher{m: m, o: o, log: slog.New(slog.DiscardHandler)}
	rep, err := b.run(ctx)
	if err != nil {
		return err
	}
	rep.Command = "coachbot bench " + strings.Join(args, " ")
	text := rep.Markdown()
	fmt.Fprint(m.Stdout, text)
	if *md != "" {
		if err := os.WriteFile(*md, []byte(text), 0o644); err != nil {
			return err
		}
	}
	if *js != "" {
		buf, _ := json.MarshalIndent(rep, "", "  ")
		if err := os.WriteFile(*js, append(buf, '\n'), 0o644); err != nil {
			return err
		}
	}
	return nil
}

type bencher struct {
	m   *Main
	o   benchOptions
	log *slog.Logger
}

func (b *bencher) progress(format string, args ...any) {
	fmt.Fprintf(b.m.Stderr, "bench: "+format+"\n", args...)
}

// database creates an empty database on the server and returns its URL and a function that
// drops it.
func (b *bencher) database(ctx context.Context, name string) (string, func(), error) {
	admin, err := pgx.Connect(ctx, b.o.server)
	if err != nil {
		return "", nil, fmt.Errorf("connect to %s: %w", redactURL(b.o.server), err)
	}
	defer admin.Close(ctx)
	name = fmt.Sprintf("coachbench_%s_%d", name, os.Getpid())
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
		return "", nil, err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		return "", nil, fmt.Errorf("create database (the bench needs CREATEDB): %w", err)
	}
	u, err := url.Parse(b.o.server)
	if err != nil {
		return "", nil, err
	}
	u.Path = "/" + name
	drop := func() {
		if b.o.keep {
			b.progress("kept database %s", name)
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if c, err := pgx.Connect(ctx, b.o.server); err == nil {
			_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)")
			c.Close(ctx)
		}
	}
	return u.String(), drop, nil
}

func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil {
		return "(database URL)"
	}
	return u.Redacted()
}

func (b *bencher) machine(ctx context.Context) map[string]string {
	info := map[string]string{"cpus": strconv.Itoa(runtime.NumCPU()), "go": runtime.Version(), "os": runtime.GOOS + "/" + runtime.GOARCH}
	if cpu, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(cpu), "\n") {
			if strings.HasPrefix(line, "model name") {
				info["cpu"] = strings.TrimSpace(strings.SplitN(line, ":", 2)[1])
				break
			}
		}
	}
	if c, err := pgx.Connect(ctx, b.o.server); err == nil {
		var v string
		if c.QueryRow(ctx, "SHOW server_version").Scan(&v) == nil {
			info["postgresql"] = v
		}
		if c.QueryRow(ctx, "SELECT default_version FROM pg_available_extensions WHERE name = 'vector'").Scan(&v) == nil {
			info["pgvector"] = v
		}
		c.Close(ctx)
	}
	return info
}

func (b *bencher) run(ctx context.Context) (*BenchReport, error) {
	rep := &BenchReport{Machine: b.machine(ctx), Seed: b.o.seed, EFSearch: b.o.efSearch}
	base, probs, err := knowledge.Bundled()
	if err != nil {
		return nil, err
	}
	if err := knowledge.FatalProblems(probs); err != nil {
		return nil, err
	}
	items, err := evalItems()
	if err != nil {
		return nil, err
	}
	for _, n := range b.o.sizes {
		r, err := b.size(ctx, base, items, n)
		if err != nil {
			return nil, fmt.Errorf("%d chunks: %w", n, err)
		}
		rep.Sizes = append(rep.Sizes, *r)
	}
	for _, store := range []string{"memory", "postgres"} {
		for _, c := range b.o.conc {
			r, err := b.messagesBench(ctx, store, c, base, items)
			if err != nil {
				return nil, fmt.Errorf("messages on %s: %w", store, err)
			}
			rep.Messages = append(rep.Messages, r)
		}
	}
	rep.Targets = targets(rep)
	return rep, nil
}

// evalItems are the in-scope questions of the bundled evaluation set, with their guide.
func evalItems() ([]synth.Item, error) {
	var out []synth.Item
	for _, line := range strings.Split(knowledge.EvalSet(), "\n") {
		if strings.TrimSpace(line) == "" {
			continue
		}
		var it struct {
			Q          string `json:"q"`
			Guide      string `json:"guide"`
			OutOfScope bool   `json:"out_of_scope"`
		}
		if err := json.Unmarshal([]byte(line), &it); err != nil {
			return nil, err
		}
		if !it.OutOfScope && it.Guide != "" {
			out = append(out, synth.Item{Q: it.Q, Guide: it.Guide})
		}
	}
	return out, nil
}

func (b *bencher) size(ctx context.Context, base []knowledge.Guide, items []synth.Item, n int) (*SizeResult, error) {
	r := &SizeResult{}
	start := time.Now()
	// questions about guides a small corpus leaves out are dropped: draw from more of them
	var qitems []synth.Item
	for len(qitems) < 4*b.o.questions {
		qitems = append(qitems, items...)
	}
	guides, questions := synth.Corpus(base, qitems, n, b.o.seed)
	questions = questions[:min(len(questions), b.o.questions)]
	r.GenerateSeconds = time.Since(start).Seconds()
	r.Guides = len(guides)
	b.progress("%d chunks: %d guides generated in %.1f s", n, len(guides), r.GenerateSeconds)

	// ingestion, the project's path
	dbURL, drop, err := b.database(ctx, strconv.Itoa(n))
	if err != nil {
		return nil, err
	}
	defer drop()
	db, err := postgres.Open(ctx, dbURL, postgres.Options{EFSearch: b.o.efSearch})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	emb := knowledge.NewHashEmbedder()
	pg := postgres.NewIndex(db)
	runtime.GC()
	start = time.Now()
	ing, err := knowledge.Ingest(ctx, pg, emb, guides, knowledge.IngestOptions{})
	if err != nil {
		return nil, err
	}
	r.IngestSeconds = time.Since(start).Seconds()
	r.Chunks = ing.Chunks
	r.IngestRate = float64(ing.Chunks) / r.IngestSeconds
	b.progress("%d chunks: ingested in %.1f s (%.0f chunks/s)", r.Chunks, r.IngestSeconds, r.IngestRate)
	if err := db.Pool.QueryRow(ctx, "SELECT pg_database_size(current_database()) / 1048576.0").Scan(&r.DatabaseMB); err != nil {
		return nil, err
	}
	if b.o.hnswWith != "" {
		start := time.Now()
		if _, err := db.Pool.Exec(ctx, "DROP INDEX embeddings_hnsw_hash_fr_v1"); err != nil {
			return nil, err
		}
		if _, err := db.Pool.Exec(ctx, "SET maintenance_work_mem = '1GB'; CREATE INDEX embeddings_hnsw_hash_fr_v1 ON embeddings USING hnsw ((embedding::vector(256)) vector_cosine_ops) WITH ("+b.o.hnswWith+") WHERE model = 'hash-fr-v1'"); err != nil {
			return nil, err
		}
		r.Notes = append(r.Notes, fmt.Sprintf("HNSW index rebuilt WITH (%s) in %.1f s", b.o.hnswWith, time.Since(start).Seconds()))
		b.progress("%d chunks: %s", r.Chunks, r.Notes[len(r.Notes)-1])
	}
	if _, err := db.Pool.Exec(ctx, "VACUUM ANALYZE"); err != nil {
		return nil, err
	}

	// the baseline, on a database of its own
	if slices.Contains(b.o.baselineSizes, n) {
		if err := b.baseline(ctx, r, guides, emb); err != nil {
			return nil, err
		}
	}

	// retrieval
	if err := b.retrieval(ctx, r, db, pg, emb, guides, questions); err != nil {
		return nil, err
	}
	// resident memory of coachbot answering on this database
	rss, err := b.childRSS(ctx, dbURL, questions)
	if err != nil {
		r.Notes = append(r.Notes, "coachbot RSS not measured: "+err.Error())
	}
	r.ServerRSSMB = rss
	return r, nil
}

func (b *bencher) baseline(ctx context.Context, r *SizeResult, guides []knowledge.Guide, emb *knowledge.HashEmbedder) error {
	dbURL, drop, err := b.database(ctx, fmt.Sprintf("%d_rows", r.Chunks))
	if err != nil {
		return err
	}
	defer drop()
	db, err := postgres.Open(ctx, dbURL, postgres.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	runtime.GC()
	start := time.Now()
	var chunks []knowledge.Chunk
	for _, g := range guides {
		chunks = append(chunks, knowledge.Split(g)...)
	}
	vectors := make(map[string]knowledge.Vector, len(chunks))
	for i := 0; i < len(chunks); i += 256 {
		batch := chunks[i:min(i+256, len(chunks))]
		texts := make([]string, len(batch))
		for j, c := range batch {
			texts[j] = c.EmbedText()
		}
		vs, err := emb.Embed(ctx, texts)
		if err != nil {
			return err
		}
		for j, c := range batch {
			vectors[c.Hash] = vs[j]
		}
	}
	if err := postgres.InsertRows(ctx, db, emb.Model(), guides, chunks, vectors); err != nil {
		return err
	}
	r.BaselineSeconds = time.Since(start).Seconds()
	r.BaselineRate = float64(len(chunks)) / r.BaselineSeconds
	r.Speedup = r.IngestRate / r.BaselineRate
	b.progress("%d chunks: baseline in %.1f s (%.0f chunks/s), the project's path is %.1fx faster", r.Chunks, r.BaselineSeconds, r.BaselineRate, r.Speedup)
	return nil
}

func (b *bencher) retrieval(ctx context.Context, r *SizeResult, db *postgres.DB, pg *postgres.Index, emb *knowledge.HashEmbedder, guides []knowledge.Guide, qs []synth.Question) error {
	texts := make([]string, len(qs))
	for i, q := range qs {
		texts[i] = q.Q
	}
	vecs, err := emb.Embed(ctx, texts)
	if err != nil {
		return err
	}
	model := emb.Model()
	type hit struct {
		id   int64
		dist float64
	}
	topIDs := func(rows pgx.Rows) ([]hit, error) {
		var hs []hit
		var h hit
		_, err := pgx.ForEachRow(rows, []any{&h.id, &h.dist}, func() error { hs = append(hs, h); return nil })
		return hs, err
	}
	const sql = `SELECT chunk_id, embedding::vector(256) <=> $1::vector(256) FROM embeddings WHERE model = 'hash-fr-v1' ORDER BY embedding::vector(256) <=> $1::vector(256) LIMIT 10`
	// exact search: the same distance, in an expression the index cannot serve, so every
	// vector is read
	const exactSQL = `SELECT chunk_id, embedding::vector(256) <=> $1::vector(256) FROM embeddings WHERE model = 'hash-fr-v1' ORDER BY (embedding::vector(256) <=> $1::vector(256)) + 0 LIMIT 10`
	exact := make([][]hit, len(vecs))
	var ds []time.Duration
	for i, v := range vecs {
		t := time.Now()
		rows, err := db.Pool.Query(ctx, exactSQL, pgvector.NewVector(v))
		if err != nil {
			return err
		}
		if exact[i], err = topIDs(rows); err != nil {
			return err
		}
		ds = append(ds, time.Since(t))
	}
	r.Exact = latencyOf(ds)
	measure := func(ef int) (SweepPoint, error) {
		conn, err := db.Pool.Acquire(ctx)
		if err != nil {
			return SweepPoint{}, err
		}
		defer conn.Release()
		if _, err := conn.Exec(ctx, "SET hnsw.ef_search = "+strconv.Itoa(ef)); err != nil {
			return SweepPoint{}, err
		}
		defer conn.Exec(ctx, "SET hnsw.ef_search = "+strconv.Itoa(b.o.efSearch))
		for _, v := range vecs[:min(50, len(vecs))] { // warm the caches, as a running server would be
			rows, err := conn.Query(ctx, sql, pgvector.NewVector(v))
			if err != nil {
				return SweepPoint{}, err
			}
			if _, err := topIDs(rows); err != nil {
				return SweepPoint{}, err
			}
		}
		var ds []time.Duration
		var hits, distHits, total int
		for i, v := range vecs {
			t := time.Now()
			rows, err := conn.Query(ctx, sql, pgvector.NewVector(v))
			if err != nil {
				return SweepPoint{}, err
			}
			got, err := topIDs(rows)
			if err != nil {
				return SweepPoint{}, err
			}
			ds = append(ds, time.Since(t))
			for _, e := range exact[i] {
				total++
				if slices.ContainsFunc(got, func(h hit) bool { return h.id == e.id }) {
					hits++
				}
			}
			// as ann-benchmarks counts: a result is right when it is no farther than the 10th
			// true neighbour (+0.001); near-duplicate chunks tie, and either is a right answer
			if len(exact[i]) > 0 {
				limit := exact[i][len(exact[i])-1].dist + 1e-3
				for _, h := range got {
					if h.dist <= limit {
						distHits++
					}
				}
			}
		}
		p := SweepPoint{EFSearch: ef, Latency: latencyOf(ds)}
		if total > 0 {
			p.RecallAt10 = float64(hits) / float64(total)
			p.DistanceRecallAt10 = float64(distHits) / float64(total)
		}
		return p, nil
	}
	main, err := measure(b.o.efSearch)
	if err != nil {
		return err
	}
	r.HNSW, r.RecallAt10, r.DistanceRecallAt10 = main.Latency, main.RecallAt10, main.DistanceRecallAt10
	for _, ef := range b.o.efSweep {
		if ef == b.o.efSearch {
			continue
		}
		p, err := measure(ef)
		if err != nil {
			return err
		}
		r.Sweep = append(r.Sweep, p)
		b.progress("%d chunks: ef_search %d: p99 %.2f ms, recall@10 %.3f (by distance %.3f)", r.Chunks, ef, p.Latency.P99, p.RecallAt10, p.DistanceRecallAt10)
	}
	b.progress("%d chunks: vector search HNSW p99 %.2f ms, recall@10 %.3f (by distance %.3f); exact p99 %.2f ms", r.Chunks, r.HNSW.P99, r.RecallAt10, r.DistanceRecallAt10, r.Exact.P99)

	// the product's hybrid retrieval, on PostgreSQL and in memory
	known := 0
	hybrid := func(ret *knowledge.Retriever, count bool) (Latency, error) {
		for _, q := range qs[:min(20, len(qs))] {
			if _, err := ret.Retrieve(ctx, q.Q); err != nil {
				return Latency{}, err
			}
		}
		var ds []time.Duration
		for _, q := range qs {
			t := time.Now()
			res, err := ret.Retrieve(ctx, q.Q)
			if err != nil {
				return Latency{}, err
			}
			ds = append(ds, time.Since(t))
			if count {
				for _, g := range res.Guides[:min(10, len(res.Guides))] {
					if q.Answers(g.ID) {
						known++
						break
					}
				}
			}
		}
		return latencyOf(ds), nil
	}
	_ = model
	if r.HybridPostgres, err = hybrid(knowledge.NewRetriever(pg, emb, knowledge.Options{}), true); err != nil {
		return err
	}
	r.KnownAnswerAt10 = float64(known) / float64(len(qs))
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	mem := memory.NewIndex()
	if _, err := knowledge.Ingest(ctx, mem, emb, guides, knowledge.IngestOptions{}); err != nil {
		return err
	}
	runtime.GC()
	runtime.ReadMemStats(&after)
	r.MemoryIndexHeapMB = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
	if r.HybridMemory, err = hybrid(knowledge.NewRetriever(mem, emb, knowledge.Options{}), false); err != nil {
		return err
	}
	b.progress("%d chunks: hybrid retrieval p99 %.2f ms on PostgreSQL, %.2f ms in memory; known answer in the first 10 guides %.3f",
		r.Chunks, r.HybridPostgres.P99, r.HybridMemory.P99, r.KnownAnswerAt10)
	runtime.KeepAlive(mem)
	return nil
}

// childRSS runs `coachbot ask --json -` on the database with the questions and returns its
// peak resident memory (VmHWM), in MB, read once every answer is out and before it exits.
// (The rusage of a child is no good: Linux carries the parent's peak over the exec.)
func (b *bencher) childRSS(ctx context.Context, dbURL string, qs []synth.Question) (float64, error) {
	exe, err := os.Executable()
	if err != nil {
		return 0, err
	}
	if strings.HasSuffix(exe, ".test") {
		return 0, errors.New("not measured from a test binary")
	}
	cmd := exec.CommandContext(ctx, exe, "ask", "--json", "-")
	cmd.Env = append(os.Environ(), "COACHBOT_DATABASE_URL="+dbURL, "COACHBOT_LOG_LEVEL=error")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return 0, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return 0, err
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		return 0, err
	}
	n := min(200, len(qs))
	go func() {
		for _, q := range qs[:n] {
			fmt.Fprintln(stdin, q.Q)
		}
	}()
	sc := bufio.NewScanner(stdout)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	got := 0
	for got < n && sc.Scan() {
		got++
	}
	var hwm float64
	status, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	if err == nil {
		for _, line := range strings.Split(string(status), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmHWM:" {
				kb, _ := strconv.ParseFloat(f[1], 64)
				hwm = kb / 1024
			}
		}
	}
	stdin.Close()
	_, _ = io.Copy(io.Discard, stdout)
	if err := cmd.Wait(); err != nil {
		return 0, fmt.Errorf("%v: %s", err, strings.TrimSpace(stderr.String()))
	}
	if got < n {
		return 0, fmt.Errorf("%d answers for %d questions", got, n)
	}
	if hwm == 0 {
		return 0, errors.New("no VmHWM in /proc")
	}
	return hwm, nil
}

var benchMixSmallTalk = []string{"bonjour", "merci !", "/aide", "/rdv", "super, merci beaucoup"}

// messagesBench sends messages through the core from c concurrent conversations.
func (b *bencher) messagesBench(ctx context.Context, store string, c int, base []knowledge.Guide, items []synth.Item) (MessageResult, error) {
	res := MessageResult{Store: store, Concurrency: c}
	tmpl, err := prompts.Parse()
	if err != nil {
		return res, err
	}
	emb := knowledge.NewHashEmbedder()
	var index knowledge.Index
	var st bot.Store
	if store == "memory" {
		mem := memory.NewIndex()
		if _, err := knowledge.Ingest(ctx, mem, emb, base, knowledge.IngestOptions{}); err != nil {
			return res, err
		}
		ms := memory.NewStore()
		if err := bot.SeedDemo(ctx, ms, time.Now()); err != nil {
			return res, err
		}
		index, st = mem, ms
	} else {
		dbURL, drop, err := b.database(ctx, fmt.Sprintf("messages_%d", c))
		if err != nil {
			return res, err
		}
		defer drop()
		db, err := postgres.Open(ctx, dbURL, postgres.Options{MaxConns: int32(max(16, c)), LockConns: int32(max(16, c))})
		if err != nil {
			return res, err
		}
		defer db.Close()
		pg := postgres.NewIndex(db)
		if _, err := knowledge.Ingest(ctx, pg, emb, base, knowledge.IngestOptions{}); err != nil {
			return res, err
		}
		ps := postgres.NewStore(db)
		if err := bot.SeedDemo(ctx, ps, time.Now()); err != nil {
			return res, err
		}
		index, st = pg, ps
	}
	core, err := bot.New(bot.Config{Retriever: knowledge.NewRetriever(index, emb, knowledge.Options{}), Store: st, Templates: tmpl, Logger: b.log})
	if err != nil {
		return res, err
	}
	per := max(1, b.o.messages/c)
	text := func(worker, i int) string {
		k := worker*per + i
		if k%10 == 9 {
			return benchMixSmallTalk[k/10%len(benchMixSmallTalk)]
		}
		return items[(k*7919)%len(items)].Q
	}
	// warm-up
	for i := range 20 {
		core.Handle(ctx, bot.Message{Channel: bot.ChannelTelegram, ChatID: "warm", UserID: "warm", Text: text(0, i)})
	}
	// each worker is a stream of owners asking five messages each, one owner after the other
	lat := make([][]time.Duration, c)
	outcomes := make([]map[bot.Outcome]int, c)
	var wg sync.WaitGroup
	start := time.Now()
	for w := range c {
		wg.Add(1)
		go func() {
			defer wg.Done()
			outcomes[w] = map[bot.Outcome]int{}
			for i := range per {
				id := fmt.Sprintf("bench-%d-%d-%d", c, w, i/5)
				t := time.Now()
				r := core.Handle(ctx, bot.Message{Channel: bot.ChannelTelegram, ChatID: id, UserID: id, UserName: "Bench", Text: text(w, i),
					UpdateID: fmt.Sprintf("%s-%d", id, i)})
				lat[w] = append(lat[w], time.Since(t))
				outcomes[w][r.Outcome]++
			}
		}()
	}
	wg.Wait()
	res.Outcomes = map[bot.Outcome]int{}
	for _, o := range outcomes {
		for k, v := range o {
			res.Outcomes[k] += v
		}
	}
	elapsed := time.Since(start)
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	res.Messages = len(all)
	res.PerSecond = float64(len(all)) / elapsed.Seconds()
	res.Latency = latencyOf(all)

	// open loop: b.o.rate messages a second for b.o.openSeconds, message i to conversation i%c
	if b.o.rate > 0 {
		total := int(b.o.rate * b.o.openSeconds)
		queues := make([]chan time.Time, c)
		lat := make([][]time.Duration, c)
		var wg sync.WaitGroup
		for w := range c {
			queues[w] = make(chan time.Time, total/c+2)
			wg.Add(1)
			go func() {
				defer wg.Done()
				i := 0
				for due := range queues[w] {
					id := fmt.Sprintf("open-%d-%d-%d", c, w, i/5)
					core.Handle(ctx, bot.Message{Channel: bot.ChannelTelegram, ChatID: id, UserID: id, UserName: "Bench", Text: text(w, i),
						UpdateID: fmt.Sprintf("%s-%d", id, i)})
					lat[w] = append(lat[w], time.Since(due))
					i++
				}
			}()
		}
		start := time.Now()
		interval := time.Duration(float64(time.Second) / b.o.rate)
		for i := range total {
			due := start.Add(time.Duration(i) * interval)
			if d := time.Until(due); d > 0 {
				time.Sleep(d)
			}
			queues[i%c] <- due
		}
		for _, q := range queues {
			close(q)
		}
		wg.Wait()
		var all []time.Duration
		for _, l := range lat {
			all = append(all, l...)
		}
		res.OfferedRate = b.o.rate
		res.AchievedRate = float64(total) / time.Since(start).Seconds()
		res.OpenLatency = latencyOf(all)
		b.progress("open loop on %s, %d conversations, %.0f messages/s offered: %.0f/s done, p50 %.2f ms, p99 %.2f ms",
			store, c, res.OfferedRate, res.AchievedRate, res.OpenLatency.P50, res.OpenLatency.P99)
	}
	b.progress("messages on %s, %d conversations: %.0f/s, p50 %.2f ms, p99 %.2f ms, outcomes %v", store, c, res.PerSecond, res.Latency.P50, res.Latency.P99, res.Outcomes)
	return res, nil
}

func targets(rep *BenchReport) []TargetResult {
	var out []TargetResult
	for _, s := range rep.Sizes {
		if s.Chunks >= 90000 && s.Chunks <= 110000 {
			out = append(out, TargetResult{"ingestion at 100k ≥ 5,000 chunks/s", fmt.Sprintf("%.0f chunks/s", s.IngestRate), s.IngestRate >= 5000})
			if s.Speedup > 0 {
				out = append(out, TargetResult{"ingestion ≥ 5× the row-INSERT baseline", fmt.Sprintf("%.1f×", s.Speedup), s.Speedup >= 5})
			}
			out = append(out, TargetResult{"vector retrieval at 100k: p99 ≤ 10 ms", fmt.Sprintf("%.2f ms (HNSW, ef_search %d)", s.HNSW.P99, rep.EFSearch), s.HNSW.P99 <= 10})
			out = append(out, TargetResult{"vector retrieval at 100k: recall@10 ≥ 0.95 against exact search", fmt.Sprintf("%.3f", s.RecallAt10), s.RecallAt10 >= 0.95})
			out = append(out, TargetResult{"(ours, beyond the issue) hybrid retrieval at 100k, the product's whole path on PostgreSQL: p99 ≤ 10 ms", fmt.Sprintf("%.2f ms", s.HybridPostgres.P99), s.HybridPostgres.P99 <= 10})
			if s.ServerRSSMB > 0 {
				out = append(out, TargetResult{"coachbot resident memory ≤ 150 MB with 100k chunks in PostgreSQL", fmt.Sprintf("%.0f MB", s.ServerRSSMB), s.ServerRSSMB <= 150})
			}
		}
		if s.Chunks >= 9000 && s.Chunks <= 11000 {
			out = append(out, TargetResult{"embedded default (memory) at 10k: p99 ≤ 5 ms per question", fmt.Sprintf("%.2f ms", s.HybridMemory.P99), s.HybridMemory.P99 <= 5})
		}
	}
	for _, m := range rep.Messages {
		if m.Store == "postgres" && m.Concurrency == 64 {
			out = append(out, TargetResult{"messages with PostgreSQL at 64 conversations ≥ 300/s (closed loop: the most the core does)", fmt.Sprintf("%.0f/s", m.PerSecond), m.PerSecond >= 300})
			if m.OfferedRate >= 300 {
				out = append(out, TargetResult{fmt.Sprintf("messages with PostgreSQL at 64 conversations: %.0f/s offered are all handled, p99 ≤ 50 ms", m.OfferedRate),
					fmt.Sprintf("%.0f/s handled, p99 %.2f ms", m.AchievedRate, m.OpenLatency.P99), m.AchievedRate >= 0.98*m.OfferedRate && m.OpenLatency.P99 <= 50})
			}
		}
	}
	return out
}

// Markdown renders the report.
func (rep *BenchReport) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Machine\n\n")
	for _, k := range []string{"cpu", "cpus", "os", "go", "postgresql", "pgvector"} {
		if v := rep.Machine[k]; v != "" {
			fmt.Fprintf(&b, "- %s: %s\n", k, v)
		}
	}
	fmt.Fprintf(&b, "- seed %d, HNSW ef_search %d\n\n", rep.Seed, rep.EFSearch)
	if len(rep.Sizes) > 0 {
		fmt.Fprintf(&b, "## Ingestion and retrieval\n\nLatencies are p50 / p95 / p99 in milliseconds.\n\n")
		fmt.Fprintf(&b, "| chunks | ingest chunks/s | row-INSERT baseline chunks/s | speed-up | vector HNSW | recall@10 | vector exact | hybrid PostgreSQL | hybrid memory | known answer in top 10 | database MB | coachbot RSS MB | memory index MB |\n")
		fmt.Fprintf(&b, "|---:|---:|---:|---:|---|---:|---|---|---|---:|---:|---:|---:|\n")
		for _, s := range rep.Sizes {
			base, speed, rss := "not measured", "", "not measured"
			if s.BaselineRate > 0 {
				base, speed = fmt.Sprintf("%.0f", s.BaselineRate), fmt.Sprintf("%.1f×", s.Speedup)
			}
			if s.ServerRSSMB > 0 {
				rss = fmt.Sprintf("%.0f", s.ServerRSSMB)
			}
			fmt.Fprintf(&b, "| %d | %.0f | %s | %s | %s | %.3f | %s | %s | %s | %.3f | %.0f | %s | %.0f |\n",
				s.Chunks, s.IngestRate, base, speed, s.HNSW, s.RecallAt10, s.Exact, s.HybridPostgres, s.HybridMemory, s.KnownAnswerAt10, s.DatabaseMB, rss, s.MemoryIndexHeapMB)
		}
		for _, s := range rep.Sizes {
			if len(s.Sweep) == 0 {
				continue
			}
			fmt.Fprintf(&b, "\nVector search at %d chunks by ef_search (p50 / p95 / p99 ms, recall@10 by id and by distance):\n\n| ef_search | latency | recall@10 | by distance |\n|---:|---|---:|---:|\n", s.Chunks)
			points := append([]SweepPoint{{EFSearch: rep.EFSearch, Latency: s.HNSW, RecallAt10: s.RecallAt10, DistanceRecallAt10: s.DistanceRecallAt10}}, s.Sweep...)
			slices.SortFunc(points, func(a, b SweepPoint) int { return a.EFSearch - b.EFSearch })
			for _, p := range points {
				fmt.Fprintf(&b, "| %d | %s | %.3f | %.3f |\n", p.EFSearch, p.Latency, p.RecallAt10, p.DistanceRecallAt10)
			}
		}
		for _, s := range rep.Sizes {
			for _, n := range s.Notes {
				fmt.Fprintf(&b, "\n- %d chunks: %s", s.Chunks, n)
			}
		}
		b.WriteString("\n")
	}
	if len(rep.Messages) > 0 {
		fmt.Fprintf(&b, "## Messages through the core (bundled guides, extractive answers)\n\n")
		fmt.Fprintf(&b, "Closed loop: each conversation sends its next message when it has the reply. Open loop: messages arrive at a fixed rate, spread over the conversations; latency counts from arrival.\n\n")
		fmt.Fprintf(&b, "| store | conversations | closed: messages/s | closed: p50 / p99 ms | open: offered/s | open: handled/s | open: p50 / p99 ms |\n|---|---:|---:|---|---:|---:|---|\n")
		for _, m := range rep.Messages {
			open := "| | |"
			if m.OfferedRate > 0 {
				open = fmt.Sprintf("%.0f | %.0f | %.2f / %.2f |", m.OfferedRate, m.AchievedRate, m.OpenLatency.P50, m.OpenLatency.P99)
			}
			fmt.Fprintf(&b, "| %s | %d | %.0f | %.2f / %.2f | %s\n", m.Store, m.Concurrency, m.PerSecond, m.Latency.P50, m.Latency.P99, open)
		}
		b.WriteString("\n")
	}
	if len(rep.Targets) > 0 {
		fmt.Fprintf(&b, "## Targets\n\n| target | measured | met |\n|---|---|---|\n")
		for _, t := range rep.Targets {
			met := "no"
			if t.Met {
				met = "yes"
			}
			fmt.Fprintf(&b, "| %s | %s | %s |\n", t.Target, t.Measured, met)
		}
	}
	return b.String()
}
