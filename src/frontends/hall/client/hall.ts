/**
 * The service-hall page's script (bundled for the browser at start). A clerk signs in with a
 * token, types or scans a USCC — checked as typed with the very rules of src/credit/uscc.ts,
 * the wrong position pointed out — picks the matter and sees the verdict, the measures with
 * their legal basis, the grade with its basis, and any stale or missing department.
 */
import { findUsccProblem, normalizeTypedUscc, transpositionCandidates } from '../../../credit/uscc.ts';
import { ROLE_LABEL } from '../../labels.ts';

import {
  $,
  esc,
  PURPOSE,
  beijing,
  ERROR_TEXT,
  CHECK_TIMEOUT_MS,
  REASON,
  CHECK,
  type Check,
} from './hallWords.ts';
import { resultHtml } from './hallResult.ts';
import { claimsOf, openReport, pastedToken, token } from './hallSession.ts';

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

function render(c: Check, check: { number: string; at: number; matter: string }): void {
  const matterName = $<HTMLSelectElement>('matter').selectedOptions[0]?.textContent ?? check.matter;
  $('result').innerHTML = resultHtml(c, check, matterName, signedInAs);
  $('report').addEventListener('click', () => void openReport(c.uscc, check.matter));
}

const ROLE = ROLE_LABEL;

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
