-- Knowledge: guides, their chunks, lexical postings, and embeddings per model.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE guides (
	id        text PRIMARY KEY,
	title     text NOT NULL,
	topic     text NOT NULL DEFAULT '',
	summary   text NOT NULL DEFAULT '',
	keywords  text[] NOT NULL DEFAULT '{}',
	regions   text[] NOT NULL DEFAULT '{}',
	url       text NOT NULL DEFAULT '',
	updated   text NOT NULL DEFAULT '',
	file      text NOT NULL DEFAULT '',
	loaded_at timestamptz NOT NULL DEFAULT now()
);

-- A chunk's id is derived from its content hash (knowledge.Chunk.ID), the same in every store.
CREATE TABLE chunks (
	id       bigint PRIMARY KEY,
	guide_id text NOT NULL REFERENCES guides (id) ON DELETE CASCADE,
	ordinal  int NOT NULL,
	heading  text NOT NULL DEFAULT '',
	body     text NOT NULL,
	hash     text NOT NULL UNIQUE,
	terms    text[] NOT NULL,
	nterms   int NOT NULL,
	words    text[] NOT NULL
);
CREATE INDEX chunks_guide ON chunks (guide_id, ordinal);

-- The inverted index for BM25: one row per (term, chunk).
CREATE TABLE chunk_terms (
	term     text NOT NULL,
	chunk_id bigint NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
	tf       int NOT NULL,
	nterms   int NOT NULL,
	PRIMARY KEY (term, chunk_id)
);
CREATE INDEX chunk_terms_chunk ON chunk_terms (chunk_id);

-- Every embedding model ever used, with its dimension: vectors of two models are never mixed.
CREATE TABLE embedding_models (
	model      text PRIMARY KEY,
	dim        int NOT NULL CHECK (dim > 0),
	created_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (model, dim)
);

CREATE TABLE embeddings (
	chunk_id  bigint NOT NULL REFERENCES chunks (id) ON DELETE CASCADE,
	model     text NOT NULL,
	dim       int NOT NULL,
	embedding vector NOT NULL,
	PRIMARY KEY (chunk_id, model),
	FOREIGN KEY (model, dim) REFERENCES embedding_models (model, dim),
	CHECK (vector_dims(embedding) = dim)
);

-- The offline embedder's HNSW index (cosine). Other models get theirs when first ingested.
INSERT INTO embedding_models (model, dim) VALUES ('hash-fr-v1', 256);
CREATE INDEX embeddings_hnsw_hash_fr_v1 ON embeddings
	USING hnsw ((embedding::vector(256)) vector_cosine_ops) WHERE model = 'hash-fr-v1';

-- Corpus statistics, recomputed by ingestion: document frequencies, vocabulary, sizes.
CREATE TABLE term_stats (
	term text PRIMARY KEY,
	df   int NOT NULL
);
CREATE TABLE vocabulary (
	word text PRIMARY KEY,
	df   int NOT NULL
);
CREATE TABLE corpus (
	id         boolean PRIMARY KEY DEFAULT true CHECK (id),
	version    bigint NOT NULL DEFAULT 0,
	chunks     int NOT NULL DEFAULT 0,
	avg_len    double precision NOT NULL DEFAULT 0,
	updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO corpus DEFAULT VALUES;
