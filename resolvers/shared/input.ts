/** What resolvers share for refusing input and naming who acted. */
import type { GatewayContext } from '../../src/context.ts';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';

/** BAD_USER_INPUT naming the argument (and anything else the caller needs to put it right). */
export function badInput(
  argument: string,
  message: string,
  extra: Record<string, unknown> = {},
): GatewayError {
  return new GatewayError(message, GatewayErrorCode.BAD_USER_INPUT, { argument, ...extra });
}

/** Who acted, as the ledger's records name them: organization/subject. */
export function actorOf(ctx: GatewayContext): string {
  return `${ctx.principal.org ?? '-'}/${ctx.principal.subject ?? '-'}`;
}
