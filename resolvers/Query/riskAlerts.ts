/** `Query.riskAlerts`: the enterprises with alerts (docs/rules.md "Supervision and alerts"), from the city ledger, or by a sweep of the registry without one. */
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import { readsAlertBasis, regionOf, withinRegion } from '../../src/auth/audience.ts';
import {
  alertRecipients,
  CROSS_DOMAIN_RECEIVER,
  type AlertKind,
  type RiskAlert,
} from '../../src/credit/alerts.ts';
import { decodeUscc } from '../../src/credit/uscc.ts';
import { GatewayError, GatewayErrorCode, sourceUnavailable } from '../../src/errors.ts';
import type { QueryResolvers } from '../../src/generated/graphql.ts';
import { SWEEP_SCAN_PER_PAGE } from '../../src/server/departmentCost.ts';
import type { GatewayContext } from '../../src/context.ts';
import { decodeCursor, decodeKey, encodeCursor, encodeKey } from '../shared/cursor.ts';
import { badInput, ownDepartmentList } from '../shared/input.ts';
import { withLedger } from '../shared/ledger.ts';
import type { RiskAlertEdgeParent } from '../shared/parents.ts';
import { traitsOf } from '../../src/auth/roles.ts';

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
  department: string | null,
) {
  const kinds = kind ? [kind] : ALERT_KINDS;
  const regionPrefix = regionOf(ctx.principal);
  // A department's list: enterprises with its records in force, and for market regulation every
  // cross-domain alert too (as their 通报 events go: alertRecipients) — two keyset scans merged.
  const filters = !department
    ? [{ alertKinds: kinds, regionPrefix }]
    : [
        { alertKinds: kinds, regionPrefix, departments: [department] },
        ...(department === CROSS_DOMAIN_RECEIVER && kinds.includes('MULTI_DOMAIN')
          ? [{ alertKinds: ['MULTI_DOMAIN' as AlertKind], regionPrefix }]
          : []),
      ];
  const pages = await withLedger(ctx, (l) =>
    Promise.all(filters.map((f) => l.roster(f, want, decodeKey(after)))),
  );
  const merged = [...new Map(pages.flatMap((p) => p.rows).map((r) => [r.uscc, r])).values()].sort((a, b) =>
    a.uscc < b.uscc ? -1 : 1,
  );
  const page = {
    rows: merged.slice(0, want),
    hasNextPage: merged.length > want || pages.some((p) => p.hasNextPage),
  };
  const lists = await Promise.all(
    page.rows.map(async (r) => {
      const alerts = await ctx.data.alerts(r.uscc);
      return department
        ? alerts.filter((a) => alertRecipients(a.kind, r.departments).includes(department))
        : alerts;
    }),
  );
  const edges: RiskAlertEdgeParent[] = page.rows.map((r, k) => {
    // The sweep reveals this enterprise's alerts: the audit entry names it (docs/access.md).
    ctx.audit.noteRead(r.uscc, 'Query.riskAlerts');
    return {
      cursor: encodeKey(r.uscc),
      node: { uscc: r.uscc, decoded: decodeUscc(r.uscc) },
      alerts: lists[k]!.filter((a) => !kind || a.kind === kind).map((a) => basisFor(ctx, a)),
    };
  });
  return {
    edges,
    scanned: page.rows.length,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** An alert as its reader may see it: the records behind it cut as its 通报 events cut them. */
function basisFor(ctx: GatewayContext, a: RiskAlert): RiskAlert {
  const records = a.records.filter((r) =>
    readsAlertBasis(ctx.principal, { department: r.department, published: r.publicity.published }),
  );
  return records.length === a.records.length ? a : { ...a, records };
}

export const riskAlerts: QueryResolvers['riskAlerts'] = async (
  _p,
  { kind, first, after, department },
  ctx,
) => {
  const want = first ?? 20;
  if (want < 1 || want > 50)
    throw new GatewayError('first must be 1 to 50', GatewayErrorCode.BAD_USER_INPUT, { argument: 'first' });
  // A department lists its own alerts (通报), from the ledger: a sweep of the city is a regulator's.
  if (traitsOf(ctx.principal).token === 'department' && !department)
    throw badInput('department', 'a department system lists its own alerts: name the department');
  if (department) {
    ownDepartmentList(ctx, department);
    if (!ctx.ledger)
      throw new GatewayError(
        "a department's alerts are read from the city ledger, which this deployment does not keep",
        GatewayErrorCode.LEDGER_UNAVAILABLE,
      );
  }
  if (ctx.ledger)
    return fromLedger(ctx, (kind as AlertKind | null | undefined) ?? null, want, after, department ?? null);
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
          // The sweep reveals this enterprise's alerts: the audit entry names it (docs/access.md).
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
