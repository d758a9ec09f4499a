/**
 * The outbox of credit events and the webhook job queue in the ledger (docs/operations.md). Events are numbered by the outbox (a stable, increasing id). Fan-out to webhooks
 * advances one cursor row under its lock, so each event becomes exactly one delivery per matching
 * webhook whichever replica does it; deliveries are claimed with `FOR UPDATE SKIP LOCKED` and a
 * claim that expires (a killed replica's claims are taken again), only the oldest pending delivery
 * per (webhook, enterprise) at a time — in order per enterprise — so any replica can deliver and
 * none delivers the same one twice at once. The same SQL on PostgreSQL and PGlite.
 */
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from '../ledger/transaction.ts';
import type { CreditEvent, EventDraft, EventKind } from './creditEvents.ts';
import { isoOf as iso } from '../ledger/sqlTime.ts';
import {
  eventOf,
  newSecret,
  webhookKeyId,
  webhookOf,
  type AttemptOutcome,
  type ClaimedDelivery,
  type DeliveryView,
  type WebhookRow,
} from './eventRows.ts';

export {
  webhookKeyId,
  type AttemptOutcome,
  type ClaimedDelivery,
  type DeliveryView,
  type WebhookRow,
} from './eventRows.ts';

/** The outbox and the webhook queue. */
export class EventStore {
  constructor(private readonly pool: pg.Pool) {}

  /** Appends an event outside an assessment (a consent granted or revoked through the gateway). */
  async append(e: EventDraft): Promise<CreditEvent> {
    const r = await this.pool.query(
      'INSERT INTO credit_events (uscc, kind, departments, content) VALUES ($1, $2, $3, $4) RETURNING *',
      [e.uscc, e.kind, e.departments, JSON.stringify(e.content)],
    );
    return eventOf(r.rows[0]);
  }

  /** Events after `id`, oldest first. */
  async after(id: string, limit: number): Promise<CreditEvent[]> {
    const r = await this.pool.query('SELECT * FROM credit_events WHERE id > $1 ORDER BY id LIMIT $2', [
      id,
      limit,
    ]);
    return r.rows.map(eventOf);
  }

  /** The newest event's id ('0' for none). */
  async head(): Promise<string> {
    const r = await this.pool.query('SELECT COALESCE(max(id), 0) AS id FROM credit_events');
    return String(r.rows[0].id);
  }

  /** Registers a webhook receiving events after the outbox's current head; its secret is made here. */
  async register(w: {
    ownerRole: string;
    ownerOrg: string;
    ownerSubject: string | null;
    purpose: string | null;
    url: string;
    kinds: readonly EventKind[];
    usccs: readonly string[] | null;
  }): Promise<WebhookRow> {
    const secret = newSecret();
    const r = await this.pool.query(
      `INSERT INTO webhooks (id, owner_role, owner_org, owner_subject, purpose, url, kinds, usccs, secret, key_id, from_event)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, (SELECT COALESCE(max(id), 0) FROM credit_events)) RETURNING *`,
      [
        randomUUID(),
        w.ownerRole,
        w.ownerOrg,
        w.ownerSubject,
        w.purpose,
        w.url,
        w.kinds,
        w.usccs,
        secret,
        webhookKeyId(secret),
      ],
    );
    return webhookOf(r.rows[0]);
  }

  /**
   * Gives an organization's live webhook a new secret; the current one keeps signing beside it for
   * `overlapMs` (deliveries carry both signatures), so the receiver can switch with no delivery lost.
   * Null when the organization has no such live webhook.
   */
  async rotate(org: string, id: string, overlapMs: number): Promise<WebhookRow | null> {
    const secret = newSecret();
    const r = await this.pool.query(
      `UPDATE webhooks SET previous_secret = secret, previous_key_id = key_id,
         previous_until = now() + make_interval(secs => $4::double precision / 1000),
         secret = $3, key_id = $5
       WHERE id = $1 AND owner_org = $2 AND removed_at IS NULL RETURNING *`,
      [id, org, secret, overlapMs, webhookKeyId(secret)],
    );
    return r.rows[0] ? webhookOf(r.rows[0]) : null;
  }

