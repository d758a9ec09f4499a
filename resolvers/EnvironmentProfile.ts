/** Ecology and environment data; its penalties through the one audience rule for records. */
import type { EnvironmentProfileResolvers } from '../src/generated/graphql.ts';
import { penaltyRecord, visibleEntries } from './shared/recordLists.ts';

export const EnvironmentProfile: EnvironmentProfileResolvers = {
  latestCard: (p) => p.ratings[0]?.card ?? null,
  penalties: (p, _a, ctx) =>
    visibleEntries(ctx, p.owner, p.penalties, { data: () => ({ environment: p }), recordId: penaltyRecord }),
};
