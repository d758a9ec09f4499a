/** `Query.myConsents`: an enterprise's consents, all of them (audited). */
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { actingEnterprise } from '../shared/actingEnterprise.ts';

export const myConsents: QueryResolvers['myConsents'] = async (_p, _a, ctx) => {
  const uscc = actingEnterprise(ctx);
  ctx.audit.noteRead(uscc, 'Query.myConsents');
  return ctx.credit.listConsents({ uscc, all: true });
};
