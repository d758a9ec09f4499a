-- 双随机 draws with a gateway-drawn seed: its SHA-256 is recorded (committed_at) before the
-- population snapshot is taken, and a draw repeated for the same department and population on the
-- same day names the one it repeats and why. Every attempt is kept.
-- Up Migration
ALTER TABLE inspection_draws ADD COLUMN seed_hash text;
ALTER TABLE inspection_draws ADD COLUMN committed_at timestamptz;
ALTER TABLE inspection_draws ADD COLUMN repeat_of bigint;
ALTER TABLE inspection_draws ADD COLUMN repeat_reason text;

-- Down Migration
ALTER TABLE inspection_draws DROP COLUMN repeat_reason;
ALTER TABLE inspection_draws DROP COLUMN repeat_of;
ALTER TABLE inspection_draws DROP COLUMN committed_at;
ALTER TABLE inspection_draws DROP COLUMN seed_hash;
