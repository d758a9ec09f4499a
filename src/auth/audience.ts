/**
 * The one audience rule (docs/rules.md "Publicity and repair", docs/access.md): whether a caller belongs to an audience of the access
 * table, what condition that grants, which records and personal data it sees. The shield's
 * decision, `Enterprise.records` and every list that carries records, masking, `myAccess` and the
 * department-call cost all ask here, of the caller's role traits (src/auth/roles.ts) — the next role is a row there.
 */
import { current, inForce, type DishonestyRecord } from '../credit/records.ts';
import type { Audience } from './accessTable.ts';
import type { Principal } from './principal.ts';
import { traitsOf } from './roles.ts';

/** Who a decision is about: a role and (where authentication put them) its traits. */
type Reader = Pick<Principal, 'role' | 'traits'>;

/**
 * Regional scoping (docs/rules.md "Supervision and alerts"), row-level like a database's row filters: a
 * regulator whose token names a region (a region-code prefix) sees only enterprises whose code's
 * region starts with it — in rosters, counts, alerts, draws and audit trails — and one whose token
 * names a department draws only for it. Null: the whole city (a token without a region).
 */
export function regionOf(p: Principal): string | null {
  return traitsOf(p).supervises ? (p.region ?? null) : null;
}

/** Whether an enterprise (by its code) lies within the caller's region. */
export function withinRegion(p: Principal, uscc: string): boolean {
  const region = regionOf(p);
  return region === null || uscc.slice(2, 8).startsWith(region);
}

/**
 * The region prefix a roster or draw may use for this caller: the narrower of the asked one and the
 * caller's own; 'OUTSIDE' when they do not overlap (a county official asking for another county).
 */
export function scopedPrefix(p: Principal, asked: string | null | undefined): string | null | 'OUTSIDE' {
  const own = regionOf(p);
  const want = asked ?? null;
  if (own === null) return want;
  if (want === null || want.startsWith(own)) return want ?? own;
  return own.startsWith(want) ? own : 'OUTSIDE';
}

/** Whether the caller may draw for a department (a regulator scoped to one draws only for it). */
export function mayDrawFor(p: Principal, department: string): boolean {
  return !traitsOf(p).supervises || !p.department || p.department === department;
}

/**
 * Whether the caller may act in a department's own lists (its objection queue, the commitments it
 * verifies, its interviews): a department's system for its own department only (its organization
 * names it); any other role the access table let through (regulators) for any.
 */
export function actsForDepartment(p: Principal, department: string): boolean {
  return traitsOf(p).token !== 'department' || p.org === department;
}

/** Whether the caller is the enterprise `owner` itself. */
export function isSelf(p: Principal, owner: string | null): boolean {
  return traitsOf(p).token === 'uscc' && owner !== null && p.uscc === owner;
}

/**
 * Whether the caller belongs to an audience without a consent check: `self` (its own enterprise),
 * `enterprise` (any enterprise user), or its role. `ANY` and `consent:*` are decided elsewhere
 * (the public view; the bank's consent, per enterprise).
 */
export function belongsTo(p: Principal, audience: Audience, owner: string | null): boolean {
  if (audience === 'self') return isSelf(p, owner);
  if (audience === 'enterprise') return traitsOf(p).token === 'uscc';
  return !audience.startsWith('consent:') && audience !== 'ANY' && asRole(p, audience);
}

/** Whether the reader's role is `audience`, or reads as it (src/auth/roles.ts `readsAs`). */
function asRole(p: Reader, audience: string): boolean {
  return p.role === audience || (traitsOf(p).readsAs as readonly string[]).includes(audience);
}

/**
 * Whether some principal of this role may read a field with these audiences (for an enterprise:
 * about itself; for a bank: under some consent). Used before execution, where the enterprise a
 * field is about is not known yet; the shield decides each field exactly.
 */
export function roleMayRead(p: Reader, audiences: readonly Audience[]): boolean {
  const t = traitsOf(p);
  return audiences.some(
    (a) =>
      a === 'ANY' ||
      asRole(p, a) ||
      (t.token === 'uscc' && (a === 'self' || a === 'enterprise')) ||
      (t.holdsConsents && a.startsWith('consent:')),
  );
}

/** The condition under which an audience lets this principal read (for `myAccess`), or null. */
export function conditionOf(p: Principal, a: Audience): string | null {
  if (a === 'ANY') return 'ANY';
  if (a === 'self') return traitsOf(p).token === 'uscc' ? 'OWN_ENTERPRISE' : null;
  if (a.startsWith('consent:'))
    return traitsOf(p).holdsConsents ? `CONSENT:${a.slice('consent:'.length)}` : null;
  return asRole(p, a) ? 'ANY' : null;
}

/** docs/access.md: personal data is unmasked for the enterprise itself and regulators only. */
export function seesPersonalData(p: Principal, owner: string): boolean {
  return traitsOf(p).personalData || isSelf(p, owner);
}

/**
 * Whose view of an enterprise's records a caller has:
 * - `self`: the enterprise itself — its whole history, repaired and removed records marked;
 * - `official`: clerks and regulators (their traits' `records`) — records in force (docs/access.md);
 * - `public`: everyone else, banks and developers included — published records in force (docs/rules.md "Publicity and repair").
 */
export type RecordAudience = 'self' | 'official' | 'public';

/**
 * Whether a reader may read a record behind an alert (通报): a department its own records and
 * others' published ones (the public view), never another department's unpublished record;
 * everyone else who receives the alert reads its whole basis. One rule for the events'
 * content and a department's alert list.
 */
export function readsAlertBasis(
  p: Pick<Principal, 'role' | 'org' | 'traits'>,
  record: { department: string; published: boolean },
): boolean {
  return traitsOf(p).token !== 'department' || record.department === p.org || record.published;
}

/** The caller's view of `owner`'s records. */
export function recordAudienceOf(p: Principal, owner: string): RecordAudience {
  if (isSelf(p, owner)) return 'self';
  return traitsOf(p).records;
}

/**
 * docs/rules.md "Publicity and repair": a repaired, removed or expired record is shown to nobody but the enterprise;
 * officials see records in force, and those set aside by a reorganisation marked as such (docs/rules.md "Approval checks");
 * the public sees those in force that are published (minor records are not).
 */
export function showsRecord(
  audience: RecordAudience,
  r: Pick<DishonestyRecord, 'status' | 'publicity'>,
): boolean {
  if (audience === 'self') return true;
  if (audience === 'official') return current(r);
  return inForce(r) && r.publicity.published;
}
