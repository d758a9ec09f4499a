-- Results of drawn inspections (docs/rules.md "Supervision and alerts"): the inspecting department records
-- each drawn enterprise's result from the fixed list, with its date and a note; a result corrected
-- later keeps the earlier one (superseded), so the published record is never silently rewritten.
-- Up Migration
CREATE TABLE inspection_results (
  id bigserial PRIMARY KEY,
  draw_id bigint NOT NULL,
  uscc text NOT NULL,
  result text NOT NULL,
  inspected_on date NOT NULL,
  note text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  superseded_at timestamptz
);
CREATE INDEX inspection_results_draw ON inspection_results (draw_id, uscc) WHERE superseded_at IS NULL;

-- Down Migration
DROP TABLE inspection_results;
