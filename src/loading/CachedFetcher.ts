/**
 * The cache around the departments' batch functions (docs/operations.md "Cache"): fresh entries are
 * served without a call; a miss is fetched once however many requests wait for it (single
 * flight in this replica, and across replicas through a short Redis lock); when a department
 * fails, the last known value is served, marked stale, up to the maximum stale age.
 *
 * Refresh-ahead: an entry read after `refreshAhead` of its TTL has passed is served as
 * it is — still fresh — and fetched again in the background (once, however many read it), so a
 * key read at least that often never expires under its readers and no clerk waits for its
 * refresh. A key read less often than that expires and is fetched as before. Refreshes are
 * gathered for `refreshBatchMs` into one batch per source (as the requests' loaders batch) and
 * go out on the bulk lane, so they never take the department capacity a waiting clerk needs.
 *
 * A key read early in its life (before the refresh point) and not again until after its expiry
 * would still make its next reader wait: a key read within the last three TTLs (a hot key) is
 * refreshed when each life reaches its refresh point, read then or not; a key nobody has read
 * for three TTLs is left to expire. At most `hotKeys` are watched at once.
 */
import { isDeepStrictEqual } from 'node:util';
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import type { Fetcher, FetchResult, Lane } from './Fetcher.ts';
import { SOURCE_DEPARTMENT, SOURCE_NAMES, type SourceName, type SourceValues } from './sources.ts';
import type { CacheEntry } from '../cache/TieredCache.ts';
import { FetchLocks } from './fetchLocks.ts';
import type { CachedFetcherOptions, FetchCounts, FetchReason, Result } from './cachedFetcherTypes.ts';

export type { CachedFetcherOptions, FetchCounts, FetchReason } from './cachedFetcherTypes.ts';
import { HotKeys } from './hotKeys.ts';

/** A fetcher behind the tiered cache, with single flight and stale-if-error. */
export class CachedFetcher implements Fetcher {
  /** Keys being fetched by this replica, so a second request waits for the first (single flight). */
  private readonly inflight = new Map<string, Promise<Result<SourceName>>>();
  /** The lane of each key's fetch in flight: a clerk's lookup never queues behind a bulk one. */
  private readonly inflightLane = new Map<string, Lane>();
  /** The fetch locks shared with the other replicas (fetchLocks.ts). */
  private readonly locks: FetchLocks;
  /** Keys due for a background refresh, per source, until the batch goes out. */
  private readonly refreshes = new Map<SourceName, Map<string, FetchReason>>();
  private refreshTimer: NodeJS.Timeout | null = null;
  /** Reads noted and hot keys watched (hotKeys.ts). */
  private readonly hotKeys: HotKeys;
  /** Hot keys are kept warm unless refresh-ahead is off (1: CACHE_REFRESH_AHEAD_PERCENT=100). */
  private readonly keepsWarm: boolean;
  /** Keys fetched, by source and reason: which reads still wait for a department, and why. */
  readonly fetchCounts: FetchCounts = new Map();

  /** Each source's TTL in ms (its department's), looked up on every read. */
  private readonly ttlMs: Record<SourceName, number>;
  private readonly refreshAt: number;

  constructor(private readonly opts: CachedFetcherOptions) {
    this.ttlMs = Object.fromEntries([
      ...SOURCE_NAMES.map((s) => [s, opts.ttlSeconds[SOURCE_DEPARTMENT[s]] * 1000]),
      ...Object.entries(opts.moreSources ?? {}).map(([s, m]) => [s, m.ttlSeconds * 1000]),
    ]) as Record<SourceName, number>;
    this.refreshAt = opts.refreshAhead ?? 0.5;
    this.locks = new FetchLocks(opts.redis ?? null, opts.replicaId ?? `r${process.pid}`, opts.lockMs ?? 3000);
    this.keepsWarm = this.refreshAt < 1;
    this.hotKeys = new HotKeys({
      now: opts.now,
      ttlMs: (source) => this.ttlMs[source],
      refreshAt: this.refreshAt,
      limit: opts.hotKeys ?? 50_000,
      inflight: (key) => this.inflight.has(key),
      refreshIfStill: (source, uscc, fetchedAt) =>
        void this.opts.cache.mget(source, [uscc]).then((m) => {
          if (m.get(uscc)?.fetchedAt === fetchedAt) this.scheduleRefresh(source, [uscc], 'hot');
        }),
    });
  }

