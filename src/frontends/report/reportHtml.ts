/** The public credit report (信用报告) as HTML: identity, grade and basis, records in force by department, repairs. */
import { escapeHtml } from '../../util/escapeHtml.ts';
import { DEPARTMENT_LABEL } from '../labels.ts';
import type { Certified } from './verification.ts';

const esc = escapeHtml;
const DEPARTMENT = DEPARTMENT_LABEL;
const SEVERITY: Record<string, string> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };
const STATUS: Record<string, string> = {
  ACTIVE: '有效',
  DISPUTED: '异议处理中',
  EXPIRED: '公示期满',
  REPAIRED: '已修复',
  REMOVED: '已移出',
};

/** The data a report shows (as the GraphQL API answered it for the caller). */
export interface ReportData {
  enterprise: {
    uscc: string;
    name: string | null;
    code: { regionCode: string; organizationTypeName: string | null; checksumValid: boolean };
    registration: {
      status: string;
      statusText: string;
      establishedOn: string;
      entityType: string;
      authority: string;
      address: string;
      legalRepresentative: { name: string };
    } | null;
    evaluation: {
      grade: string;
      label: string;
      ruleSet: string;
      version: string;
      evaluatedAt: string;
      basis: { rule: string };
      complete: boolean;
      missingDepartments: string[];
    } | null;
    records: Array<{
      id: string;
      department: string;
      kind: string;
      severity: string;
      date: string;
      title: string;
      status: string;
      publicity: { until: string | null };
    }>;
    credit: { repairs: Array<{ recordRef: string; repairedOn: string }> | null } | null;
    sources: Array<{ department: string; status: string; fetchedAt: string | null }>;
  };
}

/** Renders the report page (also the source of the PDF). */
export function reportHtml(data: ReportData, cert: Certified, code: string, verifyUrl: string): string {
  const e = data.enterprise;
  const byDept = new Map<string, ReportData['enterprise']['records']>();
  for (const r of e.records) byDept.set(r.department, [...(byDept.get(r.department) ?? []), r]);
  const repairs = e.credit?.repairs ?? null;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>信用报告 ${esc(cert.reportNo)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 2rem; color: #111; }
h1 { text-align: center; letter-spacing: 0.3em; } table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border: 1px solid #999; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; font-size: 0.95rem; }
th { background: #f0f0f0; width: 10rem; } .meta { font-size: 0.85rem; color: #333; } .grade { font-size: 1.6rem; font-weight: bold; }
.code { font-family: monospace; word-break: break-all; font-size: 0.8rem; } .meta { word-break: break-all; }
</style></head><body>
<h1>信用报告</h1>
<p class="meta">报告编号 <strong id="report-no">${esc(cert.reportNo)}</strong> · 生成时间 ${esc(cert.generatedAt)} · 评价规则 ${esc(e.evaluation?.ruleSet ?? cert.ruleSet)} ${esc(e.evaluation?.version ?? '')}</p>
<h2>一、主体身份</h2>
<table>
<tr><th>企业名称</th><td>${esc(e.name)}</td></tr>
<tr><th>统一社会信用代码</th><td>${esc(e.uscc)}${e.code.checksumValid ? '' : '（校验码不符，登记机关确认在册）'}</td></tr>
<tr><th>主体类型</th><td>${esc(e.registration?.entityType ?? e.code.organizationTypeName)}</td></tr>
<tr><th>法定代表人</th><td>${esc(e.registration?.legalRepresentative.name)}</td></tr>
<tr><th>登记状态</th><td>${esc(e.registration?.statusText)}</td></tr>
<tr><th>成立日期</th><td>${esc(e.registration?.establishedOn)}</td></tr>
<tr><th>登记机关</th><td>${esc(e.registration?.authority)}</td></tr>
<tr><th>住所</th><td>${esc(e.registration?.address)}</td></tr>
</table>
<h2>二、公共信用综合评价</h2>
${e.evaluation ? `<p class="grade" id="grade">${esc(e.evaluation.label)}</p><p>依据：${esc(e.evaluation.basis.rule)} · 评价日 ${esc(e.evaluation.evaluatedAt)}${e.evaluation.complete ? '' : ` · 以下部门数据缺失：${e.evaluation.missingDepartments.map((d) => esc(DEPARTMENT[d])).join('、')}`}</p>` : '<p>—</p>'}
<h2>三、有效失信记录（按部门）</h2>
${byDept.size === 0 ? '<p id="no-records">无有效失信记录。</p>' : [...byDept].map(([d, rs]) => `<h3>${esc(DEPARTMENT[d])}</h3><table><tr><th>日期</th><th>记录</th><th>严重程度</th><th>状态</th></tr>${rs.map((r) => `<tr id="record-${esc(r.id)}"><td>${esc(r.date)}</td><td>${esc(r.title)}<div class="meta">${esc(r.id)}${r.publicity.until ? ` · 公示至 ${esc(r.publicity.until)}` : ''}</div></td><td>${esc(SEVERITY[r.severity])}</td><td>${esc(STATUS[r.status])}</td></tr>`).join('')}</table>`).join('')}
${repairs ? `<h2>四、信用修复记录</h2>${repairs.length ? `<table><tr><th>修复日期</th><th>记录</th></tr>${repairs.map((r) => `<tr><td>${esc(r.repairedOn)}</td><td>${esc(r.recordRef)}</td></tr>`).join('')}</table>` : '<p>无</p>'}` : ''}
<h2>数据来源</h2>
<p class="meta">${e.sources.map((s) => `${esc(DEPARTMENT[s.department])}：${s.status === 'OK' ? '正常' : s.status === 'STALE' ? '缓存' : '不可用'}${s.fetchedAt ? `（${esc(s.fetchedAt)}）` : ''}`).join('；')}</p>
<h2>核验</h2>
<p>核验码：<span class="code" id="verification-code">${esc(code)}</span></p>
<p class="meta">核验地址：${esc(verifyUrl)}</p>
</body></html>`;
}
