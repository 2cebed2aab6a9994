-- Crash safety (issue #18, docs/case-store.md "What a case promises after a crash and after damage").
-- Which file wrote each term chunk, so the terms of an import that never committed can be told
-- apart and dropped; 0 marks chunks written before this version (all of them committed).
ALTER TABLE term_chunk ADD COLUMN file_id INT DEFAULT 0 NOT NULL;
-- The integrity check on open reads counts and id ranges per file from these indexes alone,
-- never the blocks' or chunks' data.
CREATE INDEX event_block_ranges ON event_block(file_id, id, first_row, row_count);
CREATE INDEX term_chunk_ranges ON term_chunk(file_id, id, first_term, term_count);
-- The next free file, row, block, term and chunk id, raised in each file's transaction and when
-- the leftovers of an unfinished import are dropped: an id is never handed out twice.
CREATE TABLE id_high_water(name VARCHAR(16) PRIMARY KEY, next_value BIGINT NOT NULL);
