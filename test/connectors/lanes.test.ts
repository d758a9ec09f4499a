/**
 * A department call takes the lane its reader gave it (live or bulk) to the department's limiter —
 * for a paged read, on every page, the later ones after an await — as an argument all the way
 * down (no AsyncLocalStorage, which puts a hook on every promise, and no module-level setting a
 * later page could miss). A loopback server stands in for market regulation.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketConnector } from '../../connectors/market/MarketConnector.ts';
import { DepartmentHttp } from '../../connectors/shared/DepartmentHttp.ts';
import type { DepartmentLimiter, Lane } from '../../connectors/shared/DepartmentLimits.ts';
import { DEFAULT_DEPARTMENT_SETTINGS } from '../../connectors/shared/settings.ts';
import { marketPenaltyItem } from '../helpers/marketWire.ts';

let server: Server;
let url: string;
beforeAll(async () => {
  // Two pages of penalties, one item each.
  server = createServer((req, res) => {
    const page = Number(new URL(req.url!, 'http://x').searchParams.get('page') ?? '1');
    const item = marketPenaltyItem(`P${page}`);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ total: 2, page, size: 1, items: page <= 2 ? [item] : [] }));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function recording(): { limiter: DepartmentLimiter; lanes: Lane[] } {
  const lanes: Lane[] = [];
  return {
    lanes,
    limiter: {
      mode: 'local',
      acquire: async (lane) => {
        lanes.push(lane);
        return () => {};
      },
    },
  };
}

describe('call lanes', () => {
  it('every page of a paged read on the bulk lane reaches the limiter as bulk; a read given no lane as interactive', async () => {
    const { limiter, lanes } = recording();
    const http = new DepartmentHttp({
      department: 'MARKET',
      baseUrl: url,
      appKey: 'k',
      settings: { ...DEFAULT_DEPARTMENT_SETTINGS.MARKET, maxAttempts: 1 },
      limiter,
    });
    const market = new MarketConnector(http);
    try {
      const bulk = await market.fetchPenalties('914403001922038216', 'bulk');
      expect(bulk?.map((p) => p.id)).toEqual(['P1', 'P2']);
      expect(lanes).toEqual(['bulk', 'bulk']);
      await market.fetchPenalties('914403001922038216');
      expect(lanes).toEqual(['bulk', 'bulk', 'interactive', 'interactive']);
    } finally {
      await http.close();
    }
  });
});
