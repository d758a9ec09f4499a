-- The commitment loop (docs/rules.md "Commitments"): each commitment registered through the gateway
-- with the department that must verify it, its due day, and that department's verdict.
-- Up Migration
CREATE TABLE commitment_checks (
  id text PRIMARY KEY,
  uscc text NOT NULL,
  department text NOT NULL,
  type text NOT NULL,
  matter text NOT NULL,
  due_on date,
  registered_at timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'PENDING',
  decided_at timestamptz,
  decided_by text
);
CREATE INDEX commitment_checks_department ON commitment_checks (department, status, due_on);

-- Down Migration
DROP TABLE commitment_checks;