  async fetch<S extends SourceName>(
    source: S,
    usccs: readonly string[],
    lane: Lane = 'interactive',
    maxAgeMs?: number,
  ): Promise<FetchResult<S>> {
    const cached = await this.opts.cache.mget(source, usccs);
    const young = (e: CacheEntry): boolean =>
      maxAgeMs === undefined || this.opts.now() - e.fetchedAt < maxAgeMs;
    const out: FetchResult<S> = new Map();
    const toFetch: string[] = [];
    const toRefresh: string[] = [];
    for (const u of usccs) {
      const e = cached.get(u);
      // A live lookup joins a fetch in flight unless that one is bulk (it may be waiting for the
      // department's spare capacity): then it fetches on its own lane (live before bulk).
      const k = `${source}:${u}`;
      const inflight =
        this.inflight.has(k) && !(lane === 'interactive' && this.inflightLane.get(k) === 'bulk');
      if (e && this.fresh(source, e) && young(e)) {
        out.set(u, { value: e.value as SourceValues[S] | null, fetchedAt: e.fetchedAt, stale: false });
        if (this.onHit(source, u, k, e, inflight)) toRefresh.push(u);
      } else if (!inflight) {
        toFetch.push(u);
        this.count(source, !e ? 'missing' : this.inflight.has(k) ? 'expiredDuringRefresh' : 'expired');
      }
    }
    if (toFetch.length) this.startFetch(source, toFetch, cached, lane, true);
    if (toRefresh.length) this.scheduleRefresh(source, toRefresh, 'refreshAhead');
    await Promise.all(
      usccs
        .filter((u) => !out.has(u))
        .map(async (u) => {
          out.set(u, (await this.inflight.get(`${source}:${u}`)) as Result<S>);
        }),
    );
    return out;
  }

  /** A fresh entry in L1, read at once with a hit's bookkeeping (refresh-ahead, hot keys). */
  peek(source: SourceName, uscc: string): CacheEntry | undefined {
    const e = this.opts.cache.peek(source, uscc);
    if (!e || !this.fresh(source, e)) return undefined;
    const k = `${source}:${uscc}`;
    if (this.onHit(source, uscc, k, e, this.inflight.has(k)))
      this.scheduleRefresh(source, [uscc], 'refreshAhead');
    return e;
  }

  /** A fresh hit: notes the read and watches the key; true when it is due for a refresh now. */
  private onHit(source: SourceName, uscc: string, key: string, e: CacheEntry, inflight: boolean): boolean {
    const due = !inflight && this.dueForRefresh(source, e);
    if (!due && this.keepsWarm) this.hotKeys.watch(source, uscc, e.fetchedAt, key);
    if (this.keepsWarm) this.hotKeys.touch(source, key);
    return due;
  }

  private count(source: SourceName, reason: FetchReason): void {
    const k = `${source}/${reason}` as const;
    this.fetchCounts.set(k, (this.fetchCounts.get(k) ?? 0) + 1);
  }

  private fresh(source: SourceName, e: CacheEntry): boolean {
    return this.opts.now() - e.fetchedAt < this.ttlMs[source];
  }

  /** Past the refresh-ahead point of its TTL (and fresh): refreshed in the background. */
  private dueForRefresh(source: SourceName, e: CacheEntry): boolean {
    return this.opts.now() - e.fetchedAt >= this.ttlMs[source] * this.refreshAt;
  }

  /** Stops watching hot keys (the gateway is closing). */
  stop(): void {
    this.hotKeys.stop();
  }

  /**
   * In the background: nobody waits for these; the next reader finds the new entry. Gathered for
   * a moment into one batch per source, then fetched on the bulk lane.
   */
  private scheduleRefresh(source: SourceName, usccs: string[], reason: FetchReason): void {
    const due = this.refreshes.get(source) ?? new Map<string, FetchReason>();
    for (const u of usccs) if (!due.has(u)) due.set(u, reason);
    this.refreshes.set(source, due);
    this.refreshTimer ??= setTimeout(() => this.flushRefreshes(), this.opts.refreshBatchMs ?? 25);
  }

  private flushRefreshes(): void {
    this.refreshTimer = null;
    for (const [source, reasons] of this.refreshes) {
      const due = [...reasons.keys()].filter((u) => !this.inflight.has(`${source}:${u}`));
      for (const u of due) this.count(source, reasons.get(u)!);
      // The entries as they are now stand in for a failed refresh (served stale only past their TTL).
      if (due.length)
        void this.opts.cache
          .mget(source, due)
          .then((cached) => this.startFetch(source, due, cached, 'bulk', false));
    }
    this.refreshes.clear();
  }

