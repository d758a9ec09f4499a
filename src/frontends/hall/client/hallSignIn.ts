/**
 * The service-hall page's sign-in (hall.ts): who is signed in as the gateway verifies the token
 * (its clock, not this computer's), a warning before the token expires, and its lapse said on screen.
 */
import { ROLE_LABEL } from '../../labels.ts';
import { $, beijing } from './hallWords.ts';
import { claimsOf, token } from './hallSession.ts';

const ROLE = ROLE_LABEL;

/** Who is signed in, as the printout names them: the service hall (the token's organization) and the clerk (its subject). */
export let signedInAs: { hall: string | null; clerk: string } | null = null;

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
export async function showSignIn(): Promise<void> {
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
