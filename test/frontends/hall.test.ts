/** The service-hall page in headless Chromium, keyboard only: the four situations a window clerk meets. */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/auth/devIssuer.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { ARTIFACTS, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { samples, setFaults, startTestSandbox } from '../helpers/sandbox.ts';

const HAS_CHROMIUM = chromiumAvailable();

describe.skipIf(!HAS_CHROMIUM)('service-hall page (/hall)', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let browser: Browser;
  let traits: Record<string, string[]>;
  let token: string;
  beforeAll(async () => {
    sb = await startTestSandbox();
    gw = await startTestGateway(sb);
    traits = await samples(sb);
    token = await mintDevToken({ role: 'clerk', org: 'hall-1' }, testNow());
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await gw.close();
    await sb.close();
  });

  /** Signs in and looks a code up, with the keyboard only. */
  async function lookUp(code: string, matterSteps = 0): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    await page.goto(`${gw.url}/hall`);
    await page.focus('#token');
    await page.keyboard.type(token);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // 登录
    await page.waitForFunction(() => document.activeElement?.id === 'uscc');
    await page.keyboard.type(code);
    await page.keyboard.press('Tab'); // the matter
    for (let i = 0; i < matterSteps; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab'); // the check button
    await page.keyboard.press('Enter');
    return page;
  }

  it('a clean enterprise: FAST_TRACK, large and clear', async () => {
    const page = await lookUp(traits.clean![0]!, 1); // 政府采购
    await page.waitForSelector('[data-verdict]');
    expect(await page.getAttribute('[data-verdict]', 'data-verdict')).toBe('FAST_TRACK');
    expect(await page.textContent('.verdict')).toBe('绿色通道');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('result');
    expect(await page.textContent('#result')).toContain('依据');
    await page.screenshot({ path: join(ARTIFACTS, 'hall-clean-fast-track.png'), fullPage: true });
    await page.close();
  });

  it('a dishonest debtor: RESTRICTED, with the measure, its legal basis and the record', async () => {
    const page = await lookUp(traits.dishonestDebtor![0]!, 0); // 行政许可
    await page.waitForSelector('[data-verdict]');
    expect(await page.getAttribute('[data-verdict]', 'data-verdict')).toBe('RESTRICTED');
    const text = (await page.textContent('#result'))!;
    expect(text).toContain('失信被执行人不适用行政许可绿色通道');
    expect(text).toContain('《最高人民法院关于公布失信被执行人名单信息的若干规定》');
    expect(await page.getAttribute('[data-grade]', 'data-grade')).toBe('C');
    // The measure links to the record that triggered it.
    const href = await page.getAttribute('#result li a[href^="#record-"]', 'href');
    expect(await page.locator(`[id="${decodeURIComponent(href!.slice(1))}"]`).count()).toBe(1);
    await page.screenshot({ path: join(ARTIFACTS, 'hall-dishonest-restricted.png'), fullPage: true });
    await page.close();
  });

  it('a code with a typo: the wrong position pointed out as typed, and the check character caught', async () => {
    const good = traits.clean![1]!;
    const typed = `${good.slice(0, 8)}O${good.slice(9)}`;
    const page = await lookUp(typed);
    await page.waitForSelector('#uscc-error[data-position]');
    expect(await page.getAttribute('#uscc-error', 'data-position')).toBe('9');
    expect(await page.textContent('#uscc-error')).toContain('第9位');
    expect(await page.textContent('#uscc-echo .bad')).toBe('O');
    await page.screenshot({ path: join(ARTIFACTS, 'hall-typo-position.png'), fullPage: true });
    // A wrong check character passes the typed checks; the gateway catches it.
    await page.fill('#uscc', `${good.slice(0, 17)}${good[17] === '0' ? '1' : '0'}`);
    await page.focus('#uscc');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.getElementById('uscc-error')?.textContent?.includes('第18位'));
    await page.close();
  });

  it('a department down: flagged, and never the green channel', async () => {
    await setFaults(sb, 'court', { down: true });
    try {
      const own = await startTestGateway(sb); // its own breaker and cache
      try {
        const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
        await page.goto(`${own.url}/hall`);
        await page.fill('#token', token);
        await page.click('#signin-button');
        await page.fill('#uscc', traits.clean![2]!);
        await page.focus('#uscc');
        await page.keyboard.press('Enter');
        await page.waitForSelector('[data-verdict]');
        expect(await page.getAttribute('[data-verdict]', 'data-verdict')).toBe('NORMAL');
        expect(await page.getAttribute('[data-department="COURT"]', 'data-status')).toBe('UNAVAILABLE');
        expect(await page.textContent('[data-flag="sources"]')).toContain('法院');
        // The grade is marked provisional, naming what is missing and what the clerk should do (domain.md §4).
        const provisional = await page.textContent('[data-flag="provisional"]');
        expect(provisional).toContain('暂定等级');
        expect(provisional).toContain('法院');
        await page.screenshot({ path: join(ARTIFACTS, 'hall-department-down.png'), fullPage: true });
        await page.close();
      } finally {
        await own.close();
      }
    } finally {
      await setFaults(sb, 'court', null);
    }
  });
});
