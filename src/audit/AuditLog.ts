/**
 * The audit trail (README.md "How a request flows", step 7): append-only JSON lines per replica, each entry carrying
 * the hash of the one before it, so tampering with any line breaks the chain from there on.
 * Appends are serialized; a failed write is reported to the caller (who fails the request:
 * a read that cannot be recorded is not served) and does not advance the chain.
 *
 * One writer per chain: the live file is locked (proper-lockfile: a `<file>.lock` directory whose
 * mtime the holder refreshes), so a second process with the same file — two `npm start`s in one
 * checkout, two containers on one volume — refuses to start instead of interleaving its own
 * sequence numbers into the chain. A lock its holder stopped refreshing (killed) is stale after
 * `staleMs` and taken over.
 */
import { existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { GENESIS, type AuditEvent, type AuditLine } from './chain.ts';
import {
  AuditLogLocked,
  chained,
  lastLine,
  repairTornTail,
  type AuditLockOptions,
  type AuditLogOptions,
} from './auditLogFile.ts';
import { signCheckpoint } from './signing.ts';

export { hashLine, verifyAuditLog, type AuditEvent, type AuditLine, type VerifyResult } from './chain.ts';
export { AuditLogLocked, type AuditLockOptions, type AuditLogOptions } from './auditLogFile.ts';

/** Where audit events go. */
export interface AuditSink {
  append(event: AuditEvent): Promise<void>;
  close(): Promise<void>;
  /** Where the chain stands (readiness). */
  state?(): AuditLogState;
}

/** Where a log's chain stands: its file's name (not its path: /readyz is public), fsync, signing key, last entry and last signed entry. */
export interface AuditLogState {
  file: string;
  fsync: boolean;
  /** The key id that signs checkpoints, or null (hash chain only). */
  signingKeyId: string | null;
  seq: number;
  signedSeq: number;
}

/** An append-only, hash-chained JSON-lines file. */
export class FileAuditLog implements AuditSink {
  private handle: FileHandle | null = null;
  private prevHash = GENESIS;
  private seq = 0;
  private pending: Array<{
    item: AuditEvent | 'checkpoint';
    resolve: () => void;
    reject: (e: unknown) => void;
  }> = [];
  private flushing: Promise<void> | null = null;
  private unlock: (() => Promise<void>) | null = null;
  private lockLost: Error | null = null;
  /** The sequence number the last checkpoint signed (nothing new since: no checkpoint due). */
  private signedSeq = 0;
  private checkpointTimer: NodeJS.Timeout | null = null;
  /** The live file's size and the (UTC) day it was opened on, for rotation. */
  private bytes = 0;
  private day = '';

  /**
   * Opens the log for appending: takes the file's lock (a regular file's; a device such as
   * /dev/full is no chain to share), then continues the chain where the file ends.
   */
  static async open(path: string, opts: AuditLogOptions = {}): Promise<FileAuditLog> {
    const log = new FileAuditLog(path, opts);
    if (!existsSync(path) || statSync(path).isFile()) await log.lock(opts.lock ?? {});
    repairTornTail(path);
    log.continueChain();
    if (opts.signer) {
      const every = opts.checkpointMs ?? 5000;
      log.checkpointTimer = setInterval(() => void log.checkpoint().catch(() => undefined), every);
      log.checkpointTimer.unref();
    }
    return log;
  }

  private constructor(
    private readonly path: string,
    private readonly opts: AuditLogOptions = {},
  ) {}

  private async lock({ staleMs = 10_000, waitMs = staleMs + 2_000 }: AuditLockOptions): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    const interval = 250;
    try {
      this.unlock = await lockfile.lock(this.path, {
        realpath: false,
        stale: staleMs,
        update: Math.max(1000, Math.floor(staleMs / 4)),
        retries: {
          retries: Math.ceil(waitMs / interval),
          factor: 1,
          minTimeout: interval,
          maxTimeout: interval,
        },
        // Lost (the holder was paused past staleMs and another took over): stop writing — fail closed.
        onCompromised: (err) => (this.lockLost = err),
      });
    } catch (err) {
      if ((err as { code?: string }).code === 'ELOCKED') throw new AuditLogLocked(this.path);
      throw err;
    }
  }

  /** Continue the chain of an existing log (a restarted replica appends to its own file). */
  private continueChain(): void {
    const last = lastLine(this.path);
    if (last) {
      let parsed: AuditLine;
      try {
        parsed = JSON.parse(last) as AuditLine;
      } catch {
        return; // a torn line after a failed write: the next open cuts it
      }
      this.prevHash = parsed.hash;
      this.seq = parsed.seq;
      if (parsed.action === 'checkpoint') this.signedSeq = parsed.seq;
    }
  }

  /**
   * Appends a signed checkpoint of the chain head, when entries came since the last one (every
   * `checkpointMs`, and at close: a closed file ends with one). Without a signer, nothing.
   */
  checkpoint(): Promise<void> {
    if (!this.opts.signer) return Promise.resolve();
    return this.enqueue('checkpoint');
  }

  state(): AuditLogState {
    return {
      file: basename(this.path),
      fsync: this.opts.fsync ?? false,
      signingKeyId: this.opts.signer?.keyId ?? null,
      seq: this.seq,
      signedSeq: this.signedSeq,
    };
  }

  /** Appends an entry; resolves once it is written (and, with fsync, on disk with its group). */
  append(event: AuditEvent): Promise<void> {
    return this.enqueue(event);
  }

  private enqueue(item: AuditEvent | 'checkpoint'): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      this.kick();
    });
  }

  /**
   * Group commit: while one group is written (and fsynced), the entries that arrive wait and
   * go together in the next — one write and one fsync per group, whatever the request rate.
   */
  private kick(): void {
    if (this.flushing || this.pending.length === 0) return;
    const group = this.pending.splice(0);
    this.flushing = this.writeGroup(group.map((g) => g.item)).then(
      () => group.forEach((g) => g.resolve()),
      (err: unknown) => group.forEach((g) => g.reject(err)),
    );
    void this.flushing.finally(() => {
      this.flushing = null;
      this.kick();
    });
  }

  /** Writes a group's lines; the chain advances only when the write (and fsync) succeeded. */
  private async writeGroup(items: Array<AuditEvent | 'checkpoint'>): Promise<void> {
    if (this.lockLost) throw new Error('the audit log lost its lock to another process; not writing');
    await this.openLive();
    if (this.dueForRotation()) await this.rotate();
    let { seq, prevHash, signedSeq } = this;
    const lines: string[] = [];
    for (const item of items) {
      if (item === 'checkpoint' && seq === signedSeq) continue;
      const line = chained(item === 'checkpoint' ? this.checkpointEvent(seq, prevHash) : item, seq, prevHash);
      lines.push(`${JSON.stringify(line)}\n`);
      if (item === 'checkpoint') signedSeq = line.seq;
      seq = line.seq;
      prevHash = line.hash;
    }
    if (lines.length === 0) return;
    await this.writeLines(lines.join(''));
    Object.assign(this, { seq, prevHash, signedSeq });
  }

  /** Opens the live file for appending, noting its size and today's date. */
  private async openLive(): Promise<FileHandle> {
    if (!this.handle) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.handle = await open(this.path, 'a');
      this.bytes = (await this.handle.stat()).size;
      this.day = this.today();
    }
    return this.handle;
  }

  private now(): Date {
    return this.opts.now?.() ?? new Date();
  }

  private today(): string {
    return this.now().toISOString().slice(0, 10);
  }

  /** Written (and fsynced); on failure the chain continues from what the file holds. */
  private async writeLines(text: string): Promise<void> {
    const handle = await this.openLive();
    try {
      await handle.write(text);
      if (this.opts.fsync) await handle.datasync();
      this.bytes += Buffer.byteLength(text);
    } catch (err) {
      this.continueChain();
      throw err;
    }
  }

  private dueForRotation(): boolean {
    if (!this.opts.signer || this.bytes === 0) return false;
    return this.bytes >= (this.opts.rotateBytes ?? 64 * 1024 * 1024) || this.day !== this.today();
  }

  /**
   * Closes the live file with a signed checkpoint (when entries came since the last), renames it,
   * and opens the next with a signed checkpoint of the same head: each file verifies on its own,
   * and one after the other they are one chain.
   */
  private async rotate(): Promise<void> {
    if (this.seq !== this.signedSeq) {
      const closing = chained(this.checkpointEvent(this.seq, this.prevHash), this.seq, this.prevHash);
      await this.writeLines(`${JSON.stringify(closing)}\n`);
      Object.assign(this, { seq: closing.seq, prevHash: closing.hash, signedSeq: closing.seq });
    }
    await this.handle!.close();
    this.handle = null;
    const stamp = this.now().toISOString().replace(/[:.]/g, '-');
    renameSync(this.path, this.path.replace(/(\.jsonl)?$/, `.${stamp}-${this.seq}.jsonl`));
    const opening = chained(this.checkpointEvent(this.seq, this.prevHash), this.seq, this.prevHash);
    await this.writeLines(`${JSON.stringify(opening)}\n`);
    Object.assign(this, { seq: opening.seq, prevHash: opening.hash, signedSeq: opening.seq });
  }

  /** The entry that signs the head (seq, hash) of the chain. */
  private checkpointEvent(seq: number, hash: string): AuditEvent {
    const at = this.now().toISOString();
    const replica = this.opts.replica ?? 'replica';
    return {
      at,
      requestId: `checkpoint-${seq}`,
      subject: null,
      org: null,
      role: 'system',
      purpose: null,
      action: 'checkpoint',
      operation: null,
      enterprises: [],
      fieldGroups: [],
      outcome: 'signed',
      checkpoint: signCheckpoint(this.opts.signer!, { replica, seq, hash, at }),
    };
  }

  async close(): Promise<void> {
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.checkpointTimer = null;
    await this.checkpoint().catch(() => undefined);
    // Every group in flight or waiting is written (or has failed) before the file closes.
    while (this.flushing || this.pending.length > 0) {
      if (!this.flushing) this.kick();
      await this.flushing?.catch(() => undefined);
    }
    await this.handle?.close();
    this.handle = null;
    const unlock = this.unlock;
    this.unlock = null;
    if (unlock && !this.lockLost) await unlock();
  }
}
