/**
 * `npm run bench:soak -- [--size N]`: the backfill soak. The production build
 * (`dist/src/main.js`, built first from this tree) with the image's heap bound (224 MB) and shipped
 * settings — the cache's default budget, the default backfill pace — on a PostgreSQL ledger
 * backfills an N-enterprise sandbox world (300,000 by default: a city). It reports enterprises per
 * second against market regulation's floor (four calls per enterprise at its published 1,000/s),
 * the peak resident memory against the Deployment's limit (512 MiB) and the heap after, writes
 * bench/results/latest-soak.md, and exits 1 if the gateway died or went past the limit — never on
 * speed. `.ci/run` runs it at 30,000.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { postgresBinaries, startPostgres } from '../test/helpers/postgres.ts';
import { ANY_SANDBOX_PORTS, parseSandboxUrls, sandboxGatewayEnv, startProc } from './processes.ts';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    'timeout-min': { type: 'string' },
    'skip-build': { type: 'boolean' },
    /** Extra node options for the gateway (e.g. a heap snapshot near the limit, to find what grows). */
    'node-options': { type: 'string' },
  },
});
const SIZE = Number(values.size ?? 300_000);
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

async function main(): Promise<number> {
  // Built from this tree (a stale dist would soak other code), unless told it just was.
  if (!values['skip-build'] || !existsSync(join(ROOT, 'dist/src/main.js')))
    execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
  const pg = postgresBinaries();
  if (!pg) throw new Error('no PostgreSQL server installed (apt-get install -y postgresql)');
  console.error(`soak: a ${SIZE}-enterprise world…`);
  const sandbox = await startProc(
    'sandbox/cli.ts',
    { ...ANY_SANDBOX_PORTS, SANDBOX_SIZE: String(SIZE), SANDBOX_MARKET_RATE_LIMIT: '2000' },
    /control\s+http:\/\/\S+\n/,
    600_000,
  );
  const db = await startPostgres(pg);
  const tmp = mkdtempSync(join(tmpdir(), 'cg-soak-'));
  let died = false;
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
    const pid = gw.child.pid!;
    const t0 = performance.now();
    let peak = 0;
    let assessed = 0;
    for (;;) {
      if (gw.child.exitCode !== null || gw.child.signalCode !== null) {
        died = true;
        break;
      }
      const m = memoryOf(pid);
      if (m) peak = Math.max(peak, m.peak, m.rss);
      // A gateway dying mid-request resets the connection: that is the outcome, not the harness's error.
      const ready = (await fetch(`${url}/readyz`)
        .then((r) => r.json())
        .catch(() => null)) as {
        backfill?: { progress?: { assessed: number; finishedAt: string | null } | null };
      } | null;
      assessed = ready?.backfill?.progress?.assessed ?? assessed;
      if (ready?.backfill?.progress?.finishedAt) break;
      if (performance.now() - t0 > TIMEOUT_MS)
        throw new Error(`soak: not finished in ${TIMEOUT_MS / 60_000} min (${assessed} assessed)`);
      await new Promise((r) => setTimeout(r, 1000));
    }
    const seconds = (performance.now() - t0) / 1000;
    const metrics = died ? '' : await (await fetch(`${url}/metrics`)).text().catch(() => '');
    const heap = Number(
      /^cg_nodejs_heap_size_used_bytes (\d+)/m.exec(metrics)?.[1] ??
        /^nodejs_heap_size_used_bytes (\d+)/m.exec(metrics)?.[1] ??
        NaN,
    );
    await gw.stop();
    const floor = (SIZE * 4) / 1000;
    const mb = (b: number): string => `${(b / 1024 / 1024).toFixed(0)} MiB`;
    const rows = [
      [
        'world',
        `${SIZE} enterprises`,
        'sandbox, PostgreSQL ledger, production build, heap bound 224 MB, shipped defaults',
      ],
      [
        'outcome',
        died ? `**died** after ${assessed} assessed` : 'finished',
        died ? gw.output().slice(-400).replace(/\n/g, ' ') : '',
      ],
      [
        'pass time',
        `${seconds.toFixed(0)} s`,
        `${(SIZE / seconds).toFixed(0)} enterprises/s; ${(seconds / floor).toFixed(2)}× market regulation's floor (${floor.toFixed(0)} s)`,
      ],
      [
        'peak RSS',
        mb(peak),
        `${((peak / LIMIT_BYTES) * 100).toFixed(0)} % of the Deployment's 512 MiB limit`,
      ],
      ['heap after', Number.isFinite(heap) ? mb(heap) : '—', 'used heap at the end of the pass'],
    ];
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
    if (died || peak > LIMIT_BYTES) return 1;
    return 0;
  } finally {
    await sandbox.stop();
    await db.stop();
    rmSync(tmp, { recursive: true, force: true });
  }
}

process.exitCode = await main();
