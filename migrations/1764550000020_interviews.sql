-- 约谈 (docs/rules.md "Interviews"; 谁认定、谁约谈): a department's credit-risk interviews with an
-- enterprise whose records it produced — prompt or warning, when, who, what was required, the
-- rectification deadline — and when it marked the rectification done.
-- Up Migration
CREATE TABLE interviews (
  id bigserial PRIMARY KEY,
  uscc text NOT NULL,
  department text NOT NULL,
  kind text NOT NULL,
  held_on date NOT NULL,
  officials text NOT NULL,
  required text NOT NULL,
  rectify_by date NOT NULL,
  recorded_at timestamptz NOT NULL,
  recorded_by text NOT NULL,
  rectified_on date,
  rectified_by text
);
CREATE INDEX interviews_uscc ON interviews (uscc, held_on);
CREATE INDEX interviews_department ON interviews (department, rectified_on, rectify_by);

-- Down Migration
DROP TABLE interviews;
