/** `Query.enterprise`: one enterprise, its department loads started with the registry lookup. */
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { sourcesFor } from '../../src/loading/selectionSources.ts';
import { resolveEnterprise } from '../shared/resolveEnterprise.ts';

export const enterprise: QueryResolvers['enterprise'] = (_p, { uscc }, ctx, info) => {
  ctx.data.prefetch(uscc, sourcesFor(info));
  return resolveEnterprise(ctx, uscc);
};
