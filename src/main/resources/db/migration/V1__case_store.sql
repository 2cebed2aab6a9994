-- Trailbench case store, schema version 1. See docs/case-store.md for the reasons.

-- The import ledger: one row per file imported (or recognised and skipped, e.g. digests).
-- content keeps the file's bytes as they were on disk (gzip stays gzip) when its events point
-- into it by offset (event.raw_offset/raw_length); null otherwise.
CREATE TABLE source_file (
  id            INT PRIMARY KEY,
  path          VARCHAR(4096) NOT NULL,
  sha256        CHAR(64) NOT NULL,
  size_bytes    BIGINT NOT NULL,
  content_bytes BIGINT NOT NULL,
  format        VARCHAR(40) NOT NULL,
  gzip          BOOLEAN NOT NULL,
  imported_at   TIMESTAMP WITH TIME ZONE NOT NULL,
  records_read  INT NOT NULL,
  added         INT NOT NULL,
  duplicates    INT NOT NULL,
  rejected      INT NOT NULL,
  note          VARCHAR(4096),
  content       BLOB
);
CREATE INDEX source_file_sha256 ON source_file(sha256);

-- Records rejected inside an imported file (the first 1000 per file).
CREATE TABLE import_reject (
  file_id      INT NOT NULL,
  record_index INT NOT NULL,
  position     VARCHAR(400) NOT NULL,
  reason       VARCHAR(4096) NOT NULL
);
CREATE INDEX import_reject_file ON import_reject(file_id);

-- Dictionary of the values events are filtered on (kind: see Term.java). Events refer to
-- terms by id: small fixed-width rows, integer indexes, and wildcard matching runs over the
-- (small) dictionary instead of over every event.
CREATE TABLE term (
  id       INT PRIMARY KEY,
  kind     TINYINT NOT NULL,
  text     VARCHAR(8192) NOT NULL,
  text_lc  VARCHAR(8192) GENERATED ALWAYS AS (LOWER(text))
);
CREATE UNIQUE INDEX term_text ON term(kind, text);
CREATE INDEX term_text_lc ON term(kind, text_lc);

-- One row per distinct event (eventID + recipientAccountId). Term columns are ids into term
-- (null when the record has no such value).
CREATE TABLE event (
  id            BIGINT PRIMARY KEY,
  file_id       INT NOT NULL,
  record_index  INT NOT NULL,
  event_id      VARCHAR(256) NOT NULL,
  account       INT NOT NULL,                -- term of recipientAccountId; 0 when the record has none
  event_time    BIGINT NOT NULL,             -- epoch milliseconds, UTC
  event_source  INT,
  event_name    INT,
  aws_region    INT,
  principal     INT,
  access_key    INT,
  session       INT,
  source_ip     INT,
  user_agent    INT,
  error_code    INT,
  identity_type INT,
  event_type    INT,
  read_only     BOOLEAN,
  raw_offset    BIGINT,                      -- into source_file.content (inflated), when raw_json is null
  raw_length    INT,
  raw_json      CLOB                         -- the record text when it was not a slice of the file
);
CREATE UNIQUE INDEX event_key ON event(event_id, account);

-- Facts with several values per event (IAM actions, resource ARNs): one row per value.
CREATE TABLE event_fact (
  event_row BIGINT NOT NULL,
  term      INT NOT NULL,
  PRIMARY KEY (event_row, term)
);

-- IAM inputs kept raw for the IAM readers.
CREATE TABLE iam_source (
  file_id INT PRIMARY KEY,
  kind    VARCHAR(40) NOT NULL,
  content BLOB NOT NULL
);

-- Secondary indexes: SecondaryIndexes.java creates them (and may drop and rebuild them around
-- a bulk load); listed here as the schema of record.
--   event_time_idx        (event_time)
--   event_principal_idx   (principal, event_time)
--   event_name_idx        (event_name, event_time)
--   event_source_idx      (event_source, event_time)
--   event_access_key_idx  (access_key, event_time)
--   event_session_idx     (session, event_time)
--   event_source_ip_idx   (source_ip, event_time)
--   event_error_code_idx  (error_code, event_time)
--   event_fact_term_idx   event_fact(term, event_row)
