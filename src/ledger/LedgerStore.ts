/**
 * What the gateway keeps about the whole city (docs/ledger.md; docs/rules.md "Grades and completeness", docs/rules.md "Supervision and alerts", docs/rules.md "Supervision and alerts"):
 * each enterprise's latest complete assessment with its history (provisional ones apart), the
 * grade histories behind GRADE_DROP, rosters by grade, tier, region, alert and department, and
 * recorded, reproducible 双随机 draws. The same SQL on PostgreSQL and embedded PGlite.
 */
import type pg from 'pg';
import type { GradeMemory } from '../cache/gradeMemory.ts';
import type { GradeHistory } from '../credit/alerts.ts';
import type { RuleSet } from '../credit/ruleSet.ts';
import { beijingDate } from '../credit/dates.ts';
import { inTransaction } from './transaction.ts';
import { LedgerDraws } from './LedgerDraws.ts';
import {
  ledgerAway,
  LedgerUnavailable,
  rowOf,
  whereOf,
  type AssessmentRow,
  type Coverage,
  type RosterFilter,
  type RosterPage,
} from './ledgerSql.ts';
import { eventsBetween, type AssessmentFacts, type EventDraft } from '../events/creditEvents.ts';

/** Appends an event to the outbox (in the caller's transaction). */
export async function insertEvent(client: pg.PoolClient | pg.Pool, e: EventDraft): Promise<void> {
  await client.query('INSERT INTO credit_events (uscc, kind, departments, content) VALUES ($1, $2, $3, $4)', [
    e.uscc,
    e.kind,
    e.departments,
    JSON.stringify(e.content),
  ]);
}

/** Past this many regions under a prefix (a whole province's counties), a roster page reads the codes in one scan. */
const MERGED_REGIONS_MAX = 200;

/** One row of a roster's counts: a grade, a tier, how many, the newest assessment among them. */
interface CountRow {
  grade: string;
  tier: string;
  count: string;
  snapshot: Date | null;
}

/** How long a roster's later pages reuse its first page's counts. */
const COUNTS_REUSE_MS = 30_000;

/** A filter as a key: its fields in name order, absent and null alike. */
const canonical = (f: RosterFilter): string =>
  JSON.stringify(
    Object.entries(f)
      .filter(([, v]) => v !== null && v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b)),
  );

/** The ledger's reads and writes (its draws: LedgerDraws.ts). */
export class LedgerStore extends LedgerDraws {
  /** The counts each filter's first page computed, oldest first (countsOf). */
  private readonly counted = new Map<string, { at: number; rows: CountRow[] }>();
  constructor(
    pool: pg.Pool,
    rules: RuleSet,
    /** How long a complete assessment stays current (REEVALUATION_CYCLE_MS). @default 24 h */
    private readonly cycleMs = 86_400_000,
  ) {
    super(pool, rules);
  }

  /** When the oldest complete assessment was made, or null for an empty ledger (the re-evaluation lag). */
  async oldestAssessedAt(): Promise<Date | null> {
    const r = await this.q<{ oldest: Date | null }>(
      'SELECT min(assessed_at) AS oldest FROM assessments WHERE rule_set = $1',
      [this.rules.id],
    );
    return r.rows[0]?.oldest ?? null;
  }

  /** The ledger's coverage of the city at `now`. */
  async coverage(now: Date): Promise<Coverage> {
    const r = await this.q<{
      registry: number | null;
      complete: string;
      provisional: string;
      overdue: string;
    }>(
      `SELECT (SELECT total FROM backfill_progress WHERE name = 'backfill') AS registry,
              (SELECT coalesce(sum(n), 0) FROM assessment_counts WHERE rule_set = $1) AS complete,
              (SELECT count(*) FROM provisional_assessments p WHERE p.rule_set = $1
                 AND NOT EXISTS (SELECT 1 FROM assessments a WHERE a.uscc = p.uscc AND a.rule_set = $1)) AS provisional,
              (SELECT count(*) FROM assessments WHERE rule_set = $1
                 AND (assessed_at < $2 OR valid_until < $3::date)) AS overdue`,
      // Overdue: older than the cycle, or past the day it could change by time by more than a day.
      [this.rules.id, new Date(now.getTime() - this.cycleMs), beijingDate(now.getTime())],
    );
    const row = r.rows[0]!;
    const registry = row.registry === null ? null : Number(row.registry);
    const complete = Number(row.complete);
    const provisional = Number(row.provisional);
    const overdue = Number(row.overdue);
    const missing = registry === null ? null : Math.max(0, registry - complete - provisional);
    return {
      registry,
      complete,
      provisional,
      missing,
      overdue,
      whole: registry !== null && missing === 0 && provisional === 0 && overdue === 0 && complete >= registry,
      asOf: now.toISOString(),
    };
  }

