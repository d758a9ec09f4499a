-- Deadlines that passed are told once (docs/rules.md "Objections", "Commitments", "Interviews"): when
-- the lease holder raised the event for an objection left unanswered, a commitment left unverified,
-- or an interview's rectification left undone past its date. Null: not yet told.
-- Up Migration
ALTER TABLE objection_workflow ADD COLUMN overdue_noticed_at timestamptz;
ALTER TABLE commitment_checks ADD COLUMN overdue_noticed_at timestamptz;
ALTER TABLE interviews ADD COLUMN overdue_noticed_at timestamptz;

-- Down Migration
ALTER TABLE interviews DROP COLUMN overdue_noticed_at;
ALTER TABLE commitment_checks DROP COLUMN overdue_noticed_at;
ALTER TABLE objection_workflow DROP COLUMN overdue_noticed_at;
