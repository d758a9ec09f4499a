/**
 * The benchmark's report: each row's ratio against its baseline measured in the same run, the table
 * (bench/results/latest-<mode>.md) and the JSON of every row (bench/results/<time>-<mode>.json).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { LATENCY, log, MODE, OUT_DIR, SLOWEST_MS } from './benchConfig.ts';
import type { LoadResult } from './loadWorker.ts';
import type { Row } from './measure.ts';
import type { measureBulk, measureMix } from './mixWorkloads.ts';
import type { measureBaselines, measureColdAndBatches, measureWarm } from './workloads.ts';

/** Every workload's result the ratios read. */
export interface Results {
  base: Awaited<ReturnType<typeof measureBaselines>>;
  warm: Awaited<ReturnType<typeof measureWarm>>;
  cold: Awaited<ReturnType<typeof measureColdAndBatches>>;
  mix: Awaited<ReturnType<typeof measureMix>>;
  bulk: Awaited<ReturnType<typeof measureBulk>>;
}

const pctOf = (a: number, b: number): string => `${((a / b) * 100).toFixed(0)}%`;
export const times = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
const medianPct = (xs: number[]): string =>
  `${Math.round(100 * [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!)}%`;

/** Sets each row's baseline and ratio. */
export function setRatios(rows: Row[], { base, warm, cold, mix, bulk }: Results): void {
  const row = (n: string): Row => rows.find((r) => r.workload === n)!;
  const set = (n: string, baseline: string, ratio: string): void => {
    Object.assign(row(n), { baseline, ratio });
  };
  set(
    'baseline: minimal Apollo Server, constant',
    'bare server',
    `${pctOf(base.apollo.rps, base.bare.rps)} of its req/s`,
  );
  for (const [name, r, paired] of [
    ['1. approval check, warm (L1 only)', warm.l1, warm.paired.l1],
    ['1. approval check, warm (with Redis)', warm.redis, warm.paired.redis],
  ] as const) {
    if (!r) continue;
    const ofL1 = r === warm.redis ? `; ${pctOf(r.rps, warm.l1.rps)} of warm L1` : '';
    const pairedText = paired.length
      ? `; paired with the baseline: ${medianPct(paired)} (median of ${paired.length} alternations of ${warm.slice} s)`
      : '';
    set(
      name,
      'Apollo check from memory (bare server; Apollo constant)',
      `${pctOf(r.rps, base.apolloCheck.rps)} (${pctOf(r.rps, base.bare.rps)}; ${pctOf(r.rps, base.apollo.rps)}) of req/s; p50 ${times(r.latency.p50 || 0.5, base.bare.latency.p50 || 0.5)}${ofL1}${pairedText}`,
    );
  }
  set(
    "baseline: Apollo, check's response from memory",
    'Apollo constant',
    `${pctOf(base.apolloCheck.rps, base.apollo.rps)} of its req/s`,
  );
  // The audit's group fsync (the default, in row 1) against none.
  set(
    '1. approval check, warm (L1 only), audit fsync off',
    'row 1 (group fsync on)',
    `fsync on: ${times(warm.l1.rps, warm.noSync.rps)} the req/s, p50 ${times(warm.l1.latency.p50 || 0.5, warm.noSync.latency.p50 || 0.5)}`,
  );
  set(
    '2. profile, cold',
    `direct calls (slowest dept ${SLOWEST_MS} ms)`,
    `p50 ${times(cold.cold.latency.p50, base.direct.latency.p50)} (${times(cold.cold.latency.p50, SLOWEST_MS)})`,
  );
  set(
    '3. bank batch of 100, cold',
    'direct calls for one',
    `p50 ${times(cold.batchCold.latency.p50, base.direct.latency.p50)}`,
  );
  set(
    '3. bank batch of 100, warm',
    'bank batch, cold',
    `p50 ${times(cold.batchWarm.latency.p50, cold.batchCold.latency.p50)}`,
  );
  setMixRatios(row, set, mix);
  set('5a. approval check, cold, alone', 'offered rate', `${pctOf(bulk.alone.rps, bulk.checkRate)} served`);
  set(
    '5b. approval check, cold, during bank bulk reads',
    '5a',
    `p50 ${times(bulk.underBulk.latency.p50, bulk.alone.latency.p50)}, p95 ${times(bulk.underBulk.latency.p95, bulk.alone.latency.p95)}`,
  );
}

