/**
 * The whole credit pipeline for one enterprise, pure (docs/rules.md "Records and severity", docs/rules.md "Approval checks"): its records, the facts
 * that count, the grade with its basis, its supervision tier and the approval check of any
 * matter. The loading layer and the rule tests call this one function.
 */
import { checkMatter, type CheckResult } from './checks.ts';
import {
  factsOf,
  gradeEnterprise,
  superviseGrade,
  type Evaluation,
  type Facts,
  type Supervision,
} from './evaluate.ts';
import type { EnterpriseData } from '../model/unifiedModel.ts';
import type { AnyDepartment } from '../departments/registry.ts';
import { collectRecords } from './collectRecords.ts';
import type { DishonestyRecord } from './records.ts';
import type { Matter, RuleSet } from './ruleSet.ts';

/** Everything decided about one enterprise from its data. */
export interface Assessment {
  records: DishonestyRecord[];
  facts: Facts;
  evaluation: Evaluation;
  supervision: Supervision;
  /** The approval check of one matter (docs/rules.md "Approval checks"). */
  check(matter: Matter): CheckResult;
}

/** What an assessment is made with. */
export interface AssessOptions {
  rules: RuleSet;
  /** The evaluation day. */
  today: string;
  /** Departments that could not answer: the grade is then provisional (docs/rules.md "Grades and completeness"). @default [] */
  missingDepartments?: readonly AnyDepartment[];
  /** The records, when the caller has them already (they are `collectRecords` of the data). */
  records?: DishonestyRecord[];
}

/** Assesses one enterprise. */
export function assessEnterprise(
  data: EnterpriseData,
  { rules, today, missingDepartments = [], records }: AssessOptions,
): Assessment {
  const all = records ?? collectRecords(data, rules, today);
  const facts = factsOf(all, {
    rules,
    today,
    registrationStatus: data.registration?.status ?? null,
    openObjections: data.credit?.objections.filter((o) => o.status === 'OPEN').length ?? 0,
    redListActive:
      data.credit?.lists.some((l) => l.list === 'RED' && (l.removedOn === null || l.removedOn > today)) ??
      false,
  });
  const missing = [...missingDepartments];
  // docs/access.md: an open objection to the grade itself shows the grade as disputed (and, like any open objection, bars FAST_TRACK).
  const disputed =
    data.credit?.objections.some((o) => o.recordRef === 'evaluation' && o.status === 'OPEN') ?? false;
  const evaluation = gradeEnterprise(facts, { rules, today, missingDepartments: missing, disputed });
  return {
    records: all,
    facts,
    evaluation,
    supervision: superviseGrade(evaluation.grade, rules),
    check: (matter) => checkMatter(matter, facts, evaluation, rules, missing),
  };
}
