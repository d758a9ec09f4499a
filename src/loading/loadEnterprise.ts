/**
 * Loads everything the departments hold for one enterprise, settled: a department that failed
 * is left out of the data and marked in the sources, never failing the whole.
 */
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import { DEPARTMENT_NAMES, type Department, type EnterpriseData } from '../model/unifiedModel.ts';
import type { AnyDepartment } from '../departments/registry.ts';
import type { Loaders } from './loaders.ts';
import type { CacheEntry } from '../cache/TieredCache.ts';
import {
  SOURCE_DEPARTMENT,
  SOURCE_NAMES,
  type Fetched,
  type SourceName,
  type SourceValues,
} from './sources.ts';

/** One department's freshness for one enterprise. */
export interface SourceState {
  /** One of the five, or a declared department. */
  department: AnyDepartment;
  status: 'OK' | 'STALE' | 'UNAVAILABLE';
  /** ISO timestamp of the oldest value served, null when unavailable. */
  fetchedAt: string | null;
}

/** An enterprise's data with the state of every department. */
export interface LoadedEnterprise {
  data: EnterpriseData;
  sources: SourceState[];
  /** Departments that could not answer (their part of `data` is absent). */
  missing: AnyDepartment[];
  /** Each source's value (or its error) in SOURCE_NAMES order: what the data was made from, by identity. */
  inputs: readonly unknown[];
}

/** A source's result for one key: the value with provenance, or the department's error. */
export function loadSettled<S extends SourceName>(
  loaders: Loaders,
  source: S,
  uscc: string,
): Promise<Fetched<SourceValues[S]> | DepartmentError> {
  return (loaders[source].load(uscc) as Promise<Fetched<SourceValues[S]>>).catch((err: unknown) => {
    if (err instanceof DepartmentError) return err;
    throw err;
  });
}

/** Every source's result for one enterprise. */
export type SourceResults = { [S in SourceName]: Fetched<SourceValues[S]> | DepartmentError };

/** Loads all sources of one enterprise in parallel (each through its request-wide DataLoader). */
export async function loadEnterprise(loaders: Loaders, uscc: string): Promise<LoadedEnterprise> {
  const results = Object.fromEntries(
    await Promise.all(SOURCE_NAMES.map(async (s) => [s, await loadSettled(loaders, s, uscc)] as const)),
  ) as SourceResults;
  return assembleLoaded(uscc, results);
}

/**
 * The fresh entries this process holds for every source of an enterprise, read at once, or null
 * when any is missing or due (then the enterprise is loaded through the DataLoaders).
 */
export function peekAll(
  peek: (source: SourceName, uscc: string) => CacheEntry | undefined,
  uscc: string,
): CacheEntry[] | null {
  const entries: CacheEntry[] = [];
  for (const s of SOURCE_NAMES) {
    const e = peek(s, uscc);
    if (!e) return null;
    entries.push(e);
  }
  return entries;
}

/** An enterprise from fresh entries (SOURCE_NAMES order), as `loadEnterprise` assembles it. */
export function loadedFromEntries(uscc: string, entries: readonly CacheEntry[]): LoadedEnterprise {
  const results = Object.fromEntries(
    SOURCE_NAMES.map((s, k) => [
      s,
      { value: entries[k]!.value, fetchedAt: entries[k]!.fetchedAt, stale: false },
    ]),
  ) as SourceResults;
  return assembleLoaded(uscc, results);
}

/** The enterprise's data and each department's state, from every source's result. */
function assembleLoaded(uscc: string, results: SourceResults): LoadedEnterprise {
  const sources: SourceState[] = DEPARTMENT_NAMES.map((department) => {
    const mine = SOURCE_NAMES.filter((s) => SOURCE_DEPARTMENT[s] === department).map((s) => results[s]);
    if (mine.some((r) => r instanceof DepartmentError))
      return { department, status: 'UNAVAILABLE', fetchedAt: null };
    const fetched = mine as Array<Fetched<unknown>>;
    const oldest = Math.min(...fetched.map((f) => f.fetchedAt));
    return {
      department,
      status: fetched.some((f) => f.stale) ? 'STALE' : 'OK',
      fetchedAt: new Date(oldest).toISOString(),
    };
  });
  const missing = sources.filter((s) => s.status === 'UNAVAILABLE').map((s) => s.department);
  const ok = (d: Department): boolean => !missing.includes(d);
  const v = <S extends SourceName>(s: S): SourceValues[S] | null =>
    (results[s] as Fetched<SourceValues[S]>).value;

  const data: EnterpriseData = { uscc };
  if (ok('MARKET')) {
    data.registration = v('registration');
    data.market =
      v('registration') === null
        ? null
        : {
            penalties: v('marketPenalties') ?? [],
            abnormalOperations: v('marketAbnormal') ?? [],
            seriousViolations: v('marketSerious') ?? [],
          };
  }
  if (ok('TAX')) data.tax = v('tax');
  if (ok('ENVIRONMENT')) data.environment = v('environment');
  if (ok('COURT'))
    data.judicial = {
      dishonestDebtor: v('courtDishonest') ?? [],
      enforcementCases: v('courtEnforced') ?? [],
      consumptionRestrictions: v('courtRestrictions') ?? [],
    };
  if (ok('CREDIT')) data.credit = v('credit');
  const inputs = SOURCE_NAMES.map((s) => {
    const r = results[s];
    return r instanceof DepartmentError ? r : r.value;
  });
  return { data, sources, missing, inputs };
}
