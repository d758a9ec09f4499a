/**
 * Collects one enterprise's records with their publicity window and status (docs/rules.md
 * "Records and severity", "Publicity and repair"); the departments' collectors (collectRecords.ts)
 * feed it.
 */
import type { AnyDepartment } from '../departments/registry.ts';
import { addMonths } from './dates.ts';
import type { DeclaredRecordFacts, EnterpriseData, IsoDate, Penalty } from '../model/unifiedModel.ts';
import {
  recordIdOf,
  recordRefOf,
  type DishonestyRecord,
  type RecordKind,
  type RecordStatus,
  type Severity,
} from './records.ts';
import type { RuleSet } from './ruleSet.ts';

/** What a record is made from: where it comes from, what it is, and when. */
export interface RecordFacts {
  department: AnyDepartment;
  /** A declared department's key (the five's come from the registry). */
  key?: string;
  localId: string;
  kind: RecordKind | (string & {});
  severity: Severity;
  title: string;
}

/**
 * A declared department's record (docs/departments.md): an event with docs/rules.md "Publicity and repair"'s window by its
 * severity, or a state holding until it ends — repairs, objections and reorganisations apply to
 * it as to any other record, by its reference `<key>:<id>`.
 */
export function collectDeclared(c: RecordCollector, f: DeclaredRecordFacts): void {
  const facts = {
    department: f.department,
    key: f.key,
    localId: f.localId,
    kind: f.kind,
    severity: f.severity,
    title: f.title,
  };
  if (f.nature === 'EVENT') c.event(facts, f.date);
  else c.state(facts, f.date, f.endedOn);
  // Shown to the public only where the declaration makes its records public information.
  if (!f.published) c.out.at(-1)!.publicity.published = false;
}

/** Collects one enterprise's records, with the repair and objection state the platform knows. */
export class RecordCollector {
  readonly out: DishonestyRecord[] = [];
  private readonly repaired: Set<string>;
  private readonly objections = new Map<string, string>();
  /** The latest court-approved reorganisation plan in effect (docs/rules.md "Approval checks"): records dated before it stop counting. */
  private readonly reorganizedOn: IsoDate | null;

  constructor(
    credit: EnterpriseData['credit'],
    readonly rules: RuleSet,
    readonly today: IsoDate,
  ) {
    this.repaired = new Set(credit?.repairs.map((r) => r.recordRef) ?? []);
    // The latest objection to a record decides (an open one after a rejected one is open again).
    for (const o of credit?.objections ?? []) this.objections.set(o.recordRef, o.status);
    const plans = (credit?.reorganizations ?? []).map((r) => r.approvedOn).filter((d) => d <= today);
    this.reorganizedOn = plans.length ? plans.sort().at(-1)! : null;
  }

  /**
   * docs/rules.md "Publicity and repair": repaired, removed (an upheld objection withdraws the record), expired; docs/rules.md "Approval checks": dated before a
   * reorganisation plan; else disputed or active.
   */
  private statusOf(ref: string, date: IsoDate, until: IsoDate | null, ended: boolean): RecordStatus {
    if (this.repaired.has(ref)) return 'REPAIRED';
    if (ended || this.objections.get(ref) === 'UPHELD') return 'REMOVED';
    if (until !== null && until < this.today) return 'EXPIRED';
    if (this.reorganizedOn !== null && date < this.reorganizedOn) return 'REORGANIZED';
    if (this.objections.get(ref) === 'OPEN') return 'DISPUTED';
    return 'ACTIVE';
  }

  /** A dated event: its window runs from its date, docs/rules.md "Publicity and repair"'s table by severity. */
  event(f: RecordFacts, date: IsoDate, penalty: Penalty | null = null): void {
    const recordRef = recordRefOf(f.department, f.localId, f.key);
    const w =
      this.rules.publicity[
        f.severity === 'SERIOUS' ? 'serious' : f.severity === 'GENERAL' ? 'general' : 'minor'
      ];
    const until = addMonths(date, w.maxMonths);
    this.out.push({
      ...this.identity(f),
      recordRef,
      nature: 'EVENT',
      date,
      endedOn: null,
      publicity: { published: w.published, from: date, until, repairableFrom: addMonths(date, w.minMonths) },
      status: this.statusOf(recordRef, date, until, false),
      penalty,
    });
  }

  /** A state: it holds from `from` until removed, whatever its age (docs/rules.md "Grades and completeness"). */
  state(f: RecordFacts, from: IsoDate, endedOn: IsoDate | null): void {
    const recordRef = recordRefOf(f.department, f.localId, f.key);
    const ended = endedOn !== null && endedOn <= this.today;
    this.out.push({
      ...this.identity(f),
      recordRef,
      nature: 'STATE',
      date: from,
      endedOn,
      publicity: { published: f.severity !== 'MINOR', from, until: endedOn, repairableFrom: null },
      status: this.statusOf(recordRef, from, null, ended),
      penalty: null,
    });
  }

  private identity(
    f: RecordFacts,
  ): Pick<DishonestyRecord, 'id' | 'department' | 'kind' | 'severity' | 'title'> {
    return {
      id: recordIdOf(f.department, f.localId, f.kind, f.key),
      department: f.department,
      kind: f.kind,
      severity: f.severity,
      title: f.title,
    };
  }
}
