/** Per-request DataLoaders, one per source: a request's lookups of one source become one batch. */
import DataLoader from 'dataloader';
import type { Fetcher, Lane } from './Fetcher.ts';
import { SOURCE_NAMES, type Fetched, type SourceName, type SourceValues } from './sources.ts';

/** The loaders of one request. */
export type Loaders = { [S in SourceName]: DataLoader<string, Fetched<SourceValues[S]>> };

/** Builds a request's loaders over a (shared) fetcher; `lane` is read when a batch goes out. */
export function createLoaders(fetcher: Fetcher, lane: () => Lane = () => 'interactive'): Loaders {
  const make = <S extends SourceName>(source: S): DataLoader<string, Fetched<SourceValues[S]>> =>
    new DataLoader<string, Fetched<SourceValues[S]>>(async (keys: readonly string[]) => {
      const result = await fetcher.fetch(source, keys, lane());
      return keys.map((k) => result.get(k) ?? new Error(`no result for ${source}`));
    });
  return Object.fromEntries(SOURCE_NAMES.map((s) => [s, make(s)])) as Loaders;
}
