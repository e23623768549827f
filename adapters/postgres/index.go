package postgres

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/coachbot/coachbot/knowledge"
	"github.com/jackc/pgx/v5"
	"github.com/pgvector/pgvector-go"
)

// Index is the knowledge index in PostgreSQL: HNSW (cosine) over each model's embeddings,
// BM25 over the term_postings, and the corpus statistics kept by ingestion.
type Index struct {
	db *DB

	mu        sync.Mutex
	lex       *knowledge.Lexicon
	version   int64
	checkedAt time.Time
	// RefreshEvery is how often the corpus version is checked for a new ingestion.
	RefreshEvery time.Duration

	// Searches return chunk ids; the chunks themselves come from this cache, loaded from the
	// database on a miss. A chunk's id is derived from its content, so an entry never goes
	// stale; the lists of a guide's chunks are dropped when the corpus version changes.
	cacheMu    sync.Mutex
	cache      map[int64]*cachedChunk
	guideIDs   map[string][]int64
	cacheLimit int
}

type cachedChunk struct {
	chunk   knowledge.Chunk
	vectors map[string]knowledge.Vector // by model; nil entry: the model has no vector
}

// CacheChunks is the default number of chunks an Index keeps in memory.
const CacheChunks = 4096

var (
	_ knowledge.Index   = (*Index)(nil)
	_ knowledge.Catalog = (*Index)(nil)
)

// NewIndex returns the index stored in db.
func NewIndex(db *DB) *Index {
	return &Index{db: db, RefreshEvery: 5 * time.Second, version: -1, cacheLimit: CacheChunks,
		cache: map[int64]*cachedChunk{}, guideIDs: map[string][]int64{}}
}

// Lexicon implements knowledge.Index. It is loaded from the corpus statistics and reloaded
// when an ingestion changes the corpus version.
func (x *Index) Lexicon(ctx context.Context) (*knowledge.Lexicon, error) {
	x.mu.Lock()
	defer x.mu.Unlock()
	if x.lex != nil && time.Since(x.checkedAt) < x.RefreshEvery {
		return x.lex, nil
	}
	var version int64
	var chunks int
	var avg float64
	if err := x.db.Pool.QueryRow(ctx, "SELECT version, chunks, avg_len FROM corpus").Scan(&version, &chunks, &avg); err != nil {
		return nil, fmt.Errorf("read corpus version: %w", err)
	}
	x.checkedAt = time.Now()
	if x.lex != nil && version == x.version {
		return x.lex, nil
	}
	st := knowledge.Stats{Chunks: chunks, AvgLen: avg, DF: map[string]int{}, Words: map[string]int{}}
	if err := readCounts(ctx, x.db, "SELECT term, df FROM term_postings", st.DF); err != nil {
		return nil, fmt.Errorf("read term statistics: %w", err)
	}
	if err := readCounts(ctx, x.db, "SELECT word, df FROM vocabulary", st.Words); err != nil {
		return nil, fmt.Errorf("read vocabulary: %w", err)
	}
	x.lex = knowledge.NewLexicon(st)
	x.version = version
	x.cacheMu.Lock()
	clear(x.guideIDs)
	x.cacheMu.Unlock()
	return x.lex, nil
}

func readCounts(ctx context.Context, db *DB, q string, into map[string]int) error {
	rows, err := db.Pool.Query(ctx, q)
	if err != nil {
		return err
	}
	var k string
	var n int
	_, err = pgx.ForEachRow(rows, []any{&k, &n}, func() error {
		into[k] = n
		return nil
	})
	return err
}

const chunkColumns = `c.id, c.guide_id, c.ordinal, c.heading, c.body, c.hash, c.terms, g.title, g.topic, g.url, g.keywords, c.asks, g.summary`

