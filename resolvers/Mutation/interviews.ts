/**
 * 约谈 (docs/rules.md "Interviews"; 谁认定、谁约谈): a department's candidates, the interviews it
 * records and the rectifications it marks done. An interview enters the enterprise's credit record
 * (`Enterprise.interviews`), shown but never graded; a deadline passed without the rectification
 * marked done puts the enterprise back among the department's candidates.
 */
import type { AlertKind } from '../../src/credit/alerts.ts';
import type { Department } from '../../src/departments/registry.ts';
import type { GatewayContext } from '../../src/context.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { InterviewRow } from '../../src/ledger/Interviews.ts';
import type {
  EnterpriseResolvers,
  InterviewCandidateResolvers,
  InterviewResolvers,
  MutationResolvers,
  QueryResolvers,
} from '../../src/generated/graphql.ts';
import { actorOf, badInput, boundedText, ownDepartmentList } from '../shared/input.ts';
import { withInterviews } from '../shared/ledger.ts';
import { requestLoader } from '../shared/requestLoader.ts';

export const interviewCandidates: QueryResolvers['interviewCandidates'] = (
  _p,
  { department, first },
  ctx,
) => {
  ownDepartmentList(ctx, department);
  const n = first ?? 50;
  if (n < 1 || n > 200) throw badInput('first', 'first must be 1 to 200');
  return withInterviews(ctx, (i) => i.candidates(department, ctx.today, n));
};

export const recordInterview: MutationResolvers['recordInterview'] = async (_p, { input }, ctx) => {
  ownDepartmentList(ctx, input.department);
  const today = ctx.today;
  if (input.heldOn > today) throw badInput('input.heldOn', 'heldOn must not be after today');
  if (input.rectifyBy <= input.heldOn) throw badInput('input.rectifyBy', 'rectifyBy must be after heldOn');
  const saved = await withInterviews(ctx, (i) =>
    i.record(
      {
        uscc: input.uscc,
        department: input.department,
        kind: input.kind,
        heldOn: input.heldOn,
        officials: boundedText(input.officials, 'input.officials', 200),
        required: boundedText(input.required, 'input.required', 2000),
        rectifyBy: input.rectifyBy,
        recordedAt: new Date(ctx.now()).toISOString(),
      },
      actorOf(ctx),
    ),
  );
  ctx.audit.noteAction(
    'interview.record',
    input.uscc,
    `${input.department} ${input.kind} interview ${saved.id}`,
  );
  return saved;
};

export const markRectified: MutationResolvers['markRectified'] = async (_p, { id }, ctx) => {
  const found = await withInterviews(ctx, (i) => i.byId(id));
  if (!found) throw new GatewayError(`no interview ${id}`, GatewayErrorCode.NOT_FOUND);
  ownDepartmentList(ctx, found.department);
  const done = await withInterviews(ctx, (i) => i.rectified(id, ctx.today, actorOf(ctx)));
  if (!done) throw badInput('id', `interview ${id} was marked rectified already`);
  ctx.audit.noteAction('interview.rectified', found.uscc, `interview ${id} rectified`);
  return done;
};

export const Interview: InterviewResolvers = {
  department: (i) => i.department as Department,
  overdue: (i, _a, ctx) => i.rectifiedOn === null && ctx.today > i.rectifyBy,
};

export const InterviewCandidate: InterviewCandidateResolvers = {
  alertKinds: (c) => c.alertKinds as AlertKind[],
};

/** An enterprise's interviews, one read per request for every enterprise shown; null without a ledger. */
export function interviewsOf(ctx: GatewayContext, uscc: string): Promise<InterviewRow[]> | null {
  return ctx.ledger
    ? requestLoader(ctx, 'interviews', async (usccs) => {
        const found = await withInterviews(ctx, (i) => i.ofEnterprises(usccs));
        return usccs.map((u) => found.get(u) ?? []);
      }).load(uscc)
    : null;
}

export const enterpriseInterviews: Pick<EnterpriseResolvers, 'interviews'> = {
  interviews: (e, _a, ctx) => interviewsOf(ctx, e.uscc),
};
