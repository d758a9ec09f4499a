/**
 * Delivers credit events to registered webhooks (issue 18): every replica runs one; the job queue
 * in the ledger (EventStore) makes sure each delivery is worked by one replica at a time and in
 * order per (webhook, enterprise). Each delivery is a JSON POST signed by the Standard Webhooks
 * scheme (`webhook-id` = the event's id on every attempt, `webhook-timestamp`, `webhook-signature`
 * = HMAC-SHA256 with the endpoint's secret; the `standardwebhooks` library), decided again at
 * delivery by the audience rule (a bank whose consent ended gets nothing more: WITHHELD), retried
 * with exponential backoff for 24 h, then dead-lettered. The target must still be allowed
 * (allowList.ts); redirects are not followed; the receiver's body is never read into errors.
 */
import type { Logger } from 'pino';
import { Webhook } from 'standardwebhooks';
import type { ConsentCache } from '../auth/consents.ts';
import { checkTarget, type AllowList } from './allowList.ts';
import type { CreditEvent } from './creditEvents.ts';
import { receives } from './eventAudience.ts';
import type { AttemptOutcome, ClaimedDelivery, EventStore, WebhookRow } from './EventStore.ts';

/** How deliveries are paced and retried. */
export interface WebhookWorkerOptions {
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
  /** After each attempt (metrics). */
  onAttempt?: (outcome: AttemptOutcome['status']) => void;
}

/** The body every receiver gets: the event with its enterprise, kind and id. */
export function webhookBody(e: CreditEvent): string {
  return JSON.stringify({ id: e.id, kind: e.kind, uscc: e.uscc, at: e.at, data: e.content });
}

/** The delivery loop of one replica. */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly abort = new AbortController();

  constructor(private readonly opts: WebhookWorkerOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 250);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await this.running?.catch(() => undefined);
  }

  /** One round: fan out new events, then deliver what is due. */
  tick(): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = this.round()
      .catch((err: unknown) => this.opts.logger.warn({ err: String(err) }, 'webhooks: round failed'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async round(): Promise<void> {
    const store = this.opts.store();
    if (!store) return;
    while ((await store.fanOut()) > 0 && !this.stopped);
    const leaseMs = (this.opts.timeoutMs ?? 10_000) * 3;
    for (;;) {
      const claimed = await store.claim(this.opts.holder, this.opts.concurrency ?? 16, leaseMs);
      if (claimed.length === 0 || this.stopped) return;
      await Promise.all(claimed.map((d) => this.deliver(store, d)));
    }
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private async deliver(store: EventStore, d: ClaimedDelivery): Promise<void> {
    const attempt = d.attempts + 1;
    const outcome = await this.attempt(d, attempt);
    await store.finish(d.id, this.opts.holder, attempt, outcome);
    this.opts.onAttempt?.(outcome.status);
  }

  private async attempt(d: ClaimedDelivery, attempt: number): Promise<AttemptOutcome> {
    const { event, webhook } = d;
    const receiver = { role: webhook.ownerRole, org: webhook.ownerOrg, uscc: null, purpose: webhook.purpose };
    const consents = webhook.ownerRole === 'bank' ? await this.opts.consentCache.get(webhook.ownerOrg) : [];
    if (!receives(receiver as Parameters<typeof receives>[0], event, consents, this.now()))
      return { status: 'withheld', error: 'the receiver may no longer see this event' };
    const target = await checkTarget(webhook.url, this.opts.allow);
    if (!target.ok) return this.failed(d, attempt, null, target.reason);
    const body = webhookBody(event);
    // Wall-clock time for the signature and the schedule (receivers check the timestamp's freshness).
    const at = new Date();
    const id = `evt_${event.id}`;
    try {
      const res = await fetch(webhook.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(this.opts.timeoutMs ?? 10_000)]),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'credit-gateway-webhooks',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          ...signatureHeaders(webhook, id, at, body),
        },
        body,
      });
      await res.body?.cancel().catch(() => undefined);
      if (res.status >= 200 && res.status < 300) return { status: 'delivered', httpStatus: res.status };
      return this.failed(d, attempt, res.status, `the receiver answered HTTP ${res.status}`);
    } catch (err) {
      const reason = (err as Error).name === 'TimeoutError' ? 'timed out' : 'no connection to the receiver';
      return this.failed(d, attempt, null, reason);
    }
  }

  /** A failed attempt: retried with exponential backoff while within the retry window, then dead. */
  private failed(
    d: ClaimedDelivery,
    attempt: number,
    httpStatus: number | null,
    error: string,
  ): AttemptOutcome {
    const base = this.opts.retryBaseMs ?? 1000;
    const delay = Math.min(base * 2 ** (attempt - 1), this.opts.maxBackoffMs ?? 3_600_000);
    const next = Date.now() + delay;
    if (next - Date.parse(d.createdAt) > (this.opts.retryForMs ?? 86_400_000))
      return { status: 'dead', httpStatus, error };
    return { status: 'retry', httpStatus, error, nextAt: new Date(next) };
  }
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
