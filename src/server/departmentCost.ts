/**
 * What an operation costs the departments, counted before it runs: per root field, the codes it
 * names × the sources its selection reads (src/loading/selectionSources.ts). Each role has a
 * budget (the public far below a bank); past it the operation is refused with
 * `DEPARTMENT_BUDGET_EXCEEDED`, no department called. The cost also picks the request's lane:
 * bulk readers queue behind embedded lookups for a department's capacity.
 */
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  getOperationAST,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type SelectionSetNode,
} from 'graphql';
import { ACCESS } from '../auth/accessTable.ts';
import { roleMayRead } from '../auth/audience.ts';
import type { Principal, Role } from '../auth/principal.ts';
import { ROLE_TABLE, traitsOf } from '../auth/roles.ts';
import type { GatewayContext } from '../context.ts';
import { SOURCE_NAMES } from '../loading/sources.ts';
import { GatewayErrorCode, refusal } from '../errors.ts';
import { quotaHeaders, quotaRefusal, type Quotas } from './quotas.ts';
import { declaredOfSelections, sourcesOfSelections, type Fragments } from '../loading/selectionSources.ts';
import { declaredDepartments } from '../departments/declared/declarations.ts';

/** Enterprises the regulator's alert sweep examines at most per page. */
export const SWEEP_SCAN_PER_PAGE = 500;
/** Above this many department calls an operation is bulk reading. @default 30 */
export const INTERACTIVE_MAX_CALLS = 30;

/** Department calls each role may cause with one operation. */
export type DepartmentBudgets = Record<Role, number>;

/**
 * The defaults, each role's row (src/auth/roles.ts). With the three shipped declared departments a full profile costs 14, a check 13,
 * a bank's batch of 100 profiles about 1,400, a sweep page 6,510 (each declared department adds
 * one per enterprise; a city declaring more may raise `DEPARTMENT_BUDGET_<ROLE>`).
 */
export const DEFAULT_DEPARTMENT_BUDGETS: DepartmentBudgets = Object.fromEntries(
  Object.entries(ROLE_TABLE).map(([role, t]) => [role, t.budget]),
) as DepartmentBudgets;

/** The fields a selection set holds, through fragments, with their nodes. */
function fieldsOf(set: SelectionSetNode | undefined, fragments: Fragments): FieldNode[] {
  const out: FieldNode[] = [];
  const walk = (s: SelectionSetNode | undefined): void => {
    for (const sel of s?.selections ?? []) {
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) walk(sel.selectionSet);
      else walk(fragments[sel.name.value]?.selectionSet);
    }
  };
  walk(set);
  return out;
}

/** An argument's value, from a literal or the variables. */
function arg(field: FieldNode, name: string, variables: Record<string, unknown>): unknown {
  const a = field.arguments?.find((x) => x.name.value === name);
  return a ? valueFromASTUntyped(a.value, variables) : undefined;
}

/** Sources read per enterprise under these Enterprise selections: the registry lookup, the five's sources, the declared departments. */
function perEnterprise(sets: ReadonlyArray<SelectionSetNode | undefined>, fragments: Fragments): number {
  return (
    new Set(['registration', ...sourcesOfSelections(sets, fragments)]).size +
    declaredOfSelections(sets, fragments).length
  );
}

/** Every source of one enterprise: the five's and one per declared department (a check, a sweep's enterprise). */
const everySource = (): number => SOURCE_NAMES.length + declaredDepartments().length;

/** The profile selections under a search's `edges { node { profile { … } } }`. */
function searchProfiles(field: FieldNode, fragments: Fragments): SelectionSetNode[] {
  const sets: SelectionSetNode[] = [];
  for (const edges of fieldsOf(field.selectionSet, fragments).filter((f) => f.name.value === 'edges')) {
    for (const node of fieldsOf(edges.selectionSet, fragments).filter((f) => f.name.value === 'node')) {
      for (const profile of fieldsOf(node.selectionSet, fragments).filter((f) => f.name.value === 'profile'))
        if (profile.selectionSet) sets.push(profile.selectionSet);
    }
  }
  return sets;
}

/** The most department calls one root field may cause. */
function rootFieldCost(field: FieldNode, fragments: Fragments, variables: Record<string, unknown>): number {
  switch (field.name.value) {
    case 'enterprise':
      return perEnterprise([field.selectionSet], fragments);
    case 'enterprises': {
      const codes = arg(field, 'usccs', variables);
      return (Array.isArray(codes) ? codes.length : 1) * perEnterprise([field.selectionSet], fragments);
    }
    case 'creditCheck':
      return everySource();
    case 'searchEnterprises': {
      const first = Number(arg(field, 'first', variables) ?? 20);
      const profiles = searchProfiles(field, fragments);
      // Two registry pages at most, then each hit's profile.
      return (
        2 + (profiles.length ? (Number.isFinite(first) ? first : 0) * perEnterprise(profiles, fragments) : 0)
      );
    }
    case 'riskAlerts': {
      // A department's list is read from the ledger (the resolver requires it): the page's
      // enterprises, their alerts evaluated live. Otherwise a sweep of the registry may examine a page.
      const department = arg(field, 'department', variables);
      if (department === undefined || department === null)
        return Math.ceil(SWEEP_SCAN_PER_PAGE / 50) + SWEEP_SCAN_PER_PAGE * everySource();
      const first = Number(arg(field, 'first', variables) ?? 20);
      return (Number.isFinite(first) ? first : 50) * everySource();
    }
    case 'myConsents':
    case 'myAccess':
      return 1;
    default:
      // Mutations: one call to the credit platform each.
      return field.name.value.startsWith('__') ? 0 : 1;
  }
}

