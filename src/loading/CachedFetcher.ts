/**
 * The cache around the departments' batch functions (DESIGN.md "Caching"): fresh entries are
 * served without a call; a miss is fetched once however many requests wait for it (single
 * flight in this replica, and across replicas through a short Redis lock); when a department
 * fails, the last known value is served, marked stale, up to the maximum stale age.
 */
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import type { Department } from '../model/unifiedModel.ts';
import type { Fetcher, FetchResult, Lane } from './Fetcher.ts';
import { SOURCE_DEPARTMENT, type Fetched, type SourceName, type SourceValues } from './sources.ts';
import type { RedisClient } from '../cache/redisClient.ts';
import { isReady, multi } from '../cache/redisClient.ts';
import type { CacheEntry, TieredCache } from '../cache/TieredCache.ts';

/** Options of the cached fetcher. */
export interface CachedFetcherOptions {
  inner: Fetcher;
  cache: TieredCache;
  /** Seconds an entry is fresh, per department. */
  ttlSeconds: Record<Department, number>;
  /** Seconds past which nothing is served, stale or not. */
  maxStaleSeconds: number;
  now: () => number;
  /** For the cross-replica lock; absent: single flight within this replica only. */
  redis?: RedisClient | null;
  /** @default 3000 */
  lockMs?: number;
  replicaId?: string;
}

type Result<S extends SourceName> = Fetched<SourceValues[S]> | DepartmentError;

/** Wraps a fetcher with the tiered cache. */
export function createCachedFetcher(opts: CachedFetcherOptions): Fetcher {
  const { inner, cache, now } = opts;
  const inflight = new Map<string, Promise<Result<SourceName>>>();
  const lockMs = opts.lockMs ?? 3000;
  const replica = opts.replicaId ?? `r${process.pid}`;

  /** Cross-replica: the keys this replica won the right to fetch (all of them without Redis). */
  async function lock(source: SourceName, usccs: string[]): Promise<{ mine: string[]; theirs: string[] }> {
    const redis = opts.redis;
    if (!redis || !isReady(redis) || usccs.length === 0) return { mine: usccs, theirs: [] };
    try {
      const taken = await multi.setNx(
        redis,
        usccs.map((u) => `cg:lock:${source}:${u}`),
        replica,
        lockMs,
      );
      const mine: string[] = [];
      const theirs: string[] = [];
      usccs.forEach((u, k) => (taken[k] ? mine : theirs).push(u));
      return { mine, theirs };
    } catch {
      return { mine: usccs, theirs: [] };
    }
  }

  async function unlock(source: SourceName, usccs: string[]): Promise<void> {
    if (!opts.redis || !isReady(opts.redis) || usccs.length === 0) return;
    await multi
      .del(
        opts.redis,
        usccs.map((u) => `cg:lock:${source}:${u}`),
      )
      .catch(() => undefined);
  }

  /** Waits for another replica to fill the keys it locked; what does not come in time we fetch ourselves. */
  async function awaitOthers(
    source: SourceName,
    usccs: string[],
  ): Promise<{ got: Map<string, CacheEntry>; late: string[] }> {
    const deadline = performance.now() + lockMs;
    let pending = usccs;
    const got = new Map<string, CacheEntry>();
    while (pending.length && performance.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
      const hits = await cache.mget(source, pending);
      for (const [u, e] of hits)
        if (now() - e.fetchedAt < opts.ttlSeconds[SOURCE_DEPARTMENT[source]] * 1000) got.set(u, e);
      pending = pending.filter((u) => !got.has(u));
    }
    return { got, late: pending };
  }

  /** Fetches keys nobody in this replica is fetching yet; registers one promise per key. */
  function startFetch<S extends SourceName>(
    source: S,
    usccs: string[],
    cached: Map<string, CacheEntry>,
    lane: Lane,
  ): void {
    const batch = (async (): Promise<Map<string, Result<S>>> => {
      const { mine, theirs } = await lock(source, usccs);
      const out = new Map<string, Result<S>>();
      const [fetched, others] = await Promise.all([
        mine.length ? inner.fetch(source, mine, lane) : Promise.resolve(new Map() as FetchResult<S>),
        awaitOthers(source, theirs),
      ]);
      for (const [u, e] of others.got)
        out.set(u, { value: e.value as SourceValues[S] | null, fetchedAt: e.fetchedAt, stale: false });
      const late = others.late.length
        ? await inner.fetch(source, others.late, lane)
        : (new Map() as FetchResult<S>);
      const toStore = new Map<string, CacheEntry>();
      for (const [u, r] of [...fetched, ...late]) {
        if (r instanceof DepartmentError) {
          // Stale-if-error: the last known value, while it is younger than the maximum stale age.
          const old = cached.get(u);
          out.set(
            u,
            old && now() - old.fetchedAt < opts.maxStaleSeconds * 1000
              ? { value: old.value as SourceValues[S] | null, fetchedAt: old.fetchedAt, stale: true }
              : r,
          );
        } else {
          out.set(u, r);
          toStore.set(u, { value: r.value, fetchedAt: r.fetchedAt });
        }
      }
      await cache.mset(source, toStore);
      await unlock(source, mine);
      return out;
    })();
    for (const u of usccs) {
      const key = `${source}:${u}`;
      const p = batch.then((m) => m.get(u) ?? new DepartmentError(SOURCE_DEPARTMENT[source], 'unavailable'));
      inflight.set(key, p as Promise<Result<SourceName>>);
      void p.finally(() => {
        if (inflight.get(key) === p) inflight.delete(key);
      });
    }
  }

  return {
    async fetch<S extends SourceName>(
      source: S,
      usccs: readonly string[],
      lane: Lane = 'interactive',
    ): Promise<FetchResult<S>> {
      const ttlMs = opts.ttlSeconds[SOURCE_DEPARTMENT[source]] * 1000;
      const cached = await cache.mget(source, usccs);
      const out: FetchResult<S> = new Map();
      const toFetch: string[] = [];
      for (const u of usccs) {
        const e = cached.get(u);
        if (e && now() - e.fetchedAt < ttlMs)
          out.set(u, { value: e.value as SourceValues[S] | null, fetchedAt: e.fetchedAt, stale: false });
        else if (!inflight.has(`${source}:${u}`)) toFetch.push(u);
      }
      if (toFetch.length) startFetch(source, toFetch, cached, lane);
      await Promise.all(
        usccs
          .filter((u) => !out.has(u))
          .map(async (u) => {
            out.set(u, (await inflight.get(`${source}:${u}`)) as Result<S>);
          }),
      );
      return out;
    },
  };
}
