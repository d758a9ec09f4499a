/**
 * The one audience rule (domain.md §3, §8): which records and list entries a caller sees of an
 * enterprise. `Enterprise.records` and every raw department list (court lists, penalties,
 * listings, the credit platform's lists) ask here, so a repaired record cannot reappear
 * through a list that forgot the rule.
 */
import { inForce, type DishonestyRecord } from '../credit/records.ts';
import type { Principal } from './principal.ts';

/**
 * Whose view of an enterprise's records a caller has:
 * - `self`: the enterprise itself — its whole history, repaired and removed records marked;
 * - `official`: clerks and regulators — records in force (§8);
 * - `public`: everyone else, banks and developers included — published records in force (§3).
 */
export type RecordAudience = 'self' | 'official' | 'public';

/** Whether the caller is the enterprise `owner` itself. */
export function isSelf(p: Principal, owner: string | null): boolean {
  return p.role === 'enterprise' && owner !== null && p.uscc === owner;
}

/** The caller's view of `owner`'s records. */
export function recordAudienceOf(p: Principal, owner: string): RecordAudience {
  if (isSelf(p, owner)) return 'self';
  if (p.role === 'clerk' || p.role === 'regulator') return 'official';
  return 'public';
}

/**
 * domain.md §3: a repaired, removed or expired record is shown to nobody but the enterprise;
 * officials see records in force; the public sees those in force that are published (minor
 * records are not).
 */
export function showsRecord(audience: RecordAudience, r: Pick<DishonestyRecord, 'status' | 'publicity'>): boolean {
  if (audience === 'self') return true;
  return inForce(r) && (audience === 'official' || r.publicity.published);
}
