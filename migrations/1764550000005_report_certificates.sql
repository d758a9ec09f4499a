-- Credit report certificates: what each issued report certifies, found by its short
-- verification code (≤ 20 characters, printed and in the QR code). The code's signature part is an
-- HMAC of these fields under the report key it names, so an edited row no longer verifies.
-- Up Migration
CREATE TABLE report_certificates (
  code text PRIMARY KEY,
  key_id text NOT NULL,
  report_no text NOT NULL UNIQUE,
  uscc text NOT NULL,
  generated_at timestamptz NOT NULL,
  grade text,
  rule_set text NOT NULL,
  complete boolean NOT NULL,
  digest text NOT NULL
);
CREATE INDEX report_certificates_uscc ON report_certificates (uscc, generated_at);

-- Down Migration
DROP TABLE report_certificates;
