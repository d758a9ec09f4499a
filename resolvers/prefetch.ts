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

/** A field's sources: those it reads itself, and per list under it those the list adds. */
interface FieldSources {
  own: SourceName[];
  lists?: Record<string, SourceName[]>;
}

/**
 * The sources each Enterprise field reads. Lists that carry records also read the credit
 * platform, whose repairs and objections decide what each caller sees (resolvers/recordLists.ts).
 */
const FIELD_SOURCES: Record<string, FieldSources> = {
  name: { own: ['registration'] },
  registration: { own: ['registration'] },
  tax: { own: ['tax'], lists: { penalties: ['credit'], majorCases: ['credit'] } },
  market: {
    own: [],
    lists: { penalties: ['marketPenalties', 'credit'], abnormalOperations: ['marketAbnormal', 'credit'], seriousViolations: ['marketSerious', 'credit'] },
  },
  environment: { own: ['environment'], lists: { penalties: ['credit'] } },
  judicial: {
    own: [],
    lists: { dishonestDebtor: ['courtDishonest', 'credit'], enforcementCases: ['courtEnforced', 'credit'], consumptionRestrictions: ['courtRestrictions', 'credit'] },
  },
  credit: { own: ['credit'] },
  records: { own: SOURCE_NAMES },
  sources: { own: SOURCE_NAMES },
  evaluation: { own: SOURCE_NAMES },
  supervision: { own: SOURCE_NAMES },
  riskAlerts: { own: SOURCE_NAMES },
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
    spec.own.forEach((s) => out.add(s));
    if (!spec.lists) continue;
    const inner: Array<[string, SelectionSetNode | undefined]> = [];
    selected(sub, info, inner);
    for (const [f] of inner) spec.lists[f]?.forEach((s) => out.add(s));
  }
  return [...out];
}

/** Starts the loads (their DataLoaders batch and dedupe them); failures surface where fields read them. */
export function prefetch(ctx: GatewayContext, uscc: string, sources: readonly SourceName[]): void {
  for (const s of sources) ctx.loaders[s].load(uscc).catch(() => undefined);
}
