/**
 * The declared departments at run time: their connectors behind the same cached fetcher as the
 * five's (L1 and Redis, single flight within and across replicas, stale-if-error, refresh ahead,
 * each at its declared TTL), and per request one DataLoader per department, so every enterprise
 * a request names is asked in one batch per department (the connector splits it at the declared
 * limit).
 */
import DataLoader from 'dataloader';
import { DeclaredConnector, type DeclaredAnswer } from '../../../connectors/declared/DeclaredConnector.ts';
import { DepartmentError } from '../../../connectors/shared/DepartmentError.ts';
import type { DepartmentHttp } from '../../../connectors/shared/DepartmentHttp.ts';
import type { Fetcher, FetchResult, Lane } from '../../loading/Fetcher.ts';
import type { SourceName } from '../../loading/sources.ts';
import type { DeclaredDepartment } from './declarations.ts';

/** One department's answer for one enterprise, and when it was fetched. */
export interface DeclaredEntry {
  value: DeclaredAnswer;
  fetchedAt: number;
  /** Served from cache past its TTL because the department did not answer (stale-if-error). */
  stale: boolean;
}

/** One request's loads of the declared departments. */
export type DeclaredLoads = (department: string, uscc: string) => Promise<DeclaredEntry>;

/** A fresh answer this process holds, read at once (the warm path), or undefined. */
export type DeclaredPeek = (department: string, uscc: string) => DeclaredEntry | undefined;

/** The sources a cached fetcher keeps for these departments: one per department, by name, at its TTL. */
export function declaredSources(
  departments: readonly DeclaredDepartment[],
): Record<string, { department: string; ttlSeconds: number }> {
  return Object.fromEntries(
    departments.map((d) => [d.name, { department: d.name, ttlSeconds: d.call.ttlSeconds }]),
  );
}

/** The declared departments' connectors behind a fetcher, one per process. */
export class DeclaredSources {
  private readonly connectors = new Map<string, DeclaredConnector>();
  private readonly fetcher: Fetcher;

  constructor(
    readonly departments: readonly DeclaredDepartment[],
    /** Each department's HTTP base (its breaker, limits and metrics), by name. */
    readonly http: ReadonlyMap<string, DepartmentHttp>,
    /** The domain clock the cache's ages are measured by. */
    now: () => number,
    /** Wraps the connectors in the gateway's cache (none: every load asks the department). */
    cached: (inner: Fetcher) => Fetcher = (inner) => inner,
  ) {
    for (const d of departments) this.connectors.set(d.name, new DeclaredConnector(d, http.get(d.name)!));
    const inner: Fetcher = {
      fetch: async <S extends SourceName>(
        source: S,
        usccs: readonly string[],
        lane: Lane = 'interactive',
      ) => {
        const connector = this.connectors.get(source);
        if (!connector) return new Map(usccs.map((u) => [u, new DepartmentError(source, 'unavailable')]));
        // The lane goes to every call, later pages and batches after an await included.
        const got = await connector.fetchMany(usccs, lane);
        const at = now();
        return new Map(
          [...got].map(([u, v]) => [
            u,
            v instanceof DepartmentError ? v : { value: v, fetchedAt: at, stale: false },
          ]),
        ) as FetchResult<S>;
      },
    };
    this.fetcher = cached(inner);
  }

  /** A request's loads on a lane: one DataLoader per department, made on first use. */
  loads(lane: () => Lane = () => 'interactive'): DeclaredLoads {
    const loaders = new Map<string, DataLoader<string, DeclaredEntry>>();
    return (department, uscc) => {
      let l = loaders.get(department);
      if (!l) loaders.set(department, (l = new DataLoader((codes) => this.fetch(department, codes, lane()))));
      return l.load(uscc);
    };
  }

  /**
   * A fresh answer this process holds, read at once with a hit's bookkeeping (Fetcher.peek): a warm
   * enterprise's declared departments are read as the five's are, without a loader's batch tick.
   */
  peek(department: string, uscc: string): DeclaredEntry | undefined {
    const e = this.fetcher.peek?.(department as SourceName, uscc);
    return e ? { value: e.value as DeclaredAnswer, fetchedAt: e.fetchedAt, stale: false } : undefined;
  }

  /** The answers for these codes, or each one's department error. */
  private async fetch(
    department: string,
    usccs: readonly string[],
    lane: Lane,
  ): Promise<Array<DeclaredEntry | Error>> {
    // A declared department's name is a source of the cached fetcher (moreSources), not one of the five's.
    const got = await this.fetcher.fetch(department as SourceName, usccs, lane);
    return usccs.map((u) => {
      const r = got.get(u);
      if (!r) return new DepartmentError(department, 'unavailable');
      if (r instanceof DepartmentError) return r;
      return { value: r.value, fetchedAt: r.fetchedAt, stale: r.stale };
    });
  }

  /** Closes the departments' keep-alive pools. */
  async close(): Promise<void> {
    await Promise.all([...this.http.values()].map((h) => h.close()));
  }
}
