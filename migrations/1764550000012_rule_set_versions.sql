-- Review of rule-set changes (docs/rules.md "Review of rule-set changes"): a version proposed by a regulator
-- is approved by another official with the role `reviewer`, and takes effect from a stated time.
-- Both names, both organizations and the version's digest are kept; nothing is ever deleted.
-- Up Migration
CREATE TABLE rule_set_versions (
  id bigserial PRIMARY KEY,
  rule_set text NOT NULL,
  version text NOT NULL,
  name text NOT NULL,
  digest text NOT NULL,
  content jsonb NOT NULL,
  proposed_by text NOT NULL,
  proposed_org text,
  proposed_at timestamptz NOT NULL,
  effective_at timestamptz NOT NULL,
  approved_by text,
  approved_org text,
  approved_at timestamptz
);
CREATE INDEX rule_set_versions_in_force ON rule_set_versions (rule_set, approved_at, effective_at);

-- Down Migration
DROP TABLE rule_set_versions;
