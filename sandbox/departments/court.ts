/** The courts (connectors/court/wire.ts): three lists, batches of at most 20, `2023年03月05日` dates. */
import { COURT_BATCH_LIMIT, type CourtList } from '../../connectors/court/wire.ts';
import type { DepartmentDefinition } from '../departmentServer.ts';
import { json, type Route } from '../http.ts';
import type { World } from '../world/World.ts';
import type { WorldEnterprise } from '../world/schema.ts';

/** `2023-03-05` → `2023年03月05日`. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${m}月${d}日`;
}

const ITEMS: Record<CourtList, (e: WorldEnterprise) => unknown[]> = {
  dishonest: (e) =>
    e.court.dishonest.map((d) => ({
      caseCode: d.caseCode,
      courtName: d.court,
      publishDate: chineseDate(d.publishedAt),
      performance: d.performance,
      duty: d.duty,
      disruptTypeName: d.situation,
      status: d.removedAt ? '已移除' : '在列',
      removeDate: d.removedAt ? chineseDate(d.removedAt) : null,
    })),
  enforced: (e) =>
    e.court.enforced.map((x) => ({
      caseCode: x.caseCode,
      courtName: x.court,
      filingDate: chineseDate(x.filedAt),
      execMoney: Number(x.amount),
    })),
  restrictions: (e) =>
    e.court.restrictions.map((x) => ({
      caseCode: x.caseCode,
      courtName: x.court,
      issueDate: chineseDate(x.issuedAt),
    })),
};

/** The courts over a world. */
export function courtDepartment(world: World): DepartmentDefinition {
  const routes: Route[] = (Object.keys(ITEMS) as CourtList[]).map((list) => ({
    method: 'GET',
    pattern: new RegExp(`^/court/api/${list}$`),
    key: `GET /court/api/${list}`,
    handle: ({ query }) => {
      const ids = (query.get('ids') ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length === 0) return json(200, { success: false, error: '缺少参数ids' });
      if (ids.length > COURT_BATCH_LIMIT)
        return json(200, { success: false, error: `ids数量不得超过${COURT_BATCH_LIMIT}` });
      // The courts search their own records: a code they hold nothing for is answered with no items.
      const result = ids.map((id) => {
        const e = world.get(id);
        return { id, items: e ? ITEMS[list](e) : [] };
      });
      return json(200, { success: true, result });
    },
  }));
  return {
    name: 'court',
    routes,
    errorReply: () => json(200, { success: false, error: '系统繁忙' }),
    notFoundReply: () => json(404, { success: false, error: 'not found' }),
    unauthorizedReply: () => json(401, { success: false, error: 'unauthorized' }),
  };
}
