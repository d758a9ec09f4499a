/**
 * The audit archive's reads (AuditArchive.ts ships and verifies the chains): a regulator's trail
 * of an enterprise, an organization or a principal, and an enterprise's data tracker — newest
 * first, keyset-paged — with the investigation hold (docs/access.md). The same SQL on PostgreSQL
 * and PGlite.
 */
import type pg from 'pg';
import type { AuditEvent } from '../audit/chain.ts';

/** One archived entry, as a regulator's audit trail shows it: the event with its place in its replica's chain. */
export interface ArchivedEntry extends Omit<AuditEvent, 'checkpoint'> {
  replica: string;
  seq: number;
  hash: string;
}

/** Whose trail: an enterprise, an organization or a principal (exactly one). */
export type TrailFilter = { uscc: string } | { organization: string } | { principal: string };

/** A keyset position in a newest-first trail: (time, replica, sequence) of the last row served. */
export interface TrailKey {
  at: string;
  replica: string;
  seq: number;
}

/** A trail page: rows newest first, and whether more follow. */
export interface TrailPage {
  rows: ArchivedEntry[];
  hasNextPage: boolean;
}

/** A half-open time range [from, to); either end may be open. */
export interface TimeRange {
  from: string | null;
  to: string | null;
}

/** Reads of the archived entries. */
export class AuditTrail {
  constructor(protected readonly pool: pg.Pool) {}

  /**
   * Reads of an enterprise's data beyond the public view by others (docs/access.md's data tracker):
   * newest first, keyset-paged. Its own users' reads and the system's entries are not listed.
   */
  dataAccess(
    uscc: string,
    range: TimeRange,
    first: number,
    after: TrailKey | null,
    heldSince: string | null = null,
  ): Promise<TrailPage> {
    // An INVESTIGATION read after `heldSince` is held back while no closure of this enterprise's
    // investigation follows it (docs/access.md "Investigation hold"); then it shows, at its own time.
    const held = heldSince
      ? [
          `NOT (purpose = 'INVESTIGATION' AND at > $X::timestamptz AND NOT EXISTS
             (SELECT 1 FROM investigation_closures c WHERE c.uscc = $X AND c.closed_at >= audit_entries.at))`,
        ]
      : [];
    return this.page(
      [
        `enterprises @> ARRAY[$X]::text[]`,
        "action = 'read'",
        "role NOT IN ('enterprise', 'system')",
        ...held,
      ],
      heldSince ? [uscc, heldSince, uscc] : [uscc],
      range,
      first,
      after,
    );
  }

  /** Closes the investigations of an enterprise now: every INVESTIGATION read before `at` shows to it. */
  async closeInvestigation(uscc: string, at: Date, by: string): Promise<void> {
    await this.pool.query(
      'INSERT INTO investigation_closures (uscc, closed_at, closed_by) VALUES ($1, $2, $3)',
      [uscc, at, by],
    );
  }

  /** A regulator's trail: every entry about an enterprise, of an organization, or by a principal. */
  trail(filter: TrailFilter, range: TimeRange, first: number, after: TrailKey | null): Promise<TrailPage> {
    if ('uscc' in filter)
      return this.page(['enterprises @> ARRAY[$X]::text[]'], [filter.uscc], range, first, after);
    if ('organization' in filter) return this.page(['org = $X'], [filter.organization], range, first, after);
    return this.page(['subject = $X'], [filter.principal], range, first, after);
  }

  /** One newest-first page; `$X` in a condition stands for the next parameter. */
  private async page(
    conditions: string[],
    values: unknown[],
    range: TimeRange,
    first: number,
    after: TrailKey | null,
  ): Promise<TrailPage> {
    const params: unknown[] = [];
    const param = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    const where = conditions.map((c) => c.replace(/\$X/g, () => param(values.shift())));
    if (range.from) where.push(`at >= ${param(range.from)}`);
    if (range.to) where.push(`at < ${param(range.to)}`);
    if (after)
      where.push(
        `(at, replica, seq) < (${param(after.at)}::timestamptz, ${param(after.replica)}, ${param(after.seq)}::bigint)`,
      );
    const r = await this.pool.query(
      `SELECT replica, seq, at, request_id, subject, org, role, purpose, action, operation, enterprises,
              field_groups, outcome, hash
       FROM audit_entries WHERE ${where.join(' AND ')}
       ORDER BY at DESC, replica DESC, seq DESC LIMIT ${param(first + 1)}`,
      params,
    );
    const rows = r.rows.slice(0, first).map((row): ArchivedEntry => ({
      replica: row.replica as string,
      seq: Number(row.seq),
      at: (row.at as Date).toISOString(),
      requestId: row.request_id as string,
      subject: row.subject as string | null,
      org: row.org as string | null,
      role: row.role as string,
      purpose: row.purpose as string | null,
      action: row.action as string,
      operation: row.operation as string | null,
      enterprises: row.enterprises as string[],
      fieldGroups: row.field_groups as string[],
      outcome: row.outcome as string,
      hash: row.hash as string,
    }));
    return { rows, hasNextPage: r.rows.length > first };
  }
}
