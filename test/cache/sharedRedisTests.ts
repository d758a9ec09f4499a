/**
 * What every Redis topology must do for a deployment of replicas: the tests run on a
 * standalone redis-server (cache.test.ts) and on a Cluster and under Sentinel
 * (redisTopologies.test.ts) — warm lookups from Redis, single flight, shared invalidation,
 * pub/sub, a 410 from the feed, shared rate limits.
 */
import { expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { FULL_PROFILE } from '../helpers/queries.ts';
import { dept, resetStats, setFaults, stats } from '../helpers/sandbox.ts';

const total = (s: Record<string, Record<string, number>>): number =>
  Object.values(s).reduce((n, r) => n + Object.values(r).reduce((a, b) => a + b, 0), 0);
/** Department calls, without the change-feed polls (they are not lookups). */
export const lookups = (s: Record<string, Record<string, number>>): number =>
  total(s) - (s.credit?.['GET /credit/v1/changes'] ?? 0);

/** What the tests need from their suite: the sandbox, its sample codes, and replicas on the suite's Redis. */
export interface SharedRedisSuite {
  sb: Sandbox;
  traits: Record<string, string[]>;
  /** A replica on the suite's Redis, ready (the suite closes it after each test). */
  gateway(env?: Record<string, string>, now?: () => number): Promise<TestGateway>;
}

/**
 * A replica on a suite's Redis (`redisEnv`: its address variables), kept in `gateways` for the
 * suite to close, returned once Redis is ready for it and its department limits are shared.
 */
export async function startSharedGateway(
  sb: Sandbox,
  redisEnv: Record<string, string>,
  gateways: TestGateway[],
  env: Record<string, string> = {},
  now?: () => number,
): Promise<TestGateway> {
  const gw = await startTestGateway(sb, now ? { now } : {}, { ...redisEnv, ...env });
  gateways.push(gw);
  // Redis ready before measuring (a Cluster or Sentinel takes longer to discover than a server).
  await expect
    .poll(async () => ((await (await fetch(`${gw.url}/readyz`)).json()) as any).redis, {
      timeout: 5000,
      interval: 20,
    })
    .toBe('ready');
  // The departments' limits are counted in Redis for every replica.
  expect(((await (await fetch(`${gw.url}/readyz`)).json()) as any).departmentLimits).toBe('shared');
  return gw;
}

/** A change at the credit platform (a consent granted), which its change feed then names. */
async function grantConsentAtPlatform(sb: Sandbox, uscc: string): Promise<void> {
  const res = await dept(sb, 'credit', '/credit/v1/consents', {
    method: 'POST',
    body: JSON.stringify({
      uscc,
      grantee: 'x',
      scopes: ['TAX_PAID'],
      purpose: 'PRE_CREDIT',
      expiresAt: '2027-01-01T00:00:00Z',
    }),
  });
  expect(res.status).toBe(201);
}

/** Registers the tests in the calling describe block. */
export function sharedRedisTests(suite: () => SharedRedisSuite): void {
  it('warm lookups make zero department calls, from L1 and from Redis in a fresh replica', async () => {
    const a = await suite().gateway();
    const uscc = suite().traits.dishonestDebtor![0]!;
    const cold = await a.query(FULL_PROFILE, { uscc });
    expect(cold.body.errors).toBeUndefined();
    expect(lookups(await stats(suite().sb))).toBeGreaterThan(0);
    await resetStats(suite().sb);
    const warm = await a.query(FULL_PROFILE, { uscc });
    expect(warm.body.data).toEqual(cold.body.data);
    expect(lookups(await stats(suite().sb))).toBe(0);
    const b = await suite().gateway();
    const fromRedis = await b.query(FULL_PROFILE, { uscc });
    expect(fromRedis.body.data.enterprise.records).toEqual(cold.body.data.enterprise.records);
    expect(lookups(await stats(suite().sb))).toBe(0);
  });

  it('50 concurrent cold requests for one enterprise make one call per department route, across two replicas', async () => {
    const a = await suite().gateway();
    const b = await suite().gateway();
    const uscc = suite().traits.multiDomain![0]!;
    await setFaults(suite().sb, 'court', { latencyMs: 150 });
    await setFaults(suite().sb, 'tax', { latencyMs: 150 });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, k) => (k % 2 ? a : b).query(FULL_PROFILE, { uscc })),
      );
      for (const r of results) expect(r.body.errors).toBeUndefined();
      const s = await stats(suite().sb);
      for (const [d, routes] of Object.entries(s))
        for (const [route, n] of Object.entries(routes))
          if (route !== 'GET /credit/v1/changes') expect(n, `${d} ${route}`).toBe(1);
    } finally {
      await setFaults(suite().sb, 'court', null);
      await setFaults(suite().sb, 'tax', null);
    }
  });

  it('two replicas sharing Redis see a repair at the same time', async () => {
    const a = await suite().gateway({ CHANGE_POLL_MS: '200' });
    const b = await suite().gateway({ CHANGE_POLL_MS: '200' });
    const uscc = suite().traits.seriousPenalty![1] ?? suite().traits.seriousPenalty![0]!;
    const q =
      'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict basis { records { id recordRef } } } }';
    const before = await a.query(q, { u: uscc });
    await b.query(q, { u: uscc });
    expect(before.body.data.creditCheck.verdict).toBe('RESTRICTED');
    const recordRef = before.body.data.creditCheck.basis.records[0].recordRef;
    await dept(suite().sb, 'credit', '/credit/v1/repairs', {
      method: 'POST',
      body: JSON.stringify({ uscc, recordRef, decidedBy: 'market' }),
    });
    const flipped = async (gw: TestGateway): Promise<number> => {
      const t0 = Date.now();
      while (Date.now() - t0 < 2000) {
        if ((await gw.query(q, { u: uscc })).body.data.creditCheck.verdict !== 'RESTRICTED')
          return Date.now();
        await new Promise((r) => setTimeout(r, 50));
      }
      return Infinity;
    };
    const [ta, tb] = await Promise.all([flipped(a), flipped(b)]);
    expect(Number.isFinite(ta) && Number.isFinite(tb)).toBe(true);
  });

  it('the gateway’s own write reaches another replica’s L1 through pub/sub, without the feed', async () => {
    const a = await suite().gateway();
    const b = await suite().gateway(); // feed polling off (60 s): only pub/sub can tell it
    const uscc = suite().traits.generalPenalty![2]!;
    const q = 'query($u: USCC!) { enterprise(uscc: $u) { records { id recordRef status } } }';
    const owner = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    const recs = (await b.query(q, { u: uscc }, owner)).body.data.enterprise.records;
    expect(recs.length).toBeGreaterThan(0);
    const target = recs.find((r: any) => r.status === 'ACTIVE' && r.id.startsWith('market:')) ?? recs[0];
    const filed = await a.query(
      'mutation($r: String!) { fileObjection(input: { recordRef: $r, reason: "有误" }) { accepted } }',
      { r: target.recordRef },
      owner,
    );
    expect(filed.body.data.fileObjection.accepted).toBe(true);
    await expect
      .poll(
        async () =>
          (await b.query(q, { u: uscc }, owner)).body.data.enterprise.records.find(
            (r: any) => r.id === target.id,
          )?.status,
        { timeout: 2000, interval: 50 },
      )
      .toBe('DISPUTED');
  });

  it('a 410 from the change feed drops every tier wholesale, in every replica', async () => {
    const a = await suite().gateway(); // its feed is read by hand below, so the order is certain
    const b = await suite().gateway();
    const uscc = suite().traits.clean![4]!;
    const q = 'query($u: USCC!) { enterprise(uscc: $u) { name tax { aLevelTaxpayer } } }';
    await a.query(q, { u: uscc });
    await b.query(q, { u: uscc });
    await resetStats(suite().sb);
    // A change, the platform forgets its history, another change: a's cursor is now too old.
    const consent = (): Promise<void> =>
      grantConsentAtPlatform(suite().sb, suite().traits.generalPenalty![0]!);
    await consent();
    await fetch(`${suite().sb.urls.control}/__sandbox/feed/compact`, { method: 'POST' });
    await consent();
    await a.server.follower.poll();
    let calls = 0;
    // Through pub/sub at once; under a busy machine, at the latest by the 5 s generation read.
    for (let i = 0; i < 140 && calls === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      await resetStats(suite().sb);
      await b.query(q, { u: uscc });
      calls = lookups(await stats(suite().sb));
    }
    // b never read the feed: it dropped its L1 because a moved every replica to a new generation.
    expect(calls).toBeGreaterThan(0);
  });

  it('after the platform’s feed restarts, a change under a recycled number still reaches every replica', async () => {
    const a = await suite().gateway(); // its feed is read by hand below, so the order is certain
    const b = await suite().gateway();
    const control = suite().sb.urls.control;
    const restart = async (): Promise<void> => {
      await fetch(`${control}/__sandbox/feed/restart`, { method: 'POST' });
      await a.server.follower.poll(); // 410: the old cursor is from another boot
      await a.server.follower.poll(); // the new boot's position
    };
    // Before the restart a change numbered 1 is claimed; after it, number 1 names another change.
    await restart();
    await grantConsentAtPlatform(suite().sb, suite().traits.generalPenalty![0]!);
    await a.server.follower.poll();
    await restart();
    // Both replicas on the generation the reset moved to, then warm with the enterprise.
    await a.server.cache.syncGeneration();
    await b.server.cache.syncGeneration();
    const uscc = suite().traits.seriousPenalty![2] ?? suite().traits.seriousPenalty![0]!;
    const q =
      'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict basis { records { recordRef } } } }';
    const before = await a.query(q, { u: uscc });
    await b.query(q, { u: uscc });
    expect(before.body.data.creditCheck.verdict).toBe('RESTRICTED');
    await resetStats(suite().sb);
    expect((await b.query(q, { u: uscc })).body.data.creditCheck.verdict).toBe('RESTRICTED');
    expect(lookups(await stats(suite().sb))).toBe(0); // b answers from its cache
    for (const { recordRef } of before.body.data.creditCheck.basis.records)
      await dept(suite().sb, 'credit', '/credit/v1/repairs', {
        method: 'POST',
        body: JSON.stringify({ uscc, recordRef, decidedBy: 'market' }),
      });
    await a.server.follower.poll(); // the repair, numbered 1 again
    const verdict = async (gw: TestGateway): Promise<string> =>
      (await gw.query(q, { u: uscc })).body.data.creditCheck.verdict;
    await expect.poll(() => verdict(a), { timeout: 2000, interval: 50 }).not.toBe('RESTRICTED');
    await expect.poll(() => verdict(b), { timeout: 2000, interval: 50 }).not.toBe('RESTRICTED');
  });

  it('rate limits are shared across replicas through Redis', async () => {
    const a = await suite().gateway({ RATE_LIMIT_PER_PRINCIPAL: '4' });
    const b = await suite().gateway({ RATE_LIMIT_PER_PRINCIPAL: '4' });
    const clerk = await headersFor({ role: 'clerk', org: 'hall-rl', subject: 'shared-clerk' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await (i % 2 ? a : b).query('{ __typename }', {}, clerk)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });
}