/** The mix's rows: served share, lookups and searches apart, reads that waited, 4b against 4a. */
function setMixRatios(
  row: (n: string) => Row,
  set: (n: string, baseline: string, ratio: string) => void,
  { mixedOk, mixed, rate }: Results['mix'],
): void {
  /** The mix's lookups of enterprises already seen, and its registry searches, apart. */
  const splitText = (r: LoadResult): string =>
    r.split
      ? `; lookups (${r.split.rest.count}) p50 ${r.split.rest.p50} p95 ${r.split.rest.p95} p99 ${r.split.rest.p99} ms, registry searches (${r.split.matched.count}) p50 ${r.split.matched.p50} p99 ${r.split.matched.p99} ms`
      : '';
  /** The keys whose fetch a reader waited for in a row, by source and reason. */
  const waitedText = (workload: string): string => {
    const w = Object.entries(row(workload).waited);
    return `; reads that waited for a department: ${w.length ? w.map(([k, n]) => `${n} ${k}`).join(', ') : 'none'}`;
  };
  const ok = '4a. service-hall mix, all departments up';
  const down = '4b. service-hall mix, court down midway';
  set(ok, 'offered rate', `${pctOf(mixedOk.rps, rate)} served${splitText(mixedOk)}${waitedText(ok)}`);
  set(
    down,
    'offered rate; 4a',
    `${pctOf(mixed.rps, rate)} served${splitText(mixed)}${waitedText(down)}; ${mixed.staleAnswers} stale, ${mixed.graphqlErrors.SOURCE_UNAVAILABLE ?? 0} court errors; p95 ${times(mixed.latency.p95, mixedOk.latency.p95)}, p99 ${times(mixed.latency.p99, mixedOk.latency.p99)}`,
  );
}

/** The table of every row. */
function renderTable(rows: Row[], machine: string, ms: number, withRedis: boolean): string {
  const head =
    '| workload | req/s | p50 ms | p95 ms | p99 ms | dept calls/req | errors | stale | peak RSS MB | ratio (baseline) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n';
  const lines = rows.map((r) => {
    const errs = r.result.non2xx + r.result.socketErrors + r.result.timeouts + r.result.wrongAnswers;
    const gqlErrs = Object.values(r.result.graphqlErrors).reduce((a, b) => a + b, 0);
    return `| ${r.workload}${r.note ? ` (${r.note})` : ''} | ${r.result.rps.toFixed(0)} | ${r.result.latency.p50} | ${r.result.latency.p95} | ${r.result.latency.p99} | ${r.deptCallsPerRequest === null ? '—' : r.deptCallsPerRequest.toFixed(2)} | ${errs}${gqlErrs ? ` (+${gqlErrs} field errors)` : ''} | ${r.result.staleAnswers} | ${r.peakRssMb ?? '—'} | ${r.ratio ? `${r.ratio} (${r.baseline})` : '—'} |`;
  });
  const latency = Object.entries(LATENCY)
    .map(([d, l]) => `${d} ${l} ms`)
    .join(', ');
  return `## Benchmark (${MODE}, ${(ms / 1000).toFixed(0)} s)\n\nMachine: ${machine}. Department latency: ${latency} (±10%).${withRedis ? '' : ' Redis not installed: the Redis row is missing.'}\n\n${head}${lines.join('\n')}\n`;
}

/** What the report says besides the rows. */
export interface Footnotes {
  startedAt: number;
  startupAlone: Record<string, number>;
  rssAfter: { l1: number; cold: number; redis: number | null; pglite: number };
  withRedis: boolean;
  withPostgres: boolean;
}

/** Writes the JSON and the table, prints the table, and says where they went. */
export function writeReport(rows: Row[], f: Footnotes): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const { compiled, tsx } = f.startupAlone as { compiled: number; tsx: number };
  const rss = f.rssAfter;
  const md = `${renderTable(rows, machine, Date.now() - f.startedAt, f.withRedis)}\nStart-up to listening, alone: compiled ${(compiled / 1000).toFixed(2)} s, through tsx ${(tsx / 1000).toFixed(2)} s (${times(compiled, tsx)}).\n\nGateway RSS after the whole benchmark (ledger on ${f.withPostgres ? 'PostgreSQL' : 'none: PostgreSQL not installed'}): L1 gateway ${rss.l1} MB, cold gateway ${rss.cold} MB${rss.redis !== null ? `, Redis gateway ${rss.redis} MB` : ''}; with embedded PGlite ${rss.pglite} MB.\n`;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = OUT_DIR ?? join(import.meta.dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  const json = { mode: MODE, machine, at: new Date().toISOString(), latencyProfileMs: LATENCY, rows };
  writeFileSync(join(outDir, `${stamp}-${MODE}.json`), JSON.stringify(json, null, 2));
  writeFileSync(join(outDir, `latest-${MODE}.md`), md);
  process.stdout.write(md);
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a checkout
  }
  log(
    `done in ${((Date.now() - f.startedAt) / 1000).toFixed(0)} s${commit ? ` at ${commit}` : ''}; results in ${outDir}`,
  );
}
