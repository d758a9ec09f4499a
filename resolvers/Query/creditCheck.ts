/** `Query.creditCheck`: the approval clerk's one call (domain.md §6). */
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { sourcesFor } from '../../src/loading/selectionSources.ts';
import { resolveEnterprise } from '../shared/resolveEnterprise.ts';

export const creditCheck: QueryResolvers['creditCheck'] = async (_p, { uscc, matter }, ctx, info) => {
  ctx.data.prefetch(uscc, sourcesFor(info, true));
  const parent = await resolveEnterprise(ctx, uscc);
  if (!parent) return null;
  const profile = await ctx.data.assessment(uscc);
  return { uscc, result: profile.check(matter), profile };
};
