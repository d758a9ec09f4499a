/**
 * `npm run bench [-- --quick | --smoke]`: the embedded lookup's speed, as ratios against baselines
 * measured in the same run. Starts the sandbox with a realistic latency profile, the gateways and
 * the baselines, each its own process on loopback (benchSetup.ts), drives load from another
 * process (measure.ts, loadWorker.ts) through the workloads (workloads.ts, mixWorkloads.ts), and
 * writes bench/results/<time>-<mode>.json and bench/results/latest-<mode>.md (report.ts).
 */
import { log } from './benchConfig.ts';
import { setUp, type Resources } from './benchSetup.ts';
import { createMeasure, type Row } from './measure.ts';
import { measureBulk, measureMix, measurePglite } from './mixWorkloads.ts';
import { setRatios, writeReport } from './report.ts';
import { measureBaselines, measureColdAndBatches, measureWarm } from './workloads.ts';

const res: Resources = { procs: [], redis: null, db: null };

/** A gateway's resident memory now (MB), from its metrics. */
async function rssNow(gw: string): Promise<number> {
  const text = await (await fetch(`${gw}/metrics`)).text();
  return Math.round(Number(/cg_process_resident_memory_bytes (\d+)/.exec(text)?.[1] ?? 0) / 1e6);
}

async function main(): Promise<void> {
  const startedAt = Date.now();
  const s = await setUp(res);
  const rows: Row[] = [];
  const measure = createMeasure(s.control, s.tmp, rows);
  // Baselines first, then the workloads.
  const base = await measureBaselines(s, measure);
  const warm = await measureWarm(s, measure);
  const cold = await measureColdAndBatches(s, measure);
  const mix = await measureMix(s, measure);
  const bulk = await measureBulk(s, measure);
  const gwPglite = await measurePglite(s, measure);
  // What the gateways hold once the whole benchmark has run through them.
  const rssAfter = {
    l1: await rssNow(s.gw.l1),
    cold: await rssNow(s.gw.cold),
    redis: s.gw.redis ? await rssNow(s.gw.redis) : null,
    pglite: await rssNow(gwPglite),
  };
  log(`RSS after the benchmark: ${JSON.stringify(rssAfter)} MB`);
  setRatios(rows, { base, warm, cold, mix, bulk });
  writeReport(rows, {
    startedAt,
    startupAlone: s.startupAlone,
    rssAfter,
    withRedis: res.redis !== null,
    withPostgres: res.db !== null,
  });
}

const stopAll = (): Promise<unknown> =>
  Promise.allSettled([...res.procs.map((p) => p.stop()), res.redis?.stop(), res.db?.stop()]);

// Stopped from outside (a test's deadline, Ctrl-C): the processes it started go with it, never
// left running to load the machine for whatever runs next.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    log(`bench: ${signal}, stopping what it started`);
    void stopAll().then(() => process.exit(1));
  });

main()
  .catch((err: Error) => {
    log(`bench failed: ${err.stack ?? err.message}`);
    process.exitCode = 1;
  })
  .finally(stopAll);