func scanChunk(row pgx.Row, extra ...any) (knowledge.Chunk, error) {
	var c knowledge.Chunk
	var id int64
	var terms string
	dest := append([]any{&id, &c.GuideID, &c.Ordinal, &c.Heading, &c.Text, &c.Hash, &terms, &c.Title, &c.Topic, &c.URL, &c.Keywords, &c.Asks, &c.Summary}, extra...)
	err := row.Scan(dest...)
	c.Terms = strings.Fields(terms)
	if len(c.Asks) == 0 {
		c.Asks = nil // as Split leaves it, so that stores compare equal
	}
	return c, err
}

// modelRE restricts model names to what may be written as an SQL literal and an index name.
var modelRE = regexp.MustCompile(`^[A-Za-z0-9._:/@+-]{1,200}$`)

// literal quotes a model name for SQL. Vector searches name the model literally so that the
// planner matches the partial HNSW index built for it.
func literal(model string) (string, error) {
	if !modelRE.MatchString(model) {
		return "", fmt.Errorf("invalid embedding model name %q", model)
	}
	return "'" + strings.ReplaceAll(model, "'", "''") + "'", nil
}

// SearchVector implements knowledge.Index with the model's HNSW index.
func (x *Index) SearchVector(ctx context.Context, model string, q knowledge.Vector, k int) ([]knowledge.Candidate, error) {
	lit, err := literal(model)
	if err != nil {
		return nil, err
	}
	dim := len(q)
	sql := fmt.Sprintf(`SELECT chunk_id FROM (
			SELECT chunk_id, embedding::vector(%d) <=> $1::vector(%d) AS dist FROM embeddings WHERE model = %s
			ORDER BY embedding::vector(%d) <=> $1::vector(%d) LIMIT $2
		) e ORDER BY dist, chunk_id`, dim, dim, lit, dim, dim)
	rows, err := x.db.Pool.Query(ctx, sql, pgvector.NewVector(q), k)
	if err != nil {
		return nil, err
	}
	ids, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return nil, err
	}
	return x.chunks(ctx, ids, model)
}

// SearchTerms implements knowledge.Index: the postings of the query's terms are read and
// scored with knowledge.ScoreTerms, as every store does.
func (x *Index) SearchTerms(ctx context.Context, q knowledge.TermQuery, k int) ([]knowledge.Candidate, error) {
	if len(q.Terms) == 0 {
		return nil, nil
	}
	rows, err := x.db.Pool.Query(ctx, `SELECT term, chunk_ids, tfs, nterms FROM term_postings WHERE term = ANY($1)`, q.Terms)
	if err != nil {
		return nil, err
	}
	lists := make([][]knowledge.Posting, len(q.Terms))
	var term string
	var ids []int64
	var tfs, ns []int32
	_, err = pgx.ForEachRow(rows, []any{&term, &ids, &tfs, &ns}, func() error {
		i := slices.Index(q.Terms, term)
		if i < 0 || len(tfs) != len(ids) || len(ns) != len(ids) {
			return fmt.Errorf("postings of %q are inconsistent", term)
		}
		ps := make([]knowledge.Posting, len(ids))
		for j := range ids {
			ps[j] = knowledge.Posting{Chunk: ids[j], TF: tfs[j], N: ns[j]}
		}
		lists[i] = ps
		return nil
	})
	if err != nil {
		return nil, err
	}
	return x.chunks(ctx, knowledge.ScoreTerms(q, lists, k), q.Model)
}

// GuideChunks implements knowledge.Index.
func (x *Index) GuideChunks(ctx context.Context, guideID, model string) ([]knowledge.Candidate, error) {
	x.cacheMu.Lock()
	ids, ok := x.guideIDs[guideID]
	x.cacheMu.Unlock()
	if !ok {
		rows, err := x.db.Pool.Query(ctx, `SELECT id FROM chunks WHERE guide_id = $1 ORDER BY ordinal`, guideID)
		if err != nil {
			return nil, err
		}
		if ids, err = pgx.CollectRows(rows, pgx.RowTo[int64]); err != nil {
			return nil, err
		}
		x.cacheMu.Lock()
		if len(x.guideIDs) > x.cacheLimit {
			clear(x.guideIDs)
		}
		x.guideIDs[guideID] = ids
		x.cacheMu.Unlock()
	}
	return x.chunks(ctx, ids, model)
}

