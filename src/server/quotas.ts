/**
 * Organization quotas: how many enterprise profiles an organization may read, reports
 * it may fetch and webhooks it may register per day (Beijing calendar day), from a configuration
 * file (`QUOTAS_FILE`). Counted in Redis for the whole deployment when configured (each replica's
 * memory as insurance while Redis is away — rate-limiter-flexible, as the rate limits), usage in
 * the metrics, and quota headers on every counted answer (`RateLimit-Policy` / `RateLimit`, the
 * IETF HTTP API working group's draft) with `Retry-After` on the 429.
 *
 * An organization the file does not name gets its `default` quotas; a quota not set is unlimited,
 * and costs nothing (no counter is touched).
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { z } from 'zod';
import type { RedisClient } from '../cache/redisClient.ts';

/** What is counted. */
export const QUOTA_NAMES = ['profiles', 'reports', 'webhooks', 'events'] as const;
/** One quota. */
export type QuotaName = (typeof QUOTA_NAMES)[number];

const limits = z
  .object({
    /** Enterprise profiles read per day (a profile, a check, each enterprise of a batch or a search's profiles). */
    profilesPerDay: z.number().int().min(0).optional(),
    /** Credit reports fetched per day (JSON or PDF). */
    reportsPerDay: z.number().int().min(0).optional(),
    /** Webhooks registered per day. */
    webhookRegistrationsPerDay: z.number().int().min(0).optional(),
    /**
     * Credit events delivered per day, on live subscriptions and webhooks alike (each reveals an
     * enterprise's data; a webhook delivery counts each attempt that sends it).
     */
    eventsPerDay: z.number().int().min(0).optional(),
  })
  .strict();

/** The quota file: `{"default": {…}, "organizations": {"<org>": {…}}}`. */
export const QuotaFileSchema = z
  .object({
    default: limits.default({}),
    organizations: z.record(z.string().min(1), limits).default({}),
  })
  .strict();
/** The quota file, parsed. */
export type QuotaFile = z.infer<typeof QuotaFileSchema>;

const KEY_OF: Record<QuotaName, keyof z.infer<typeof limits>> = {
  profiles: 'profilesPerDay',
  reports: 'reportsPerDay',
  webhooks: 'webhookRegistrationsPerDay',
  events: 'eventsPerDay',
};

/**
 * Parses and checks the quota configuration (`QUOTAS`, or the file `QUOTAS_FILE` names — read by
 * the configuration like every `<NAME>_FILE`); throws with every problem named.
 */
export function parseQuotas(text: string): QuotaFile {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON (${(err as Error).message})`, { cause: err });
  }
  const parsed = QuotaFileSchema.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      parsed.error.issues.map((i) => `${i.path.join('.') || '(top)'}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

/** The outcome of counting: the quota's state after it (headers), and whether the use was allowed. */
export interface QuotaUse {
  name: QuotaName;
  ok: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the quota renews (Beijing midnight). */
  resetSeconds: number;
}

const DAY = 86_400;
const BEIJING_OFFSET = 8 * 3600;

/** Seconds from `nowMs` to the next midnight in Beijing (UTC+8, no daylight saving). */
export function secondsToBeijingMidnight(nowMs: number): number {
  return DAY - (Math.floor(nowMs / 1000 + BEIJING_OFFSET) % DAY);
}

/** The Beijing calendar day of `nowMs` (YYYY-MM-DD), the counters' key. */
function beijingDay(nowMs: number): string {
  return new Date(nowMs + BEIJING_OFFSET * 1000).toISOString().slice(0, 10);
}

/** Counts and checks organizations' quotas. */
export class Quotas {
  private readonly limiters = new Map<string, RateLimiterAbstract>();

  constructor(
    private readonly file: QuotaFile,
    private readonly redis: RedisClient | null,
    private readonly now: () => number = Date.now,
    private readonly onUse?: (org: string, use: QuotaUse, amount: number) => void,
  ) {}

  /** The organization's daily limit for `name`, or undefined when unlimited. */
  limitOf(org: string, name: QuotaName): number | undefined {
    const key = KEY_OF[name];
    return this.file.organizations[org]?.[key] ?? this.file.default[key];
  }

  /**
   * Counts `amount` uses of `name` by `org`. Null when no quota applies (nothing counted); else
   * the state, `ok: false` (and nothing counted) when the use would pass the limit.
   */
  async use(org: string | null | undefined, name: QuotaName, amount: number): Promise<QuotaUse | null> {
    if (!org || amount <= 0) return null;
    const limit = this.limitOf(org, name);
    if (limit === undefined) return null;
    const nowMs = this.now();
    const resetSeconds = secondsToBeijingMidnight(nowMs);
    const key = `${org}:${beijingDay(nowMs)}`;
    const limiter = this.limiter(name, limit);
    let use: QuotaUse;
    try {
      const r = await limiter.consume(key, amount);
      use = { name, ok: true, limit, remaining: r.remainingPoints, resetSeconds };
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) return null; // a store error with no insurance: fail open
      // Refused uses are not counted: give the points back (a batch refused whole takes nothing).
      await limiter.reward(key, amount).catch(() => undefined);
      use = {
        name,
        ok: false,
        limit,
        remaining: Math.max(0, limit - (err.consumedPoints - amount)),
        resetSeconds,
      };
    }
    this.onUse?.(org, use, amount);
    return use;
  }

  private limiter(name: QuotaName, points: number): RateLimiterAbstract {
    const id = `${name}:${points}`;
    let l = this.limiters.get(id);
    if (!l) {
      // Keys carry the day; they expire a day after it ends.
      const memory = new RateLimiterMemory({ points, duration: 2 * DAY, keyPrefix: `q:${name}` });
      l = this.redis
        ? new RateLimiterRedis({
            storeClient: this.redis,
            points,
            duration: 2 * DAY,
            keyPrefix: `cg:quota:${name}`,
            insuranceLimiter: memory,
            useRedisPackage: false,
          })
        : memory;
      this.limiters.set(id, l);
    }
    return l;
  }
}

/** The quota headers of an answer that was counted. */
export function quotaHeaders(use: QuotaUse): Record<string, string> {
  const policy = `"${use.name}-daily"`;
  return {
    'ratelimit-policy': `${policy};q=${use.limit};w=${DAY}`,
    ratelimit: `${policy};r=${use.remaining};t=${use.resetSeconds}`,
    ...(use.ok ? {} : { 'retry-after': String(use.resetSeconds) }),
  };
}

/** The refusal's message and extensions (the same for GraphQL and the report routes). */
export function quotaRefusal(use: QuotaUse): { message: string; extensions: Record<string, unknown> } {
  return {
    message: `the organization's daily quota of ${use.name} (${use.limit}) is used up; it renews at midnight, Beijing time`,
    extensions: {
      code: 'QUOTA_EXCEEDED',
      quota: use.name,
      limit: use.limit,
      remaining: use.remaining,
      retryAfterSeconds: use.resetSeconds,
    },
  };
}