  /**
   * Fetches keys nobody in this replica is fetching yet; registers one promise per key. A key
   * fetched again for a reader (it had an entry: this is at least its second read) is read as a
   * hit is, so its new life is watched; a key read for the first time is not (a one-off read, a
   * bank's cold batch, costs no refreshes). A background refresh keeps a key warm only while it
   * has been read within the last three TTLs.
   */
  private startFetch<S extends SourceName>(
    source: S,
    usccs: string[],
    cached: Map<string, CacheEntry>,
    lane: Lane,
    forReader: boolean,
  ): void {
    const batch = this.fetchBatch(source, usccs, cached, lane);
    for (const u of usccs) {
      const key = `${source}:${u}`;
      const department = SOURCE_DEPARTMENT[source] ?? this.opts.moreSources?.[source]?.department ?? source;
      const p = batch.then((m) => m.get(u) ?? new DepartmentError(department, 'unavailable'));
      this.inflight.set(key, p as Promise<Result<SourceName>>);
      this.inflightLane.set(key, lane);
      // The new life of a key just read, or of a hot key refreshed, is watched too: it stays warm.
      if (this.keepsWarm) {
        if (forReader && cached.has(u)) this.hotKeys.touch(source, key);
        void p.then((r) => {
          if (!(r instanceof DepartmentError) && !r.stale && this.hotKeys.recentlyRead(source, key))
            this.hotKeys.watch(source, u, r.fetchedAt);
        });
      }
      void p.finally(() => {
        if (this.inflight.get(key) !== p) return;
        this.inflight.delete(key);
        this.inflightLane.delete(key);
      });
    }
  }

  /** The keys this replica locked are fetched; the others are awaited from the replica that holds them. */
  private async fetchBatch<S extends SourceName>(
    source: S,
    usccs: string[],
    cached: Map<string, CacheEntry>,
    lane: Lane,
  ): Promise<Map<string, Result<S>>> {
    const { inner } = this.opts;
    const startedAt = performance.now();
    const { mine: won, theirs, locked } = await this.locks.take(source, usccs, lane);
    const out = new Map<string, Result<S>>();
    // Another replica may have filled a key between this replica's read of the cache and its lock
    // (it fetched, stored and let go meanwhile): what it stored since, fresh, is the answer.
    const filled = await this.filledSince(source, locked, cached);
    for (const [u, e] of filled)
      out.set(u, { value: e.value as SourceValues[S] | null, fetchedAt: e.fetchedAt, stale: false });
    const mine = won.filter((u) => !filled.has(u));
    const [fetched, others] = await Promise.all([
      mine.length ? inner.fetch(source, mine, lane) : Promise.resolve(new Map() as FetchResult<S>),
      this.locks.awaitOthers(
        source,
        theirs,
        (u) => this.opts.cache.mget(source, u),
        (e) => this.fresh(source, e),
      ),
    ]);
    for (const [u, e] of others.got)
      out.set(u, { value: e.value as SourceValues[S] | null, fetchedAt: e.fetchedAt, stale: false });
    const late = others.late.length
      ? await inner.fetch(source, others.late, lane)
      : (new Map() as FetchResult<S>);
    const toStore = new Map<string, CacheEntry>();
    for (const [u, r] of [...fetched, ...late]) {
      if (r instanceof DepartmentError) out.set(u, this.staleOr(cached.get(u), r));
      else {
        // The same answer as the entry it replaces keeps that entry's value object: the value's
        // identity is its data version (inputMemo.ts), so what was derived from it — records,
        // assessment, the ledger's row — is not derived again for an answer that did not change.
        const old = cached.get(u);
        const same = old !== undefined && old.value !== r.value && isDeepStrictEqual(old.value, r.value);
        const kept = same ? { ...r, value: old.value as SourceValues[S] | null } : r;
        out.set(u, kept);
        toStore.set(u, { value: kept.value, fetchedAt: kept.fetchedAt });
      }
    }
    // An enterprise dropped while this fetch ran (it changed) keeps no answer from before the drop.
    await this.opts.cache.mset(source, toStore, startedAt);
    await this.locks.release(source, locked);
    return out;
  }

  /** Entries of these keys stored after the ones read before (or where none was) and still fresh. */
  private async filledSince(
    source: SourceName,
    usccs: string[],
    cached: Map<string, CacheEntry>,
  ): Promise<Map<string, CacheEntry>> {
    const out = new Map<string, CacheEntry>();
    if (!usccs.length) return out;
    const now = this.opts.now();
    for (const [u, e] of await this.opts.cache.mget(source, usccs)) {
      const before = cached.get(u)?.fetchedAt ?? -Infinity;
      if (e.fetchedAt > before && now - e.fetchedAt < this.ttlMs[source]) out.set(u, e);
    }
    return out;
  }

  /** Stale-if-error: the last known value, while it is younger than the maximum stale age. */
  private staleOr<S extends SourceName>(old: CacheEntry | undefined, err: DepartmentError): Result<S> {
    if (!old || this.opts.now() - old.fetchedAt >= this.opts.maxStaleSeconds * 1000) return err;
    return { value: old.value as SourceValues[S] | null, fetchedAt: old.fetchedAt, stale: true };
  }
}

/** Wraps a fetcher with the tiered cache. */
export function createCachedFetcher(opts: CachedFetcherOptions): Fetcher {
  return new CachedFetcher(opts);
}
