/**
 * The two-tier cache of normalized department data per (source, enterprise): L1 an in-process
 * LRU bounded in bytes, L2 Redis (optional). Role-independent by construction: what is cached
 * is department data, never an answer to a caller, and authorization runs after it.
 * Redis trouble is a miss (fails open), counted; it never fails a request.
 * A wholesale drop bumps a generation number that is part of every key (O(1), every replica).
 */
import { LRUCache } from 'lru-cache';
import type { RedisClient } from './redisClient.ts';
import { isReady, multi } from './redisClient.ts';

/** What is cached: a department's answer for one enterprise and when it was fetched. */
export interface CacheEntry<T = unknown> {
  value: T | null;
  fetchedAt: number;
}

/** Counters by tier (for metrics and /readyz). */
export interface CacheStats {
  l1Hits: number;
  l2Hits: number;
  misses: number;
  redisErrors: number;
}

/** Options of {@link TieredCache}. */
export interface TieredCacheOptions {
  /** L1 budget in bytes. @default 64 MiB */
  maxBytes?: number;
  redis?: RedisClient | null;
  /** How long L2 keeps an entry (the maximum stale age: past it nothing is served). */
  maxStaleSeconds: number;
  /** Called on a Redis error (logging); the operation goes on as a miss. */
  onRedisError?: (err: unknown) => void;
  /** Key prefix. @default 'cg:v1' */
  prefix?: string;
}

/**
 * The heap an L1 entry costs, modelled from its JSON length: measured with
 * realistic department answers, rich and sparse (test/cache/heapProbe.ts, full collections before
 * and after), an entry costs about 1.15 bytes per JSON character for its strings and numbers and
 * about 210 bytes of its own (the entry, its key, the LRU's bookkeeping). The former count (two
 * bytes per character, nothing per entry) was 1.3–1.7× under the real heap for the small entries
 * most enterprises have; rounded up here so the budget is never exceeded by the model's error.
 */
export const BYTES_PER_JSON_CHAR = 1.2;
export const BYTES_PER_ENTRY = 220;
export function heapCost(jsonLength: number): number {
  return Math.ceil(jsonLength * BYTES_PER_JSON_CHAR) + BYTES_PER_ENTRY;
}

/** The cache. */
export class TieredCache {
  private readonly l1: LRUCache<string, CacheEntry>;
  /** The L1's budget, and the cap in force (below it while the heap runs high: heapGuard.ts). */
  readonly l1MaxBytes: number;
  private cap: number;
  private readonly redis: RedisClient | null;
  private readonly prefix: string;
  private generation = 0;
  /**
   * Whether the generation has been read from Redis since the connection became ready. Until it has,
   * Redis is not used (a miss, as when it is away): a replica that started — or reconnected — while
   * another moved everyone to a new generation would otherwise read entries a wholesale drop
   * discarded, and write where nobody reads.
   */
  private generationKnown: boolean;
  /**
   * When each enterprise's entries were last dropped here (performance.now()), and when everything
   * was: a fetch that began before a drop must not store what it brings — it may be the answer the
   * drop was for (a fetch in flight when the enterprise changed), and would stand until its TTL.
   */
  private readonly droppedAt = new Map<string, number>();
  private droppedAllAt = -Infinity;
  readonly stats: CacheStats = { l1Hits: 0, l2Hits: 0, misses: 0, redisErrors: 0 };

  constructor(private readonly opts: TieredCacheOptions) {
    this.l1MaxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.cap = this.l1MaxBytes;
    this.l1 = new LRUCache<string, CacheEntry>({
      maxSize: this.l1MaxBytes,
      // What the entry really costs the heap, by a model measured on realistic answers
      // (test/cache/heapAccounting.test.ts): bytes per JSON character plus a fixed cost per entry.
      sizeCalculation: (e) => heapCost(JSON.stringify(e).length),
    });
    this.redis = opts.redis ?? null;
    this.prefix = opts.prefix ?? 'cg:v1';
    this.generationKnown = this.redis === null;
    // Every (re)connection reads the generation again: a drop may have moved it meanwhile.
    this.redis?.on('ready', () => {
      this.generationKnown = false;
      void this.syncGeneration();
    });
  }

  /** Whether Redis is in use now: connected, and its generation read. */
  get l2Ready(): boolean {
    return this.redis !== null && isReady(this.redis) && this.generationKnown;
  }

  /** Whether an L2 is configured. */
  get hasRedis(): boolean {
    return this.redis !== null;
  }

  /** Reads the current generation from Redis (at start, and when told it changed). */
  async syncGeneration(): Promise<void> {
    const g = await this.redisCall((r) => r.get(`${this.prefix}:gen`), true);
    if (g === undefined) return;
    this.generation = Number(g ?? 0);
    this.generationKnown = true;
  }

  private key(source: string, uscc: string): string {
    return `${this.prefix}:g${this.generation}:${source}:${uscc}`;
  }

  /** This replica's L1 entry, if it holds one (no Redis round trip): the warm path's read. */
  peek(source: string, uscc: string): CacheEntry | undefined {
    const hit = this.l1.get(this.key(source, uscc));
    if (hit) this.stats.l1Hits++;
    return hit;
  }

