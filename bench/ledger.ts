/**
 * `npm run bench:ledger`: the city ledger at a city's size. Seeds 300,000 assessments
 * straight into a PostgreSQL this script starts (or `DATABASE_URL`), then times what regulators
 * do: a roster page (filters, keyset), the counts per tier, a draw over the whole city. Prints a
 * table and writes bench/results/latest-ledger.md. Times are measured, never asserted.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadRuleSet } from '../src/config/gatewayConfig.ts';
import { ANY_SANDBOX_PORTS, parseSandboxUrls, sandboxGatewayEnv, startProc } from './processes.ts';
import { buildUscc } from '../src/credit/uscc.ts';
import { LedgerJobs, LedgerStore } from '../src/ledger/LedgerStore.ts';
import { openLedger } from '../src/ledger/openLedger.ts';
import { postgresBinaries, startPostgres } from '../test/helpers/postgres.ts';

const { values } = parseArgs({ options: { size: { type: 'string' }, backfill: { type: 'string' } } });
const SIZE = Number(values.size ?? 300_000);
/** With --backfill N: also a backfill over an N-enterprise sandbox world, against its floor. */
const BACKFILL = values.backfill ? Number(values.backfill) : 0;
const rules = loadRuleSet('default');
const GRADES: Array<[string, string, number]> = [
  ['A', 'TRUSTED', 0.55],
  ['B', 'NORMAL', 0.3],
  ['C', 'KEY', 0.13],
  ['D', 'STRICT', 0.02],
];
const REGIONS = ['441502', '441521', '441523', '441581'];

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t0 = performance.now();
  const r = await fn();
  return [performance.now() - t0, r];
};

/** 100 roster pages of 50 over five filters, first pages and later ones (keyset), each timed. */
async function timeRosterPages(
  store: LedgerStore,
): Promise<{ pageTimes: number[]; firstPages: number[]; laterPages: number[] }> {
  const pageTimes: number[] = [];
  const firstPages: number[] = [];
  const laterPages: number[] = [];
  const filters = [
    {},
    { tiers: ['KEY'] },
    { regionPrefix: '4415' },
    { grades: ['B', 'C'], regionPrefix: '441581' },
    { alertKinds: ['MULTI_DOMAIN'] },
  ];
  for (let i = 0; i < 100; i++) {
    const f = filters[i % filters.length]!;
    const after =
      i % 2 ? buildUscc('9', '1', REGIONS[i % 4]!, String(10_000_000 + ((i * 7919) % SIZE))) : null;
    const [ms] = await time(() => store.roster(f, 50, after));
    pageTimes.push(ms);
    (after ? laterPages : firstPages).push(ms);
  }
  return { pageTimes, firstPages, laterPages };
}

