-- Investigations closed by a regulator (docs/access.md "Investigation hold"): a regulator's
-- INVESTIGATION reads of an enterprise stay out of its data tracker until the investigation is
-- closed (a row here, covering every read before it) or INVESTIGATION_HOLD_DAYS have passed.
-- Up Migration
CREATE TABLE investigation_closures (
  id bigserial PRIMARY KEY,
  uscc text NOT NULL,
  closed_at timestamptz NOT NULL,
  closed_by text NOT NULL
);
CREATE INDEX investigation_closures_uscc ON investigation_closures (uscc, closed_at);

-- Down Migration
DROP TABLE investigation_closures;
