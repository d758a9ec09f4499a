/**
 * The credit platform's change feed (connectors/credit/wire.ts, `GET /credit/v1/changes`): every change
 * to any enterprise's credit data, in order. Cursors are opaque and tied to this sandbox's
 * boot; a cursor older than what is retained (or from another boot) is answered 410.
 */
import type { ChangeWire } from '../connectors/credit/wire.ts';

/** The answer to a feed read: the new cursor and the changes after the old one, or `gone`. */
export type FeedRead = { gone: true } | { gone: false; cursor: string; changes: ChangeWire[] };

/** An in-memory, bounded change log. */
export class ChangeFeed {
  private seq = 0;
  private entries: ChangeWire[] = [];
  private boot = Math.random().toString(36).slice(2, 10);

  constructor(
    private readonly now: () => number,
    private readonly retention = 10_000,
  ) {}

  /** Appends one change. */
  record(uscc: string, kind: ChangeWire['kind']): ChangeWire {
    const change: ChangeWire = { seq: ++this.seq, uscc, kind, at: new Date(this.now()).toISOString() };
    this.entries.push(change);
    if (this.entries.length > this.retention) this.entries.splice(0, this.entries.length - this.retention);
    return change;
  }

  /** Forgets everything retained so far (what a platform's log compaction does); old cursors then get 410. */
  compact(): void {
    this.entries = [];
  }

  /**
   * The platform restarted with an empty log: a new boot, numbers from 1 again (a real platform's
   * feed after a failover or reinstall). Old cursors get 410; the numbers that follow are recycled.
   */
  restart(): void {
    this.boot = Math.random().toString(36).slice(2, 10);
    this.seq = 0;
    this.entries = [];
  }

  /** Reads up to `limit` changes after `after` (omitted: from now). Undefined for a cursor that is not one. */
  read(after: string | null, limit: number): FeedRead | undefined {
    if (after === null) return { gone: false, cursor: this.cursorOf(this.seq), changes: [] };
    const seq = this.decode(after);
    if (seq === undefined) return undefined;
    if (seq === null) return { gone: true };
    const oldest = this.entries[0]?.seq ?? this.seq + 1;
    if (seq > this.seq) return undefined;
    if (seq < oldest - 1) return { gone: true };
    const changes = this.entries.filter((c) => c.seq > seq).slice(0, limit);
    const last = changes.at(-1)?.seq ?? seq;
    return { gone: false, cursor: this.cursorOf(last), changes };
  }

  private cursorOf(seq: number): string {
    return Buffer.from(`${this.boot}:${seq}`).toString('base64url');
  }

  /** The sequence number of a cursor; null when it is from another boot; undefined when malformed. */
  private decode(cursor: string): number | null | undefined {
    const m = /^([a-z0-9]+):(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!m) return undefined;
    return m[1] === this.boot ? Number(m[2]) : null;
  }
}
