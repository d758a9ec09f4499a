/**
 * Each department's published limits held for the whole deployment (docs/operations.md): the call rate (GCRA, the same pacing as {@link RateLimiter}) and the calls in flight
 * are counted in Redis, so N replicas together send what one would. With Redis unreachable, each
 * replica falls back to its share — the limit ÷ the configured replica count — in its own memory,
 * and goes back to Redis once it answers again.
 *
 * Live traffic keeps priority over bulk readers (batches, sweeps, the ledger's backfill,
 * refresh-ahead): a bulk call takes a turn only when one is free now, within half the burst and
 * within the bulk share of the concurrency; a live call may reserve a turn ahead (and wait for it),
 * so a queue of bulk calls never stands in front of a clerk.
 */
import { randomUUID } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';
import type { AnyDepartment } from '../../src/departments/registry.ts';
import { LATE_MS, RateLimiter } from './RateLimiter.ts';

/**
 * The lane a department call is made on, carried as an argument from the reader to the limiter:
 * `interactive` (embedded lookups, a person waiting) may use a department's whole concurrency;
 * `bulk` (batches, sweeps, the backfill) only its share of it.
 */
export type Lane = 'interactive' | 'bulk';

/** One department's limits. */
export interface DepartmentLimitSettings {
  /** Calls per second, for the whole deployment. */
  ratePerSec: number;
  /** Calls in flight at once, for the whole deployment. */
  concurrency: number;
  /** The share of `concurrency` bulk calls may hold, 0–1. */
  bulkShare: number;
  /** Longest a call waits for its turn before it fails as rate-limited. */
  maxWaitMs: number;
  /** A slot not given back after this long is taken back (a replica that died holding it). */
  leaseMs: number;
}

/** A turn to call: give it back when the call ends. */
export type Release = () => void;

/** Takes turns for one department's calls. */
export interface DepartmentLimiter {
  /** A turn on `lane`, or null when none came within the wait allowed. */
  acquire(lane: Lane): Promise<Release | null>;
  /** Where the limits are counted now. */
  readonly mode: 'shared' | 'local';
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A counting semaphore with a bounded wait. */
class LocalSlots {
  private held = 0;
  private readonly waiters: Array<() => void> = [];
  constructor(private readonly size: number) {}

  async take(maxWaitMs: number): Promise<boolean> {
    if (this.held < this.size) {
      this.held++;
      return true;
    }
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.held++;
        resolve(true);
      };
      const timer = setTimeout(() => {
        const i = this.waiters.indexOf(wake);
        if (i >= 0) this.waiters.splice(i, 1);
        resolve(false);
      }, maxWaitMs);
      this.waiters.push(wake);
    });
  }

  give(): void {
    this.held--;
    this.waiters.shift()?.();
  }
}

/**
 * The limits in this replica's memory: its share of the deployment's (`replicas` = 1 without
 * Redis: the whole limit). Bulk calls hold at most their share of the slots.
 */
export class LocalDepartmentLimiter implements DepartmentLimiter {
  readonly mode = 'local' as const;
  private readonly rate: RateLimiter;
  private readonly slots: LocalSlots;
  private readonly bulkSlots: LocalSlots;

  constructor(
    private readonly s: DepartmentLimitSettings,
    replicas = 1,
  ) {
    this.rate = new RateLimiter({ ratePerSec: s.ratePerSec / replicas, maxWaitMs: s.maxWaitMs });
    const share = Math.max(1, Math.floor(s.concurrency / replicas));
    this.slots = new LocalSlots(share);
    this.bulkSlots = new LocalSlots(Math.max(1, Math.floor(share * s.bulkShare)));
  }

  async acquire(lane: Lane): Promise<Release | null> {
    const started = performance.now();
    const left = (): number => Math.max(0, this.s.maxWaitMs - (performance.now() - started));
    if (lane === 'bulk' && !(await this.bulkSlots.take(left()))) return null;
    if (!(await this.slots.take(left()))) {
      if (lane === 'bulk') this.bulkSlots.give();
      return null;
    }
    const release = (): void => {
      this.slots.give();
      if (lane === 'bulk') this.bulkSlots.give();
    };
    if (!(await this.rate.acquire())) {
      release();
      return null;
    }
    return once(release);
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (!done) fn();
    done = true;
  };
}

/**
 * One turn, atomically (KEYS: rate, in flight, bulk in flight — one hash tag, so one Cluster
 * slot). Times are Redis' own clock, in microseconds, so replicas' clocks do not matter.
 * Returns {1, waitUs} (taken: wait that long first), {0, retryUs} (try again after), or
 * {-1, waitUs} (live: the turn is further away than allowed).
 */
