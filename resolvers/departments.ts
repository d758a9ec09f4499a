/** Resolvers of the per-department record types that load their lists on their own. */
import type { EnterpriseSummaryResolvers, EnvironmentProfileResolvers, JudicialRecordsResolvers, MarketRecordsResolvers, TaxProfileResolvers } from '../src/generated/graphql.ts';
import { decodeUscc } from '../src/credit/uscc.ts';
import { load } from './load.ts';
import { resolveEnterprise } from './Query.ts';

export const MarketRecords: MarketRecordsResolvers = {
  penalties: async (p, _a, ctx) => (await load(ctx, 'marketPenalties', p.uscc)) ?? [],
  abnormalOperations: async (p, _a, ctx) => (await load(ctx, 'marketAbnormal', p.uscc)) ?? [],
  seriousViolations: async (p, _a, ctx) => (await load(ctx, 'marketSerious', p.uscc)) ?? [],
};

export const JudicialRecords: JudicialRecordsResolvers = {
  dishonestDebtor: async (p, _a, ctx) => (await load(ctx, 'courtDishonest', p.uscc)) ?? [],
  enforcementCases: async (p, _a, ctx) => (await load(ctx, 'courtEnforced', p.uscc)) ?? [],
  consumptionRestrictions: async (p, _a, ctx) => (await load(ctx, 'courtRestrictions', p.uscc)) ?? [],
};

export const TaxProfile: TaxProfileResolvers = {
  aLevelTaxpayer: (p) => p.ratings[0]?.grade === 'A',
};

export const EnvironmentProfile: EnvironmentProfileResolvers = {
  latestCard: (p) => p.ratings[0]?.card ?? null,
};

export const EnterpriseSummary: EnterpriseSummaryResolvers = {
  // A search hit comes from the registry, so the registry knows it; if it vanished since, show the code alone.
  profile: async (p, _a, ctx) => (await resolveEnterprise(ctx, p.uscc)) ?? { uscc: p.uscc, decoded: decodeUscc(p.uscc) },
};