// chunks returns the chunks of ids, in that order, with their vector of model: from the
// cache, the missing ones read in one query.
func (x *Index) chunks(ctx context.Context, ids []int64, model string) ([]knowledge.Candidate, error) {
	out := make([]knowledge.Candidate, len(ids))
	var missing []int64
	x.cacheMu.Lock()
	for i, id := range ids {
		e, ok := x.cache[id]
		if !ok {
			missing = append(missing, id)
			continue
		}
		v, ok := e.vectors[model]
		if !ok && model != "" {
			missing = append(missing, id)
			continue
		}
		out[i] = knowledge.Candidate{Chunk: e.chunk, Vector: v}
	}
	x.cacheMu.Unlock()
	if len(missing) == 0 {
		return out, nil
	}
	rows, err := x.db.Pool.Query(ctx, `SELECT `+chunkColumns+`, e.embedding
		FROM chunks c JOIN guides g ON g.id = c.guide_id
		LEFT JOIN embeddings e ON e.chunk_id = c.id AND e.model = $2
		WHERE c.id = ANY($1)`, missing, model)
	if err != nil {
		return nil, err
	}
	loaded, err := scanCandidates(rows)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]knowledge.Candidate, len(loaded))
	x.cacheMu.Lock()
	for _, c := range loaded {
		id := c.Chunk.ID()
		byID[id] = c
		e := x.cache[id]
		if e == nil {
			if len(x.cache) >= x.cacheLimit {
				x.evict()
			}
			e = &cachedChunk{chunk: c.Chunk, vectors: map[string]knowledge.Vector{}}
			x.cache[id] = e
		}
		if model != "" {
			e.vectors[model] = c.Vector
		}
	}
	x.cacheMu.Unlock()
	for i, id := range ids {
		if out[i].Chunk.Hash != "" {
			continue
		}
		c, ok := byID[id]
		if !ok {
			// deleted by an ingestion since the search: left out
			continue
		}
		out[i] = c
	}
	// keep the order, without the chunks that vanished
	kept := out[:0]
	for _, c := range out {
		if c.Chunk.Hash != "" {
			kept = append(kept, c)
		}
	}
	return kept, nil
}

// evict drops about a tenth of the cache (map order is random enough). Called with cacheMu.
func (x *Index) evict() {
	n := len(x.cache) / 10
	for id := range x.cache {
		if n <= 0 {
			break
		}
		delete(x.cache, id)
		n--
	}
}

func scanCandidates(rows pgx.Rows) ([]knowledge.Candidate, error) {
	defer rows.Close()
	var out []knowledge.Candidate
	for rows.Next() {
		var v *pgvector.Vector
		c, err := scanChunk(rows, &v)
		if err != nil {
			return nil, err
		}
		cand := knowledge.Candidate{Chunk: c}
		if v != nil {
			cand.Vector = knowledge.Vector(v.Slice())
		}
		out = append(out, cand)
	}
	return out, rows.Err()
}

// StoredHashes implements knowledge.Catalog.
func (x *Index) StoredHashes(ctx context.Context, model string) (map[string]bool, error) {
	rows, err := x.db.Pool.Query(ctx, `SELECT c.hash, e.chunk_id IS NOT NULL
		FROM chunks c LEFT JOIN embeddings e ON e.chunk_id = c.id AND e.model = $1`, model)
	if err != nil {
		return nil, err
	}
	out := map[string]bool{}
	var h string
	var has bool
	_, err = pgx.ForEachRow(rows, []any{&h, &has}, func() error {
		out[h] = has
		return nil
	})
	return out, err
}

// indexName is the name of the HNSW index of a model.
func indexName(model string) string {
	sum := sha256.Sum256([]byte(model))
	return "embeddings_hnsw_" + hex.EncodeToString(sum[:6])
}

