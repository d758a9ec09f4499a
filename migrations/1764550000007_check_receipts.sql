-- Approval checks' receipts (核查回执): what each printout states, kept under its
-- 核验码 so the code alone (typed from paper, or read from the QR code) verifies it. The code is an
-- HMAC of number, enterprise, matter, verdict and time under the key it names; `seal` is an HMAC of
-- the whole row, so an edited row no longer verifies.
-- Up Migration
CREATE TABLE check_receipts (
  code text PRIMARY KEY,
  key_id text NOT NULL,
  number text NOT NULL UNIQUE,
  uscc text NOT NULL,
  name text,
  matter text NOT NULL,
  verdict text NOT NULL,
  checked_at timestamptz NOT NULL,
  org text,
  missing text[] NOT NULL,
  -- Each department's data time and whether it was live or served stale from cache.
  sources jsonb NOT NULL DEFAULT '[]',
  seal text NOT NULL
);
CREATE INDEX check_receipts_uscc ON check_receipts (uscc, checked_at);

-- Down Migration
DROP TABLE check_receipts;
