/**
 * The receipt of an approval check (核查回执): its number (the request id its audit entry
 * carries), the gateway's time, and a short verification code — an HMAC under the report key of
 * exactly what the printout states — so a printout filed with an approval can be checked at
 * `/checks/verify?…` by anyone, with nothing stored. With the ledger, the receipt is also kept
 * under its code, so the 核验码 alone — typed from paper or read from the QR code —
 * verifies it, and the page shows the enterprise's name, the matter in words, the hall and whether
 * every department answered.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { escapeHtml as esc } from '../../util/escapeHtml.ts';
import { beijingTime } from './reportHtml.ts';
import type { StoredReceipt } from '../../ledger/CheckReceipts.ts';
import { DEPARTMENT_LABEL } from '../labels.ts';
import type { ReportKey, ReportKeys } from './verification.ts';

/** What a receipt certifies. */
export interface CheckFacts {
  number: string;
  uscc: string;
  matter: string;
  verdict: string;
  checkedAt: string;
}

const BASE32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const b32 = (bytes: Buffer, n: number): string => {
  let out = '';
  for (let i = 0; out.length < n; i++) out += BASE32[bytes[i]! & 31];
  return out;
};

function codeUnder(key: ReportKey, f: CheckFacts): string {
  const mac = createHmac('sha256', key.secret)
    .update(JSON.stringify(['check', key.id, f.number, f.uscc, f.matter, f.verdict, f.checkedAt]))
    .digest();
  const tag = b32(createHmac('sha256', 'key-tag').update(key.id).digest(), 4);
  const m = b32(mac, 12);
  return `${tag}-${m.slice(0, 4)}-${m.slice(4, 8)}-${m.slice(8)}`;
}

/** The code of a check under the current key. */
export function checkCode(keys: ReportKeys, f: CheckFacts): string {
  return codeUnder(keys.current, f);
}

