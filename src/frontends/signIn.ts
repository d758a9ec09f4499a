/**
 * The sign-in section the hall, report and desk pages share — a token pasted, signed in and out, a
 * status line — written once: each page says where it goes and what it says with a mark
 * `<!-- sign-in {"title":…,"label":…,"rows":…} -->`, filled when the page is read at start.
 */
import { escapeHtml as esc } from '../util/escapeHtml.ts';

/** What one page's sign-in says. */
export interface SignIn {
  /** The section's heading (e.g. 窗口人员登录). */
  title: string;
  /** The token field's label. */
  label: string;
  /** The token field's height in lines. */
  rows: number;
  /** Extra class names of the section (the desk's wide layout). */
  className?: string;
}

const MARK = /<!-- sign-in (\{[^\n]*?\}) -->/;

/** The section's markup (the element ids the pages' scripts use: token, signin-button, signin-status, signout-button). */
export function signInSection(s: SignIn): string {
  const cls = s.className ? ` class="${esc(s.className)}"` : '';
  return `<section id="signin"${cls} aria-labelledby="signin-title">
    <h2 id="signin-title">${esc(s.title)}</h2>
    <div id="token-entry">
      <label for="token">${esc(s.label)}</label>
      <textarea id="token" rows="${Math.max(1, Math.trunc(s.rows))}" autocomplete="off" spellcheck="false"></textarea>
      <button id="signin-button" type="button">登录</button>
    </div>
    <p id="signin-status" role="status"></p>
    <button id="signout-button" type="button" hidden>退出登录</button>
  </section>`;
}

/** A page with its sign-in mark filled; a page without one is a mistake in the page. */
export function withSignIn(page: Buffer): Buffer {
  const text = page.toString('utf8');
  const m = MARK.exec(text);
  if (!m) throw new Error('the page has no sign-in mark');
  return Buffer.from(text.replace(MARK, () => signInSection(JSON.parse(m[1]!) as SignIn)));
}
