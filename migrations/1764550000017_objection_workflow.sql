-- The objection workflow (docs/rules.md "Objections"): each objection filed through the gateway, who
-- must answer it (the department that produced the record; the credit platform for the grade),
-- its deadlines in working days (the answer within 2, the comparison within 5 of filing; null when
-- the working-day calendar does not hold the year), and the department's answer.
-- Up Migration
CREATE TABLE objection_workflow (
  id text PRIMARY KEY,
  uscc text NOT NULL,
  record_ref text NOT NULL,
  department text NOT NULL,
  reason text NOT NULL,
  filed_at timestamptz NOT NULL DEFAULT now(),
  filed_on date NOT NULL,
  answer_due date,
  compare_due date,
  decision text,
  answer text,
  answered_at timestamptz,
  answered_by text
);
CREATE INDEX objection_workflow_department ON objection_workflow (department, filed_on);
CREATE INDEX objection_workflow_uscc ON objection_workflow (uscc);

-- Down Migration
DROP TABLE objection_workflow;
