/**
 * The audit log's file (AuditLog.ts): its tail read and a torn last line cut at open, an entry
 * chained after the last, the refusal when another process holds the chain, and the options a
 * log is written with.
 */
import { closeSync, existsSync, fstatSync, ftruncateSync, openSync, readSync, statSync } from 'node:fs';
import { hashLine, type AuditEvent, type AuditLine } from './chain.ts';
import type { AuditSigner } from './signing.ts';

/** The last 64 KiB of a regular file (null for none, or a device such as /dev/full: no log to continue). */
function withTail<T>(
  path: string,
  mode: 'r' | 'r+',
  use: (tail: Buffer, size: number, fd: number) => T,
): T | null {
  if (!existsSync(path) || !statSync(path).isFile()) return null;
  const fd = openSync(path, mode);
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 1 << 16);
    const tail = Buffer.alloc(length);
    readSync(fd, tail, 0, length, size - length);
    return use(tail, size, fd);
  } finally {
    closeSync(fd);
  }
}

/** The last line of the log. */
export const lastLine = (path: string): string | null =>
  withTail(path, 'r', (tail) => tail.toString('utf8').trimEnd().split('\n').at(-1) || null);

/**
 * A process killed in the middle of a write leaves a line without its newline: that entry's
 * append never resolved (its response was not sent), so the torn line is cut off at open.
 */
export function repairTornTail(path: string): void {
  withTail(path, 'r+', (tail, size, fd) => {
    if (tail.length === 0 || tail[tail.length - 1] === 0x0a) return;
    const lastNewline = tail.lastIndexOf(0x0a);
    if (lastNewline < 0 && tail.length < size) return; // a torn line longer than the window: left for the verifier
    ftruncateSync(fd, size - tail.length + lastNewline + 1);
  });
}

/** An event as the chain's next line after (seq, prevHash). */
export function chained(event: AuditEvent, seq: number, prevHash: string): AuditLine {
  const body: Omit<AuditLine, 'hash'> = { seq: seq + 1, ...event, prevHash };
  return { ...body, hash: hashLine(body) };
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
  /** fsync each group of entries before their appends resolve (group commit). */
  fsync?: boolean;
  lock?: AuditLockOptions;
  /** Signs checkpoints of the chain head; without one the log has none (hash chain only). */
  signer?: AuditSigner;
  /** The replica named in checkpoints. */
  replica?: string;
  /** How often a checkpoint is written when entries came. @default 5000 */
  checkpointMs?: number;
  /**
   * With a signer: the live file is rotated once it reaches this size, and when the (UTC) day
   * changes — closed with a signed checkpoint, renamed `<name>.<time>-<seq>.jsonl`, and the new
   * file opened with a signed checkpoint of the same head, so the chain continues across files.
   * @default 67108864 (64 MiB)
   */
  rotateBytes?: number;
  /** The clock of checkpoints and daily rotation. @default () => new Date() */
  now?: () => Date;
}
