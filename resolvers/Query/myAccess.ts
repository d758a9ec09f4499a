/** `Query.myAccess`: the caller itself. */
import type { QueryResolvers } from '../../src/generated/graphql.ts';

export const myAccess: QueryResolvers['myAccess'] = (_p, _a, ctx) => ctx.principal;
