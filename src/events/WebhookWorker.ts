/**
 * Delivers credit events to registered webhooks: every replica runs one; the job queue
 * in the ledger (EventStore) makes sure each delivery is worked by one replica at a time and in
 * order per (webhook, enterprise). Each delivery is a JSON POST signed by the Standard Webhooks
 * scheme (`webhook-id` = the event's id on every attempt, `webhook-timestamp`, `webhook-signature`
 * = HMAC-SHA256 with the endpoint's secret; the `standardwebhooks` library), decided again at
 * delivery by the audience rule (a bank whose consent ended gets nothing more: WITHHELD), retried
 * with exponential backoff for 24 h, then dead-lettered. The target must still be allowed
 * (allowList.ts); redirects are not followed; the receiver's body is never read into errors.
 */
import { Agent, request } from 'undici';
import type { AuditEvent } from '../audit/AuditLog.ts';
import { ROLE_TABLE, traitsOfRole, type RoleTraits } from '../auth/roles.ts';
import { checkTarget } from './allowList.ts';
import { receives, type Receiver } from './eventAudience.ts';
import type { AttemptOutcome, ClaimedDelivery, EventStore, WebhookRow } from './EventStore.ts';
import { pinnedLookup, signatureHeaders, webhookBody, type WebhookWorkerOptions } from './webhookDelivery.ts';

export { signatureHeaders, webhookBody, type WebhookWorkerOptions } from './webhookDelivery.ts';

/**
 * The delivery loop of one replica. Deliveries run side by side up to `concurrency`, and at most
 * `perWebhook` of them for one receiver: a receiver that accepts and never answers holds only its
 * own slots until its timeout, while every other organization's deliveries go on. Each attempt's
 * timeout is a timer the worker holds (and undici's header and body timeouts beside it) — a
 * timeout signal that nothing references can be collected before it fires.
 */
export class WebhookWorker {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = false;
  private readonly abort = new AbortController();
  /** Deliveries in flight, and how many per webhook. */
  private readonly inFlight = new Set<Promise<void>>();
  private readonly perHook = new Map<string, number>();
  private readonly pins = new Map<string, { address: string; family: number }>();
  private readonly agent: Agent;

