-- Lexical postings, one row per term: the chunks where the term weighs most (knowledge.Impact,
-- ties by chunk id), cut to knowledge.MaxPostings, with the term's document frequency. They
-- replace chunk_terms (one row per term and chunk: millions of rows for a large corpus) and
-- term_stats; ingestion computes them, and the vocabulary, from the chunks.
CREATE TABLE term_postings (
	term      text PRIMARY KEY,
	df        int NOT NULL,
	chunk_ids bigint[] NOT NULL,
	tfs       int[] NOT NULL,
	nterms    int[] NOT NULL
);

INSERT INTO term_postings (term, df, chunk_ids, tfs, nterms)
SELECT term, count(*),
	(array_agg(chunk_id ORDER BY imp DESC, chunk_id))[1:1000],
	(array_agg(tf ORDER BY imp DESC, chunk_id))[1:1000],
	(array_agg(nterms ORDER BY imp DESC, chunk_id))[1:1000]
FROM (
	SELECT term, chunk_id, tf, nterms,
		tf::float8 * 2.2 / (tf::float8 + 1.2 * (0.25 + 0.75 * nterms::float8 / 100.0)) AS imp
	FROM chunk_terms
) p
GROUP BY term;

DROP TABLE chunk_terms;
DROP TABLE term_stats;
ALTER TABLE chunks DROP COLUMN words;