// Apply implements knowledge.Catalog in one transaction: guides upserted, vanished chunks
// deleted, new chunks, postings and vectors loaded with COPY, statistics recomputed.
func (x *Index) Apply(ctx context.Context, ch knowledge.Change) error {
	lit, err := literal(ch.Model)
	if err != nil {
		return err
	}
	// the postings and statistics are computed while PostgreSQL loads the chunks and vectors
	stats := make(chan corpusRows, 1)
	go func() { stats <- corpusOf(ch.Chunks) }()
	err = pgx.BeginFunc(ctx, x.db.Pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, "SELECT pg_advisory_xact_lock($1)", migrationLock+1); err != nil {
			return fmt.Errorf("lock corpus: %w", err)
		}
		if len(ch.Vectors) > 0 {
			if err := ensureModel(ctx, tx, ch.Model, lit, ch.Dim); err != nil {
				return err
			}
		}
		if err := upsertGuides(ctx, tx, ch.Guides); err != nil {
			return err
		}
		// existing chunks
		existing := map[string]int64{}
		rows, err := tx.Query(ctx, "SELECT hash, id FROM chunks")
		if err != nil {
			return err
		}
		var h string
		var id int64
		if _, err := pgx.ForEachRow(rows, []any{&h, &id}, func() error { existing[h] = id; return nil }); err != nil {
			return err
		}
		keep := map[string]bool{}
		var newChunks []knowledge.Chunk
		var ordIDs []int64
		var ords []int32
		for _, c := range ch.Chunks {
			keep[c.Hash] = true
			if _, ok := existing[c.Hash]; ok {
				ordIDs = append(ordIDs, c.ID())
				ords = append(ords, int32(c.Ordinal))
			} else {
				newChunks = append(newChunks, c)
			}
		}
		var gone []int64
		for h, id := range existing {
			if !keep[h] {
				gone = append(gone, id)
			}
		}
		if len(gone) > 0 {
			if _, err := tx.Exec(ctx, "DELETE FROM chunks WHERE id = ANY($1)", gone); err != nil {
				return fmt.Errorf("delete old chunks: %w", err)
			}
		}
		if _, err := tx.Exec(ctx, `DELETE FROM guides WHERE NOT (id = ANY($1))`, guideIDs(ch.Guides)); err != nil {
			return fmt.Errorf("delete old guides: %w", err)
		}
		if len(ordIDs) > 0 {
			if _, err := tx.Exec(ctx, `UPDATE chunks c SET ordinal = u.ord FROM unnest($1::bigint[], $2::int[]) AS u(id, ord)
				WHERE c.id = u.id AND c.ordinal <> u.ord`, ordIDs, ords); err != nil {
				return fmt.Errorf("update chunk order: %w", err)
			}
		}
		if err := copyChunks(ctx, tx, newChunks); err != nil {
			return err
		}
		if err := copyVectors(ctx, tx, ch); err != nil {
			return err
		}
		var r corpusRows
		select {
		case r = <-stats:
		case <-ctx.Done():
			return ctx.Err()
		}
		return refreshStats(ctx, tx, r)
	})
	if err != nil {
		return err
	}
	x.mu.Lock()
	x.lex = nil
	x.mu.Unlock()
	return nil
}

func guideIDs(gs []knowledge.Guide) []string {
	out := make([]string, len(gs))
	for i, g := range gs {
		out[i] = g.ID
	}
	return out
}

