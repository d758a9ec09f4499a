/** `Query.searchEnterprises`: market regulation's keyword search, Relay-paged across its pages. */
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import { GatewayError, GatewayErrorCode, sourceUnavailable } from '../../src/errors.ts';
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';

/** Market regulation's page size. */
const PAGE = 50;
/** The longest search keyword (an enterprise name is far shorter). */
export const MAX_KEYWORD_LENGTH = 100;

export const searchEnterprises: QueryResolvers['searchEnterprises'] = async (
  _p,
  { keyword, first, after },
  ctx,
) => {
  const size = first ?? 20;
  // Every client-supplied bound is checked before market regulation is called.
  if (size < 1 || size > PAGE)
    throw new GatewayError(`first must be 1 to ${PAGE}`, GatewayErrorCode.BAD_USER_INPUT, {
      argument: 'first',
    });
  if (keyword.length > MAX_KEYWORD_LENGTH) {
    throw new GatewayError(
      `keyword must be at most ${MAX_KEYWORD_LENGTH} characters`,
      GatewayErrorCode.BAD_USER_INPUT,
      { argument: 'keyword' },
    );
  }
  const offset = decodeCursor('o', after);
  // Market regulation pages by 50; a window that straddles two of its pages takes both.
  const firstPage = Math.floor(offset / PAGE) + 1;
  const lastPage = Math.floor((offset + size - 1) / PAGE) + 1;
  let total = 0;
  const hits: Array<{ uscc: string; name: string }> = [];
  try {
    for (let p = firstPage; p <= lastPage; p++) {
      const page = await ctx.search.search(keyword.trim(), p, PAGE);
      total = page.total;
      hits.push(...page.items);
      if (page.items.length < PAGE) break;
    }
  } catch (err) {
    if (err instanceof DepartmentError) throw sourceUnavailable('MARKET');
    throw err;
  }
  const start = offset - (firstPage - 1) * PAGE;
  const edges = hits
    .slice(start, start + size)
    .map((node, k) => ({ cursor: encodeCursor('o', offset + k + 1), node }));
  return {
    edges,
    totalCount: total,
    pageInfo: { hasNextPage: offset + edges.length < total, endCursor: edges.at(-1)?.cursor ?? null },
  };
};
