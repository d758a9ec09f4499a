/**
 * `npm run bench:soak -- [--size N]`: the backfill soak. The production build
 * (`dist/src/main.js`, built first from this tree) with the image's heap bound (224 MB) and shipped
 * settings — the cache's default budget, the default backfill pace — on a PostgreSQL ledger
 * backfills an N-enterprise sandbox world (300,000 by default: a city). It reports enterprises per
 * second against market regulation's floor (four calls per enterprise at its published 1,000/s),
 * the peak resident memory against the Deployment's limit (512 MiB) and the heap after, writes
 * bench/results/latest-soak.md, and exits 1 if the gateway died, went past the limit or lost a
 * request of the traffic it serves beside the pass (`--traffic`, 20 a second by default:
 * bench/soakTraffic.ts) — never on speed. `.ci/run` runs it at 30,000.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresBinaries, startPostgres } from '../test/helpers/postgres.ts';
import { ANY_SANDBOX_PORTS, parseSandboxUrls, sandboxGatewayEnv, startProc, type Proc } from './processes.ts';
import { startTraffic, type TrafficResult } from './soakTraffic.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    'timeout-min': { type: 'string' },
    'skip-build': { type: 'boolean' },
    /** Lookups a second beside the pass (bench/soakTraffic.ts); 0 for the pass alone. */
    traffic: { type: 'string' },
    /** Extra node options for the gateway (e.g. a heap snapshot near the limit, to find what grows). */
    'node-options': { type: 'string' },
  },
});
const SIZE = Number(values.size ?? 300_000);
const TRAFFIC_PER_SECOND = Number(values.traffic ?? 20);
/** The world, stated to the sandbox so the traffic can name its enterprises. */
const WORLD = { seed: 20261101, size: SIZE, asOf: new Date().toISOString().slice(0, 10) };
const TIMEOUT_MS = Number(values['timeout-min'] ?? (SIZE <= 50_000 ? 10 : 180)) * 60_000;
/** The Deployment's memory limit (deploy/k8s/deployment.yaml) and the image's heap bound (Dockerfile). */
const LIMIT_BYTES = 512 * 1024 * 1024;
const HEAP_MB = '224';
const ROOT = join(import.meta.dirname, '..');

/** The resident set of a process now and at its peak (Linux /proc), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (k: string): number =>
      Number(new RegExp(`^${k}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    return { rss: kb('VmRSS'), peak: kb('VmHWM') };
  } catch {
    return null;
  }
}

/** How a pass went: whether the gateway died, its peak resident memory, how far it got and how long it took. */
interface Pass {
  died: boolean;
  peak: number;
  assessed: number;
  seconds: number;
}

/** Watches the gateway's pass through `/readyz` each second, sampling its memory, until it finishes or dies. */
async function watchPass(gw: Proc, url: string): Promise<Pass> {
  const t0 = performance.now();
  const pid = gw.child.pid!;
  let peak = 0;
  let assessed = 0;
  for (;;) {
    if (gw.child.exitCode !== null || gw.child.signalCode !== null)
      return { died: true, peak, assessed, seconds: (performance.now() - t0) / 1000 };
    const m = memoryOf(pid);
    if (m) peak = Math.max(peak, m.peak, m.rss);
    // A gateway dying mid-request resets the connection: that is the outcome, not the harness's error.
    const ready = (await fetch(`${url}/readyz`)
      .then((r) => r.json())
      .catch(() => null)) as {
      backfill?: { progress?: { assessed: number; finishedAt: string | null } | null };
    } | null;
    assessed = ready?.backfill?.progress?.assessed ?? assessed;
    if (ready?.backfill?.progress?.finishedAt)
      return { died: false, peak, assessed, seconds: (performance.now() - t0) / 1000 };
    if (performance.now() - t0 > TIMEOUT_MS)
      throw new Error(`soak: not finished in ${TIMEOUT_MS / 60_000} min (${assessed} assessed)`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MiB`;

/** The report's rows for the pass. */
function passRows(pass: Pass, heap: number, output: string): string[][] {
  const floor = (SIZE * 4) / 1000;
  return [
    [
      'world',
      `${SIZE} enterprises`,
      'sandbox, PostgreSQL ledger, production build, heap bound 224 MB, shipped defaults',
    ],
    [
      'outcome',
      pass.died ? `**died** after ${pass.assessed} assessed` : 'finished',
      pass.died ? output.slice(-400).replace(/\n/g, ' ') : '',
    ],
    [
      'pass time',
      `${pass.seconds.toFixed(0)} s`,
      `${(SIZE / pass.seconds).toFixed(0)} enterprises/s; ${(pass.seconds / floor).toFixed(2)}× market regulation's floor (${floor.toFixed(0)} s)`,
    ],
    [
      'peak RSS',
      mb(pass.peak),
      `${((pass.peak / LIMIT_BYTES) * 100).toFixed(0)} % of the Deployment's 512 MiB limit`,
    ],
    ['heap after', Number.isFinite(heap) ? mb(heap) : '—', 'used heap at the end of the pass'],
  ];
}

