/** `Query.riskAlerts`: the enterprises with alerts (domain.md §7), from the city ledger, or by a sweep of the registry without one. */
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import { regionOf, withinRegion } from '../../src/auth/audience.ts';
import type { AlertKind } from '../../src/credit/alerts.ts';
import { decodeUscc } from '../../src/credit/uscc.ts';
import { GatewayError, GatewayErrorCode, sourceUnavailable } from '../../src/errors.ts';
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { SWEEP_SCAN_PER_PAGE } from '../../src/server/departmentCost.ts';
import type { GatewayContext } from '../../src/context.ts';
import { decodeCursor, decodeKey, encodeCursor, encodeKey } from '../shared/cursor.ts';
import { withLedger } from '../shared/ledger.ts';
import type { RiskAlertEdgeParent } from '../shared/parents.ts';

const REGISTRY_PAGE = 50;

const ALERT_KINDS: AlertKind[] = ['FREQUENT_IN_DOMAIN', 'MULTI_DOMAIN', 'GRADE_DROP'];

/**
 * With the city ledger: the enterprises whose latest complete assessment carries the alert, from
 * the ledger (no registry walk), their alerts evaluated live for the page; cursors are keyset ones.
 */
async function fromLedger(
  ctx: GatewayContext,
  kind: AlertKind | null,
  want: number,
  after: string | null | undefined,
) {
  const page = await withLedger(ctx, (l) =>
    l.roster(
      { alertKinds: kind ? [kind] : ALERT_KINDS, regionPrefix: regionOf(ctx.principal) },
      want,
      decodeKey(after),
    ),
  );
  const lists = await Promise.all(page.rows.map((r) => ctx.data.alerts(r.uscc)));
  const edges: RiskAlertEdgeParent[] = page.rows.map((r, k) => {
    // The sweep reveals this enterprise's alerts: the audit entry names it (domain.md §8).
    ctx.audit.noteRead(r.uscc, 'Query.riskAlerts');
    return {
      cursor: encodeKey(r.uscc),
      node: { uscc: r.uscc, decoded: decodeUscc(r.uscc) },
      alerts: lists[k]!.filter((a) => !kind || a.kind === kind),
    };
  });
  return {
    edges,
    scanned: page.rows.length,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

export const riskAlerts: QueryResolvers['riskAlerts'] = async (_p, { kind, first, after }, ctx) => {
  const want = first ?? 20;
  if (want < 1 || want > 50)
    throw new GatewayError('first must be 1 to 50', GatewayErrorCode.BAD_USER_INPUT, { argument: 'first' });
  if (ctx.ledger) return fromLedger(ctx, (kind as AlertKind | null | undefined) ?? null, want, after);
  // Without a ledger: the sweep of the registry, a page of at most SWEEP_SCAN_PER_PAGE enterprises.
  let offset = decodeCursor('r', after);
  const edges: RiskAlertEdgeParent[] = [];
  let scanned = 0;
  let total = Infinity;
  try {
    while (edges.length < want && scanned < SWEEP_SCAN_PER_PAGE && offset < total) {
      const page = await ctx.search.search('', Math.floor(offset / REGISTRY_PAGE) + 1, REGISTRY_PAGE);
      total = page.total;
      const items = page.items.slice(offset % REGISTRY_PAGE);
      if (items.length === 0) break;
      // A registry page's enterprises are evaluated together: one batch per department.
      const alertLists = await Promise.all(items.map((i) => ctx.data.alerts(i.uscc)));
      for (let k = 0; k < items.length && edges.length < want; k++) {
        offset++;
        scanned++;
        const alerts = alertLists[k]!.filter((a) => !kind || a.kind === (kind as AlertKind));
        // A regional regulator's sweep keeps to its region (src/auth/audience.ts).
        if (alerts.length && withinRegion(ctx.principal, items[k]!.uscc)) {
          const uscc = items[k]!.uscc;
          // The sweep reveals this enterprise's alerts: the audit entry names it (domain.md §8).
          ctx.audit.noteRead(uscc, 'Query.riskAlerts');
          edges.push({
            cursor: encodeCursor('r', offset),
            node: { uscc, decoded: decodeUscc(uscc) },
            alerts,
          });
        }
      }
    }
  } catch (err) {
    if (err instanceof DepartmentError) throw sourceUnavailable('MARKET');
    throw err;
  }
  return { edges, scanned, pageInfo: { hasNextPage: offset < total, endCursor: encodeCursor('r', offset) } };
};
