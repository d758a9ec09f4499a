/**
 * Live credit events for this replica's subscribers: one poller reads the outbox every
 * `intervalMs` (the outbox is shared, so every replica sees every event whichever wrote it), keeps
 * the newest events in memory, and wakes the subscribers. A subscriber resumes from its `after`:
 * what the memory no longer holds is read from the outbox, so a resumed subscription misses
 * nothing. Each event passes the audience rule and the subscriber's filter before it is yielded.
 * Subscriptions are bounded per principal; `close()` ends them all (SIGTERM).
 */
import type { Logger } from 'pino';
import type { ConsentCache } from '../auth/consents.ts';
import type { Principal } from '../auth/principal.ts';
import { GatewayError, GatewayErrorCode } from '../errors.ts';
import type { CreditEvent, EventKind } from './creditEvents.ts';
import { receives, receivesEvents } from './eventAudience.ts';
import { traitsOf } from '../auth/roles.ts';
import type { EventStore } from './EventStore.ts';

/** What a subscriber asked for. */
export interface EventFilter {
  usccs?: readonly string[] | null;
  kinds?: readonly EventKind[] | null;
}

/** How the hub runs. */
export interface EventHubOptions {
  store: () => EventStore | null;
  consentCache: ConsentCache;
  logger: Logger;
  /** The domain clock (consent expiry). */
  now: () => number;
  /** @default 200 */
  intervalMs?: number;
  /** Live subscriptions per principal (token subject, else organization). @default 5 */
  perPrincipal?: number;
  /** Events kept in memory for subscribers. @default 5000 */
  keep?: number;
}

const PAGE = 500;

/** The per-replica fan-out of the outbox to subscribers. */
export class EventHub {
  private recent: CreditEvent[] = [];
  /** The newest event id seen (null until the first read). */
  private position: bigint | null = null;
  private waiters = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private closed = false;
  private readonly live = new Map<string, number>();
  private readonly ends = new Set<() => void>();

