/**
 * The objection workflow (docs/rules.md "Objections"; docs/rules.md "Objections"): an objection filed through the
 * gateway is owed a written answer by the department that produced the record (the credit platform
 * for the grade) within 2 working days and a comparison within 5; the department is told at once,
 * answers here, and regulators see what is overdue. The enterprise sees where it stands.
 */
import { addWorkingDays, CalendarNotCovered } from '../../src/calendar/workingDays.ts';
import type { GatewayContext } from '../../src/context.ts';
import { beijingDate } from '../../src/credit/dates.ts';
import { DEPARTMENT_NAMES, DEPARTMENTS, type Department } from '../../src/departments/registry.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type {
  MutationResolvers,
  ObjectionProgressResolvers,
  ObjectionResolvers,
  QueryResolvers,
} from '../../src/generated/graphql.ts';
import type { ObjectionTaskRow } from '../../src/ledger/Objections.ts';
import { actorOf, badInput, ownDepartmentList } from '../shared/input.ts';
import { withObjections } from '../shared/ledger.ts';
import { requestLoader } from '../shared/requestLoader.ts';

/** Working days for the written answer and for the comparison, from the day of filing. */
export const ANSWER_WORKING_DAYS = 2;
export const COMPARE_WORKING_DAYS = 5;

/** The department that answers an objection to `recordRef`: the record's producer; the platform for the grade. */
export function answeringDepartment(recordRef: string): Department | null {
  if (recordRef === 'evaluation') return 'CREDIT';
  const key = recordRef.slice(0, recordRef.indexOf(':'));
  return DEPARTMENT_NAMES.find((d) => DEPARTMENTS[d].key === key) ?? null;
}

/** The deadlines of an objection filed on `filedOn` (null when the calendar does not hold the year). */
export function objectionDeadlines(filedOn: string): {
  answerDueOn: string | null;
  compareDueOn: string | null;
} {
  const due = (n: number): string | null => {
    try {
      return addWorkingDays(filedOn, n);
    } catch (err) {
      if (err instanceof CalendarNotCovered) return null;
      throw err;
    }
  };
  return { answerDueOn: due(ANSWER_WORKING_DAYS), compareDueOn: due(COMPARE_WORKING_DAYS) };
}

/**
 * Records an objection just filed at the platform in the workflow and tells the answering department
 * (an OBJECTION_FILED event naming it). Without a ledger there is no workflow (said in the docs);
 * a ledger that fails here leaves the objection filed at the platform, audited, without a queue entry.
 */
export async function startObjection(
  ctx: GatewayContext,
  o: { id: string; uscc: string; recordRef: string; reason: string },
): Promise<ObjectionTaskRow | null> {
  const department = answeringDepartment(o.recordRef);
  if (!ctx.ledger || !department) return null;
  const filedAt = new Date(ctx.now()).toISOString();
  const filedOn = ctx.today;
  try {
    const task = await withObjections(ctx, (w) =>
      w.record({ ...o, department, filedAt, filedOn, ...objectionDeadlines(filedOn) }),
    );
    await ctx.events?.pending.append({
      uscc: o.uscc,
      kind: 'OBJECTION_FILED',
      departments: [department],
      content: {
        objection: {
          id: o.id,
          recordRef: o.recordRef,
          status: 'OPEN',
          department,
          answerDueOn: task.answerDueOn,
          compareDueOn: task.compareDueOn,
        },
      },
    });
    return task;
  } catch {
    // Said in the audit trail: the objection stands at the platform, without a queue entry here.
    ctx.audit.noteAction(
      'objection.workflow',
      o.uscc,
      `${o.id} not in the workflow: the ledger did not take it`,
    );
    return null;
  }
}

export const objectionQueue: QueryResolvers['objectionQueue'] = (
  _p,
  { department, includeAnswered },
  ctx,
) => {
  ownDepartmentList(ctx, department);
  return withObjections(ctx, (w) => w.queue(department, includeAnswered ?? false));
};

export const answerObjection: MutationResolvers['answerObjection'] = async (
  _p,
  { id, decision, answer },
  ctx,
) => {
  const text = answer.trim();
  if (!text || text.length > 2000) throw badInput('answer', 'answer must be 1 to 2,000 characters');
  const task = await withObjections(ctx, (w) => w.byId(id));
  if (!task) throw new GatewayError(`no objection ${id} in the workflow`, GatewayErrorCode.NOT_FOUND);
  ownDepartmentList(ctx, task.department);
  const answered = await withObjections(ctx, (w) =>
    w.answer(id, decision, text, actorOf(ctx), new Date(ctx.now())),
  );
  if (!answered) throw badInput('id', `objection ${id} was answered already`);
  ctx.audit.noteAction('objection.answer', task.uscc, `${id} ${decision}`);
  return answered;
};

/** Whether a task is overdue today (the gateway's Beijing day): unanswered past its answer's deadline. */
export function objectionOverdue(
  t: Pick<ObjectionTaskRow, 'decision' | 'answerDueOn'>,
  today: string,
): boolean {
  return t.decision === null && t.answerDueOn !== null && today > t.answerDueOn;
}

export const ObjectionProgress: ObjectionProgressResolvers = {
  department: (t) => t.department as Department,
  deadlinesKnown: (t) => t.answerDueOn !== null && t.compareDueOn !== null,
  answeredOn: (t) => (t.answeredAt ? beijingDate(Date.parse(t.answeredAt)) : null),
  overdue: (t, _a, ctx) => objectionOverdue(t, ctx.today),
};

/** One lookup of the workflow per request for every objection shown. */
export const Objection: Pick<ObjectionResolvers, 'progress'> = {
  progress: (o, _a, ctx) =>
    ctx.ledger
      ? requestLoader(ctx, 'objectionProgress', async (ids) => {
          const found = await withObjections(ctx, (w) => w.byIds(ids));
          return ids.map((id) => found.get(id) ?? null);
        }).load(o.id)
      : null,
};
