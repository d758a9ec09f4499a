/**
 * The ledger's rosters (docs/rules.md "Supervision and alerts"): a page of assessments under a
 * filter, keyset-paged by code, with the counts per grade and tier the writes keep. The same SQL
 * on PostgreSQL and embedded PGlite.
 */
import { LedgerDraws } from './LedgerDraws.ts';
import { rowOf, whereOf, type RosterFilter, type RosterPage } from './ledgerSql.ts';

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

/** The rosters' reads (the draws', and the queries they share, below it). */
export class LedgerRosters extends LedgerDraws {
  /** The counts each filter's first page computed, oldest first (countsOf). */
  private readonly counted = new Map<string, { at: number; rows: CountRow[] }>();

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
