-- Tokens a language model spent on a reply, for the usage report.
ALTER TABLE turns ADD COLUMN tokens int NOT NULL DEFAULT 0;
