-- The registry's basics kept with each assessment: the desk's rosters, alerts and
-- exports name enterprises — name, address, legal representative, registration authority — not
-- only their codes. Public registration data (the registry publishes it); null for older rows.
-- Up Migration
ALTER TABLE assessments ADD COLUMN registry jsonb;

-- Down Migration
ALTER TABLE assessments DROP COLUMN registry;
