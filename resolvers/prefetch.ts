/**
 * Starts the department loads a query will need at the same moment as the registry lookup that
 * decides whether the enterprise exists, instead of after it: the cold path then costs the
 * slowest department, not the registry plus the slowest. Only sources the selection asks for
 * are started, so a registration-only query still touches market regulation alone.
 */
import type { GraphQLResolveInfo } from 'graphql';
import { SOURCE_NAMES, type SourceName } from '../src/data/sources.ts';
import type { GatewayContext } from '../src/context.ts';
import { sourcesOfSelections } from '../src/loading/selectionSources.ts';

/** The sources the selection under this field will read (for `creditCheck`, all of them). */
export function sourcesFor(info: GraphQLResolveInfo, all = false): SourceName[] {
  if (all) return SOURCE_NAMES;
  return sourcesOfSelections(info.fieldNodes.map((n) => n.selectionSet), info.fragments);
}

/** Starts the loads (their DataLoaders batch and dedupe them); failures surface where fields read them. */
export function prefetch(ctx: GatewayContext, uscc: string, sources: readonly SourceName[]): void {
  for (const s of sources) ctx.loaders[s].load(uscc).catch(() => undefined);
}
