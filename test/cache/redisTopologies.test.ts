/**
 * Redis Cluster and Sentinel exercised for real: three masters made with
 * `redis-cli --cluster create`, and a primary/replica pair watched by a sentinel. On each, the
 * shared-Redis tests of cache.test.ts (warm lookups from Redis, single flight, invalidation,
 * pub/sub, a 410, rate limits), the departments' limits counted in Redis and organizations'
 * quotas; under Sentinel, a failover under load loses no request and the cache carries on with
 * the new primary.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, type TestGateway } from '../helpers/gateway.ts';
import { FULL_PROFILE } from '../helpers/queries.ts';
import {
  redisAvailable,
  startRedisCluster,
  startRedisSentinel,
  type TestRedisCluster,
  type TestRedisSentinel,
} from '../helpers/redis.ts';
import { resetStats, samples, startTestSandbox, stats } from '../helpers/sandbox.ts';
import { lookups, sharedRedisTests, startSharedGateway } from './sharedRedisTests.ts';

const HAS_REDIS = redisAvailable();

type Topology = 'cluster' | 'sentinel';

describe.skipIf(!HAS_REDIS).each<Topology>(['cluster', 'sentinel'])('Redis %s', (topology) => {
  let sb: Sandbox;
  let traits: Record<string, string[]>;
  let cluster: TestRedisCluster | null = null;
  let sentinel: TestRedisSentinel | null = null;
  const gateways: TestGateway[] = [];
  const redisEnv = (): Record<string, string> =>
    cluster
      ? { REDIS_CLUSTER_NODES: cluster.nodes }
      : { REDIS_SENTINELS: sentinel!.sentinels, REDIS_SENTINEL_NAME: sentinel!.name };
  const gateway = (env: Record<string, string> = {}, now?: () => number): Promise<TestGateway> =>
    startSharedGateway(sb, redisEnv(), gateways, env, now);
  beforeAll(async () => {
    sb = await startTestSandbox({ size: 600 });
    traits = await samples(sb);
    if (topology === 'cluster') cluster = await startRedisCluster(3);
    else sentinel = await startRedisSentinel();
  }, 60_000);
  afterAll(async () => {
    for (const g of gateways) await g.close();
    await cluster?.stop();
    await sentinel?.stop();
    await sb.close();
  });
  beforeEach(() => resetStats(sb));
  afterEach(async () => {
    for (const g of gateways.splice(0)) await g.close();
  });

  sharedRedisTests(() => ({ sb, traits, gateway }));

  it('organizations’ quotas are counted once for all replicas', async () => {
    const quotas = JSON.stringify({ organizations: { [`hall-${topology}`]: { profilesPerDay: 3 } } });
    const a = await gateway({ QUOTAS: quotas });
    const b = await gateway({ QUOTAS: quotas });
    const clerk = await headersFor({ role: 'clerk', org: `hall-${topology}`, purpose: 'LICENSING' });
    const q = 'query($u: USCC!) { creditCheck(uscc: $u, matter: ADMINISTRATIVE_LICENSING) { verdict } }';
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await (i % 2 ? a : b).query(q, { u: traits.clean![0] }, clerk)).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
  });

  // Sentinel only (a Cluster has no sentinel to fail over with): registered for that topology alone.
  if (topology === 'sentinel')
    it('a failover under load loses no request, and the cache works on the new primary', async () => {
      // The load is anonymous from one address: its per-principal rate limit is not what is tested here.
      const unlimited = { RATE_LIMIT_PER_PRINCIPAL: '100000000' };
      const a = await gateway(unlimited);
      const b = await gateway(unlimited);
      const codes = traits.clean!.slice(0, 20);
      const q = 'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }';
      let stop = false;
      const failures: string[] = [];
      let done = 0;
      const load = Promise.all(
        [a, b].map(async (gw, k) => {
          for (let i = k; !stop; i++) {
            const r = await gw.query(q, { u: codes[i % codes.length] });
            if (r.status !== 200 || r.body.errors)
              failures.push(`${r.status} ${JSON.stringify(r.body.errors)}`);
            done++;
          }
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
      const before = await sentinel!.primaryPort();
      await sentinel!.failover();
      expect(await sentinel!.primaryPort()).not.toBe(before);
      // Both replicas follow the sentinel to the new primary.
      for (const gw of [a, b])
        await expect
          .poll(async () => ((await (await fetch(`${gw.url}/readyz`)).json()) as any).redis, {
            timeout: 10_000,
          })
          .toBe('ready');
      await new Promise((r) => setTimeout(r, 300));
      stop = true;
      await load;
      expect(failures).toEqual([]);
      expect(done).toBeGreaterThan(20);
      // Written to the new primary by one replica, read from it by a fresh one: no department call.
      const uscc = traits.multiDomain![1]!;
      await a.query(FULL_PROFILE, { uscc });
      await resetStats(sb);
      const fresh = await gateway();
      // As a balancer would: once it says Redis is in use (connected, its generation read).
      await expect
        .poll(async () => ((await (await fetch(`${fresh.url}/readyz`)).json()) as any).redis, {
          timeout: 10_000,
        })
        .toBe('ready');
      const warm = await fresh.query(FULL_PROFILE, { uscc });
      expect(warm.body.errors).toBeUndefined();
      expect(lookups(await stats(sb))).toBe(0);
    }, 60_000);
});
