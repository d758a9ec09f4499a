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
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import lockfile from 'proper-lockfile';
import { GENESIS, hashLine, type AuditEvent, type AuditLine } from './chain.ts';
import { signCheckpoint, type AuditSigner } from './signing.ts';

export { hashLine, verifyAuditLog, type AuditEvent, type AuditLine, type VerifyResult } from './chain.ts';

/** Where audit events go. */
export interface AuditSink {
  append(event: AuditEvent): Promise<void>;
  close(): Promise<void>;
}

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

/** How a log is written. */
export interface AuditLogOptions {
  /** fsync after every entry. */
  fsync?: boolean;
  lock?: AuditLockOptions;
  /** Signs checkpoints of the chain head; without one the log has none (hash chain only). */
  signer?: AuditSigner;
  /** The replica named in checkpoints. */
  replica?: string;
  /** How often a checkpoint is written when entries came. @default 5000 */
  checkpointMs?: number;
}

/** An append-only, hash-chained JSON-lines file. */
export class FileAuditLog implements AuditSink {
  private handle: FileHandle | null = null;
  private prevHash = GENESIS;
  private seq = 0;
  private queue: Promise<unknown> = Promise.resolve();
  private unlock: (() => Promise<void>) | null = null;
  private lockLost: Error | null = null;
  /** The sequence number the last checkpoint signed (nothing new since: no checkpoint due). */
  private signedSeq = 0;
  private checkpointTimer: NodeJS.Timeout | null = null;

  /**
   * Opens the log for appending: takes the file's lock (a regular file's; a device such as
   * /dev/full is no chain to share), then continues the chain where the file ends.
   */
  static async open(path: string, opts: AuditLogOptions = {}): Promise<FileAuditLog> {
    const log = new FileAuditLog(path, opts);
    if (!existsSync(path) || statSync(path).isFile()) await log.lock(opts.lock ?? {});
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
      const parsed = JSON.parse(last) as AuditLine;
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
    const signer = this.opts.signer;
    if (!signer) return Promise.resolve();
    const run = this.queue.then(async () => {
      if (this.seq === this.signedSeq) return;
      const at = new Date().toISOString();
      const replica = this.opts.replica ?? 'replica';
      const checkpoint = signCheckpoint(signer, { replica, seq: this.seq, hash: this.prevHash, at });
      await this.write({
        at,
        requestId: `checkpoint-${this.seq}`,
        subject: null,
        org: null,
        role: 'system',
        purpose: null,
        action: 'checkpoint',
        operation: null,
        enterprises: [],
        fieldGroups: [],
        outcome: 'signed',
        checkpoint,
      });
      this.signedSeq = this.seq;
    });
    this.queue = run.catch(() => undefined);
    return run;
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
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    this.checkpointTimer = null;
    await this.checkpoint().catch(() => undefined);
    await this.queue;
    await this.handle?.close();
    this.handle = null;
    const unlock = this.unlock;
    this.unlock = null;
    if (unlock && !this.lockLost) await unlock();
  }
}
