/** The service-hall page in headless Chromium, keyboard only: the four situations a window clerk meets. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/auth/devIssuer.ts';
import { findUsccProblem, transpositionCandidates } from '../../src/credit/uscc.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { ARTIFACTS, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { samples, setFaults, startTestSandbox } from '../helpers/sandbox.ts';

const HAS_CHROMIUM = chromiumAvailable();
const require = createRequire(import.meta.url);

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

  /** Signs in with the mouse-free defaults and checks one code, waiting for the verdict. */
  async function signInAndCheck(page: Page, code: string): Promise<void> {
    await page.fill('#token', token);
    await page.click('#signin-button');
    await page.waitForFunction(() =>
      document.getElementById('signin-status')?.textContent?.includes('已登录'),
    );
    await page.fill('#uscc', code);
    await page.focus('#uscc');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-verdict]');
  }

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
    // focus returns to the code field (its text selected), so scan + Enter checks the next applicant.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('uscc');
    expect(await page.textContent('#result')).toContain('依据');
    // The rule set by its Chinese name and version, the grade's basis in words
    // (no codes or developer file names on what a clerk prints).
    const text = (await page.textContent('#result'))!;
    expect(text).toContain('公共信用综合评价（A/B/C/D）示例规则集（版本 2026.12）');
    expect(text).toContain('依据：考察期内无一般及以上失信记录（NO_RECORDS）');
    expect(text).not.toMatch(/domain-default|domain\.md/);
    await page.screenshot({ path: join(ARTIFACTS, 'hall-clean-fast-track.png'), fullPage: true });
    await page.close();
  });

  it('a red-listed enterprise: the red-list entry shown as the basis of the good verdict', async () => {
    const page = await lookUp(traits.redListed![0]!, 0); // 行政许可
    await page.waitForSelector('[data-verdict]');
    expect(await page.getAttribute('[data-verdict]', 'data-verdict')).toBe('FAST_TRACK');
    const incentives = (await page.textContent('[data-basis="incentives"]'))!;
    expect(incentives).toContain('守信联合激励对象（红名单）');
    expect(incentives).toMatch(/\d{4}-\d{2}-\d{2} 列入/);
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

  // Rules v3: the check cannot be completed (its own state, not the blue NORMAL).
  it('a department down: flagged, INCOMPLETE in its own colour, and never the green channel', async () => {
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
        expect(await page.getAttribute('[data-verdict]', 'data-verdict')).toBe('INCOMPLETE');
        expect(await page.textContent('[data-verdict]')).toBe('无法完成核查');
        const colours = await page.$eval('[data-verdict]', (el) => getComputedStyle(el).backgroundColor);
        expect(colours).not.toBe('rgb(29, 79, 145)'); // not NORMAL's blue
        expect(await page.textContent('[data-flag="incomplete"]')).toContain('法院');
        expect(await page.getAttribute('[data-department="COURT"]', 'data-status')).toBe('UNAVAILABLE');
        expect(await page.textContent('[data-flag="sources"]')).toContain('法院');
        // The grade is marked provisional, naming what is missing and what the clerk should do (docs/rules.md "Grades and completeness").
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

  it('the scanner flow: a new code clears the old verdict at once; Enter on the matter checks; no “checking” forever', async () => {
    const page = await lookUp(traits.dishonestDebtor![0]!, 0);
    await page.waitForSelector('[data-verdict]');
    // The old enterprise's verdict goes as soon as the code changes (a scan replaces the selected text).
    await page.keyboard.type(traits.clean![0]!.slice(0, 5));
    expect(await page.locator('[data-verdict]').count()).toBe(0);
    // Enter on the matter list checks too.
    await page.fill('#uscc', traits.clean![0]!);
    await page.focus('#matter');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-verdict="FAST_TRACK"]');
    // Severities and statuses in Chinese, never the codes.
    const restricted = await lookUp(traits.dishonestDebtor![0]!, 0);
    await restricted.waitForSelector('[data-verdict]');
    const records = (await restricted.locator('#result li[id^="record-"]').allTextContents()).join('\n');
    expect(records).toMatch(/严重|一般/);
    expect(records).not.toMatch(/SERIOUS|GENERAL|MINOR|ACTIVE|REPAIRED/);
    // The grading rule in words, its code in brackets for quoting.
    expect(await restricted.textContent('#result')).toMatch(/依据：[^（]+（[A-Z_]+）/);
    await restricted.close();
    // The gateway unreachable: a clear message and a retry, the button usable again.
    await page.route('**/graphql', (route) => route.abort());
    await page.fill('#uscc', traits.clean![1]!);
    await page.focus('#uscc');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-flag="unreachable"]');
    expect(await page.textContent('#result')).toContain('无法连接核查服务');
    expect(await page.isDisabled('#check')).toBe(false);
    await page.unroute('**/graphql');
    await page.click('#retry');
    await page.waitForSelector('[data-verdict]');
    await page.close();
  });

  it('at 1366×768 and 1280×720 the verdict is in view after Enter, beside the code field, without scrolling', async () => {
    for (const viewport of [
      { width: 1366, height: 768 },
      { width: 1280, height: 720 },
    ]) {
      const page = await browser.newPage({ viewport });
      await page.goto(`${gw.url}/hall`);
      await signInAndCheck(page, traits.dishonestDebtor![0]!);
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('uscc');
      const box = (await page.locator('[data-verdict]').boundingBox())!;
      expect(box.y, `${viewport.width}`).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, `${viewport.width}`).toBeLessThanOrEqual(viewport.height);
      const field = (await page.locator('#uscc').boundingBox())!;
      expect(field.y + field.height).toBeLessThanOrEqual(viewport.height);
      await page.screenshot({ path: join(ARTIFACTS, `hall-${viewport.width}x${viewport.height}.png`) });
      await page.close();
    }
  });

  it('a scan during a check in flight replaces the code and is checked next; the old answer is not shown under it', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${gw.url}/hall`);
    await signInAndCheck(page, traits.clean![0]!);
    // 700 ms to every check from now on.
    await page.route('**/graphql', async (route) => {
      await new Promise((r) => setTimeout(r, 700));
      await route.continue();
    });
    const a = traits.dishonestDebtor![0]!;
    const b = traits.clean![1]!;
    await page.keyboard.type(a); // replaces the selected text, as a scanner does
    await page.keyboard.press('Enter');
    await page.waitForSelector('#result >> text=核查中');
    await page.keyboard.type(b);
    await page.keyboard.press('Enter');
    expect(await page.inputValue('#uscc')).toBe(b);
    expect(await page.textContent('#uscc-error')).toContain('上一笔核查未完成');
    // B is checked once A returns; what is shown is B's verdict under B's code.
    await page.waitForSelector(`#result .code >> text=${b}`, { timeout: 15_000 });
    expect(await page.textContent('#result .code')).toBe(b);
    expect(await page.getAttribute('[data-verdict]', 'data-verdict')).toBe('FAST_TRACK');
    expect(await page.textContent('#uscc-error')).toBe('');
    await page.close();
  });

  it('another matter chosen clears the verdict given for the previous one', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${gw.url}/hall`);
    await signInAndCheck(page, traits.dishonestDebtor![0]!);
    expect(await page.locator('[data-verdict]').count()).toBe(1);
    await page.selectOption('#matter', 'BIDDING');
    expect(await page.locator('[data-verdict]').count()).toBe(0);
    await page.close();
  });

  it('打开信用报告 asks with the matter’s purpose, shows Chinese in the new tab, and says why in Chinese when it cannot', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${gw.url}/hall`);
    await page.selectOption('#matter', 'BIDDING');
    await signInAndCheck(page, traits.clean![0]!);
    const purposes: string[] = [];
    await page.route('**/reports/**', async (route) => {
      purposes.push(route.request().headers()['x-purpose'] ?? '');
      await route.continue();
    });
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#report')]);
    await popup.waitForFunction(() => document.body?.textContent?.includes('公共信用信息报告'), undefined, {
      timeout: 15_000,
    });
    expect(purposes).toEqual(['BIDDING']);
    await popup.close();
    // The report cannot be made: the reason in Chinese on the hall page, no tab left open.
    await page.unroute('**/reports/**');
    await page.route('**/reports/**', (route) =>
      route.fulfill({
        status: 503,
        contentType: 'application/json',
        body: JSON.stringify({
          errors: [{ message: '信用报告服务繁忙', extensions: { code: 'REPORT_BUSY' } }],
        }),
      }),
    );
    await page.click('#report');
    await page.waitForFunction(() =>
      document.getElementById('uscc-error')?.textContent?.includes('信用报告暂不能生成'),
    );
    expect(await page.textContent('#uscc-error')).toContain('REPORT_BUSY');
    await page.close();
  });

  it('a token pasted with “Bearer ” and a line break signs in with Enter; before sign-in a check says to sign in; the printout has its title', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${gw.url}/hall`);
    // Nobody signed in: a check asks for the sign-in, never “登录已失效”.
    await page.fill('#uscc', traits.clean![0]!);
    await page.focus('#uscc');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (document.getElementById('uscc-error')?.textContent ?? '').length > 0);
    expect(await page.textContent('#uscc-error')).toContain('尚未登录');
    expect(await page.textContent('#uscc-error')).not.toContain('已失效');
    // Pasted as copied from a header, with a line break; Enter in the box signs in.
    await page.fill('#token', `Bearer ${token}\n`);
    await page.focus('#token');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.getElementById('signin-status')?.textContent?.includes('已登录'),
    );
    await page.fill('#uscc', traits.clean![0]!);
    await page.focus('#uscc');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-verdict]');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#print-title')).toBe(true);
    expect(await page.textContent('#print-title')).toBe('信用核查结果单');
    await page.emulateMedia({ media: 'screen' });
    expect(await page.isVisible('#print-title')).toBe(false);
    await page.close();
  });

  it('a typed code: spaces inside removed, a swap of neighbours offered (never one position blamed), a registry-known bad check character said, the hall and clerk on the printout', async () => {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
    await page.goto(`${gw.url}/hall`);
    const good = traits.clean![0]!;
    // As printed on a licence, in groups (a full-width space among them).
    await signInAndCheck(
      page,
      `${good.slice(0, 4)} ${good.slice(4, 8)}\u3000${good.slice(8, 12)} ${good.slice(12)}`,
    );
    expect(await page.textContent('.verdict-row .code')).toBe(good);
    expect(await page.getAttribute('[data-clerk]', 'data-clerk')).toBe('clerk-hall-1');
    expect(await page.textContent('[data-clerk]')).toBe('办理机构：hall-1 · 经办人：clerk-hall-1');
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('[data-clerk]')).toBe(true);
    await page.emulateMedia({ media: 'screen' });
    expect(await page.locator('[data-flag="checksum"]').count()).toBe(0);
    // Two neighbours swapped: the check character fails; the swap is offered, no position marked wrong.
    let swapped = '';
    let at = 0;
    for (let i = 8; i < 16 && !swapped; i++) {
      const s = good.slice(0, i) + good[i + 1]! + good[i]! + good.slice(i + 2);
      if (s !== good && !findUsccProblem(s)) [swapped, at] = [s, i + 1];
    }
    expect(transpositionCandidates(swapped)).toContain(at);
    await page.fill('#uscc', swapped);
    await page.focus('#uscc');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#uscc-error[data-maybe]');
    const error = (await page.textContent('#uscc-error'))!;
    expect(error).toContain('无法确定是哪一位');
    expect(error).toContain(`第${at}、${at + 1}位`);
    expect((await page.getAttribute('#uscc-error', 'data-maybe'))!.split(',')).toContain(String(at));
    expect(await page.locator('#uscc-echo .bad').count()).toBe(0);
    expect(await page.locator('#uscc-echo .maybe').count()).toBeGreaterThanOrEqual(2);
    // Typing again clears the hints.
    await page.fill('#uscc', good);
    expect(await page.locator('#uscc-echo .maybe').count()).toBe(0);
    expect(await page.getAttribute('#uscc-error', 'data-maybe')).toBeNull();
    // An early pilot code whose check character fails, known to the registry: checked, and said so.
    await page.fill('#uscc', traits.badChecksum![0]!);
    await page.focus('#uscc');
    await page.keyboard.press('Enter');
    await page.waitForSelector('[data-flag="checksum"]');
    expect(await page.textContent('[data-flag="checksum"]')).toContain('登记机关确认在册');
    await page.close();
  });

  it('the sign-in warns before the token expires, by the gateway’s clock, and lapses when it does', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.url}/hall`);
    // Ten minutes left by the gateway's clock (the test gateway's is not this computer's): warned at once.
    await page.fill(
      '#token',
      await mintDevToken({ role: 'clerk', org: 'hall-1', ttlSeconds: 600 }, testNow()),
    );
    await page.click('#signin-button');
    await page.waitForFunction(() => document.getElementById('signin-status')?.dataset.expiry === 'soon');
    expect(await page.textContent('#signin-status')).toContain('登录将于');
    expect(await page.isVisible('#signout-button')).toBe(true);
    // Two seconds left: the page itself says the sign-in lapsed and asks for a token again.
    await page.click('#signout-button');
    await page.fill('#token', await mintDevToken({ role: 'clerk', org: 'hall-1', ttlSeconds: 2 }, testNow()));
    await page.click('#signin-button');
    await page.waitForFunction(
      () => document.getElementById('signin-status')?.dataset.expiry === 'lapsed',
      null,
      {
        timeout: 30_000,
      },
    );
    expect(await page.textContent('#signin-status')).toContain('登录已失效');
    expect(await page.isVisible('#token')).toBe(true);
    expect(await page.evaluate(() => sessionStorage.getItem('clerk-token'))).toBeNull();
    await page.close();
  });

  it('a token of a role that cannot check is refused at sign-in', async () => {
    const page = await browser.newPage();
    await page.goto(`${gw.url}/hall`);
    await page.fill('#token', await mintDevToken({ role: 'bank', org: 'bank-1' }, testNow()));
    await page.click('#signin-button');
    await page.waitForFunction(() => document.getElementById('signin-status')?.textContent?.includes('不能'));
    expect(await page.textContent('#signin-status')).toContain('银行');
    expect(await page.isVisible('#token')).toBe(true);
    expect(await page.isVisible('#signout-button')).toBe(false);
    await page.close();
  });

  it('sign-in: who is signed in, an expired token told apart, the token hidden, sign-out', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 900 } });
    await page.goto(`${gw.url}/hall`);
    await page.waitForFunction(() =>
      document.getElementById('signin-status')?.textContent?.includes('未登录'),
    );
    const expired = await mintDevToken(
      { role: 'clerk', org: 'hall-1', ttlSeconds: 60 },
      testNow() - 3_600_000,
    );
    await page.fill('#token', expired);
    await page.click('#signin-button');
    await page.waitForFunction(() =>
      document.getElementById('signin-status')?.textContent?.includes('已过期'),
    );
    await page.fill('#token', token);
    await page.click('#signin-button');
    await page.waitForFunction(() =>
      document.getElementById('signin-status')?.textContent?.includes('已登录'),
    );
    expect(await page.textContent('#signin-status')).toContain('窗口人员（hall-1）');
    expect(await page.isVisible('#token')).toBe(false);
    expect(await page.inputValue('#token')).toBe('');
    await page.click('#signout-button');
    await page.waitForFunction(() =>
      document.getElementById('signin-status')?.textContent?.includes('未登录'),
    );
    expect(await page.isVisible('#token')).toBe(true);
    await page.close();
  });

  it('at 390 px the name and code stay beside the verdict; the printout has the check’s time and number, which the audit trail carries', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 640 } });
    await page.goto(`${gw.url}/hall`);
    await signInAndCheck(page, traits.dishonestDebtor![0]!);
    // Scrolled to the end of a long result, the enterprise is still named beside its verdict.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    const who = await page.locator('.verdict-row .who').boundingBox();
    const verdict = await page.locator('.verdict-row .verdict').boundingBox();
    expect(who!.y).toBeGreaterThanOrEqual(-1);
    expect(Math.abs(who!.y - verdict!.y)).toBeLessThan(80);
    expect(await page.textContent('.verdict-row .code')).toBe(traits.dishonestDebtor![0]!);
    // Nothing wider than the screen (the receipt URL wraps), and the verdict on one line (not 正常办 / 理).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const fontSize = await page.$eval('.verdict-row .verdict', (el) =>
      parseFloat(getComputedStyle(el).fontSize),
    );
    expect(fontSize).toBeGreaterThan(0);
    expect(verdict!.height).toBeLessThan(fontSize * 2.5); // one line and its padding; two lines are taller
    // The check's number and Beijing time; the number is the request id of its audit entry.
    const number = (await page.getAttribute('[data-check-number]', 'data-check-number'))!;
    expect(await page.textContent('.check-meta')).toMatch(
      /核查时间：\d{4}\/\d{1,2}\/\d{1,2} \d{2}:\d{2}:\d{2}（北京时间）/,
    );
    const audit = readFileSync(gw.auditFile, 'utf8');
    expect(audit).toContain(`"requestId":"${number}"`);
    // Its verification code: the printout's URL verifies exactly what it states; one changed fact does not.
    const code = (await page.getAttribute('[data-receipt-code]', 'data-receipt-code'))!;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const verifyUrl = (await page.textContent('.verify-url'))!;
    expect(verifyUrl).toContain(`no=${number}`);
    const genuine = await fetch(verifyUrl);
    expect(genuine.status).toBe(200);
    expect(await genuine.text()).toContain('核验通过');
    const altered = await fetch(verifyUrl.replace('verdict=RESTRICTED', 'verdict=FAST_TRACK'));
    expect(altered.status).toBe(404);
    expect(await altered.text()).toContain('核验未通过');
    // Printed, only the result remains.
    await page.emulateMedia({ media: 'print' });
    expect(await page.isVisible('#signin')).toBe(false);
    expect(await page.isVisible('#lookup')).toBe(false);
    expect(await page.isVisible('.check-meta')).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'hall-390-print.png'), fullPage: true });
    await page.close();
  });

  it('passes an automated accessibility check (axe-core) signed out and with a verdict', async () => {
    // The page's CSP forbids inline script: the test's own injected checker is let through, nothing else.
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
    await page.goto(`${gw.url}/hall`);
    const axe = async (): Promise<Array<{ id: string; impact: string | null; nodes: unknown[] }>> => {
      await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
      return page.evaluate(async () => {
        const r = await (window as unknown as { axe: { run(): Promise<{ violations: any[] }> } }).axe.run();
        return r.violations.map((v) => ({
          id: v.id,
          impact: v.impact,
          nodes: v.nodes.map((n: any) => n.target),
        }));
      });
    };
    expect(await axe()).toEqual([]);
    // The checker does find what it should (an image without text), so the empty lists mean something.
    await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img id="probe" src="data:,">'));
    expect((await axe()).map((v) => v.id)).toContain('image-alt');
    await page.evaluate(() => document.getElementById('probe')!.remove());
    await signInAndCheck(page, traits.dishonestDebtor![0]!);
    expect(await axe()).toEqual([]);
    // The focus ring is the one the stylesheet gives (contrast 6.3:1 on white).
    expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineColor)).toBe(
      'rgb(11, 87, 208)',
    );
    await page.close();
  });
});
