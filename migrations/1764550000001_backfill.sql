-- Backfill progress and leases: one replica at a time assesses the whole registry,
-- resumable from the page it reached; a lease held in the database moves when its holder dies.

-- Up Migration
CREATE TABLE leases (
  name text PRIMARY KEY,
  holder text NOT NULL,
  expires_at timestamptz NOT NULL
);

CREATE TABLE backfill_progress (
  name text PRIMARY KEY,
  next_page integer NOT NULL DEFAULT 1,
  total integer,
  assessed integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz
);
