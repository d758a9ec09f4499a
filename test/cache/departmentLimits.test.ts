/**
 * Department limits held for the whole deployment against a real redis-server: three
 * "replicas" (three clients, three limiters) together keep to one rate and one concurrency; bulk
 * calls leave room for live ones; with Redis gone each keeps to its share; a dead replica's slots
 * lapse. Counts are asserted, never speed.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SharedDepartmentLimiter,
  type Lane,
  type DepartmentLimitSettings,
} from '../../connectors/shared/DepartmentLimits.ts';
import { REDIS_BASE_OPTIONS } from '../../src/cache/redisClient.ts';
import { redisAvailable, startRedis, type TestRedis } from '../helpers/redis.ts';

const HAS_REDIS = redisAvailable();

const settings = (patch: Partial<DepartmentLimitSettings> = {}): DepartmentLimitSettings => ({
  ratePerSec: 1000,
  concurrency: 1000,
  bulkShare: 0.5,
  maxWaitMs: 5000,
  leaseMs: 5000,
  ...patch,
});

/** The most calls that started in any one-second window (what a department counting per second sees at worst). */
function peakPerSecond(starts: number[]): number {
  const sorted = [...starts].sort((a, b) => a - b);
  let peak = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    while (sorted[i]! - sorted[j]! >= 1000) j++;
    peak = Math.max(peak, i - j + 1);
  }
  return peak;
}