  /** Entries for many enterprises of one source: L1 first, then one MGET for the rest. */
  async mget(source: string, usccs: readonly string[]): Promise<Map<string, CacheEntry>> {
    const out = new Map<string, CacheEntry>();
    const missing: string[] = [];
    for (const u of usccs) {
      const hit = this.l1.get(this.key(source, u));
      if (hit) {
        out.set(u, hit);
        this.stats.l1Hits++;
      } else missing.push(u);
    }
    if (missing.length && this.redis) {
      const values = await this.redisCall((r) =>
        multi.get(
          r,
          missing.map((u) => this.key(source, u)),
        ),
      );
      missing.forEach((u, k) => {
        const text = values?.[k];
        if (!text) return;
        const entry = JSON.parse(text) as CacheEntry;
        out.set(u, entry);
        this.l1.set(this.key(source, u), entry);
        this.stats.l2Hits++;
      });
      this.trim();
    }
    this.stats.misses += usccs.length - out.size;
    return out;
  }

  /**
   * Stores entries in L1 and (one pipeline) in L2. With `fetchedSince` (the performance.now() when
   * their fetch began), entries of an enterprise dropped since then are not stored (see droppedAt).
   */
  async mset(source: string, entries: ReadonlyMap<string, CacheEntry>, fetchedSince?: number): Promise<void> {
    if (fetchedSince !== undefined) entries = this.notDroppedSince(entries, fetchedSince);
    if (entries.size === 0) return;
    for (const [u, e] of entries) this.l1.set(this.key(source, u), e);
    this.trim();
    if (!this.redis) return;
    await this.redisCall((r) =>
      multi.set(
        r,
        [...entries].map(([u, e]) => [this.key(source, u), JSON.stringify(e)]),
        this.opts.maxStaleSeconds,
      ),
    );
  }

  /** Drops one enterprise's entries of the given sources from this replica's L1. */
  dropLocal(uscc: string, sources: readonly string[]): void {
    for (const s of sources) this.l1.delete(this.key(s, uscc));
    this.noteDrop(uscc);
  }

  private noteDrop(uscc: string): void {
    const now = performance.now();
    this.droppedAt.delete(uscc);
    this.droppedAt.set(uscc, now);
    // No fetch runs for a minute (timeouts and retries are seconds): older drops can go, oldest first.
    if (this.droppedAt.size > 10_000)
      for (const [u, at] of this.droppedAt) {
        if (now - at < 60_000) break;
        this.droppedAt.delete(u);
      }
  }

  private notDroppedSince(
    entries: ReadonlyMap<string, CacheEntry>,
    since: number,
  ): ReadonlyMap<string, CacheEntry> {
    if (this.droppedAllAt >= since) return new Map();
    if (this.droppedAt.size === 0) return entries;
    const kept = new Map<string, CacheEntry>();
    for (const [u, e] of entries) if (!((this.droppedAt.get(u) ?? -Infinity) >= since)) kept.set(u, e);
    return kept;
  }

  /** Drops one enterprise's entries from L1 and L2. */
  async drop(uscc: string, sources: readonly string[]): Promise<void> {
    this.dropLocal(uscc, sources);
    if (this.redis)
      await this.redisCall((r) =>
        multi.del(
          r,
          sources.map((s) => this.key(s, uscc)),
        ),
      );
  }

  /** Drops everything: L1 here, and every replica's L2 keys by moving to a new generation. */
  async dropAll(): Promise<void> {
    this.l1.clear();
    this.droppedAllAt = performance.now();
    if (!this.redis) return;
    const g = await this.redisCall((r) => r.incr(`${this.prefix}:gen`), true);
    if (g === undefined) return;
    this.generation = g;
    this.generationKnown = true;
  }

  /** Forgets L1 only and adopts a generation another replica moved to. */
  adoptGeneration(generation: number): void {
    if (generation !== this.generation) {
      this.generation = generation;
      this.l1.clear();
      this.droppedAllAt = performance.now();
    }
    if (this.redis) this.generationKnown = true;
  }

  /** Bytes held in L1. */
  get l1Bytes(): number {
    return this.l1.calculatedSize;
  }

  /** The L1's cap in force (its budget unless the heap guard lowered it). */
  get l1CapBytes(): number {
    return this.cap;
  }

  /** Caps the L1 at `bytes` (never above its budget), evicting the least recently used down to it. */
  capL1(bytes: number): void {
    this.cap = Math.max(0, Math.min(this.l1MaxBytes, Math.floor(bytes)));
    this.trim();
  }

  private trim(): void {
    while (this.l1.calculatedSize > this.cap && this.l1.size > 0) this.l1.pop();
  }

  /**
   * Runs a Redis command; an error, a client not ready, or (for entries) a generation not yet read
   * is `undefined` (a miss), counted.
   */
  private async redisCall<T>(
    fn: (r: RedisClient) => Promise<T>,
    anyGeneration = false,
  ): Promise<T | undefined> {
    if (!this.redis || !isReady(this.redis) || !(anyGeneration || this.generationKnown)) return undefined;
    try {
      return await fn(this.redis);
    } catch (err) {
      this.stats.redisErrors++;
      this.opts.onRedisError?.(err);
      return undefined;
    }
  }
}
