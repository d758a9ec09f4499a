/**
 * An approval check's affirmative answer rests on young data (docs/rules.md "Approval checks"): a FAST_TRACK computed from a department's value older than the rule set's
 * affirmativeMaxAge is asked again of that department; if it still cannot be had young (the
 * department down, the old value served stale), that department counts as missing — INCOMPLETE where
 * it could change the verdict, never a green channel on a court list read hours ago.
 */
import type { Department } from '../../src/model/unifiedModel.ts';
import { checkMatter } from '../../src/credit/checks.ts';
import { isBuiltInDepartment } from '../../src/departments/registry.ts';
import { affirmativeMaxAgeMs, type Matter, type RuleSet } from '../../src/credit/ruleSet.ts';
import type { AssessedEnterprise, RequestData } from '../../src/loading/RequestData.ts';
import type { CreditCheckParent } from './parents.ts';

/** What the check needs of the request. */
export interface AffirmativeDeps {
  now(): number;
  rules: RuleSet;
  /** The request's data asked again where older than the maximum age. */
  affirmative(): Pick<RequestData, 'assessment'>;
}

/** The departments whose data in `profile` is older than the rule set allows under an affirmative verdict. */
export function tooOld(
  profile: AssessedEnterprise,
  deps: Pick<AffirmativeDeps, 'now' | 'rules'>,
): Department[] {
  const now = deps.now();
  // The rule set's maximum ages are the five's; a declared department's answers are as young as its
  // declared TTL (and shown in `sources`).
  const five = profile.loaded.sources.filter((s): s is typeof s & { department: Department } =>
    isBuiltInDepartment(s.department),
  );
  return five
    .filter(
      (s) =>
        s.fetchedAt !== null &&
        now - Date.parse(s.fetchedAt) >= affirmativeMaxAgeMs(deps.rules, s.department),
    )
    .map((s) => s.department);
}

/** The check of `matter`; a FAST_TRACK on data too old is made again on young data, or is not a FAST_TRACK. */
export async function affirmativeCheck(
  deps: AffirmativeDeps,
  uscc: string,
  matter: Matter,
  profile: AssessedEnterprise,
): Promise<CreditCheckParent> {
  const first = profile.check(matter);
  if (first.verdict !== 'FAST_TRACK' || tooOld(profile, deps).length === 0)
    return { uscc, result: first, profile, tooOld: [] };
  const again = await deps.affirmative().assessment(uscc);
  const old = tooOld(again, deps);
  const result = old.length
    ? checkMatter(matter, again.facts, again.evaluation, deps.rules, [
        ...new Set([...again.loaded.missing, ...old]),
      ])
    : again.check(matter);
  return { uscc, result, profile: again, tooOld: old };
}
