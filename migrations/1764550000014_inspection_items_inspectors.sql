-- 双随机、一公开 in full (docs/rules.md "Supervision and alerts", 一单两库一细则): each department's
-- inspection items (抽查事项清单, with their legal basis) and inspectors (检查人员名录库: name, unit,
-- region, active), with the enterprises each must not inspect (回避). A draw names its item and
-- records the inspector pool it drew from and the two inspectors drawn for each enterprise.
-- Up Migration
CREATE TABLE inspection_items (
  id bigserial PRIMARY KEY,
  department text NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  legal_basis text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (department, code)
);
CREATE TABLE inspectors (
  id bigserial PRIMARY KEY,
  department text NOT NULL,
  name text NOT NULL,
  unit text NOT NULL,
  region text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  updated_by text NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX inspectors_department ON inspectors (department, active);
CREATE TABLE inspector_conflicts (
  inspector_id bigint NOT NULL REFERENCES inspectors (id),
  uscc text NOT NULL,
  reason text NOT NULL,
  declared_by text NOT NULL,
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (inspector_id, uscc)
);
ALTER TABLE inspection_draws ADD COLUMN item_id bigint;
ALTER TABLE inspection_draws ADD COLUMN inspector_pool jsonb;
ALTER TABLE inspection_draws ADD COLUMN assignments jsonb;

-- Down Migration
ALTER TABLE inspection_draws DROP COLUMN assignments;
ALTER TABLE inspection_draws DROP COLUMN inspector_pool;
ALTER TABLE inspection_draws DROP COLUMN item_id;
DROP TABLE inspector_conflicts;
DROP TABLE inspectors;
DROP TABLE inspection_items;
