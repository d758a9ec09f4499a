-- Each draw's tier sizes kept beside its population snapshot, so a listing of draws never reads
-- the populations (a whole-province draw's snapshot holds millions of codes). Older draws have
-- none; their sizes are computed from the snapshot when listed.
-- Up Migration
ALTER TABLE inspection_draws ADD COLUMN tier_sizes jsonb;

-- Down Migration
ALTER TABLE inspection_draws DROP COLUMN tier_sizes;
