/** The decision behind every protected field: does this principal belong to one of its audiences? */
import type { AuditContext } from '../audit/auditContext.ts';
import { GatewayError, GatewayErrorCode } from '../errors.ts';
import type { Audience } from './accessTable.ts';
import { belongsTo } from './audience.ts';
import type { ConsentChecker, ConsentScope } from './consents.ts';
import type { Principal } from './principal.ts';
import { traitsOf } from './roles.ts';

/** What a decision reads from the request. */
export interface AccessContext {
  principal: Principal;
  consents: ConsentChecker;
  audit: AuditContext;
}

/** Who an audience is, in words (FORBIDDEN says who may read a field). */
function audienceWords(a: Audience): string {
  if (a === 'self') return 'the enterprise itself';
  if (a === 'enterprise') return 'an enterprise acting for itself';
  if (a.startsWith('consent:'))
    return `a bank holding the enterprise's ${a.slice('consent:'.length)} consent`;
  return a;
}

/** FORBIDDEN for one field; with its audiences, the error says who may read it (`readableBy`). */
export function forbidden(group: string, audiences: readonly Audience[] = []): GatewayError {
  const who = audiences.length ? `; readable by ${audiences.map(audienceWords).join(', ')}` : '';
  return new GatewayError(`not allowed to read ${group}${who}`, GatewayErrorCode.FORBIDDEN, {
    ...(audiences.length ? { readableBy: [...audiences] } : {}),
  });
}

/**
 * Allows the field (true) or says why not. A grant beyond the public view needs a declared
 * purpose (except an enterprise acting on its own consents and objections) and is audited.
 */
export async function decide(
  ctx: AccessContext,
  group: string,
  audiences: readonly Audience[],
  owner: string | null,
): Promise<true | GatewayError> {
  if (audiences.includes('ANY')) return true;
  const p = ctx.principal;
  let refusal: GatewayError | null = null;
  let via: Audience | null = null;
  for (const a of audiences) {
    if (belongsTo(p, a, owner)) {
      via = a;
      break;
    }
    if (a.startsWith('consent:') && traitsOf(p).holdsConsents && owner !== null) {
      const r = await ctx.consents.check(owner, a.slice('consent:'.length) as ConsentScope, p.purpose);
      if (r === true) {
        via = a;
        break;
      }
      refusal ??= r;
    }
  }
  if (!via) return refusal ?? forbidden(group, audiences);
  if (via === 'enterprise' || via === 'reviewer') {
    // An enterprise acting on its own consents and objections declares no purpose; nor does a
    // reviewer of rule-set versions, who reads no enterprise's data.
    ctx.audit.noteRead(owner, group);
    return true;
  }
  return allowBeyondPublic(ctx, owner, group);
}

/** A read beyond the public view: it needs a declared purpose, and it is audited. */
export function allowBeyondPublic(
  ctx: Pick<AccessContext, 'principal' | 'audit'>,
  owner: string | null,
  group: string,
): true | GatewayError {
  if (ctx.principal.purpose === null) {
    return new GatewayError(
      'reading beyond the public view needs a purpose (X-Purpose header)',
      GatewayErrorCode.PURPOSE_REQUIRED,
    );
  }
  ctx.audit.noteRead(owner, group);
  return true;
}
