/** Court lists, each through the one audience rule for records (shared/recordLists.ts). */
import type { JudicialRecordsResolvers } from '../src/generated/graphql.ts';
import type {
  ConsumptionRestriction,
  DishonestDebtorEntry,
  EnforcementCase,
} from '../src/model/unifiedModel.ts';
import { recordOf, visibleEntries, type RecordListSpec } from './shared/recordLists.ts';

const noCourt = { dishonestDebtor: [], enforcementCases: [], consumptionRestrictions: [] };
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

export const JudicialRecords: JudicialRecordsResolvers = {
  dishonestDebtor: async (p, _a, ctx) =>
    visibleEntries(ctx, p.uscc, (await ctx.data.value('courtDishonest', p.uscc)) ?? [], DISHONEST),
  enforcementCases: async (p, _a, ctx) =>
    visibleEntries(ctx, p.uscc, (await ctx.data.value('courtEnforced', p.uscc)) ?? [], ENFORCED),
  consumptionRestrictions: async (p, _a, ctx) =>
    visibleEntries(ctx, p.uscc, (await ctx.data.value('courtRestrictions', p.uscc)) ?? [], RESTRICTIONS),
};