/** The report's rows for the traffic beside the pass. */
function trafficRows(seen: TrafficResult): string[][] {
  return [
    [
      'traffic beside the pass',
      `${seen.answered} of ${seen.sent} answered`,
      `${TRAFFIC_PER_SECOND}/s open loop (70 % hall checks, 25 % profiles, 5 % batches of 20), ${seen.distinct} enterprises; p50 ${seen.p50} ms, p95 ${seen.p95} ms; ${seen.fieldErrors} with a field error; ${seen.unknown} profiles of an enterprise not found; ${seen.shed} shed by the harness`,
    ],
    [
      'lost',
      String(seen.lost),
      seen.lostSamples.length ? seen.lostSamples.join('; ') : 'none: every request answered with data',
    ],
  ];
}

async function main(): Promise<number> {
  // Built from this tree (a stale dist would soak other code), unless told it just was.
  if (!values['skip-build'] || !existsSync(join(ROOT, 'dist/src/main.js')))
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const pg = postgresBinaries();
  if (!pg) throw new Error('no PostgreSQL server installed (apt-get install -y postgresql)');
  console.error(`soak: a ${SIZE}-enterprise world…`);
  const sandbox = await startProc(
    'sandbox/cli.ts',
    {
      ...ANY_SANDBOX_PORTS,
      SANDBOX_SEED: String(WORLD.seed),
      SANDBOX_SIZE: String(SIZE),
      SANDBOX_AS_OF: WORLD.asOf,
      SANDBOX_MARKET_RATE_LIMIT: '2000',
    },
    /control\s+http:\/\/\S+\n/,
    600_000,
  );
  const db = await startPostgres(pg);
  const tmp = mkdtempSync(join(tmpdir(), 'cg-soak-'));
  try {
    const urls = parseSandboxUrls(sandbox.output());
    // The shipped settings: no BACKFILL_PER_SECOND, no CACHE_L1_BYTES — the defaults a city gets.
    const gw = await startProc(
      'dist/src/main.js',
      {
        ...sandboxGatewayEnv(urls, join(tmp, 'audit.jsonl')),
        DATABASE_URL: db.url,
        NODE_OPTIONS: `--max-old-space-size=${HEAP_MB} ${values['node-options'] ?? ''}`.trim(),
      },
      /playground at (http:\/\/[\d.]+:\d+)\/graphql/,
    );
    const url = gw.match[1]!;
    const traffic = TRAFFIC_PER_SECOND > 0 ? await startTraffic(url, WORLD, TRAFFIC_PER_SECOND) : null;
    const pass = await watchPass(gw, url);
    const seen = await traffic?.stop();
    const metrics = pass.died ? '' : await (await fetch(`${url}/metrics`)).text().catch(() => '');
    const heap = Number(
      /^cg_nodejs_heap_size_used_bytes (\d+)/m.exec(metrics)?.[1] ??
        /^nodejs_heap_size_used_bytes (\d+)/m.exec(metrics)?.[1] ??
        NaN,
    );
    await gw.stop();
    const rows = [...passRows(pass, heap, gw.output()), ...(seen ? trafficRows(seen) : [])];
    const md = [
      '## Backfill soak',
      '',
      '| what | value | notes |',
      '|---|---:|---|',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
    ].join('\n');
    mkdirSync(join(import.meta.dirname, 'results'), { recursive: true });
    writeFileSync(join(import.meta.dirname, 'results', 'latest-soak.md'), md);
    process.stdout.write(md);
    if (pass.died || pass.peak > LIMIT_BYTES || (seen?.lost ?? 0) > 0 || (seen?.unknown ?? 0) > 0) return 1;
    return 0;
  } finally {
    await sandbox.stop();
    await db.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
