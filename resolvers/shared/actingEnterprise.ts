/** The enterprise an enterprise user acts for (its consents, objections), or FORBIDDEN. */
import type { GatewayContext } from '../../src/context.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import { traitsOf } from '../../src/auth/roles.ts';

/** The enterprise user behind a write, or FORBIDDEN. */
export function actingEnterprise(ctx: GatewayContext): string {
  const uscc = traitsOf(ctx.principal).token === 'uscc' ? ctx.principal.uscc : null;
  if (!uscc)
    throw new GatewayError('only an enterprise user acts for its enterprise', GatewayErrorCode.FORBIDDEN);
  return uscc;
}
