/** Credit decisions: evaluation, supervision, alerts and the approval check (domain.md §4–§7). */
import { decodeUscc } from '../src/credit/uscc.ts';
import type { AlertKind } from '../src/credit/alerts.ts';
import { DepartmentError } from '../connectors/shared/DepartmentError.ts';
import { GatewayError, GatewayErrorCode, sourceUnavailable } from '../src/errors.ts';
import type { CreditCheckResolvers, EvaluationResolvers, MeasureResolvers, QueryResolvers } from '../src/generated/graphql.ts';
import type { RiskAlertEdgeParent } from './parents.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { sourcesFor } from '../src/loading/selectionSources.ts';
import { resolveEnterprise } from './Query.ts';

/** The regulator's sweep examines at most this many enterprises per page. */
export const MAX_SCAN_PER_PAGE = 500;
const REGISTRY_PAGE = 50;

export const Evaluation: EvaluationResolvers = {
  complete: (e) => e.missingDepartments.length === 0,
};

export const CreditCheck: CreditCheckResolvers = {
  uscc: (c) => c.uscc,
  name: (c) => c.profile.loaded.data.registration?.name ?? null,
  matter: (c) => c.result.matter,
  verdict: (c) => c.result.verdict,
  measures: (c) => c.result.measures,
  reasons: (c) => c.result.reasons,
  basis: (c) => ({ evaluation: c.profile.evaluation, records: c.result.records.length ? c.result.records : c.profile.evaluation.basis.records }),
  sources: (c) => c.profile.loaded.sources,
  complete: (c) => c.profile.loaded.missing.length === 0,
  stale: (c) => c.profile.loaded.sources.some((s) => s.status === 'STALE'),
};

export const decisionQueries: Pick<QueryResolvers, 'creditCheck' | 'riskAlerts'> = {
  creditCheck: async (_p, { uscc, matter }, ctx, info) => {
    ctx.data.prefetch(uscc, sourcesFor(info, true));
    const parent = await resolveEnterprise(ctx, uscc);
    if (!parent) return null;
    const profile = await ctx.data.assessment(uscc);
    return { uscc, result: profile.check(matter), profile };
  },

  riskAlerts: async (_p, { kind, first, after }, ctx) => {
    const want = first ?? 20;
    if (want < 1 || want > 50) throw new GatewayError('first must be 1 to 50', GatewayErrorCode.BAD_USER_INPUT, { argument: 'first' });
    let offset = decodeCursor('r', after);
    const edges: RiskAlertEdgeParent[] = [];
    let scanned = 0;
    let total = Infinity;
    try {
      while (edges.length < want && scanned < MAX_SCAN_PER_PAGE && offset < total) {
        const page = await ctx.search.search('', Math.floor(offset / REGISTRY_PAGE) + 1, REGISTRY_PAGE);
        total = page.total;
        const items = page.items.slice(offset % REGISTRY_PAGE);
        if (items.length === 0) break;
        // A registry page's enterprises are evaluated together: one batch per department.
        const profiles = await Promise.all(items.map((i) => ctx.data.alerts(i.uscc)));
        for (let k = 0; k < items.length && edges.length < want; k++) {
          offset++;
          scanned++;
          const alerts = profiles[k]!.filter((a) => !kind || a.kind === (kind as AlertKind));
          if (alerts.length) {
            const uscc = items[k]!.uscc;
            // The sweep reveals this enterprise's alerts: the audit entry names it (domain.md §8).
            ctx.audit.noteRead(uscc, 'Query.riskAlerts');
            edges.push({ cursor: encodeCursor('r', offset), node: { uscc, decoded: decodeUscc(uscc) }, alerts });
          }
        }
      }
    } catch (err) {
      if (err instanceof DepartmentError) throw sourceUnavailable('MARKET');
      throw err;
    }
    const endCursor = encodeCursor('r', offset);
    return { edges, scanned, pageInfo: { hasNextPage: offset < total, endCursor } };
  },
};

export const Measure: MeasureResolvers = {
  recordIds: (m) => m.records.map((r) => r.id),
};
