/**
 * `npm run bench:profile [-- --ledger]`: a CPU profile of the warm approval check (profile before optimising); with `--ledger`, the gateway runs as deployed, on a PostgreSQL this script
 * starts (assessments recorded, its audit chain archived).
 * Starts the sandbox and one compiled gateway under `node --cpu-prof`, warms 200 enterprises,
 * drives 8 s of checks, stops the gateway (which writes the profile) and prints the functions with
 * the most self time, grouped by file. The .cpuprofile opens in Chrome DevTools.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import autocannon from 'autocannon';
import { mintDevToken } from '../src/auth/devIssuer.ts';
import { parseCli } from '../src/util/cli.ts';
import { postgresBinaries, startPostgres } from '../test/helpers/postgres.ts';
import {
  ANY_SANDBOX_PORTS,
  parseSandboxUrls,
  registryCodes,
  sandboxGatewayEnv,
  startProc,
} from './processes.ts';

const { values } = parseCli(
  { options: { ledger: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } },
  `npm run bench:profile [-- --ledger]

A CPU profile of the warm approval check: builds, starts the sandbox and one compiled gateway
under --cpu-prof, warms 200 enterprises, drives 8 s of checks and prints the functions with the
most self time. --ledger runs the gateway on a PostgreSQL it starts, as deployed.`,
);
const ROOT = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'cg-prof-'));
execFileSync(process.execPath, ['--import', 'tsx', join(ROOT, 'scripts', 'build.ts')], { stdio: 'ignore' });
const ports = ANY_SANDBOX_PORTS;
const withLedger = values.ledger === true;
const pgBin = withLedger ? postgresBinaries() : null;
if (withLedger && !pgBin) throw new Error('--ledger needs PostgreSQL (apt-get install -y postgresql)');
const db = pgBin ? await startPostgres(pgBin) : null;
const sandbox = await startProc(
  'sandbox/cli.ts',
  { ...ports, SANDBOX_SIZE: '2000' },
  /control\s+http:\/\/\S+\n/,
);
const urls = parseSandboxUrls(sandbox.output());
const gateway = spawn(
  process.execPath,
  ['--cpu-prof', `--cpu-prof-dir=${dir}`, join(ROOT, 'dist/src/main.js')],
  {
    cwd: ROOT,
    env: {
      ...process.env,
      ...sandboxGatewayEnv(urls, join(dir, 'audit.jsonl')),
      // As the benchmark's gateways run: the backfill (50 enterprises a second) is not the warm check.
      ...(db ? { DATABASE_URL: db.url, BACKFILL: 'false' } : { LEDGER: 'false' }),
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
// Nothing outlives this script, whatever happens to it.
process.on('exit', () => {
  gateway.kill('SIGKILL');
  sandbox.child.kill('SIGKILL');
});
let out = '';
gateway.stdout!.on('data', (d: Buffer) => (out += d.toString()));
while (!/playground at (http:\/\/[\d.]+:\d+)/.test(out)) await new Promise((r) => setTimeout(r, 50));
const url = /playground at (http:\/\/[\d.]+:\d+)/.exec(out)![1]!;
const headers = {
  'content-type': 'application/json',
  authorization: `Bearer ${await mintDevToken({ role: 'clerk', org: 'hall', ttlSeconds: 3600 })}`,
  'x-purpose': 'LICENSING',
};
const codes = await registryCodes(urls.market!, 200);
const CHECK =
  'query Check($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) { verdict measures { code } basis { evaluation { grade ruleSet version } } sources { department status fetchedAt } } }';
const bodies = codes.map((u) => JSON.stringify({ query: CHECK, variables: { u } }));
for (const b of bodies) await fetch(`${url}/graphql`, { method: 'POST', headers, body: b });
/** CPU seconds used so far by a process (Linux /proc; utime + stime at 100 ticks a second). */
const cpuOf = (pid: number | undefined): number => {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
};
/** Every postgres process's CPU (the one this script started is the only one it expects). */
const postgresCpu = (): number =>
  readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        return readFileSync(`/proc/${d}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    })
    .reduce((n, d) => n + cpuOf(Number(d)), 0);
const cpuBefore = {
  gateway: cpuOf(gateway.pid),
  postgres: postgresCpu(),
  sandbox: cpuOf(sandbox.child.pid),
  load: process.cpuUsage(),
};
let next = 0;
// The load's window on the monotonic clock the profile's timestamps use (µs), so the tables below
// count the steady state only: not start-up, not the warm-up's department calls, not shutdown.
const windowFrom = Number(process.hrtime.bigint() / 1000n);
const result = await autocannon({
  url: `${url}/graphql`,
  method: 'POST',
  connections: 32,
  duration: 8,
  headers,
  requests: [{ setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }) }],
});
const windowTo = Number(process.hrtime.bigint() / 1000n);
console.log(`${result.requests.average} req/s during the profile`);
// Where the machine's CPU went, per request: the gateway's share is what this profile shows.
const perRequest = (seconds: number): string => `${((seconds / result.requests.total) * 1e6).toFixed(0)} µs`;
console.log(
  `CPU per request: gateway ${perRequest(cpuOf(gateway.pid) - cpuBefore.gateway)}, postgres ${perRequest(
    postgresCpu() - cpuBefore.postgres,
  )}, sandbox ${perRequest(cpuOf(sandbox.child.pid) - cpuBefore.sandbox)}, load generator ${perRequest(
    (process.cpuUsage(cpuBefore.load).user + process.cpuUsage(cpuBefore.load).system) / 1e6,
  )}`,
);
await new Promise<void>((r) => {
  gateway.once('exit', () => r());
  gateway.kill('SIGTERM');
});
await sandbox.stop();
await db?.stop();
const file = join(
  dir,
  readdirSync(dir).find((f) => f.endsWith('.cpuprofile'))!,
);
const profile = JSON.parse(readFileSync(file, 'utf8')) as {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number } }>;
  samples: number[];
  startTime: number;
  timeDeltas: number[];
};
const self = new Map<number, number>();
let at = profile.startTime;
let total = 0;
profile.samples.forEach((s, k) => {
  at += profile.timeDeltas[k] ?? 0;
  if (at < windowFrom || at > windowTo) return;
  self.set(s, (self.get(s) ?? 0) + 1);
  total++;
});
const byFn = new Map<string, number>();
const byFile = new Map<string, number>();
for (const n of profile.nodes) {
  const hits = self.get(n.id) ?? 0;
  if (!hits) continue;
  const where = n.callFrame.url ? relative(ROOT, n.callFrame.url.replace('file://', '')) : '(native)';
  const fn = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
  byFn.set(fn, (byFn.get(fn) ?? 0) + hits);
  const group = where.startsWith('node_modules/')
    ? where
        .split('/')
        .slice(0, where.includes('/@') ? 3 : 2)
        .join('/')
    : where;
  byFile.set(group, (byFile.get(group) ?? 0) + hits);
}
const top = (m: Map<string, number>, n: number) =>
  [...m]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `${((v / total) * 100).toFixed(1).padStart(5)}%  ${k}`)
    .join('\n');
console.log(
  `\nself time by file or package (${total} samples during the load):\n${top(byFile, 30)}\n\nby function:\n${top(byFn, 30)}\n\nprofile: ${file}`,
);
