/**
 * Follows the credit platform's change feed (connectors/credit/wire.ts) so what the gateway holds for
 * an enterprise is dropped as soon as a department changes it: a repair, an objection, a
 * consent, a list entry, a record. A 410 (cursor too old) tells every listener to drop all.
 */
import type { ChangesRead } from '../../connectors/credit/CreditConnector.ts';
import type { CreditChange } from '../model/unifiedModel.ts';

/** Who is told about changes. */
export interface ChangeListener {
  /** Changes for some enterprises, in feed order. */
  onChanges(changes: CreditChange[]): void | Promise<void>;
  /** The feed lost our place: anything held may be out of date. */
  onReset(): void | Promise<void>;
}

/** Options of the follower. */
export interface ChangeFollowerOptions {
  read: (cursor: string | null) => Promise<ChangesRead>;
  /** @default 1000 */
  intervalMs?: number;
  onError?: (err: unknown) => void;
}

/** Polls the feed on a timer and fans changes out to listeners. */
export class ChangeFollower {
  private cursor: string | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private readonly listeners: ChangeListener[] = [];
  private stopped = true;

  constructor(private readonly opts: ChangeFollowerOptions) {}

  /** Adds a listener. */
  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }

  /** Starts polling (the first read takes the feed's current position). */
  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for a read in progress. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Reads the feed once now (tests and the first start use it). */
  poll(): Promise<void> {
    this.running ??= this.readOnce().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.poll().finally(() => this.schedule(this.opts.intervalMs ?? 1000));
    }, delay);
    this.timer.unref();
  }

  private async readOnce(): Promise<void> {
    try {
      // Drain: a busy platform may have more than one page of changes waiting.
      for (let pages = 0; pages < 20; pages++) {
        const read = await this.opts.read(this.cursor);
        if (read.gone) {
          this.cursor = null;
          await Promise.all(this.listeners.map((l) => l.onReset()));
          return;
        }
        this.cursor = read.cursor;
        if (read.changes.length === 0) return;
        await Promise.all(this.listeners.map((l) => l.onChanges(read.changes)));
      }
    } catch (err) {
      this.opts.onError?.(err);
    }
  }
}
