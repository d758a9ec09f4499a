/**
 * The cache against a real redis-server on a free loopback port and the real sandbox:
 * warm lookups, round trips, single flight, shared invalidation, Redis faults, staleness, roles.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { FULL_PROFILE } from '../helpers/queries.ts';
import { commandCalls, redisAvailable, startRedis, type TestRedis } from '../helpers/redis.ts';
import { dept, resetStats, samples, setFaults, startTestSandbox, stats } from '../helpers/sandbox.ts';

const HAS_REDIS = redisAvailable();

const total = (s: Record<string, Record<string, number>>): number =>
  Object.values(s).reduce((n, r) => n + Object.values(r).reduce((a, b) => a + b, 0), 0);
/** Department calls, without the change-feed polls (they are not lookups). */
const lookups = (s: Record<string, Record<string, number>>): number =>
  total(s) - (s.credit?.['GET /credit/v1/changes'] ?? 0);

describe.skipIf(!HAS_REDIS)('cache with Redis', () => {
  let sb: Sandbox;
  let redis: TestRedis;
  let traits: Record<string, string[]>;
  const gateways: TestGateway[] = [];
  const gateway = async (env: Record<string, string> = {}, now?: () => number): Promise<TestGateway> => {
    const gw = await startTestGateway(sb, now ? { now } : {}, { REDIS_URL: redis.url, ...env });
    gateways.push(gw);
    // Wait for Redis to be ready before measuring.
    await expect
      .poll(async () => ((await (await fetch(`${gw.url}/readyz`)).json()) as any).redis, {
        timeout: 1000,
        interval: 20,
      })
      .toBe('ready');
    // The departments' limits are counted in Redis for every replica (issue 21).
    expect(((await (await fetch(`${gw.url}/readyz`)).json()) as any).departmentLimits).toBe('shared');
    return gw;
  };
  beforeAll(async () => {
    sb = await startTestSandbox({ size: 600 });
    redis = await startRedis();
    traits = await samples(sb);
  });
  afterAll(async () => {
    for (const g of gateways) await g.close();
    await redis.stop();
    await sb.close();
  });
  beforeEach(() => resetStats(sb));
  // Each test's replicas end with it: one still polling the feed could drop caches in the next test.
  afterEach(async () => {
    for (const g of gateways.splice(0)) await g.close();
  });

  const registry = async (page: number): Promise<string[]> =>
    (
      (await (await dept(sb, 'market', `/samr/v2/entities?size=50&page=${page}`)).json()) as {
        items: Array<{ uscc: string }>;
      }
    ).items.map((i) => i.uscc);

  it('warm lookups make zero department calls, from L1 and from Redis in a fresh replica', async () => {
    const a = await gateway();
    const uscc = traits.dishonestDebtor![0]!;
    const cold = await a.query(FULL_PROFILE, { uscc });
    expect(cold.body.errors).toBeUndefined();
    expect(lookups(await stats(sb))).toBeGreaterThan(0);
    await resetStats(sb);
    const warm = await a.query(FULL_PROFILE, { uscc });
    expect(warm.body.data).toEqual(cold.body.data);
    expect(lookups(await stats(sb))).toBe(0);
    const b = await gateway();
    const fromRedis = await b.query(FULL_PROFILE, { uscc });
    expect(fromRedis.body.data.enterprise.records).toEqual(cold.body.data.enterprise.records);
    expect(lookups(await stats(sb))).toBe(0);
  });

  it('a batch of 100 warm enterprises is one Redis round trip per source', async () => {
    const codes = [...(await registry(3)), ...(await registry(4))];
    const q =
      'query($u: [USCC!]!) { enterprises(usccs: $u) { name tax { aLevelTaxpayer } environment { latestCard } } }';
    const a = await gateway();
    await a.query(q, { u: codes });
    const b = await gateway();
    await redis.admin.config('RESETSTAT');
    await resetStats(sb);
    const { body } = await b.query(q, { u: codes });
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprises).toHaveLength(100);
    // registration, tax, environment: three sources, three MGETs for a hundred enterprises.
    expect(await commandCalls(redis.admin, 'mget')).toBe(3);
    expect(await commandCalls(redis.admin, 'get')).toBe(0);
    expect(lookups(await stats(sb))).toBe(0);
  });

  it('50 concurrent cold requests for one enterprise make one call per department route, across two replicas', async () => {
    const a = await gateway();
    const b = await gateway();
    const uscc = traits.multiDomain![0]!;
    await setFaults(sb, 'court', { latencyMs: 150 });
    await setFaults(sb, 'tax', { latencyMs: 150 });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, (_, k) => (k % 2 ? a : b).query(FULL_PROFILE, { uscc })),
      );
      for (const r of results) expect(r.body.errors).toBeUndefined();
      const s = await stats(sb);
      for (const [d, routes] of Object.entries(s))
        for (const [route, n] of Object.entries(routes))
          if (route !== 'GET /credit/v1/changes') expect(n, `${d} ${route}`).toBe(1);
    } finally {
      await setFaults(sb, 'court', null);
      await setFaults(sb, 'tax', null);
    }
  });

  it('two replicas sharing Redis see a repair at the same time', async () => {
    const a = await gateway({ CHANGE_POLL_MS: '200' });
    const b = await gateway({ CHANGE_POLL_MS: '200' });
    const uscc = traits.seriousPenalty![1] ?? traits.seriousPenalty![0]!;
    const q =
      'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict basis { records { id recordRef } } } }';
    const before = await a.query(q, { u: uscc });
    await b.query(q, { u: uscc });
    expect(before.body.data.creditCheck.verdict).toBe('RESTRICTED');
    const recordRef = before.body.data.creditCheck.basis.records[0].recordRef;
    await dept(sb, 'credit', '/credit/v1/repairs', {
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
    const a = await gateway();
    const b = await gateway(); // feed polling off (60 s): only pub/sub can tell it
    const uscc = traits.generalPenalty![2]!;
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

  it('Redis killed mid-load and restarted: no failed request, recovery without restart', async () => {
    const gw = await gateway();
    const codes = await registry(6);
    let failures = 0;
    let served = 0;
    let stop = false;
    const load = (async () => {
      for (let k = 0; !stop; k++) {
        const { status, body } = await gw.query(
          'query($u: USCC!) { enterprise(uscc: $u) { name tax { aLevelTaxpayer } } }',
          { u: codes[k % codes.length] },
        );
        if (status !== 200 || body.errors) failures++;
        else served++;
      }
    })();
    await new Promise((r) => setTimeout(r, 200));
    await redis.kill();
    const redisState = async (): Promise<string> =>
      ((await (await fetch(`${gw.url}/readyz`)).json()) as any).redis;
    await expect.poll(redisState, { timeout: 1000, interval: 20 }).toBe('down');
    await new Promise((r) => setTimeout(r, 300));
    await redis.restart();
    const recovered = await expect
      .poll(redisState, { timeout: 3000, interval: 20 })
      .toBe('ready')
      .then(
        () => 'ready',
        () => 'not ready',
      );
    stop = true;
    await load;
    expect(recovered).toBe('ready');
    expect(failures).toBe(0);
    expect(served).toBeGreaterThan(10);
    // Back in business: new entries reach Redis again.
    await gw.query('query($u: USCC!) { enterprise(uscc: $u) { name } }', { u: (await registry(7))[0] });
    expect(await redis.admin.dbsize()).toBeGreaterThan(0);
  });

  it('a department down with a warm cache answers STALE with its fetchedAt; past the maximum stale age, UNAVAILABLE', async () => {
    let clock = testNow();
    const gw = await gateway({ CACHE_TTL_COURT: '60', CACHE_MAX_STALE_SECONDS: '600' }, () => clock);
    const uscc = traits.dishonestDebtor![1] ?? traits.dishonestDebtor![0]!;
    const q =
      'query($u: USCC!) { enterprise(uscc: $u) { judicial { dishonestDebtor { caseCode } } sources { department status fetchedAt } } }';
    const fresh = await gw.query(q, { u: uscc });
    const fetchedAt = fresh.body.data.enterprise.sources.find((s: any) => s.department === 'COURT').fetchedAt;
    await setFaults(sb, 'court', { down: true });
    try {
      clock += 120_000; // past the court's TTL, within the maximum stale age
      const stale = await gw.query(q, { u: uscc });
      expect(stale.body.errors).toBeUndefined();
      expect(stale.body.data.enterprise.judicial.dishonestDebtor).toEqual(
        fresh.body.data.enterprise.judicial.dishonestDebtor,
      );
      expect(stale.body.data.enterprise.sources.find((s: any) => s.department === 'COURT')).toEqual({
        department: 'COURT',
        status: 'STALE',
        fetchedAt,
      });
      clock += 600_000; // past the maximum stale age
      const gone = await gw.query(q, { u: uscc });
      expect(gone.body.data.enterprise.judicial).toBeNull();
      expect(gone.body.errors[0].extensions).toMatchObject({
        code: 'SOURCE_UNAVAILABLE',
        department: 'COURT',
      });
      expect(gone.body.data.enterprise.sources.find((s: any) => s.department === 'COURT').status).toBe(
        'UNAVAILABLE',
      );
      // The check says it was computed without the court.
      const check = await gw.query(
        'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { complete stale } }',
        { u: uscc },
      );
      expect(check.body.data.creditCheck).toEqual({ complete: false, stale: false });
    } finally {
      await setFaults(sb, 'court', null);
    }
  });

  it('a 410 from the change feed drops every tier wholesale, in every replica', async () => {
    const a = await gateway(); // its feed is read by hand below, so the order is certain
    const b = await gateway();
    const uscc = traits.clean![4]!;
    const q = 'query($u: USCC!) { enterprise(uscc: $u) { name tax { aLevelTaxpayer } } }';
    await a.query(q, { u: uscc });
    await b.query(q, { u: uscc });
    await resetStats(sb);
    // A change, the platform forgets its history, another change: a's cursor is now too old.
    const consent = async (): Promise<void> => {
      const res = await dept(sb, 'credit', '/credit/v1/consents', {
        method: 'POST',
        body: JSON.stringify({
          uscc: traits.generalPenalty![0],
          grantee: 'x',
          scopes: ['TAX_PAID'],
          purpose: 'PRE_CREDIT',
          expiresAt: '2027-01-01T00:00:00Z',
        }),
      });
      expect(res.status).toBe(201);
    };
    await consent();
    await fetch(`${sb.urls.control}/__sandbox/feed/compact`, { method: 'POST' });
    await consent();
    await a.server.follower.poll();
    let calls = 0;
    for (let i = 0; i < 40 && calls === 0; i++) {
      await new Promise((r) => setTimeout(r, 50));
      await resetStats(sb);
      await b.query(q, { u: uscc });
      calls = lookups(await stats(sb));
    }
    // b never read the feed: it dropped its L1 because a moved every replica to a new generation.
    expect(calls).toBeGreaterThan(0);
  });

  it('rate limits are shared across replicas through Redis', async () => {
    const a = await gateway({ RATE_LIMIT_PER_PRINCIPAL: '4' });
    const b = await gateway({ RATE_LIMIT_PER_PRINCIPAL: '4' });
    const clerk = await headersFor({ role: 'clerk', org: 'hall-rl', subject: 'shared-clerk' });
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await (i % 2 ? a : b).query('{ __typename }', {}, clerk)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
  });

  it('never leaks across roles: a bank right after a regulator gets only what the bank may see', async () => {
    const gw = await gateway();
    const uscc = traits.taxArrears![0]!;
    const q =
      'query($u: USCC!) { enterprise(uscc: $u) { registration { legalRepresentative { idNumber } } tax { aLevelTaxpayer arrears taxPaid { year } } evaluation { grade } } }';
    const reg = await gw.query(q, { u: uscc });
    expect(reg.body.data.enterprise.tax.arrears).not.toBeNull();
    const idNumber: string = reg.body.data.enterprise.registration.legalRepresentative.idNumber;
    expect(idNumber).toMatch(/^\d{17}[\dX]$/);
    await resetStats(sb);
    const bank = await gw.query(
      q,
      { u: uscc },
      await headersFor({ role: 'bank', org: 'bank-nc', purpose: 'PRE_CREDIT' }),
    );
    const s = await stats(sb);
    // Department data served from the cache (the bank's consents are asked of the platform, not cached data).
    expect(lookups(s) - (s.credit?.['GET /credit/v1/consents'] ?? 0), JSON.stringify(s)).toBe(0);
    const e = bank.body.data.enterprise;
    expect(e.registration.legalRepresentative.idNumber).toBe(
      `${idNumber.slice(0, 3)}************${idNumber.slice(-3)}`,
    );
    expect(e.tax.arrears).toBeNull();
    expect(e.tax.taxPaid).toBeNull();
    expect(e.evaluation).toBeNull();
    expect(typeof e.tax.aLevelTaxpayer).toBe('boolean');
    // The grade too needs a consent (scope EVALUATION, domain.md §8): this bank holds none.
    expect(bank.body.errors.map((x: any) => x.extensions.code).sort()).toEqual([
      'CONSENT_REQUIRED',
      'CONSENT_REQUIRED',
      'CONSENT_REQUIRED',
    ]);
    expect(JSON.stringify(bank.body)).not.toContain(idNumber);
  });
});

describe.skipIf(!HAS_REDIS)('Redis unreachable from the start', () => {
  it('is degraded mode, never an outage', async () => {
    const sb = await startTestSandbox();
    const redis = await startRedis();
    await redis.stop();
    const gw = await startTestGateway(sb, {}, { REDIS_URL: redis.url });
    try {
      const uscc = sb.world.at(0).uscc;
      const { body } = await gw.query('query($u: USCC!) { enterprise(uscc: $u) { name } }', { u: uscc });
      expect(body.data.enterprise.name).toBeTruthy();
      const ready = (await (await fetch(`${gw.url}/readyz`)).json()) as any;
      // Department limits fall back to this replica's share while Redis is away.
      expect(ready).toMatchObject({ status: 'degraded', redis: 'down', departmentLimits: 'local' });
    } finally {
      await gw.close();
      await sb.close();
    }
  });
});