// ensureModel records a model and its dimension, and builds its HNSW index the first time.
func ensureModel(ctx context.Context, tx pgx.Tx, model, lit string, dim int) error {
	var stored int
	err := tx.QueryRow(ctx, "SELECT dim FROM embedding_models WHERE model = $1", model).Scan(&stored)
	switch {
	case isNoRows(err):
		if _, err := tx.Exec(ctx, "INSERT INTO embedding_models (model, dim) VALUES ($1, $2)", model, dim); err != nil {
			return fmt.Errorf("record embedding model: %w", err)
		}
		if dim <= 2000 {
			sql := fmt.Sprintf(`CREATE INDEX IF NOT EXISTS %s ON embeddings USING hnsw ((embedding::vector(%d)) vector_cosine_ops) WHERE model = %s`,
				pgx.Identifier{indexName(model)}.Sanitize(), dim, lit)
			if _, err := tx.Exec(ctx, sql); err != nil {
				return fmt.Errorf("create HNSW index for %s: %w", model, err)
			}
		}
	case err != nil:
		return fmt.Errorf("read embedding model: %w", err)
	case stored != dim:
		return fmt.Errorf("embedding model %s is recorded with dimension %d but returned %d: use a new model name", model, stored, dim)
	}
	return nil
}

func upsertGuides(ctx context.Context, tx pgx.Tx, gs []knowledge.Guide) error {
	b := &pgx.Batch{}
	for _, g := range gs {
		b.Queue(`INSERT INTO guides (id, title, topic, summary, keywords, regions, url, updated, file, loaded_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now())
			ON CONFLICT (id) DO UPDATE SET title = $2, topic = $3, summary = $4, keywords = $5, regions = $6,
				url = $7, updated = $8, file = $9
			WHERE (guides.title, guides.topic, guides.summary, guides.keywords, guides.regions, guides.url, guides.updated, guides.file)
				IS DISTINCT FROM ($2, $3, $4, $5, $6, $7, $8, $9)`,
			g.ID, g.Title, g.Topic, g.Summary, nonNil(g.Keywords), nonNil(g.Regions), g.URL, g.Updated, g.File)
	}
	if err := tx.SendBatch(ctx, b).Close(); err != nil {
		return fmt.Errorf("store guides: %w", err)
	}
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func copyChunks(ctx context.Context, tx pgx.Tx, cs []knowledge.Chunk) error {
	if len(cs) == 0 {
		return nil
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"chunks"},
		[]string{"id", "guide_id", "ordinal", "heading", "body", "hash", "terms", "nterms", "asks"},
		pgx.CopyFromSlice(len(cs), func(i int) ([]any, error) {
			c := cs[i]
			return []any{c.ID(), c.GuideID, int32(c.Ordinal), c.Heading, c.Text, c.Hash, strings.Join(c.Terms, " "), int32(len(c.Terms)), nonNil(c.Asks)}, nil
		}))
	if err != nil {
		return fmt.Errorf("copy chunks: %w", err)
	}
	return nil
}

// BulkVectors is the number of new vectors from which ingestion drops the model's HNSW
// index and builds it again after loading: building once is several times faster than
// inserting each vector into the graph. Searches wait for the ingestion meanwhile.
const BulkVectors = 5000

func copyVectors(ctx context.Context, tx pgx.Tx, ch knowledge.Change) error {
	if len(ch.Vectors) == 0 {
		return nil
	}
	var rebuild []string
	if len(ch.Vectors) >= BulkVectors {
		lit, err := literal(ch.Model)
		if err != nil {
			return err
		}
		rows, err := tx.Query(ctx, `SELECT indexname, indexdef FROM pg_indexes
			WHERE schemaname = current_schema() AND tablename = 'embeddings' AND indexdef LIKE '%USING hnsw%' AND indexdef LIKE '%' || $1 || '%'`, lit)
		if err != nil {
			return err
		}
		var name, def string
		var drop []string
		if _, err := pgx.ForEachRow(rows, []any{&name, &def}, func() error {
			drop, rebuild = append(drop, name), append(rebuild, def)
			return nil
		}); err != nil {
			return err
		}
		for _, n := range drop {
			if _, err := tx.Exec(ctx, "DROP INDEX "+pgx.Identifier{n}.Sanitize()); err != nil {
				return fmt.Errorf("drop HNSW index for the bulk load: %w", err)
			}
		}
	}
	if err := copyVectorRows(ctx, tx, ch); err != nil {
		return err
	}
	if len(rebuild) > 0 {
		// the graph of 100k vectors of 256 dimensions takes about 150 MB to build in memory
		if _, err := tx.Exec(ctx, "SET LOCAL maintenance_work_mem = '1GB'"); err != nil {
			return err
		}
		for _, def := range rebuild {
			if _, err := tx.Exec(ctx, def); err != nil {
				return fmt.Errorf("build HNSW index: %w", err)
			}
		}
	}
	return nil
}

