-- Up Migration
-- Entries that claim a sequence number the archive already holds with another hash (a fork, or lines
-- written into a live log by another hand): kept as evidence beside the archived chain, never over it.
CREATE TABLE audit_conflicts (
  replica text NOT NULL,
  seq bigint NOT NULL,
  hash text NOT NULL,
  line jsonb NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (replica, seq, hash)
);

-- Down Migration
DROP TABLE audit_conflicts;
