-- Webhook signing keys with ids: a rotation keeps the previous secret signing beside
-- the new one until previous_until, so receivers can switch without losing a delivery.
-- Up Migration
ALTER TABLE webhooks
  ADD COLUMN key_id text,
  ADD COLUMN previous_secret text,
  ADD COLUMN previous_key_id text,
  ADD COLUMN previous_until timestamptz;
UPDATE webhooks SET key_id = 'wk_' || substr(md5(secret), 1, 12) WHERE key_id IS NULL;
ALTER TABLE webhooks ALTER COLUMN key_id SET NOT NULL;

-- Down Migration
ALTER TABLE webhooks
  DROP COLUMN key_id,
  DROP COLUMN previous_secret,
  DROP COLUMN previous_key_id,
  DROP COLUMN previous_until;
