/** `Mutation.drawInspection` and `publishDraw`: 双随机、一公开 (domain.md §5), recorded in the ledger. */
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { checkFilter, withLedger } from '../shared/ledger.ts';

export const drawInspection: MutationResolvers['drawInspection'] = async (
  _p,
  { department, population, seed },
  ctx,
) => {
  if (!seed.trim() || seed.length > 200)
    throw new GatewayError('seed must be 1 to 200 characters', GatewayErrorCode.BAD_USER_INPUT, {
      argument: 'seed',
    });
  const f = checkFilter(ctx, population, 'population');
  const by = `${ctx.principal.org ?? '-'}/${ctx.principal.subject ?? '-'}`;
  const draw = await withLedger(ctx, (l) => l.draw(department, f, seed, by));
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
