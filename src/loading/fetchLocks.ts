/**
 * The cached fetcher's locks across replicas (CachedFetcher.ts): one replica fetches a key while
 * the others wait for its entry, through a short Redis lock per key naming its holder and lane.
 * Without Redis (or while it cannot answer) every replica fetches for itself.
 */
import type { RedisClient } from '../cache/redisClient.ts';
import { isReady, multi } from '../cache/redisClient.ts';
import type { Lane } from './Fetcher.ts';
import type { SourceName } from './sources.ts';

/** Per-key fetch locks in Redis. */
export class FetchLocks {
  constructor(
    private readonly redis: RedisClient | null,
    private readonly replica: string,
    private readonly lockMs: number,
  ) {}

  /**
   * Cross-replica: the keys this replica fetches (all of them without Redis) — those whose lock it
   * won (`locked`), and, for a live lookup, those another replica holds for a bulk fetch (which may
   * be waiting for the department's spare capacity; the live one does not wait behind it).
   */
  async take(
    source: SourceName,
    usccs: string[],
    lane: Lane,
  ): Promise<{ mine: string[]; theirs: string[]; locked: string[] }> {
    const redis = this.redis;
    if (!redis || !isReady(redis) || usccs.length === 0) return { mine: usccs, theirs: [], locked: [] };
    try {
      const keys = usccs.map((u) => `cg:lock:${source}:${u}`);
      const taken = await multi.setNx(redis, keys, `${this.replica}/${lane}`, this.lockMs);
      const locked = usccs.filter((_, k) => taken[k]);
      let theirs = usccs.filter((_, k) => !taken[k]);
      const mine = [...locked];
      if (lane === 'interactive' && theirs.length) {
        const holders = (await this.holders(source, theirs)) ?? [];
        mine.push(...theirs.filter((_, k) => holders[k]?.endsWith('/bulk')));
        theirs = theirs.filter((_, k) => !holders[k]?.endsWith('/bulk'));
      }
      return { mine, theirs, locked };
    } catch {
      return { mine: usccs, theirs: [], locked: [] };
    }
  }

  async release(source: SourceName, usccs: string[]): Promise<void> {
    const redis = this.redis;
    if (!redis || !isReady(redis) || usccs.length === 0) return;
    await multi
      .del(
        redis,
        usccs.map((u) => `cg:lock:${source}:${u}`),
      )
      .catch(() => undefined);
  }

  /** Who holds each key's fetch lock (null: nobody), or null when Redis cannot say. */
  async holders(source: SourceName, usccs: string[]): Promise<Array<string | null> | null> {
    const redis = this.redis;
    if (!redis || !isReady(redis)) return null;
    try {
      return await multi.get(
        redis,
        usccs.map((u) => `cg:lock:${source}:${u}`),
      );
    } catch {
      return null;
    }
  }
}
