/**
 * Starts the department loads a query will need at the same moment as the registry lookup that
 * decides whether the enterprise exists, instead of after it: the cold path then costs the
 * slowest department, not the registry plus the slowest. Only sources the selection asks for
 * are started, so a registration-only query still touches market regulation alone.
 */
import type { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';
import { Kind } from 'graphql';
import { SOURCE_NAMES, type SourceName } from '../src/data/sources.ts';
import type { GatewayContext } from '../src/context.ts';

/** The sources each Enterprise field reads; for market and judicial, per list asked. */
const FIELD_SOURCES: Record<string, SourceName[] | Record<string, SourceName>> = {
  name: ['registration'],
  registration: ['registration'],
  tax: ['tax'],
  market: { penalties: 'marketPenalties', abnormalOperations: 'marketAbnormal', seriousViolations: 'marketSerious' },
  environment: ['environment'],
  judicial: { dishonestDebtor: 'courtDishonest', enforcementCases: 'courtEnforced', consumptionRestrictions: 'courtRestrictions' },
  credit: ['credit'],
  records: SOURCE_NAMES,
  sources: SOURCE_NAMES,
  evaluation: SOURCE_NAMES,
  supervision: SOURCE_NAMES,
  riskAlerts: SOURCE_NAMES,
};

/** The fields selected in a selection set (through fragments), with their own selection sets. */
function selected(set: SelectionSetNode | undefined, info: GraphQLResolveInfo, out: Array<[string, SelectionSetNode | undefined]>): void {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) out.push([sel.name.value, sel.selectionSet]);
    else if (sel.kind === Kind.INLINE_FRAGMENT) selected(sel.selectionSet, info, out);
    else selected(info.fragments[sel.name.value]?.selectionSet, info, out);
  }
}

/** The sources the selection under this field will read (for `creditCheck`, all of them). */
export function sourcesFor(info: GraphQLResolveInfo, all = false): SourceName[] {
  if (all) return SOURCE_NAMES;
  const fields: Array<[string, SelectionSetNode | undefined]> = [];
  for (const node of info.fieldNodes as readonly FieldNode[]) selected(node.selectionSet, info, fields);
  const out = new Set<SourceName>();
  for (const [name, sub] of fields) {
    const spec = FIELD_SOURCES[name];
    if (!spec) continue;
    if (Array.isArray(spec)) spec.forEach((s) => out.add(s));
    else {
      const inner: Array<[string, SelectionSetNode | undefined]> = [];
      selected(sub, info, inner);
      for (const [f] of inner) if (spec[f]) out.add(spec[f]);
    }
  }
  return [...out];
}

/** Starts the loads (their DataLoaders batch and dedupe them); failures surface where fields read them. */
export function prefetch(ctx: GatewayContext, uscc: string, sources: readonly SourceName[]): void {
  for (const s of sources) ctx.loaders[s].load(uscc).catch(() => undefined);
}
