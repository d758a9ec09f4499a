/** `Query.creditCheck`: the approval clerk's one call (docs/rules.md "Approval checks"). */
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { sourcesFor } from '../../src/loading/selectionSources.ts';
import { affirmativeCheck } from '../shared/affirmativeCheck.ts';
import { resolveEnterprise } from '../shared/resolveEnterprise.ts';

export const creditCheck: QueryResolvers['creditCheck'] = async (_p, { uscc, matter }, ctx, info) => {
  ctx.data.prefetch(uscc, sourcesFor(info, true));
  const parent = await resolveEnterprise(ctx, uscc);
  if (!parent) return null;
  return affirmativeCheck(ctx, uscc, matter, await ctx.data.assessment(uscc));
};
