/**
 * One measured workload: the load generator in a process of its own (loadWorker.ts), the gateway's
 * memory and cache fetches around it, the department calls the sandbox counted, one row.
 */
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { log, MODE, SECONDS } from './benchConfig.ts';
import type { LoadJob, LoadResult } from './loadWorker.ts';
import { sampleMemory } from './processes.ts';

/** One measured workload. */
export interface Row {
  workload: string;
  result: LoadResult;
  deptCallsPerRequest: number | null;
  peakRssMb: number | null;
  baseline: string | null;
  ratio: string | null;
  note: string;
  /** Keys the gateway's cache fetched while a reader waited (missing, expired), by source and reason. */
  waited: Record<string, number>;
}

/** The gateway's `cg_cache_fetches_total`, by `source/reason`. */
async function cacheFetches(gateway: string): Promise<Map<string, number>> {
  const text = await (await fetch(`${gateway}/metrics`)).text();
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^cg_cache_fetches_total\{source="(\w+)",reason="(\w+)"\} (\d+)/gm))
    out.set(`${m[1]}/${m[2]}`, Number(m[3]));
  return out;
}

/** Fetches a reader waited for, between two readings of `cacheFetches`. */
function waitedBetween(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of after) {
    const d = n - (before.get(k) ?? 0);
    if (d > 0 && !/\/(refreshAhead|hot)$/.test(k)) out[k] = d;
  }
  return out;
}

/** Runs one load job in the load generator's own process. */
export async function runLoad(job: LoadJob, dir: string): Promise<LoadResult> {
  // The job goes by file: a hundred bodies are too long for a command line.
  const file = join(dir, `job-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(job));
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'loadWorker.ts'), file],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult)
        : reject(new Error(`load worker exited ${code}`)),
    );
  });
}

/** Department calls the sandbox counted since its last reset (the change feed's polls aside). */
async function departmentCalls(control: string): Promise<number> {
  const stats = (await (await fetch(`${control}/__sandbox/stats`)).json()) as Record<
    string,
    Record<string, number>
  >;
  return Object.values(stats).reduce(
    (n, routes) =>
      n +
      Object.entries(routes)
        .filter(([r]) => r !== 'GET /credit/v1/changes')
        .reduce((a, [, c]) => a + c, 0),
    0,
  );
}

/** A job as the workloads write it: the duration is the mode's unless given. */
export type Job = Omit<LoadJob, 'durationSeconds'> & { durationSeconds?: number };
/** What a measurement watches besides the load: its gateway, work alongside, a note for the row. */
export interface MeasureOptions {
  gateway?: string;
  during?: () => Promise<void>;
  note?: string;
}
/** Measures one workload and appends its row. */
export type Measure = (workload: string, job: Job, opts?: MeasureOptions) => Promise<LoadResult>;

/** The measuring function of a run: rows go to `rows`, the sandbox's counts are read at `control`. */
export function createMeasure(control: string, tmp: string, rows: Row[]): Measure {
  return async (workload, job, opts = {}) => {
    log(`▶ ${workload} (${job.durationSeconds ?? SECONDS.w} s)…`);
    await fetch(`${control}/__sandbox/stats/reset`, { method: 'POST' });
    const mem = opts.gateway ? sampleMemory(`${opts.gateway}/metrics`) : null;
    const fetchesBefore = opts.gateway ? await cacheFetches(opts.gateway) : new Map<string, number>();
    // A smoke run sends a fixed number of requests per connection, not a time window: a busy
    // machine slows it but never leaves a workload with nothing measured (it asserts answers, not speed).
    const smoke =
      MODE === 'smoke' && job.overallRate === undefined && job.amount === undefined
        ? { amount: job.connections * 2 }
        : {};
    const [result] = await Promise.all([
      runLoad({ durationSeconds: SECONDS.w, ...job, ...smoke }, tmp),
      opts.during?.(),
    ]);
    const peak = mem ? await mem.stop() : null;
    const waited = opts.gateway ? waitedBetween(fetchesBefore, await cacheFetches(opts.gateway)) : {};
    const calls = await departmentCalls(control);
    rows.push({
      workload,
      result,
      deptCallsPerRequest: opts.gateway ? calls / Math.max(1, result.requests) : null,
      peakRssMb: peak ? Math.round(peak / 1e6) : null,
      baseline: null,
      ratio: null,
      note: opts.note ?? '',
      waited,
    });
    log(
      `  ${result.requests} requests, ${result.rps.toFixed(0)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, errors ${result.non2xx + result.socketErrors}, wrong answers ${result.wrongAnswers}`,
    );
    return result;
  };
}
