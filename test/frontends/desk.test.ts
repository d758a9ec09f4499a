/**
 * The regulators' desk (/desk) in headless Chromium, keyboard first, against a gateway
 * with a ledger: the grade × tier chart and its table (the same numbers as the API), the roster
 * behind a bar, the alerts, live events moving, a 双随机 draw with its seed, exported as CSV and
 * Excel (read back), and published (一公开). Nothing is fetched from outside the gateway.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/auth/devIssuer.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { ARTIFACTS, chromiumAvailable, launchBrowser } from '../helpers/browser.ts';
import { startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { postMarketPenalty, samples, startTestSandbox } from '../helpers/sandbox.ts';

const HAS_CHROMIUM = chromiumAvailable();
const SIZE = 60;

describe.skipIf(!HAS_CHROMIUM)('regulators’ desk (/desk)', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let browser: Browser;
  let page: Page;
  let dir: string;
  let headers: Record<string, string>;
  let token: string;
  const elsewhere: string[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-desk-'));
    sb = await startTestSandbox({ size: SIZE });
    gw = await startTestGateway(
      sb,
      {},
      {
        LEDGER: 'true',
        LEDGER_DIR: join(dir, 'ledger'),
        CHANGE_POLL_MS: '100',
        BACKFILL_PER_SECOND: '1000',
        EVENTS_POLL_MS: '50',
      },
    );
    token = await mintDevToken({ role: 'regulator', org: 'samr-shanwei' }, testNow());
    headers = { authorization: `Bearer ${token}`, 'x-purpose': 'SUPERVISION' };
    // The whole city assessed before the page is read: waited for within a generous bound, and a
    // failure if not reached (the loop had given up silently, leaving a partial table to the first test).
    let assessed = 0;
    for (let i = 0; i < 600 && assessed !== SIZE; i++) {
      const r = await gw.query('{ roster(filter: {}, first: 1) { totalCount } }', {}, headers);
      assessed = r.body.data?.roster.totalCount ?? 0;
      if (assessed !== SIZE) await new Promise((ok) => setTimeout(ok, 100));
    }
    if (assessed !== SIZE)
      throw new Error(
        `the backfill assessed ${assessed} of ${SIZE} enterprises in 60 s: ${JSON.stringify(((await (await fetch(`${gw.url}/readyz`)).json()) as any).backfill)}`,
      );
    browser = await launchBrowser();
    const context = await browser.newContext({
      acceptDownloads: true,
      viewport: { width: 1366, height: 1000 },
    });
    page = await context.newPage();
    page.on('request', (r) => {
      if (!r.url().startsWith(gw.url) && !r.url().startsWith('blob:') && !r.url().startsWith('data:'))
        elsewhere.push(r.url());
    });
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await gw?.close();
    await sb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('signs in with the keyboard; the chart’s table holds the city’s counts per grade and tier, as the API does', async () => {
    await page.goto(`${gw.url}/desk`);
    await page.focus('#token');
    await page.keyboard.type(token);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#tier-table button[data-grade]');
    const api = (
      await gw.query(
        '{ roster(filter: {}, first: 1) { totalCount gradeCounts { grade tier count } } }',
        {},
        headers,
      )
    ).body.data.roster;
    const shown = await page.$$eval('#tier-table button[data-grade]', (bs) =>
      bs.map((b) => ({
        grade: b.getAttribute('data-grade'),
        tier: b.getAttribute('data-tier'),
        count: Number(b.textContent),
      })),
    );
    expect(shown.reduce((n, b) => n + b.count, 0)).toBe(SIZE);
    for (const c of api.gradeCounts) expect(shown).toContainEqual(c);
    expect(Number(await page.getAttribute('#tier-chart', 'data-bars'))).toBe(api.gradeCounts.length);
    expect(await page.textContent('#snapshot')).toContain(`共 ${SIZE} 户`);
    await page.screenshot({ path: join(ARTIFACTS, 'desk.png'), fullPage: true });
  });

  it('a bar’s count opens the roster behind it (keyboard), and the alerts list matches the ledger', async () => {
    const first = page.locator('#tier-table button[data-grade]').first();
    const grade = (await first.getAttribute('data-grade'))!;
    const tier = (await first.getAttribute('data-tier'))!;
    const count = Number(await first.textContent());
    await first.focus();
    await page.keyboard.press('Enter');
    await page.waitForSelector('#roster:not([hidden]) #roster-list tbody tr');
    await expect.poll(() => page.locator('#roster-list tbody tr').count()).toBe(Math.min(count, 50));
    const grades = await page.$$eval('#roster-list tbody tr td:nth-child(2)', (tds) =>
      tds.map((t) => t.textContent),
    );
    expect(new Set(grades)).toEqual(new Set([grade]));
    expect(tier).toBeTruthy();
    // enterprises by name (with code, legal representative and address), regions in words.
    const firstRow = (await page.textContent('#roster-list tbody tr td:nth-child(1)'))!;
    expect(firstRow).toMatch(
      /^(汕尾市|城区|海丰县|陆河县|陆丰市)\S+9[0-9A-Z]{17} · 法定代表人 \S+ · 广东省汕尾市/,
    );
    expect(await page.textContent('#roster-list tbody tr td:nth-child(4)')).toMatch(
      /汕尾市城区|海丰县|陆河县|陆丰市/,
    );
    const alerts = (
      await gw.query(
        '{ roster(filter: { alertKinds: [FREQUENT_IN_DOMAIN, MULTI_DOMAIN, GRADE_DROP] }, first: 1) { totalCount } }',
        {},
        headers,
      )
    ).body.data.roster.totalCount;
    expect(await page.textContent('#alerts-title')).toBe(`风险预警（${alerts} 户）`);
    // Paged: fifty at a time, and every alert reachable with 更多预警.
    const shown = async (): Promise<number> => page.locator('#alerts-list tbody tr').count();
    expect(await shown()).toBe(Math.min(alerts, 50));
    while (await page.isVisible('#alerts-more')) {
      const before = await shown();
      await page.click('#alerts-more');
      await expect.poll(shown).toBeGreaterThan(before);
    }
    expect(await shown()).toBe(alerts);
    expect(await page.textContent('#alerts-shown')).toBe(`已显示 ${alerts} 户`);
  });

  it('the events panel moves live: a penalty posted at the sandbox appears within seconds', async () => {
    // Connected (the stream's head comes at once), before anything has happened.
    await page.waitForFunction(
      () => document.getElementById('events-status')?.textContent?.includes('已连接'),
      undefined,
      { timeout: 10_000 },
    );
    const uscc = (await samples(sb)).clean![0]!;
    await postMarketPenalty(sb, uscc, '汕市监罚〔2026〕D1号');
    await page
      .waitForSelector('#events-list li[data-kind="RECORD_ADDED"]', { timeout: 10_000 })
      .catch(async (err: Error) => {
        throw new Error(`${err.message}; panel: ${await page.textContent('#events')}`);
      });
    expect(await page.textContent('#events-list')).toContain(uscc);
    // Named, once the name is looked up.
    await expect
      .poll(async () => (await page.textContent('#events-list li .event-name')) ?? '')
      .toMatch(/\S/);
  });

  it('a draw with its seed shown; exported as CSV and Excel (read back); published for everyone', async () => {
    // the seed is the gateway's — there is no seed to type, only the button.
    expect(await page.locator('#draw-seed').count()).toBe(0);
    await page.focus('#draw-button');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#draw-result:not([hidden])');
    const id = (await page.textContent('#draw-id'))!;
    const seed = (await page.textContent('#draw-used-seed'))!;
    expect(seed).toMatch(/^[0-9a-f]{64}$/);
    expect(await page.textContent('#draw-seed-hash')).toContain('在读取抽查范围前记录');
    // the draw says how much of the city the ledger held (the whole of it, backfilled).
    expect(await page.textContent('#draw-coverage')).toContain(`抽取时账本覆盖完整：登记 ${SIZE} 户`);
    expect(await page.textContent('#snapshot')).toContain('账本覆盖完整');
    expect(((await (await fetch(`${gw.url}/readyz`)).json()) as any).coverage).toMatchObject({
      registry: SIZE,
      complete: SIZE,
      missing: 0,
      whole: true,
    });
    const drawn = await page.locator('#draw-enterprises tbody tr').count();
    const perTier = await page.$$eval('#draw-tiers tbody tr td:nth-child(3)', (tds) =>
      tds.reduce((n, t) => n + Number(t.textContent), 0),
    );
    expect(drawn).toBe(perTier);
    expect(drawn).toBeGreaterThan(0);
    // Names in the draw, and the draw in the list of past draws.
    await expect
      .poll(async () => (await page.textContent('#draw-enterprises tbody tr td:nth-child(1)')) ?? '')
      .toMatch(/^(汕尾市|城区|海丰县|陆河县|陆丰市)\S+9[0-9A-Z]{17}$/);
    await expect.poll(async () => page.locator(`#draws-list tr[data-draw="${id}"]`).count()).toBe(1);

    const [csv] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    expect(csv.suggestedFilename()).toBe(`draw-${id}.csv`);
    const csvText = readFileSync((await csv.path())!, 'utf8');
    expect(csvText.startsWith('\ufeff抽查编号,检查部门,随机种子')).toBe(true);
    const lines = csvText.trim().split('\r\n');
    expect(lines).toHaveLength(drawn + 1);
    expect(lines[1]).toContain(`${id},市场监管,${seed},`);
    // The code column kept as text (an all-digit code would read 9.14415E+17), beside the name.
    expect(lines[0]!.split(',').slice(4, 6)).toEqual(['企业名称', '统一社会信用代码']);
    for (const l of lines.slice(1)) expect(l.split(',')[5]).toMatch(/^="9[0-9A-Z]{17}"$/);

    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile((await xlsx.path())!);
    const sheet = wb.getWorksheet('抽查结果')!;
    expect(sheet.rowCount).toBe(drawn + 1);
    expect(sheet.getRow(1).getCell(6).value).toBe('统一社会信用代码');
    const codes = new Set(lines.slice(1).map((l) => l.split(',')[5]!.slice(2, -1)));
    for (let r = 2; r <= sheet.rowCount; r++) {
      expect(codes.has(String(sheet.getRow(r).getCell(6).value))).toBe(true);
      expect(String(sheet.getRow(r).getCell(5).value)).toMatch(/^(汕尾市|城区|海丰县|陆河县|陆丰市)\S+/);
    }
    expect(wb.getWorksheet('各级别')!.rowCount).toBeGreaterThan(1);

    // Not yet public: an anonymous reader gets nothing; once published, anyone reads it.
    const anon = async () =>
      (await gw.query('query($id: ID!) { inspectionDraw(id: $id) { id publishedAt } }', { id }, {})).body.data
        ?.inspectionDraw ?? null;
    expect(await anon()).toBeNull();
    await page.focus('#publish');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() =>
      document.getElementById('publish-status')?.textContent?.includes('已于'),
    );
    expect(await anon()).toMatchObject({ id, publishedAt: expect.any(String) });
    // Anyone reads who was drawn, never their tiers.
    const pub = async (q: string) => (await gw.query(q, { id }, {})).body;
    expect(
      (await pub('query($id: ID!) { inspectionDraw(id: $id) { enterprises { uscc } } }')).data.inspectionDraw
        .enterprises.length,
    ).toBe(drawn);
    expect(
      (await pub('query($id: ID!) { inspectionDraw(id: $id) { enterprises { uscc tier } } }')).errors[0]
        .extensions.code,
    ).toBe('FORBIDDEN');
    await page.screenshot({ path: join(ARTIFACTS, 'desk-draw.png'), fullPage: true });
    expect(elsewhere).toEqual([]);
  });

  it('一单两库 kept from the desk: an item and an inspector by form, a CSV imported (a bad line said, nothing written), a result entered', async () => {
    await page.selectOption('#lists-department', 'MARKET');
    await page.fill('#item-code', 'SC-DESK');
    await page.fill('#item-name', '广告发布检查');
    await page.fill('#item-basis', '《中华人民共和国广告法》第四十九条');
    await page.click('#item-save');
    await page.waitForFunction(() =>
      document.getElementById('item-message')?.textContent?.includes('已保存事项'),
    );
    expect(await page.textContent('#items-list tbody')).toContain('广告发布检查');
    // The draw form offers it at once.
    expect(await page.textContent('#draw-item')).toContain('SC-DESK 广告发布检查');

    await page.fill('#inspector-name', '陈明');
    await page.fill('#inspector-unit', '汕尾市市场监督管理局');
    await page.fill('#inspector-region', '4415');
    await page.click('#inspector-save');
    await page.waitForFunction(() =>
      document.getElementById('inspector-message')?.textContent?.includes('已新增'),
    );
    await page.click('#inspectors-list button[data-edit]');
    expect(await page.inputValue('#inspector-name')).toBe('陈明');
    await page.fill('#inspector-region', '441581');
    await page.click('#inspector-save');
    await page.waitForFunction(() =>
      document.getElementById('inspector-message')?.textContent?.includes('已修改'),
    );
    expect(await page.textContent('#inspectors-list tbody')).toMatch(/陈明\s*汕尾市市场监督管理局\s*441581/);

    const upload = (text: string) =>
      page.setInputFiles('#inspector-file', {
        name: 'inspectors.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(text),
      });
    await upload('\ufeff姓名,单位,区域\n林一,汕尾市市场监督管理局,4415\n,汕尾市市场监督管理局,4415\n');
    await page.click('#import-button');
    await page.waitForFunction(() =>
      document.getElementById('inspector-message')?.textContent?.includes('导入未进行'),
    );
    expect(await page.textContent('#inspector-message')).toContain('第 3 行：姓名须为1至50个字符');
    expect(await page.textContent('#inspectors-list tbody')).not.toContain('林一');
    await upload('\ufeff姓名,单位,区域\n林一,汕尾市市场监督管理局,4415\n林二,汕尾市市场监督管理局,441581\n');
    await page.click('#import-button');
    await page.waitForFunction(() =>
      document.getElementById('inspector-message')?.textContent?.includes('导入完成'),
    );
    expect(await page.textContent('#inspector-message')).toContain('新增 2 人，更新 0 人');
    expect(await page.textContent('#inspectors-list tbody')).toMatch(/林一[\s\S]*林二/);

    // A result for the first enterprise of the latest draw, entered from its row.
    const row = page.locator('#draws-list tbody tr').first();
    const pending = Number(/(\d+) 户待录入/.exec((await row.textContent()) ?? '')?.[1]);
    await row.locator('button[data-results]').click();
    await page.waitForSelector('#results:not([hidden])');
    const first = page.locator('#results-list tbody tr').first();
    await first.locator('select').selectOption('CORRECTED');
    await first.locator('input[aria-label="备注"]').fill('已当场责令改正');
    await first.locator('button[data-record]').click();
    await page.waitForFunction(() =>
      document.getElementById('results-message')?.textContent?.includes('已录入'),
    );
    await expect
      .poll(async () => (await page.locator('#draws-list tbody tr').first().textContent()) ?? '')
      .toContain(pending > 1 ? `${pending - 1} 户待录入` : '已全部录入');
    // The publication deadline is said in the list: a day, "published", or that the calendar lacks the year.
    expect(await page.locator('#draws-list tbody tr').first().locator('td').nth(7).textContent()).toMatch(
      /前|已公开|工作日历未涵盖/,
    );
    // An objection filed by an enterprise is in market regulation's queue with its deadlines in working days.
    const objector = (await samples(sb)).clean![0]!;
    await postMarketPenalty(sb, objector, '汕市监罚〔2026〕99号');
    const filed = await gw.query(
      'mutation { fileObjection(input: { recordRef: "market:汕市监罚〔2026〕99号", reason: "已整改" }) { accepted } }',
      {},
      {
        authorization: `Bearer ${await mintDevToken({ role: 'enterprise', uscc: objector }, testNow())}`,
        'x-purpose': 'SELF_QUERY',
      },
    );
    expect(filed.body.data.fileObjection.accepted).toBe(true);
    await page.selectOption('#objections-department', 'MARKET');
    await expect
      .poll(async () => (await page.textContent('#objections-list tbody')) ?? '')
      .toContain('market:汕市监罚〔2026〕99号');
    // Filed on Sunday 1 November 2026: the answer by Tuesday the 3rd, the comparison by Friday the 6th.
    expect(await page.textContent('#objections-list tbody')).toMatch(
      /2026-11-01\s*2026-11-03\s*2026-11-06\s*待答复/,
    );
    await page.screenshot({ path: join(ARTIFACTS, 'desk-lists.png'), fullPage: true });
    expect(elsewhere).toEqual([]);
  });
});
