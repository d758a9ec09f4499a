/** Tax data; its penalties and major cases through the one audience rule for records (shared/recordLists.ts). */
import type { TaxProfileResolvers } from '../src/generated/graphql.ts';
import type { TaxProfile as TaxModel } from '../src/model/unifiedModel.ts';
import { penaltyRecord, recordOf, visibleEntries } from './shared/recordLists.ts';

export const TaxProfile: TaxProfileResolvers = {
  aLevelTaxpayer: (p) => p.ratings[0]?.grade === 'A',
  penalties: (p, _a, ctx) =>
    visibleEntries(ctx, p.owner, p.penalties, { data: () => ({ tax: p }), recordId: penaltyRecord }),
  majorCases: (p, _a, ctx) =>
    visibleEntries(ctx, p.owner, p.majorCases, {
      data: () => ({ tax: p }),
      recordId: recordOf<TaxModel['majorCases'][number]>('TAX', 'MAJOR_TAX_CASE', (c) => c.id),
    }),
};
