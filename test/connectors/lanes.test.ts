/**
 * A department call takes the lane its reader started on (live or bulk) to the department's
 * limits — for a paged read, on every page — without an AsyncLocalStorage (issue 19: one puts a
 * hook on every promise). A loopback server stands in for market regulation.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MarketConnector } from '../../connectors/market/MarketConnector.ts';
import { DepartmentHttp } from '../../connectors/shared/DepartmentHttp.ts';
import {
  currentLane,
  onLane,
  type CallLane,
  type DepartmentLimiter,
} from '../../connectors/shared/DepartmentLimits.ts';
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

function recording(): { limiter: DepartmentLimiter; lanes: CallLane[] } {
  const lanes: CallLane[] = [];
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
  it('onLane sets the lane for what starts inside it, and restores it after, nested too', async () => {
    expect(currentLane()).toBe('interactive');
    const seen = await onLane('bulk', async () => {
      const inner = onLane('interactive', async () => currentLane());
      return [currentLane(), await inner];
    });
    expect(seen).toEqual(['bulk', 'interactive']);
    expect(currentLane()).toBe('interactive');
  });

  it('every page of a paged read inside onLane("bulk") reaches the limiter as bulk; a read outside as interactive', async () => {
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
      const bulk = await onLane('bulk', () => market.fetchPenalties('914403001922038216'));
      expect(bulk?.map((p) => p.id)).toEqual(['P1', 'P2']);
      expect(lanes).toEqual(['bulk', 'bulk']);
      await market.fetchPenalties('914403001922038216');
      expect(lanes).toEqual(['bulk', 'bulk', 'interactive', 'interactive']);
    } finally {
      await http.close();
    }
  });
});
