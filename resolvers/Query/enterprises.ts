/** `Query.enterprises`: up to 100 enterprises, each department asked in its batch size. */
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { sourcesFor } from '../../src/loading/selectionSources.ts';
import type { EnterpriseParent } from '../shared/parents.ts';
import { resolveEnterprise } from '../shared/resolveEnterprise.ts';

/** The most codes one `enterprises` call takes. */
export const MAX_BATCH = 100;

export const enterprises: QueryResolvers['enterprises'] = (_p, { usccs }, ctx, info) => {
  if (usccs.length > MAX_BATCH)
    throw new GatewayError(`at most ${MAX_BATCH} codes per call`, GatewayErrorCode.BAD_USER_INPUT, {
      argument: 'usccs',
    });
  // A list of promises: graphql-js settles each item on its own, so one bad code is an error at its
  // index (…enterprises[3]) while the other 99 are served. The generated type knows only plain lists.
  const sources = sourcesFor(info);
  for (const u of usccs) ctx.data.prefetch(u, sources);
  return usccs.map((u) => resolveEnterprise(ctx, u)) as unknown as Array<EnterpriseParent | null>;
};
