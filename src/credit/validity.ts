/**
 * How long an assessment stays true by time alone (docs/rules.md "The ledger"; docs/rules.md "The ledger"): the
 * first day on which the same departments' data could give another result — a record leaving the
 * evaluation period or a clean-months window, a publicity window ending or repair becoming possible,
 * a commitment falling due, a list entry's planned end. The ledger re-assesses from that day on,
 * whatever the feeds say. Every boundary is taken with a day either side (month arithmetic at a
 * month's end): a re-assessment a day early costs one lookup; one a day late would be a lie.
 */
import type { EnterpriseData, IsoDate } from '../model/unifiedModel.ts';
import { addDays, addMonths } from './dates.ts';
import type { DishonestyRecord } from './records.ts';
import type { RuleSet } from './ruleSet.ts';

/** The month spans a rule set measures records by: the evaluation period and every clean-months window. */
function spansOf(rules: RuleSet): number[] {
  const spans = new Set<number>([rules.evaluationPeriodMonths]);
  for (const g of rules.grades) if (g.when.cleanMonths !== undefined) spans.add(g.when.cleanMonths);
  for (const m of rules.measures) if (m.when.cleanMonths !== undefined) spans.add(m.when.cleanMonths);
  return [...spans];
}

/** The first day after `today` on which the assessment may change by time alone, or null if none. */
export function validUntilOf(
  records: readonly DishonestyRecord[],
  data: Pick<EnterpriseData, 'credit'>,
  rules: RuleSet,
  today: IsoDate,
): IsoDate | null {
  const bounds: string[] = [];
  const spans = spansOf(rules);
  for (const r of records) {
    for (const m of spans) bounds.push(addMonths(r.date, m));
    if (r.publicity.until) bounds.push(r.publicity.until);
    if (r.publicity.repairableFrom) bounds.push(r.publicity.repairableFrom);
  }
  for (const c of data.credit?.commitments ?? []) if (c.status === 'PENDING' && c.dueOn) bounds.push(c.dueOn);
  for (const l of data.credit?.lists ?? []) if (l.removedOn) bounds.push(l.removedOn);
  let next: string | null = null;
  for (const b of bounds)
    for (const d of [addDays(b, -1), b, addDays(b, 1)])
      if (d > today && (next === null || d < next)) next = d;
  return next;
}
