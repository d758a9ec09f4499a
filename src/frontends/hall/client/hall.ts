/**
 * The service-hall page's script (bundled for the browser at start). A clerk signs in with a
 * token, types or scans a USCC — checked as typed with the very rules of src/credit/uscc.ts,
 * the wrong position pointed out — picks the matter and sees the verdict, the measures with
 * their legal basis, the grade with its basis, and any stale or missing department.
 */
import {
  decodeUscc,
  findUsccProblem,
  normalizeTypedUscc,
  transpositionCandidates,
} from '../../../credit/uscc.ts';
import { escapeHtml } from '../../../util/escapeHtml.ts';
import { DEPARTMENT_LABEL, ROLE_LABEL } from '../../labels.ts';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const esc = escapeHtml;

const PURPOSE: Record<string, string> = {
  ADMINISTRATIVE_LICENSING: 'LICENSING',
  GOVERNMENT_PROCUREMENT: 'PROCUREMENT',
  BIDDING: 'BIDDING',
  FISCAL_SUBSIDY: 'SUBSIDY',
  HONOURS: 'LICENSING',
  QUALIFICATION_GRADING: 'LICENSING',
  TOLERANCE_ACCEPTANCE: 'LICENSING',
  COMMITMENT_SYSTEM: 'LICENSING',
};
const VERDICT: Record<string, string> = {
  FAST_TRACK: '绿色通道',
  NORMAL: '正常办理',
  RESTRICTED: '限制办理',
  INCOMPLETE: '无法完成核查',
};
/** The five's labels, and the declared departments' from the page's words.js (their freshness is in `sources`). */
const DEPARTMENT: Readonly<Record<string, string>> = {
  ...DEPARTMENT_LABEL,
  ...((window as { CG_DEPARTMENTS?: Record<string, string> }).CG_DEPARTMENTS ?? {}),
};
const STATUS: Record<string, string> = { OK: '正常', STALE: '数据过期（缓存）', UNAVAILABLE: '不可用' };
/** The rule sets' grading rules, in words (the code stays beside it for quoting). */
const SEVERITY: Record<string, string> = { MINOR: '轻微', GENERAL: '一般', SERIOUS: '严重' };
const RECORD_STATUS: Record<string, string> = {
  ACTIVE: '有效',
  DISPUTED: '异议中',
  EXPIRED: '已过公示期',
  REPAIRED: '已修复',
  REMOVED: '已移出',
  REORGANIZED: '重整后不再计入',
};
/** A time in Beijing, as people here read it. */
const beijing = (ms: number): string =>
  new Date(ms).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });

/** Error codes a clerk may need to quote, in words, with the code in brackets. */
const ERROR_TEXT: Record<string, string> = {
  UNAUTHENTICATED: '登录已失效，请重新登录',
  FORBIDDEN: '当前账号无权进行此项核查',
  PURPOSE_REQUIRED: '缺少查询目的',
  RATE_LIMITED: '查询过于频繁，请稍后再试',
  OPERATION_TIMEOUT: '核查超时，请重试',
  AUDIT_UNAVAILABLE: '审计日志暂不可写，本次核查未执行，请稍后重试',
  INTERNAL_SERVER_ERROR: '服务内部错误，请稍后重试',
};
/** How long a check may take before the page says so and offers to retry. */
const CHECK_TIMEOUT_MS = 15_000;
const REASON: Record<string, string> = {
  LENGTH: '应为18位',
  CHARACTER: '含不允许的字符（不使用 I、O、Z、S、V）',
  REGION_DIGIT: '第3–8位（行政区划码）须为数字',
};

const CHECK = `query HallCheck($u: USCC!, $m: Matter!) {
  creditCheck(uscc: $u, matter: $m) {
    uscc name verdict reasons complete missingDepartments stale
    measures { code name kind legalBasis recordIds }
    basis { evaluation { grade label ruleSet ruleSetName version evaluatedAt basis { rule ruleName records { id } } missingDepartments disputed }
            records { id department title severity status date }
            incentives { id domain reason authority listedOn }
            interviews { department kind heldOn rectifyBy rectifiedOn overdue } }
    sources { department status fetchedAt ageSeconds }
    receipt { number checkedAt code verifyPath }
  }
}`;

