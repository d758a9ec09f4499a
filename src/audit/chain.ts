/**
 * The audit chain's entries and their verification (docs/access.md). Each entry carries the hash of
 * the one before it; checkpoint entries carry a signed chain head (signing.ts). The verifier names
 * what is wrong and where: an edited entry, a chain rehashed after an edit (its checkpoint no longer
 * matches or verifies), a deleted, duplicated or reordered entry, a cut line, a dropped tail (a
 * closed file ends with a signed checkpoint), a dropped head (a file starts at genesis or at a
 * signed checkpoint), a forged checkpoint.
 */
import { createHash, type KeyObject } from 'node:crypto';
import { checkpointVerifies, type Checkpoint } from './signing.ts';

/** What one audit entry records. */
export interface AuditEvent {
  at: string;
  requestId: string;
  subject: string | null;
  org: string | null;
  role: string;
  purpose: string | null;
  /** read, consent.grant, consent.revoke, objection.file, checkpoint */
  action: string;
  operation: string | null;
  enterprises: string[];
  fieldGroups: string[];
  outcome: string;
  /** On a checkpoint entry: the signed head of the chain before it. */
  checkpoint?: Checkpoint;
}

/** A stored entry: the event plus its place in the chain. */
export interface AuditLine extends AuditEvent {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The hash of a line's content (everything but `hash`), chained to the previous line's hash. */
export function hashLine(line: Omit<AuditLine, 'hash'>): string {
  return createHash('sha256').update(JSON.stringify(line)).digest('hex');
}

/** The previous hash of the first entry of a chain. */
export const GENESIS = '0'.repeat(64);

/** The result of checking a log. */
export type VerifyResult =
  | {
      ok: true;
      entries: number;
      /** Signed checkpoints seen (their signatures checked when keys were given). */
      checkpoints: number;
      /** Entries after the last checkpoint (a live file's unsigned tail). */
      unsignedTail: number;
      signaturesChecked: boolean;
    }
  | { ok: false; line: number; reason: string };

/** How to verify. */
export interface VerifyOptions {
  /** Public keys by key id; without them checkpoint signatures are not checked. */
  keys?: ReadonlyMap<string, KeyObject>;
  /** The live file of a running replica: its tail after the last checkpoint is not yet signed. */
  live?: boolean;
}

/** One check's outcome. */
export type Step = { ok: true } | { ok: false; reason: string };
const fail = (reason: string): Step => ({ ok: false, reason });
const OK: Step = { ok: true };

/** A checkpoint entry's head against the chain before it, and its signature against the keys. */
function checkCheckpoint(
  entry: AuditLine,
  prevSeq: number,
  prevHash: string,
  keys?: ReadonlyMap<string, KeyObject>,
): Step {
  const c = entry.checkpoint!;
  if (c.seq !== prevSeq || c.hash !== prevHash)
    return fail(
      `checkpoint at entry ${entry.seq} does not match the chain before it (entries edited and rehashed?)`,
    );
  if (!keys) return OK;
  const key = keys.get(c.keyId);
  if (!key) return fail(`checkpoint at entry ${entry.seq} is signed by an unknown key "${c.keyId}"`);
  if (!checkpointVerifies(c, key))
    return fail(`forged checkpoint at entry ${entry.seq}: its signature does not verify`);
  return OK;
}

/** Where the chain of the file's first entry starts: genesis, or a signed checkpoint (a later segment). */
function checkHead(entry: AuditLine, keys?: ReadonlyMap<string, KeyObject>): Step {
  if (entry.seq === 1) return entry.prevHash === GENESIS ? OK : fail('entry 1 does not start at genesis');
  if (entry.action === 'checkpoint' && entry.checkpoint)
    return checkCheckpoint(entry, entry.seq - 1, entry.prevHash, keys);
  return fail(
    `dropped head: the log starts at entry ${entry.seq}, neither at genesis nor at a signed checkpoint`,
  );
}

/** One entry against the one before it; `appearsLater` tells a reordering from a deletion. */
function checkLink(
  entry: AuditLine,
  prevSeq: number,
  prevHash: string,
  appearsLater: (seq: number) => boolean,
): Step {
  if (entry.seq === prevSeq) return fail(`entry ${entry.seq} is duplicated`);
  if (entry.seq < prevSeq) return fail(`entries out of order: entry ${entry.seq} after entry ${prevSeq}`);
  if (entry.seq > prevSeq + 1)
    return appearsLater(prevSeq + 1)
      ? fail(`entries out of order: entry ${entry.seq} before entry ${prevSeq + 1}`)
      : fail(`entries ${prevSeq + 1}–${entry.seq - 1} are missing (deleted), before entry ${entry.seq}`);
  if (entry.prevHash !== prevHash)
    return fail(
      `entry ${entry.seq}'s previous hash does not match: an entry before it was edited or replaced`,
    );
  return OK;
}

/** Whether an entry of this sequence number is on a line from `from` on (read only to name a gap). */
const appearsFrom =
  (lines: string[], from: number) =>
  (seq: number): boolean =>
    lines.slice(from).some((l) => {
      try {
        return (JSON.parse(l) as AuditLine).seq === seq;
      } catch {
        return false;
      }
    });

/** Where a chain stands: its last entry's sequence number and hash (null: nothing yet). */
export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * One entry against the chain before it (`prev`; null: the first of a file or of a segment —
 * genesis or a signed checkpoint): its link, its hash, and, for a checkpoint, the head it signs
 * and its signature. The file verifier and the archive's ingest (AuditArchive) both check with it.
 */
export function checkNext(
  entry: AuditLine,
  prev: ChainHead | null,
  opts: { keys?: ReadonlyMap<string, KeyObject>; appearsLater?: (seq: number) => boolean } = {},
): Step {
  const { hash, ...body } = entry;
  const link = prev
    ? checkLink(entry, prev.seq, prev.hash, opts.appearsLater ?? (() => false))
    : checkHead(entry, opts.keys);
  if (!link.ok) return link;
  if (hashLine(body) !== hash)
    return fail(`entry ${entry.seq} was edited: its content does not match its hash`);
  if (prev && entry.action === 'checkpoint')
    return entry.checkpoint
      ? checkCheckpoint(entry, prev.seq, prev.hash, opts.keys)
      : fail('a checkpoint entry without its signed head');
  return OK;
}

/** Checks a log; names the first problem and its line (1-based). */
export function verifyAuditLog(text: string, opts: VerifyOptions = {}): VerifyResult {
  const lines = text.split('\n');
  if (lines.at(-1) === '') lines.pop();
  let prev: ChainHead | null = null;
  let checkpoints = 0;
  let sinceCheckpoint = 0;
  for (let i = 0; i < lines.length; i++) {
    let entry: AuditLine;
    try {
      entry = JSON.parse(lines[i]!) as AuditLine;
    } catch {
      return {
        ok: false,
        line: i + 1,
        reason: i === lines.length - 1 ? 'cut line: the last line is not complete JSON' : 'not JSON',
      };
    }
    const step = checkNext(entry, prev, { keys: opts.keys, appearsLater: appearsFrom(lines, i + 1) });
    if (!step.ok) return { ok: false, line: i + 1, reason: step.reason };
    if (entry.action === 'checkpoint') {
      checkpoints++;
      sinceCheckpoint = 0;
    } else sinceCheckpoint++;
    prev = { seq: entry.seq, hash: entry.hash };
  }
  // A closed or rotated file ends with a signed checkpoint; one that does not lost its tail (or is live).
  const signed = checkpoints > 0 || opts.keys !== undefined;
  if (signed && !opts.live && sinceCheckpoint > 0)
    return {
      ok: false,
      line: lines.length,
      reason: `truncated: no signed checkpoint after entry ${prev?.seq ?? 0} (a dropped tail, or a replica that died; verify a running replica's file with --live)`,
    };
  return {
    ok: true,
    entries: lines.length,
    checkpoints,
    unsignedTail: sinceCheckpoint,
    signaturesChecked: opts.keys !== undefined,
  };
}
