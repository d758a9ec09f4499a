/**
 * A log file against the archive of its chain ("with the ledger at hand, the verifier
 * also compares against the archive"): every entry the archive holds for the file's sequence
 * range must carry the file's hash (an entry edited after it was shipped, or a file rewritten as a
 * whole, differs), and entries the archive holds after the end of a live file are its dropped tail
 * — which the file alone can show only up to its last signed checkpoint. A head or tail cut at a
 * periodic checkpoint verifies on its own; the archive shows it, since files begin and end only at
 * rotation (a checkpoint on each side of the boundary).
 */
import type { ArchivedChain } from '../ledger/AuditArchive.ts';
import type { AuditLine } from './chain.ts';

/** What the comparison needs of the archive. */
export interface ArchiveView {
  chain(replica: string): Promise<ArchivedChain | null>;
  entries(replica: string, fromSeq: number, toSeq: number): Promise<Array<{ seq: number; hash: string }>>;
  actionsAt(replica: string, seqs: readonly number[]): Promise<Map<number, string>>;
}

/** The outcome: agreement (with how many entries were compared and how many are not archived yet), or the first difference. */
export type CompareResult =
  | { ok: true; replica: string; compared: number; notArchived: number; chain: ArchivedChain | null }
  | { ok: false; replica: string; reason: string };

/** A rotated file's name ends `.<time>-<seq>.jsonl`; the live file's does not. */
export const isRotatedName = (name: string): boolean => /\.[0-9TZ-]+-\d+\.jsonl$/.test(name);

/** The replica a file belongs to: named by its checkpoints, else by its file name. */
export function replicaOf(lines: readonly AuditLine[], fileName: string): string {
  const signed = lines.find((l) => l.checkpoint)?.checkpoint?.replica;
  return signed ?? fileName.replace(/\.[0-9TZ-]+-\d+\.jsonl$/, '').replace(/\.jsonl$/, '');
}

/** Compares a verified file's lines with the archive. */
export async function compareWithArchive(
  lines: readonly AuditLine[],
  archive: ArchiveView,
  opts: { replica: string; live: boolean },
): Promise<CompareResult> {
  const { replica } = opts;
  if (lines.length === 0) return { ok: true, replica, compared: 0, notArchived: 0, chain: null };
  const first = lines[0]!.seq;
  const last = lines.at(-1)!.seq;
  const archived = new Map((await archive.entries(replica, first, last)).map((e) => [e.seq, e.hash]));
  let compared = 0;
  for (const l of lines) {
    const hash = archived.get(l.seq);
    if (hash === undefined) continue;
    if (hash !== l.hash)
      return {
        ok: false,
        replica,
        reason: `entry ${l.seq} differs from the archive's copy (edited after it was shipped)`,
      };
    compared++;
  }
  const chain = await archive.chain(replica);
  if (opts.live && chain && chain.lastSeq > last)
    return {
      ok: false,
      replica,
      reason: `dropped tail: the archive holds entries ${last + 1}–${chain.lastSeq} that the file no longer has`,
    };
  // A file begins where the one before it ended with a checkpoint (rotation: closing, then opening
  // checkpoint) and a rotated file ends where the next one opens with one. A file that starts or ends at
  // a checkpoint inside a file's run (a periodic one) had its head or tail cut there, which the file
  // alone cannot show.
  const bounds = await archive.actionsAt(replica, [first - 1, last + 1]);
  const before = bounds.get(first - 1);
  if (first > 1 && before !== undefined && before !== 'checkpoint')
    return {
      ok: false,
      replica,
      reason: `dropped head: the file starts at entry ${first}, but the archive's entry ${first - 1} is no file's end (entries before ${first} were cut from it)`,
    };
  const after = bounds.get(last + 1);
  if (!opts.live && after !== undefined && after !== 'checkpoint')
    return {
      ok: false,
      replica,
      reason: `dropped tail: the file ends at entry ${last}, but the archive's entry ${last + 1} does not open a next file (entries after ${last} were cut from it)`,
    };
  return { ok: true, replica, compared, notArchived: lines.length - compared, chain };
}
