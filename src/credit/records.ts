/**
 * A negative record from any department as one `DishonestyRecord` (docs/rules.md "Records and severity"), with its
 * severity, publicity window and status (docs/rules.md "Publicity and repair"): the shape and the rules about one record. Collected
 * by collectRecords.ts. Pure.
 */
import { DEPARTMENTS, type AnyDepartment } from '../departments/registry.ts';
import type { IsoDate, Penalty } from '../model/unifiedModel.ts';
import type { RuleSet } from './ruleSet.ts';

/** docs/rules.md "Records and severity" severities. */
export type Severity = 'MINOR' | 'GENERAL' | 'SERIOUS';

/** What kind of fact a record is. */
export type RecordKind =
  | 'ADMINISTRATIVE_PENALTY'
  | 'DISHONEST_DEBTOR'
  | 'ENFORCEMENT_CASE'
  | 'CONSUMPTION_RESTRICTION'
  | 'ABNORMAL_OPERATIONS'
  | 'SERIOUS_VIOLATION'
  | 'MAJOR_TAX_CASE'
  | 'TAX_GRADE_D'
  | 'TAX_ARREARS'
  | 'ABNORMAL_TAXPAYER'
  | 'BLACK_LIST'
  | 'BREACHED_COMMITMENT'
  | 'ENVIRONMENTAL_CARD';

/** docs/rules.md "Grades and completeness": dated events count by date; states count while they hold. */
export type RecordNature = 'EVENT' | 'STATE';

/** Where a record stands today (docs/rules.md "Publicity and repair"). */
export type RecordStatus = 'ACTIVE' | 'DISPUTED' | 'EXPIRED' | 'REPAIRED' | 'REMOVED' | 'REORGANIZED';

/** One unified negative record. */
export interface DishonestyRecord {
  /** Unique among an enterprise's records: the `recordRef`, with the kind added where a court case number stands for two records. */
  id: string;
  /** `<department>:<record id>`, the credit platform's record reference (for repairs and objections). */
  recordRef: string;
  /** One of the five, or a declared department's name (src/departments/declared/). */
  department: AnyDepartment;
  /** One of the five's kinds, or a declared record's kind. */
  kind: RecordKind | (string & {});
  nature: RecordNature;
  severity: Severity;
  /** Decision date of an event; start of a state. */
  date: IsoDate;
  /** End of a state (removal), when it has ended. */
  endedOn: IsoDate | null;
  title: string;
  publicity: { published: boolean; from: IsoDate; until: IsoDate | null; repairableFrom: IsoDate | null };
  status: RecordStatus;
  penalty: Penalty | null;
}

/** A record is in force while it is active or disputed (docs/rules.md "Publicity and repair": a disputed record stays until resolved). */
export function inForce(r: Pick<DishonestyRecord, 'status'>): boolean {
  return r.status === 'ACTIVE' || r.status === 'DISPUTED';
}

/**
 * A record of the current view: in force, or set aside by a court-approved reorganisation, which
 * no longer counts but is shown marked `REORGANIZED` (docs/rules.md "Approval checks") to those who see records in force.
 */
export function current(r: Pick<DishonestyRecord, 'status'>): boolean {
  return inForce(r) || r.status === 'REORGANIZED';
}

/** docs/rules.md "Records and severity": severity of an administrative penalty from its kinds and fine. */
export function penaltySeverity(p: Pick<Penalty, 'kinds' | 'amount'>, rules: RuleSet): Severity {
  const { seriousPenaltyKinds, minorPenaltyKinds, minorFineMaxYuan } = rules.severity;
  if (p.kinds.some((k) => seriousPenaltyKinds.includes(k))) return 'SERIOUS';
  // Minor: only warnings / circulated criticism, or a fine at or below the low-amount threshold.
  const minor = p.kinds.every(
    (k) =>
      minorPenaltyKinds.includes(k) ||
      (k === '罚款' && p.amount !== null && compareMoney(p.amount, minorFineMaxYuan) <= 0),
  );
  return p.kinds.length > 0 && minor ? 'MINOR' : 'GENERAL';
}

/** Compares two decimal money strings exactly. */
export function compareMoney(a: string, b: string): number {
  const cents = (s: string): bigint => {
    const [i, f = ''] = s.split('.');
    return BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2)) * (s.startsWith('-') ? -1n : 1n);
  };
  const d = cents(a) - cents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

/** The credit platform's reference of a department's record: `<department>:<its own number>` (connectors/credit/wire.ts). */
export function recordRefOf(department: AnyDepartment, localId: string, key?: string): string {
  return `${key ?? (DEPARTMENTS as Record<string, { key: string }>)[department]!.key}:${localId}`;
}

/** A record's id: its reference, with the kind added where a court case number names two records. */
export function recordIdOf(
  department: AnyDepartment,
  localId: string,
  kind: RecordKind | (string & {}),
  key?: string,
): string {
  const ref = recordRefOf(department, localId, key);
  return kind === 'ENFORCEMENT_CASE' || kind === 'CONSUMPTION_RESTRICTION' ? `${ref}#${kind}` : ref;
}
