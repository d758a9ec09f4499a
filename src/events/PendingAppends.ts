/**
 * Events raised outside an assessment (a consent granted or revoked through the gateway) while the
 * ledger cannot take them: held in order and appended when it can again, never dropped silently.
 * The consent itself stands at the credit platform either way; what waits is its event. `/readyz`
 * shows how many wait (degraded while any do); what is still waiting at shutdown, or past the
 * bound, is logged by kind and id as lost.
 */
import type { Logger } from 'pino';
import type { EventDraft } from './creditEvents.ts';

/** What appending needs of the outbox. */
export interface AppendTarget {
  append(e: EventDraft): Promise<unknown>;
}

/** How the queue runs. */
export interface PendingAppendsOptions {
  /** The outbox, or null while the ledger is away. */
  store: () => AppendTarget | null;
  logger: Logger;
  /** @default 2000 */
  retryMs?: number;
  /** Events held at most; one past it is logged as lost. @default 10000 */
  max?: number;
}

/** The ledger-outage queue of events that are not an assessment's. */
export class PendingAppends {
  private readonly queue: EventDraft[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;

  constructor(private readonly opts: PendingAppendsOptions) {}

  /** Events waiting for the ledger. */
  get pending(): number {
    return this.queue.length;
  }

  /** Appends now, or holds it (after any already waiting, so the order stays) until the ledger takes it. */
  async append(e: EventDraft): Promise<void> {
    if (this.queue.length === 0) {
      const store = this.opts.store();
      if (store) {
        try {
          await store.append(e);
          return;
        } catch (err) {
          this.opts.logger.warn(
            { err: String(err), kind: e.kind },
            'credit event held: the ledger refused it',
          );
        }
      }
    }
    if (this.queue.length >= (this.opts.max ?? 10_000)) {
      this.opts.logger.error(
        { kind: e.kind, consent: (e.content.consent as { id?: string } | undefined)?.id },
        'credit event lost: the queue waiting for the ledger is full',
      );
      return;
    }
    this.queue.push(e);
    this.schedule();
  }

  /** Appends what waits, oldest first, stopping at the first refusal; resolves when this round ends. */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** A last try; what still waits is logged as lost. */
  async close(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
    for (const e of this.queue.splice(0))
      this.opts.logger.error(
        { kind: e.kind, consent: (e.content.consent as { id?: string } | undefined)?.id },
        'credit event lost at shutdown: the ledger did not take it',
      );
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const store = this.opts.store();
      if (!store) break;
      try {
        await store.append(this.queue[0]!);
      } catch {
        break;
      }
      this.queue.shift();
    }
    if (this.queue.length > 0) this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.opts.retryMs ?? 2000);
    this.timer.unref();
  }
}
