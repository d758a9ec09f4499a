/** One DataLoader per request and name: a field read for many parents in one request is one batch. */
import DataLoader from 'dataloader';
import type { GatewayContext } from '../../src/context.ts';

const LOADERS = new WeakMap<GatewayContext, Map<string, DataLoader<string, unknown>>>();

/** This request's loader called `name`, made from `batch` on first use. */
export function requestLoader<V>(
  ctx: GatewayContext,
  name: string,
  batch: (keys: readonly string[]) => Promise<V[]>,
): DataLoader<string, V> {
  let byName = LOADERS.get(ctx);
  if (!byName) LOADERS.set(ctx, (byName = new Map()));
  let loader = byName.get(name) as DataLoader<string, V> | undefined;
  if (!loader) byName.set(name, (loader = new DataLoader<string, V>(batch) as DataLoader<string, V>));
  return loader;
}
