/**
 * Apollo's KeyValueCache over the gateway's Redis client, so automatic persisted queries
 * registered on one replica are found on every other; failures are misses.
 */
import type { KeyValueCache } from '@apollo/utils.keyvaluecache';
import type { RedisClient } from './redisClient.ts';

/** An APQ store in Redis (keys under `cg:apq:`). */
export function createRedisKeyValueCache(redis: RedisClient): KeyValueCache<string> {
  const key = (k: string): string => `cg:apq:${k}`;
  return {
    async get(k) {
      if (redis.status !== 'ready') return undefined;
      return (await redis.get(key(k)).catch(() => null)) ?? undefined;
    },
    async set(k, v, opts) {
      if (redis.status !== 'ready') return;
      const ttl = opts?.ttl ?? 86400;
      await redis.set(key(k), v, 'EX', Math.max(1, Math.round(ttl))).catch(() => undefined);
    },
    async delete(k) {
      if (redis.status !== 'ready') return;
      await redis.del(key(k)).catch(() => undefined);
    },
  };
}
