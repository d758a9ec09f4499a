/**
 * The last grades the gateway computed per enterprise, for GRADE_DROP (docs/rules.md "Supervision and alerts"). Kept in
 * the shared tier (Redis when configured) so every replica sees the same history; in process
 * memory otherwise.
 */
import { LRUCache } from 'lru-cache';
import type { GradeHistory } from '../credit/alerts.ts';
import type { RedisClient } from './redisClient.ts';

/** Where grade histories live. */
export interface GradeMemory {
  get(uscc: string, ruleSet: string): Promise<GradeHistory | null>;
  set(uscc: string, ruleSet: string, history: GradeHistory): Promise<void>;
}

/** An in-process memory, bounded. */
export function createLocalGradeMemory(max = 500_000): GradeMemory {
  const lru = new LRUCache<string, GradeHistory>({ max });
  return {
    get: async (uscc, ruleSet) => lru.get(`${ruleSet}:${uscc}`) ?? null,
    set: async (uscc, ruleSet, h) => void lru.set(`${ruleSet}:${uscc}`, h),
  };
}

/** Grade histories in Redis (every replica sees one history); the local memory while Redis is away. */
export function createRedisGradeMemory(
  redis: RedisClient,
  fallback: GradeMemory = createLocalGradeMemory(),
): GradeMemory {
  const key = (uscc: string, ruleSet: string): string => `cg:grade:${ruleSet}:${uscc}`;
  return {
    async get(uscc, ruleSet) {
      if (redis.status === 'ready') {
        try {
          const text = await redis.get(key(uscc, ruleSet));
          if (text) return JSON.parse(text) as GradeHistory;
        } catch {
          // fall through to the local memory
        }
      }
      return fallback.get(uscc, ruleSet);
    },
    async set(uscc, ruleSet, history) {
      await fallback.set(uscc, ruleSet, history);
      if (redis.status !== 'ready') return;
      // A year and a month: long enough to compare with the previous annual evaluation.
      await redis.set(key(uscc, ruleSet), JSON.stringify(history), 'EX', 400 * 86400).catch(() => undefined);
    },
  };
}
