/**
 * axe-core over the pages people open without signing in, and the report document itself: the
 * front page, a check receipt's verification page (genuine and altered), a report's verification
 * page (unknown code), the report page, the desk, and a credit report — each with a main landmark
 * and zero violations. (The hall is checked signed in and with a verdict in hall.test.ts.)
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

const HAS_CHROMIUM = chromiumAvailable();
const require = createRequire(import.meta.url);

/** axe-core's violations on the page as it is now. */
async function violations(page: Page): Promise<Array<{ id: string; nodes: unknown[] }>> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  return page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run(): Promise<{ violations: any[] }> } }).axe.run();
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.map((n: any) => n.target) }));
  });
}

describe.skipIf(!HAS_CHROMIUM)('accessibility of the pages the gateway serves', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let browser: Browser;
  let uscc: string;
  beforeAll(async () => {
    sb = await startTestSandbox({ size: 40 });
    gw = await startTestGateway(sb);
    uscc = (await samples(sb)).clean![0]!;
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await sb?.close();
  });

  // One test per page: each has its own time budget (ten axe runs in one test ran past it on a busy machine).
  it.each([
    '/',
    '/checks/verify?no=1&uscc=91441500MA4W5R3X2R&matter=BIDDING&verdict=NORMAL&at=2026-11-01T08:00:00Z&code=AAAA',
    // The form a receipt's number and code are typed into, and an address with parameters missing.
    '/checks/verify',
    // The public measure lists and the published inspections (一公开), the report code form.
    '/public/measures',
    '/public/inspections',
    '/reports/verify',
    '/checks/verify?no=1&uscc=91441500MA4W5R3X2R',
    '/reports/verify/AAAA-BBBB-CCCC-DDDD',
    '/reports',
    '/desk',
  ])('%s has a main landmark and no axe violations', async (path) => {
    // The pages' CSP forbids inline script: the injected checker is let through, nothing else.
    const page = await browser.newPage({ bypassCSP: true });
    await page.goto(`${gw.url}${path}`);
    expect(await page.locator('main').count(), path).toBe(1);
    expect(await violations(page), path).toEqual([]);
    await page.close();
  });

  it('the credit report document has a main landmark and no axe violations', async () => {
    const owner = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    const res = await fetch(`${gw.url}/reports/${uscc}`, { headers: owner });
    expect(res.status).toBe(200);
    const page = await browser.newPage({ bypassCSP: true });
    await page.setContent(await res.text());
    expect(await page.locator('main').count()).toBe(1);
    expect(await violations(page)).toEqual([]);
    await page.close();
  });
});
