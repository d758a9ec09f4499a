/** The tax system (connectors/tax/wire.ts): one batch endpoint, HTTP 200 with `code` on every processed request. */
import { TAX_BATCH_LIMIT, type TaxRecordWire } from '../../connectors/tax/wire.ts';
import type { DepartmentDefinition } from '../departmentServer.ts';
import { json, parseJson } from '../http.ts';
import type { World } from '../world/World.ts';
import type { WorldEnterprise } from '../world/schema.ts';

/** The tax record of one enterprise, as the tax system writes it. */
export function toTaxWire(e: WorldEnterprise): TaxRecordWire {
  return {
    nsrsbh: e.uscc,
    nsrmc: e.name,
    nsxydj: [...e.tax.ratings]
      .sort((a, b) => b.year - a.year)
      .map((r) => ({ pjnd: String(r.year), dj: r.grade })),
    qsje: e.tax.arrears,
    fzchbs: e.tax.abnormal ? 'Y' : 'N',
    zdsswfaj: e.tax.majorCases.map((c) => ({
      ajbh: c.id,
      wfss: c.fact,
      lrrq: c.listedAt,
      ycrq: c.removedAt,
    })),
    nsje: e.tax.paid.map((p) => ({ nd: String(p.year), je: p.amount })),
    // The tax system joins several penalty kinds with an ASCII comma.
    cfxx: e.tax.penalties.map((p) => ({
      cfjdswh: p.id,
      cfrq: p.date,
      cfzl: p.kinds.join(','),
      fkje: p.amount,
      wfxw: p.fact,
    })),
  };
}

const PARAM_ERROR = { code: 'E101', msg: '参数错误' };

/** The tax department over a world. */
export function taxDepartment(world: World): DepartmentDefinition {
  return {
    name: 'tax',
    routes: [
      {
        method: 'POST',
        pattern: /^\/api\/v1\/nsxy\/batch$/,
        key: 'POST /api/v1/nsxy/batch',
        handle: ({ body }) => {
          const req = parseJson(body) as { nsrsbhList?: unknown } | undefined;
          const list = req?.nsrsbhList;
          if (
            !Array.isArray(list) ||
            list.length === 0 ||
            list.length > TAX_BATCH_LIMIT ||
            !list.every((c) => typeof c === 'string')
          ) {
            return json(200, PARAM_ERROR);
          }
          const data = (list as string[]).flatMap((c) => {
            const e = world.get(c);
            return e ? [toTaxWire(e)] : [];
          });
          return json(200, { code: '0000', msg: '成功', data });
        },
      },
    ],
    errorReply: () => json(200, { code: 'E999', msg: '系统繁忙，请稍后再试' }),
    notFoundReply: () => json(404, { code: 'E404', msg: '接口不存在' }),
    unauthorizedReply: () => json(401, { code: 'E401', msg: '应用密钥无效' }),
  };
}
