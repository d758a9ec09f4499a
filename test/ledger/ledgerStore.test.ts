/**
 * The city ledger on both engines (embedded PGlite and a real PostgreSQL started here):
 * migrations from empty, assessments and their history (provisional ones apart), rosters with
 * filters, keyset pages and counts per tier, and 双随机 draws — counts per tier as docs/rules.md "Supervision and alerts"
 * says, reproducible from the record, different seeds differ, each enterprise at most once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/credit/uscc.ts';
import { drawFrom, LedgerJobs, LedgerStore, type AssessmentRow } from '../../src/ledger/LedgerStore.ts';
import { openLedger, type LedgerDb } from '../../src/ledger/openLedger.ts';
import { RULES } from '../helpers/domain.ts';
import { postgresBinaries, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const TIER: Record<string, string> = { A: 'TRUSTED', B: 'NORMAL', C: 'KEY', D: 'STRICT' };
/** A population: 400 enterprises in two regions, grades spread A 200, B 120, C 60, D 20. */
function population(): AssessmentRow[] {
  return Array.from({ length: 400 }, (_, i) => {
    const grade = i < 200 ? 'A' : i < 320 ? 'B' : i < 380 ? 'C' : 'D';
    const region = i % 2 === 0 ? '441500' : '441581';
    return {
      uscc: buildUscc('9', '1', region, String(30_000_000 + i)),
      grade,
      rank: 'ABCD'.indexOf(grade),
      tier: TIER[grade]!,
      alertKinds: grade === 'C' && i % 3 === 0 ? ['FREQUENT_IN_DOMAIN'] : [],
      departments: grade === 'A' ? [] : i % 4 === 0 ? ['MARKET', 'TAX'] : ['MARKET'],
      regionCode: region,
      ruleSet: RULES.id,
      ruleVersion: RULES.version,
      evaluatedAt: '2026-11-01',
      dataVersions: { MARKET: '2026-11-01T08:00:00.000Z' },
      missingDepartments: [],
    };
  });
}

const pgBin = postgresBinaries();
const ENGINES: Array<['pglite' | 'postgres', boolean]> = [
  ['pglite', true],
  ['postgres', pgBin !== null],
];

