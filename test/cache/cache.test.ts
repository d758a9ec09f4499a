/**
 * The cache against a real redis-server on a free loopback port and the real sandbox:
 * warm lookups, round trips, single flight, shared invalidation, Redis faults, staleness, roles.
 */
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TieredCache } from '../../src/cache/TieredCache.ts';
import { CachedFetcher } from '../../src/loading/CachedFetcher.ts';
import type { Fetcher, FetchResult } from '../../src/loading/Fetcher.ts';
import type { SourceName } from '../../src/loading/sources.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { commandCalls, redisAvailable, startRedis, type TestRedis } from '../helpers/redis.ts';
import { dept, resetStats, samples, setFaults, startTestSandbox, stats } from '../helpers/sandbox.ts';
import { lookups, sharedRedisTests, startSharedGateway } from './sharedRedisTests.ts';

const HAS_REDIS = redisAvailable();

describe.skipIf(!HAS_REDIS)('cache with Redis', () => {
  let sb: Sandbox;
  let redis: TestRedis;
  let traits: Record<string, string[]>;
  const gateways: TestGateway[] = [];
  const gateway = (env: Record<string, string> = {}, now?: () => number): Promise<TestGateway> =>
    startSharedGateway(sb, { REDIS_URL: redis.url }, gateways, env, now);
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

  // Warm lookups, single flight, shared invalidation, pub/sub, a 410, shared rate limits: the
  // same tests run on a Redis Cluster and under Sentinel (redisTopologies.test.ts).
  sharedRedisTests(() => ({ sb, traits, gateway }));

  it('a report issued on one replica is kept in Redis: another renders its PDF by number, the same report', async () => {
    const uscc = traits.clean![0]!;
    const self = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    const [a, b] = [await gateway(), await gateway()];
    const shown = await fetch(`${a.url}/reports/${uscc}`, { headers: self });
    const no = shown.headers.get('x-report-no')!;
    expect(no).toMatch(/^CR\d{16}$/);
    expect(await redis.admin.exists(`cg:report:${no}`)).toBe(1);
    expect(await redis.admin.ttl(`cg:report:${no}`)).toBeGreaterThan(3000);
    const pdf = await fetch(`${b.url}/reports/${uscc}.pdf?no=${no}`, { headers: self });
    // Found on the other replica: rendered (or, on a machine without Chromium, refused for that reason alone).
    expect(pdf.status).not.toBe(410);
    if (pdf.status === 200) expect(pdf.headers.get('content-disposition')).toContain(`${no}.pdf`);
    else expect(((await pdf.json()) as any).errors[0].extensions.code).toBe('REPORT_PDF_UNAVAILABLE');
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
    // Each phase waits for requests answered in it, not for a time (a busy machine answers fewer per
    // second: a fixed 200 ms and a count of 11 in all failed there once).
    const answeredMore = async (n: number): Promise<void> => {
      const from = served + failures;
      await expect
        .poll(() => served + failures, { timeout: 15_000, interval: 10 })
        .toBeGreaterThanOrEqual(from + n);
    };
    await answeredMore(5); // under load with Redis up
    await redis.kill();
    const redisState = async (): Promise<string> =>
      ((await (await fetch(`${gw.url}/readyz`)).json()) as any).redis;
    await expect.poll(redisState, { timeout: 5000, interval: 20 }).toBe('down');
    await answeredMore(5); // while Redis is down
    await redis.restart();
    const recovered = await expect
      .poll(redisState, { timeout: 10_000, interval: 20 })
      .toBe('ready')
      .then(
        () => 'ready',
        () => 'not ready',
      );
    if (recovered === 'ready') await answeredMore(5); // and after it is back
    stop = true;
    await load;
    expect(recovered).toBe('ready');
    expect(failures).toBe(0);
    expect(served).toBeGreaterThanOrEqual(15);
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

  it('a replica waiting on another’s fetch lock fetches at once when the lock is let go without an entry (a fetch that stored nothing)', async () => {
    const clients = [new Redis(redis.url), new Redis(redis.url)];
    try {
      // The lock is taken only on a ready connection.
      await Promise.all(
        clients.map((c) => (c.status === 'ready' ? null : new Promise((r) => c.once('ready', r)))),
      );
      let release: () => void = () => {};
      const calls = { a: 0, b: 0 };
      const inner = (who: 'a' | 'b'): Fetcher => ({
        async fetch<S extends SourceName>(_s: S, usccs: readonly string[]): Promise<FetchResult<S>> {
          calls[who]++;
          if (who === 'a') await new Promise<void>((r) => (release = r));
          return new Map(
            usccs.map((u) => [u, { value: { u, who }, fetchedAt: Date.now(), stale: false } as never]),
          );
        },
      });
      const caches = clients.map((c) => new TieredCache({ maxStaleSeconds: 600, redis: c }));
      const replica = (k: 0 | 1) =>
        new CachedFetcher({
          inner: inner(k === 0 ? 'a' : 'b'),
          cache: caches[k]!,
          ttlSeconds: { TAX: 60, MARKET: 60, ENVIRONMENT: 60, COURT: 60, CREDIT: 60 },
          maxStaleSeconds: 600,
          now: Date.now,
          redis: clients[k]!,
          replicaId: `r${k}`,
          lockMs: 3000,
        });
      const [a, b] = [replica(0), replica(1)];
      const key = `LOCKTEST${Date.now()}`;
      const first = a.fetch('tax', [key]); // a takes the lock, its department is slow
      await new Promise((r) => setTimeout(r, 50));
      const t0 = performance.now();
      const second = b.fetch('tax', [key]); // b waits for a's entry
      await new Promise((r) => setTimeout(r, 100));
      caches[0]!.dropLocal(key, ['tax']); // the enterprise changed while a's answer was on the way
      release();
      await first;
      expect((await second).get(key)).toMatchObject({ value: { u: key, who: 'b' } });
      // Not the lock's 3 s: b fetched as soon as a let go of the lock with nothing stored.
      expect(performance.now() - t0).toBeLessThan(1500);
      expect(calls).toEqual({ a: 1, b: 1 });
    } finally {
      for (const c of clients) c.disconnect();
    }
  });

  it('Redis is not used before the generation is read on the connection: nothing written under a generation not known', async () => {
    const prefix = `cg:gentest${Date.now()}`;
    await redis.admin.set(`${prefix}:gen`, '5');
    const client = new Redis(redis.url, { lazyConnect: true });
    try {
      const cache = new TieredCache({ maxStaleSeconds: 600, redis: client, prefix });
      const entry = { value: { n: 1 }, fetchedAt: Date.now() };
      await cache.mset('tax', new Map([['A', entry]])); // not connected yet: L1 only
      expect(await redis.admin.keys(`${prefix}:*tax*`)).toEqual([]);
      expect(cache.l2Ready).toBe(false);
      await client.connect();
      await expect.poll(() => cache.l2Ready, { timeout: 5000 }).toBe(true); // 'ready' read the generation
      await cache.mset('tax', new Map([['B', entry]]));
      expect(await redis.admin.keys(`${prefix}:*tax*`)).toEqual([`${prefix}:g5:tax:B`]);
    } finally {
      client.disconnect();
    }
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
    // The grade too needs a consent (scope EVALUATION, docs/access.md): this bank holds none.
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
