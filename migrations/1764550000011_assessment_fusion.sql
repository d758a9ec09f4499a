-- Industry fusion (docs/rules.md "Supervision and alerts"): each department's fused tier (the grade's and
-- the department's own rating's, the stricter winning) and the enterprise's GB/T 4754 class, so
-- rosters filter by industry and key domain and a department draws by its own tiers. Rows written
-- before it have neither: their tier is the grade's (COALESCE), their industry unknown.
-- Up Migration
ALTER TABLE assessments ADD COLUMN tiers jsonb;
ALTER TABLE assessments ADD COLUMN industry_code text;
CREATE INDEX assessments_industry ON assessments (rule_set, industry_code);

-- Down Migration
DROP INDEX assessments_industry;
ALTER TABLE assessments DROP COLUMN industry_code;
ALTER TABLE assessments DROP COLUMN tiers;