describe.each(ENGINES)('the ledger on %s', (engine, available) => {
  let db: LedgerDb;
  let store: LedgerStore;
  let server: TestPostgres | null = null;
  let dir = '';
  const rows = population();
  beforeAll(async () => {
    if (!available) return;
    if (engine === 'postgres') {
      server = await startPostgres(pgBin!);
      db = await openLedger({ databaseUrl: server.url });
    } else {
      dir = mkdtempSync(join(tmpdir(), 'cg-ledger-'));
      db = await openLedger({ dir });
    }
    store = new LedgerStore(db.pool, RULES);
    for (const r of rows) await store.record(r);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!available)('migrates from empty, and a second open finds nothing left to do', async () => {
    const applied = await db.pool.query('SELECT name FROM pgmigrations');
    expect(applied.rows.map((r) => r.name)).toEqual([
      '1764550000000_ledger',
      '1764550000001_backfill',
      '1764550000002_audit_archive',
      '1764550000003_events',
      '1764550000004_webhook_keys',
      '1764550000005_report_certificates',
      '1764550000006_audit_conflicts',
      '1764550000007_check_receipts',
      '1764550000008_draw_coverage',
      '1764550000009_draw_seed_commitment',
      '1764550000010_certificate_name',
      '1764550000011_assessment_fusion',
      '1764550000012_rule_set_versions',
      '1764550000013_assessment_valid_until',
      '1764550000014_inspection_items_inspectors',
      '1764550000015_inspection_results',
      '1764550000016_assessment_registry',
      '1764550000017_objection_workflow',
      '1764550000018_investigation_closures',
      '1764550000019_commitment_checks',
      '1764550000020_interviews',
      '1764550000021_assessment_counts',
      '1764550000022_deadline_notices',
      '1764550000023_draw_tier_sizes',
    ]);
    expect(db.engine).toBe(engine);
  });

  it.skipIf(!available)(
    'keeps the latest complete assessment and a history row per change; a provisional one apart',
    async () => {
      const u = rows[0]!.uscc;
      await store.record({ ...rows[0]!, grade: 'B', rank: 1, tier: 'NORMAL' });
      await store.record({ ...rows[0]!, grade: 'B', rank: 1, tier: 'NORMAL' });
      await store.record({ ...rows[0]!, grade: 'C', rank: 2, tier: 'KEY', missingDepartments: ['COURT'] });
      expect((await store.latest(u))?.grade).toBe('B');
      expect((await store.history(u)).map((h) => h.grade)).toEqual(['A', 'B']);
      await store.record(rows[0]!);
      expect((await store.history(u)).map((h) => h.grade)).toEqual(['A', 'B', 'A']);
    },
  );

  it.skipIf(!available)('pages a roster by code with counts per tier under the filter', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let page;
    do {
      page = await store.roster({ tiers: ['NORMAL', 'KEY'], regionPrefix: '4415' }, 50, after);
      seen.push(...page.rows.map((r) => r.uscc));
      after = page.rows.at(-1)?.uscc ?? null;
    } while (page.hasNextPage);
    expect(page.totalCount).toBe(180);
    expect(page.counts).toEqual([
      { tier: 'KEY', count: 60 },
      { tier: 'NORMAL', count: 120 },
    ]);
    expect(new Set(seen).size).toBe(180);
    expect([...seen].sort()).toEqual(seen);
    expect(page.snapshot).not.toBeNull();
    const region = await store.roster({ regionPrefix: '441581' }, 500, null);
    expect(region.totalCount).toBe(200);
    const alerted = await store.roster({ alertKinds: ['FREQUENT_IN_DOMAIN'] }, 500, null);
    expect(alerted.rows.every((r) => r.alertKinds.includes('FREQUENT_IN_DOMAIN'))).toBe(true);
    expect(alerted.totalCount).toBe(rows.filter((r) => r.alertKinds.length).length);
    expect((await store.roster({ departments: ['TAX'] }, 500, null)).totalCount).toBe(
      rows.filter((r) => r.departments.includes('TAX')).length,
    );
  });

  it.skipIf(!available)(
    'the counts kept by the writes equal a scan of the assessments, after moves every way and after folding',
    async () => {
      const scan = async (where: string, params: unknown[]) =>
        (
          await db.pool.query(
            `SELECT grade, tier, count(*)::int AS count FROM assessments WHERE rule_set = $1 ${where} GROUP BY 1, 2 ORDER BY 2, 1`,
            [RULES.id, ...params],
          )
        ).rows.map((r) => ({ grade: r.grade, tier: r.tier, count: r.count }));
      const filters: Array<[Parameters<LedgerStore['roster']>[0], string, unknown[]]> = [
        [{}, '', []],
        [{ regionPrefix: '441581' }, "AND region_code LIKE '441581%'", []],
        [{ alertKinds: ['MULTI_DOMAIN'] }, "AND alert_kinds && '{MULTI_DOMAIN}'", []],
        [
          { departments: ['TAX'], grades: ['B', 'C'] },
          "AND departments && '{TAX}' AND grade IN ('B', 'C')",
          [],
        ],
      ];
      const agree = async () => {
        for (const [filter, where, params] of filters) {
          const page = await store.roster(filter, 1, null);
          expect(page.gradeCounts, JSON.stringify(filter)).toEqual(await scan(where, params));
        }
      };
      await agree();
      // Moves: up a grade, across regions, gaining an alert and a department, one unchanged, one deleted.
      const [a, b, c, d, e] = [rows[210]!, rows[330]!, rows[11]!, rows[12]!, rows[13]!];
      await store.record({
        ...a,
        grade: 'C',
        rank: 2,
        tier: 'KEY',
        alertKinds: ['MULTI_DOMAIN'],
        departments: ['TAX'],
      });
      await store.record({ ...b, grade: 'A', rank: 0, tier: 'TRUSTED', departments: [] });
      await store.record({ ...c, regionCode: '441581' });
      await store.record({ ...d });
      await db.pool.query('DELETE FROM assessments WHERE uscc = $1', [e.uscc]);
      await agree();
      const folded = await new LedgerJobs(db.pool, RULES.id).compactCounts();
      expect(folded.kept).toBeLessThan(folded.read);
      const combos = await db.pool.query(
        `SELECT DISTINCT rule_set, grade, tier, tiers, region_code, industry_code, alert_kinds, departments FROM assessments`,
      );
      expect(folded.kept).toBe(combos.rows.length);
      await agree();
      // Put them back as the population had them, for the tests after this one.
      for (const r of [a, b, c, d, e]) await store.record(r);
      await agree();
    },
  );

  it.skipIf(!available)(
    'a later page reuses its first page’s counts (one scan per filter); a first page counts afresh',
    async () => {
      const statements: string[] = [];
      const counting = new LedgerStore(
        {
          query: (text: string, params?: unknown[]) => {
            statements.push(text);
            return db.pool.query(text, params);
          },
        } as unknown as import('pg').Pool,
        RULES,
      );
      const counts = () => statements.filter((q) => q.includes('GROUP BY')).length;
      const filter = { tiers: ['NORMAL', 'KEY'], regionPrefix: '4415' };
      const first = await counting.roster(filter, 50, null);
      const second = await counting.roster(
        { regionPrefix: '4415', tiers: ['NORMAL', 'KEY'] },
        50,
        first.rows.at(-1)!.uscc,
      );
      expect(counts()).toBe(1);
      expect(second.counts).toEqual(first.counts);
      expect(second.totalCount).toBe(180);
      expect(second.rows[0]!.uscc > first.rows.at(-1)!.uscc).toBe(true);
      // Another filter, and the same filter's first page again: counted each time.
      await counting.roster({ regionPrefix: '441581' }, 50, first.rows.at(-1)!.uscc);
      await counting.roster(filter, 50, null);
      expect(counts()).toBe(3);
    },
  );

  it.skipIf(!available)(
    'draws round(N × base × multiple) per tier, each at most once, reproducible; another seed differs',
    async () => {
      const d = await store.draw('MARKET', {}, 'seed-2026-11', 'regulator-1');
      const per = (tier: string) => d.enterprises.filter((e) => e.tier === tier).length;
      // Base 5 %; A 0.5, B 1, C 2, D 3 (docs/rules.md "Supervision and alerts"): 200 A → 5, 120 B → 6, 60 C → 6, 20 D → 3.
      expect({
        TRUSTED: per('TRUSTED'),
        NORMAL: per('NORMAL'),
        KEY: per('KEY'),
        STRICT: per('STRICT'),
      }).toEqual({ TRUSTED: 5, NORMAL: 6, KEY: 6, STRICT: 3 });
      expect(new Set(d.enterprises.map((e) => e.uscc)).size).toBe(d.enterprises.length);
      const recorded = await store.drawById(d.id);
      expect(recorded?.enterprises).toEqual(d.enterprises);
      expect(drawFrom(recorded!.snapshot!, recorded!.seed)).toEqual(d.enterprises);
      const other = await store.draw('MARKET', {}, 'another-seed', 'regulator-1');
      expect(other.enterprises).not.toEqual(d.enterprises);
      const narrow = await store.draw(
        'MARKET',
        { regionPrefix: '441581', tiers: ['KEY'] },
        'seed-2026-11',
        'regulator-1',
      );
      expect(narrow.enterprises.every((e) => e.tier === 'KEY')).toBe(true);
      expect(narrow.enterprises).toHaveLength(Math.round(30 * 0.05 * 2));
      expect((await store.publish(d.id))?.publishedAt).not.toBeNull();
      expect((await store.draws(10)).map((x) => x.id)).toContain(d.id);
      // A listing never reads the populations (a province's snapshot holds millions of codes): each
      // listed draw has its tiers' sizes, as kept at the draw, and no snapshot.
      const listed = (await store.draws(10)).find((x) => x.id === d.id)!;
      expect(listed.snapshot).toBeNull();
      expect(listed.tierSizes).toEqual(
        recorded!.snapshot!.map((t) => ({ tier: t.tier, size: t.population.length, drawn: t.drawn })),
      );
      expect(listed.tierSizes).toEqual([
        { tier: 'KEY', size: 60, drawn: 6 },
        { tier: 'NORMAL', size: 120, drawn: 6 },
        { tier: 'STRICT', size: 20, drawn: 3 },
        { tier: 'TRUSTED', size: 200, drawn: 5 },
      ]);
      // A draw kept before the sizes were (tier_sizes null) is listed with its sizes counted from the snapshot.
      await db.pool.query('UPDATE inspection_draws SET tier_sizes = NULL WHERE id = $1', [d.id]);
      expect((await store.draws(10)).find((x) => x.id === d.id)!.tierSizes).toEqual(listed.tierSizes);
    },
  );

  it.skipIf(!available)(
    'a lease is one holder’s; when the holder stops renewing (killed), another takes it over after expiry',
    async () => {
      const jobs = new LedgerJobs(db.pool);
      expect(await jobs.lease('test-lease', 'replica-a', 400)).toBe(true);
      expect(await jobs.lease('test-lease', 'replica-b', 400)).toBe(false);
      expect(await jobs.lease('test-lease', 'replica-a', 400)).toBe(true);
      await new Promise((r) => setTimeout(r, 600));
      expect(await jobs.lease('test-lease', 'replica-b', 400)).toBe(true);
      expect(await jobs.lease('test-lease', 'replica-a', 400)).toBe(false);
    },
  );

  it.skipIf(!available)(
    'backfill progress advances once per page, whatever is replayed (nothing counted twice)',
    async () => {
      const jobs = new LedgerJobs(db.pool);
      expect((await jobs.progress('test-pass')).nextPage).toBe(1);
      await jobs.advance('test-pass', 1, 120, 50, false);
      // A page redone after a crash (the same page advanced again) counts nothing more.
      await jobs.advance('test-pass', 1, 120, 50, false);
      await jobs.advance('test-pass', 2, 120, 50, false);
      await jobs.advance('test-pass', 3, 120, 20, true);
      expect(await jobs.progress('test-pass')).toMatchObject({ nextPage: 4, total: 120, assessed: 120 });
      expect((await jobs.progress('test-pass')).finishedAt).not.toBeNull();
      await jobs.restart('test-pass');
      expect(await jobs.progress('test-pass')).toMatchObject({ nextPage: 1, assessed: 0, finishedAt: null });
    },
  );

  it.skipIf(!available)(
    'due for re-evaluation: complete assessments older than the bound, oldest first, and provisional ones with no complete assessment',
    async () => {
      const jobs = new LedgerJobs(db.pool, RULES.id);
      const [old1, old2] = [rows[0]!.uscc, rows[1]!.uscc];
      const provisional = buildUscc('9', '1', '441500', '39999999');
      await store.record({ ...rows[0]!, uscc: provisional, missingDepartments: ['COURT'] });
      // Nothing is older than an hour yet, and the provisional one is too new to retry.
      expect(await jobs.dueForReevaluation(3_600_000, 10)).toEqual([]);
      await db.pool.query(`UPDATE assessments SET assessed_at = now() - interval '3 hours' WHERE uscc = $1`, [
        old2,
      ]);
      await db.pool.query(`UPDATE assessments SET assessed_at = now() - interval '2 hours' WHERE uscc = $1`, [
        old1,
      ]);
      await db.pool.query(
        `UPDATE provisional_assessments SET assessed_at = now() - interval '150 minutes' WHERE uscc = $1`,
        [provisional],
      );
      expect(await jobs.dueForReevaluation(3_600_000, 10)).toEqual([old2, provisional, old1]);
      expect(await jobs.dueForReevaluation(3_600_000, 2)).toEqual([old2, provisional]);
      // Re-assessed: no longer due.
      await store.record(rows[1]!);
      expect(await jobs.dueForReevaluation(3_600_000, 10)).toEqual([provisional, old1]);
    },
  );
});
