/** `Mutation.grantConsent`: an enterprise lets a bank read scopes of its data, for a purpose, until a time. */
import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { actingEnterprise } from '../shared/actingEnterprise.ts';
import { consentEvent } from '../shared/consentEvents.ts';

export const grantConsent: MutationResolvers['grantConsent'] = async (_p, { input }, ctx) => {
  const uscc = actingEnterprise(ctx);
  if (Date.parse(input.expiresAt) <= ctx.now())
    return { accepted: false, consent: null, refusal: 'EXPIRY_NOT_IN_FUTURE' };
  await ctx.audit.recordIntent('consent.grant', uscc, 'grantConsent');
  const scopes = [...new Set(input.scopes)];
  const expiresAt = new Date(input.expiresAt).toISOString();
  const r = await ctx.credit.grantConsent({
    uscc,
    grantee: input.grantee,
    scopes,
    purpose: input.purpose,
    expiresAt,
  });
  ctx.audit.noteAction(
    'consent.grant',
    uscc,
    r.ok ? `granted ${r.value.id} to ${input.grantee}` : `refused ${r.status}`,
  );
  if (!r.ok) return { accepted: false, consent: null, refusal: 'PLATFORM_REFUSED' };
  ctx.consentCache.clear();
  const consent = {
    id: r.value.id,
    uscc,
    grantee: input.grantee,
    scopes,
    purpose: input.purpose,
    expiresAt,
    createdAt: new Date(ctx.now()).toISOString(),
    revokedAt: null,
    status: 'ACTIVE' as const,
  };
  await consentEvent(ctx, 'CONSENT_GRANTED', consent);
  return { accepted: true, refusal: null, consent };
};
