/** What resolvers share for refusing input and naming who acted. */
import { actsForDepartment } from '../../src/auth/audience.ts';
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

/** A text argument: trimmed, present, at most `max` characters — or BAD_USER_INPUT naming it. */
export function boundedText(value: string, argument: string, max: number): string {
  const t = value.trim();
  if (!t || t.length > max) throw badInput(argument, `${argument} must be 1 to ${max} characters`);
  return t;
}

/** FORBIDDEN unless the caller acts in this department's own lists (audience.ts `actsForDepartment`). */
export function ownDepartmentList(ctx: GatewayContext, department: string): void {
  if (!actsForDepartment(ctx.principal, department))
    throw new GatewayError(
      `this system acts for ${ctx.principal.org ?? 'no department'}, not ${department}`,
      GatewayErrorCode.FORBIDDEN,
      { argument: 'department' },
    );
}

/** Who acted, as the ledger's records name them: organization/subject. */
export function actorOf(ctx: GatewayContext): string {
  return `${ctx.principal.org ?? '-'}/${ctx.principal.subject ?? '-'}`;
}
