/**
 * A declared department's records: the items its declaration's `records` rules select from the
 * answer, each mapped to the facts a unified record is made of (src/credit/records.ts makes the
 * record: severity window, repairs, objections). An item whose id or date the mapping cannot give
 * is not dropped silently: the department's answer is then a bad response (its data missing, the
 * assessment provisional), as a contract broken.
 */
import type { DeclaredRecordFacts } from '../../model/unifiedModel.ts';
import { parameterDefaults, type DeclaredDepartment } from './declarations.ts';
import { asList, expression } from './profile.ts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;

/** Thrown when a declared record's id or date does not map: its department's answer is not usable. */
export class DeclaredRecordError extends Error {
  constructor(
    readonly department: string,
    message: string,
  ) {
    super(`${department}: ${message}`);
    this.name = 'DeclaredRecordError';
  }
}

/**
 * The department's own rating in one answer (its declaration's `rating`): a string, or null where
 * the enterprise has none (or the declaration keeps no rating).
 */
export async function declaredRating(d: DeclaredDepartment, answer: unknown): Promise<string | null> {
  if (!d.rating || answer === null || answer === undefined) return null;
  const v: unknown = await expression(d.rating.value).evaluate(answer);
  return typeof v === 'string' && v !== '' ? v : null;
}

/**
 * The records one answer holds, by the declaration's rules; `today` binds `$today`, and each
 * parameter `$<name>` — the declaration's default unless the rule set sets it (`parameters`).
 */
export async function declaredRecordFacts(
  d: DeclaredDepartment,
  answer: unknown,
  today: string,
  parameters: Readonly<Record<string, number>> = parameterDefaults(d),
): Promise<DeclaredRecordFacts[]> {
  if (answer === null || answer === undefined) return [];
  const out: DeclaredRecordFacts[] = [];
  const bindings = { ...parameters, today };
  for (const rule of d.records ?? []) {
    for (const item of asList(await expression(rule.each).evaluate(answer, bindings))) {
      const id = await expression(rule.id).evaluate(item, bindings);
      const date = await expression(rule.date).evaluate(item, bindings);
      const until = rule.until ? await expression(rule.until).evaluate(item, bindings) : null;
      const detail = rule.detail ? await expression(rule.detail).evaluate(item, bindings) : null;
      if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '')
        throw new DeclaredRecordError(d.name, `a ${rule.kind} record without an id`);
      if (typeof date !== 'string' || !ISO.test(date))
        throw new DeclaredRecordError(d.name, `a ${rule.kind} record without a date`);
      out.push({
        department: d.name,
        key: d.key,
        localId: `${rule.kind.toLowerCase()}-${String(id)}`,
        kind: rule.kind,
        severity: rule.severity,
        nature: rule.nature,
        title: typeof detail === 'string' && detail ? `${rule.title}：${detail}` : rule.title,
        date,
        endedOn: typeof until === 'string' && ISO.test(until) ? until : null,
        published: rule.public === true,
      });
    }
  }
  return out;
}
