-- The enterprise's registered name kept with each report certificate: the
-- verification page names whom a genuine report is about, not only its code.
-- Up Migration
ALTER TABLE report_certificates ADD COLUMN name text;

-- Down Migration
ALTER TABLE report_certificates DROP COLUMN name;
