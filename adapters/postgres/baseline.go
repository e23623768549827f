package postgres

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/coachbot/coachbot/knowledge"
	"github.com/jackc/pgx/v5"
)

// InsertRows loads a corpus the way a Go developer would without the bulk path: one
// parameterised INSERT per row (guide, chunk, posting, vector), queued in a pgx.Batch, with
// vectors sent as text, in one transaction, then the same statistics as Apply. It is the
// baseline that `coachbot bench` measures Apply against; the product never uses it.
func InsertRows(ctx context.Context, db *DB, model string, guides []knowledge.Guide, chunks []knowledge.Chunk, vectors map[string]knowledge.Vector) error {
	if len(vectors) > 0 {
		dim := 0
		for _, v := range vectors {
			dim = len(v)
			break
		}
		if _, err := db.Pool.Exec(ctx, "INSERT INTO embedding_models (model, dim) VALUES ($1, $2) ON CONFLICT DO NOTHING", model, dim); err != nil {
			return err
		}
	}
	return pgx.BeginFunc(ctx, db.Pool, func(tx pgx.Tx) error {
		b := &pgx.Batch{}
		flush := func() error {
			if b.Len() == 0 {
				return nil
			}
			err := tx.SendBatch(ctx, b).Close()
			b = &pgx.Batch{}
			return err
		}
		queue := func(sql string, args ...any) error {
			b.Queue(sql, args...)
			if b.Len() >= 1000 {
				return flush()
			}
			return nil
		}
		for _, g := range guides {
			if err := queue(`INSERT INTO guides (id, title, topic, summary, keywords, regions, url, updated, file) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
				g.ID, g.Title, g.Topic, g.Summary, nonNil(g.Keywords), nonNil(g.Regions), g.URL, g.Updated, g.File); err != nil {
				return fmt.Errorf("insert guides: %w", err)
			}
		}
		for _, c := range chunks {
			if err := queue(`INSERT INTO chunks (id, guide_id, ordinal, heading, body, hash, terms, nterms) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
				c.ID(), c.GuideID, c.Ordinal, c.Heading, c.Text, c.Hash, strings.Join(c.Terms, " "), len(c.Terms)); err != nil {
				return fmt.Errorf("insert chunks: %w", err)
			}
			if v, ok := vectors[c.Hash]; ok {
				if err := queue(`INSERT INTO embeddings (chunk_id, model, dim, embedding) VALUES ($1, $2, $3, $4::text::vector)`,
					c.ID(), model, len(v), vectorText(v)); err != nil {
					return fmt.Errorf("insert vectors: %w", err)
				}
			}
		}
		r := corpusOf(chunks)
		for i := range r.postings {
			if err := queue(`INSERT INTO term_postings (term, df, chunk_ids, tfs, nterms) VALUES ($1, $2, $3, $4, $5)`, r.postingRow(i)...); err != nil {
				return fmt.Errorf("insert postings: %w", err)
			}
		}
		for w, df := range r.stats.Words {
			if err := queue(`INSERT INTO vocabulary (word, df) VALUES ($1, $2)`, w, df); err != nil {
				return fmt.Errorf("insert vocabulary: %w", err)
			}
		}
		if err := flush(); err != nil {
			return err
		}
		return bumpCorpus(ctx, tx, r)
	})
}

func vectorText(v knowledge.Vector) string {
	var b strings.Builder
	b.WriteByte('[')
	for i, x := range v {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.FormatFloat(float64(x), 'g', -1, 32))
	}
	b.WriteByte(']')
	return b.String()
}
