/**
 * The credit report as people meet it, in headless Chromium against a gateway with a
 * ledger (short codes are kept there): an enterprise signs in on /reports (its token never in a
 * URL), opens its report in the sections people know and downloads the PDF; the PDF is rendered
 * to an image and its sections and page numbers read back as text; the QR code's URL opens the
 * Chinese verification page — genuine, and altered; machines get JSON.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/auth/devIssuer.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { ARTIFACTS, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

const HAS_CHROMIUM = chromiumAvailable();
const HAS_POPPLER = spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;

const SECTIONS = [
  '一、基本信息',
  '二、行政许可',
  '三、行政处罚',
  '四、失信惩戒',
  '五、守信激励',
  '六、信用承诺及履约情况',
  '七、信用评价',
  '八、信用修复与异议',
  '九、报告说明',
];

describe.skipIf(!HAS_CHROMIUM)('credit report for people (/reports)', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let browser: Browser;
  let dir: string;
  let uscc: string;
  let token: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-report-people-'));
    // The deployment's seal: a red ring with the issuer's mark, as an SVG file.
    writeFileSync(
      join(dir, 'seal.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="120"><circle cx="60" cy="60" r="54" fill="none" stroke="#c00" stroke-width="6"/><text x="60" y="68" font-size="20" text-anchor="middle" fill="#c00">★</text></svg>',
    );
    sb = await startTestSandbox();
    gw = await startTestGateway(
      sb,
      {},
      {
        LEDGER: 'true',
        LEDGER_DIR: join(dir, 'ledger'),
        BACKFILL: 'false',
        PUBLIC_BASE_URL: 'https://credit.example.gov.cn/',
        REPORT_ISSUER: '汕尾市公共信用信息中心',
        REPORT_SEAL_IMAGE: join(dir, 'seal.svg'),
      },
    );
    uscc = (await samples(sb)).generalPenalty![0]!;
    token = await mintDevToken({ role: 'enterprise', uscc }, testNow());
    browser = await launchBrowser();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await sb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('an enterprise signs in, opens its report in the standard sections and downloads the PDF; the token is never in a URL', async () => {
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1200, height: 1400 },
    });
    const page = await context.newPage();
    const urls: string[] = [];
    page.on('request', (r) => urls.push(r.url()));
    await page.goto(`${gw.url}/reports`);
    expect(await page.textContent('#signin-status')).toContain('未登录');
    await page.fill('#token', token);
    await page.click('#signin-button');
    await page.waitForFunction(() =>
      document.getElementById('signin-status')?.textContent?.includes('已登录'),
    );
    expect(await page.textContent('#signin-status')).toContain(uscc);
    await page.click('#open-report');
    const frame = page.frameLocator('#report-frame');
    await frame.locator('#verification-code').waitFor();
    const text = await frame.locator('body').innerText();
    for (const s of SECTIONS) expect(text, s).toContain(s);
    // 二、行政许可 from the declared licensing department (it said 不含行政许可信息 before):
    // its licences, or that it holds none.
    const licensing = text.slice(text.indexOf('二、行政许可'), text.indexOf('三、行政处罚'));
    expect(licensing).not.toContain('不含行政许可信息');
    expect(licensing).toMatch(/来源：行政许可|无行政许可信息/);
    // Beijing time: the gateway's clock (2026-11-01T08:00Z) is 16:00 in Beijing.
    expect(await frame.locator('#generated-at').innerText()).toBe('2026-11-01 16:00:00');
    expect(await frame.locator('#report-no').innerText()).toMatch(/^CR20261101\d{8}$/);
    const code = await frame.locator('#verification-code').innerText();
    expect(code.length).toBeLessThanOrEqual(20);
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(await frame.locator('#verification-url').innerText()).toBe(
      `https://credit.example.gov.cn/reports/verify/${code}`,
    );
    expect(await frame.locator('svg').count()).toBeGreaterThan(0); // the QR code
    // The issuer as configured, its seal beside it — loaded, not blocked by the report's CSP.
    expect(await frame.locator('#issue').innerText()).toContain('出具单位：汕尾市公共信用信息中心');
    await frame.locator('img#seal').waitFor();
    expect(await frame.locator('img#seal').getAttribute('alt')).toBe('出具单位印章');
    await expect
      .poll(() => frame.locator('img#seal').evaluate((img) => (img as HTMLImageElement).naturalWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    // Opened at its own address, under the report's own Content-Security-Policy, the seal still loads.
    const direct = await browser.newContext({
      extraHTTPHeaders: { authorization: `Bearer ${token}`, 'x-purpose': 'SELF_QUERY' },
    });
    const own = await direct.newPage();
    const opened = await own.goto(`${gw.url}/reports/${uscc}`);
    // The page's own policy replaces the gateway's default, so it says at least as much (no framing elsewhere).
    expect(opened?.headers()['content-security-policy']).toContain("frame-ancestors 'self'");
    await expect
      .poll(() => own.locator('img#seal').evaluate((img) => (img as HTMLImageElement).naturalWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    await direct.close();
    // 经营范围, the industry class and the latest 核准日期 among the basics.
    expect(text).toMatch(/经营范围\s+\S+/);
    expect(text).toMatch(/所属行业\s+国民经济行业分类 [A-T]\d{1,4}/);
    expect(text).toMatch(/核准日期\s+\d{4}-\d{2}-\d{2}/);
    await page.screenshot({ path: join(ARTIFACTS, 'report-signed-in.png'), fullPage: false });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-pdf')]);
    // the PDF of the report on screen — its number, not a new one.
    const shown = await frame.locator('#report-no').innerText();
    expect(download.suggestedFilename()).toBe(`${shown}.pdf`);
    expect(await page.textContent('#download-pdf')).toContain(shown);
    const pdf = join(dir, 'report.pdf');
    await download.saveAs(pdf);
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    writeFileSync(join(dir, 'keep.pdf'), readFileSync(pdf));
    // The token went only in headers: no URL the page asked for carries it.
    for (const u of urls) expect(u).not.toContain(token.slice(-20));
    await context.close();
  });

  it.skipIf(!HAS_POPPLER)(
    'the PDF, rendered to an image, reads back every section, the code and page numbers',
    async () => {
      const pdf = join(dir, 'keep.pdf');
      execFileSync('pdftoppm', [
        '-png',
        '-r',
        '60',
        '-f',
        '1',
        '-l',
        '1',
        pdf,
        join(ARTIFACTS, 'credit-report-people'),
      ]);
      const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
      for (const s of SECTIONS) expect(text, s).toContain(s);
      // pdftotext drops the footer's spaces: 第1页/共3页 on every page, the last page's number = the total.
      const pages = [...text.matchAll(/第\s*(\d+)\s*页\s*\/\s*共\s*(\d+)\s*页/g)].map((m) => [
        Number(m[1]),
        Number(m[2]),
      ]);
      expect(pages.length).toBeGreaterThan(0);
      expect(pages.map(([n]) => n)).toEqual(pages.map((_, i) => i + 1));
      for (const [, total] of pages) expect(total).toBe(pages.length);
      expect(text).toMatch(/[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}/);
      // headers and dates are never broken by a narrow column (`2024-10- / 25`, `状 / 态`).
      expect(text).toContain('三、行政处罚');
      expect(text).toMatch(
        /决定日期\s+决定书文号 \/ 事由\s+处罚种类\s+罚没金额（元）\s+处罚机关\s+严重程度\s+状态/,
      );
      expect(text).not.toMatch(/\d{4}-\d{2}-?\s*\n\s*\d{0,2}\s/);
      expect(text).toMatch(/\n\s*\d{4}-\d{2}-\d{2}\s/); // the penalty's date, whole, at the start of its row
    },
  );

  it('the verification page in Chinese: a genuine short code shows what it certifies; an altered one is refused; JSON for machines', async () => {
    const self = { authorization: `Bearer ${token}`, 'x-purpose': 'SELF_QUERY' };
    const html = await (await fetch(`${gw.url}/reports/${uscc}`, { headers: self })).text();
    const code = /id="verification-code">([^<]+)</.exec(html)![1]!;
    const reportNo = /id="report-no">([^<]+)</.exec(html)![1]!;
    const page = await browser.newPage();
    await page.goto(`${gw.url}/reports/verify/${code}`);
    expect(await page.textContent('#verdict')).toContain('核验通过');
    const certified = await page.innerText('#certified');
    // The grade and the rule set in words, not their codes.
    for (const s of [
      reportNo,
      uscc,
      '2026-11-01 16:00:00',
      '完整',
      'B（一般失信）',
      '示例规则集（版本 2026.12）',
    ])
      expect(certified).toContain(s);
    expect(certified).not.toContain('domain-default');
    // Whom it is about, by name as the report states it; the digest's length said.
    const name = /<tr><th>企业名称<\/th><td>([^<]+)</.exec(html)![1]!;
    expect(await page.textContent('#enterprise-name')).toBe(name);
    expect(certified).toContain('SHA-256 前128位');
    await page.screenshot({ path: join(ARTIFACTS, 'report-verify-genuine.png') });
    // From paper: the form, a code typed with O for 0 (and I for 1), no dashes — the same certificate.
    await page.goto(`${gw.url}/reports/verify`);
    expect(await page.textContent('h1')).toBe('信用报告核验');
    const misread = code.replaceAll('-', ' ').replaceAll('0', 'O').replaceAll('1', 'I');
    await page.fill('#code', misread);
    await Promise.all([page.waitForURL(/\/reports\/verify\?code=/), page.click('#verify-form button')]);
    expect(await page.textContent('#verdict')).toContain('核验通过');
    expect(await page.textContent('#enterprise-name')).toBe(name);
    // Typed by a person: lower case, no dashes — the same certificate.
    await page.goto(`${gw.url}/reports/verify/${code.toLowerCase().replaceAll('-', '')}`);
    expect(await page.textContent('#verdict')).toContain('核验通过');
    // One character changed.
    const last = code.at(-1) === 'A' ? 'B' : 'A';
    const response = await page.goto(`${gw.url}/reports/verify/${code.slice(0, -1)}${last}`);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('#verdict')).toContain('核验未通过');
    await page.screenshot({ path: join(ARTIFACTS, 'report-verify-altered.png') });
    await page.close();
    const json = (await (
      await fetch(`${gw.url}/reports/verify/${code}`, { headers: { accept: 'application/json' } })
    ).json()) as Record<string, unknown>;
    expect(json).toMatchObject({ genuine: true, reportNo, uscc, complete: true });
  });

  it('“who read my data” on the page: a clerk’s check shows with the hall, its role, purpose and what it read in Chinese — no official’s id', async () => {
    const clerk = await mintDevToken(
      { role: 'clerk', org: 'hall-lufeng', subject: 'official-0042' } as never,
      testNow(),
    );
    const check = await gw.query(
      'query($u: USCC!) { creditCheck(uscc: $u, matter: ADMINISTRATIVE_LICENSING) { verdict } }',
      { u: uscc },
      { authorization: `Bearer ${clerk}`, 'x-purpose': 'LICENSING' },
    );
    expect(check.body.errors).toBeUndefined();
    // Archived from the audit file within the shipper's period.
    const self = { authorization: `Bearer ${token}`, 'x-purpose': 'SELF_QUERY' };
    await expect
      .poll(
        async () =>
          (
            await gw.query('{ myDataAccess(first: 20) { edges { node { organization } } } }', {}, self)
          ).body.data?.myDataAccess.edges.some((e: any) => e.node.organization === 'hall-lufeng'),
        { timeout: 15_000, interval: 200 },
      )
      .toBe(true);
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${gw.url}/reports`);
    await page.fill('#token', token);
    await page.click('#signin-button');
    await page.waitForSelector('#tracker:not([hidden])');
    await expect
      .poll(async () => (await page.textContent('#tracker-list tbody')) ?? '')
      .toContain('hall-lufeng');
    const row = (
      await page.locator('#tracker-list tbody tr', { hasText: 'hall-lufeng' }).first().innerText()
    ).replace(/\s+/g, ' ');
    expect(row).toContain('窗口人员');
    expect(row).toContain('行政许可');
    expect(row).toContain('2026/11/1 16:00:00'); // the gateway's clock, in Beijing time
    expect(row).toContain('联合奖惩核查'); // what was read, in the schema's words (Query.creditCheck)
    expect(await page.textContent('#tracker')).not.toContain('official-0042');
  });

  it('errors on report routes are in Chinese, with their codes', async () => {
    const res = await fetch(`${gw.url}/reports/${uscc}`, {
      headers: {
        authorization: `Bearer ${await mintDevToken({ role: 'bank', org: 'b' }, testNow())}`,
        'x-purpose': 'PRE_CREDIT',
      },
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
    expect(body.errors[0]!.message).toMatch(/[\u4e00-\u9fff]/);
    const bad = (await (
      await fetch(`${gw.url}/reports/91440300-BAD`, {
        headers: { authorization: `Bearer ${token}`, 'x-purpose': 'SELF_QUERY' },
      })
    ).json()) as { errors: Array<{ message: string; extensions: { code: string } }> };
    expect(bad.errors[0]!.extensions.code).toBe('INVALID_USCC');
    expect(bad.errors[0]!.message).toContain('统一社会信用代码有误');
  });
});
