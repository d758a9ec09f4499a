/**
 * `npm run bench [-- --quick | --smoke]`: the embedded lookup's speed, as ratios against baselines
 * measured in the same run. Starts the sandbox with a realistic latency profile, the gateways and
 * the baselines, each its own process on loopback, drives load from another process (autocannon),
 * and writes bench/results/<time>.json and bench/results/latest.md.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken } from '../src/auth/devIssuer.ts';
import { parseCli } from '../src/util/cli.ts';
import { postgresBinaries, startPostgres, type TestPostgres } from '../test/helpers/postgres.ts';
import { redisAvailable, startRedis, type TestRedis } from '../test/helpers/redis.ts';
import type { LoadJob, LoadResult } from './loadWorker.ts';
import {
  parseSandboxUrls,
  registryCodes,
  sandboxGatewayEnv,
  sampleMemory,
  startProc,
  ANY_SANDBOX_PORTS,
  type Proc,
} from './processes.ts';

const HELP = `npm run bench [-- --quick | --smoke] [--out FILE]

Measures the gateway against baselines in the same run (ratios, never absolute targets): starts
the sandbox with a latency profile, the gateways, Redis and PostgreSQL where installed, and drives
load from another process. A full run takes about 4 minutes; see bench/README.md.
  --quick      2 s per workload (a rough look)
  --smoke      1 s per workload: every workload answers correctly (CI)
  --out FILE   where the JSON results go (default bench/results/<time>.json)`;
const { values } = parseCli(
  {
    options: {
      quick: { type: 'boolean' },
      smoke: { type: 'boolean' },
      out: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  },
  HELP,
);
const MODE = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
/** Seconds per workload, and for the mixed one. */
const SECONDS = { full: { w: 8, mixed: 20 }, quick: { w: 2, mixed: 6 }, smoke: { w: 1, mixed: 2 } }[MODE];
/** Department latency profile (ms): fixed + jitter, as the issue sets it. */
const LATENCY: Record<string, number> = { tax: 40, market: 30, environment: 60, court: 120, credit: 20 };
const SLOWEST_MS = Math.max(...Object.values(LATENCY));

const procs: Proc[] = [];
let redis: TestRedis | null = null;
let db: TestPostgres | null = null;
const log = (s: string): void => void process.stderr.write(`${s}\n`);

