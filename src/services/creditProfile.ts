/**
 * An enterprise's credit decisions for one request: records, evaluation, supervision and
 * alerts, computed once per enterprise per request from the federated data (the pure rules of
 * src/credit over what the loaders fetched) and shared by every field that needs them.
 */
import { nextGradeHistory, riskAlerts, type RiskAlert } from '../credit/alerts.ts';
import { checkMatter, type CheckResult } from '../credit/checks.ts';
import { factsOf, gradeEnterprise, superviseGrade, type Evaluation, type Facts, type Supervision } from '../credit/evaluate.ts';
import { collectRecords, type DishonestyRecord } from '../credit/records.ts';
import type { Matter, RuleSet } from '../credit/ruleSet.ts';
import type { GradeMemory } from '../cache/gradeMemory.ts';
import type { LoadedEnterprise } from '../data/enterpriseData.ts';

/** Everything decided about one enterprise. */
export interface CreditProfile {
  loaded: LoadedEnterprise;
  records: DishonestyRecord[];
  facts: Facts;
  evaluation: Evaluation;
  supervision: Supervision;
  alerts: RiskAlert[];
  check(matter: Matter): CheckResult;
}

/** What computing a profile needs. */
export interface ProfileDeps {
  /** The enterprise's data, loaded once per request. */
  loaded: (uscc: string) => Promise<LoadedEnterprise>;
  rules: RuleSet;
  today: string;
  grades: GradeMemory;
}

/** Computes an enterprise's credit profile. */
export async function computeCreditProfile(uscc: string, deps: ProfileDeps): Promise<CreditProfile> {
  const { rules, today } = deps;
  const loaded = await deps.loaded(uscc);
  const records = collectRecords(loaded.data, rules, today);
  const facts = factsOf(records, {
    rules,
    today,
    registrationStatus: loaded.data.registration?.status ?? null,
    openObjections: loaded.data.credit?.objections.filter((o) => o.status === 'OPEN').length ?? 0,
  });
  const evaluation = gradeEnterprise(facts, { rules, today, missingDepartments: loaded.missing });
  let history = await deps.grades.get(uscc, rules.id);
  // Only a complete evaluation moves the history: a grade computed without a department is not a drop.
  if (loaded.missing.length === 0) {
    const next = nextGradeHistory(history, { grade: evaluation.grade, rank: evaluation.rank, on: today });
    if (next !== history) await deps.grades.set(uscc, rules.id, next);
    history = next;
  }
  return {
    loaded,
    records,
    facts,
    evaluation,
    supervision: superviseGrade(evaluation.grade, rules),
    alerts: riskAlerts(records, { rules, today, history }),
    check: (matter) => checkMatter(matter, facts, evaluation, rules, loaded.missing),
  };
}
