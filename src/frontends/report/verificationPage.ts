/** The Chinese verification page (报告核验): exactly what a genuine code certifies, or that it is not genuine. */
import { escapeHtml as esc } from '../../util/escapeHtml.ts';
import { beijingTime } from './reportHtml.ts';
import type { Certified } from './verification.ts';

const STYLE = `body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 2rem auto; max-width: 44rem; color: #111; padding: 0 1rem; }
h1 { font-size: 1.4rem; } .ok { color: #0a6b2d; } .bad { color: #a40000; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #999; padding: 0.4rem 0.6rem; text-align: left; }
th { background: #f0f0f0; width: 11rem; } form { margin: 1rem 0; } input { font-size: 1.1rem; padding: 0.3rem; width: 20rem; max-width: 100%; } button { font-size: 1rem; padding: 0.3rem 1rem; } .mono { font-family: monospace; word-break: break-all; } p.note { font-size: 0.85rem; color: #333; }`;

/** Words for what a certificate names by code: its grade and rule set (null: not the rule set in force). */
export interface CertificateWords {
  grade(ruleSet: string, grade: string): string | null;
  ruleSet(ruleSet: string): string | null;
}

/** The page for a code: genuine (what it certifies) or not. */
export function verificationPage(
  code: string,
  cert: (Certified & { keyId: string }) | null,
  words?: CertificateWords,
): string {
  const body = cert
    ? `<h1 class="ok" id="verdict">核验通过：本报告由本平台出具，内容未被改动</h1>
<table id="certified">
<tr><th>报告编号</th><td>${esc(cert.reportNo)}</td></tr>
${cert.name ? `<tr><th>企业名称</th><td id="enterprise-name">${esc(cert.name)}</td></tr>` : ''}
<tr><th>统一社会信用代码</th><td>${esc(cert.uscc)}</td></tr>
<tr><th>生成时间</th><td>${esc(beijingTime(cert.generatedAt))}（北京时间）</td></tr>
<tr><th>信用评价</th><td>${esc((cert.grade && words?.grade(cert.ruleSet, cert.grade)) ?? cert.grade ?? '—')}</td></tr>
<tr><th>评价规则</th><td>${esc(words?.ruleSet(cert.ruleSet) ?? cert.ruleSet)}</td></tr>
<tr><th>数据完整性</th><td>${cert.complete === false ? '不完整' : '完整（各来源部门均已应答）'}</td></tr>
<tr><th>内容摘要（SHA-256 前128位）</th><td class="mono">${esc(cert.digest)}</td></tr>
<tr><th>签名密钥编号</th><td class="mono">${esc(cert.keyId)}</td></tr>
</table>
<p class="note">请核对纸质报告上的报告编号、${cert.name ? '企业名称、' : ''}统一社会信用代码、生成时间、信用评价与内容摘要与上表一致；任何一项不一致，该报告即非本平台出具的原件。</p>`
    : `<h1 class="bad" id="verdict">核验未通过：本平台没有出具与此核验码相符的报告</h1>
<p>核验码 <span class="mono">${esc(code)}</span> 不是本平台签发的，或已被改动，或签发它的密钥已停用。请核对是否录入有误（字母 O 按数字 0 读），或向出具报告的企业核实、重新查询报告。</p>
${codeForm(code)}`;
  return page(body);
}

/** The page a person types a report's code into (报告核验), from paper. */
export function verificationFormPage(): string {
  return page(`<h1 id="verdict">信用报告核验</h1>
<p>请输入纸质报告下方的核验码（16位，如 7K3M-Q2P9-XW4T-8HJN；不区分大小写，可不输横线），或扫描报告上的二维码。</p>
${codeForm('')}`);
}

function codeForm(value: string): string {
  return `<form method="get" action="/reports/verify" id="verify-form">
<label for="code">核验码</label> <input id="code" name="code" value="${esc(value)}" autocomplete="off" spellcheck="false" maxlength="200" required>
<button type="submit">核验</button>
</form>`;
}

function page(body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>信用报告核验</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}
