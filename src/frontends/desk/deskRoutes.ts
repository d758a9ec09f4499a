/**
 * The regulators' desk (`/desk`): the page and its files, and a draw's exports —
 * `GET /desk/draws/{id}.csv` and `.xlsx` (exceljs) — read with the caller's own context through
 * the same GraphQL operation as the API (same authorization, audit): a draw is the regulators',
 * and anyone's once it is published (一公开).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Principal } from '../../auth/principal.ts';
import type { GatewayContext } from '../../context.ts';
import type { Asset } from '../../playground/assets.ts';
import type { AuthenticatedRoute } from '../../server/httpHandler.ts';
import { runOperation } from '../../server/runOperation.ts';
import { GatewayErrorCode, httpStatusOf, isGatewayErrorCode } from '../../errors.ts';
import { INSPECTION_RESULTS } from '../../ledger/Inspections.ts';
import { registeredNames } from '../registeredNames.ts';
import { DEPARTMENT_LABEL } from '../labels.ts';
import { everyDepartmentLabel } from '../../departments/declared/declarations.ts';
import { DEPARTMENT_NAMES, type Department } from '../../departments/registry.ts';
import { beijingTime } from '../report/reportHtml.ts';
import { withSignIn } from '../signIn.ts';

const require = createRequire(import.meta.url);

/** The desk's page, its script and the bundled chart library (Chart.js, no CDN). */
export function loadDeskAssets(): Map<string, Asset> {
  const dir = join(import.meta.dirname, 'client');
  const js = 'text/javascript; charset=utf-8';
  return new Map<string, Asset>([
    ['', { contentType: 'text/html; charset=utf-8', body: withSignIn(deskPage(dir)) }],
    // The words the scripts show, from where each is decided: departments (the registry and the declarations), inspection results (the fixed list).
    [
      'words.js',
      {
        contentType: js,
        body: Buffer.from(
          `window.CG_DEPARTMENTS = ${JSON.stringify(DESK_DEPARTMENTS)};\nwindow.CG_RESULTS = ${JSON.stringify(INSPECTION_RESULTS)};\n`,
        ),
      },
    ],
    ['app.js', { contentType: js, body: readFileSync(join(dir, 'desk.js')) }],
    ['roster.js', { contentType: js, body: readFileSync(join(dir, 'roster.js')) }],
    ['draws.js', { contentType: js, body: readFileSync(join(dir, 'draws.js')) }],
    ['liveEvents.js', { contentType: js, body: readFileSync(join(dir, 'liveEvents.js')) }],
    ['lists.js', { contentType: js, body: readFileSync(join(dir, 'lists.js')) }],
    [
      'chart.umd.js',
      { contentType: js, body: readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.js')) },
    ],
  ]);
}

/** Every department's label: the five's and the declared departments' (their records reach rosters and alerts). */
const DESK_DEPARTMENTS = everyDepartmentLabel();

/** The page with every department selectable where it lists them (the registry's order; market regulation first in draws, as before). */
function deskPage(dir: string): Buffer {
  const option = (d: string): string => `<option value="${d}">${DESK_DEPARTMENTS[d]}</option>`;
  const drawOrder = ['MARKET', ...DEPARTMENT_NAMES.filter((d) => d !== 'MARKET')] as Department[];
  const html = readFileSync(join(dir, 'desk.html'), 'utf8')
    .replace(
      '<option value="">全部</option><!-- department-options -->',
      // Departments with records, and so with objections to answer: declared ones too.
      `<option value="">全部</option>${Object.keys(DESK_DEPARTMENTS).map(option).join('')}`,
    )
    .replace('<!-- record-department-options -->', Object.keys(DESK_DEPARTMENTS).map(option).join(''))
    // Draws and 一单两库 lists: the five (a declared department does not inspect).
    .replaceAll('<!-- department-options -->', drawOrder.map(option).join(''));
  return Buffer.from(html);
}

/** The desk's draw record operation. */
export const DRAW_QUERY = `query DeskDraw($id: ID!) {
  inspectionDraw(id: $id) { id department seed drawnAt publishedAt tiers { tier population drawn } enterprises { uscc tier } }
}`;

/** A draw as the exports write it. */
export interface Draw {
  id: string;
  department: string;
  seed: string;
  drawnAt: string;
  publishedAt: string | null;
  tiers: Array<{ tier: string; population: number; drawn: number }>;
  enterprises: Array<{ uscc: string; tier: string }>;
  /** Registered names of the enterprises drawn, where the registry answered. */
  names?: Record<string, string>;
}

const TIER: Record<string, string> = { TRUSTED: '信任', NORMAL: '一般', KEY: '重点', STRICT: '严格' };

/** The draw's rows: one per enterprise drawn. */
function rows(d: Draw): string[][] {
  return d.enterprises.map((e) => [
    d.id,
    DEPARTMENT_LABEL[d.department] ?? d.department,
    d.seed,
    beijingTime(d.drawnAt),
    d.names?.[e.uscc] ?? '',
    e.uscc,
    TIER[e.tier] ?? e.tier,
  ]);
}
const HEADER = [
  '抽查编号',
  '检查部门',
  '随机种子',
  '抽取时间（北京时间）',
  '企业名称',
  '统一社会信用代码',
  '监管级别',
];
const CODE_COLUMN = HEADER.indexOf('统一社会信用代码');
/** A well-formed code: written as a text formula, so spreadsheets keep all 18 characters (not 9.14415E+17). */
const USCC_SHAPE = /^[0-9A-HJ-NP-RTUWXY]{18}$/;

/** CSV (RFC 4180) with a UTF-8 byte-order mark, so spreadsheet programs read the Chinese right. */
export function drawCsv(d: Draw): string {
  const cell = (raw: string): string => {
    // A cell a spreadsheet would read as a formula (= + - @, or a leading tab or CR) is kept as
    // text with a leading apostrophe (OWASP's CSV injection rule): the draw seed is typed by people.
    const v = /^[=+\-@\t\r]/.test(raw) ? `'${raw}` : raw;
    return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
  };
  const line = (r: string[], header: boolean): string =>
    r.map((v, k) => (!header && k === CODE_COLUMN && USCC_SHAPE.test(v) ? `="${v}"` : cell(v))).join(',');
  return `\ufeff${[line(HEADER, true), ...rows(d).map((r) => line(r, false))].join('\r\n')}\r\n`;
}

/** An Excel workbook: the enterprises drawn, and the tiers with their populations. */
export async function drawXlsx(d: Draw): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'credit-gateway';
  wb.created = new Date(d.drawnAt);
  const drawn = wb.addWorksheet('抽查结果');
  drawn.addRow(HEADER);
  for (const r of rows(d)) drawn.addRow(r);
  drawn.getRow(1).font = { bold: true };
  drawn.columns.forEach((c) => (c.width = 22));
  const tiers = wb.addWorksheet('各级别');
  tiers.addRow(['监管级别', '总数', '抽取数']);
  for (const t of d.tiers) tiers.addRow([TIER[t.tier] ?? t.tier, t.population, t.drawn]);
  tiers.getRow(1).font = { bold: true };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What the export routes need. */
export interface DeskRoutesOptions {
  apollo: ApolloServer<GatewayContext>;
  context: (req: IncomingMessage, principal: Principal) => Promise<GatewayContext>;
}

/** A refusal as the GraphQL error shape, with the status its code has (src/errorCodes.ts). */
const problem = (res: ServerResponse, code: GatewayErrorCode, message: string): void => {
  res.writeHead(httpStatusOf(code), {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
};

/** `GET /desk/draws/{id}.csv|.xlsx`: true when the request was one of these. */
export function createDeskRoutes(opts: DeskRoutesOptions): AuthenticatedRoute {
  return async (req, res, url, principal) => {
    const m = /^\/desk\/draws\/([^/]+)\.(csv|xlsx)$/.exec(url.pathname);
    if (req.method !== 'GET' || !m) return false;
    const [, id, format] = m as unknown as [string, string, 'csv' | 'xlsx'];
    const { data, errors } = await runOperation<{ inspectionDraw: Draw | null }>(
      opts.apollo,
      await opts.context(req, principal),
      DRAW_QUERY,
      { id: decodeURIComponent(id) },
    );
    const code = errors?.[0]?.extensions?.code;
    if (code) {
      // The status its code has (src/errorCodes.ts); a code not ours is masked as internal.
      problem(
        res,
        isGatewayErrorCode(code) ? code : GatewayErrorCode.INTERNAL_SERVER_ERROR,
        '无法导出该抽查记录',
      );
      return true;
    }
    const draw = data?.inspectionDraw;
    if (!draw) {
      problem(res, GatewayErrorCode.NOT_FOUND, '没有这条抽查记录（或尚未公开）');
      return true;
    }
    // Names through the same caller's context (the public view: the registry publishes them).
    const ctx = await opts.context(req, principal);
    draw.names = Object.fromEntries(
      await registeredNames(
        opts.apollo,
        () => ctx,
        draw.enterprises.map((e) => e.uscc),
      ),
    );
    const body = format === 'csv' ? Buffer.from(drawCsv(draw)) : await drawXlsx(draw);
    res.writeHead(200, {
      'content-type':
        format === 'csv'
          ? 'text/csv; charset=utf-8'
          : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'content-disposition': `attachment; filename="draw-${draw.id}.${format}"`,
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(body);
    return true;
  };
}
