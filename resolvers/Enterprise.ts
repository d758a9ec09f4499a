/** An enterprise's profile: one field per department, each loaded lazily through the request's loaders. */
import { inForce } from '../src/credit/records.ts';
import type { EnterpriseResolvers } from '../src/generated/graphql.ts';
import { allowBeyondPublic, forbidden } from '../src/auth/authorize.ts';
import { recordAudience } from './access.ts';
import { load } from './load.ts';
import { owned } from './parents.ts';

export const Enterprise: EnterpriseResolvers = {
  uscc: (p) => p.uscc,
  code: (p) => p.decoded,
  name: async (p, _a, ctx) => (await load(ctx, 'registration', p.uscc))?.name ?? null,
  registration: async (p, _a, ctx) => owned(await load(ctx, 'registration', p.uscc), p.uscc),
  tax: async (p, _a, ctx) => owned(await load(ctx, 'tax', p.uscc), p.uscc),
  // Market and court records are objects whose lists load separately, so a query pays only for the lists it asks.
  market: (p) => p,
  judicial: (p) => p,
  environment: async (p, _a, ctx) => owned(await load(ctx, 'environment', p.uscc), p.uscc),
  credit: async (p, _a, ctx) => owned(await load(ctx, 'credit', p.uscc), p.uscc),
  records: async (p, { includeHistory }, ctx) => {
    const audience = recordAudience(ctx, p.uscc);
    // Repaired, removed and expired records are the enterprise's own history, shown to no one else (§3).
    if (includeHistory && audience !== 'self') throw forbidden('Enterprise.records(includeHistory)');
    if (audience !== 'public') {
      const allowed = allowBeyondPublic(ctx, p.uscc, 'Enterprise.records');
      if (allowed !== true) throw allowed;
    }
    const { records } = await ctx.profile(p.uscc);
    if (includeHistory) return records;
    // The public sees what is published within its window; minor records are not published.
    return records.filter((r) => inForce(r) && (audience !== 'public' || r.publicity.published));
  },
  sources: async (p, _a, ctx) => (await ctx.loaded(p.uscc)).sources,
  evaluation: async (p, _a, ctx) => (await ctx.profile(p.uscc)).evaluation,
  supervision: async (p, _a, ctx) => (await ctx.profile(p.uscc)).supervision,
  riskAlerts: async (p, _a, ctx) => (await ctx.profile(p.uscc)).alerts,
};
