/**
 * The service-hall page's session (hall.ts): the clerk's token as kept for this tab and as pasted,
 * its claims as shown (the gateway verifies it), and the credit report opened with it.
 */
import { $, PURPOSE } from './hallWords.ts';

/** The clerk's token for this tab, or empty. */
export function token(): string {
  return sessionStorage.getItem('clerk-token') ?? '';
}

/** Opens the credit report for the matter's purpose in a new tab; an error is said here, in Chinese. */
export async function openReport(uscc: string, matter: string): Promise<void> {
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

/** The token's claims (not verified here: the gateway verifies it, below). */
export function claimsOf(t: string): { role?: string; org?: string; sub?: string; exp?: number } | null {
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

/** The token as pasted, without a `Bearer ` someone copied with it, or spaces and line breaks. */
export function pastedToken(text: string): string {
  return text.replace(/^\s*bearer\s+/i, '').replace(/\s+/g, '');
}
