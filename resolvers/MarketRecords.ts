/** Market-regulation lists, each through the one audience rule for records (shared/recordLists.ts). */
import type { MarketRecordsResolvers } from '../src/generated/graphql.ts';
import type { MarketListing, Penalty } from '../src/model/unifiedModel.ts';
import { penaltyRecord, recordOf, visibleEntries, type RecordListSpec } from './shared/recordLists.ts';

const noMarket = { penalties: [], abnormalOperations: [], seriousViolations: [] };
const PENALTIES: RecordListSpec<Penalty> = {
  data: (penalties) => ({ market: { ...noMarket, penalties } }),
  recordId: penaltyRecord,
};
const ABNORMAL: RecordListSpec<MarketListing> = {
  data: (abnormalOperations) => ({ market: { ...noMarket, abnormalOperations } }),
  recordId: recordOf('MARKET', 'ABNORMAL_OPERATIONS', (l) => l.id),
};
const SERIOUS: RecordListSpec<MarketListing> = {
  data: (seriousViolations) => ({ market: { ...noMarket, seriousViolations } }),
  recordId: recordOf('MARKET', 'SERIOUS_VIOLATION', (l) => l.id),
};

export const MarketRecords: MarketRecordsResolvers = {
  penalties: async (p, _a, ctx) =>
    visibleEntries(ctx, p.uscc, (await ctx.data.value('marketPenalties', p.uscc)) ?? [], PENALTIES),
  abnormalOperations: async (p, _a, ctx) =>
    visibleEntries(ctx, p.uscc, (await ctx.data.value('marketAbnormal', p.uscc)) ?? [], ABNORMAL),
  seriousViolations: async (p, _a, ctx) =>
    visibleEntries(ctx, p.uscc, (await ctx.data.value('marketSerious', p.uscc)) ?? [], SERIOUS),
};
