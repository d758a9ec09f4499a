-- Roster counts at a province's size (docs/rules.md "The ledger"): a roster's first page
-- shows how many enterprises per grade and tier its filter selects, which was a full scan of the
-- filtered assessments (about a second at 3 M). The counts are kept instead by every write, as
-- signed deltas per combination of the columns a filter reads: +1 for the row written, -1 for
-- the row it replaced. Deltas are only ever appended (writers never wait on one another, so no
-- deadlock between two assessments moving in opposite directions); the lease holder folds them
-- (LedgerJobs.compactCounts) so the table stays about as large as the combinations in use.
-- Up Migration
CREATE TABLE assessment_counts (
  rule_set text NOT NULL,
  grade text NOT NULL,
  tier text NOT NULL,
  tiers jsonb,
  region_code text NOT NULL,
  industry_code text,
  alert_kinds text[] NOT NULL,
  departments text[] NOT NULL,
  n bigint NOT NULL,
  newest timestamptz
);
CREATE INDEX assessment_counts_rule_set ON assessment_counts (rule_set, grade);
-- Coverage's overdue count and re-evaluation's oldest-first read the assessments by age.
CREATE INDEX assessments_assessed ON assessments (rule_set, assessed_at);

CREATE FUNCTION assessment_counts_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND OLD.rule_set = NEW.rule_set AND OLD.grade = NEW.grade AND OLD.tier = NEW.tier
     AND OLD.tiers IS NOT DISTINCT FROM NEW.tiers AND OLD.region_code = NEW.region_code
     AND OLD.industry_code IS NOT DISTINCT FROM NEW.industry_code
     AND OLD.alert_kinds = NEW.alert_kinds AND OLD.departments = NEW.departments THEN
    -- The same combination: no count moves; the newest assessment it holds does.
    INSERT INTO assessment_counts VALUES (NEW.rule_set, NEW.grade, NEW.tier, NEW.tiers, NEW.region_code,
      NEW.industry_code, NEW.alert_kinds, NEW.departments, 0, NEW.assessed_at);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    INSERT INTO assessment_counts VALUES (OLD.rule_set, OLD.grade, OLD.tier, OLD.tiers, OLD.region_code,
      OLD.industry_code, OLD.alert_kinds, OLD.departments, -1, NULL);
  END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN
    INSERT INTO assessment_counts VALUES (NEW.rule_set, NEW.grade, NEW.tier, NEW.tiers, NEW.region_code,
      NEW.industry_code, NEW.alert_kinds, NEW.departments, 1, NEW.assessed_at);
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER assessment_counts_track AFTER INSERT OR UPDATE OR DELETE ON assessments
  FOR EACH ROW EXECUTE FUNCTION assessment_counts_track();

INSERT INTO assessment_counts
  SELECT rule_set, grade, tier, tiers, region_code, industry_code, alert_kinds, departments,
         count(*), max(assessed_at)
  FROM assessments GROUP BY 1, 2, 3, 4, 5, 6, 7, 8;

-- Down Migration
DROP TRIGGER assessment_counts_track ON assessments;
DROP FUNCTION assessment_counts_track();
DROP TABLE assessment_counts;
DROP INDEX assessments_assessed;
