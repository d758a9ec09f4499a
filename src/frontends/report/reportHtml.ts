/**
 * The public credit report (公共信用信息报告) as HTML, in the sections people know from the
 * provincial platforms: 基本信息, 行政许可 (from a declared department, else stated as
 * not covered), 行政处罚 by
 * department, 失信惩戒, 守信激励, 信用承诺, declared departments' own sections, 信用评价 with its basis, 信用修复与异议, 报告说明.
 * Every time is Beijing time. The same HTML is printed to PDF (page numbers in the footer).
 */
import type { ReportData, ReportIssue, ReportVerification } from './reportData.ts';
import { sections } from './reportSections.ts';
import type { Certified } from './verification.ts';
import { beijingTime, DEPARTMENT, esc, SOURCE } from './reportWords.ts';

export type { ReportData, ReportIssue, ReportVerification } from './reportData.ts';
export { repairsAndObjections } from './reportSections.ts';
export { beijingTime, documentNumber, recordRefWords } from './reportWords.ts';

/** How long a printed report stands as the enterprise's credit record, in days (报告有效期). */
export const REPORT_VALID_DAYS = 30;

const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** A section's number in words (一 … 十, 十一 … 十九). */
const numeral = (n: number): string => (n <= 10 ? NUMERALS[n - 1]! : `十${NUMERALS[n - 11]}`);

export function reportHtml(
  data: ReportData,
  cert: Certified,
  v: ReportVerification,
  ruleSetNote: string,
  issue: ReportIssue,
): string {
  const e = data.enterprise;
  const ev = e.evaluation;
  const body = sections(data);
  const validUntil = beijingTime(Date.parse(cert.generatedAt) + REPORT_VALID_DAYS * 86_400_000).slice(0, 10);
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>公共信用信息报告 ${esc(cert.reportNo)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 2rem; color: #111; }
h1 { text-align: center; letter-spacing: 0.3em; } h2 { border-bottom: 2px solid #333; padding-bottom: 0.2rem; margin-top: 1.6rem; break-after: avoid; }
h3 { margin: 0.8rem 0 0.3rem; font-size: 1rem; break-after: avoid; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 0.8rem; } tr { break-inside: avoid; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; font-size: 0.9rem; }
th { background: #f0f0f0; } .kv th { width: 9rem; } .meta { font-size: 0.8rem; color: #333; word-break: break-all; }
.grade { font-size: 1.6rem; font-weight: bold; } .none { color: #333; } .code { font-family: monospace; font-size: 1.1rem; letter-spacing: 0.05em; }
.verify { display: flex; gap: 1rem; align-items: center; } .verify svg { width: 32mm; height: 32mm; flex: none; }
.notice { font-size: 0.8rem; color: #333; } .nw { white-space: nowrap; }
.issuer { display: flex; justify-content: space-between; align-items: center; gap: 1rem; }
img.seal { width: 36mm; height: 36mm; object-fit: contain; flex: none; } p.seal { font-size: 0.8rem; flex: none; }
</style></head><body><main>
<h1>公共信用信息报告</h1>
<div class="issuer"><p class="meta" id="issue">出具单位：<strong>${esc(issue.issuer)}</strong> · 查询机构：${esc(issue.requester)} · 查询目的：${esc(issue.purpose)}</p>
${issue.seal ? `<img id="seal" class="seal" src="${esc(issue.seal.dataUri)}" alt="出具单位印章">` : '<p id="seal" class="seal none">（本部署未配置出具单位印章）</p>'}</div>
<p class="meta">报告编号 <strong id="report-no">${esc(cert.reportNo)}</strong> · 生成时间 <span id="generated-at">${esc(beijingTime(cert.generatedAt))}</span>（北京时间） · 评价规则 ${ev ? `${esc(ev.ruleSetName ?? ev.ruleSet)}（版本 ${esc(ev.version)}）` : esc(cert.ruleSet)}</p>
${body.map(([title, html], i) => `<h2>${numeral(i + 1)}、${title}</h2>\n${html}`).join('\n')}
<h2>${numeral(body.length + 1)}、报告说明</h2>
<table class="kv" id="sources">
<tr><th>信息来源</th><td>${e.sources.map((s) => `${esc(DEPARTMENT[s.department])}：${esc(SOURCE[s.status] ?? s.status)}${s.fetchedAt ? `（数据时间 ${esc(beijingTime(s.fetchedAt))}，出具前 ${Math.max(0, Math.round((Date.parse(cert.generatedAt) - Date.parse(s.fetchedAt)) / 60_000))} 分钟读取）` : ''}`).join('<br>')}</td></tr>
<tr><th>完整性</th><td>${ev?.complete === false ? '不完整' : '完整：各来源部门均已应答'}</td></tr>
<tr><th>评价规则</th><td id="rule-set-status">${esc(ruleSetNote)}</td></tr>
<tr><th>有效期</th><td>自生成之日起 ${REPORT_VALID_DAYS} 日内（至 ${esc(validUntil)}）有效；此后请重新查询。</td></tr>
</table>
<p class="notice">本报告依据各部门依法归集的公共信用信息生成，仅反映报告生成时的信息状况。信息主体对报告内容有异议的，可通过本平台提出异议申请；经核实有误的，由信息提供部门更正。本报告不得用于法律法规禁止的用途；未经信息主体同意，不得向第三方提供。</p>
<div class="verify">
${v.qrSvg}
<div><p>核验码：<span class="code" id="verification-code">${esc(v.code)}</span></p>
<p class="meta">扫描二维码，或在 <span id="verification-url">${esc(v.url)}</span> 核验本报告的真实性与内容摘要。</p>
<p class="meta">内容摘要（SHA-256 前128位）：${esc(cert.digest)}</p></div>
</div>
</main></body></html>`;
}
