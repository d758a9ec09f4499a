/**
 * `/public/measures` — the measure lists in force, public (一公开 of the 守信激励措施清单 and
 * 失信惩戒措施清单; Shanwei plan 8; docs/rules.md "Lawful measures"): Chinese, no sign-in, no
 * external asset. Each measure with the matters it applies to, when it applies, and its basis in
 * words; the rule set's jurisdiction, version and whether the city has confirmed it.
 */
import type { Condition, RuleSet } from '../credit/ruleSet.ts';
import { MATTER_NAMES } from './report/checkReceipt.ts';
import { escapeHtml as esc } from '../util/escapeHtml.ts';
import { ruleSetStatus } from '../credit/ruleSet.ts';

/** A measure's condition in words. */
function conditionWords(when: Condition, rules: RuleSet): string {
  const label = (g: string): string => rules.grades.find((x) => x.grade === g)?.label ?? g;
  const parts: string[] = [];
  if (when.licenceRevoked) parts.push('营业执照被吊销');
  if (when.seriousMin !== undefined) parts.push(`有效期内严重失信记录 ${when.seriousMin} 条及以上`);
  if (when.generalMin !== undefined) parts.push(`考察期内一般失信记录 ${when.generalMin} 条及以上`);
  if (when.seriousMax === 0) parts.push('无有效期内的严重失信记录');
  else if (when.seriousMax !== undefined) parts.push(`严重失信记录不超过 ${when.seriousMax} 条`);
  if (when.dishonestDebtorActive) parts.push('被列为失信被执行人');
  if (when.breachedCommitmentInPeriod) parts.push('考察期内有违反信用承诺记录');
  if (when.openObjection === false) parts.push('无处理中的异议');
  if (when.redListActive) parts.push('列入守信联合激励对象名单（红名单）');
  if (when.cleanMonths !== undefined) parts.push(`连续 ${when.cleanMonths} 个月无一般及以上失信记录`);
  if (when.grades) parts.push(`信用评价为 ${when.grades.map(label).join('、')}`);
  return parts.join('；') || '—';
}

function list(rules: RuleSet, kind: 'INCENTIVE' | 'RESTRICTION'): string {
  const rows = rules.measures
    .filter((m) => m.kind === kind)
    .map(
      (m) =>
        `<tr><td>${esc(m.name)}</td><td>${m.matters.map((x) => esc(MATTER_NAMES[x] ?? x)).join('、')}</td><td>${esc(conditionWords(m.when, rules))}</td><td>${esc(m.legalBasis)}</td></tr>`,
    )
    .join('');
  return `<table><thead><tr><th scope="col">措施</th><th scope="col">适用事项</th><th scope="col">适用条件</th><th scope="col">依据</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** The page for the rule set in force. */
export function measuresPage(rules: RuleSet): string {
  const j = rules.jurisdiction;
  const where = [j.province, j.city, j.county].filter(Boolean).join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>守信激励和失信惩戒措施清单</title><style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; max-width: 70rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; } th, td { border: 1px solid #999; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f0f0; } .note { color: #333; font-size: 0.9rem; } .warn { color: #8a4b00; font-weight: bold; }
</style></head><body><main>
<h1>守信激励和失信惩戒措施清单</h1>
<p class="note">适用地区：${esc(where)} · 规则集：${esc(rules.name)}（版本 ${esc(rules.version)}）</p>
<p class="warn" id="confirmation">${esc(ruleSetStatus(rules).note)}</p>
<h2>一、守信激励措施</h2>
${list(rules, 'INCENTIVE')}
<h2>二、失信惩戒措施</h2>
${list(rules, 'RESTRICTION')}
<p class="note">失信惩戒措施均以法律、行政法规、司法解释、党中央和国务院文件或全国、省失信惩戒措施基础清单为依据；不在清单内的措施不得实施。</p>
</main></body></html>`;
}
