// Package knowledge holds what coachbot knows and how it finds it: the guides (Markdown with
// front matter) and the bundled ones, their chunks, French text analysis (folding, elisions,
// stop words, Snowball stemming, a domain glossary, typo tolerance), the deterministic offline
// embedder, and the hybrid ranking that fuses vector similarity with lexical scores.
//
// Storage lives elsewhere: an Index (in memory or in PostgreSQL) only generates candidates;
// every score is computed here, so that all stores rank the same data the same way.
package knowledge
