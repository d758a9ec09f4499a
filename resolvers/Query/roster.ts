/** `Query.roster`: the city's roster from the ledger (docs/rules.md "Supervision and alerts"), keyset-paged, with counts per tier. */
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { decodeKey, encodeKey } from '../shared/cursor.ts';
import { checkFilter, withLedger } from '../shared/ledger.ts';

export const roster: QueryResolvers['roster'] = async (_p, { filter, first, after }, ctx) => {
  const size = first ?? 50;
  if (size < 1 || size > 100)
    throw new GatewayError('first must be 1 to 100', GatewayErrorCode.BAD_USER_INPUT, { argument: 'first' });
  const f = checkFilter(ctx, filter);
  const from = decodeKey(after);
  const [page, coverage] = await withLedger(ctx, (l) =>
    Promise.all([l.roster(f, size, from), l.coverage(new Date(ctx.now()))]),
  );
  // Grades and tiers beyond the public view: the page's enterprises are named in the audit entry.
  for (const row of page.rows) ctx.audit.noteRead(row.uscc, 'Query.roster');
  const edges = page.rows.map((node) => ({ cursor: encodeKey(node.uscc), node }));
  return {
    totalCount: page.totalCount,
    counts: page.counts,
    gradeCounts: page.gradeCounts,
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    snapshot: page.snapshot,
    coverage,
  };
};
