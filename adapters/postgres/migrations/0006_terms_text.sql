-- A chunk's terms as one space-separated text rather than a text[]: terms never contain a
-- space, and one string is several times cheaper to load with COPY and to read back than an
-- array of a few hundred.
ALTER TABLE chunks ALTER COLUMN terms TYPE text USING array_to_string(terms, ' ');
