/**
 * The archive's rows (AuditArchive.ts): the month each entry's partition is, and entries inserted
 * in batches, each with its sixteen columns.
 */
import type pg from 'pg';
import type { AuditLine } from '../audit/chain.ts';

/** The table of a month (`audit_entries_y2026m12`) and its bounds. */
export function monthOf(at: Date): { name: string; from: string; to: string } {
  const y = at.getUTCFullYear();
  const m = at.getUTCMonth();
  const iso = (yy: number, mm: number): string => new Date(Date.UTC(yy, mm, 1)).toISOString();
  return {
    name: `audit_entries_y${y}m${String(m + 1).padStart(2, '0')}`,
    from: iso(y, m),
    to: iso(y, m + 1),
  };
}

const COLUMNS =
  'replica, seq, at, request_id, subject, org, role, purpose, action, operation, enterprises, field_groups, outcome, checkpoint, prev_hash, hash';
const PER_ROW = 16;

/** Inserts entries in batches of a thousand rows (an entry already archived is skipped). */
export async function insertEntries(
  client: pg.PoolClient,
  replica: string,
  lines: readonly AuditLine[],
): Promise<void> {
  const batch = 1000;
  for (let i = 0; i < lines.length; i += batch) {
    const part = lines.slice(i, i + batch);
    const params = part.flatMap((l) => [
      replica,
      l.seq,
      l.at,
      l.requestId,
      l.subject,
      l.org,
      l.role,
      l.purpose,
      l.action,
      l.operation,
      l.enterprises,
      l.fieldGroups,
      l.outcome,
      l.checkpoint ? JSON.stringify(l.checkpoint) : null,
      l.prevHash,
      l.hash,
    ]);
    const values = part
      .map((_, r) => `(${Array.from({ length: PER_ROW }, (_x, c) => `$${r * PER_ROW + c + 1}`).join(', ')})`)
      .join(', ');
    await client.query(
      `INSERT INTO audit_entries (${COLUMNS}) VALUES ${values} ON CONFLICT DO NOTHING`,
      params,
    );
  }
}
