/** `Mutation.drawInspection` and `publishDraw`: 双随机、一公开 (docs/rules.md "Supervision and alerts"), recorded in the ledger. */
import { randomBytes } from 'node:crypto';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { checkFilter, withLedger } from '../shared/ledger.ts';
import { drawItem, ownDepartment } from './inspections.ts';
import { actorOf } from '../shared/input.ts';

export const drawInspection: MutationResolvers['drawInspection'] = async (
  _p,
  { department, population, acceptIncomplete, reason, item },
  ctx,
) => {
  const why = reason?.trim() ?? '';
  if (why.length > 500)
    throw new GatewayError('reason must be at most 500 characters', GatewayErrorCode.BAD_USER_INPUT, {
      argument: 'reason',
    });
  ownDepartment(ctx, department, 'department');
  const f = checkFilter(ctx, population, 'population');
  const itemId = await drawItem(ctx, department, item);
  const by = actorOf(ctx);
  // docs/rules.md "The ledger": a draw over a population the ledger does not hold whole (holes,
  // provisional or overdue assessments) would silently leave enterprises out of the lottery.
  const coverage = await withLedger(ctx, (l) => l.coverage(new Date(ctx.now())));
  if (!coverage.whole && !acceptIncomplete)
    throw new GatewayError(
      `the ledger does not hold the whole city complete and current (${coverage.complete} complete of ${coverage.registry ?? 'an unknown number'}, ${coverage.provisional} provisional, ${coverage.missing ?? 'unknown'} missing, ${coverage.overdue} overdue); draw with acceptIncomplete: true to draw anyway, recorded as such`,
      GatewayErrorCode.POPULATION_INCOMPLETE,
      { coverage },
    );
  // A second draw of the same department and population the same (Beijing) day needs a reason: every
  // attempt is kept and published with the final one, so a draw cannot quietly be redone until it suits.
  const earlier = await withLedger(ctx, (l) => l.earlierDraw(department, f));
  if (earlier && !why)
    throw new GatewayError(
      `draw ${earlier} already drew this department and population today; drawing again needs a reason`,
      GatewayErrorCode.BAD_USER_INPUT,
      { argument: 'reason', repeatOf: earlier },
    );
  // The seed is the gateway's (32 random bytes), its hash on record before the population is read.
  const seed = randomBytes(32).toString('hex');
  const repeat = earlier ? { of: earlier, reason: why } : null;
  const draw = await withLedger(ctx, (l) =>
    l.draw(department, f, seed, by, coverage, !coverage.whole, repeat, itemId),
  );
  ctx.audit.noteAction(
    'inspection.draw',
    'city',
    `draw ${draw.id} for ${department}, seed ${seed}, ${draw.enterprises.length} drawn`,
  );
  return draw;
};

export const publishDraw: MutationResolvers['publishDraw'] = async (_p, { id }, ctx) => {
  const draw = await withLedger(ctx, (l) => l.publish(id));
  if (draw) ctx.audit.noteAction('inspection.publish', 'city', `draw ${draw.id} published`);
  return draw;
};
