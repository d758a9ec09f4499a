/**
 * The receipt of an approval check (核查回执, issue 20): its number (the request id its audit entry
 * carries), the gateway's time, and a short verification code — an HMAC under the report key of
 * exactly what the printout states — so a printout filed with an approval can be checked at
 * `/checks/verify?…` by anyone, with nothing stored.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { escapeHtml as esc } from '../../util/escapeHtml.ts';
import { beijingTime } from './reportHtml.ts';
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

/** The Chinese page for `/checks/verify?…`: genuine (with the facts) or not. */
export function checkVerificationPage(f: CheckFacts, genuine: boolean): string {
  const rows = genuine
    ? `<table id="certified"><tr><th>核查编号</th><td>${esc(f.number)}</td></tr><tr><th>统一社会信用代码</th><td>${esc(f.uscc)}</td></tr><tr><th>审批事项</th><td>${esc(f.matter)}</td></tr><tr><th>核查结论</th><td>${esc(VERDICT[f.verdict] ?? f.verdict)}${f.verdict === 'INCOMPLETE' ? '（不完整：有部门未能提供数据，本结论不是对申请人的信用判断）' : ''}</td></tr><tr><th>核查时间</th><td>${esc(Number.isNaN(Date.parse(f.checkedAt)) ? f.checkedAt : beijingTime(f.checkedAt))}（北京时间）</td></tr></table>`
    : '<p>核查回执上的信息与核验码不符：该回执不是本平台出具的，或已被改动。</p>';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>核查回执核验</title><style>body{font-family:"Noto Sans CJK SC",sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:.4rem .6rem;text-align:left}th{background:#f0f0f0;width:9rem}.ok{color:#0a6b2d}.bad{color:#a40000}</style></head><body><main><h1 id="verdict" class="${genuine ? 'ok' : 'bad'}">${genuine ? '核验通过：本回执由本平台出具，内容未被改动' : '核验未通过'}</h1>${rows}</main></body></html>`;
}