/** The part of a creditCheck answer the page shows. */
interface Check {
  uscc: string;
  name: string | null;
  verdict: string;
  /** The departments whose silence made the verdict INCOMPLETE. */
  missingDepartments: string[];
  complete: boolean;
  stale: boolean;
  measures: Array<{ name: string; kind: string; legalBasis: string; recordIds: string[] }>;
  basis: {
    evaluation: {
      grade: string;
      label: string;
      ruleSet: string;
      /** The rule set's name in Chinese. */
      ruleSetName: string;
      version: string;
      evaluatedAt: string;
      /** The rule that fired, and its words. */
      basis: { rule: string; ruleName: string };
      /** Departments missing: the grade is provisional (docs/rules.md "Grades and completeness"). */
      missingDepartments: string[];
      /** The enterprise objects to the grade. */
      disputed: boolean;
    };
    /** Active red-list entries (守信激励): the basis of a good verdict. */
    incentives: Array<{ id: string; domain: string; reason: string; authority: string; listedOn: string }>;
    /** 约谈 on record (null: no ledger): shown, not graded. */
    interviews: Array<{
      department: string;
      kind: string;
      heldOn: string;
      rectifyBy: string;
      rectifiedOn: string | null;
      overdue: boolean;
    }> | null;
    records: Array<{
      id: string;
      department: string;
      title: string;
      severity: string;
      status: string;
      date: string;
    }>;
  };
  sources: Array<{ department: string; status: string; ageSeconds: number | null }>;
  /** The printout's receipt: number, gateway time, verification code and where to verify. */
  receipt: { number: string; checkedAt: string; code: string; verifyPath: string };
}

function token(): string {
  return sessionStorage.getItem('clerk-token') ?? '';
}

/** Validates as typed; marks the offending position in the echo line. Returns the code when well formed. */
function validate(): string | null {
  const input = $<HTMLInputElement>('uscc');
  const code = normalizeTypedUscc(input.value);
  const problem = code ? findUsccProblem(code) : null;
  const echo = $('uscc-echo');
  echo.innerHTML = [...code]
    .map((c, i) => (problem && i + 1 === problem.position ? `<span class="bad">${esc(c)}</span>` : esc(c)))
    .join('');
  const error = $('uscc-error');
  delete error.dataset.maybe;
  if (!code) {
    error.textContent = '';
    input.removeAttribute('aria-invalid');
    return null;
  }
  if (problem) {
    error.textContent = `第${problem.position}位：${REASON[problem.reason]}`;
    error.dataset.position = String(problem.position);
    input.setAttribute('aria-invalid', 'true');
    return null;
  }
  error.textContent = '';
  delete error.dataset.position;
  input.removeAttribute('aria-invalid');
  return code;
}

function renderError(message: string, position?: number): void {
  $('uscc-error').textContent = message;
  if (position) $('uscc-error').dataset.position = String(position);
  $('result').innerHTML = '';
  shown = null;
}

/**
 * A check character that fails, for a code the registry does not know: some character is wrong, and
 * the check cannot say which — so no single position is marked wrong. Neighbours that, swapped, would
 * pass are underlined as possibilities (the commonest slip), said as such.
 */
function renderChecksumError(code: string): void {
  const pairs = transpositionCandidates(code);
  const maybe = new Set(pairs.flatMap((p) => [p, p + 1]));
  $('uscc-echo').innerHTML = [...code]
    .map((c, i) => (maybe.has(i + 1) ? `<span class="maybe">${esc(c)}</span>` : esc(c)))
    .join('');
  const hint = pairs.length
    ? `；若为相邻两位颠倒，可能是${pairs.map((p) => `第${p}、${p + 1}位`).join('或')}`
    : '';
  renderError(
    `校验码（第18位）与前17位不符，且登记机关无此代码：有一位录入有误，校验无法确定是哪一位，请对照证照逐位核对${hint}（USCC_CHECKSUM）`,
  );
  const error = $('uscc-error');
  if (pairs.length) error.dataset.maybe = pairs.join(',');
  else delete error.dataset.maybe;
}

/** The code whose verdict is on screen (a different code typed clears it at once). */
let shown: string | null = null;
/** The matter that verdict was given for (another matter chosen clears it too). */
let shownMatter: string | null = null;

