/**
 * The service-hall page's script (bundled for the browser at start). A clerk signs in with a
 * token, types or scans a USCC — checked as typed with the very rules of src/credit/uscc.ts,
 * the wrong position pointed out — picks the matter and sees the verdict, the measures with
 * their legal basis, the grade with its basis, and any stale or missing department.
 */
import { findUsccProblem, normalizeTypedUscc, transpositionCandidates } from '../../../credit/uscc.ts';
import { $, esc, PURPOSE, ERROR_TEXT, CHECK_TIMEOUT_MS, REASON, CHECK, type Check } from './hallWords.ts';
import { resultHtml } from './hallResult.ts';
import { openReport, pastedToken, token } from './hallSession.ts';
import { showSignIn, signedInAs } from './hallSignIn.ts';

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
