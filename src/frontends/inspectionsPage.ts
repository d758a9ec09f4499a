/**
 * `/public/inspections` — 双随机、一公开 (docs/rules.md "Supervision and alerts"): the published draws, for
 * everyone, Chinese, no sign-in, no external asset. Read through GraphQL as the public (so the
 * public view decides what shows): each task's department, item and basis, when drawn and
 * published, the seed and its hash, the coverage, repeats, the drawn enterprises by name and code,
 * their inspectors and results. Never a tier or a grade (the public may read neither).
 */
import type { ApolloServer } from '@apollo/server';
import type { GatewayContext } from '../context.ts';
import { runOperation } from '../server/runOperation.ts';
import { registeredNames } from './registeredNames.ts';
import { escapeHtml as esc } from '../util/escapeHtml.ts';
import { DEPARTMENT_LABEL } from './labels.ts';
import { beijingTime } from './report/reportHtml.ts';

/** How many published draws the page shows, newest first. */
export const PAGE_DRAWS = 50;

interface PublicDraw {
  id: string;
  department: string;
  drawnAt: string;
  publishedAt: string;
  seed: string;
  seedHash: string | null;
  recordHash: string;
  repeatOf: string | null;
  repeatReason: string | null;
  acceptedIncomplete: boolean;
  coverage: { registry: number | null; complete: number; whole: boolean } | null;
  item: { name: string; legalBasis: string } | null;
  enterprises: Array<{ uscc: string }>;
  assignments: Array<{ uscc: string; inspectors: Array<{ name: string; unit: string }> }>;
  results: Array<{ uscc: string; resultText: string; inspectedOn: string; note: string }>;
}

/** The public page's draw operation. */
export const DRAW = `query PublicDraw($id: ID!) { inspectionDraw(id: $id) {
  id department drawnAt publishedAt seed seedHash recordHash repeatOf repeatReason acceptedIncomplete
  coverage { registry complete whole } item { name legalBasis } enterprises { uscc }
  assignments { uscc inspectors { name unit } } results { uscc resultText inspectedOn note } } }`;

function drawSection(d: PublicDraw, names: Map<string, string>): string {
  const inspectors = new Map(d.assignments.map((a) => [a.uscc, a.inspectors]));
  const results = new Map(d.results.map((r) => [r.uscc, r]));
  const rows = d.enterprises
    .map((e) => {
      const r = results.get(e.uscc);
      const who = inspectors.get(e.uscc) ?? [];
      return `<tr><td>${esc(names.get(e.uscc) ?? '—')}</td><td class="code">${esc(e.uscc)}</td><td>${who.length ? who.map((i) => `${esc(i.name)}（${esc(i.unit)}）`).join('、') : '—'}</td><td>${r ? `${esc(r.resultText)}（${esc(r.inspectedOn)}）${r.note ? `<div class="note">${esc(r.note)}</div>` : ''}` : '尚未录入'}</td></tr>`;
    })
    .join('');
  const coverage = d.coverage
    ? d.coverage.whole
      ? `抽取时账本覆盖完整（登记 ${d.coverage.registry ?? '—'} 户）`
      : `抽取时账本覆盖不完整（登记 ${d.coverage.registry ?? '未知'} 户，完整评价 ${d.coverage.complete} 户）${d.acceptedIncomplete ? '，经监管人员确认后抽取' : ''}`
    : '—';
  return `<section aria-labelledby="draw-${esc(d.id)}">
<h2 id="draw-${esc(d.id)}">抽查任务 ${esc(d.id)} · ${esc(DEPARTMENT_LABEL[d.department] ?? d.department)}${d.item ? ` · ${esc(d.item.name)}` : ''}</h2>
<table class="kv">
${d.item ? `<tr><th scope="row">检查依据</th><td>${esc(d.item.legalBasis)}</td></tr>` : ''}
<tr><th scope="row">抽取时间</th><td>${esc(beijingTime(d.drawnAt))}（北京时间）</td></tr>
<tr><th scope="row">公开时间</th><td>${esc(beijingTime(d.publishedAt))}（北京时间）</td></tr>
<tr><th scope="row">随机种子</th><td class="code">${esc(d.seed)}</td></tr>
<tr><th scope="row">种子哈希（SHA-256，抽取前记录）</th><td class="code">${esc(d.seedHash ?? '—')}</td></tr>
<tr><th scope="row">原始记录摘要（SHA-256）</th><td class="code">${esc(d.recordHash)}</td></tr>
${d.repeatOf ? `<tr><th scope="row">重复抽取</th><td>替代抽查任务 ${esc(d.repeatOf)}；理由：${esc(d.repeatReason ?? '—')}</td></tr>` : ''}
<tr><th scope="row">覆盖情况</th><td>${esc(coverage)}</td></tr>
</table>
${d.enterprises.length ? `<table><thead><tr><th scope="col">企业名称</th><th scope="col">统一社会信用代码</th><th scope="col">检查人员</th><th scope="col">检查结果</th></tr></thead><tbody>${rows}</tbody></table>` : '<p>本次未抽中企业。</p>'}
</section>`;
}

/** The page, read as the public: published draws newest first, at most PAGE_DRAWS. */
export async function inspectionsPage(
  apollo: ApolloServer<GatewayContext>,
  publicContext: () => GatewayContext,
  publishedIds: string[],
): Promise<string> {
  const draws: PublicDraw[] = [];
  for (const id of publishedIds.slice(0, PAGE_DRAWS)) {
    const r = await runOperation<{ inspectionDraw: PublicDraw | null }>(apollo, publicContext(), DRAW, {
      id,
    });
    if (r.data?.inspectionDraw) draws.push(r.data.inspectionDraw);
  }
  const codes = [...new Set(draws.flatMap((d) => d.enterprises.map((e) => e.uscc)))];
  const names = await registeredNames(apollo, publicContext, codes);
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>双随机抽查结果公示</title><style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1.5rem; } th, td { border: 1px solid #999; padding: 0.4rem 0.6rem; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
th { background: #f0f0f0; } .kv th { width: 14rem; } .code { font-family: monospace; } .note { color: #333; font-size: 0.9rem; }
</style></head><body><main>
<h1>“双随机、一公开”抽查结果公示</h1>
<p class="note">抽查对象和检查人员均由本平台按公开算法随机抽取：随机种子由平台生成，其哈希在读取抽查范围之前记录；任何人可依据种子和抽取记录复核（<code>npm run draw:rerun</code>）。本页不公开企业的信用评价和监管级别。</p>
${draws.length ? draws.map((d) => drawSection(d, names)).join('\n') : '<p>暂无已公开的抽查任务。</p>'}
</main></body></html>`;
}
