/**
 * The audit trail (DESIGN.md step 7): append-only JSON lines per replica, each entry carrying
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
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';

/** What one audit entry records. */
export interface AuditEvent {
  at: string;
  requestId: string;
  subject: string | null;
  org: string | null;
  role: string;
  purpose: string | null;
  /** read, consent.grant, consent.revoke, objection.file */
  action: string;
  operation: string | null;
  enterprises: string[];
  fieldGroups: string[];
  outcome: string;
}

/** A stored entry: the event plus its place in the chain. */
export interface AuditLine extends AuditEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Where audit events go. */
export interface AuditSink {
  append(event: AuditEvent): Promise<void>;
  close(): Promise<void>;
}

/** The hash of a line's content (everything but `hash`), chained to the previous line's hash. */
export function hashLine(line: Omit<AuditLine, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify(line)).digest('hex');
}

const GENESIS = '0'.repeat(64);

/** The last line of a regular file, read from its tail (a device such as /dev/full is no log to continue). */
function lastLine(path: string): string | null {
  if (!existsSync(path) || !statSync(path).isFile()) return null;
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 1 << 16);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, size - length);
    return buf.toString('utf8').trimEnd().split('\n').at(-1) || null;
  } finally {
    closeSync(fd);
  }
}

/** Another live process writes this chain (one writer per chain). */
export class AuditLogLocked extends Error {
  constructor(path: string) {
    super(
      `the audit log ${path} is written by another running process (one writer per chain): ` +
        'give this process its own REPLICA_ID or AUDIT_FILE, or stop the other one',
    );
    this.name = 'AuditLogLocked';
  }
}

/** How the live file is locked. */
export interface AuditLockOptions {
  /** A lock not refreshed for this long is a dead holder's, and taken over. @default 10000 */
  staleMs?: number;
  /** How long to wait for a held lock to go stale before refusing. @default staleMs + 2000 */
  waitMs?: number;
}

/** An append-only, hash-chained JSON-lines file. */
export class FileAuditLog implements AuditSink {
  private handle: FileHandle | null = null;
  private prevHash = GENESIS;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private unlock: (() => Promise<void>) | null = null;
  private lockLost: Error | null = null;

  /**
   * Opens the log for appending: takes the file's lock (a regular file's; a device such as
   * /dev/full is no chain to share), then continues the chain where the file ends.
   */
  static async open(
    path: string,
    opts: { fsync?: boolean; lock?: AuditLockOptions } = {},
  ): Promise<FileAuditLog> {
    const log = new FileAuditLog(path, opts);
    if (!existsSync(path) || statSync(path).isFile()) await log.lock(opts.lock ?? {});
    log.continueChain();
    return log;
  }

  private constructor(
    private readonly path: string,
    private readonly opts: { fsync?: boolean } = {},
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
      const parsed = JSON.parse(last) as AuditLine;
      this.prevHash = parsed.hash;
      this.seq = parsed.seq;
    }
  }

  append(event: AuditEvent): Promise<void> {
    const run = this.queue.then(() => this.write(event));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async write(event: AuditEvent): Promise<void> {
    if (this.lockLost) throw new Error('the audit log lost its lock to another process; not writing');
    if (!this.handle) {
      mkdirSync(dirname(this.path), { recursive: true });
      this.handle = await open(this.path, 'a');
    }
    const body: Omit<AuditLine, 'hash'> = { seq: this.seq + 1, ...event, prevHash: this.prevHash };
    const line: AuditLine = { ...body, hash: hashLine(body) };
    await this.handle.write(`${JSON.stringify(line)}\n`);
    if (this.opts.fsync) await this.handle.datasync();
    this.prevHash = line.hash;
    this.seq = line.seq;
  }

  async close(): Promise<void> {
    await this.queue;
    await this.handle?.close();
    this.handle = null;
    const unlock = this.unlock;
    this.unlock = null;
    if (unlock && !this.lockLost) await unlock();
  }
}

/** The result of checking a log. */
export type VerifyResult = { ok: true; entries: number } | { ok: false; line: number; reason: string };

/** Checks a log's chain; names the first broken line (1-based). */
export function verifyAuditLog(text: string): VerifyResult {
  const lines = text.split('\n').filter((l) => l.length > 0);
  let prev = GENESIS;
  let seq = 0;
  for (let i = 0; i < lines.length; i++) {
    let entry: AuditLine;
    try {
      entry = JSON.parse(lines[i]!) as AuditLine;
    } catch {
      return { ok: false, line: i + 1, reason: 'not JSON' };
    }
    const { hash, ...body } = entry;
    if (i === 0 && entry.seq !== 1) prev = entry.prevHash; // a log may start mid-chain after rotation
    if (entry.prevHash !== prev) return { ok: false, line: i + 1, reason: 'previous hash does not match' };
    if (i > 0 && entry.seq !== seq + 1) return { ok: false, line: i + 1, reason: 'sequence gap' };
    if (hashLine(body) !== hash) return { ok: false, line: i + 1, reason: 'content does not match its hash' };
    prev = hash;
    seq = entry.seq;
  }
  return { ok: true, entries: lines.length };
}