/** Whether `code` is one this gateway (under an accepted key) issued for exactly these facts. */
export function checkGenuine(keys: ReportKeys, f: CheckFacts, code: string): boolean {
  const given = Buffer.from(code.toUpperCase());
  return [keys.current, ...keys.previous].some((k) => {
    const expected = Buffer.from(codeUnder(k, f));
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}

/** The path that verifies a receipt: every fact it states, and its code. */
export function checkVerifyPath(f: CheckFacts, code: string): string {
  const q = new URLSearchParams({
    no: f.number,
    uscc: f.uscc,
    matter: f.matter,
    verdict: f.verdict,
    at: f.checkedAt,
    code,
  });
  return `/checks/verify?${q}`;
}

const VERDICT: Record<string, string> = {
  FAST_TRACK: '绿色通道',
  NORMAL: '正常办理',
  RESTRICTED: '限制办理',
  INCOMPLETE: '无法完成核查',
};

/** The approval matters in words (as the schema describes them). */
export const MATTER_NAMES: Record<string, string> = {
  ADMINISTRATIVE_LICENSING: '行政许可',
  GOVERNMENT_PROCUREMENT: '政府采购',
  BIDDING: '招标投标',
  FISCAL_SUBSIDY: '财政资金补贴',
  HONOURS: '评优评先',
  QUALIFICATION_GRADING: '资质等级评定',
  TOLERANCE_ACCEPTANCE: '容缺受理',
  COMMITMENT_SYSTEM: '告知承诺制',
};

/**
 * A code as typed from paper: case, spaces and hyphens do not matter, and the letters the code
 * never uses are read as the digits they look like (O → 0, I and L → 1).
 */
export function normalizeReceiptCode(typed: string): string {
  const plain = typed
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  return plain.length === 16 ? plain.replace(/(.{4})(?=.)/g, '$1-') : typed.trim().toUpperCase();
}

/** The path that verifies a receipt kept in the ledger: its code alone. */
export const shortVerifyPath = (code: string): string => `/checks/verify?code=${encodeURIComponent(code)}`;

/** The seal of a stored receipt: an HMAC of every field it states, under the key that made its code. */
export function receiptSeal(key: ReportKey, r: Omit<StoredReceipt, 'seal'>): string {
  return createHmac('sha256', key.secret)
    .update(
      JSON.stringify([
        'receipt',
        r.code,
        r.keyId,
        r.number,
        r.uscc,
        r.name,
        r.matter,
        r.verdict,
        r.checkedAt,
        r.org,
        r.missing,
        // As arrays: the ledger's jsonb does not keep an object's key order.
        r.sources.map((x) => [x.department, x.status, x.fetchedAt]),
      ]),
    )
    .digest('base64url');
}

/** Whether a stored receipt is one this gateway issued and nobody edited: its code and its seal verify. */
export function storedGenuine(keys: ReportKeys, r: StoredReceipt): boolean {
  const key = [keys.current, ...keys.previous].find((k) => k.id === r.keyId);
  if (!key) return false;
  const facts = {
    number: r.number,
    uscc: r.uscc,
    matter: r.matter,
    verdict: r.verdict,
    checkedAt: r.checkedAt,
  };
  const seal = Buffer.from(receiptSeal(key, r));
  const given = Buffer.from(r.seal);
  return codeUnder(key, facts) === r.code && seal.length === given.length && timingSafeEqual(seal, given);
}

/** The parameters of a long verification address, in the words the page asks for them. */
const PARAMS: Array<[string, string]> = [
  ['no', '核查编号'],
  ['uscc', '统一社会信用代码'],
  ['matter', '审批事项'],
  ['verdict', '核查结论'],
  ['at', '核查时间'],
  ['code', '核验码'],
];

/** What `/checks/verify` found. */
export type ReceiptCheck =
  | { kind: 'form' }
  | { kind: 'genuine'; facts: CheckFacts; stored: StoredReceipt | null }
  | { kind: 'altered' }
  | { kind: 'unknown'; code: string }
  | { kind: 'partial'; missing: string[] };

/** Which parameters a long address lacks (it has some, not all); empty when none or all are there. */
export function missingParams(p: URLSearchParams): string[] {
  const given = PARAMS.filter(([k]) => p.get(k));
  if (given.length === 0 || given.length === PARAMS.length) return [];
  return PARAMS.filter(([k]) => !p.get(k)).map(([, words]) => words);
}

const time = (iso: string): string => (Number.isNaN(Date.parse(iso)) ? iso : beijingTime(iso));

function factsTable(f: CheckFacts, stored: StoredReceipt | null): string {
  const row = (th: string, td: string): string => `<tr><th>${th}</th><td>${td}</td></tr>`;
  const incomplete = f.verdict === 'INCOMPLETE' || (stored?.missing.length ?? 0) > 0;
  const completeness = stored
    ? stored.missing.length
      ? `不完整：${stored.missing.map((d) => esc(DEPARTMENT_LABEL[d] ?? d)).join('、')}未能提供数据`
      : '完整：各部门均已应答'
    : f.verdict === 'INCOMPLETE'
      ? '不完整：有部门未能提供数据'
      : '';
  return `<table id="certified">${[
    row('核查编号', esc(f.number)),
    stored?.name ? row('企业名称', esc(stored.name)) : '',
    row('统一社会信用代码', esc(f.uscc)),
    row('审批事项', `${esc(MATTER_NAMES[f.matter] ?? f.matter)}`),
    row(
      '核查结论',
      `${esc(VERDICT[f.verdict] ?? f.verdict)}${incomplete ? '（不完整：有部门未能提供数据，本结论不是对申请人的信用判断）' : ''}`,
    ),
    completeness ? row('数据完整性', completeness) : '',
    stored?.org ? row('核查单位', esc(stored.org)) : '',
    stored?.sources.length
      ? row(
          '数据时间',
          stored.sources
            .map(
              (s) =>
                `${esc(DEPARTMENT_LABEL[s.department] ?? s.department)}：${s.fetchedAt ? `${esc(time(s.fetchedAt))}${s.status === 'STALE' ? '（缓存，部门当时未应答）' : ''}` : '未能提供'}`,
            )
            .join('<br>'),
        )
      : '',
    row('核查时间', `${esc(time(f.checkedAt))}（北京时间）`),
  ].join('')}</table>`;
}

const FORM = `<form method="get" action="/checks/verify" id="verify-form"><p><label for="no">核查编号</label><br><input id="no" name="no" autocomplete="off" spellcheck="false"></p><p><label for="code">核验码</label><br><input id="code" name="code" autocomplete="off" spellcheck="false" placeholder="XXXX-XXXX-XXXX-XXXX"></p><p><button type="submit">核验</button></p></form>`;

/** The Chinese page for `/checks/verify`: a form to type from paper, or what was found. */
export function checkVerificationPage(r: ReceiptCheck): string {
  let heading: string;
  let body: string;
  let cls = 'bad';
  switch (r.kind) {
    case 'form':
      heading = '核查回执核验';
      cls = '';
      body = `<p>请输入回执上的核查编号和核验码（也可扫描回执上的二维码）。</p>${FORM}`;
      break;
    case 'genuine':
      heading = '核验通过：本回执由本平台出具，内容未被改动';
      cls = 'ok';
      body = factsTable(r.facts, r.stored);
      break;
    case 'altered':
      heading = '核验未通过';
      body = `<p>核查回执上的信息与核验码不符：该回执不是本平台出具的，或已被改动。</p>${FORM}`;
      break;
    case 'unknown':
      heading = '未找到该回执';
      body = `<p>没有核验码为 <strong>${esc(r.code)}</strong> 的核查回执。请核对回执上的核验码（字母 O 与数字 0 视为相同），或核查编号。</p>${FORM}`;
      break;
    case 'partial':
      heading = '核验地址不完整';
      body = `<p>地址缺少：${r.missing.map(esc).join('、')}。请核对回执上的完整地址，或输入回执上的核查编号和核验码。</p>${FORM}`;
      break;
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>核查回执核验</title><style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4rem .6rem;text-align:left;overflow-wrap:anywhere}th{background:#f0f0f0;width:9rem}.ok{color:#0a6b2d}.bad{color:#a40000}input{font-size:1.1rem;padding:.3rem;width:100%;max-width:22rem;box-sizing:border-box}</style></head><body><main><h1 id="verdict"${cls ? ` class="${cls}"` : ''}>${heading}</h1>${body}</main></body></html>`;
}
