-- The audit archive (docs/operations.md: partition the audit archive by month).
-- Every replica ships its hash-chained log here within seconds; the archive re-verifies each chain
-- as it ingests (audit_chains: where each replica's chain stands, and whether it broke), records the
-- entries it never received (audit_gaps), and answers who read an enterprise's data (docs/access.md).
-- Partitions are made per month as entries arrive; retention drops whole months.

-- Up Migration
CREATE TABLE audit_entries (
  replica text NOT NULL,
  seq bigint NOT NULL,
  at timestamptz NOT NULL,
  request_id text NOT NULL,
  subject text,
  org text,
  role text NOT NULL,
  purpose text,
  action text NOT NULL,
  operation text,
  enterprises text[] NOT NULL,
  field_groups text[] NOT NULL,
  outcome text NOT NULL,
  checkpoint jsonb,
  prev_hash text NOT NULL,
  hash text NOT NULL,
  -- A partitioned table's key includes its partition key; (replica, seq) is kept unique by ingest,
  -- which takes only the entries after its chain's head.
  PRIMARY KEY (replica, seq, at)
) PARTITION BY RANGE (at);
CREATE INDEX audit_entries_enterprises ON audit_entries USING gin (enterprises);
CREATE INDEX audit_entries_org ON audit_entries (org, at);
CREATE INDEX audit_entries_subject ON audit_entries (subject, at);
CREATE INDEX audit_entries_at ON audit_entries (at);

CREATE TABLE audit_chains (
  replica text PRIMARY KEY,
  last_seq bigint NOT NULL,
  last_hash text NOT NULL,
  signed_seq bigint NOT NULL DEFAULT 0,
  shipped_at timestamptz NOT NULL DEFAULT now(),
  broken_at_seq bigint,
  broken_reason text
);

CREATE TABLE audit_gaps (
  replica text NOT NULL,
  from_seq bigint NOT NULL,
  to_seq bigint NOT NULL,
  detected_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (replica, from_seq)
);
