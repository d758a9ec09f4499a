/** Root queries: one enterprise, a batch of up to 100, and search. */
import { DepartmentError } from '../connectors/shared/DepartmentError.ts';
import { decodeUscc } from '../src/credit/uscc.ts';
import type { GatewayContext } from '../src/context.ts';
import { GatewayError, GatewayErrorCode, sourceUnavailable } from '../src/errors.ts';
import type { QueryResolvers } from '../src/generated/graphql.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import type { EnterpriseParent } from './parents.ts';
import { sourcesFor } from '../src/loading/selectionSources.ts';

/** The most codes one `enterprises` call takes. */
export const MAX_BATCH = 100;
const PAGE = 50;

/**
 * domain.md §1: a code whose check character fails is served when the registry knows it
 * (`checksumValid: false`), and refused as `USCC_CHECKSUM` when it does not (a typo).
 * A code no registry knows is null.
 */
export async function resolveEnterprise(ctx: GatewayContext, uscc: string): Promise<EnterpriseParent | null> {
  const decoded = decodeUscc(uscc);
  const reg = await ctx.data.settled('registration', uscc);
  if (reg instanceof DepartmentError) {
    // Without the registry a typo cannot be told from a pilot-region code: say which department is missing.
    if (!decoded.checksumValid) throw sourceUnavailable('MARKET');
    return { uscc, decoded };
  }
  if (reg.value === null) {
    if (!decoded.checksumValid) {
      throw new GatewayError('the check character (position 18) is wrong and no registry knows this code', GatewayErrorCode.USCC_CHECKSUM, { position: 18 });
    }
    return null;
  }
  return { uscc, decoded };
}

/** The longest search keyword (an enterprise name is far shorter). */
export const MAX_KEYWORD_LENGTH = 100;

export const Query: QueryResolvers = {
  enterprise: (_p, { uscc }, ctx, info) => {
    ctx.data.prefetch(uscc, sourcesFor(info));
    return resolveEnterprise(ctx, uscc);
  },

  enterprises: (_p, { usccs }, ctx, info) => {
    if (usccs.length > MAX_BATCH) throw new GatewayError(`at most ${MAX_BATCH} codes per call`, GatewayErrorCode.BAD_USER_INPUT);
    // A list of promises: graphql-js settles each item on its own, so one bad code is an error at its
    // index (…enterprises[3]) while the other 99 are served. The generated type knows only plain lists.
    const sources = sourcesFor(info);
    for (const u of usccs) ctx.data.prefetch(u, sources);
    return usccs.map((u) => resolveEnterprise(ctx, u)) as unknown as Array<EnterpriseParent | null>;
  },

  searchEnterprises: async (_p, { keyword, first, after }, ctx) => {
    const size = first ?? 20;
    // Every client-supplied bound is checked before market regulation is called.
    if (size < 1 || size > PAGE) throw new GatewayError(`first must be 1 to ${PAGE}`, GatewayErrorCode.BAD_USER_INPUT, { argument: 'first' });
    if (keyword.length > MAX_KEYWORD_LENGTH) {
      throw new GatewayError(`keyword must be at most ${MAX_KEYWORD_LENGTH} characters`, GatewayErrorCode.BAD_USER_INPUT, { argument: 'keyword' });
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
    const edges = hits.slice(start, start + size).map((node, k) => ({ cursor: encodeCursor('o', offset + k + 1), node }));
    return {
      edges,
      totalCount: total,
      pageInfo: { hasNextPage: offset + edges.length < total, endCursor: edges.at(-1)?.cursor ?? null },
    };
  },
};
