/**
 * The declared departments at run time: their connectors, an in-process cache per department with
 * the declared TTL (a repeated lookup answers from memory), and per request one DataLoader per
 * department, so every enterprise a request names is asked in one batch per department (the
 * connector splits it at the declared limit).
 */
import DataLoader from 'dataloader';
import { LRUCache } from 'lru-cache';
import { DeclaredConnector, type DeclaredAnswer } from '../../../connectors/declared/DeclaredConnector.ts';
import { DepartmentError } from '../../../connectors/shared/DepartmentError.ts';
import type { DepartmentHttp } from '../../../connectors/shared/DepartmentHttp.ts';
import type { DeclaredDepartment } from './declarations.ts';

/** Answers kept per department at most. */
const CACHED_PER_DEPARTMENT = 20_000;

/** One request's loads of the declared departments. */
export type DeclaredLoads = (department: string, uscc: string) => Promise<DeclaredAnswer>;

/** The declared departments' connectors and caches, one per process. */
export class DeclaredSources {
  private readonly connectors = new Map<string, DeclaredConnector>();
  private readonly caches = new Map<string, LRUCache<string, { value: DeclaredAnswer }>>();

  constructor(
    readonly departments: readonly DeclaredDepartment[],
    /** Each department's HTTP base (its breaker, limits and metrics), by name. */
    readonly http: ReadonlyMap<string, DepartmentHttp>,
  ) {
    for (const d of departments) {
      this.connectors.set(d.name, new DeclaredConnector(d, http.get(d.name)!));
      this.caches.set(
        d.name,
        new LRUCache({ max: CACHED_PER_DEPARTMENT, ttl: Math.max(1, d.call.ttlSeconds) * 1000 }),
      );
    }
  }

  /** A request's loads: one DataLoader per department, made on first use. */
  loads(): DeclaredLoads {
    const loaders = new Map<string, DataLoader<string, DeclaredAnswer>>();
    return (department, uscc) => {
      let l = loaders.get(department);
      if (!l) loaders.set(department, (l = new DataLoader((codes) => this.fetch(department, codes))));
      return l.load(uscc);
    };
  }

  /** The answers for these codes: from the cache where held, the rest in one call per batch. */
  private async fetch(department: string, usccs: readonly string[]): Promise<Array<DeclaredAnswer | Error>> {
    const cache = this.caches.get(department);
    const connector = this.connectors.get(department);
    if (!cache || !connector) return usccs.map(() => new Error(`no declared department ${department}`));
    const missing = usccs.filter((u) => !cache.has(u));
    const got = missing.length ? await connector.fetchMany(missing) : new Map<string, unknown>();
    return usccs.map((u) => {
      const held = cache.get(u);
      if (held) return held.value;
      const v = got.get(u);
      if (v instanceof DepartmentError) return v;
      cache.set(u, { value: v ?? null });
      return v ?? null;
    });
  }

  /** Closes the departments' keep-alive pools. */
  async close(): Promise<void> {
    await Promise.all([...this.http.values()].map((h) => h.close()));
  }
}
