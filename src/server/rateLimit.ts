/**
 * Rate limits per client address (before authentication), per principal and per organization (rate-limiter-flexible): shared across
 * replicas through Redis when configured, with an in-process limiter as insurance while Redis
 * is away, and in process alone without Redis.
 */
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import type { Principal } from '../auth/principal.ts';
import type { RedisClient } from '../cache/redisClient.ts';

/** Limits per minute. */
export interface RateLimits {
  /** Requests per principal (a user, or an anonymous caller's address) per minute. @default 600 */
  perPrincipal: number;
  /** Requests per organization per minute (all its users together). @default 6000 */
  perOrganization: number;
  /**
   * Failed authentications per client address per minute: past it, the address is refused before
   * its token is even verified (a flood of bad tokens). Valid requests never count, so one busy
   * approval server behind one address is limited by its principal, not its address. @default 120
   */
  authFailuresPerAddress: number;
}

/** The outcome: allowed, or refused with seconds to wait. */
export type RateDecision =
  { ok: true } | { ok: false; retryAfterSeconds: number; scope: 'principal' | 'organization' | 'address' };

function limiter(points: number, prefix: string, redis: RedisClient | null): RateLimiterAbstract {
  const memory = new RateLimiterMemory({ points, duration: 60, keyPrefix: prefix });
  if (!redis) return memory;
  return new RateLimiterRedis({
    storeClient: redis,
    points,
    duration: 60,
    keyPrefix: `cg:rl:${prefix}`,
    insuranceLimiter: memory,
    useRedisPackage: false,
  });
}

/** Builds the check. */
export function createRateLimiter(limits: RateLimits, redis: RedisClient | null) {
  const byPrincipal = limiter(limits.perPrincipal, 'p', redis);
  const byOrg = limiter(limits.perOrganization, 'o', redis);
  const consume = async (l: RateLimiterAbstract, key: string): Promise<number | null> => {
    try {
      await l.consume(key);
      return null;
    } catch (err) {
      if (err instanceof RateLimiterRes) return Math.max(1, Math.ceil(err.msBeforeNext / 1000));
      return null; // a store error with no insurance left: fail open, never an outage
    }
  };
  // Per replica, in memory: checked on every request, so never a Redis round trip on the warm path.
  const byAddress = new RateLimiterMemory({
    points: limits.authFailuresPerAddress,
    duration: 60,
    keyPrefix: 'a',
  });
  /** Before authentication: an address past its failed-authentication budget is refused. */
  const address = async (clientAddress: string): Promise<RateDecision> => {
    try {
      const r = await byAddress.get(clientAddress);
      if (r && r.consumedPoints >= limits.authFailuresPerAddress) {
        return {
          ok: false,
          retryAfterSeconds: Math.max(1, Math.ceil(r.msBeforeNext / 1000)),
          scope: 'address',
        };
      }
    } catch {
      // a store error: fail open, never an outage
    }
    return { ok: true };
  };
  /** A failed authentication from this address (counted, never refused here). */
  const authFailed = async (clientAddress: string): Promise<void> => {
    await byAddress.penalty(clientAddress, 1).catch(() => undefined);
  };
  const principalAndOrg = async (principal: Principal, clientAddress: string): Promise<RateDecision> => {
    const who = principal.subject ? `${principal.role}:${principal.subject}` : `anon:${clientAddress}`;
    const p = await consume(byPrincipal, who);
    if (p !== null) return { ok: false, retryAfterSeconds: p, scope: 'principal' };
    if (principal.org) {
      const o = await consume(byOrg, principal.org);
      if (o !== null) return { ok: false, retryAfterSeconds: o, scope: 'organization' };
    }
    return { ok: true };
  };
  return { address, authFailed, principal: principalAndOrg };
}

/** The checks a request passes: its address before authentication, then its principal and organization. */
export type RateLimiter = ReturnType<typeof createRateLimiter>;
