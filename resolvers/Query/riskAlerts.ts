/** `Query.riskAlerts`: the regulator's sweep of the registry for enterprises with alerts (domain.md §7). */
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import type { AlertKind } from '../../src/credit/alerts.ts';
import { decodeUscc } from '../../src/credit/uscc.ts';
import { GatewayError, GatewayErrorCode, sourceUnavailable } from '../../src/errors.ts';
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { SWEEP_SCAN_PER_PAGE } from '../../src/server/departmentCost.ts';
import { decodeCursor, encodeCursor } from '../shared/cursor.ts';
import type { RiskAlertEdgeParent } from '../shared/parents.ts';

const REGISTRY_PAGE = 50;

export const riskAlerts: QueryResolvers['riskAlerts'] = async (_p, { kind, first, after }, ctx) => {
  const want = first ?? 20;
  if (want < 1 || want > 50)
    throw new GatewayError('first must be 1 to 50', GatewayErrorCode.BAD_USER_INPUT, { argument: 'first' });
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
        if (alerts.length) {
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
