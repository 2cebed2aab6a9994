-- Rule packs, known addresses and the rule-set version of the stored findings (issue #20).
-- See docs/case-store.md and docs/detections.md.

-- Rule packs the analyst loaded into the case: Sigma files, folders of rule files, JSON packs.
-- The rule files' text is kept (rule_pack_file) so the case stands alone when the source is gone.
CREATE TABLE rule_pack (
  id           BIGINT AUTO_INCREMENT PRIMARY KEY,
  name         VARCHAR(200) NOT NULL UNIQUE,   -- shown with the pack's findings
  source       VARCHAR(4096) NOT NULL,         -- the path as given when it was added
  kind         VARCHAR(16) NOT NULL,           -- sigma-file, json-pack or folder
  licence      VARCHAR(1000) NOT NULL,         -- Sigma's license, a LICENSE file, the analyst's words, or 'unknown'
  loaded_at    TIMESTAMP WITH TIME ZONE NOT NULL,
  rule_count   INT NOT NULL,                   -- rules that loaded when it was added
  load_errors  CLOB NOT NULL,                  -- JSON array of {file, position, reason}: the files that did not load
  enabled      BOOLEAN NOT NULL
);

-- Each rule file of a pack, with its path relative to the pack's source (the file name for a file).
CREATE TABLE rule_pack_file (
  pack_id      BIGINT NOT NULL REFERENCES rule_pack(id) ON DELETE CASCADE,
  path         VARCHAR(4096) NOT NULL,
  content      CLOB NOT NULL,
  PRIMARY KEY (pack_id, path)
);

-- Addresses and CIDR ranges the analyst lists as known (office, CI runners), with a note.
CREATE TABLE known_address (
  range_text   VARCHAR(64) PRIMARY KEY,        -- normalised: 198.51.100.0/24, or a bare address
  note         VARCHAR(1000) NOT NULL,
  added_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The rule set that made the stored findings (one row once detections ran): built-in rules'
-- version and a hash of the case's enabled packs and known addresses.
CREATE TABLE detection_run (
  id               INT PRIMARY KEY CHECK (id = 1),
  ruleset_version  VARCHAR(200) NOT NULL,
  ran_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