func copyVectorRows(ctx context.Context, tx pgx.Tx, ch knowledge.Change) error {
	ids := make([]int64, 0, len(ch.Vectors))
	vecs := make([]knowledge.Vector, 0, len(ch.Vectors))
	for _, c := range ch.Chunks {
		if v, ok := ch.Vectors[c.Hash]; ok {
			ids = append(ids, c.ID())
			vecs = append(vecs, v)
		}
	}
	if _, err := tx.Exec(ctx, "DELETE FROM embeddings WHERE model = $1 AND chunk_id = ANY($2)", ch.Model, ids); err != nil {
		return fmt.Errorf("delete old vectors: %w", err)
	}
	_, err := tx.CopyFrom(ctx, pgx.Identifier{"embeddings"}, []string{"chunk_id", "model", "dim", "embedding"},
		pgx.CopyFromSlice(len(ids), func(i int) ([]any, error) {
			return []any{ids[i], ch.Model, int32(len(vecs[i])), pgvector.NewVector(vecs[i])}, nil
		}))
	if err != nil {
		return fmt.Errorf("copy vectors: %w", err)
	}
	return nil
}

// corpusRows are the statistics and postings of a corpus, computed from its chunks.
type corpusRows struct {
	stats    knowledge.Stats
	postings []knowledge.TermPostings
}

func corpusOf(chunks []knowledge.Chunk) corpusRows {
	var r corpusRows
	done := make(chan struct{})
	go func() {
		r.postings = knowledge.BuildPostings(chunks)
		close(done)
	}()
	r.stats = knowledge.StatsOf(chunks)
	<-done
	return r
}

func (r corpusRows) postingRow(i int) []any {
	tp := r.postings[i]
	ids := make([]int64, len(tp.Postings))
	tfs := make([]int32, len(tp.Postings))
	ns := make([]int32, len(tp.Postings))
	for j, p := range tp.Postings {
		ids[j], tfs[j], ns[j] = p.Chunk, p.TF, p.N
	}
	return []any{tp.Term, int32(tp.DF), ids, tfs, ns}
}

// refreshStats replaces the postings and the vocabulary with r, those of the whole corpus,
// and bumps the corpus version, which tells every process to reload its lexicon.
func refreshStats(ctx context.Context, tx pgx.Tx, r corpusRows) error {
	if _, err := tx.Exec(ctx, "TRUNCATE term_postings, vocabulary"); err != nil {
		return fmt.Errorf("refresh corpus statistics: %w", err)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"term_postings"}, []string{"term", "df", "chunk_ids", "tfs", "nterms"},
		pgx.CopyFromSlice(len(r.postings), func(i int) ([]any, error) { return r.postingRow(i), nil })); err != nil {
		return fmt.Errorf("copy postings: %w", err)
	}
	words := make([]string, 0, len(r.stats.Words))
	for w := range r.stats.Words {
		words = append(words, w)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"vocabulary"}, []string{"word", "df"},
		pgx.CopyFromSlice(len(words), func(i int) ([]any, error) { return []any{words[i], int32(r.stats.Words[words[i]])}, nil })); err != nil {
		return fmt.Errorf("copy vocabulary: %w", err)
	}
	return bumpCorpus(ctx, tx, r)
}

func bumpCorpus(ctx context.Context, tx pgx.Tx, r corpusRows) error {
	if _, err := tx.Exec(ctx, `UPDATE corpus SET version = version + 1, updated_at = now(), chunks = $1, avg_len = $2`,
		r.stats.Chunks, r.stats.AvgLen); err != nil {
		return fmt.Errorf("refresh corpus statistics: %w", err)
	}
	return nil
}
