/**
 * The seam between DataLoaders and departments: fetch one source for many enterprises, each
 * key answered with a value or the department's error. The direct fetcher calls the
 * connectors in the department's batch size, every batch in parallel; the cache
 * wraps it with the same interface.
 */
import type { Connectors } from '../../connectors/index.ts';
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import type { Lane } from '../../connectors/shared/DepartmentLimits.ts';
import { chunk } from '../../connectors/shared/parseJson.ts';
import type { Department } from '../model/unifiedModel.ts';
import type { Fetched, SourceName, SourceValues } from './sources.ts';
import type { CacheEntry } from '../cache/TieredCache.ts';

/** Per key: the fetched value, or why it could not be had. */
export type FetchResult<S extends SourceName> = Map<string, Fetched<SourceValues[S]> | DepartmentError>;

/** The lane a load is made on (connectors/shared/DepartmentLimits.ts): one type from the reader to the limiter. */
export type { Lane };

/** Loads one source for many enterprises. */
export interface Fetcher {
  /**
   * `maxAgeMs`: a cached value older than this is not used, however fresh its TTL says it is — the
   * department is asked again (an affirmative verdict's data, docs/rules.md "Approval checks").
   */
  fetch<S extends SourceName>(
    source: S,
    usccs: readonly string[],
    lane?: Lane,
    maxAgeMs?: number,
  ): Promise<FetchResult<S>>;
  /**
   * A fresh entry this process holds, read at once (no waiting, no department): the warm path. The
   * entry object stays the same for as long as it is the entry, so its identity is its version.
   * Undefined: not held, or not fresh — fetch it. Fetchers without a cache of their own omit it.
   */
  peek?(source: SourceName, uscc: string): CacheEntry | undefined;
}

type BatchFn<S extends SourceName> = (
  usccs: string[],
  lane: Lane,
) => Promise<Map<string, SourceValues[S] | null>>;

/** A department that answers one enterprise per call: its batches have one code each. */
function perEnterprise<T>(fn: (uscc: string, lane: Lane) => Promise<T | null>): {
  batchSize: number;
  fn: (usccs: string[], lane: Lane) => Promise<Map<string, T | null>>;
} {
  return { batchSize: 1, fn: async ([u], lane) => new Map([[u!, await fn(u!, lane)]]) };
}

/** A department that answers a batch of codes per call; codes it does not know map to null. */
function batched<T>(
  batchSize: number,
  fetchMany: (usccs: string[], lane: Lane) => Promise<Map<string, T>>,
): { batchSize: number; fn: (usccs: string[], lane: Lane) => Promise<Map<string, T | null>> } {
  return {
    batchSize,
    fn: async (usccs, lane) => {
      const found = await fetchMany(usccs, lane);
      return new Map(usccs.map((u) => [u, found.get(u) ?? null] as const));
    },
  };
}

/**
 * The batch function of every source over the connectors, in the department's batch size: the
 * one setting (`DepartmentCallSettings.batchSize`, defaulting to the department's wire limit).
 * Batches are split here once; a connector sends what it is given as one call.
 */
export function sourceBatchFunctions(c: Connectors): {
  [S in SourceName]: { batchSize: number; fn: BatchFn<S> };
} {
  const size = (d: Department): number => c.http[d].settings.batchSize;
  return {
    registration: perEnterprise((u, l) => c.market.fetchRegistration(u, l)),
    marketPenalties: perEnterprise((u, l) => c.market.fetchPenalties(u, l)),
    marketAbnormal: perEnterprise((u, l) => c.market.fetchAbnormal(u, l)),
    marketSerious: perEnterprise((u, l) => c.market.fetchSeriousViolations(u, l)),
    tax: batched(size('TAX'), (u, l) => c.tax.fetchMany(u, l)),
    environment: batched(size('ENVIRONMENT'), (u, l) => c.environment.fetchMany(u, l)),
    courtDishonest: batched(size('COURT'), (u, l) => c.court.fetchList('dishonest', u, l)),
    courtEnforced: batched(size('COURT'), (u, l) => c.court.fetchList('enforced', u, l)),
    courtRestrictions: batched(size('COURT'), (u, l) => c.court.fetchList('restrictions', u, l)),
    credit: perEnterprise((u, l) => c.credit.fetchSubject(u, l)),
  };
}

/**
 * A fetcher that always asks the departments. The lane goes with the calls to each department's
 * limiter (connectors/shared/DepartmentLimits.ts), the one cap per department: bulk calls hold at
 * most their share of its concurrency there, so the rest stays free for interactive lookups.
 */
export function createDirectFetcher(connectors: Connectors, now: () => number = Date.now): Fetcher {
  const fns = sourceBatchFunctions(connectors);
  return {
    async fetch<S extends SourceName>(
      source: S,
      usccs: readonly string[],
      lane: Lane = 'interactive',
    ): Promise<FetchResult<S>> {
      const { batchSize, fn } = fns[source] as { batchSize: number; fn: BatchFn<S> };
      const out: FetchResult<S> = new Map();
      // Every batch in parallel; each succeeds or fails on its own (one enterprise per batch where the department answers one).
      await Promise.all(
        chunk(usccs, batchSize).map(async (codes) => {
          try {
            // The lane goes with the calls to the department's limiter (live before bulk).
            const m = await fn(codes, lane);
            const at = now();
            for (const u of codes) out.set(u, { value: m.get(u) ?? null, fetchedAt: at, stale: false });
          } catch (err) {
            for (const u of codes) out.set(u, asDepartmentError(err));
          }
        }),
      );
      return out;
    },
  };
}

function asDepartmentError(err: unknown): DepartmentError {
  if (err instanceof DepartmentError) return err;
  // Anything else is a bug in our own code: keep it as is so it is masked and logged, not disguised.
  throw err;
}
