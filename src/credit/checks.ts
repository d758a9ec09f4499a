/**
 * Approval checks (联合奖惩), docs/rules.md "Approval checks": for one matter, the verdict, the measures that apply
 * and their basis. Pure; the measures list is data in the rule set, not code.
 */
import { matches, type Evaluation, type Facts } from './evaluate.ts';
import type { Condition } from './ruleSet.ts';
import { DEPARTMENT_NAMES, type Department } from '../model/unifiedModel.ts';
import type { AnyDepartment } from '../departments/registry.ts';
import type { DishonestyRecord } from './records.ts';
import type { Matter, RuleSet } from './ruleSet.ts';

/** FAST_TRACK (green channel), NORMAL, RESTRICTED, or INCOMPLETE (无法完成核查: a department that could change it did not answer). */
export type Verdict = 'FAST_TRACK' | 'NORMAL' | 'RESTRICTED' | 'INCOMPLETE';

/** One measure that applies. */
export interface AppliedMeasure {
  code: string;
  name: string;
  kind: 'INCENTIVE' | 'RESTRICTION';
  legalBasis: string;
  records: DishonestyRecord[];
}

/** A check's answer. */
export interface CheckResult {
  matter: Matter;
  verdict: Verdict;
  measures: AppliedMeasure[];
  /** Why the verdict is what it is, in the clerk's terms. */
  reasons: string[];
  /** Records behind the restrictions. */
  records: DishonestyRecord[];
  /** The departments whose silence left the check INCOMPLETE (empty otherwise). */
  missing: AnyDepartment[];
}

const ALL: readonly Department[] = DEPARTMENT_NAMES;

/**
 * Which departments' data each condition reads: the registry's status (licence revoked), the
 * courts' dishonest-debtor list, the credit platform's commitments, objections and red list; record
 * counts and grades read every department's records.
 */
const READS: Record<keyof Condition, readonly Department[]> = {
  licenceRevoked: ['MARKET'],
  dishonestDebtorActive: ['COURT'],
  breachedCommitmentInPeriod: ['CREDIT'],
  openObjection: ['CREDIT'],
  redListActive: ['CREDIT'],
  seriousMin: ALL,
  generalMin: ALL,
  seriousMax: ALL,
  cleanMonths: ALL,
  grades: ALL,
};

/**
 * The missing departments that could change a matter's verdict: those any measure for the matter
 * reads (a restriction they might trigger, an incentive they might take away), in a stable order.
 */
export function decisive(matter: Matter, rules: RuleSet, missing: readonly AnyDepartment[]): AnyDepartment[] {
  const read = new Set<AnyDepartment>();
  let readsRecords = false;
  for (const m of rules.measures) {
    if (!m.matters.includes(matter)) continue;
    for (const key of Object.keys(m.when) as Array<keyof Condition>) {
      for (const d of READS[key]) read.add(d);
      readsRecords ||= READS[key] === ALL;
    }
  }
  // A declared department (src/departments/declared/) holds records: decisive wherever records count.
  return missing.filter((d) => read.has(d) || (readsRecords && !ALL.includes(d as Department)));
}

/**
 * docs/rules.md "Approval checks": any restriction → RESTRICTED; else an incentive → FAST_TRACK, but never on
 * missing data (a department that could not answer might hold the record that bars it); else NORMAL.
 */
export function checkMatter(
  matter: Matter,
  facts: Facts,
  evaluation: Evaluation,
  rules: RuleSet,
  missing: readonly AnyDepartment[],
): CheckResult {
  const measures: AppliedMeasure[] = [];
  for (const m of rules.measures) {
    if (!m.matters.includes(matter)) continue;
    const hit = matches(m.when, facts, evaluation.grade);
    if (hit.ok)
      measures.push({
        code: m.code,
        name: m.name,
        kind: m.kind,
        legalBasis: m.legalBasis,
        records: hit.records,
      });
  }
  const restrictions = measures.filter((m) => m.kind === 'RESTRICTION');
  const silent = decisive(matter, rules, missing);
  const reasons: string[] = [];
  let verdict: Verdict;
  let applied = measures;
  if (restrictions.length > 0) {
    // A restriction found is final, whatever the silent departments hold.
    verdict = 'RESTRICTED';
    applied = restrictions;
    reasons.push(...restrictions.map((m) => `${m.code}: ${m.name}`));
  } else if (silent.length > 0) {
    // Never NORMAL or FAST_TRACK on a partial picture (docs/rules.md, approval checks).
    verdict = 'INCOMPLETE';
    applied = [];
    reasons.push(
      `cannot complete the check: no data from ${silent.join(', ')} (retry, or use the manual procedure)`,
    );
  } else if (measures.length > 0 && missing.length === 0) {
    verdict = 'FAST_TRACK';
    reasons.push(`grade ${evaluation.grade} (${evaluation.basis.rule}) with no open objection`);
  } else {
    verdict = 'NORMAL';
    applied = [];
    if (measures.length > 0) reasons.push(`not fast-tracked: no data from ${missing.join(', ')}`);
    else reasons.push(`grade ${evaluation.grade} (${evaluation.basis.rule})`);
  }
  return {
    matter,
    verdict,
    measures: applied,
    reasons,
    records: [...new Set(restrictions.flatMap((m) => m.records))],
    missing: verdict === 'INCOMPLETE' ? silent : [],
  };
}
