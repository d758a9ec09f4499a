/** The GraphiQL playground in headless Chromium: it loads and runs a query with nothing but the gateway's own files. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { ARTIFACTS, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { startTestSandbox } from '../helpers/sandbox.ts';

const HAS_CHROMIUM = chromiumAvailable();

describe.skipIf(!HAS_CHROMIUM)('playground (/graphql in a browser)', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  beforeAll(async () => {
    sb = await startTestSandbox();
    gw = await startTestGateway(sb);
  });
  afterAll(async () => {
    await gw.close();
    await sb.close();
  });

  it('works with the network unplugged: every request goes to the gateway, and a query runs', async () => {
    const browser = await launchBrowser();
    try {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const elsewhere: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(gw.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
          elsewhere.push(r.url());
      });
      await page.goto(`${gw.url}/graphql`);
      await page.waitForSelector('.graphiql-container', { timeout: 20_000 });
      await page.click('.graphiql-execute-button');
      await page.waitForFunction(
        () => (document.querySelector('.result-window')?.textContent ?? '').includes('"data"'),
        undefined,
        { timeout: 20_000 },
      );
      expect(await page.textContent('.result-window')).toContain('"enterprise"');
      await page.screenshot({ path: join(ARTIFACTS, 'playground.png') });
      expect(elsewhere).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
