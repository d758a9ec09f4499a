/**
 * The event store's rows (EventStore.ts): a webhook as kept and its secret's id, a claimed delivery,
 * a delivery as shown, how an attempt ended, and the mapping of their database rows.
 */
import { createHash, randomBytes } from 'node:crypto';
import { isoOf as iso } from '../ledger/sqlTime.ts';
import type { CreditEvent, EventKind } from './creditEvents.ts';

/** A registered webhook, with what delivering needs. */
export interface WebhookRow {
  id: string;
  ownerRole: string;
  ownerOrg: string;
  ownerSubject: string | null;
  purpose: string | null;
  url: string;
  kinds: EventKind[];
  usccs: string[] | null;
  secret: string;
  /** The current secret's id (`wk_…`, a digest: it tells receivers which secret signed, never the secret). */
  keyId: string;
  /** After a rotation, the previous secret, still signing beside the new one until `previousUntil`. */
  previous: { secret: string; keyId: string; until: string } | null;
  createdAt: string;
  removedAt: string | null;
}

/** A webhook secret's id: `wk_` and twelve hex digits of its MD5 (as the migration derives it for old rows). */
export function webhookKeyId(secret: string): string {
  return `wk_${createHash('md5').update(secret).digest('hex').slice(0, 12)}`;
}

/** A new Standard Webhooks secret: whsec_ and the base64 of 32 random bytes. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** A claimed delivery: its event and its webhook. */
export interface ClaimedDelivery {
  id: string;
  attempts: number;
  createdAt: string;
  event: CreditEvent;
  webhook: WebhookRow;
}

/** A delivery as `webhookDeliveries` shows it. */
export interface DeliveryView {
  eventId: string;
  uscc: string;
  kind: EventKind;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  attemptLog: Array<{ at: string; httpStatus: number | null; error: string | null }>;
}

/** How an attempt ended. */
export type AttemptOutcome =
  | { status: 'delivered'; httpStatus: number }
  | { status: 'retry'; httpStatus: number | null; error: string | null; nextAt: Date }
  | { status: 'dead'; httpStatus: number | null; error: string | null }
  | { status: 'withheld'; error: string };

export function eventOf(r: Record<string, unknown>): CreditEvent {
  return {
    id: String(r.id),
    uscc: r.uscc as string,
    kind: r.kind as EventKind,
    at: iso(r.at),
    departments: r.departments as string[],
    content: r.content as Record<string, unknown>,
  };
}

export function webhookOf(r: Record<string, unknown>): WebhookRow {
  return {
    id: r.id as string,
    ownerRole: r.owner_role as string,
    ownerOrg: r.owner_org as string,
    ownerSubject: (r.owner_subject as string | null) ?? null,
    purpose: (r.purpose as string | null) ?? null,
    url: r.url as string,
    kinds: r.kinds as EventKind[],
    usccs: (r.usccs as string[] | null) ?? null,
    secret: r.secret as string,
    keyId: r.key_id as string,
    previous:
      r.previous_secret && r.previous_until
        ? {
            secret: r.previous_secret as string,
            keyId: r.previous_key_id as string,
            until: iso(r.previous_until),
          }
        : null,
    createdAt: iso(r.created_at),
    removedAt: r.removed_at ? iso(r.removed_at) : null,
  };
}
