-- Credit events (docs/ledger.md; docs/rules.md "Supervision and alerts"): what a re-assessment
-- changed, written to an outbox in the same transaction as the assessment; webhooks registered by
-- organizations' systems and their deliveries, a job queue any replica works (claimed with
-- FOR UPDATE SKIP LOCKED, so none delivers the same one twice at once).

-- Up Migration
-- What the assessment saw (records, lists, objections): the events are its differences.
ALTER TABLE assessments ADD COLUMN facts jsonb;

CREATE TABLE credit_events (
  id bigserial PRIMARY KEY,
  uscc text NOT NULL,
  kind text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  -- The departments with records in force (a department receives the alerts about them, docs/rules.md "Supervision and alerts").
  departments text[] NOT NULL DEFAULT '{}',
  content jsonb NOT NULL
);
CREATE INDEX credit_events_uscc ON credit_events (uscc, id);

CREATE TABLE webhooks (
  id text PRIMARY KEY,
  owner_role text NOT NULL,
  owner_org text NOT NULL,
  owner_subject text,
  purpose text,
  url text NOT NULL,
  kinds text[] NOT NULL,
  usccs text[],
  secret text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  removed_at timestamptz,
  -- The outbox position from which this endpoint receives events.
  from_event bigint NOT NULL
);
CREATE INDEX webhooks_owner ON webhooks (owner_org);

CREATE TABLE webhook_deliveries (
  id bigserial PRIMARY KEY,
  webhook_id text NOT NULL REFERENCES webhooks (id),
  event_id bigint NOT NULL REFERENCES credit_events (id),
  uscc text NOT NULL,
  status text NOT NULL DEFAULT 'pending',
  attempts integer NOT NULL DEFAULT 0,
  next_at timestamptz NOT NULL DEFAULT now(),
  claimed_by text,
  claimed_until timestamptz,
  last_status integer,
  last_error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_at);
CREATE INDEX webhook_deliveries_order ON webhook_deliveries (webhook_id, uscc, event_id);

-- Each attempt, for `webhookDeliveries`.
CREATE TABLE webhook_attempts (
  delivery_id bigint NOT NULL REFERENCES webhook_deliveries (id),
  attempt integer NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  status integer,
  error text,
  PRIMARY KEY (delivery_id, attempt)
);

-- How far the outbox has been fanned out to webhooks (one row; its lock serializes the fan-out).
CREATE TABLE event_dispatch (
  name text PRIMARY KEY,
  last_event bigint NOT NULL DEFAULT 0
);
INSERT INTO event_dispatch (name) VALUES ('webhooks');
