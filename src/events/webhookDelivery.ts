/**
 * One webhook delivery (WebhookWorker.ts delivers them): the worker's options, the body a receiver
 * gets, the connection pinned to the address its target was checked at, and the Standard Webhooks
 * signature over every secret in force.
 */
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { AuditSink } from '../audit/AuditLog.ts';
import type { ConsentCache } from '../auth/consents.ts';
import type { RoleTable } from '../auth/roles.ts';
import type { QuotaUse } from '../server/quotas.ts';
import type { AllowList } from './allowList.ts';
import type { CreditEvent } from './creditEvents.ts';
import { contentFor, type Receiver } from './eventAudience.ts';
import type { AttemptOutcome, EventStore, WebhookRow } from './EventStore.ts';

/** How deliveries are paced and retried. */
export interface WebhookWorkerOptions {
  /** The roles, for a stored owner's traits (src/auth/roles.ts). @default the built-in table */
  roles?: RoleTable;
  store: () => EventStore | null;
  allow: AllowList;
  consentCache: ConsentCache;
  holder: string;
  logger: Logger;
  /** The domain clock (consent expiry); scheduling and signatures use wall-clock time. */
  now?: () => number;
  /** How often the queue is looked at. @default 250 */
  intervalMs?: number;
  /** The first retry's delay; each next one doubles, up to `maxBackoffMs`. @default 1000 */
  retryBaseMs?: number;
  /** @default 3600000 (an hour) */
  maxBackoffMs?: number;
  /** How long a delivery is retried before it is dead-lettered. @default 86400000 (24 h) */
  retryForMs?: number;
  /** One attempt's timeout. @default 10000 */
  timeoutMs?: number;
  /** Deliveries in flight at once. @default 16 */
  concurrency?: number;
  /** Deliveries in flight at once to one webhook (one receiver). @default 4 */
  perWebhook?: number;
  /** After each attempt (metrics). */
  onAttempt?: (outcome: AttemptOutcome['status']) => void;
  /**
   * Where each delivery is recorded before it is sent (the replica's audit chain): a delivered event
   * is a read of that enterprise's data by the webhook's owner, so it belongs in the enterprise's
   * data tracker. A delivery that cannot be recorded is not sent (retried).
   */
  audit?: AuditSink;
  /**
   * Counts one delivery against the webhook owner's daily event quota (null: none applies). An
   * attempt past it is not sent: the delivery waits until the quota renews, and is not given up.
   */
  quota?: (org: string) => Promise<QuotaUse | null>;
}

/** The body a receiver gets: the event with its enterprise, kind and id, and the content it may read. */
export function webhookBody(e: CreditEvent, receiver?: Receiver): string {
  const data = receiver ? contentFor(receiver, e) : e.content;
  return JSON.stringify({ id: e.id, kind: e.kind, uscc: e.uscc, at: e.at, data });
}

/**
 * Connects a delivery to the address its target was checked at (allowList.ts), not to whatever the
 * name resolves to a moment later. Answers in the shape the caller asked for (`all` with Node's
 * family autoselection).
 */
export function pinnedLookup(pins: Map<string, { address: string; family: number }>) {
  return (
    hostname: string,
    options: { all?: boolean },
    callback: (err: Error | null, address: unknown, family?: number) => void,
  ): void => {
    const pin = pins.get(hostname.toLowerCase());
    if (!pin) return callback(new Error(`${hostname} was not checked`), undefined);
    if (options.all) callback(null, [pin]);
    else callback(null, pin.address, pin.family);
  };
}

/**
 * The Standard Webhooks signature of a delivery: one `v1,…` per secret in force, space-separated
 * as the scheme allows for rotation — the current secret's, and the previous one's until its
 * overlap ends — with their key ids in the same order in `webhook-key-id`.
 */
export function signatureHeaders(
  webhook: Pick<WebhookRow, 'secret' | 'keyId' | 'previous'>,
  id: string,
  at: Date,
  body: string,
): Record<'webhook-signature' | 'webhook-key-id', string> {
  const keys = [{ secret: webhook.secret, keyId: webhook.keyId }];
  if (webhook.previous && Date.parse(webhook.previous.until) > at.getTime()) keys.push(webhook.previous);
  return {
    'webhook-signature': keys.map((k) => new Webhook(k.secret).sign(id, at, body)).join(' '),
    'webhook-key-id': keys.map((k) => k.keyId).join(' '),
  };
}