describe.skipIf(!HAS_REDIS)('department limits shared through Redis', () => {
  let redis: TestRedis;
  const clients: Redis[] = [];
  let n = 0;
  const replicas = async (count: number, s: DepartmentLimitSettings): Promise<SharedDepartmentLimiter[]> => {
    // A fresh department name per test: no state carried over between tests.
    const department = `T${++n}` as never;
    const out: SharedDepartmentLimiter[] = [];
    for (let i = 0; i < count; i++) {
      const c = new Redis(redis.url, REDIS_BASE_OPTIONS);
      c.on('error', () => {});
      clients.push(c);
      await new Promise((r) => c.once('ready', r));
      out.push(new SharedDepartmentLimiter(c, department, s, count));
    }
    return out;
  };
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    for (const c of clients) c.disconnect();
    await redis.stop();
  });

  /** Runs `calls` calls spread over the limiters, each holding its turn `holdMs`; records starts and the most at once. */
  async function drive(
    limiters: SharedDepartmentLimiter[],
    calls: number,
    holdMs: number,
    lane: (i: number) => Lane = () => 'interactive',
  ): Promise<{ starts: number[]; refused: number; peak: number; peakBulk: number }> {
    const starts: number[] = [];
    let inFlight = 0;
    let bulkInFlight = 0;
    let peak = 0;
    let peakBulk = 0;
    let refused = 0;
    await Promise.all(
      Array.from({ length: calls }, async (_, i) => {
        const l = lane(i);
        const release = await limiters[i % limiters.length]!.acquire(l);
        if (!release) {
          refused++;
          return;
        }
        starts.push(performance.now());
        peak = Math.max(peak, ++inFlight);
        if (l === 'bulk') peakBulk = Math.max(peakBulk, ++bulkInFlight);
        await new Promise((r) => setTimeout(r, holdMs));
        inFlight--;
        if (l === 'bulk') bulkInFlight--;
        release();
      }),
    );
    return { starts, refused, peak, peakBulk };
  }

  it('three replicas together never pass the department’s rate in any second', async () => {
    const limiters = await replicas(3, settings({ ratePerSec: 100 }));
    expect(limiters.every((l) => l.mode === 'shared')).toBe(true);
    const { starts, refused } = await drive(limiters, 240, 1);
    expect(refused).toBe(0);
    expect(starts).toHaveLength(240);
    // GCRA: the rate plus its burst (a tenth) at most in any window of Redis' clock (110). The
    // starts are timed here, after each grant's answer crossed the event loop: on a busy machine a
    // stall of a few hundred ms bunches grants into one measured window (114 was seen in CI with
    // 113 allowed). The bound keeps that slack and still fails a limiter that is not shared —
    // three replicas each at the full rate would measure near 300. (A setting below the published
    // limit covers the slack in deployments, as DEPT_<NAME>_RATE_PER_SEC's default does.)
    expect(peakPerSecond(starts)).toBeLessThanOrEqual(140);
    // ... and the deployment did get the rate, not a third of it (240 calls need > 1.3 s at 100/s).
    expect(Math.max(...starts) - Math.min(...starts)).toBeGreaterThan(1300);
  });

  it('three replicas together never hold more calls in flight than the department allows', async () => {
    const limiters = await replicas(3, settings({ concurrency: 4 }));
    const { peak, refused, starts } = await drive(limiters, 60, 20);
    expect(refused).toBe(0);
    expect(starts).toHaveLength(60);
    expect(peak).toBeLessThanOrEqual(4);
    expect(peak).toBe(4);
  });

  it('bulk calls hold at most their share of the slots: a live call always finds one', async () => {
    const limiters = await replicas(3, settings({ concurrency: 4, bulkShare: 0.5 }));
    // 40 bulk calls queue first; 8 live calls arrive behind them.
    const bulk = drive(limiters, 40, 20, () => 'bulk');
    await new Promise((r) => setTimeout(r, 30));
    const liveStarted = performance.now();
    const live = await drive(limiters, 8, 20);
    const liveDone = performance.now();
    const b = await bulk;
    expect(b.peakBulk).toBeLessThanOrEqual(2);
    expect(live.refused).toBe(0);
    // The live calls did not queue behind the 40 bulk ones: bulk was still running when they finished.
    expect(Math.max(...b.starts)).toBeGreaterThan(liveDone);
    expect(Math.min(...live.starts)).toBeGreaterThanOrEqual(liveStarted);
  });

  it('a live call that would wait longer than allowed is refused, not queued forever', async () => {
    const [l] = await replicas(1, settings({ ratePerSec: 10, maxWaitMs: 300 }));
    // 10/s with a burst of 1: the sixth call in a row would wait ~400 ms.
    const releases = await Promise.all(Array.from({ length: 6 }, () => l!.acquire('interactive')));
    expect(releases.filter((r) => r === null).length).toBeGreaterThan(0);
    for (const r of releases) r?.();
  });

  it('a replica that dies holding slots frees them when their lease lapses', async () => {
    const [dead, alive] = await replicas(2, settings({ concurrency: 2, leaseMs: 400, maxWaitMs: 3000 }));
    // Two turns taken and never given back (the replica was killed).
    expect(await dead!.acquire('interactive')).not.toBeNull();
    expect(await dead!.acquire('interactive')).not.toBeNull();
    const started = performance.now();
    const release = await alive!.acquire('interactive');
    expect(release).not.toBeNull();
    expect(performance.now() - started).toBeGreaterThanOrEqual(300);
    release!();
  });

  it('with Redis down each replica keeps to its share (limit ÷ replicas), and shares again once it is back', async () => {
    const limiters = await replicas(3, settings({ ratePerSec: 90, concurrency: 6 }));
    await redis.kill();
    await expect.poll(() => limiters.every((l) => l.mode === 'local'), { timeout: 3000 }).toBe(true);
    // Each replica alone: 30/s (a burst of 3: 33 in a window, and a late timer's call or two), 2 in flight.
    const one = await drive([limiters[0]!], 45, 1);
    expect(one.refused).toBe(0);
    expect(peakPerSecond(one.starts)).toBeLessThanOrEqual(35);
    const conc = await drive([limiters[1]!], 12, 20);
    expect(conc.peak).toBe(2);
    await redis.restart();
    await expect.poll(() => limiters.every((l) => l.mode === 'shared'), { timeout: 5000 }).toBe(true);
    const shared = await drive([limiters[2]!], 12, 20);
    // One replica may now use the deployment's whole concurrency.
    expect(shared.peak).toBe(6);
  });
});
