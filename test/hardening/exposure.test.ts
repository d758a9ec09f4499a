/**
 * What the gateway shows to whom, outside GraphQL: /metrics (each organization's quota use) only to
 * the scraper holding METRICS_TOKEN; no answer — report pages, verification pages, JSON — may be
 * framed by another site.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { startTestSandbox } from '../helpers/sandbox.ts';

describe('exposure outside GraphQL', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  beforeAll(async () => {
    sb = await startTestSandbox({ size: 20 });
    gw = await startTestGateway(sb, {}, { METRICS_TOKEN: 'scrape-me' });
  });
  afterAll(async () => {
    await gw?.close();
    await sb?.close();
  });

  it('/metrics answers only the bearer of METRICS_TOKEN', async () => {
    const none = await fetch(`${gw.url}/metrics`);
    expect(none.status).toBe(403);
    expect(((await none.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN');
    const wrong = await fetch(`${gw.url}/metrics`, { headers: { authorization: 'Bearer scrape-you' } });
    expect(wrong.status).toBe(403);
    const right = await fetch(`${gw.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
    expect(right.status).toBe(200);
    expect(await right.text()).toContain('cg_');
  });

  it('no answer may be framed by another site: pages, verification pages, JSON and errors', async () => {
    const paths = [
      '/',
      '/hall',
      '/public/measures',
      '/reports',
      '/reports/verify/AAAA-BBBB-CCCC-DDDD',
      '/checks/verify?no=1',
      '/healthz',
      '/nowhere',
    ];
    for (const path of paths) {
      const res = await fetch(`${gw.url}${path}`);
      expect(['DENY', 'SAMEORIGIN'], path).toContain(res.headers.get('x-frame-options'));
      expect(res.headers.get('content-security-policy'), path).toMatch(/frame-ancestors '(none|self)'/);
    }
    expect(paths.length).toBeGreaterThan(0);
  });
});
