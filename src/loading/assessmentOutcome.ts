/**
 * What an assessment leaves behind (RequestData.ts): its alerts with a grade history, derived once
 * per (assessment, history, day), and the ledger's row of it with the facts the next assessment's
 * events are the differences from.
 */
import { riskAlerts, type GradeHistory, type RiskAlert } from '../credit/alerts.ts';
import type { Assessment } from '../credit/assess.ts';
import { departmentTiers, industryRatingsOf } from '../credit/evaluate.ts';
import { inForce } from '../credit/records.ts';
import type { RuleSet } from '../credit/ruleSet.ts';
import { decodeUscc } from '../credit/uscc.ts';
import { validUntilOf } from '../credit/validity.ts';
import type { AssessmentFacts } from '../events/creditEvents.ts';
import type { AssessmentRow } from '../ledger/LedgerStore.ts';
import type { LoadedEnterprise } from './loadEnterprise.ts';
import { ALERTS } from './warmMemos.ts';

/** An assessment's alerts (docs/rules.md "Supervision and alerts") with this history, derived once per (assessment, history, day). */
export function alertsOf(
  assessment: Assessment,
  rules: RuleSet,
  today: string,
  history: GradeHistory | null,
): RiskAlert[] {
  const seen = ALERTS.get(assessment);
  if (seen && seen.history === history && seen.today === today) return seen.alerts;
  const alerts = riskAlerts(assessment.records, { rules, today, history });
  ALERTS.set(assessment, { history, today, alerts });
  return alerts;
}

/** The kinds of alerts, each once, as the ledger records them. */
export function alertKinds(alerts: readonly RiskAlert[]): string[] {
  return [...new Set(alerts.map((x) => x.kind))];
}

/** The ledger's row of a complete assessment: grade, tier, alerts, departments with records, region, versions. */
export function ledgerRow(
  uscc: string,
  a: Assessment,
  loaded: LoadedEnterprise,
  alerts: RiskAlert[],
  rules: RuleSet,
): AssessmentRow {
  return {
    uscc,
    grade: a.evaluation.grade,
    rank: a.evaluation.rank,
    tier: a.supervision.tier,
    // Each department's tier, fused with its own rating (docs/rules.md "Supervision and alerts"): what its rosters and draws use.
    tiers: departmentTiers(a.evaluation.grade, rules, industryRatingsOf(loaded.data)),
    industryCode: loaded.data.registration?.industryCode ?? null,
    validUntil: validUntilOf(a.records, loaded.data, rules, a.evaluation.evaluatedAt),
    registry: loaded.data.registration
      ? {
          name: loaded.data.registration.name,
          address: loaded.data.registration.address,
          legalRepresentative: loaded.data.registration.legalRepresentative.name,
          authority: loaded.data.registration.authority,
        }
      : null,
    alertKinds: alertKinds(alerts),
    departments: [...new Set(a.records.filter((r) => inForce(r)).map((r) => r.department))].sort(),
    regionCode: decodeUscc(uscc).regionCode,
    ruleSet: a.evaluation.ruleSet,
    ruleVersion: a.evaluation.version,
    evaluatedAt: a.evaluation.evaluatedAt,
    dataVersions: Object.fromEntries(loaded.sources.map((s) => [s.department, s.fetchedAt])),
    missingDepartments: [],
    facts: factsOf(a, loaded, alerts),
  };
}

/** What an assessment saw, for the events of the next one (docs/rules.md "Supervision and alerts"). */
function factsOf(a: Assessment, loaded: LoadedEnterprise, alerts: readonly RiskAlert[]): AssessmentFacts {
  const credit = loaded.data.credit;
  return {
    records: a.records.map((r) => ({
      id: r.id,
      department: r.department,
      kind: r.kind,
      severity: r.severity,
      status: r.status,
      date: r.date,
      title: r.title,
      published: r.publicity.published,
    })),
    lists: (credit?.lists ?? []).map((l) => ({
      id: l.id,
      list: l.list,
      domain: l.domain,
      listedOn: l.listedOn,
      removedOn: l.removedOn,
    })),
    objections: (credit?.objections ?? []).map((o) => ({
      id: o.id,
      recordRef: o.recordRef,
      status: o.status,
    })),
    alerts: alerts.map((x) => ({ kind: x.kind, records: x.records.map((r) => r.id) })),
  };
}
