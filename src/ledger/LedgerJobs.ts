/**
 * The ledger's jobs (docs/ledger.md): the lease one replica holds to run the backfill and the feed
 * follower, the backfill's progress, what is due for re-evaluation, and the fold of the roster
 * counts' deltas. The same SQL on PostgreSQL and embedded PGlite.
 */
import type pg from 'pg';
import { beijingDate } from '../credit/dates.ts';

/** Where a backfill stands. */
export interface BackfillProgress {
  nextPage: number;
  total: number | null;
  assessed: number;
  finishedAt: string | null;
}

/** Leases and backfill progress (one replica at a time runs the backfill and the feed follower). */
export class LedgerJobs {
  constructor(
    private readonly pool: pg.Pool,
    /** The rule set whose assessments re-evaluation reads. */
    private readonly ruleSetId = '',
  ) {}

  /**
   * Folds the roster counts' deltas (migration 021) into one row per combination, in one
   * statement: readers see the table before or after, with the same sums; deltas appended
   * meanwhile stay for the next fold. Answers how many rows it read and wrote.
   */
  async compactCounts(): Promise<{ read: number; kept: number }> {
    const r = await this.pool.query<{ read: string; kept: string }>(
      `WITH gone AS (DELETE FROM assessment_counts RETURNING *),
            kept AS (
              INSERT INTO assessment_counts
              SELECT rule_set, grade, tier, tiers, region_code, industry_code, alert_kinds, departments, sum(n), max(newest)
              FROM gone GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 HAVING sum(n) <> 0
              RETURNING 1)
       SELECT (SELECT count(*) FROM gone) AS read, (SELECT count(*) FROM kept) AS kept`,
    );
    return { read: Number(r.rows[0]!.read), kept: Number(r.rows[0]!.kept) };
  }

  /** Takes or renews the lease for `ttlMs`; true when `holder` holds it now. */
  async lease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const r = await this.pool.query<{ holder: string }>(
      `INSERT INTO leases (name, holder, expires_at) VALUES ($1, $2, now() + $3::int * interval '1 millisecond')
       ON CONFLICT (name) DO UPDATE SET holder = $2, expires_at = now() + $3::int * interval '1 millisecond'
       WHERE leases.holder = $2 OR leases.expires_at < now()
       RETURNING holder`,
      [name, holder, ttlMs],
    );
    return r.rows[0]?.holder === holder;
  }

  /** Gives the lease up (a clean shutdown), so another replica takes over at once. */
  /**
   * Enterprises due for re-evaluation, oldest first: complete assessments older than `olderThanMs`,
   * and provisional ones with no complete assessment (a department did not answer).
   */
  async dueForReevaluation(olderThanMs: number, limit: number, asOf: number = Date.now()): Promise<string[]> {
    const r = await this.pool.query<{ uscc: string }>(
      // Due by time first (the day it may change has come: src/credit/validity.ts), then the oldest.
      `(SELECT uscc, '-infinity'::timestamptz AS assessed_at FROM assessments WHERE rule_set = $1
          AND valid_until <= $5::date ORDER BY valid_until LIMIT $3)
       UNION ALL
       (SELECT uscc, assessed_at FROM assessments WHERE rule_set = $1
          AND assessed_at < $4::timestamptz - $2 * interval '1 millisecond' ORDER BY assessed_at LIMIT $3)
       UNION ALL
       (SELECT p.uscc, p.assessed_at FROM provisional_assessments p WHERE p.rule_set = $1
          AND p.assessed_at < now() - interval '1 minute'
          AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.uscc = p.uscc AND a.rule_set = $1)
          ORDER BY p.assessed_at LIMIT $3)
       ORDER BY assessed_at LIMIT $3`,
      [this.ruleSetId, Math.round(olderThanMs), limit, new Date(asOf), beijingDate(asOf)],
    );
    return [...new Set(r.rows.map((x) => x.uscc))];
  }

  async release(name: string, holder: string): Promise<void> {
    await this.pool.query('DELETE FROM leases WHERE name = $1 AND holder = $2', [name, holder]);
  }

  /** The progress of a backfill (created at page 1 when new). */
  async progress(name: string): Promise<BackfillProgress> {
    const r = await this.pool.query(
      `INSERT INTO backfill_progress (name) VALUES ($1) ON CONFLICT (name) DO UPDATE SET name = $1
       RETURNING next_page, total, assessed, finished_at`,
      [name],
    );
    const row = r.rows[0]!;
    return {
      nextPage: row.next_page as number,
      total: (row.total as number | null) ?? null,
      assessed: row.assessed as number,
      finishedAt: row.finished_at ? (row.finished_at as Date).toISOString() : null,
    };
  }

  /** Records a page done: the next page, the registry's total, how many were assessed; finished at the end. */
  async advance(
    name: string,
    page: number,
    total: number,
    assessed: number,
    finished: boolean,
  ): Promise<void> {
    await this.pool.query(
      `UPDATE backfill_progress SET next_page = $2, total = $3, assessed = assessed + $4,
         finished_at = CASE WHEN $5::boolean THEN now() ELSE NULL END
       WHERE name = $1 AND next_page = $2 - 1`,
      [name, page + 1, total, assessed, finished],
    );
  }

  /** Starts a new pass from the first page (after the change feed's 410). */
  async restart(name: string): Promise<void> {
    await this.pool.query(
      'UPDATE backfill_progress SET next_page = 1, assessed = 0, finished_at = NULL, started_at = now() WHERE name = $1',
      [name],
    );
  }
}
