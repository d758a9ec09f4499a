/** `Access`: what the caller may read (docs/access.md), from the access table and the one audience rule. */
import { ACCESS } from '../src/auth/accessTable.ts';
import { conditionOf, roleMayRead } from '../src/auth/audience.ts';
import { traitsOf } from '../src/auth/roles.ts';
import { MATTERS } from '../src/credit/ruleSet.ts';
import type { AccessResolvers } from '../src/generated/graphql.ts';

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
        return conditions.length
          ? [
              {
                field: `${type}.${field}`,
                condition: conditions.includes('ANY') ? 'ANY' : conditions.join(' | '),
              },
            ]
          : [];
      }),
    ),
  // The matters a caller may check: those of `creditCheck`, for the roles the access table gives it to.
  matters: (p) => (roleMayRead(p, ACCESS.Query!.creditCheck!) ? [...MATTERS] : []),
  // By the gateway's clock, so a page can warn before the sign-in lapses whatever its own clock says.
  expiresInSeconds: (p, _a, ctx) =>
    p.expiresAt === undefined ? null : Math.max(0, Math.floor((p.expiresAt - ctx.now()) / 1000)),
  consents: async (p, _a, ctx) => {
    if (!traitsOf(p).holdsConsents || !p.org) return [];
    const all = await ctx.consentCache.get(p.org);
    return all.filter((c) => c.status === 'ACTIVE' && Date.parse(c.expiresAt) > ctx.now());
  },
};
