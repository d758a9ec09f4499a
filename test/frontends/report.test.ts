/** The credit report: HTML for the enterprise and clerks, a PDF that renders, and a verification code that holds. */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ARTIFACTS, chromiumAvailable } from '../helpers/browser.ts';
import { headersFor } from '../helpers/gateway.ts';
import { useGateway } from '../helpers/useGateway.ts';

const HAS_CHROMIUM = chromiumAvailable();
const HAS_PDFTOPPM = spawnSync('pdftoppm', ['-v'], { stdio: 'ignore' }).status === 0;
if (!HAS_PDFTOPPM && process.env.REQUIRE_CHROMIUM === '1')
  throw new Error('REQUIRE_CHROMIUM=1 but pdftoppm is missing (apt-get install -y poppler-utils)');

const fx = useGateway();

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await fetch(`${fx.gw.url}${path}`, { headers });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    body: Buffer.from(await res.arrayBuffer()),
  };
};

describe('credit report (信用报告)', () => {
  it('the enterprise itself gets its report: identity, grade and basis, records by department, repairs, rule set, number, verification code', async () => {
    const uscc = fx.traits.repaired![0]!;
    const self = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    const { status, type, body } = await get(`/reports/${uscc}`, self);
    expect(status).toBe(200);
    expect(type).toContain('text/html');
    const html = body.toString('utf8');
    // the report is now titled as the standard form, 公共信用信息报告 (was 信用报告).
    for (const s of [
      '公共信用信息报告',
      uscc,
      'A（守信）', // the grade's name as Langfang 三(五) defines it (rules v3; was A（优秀）)
      // the rule set and the grade's basis in words, not codes.
      '公共信用综合评价（A/B/C/D）示例规则集（版本 2026.12）',
      '考察期内无一般及以上失信记录',
      '信用修复记录',
      '核验码',
    ])
      expect(html).toContain(s);
    // Rules v3: the rule set is not yet confirmed by the city, and the report says so in its 报告说明.
    expect(html).toMatch(/id="rule-set-status">规则集待确认：示例规则集.*发展改革局、司法局/);
    expect(html).toMatch(/id="report-no">CR\d{16}</);
    for (const code of ['NO_RECORDS', 'domain-default', '#ADMINISTRATIVE_PENALTY', 'market:'])
      expect(html).not.toContain(code);
    // who issued it, for whom and why, and the departments' own ratings by year.
    expect(html).toMatch(/出具单位：<strong>[^<]+<\/strong> · 查询机构：企业本身 · 查询目的：企业自查/);
    expect(html).toMatch(/id="department-ratings"[\s\S]*?<td[^>]*>20\d\d<\/td>/);
    // No seal configured here: the report says so rather than show one.
    expect(html).toContain('id="seal" class="seal none">（本部署未配置出具单位印章）');
    // A repair in words: the record repaired (its title and document number), who decided, what it did.
    // (Read without the no-wrap marks the PDF layout puts on short cells and dates.)
    const unmarked = html.replace(/<span class="nw">([^<]*)<\/span>/g, '$1').replace(/ class="nw"/g, '');
    expect(unmarked).toMatch(
      /<th>修复日期<\/th><th>所涉记录<\/th><th>作出修复决定的机关<\/th><th>修复效果<\/th>[\s\S]*?<td>\d{4}-\d{2}-\d{2}<\/td><td>[^<]+（\d{4}-\d{2}-\d{2}，文书号 [^<]+）<\/td><td>[^<—]+<\/td><td>停止公示，不再计入信用评价/,
    );
    const code = /id="verification-code">([^<]+)</.exec(html)![1]!;
    const verified = JSON.parse((await get(`/reports/verify/${code}`)).body.toString()) as Record<
      string,
      unknown
    >;
    expect(verified).toMatchObject({ genuine: true, uscc, grade: 'A', ruleSet: 'domain-default 2026.12' });
    // Altered: one character of the signature, or of what it certifies.
    const [payload, sig] = code.split('.') as [string, string];
    const flipped = `${payload}.${sig[0] === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    expect((await get(`/reports/verify/${flipped}`)).status).toBe(404);
    const forged = Buffer.from(
      JSON.stringify(
        JSON.parse(Buffer.from(payload, 'base64url').toString()).map((x: unknown) => (x === 'A' ? 'C' : x)),
      ),
    ).toString('base64url');
    expect(JSON.parse((await get(`/reports/verify/${forged}.${sig}`)).body.toString())).toEqual({
      genuine: false,
    });
    // Anything appended to a genuine code makes it no code of ours.
    for (const extra of ['.x', 'x', '.', '%20', '.AAAA'])
      expect((await get(`/reports/verify/${code}${extra}`)).status, extra).toBe(404);
  });

  it('a clerk with a purpose gets the public report (records in force, no repair history); others are refused', async () => {
    const uscc = fx.traits.dishonestDebtor![0]!;
    const clerk = await headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' });
    const html = (await get(`/reports/${uscc}`, clerk)).body.toString('utf8');
    expect(html).toContain('失信被执行人');
    expect(html).not.toContain('信用修复记录');
    expect((await get(`/reports/${uscc}`, await headersFor({ role: 'clerk', org: 'hall-1' }))).status).toBe(
      403,
    ); // no purpose
    expect(
      (await get(`/reports/${uscc}`, await headersFor({ role: 'bank', org: 'b', purpose: 'PRE_CREDIT' })))
        .status,
    ).toBe(403);
    expect(
      (
        await get(
          `/reports/${uscc}`,
          await headersFor({ role: 'enterprise', uscc: fx.traits.clean![0], purpose: 'SELF_QUERY' }),
        )
      ).status,
    ).toBe(403);
    expect((await get(`/reports/${uscc}`)).status).toBe(403);
    expect((await get('/reports/91440300I92203821X', clerk)).status).toBe(400);
  });

  it('二、行政许可 lists the licences the declared licensing department publishes, the revoked one with its reason', async () => {
    const uscc = fx.traits.licenceRevoked![0]!;
    const self = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    const api = await fetch(`${fx.gw.url}/graphql`, {
      method: 'POST',
      headers: { ...self, 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ enterprise(uscc: "${uscc}") { licensing { licences { number stateReason } } } }`,
      }),
    });
    const licences = (await api.json()).data.enterprise.licensing.licences as Array<{
      number: string;
      stateReason: string | null;
    }>;
    expect(licences.length).toBeGreaterThan(0);
    const html = (await get(`/reports/${uscc}`, self)).body.toString('utf8');
    const section = /<h2>二、行政许可<\/h2>([\s\S]*?)<h2>三、/.exec(html)![1]!;
    expect(section).not.toContain('不含行政许可信息');
    expect(section).toContain('来源：行政许可');
    for (const l of licences) expect(section).toContain(l.number);
    expect(section).toContain('吊销许可证件');
    expect(section.match(/<tr>/g)!.length).toBe(licences.length + 1); // the heading row and one per licence
  });

  it.skipIf(!HAS_CHROMIUM || !HAS_PDFTOPPM)('renders as a PDF whose page converts to an image', async () => {
    const uscc = fx.traits.seriousPenalty![0]!;
    const self = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    const { status, type, body } = await get(`/reports/${uscc}.pdf`, self);
    expect(status).toBe(200);
    expect(type).toBe('application/pdf');
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'report-'));
    writeFileSync(join(dir, 'report.pdf'), body);
    // Its own folder for the image: on a fresh clone nothing else may have made it yet.
    mkdirSync(ARTIFACTS, { recursive: true });
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '60',
      '-f',
      '1',
      '-l',
      '1',
      join(dir, 'report.pdf'),
      join(ARTIFACTS, 'credit-report'),
    ]);
    const png = readdirSync(ARTIFACTS).find((f) => f.startsWith('credit-report') && f.endsWith('.png'))!;
    expect(statSync(join(ARTIFACTS, png)).size).toBeGreaterThan(10_000);
  });

  it.skipIf(!HAS_CHROMIUM || !HAS_PDFTOPPM)(
    'the PDF of the report on screen is that report: its number and code, issued to this caller only',
    async () => {
      const uscc = fx.traits.generalPenalty![0]!;
      const self = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
      const res = await fetch(`${fx.gw.url}/reports/${uscc}`, { headers: self });
      const html = await res.text();
      const no = res.headers.get('x-report-no')!;
      expect(html).toContain(`id="report-no">${no}<`);
      const code = /id="verification-code">([^<]+)</.exec(html)![1]!;
      const pdf = await fetch(`${fx.gw.url}/reports/${uscc}.pdf?no=${no}`, { headers: self });
      expect(pdf.status).toBe(200);
      expect(pdf.headers.get('content-disposition')).toContain(`filename="${no}.pdf"`);
      const dir = mkdtempSync(join(tmpdir(), 'report-same-'));
      writeFileSync(join(dir, 'same.pdf'), Buffer.from(await pdf.arrayBuffer()));
      const text = execFileSync('pdftotext', [join(dir, 'same.pdf'), '-'], { encoding: 'utf8' });
      expect(text).toContain(no);
      // The same verification code (its head: the long code wraps across lines in the PDF's text).
      expect(text.replace(/\s/g, '')).toContain(code.slice(0, 24));
      // Another person of the same enterprise, a number never issued, or a malformed one: gone (410), alike.
      const colleague = await headersFor({
        role: 'enterprise',
        uscc,
        subject: 'someone-else',
        purpose: 'SELF_QUERY',
      });
      for (const [headers, n] of [
        [colleague, no],
        [self, 'CR2026110199999999'],
        [self, 'x'],
      ] as const) {
        const gone = await fetch(`${fx.gw.url}/reports/${uscc}.pdf?no=${n}`, { headers });
        expect(gone.status, n).toBe(410);
        expect(
          ((await gone.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions
            .code,
        ).toBe('REPORT_EXPIRED');
      }
      // Another enterprise is refused before anything is looked up.
      const other = await headersFor({
        role: 'enterprise',
        uscc: fx.traits.clean![0],
        purpose: 'SELF_QUERY',
      });
      expect((await fetch(`${fx.gw.url}/reports/${uscc}.pdf?no=${no}`, { headers: other })).status).toBe(403);
    },
  );
});
