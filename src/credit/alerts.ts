/** Risk alerts (信用风险监测预警), docs/rules.md "Supervision and alerts". Pure. */
import { addMonths } from './dates.ts';
import type { AnyDepartment } from '../departments/registry.ts';
import { inForce, type DishonestyRecord } from './records.ts';
import type { RuleSet } from './ruleSet.ts';

/** The alert kinds. */
export type AlertKind = 'FREQUENT_IN_DOMAIN' | 'MULTI_DOMAIN' | 'GRADE_DROP';

/** The department every cross-domain alert is reported to, whatever it holds (docs/rules.md "Supervision and alerts", 通报). */
export const CROSS_DOMAIN_RECEIVER = 'MARKET';

/**
 * The departments an enterprise's alert is reported to (通报): those with records in force at the
 * enterprise, and for a cross-domain alert market regulation too (see docs/rules.md "Supervision and alerts").
 */
export function alertRecipients(kind: string, inForce: readonly AnyDepartment[]): AnyDepartment[] {
  return kind === 'MULTI_DOMAIN' ? [...new Set([...inForce, CROSS_DOMAIN_RECEIVER])].sort() : [...inForce];
}

/** One alert with what raised it. */
export interface RiskAlert {
  kind: AlertKind;
  departments: AnyDepartment[];
  records: DishonestyRecord[];
  previousGrade: string | null;
  grade: string | null;
}

/** The last two different grades the gateway computed for an enterprise (kept in the shared tier). */
export interface GradeHistory {
  current: { grade: string; rank: number; on: string };
  previous: { grade: string; rank: number; on: string } | null;
}

/** Folds a new grade into the history; unchanged grades keep the history as it is. */
export function nextGradeHistory(
  history: GradeHistory | null,
  grade: { grade: string; rank: number; on: string },
): GradeHistory {
  if (!history) return { current: grade, previous: null };
  if (history.current.grade === grade.grade) return history;
  return { current: grade, previous: history.current };
}

/** docs/rules.md "Supervision and alerts": alerts from the records (general or serious, counted, within the window) and the grade history. */
export function riskAlerts(
  records: readonly DishonestyRecord[],
  opts: { rules: RuleSet; today: string; history: GradeHistory | null },
): RiskAlert[] {
  const { rules, today, history } = opts;
  const within = (months: number) => {
    const from = addMonths(today, -months);
    return records.filter((r) => inForce(r) && r.severity !== 'MINOR' && r.date > from && r.date <= today);
  };
  const alerts: RiskAlert[] = [];

  const f = rules.alerts.frequentInDomain;
  const byDept = new Map<AnyDepartment, DishonestyRecord[]>();
  for (const r of within(f.months)) byDept.set(r.department, [...(byDept.get(r.department) ?? []), r]);
  const frequent = [...byDept].filter(([, rs]) => rs.length >= f.minRecords);
  if (frequent.length) {
    alerts.push({
      kind: 'FREQUENT_IN_DOMAIN',
      departments: frequent.map(([d]) => d),
      records: frequent.flatMap(([, rs]) => rs),
      previousGrade: null,
      grade: null,
    });
  }

  const m = rules.alerts.multiDomain;
  const recent = within(m.months);
  const departments = [...new Set(recent.map((r) => r.department))];
  if (departments.length >= m.minDepartments && recent.length >= m.minRecords) {
    alerts.push({ kind: 'MULTI_DOMAIN', departments, records: recent, previousGrade: null, grade: null });
  }

  if (history?.previous && history.previous.rank < history.current.rank) {
    alerts.push({
      kind: 'GRADE_DROP',
      departments: [],
      records: [],
      previousGrade: history.previous.grade,
      grade: history.current.grade,
    });
  }
  return alerts;
}
