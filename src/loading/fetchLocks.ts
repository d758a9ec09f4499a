/**
 * The cached fetcher's locks across replicas (CachedFetcher.ts): one replica fetches a key while
 * the others wait for its entry, through a short Redis lock per key naming its holder and lane.
 * Without Redis (or while it cannot answer) every replica fetches for itself.
 */
import type { RedisClient } from '../cache/redisClient.ts';
import { isReady, multi } from '../cache/redisClient.ts';
import type { CacheEntry } from '../cache/TieredCache.ts';
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

  /**
   * Waits for another replica to fill the keys it locked; what does not come in time — or whose
   * lock is let go without an entry (its fetch failed, or brought an answer from before a drop and
   * stored nothing) — we fetch ourselves.
   */
  async awaitOthers(
    source: SourceName,
    usccs: string[],
    mget: (usccs: string[]) => Promise<Map<string, CacheEntry>>,
    fresh: (e: CacheEntry) => boolean,
  ): Promise<{ got: Map<string, CacheEntry>; late: string[] }> {
    const deadline = performance.now() + this.lockMs;
    let pending = usccs;
    const got = new Map<string, CacheEntry>();
    const released: string[] = [];
    while (pending.length && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      const hits = await mget(pending);
      for (const [u, e] of hits) if (fresh(e)) got.set(u, e);
      pending = pending.filter((u) => !got.has(u));
      if (!pending.length) break;
      const held = await this.holders(source, pending);
      if (!held) continue;
      const letGo = pending.filter((_, k) => held[k] === null);
      pending = pending.filter((_, k) => held[k] !== null);
      if (!letGo.length) continue;
      // The holder stores before it lets go: read once more — what it stored is there now.
      const stored = await mget(letGo);
      for (const u of letGo) {
        const e = stored.get(u);
        if (e && fresh(e)) got.set(u, e);
        else released.push(u);
      }
    }
    return { got, late: [...released, ...pending] };
  }
}
