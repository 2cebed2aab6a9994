-- Event blocks and term chunks (at most a few hundred kB each) are kept in the row instead of
-- H2's LOB storage: an insert went through a temporary LOB and a copy, and reading them back
-- (every case open) was 5-10x slower than reading inline bytes (docs/case-store.md).
ALTER TABLE event_block ALTER COLUMN data SET DATA TYPE VARBINARY;
ALTER TABLE term_chunk ALTER COLUMN data SET DATA TYPE VARBINARY;