  /**
   * Records an assessment: a complete one replaces the enterprise's latest and adds a history row
   * when the grade changed; a provisional one is kept apart and never replaces a complete one (docs/rules.md "Grades and completeness").
   */
  async record(a: AssessmentRow): Promise<void> {
    if (a.missingDepartments.length > 0) {
      await this.q(
        `INSERT INTO provisional_assessments (uscc, grade, rank, missing_departments, rule_set, rule_version, evaluated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)
         ON CONFLICT (uscc) DO UPDATE SET grade = $2, rank = $3, missing_departments = $4, rule_set = $5, rule_version = $6, evaluated_at = $7, assessed_at = now()`,
        [a.uscc, a.grade, a.rank, a.missingDepartments, a.ruleSet, a.ruleVersion, a.evaluatedAt],
      );
      return;
    }
    await this.tx(async (client) => {
      // The previous assessment, locked: two replicas re-assessing one enterprise write their events in turn.
      const prev = await client.query(
        `SELECT grade, alert_kinds, departments, rule_set, evaluated_at, facts FROM assessments WHERE uscc = $1 FOR UPDATE`,
        [a.uscc],
      );
      await this.upsert(client, a);
      const row = prev.rows[0];
      const events = eventsBetween(
        a.uscc,
        row
          ? {
              grade: row.grade as string,
              alertKinds: row.alert_kinds as string[],
              departments: row.departments as string[],
              ruleSet: row.rule_set as string,
              evaluatedAt: String(row.evaluated_at),
              facts: (row.facts as AssessmentFacts | null) ?? null,
            }
          : null,
        { ...a, facts: a.facts ?? null },
      );
      // The outbox, in the assessment's own transaction (docs/ledger.md).
      for (const e of events) await insertEvent(client, e);
    });
  }