  /** An organization's webhooks, removed ones included, newest first. */
  async webhooks(org: string): Promise<WebhookRow[]> {
    const r = await this.pool.query('SELECT * FROM webhooks WHERE owner_org = $1 ORDER BY created_at DESC', [
      org,
    ]);
    return r.rows.map(webhookOf);
  }

  /** How many live webhooks an organization has. */
  async countLive(org: string): Promise<number> {
    const r = await this.pool.query(
      'SELECT count(*) AS n FROM webhooks WHERE owner_org = $1 AND removed_at IS NULL',
      [org],
    );
    return Number(r.rows[0].n);
  }

  /** Removes an organization's webhook (its pending deliveries are withheld); null when it has none by that id. */
  async remove(org: string, id: string): Promise<WebhookRow | null> {
    const r = await this.pool.query(
      `UPDATE webhooks SET removed_at = COALESCE(removed_at, now()) WHERE id = $1 AND owner_org = $2 RETURNING *`,
      [id, org],
    );
    if (!r.rows[0]) return null;
    await this.pool.query(
      `UPDATE webhook_deliveries SET status = 'withheld', finished_at = now(), last_error = 'the webhook was removed'
       WHERE webhook_id = $1 AND status = 'pending'`,
      [id],
    );
    return webhookOf(r.rows[0]);
  }

  /** A webhook's deliveries, newest first, with their attempts; null when the organization has no such webhook. */
  async deliveries(org: string, webhookId: string, first: number): Promise<DeliveryView[] | null> {
    const owned = await this.pool.query('SELECT 1 FROM webhooks WHERE id = $1 AND owner_org = $2', [
      webhookId,
      org,
    ]);
    if (!owned.rows[0]) return null;
    const r = await this.pool.query(
      `SELECT d.*, e.kind,
         COALESCE((SELECT json_agg(json_build_object('at', a.at, 'status', a.status, 'error', a.error) ORDER BY a.attempt)
                   FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS log
       FROM webhook_deliveries d JOIN credit_events e ON e.id = d.event_id
       WHERE d.webhook_id = $1 ORDER BY d.event_id DESC LIMIT $2`,
      [webhookId, first],
    );
    return r.rows.map((d) => ({
      eventId: String(d.event_id),
      uscc: d.uscc as string,
      kind: d.kind as EventKind,
      status: (d.status as string).toUpperCase(),
      attempts: d.attempts as number,
      nextAttemptAt: d.status === 'pending' ? iso(d.next_at) : null,
      attemptLog: (d.log as Array<{ at: string; status: number | null; error: string | null }>).map((a) => ({
        at: iso(a.at),
        httpStatus: a.status,
        error: a.error,
      })),
    }));
  }

  /**
   * Turns new outbox events into deliveries for the webhooks whose kinds and enterprises match
   * (registered before the event). One replica at a time: the cursor row is locked, a replica that
   * finds it locked skips this round. Returns how many events were fanned out.
   */
  async fanOut(limit = 500): Promise<number> {
    return inTransaction(this.pool, async (client) => {
      const cursor = await client.query(
        "SELECT last_event FROM event_dispatch WHERE name = 'webhooks' FOR UPDATE SKIP LOCKED",
      );
      if (!cursor.rows[0]) return 0;
      const last = String(cursor.rows[0].last_event);
      const events = await client.query('SELECT id FROM credit_events WHERE id > $1 ORDER BY id LIMIT $2', [
        last,
        limit,
      ]);
      if (events.rows.length === 0) return 0;
      const upTo = String(events.rows.at(-1)!.id);
      await client.query(
        `INSERT INTO webhook_deliveries (webhook_id, event_id, uscc)
         SELECT w.id, e.id, e.uscc FROM credit_events e JOIN webhooks w
           ON w.removed_at IS NULL AND e.kind = ANY(w.kinds) AND e.id > w.from_event
              AND (w.usccs IS NULL OR e.uscc = ANY(w.usccs))
         WHERE e.id > $1 AND e.id <= $2
         ON CONFLICT (webhook_id, event_id) DO NOTHING`,
        [last, upTo],
      );
      await client.query("UPDATE event_dispatch SET last_event = $1 WHERE name = 'webhooks'", [upTo]);
      return events.rows.length;
    });
  }