const ACQUIRE = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local tolerance = tonumber(ARGV[2])
local concurrency = tonumber(ARGV[3])
local bulkConcurrency = tonumber(ARGV[4])
local bulk = ARGV[5] == 'bulk'
local token = ARGV[6]
local leaseUs = tonumber(ARGV[7])
local maxWaitUs = tonumber(ARGV[8])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= concurrency then return {0, 5000} end
if bulk and redis.call('ZCARD', KEYS[3]) >= bulkConcurrency then return {0, 10000} end
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
if tat < now then tat = now end
local wait = tat - tolerance - now
if bulk then
  local headroom = tat + tolerance / 2 - tolerance - now
  if headroom > 0 then return {0, headroom} end
  wait = 0
elseif wait > maxWaitUs then
  return {-1, wait}
end
if wait < 0 then wait = 0 end
local nextTat = tat + interval
redis.call('SET', KEYS[1], tostring(nextTat), 'PX', math.ceil((nextTat - now) / 1000) + 1000)
redis.call('ZADD', KEYS[2], now + wait + leaseUs, token)
redis.call('PEXPIRE', KEYS[2], math.ceil((wait + leaseUs) / 1000))
if bulk then
  redis.call('ZADD', KEYS[3], now + leaseUs, token)
  redis.call('PEXPIRE', KEYS[3], math.ceil(leaseUs / 1000))
end
return {1, wait}
`;

const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 1
`;

type LimitsRedis = (Redis | Cluster) & {
  cgDeptAcquire(k1: string, k2: string, k3: string, ...args: string[]): Promise<[number, number]>;
  cgDeptRelease(k1: string, k2: string, token: string): Promise<number>;
};

/**
 * The limits counted in Redis for every replica, this replica's share in memory while Redis
 * cannot be reached (a command that fails or times out falls back for that call).
 */
export class SharedDepartmentLimiter implements DepartmentLimiter {
  private readonly redis: LimitsRedis;
  private readonly keys: [string, string, string];
  private readonly fallback: LocalDepartmentLimiter;
  private readonly args: string[];

  constructor(
    redis: Redis | Cluster,
    department: AnyDepartment,
    private readonly s: DepartmentLimitSettings,
    replicas: number,
  ) {
    this.redis = defineCommands(redis);
    // One hash tag per department: its three keys live in one Cluster slot.
    const tag = `{cg:dept:${department}}`;
    this.keys = [`${tag}:rate`, `${tag}:inflight`, `${tag}:bulk`];
    this.fallback = new LocalDepartmentLimiter(s, replicas);
    const burst = Math.max(1, Math.floor(s.ratePerSec / 10));
    const intervalUs = 1_000_000 / s.ratePerSec;
    this.args = [
      String(intervalUs),
      String(burst * intervalUs),
      String(s.concurrency),
      String(Math.max(1, Math.floor(s.concurrency * s.bulkShare))),
    ];
  }

  get mode(): 'shared' | 'local' {
    return this.redis.status === 'ready' ? 'shared' : 'local';
  }

  async acquire(lane: Lane): Promise<Release | null> {
    if (this.mode === 'local') return this.fallback.acquire(lane);
    const deadline = performance.now() + this.s.maxWaitMs;
    let retaken = false;
    for (;;) {
      const token = randomUUID();
      const asked = performance.now();
      let answer: [number, number];
      try {
        answer = await this.redis.cgDeptAcquire(
          ...this.keys,
          ...this.args,
          lane,
          token,
          String(this.s.leaseMs * 1000),
          String(Math.max(0, deadline - performance.now()) * 1000),
        );
      } catch {
        return this.fallback.acquire(lane);
      }
      const [taken, us] = answer;
      const ms = Number(us) / 1000;
      if (taken === 1) {
        if (ms > 0) await sleep(ms);
        const release = once(() => {
          this.redis.cgDeptRelease(this.keys[1], this.keys[2], token).catch(() => {
            // Unreleased, the slot lapses with its lease.
          });
        });
        // Woken (or answered) too late, the call would go out with later turns' calls: a new turn,
        // once (a replica whose event loop lags all the time is slowed, never stalled).
        if (retaken || performance.now() - (asked + ms) <= LATE_MS) return release;
        retaken = true;
        release();
        continue;
      }
      if (taken === -1 || performance.now() + ms > deadline) return null;
      // Busy: try again a little later, with jitter so replicas do not retry in step.
      await sleep(ms * (0.5 + Math.random()));
    }
  }
}

const defined = new WeakSet<object>();

function defineCommands(redis: Redis | Cluster): LimitsRedis {
  if (!defined.has(redis)) {
    redis.defineCommand('cgDeptAcquire', { numberOfKeys: 3, lua: ACQUIRE });
    redis.defineCommand('cgDeptRelease', { numberOfKeys: 2, lua: RELEASE });
    defined.add(redis);
  }
  return redis as LimitsRedis;
}

/** Every department's limiter: shared through Redis when there is one, else this replica's own. */
export function createDepartmentLimiter(
  department: AnyDepartment,
  settings: DepartmentLimitSettings,
  shared: { redis: Redis | Cluster | null; replicas: number },
): DepartmentLimiter {
  return shared.redis
    ? new SharedDepartmentLimiter(shared.redis, department, settings, shared.replicas)
    : new LocalDepartmentLimiter(settings, 1);
}
