-- Currency (docs/rules.md "The ledger"): the first day an assessment may change by time alone
-- (a record leaving the period, a window ending, a commitment falling due, a list entry ending).
-- The re-evaluation re-assesses what is due by it, besides what the cycle makes old. Null: nothing
-- dated ahead (the cycle alone), and rows written before it.
-- Up Migration
ALTER TABLE assessments ADD COLUMN valid_until date;
CREATE INDEX assessments_valid_until ON assessments (rule_set, valid_until);

-- Down Migration
DROP INDEX assessments_valid_until;
ALTER TABLE assessments DROP COLUMN valid_until;