  /** Runs `fn` in one transaction on one connection; connection trouble is LedgerUnavailable. */
  private async tx<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    try {
      return await inTransaction(this.pool, fn);
    } catch (err) {
      if (ledgerAway(err)) throw new LedgerUnavailable((err as Error).message);
      throw err;
    }
  }

  /** The latest complete assessment and, when the grade changed, a history row. */
  private async upsert(client: pg.PoolClient, a: AssessmentRow): Promise<void> {
    await client.query(
      `WITH latest AS (
         INSERT INTO assessments (uscc, grade, rank, tier, alert_kinds, departments, region_code, rule_set, rule_version, evaluated_at, data_versions, facts, tiers, industry_code, valid_until, registry)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT (uscc) DO UPDATE SET grade = $2, rank = $3, tier = $4, alert_kinds = $5, departments = $6, region_code = $7,
           rule_set = $8, rule_version = $9, evaluated_at = $10, data_versions = $11, facts = COALESCE($12, assessments.facts),
           tiers = $13, industry_code = $14, valid_until = $15, registry = COALESCE($16, assessments.registry), assessed_at = now()
         RETURNING uscc)
       INSERT INTO assessment_history (uscc, grade, rank, rule_set, rule_version, evaluated_at)
       SELECT $1, $2, $3, $8, $9, $10
       WHERE NOT EXISTS (
         SELECT 1 FROM (SELECT grade FROM assessment_history WHERE uscc = $1 AND rule_set = $8 ORDER BY id DESC LIMIT 1) last
         WHERE last.grade = $2)`,
      [
        a.uscc,
        a.grade,
        a.rank,
        a.tier,
        a.alertKinds,
        a.departments,
        a.regionCode,
        a.ruleSet,
        a.ruleVersion,
        a.evaluatedAt,
        a.dataVersions,
        a.facts ? JSON.stringify(a.facts) : null,
        a.tiers ? JSON.stringify(a.tiers) : null,
        a.industryCode ?? null,
        a.validUntil ?? null,
        a.registry ? JSON.stringify(a.registry) : null,
      ],
    );
  }

  /** The grade histories behind GRADE_DROP, shared by every replica (docs/rules.md "Supervision and alerts"). */
  gradeMemory(): GradeMemory {
    return {
      get: async (uscc, ruleSet) =>
        (
          await this.q<{ history: GradeHistory }>(
            'SELECT history FROM grade_histories WHERE uscc = $1 AND rule_set = $2',
            [uscc, ruleSet],
          )
        ).rows[0]?.history ?? null,
      set: async (uscc, ruleSet, history) => {
        await this.q(
          `INSERT INTO grade_histories (uscc, rule_set, history) VALUES ($1, $2, $3)
           ON CONFLICT (uscc, rule_set) DO UPDATE SET history = $3`,
          [uscc, ruleSet, JSON.stringify(history)],
        );
      },
    };
  }

  /** The latest complete assessment of an enterprise, or null. */
  async latest(uscc: string): Promise<AssessmentRow | null> {
    const r = await this.q('SELECT * FROM assessments WHERE uscc = $1 AND rule_set = $2', [
      uscc,
      this.rules.id,
    ]);
    return r.rows[0] ? rowOf(r.rows[0]) : null;
  }

  /** Complete grades recorded for an enterprise, oldest first. */
  async history(uscc: string): Promise<Array<{ grade: string; evaluatedAt: string }>> {
    const r = await this.q<{ grade: string; evaluated_at: Date | string }>(
      'SELECT grade, evaluated_at FROM assessment_history WHERE uscc = $1 AND rule_set = $2 ORDER BY id',
      [uscc, this.rules.id],
    );
    return r.rows.map((x) => ({
      grade: x.grade,
      evaluatedAt:
        typeof x.evaluated_at === 'string' ? x.evaluated_at : x.evaluated_at.toISOString().slice(0, 10),
    }));
  }

  /** A roster page (docs/rules.md "Supervision and alerts"): keyset-paged by code, with counts per tier under the same filter. */
  async roster(filter: RosterFilter, first: number, after: string | null): Promise<RosterPage> {
    const w = whereOf(this.rules.id, filter);
    const page = after
      ? { sql: `${w.sql} AND uscc > $${w.params.length + 1}`, params: [...w.params, after] }
      : w;
    const [rows, counts] = await Promise.all([
      this.pageOf(filter, w.tier, page, first + 1),
      this.countsOf(filter, w, after !== null),
    ]);
    const snapshots = counts.rows.map((c) => c.snapshot).filter((s): s is Date => s !== null);
    const byTier = new Map<string, number>();
    for (const c of counts.rows) byTier.set(c.tier, (byTier.get(c.tier) ?? 0) + Number(c.count));
    return {
      totalCount: counts.rows.reduce((n, c) => n + Number(c.count), 0),
      counts: [...byTier].map(([tier, count]) => ({ tier, count })),
      gradeCounts: counts.rows.map((c) => ({ grade: c.grade, tier: c.tier, count: Number(c.count) })),
      rows: rows.rows.slice(0, first).map((r) => ({ ...rowOf(r), tier: r.shown_tier as string })),
      hasNextPage: rows.rows.length > first,
      snapshot: snapshots.length
        ? new Date(Math.max(...snapshots.map((d) => d.getTime()))).toISOString()
        : null,
    };
  }

  /**
   * One page's rows in code order. The tier shown is the filter's: a department's fused one, or
   * the grade's. Under a region prefix, one keyset scan per region the prefix covers (from the kept
   * counts), merged: codes are ordered by their registering authority first, so walking the codes
   * from the start to reach a county registered late in that order read millions of rows first.
   */
  private async pageOf(
    filter: RosterFilter,
    tier: string,
    page: { sql: string; params: unknown[] },
    limit: number,
  ): Promise<{ rows: Array<Record<string, unknown>> }> {
    const select = (where: string) =>
      `SELECT *, ${tier} AS shown_tier FROM assessments WHERE ${where} ORDER BY uscc LIMIT ${limit}`;
    const regions = filter.regionPrefix ? await this.regionsUnder(filter.regionPrefix) : null;
    if (!regions || regions.length > MERGED_REGIONS_MAX) return this.q(select(page.sql), page.params);
    if (!regions.length) return { rows: [] };
    const n = page.params.length;
    const scans = regions.map((_, i) => `(${select(`${page.sql} AND region_code = $${n + i + 1}`)})`);
    return this.q(`SELECT * FROM (${scans.join(' UNION ALL ')}) merged ORDER BY uscc LIMIT ${limit}`, [
      ...page.params,
      ...regions,
    ]);
  }

  /** The region codes in the ledger under a prefix, from the kept counts. */
  private async regionsUnder(prefix: string): Promise<string[]> {
    const r = await this.q<{ region_code: string }>(
      'SELECT DISTINCT region_code FROM assessment_counts WHERE rule_set = $1 AND region_code LIKE $2 ORDER BY 1',
      [this.rules.id, `${prefix}%`],
    );
    return r.rows.map((x) => x.region_code);
  }

  /**
   * The counts per grade and tier under a filter, from the signed counts every write of an
   * assessment appends (one row per combination of the filtered columns once folded: milliseconds
   * at 3 M where a scan of the assessments took a second). A later page of the same filter within COUNTS_REUSE_MS reuses the counts its first
   * page computed, with their snapshot time; a first page always counts afresh.
   */
  private async countsOf(
    filter: RosterFilter,
    w: { sql: string; params: unknown[]; tier: string },
    laterPage: boolean,
  ): Promise<{ rows: CountRow[] }> {
    const key = canonical(filter);
    const cached = this.counted.get(key);
    if (laterPage && cached && performance.now() - cached.at < COUNTS_REUSE_MS) return { rows: cached.rows };
    // Read from the counts the writes keep (migration 021), not by scanning the assessments.
    const r = await this.q<CountRow>(
      `SELECT grade, ${w.tier} AS tier, sum(n) AS count, max(newest) AS snapshot FROM assessment_counts WHERE ${w.sql}
       GROUP BY 1, 2 HAVING sum(n) <> 0 ORDER BY 2, 1`,
      w.params,
    );
    this.counted.delete(key);
    this.counted.set(key, { at: performance.now(), rows: r.rows });
    if (this.counted.size > 100) this.counted.delete(this.counted.keys().next().value!);
    return { rows: r.rows };
  }
}

export { LedgerJobs, type BackfillProgress } from './LedgerJobs.ts';
export {
  ledgerAway,
  LedgerUnavailable,
  type AssessmentRow,
  type Coverage,
  type RegistryBasics,
  type RosterFilter,
  type RosterPage,
} from './ledgerSql.ts';
export { drawFrom, type DrawRecord } from './drawRecords.ts';
