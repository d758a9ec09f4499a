/**
 * Ships this replica's audit chain to the archive in the ledger (docs/operations.md: written locally first, archived within seconds). Every `intervalMs` it reads what the
 * local files hold after the archive's head — rotated files (`<name>.<time>-<seq>.jsonl`, by the
 * last sequence number in their name) first, then the live file from where it last read — and
 * hands it to the archive, which verifies and stores it. The cursor is the archive's own head, so
 * a restarted replica (or one killed mid-batch) resumes exactly where the archive stands, and a
 * batch shipped twice is taken once.
 *
 * A local chain that is not the archived one (the disk was replaced and the chain began again at
 * genesis, or the entry at the archived head differs) is never shipped over it: the chain is flagged
 * broken with the reason.
 */
import type { KeyObject } from 'node:crypto';
import { statSync } from 'node:fs';
import type { Logger } from 'pino';
import type { AuditArchive, IngestResult } from '../ledger/AuditArchive.ts';
import type { AuditLine, ChainHead } from './chain.ts';
import { parseLines, readAllLines, readFrom, rotatedFiles, type Read } from './chainFiles.ts';

/** How the shipper runs. */
export interface ShipperOptions {
  /** The live file of this replica's log. */
  file: string;
  replica: string;
  /** The archive, or null while the ledger is away (nothing shipped; retried next tick). */
  archive: () => AuditArchive | null;
  /** Public keys the archive checks checkpoints with (this replica's signing key). */
  keys?: ReadonlyMap<string, KeyObject>;
  /** @default 1000 */
  intervalMs?: number;
  /** Months the archive keeps; older months are dropped once a day. */
  retentionMonths?: number;
  logger: Logger;
  /** After each ingest (metrics). */
  onIngest?: (r: IngestResult) => void;
  now?: () => Date;
}

/** Where the shipper stands (readiness and metrics). */
export interface ShipperState {
  /** The archive's head of this replica's chain; null until first read. */
  shippedSeq: number | null;
  lastShippedAt: string | null;
  /** This replica's chain in the archive: where it stopped verifying, or null. */
  broken: { seq: number; reason: string } | null;
  gaps: number;
  /** The last failure to ship (the ledger away), or null. */
  error: string | null;
}

/** Entries per ingest: a second's worth at a busy replica's rate, so one tick is one read of the file. */
const BATCH = 2000;
const DAY_MS = 86_400_000;

/** The shipper of one replica's chain. */
export class AuditShipper {
  private head: ChainHead | null = null;
  private headRead = false;
  private live: { ino: number; offset: number } | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<number> | null = null;
  private lastRetention = 0;
  private readonly status: ShipperState = {
    shippedSeq: null,
    lastShippedAt: null,
    broken: null,
    gaps: 0,
    error: null,
  };

  constructor(private readonly opts: ShipperOptions) {}

  start(): void {
    this.timer = setInterval(() => void this.tick(), this.opts.intervalMs ?? 1000);
    this.timer.unref();
    void this.tick();
  }

  /** Ships what is left (the closing checkpoint included) and stops. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
    await this.tick().catch(() => undefined);
  }

  state(): ShipperState {
    return { ...this.status, broken: this.status.broken && { ...this.status.broken } };
  }

  /** One round: ships everything the files hold after the archive's head; resolves to how many entries. */
  tick(): Promise<number> {
    if (this.running) return this.running;
    this.running = this.shipAll()
      .then(
        (n) => {
          this.status.error = null;
          return n;
        },
        (err: unknown) => {
          this.status.error = String(err);
          this.headRead = false; // read the archive's head again: a failed batch may or may not have committed
          this.live = null;
          this.opts.logger.warn({ err: String(err) }, 'audit archive: shipping failed; retrying');
          return 0;
        },
      )
      .finally(() => (this.running = null));
    return this.running;
  }

  private async shipAll(): Promise<number> {
    const archive = this.opts.archive();
    if (!archive) throw new Error('the ledger is not open');
    await this.retention(archive);
    if (!this.headRead) await this.readHead(archive);
    if (this.status.broken?.reason.startsWith('fork')) return 0;
    let shipped = 0;
    for (;;) {
      let batch = await this.collect();
      // A gap may be a rotation between listing the files and reading the live one: look again once.
      if (batch.reads.length && this.gapBefore(batch.reads)) batch = await this.collect();
      const lines = batch.reads.flatMap((r) => (r.line ? [r.line] : []));
      const bad = batch.reads.find((r) => !r.line);
      if (bad) {
        const at = (this.head?.seq ?? 0) + lines.length + 1;
        await archive.markBroken(
          this.opts.replica,
          at,
          `an unreadable line after entry ${at - 1} in the local log`,
        );
        this.status.broken ??= { seq: at, reason: 'an unreadable line in the local log' };
      }
      if (lines.length) {
        const result = await archive.ingest(this.opts.replica, lines, this.opts.keys);
        this.opts.onIngest?.(result);
        this.head = result.head;
        this.status.gaps += result.gaps.length;
        if (result.broken) this.status.broken ??= result.broken;
        for (const g of result.gaps)
          this.opts.logger.error(
            { replica: this.opts.replica, ...g },
            'audit archive: entries missing from the chain',
          );
        if (result.broken)
          this.opts.logger.error(
            { replica: this.opts.replica, ...result.broken },
            'audit archive: the chain does not verify',
          );
        shipped += result.accepted;
      }
      if (batch.liveOffset) this.live = batch.liveOffset;
      this.status.shippedSeq = this.head?.seq ?? 0;
      if (shipped) this.status.lastShippedAt = (this.opts.now?.() ?? new Date()).toISOString();
      if (batch.reads.length < BATCH) return shipped;
    }
  }

