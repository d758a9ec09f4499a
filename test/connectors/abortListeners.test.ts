/**
 * Many department calls in flight at once hang nothing on a shared signal: each call has a signal
 * of its own for its retries and timeouts (cockatiel's default is one never-aborted signal for
 * every call, which Node warns about — MaxListenersExceededWarning — past ten calls in flight).
 * A slow loopback server stands in for market regulation.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MarketConnector } from '../../connectors/market/MarketConnector.ts';
import { DepartmentHttp } from '../../connectors/shared/DepartmentHttp.ts';
import { DEFAULT_DEPARTMENT_SETTINGS } from '../../connectors/shared/settings.ts';
import { marketPenaltyItem } from '../helpers/marketWire.ts';

let server: Server;
let url: string;
beforeAll(async () => {
  server = createServer((_req, res) => {
    const item = marketPenaltyItem('P1');
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ total: 1, page: 1, size: 50, items: [item] }));
    }, 50);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('thirty calls in flight at once: every one answered, no listener warning', async () => {
  const warnings: string[] = [];
  const onWarning = (w: Error): void => void warnings.push(w.name);
  process.on('warning', onWarning);
  const http = new DepartmentHttp({
    department: 'MARKET',
    baseUrl: url,
    appKey: 'k',
    settings: DEFAULT_DEPARTMENT_SETTINGS.MARKET,
  });
  try {
    const market = new MarketConnector(http);
    const all = await Promise.all(
      Array.from({ length: 30 }, () => market.fetchPenalties('914403001922038216')),
    );
    expect(all.every((p) => p?.length === 1)).toBe(true);
    await new Promise((r) => setImmediate(r)); // warnings are emitted on the next tick
    expect(warnings.filter((n) => n === 'MaxListenersExceededWarning')).toEqual([]);
  } finally {
    process.off('warning', onWarning);
    await http.close();
  }
});
