/** Market regulation's client: one enterprise per call, paged penalties, keyword search. */
import type { MarketListing, Penalty, Registration } from '../../src/model/unifiedModel.ts';
import { DepartmentError } from '../shared/DepartmentError.ts';
import type { Lane } from '../shared/DepartmentLimits.ts';
import type { DepartmentHttp, RawResponse } from '../shared/DepartmentHttp.ts';
import { normalizeOrReject, parseBody } from '../shared/parseJson.ts';
import { normalizeListing, normalizeMarketPenalty, normalizeRegistration } from './normalizeMarket.ts';
import {
  MARKET_PAGE_LIMIT,
  marketEntityWire,
  marketListingsWire,
  marketPageWire,
  marketPenaltyWire,
  marketSearchItemWire,
} from './wire.ts';

/** One page of search hits. */
export interface MarketSearchPage {
  total: number;
  items: Array<{ uscc: string; name: string }>;
}

/** Market-regulation lookups; `null` means the registry does not know the code. */
export class MarketConnector {
  constructor(private readonly http: DepartmentHttp) {}

  /** Registration basics. */
  fetchRegistration(uscc: string, lane: Lane = 'interactive'): Promise<Registration | null> {
    return this.get(
      `/samr/v2/entities/${encodeURIComponent(uscc)}`,
      'GET /samr/v2/entities/{uscc}',
      (text) => normalizeRegistration(parseBody('MARKET', text, marketEntityWire)),
      lane,
    );
  }

  /** Every penalty, walking the pages (most enterprises have one page or none). */
  async fetchPenalties(uscc: string, lane: Lane = 'interactive'): Promise<Penalty[] | null> {
    const all: Penalty[] = [];
    for (let p = 1; ; p++) {
      const body = await this.get(
        `/samr/v2/entities/${encodeURIComponent(uscc)}/penalties?page=${p}&size=${MARKET_PAGE_LIMIT}`,
        'GET /samr/v2/entities/{uscc}/penalties',
        (text) => parseBody('MARKET', text, marketPageWire(marketPenaltyWire)),
        lane,
      );
      if (body === null) return null;
      all.push(...body.items.map((w) => normalizeOrReject('MARKET', () => normalizeMarketPenalty(w))));
      if (body.items.length === 0 || all.length >= body.total) return all;
    }
  }

  /** The abnormal-operations list (经营异常名录) entries. */
  fetchAbnormal(uscc: string, lane: Lane = 'interactive'): Promise<MarketListing[] | null> {
    return this.get(
      `/samr/v2/entities/${encodeURIComponent(uscc)}/abnormal`,
      'GET /samr/v2/entities/{uscc}/abnormal',
      (text) =>
        parseBody('MARKET', text, marketListingsWire).items.map((w, k) => normalizeListing('abnormal', w, k)),
      lane,
    );
  }

  /** The serious-violation list (严重违法失信名单) entries. */
  fetchSeriousViolations(uscc: string, lane: Lane = 'interactive'): Promise<MarketListing[] | null> {
    return this.get(
      `/samr/v2/entities/${encodeURIComponent(uscc)}/serious-violations`,
      'GET /samr/v2/entities/{uscc}/serious-violations',
      (text) =>
        parseBody('MARKET', text, marketListingsWire).items.map((w, k) => normalizeListing('serious', w, k)),
      lane,
    );
  }

  /** One page of enterprises whose name contains `keyword` (all, in registration order, when empty). */
  async search(
    keyword: string,
    pageNo: number,
    size: number,
    lane: Lane = 'interactive',
  ): Promise<MarketSearchPage> {
    const q = new URLSearchParams({
      keyword,
      page: String(pageNo),
      size: String(Math.min(size, MARKET_PAGE_LIMIT)),
    });
    const body = await this.get(
      `/samr/v2/entities?${q}`,
      'GET /samr/v2/entities',
      (text) => parseBody('MARKET', text, marketPageWire(marketSearchItemWire)),
      lane,
    );
    return {
      total: body?.total ?? 0,
      items: (body?.items ?? []).map((i) => ({ uscc: i.uscc, name: i.entName })),
    };
  }

  private get<T>(path: string, route: string, parse: (text: string) => T, lane: Lane): Promise<T | null> {
    return this.http.call({ method: 'GET', path, route, lane }, (res: RawResponse) => {
      if (res.status === 404) return null;
      if (res.status !== 200) throw new DepartmentError('MARKET', 'rejected', res.status);
      return normalizeOrReject('MARKET', () => parse(res.text));
    });
  }
}
