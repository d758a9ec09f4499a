/** The `recordRef`s (connectors/credit/wire.ts: `<department>:<record id>`) an enterprise's records answer to. */
import type { WorldEnterprise } from './schema.ts';

/** Every record reference of an enterprise (listings without a number have none). */
export function recordRefsOf(e: WorldEnterprise): string[] {
  return [
    ...e.tax.penalties.map((p) => `tax:${p.id}`),
    ...e.tax.majorCases.map((c) => `tax:${c.id}`),
    ...e.market.penalties.map((p) => `market:${p.id}`),
    ...e.environment.penalties.map((p) => `environment:${p.id}`),
    ...e.court.dishonest.map((d) => `court:${d.caseCode}`),
    ...e.court.enforced.map((d) => `court:${d.caseCode}`),
    ...e.court.restrictions.map((d) => `court:${d.caseCode}`),
    ...e.credit.lists.map((l) => `credit:${l.id}`),
  ];
}
