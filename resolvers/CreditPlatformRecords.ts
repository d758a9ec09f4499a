/** The credit platform's records; its lists through the one audience rule for records. */
import type { CommitmentResolvers, CreditPlatformRecordsResolvers } from '../src/generated/graphql.ts';
import type { CreditPlatformRecords as CreditModel } from '../src/model/unifiedModel.ts';
import { recordOf, visibleEntries, type RecordListSpec } from './shared/recordLists.ts';

type ListEntry = CreditModel['lists'][number];
const LISTS: RecordListSpec<ListEntry> = {
  // Only the list entries themselves: commitments are not read here.
  data: () => ({}),
  recordId: (l) => (l.list === 'BLACK' ? recordOf<ListEntry>('CREDIT', 'BLACK_LIST', (x) => x.id)(l) : null),
  // A RED entry is no record; once removed it is history, the enterprise's alone (docs/rules.md "Publicity and repair").
  stands: (l, today) => l.removedOn === null || l.removedOn > today,
};

export const CreditPlatformRecords: CreditPlatformRecordsResolvers = {
  lists: (p, _a, ctx) => visibleEntries(ctx, p.owner, p.lists, LISTS),
};

/** A commitment; overdue when still PENDING past its due date (docs/rules.md "Approval checks"). */
export const Commitment: CommitmentResolvers = {
  dueOn: (c) => c.dueOn ?? null,
  overdue: (c, _a, ctx) => c.status === 'PENDING' && c.dueOn !== null && c.dueOn < ctx.today,
};
