/**
 * The commitment loop (docs/rules.md "Commitments"; Shanwei plan 7, 承诺核查闭环): a commitment
 * registered at a check is put on its verifying department's list; the department sees what is due
 * and overdue and records FULFILLED or BREACHED, which the gateway sets at the credit platform
 * (`PATCH`), where the grade and the checks read it.
 */
import type { GatewayContext } from '../../src/context.ts';
import { beijingDate } from '../../src/credit/dates.ts';
import type { AnyDepartment } from '../../src/departments/registry.ts';
import { GatewayError, GatewayErrorCode, sourceUnavailable } from '../../src/errors.ts';
import type {
  CommitmentCheckResolvers,
  Department,
  MutationResolvers,
  QueryResolvers,
} from '../../src/generated/graphql.ts';
import type { CommitmentCheckRow } from '../../src/ledger/CommitmentChecks.ts';
import { actorOf, ownDepartmentList } from '../shared/input.ts';
import { withCommitmentChecks } from '../shared/ledger.ts';

/** Puts a commitment just registered on its verifying department's list (with a ledger; audited if it cannot). */
export async function listCommitment(
  ctx: GatewayContext,
  c: {
    id: string;
    uscc: string;
    department: AnyDepartment;
    type: string;
    matter: string;
    dueOn: string | null;
  },
): Promise<void> {
  if (!ctx.ledger) return;
  try {
    await withCommitmentChecks(ctx, (l) =>
      l.record({ ...c, registeredAt: new Date(ctx.now()).toISOString() }),
    );
  } catch {
    ctx.audit.noteAction(
      'commitment.list',
      c.uscc,
      `${c.id} not on ${c.department}'s list: the ledger did not take it`,
    );
  }
}

export const commitmentsToVerify: QueryResolvers['commitmentsToVerify'] = (
  _p,
  { department, includeDecided },
  ctx,
) => {
  ownDepartmentList(ctx, department);
  return withCommitmentChecks(ctx, (l) => l.forDepartment(department, includeDecided ?? false));
};

export const verifyCommitment: MutationResolvers['verifyCommitment'] = async (_p, { id, status }, ctx) => {
  const c = await withCommitmentChecks(ctx, (l) => l.byId(id));
  if (!c) throw new GatewayError(`no commitment ${id} to verify`, GatewayErrorCode.NOT_FOUND);
  ownDepartmentList(ctx, c.department);
  if (c.status !== 'PENDING')
    throw new GatewayError(`commitment ${id} was decided already`, GatewayErrorCode.BAD_USER_INPUT, {
      argument: 'id',
    });
  await ctx.audit.recordIntent('commitment.verify', c.uscc, 'verifyCommitment');
  const r = await ctx.credit.setCommitmentStatus(id, status);
  ctx.audit.noteAction('commitment.verify', c.uscc, r.ok ? `${id} ${status}` : `refused ${r.status}`);
  if (!r.ok) throw sourceUnavailable('CREDIT');
  const decided = await withCommitmentChecks(ctx, (l) =>
    l.decide(id, status, actorOf(ctx), new Date(ctx.now())),
  );
  // The enterprise's commitments changed: every replica drops what it held for it.
  await ctx.invalidate(c.uscc);
  return decided ?? (await withCommitmentChecks(ctx, (l) => l.byId(id)))!;
};

const pendingDue = (c: CommitmentCheckRow, today: string, strict: boolean): boolean =>
  c.status === 'PENDING' && c.dueOn !== null && (strict ? today > c.dueOn : today >= c.dueOn);

export const CommitmentCheck: CommitmentCheckResolvers = {
  // A department the registry knows (built in or declared): the enum is generated from it.
  department: (c) => c.department as Department,
  due: (c, _a, ctx) => pendingDue(c, ctx.today, false),
  overdue: (c, _a, ctx) => pendingDue(c, ctx.today, true),
  decidedOn: (c) => (c.decidedAt ? beijingDate(Date.parse(c.decidedAt)) : null),
};
