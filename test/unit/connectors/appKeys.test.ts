/** Each department receives its own app key where one is configured, the shared key otherwise. */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createConnectors } from '../../../connectors/index.ts';

const seen: Array<{ path: string; key: string | undefined; body: string }> = [];
const server = createServer((req, res) => {
  let body = '';
  req.on('data', (d: Buffer) => (body += d.toString()));
  req.on('end', () => {
    seen.push({ path: req.url ?? '', key: req.headers['x-app-key'] as string | undefined, body });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
let url = '';
beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

it('the tax department gets its own key, the others the shared one', async () => {
  const c = createConnectors({
    urls: {
      TAX: `${url}/tax`,
      MARKET: `${url}/market`,
      ENVIRONMENT: `${url}/env`,
      COURT: `${url}/court`,
      CREDIT: `${url}/credit`,
    },
    appKey: 'shared-key',
    appKeys: { TAX: 'tax-own-key' },
  });
  try {
    const ok = (r: { status: number }) => r.status;
    await c.http.TAX.call({ method: 'GET', path: '/ping', route: 'GET /ping' }, ok);
    await c.http.COURT.call({ method: 'GET', path: '/ping', route: 'GET /ping' }, ok);
  } finally {
    await c.close();
  }
  expect(seen.map((s) => [s.path, s.key])).toEqual([
    ['/tax/ping', 'tax-own-key'],
    ['/court/ping', 'shared-key'],
  ]);
});