/**
 * The department calls an operation may cause at most. With a role, root fields the role may not
 * read count nothing: the shield refuses them before any department is called.
 */
export function departmentCalls(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
  reader?: Pick<Principal, 'role' | 'traits'>,
): number {
  const op = getOperationAST(document, operationName);
  if (!op) return 0;
  const fragments: Fragments = Object.fromEntries(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  const rootType = op.operation === 'mutation' ? 'Mutation' : 'Query';
  const reachable = (f: FieldNode): boolean =>
    reader === undefined || roleMayRead(reader, ACCESS[rootType]?.[f.name.value] ?? []);
  return fieldsOf(op.selectionSet, fragments)
    .filter(reachable)
    .reduce((n, f) => n + rootFieldCost(f, fragments, variables), 0);
}

/**
 * What an operation counts against its organization's quotas (src/server/quotas.ts), as asked:
 * profiles — one per `enterprise` and `creditCheck`, each code of `enterprises`, `first` of a
 * search that reads profiles, `first` of a risk-alert sweep (each alert reveals an enterprise's
 * records); webhooks — one per `registerWebhook`.
 */
export function quotaUses(
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> = {},
): Record<'profiles' | 'webhooks', number> {
  const out = { profiles: 0, webhooks: 0 };
  const op = getOperationAST(document, operationName);
  if (!op || op.operation === 'subscription') return out;
  const fragments: Fragments = Object.fromEntries(
    document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  for (const f of fieldsOf(op.selectionSet, fragments)) {
    switch (f.name.value) {
      case 'enterprise':
      case 'creditCheck':
        out.profiles += 1;
        break;
      case 'enterprises': {
        const codes = arg(f, 'usccs', variables);
        out.profiles += Array.isArray(codes) ? codes.length : 1;
        break;
      }
      case 'searchEnterprises':
        if (searchProfiles(f, fragments).length > 0) {
          const first = Number(arg(f, 'first', variables) ?? 20);
          out.profiles += Number.isFinite(first) ? first : 0;
        }
        break;
      case 'riskAlerts': {
        const first = Number(arg(f, 'first', variables) ?? 20);
        out.profiles += Number.isFinite(first) ? first : 0;
        break;
      }
      case 'registerWebhook':
        out.webhooks += 1;
        break;
    }
  }
  return out;
}

/** Refuses an operation past its organization's quota (429 with the quota headers); sets the headers otherwise. */
async function checkQuotas(
  quotas: Quotas,
  org: string | null | undefined,
  uses: Record<'profiles' | 'webhooks', number>,
  headers: HeaderMap,
): Promise<void> {
  for (const name of ['profiles', 'webhooks'] as const) {
    const use = await quotas.use(org, name, uses[name]);
    if (!use) continue;
    const h = quotaHeaders(use);
    if (!use.ok) {
      const { message, extensions } = quotaRefusal(use);
      throw refusal(message, GatewayErrorCode.QUOTA_EXCEEDED, extensions, new HeaderMap(Object.entries(h)));
    }
    for (const [k, v] of Object.entries(h)) headers.set(k, v);
  }
}

/**
 * The plugin: refuses an operation over its role's budget, then one past its organization's
 * quotas (counted only once the budget allows it), and sets the request's lane.
 */
export function createDepartmentCostPlugin(
  budgets: DepartmentBudgets,
  quotas: Quotas | null = null,
): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operationName, request, response, contextValue }) {
          const cost = departmentCalls(
            document,
            operationName,
            request.variables ?? {},
            contextValue.principal,
          );
          // The configured budget of a built-in role (DEPARTMENT_BUDGET_<ROLE>), else its row's.
          const { principal } = contextValue;
          const budget = budgets[principal.role] ?? traitsOf(principal).budget;
          if (cost > budget) {
            throw refusal(
              `this operation may cost up to ${cost} department calls; the budget of this role is ${budget}`,
              GatewayErrorCode.DEPARTMENT_BUDGET_EXCEEDED,
              { cost, budget },
            );
          }
          if (quotas)
            await checkQuotas(
              quotas,
              contextValue.principal.org,
              quotaUses(document, operationName, request.variables ?? {}),
              response.http.headers,
            );
          contextValue.lane.current = cost > INTERACTIVE_MAX_CALLS ? 'bulk' : 'interactive';
        },
      };
    },
  };
}
