/**
 * Which department sources a selection under an Enterprise will read, from the document alone
 * (no resolver runs): the prefetch starts them early, and the department-call cost of an
 * operation counts them before it runs.
 */
import { declaredDepartments } from '../departments/declared/declarations.ts';
import { Kind, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import { SOURCE_NAMES, type SourceName } from './sources.ts';

/** Fragments by name. */
export type Fragments = Readonly<Record<string, FragmentDefinitionNode | undefined>>;

/** A field's sources: those it reads itself, and per list under it those the list adds. */
export interface FieldSources {
  own: SourceName[];
  lists?: Record<string, SourceName[]>;
}

/**
 * The sources each Enterprise field reads. Lists that carry records also read the credit
 * platform, whose repairs and objections decide what each caller sees (resolvers/recordLists.ts).
 */
export const FIELD_SOURCES: Record<string, FieldSources> = {
  uscc: { own: [] },
  code: { own: [] },
  name: { own: ['registration'] },
  registration: { own: ['registration'] },
  tax: { own: ['tax'], lists: { penalties: ['credit'], majorCases: ['credit'] } },
  market: {
    own: [],
    lists: {
      penalties: ['marketPenalties', 'credit'],
      abnormalOperations: ['marketAbnormal', 'credit'],
      seriousViolations: ['marketSerious', 'credit'],
    },
  },
  environment: { own: ['environment'], lists: { penalties: ['credit'] } },
  judicial: {
    own: [],
    lists: {
      dishonestDebtor: ['courtDishonest', 'credit'],
      enforcementCases: ['courtEnforced', 'credit'],
      consumptionRestrictions: ['courtRestrictions', 'credit'],
    },
  },
  credit: { own: ['credit'] },
  records: { own: SOURCE_NAMES },
  sources: { own: SOURCE_NAMES },
  evaluation: { own: SOURCE_NAMES },
  supervision: { own: SOURCE_NAMES },
  riskAlerts: { own: SOURCE_NAMES },
  // From the ledger, no department.
  interviews: { own: [] },
  // The declared departments load through their own connectors (ctx.declared), none of these sources.
  ...Object.fromEntries(declaredDepartments().map((d) => [d.key, { own: [] }])),
};

/** The fields selected in a selection set (through fragments), with their own selection sets. */
export function selected(
  set: SelectionSetNode | undefined,
  fragments: Fragments,
  out: Array<[string, SelectionSetNode | undefined]>,
): void {
  for (const sel of set?.selections ?? []) {
    if (sel.kind === Kind.FIELD) out.push([sel.name.value, sel.selectionSet]);
    else if (sel.kind === Kind.INLINE_FRAGMENT) selected(sel.selectionSet, fragments, out);
    else selected(fragments[sel.name.value]?.selectionSet, fragments, out);
  }
}

/** The fields selected under each of these selection sets, through fragments. */
function fieldsUnder(
  sets: ReadonlyArray<SelectionSetNode | undefined>,
  fragments: Fragments,
): Array<[string, SelectionSetNode | undefined]> {
  const fields: Array<[string, SelectionSetNode | undefined]> = [];
  for (const set of sets) selected(set, fragments, fields);
  return fields;
}

/** The sources read by Enterprise selections (each the selection set under an Enterprise field). */
export function sourcesOfSelections(
  sets: ReadonlyArray<SelectionSetNode | undefined>,
  fragments: Fragments,
): SourceName[] {
  const out = new Set<SourceName>();
  for (const [name, sub] of fieldsUnder(sets, fragments)) {
    const spec = FIELD_SOURCES[name];
    if (!spec) continue;
    spec.own.forEach((s) => out.add(s));
    if (!spec.lists) continue;
    const inner: Array<[string, SelectionSetNode | undefined]> = [];
    selected(sub, fragments, inner);
    for (const [f] of inner) spec.lists[f]?.forEach((s) => out.add(s));
  }
  return [...out];
}

/**
 * Enterprise fields that read every department, the declared ones included (records and what is
 * made of them): those that read every one of the five's sources.
 */
const READS_EVERY_DEPARTMENT = new Set(
  Object.entries(FIELD_SOURCES)
    .filter(([, spec]) => spec.own === SOURCE_NAMES)
    .map(([field]) => field),
);

/**
 * The declared departments Enterprise selections read (by name): a department's own field, and
 * all of them under the fields made of every department's records. The cost of an operation
 * counts them beside the five's sources.
 */
export function declaredOfSelections(
  sets: ReadonlyArray<SelectionSetNode | undefined>,
  fragments: Fragments,
): string[] {
  const names = new Set(fieldsUnder(sets, fragments).map(([name]) => name));
  const all = declaredDepartments();
  if ([...READS_EVERY_DEPARTMENT].some((f) => names.has(f))) return all.map((d) => d.name);
  return all.filter((d) => names.has(d.key)).map((d) => d.name);
}

/** The sources the selection under a resolver's field will read (for `creditCheck`, all of them). */
export function sourcesFor(info: GraphQLResolveInfo, all = false): SourceName[] {
  if (all) return SOURCE_NAMES;
  return sourcesOfSelections(
    info.fieldNodes.map((n) => n.selectionSet),
    info.fragments,
  );
}
