/**
 * The ledger's SQL in common (LedgerStore.ts, LedgerDraws.ts): a roster filter and its WHERE clause,
 * coverage's shape, and queries that answer LedgerUnavailable when the database is away.
 */
import type pg from 'pg';
import type { RuleSet } from '../credit/ruleSet.ts';
import type { AnyDepartment } from '../departments/registry.ts';
import type { AssessmentFacts } from '../events/creditEvents.ts';
import type { Department } from '../model/unifiedModel.ts';

/** One assessment as the ledger keeps it. */
export interface AssessmentRow {
  uscc: string;
  grade: string;
  rank: number;
  /** The grade's tier (a department's own may be stricter: `tiers`). */
  tier: string;
  /** Each department's fused tier (docs/rules.md "Supervision and alerts"), or null for rows written before fusion. */
  tiers?: Partial<Record<Department, string>> | null;
  /** The GB/T 4754-2017 class from market regulation, or null when unknown. */
  industryCode?: string | null;
  /** The first day it may change by time alone (src/credit/validity.ts), or null: the cycle alone. */
  validUntil?: string | null;
  /** The registry's public basics at the assessment (the desk names enterprises), or null. */
  registry?: RegistryBasics | null;
  alertKinds: string[];
  /** Departments with records in force. */
  departments: string[];
  regionCode: string;
  ruleSet: string;
  ruleVersion: string;
  evaluatedAt: string;
  /** When each department's data was fetched (ISO), the versions the assessment came from. */
  dataVersions: Record<string, string | null>;
  /** Departments missing: a provisional assessment, kept apart. */
  missingDepartments: string[];
  /** What it saw (records, lists, objections): its events are the differences from the last one. */
  facts?: AssessmentFacts;
}

/** What the registry publishes of an enterprise, as the desk shows it. */
export interface RegistryBasics {
  name: string;
  address: string;
  legalRepresentative: string;
  authority: string;
}

/** One roster page. */
export interface RosterPage {
  totalCount: number;
  counts: Array<{ tier: string; count: number }>;
  /** How many per grade and tier (the regulators' desk charts it). */
  gradeCounts: Array<{ grade: string; tier: string; count: number }>;
  rows: AssessmentRow[];
  hasNextPage: boolean;
  /** The newest assessment the page reflects (ISO), or null for an empty ledger. */
  snapshot: string | null;
}

/** An assessments row as the ledger reads it. */
export const rowOf = (r: Record<string, unknown>): AssessmentRow => ({
  uscc: r.uscc as string,
  grade: r.grade as string,
  rank: r.rank as number,
  tier: r.tier as string,
  tiers: (r.tiers as Partial<Record<Department, string>> | null | undefined) ?? null,
  industryCode: (r.industry_code as string | null | undefined) ?? null,
  registry: (r.registry as RegistryBasics | null | undefined) ?? null,
  alertKinds: r.alert_kinds as string[],
  departments: r.departments as string[],
  regionCode: r.region_code as string,
  ruleSet: r.rule_set as string,
  ruleVersion: r.rule_version as string,
  evaluatedAt:
    typeof r.evaluated_at === 'string' ? r.evaluated_at : (r.evaluated_at as Date).toISOString().slice(0, 10),
  dataVersions: r.data_versions as Record<string, string | null>,
  missingDepartments: [],
});

/** A roster filter (every field optional: the whole city). */
export interface RosterFilter {
  grades?: string[] | null;
  tiers?: string[] | null;
  regionPrefix?: string | null;
  alertKinds?: string[] | null;
  departments?: string[] | null;
  /** GB/T 4754 class prefixes (行业), any of them; a key domain is a named set of them. */
  industryPrefixes?: string[] | null;
  /** Whose tiers `tiers` filters and counts by: a department's fused ones; omitted, the grade's. */
  tiersFor?: AnyDepartment | null;
}

/** The tier expression of a roster filter: a department's fused tier (the grade's for older rows), or the grade's. */
export function tierExpr(f: RosterFilter, params: unknown[]): string {
  if (!f.tiersFor) return 'tier';
  params.push(f.tiersFor);
  return `COALESCE(tiers->>($${params.length}::text), tier)`;
}

/**
 * How much of the city the ledger holds, and how current (docs/rules.md "The ledger"; docs/rules.md
 * docs/rules.md "The ledger"): the registry's size at the backfill's last page, enterprises with a complete assessment,
 * those assessed only provisionally, those with none, and complete ones older than the
 * re-evaluation cycle. City-wide: a population filtered by region or grade is a part of it.
 */
export interface Coverage {
  registry: number | null;
  complete: number;
  provisional: number;
  missing: number | null;
  overdue: number;
  /** Every registry enterprise complete and current. */
  whole: boolean;
  asOf: string;
}

/** The ledger could not be reached (the caller answers LEDGER_UNAVAILABLE). */
export class LedgerUnavailable extends Error {
  override readonly name = 'LedgerUnavailable';
}

/** The WHERE clause of a roster filter, with its parameters after `first` already taken ones. */
export function whereOf(ruleSet: string, f: RosterFilter): { sql: string; params: unknown[]; tier: string } {
  const params: unknown[] = [ruleSet];
  const parts = ['rule_set = $1'];
  const tier = tierExpr(f, params);
  const add = (sql: (n: number) => string, value: unknown): void => {
    params.push(value);
    parts.push(sql(params.length));
  };
  if (f.grades?.length) add((n) => `grade = ANY($${n})`, f.grades);
  if (f.tiers?.length) add((n) => `${tier} = ANY($${n})`, f.tiers);
  if (f.regionPrefix) add((n) => `region_code LIKE $${n}`, `${f.regionPrefix}%`);
  if (f.alertKinds?.length) add((n) => `alert_kinds && $${n}::text[]`, f.alertKinds);
  if (f.departments?.length) add((n) => `departments && $${n}::text[]`, f.departments);
  if (f.industryPrefixes?.length)
    add(
      (n) => `industry_code LIKE ANY($${n}::text[])`,
      f.industryPrefixes.map((p) => `${p}%`),
    );
  return { sql: parts.join(' AND '), params, tier };
}

/**
 * Whether a database error is the ledger being away, not a bad statement (our bug, which stays
 * one): a SQLSTATE of connection exceptions (08), operator intervention (57P) or insufficient
 * resources (53), or no SQLSTATE at all (refused, reset, timed out).
 */
export function ledgerAway(err: unknown): boolean {
  const code = (err as { code?: string }).code ?? '';
  return !/^[0-9A-Z]{5}$/.test(code) || /^(08|57P|53)/.test(code);
}

/** Queries of the ledger: a database away is LedgerUnavailable (a bad statement stays our bug). */
export class LedgerQueries {
  constructor(
    protected readonly pool: pg.Pool,
    protected readonly rules: RuleSet,
  ) {}

  protected async q<T extends pg.QueryResultRow>(
    sql: string,
    params: unknown[] = [],
  ): Promise<pg.QueryResult<T>> {
    try {
      return await this.pool.query<T>(sql, params);
    } catch (err) {
      if (ledgerAway(err)) throw new LedgerUnavailable((err as Error).message);
      throw err;
    }
  }
}
