/** The cached fetcher's options and what it counts (CachedFetcher.ts). */
import type { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import type { RedisClient } from '../cache/redisClient.ts';
import type { TieredCache } from '../cache/TieredCache.ts';
import type { AnyDepartment } from '../departments/registry.ts';
import type { Department } from '../model/unifiedModel.ts';
import type { Fetcher } from './Fetcher.ts';
import type { Fetched, SourceName, SourceValues } from './sources.ts';

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
  /** The fraction of the TTL after which a read also refreshes the entry in the background; 1: never. @default 0.5 */
  refreshAhead?: number;
  /** How long refreshes are gathered into one batch per source. @default 25 */
  refreshBatchMs?: number;
  /** Keys read early in their life that are refreshed at their refresh point, at most. @default 50000 */
  hotKeys?: number;
  /**
   * Sources beyond the five's (a declared department's answers, src/departments/declared/), each
   * with its department and TTL: cached, single-flighted and locked across replicas the same way.
   */
  moreSources?: Readonly<Record<string, { department: AnyDepartment; ttlSeconds: number }>>;
}

/** A key's fetch: its value, or the department's error. */
export type Result<S extends SourceName> = Fetched<SourceValues[S]> | DepartmentError;

/**
 * Why a key was fetched: `missing` (no entry), `expired` (past its TTL, nothing in flight),
 * `expiredDuringRefresh` (past its TTL while its background refresh was still in flight),
 * `refreshAhead` (read past its refresh point), `hot` (a hot key's refresh point).
 */
export type FetchReason = 'missing' | 'expired' | 'expiredDuringRefresh' | 'refreshAhead' | 'hot';

/** Keys fetched since start, by source and reason (`cg_cache_fetches_total`). */
export type FetchCounts = Map<`${SourceName}/${FetchReason}`, number>;
