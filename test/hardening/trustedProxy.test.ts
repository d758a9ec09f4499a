/**
 * Behind the shipped nginx configuration (deploy/nginx/credit-gateway.conf): one client's flood of
 * junk tokens limits that client's address, not everyone behind nginx — the gateway reads the
 * client's address from X-Forwarded-For because nginx is in TRUSTED_PROXIES. Clients come from
 * their own loopback addresses (127.0.0.2, 127.0.0.3); nginx reaches the gateway from 127.0.0.1.
 * A forwarded header sent by a client itself changes nothing.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { nginxAvailable, startNginx, type TestNginx } from '../helpers/nginx.ts';
import { startTestSandbox } from '../helpers/sandbox.ts';

const READY = nginxAvailable();

describe.skipIf(!READY)('client addresses behind the shipped nginx', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let nginx: TestNginx;

  beforeAll(async () => {
    sb = await startTestSandbox({ size: 20 });
    gw = await startTestGateway(
      sb,
      {},
      { TRUSTED_PROXIES: '127.0.0.1', RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '5' },
    );
    nginx = await startNginx([new URL(gw.url).host]);
  }, 60_000);

  afterAll(async () => {
    await nginx?.stop();
    await gw?.close();
    await sb?.close();
  });

  /** POSTs `{ __typename }` through nginx from `localAddress` (node's client binds it); the HTTP status. */
  const post = (localAddress: string, headers: Record<string, string>): Promise<number> =>
    new Promise((resolve, reject) => {
      const body = JSON.stringify({ query: '{ __typename }' });
      const req = httpRequest(
        `${nginx.url}/graphql`,
        { method: 'POST', localAddress, headers: { 'content-type': 'application/json', ...headers } },
        (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  it('junk tokens from one client do not limit another; a client-sent X-Forwarded-For is ignored', async () => {
    const junk: number[] = [];
    for (let i = 0; i < 8; i++)
      junk.push(
        await post('127.0.0.2', {
          authorization: 'Bearer junk.junk.junk',
          // A client naming another address for itself: nginx replaces the header.
          'x-forwarded-for': `127.0.0.${10 + i}`,
        }),
      );
    expect(junk.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(junk.slice(5)).toEqual([429, 429, 429]);
    const clerk = await headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' });
    expect(await post('127.0.0.3', clerk)).toBe(200);
    // The flooding client stays limited, with a valid token too.
    expect(await post('127.0.0.2', clerk)).toBe(429);
  });
});