/** Clears the verdict when the code typed or the matter chosen is no longer the one it was given for. */
function clearIfChanged(code: string | null): void {
  const matter = $<HTMLSelectElement>('matter').value;
  if (shown !== null && (code !== shown || matter !== shownMatter)) {
    $('result').innerHTML = '';
    shown = null;
    shownMatter = null;
  }
}

/** Whether a check is in flight, and whether another was asked for meanwhile. */
let inFlight = false;
let queued = false;

/** The gateway could not be reached or did not answer in time: say so, and offer to try again. */
function renderUnreachable(timedOut: boolean): void {
  $('result').innerHTML =
    `<p class="warning" data-flag="unreachable">${timedOut ? '核查服务响应超时' : '无法连接核查服务'}，请检查网络后重试。</p><p><button type="button" id="retry">重试</button></p>`;
  $('retry').addEventListener('click', () => $<HTMLFormElement>('lookup').requestSubmit());
  shown = null;
}

/** A check asked for while another was in flight starts now (true), in place of showing the old answer. */
function nextQueued(): boolean {
  if (!queued) return false;
  queued = false;
  $('uscc-error').textContent = '';
  delete $('uscc-error').dataset.queued;
  $<HTMLFormElement>('lookup').requestSubmit();
  return true;
}

/** Back to the code field, its text selected: the next scan replaces it and Enter checks it. */
function readyForNext(): void {
  const input = $<HTMLInputElement>('uscc');
  input.focus();
  input.select();
}

