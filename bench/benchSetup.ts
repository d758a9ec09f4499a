/**
 * Everything a benchmark run starts before it measures: the sandbox with its latency profile,
 * Redis and PostgreSQL where installed, the compiled gateways, the callers (tokens, a bank's
 * consents), warm caches, and the baselines serving the answers the gateways gave.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintDevToken } from '../src/auth/devIssuer.ts';
import { postgresBinaries, startPostgres, type TestPostgres } from '../test/helpers/postgres.ts';
import { redisAvailable, startRedis, type TestRedis } from '../test/helpers/redis.ts';
import { BATCH, body, CHECK, LATENCY, log, MODE } from './benchConfig.ts';
import {
  ANY_SANDBOX_PORTS,
  parseSandboxUrls,
  registryCodes,
  sandboxGatewayEnv,
  startProc,
  type Proc,
} from './processes.ts';

/** What a run started, stopped at its end or when it is stopped from outside. */
export interface Resources {
  procs: Proc[];
  redis: TestRedis | null;
  db: TestPostgres | null;
}

/** A caller's headers. */
type Headers = Record<string, string>;

/** What the measurements use. */
export interface Setup {
  tmp: string;
  urls: Record<string, string>;
  control: string;
  /** Starts one more gateway (compiled) with these settings over the run's; its URL. */
  startGateway(extra: Record<string, string>): Promise<string>;
  /** Start-up to listening, measured alone (ms): compiled, and through tsx. */
  startupAlone: Record<string, number>;
  gw: { l1: string; noSync: string; redis: string | null; cold: string; mixedOk: string; mixed: string };
  codes: { warm: string[]; cold: string[]; bank: string[] };
  callers: { clerk: Headers; regulator: Headers; bank: Headers };
  /** The warm check's bodies, one per warm enterprise. */
  checkBodies: string[];
  baselines: { bare: string; apollo: string; apolloSchema: string; direct: string };
}

/** Starts everything, warms the gateways and the baselines. */
export async function setUp(res: Resources): Promise<Setup> {
  const tmp = mkdtempSync(join(tmpdir(), 'cg-bench-'));
  log(`bench (${MODE}): starting the sandbox, gateways and baselines…`);
  const urls = await startDepartments(res);
  const gateways = await startGateways(res, urls, tmp);
  const prepared = await prepareCallers(urls);
  const warmed = await warmAndStartBaselines(res, tmp, urls, gateways.gw, prepared);
  return { tmp, urls, control: urls.control!, ...gateways, ...prepared, ...warmed };
}

/** The sandbox with the latency profile, Redis and PostgreSQL where installed. */
async function startDepartments(res: Resources): Promise<Record<string, string>> {
  const sandbox = await startProc(
    'sandbox/cli.ts',
    { ...ANY_SANDBOX_PORTS, SANDBOX_SIZE: '5000', SANDBOX_MARKET_RATE_LIMIT: '100000' },
    /control\s+http:\/\/\S+\n/,
  );
  res.procs.push(sandbox);
  const urls = parseSandboxUrls(sandbox.output()) as Record<string, string>;
  for (const [d, ms] of Object.entries(LATENCY)) {
    await fetch(`${urls.control}/__sandbox/faults/${d}`, {
      method: 'PUT',
      body: JSON.stringify({ latencyMs: ms * 0.9, jitterMs: ms * 0.2, rateLimitPerSec: 100000 }),
    });
  }
  if (redisAvailable()) res.redis = await startRedis();
  // The city ledger on a PostgreSQL of its own, as a deployment runs it (embedded PGlite: a row apart).
  const pgBin = postgresBinaries();
  if (pgBin) res.db = await startPostgres(pgBin);
  return urls;
}

