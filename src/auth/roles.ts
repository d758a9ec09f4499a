/**
 * The roles as data (docs/access.md "Roles"): one row of traits per role, read by authentication
 * (what its token must carry), authorization and the audience rule (which audiences it belongs to,
 * its view of records and personal data, consents), the department-call budget and the credit
 * events. A decision about a role asks its traits here, never its name — the next role is a row.
 *
 * The table is given to the authenticator, which puts the caller's row on the principal
 * (`Principal.traits`); a principal made without one (tests, the system) has its role's row.
 */
import type { Principal, Role } from './principal.ts';

/** What one role is, as the gateway decides it. */
export interface RoleTraits {
  /**
   * What its token must carry besides the role: `org` an organization; `uscc` the enterprise it acts
   * for (the `self` and `enterprise` audiences); `department` an organization naming a department
   * (its own system: its lists, its alerts' basis); `none` nothing. Null: no token carries it.
   */
  token: 'none' | 'org' | 'uscc' | 'department' | null;
  /** Audiences of the access table it belongs to besides its own name (an inspector reading as a clerk). */
  readsAs: readonly Role[];
  /** Reads consented fields under each enterprise's consent, for a stated purpose (a bank). */
  holdsConsents: boolean;
  /** Its view of another enterprise's records: `official` records in force (docs/access.md), `public` published ones. */
  records: 'official' | 'public';
  /** Sees personal data unmasked (docs/access.md; besides the enterprise itself). */
  personalData: boolean;
  /** Supervises: its token may scope it to a region and a department; sees unpublished draws in its region. */
  supervises: boolean;
  /** May read the schema by introspection. */
  introspection: boolean;
  /** Department calls one operation may cause (`DEPARTMENT_BUDGET_<ROLE>` overrides). */
  budget: number;
  /**
   * The credit events it receives: `all`; `own` its enterprise's; `department` its department's
   * (alerts, objections, deadlines); `consented` what its consents cover; `none` (no subscription).
   */
  events: 'all' | 'own' | 'department' | 'consented' | 'none';
  /** Keeps webhooks (an organization's system). */
  webhooks: boolean;
}

/** A table of roles. */
export type RoleTable = Readonly<Record<string, RoleTraits>>;

const NONE: Omit<RoleTraits, 'token' | 'budget'> = {
  readsAs: [],
  holdsConsents: false,
  records: 'public',
  personalData: false,
  supervises: false,
  introspection: false,
  events: 'none',
  webhooks: false,
};

/**
 * The built-in roles (docs/access.md). Budgets: four profiles with records at 14 each for the
 * public (the three shipped declared departments included); a bank's batch of 100 profiles about
 * 1,400; a regulator's sweep page 6,510; a department's alert list, a page of 50 at 13 each.
 */
export const ROLE_TABLE = {
  public: { ...NONE, token: null, budget: 60 },
  developer: { ...NONE, token: 'none', introspection: true, budget: 60 },
  enterprise: { ...NONE, token: 'uscc', budget: 200, events: 'own' },
  clerk: { ...NONE, token: 'org', records: 'official', budget: 200 },
  bank: { ...NONE, token: 'org', holdsConsents: true, budget: 2000, events: 'consented', webhooks: true },
  regulator: {
    ...NONE,
    token: 'org',
    records: 'official',
    personalData: true,
    supervises: true,
    introspection: true,
    budget: 10_000,
    events: 'all',
    webhooks: true,
  },
  department: { ...NONE, token: 'department', budget: 1000, events: 'department', webhooks: true },
  // Approves rule-set versions regulators propose; reads enterprise data as the public does.
  reviewer: { ...NONE, token: 'org', budget: 60 },
} as const satisfies Record<Role, RoleTraits>;

/** The caller's traits: those authentication put on it, else its role's row. */
export function traitsOf(p: Pick<Principal, 'role' | 'traits'>): RoleTraits {
  return p.traits ?? (ROLE_TABLE as RoleTable)[p.role] ?? ROLE_TABLE.public;
}

/** The traits of a role by name in `table` (a stored webhook's owner), or null for a role it lacks. */
export function traitsOfRole(role: string, table: RoleTable = ROLE_TABLE): RoleTraits | null {
  return table[role] ?? null;
}
