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
import { LedgerRosters } from './LedgerRosters.ts';
import { ledgerAway, LedgerUnavailable, rowOf, type AssessmentRow, type Coverage } from './ledgerSql.ts';
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

/** The ledger's reads and writes (its rosters: LedgerRosters.ts; its draws: LedgerDraws.ts). */
export class LedgerStore extends LedgerRosters {
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
