/** `Mutation.revokeConsent`: an enterprise ends one of its consents. */
import type { MutationResolvers } from '../../src/generated/graphql.ts';
import { actingEnterprise } from '../shared/actingEnterprise.ts';
import { consentEvent } from '../shared/consentEvents.ts';

export const revokeConsent: MutationResolvers['revokeConsent'] = async (_p, { id }, ctx) => {
  const uscc = actingEnterprise(ctx);
  const mine = (await ctx.credit.listConsents({ uscc, all: true })).find((c) => c.id === id);
  if (!mine) return { accepted: false, consent: null, refusal: 'UNKNOWN_CONSENT' };
  await ctx.audit.recordIntent('consent.revoke', uscc, 'revokeConsent');
  const r = await ctx.credit.revokeConsent(id);
  ctx.audit.noteAction('consent.revoke', uscc, r.ok ? `revoked ${id}` : `refused ${r.status}`);
  if (!r.ok) return { accepted: false, consent: mine, refusal: 'PLATFORM_REFUSED' };
  ctx.consentCache.clear();
  await consentEvent(ctx, 'CONSENT_REVOKED', mine);
  return {
    accepted: true,
    refusal: null,
    consent: { ...mine, status: 'REVOKED', revokedAt: mine.revokedAt ?? new Date(ctx.now()).toISOString() },
  };
};
