/**
 * The service-hall check's answer as HTML (hall.ts puts it on the page): everything is escaped, and
 * records are named as people read them, never by id.
 */
import { decodeUscc } from '../../../credit/uscc.ts';
import {
  DEPARTMENT,
  esc,
  RECORD_STATUS,
  SEVERITY,
  STATUS,
  VERDICT,
  beijing,
  type Check,
} from './hallWords.ts';

/** How old data is, in words a clerk reads. */
function ageText(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))}分钟`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)}小时`;
  return `${Math.round(seconds / 86_400)}天`;
}

const INTERVIEW_KIND: Record<string, string> = { PROMPT: '提示约谈', WARNING: '警示约谈' };

/** 约谈记录: part of the enterprise's credit record, shown to the clerk; no grade or restriction follows from it. */
function interviewsHtml(list: Check['basis']['interviews']): string {
  if (!list?.length) return '';
  const state = (i: NonNullable<typeof list>[number]): string =>
    i.rectifiedOn ? `${esc(i.rectifiedOn)} 已整改` : i.overdue ? '逾期未整改' : '整改中';
  return `<h3>约谈记录</h3><ul data-basis="interviews">${list
    .map(
      (i) =>
        `<li>${esc(DEPARTMENT[i.department] ?? i.department)} · ${esc(i.heldOn)} · ${esc(INTERVIEW_KIND[i.kind] ?? i.kind)} · 整改期限 ${esc(i.rectifyBy)}（${state(i)}）</li>`,
    )
    .join('')}</ul><p class="check-meta">约谈记录是信用记录的一部分，不计入评价等级。</p>`;
}

/**
 * The check's answer as the clerk reads it: verdict, flags, the receipt, measures with their basis,
 * grade, records, interviews and sources. `matterName` is the matter as the page names it.
 */
export function resultHtml(
  c: Check,
  check: { number: string; at: number; matter: string },
  matterName: string,
  signedIn: { hall: string | null; clerk: string } | null,
): string {
  const ev = c.basis.evaluation;
  const flagged = c.sources.filter((s) => s.status !== 'OK');
  const records = c.basis.records;
  /** A record named as people read it (department, date, title), never by its id. */
  const recordInWords = (id: string): string => {
    const r = records.find((x) => x.id === id);
    return r ? `${DEPARTMENT[r.department] ?? r.department} ${r.date} ${r.title}` : '所列记录';
  };
  return `
    <div class="verdict-row">
      <div class="who"><h2 id="result-title">${esc(c.name ?? c.uscc)}</h2><p class="code">${esc(c.uscc)}</p></div>
      <div class="verdict ${esc(c.verdict)}" data-verdict="${esc(c.verdict)}">${esc(VERDICT[c.verdict] ?? c.verdict)}</div>
    </div>
    <p class="check-meta" data-check-number="${esc(check.number)}">审批事项：${esc(matterName)} · 核查时间：${esc(beijing(check.at))}（北京时间） · 核查编号：${esc(check.number)}</p>
    ${signedIn ? `<p class="check-meta" data-clerk="${esc(signedIn.clerk)}">办理机构：${esc(signedIn.hall ?? '—')} · 经办人：${esc(signedIn.clerk)}</p>` : ''}
    ${decodeUscc(c.uscc).checksumValid ? '' : '<p class="warning" data-flag="checksum">该代码第18位校验码不符，但登记机关确认在册（早期试点地区赋码），已按登记信息核查；请核对证照上的代码与此一致。</p>'}
    ${c.verdict === 'INCOMPLETE' ? `<p class="warning" data-flag="incomplete">无法完成核查：${c.missingDepartments.map((d) => esc(DEPARTMENT[d] ?? d)).join('、')}未能提供数据，而这些数据可能改变结论。本结论不是对申请人的信用判断；请稍后重新核查，或按人工程序办理。</p>` : ''}
    <p class="check-meta receipt">${c.receipt.verifyPath.startsWith('/checks/verify?code=') ? `<img class="receipt-qr" width="96" height="96" alt="核验二维码" src="/checks/qr.svg?code=${encodeURIComponent(c.receipt.code)}">` : ''}核验码：<strong data-receipt-code="${esc(c.receipt.code)}">${esc(c.receipt.code)}</strong> · 核验：<span class="verify-url">${esc(location.origin + c.receipt.verifyPath)}</span>（或在 ${esc(location.origin)}/checks/verify 输入核查编号和核验码）</p>
    ${!c.complete || c.stale ? `<p class="warning" data-flag="sources">${!c.complete ? '部分部门数据缺失，本次核查不适用绿色通道：' : '部分部门数据来自缓存（已过期）：'}${flagged.map((s) => `${esc(DEPARTMENT[s.department])}${esc(STATUS[s.status])}`).join('；')}</p>` : ''}
    <h3>适用措施</h3>
    ${c.measures.length ? `<ul>${c.measures.map((m) => `<li><strong>${esc(m.name)}</strong>（${m.kind === 'RESTRICTION' ? '惩戒' : '激励'}）<div class="basis">依据：${esc(m.legalBasis)}</div>${m.recordIds.length ? `<div class="basis">触发记录：${m.recordIds.map((id: string) => `<a href="#record-${encodeURIComponent(id)}">${esc(recordInWords(id))}</a>`).join('、')}</div>` : ''}</li>`).join('')}</ul>` : '<p>无</p>'}
    <h3>信用评价</h3>
    <p><strong data-grade="${esc(ev.grade)}">${esc(ev.label)}</strong> · 依据：${esc(ev.basis.ruleName)}（${esc(ev.basis.rule)}） · ${esc(ev.ruleSetName)}（版本 ${esc(ev.version)}） · 评价日 ${esc(ev.evaluatedAt)}</p>
    ${ev.missingDepartments.length ? `<p class="warning" data-flag="provisional">暂定等级：缺少${ev.missingDepartments.map((d) => esc(DEPARTMENT[d] ?? d)).join('、')}数据，不作为正式评价；请稍后重新核查，或按常规程序办理。</p>` : ''}
    ${ev.disputed ? '<p class="warning" data-flag="disputed">企业已对该评价提出异议，处理中。</p>' : ''}
    ${c.basis.incentives.length ? `<h3>守信激励</h3><ul data-basis="incentives">${c.basis.incentives.map((l) => `<li>守信联合激励对象（红名单）· ${esc(l.domain)} · ${esc(l.reason)}（${esc(l.authority)}，${esc(l.listedOn)} 列入）</li>`).join('')}</ul>` : ''}
    <h3>依据记录</h3>
    ${records.length ? `<ul>${records.map((r) => `<li id="record-${esc(r.id)}">${esc(DEPARTMENT[r.department])} · ${esc(r.date)} · ${esc(r.title)}（${esc(SEVERITY[r.severity] ?? r.severity)}，${esc(RECORD_STATUS[r.status] ?? r.status)}）</li>`).join('')}</ul>` : '<p>无</p>'}
    ${interviewsHtml(c.basis.interviews)}
    <h3>数据来源</h3>
    <p>${c.sources.map((s) => `<span class="flag ${esc(s.status)}" data-department="${esc(s.department)}" data-status="${esc(s.status)}">${esc(DEPARTMENT[s.department])}：${esc(STATUS[s.status])}${s.status === 'STALE' && s.ageSeconds !== null ? `（${esc(ageText(s.ageSeconds))}前的数据）` : ''}</span>`).join(' ')}</p>
    <p><button type="button" id="report">打开信用报告</button></p>`;
}
