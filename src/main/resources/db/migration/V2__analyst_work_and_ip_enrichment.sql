-- Trailbench case store, schema version 2: what the analyst adds to a case (findings, event
-- tags and bookmarks, saved filters) and the IP enrichment computed at import.
-- See docs/case-store.md.

-- Findings, from detections or written by hand. document is the whole finding as JSON
-- (FindingCodec); the columns beside it are what lists sort and filter on.
-- position is the analyst's order (ascending); detections append.
CREATE TABLE finding (
  id          VARCHAR(512) PRIMARY KEY,
  position    INT NOT NULL,
  rule_id     VARCHAR(256) NOT NULL,
  severity    VARCHAR(16) NOT NULL,
  status      VARCHAR(32) NOT NULL,
  edited      BOOLEAN NOT NULL,            -- the analyst changed title, severity, status or notes
  detected    BOOLEAN NOT NULL,            -- the latest detection run produced it (always true for manual)
  updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  document    CLOB NOT NULL
);
CREATE INDEX finding_position ON finding(position);

-- Tags on events; the tag 'bookmark' is the bookmark. Keyed by the event's store id.
CREATE TABLE event_tag (
  event_row   BIGINT NOT NULL,
  tag         VARCHAR(128) NOT NULL,
  note        VARCHAR(4096),
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
  PRIMARY KEY (event_row, tag)
);
CREATE INDEX event_tag_tag ON event_tag(tag, event_row);

-- Named filters of the timeline's query language.
CREATE TABLE saved_filter (
  name        VARCHAR(256) PRIMARY KEY,
  expression  VARCHAR(8192) NOT NULL,
  created_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- One row per distinct sourceIPAddress term: what the offline databases say about it.
CREATE TABLE ip_info (
  term          INT PRIMARY KEY,             -- term.id of kind source_ip
  kind          VARCHAR(32) NOT NULL,        -- IpKind
  address       VARCHAR(64),
  range_label   VARCHAR(256),
  country       VARCHAR(8),
  asn           BIGINT,
  as_org        VARCHAR(512),
  aws_owned     BOOLEAN NOT NULL,
  aws_source    VARCHAR(32) NOT NULL,
  aws_service   VARCHAR(256),
  aws_region    VARCHAR(64),
  tor           VARCHAR(16) NOT NULL,
  notes         VARCHAR(4096)
);
CREATE INDEX ip_info_country ON ip_info(country);
CREATE INDEX ip_info_asn ON ip_info(asn);

-- Small case-wide settings and provenance (e.g. which IP databases enriched the case).
CREATE TABLE case_setting (
  name   VARCHAR(256) PRIMARY KEY,
  setting_value  CLOB NOT NULL
);