  private gapBefore(reads: Read[]): boolean {
    const first = reads.find((r) => r.line)?.line;
    return first != null && first.seq > (this.head?.seq ?? 0) + 1;
  }

  /** The archive's head for this replica, checked against the local files (a fork is never shipped). */
  private async readHead(archive: AuditArchive): Promise<void> {
    const chain = await archive.chain(this.opts.replica);
    this.head = chain && chain.lastHash ? { seq: chain.lastSeq, hash: chain.lastHash } : null;
    this.status.broken = chain?.broken ?? null;
    this.status.gaps = chain?.gaps.length ?? 0;
    this.status.shippedSeq = this.head?.seq ?? 0;
    this.live = null;
    this.headRead = true;
    if (!this.head) return;
    const local = await this.find(this.head.seq);
    if (local === 'ahead') return;
    if (local === 'behind' || local.hash !== this.head.hash) {
      const reason = `fork: the local chain is not the archived one at entry ${this.head.seq} (${local === 'behind' ? 'the local log ends before it: a new disk or a deleted log?' : 'its hash differs'}); not shipped over it`;
      await archive.markBroken(this.opts.replica, this.head.seq, reason);
      this.status.broken = { seq: this.head.seq, reason };
      this.opts.logger.error({ replica: this.opts.replica }, `audit archive: ${reason}`);
    }
  }

  /** The local entry `seq`, 'behind' when the local files end before it, 'ahead' when its file is gone (rotated away). */
  private async find(seq: number): Promise<AuditLine | 'behind' | 'ahead'> {
    let maxSeq = 0;
    for (const path of [...this.rotated().map((r) => r.path), this.opts.file]) {
      const reads = await this.readAll(path);
      for (const r of reads) {
        if (r.line?.seq === seq) return r.line;
        if (r.line) maxSeq = Math.max(maxSeq, r.line.seq);
      }
    }
    return maxSeq < seq ? 'behind' : 'ahead';
  }

  private readAll(path: string): Promise<Read[]> {
    return readAllLines(path);
  }

  /** Rotated files of this log, oldest first, each with the last sequence number it holds. */
  private rotated(): Array<{ path: string; endSeq: number }> {
    return rotatedFiles(this.opts.file);
  }

  /** Up to BATCH lines after the archive's head: rotated files first, then the live file from where it was read. */
  private async collect(): Promise<{ reads: Read[]; liveOffset: { ino: number; offset: number } | null }> {
    const after = this.head?.seq ?? 0;
    const reads: Read[] = [];
    // Lines already archived are skipped, except in the live file read on from where the last round
    // stopped: everything there is new, so an entry with an old number is a fork for the archive to judge.
    const take = (rs: Read[], continued = false): void => {
      for (const r of rs)
        if (reads.length < BATCH && (continued || !r.line || r.line.seq > after)) reads.push(r);
    };
    for (const f of this.rotated())
      if (f.endSeq > after && reads.length < BATCH) take(await this.readAll(f.path));
    if (reads.length >= BATCH) return { reads, liveOffset: null };
    let st;
    try {
      st = statSync(this.opts.file);
    } catch {
      return { reads, liveOffset: null };
    }
    const same = this.live && this.live.ino === st.ino && this.live.offset <= st.size;
    const offset = same ? this.live!.offset : 0;
    const { bytes, ino } = await readFrom(this.opts.file, offset);
    const lines = parseLines(bytes, offset);
    const before = reads.length;
    take(lines, same === true && offset > 0);
    const taken = reads.length - before;
    // The live file is consumed up to the last line taken (or skipped as already archived).
    const skipped = same && offset > 0 ? 0 : lines.filter((r) => r.line && r.line.seq <= after).length;
    const upTo = lines[Math.min(lines.length, taken + skipped) - 1]?.end ?? offset;
    return { reads, liveOffset: { ino, offset: upTo } };
  }

  /** Drops months past retention, at most once a day (any replica may; it is idempotent). */
  private async retention(archive: AuditArchive): Promise<void> {
    const months = this.opts.retentionMonths;
    const now = this.opts.now?.() ?? new Date();
    if (!months || now.getTime() - this.lastRetention < DAY_MS) return;
    this.lastRetention = now.getTime();
    const dropped = await archive.applyRetention(months, now);
    if (dropped.length) this.opts.logger.info({ dropped }, 'audit archive: months past retention dropped');
  }
}