  constructor(private readonly opts: WebhookWorkerOptions) {
    const timeout = opts.timeoutMs ?? 10_000;
    this.agent = new Agent({
      headersTimeout: timeout,
      bodyTimeout: timeout,
      connect: { timeout, lookup: pinnedLookup(this.pins) as never },
    });
  }

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 250);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    this.abort.abort();
    await this.running?.catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
    await this.agent.close().catch(() => undefined);
  }

  /** When a round last ended (readiness: a worker whose rounds stopped ending is stuck). */
  lastRoundAt = Date.now();

  /** One round: fan out new events, then start what is due in the free slots. */
  tick(): Promise<void> {
    if (this.running || this.stopped) return this.running ?? Promise.resolve();
    this.running = this.round()
      .catch((err: unknown) => this.opts.logger.warn({ err: String(err) }, 'webhooks: round failed'))
      .finally(() => {
        this.running = null;
        this.lastRoundAt = Date.now();
      });
    return this.running;
  }

  /** 'ok', or 'stuck' when no round has ended for `afterMs` (a round waits only on the ledger). */
  health(afterMs = 30_000): 'ok' | 'stuck' {
    return this.stopped || Date.now() - this.lastRoundAt <= afterMs ? 'ok' : 'stuck';
  }

  /** Resolves when every delivery started so far has finished (tests). */
  async idle(): Promise<void> {
    await this.running;
    while (this.inFlight.size) await Promise.allSettled([...this.inFlight]);
  }

  private async round(): Promise<void> {
    const store = this.opts.store();
    if (!store) return;
    while ((await store.fanOut()) > 0 && !this.stopped);
    const leaseMs = (this.opts.timeoutMs ?? 10_000) * 3;
    const total = this.opts.concurrency ?? 16;
    const cap = this.opts.perWebhook ?? 4;
    while (!this.stopped && this.inFlight.size < total) {
      const full = [...this.perHook].filter(([, n]) => n >= cap).map(([id]) => id);
      const claimed = await store.claim(this.opts.holder, total - this.inFlight.size, leaseMs, full);
      let started = 0;
      for (const d of claimed) {
        const n = this.perHook.get(d.webhook.id) ?? 0;
        if (n >= cap) {
          await store.release(d.id, this.opts.holder);
          continue;
        }
        this.perHook.set(d.webhook.id, n + 1);
        started++;
        const p: Promise<void> = this.deliver(store, d)
          .catch((err: unknown) => this.opts.logger.warn({ err: String(err) }, 'webhooks: delivery failed'))
          .finally(() => {
            this.inFlight.delete(p);
            const left = (this.perHook.get(d.webhook.id) ?? 1) - 1;
            if (left > 0) this.perHook.set(d.webhook.id, left);
            else this.perHook.delete(d.webhook.id);
          });
        this.inFlight.add(p);
      }
      if (started === 0) return;
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

  /** The owner as its role's row states it now: a role the table no longer has receives nothing. */
  private receiverOf(webhook: WebhookRow): Receiver & { traits: RoleTraits } {
    return {
      role: webhook.ownerRole as Receiver['role'],
      org: webhook.ownerOrg,
      uscc: null,
      purpose: webhook.purpose as Receiver['purpose'],
      traits: traitsOfRole(webhook.ownerRole, this.opts.roles) ?? ROLE_TABLE.public,
    };
  }

  private async attempt(d: ClaimedDelivery, attempt: number): Promise<AttemptOutcome> {
    const { event, webhook } = d;
    const receiver = this.receiverOf(webhook);
    const consents = receiver.traits.holdsConsents ? await this.opts.consentCache.get(webhook.ownerOrg) : [];
    if (!receives(receiver, event, consents, this.now()))
      return { status: 'withheld', error: 'the receiver may no longer see this event' };
    const target = await checkTarget(webhook.url, this.opts.allow);
    if (!target.ok) return this.failed(d, attempt, null, target.reason);
    const quota = await this.opts.quota?.(webhook.ownerOrg).catch(() => null);
    if (quota && !quota.ok)
      return {
        status: 'retry',
        httpStatus: null,
        error: `the organization's daily event quota (${quota.limit}) is used up; sent when it renews`,
        nextAt: new Date(Date.now() + quota.resetSeconds * 1000),
      };
    if (target.address) this.pins.set(target.host, target.address);
    if (this.opts.audit) {
      try {
        await this.opts.audit.append({
          at: new Date().toISOString(),
          requestId: `webhook-${d.id}-${attempt}`,
          subject: webhook.ownerSubject,
          org: webhook.ownerOrg,
          role: webhook.ownerRole as AuditEvent['role'],
          purpose: webhook.purpose as AuditEvent['purpose'],
          action: 'read',
          operation: 'webhook',
          enterprises: [event.uscc],
          fieldGroups: ['Subscription.creditEvents'],
          outcome: 'sent',
        });
      } catch {
        return this.failed(d, attempt, null, 'the audit log cannot be written, so the event is not sent');
      }
    }
    const body = webhookBody(event, receiver);
    // Wall-clock time for the signature and the schedule (receivers check the timestamp's freshness).
    const at = new Date();
    const id = `evt_${event.id}`;
    const timeoutMs = this.opts.timeoutMs ?? 10_000;
    const ac = new AbortController();
    const stop = (): void => ac.abort();
    this.abort.signal.addEventListener('abort', stop, { once: true });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      ac.abort();
    }, timeoutMs);
    try {
      const res = await request(webhook.url, {
        method: 'POST',
        dispatcher: this.agent,
        signal: ac.signal,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'credit-gateway-webhooks',
          'webhook-id': id,
          'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
          ...signatureHeaders(webhook, id, at, body),
        },
        body,
      });
      // Redirects are not followed (undici's request never does); the body is never read.
      await res.body.dump().catch(() => undefined);
      if (res.statusCode >= 200 && res.statusCode < 300)
        return { status: 'delivered', httpStatus: res.statusCode };
      return this.failed(d, attempt, res.statusCode, `the receiver answered HTTP ${res.statusCode}`);
    } catch (err) {
      const code = (err as { code?: string }).code ?? '';
      const timeout = timedOut || /TIMEOUT/.test(code);
      return this.failed(d, attempt, null, timeout ? 'timed out' : 'no connection to the receiver');
    } finally {
      clearTimeout(timer);
      this.abort.signal.removeEventListener('abort', stop);
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