/** One measured workload. */
interface Row {
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

async function runLoad(job: LoadJob, dir: string): Promise<LoadResult> {
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

async function main(): Promise<void> {
  const started = Date.now();
  const tmp = mkdtempSync(join(tmpdir(), 'cg-bench-'));
  log(`bench (${MODE}): starting the sandbox, gateways and baselines…`);
  const ports = ANY_SANDBOX_PORTS;
  const sandbox = await startProc(
    'sandbox/cli.ts',
    { ...ports, SANDBOX_SIZE: '5000', SANDBOX_MARKET_RATE_LIMIT: '100000' },
    /control\s+http:\/\/\S+\n/,
  );
  procs.push(sandbox);
  const urls = parseSandboxUrls(sandbox.output());
  const control = urls.control!;
  for (const [d, ms] of Object.entries(LATENCY)) {
    await fetch(`${control}/__sandbox/faults/${d}`, {
      method: 'PUT',
      body: JSON.stringify({ latencyMs: ms * 0.9, jitterMs: ms * 0.2, rateLimitPerSec: 100000 }),
    });
  }
  if (redisAvailable()) redis = await startRedis();
  // The city ledger on a PostgreSQL of its own, as a deployment runs it (embedded PGlite: a row apart).
  const pgBin = postgresBinaries();
  if (pgBin) db = await startPostgres(pgBin);
  const gatewayEnv = (extra: Record<string, string>): Record<string, string> => ({
    ...sandboxGatewayEnv(urls, join(tmp, `audit-${Math.random().toString(36).slice(2)}.jsonl`)),
    ...(db ? { LEDGER: 'true', DATABASE_URL: db.url, BACKFILL: 'false' } : { LEDGER: 'false' }),
    // Each gateway its own replica: its own audit chain in the archive.
    REPLICA_ID: `bench-${Math.random().toString(36).slice(2, 8)}`,
    OPERATION_TIMEOUT_MS: '30000',
    // Production's heap bound (package.json start:gateway); the L1 cache's 64 MB budget fits inside it.
    NODE_OPTIONS: '--max-old-space-size=224',
    ...extra,
  });
  // Production runs compiled JavaScript (npm run build): the gateways here do too.
  execFileSync(
    process.execPath,
    ['--import', 'tsx', join(import.meta.dirname, '..', 'scripts', 'build.ts')],
    {
      stdio: 'ignore',
    },
  );
  const startGateway = async (
    extra: Record<string, string>,
    script = 'dist/src/main.js',
  ): Promise<string> => {
    const p = await startProc(script, gatewayEnv(extra), /playground at (http:\/\/[\d.]+:\d+)\/graphql/);
    procs.push(p);
    return p.match[1]!;
  };
  // Start-up, measured alone (the six gateways below start at once and share the CPU): compiled, and through tsx.
  const startupAlone: Record<string, number> = {};
  for (const [kind, script] of [
    ['compiled', 'dist/src/main.js'],
    ['tsx', 'src/main.ts'],
  ] as const) {
    const p = await startProc(script, gatewayEnv({}), /playground at (http:\/\/[\d.]+:\d+)\/graphql/);
    startupAlone[kind] = p.startedMs;
    await p.stop();
  }
  const noCache = {
    CACHE_TTL_TAX: '0',
    CACHE_TTL_MARKET: '0',
    CACHE_TTL_ENVIRONMENT: '0',
    CACHE_TTL_COURT: '0',
    CACHE_TTL_CREDIT: '0',
  };
  const mixedEnv = { CACHE_TTL_COURT: '2', CACHE_MAX_STALE_SECONDS: '3600' };
  const [gwL1, gwNoSync, gwRedis, gwCold, gwMixedOk, gwMixed] = await Promise.all([
    startGateway({}),
    // The audit log's group fsync (on by default) against none: what durability costs.
    startGateway({ AUDIT_FSYNC: 'false' }),
    redis ? startGateway({ REDIS_URL: redis.url }) : Promise.resolve(null),
    startGateway(noCache),
    startGateway(mixedEnv),
    startGateway(mixedEnv),
  ]);

  // Enterprises, tokens, consents.
  const codes = await registryCodes(urls.market!, 600);
  const warmCodes = codes.slice(0, 200);
  const coldCodes = codes.slice(200, 600);
  const bankCodes = codes.slice(0, 100);
  const ttl = 24 * 3600;
  const clerk = {
    authorization: `Bearer ${await mintDevToken({ role: 'clerk', org: 'hall-bench', ttlSeconds: ttl })}`,
    'x-purpose': 'LICENSING',
  };
  const regulator = {
    authorization: `Bearer ${await mintDevToken({ role: 'regulator', org: 'samr-bench', ttlSeconds: ttl })}`,
    'x-purpose': 'SUPERVISION',
  };
  const bank = {
    authorization: `Bearer ${await mintDevToken({ role: 'bank', org: 'bench-bank', ttlSeconds: ttl })}`,
    'x-purpose': 'PRE_CREDIT',
  };
  await Promise.all(
    bankCodes.map((uscc) =>
      fetch(`${urls.credit}/credit/v1/consents`, {
        method: 'POST',
        headers: { 'x-app-key': 'sandbox' },
        body: JSON.stringify({
          uscc,
          grantee: 'bench-bank',
          scopes: ['TAX_RATINGS', 'TAX_PAID', 'ARREARS', 'COMMITMENTS'],
          purpose: 'PRE_CREDIT',
          expiresAt: '2099-01-01T00:00:00Z',
        }),
      }),
    ),
  );

  const CHECK =
    'query Check($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) { verdict measures { code } basis { evaluation { grade ruleSet version } } sources { department status fetchedAt } } }';
  const PROFILE =
    'query Profile($u: USCC!) { enterprise(uscc: $u) { name registration { status establishedOn } tax { aLevelTaxpayer arrears } environment { latestCard } judicial { dishonestDebtor { caseCode } enforcementCases { caseCode } } credit { commitments { id } lists { id } } records { id severity status } evaluation { grade } sources { department status } } }';
  const BATCH =
    'query Batch($us: [USCC!]!) { enterprises(usccs: $us) { uscc name tax { aLevelTaxpayer ratings { year grade } taxPaid { year amount } arrears } credit { commitments { id status } } records { id severity } } }';
  const body = (query: string, variables: Record<string, unknown>): string =>
    JSON.stringify({ query, variables });
  const checkBodies = warmCodes.map((u) => body(CHECK, { u }));

  // Warm the caches and take the answers the bare baseline will serve.
  log('warming the caches…');
  const answers: Record<string, unknown> = {};
  for (const gw of [gwL1, gwNoSync, gwRedis].filter((g): g is string => g !== null)) {
    for (let i = 0; i < warmCodes.length; i += 20) {
      await Promise.all(
        warmCodes.slice(i, i + 20).map(async (u) => {
          const r = await fetch(`${gw}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', ...clerk },
            body: body(CHECK, { u }),
          });
          answers[u] = await r.json();
        }),
      );
    }
    await fetch(`${gw}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...bank },
      body: body(BATCH, { us: bankCodes }),
    });
  }
  const mapFile = join(tmp, 'answers.json');
  writeFileSync(mapFile, JSON.stringify(answers));
  const bare = await startProc(
    'bench/baselines/bareServer.ts',
    { BASELINE_MAP: mapFile },
    /listening on (\S+)/,
  );
  const apollo = await startProc('bench/baselines/apolloConstant.ts', {}, /listening on (\S+)/);
  const answerFile = join(tmp, 'answer.json');
  writeFileSync(answerFile, JSON.stringify(answers[warmCodes[0]!]));
  const apolloSchema = await startProc(
    'bench/baselines/apolloSchema.ts',
    { BASELINE_ANSWER: answerFile },
    /listening on (\S+)/,
  );
  const direct = await startProc(
    'bench/baselines/directFanout.ts',
    { BASELINE_DEPARTMENTS: JSON.stringify(urls) },
    /listening on (\S+)/,
  );
  procs.push(bare, apollo, apolloSchema, direct);

  const rows: Row[] = [];
  const measure = async (
    workload: string,
    job: Omit<LoadJob, 'durationSeconds'> & { durationSeconds?: number },
    opts: { gateway?: string; during?: () => Promise<void>; note?: string } = {},
  ): Promise<LoadResult> => {
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
    const stats = (await (await fetch(`${control}/__sandbox/stats`)).json()) as Record<
      string,
      Record<string, number>
    >;
    const calls = Object.values(stats).reduce(
      (n, routes) =>
        n +
        Object.entries(routes)
          .filter(([r]) => r !== 'GET /credit/v1/changes')
          .reduce((a, [, c]) => a + c, 0),
      0,
    );
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
  const post = (url: string): string => `${url}/graphql`;
  const fresh = (list: string[]) => list.map((u) => body(PROFILE, { u }));

  // Baselines first.
  const bBare = await measure('baseline: bare node server, in-memory map', {
    url: post(bare.match[1]!),
    headers: {},
    bodies: checkBodies,
    connections: 32,
    expect: '"verdict"',
  });
  const bApollo = await measure('baseline: minimal Apollo Server, constant', {
    url: apollo.match[1]!,
    headers: {},
    bodies: ['{"query":"{ check }"}'],
    connections: 32,
    expect: 'FAST_TRACK',
  });
  const bApolloCheck = await measure("baseline: Apollo, check's response from memory", {
    url: apolloSchema.match[1]!,
    headers: {},
    bodies: checkBodies,
    connections: 32,
    expect: '"verdict"',
  });
  const bDirect = await measure('baseline: direct parallel department calls', {
    url: post(direct.match[1]!),
    headers: {},
    bodies: fresh(coldCodes),
    connections: 16,
    expect: '"bytes"',
  });

  // Workloads.
  const warmL1 = await measure(
    '1. approval check, warm (L1 only)',
    { url: post(gwL1), headers: clerk, bodies: checkBodies, connections: 32, expect: '"verdict"' },
    { gateway: gwL1 },
  );
  const warmNoSync = await measure(
    '1. approval check, warm (L1 only), audit fsync off',
    { url: post(gwNoSync), headers: clerk, bodies: checkBodies, connections: 32, expect: '"verdict"' },
    { gateway: gwNoSync },
  );
  const warmRedis = gwRedis
    ? await measure(
        '1. approval check, warm (with Redis)',
        { url: post(gwRedis), headers: clerk, bodies: checkBodies, connections: 32, expect: '"verdict"' },
        { gateway: gwRedis },
      )
    : null;
  // The same ratios, paired: the baseline and the warm rows alternate in short slices, so a
  // stretch in which the machine is busy (PostgreSQL's own work, the other processes) weighs on
  // both sides of each ratio; the median over the alternations is reported beside the row's ratio.
  const paired: { l1: number[]; redis: number[] } = { l1: [], redis: [] };
  const slice = MODE === 'full' ? 3 : 1;
  const sliceJob = (url: string, headers: Record<string, string>) => ({
    url,
    headers,
    bodies: checkBodies,
    connections: 32,
    expect: '"verdict"',
    durationSeconds: slice,
  });
  /** A slice's req/s; a wrong answer in a slice is as much a failure as in a row. */
  const sliceRps = async (url: string, headers: Record<string, string>): Promise<number> => {
    const r = await runLoad(sliceJob(url, headers), tmp);
    if (r.wrongAnswers || r.non2xx || r.socketErrors) throw new Error(`a paired slice against ${url} failed`);
    return r.rps;
  };
  log(`▶ the warm rows paired with their baseline (${MODE === 'full' ? 3 : 1} × ${slice} s each)…`);
  for (let k = 0; k < (MODE === 'full' ? 3 : 1); k++) {
    const base = await sliceRps(apolloSchema.match[1]!, {});
    paired.l1.push((await sliceRps(post(gwL1), clerk)) / base);
    if (gwRedis) paired.redis.push((await sliceRps(post(gwRedis), clerk)) / base);
  }
  const cold = await measure(
    '2. profile, cold',
    {
      url: post(gwCold),
      headers: regulator,
      bodies: fresh(coldCodes),
      connections: 16,
      expect: '"evaluation"',
    },
    { gateway: gwCold },
  );
  // A cold batch takes about half a second on the bulk lane: give it at least 3 s so even the smoke run completes some.
  const batchCold = await measure(
    '3. bank batch of 100, cold',
    {
      url: post(gwCold),
      headers: bank,
      bodies: [body(BATCH, { us: bankCodes })],
      connections: 2,
      expect: '"taxPaid"',
      durationSeconds: Math.max(3, SECONDS.w),
    },
    { gateway: gwCold },
  );
  const batchWarm = await measure(
    '3. bank batch of 100, warm',
    {
      url: post(gwL1),
      headers: bank,
      bodies: [body(BATCH, { us: bankCodes })],
      connections: 4,
      expect: '"taxPaid"',
    },
    { gateway: gwL1 },
  );
  const mixedBodies = coldCodes
    .slice(0, 200)
    .flatMap((u, k) =>
      k % 10 < 7
        ? [body(CHECK, { u })]
        : k % 10 < 9
          ? [body(PROFILE.replace(' evaluation { grade }', ''), { u })]
          : [body('query Search { searchEnterprises(keyword: "科技", first: 10) { totalCount } }', {})],
    );
  const rate = MODE === 'smoke' ? 50 : 150;
  /** The measured mix on one gateway. */
  const mixJob = (gw: string) => ({
    url: post(gw),
    headers: clerk,
    bodies: mixedBodies,
    connections: 64,
    overallRate: rate,
    durationSeconds: SECONDS.mixed,
    // Registry searches are not lookups of an enterprise already seen: their latency apart.
    splitOn: 'searchEnterprises',
  });
  // Each gateway sees every enterprise of the mix once first (the first-seen requests, reported on
  // their own: they wait for the departments); 4a and 4b then measure enterprises already seen.
  const firstPass = (gateway: string, workload: string) =>
    measure(
      workload,
      { ...mixJob(gateway), durationSeconds: SECONDS.w, amount: mixedBodies.length, splitOn: undefined },
      { gateway, note: `${rate} req/s offered, each enterprise once` },
    );
  await firstPass(gwMixedOk, '4. service-hall mix, first-seen enterprises');
  await firstPass(gwMixed, '4. service-hall mix, first-seen enterprises (4b gateway)');
  // One more pass, not measured, right before each gateway's measured run: the first took longer
  // than the courts' 2 s TTL (the cold path queues at the courts), and each gateway then sits idle
  // while the other is measured, so its entries expire before their next reader — that is a TTL
  // shorter than the gap between readers, not expiry in steady state, which 4a and 4b measure.
  const secondPass = (gw: string) =>
    runLoad({ ...mixJob(gw), durationSeconds: 0, amount: mixedBodies.length, splitOn: undefined }, tmp);
  await secondPass(gwMixedOk);
  // The same mix, from the same start, with every department up: the failure's baseline.
  const mixedOk = await measure('4a. service-hall mix, all departments up', mixJob(gwMixedOk), {
    gateway: gwMixedOk,
    note: `${rate} req/s offered`,
  });
  await secondPass(gwMixed);
  const mixed = await measure('4b. service-hall mix, court down midway', mixJob(gwMixed), {
    gateway: gwMixed,
    note: `${rate} req/s offered`,
    during: async () => {
      await new Promise((r) => setTimeout(r, (SECONDS.mixed * 1000) / 2));
      await fetch(`${control}/__sandbox/faults/court`, {
        method: 'PUT',
        body: JSON.stringify({ down: true }),
      });
    },
  });
  await fetch(`${control}/__sandbox/faults/court`, { method: 'PUT', body: JSON.stringify({ down: false }) });

  // 5. The embedded lookup while bulk readers pull: approval checks at a fixed rate on the cold
  // gateway (every check asks every department), alone and then with bank batches of 100 running.
  // The bulk lane caps the batches' share of each department, so the checks should not queue behind them.
  const checkRate = MODE === 'smoke' ? 10 : 20;
  const coldChecks = coldCodes.map((u) => body(CHECK, { u }));
  const checkJob = {
    url: post(gwCold),
    headers: clerk,
    bodies: coldChecks,
    connections: 16,
    overallRate: checkRate,
    expect: '"verdict"',
  };
  const alone = await measure('5a. approval check, cold, alone', checkJob, {
    gateway: gwCold,
    note: `${checkRate} req/s offered`,
  });
  const underBulk = await measure('5b. approval check, cold, during bank bulk reads', checkJob, {
    gateway: gwCold,
    note: `${checkRate} req/s offered; 4 bank batches of 100 in flight`,
    during: async () => {
      const bulk = await runLoad(
        {
          url: post(gwCold),
          headers: bank,
          bodies: [body(BATCH, { us: bankCodes })],
          connections: 4,
          durationSeconds: SECONDS.w,
          expect: '"taxPaid"',
        },
        tmp,
      );
      log(
        `  (bulk alongside: ${bulk.requests} batches, p50 ${bulk.latency.p50} ms, wrong answers ${bulk.wrongAnswers})`,
      );
    },
  });

  // The embedded ledger's footprint, a row of its own: the warm check on a gateway with PGlite.
  const gwPglite = await startGateway({ LEDGER: 'true', LEDGER_DIR: join(tmp, 'pglite'), DATABASE_URL: '' });
  for (const u of warmCodes)
    await fetch(`${gwPglite}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...clerk },
      body: body(CHECK, { u }),
    });
  await measure(
    '1. approval check, warm (L1 only), embedded PGlite ledger',
    { url: post(gwPglite), headers: clerk, bodies: checkBodies, connections: 32, expect: '"verdict"' },
    { gateway: gwPglite },
  );
  // What the gateways hold once the whole benchmark has run through them.
  const rssNow = async (gw: string): Promise<number> =>
    Math.round(
      Number(
        /cg_process_resident_memory_bytes (\d+)/.exec(await (await fetch(`${gw}/metrics`)).text())?.[1] ?? 0,
      ) / 1e6,
    );
  const rssAfter = {
    l1: await rssNow(gwL1),
    cold: await rssNow(gwCold),
    redis: gwRedis ? await rssNow(gwRedis) : null,
    pglite: await rssNow(gwPglite),
  };
  log(`RSS after the benchmark: ${JSON.stringify(rssAfter)} MB`);

  // Ratios against the baselines measured above.
  const byName = (n: string): Row => rows.find((r) => r.workload === n)!;
  const pctOf = (a: number, b: number): string => `${((a / b) * 100).toFixed(0)}%`;
  const times = (a: number, b: number): string => `${(a / b).toFixed(2)}×`;
  byName('baseline: minimal Apollo Server, constant').baseline = 'bare server';
  byName('baseline: minimal Apollo Server, constant').ratio = `${pctOf(bApollo.rps, bBare.rps)} of its req/s`;
  for (const [name, r] of [
    ['1. approval check, warm (L1 only)', warmL1],
    ['1. approval check, warm (with Redis)', warmRedis],
  ] as const) {
    if (!r) continue;
    byName(name).baseline = 'Apollo check from memory (bare server; Apollo constant)';
    byName(name).ratio =
      `${pctOf(r.rps, bApolloCheck.rps)} (${pctOf(r.rps, bBare.rps)}; ${pctOf(r.rps, bApollo.rps)}) of req/s; p50 ${times(r.latency.p50 || 0.5, bBare.latency.p50 || 0.5)}`;
  }
  byName("baseline: Apollo, check's response from memory").baseline = 'Apollo constant';
  byName("baseline: Apollo, check's response from memory").ratio =
    `${pctOf(bApolloCheck.rps, bApollo.rps)} of its req/s`;
  if (warmRedis)
    byName('1. approval check, warm (with Redis)').ratio +=
      `; ${pctOf(warmRedis.rps, warmL1.rps)} of warm L1`;
  const medianPct = (xs: number[]): string =>
    `${Math.round(100 * [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!)}%`;
  byName('1. approval check, warm (L1 only)').ratio +=
    `; paired with the baseline: ${medianPct(paired.l1)} (median of ${paired.l1.length} alternations of ${slice} s)`;
  if (warmRedis && paired.redis.length)
    byName('1. approval check, warm (with Redis)').ratio +=
      `; paired with the baseline: ${medianPct(paired.redis)} (median of ${paired.redis.length} alternations of ${slice} s)`;
  // The audit's group fsync (the default, in row 1) against none.
  byName('1. approval check, warm (L1 only), audit fsync off').baseline = 'row 1 (group fsync on)';
  byName('1. approval check, warm (L1 only), audit fsync off').ratio =
    `fsync on: ${times(warmL1.rps, warmNoSync.rps)} the req/s, p50 ${times(warmL1.latency.p50 || 0.5, warmNoSync.latency.p50 || 0.5)}`;
  byName('2. profile, cold').baseline = `direct calls (slowest dept ${SLOWEST_MS} ms)`;
  byName('2. profile, cold').ratio =
    `p50 ${times(cold.latency.p50, bDirect.latency.p50)} (${times(cold.latency.p50, SLOWEST_MS)})`;
  /** The mix's lookups of enterprises already seen, and its registry searches, apart. */
  const splitText = (r: LoadResult): string =>
    r.split
      ? `; lookups (${r.split.rest.count}) p50 ${r.split.rest.p50} p95 ${r.split.rest.p95} p99 ${r.split.rest.p99} ms, registry searches (${r.split.matched.count}) p50 ${r.split.matched.p50} p99 ${r.split.matched.p99} ms`
      : '';
  /** The keys whose fetch a reader waited for in a row, by source and reason. */
  const waitedText = (workload: string): string => {
    const w = Object.entries(byName(workload).waited);
    return `; reads that waited for a department: ${w.length ? w.map(([k, n]) => `${n} ${k}`).join(', ') : 'none'}`;
  };
  byName('3. bank batch of 100, cold').baseline = 'direct calls for one';
  byName('3. bank batch of 100, cold').ratio = `p50 ${times(batchCold.latency.p50, bDirect.latency.p50)}`;
  byName('3. bank batch of 100, warm').baseline = 'bank batch, cold';
  byName('3. bank batch of 100, warm').ratio = `p50 ${times(batchWarm.latency.p50, batchCold.latency.p50)}`;
  byName('4a. service-hall mix, all departments up').baseline = 'offered rate';
  byName('4a. service-hall mix, all departments up').ratio =
    `${pctOf(mixedOk.rps, rate)} served${splitText(mixedOk)}${waitedText('4a. service-hall mix, all departments up')}`;
  byName('4b. service-hall mix, court down midway').baseline = 'offered rate; 4a';
  byName('4b. service-hall mix, court down midway').ratio =
    `${pctOf(mixed.rps, rate)} served${splitText(mixed)}${waitedText('4b. service-hall mix, court down midway')}; ${mixed.staleAnswers} stale, ${mixed.graphqlErrors.SOURCE_UNAVAILABLE ?? 0} court errors; p95 ${times(mixed.latency.p95, mixedOk.latency.p95)}, p99 ${times(mixed.latency.p99, mixedOk.latency.p99)}`;

  byName('5a. approval check, cold, alone').baseline = 'offered rate';
  byName('5a. approval check, cold, alone').ratio = `${pctOf(alone.rps, checkRate)} served`;
  byName('5b. approval check, cold, during bank bulk reads').baseline = '5a';
  byName('5b. approval check, cold, during bank bulk reads').ratio =
    `p50 ${times(underBulk.latency.p50, alone.latency.p50)}, p95 ${times(underBulk.latency.p95, alone.latency.p95)}`;

  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const md = `${renderTable(rows, machine, MODE, Date.now() - started, Boolean(redis))}\nStart-up to listening, alone: compiled ${(startupAlone.compiled! / 1000).toFixed(2)} s, through tsx ${(startupAlone.tsx! / 1000).toFixed(2)} s (${times(startupAlone.compiled!, startupAlone.tsx!)}).\n\nGateway RSS after the whole benchmark (ledger on ${db ? 'PostgreSQL' : 'none: PostgreSQL not installed'}): L1 gateway ${rssAfter.l1} MB, cold gateway ${rssAfter.cold} MB${rssAfter.redis !== null ? `, Redis gateway ${rssAfter.redis} MB` : ''}; with embedded PGlite ${rssAfter.pglite} MB.\n`;
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const outDir = values.out ?? join(import.meta.dirname, 'results');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(
    join(outDir, `${stamp}-${MODE}.json`),
    JSON.stringify(
      { mode: MODE, machine, at: new Date().toISOString(), latencyProfileMs: LATENCY, rows },
      null,
      2,
    ),
  );
  writeFileSync(join(outDir, `latest-${MODE}.md`), md);
  process.stdout.write(md);
  let commit = '';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    // not a checkout
  }
  log(
    `done in ${((Date.now() - started) / 1000).toFixed(0)} s${commit ? ` at ${commit}` : ''}; results in ${outDir}`,
  );
}

function renderTable(rows: Row[], machine: string, mode: string, ms: number, withRedis: boolean): string {
  const head =
    '| workload | req/s | p50 ms | p95 ms | p99 ms | dept calls/req | errors | stale | peak RSS MB | ratio (baseline) |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n';
  const lines = rows.map((r) => {
    const errs = r.result.non2xx + r.result.socketErrors + r.result.timeouts + r.result.wrongAnswers;
    const gqlErrs = Object.values(r.result.graphqlErrors).reduce((a, b) => a + b, 0);
    return `| ${r.workload}${r.note ? ` (${r.note})` : ''} | ${r.result.rps.toFixed(0)} | ${r.result.latency.p50} | ${r.result.latency.p95} | ${r.result.latency.p99} | ${r.deptCallsPerRequest === null ? '—' : r.deptCallsPerRequest.toFixed(2)} | ${errs}${gqlErrs ? ` (+${gqlErrs} field errors)` : ''} | ${r.result.staleAnswers} | ${r.peakRssMb ?? '—'} | ${r.ratio ? `${r.ratio} (${r.baseline})` : '—'} |`;
  });
  return `## Benchmark (${mode}, ${(ms / 1000).toFixed(0)} s)\n\nMachine: ${machine}. Department latency: ${Object.entries(
    LATENCY,
  )
    .map(([d, l]) => `${d} ${l} ms`)
    .join(
      ', ',
    )} (±10%).${withRedis ? '' : ' Redis not installed: the Redis row is missing.'}\n\n${head}${lines.join('\n')}\n`;
}

// Stopped from outside (a test's deadline, Ctrl-C): the processes it started go with it, never
// left running to load the machine for whatever runs next.
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    log(`bench: ${signal}, stopping what it started`);
    void Promise.allSettled([...procs.map((p) => p.stop()), redis?.stop(), db?.stop()]).then(() =>
      process.exit(1),
    );
  });

main()
  .catch((err: Error) => {
    log(`bench failed: ${err.stack ?? err.message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await Promise.all(procs.map((p) => p.stop()));
    await redis?.stop();
    await db?.stop();
  });
