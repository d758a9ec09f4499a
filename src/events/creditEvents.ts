/**
 * Credit events (docs/rules.md "Supervision and alerts"): what a re-assessment changed about an enterprise, as the
 * differences between the facts of its previous complete assessment and this one — a new general
 * or serious record, a repair or removal, a list entry or removal, a complete grade change, an
 * alert raised, an objection filed or resolved — plus consents granted or revoked through the
 * gateway. An enterprise's first assessment is its baseline: no events (a backfill of the city
 * must not announce every record it has ever had).
 */
import { alertRecipients } from '../credit/alerts.ts';
import type { RecordStatus, Severity } from '../credit/records.ts';
import type { AnyDepartment } from '../departments/registry.ts';

/** The kinds of event. */
export const EVENT_KINDS = [
  'RECORD_ADDED',
  'RECORD_REPAIRED',
  'RECORD_REMOVED',
  'LIST_ENTRY',
  'LIST_REMOVAL',
  'GRADE_CHANGED',
  'ALERT_RAISED',
  'OBJECTION_FILED',
  'OBJECTION_RESOLVED',
  'CONSENT_GRANTED',
  'CONSENT_REVOKED',
  'OBJECTION_OVERDUE',
  'COMMITMENT_OVERDUE',
  'INTERVIEW_OVERDUE',
] as const;
/** One kind. */
export type EventKind = (typeof EVENT_KINDS)[number];

/** What an assessment saw, kept with it so the next one can say what changed. */
export interface AssessmentFacts {
  records: Array<{
    id: string;
    department: AnyDepartment;
    kind: string;
    severity: Severity;
    status: RecordStatus;
    date: string;
    title: string;
    /** Within its publicity window (the public view, docs/rules.md "Publicity and repair"). */
    published: boolean;
  }>;
  lists: Array<{ id: string; list: string; domain: string; listedOn: string; removedOn: string | null }>;
  objections: Array<{ id: string; recordRef: string; status: string }>;
  /** Each alert's basis: the records behind it (ids of `records`); absent in facts kept before it was. */
  alerts?: Array<{ kind: string; records: string[] }>;
}

/** An event before the outbox numbers it. */
export interface EventDraft {
  uscc: string;
  kind: EventKind;
  /** Departments with records in force (a department receives alerts about them). */
  departments: string[];
  content: Record<string, unknown>;
}

/** A stored event: its outbox id (stable, increasing) and time. */
export interface CreditEvent extends EventDraft {
  id: string;
  at: string;
}

/** The side of an assessment the events compare. */
export interface Assessed {
  grade: string;
  alertKinds: string[];
  departments: string[];
  ruleSet: string;
  evaluatedAt: string;
  facts: AssessmentFacts | null;
}

const inForce = (status: RecordStatus): boolean => status === 'ACTIVE' || status === 'DISPUTED';

/**
 * An alert raised (通报, docs/rules.md "Supervision and alerts" and docs/rules.md "Objections"): with its basis — the records behind it, each with its
 * department — for the departments concerned: those with records in force, and for a cross-domain
 * alert market regulation too, whatever it holds (each receiver then sees only the basis records
 * it may read: eventAudience.ts `contentFor`).
 */
function alertRaised(uscc: string, kind: string, next: Assessed): EventDraft {
  const ids = new Set(next.facts?.alerts?.find((a) => a.kind === kind)?.records ?? []);
  const basis = (next.facts?.records ?? []).filter((r) => ids.has(r.id));
  const departments = alertRecipients(kind, next.departments);
  return { uscc, kind: 'ALERT_RAISED', departments, content: { alert: kind, basis } };
}

/** The events between an enterprise's previous complete assessment and this one (none for the first). */
export function eventsBetween(uscc: string, prev: Assessed | null, next: Assessed): EventDraft[] {
  if (!prev?.facts || !next.facts) return [];
  const out: EventDraft[] = [];
  const add = (kind: EventKind, content: Record<string, unknown>): void => {
    out.push({ uscc, kind, departments: next.departments, content });
  };
  const before = new Map(prev.facts.records.map((r) => [r.id, r]));
  const after = new Map(next.facts.records.map((r) => [r.id, r]));
  for (const r of next.facts.records) {
    const was = before.get(r.id);
    const record = { record: r };
    if (!was) {
      // A new general or serious record in force (docs/rules.md "Supervision and alerts"); a minor one is not an event.
      if (inForce(r.status) && r.severity !== 'MINOR') add('RECORD_ADDED', record);
    } else if (inForce(was.status) && r.status === 'REPAIRED') add('RECORD_REPAIRED', record);
    else if (inForce(was.status) && !inForce(r.status) && r.status !== 'REORGANIZED')
      add('RECORD_REMOVED', record);
  }
  for (const was of prev.facts.records)
    if (!after.has(was.id) && inForce(was.status))
      add('RECORD_REMOVED', { record: { ...was, status: 'REMOVED' } });
  const lists = new Map(prev.facts.lists.map((l) => [l.id, l]));
  for (const l of next.facts.lists) {
    const was = lists.get(l.id);
    if (!was && !l.removedOn) add('LIST_ENTRY', { listEntry: l });
    else if (was && !was.removedOn && l.removedOn) add('LIST_REMOVAL', { listEntry: l });
  }
  const objections = new Map(prev.facts.objections.map((o) => [o.id, o]));
  for (const o of next.facts.objections) {
    const was = objections.get(o.id);
    if (!was) add('OBJECTION_FILED', { objection: o });
    else if (was.status === 'OPEN' && o.status !== 'OPEN') add('OBJECTION_RESOLVED', { objection: o });
  }
  if (prev.grade !== next.grade && prev.ruleSet === next.ruleSet)
    add('GRADE_CHANGED', {
      grade: { from: prev.grade, to: next.grade, ruleSet: next.ruleSet, evaluatedAt: next.evaluatedAt },
    });
  for (const kind of next.alertKinds)
    if (!prev.alertKinds.includes(kind)) out.push(alertRaised(uscc, kind, next));
  return out;
}
