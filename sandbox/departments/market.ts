/** Market regulation (connectors/market/wire.ts): per-enterprise REST, paged lists, `、`-joined penalty types. */
import {
  MARKET_PAGE_LIMIT,
  type MarketEntityWire,
  type MarketListingWire,
  type MarketPenaltyWire,
} from '../../connectors/market/wire.ts';
import type { DepartmentDefinition } from '../departmentServer.ts';
import { json, type Reply } from '../http.ts';
import type { World } from '../world/World.ts';
import type { WorldEnterprise, WorldListing } from '../world/schema.ts';

/** The registration record as market regulation writes it. */
export function toMarketEntity(e: WorldEnterprise): MarketEntityWire {
  return {
    entName: e.name,
    uscc: e.uscc,
    legalRep: { ...e.legalRep },
    entType: e.entType,
    regStatus: e.regStatus,
    estDate: e.estDate,
    regCap: e.regCap,
    regOrg: e.regOrg,
    dom: e.address,
    opScope: e.scope,
    industryCode: e.industry,
    apprDate: e.approvedOn,
  };
}

function toPenalty(e: WorldEnterprise, p: WorldEnterprise['market']['penalties'][number]): MarketPenaltyWire {
  return {
    penDecNo: p.id,
    illegActType: p.fact,
    penType: p.kinds.join('、'),
    penAm: p.amount,
    penDecIssDate: p.date,
    penAuth: e.regOrg,
    penContent: `${p.kinds.join('、')}${p.amount ? `，罚没款${p.amount}元` : ''}`,
  };
}

function toListing(l: WorldListing): MarketListingWire {
  return {
    speCause: l.reason,
    abntime: l.listedAt,
    decOrg: l.authority,
    remExcpRes: l.removedAt ? '已履行相关义务，申请移出' : null,
    remDate: l.removedAt,
  };
}

function paging(query: URLSearchParams): { page: number; size: number } | null {
  const page = Number(query.get('page') ?? '1');
  const size = Number(query.get('size') ?? '20');
  if (!Number.isInteger(page) || page < 1 || !Number.isInteger(size) || size < 1 || size > MARKET_PAGE_LIMIT)
    return null;
  return { page, size };
}

const BAD_REQUEST: Reply = json(400, { status: 400, message: 'page or size out of range' });
const NOT_FOUND: Reply = json(404, { status: 404, message: '企业不存在' });

/** The market-regulation department over a world. */
export function marketDepartment(world: World): DepartmentDefinition {
  const withEntity = (uscc: string, f: (e: WorldEnterprise) => Reply): Reply => {
    const e = world.get(uscc);
    return e ? f(e) : NOT_FOUND;
  };
  return {
    name: 'market',
    routes: [
      {
        method: 'GET',
        pattern: /^\/samr\/v2\/entities\/([^/]+)\/penalties$/,
        key: 'GET /samr/v2/entities/{uscc}/penalties',
        handle: ({ params, query }) =>
          withEntity(params[0]!, (e) => {
            const p = paging(query);
            if (!p) return BAD_REQUEST;
            const all = e.market.penalties;
            const items = all.slice((p.page - 1) * p.size, p.page * p.size).map((x) => toPenalty(e, x));
            return json(200, { total: all.length, page: p.page, size: p.size, items });
          }),
      },
      {
        method: 'GET',
        pattern: /^\/samr\/v2\/entities\/([^/]+)\/abnormal$/,
        key: 'GET /samr/v2/entities/{uscc}/abnormal',
        handle: ({ params }) =>
          withEntity(params[0]!, (e) => json(200, { items: e.market.abnormal.map(toListing) })),
      },
      {
        method: 'GET',
        pattern: /^\/samr\/v2\/entities\/([^/]+)\/serious-violations$/,
        key: 'GET /samr/v2/entities/{uscc}/serious-violations',
        handle: ({ params }) =>
          withEntity(params[0]!, (e) => json(200, { items: e.market.seriousViolations.map(toListing) })),
      },
      {
        method: 'GET',
        pattern: /^\/samr\/v2\/entities\/([^/]+)$/,
        key: 'GET /samr/v2/entities/{uscc}',
        handle: ({ params }) => withEntity(params[0]!, (e) => json(200, toMarketEntity(e))),
      },
      {
        method: 'GET',
        pattern: /^\/samr\/v2\/entities$/,
        key: 'GET /samr/v2/entities',
        handle: ({ query }) => {
          const p = paging(query);
          if (!p) return BAD_REQUEST;
          const { total, items } = world.search(query.get('keyword') ?? '', (p.page - 1) * p.size, p.size);
          return json(200, {
            total,
            page: p.page,
            size: p.size,
            items: items.map((x) => ({
              uscc: x.uscc,
              entName: x.name,
              regStatus: world.at(x.index).regStatus,
            })),
          });
        },
      },
    ],
    errorReply: () => json(500, { status: 500, message: 'Internal Server Error' }),
    notFoundReply: () => json(404, { status: 404, message: 'Not Found' }),
    unauthorizedReply: () => json(401, { status: 401, message: 'invalid app key' }),
  };
}
