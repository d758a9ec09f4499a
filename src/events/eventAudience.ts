/**
 * Who receives which credit event (docs/rules.md "Supervision and alerts", through docs/access.md's audiences and the consent check):
 * regulators all; an enterprise its own; a department the alerts about enterprises with its
 * records in force (通报), the objections it must answer and the deadlines it let pass; a bank only events about enterprises whose active consent to it — for
 * the purpose it declared, given before the event — covers the event's content, and its own
 * consents' grant and revocation (the revocation is the last event it gets). Clerks, developers
 * and the public receive none. Decided when an event is delivered, so nothing reaches a bank
 * after its consent ended, however late the delivery.
 */
import { readsAlertBasis } from '../auth/audience.ts';
import { traitsOf } from '../auth/roles.ts';
import type { Principal } from '../auth/principal.ts';
import type { ConsentScope } from '../auth/consents.ts';
import type { Consent } from '../model/unifiedModel.ts';
import type { CreditEvent, EventKind } from './creditEvents.ts';

/** A receiver: a subscription's or a webhook's principal. */
export type Receiver = Pick<Principal, 'role' | 'org' | 'uscc' | 'purpose' | 'traits'>;

/**
 * The consent scope that covers an event's content for a bank (docs/access.md: EVALUATION is the grade with its
 * basis — the published records and list entries behind it); absent: never a bank's.
 */
const BANK_SCOPE: Partial<Record<EventKind, ConsentScope>> = {
  GRADE_CHANGED: 'EVALUATION',
  RECORD_ADDED: 'EVALUATION',
  RECORD_REPAIRED: 'EVALUATION',
  RECORD_REMOVED: 'EVALUATION',
  LIST_ENTRY: 'EVALUATION',
  LIST_REMOVAL: 'EVALUATION',
};

/** Whether a bank sees this event: its own consent's, or one its consent covers. */
function bankReceives(r: Receiver, e: CreditEvent, consents: readonly Consent[], nowMs: number): boolean {
  if (e.kind === 'CONSENT_GRANTED' || e.kind === 'CONSENT_REVOKED')
    return (e.content.consent as { grantee?: string } | undefined)?.grantee === r.org;
  const scope = BANK_SCOPE[e.kind];
  if (!scope) return false;
  // Records beyond the public view stay beyond it (docs/rules.md "Publicity and repair", docs/access.md): only published ones.
  const record = e.content.record as { published?: boolean } | undefined;
  if (record && !record.published) return false;
  const at = Date.parse(e.at);
  return consents.some(
    (c) =>
      c.uscc === e.uscc &&
      c.grantee === r.org &&
      c.status === 'ACTIVE' &&
      !c.revokedAt &&
      c.scopes.includes(scope) &&
      c.purpose === r.purpose &&
      Date.parse(c.createdAt) <= at &&
      Date.parse(c.expiresAt) > nowMs,
  );
}

/** An objection filed through the gateway, for the department that must answer it (docs/rules.md "Objections"). */
const objectionFor = (e: CreditEvent, department: string): boolean =>
  e.kind === 'OBJECTION_FILED' &&
  (e.content.objection as { department?: string } | undefined)?.department === department;

/** Deadlines a department let pass, told to that department (src/ledger/DeadlineNotices.ts). */
const DEADLINE_KINDS: ReadonlySet<EventKind> = new Set([
  'OBJECTION_OVERDUE',
  'COMMITMENT_OVERDUE',
  'INTERVIEW_OVERDUE',
]);

/** Whether `r` receives `e`; `consents` are the bank's (ignored for other roles). */
export function receives(r: Receiver, e: CreditEvent, consents: readonly Consent[], nowMs: number): boolean {
  switch (traitsOf(r).events) {
    case 'all':
      return true;
    case 'own':
      return r.uscc === e.uscc;
    case 'department':
      return (
        r.org !== null &&
        (e.kind === 'ALERT_RAISED' || objectionFor(e, r.org) || DEADLINE_KINDS.has(e.kind)) &&
        e.departments.includes(r.org)
      );
    case 'consented':
      return bankReceives(r, e, consents, nowMs);
    case 'none':
      return false;
  }
}

/** A basis record as an alert event carries it. */
interface BasisRecord {
  department: string;
  published: boolean;
}

/**
 * The part of an event's content `r` may read: an alert's basis holds, for a department, its own
 * records and the published records of others (the public view, docs/rules.md "Publicity and repair"), never another department's
 * unpublished ones; regulators and the enterprise itself read it all. Every other content is
 * whole (who receives it at all is `receives`).
 */
export function contentFor(r: Receiver, e: CreditEvent): Record<string, unknown> {
  const basis = e.content.basis as BasisRecord[] | undefined;
  if (!basis || traitsOf(r).token !== 'department') return e.content;
  return { ...e.content, basis: basis.filter((b) => readsAlertBasis(r, b)) };
}

/** Whether the caller's role receives credit events at all (may subscribe). */
export function receivesEvents(p: Pick<Principal, 'role' | 'traits'>): boolean {
  return traitsOf(p).events !== 'none';
}