/** The table, printed and written to bench/results/latest-ledger.md. */
function writeReport(rows: string[][], engine: string): void {
  const md = [
    `## Ledger benchmark (${SIZE} assessments, ${engine})`,
    '',
    '| what | time | notes |',
    '|---|---:|---|',
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    '',
  ].join('\n');
  const out = join(import.meta.dirname, 'results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'latest-ledger.md'), md);
  process.stdout.write(md);
}

async function main(): Promise<void> {
  const server = process.env.DATABASE_URL
    ? null
    : await startPostgres(postgresBinaries() ?? failNoPostgres());
  const db = await openLedger({ databaseUrl: process.env.DATABASE_URL ?? server!.url });
  const store = new LedgerStore(db.pool, rules);
  try {
    console.error(`seeding ${SIZE} assessments…`);
    const [seedMs] = await time(() => seed(db.pool, SIZE));
    // The seed's rows each appended a count delta (migration 021): the lease holder folds them every
    // few seconds in service; here once, timed, before the reads.
    const [foldMs, folded] = await time(() => new LedgerJobs(db.pool, rules.id).compactCounts());
    await db.pool.query('VACUUM ANALYZE assessments');
    await db.pool.query('VACUUM ANALYZE assessment_counts');
    const size = Number((await db.pool.query("SELECT pg_total_relation_size('assessments') AS n")).rows[0].n);
    const { pageTimes, firstPages, laterPages } = await timeRosterPages(store);
    const [countMs, page] = await time(() => store.roster({}, 1, null));
    const [coverageMs, coverage] = await time(() => store.coverage(new Date()));
    const [drawMs, draw] = await time(() => store.draw('MARKET', {}, 'bench-seed', 'bench'));
    const [taxDrawMs, taxDraw] = await time(() =>
      store.draw('TAX', { regionPrefix: '441581' }, 'bench-seed-2', 'bench'),
    );
    const rows = [
      [
        'seed (direct INSERT, not timed as a target)',
        `${(seedMs / 1000).toFixed(1)} s`,
        `${SIZE} assessments`,
      ],
      [
        'fold the counts the seed appended (not timed as a target)',
        `${(foldMs / 1000).toFixed(1)} s`,
        `${folded.read} deltas into ${folded.kept} combinations`,
      ],
      [
        'roster page of 50, p95 over 100 pages (5 filters, keyset)',
        `${pct(pageTimes, 95).toFixed(1)} ms`,
        `p50 ${pct(pageTimes, 50).toFixed(1)} ms`,
      ],
      [
        'roster first pages / later pages, p95 (each with its counts per tier)',
        `${pct(firstPages, 95).toFixed(1)} / ${pct(laterPages, 95).toFixed(1)} ms`,
        `counts from the kept counts on a first page; a later page reuses its first page's`,
      ],
      [
        'storage: the assessments table with its indexes',
        `${(size / 1024 / 1024 / 1024).toFixed(2)} GiB`,
        `${Math.round(size / SIZE)} bytes per enterprise's latest assessment`,
      ],
      [
        'counts per tier, whole city (with a page)',
        `${countMs.toFixed(1)} ms`,
        page.counts.map((c) => `${c.tier} ${c.count}`).join(', '),
      ],
      [
        'coverage (registry, complete, provisional, missing, overdue)',
        `${coverageMs.toFixed(1)} ms`,
        `complete ${coverage.complete}, overdue ${coverage.overdue}`,
      ],
      [
        `draw over the whole ${SIZE >= 1_000_000 ? 'province' : 'city'} (MARKET, 5 %)`,
        `${drawMs.toFixed(1)} ms`,
        `${draw.enterprises.length} drawn, recorded with its population snapshot`,
      ],
      [
        'draw over one county by its own fused tiers (TAX, region 441581)',
        `${taxDrawMs.toFixed(1)} ms`,
        `${taxDraw.enterprises.length} drawn`,
      ],
    ];
    if (BACKFILL) rows.push(await backfillRow(BACKFILL));
    writeReport(rows, db.engine);
  } finally {
    await db.close();
    await server?.stop();
  }
}

/**
 * A gateway with the ledger on a fresh database backfills an N-enterprise sandbox world; the floor
 * is market regulation's calls (four routes per enterprise) at the pace the gateway keeps under
 * its published limit (DEPT_MARKET_RATE_PER_SEC, 1,000/s by default).
 */
async function backfillRow(n: number): Promise<string[]> {
  const ports = ANY_SANDBOX_PORTS;
  const sandbox = await startProc(
    'sandbox/cli.ts',
    { ...ports, SANDBOX_SIZE: String(n), SANDBOX_MARKET_RATE_LIMIT: '2000' },
    /control\s+http:\/\/\S+\n/,
    120_000,
  );
  const pgServer = await startPostgres(postgresBinaries() ?? failNoPostgres());
  const tmp = mkdtempSync(join(tmpdir(), 'cg-ledger-bench-'));
  try {
    const urls = parseSandboxUrls(sandbox.output());
    const gw = await startProc(
      'src/main.ts',
      {
        ...sandboxGatewayEnv(urls, join(tmp, 'audit.jsonl')),
        DATABASE_URL: pgServer.url,
        BACKFILL_PER_SECOND: '10000',
      },
      /playground at (http:\/\/[\d.]+:\d+)\/graphql/,
    );
    const t0 = performance.now();
    for (;;) {
      const ready = (await (await fetch(`${gw.match[1]}/readyz`)).json()) as {
        backfill: { progress: { finishedAt: string | null } | null };
      };
      if (ready.backfill.progress?.finishedAt) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const seconds = (performance.now() - t0) / 1000;
    await gw.stop();
    const floor = (n * 4) / 1000;
    return [
      `backfill of a ${n}-enterprise world`,
      `${seconds.toFixed(1)} s`,
      `${(seconds / floor).toFixed(2)}× the floor (${floor.toFixed(0)} s: ${n} × 4 market calls at 1,000/s)`,
    ];
  } finally {
    await sandbox.stop();
    await pgServer.stop();
  }
}

function failNoPostgres(): never {
  throw new Error('no PostgreSQL server installed (apt-get install -y postgresql) and no DATABASE_URL');
}

/**
 * Inserts `n` assessments in batches of 10,000 (one statement each, arrays unnested), with every
 * column the ledger keeps: the departments' fused tiers (a tenth rated higher by tax), the
 * industry, the registry basics the desk names, the day each may change by time.
 */
async function seed(pool: import('pg').Pool, n: number): Promise<void> {
  for (let start = 0; start < n; start += 10_000) {
    const cols: unknown[][] = [[], [], [], [], [], [], [], [], [], [], []];
    for (let i = start; i < Math.min(n, start + 10_000); i++) {
      const r = ((i * 2654435761) >>> 0) / 4294967296;
      let acc = 0;
      const [grade, tier] = GRADES.find(([, , w]) => (acc += w) > r) ?? GRADES[0]!;
      const region = REGIONS[i % REGIONS.length]!;
      cols[0]!.push(buildUscc('9', '1', region, String(10_000_000 + i)));
      cols[1]!.push(grade);
      cols[2]!.push('ABCD'.indexOf(grade));
      cols[3]!.push(tier);
      cols[4]!.push(grade === 'C' && i % 5 === 0 ? '{MULTI_DOMAIN}' : '{}');
      cols[5]!.push(grade === 'A' ? '{}' : '{MARKET}');
      cols[6]!.push(region);
      cols[7]!.push(JSON.stringify(i % 10 === 0 ? { TAX: 'KEY' } : {}));
      cols[8]!.push(['C1391', 'F5212', 'I6513', 'E4813'][i % 4]);
      cols[9]!.push(
        JSON.stringify({
          name: `汕尾市测试${i}贸易有限公司`,
          address: `广东省汕尾市城区海滨大道${i % 300}号`,
          legalRepresentative: `陈${i % 100}明`,
          authority: '汕尾市城区市场监督管理局',
        }),
      );
      cols[10]!.push(`2027-0${1 + (i % 9)}-01`);
    }
    await pool.query(
      `INSERT INTO assessments (uscc, grade, rank, tier, alert_kinds, departments, region_code, tiers, industry_code, registry, valid_until, rule_set, rule_version, evaluated_at)
       SELECT u, g, r, t, a::text[], d::text[], rc, ti::jsonb, ic, rg::jsonb, vu::date, $12, $13, '2026-11-01'
       FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         AS x(u, g, r, t, a, d, rc, ti, ic, rg, vu)
       ON CONFLICT (uscc) DO NOTHING`,
      [...cols, rules.id, rules.version],
    );
  }
}

await main();