  constructor(private readonly opts: EventHubOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.opts.intervalMs ?? 200);
    this.timer.unref();
    void this.poll();
  }

  /** Ends every subscription and stops polling. */
  close(): void {
    this.closed = true;
    if (this.timer) clearInterval(this.timer);
    for (const end of this.ends) end();
    this.wake();
  }

  /** Subscriptions open now (readiness, tests). */
  get subscriptions(): number {
    return [...this.live.values()].reduce((a, b) => a + b, 0);
  }

  /** Reads new events from the outbox and wakes the subscribers. */
  poll(): Promise<void> {
    if (this.polling) return this.polling;
    this.polling = this.read()
      .catch((err: unknown) => this.opts.logger.debug({ err: String(err) }, 'events: outbox read failed'))
      .finally(() => (this.polling = null));
    return this.polling;
  }

  private async read(): Promise<void> {
    const store = this.opts.store();
    if (!store) return;
    if (this.position === null) {
      this.position = BigInt(await store.head());
      return;
    }
    let got = 0;
    for (;;) {
      const page = await store.after(String(this.position), PAGE);
      if (page.length === 0) break;
      this.recent.push(...page);
      this.position = BigInt(page.at(-1)!.id);
      got += page.length;
      if (page.length < PAGE) break;
    }
    const keep = this.opts.keep ?? 5000;
    if (this.recent.length > keep) this.recent = this.recent.slice(-keep);
    if (got) this.wake();
  }

  private wake(): void {
    const ws = [...this.waiters];
    this.waiters.clear();
    for (const w of ws) w();
  }

  /** Events after `after`: from memory when it reaches back that far, else from the outbox. */
  private async since(after: bigint): Promise<CreditEvent[]> {
    const first = this.recent[0];
    if (first && BigInt(first.id) <= after + 1n) return this.recent.filter((e) => BigInt(e.id) > after);
    if (this.position !== null && after >= this.position) return [];
    const store = this.opts.store();
    return store ? store.after(String(after), PAGE) : [];
  }

  /**
   * A subscriber's events: those after `after` (omitted: from now), then live ones, each one the
   * principal may receive and the filter wants. Refuses roles that receive none and principals over
   * their bound.
   */
  subscribe(
    principal: Principal,
    filter: EventFilter,
    after: string | null,
    signal?: AbortSignal,
  ): AsyncGenerator<CreditEvent> {
    if (!receivesEvents(principal))
      throw new GatewayError('this role receives no credit events', GatewayErrorCode.FORBIDDEN);
    if (after !== null && !/^\d{1,18}$/.test(after))
      throw new GatewayError('after is not an event id', GatewayErrorCode.BAD_USER_INPUT, {
        argument: 'after',
      });
    if (this.position === null)
      throw new GatewayError(
        'credit events are not available yet; try again shortly',
        GatewayErrorCode.LEDGER_UNAVAILABLE,
      );
    const key = principal.subject ?? principal.org ?? principal.role;
    const open = this.live.get(key) ?? 0;
    if (open >= (this.opts.perPrincipal ?? 5))
      throw new GatewayError(
        `at most ${this.opts.perPrincipal ?? 5} live event subscriptions per principal`,
        GatewayErrorCode.RATE_LIMITED,
      );
    // The slot is taken now, not when the stream first runs: a burst of subscriptions would all pass
    // the check before any of them counted.
    this.live.set(key, open + 1);
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      const n = (this.live.get(key) ?? 1) - 1;
      if (n > 0) this.live.set(key, n);
      else this.live.delete(key);
    };
    const control = { ended: false, end: (): void => {} };
    const events = this.stream(
      principal,
      filter,
      after === null ? this.position : BigInt(after),
      control,
      signal,
    );
    // A client that goes away ends its subscription at once: an async generator waiting for events
    // would take `return()` only at its next yield — keeping the slot, and delivering (and
    // auditing) the next event to nobody. So `return()` ends the wait and frees the slot itself.
    const finish = (): void => {
      control.ended = true;
      control.end();
      release();
    };
    return {
      next: () => events.next().finally(() => control.ended && release()),
      return: async (value?: unknown) => {
        finish();
        void events.return(undefined).catch(() => undefined);
        return { done: true, value: value as undefined };
      },
      throw: async (err?: unknown) => {
        finish();
        return events.throw(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
      [Symbol.asyncDispose]: async () => finish(),
    } as AsyncGenerator<CreditEvent>;
  }

  private async *stream(
    principal: Principal,
    filter: EventFilter,
    from: bigint,
    control: { ended: boolean; end: () => void },
    signal?: AbortSignal,
  ): AsyncGenerator<CreditEvent> {
    const end = (): void => {
      control.ended = true;
      this.wake();
    };
    control.end = end;
    if (control.ended) return;
    this.ends.add(end);
    signal?.addEventListener('abort', end, { once: true });
    const usccs = filter.usccs?.length ? new Set(filter.usccs) : null;
    const kinds = filter.kinds?.length ? new Set(filter.kinds) : null;
    let last = from;
    try {
      while (!control.ended && !this.closed) {
        const batch = await this.since(last);
        if (batch.length === 0) {
          await new Promise<void>((resolve) => this.waiters.add(resolve));
          continue;
        }
        const consents =
          traitsOf(principal).holdsConsents && principal.org
            ? await this.opts.consentCache.get(principal.org)
            : [];
        for (const e of batch) {
          last = BigInt(e.id);
          if (usccs && !usccs.has(e.uscc)) continue;
          if (kinds && !kinds.has(e.kind)) continue;
          if (!receives(principal, e, consents, this.opts.now())) continue;
          if (control.ended || this.closed) return; // the client went while this batch was read
          yield e;
          if (control.ended || this.closed) return;
        }
      }
    } finally {
      control.ended = true;
      this.ends.delete(end);
      signal?.removeEventListener('abort', end);
    }
  }
}
