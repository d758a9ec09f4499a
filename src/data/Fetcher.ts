/**
 * The seam between DataLoaders and departments: fetch one source for many enterprises, each
 * key answered with a value or the department's error. The direct fetcher calls the
 * connectors in the department's batch size, every batch in parallel; the cache (issue 7)
 * wraps it with the same interface.
 */
import type { Connectors } from '../../connectors/index.ts';
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import { chunk } from '../../connectors/shared/parseJson.ts';
import type { Fetched, SourceName, SourceValues } from './sources.ts';

/** Per key: the fetched value, or why it could not be had. */
export type FetchResult<S extends SourceName> = Map<string, Fetched<SourceValues[S]> | DepartmentError>;

/** Loads one source for many enterprises. */
export interface Fetcher {
  fetch<S extends SourceName>(source: S, usccs: readonly string[]): Promise<FetchResult<S>>;
}

type BatchFn<S extends SourceName> = (usccs: string[]) => Promise<Map<string, SourceValues[S] | null>>;

/** Wraps a one-enterprise call as a batch: one call per code, all in parallel (the connector caps concurrency). */
function perEnterprise<T>(fn: (uscc: string) => Promise<T | null>): (usccs: string[]) => Promise<Map<string, T | null>> {
  return async (usccs) => new Map(await Promise.all(usccs.map(async (u) => [u, await fn(u)] as const)));
}

/** The batch function of every source over the connectors. */
export function sourceBatchFunctions(c: Connectors): { [S in SourceName]: { batchSize: number; fn: BatchFn<S> } } {
  const batchOf = <T>(fetchMany: (usccs: string[]) => Promise<Map<string, T>>) => async (usccs: string[]) => {
    const found = await fetchMany(usccs);
    return new Map(usccs.map((u) => [u, found.get(u) ?? null] as const));
  };
  return {
    registration: { batchSize: 1, fn: perEnterprise((u) => c.market.fetchRegistration(u)) },
    marketPenalties: { batchSize: 1, fn: perEnterprise((u) => c.market.fetchPenalties(u)) },
    marketAbnormal: { batchSize: 1, fn: perEnterprise((u) => c.market.fetchAbnormal(u)) },
    marketSerious: { batchSize: 1, fn: perEnterprise((u) => c.market.fetchSeriousViolations(u)) },
    tax: { batchSize: 100, fn: batchOf((u) => c.tax.fetchMany(u)) },
    environment: { batchSize: 50, fn: batchOf((u) => c.environment.fetchMany(u)) },
    courtDishonest: { batchSize: 20, fn: batchOf((u) => c.court.fetchList('dishonest', u)) },
    courtEnforced: { batchSize: 20, fn: batchOf((u) => c.court.fetchList('enforced', u)) },
    courtRestrictions: { batchSize: 20, fn: batchOf((u) => c.court.fetchList('restrictions', u)) },
    credit: { batchSize: 1, fn: perEnterprise((u) => c.credit.fetchSubject(u)) },
  };
}

/** A fetcher that always asks the departments. */
export function createDirectFetcher(connectors: Connectors, now: () => number = Date.now): Fetcher {
  const fns = sourceBatchFunctions(connectors);
  return {
    async fetch<S extends SourceName>(source: S, usccs: readonly string[]): Promise<FetchResult<S>> {
      const { batchSize, fn } = fns[source] as { batchSize: number; fn: BatchFn<S> };
      const out: FetchResult<S> = new Map();
      // Per-enterprise sources still go as one batch to their connector; batched ones in the department's size.
      const groups = batchSize === 1 ? [usccs.slice()] : chunk(usccs, batchSize);
      await Promise.all(
        groups.map(async (codes) => {
          if (batchSize === 1) {
            // One call per code: each enterprise succeeds or fails on its own.
            await Promise.all(
              codes.map(async (u) => {
                try {
                  const m = await fn([u]);
                  out.set(u, { value: m.get(u) ?? null, fetchedAt: now(), stale: false });
                } catch (err) {
                  out.set(u, asDepartmentError(err));
                }
              }),
            );
            return;
          }
          try {
            const m = await fn(codes);
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

