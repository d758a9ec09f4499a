/**
 * Resolvers of the per-department record types. Lists that carry records go through the one
 * audience rule (recordLists.ts): each caller sees the entries it may (domain.md §3, §8).
 */
import type {
  CreditPlatformRecordsResolvers,
  EnterpriseSummaryResolvers,
  EnvironmentProfileResolvers,
  JudicialRecordsResolvers,
  MarketRecordsResolvers,
  TaxProfileResolvers,
} from '../src/generated/graphql.ts';
import type { ConsumptionRestriction, CreditPlatformRecords as CreditModel, DishonestDebtorEntry, EnforcementCase, MarketListing, Penalty, TaxProfile as TaxModel } from '../src/model/unifiedModel.ts';
import { decodeUscc } from '../src/credit/uscc.ts';
import { resolveEnterprise } from './Query.ts';
import { recordOf, visibleEntries, type RecordListSpec } from './recordLists.ts';

const penaltyRecord = (p: Penalty): string => recordOf<Penalty>(p.department, 'ADMINISTRATIVE_PENALTY', (x) => x.id)(p);
const noMarket = { penalties: [], abnormalOperations: [], seriousViolations: [] };
const noCourt = { dishonestDebtor: [], enforcementCases: [], consumptionRestrictions: [] };

const MARKET_PENALTIES: RecordListSpec<Penalty> = { data: (penalties) => ({ market: { ...noMarket, penalties } }), recordId: penaltyRecord };
const ABNORMAL: RecordListSpec<MarketListing> = {
  data: (abnormalOperations) => ({ market: { ...noMarket, abnormalOperations } }),
  recordId: recordOf('MARKET', 'ABNORMAL_OPERATIONS', (l) => l.id),
};
const SERIOUS: RecordListSpec<MarketListing> = {
  data: (seriousViolations) => ({ market: { ...noMarket, seriousViolations } }),
  recordId: recordOf('MARKET', 'SERIOUS_VIOLATION', (l) => l.id),
};
const DISHONEST: RecordListSpec<DishonestDebtorEntry> = {
  data: (dishonestDebtor) => ({ judicial: { ...noCourt, dishonestDebtor } }),
  recordId: recordOf('COURT', 'DISHONEST_DEBTOR', (d) => d.caseCode),
};
const ENFORCED: RecordListSpec<EnforcementCase> = {
  data: (enforcementCases) => ({ judicial: { ...noCourt, enforcementCases } }),
  recordId: recordOf('COURT', 'ENFORCEMENT_CASE', (c) => c.caseCode),
};
const RESTRICTIONS: RecordListSpec<ConsumptionRestriction> = {
  data: (consumptionRestrictions) => ({ judicial: { ...noCourt, consumptionRestrictions } }),
  recordId: recordOf('COURT', 'CONSUMPTION_RESTRICTION', (r) => r.caseCode),
};
type ListEntry = CreditModel['lists'][number];
const LISTS: RecordListSpec<ListEntry> = {
  // Only the list entries themselves: commitments are not read here.
  data: () => ({}),
  recordId: (l) => (l.list === 'BLACK' ? recordOf<ListEntry>('CREDIT', 'BLACK_LIST', (x) => x.id)(l) : null),
  // A RED entry is no record; once removed it is history, the enterprise's alone (§3).
  stands: (l, today) => l.removedOn === null || l.removedOn > today,
};

export const MarketRecords: MarketRecordsResolvers = {
  penalties: async (p, _a, ctx) => visibleEntries(ctx, p.uscc, (await ctx.data.value('marketPenalties', p.uscc)) ?? [], MARKET_PENALTIES),
  abnormalOperations: async (p, _a, ctx) => visibleEntries(ctx, p.uscc, (await ctx.data.value('marketAbnormal', p.uscc)) ?? [], ABNORMAL),
  seriousViolations: async (p, _a, ctx) => visibleEntries(ctx, p.uscc, (await ctx.data.value('marketSerious', p.uscc)) ?? [], SERIOUS),
};

export const JudicialRecords: JudicialRecordsResolvers = {
  dishonestDebtor: async (p, _a, ctx) => visibleEntries(ctx, p.uscc, (await ctx.data.value('courtDishonest', p.uscc)) ?? [], DISHONEST),
  enforcementCases: async (p, _a, ctx) => visibleEntries(ctx, p.uscc, (await ctx.data.value('courtEnforced', p.uscc)) ?? [], ENFORCED),
  consumptionRestrictions: async (p, _a, ctx) => visibleEntries(ctx, p.uscc, (await ctx.data.value('courtRestrictions', p.uscc)) ?? [], RESTRICTIONS),
};

export const TaxProfile: TaxProfileResolvers = {
  aLevelTaxpayer: (p) => p.ratings[0]?.grade === 'A',
  penalties: (p, _a, ctx) => visibleEntries(ctx, p.owner, p.penalties, { data: () => ({ tax: p }), recordId: penaltyRecord }),
  majorCases: (p, _a, ctx) =>
    visibleEntries(ctx, p.owner, p.majorCases, { data: () => ({ tax: p }), recordId: recordOf<TaxModel['majorCases'][number]>('TAX', 'MAJOR_TAX_CASE', (c) => c.id) }),
};

export const EnvironmentProfile: EnvironmentProfileResolvers = {
  latestCard: (p) => p.ratings[0]?.card ?? null,
  penalties: (p, _a, ctx) => visibleEntries(ctx, p.owner, p.penalties, { data: () => ({ environment: p }), recordId: penaltyRecord }),
};

export const CreditPlatformRecords: CreditPlatformRecordsResolvers = {
  lists: (p, _a, ctx) => visibleEntries(ctx, p.owner, p.lists, LISTS),
};

export const EnterpriseSummary: EnterpriseSummaryResolvers = {
  // A search hit comes from the registry, so the registry knows it; if it vanished since, show the code alone.
  profile: async (p, _a, ctx) => (await resolveEnterprise(ctx, p.uscc)) ?? { uscc: p.uscc, decoded: decodeUscc(p.uscc) },
};