/** The compiled build, start-up measured alone, and the six gateways the workloads use. */
async function startGateways(
  res: Resources,
  urls: Record<string, string>,
  tmp: string,
): Promise<Pick<Setup, 'startGateway' | 'startupAlone' | 'gw'>> {
  const gatewayEnv = (extra: Record<string, string>): Record<string, string> => ({
    ...sandboxGatewayEnv(urls, join(tmp, `audit-${Math.random().toString(36).slice(2)}.jsonl`)),
    ...(res.db ? { LEDGER: 'true', DATABASE_URL: res.db.url, BACKFILL: 'false' } : { LEDGER: 'false' }),
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
  const listening = /playground at (http:\/\/[\d.]+:\d+)\/graphql/;
  const startGateway = async (extra: Record<string, string>): Promise<string> => {
    const p = await startProc('dist/src/main.js', gatewayEnv(extra), listening);
    res.procs.push(p);
    return p.match[1]!;
  };
  // Start-up, measured alone (the six gateways below start at once and share the CPU): compiled, and through tsx.
  const startupAlone: Record<string, number> = {};
  for (const [kind, script] of [
    ['compiled', 'dist/src/main.js'],
    ['tsx', 'src/main.ts'],
  ] as const) {
    const p = await startProc(script, gatewayEnv({}), listening);
    startupAlone[kind] = p.startedMs;
    await p.stop();
  }
  const noCache = Object.fromEntries(
    ['TAX', 'MARKET', 'ENVIRONMENT', 'COURT', 'CREDIT'].map((d) => [`CACHE_TTL_${d}`, '0']),
  );
  const mixedEnv = { CACHE_TTL_COURT: '2', CACHE_MAX_STALE_SECONDS: '3600' };
  const [l1, noSync, redis, cold, mixedOk, mixed] = await Promise.all([
    startGateway({}),
    // The audit log's group fsync (on by default) against none: what durability costs.
    startGateway({ AUDIT_FSYNC: 'false' }),
    res.redis ? startGateway({ REDIS_URL: res.redis.url }) : Promise.resolve(null),
    startGateway(noCache),
    startGateway(mixedEnv),
    startGateway(mixedEnv),
  ]);
  return { startGateway, startupAlone, gw: { l1, noSync, redis, cold, mixedOk, mixed } };
}

/** Enterprises, tokens, and the bank's consents for its batch. */
async function prepareCallers(urls: Record<string, string>): Promise<Pick<Setup, 'codes' | 'callers'>> {
  const codes = await registryCodes(urls.market!, 600);
  const bankCodes = codes.slice(0, 100);
  const ttlSeconds = 24 * 3600;
  const caller = async (role: 'clerk' | 'regulator' | 'bank', org: string, purpose: string) => ({
    authorization: `Bearer ${await mintDevToken({ role, org, ttlSeconds })}`,
    'x-purpose': purpose,
  });
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
  return {
    codes: { warm: codes.slice(0, 200), cold: codes.slice(200, 600), bank: bankCodes },
    callers: {
      clerk: await caller('clerk', 'hall-bench', 'LICENSING'),
      regulator: await caller('regulator', 'samr-bench', 'SUPERVISION'),
      bank: await caller('bank', 'bench-bank', 'PRE_CREDIT'),
    },
  };
}

/** Warms the warm gateways and takes the answers the baselines serve; starts the baselines. */
async function warmAndStartBaselines(
  res: Resources,
  tmp: string,
  urls: Record<string, string>,
  gw: Setup['gw'],
  { codes, callers }: Pick<Setup, 'codes' | 'callers'>,
): Promise<Pick<Setup, 'checkBodies' | 'baselines'>> {
  log('warming the caches…');
  const answers: Record<string, unknown> = {};
  const ask = (gateway: string, headers: Headers, text: string) =>
    fetch(`${gateway}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: text,
    });
  for (const gateway of [gw.l1, gw.noSync, gw.redis].filter((g): g is string => g !== null)) {
    for (let i = 0; i < codes.warm.length; i += 20) {
      await Promise.all(
        codes.warm.slice(i, i + 20).map(async (u) => {
          answers[u] = await (await ask(gateway, callers.clerk, body(CHECK, { u }))).json();
        }),
      );
    }
    await ask(gateway, callers.bank, body(BATCH, { us: codes.bank }));
  }
  const mapFile = join(tmp, 'answers.json');
  writeFileSync(mapFile, JSON.stringify(answers));
  const answerFile = join(tmp, 'answer.json');
  writeFileSync(answerFile, JSON.stringify(answers[codes.warm[0]!]));
  const listening = /listening on (\S+)/;
  const [bare, apollo, apolloSchema, direct] = await Promise.all([
    startProc('bench/baselines/bareServer.ts', { BASELINE_MAP: mapFile }, listening),
    startProc('bench/baselines/apolloConstant.ts', {}, listening),
    startProc('bench/baselines/apolloSchema.ts', { BASELINE_ANSWER: answerFile }, listening),
    startProc('bench/baselines/directFanout.ts', { BASELINE_DEPARTMENTS: JSON.stringify(urls) }, listening),
  ]);
  res.procs.push(bare, apollo, apolloSchema, direct);
  return {
    checkBodies: codes.warm.map((u) => body(CHECK, { u })),
    baselines: {
      bare: bare.match[1]!,
      apollo: apollo.match[1]!,
      apolloSchema: apolloSchema.match[1]!,
      direct: direct.match[1]!,
    },
  };
}
