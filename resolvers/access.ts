/** Access: the caller's own rights, an enterprise's consents and objections, and masked personal data. */
import { ACCESS } from '../src/auth/accessTable.ts';
import { conditionOf, roleMayRead, seesPersonalData } from '../src/auth/audience.ts';
import { maskIdNumber } from '../src/auth/mask.ts';
import { MATTERS } from '../src/credit/ruleSet.ts';
import { toIsoDate } from '../src/credit/dates.ts';
import type { GatewayContext } from '../src/context.ts';
import { GatewayError, GatewayErrorCode } from '../src/errors.ts';
import type { AccessResolvers, LegalRepresentativeResolvers, MutationResolvers, QueryResolvers, RegistrationResolvers } from '../src/generated/graphql.ts';
import { owned } from './parents.ts';

/** The enterprise user behind a write, or FORBIDDEN. */
function actingEnterprise(ctx: GatewayContext): string {
  const uscc = ctx.principal.role === 'enterprise' ? ctx.principal.uscc : null;
  if (!uscc) throw new GatewayError('only an enterprise user acts for its enterprise', GatewayErrorCode.FORBIDDEN);
  return uscc;
}

export const Access: AccessResolvers = {
  role: (p) => p.role,
  organization: (p) => p.org,
  uscc: (p) => p.uscc,
  purpose: (p) => p.purpose,
  fieldGroups: (p) =>
    Object.entries(ACCESS).flatMap(([type, fields]) =>
      Object.entries(fields).flatMap(([field, audiences]) => {
        // The public view is everyone's: list what this caller has beyond it.
        if (audiences.includes('ANY')) return [];
        const conditions = audiences.map((a) => conditionOf(p, a)).filter((c): c is string => c !== null);
        return conditions.length ? [{ field: `${type}.${field}`, condition: conditions.includes('ANY') ? 'ANY' : conditions.join(' | ') }] : [];
      }),
    ),
  // The matters a caller may check: those of `creditCheck`, for the roles the access table gives it to.
  matters: (p) => (roleMayRead(p.role, ACCESS.Query!.creditCheck!) ? [...MATTERS] : []),
  consents: async (p, _a, ctx) => {
    if (p.role !== 'bank' || !p.org) return [];
    const all = await ctx.consentCache.get(p.org);
    return all.filter((c) => c.status === 'ACTIVE' && Date.parse(c.expiresAt) > ctx.now());
  },
};

export const Registration: RegistrationResolvers = {
  legalRepresentative: (r) => owned(r.legalRepresentative, r.owner)!,
};

export const LegalRepresentative: LegalRepresentativeResolvers = {
  idNumber: (l, _a, ctx) => {
    if (!seesPersonalData(ctx.principal, l.owner)) return maskIdNumber(l.idNumber);
    ctx.audit.noteRead(l.owner, 'LegalRepresentative.idNumber');
    return l.idNumber;
  },
};

export const accessQueries: Pick<QueryResolvers, 'myAccess' | 'myConsents'> = {
  myAccess: (_p, _a, ctx) => ctx.principal,
  myConsents: async (_p, _a, ctx) => {
    const uscc = actingEnterprise(ctx);
    ctx.audit.noteRead(uscc, 'Query.myConsents');
    return ctx.credit.listConsents({ uscc, all: true });
  },
};

export const Mutation: MutationResolvers = {
  grantConsent: async (_p, { input }, ctx) => {
    const uscc = actingEnterprise(ctx);
    if (Date.parse(input.expiresAt) <= ctx.now()) return { accepted: false, consent: null, refusal: 'EXPIRY_NOT_IN_FUTURE' };
    await ctx.audit.recordIntent('consent.grant', uscc, 'grantConsent');
    const scopes = [...new Set(input.scopes)];
    const expiresAt = new Date(input.expiresAt).toISOString();
    const r = await ctx.credit.grantConsent({ uscc, grantee: input.grantee, scopes, purpose: input.purpose, expiresAt });
    ctx.audit.noteAction('consent.grant', uscc, r.ok ? `granted ${r.value.id} to ${input.grantee}` : `refused ${r.status}`);
    if (!r.ok) return { accepted: false, consent: null, refusal: 'PLATFORM_REFUSED' };
    ctx.consentCache.clear();
    const now = new Date(ctx.now()).toISOString();
    return {
      accepted: true,
      refusal: null,
      consent: { id: r.value.id, uscc, grantee: input.grantee, scopes, purpose: input.purpose, expiresAt, createdAt: now, revokedAt: null, status: 'ACTIVE' },
    };
  },

  revokeConsent: async (_p, { id }, ctx) => {
    const uscc = actingEnterprise(ctx);
    const mine = (await ctx.credit.listConsents({ uscc, all: true })).find((c) => c.id === id);
    if (!mine) return { accepted: false, consent: null, refusal: 'UNKNOWN_CONSENT' };
    await ctx.audit.recordIntent('consent.revoke', uscc, 'revokeConsent');
    const r = await ctx.credit.revokeConsent(id);
    ctx.audit.noteAction('consent.revoke', uscc, r.ok ? `revoked ${id}` : `refused ${r.status}`);
    if (!r.ok) return { accepted: false, consent: mine, refusal: 'PLATFORM_REFUSED' };
    ctx.consentCache.clear();
    return { accepted: true, refusal: null, consent: { ...mine, status: 'REVOKED', revokedAt: mine.revokedAt ?? new Date(ctx.now()).toISOString() } };
  },

  fileObjection: async (_p, { input }, ctx) => {
    const uscc = actingEnterprise(ctx);
    const reason = input.reason.trim();
    if (!reason || reason.length > 2000) return { accepted: false, objection: null, refusal: 'INVALID_REASON' };
    await ctx.audit.recordIntent('objection.file', uscc, 'fileObjection');
    const r = await ctx.credit.fileObjection({ uscc, recordRef: input.recordRef, reason });
    ctx.audit.noteAction('objection.file', uscc, r.ok ? `filed ${r.value.id} on ${input.recordRef}` : `refused ${r.status}`);
    if (!r.ok) return { accepted: false, objection: null, refusal: r.status === 404 ? 'UNKNOWN_RECORD' : 'PLATFORM_REFUSED' };
    // The record is now disputed: every replica drops what it held for this enterprise.
    await ctx.invalidate(uscc);
    return { accepted: true, refusal: null, objection: { id: r.value.id, recordRef: input.recordRef, status: 'OPEN', filedOn: toIsoDate(ctx.now()), resolvedOn: null } };
  },
};
