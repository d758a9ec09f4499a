/** An enterprise's profile: one field per department, each loaded lazily through the request's loaders. */
import { enterpriseInterviews } from './Mutation/interviews.ts';
import type { EnterpriseResolvers } from '../src/generated/graphql.ts';
import { allowBeyondPublic, forbidden } from '../src/auth/authorize.ts';
import { recordAudienceOf, showsRecord } from '../src/auth/audience.ts';
import { industryRatingsOf, superviseGrade } from '../src/credit/evaluate.ts';
import { current } from '../src/credit/records.ts';
import { sourceUnavailable } from '../src/errors.ts';
import { owned } from './shared/parents.ts';

export const Enterprise: EnterpriseResolvers = {
  ...enterpriseInterviews,
  uscc: (p) => p.uscc,
  code: (p) => p.decoded,
  name: async (p, _a, ctx) => (await ctx.data.value('registration', p.uscc))?.name ?? null,
  registration: async (p, _a, ctx) => owned(await ctx.data.value('registration', p.uscc), p.uscc),
  tax: async (p, _a, ctx) => owned(await ctx.data.value('tax', p.uscc), p.uscc),
  // Market and court records are objects whose lists load separately, so a query pays only for the lists it asks.
  market: (p) => p,
  judicial: (p) => p,
  environment: async (p, _a, ctx) => owned(await ctx.data.value('environment', p.uscc), p.uscc),
  credit: async (p, _a, ctx) => owned(await ctx.data.value('credit', p.uscc), p.uscc),
  records: async (p, { includeHistory }, ctx) => {
    const audience = recordAudienceOf(ctx.principal, p.uscc);
    // Repaired, removed and expired records are the enterprise's own history, shown to no one else (docs/rules.md "Publicity and repair").
    if (includeHistory && audience !== 'self') throw forbidden('Enterprise.records(includeHistory)');
    if (audience !== 'public') {
      const allowed = allowBeyondPublic(ctx, p.uscc, 'Enterprise.records');
      if (allowed !== true) throw allowed;
    }
    const [records, loaded] = await Promise.all([ctx.data.records(p.uscc), ctx.data.loaded(p.uscc)]);
    // Without the platform's repairs and objections a record's state is unknown: others see nothing rather than a repaired record (docs/rules.md "Publicity and repair").
    if (audience !== 'self' && loaded.missing.includes('CREDIT')) throw sourceUnavailable('CREDIT');
    if (includeHistory) return records;
    // The current view: records in force (and those a reorganisation set aside, marked), as far as this audience may see them.
    return records.filter((r) => current(r) && showsRecord(audience, r));
  },
  sources: async (p, _a, ctx) => (await ctx.data.loaded(p.uscc)).sources,
  evaluation: async (p, _a, ctx) => {
    const { evaluation } = await ctx.data.assessment(p.uscc);
    // A bank reads the grade under consent, but no record beyond the public view (docs/access.md).
    if (recordAudienceOf(ctx.principal, p.uscc) !== 'public') return evaluation;
    return {
      ...evaluation,
      basis: {
        ...evaluation.basis,
        records: evaluation.basis.records.filter((r) => showsRecord('public', r)),
      },
    };
  },
  supervision: async (p, { department }, ctx) => {
    const [{ evaluation }, loaded] = await Promise.all([
      ctx.data.assessment(p.uscc),
      ctx.data.loaded(p.uscc),
    ]);
    // The department's tier fuses the grade with its own rating (docs/rules.md "Supervision and alerts"; docs/rules.md).
    return superviseGrade(evaluation.grade, ctx.rules, department ?? null, industryRatingsOf(loaded.data));
  },
  riskAlerts: async (p, _a, ctx) => ctx.data.alerts(p.uscc),
};
