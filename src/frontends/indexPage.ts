/** The gateway's front page (`/`): where each kind of user goes, for a newcomer. */
import { departmentsInWords } from '../departments/registry.ts';

export const INDEX_HTML = `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>credit-gateway · 企业信用信息网关</title>
<style>
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", system-ui, sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 { font-size: 1.5rem; } li { margin: 0.6rem 0; } a { color: #0b57d0; } a:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
code { background: #f0f0f0; padding: 0 0.2rem; } .sub { color: #333; }
</style></head><body>
<main>
<h1>企业信用信息网关 <span class="sub">credit-gateway</span></h1>
<p class="sub">One GraphQL endpoint over the city's departmental credit data. 汇集${departmentsInWords('与')}的企业信用信息。</p>
<ul>
<li><a href="/hall" id="link-hall">/hall — 政务服务大厅：企业信用核查</a>（窗口人员，clerk token）</li>
<li><a href="/reports" id="link-reports">/reports — 企业信用报告：查询、下载与核验</a>（企业本身，enterprise token）</li>
<li><a href="/desk" id="link-desk">/desk — 监管工作台：分级分类监管、名录、预警、双随机抽查</a>（监管人员，regulator token）</li>
<li><a href="/public/measures" id="link-measures">/public/measures — 守信激励和失信惩戒措施清单（公开）</a>（任何人，无需登录）</li>
<li><a href="/graphql" id="link-playground">/graphql — GraphQL playground (GraphiQL)</a>（developers; example tabs carry sandbox tokens）</li>
<li><a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a> · <a href="/.well-known/audit-keys">/.well-known/audit-keys</a> — operations</li>
</ul>
<p>Tokens: against the sandbox (<code>npm start</code>), mint one with <code>npm run token -- --role clerk --org hall-1</code>
(roles: enterprise, clerk, bank, regulator, department, developer; <code>npm run token -- --help</code>). In a deployment,
tokens come from the city's identity provider.</p>
</main>
</body></html>`;
