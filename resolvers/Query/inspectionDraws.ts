/** `Query.inspectionDraws` and `Query.inspectionDraw`: recorded 双随机 draws (docs/rules.md "Supervision and alerts"). */
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { regionOf } from '../../src/auth/audience.ts';
import type { Principal } from '../../src/auth/principal.ts';
import type { DrawRecord } from '../../src/ledger/LedgerStore.ts';
import { withLedger } from '../shared/ledger.ts';
import { traitsOf } from '../../src/auth/roles.ts';

export const inspectionDraws: QueryResolvers['inspectionDraws'] = async (_p, { first }, ctx) => {
  const n = first ?? 20;
  if (n < 1 || n > 50)
    throw new GatewayError('first must be 1 to 50', GatewayErrorCode.BAD_USER_INPUT, { argument: 'first' });
  // A regional regulator sees the draws within its region (src/auth/audience.ts).
  const draws = await withLedger(ctx, (l) => l.draws(regionOf(ctx.principal) ? 500 : n));
  return draws.filter((d) => drawWithin(ctx.principal, d)).slice(0, n);
};

/** Whether a draw's population lies within the caller's region. */
function drawWithin(p: Principal, d: DrawRecord): boolean {
  const own = regionOf(p);
  return own === null || (d.population.regionPrefix ?? '').startsWith(own);
}

/** A published draw is anyone's (一公开); an unpublished one is the regulators'. */
export const inspectionDraw: QueryResolvers['inspectionDraw'] = async (_p, { id }, ctx) => {
  const draw = await withLedger(ctx, (l) => l.drawById(id));
  if (!draw) return null;
  if (
    draw.publishedAt === null &&
    (!traitsOf(ctx.principal).supervises || !drawWithin(ctx.principal, draw))
  ) {
    throw new GatewayError('this draw is not published yet', GatewayErrorCode.FORBIDDEN);
  }
  if (traitsOf(ctx.principal).supervises) ctx.audit.noteRead(null, 'Query.inspectionDraw');
  return draw;
};