async function check(event: Event): Promise<void> {
  event.preventDefault();
  const code = validate();
  if (!code) {
    $<HTMLInputElement>('uscc').focus();
    return;
  }
  if (inFlight) {
    // A scan during a check: the latest code is checked as soon as the one in flight returns (whose
    // answer is then not shown: the clerk has moved on). Said on screen, never dropped.
    queued = true;
    $('uscc-error').textContent = `上一笔核查未完成，完成后将自动核查 ${code}`;
    $('uscc-error').dataset.queued = code;
    readyForNext();
    return;
  }
  const matter = $<HTMLSelectElement>('matter').value;
  const result = $('result');
  const button = $<HTMLButtonElement>('check');
  result.innerHTML = '<p>核查中…</p>';
  shown = null;
  shownMatter = null;
  inFlight = true;
  button.setAttribute('aria-busy', 'true');
  // The field's text selected at once: a scan during the check replaces the code, never appends to it.
  readyForNext();
  let res: Response;
  let text: string;
  try {
    res = await fetch('/graphql', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token()}`,
        'x-purpose': PURPOSE[matter]!,
      },
      body: JSON.stringify({ query: CHECK, variables: { u: code, m: matter } }),
      signal: AbortSignal.timeout(CHECK_TIMEOUT_MS),
    });
    text = await res.text();
  } catch (err) {
    if (nextQueued()) return;
    renderUnreachable((err as Error).name === 'TimeoutError');
    return;
  } finally {
    inFlight = false;
    button.removeAttribute('aria-busy');
    readyForNext();
  }
  if (nextQueued()) return;
  let body: {
    data?: { creditCheck: Check | null };
    errors?: Array<{
      message: string;
      extensions?: { code?: string; position?: number; department?: string };
    }>;
  };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return renderUnreachable(false);
  }
  const err = body.errors?.find((e) => e.extensions?.code !== 'SOURCE_UNAVAILABLE');
  // Nobody signed in yet is told to sign in; an expired or refused token, that the sign-in lapsed.
  if (res.status === 401)
    return renderError(
      token() ? '登录已失效，请重新输入工作人员令牌' : '尚未登录：请先粘贴工作人员令牌并登录',
    );
  if (err?.extensions?.code === 'INVALID_USCC')
    return renderError(`第${err.extensions.position}位有误`, err.extensions.position);
  if (err?.extensions?.code === 'USCC_CHECKSUM') return renderChecksumError(code);
  if (err) {
    const code = err.extensions?.code ?? 'INTERNAL_SERVER_ERROR';
    return renderError(`无法核查：${ERROR_TEXT[code] ?? '请稍后重试'}（${code}）`);
  }
  const c = body.data?.creditCheck;
  if (!c) return renderError('未找到该主体：登记机关无此统一社会信用代码');
  // The check's time by the gateway's clock (the receipt's, which its code certifies), in Beijing time.
  render(c, { number: c.receipt.number, at: Date.parse(c.receipt.checkedAt), matter });
  shownMatter = matter;
  shown = c.uscc;
}

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

function render(c: Check, check: { number: string; at: number; matter: string }): void {
  const ev = c.basis.evaluation;
  const flagged = c.sources.filter((s) => s.status !== 'OK');
  const records = c.basis.records;
  const matterName = $<HTMLSelectElement>('matter').selectedOptions[0]?.textContent ?? check.matter;
  /** A record named as people read it (department, date, title), never by its id. */
  const recordInWords = (id: string): string => {
    const r = records.find((x) => x.id === id);
    return r ? `${DEPARTMENT[r.department] ?? r.department} ${r.date} ${r.title}` : '所列记录';
  };
  const signedIn = signedInAs;
  $('result').innerHTML = `
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
  $('report').addEventListener('click', () => void openReport(c.uscc, check.matter));
}

/** Opens the credit report for the matter's purpose in a new tab; an error is said here, in Chinese. */
async function openReport(uscc: string, matter: string): Promise<void> {
  const tab = window.open('', '_blank');
  const res = await fetch(`/reports/${encodeURIComponent(uscc)}`, {
    headers: { authorization: `Bearer ${token()}`, 'x-purpose': PURPOSE[matter] ?? 'LICENSING' },
  }).catch(() => null);
  if (!res || !res.ok) {
    tab?.close();
    const body = res
      ? ((await res.json().catch(() => ({}))) as {
          errors?: Array<{ message?: string; extensions?: { code?: string } }>;
        })
      : {};
    const code = body.errors?.[0]?.extensions?.code;
    $('uscc-error').textContent = res
      ? `信用报告暂不能生成：${body.errors?.[0]?.message ?? '请稍后重试'}${code ? `（${code}）` : ''}`
      : '无法连接核查服务，信用报告暂不能打开，请稍后重试';
    return;
  }
  // The report's own charset, so Chinese reads right; the tab keeps it (it can be reloaded from its history).
  const url = URL.createObjectURL(new Blob([await res.arrayBuffer()], { type: 'text/html; charset=utf-8' }));
  if (tab) tab.location.href = url;
  else window.open(url, '_blank');
}

const ROLE = ROLE_LABEL;

/** The token's claims (not verified here: the gateway verifies it, below). */
function claimsOf(t: string): { role?: string; org?: string; sub?: string; exp?: number } | null {
  try {
    const part = t.split('.')[1] ?? '';
    return JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as {
      role?: string;
      org?: string;
      sub?: string;
      exp?: number;
    };
  } catch {
    return null;
  }
}

/** Who is signed in, as the printout names them: the service hall (the token's organization) and the clerk (its subject). */
let signedInAs: { hall: string | null; clerk: string } | null = null;

/** How long before a token expires the page warns, so a clerk mid-shift signs in again between applicants. */
const EXPIRY_WARNING_MS = 15 * 60_000;
let expiryTimers: number[] = [];

/**
 * Warns on screen before the token expires, and says the sign-in lapsed when it does — timed from what
 * the gateway says is left by its own clock (this computer's may be wrong), counted here.
 */
function watchExpiry(expiresInSeconds: number | null | undefined, expSeconds?: number): void {
  for (const t of expiryTimers) clearTimeout(t);
  expiryTimers = [];
  if (expiresInSeconds === null || expiresInSeconds === undefined) return;
  const now = Date.now();
  const left = expiresInSeconds * 1000;
  // The time shown is the token's own (exp), or, without one, this computer's clock plus what is left.
  const exp = expSeconds ? expSeconds * 1000 : now + left;
  const warn = (): void => {
    const status = $('signin-status');
    status.dataset.expiry = 'soon';
    status.textContent = `登录将于 ${beijing(exp)}（北京时间）过期，请在办完当前业务后重新登录`;
  };
  const lapse = (): void => {
    sessionStorage.removeItem('clerk-token');
    signedInAs = null;
    void showSignIn().then(() => {
      const status = $('signin-status');
      status.dataset.expiry = 'lapsed';
      status.textContent = '登录已失效（令牌已过期），请重新粘贴工作人员令牌登录';
    });
  };
  if (left <= EXPIRY_WARNING_MS) warn();
  else expiryTimers.push(window.setTimeout(warn, left - EXPIRY_WARNING_MS));
  expiryTimers.push(window.setTimeout(lapse, left));
}

/** Shows who is signed in — or that nobody is, or that the token expired — and hides the token itself. */
async function showSignIn(): Promise<void> {
  const t = token();
  const status = $('signin-status');
  delete status.dataset.expiry;
  const signedIn = (on: boolean): void => {
    if (!on) {
      signedInAs = null;
      watchExpiry(undefined);
    }
    $('token-entry').hidden = on;
    $('signout-button').hidden = !on;
    // Signed in, the sign-in shrinks to one line in the header's place: the verdict stays in view.
    document.body.classList.toggle('signed-in', on);
  };
  if (!t) {
    status.textContent = '未登录：请粘贴工作人员令牌后点“登录”';
    return signedIn(false);
  }
  const claims = claimsOf(t);
  // The gateway verifies it (signature, issuer, expiry): its clock, not this computer's, decides.
  const res = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${t}` },
    body: JSON.stringify({ query: '{ myAccess { role organization expiresInSeconds matters } }' }),
  }).catch(() => null);
  if (!res) {
    status.textContent = '无法连接核查服务，暂不能确认令牌';
    return signedIn(true);
  }
  if (res.status === 401) {
    const message = ((await res.json().catch(() => ({}))) as { errors?: Array<{ message?: string }> })
      .errors?.[0]?.message;
    status.textContent = /expired/.test(message ?? '')
      ? `令牌已过期${claims?.exp ? `（${beijing(claims.exp * 1000)}，北京时间）` : ''}，请重新登录（UNAUTHENTICATED）`
      : '令牌无效，请重新登录（UNAUTHENTICATED）';
    sessionStorage.removeItem('clerk-token');
    return signedIn(false);
  }
  type Access = { role: string; organization: string | null; expiresInSeconds: number | null };
  const access = ((await res.json()) as { data?: { myAccess?: Access & { matters: string[] } } }).data
    ?.myAccess;
  // The matters the gateway lets this caller check (its role's row): none, and the token cannot check.
  if (!access || access.matters.length === 0) {
    // As /reports and /desk do: a token that cannot check is refused here, not at the first check.
    status.textContent = `该令牌（${ROLE[access?.role ?? ''] ?? access?.role ?? '未知角色'}）不能进行信用核查，请使用窗口人员令牌（FORBIDDEN）`;
    sessionStorage.removeItem('clerk-token');
    return signedIn(false);
  }
  status.textContent = `已登录：${ROLE[access?.role ?? ''] ?? access?.role ?? ''}${access?.organization ? `（${access.organization}）` : ''}${claims?.exp ? `，有效至 ${beijing(claims.exp * 1000)}（北京时间）` : ''}`;
  signedIn(true);
  signedInAs = { hall: access.organization, clerk: claims?.sub ?? ROLE[access.role] ?? access.role };
  watchExpiry(access.expiresInSeconds, claims?.exp);
}

/** The token as pasted, without a `Bearer ` someone copied with it, or spaces and line breaks. */
function pastedToken(text: string): string {
  return text.replace(/^\s*bearer\s+/i, '').replace(/\s+/g, '');
}

function signIn(): void {
  const entered = $<HTMLTextAreaElement>('token');
  sessionStorage.setItem('clerk-token', pastedToken(entered.value));
  entered.value = '';
  void showSignIn().then(readyForNext);
}
$('signin-button').addEventListener('click', signIn);
// Enter in the token box signs in (a token has no line breaks; Shift+Enter is not needed).
$('token').addEventListener('keydown', (e) => {
  if ((e as KeyboardEvent).key === 'Enter') {
    e.preventDefault();
    signIn();
  }
});
$('signout-button').addEventListener('click', () => {
  sessionStorage.removeItem('clerk-token');
  $('result').innerHTML = '';
  shown = null;
  void showSignIn();
});
void showSignIn();
$('uscc').addEventListener('input', () => clearIfChanged(validate()));
$('matter').addEventListener('change', () =>
  clearIfChanged(normalizeTypedUscc($<HTMLInputElement>('uscc').value) || null),
);
// Enter on the matter list checks too (a select does not submit its form by itself).
$('matter').addEventListener('keydown', (e) => {
  if ((e as KeyboardEvent).key === 'Enter') {
    e.preventDefault();
    $<HTMLFormElement>('lookup').requestSubmit();
  }
});
$('lookup').addEventListener('submit', (e) => void check(e));
