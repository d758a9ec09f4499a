/** Per-request DataLoaders, one per source: a request's lookups of one source become one batch. */
import DataLoader from 'dataloader';
import type { Fetcher, Lane } from './Fetcher.ts';
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import {
  SOURCE_DEPARTMENT,
  SOURCE_NAMES,
  type Fetched,
  type SourceName,
  type SourceValues,
} from './sources.ts';

/** The loaders of one request. */
export type Loaders = { [S in SourceName]: DataLoader<string, Fetched<SourceValues[S]>> };

/** Waits until the deadline (a `performance.now()` time); resolves null then. */
function untilDeadline(deadline: number): { done: Promise<null>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const done = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), Math.max(0, deadline - performance.now()));
  });
  return { done, cancel: () => clearTimeout(timer) };
}

const MAKE = Symbol('make');
/** The loaders' shared prototype: a getter per source that makes the request's loader once. */
const LAZY: object = Object.defineProperties(
  {},
  Object.fromEntries(
    SOURCE_NAMES.map((s) => [
      s,
      {
        enumerable: true,
        get(this: { [MAKE]: (s: SourceName) => unknown }) {
          return this[MAKE](s);
        },
      },
    ]),
  ),
);

/**
 * Builds a request's loaders over a (shared) fetcher; `lane` is read when a batch goes out.
 * With a `deadline`, a batch still unanswered then is the department's timeout for this request
 * (the call goes on and fills the cache): the operation answers with what arrived, the late
 * department marked UNAVAILABLE, instead of failing whole at the operation timeout.
 */
export function createLoaders(
  fetcher: Fetcher,
  lane: () => Lane = () => 'interactive',
  deadline: number | null = null,
): Loaders {
  const make = <S extends SourceName>(source: S): DataLoader<string, Fetched<SourceValues[S]>> =>
    new DataLoader<string, Fetched<SourceValues[S]>>(async (keys: readonly string[]) => {
      const call = fetcher.fetch(source, keys, lane());
      let result: Awaited<typeof call> | null;
      if (deadline === null) result = await call;
      else {
        const wait = untilDeadline(deadline);
        result = await Promise.race([call, wait.done]).finally(wait.cancel);
        if (result === null) void call.catch(() => undefined);
      }
      if (result === null) return keys.map(() => new DepartmentError(SOURCE_DEPARTMENT[source], 'timeout'));
      return keys.map((k) => result.get(k) ?? new Error(`no result for ${source}`));
    });
  // Each made when first asked for: a warm request, served from the cache's entries at once
  // (RequestData.loaded), never makes one.
  const made: Partial<Record<SourceName, DataLoader<string, unknown>>> = {};
  return Object.create(LAZY, {
    [MAKE]: { value: (s: SourceName) => (made[s] ??= make(s) as DataLoader<string, unknown>) },
  }) as Loaders;
}