  /**
   * Claims due deliveries for `holder` for `leaseMs`: pending, due, unclaimed (or claimed by a
   * holder that let its claim lapse), and the oldest pending one of their (webhook, enterprise).
   */
  async claim(
    holder: string,
    limit: number,
    leaseMs: number,
    exceptWebhooks: readonly string[] = [],
  ): Promise<ClaimedDelivery[]> {
    const r = await this.pool.query(
      `UPDATE webhook_deliveries d SET claimed_by = $1, claimed_until = now() + $2::int * interval '1 millisecond'
       WHERE d.id IN (
         SELECT x.id FROM webhook_deliveries x
         WHERE x.status = 'pending' AND x.next_at <= now()
           AND (x.claimed_until IS NULL OR x.claimed_until < now())
           AND NOT (x.webhook_id = ANY($4::text[]))
           AND NOT EXISTS (SELECT 1 FROM webhook_deliveries y
                           WHERE y.webhook_id = x.webhook_id AND y.uscc = x.uscc AND y.status = 'pending'
                             AND y.event_id < x.event_id)
         ORDER BY x.event_id LIMIT $3
         FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.attempts, d.created_at, d.event_id, d.webhook_id`,
      [holder, leaseMs, limit, exceptWebhooks],
    );
    if (r.rows.length === 0) return [];
    const events = await this.pool.query('SELECT * FROM credit_events WHERE id = ANY($1)', [
      r.rows.map((x) => x.event_id),
    ]);
    const hooks = await this.pool.query('SELECT * FROM webhooks WHERE id = ANY($1)', [
      [...new Set(r.rows.map((x) => x.webhook_id as string))],
    ]);
    const eventById = new Map(events.rows.map((e) => [String(e.id), eventOf(e)]));
    const hookById = new Map(hooks.rows.map((w) => [w.id as string, webhookOf(w)]));
    return r.rows.map((x) => ({
      id: String(x.id),
      attempts: x.attempts as number,
      createdAt: iso(x.created_at),
      event: eventById.get(String(x.event_id))!,
      webhook: hookById.get(x.webhook_id as string)!,
    }));
  }

  /** Lets a claim go unworked (the worker had no slot for its receiver): due again at once. */
  async release(id: string, holder: string): Promise<void> {
    await this.pool.query(
      'UPDATE webhook_deliveries SET claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $2',
      [id, holder],
    );
  }

  /** Records an attempt's outcome and releases the claim (only `holder`'s own claim). */
  async finish(id: string, holder: string, attempt: number, o: AttemptOutcome): Promise<void> {
    const httpStatus = 'httpStatus' in o ? o.httpStatus : null;
    const error = 'error' in o ? o.error : null;
    if (o.status !== 'withheld')
      await this.pool.query(
        'INSERT INTO webhook_attempts (delivery_id, attempt, status, error) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [id, attempt, httpStatus, error],
      );
    const status = o.status === 'retry' ? 'pending' : o.status;
    await this.pool.query(
      `UPDATE webhook_deliveries SET status = $3, attempts = $4, last_status = $5, last_error = $6,
         next_at = COALESCE($7, next_at), claimed_by = NULL, claimed_until = NULL,
         finished_at = CASE WHEN $3 = 'pending' THEN NULL ELSE now() END
       WHERE id = $1 AND claimed_by = $2`,
      [
        id,
        holder,
        status,
        o.status === 'withheld' ? attempt - 1 : attempt,
        httpStatus,
        error,
        o.status === 'retry' ? o.nextAt : null,
      ],
    );
  }
}
