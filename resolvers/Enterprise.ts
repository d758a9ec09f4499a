/** An enterprise's profile: one field per department, each loaded lazily through the request's loaders. */
import { inForce } from '../src/credit/records.ts';
import { loadEnterprise } from '../src/data/enterpriseData.ts';
import type { EnterpriseResolvers } from '../src/generated/graphql.ts';
import { load } from './load.ts';

export const Enterprise: EnterpriseResolvers = {
  uscc: (p) => p.uscc,
  code: (p) => p.decoded,
  name: async (p, _a, ctx) => (await load(ctx, 'registration', p.uscc))?.name ?? null,
  registration: (p, _a, ctx) => load(ctx, 'registration', p.uscc),
  tax: (p, _a, ctx) => load(ctx, 'tax', p.uscc),
  // Market and court records are objects whose lists load separately, so a query pays only for the lists it asks.
  market: (p) => p,
  judicial: (p) => p,
  environment: (p, _a, ctx) => load(ctx, 'environment', p.uscc),
  credit: (p, _a, ctx) => load(ctx, 'credit', p.uscc),
  records: async (p, { includeHistory }, ctx) => {
    const { records } = await ctx.profile(p.uscc);
    return includeHistory ? records : records.filter(inForce);
  },
  sources: async (p, _a, ctx) => (await loadEnterprise(ctx.loaders, p.uscc)).sources,
  evaluation: async (p, _a, ctx) => (await ctx.profile(p.uscc)).evaluation,
  supervision: async (p, _a, ctx) => (await ctx.profile(p.uscc)).supervision,
  riskAlerts: async (p, _a, ctx) => (await ctx.profile(p.uscc)).alerts,
};
