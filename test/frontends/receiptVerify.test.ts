/**
 * A check's receipt verified from paper: with the ledger, the receipt is kept
 * under its 核验码, so the code alone verifies it — typed with spaces, in lower case, with O for 0 —
 * or the number and code typed into the page's form, or the QR code's short address. The page shows
 * the enterprise's name, the matter in words, the hall and whether every department answered. An
 * address with parameters missing asks for them instead of calling the printout a forgery.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkCode,
  normalizeReceiptCode,
  receiptSeal,
  storedGenuine,
} from '../../src/frontends/report/checkReceipt.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

const CHECK = `query($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) {
  name verdict receipt { number code verifyPath } } }`;

describe('receipts verified from paper', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let dir: string;
  let uscc: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cg-receipts-'));
    sb = await startTestSandbox({ size: 30 });
    gw = await startTestGateway(
      sb,
      {},
      { LEDGER: 'true', LEDGER_DIR: join(dir, 'ledger'), BACKFILL: 'false' },
    );
    uscc = (await samples(sb)).clean![0]!;
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await sb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const page = async (path: string) => {
    const res = await fetch(`${gw.url}${path}`);
    return { status: res.status, html: await res.text() };
  };

  it('the code alone verifies a kept receipt, however it is typed; the page says who, what, where and how complete', async () => {
    const clerk = await headersFor({ role: 'clerk', org: 'hall-7', purpose: 'LICENSING' });
    const { body } = await gw.query(CHECK, { u: uscc }, clerk);
    const check = body.data.creditCheck;
    expect(check.receipt.verifyPath).toBe(`/checks/verify?code=${check.receipt.code}`);
    const typed = check.receipt.code.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    for (const path of [check.receipt.verifyPath, `/checks/verify?code=${encodeURIComponent(typed)}`]) {
      const { status, html } = await page(path);
      expect(status, path).toBe(200);
      expect(html).toContain('核验通过');
      for (const s of [
        check.name,
        uscc,
        '政府采购',
        'hall-7',
        '完整：各部门均已应答',
        check.receipt.number,
        '数据时间',
        '法院：2026-11-01',
      ])
        expect(html, s).toContain(s);
    }
    // The form: number and code typed from paper.
    const form = await page('/checks/verify');
    expect(form.status).toBe(200);
    expect(form.html).toContain('id="verify-form"');
    const q = new URLSearchParams({ no: check.receipt.number, code: check.receipt.code });
    expect((await page(`/checks/verify?${q}`)).status).toBe(200);
    // A number that is not the receipt's, and a code nobody issued: not found, said plainly.
    const wrongNo = await page(
      `/checks/verify?${new URLSearchParams({ no: 'X1', code: check.receipt.code })}`,
    );
    expect(wrongNo.status).toBe(404);
    expect(wrongNo.html).toContain('未找到该回执');
    expect((await page('/checks/verify?code=AAAA-BBBB-CCCC-DDDD')).html).toContain('未找到该回执');
    // The QR code of the short address is served by the gateway itself (no CDN).
    const qr = await fetch(`${gw.url}/checks/qr.svg?code=${check.receipt.code}`);
    expect(qr.headers.get('content-type')).toContain('image/svg+xml');
    expect(await qr.text()).toMatch(/^<svg/);
    expect((await fetch(`${gw.url}/checks/qr.svg?code=javascript:x`)).status).toBe(400);
  });

  it('an address with parameters missing asks for them; it does not call the printout a forgery', async () => {
    const { status, html } = await page(`/checks/verify?no=1&uscc=${uscc}&matter=BIDDING`);
    expect(status).toBe(400);
    expect(html).toContain('核验地址不完整');
    expect(html).toContain('缺少：核查结论、核查时间、核验码');
    expect(html).not.toContain('不是本平台出具的');
  });
});

describe('a kept receipt edited in the ledger', () => {
  const keys = { current: { id: 'k1', secret: 's'.repeat(32) }, previous: [] };
  const facts = {
    number: 'n1',
    uscc: '91441500MA4UXXXX0X',
    matter: 'BIDDING',
    verdict: 'NORMAL',
    checkedAt: '2026-11-01T08:00:00.000Z',
  };
  const row = {
    ...facts,
    code: checkCode(keys, facts),
    keyId: 'k1',
    name: '某公司',
    org: 'hall-1',
    missing: [],
    sources: [{ department: 'COURT', status: 'OK', fetchedAt: '2026-11-01T07:59:00.000Z' }],
  };
  const stored = { ...row, seal: receiptSeal(keys.current, row) };

  it('verifies as issued; an edited name, hall, completeness, verdict or data time does not', () => {
    expect(storedGenuine(keys, stored)).toBe(true);
    for (const edit of [
      { name: '别的公司' },
      { org: 'hall-2' },
      { missing: ['COURT'] },
      { verdict: 'FAST_TRACK' },
      { sources: [{ department: 'COURT', status: 'OK', fetchedAt: '2026-11-01T08:00:00.000Z' }] },
    ])
      expect(storedGenuine(keys, { ...stored, ...edit }), JSON.stringify(edit)).toBe(false);
  });

  it('reads a code as typed from paper: case, spaces, hyphens, O for 0, I and L for 1', () => {
    expect(normalizeReceiptCode(' ab0l io12 3456-7890 ')).toBe('AB01-1012-3456-7890');
    expect(normalizeReceiptCode('abcd')).toBe('ABCD');
  });
});
