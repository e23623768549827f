-- Question cards: the other ways owners ask the question a chunk answers (knowledge.Chunk.Asks),
-- matched and embedded but never quoted.
ALTER TABLE chunks ADD COLUMN asks text[] NOT NULL DEFAULT '{}';
