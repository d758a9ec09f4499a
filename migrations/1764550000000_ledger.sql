-- The city ledger (docs/ledger.md): every enterprise's latest complete assessment, its
-- history, provisional ones apart, grade histories for GRADE_DROP, and recorded 双随机 draws.
-- Forward-only: a later change is a new migration.

-- Up Migration
CREATE TABLE assessments (
  uscc text PRIMARY KEY,
  grade text NOT NULL,
  rank integer NOT NULL,
  tier text NOT NULL,
  alert_kinds text[] NOT NULL DEFAULT '{}',
  departments text[] NOT NULL DEFAULT '{}',
  region_code text NOT NULL,
  rule_set text NOT NULL,
  rule_version text NOT NULL,
  evaluated_at date NOT NULL,
  data_versions jsonb NOT NULL DEFAULT '{}',
  assessed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessments_tier ON assessments (rule_set, tier, uscc);
CREATE INDEX assessments_region ON assessments (region_code text_pattern_ops, uscc);

CREATE TABLE assessment_history (
  id bigserial PRIMARY KEY,
  uscc text NOT NULL,
  grade text NOT NULL,
  rank integer NOT NULL,
  rule_set text NOT NULL,
  rule_version text NOT NULL,
  evaluated_at date NOT NULL,
  assessed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX assessment_history_uscc ON assessment_history (uscc, rule_set, id DESC);

CREATE TABLE provisional_assessments (
  uscc text PRIMARY KEY,
  grade text NOT NULL,
  rank integer NOT NULL,
  missing_departments text[] NOT NULL,
  rule_set text NOT NULL,
  rule_version text NOT NULL,
  evaluated_at date NOT NULL,
  assessed_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE grade_histories (
  uscc text NOT NULL,
  rule_set text NOT NULL,
  history jsonb NOT NULL,
  PRIMARY KEY (uscc, rule_set)
);

CREATE TABLE inspection_draws (
  id bigserial PRIMARY KEY,
  department text NOT NULL,
  population jsonb NOT NULL,
  seed text NOT NULL,
  drawn_by text NOT NULL,
  drawn_at timestamptz NOT NULL DEFAULT now(),
  snapshot jsonb NOT NULL,
  result jsonb NOT NULL,
  published_at timestamptz
);
