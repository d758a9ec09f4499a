/** The sign-in section the hall, report and desk pages share: filled at load, escaped, one per page. */
import { describe, expect, it } from 'vitest';
import { loadDeskAssets } from '../../../src/frontends/desk/deskRoutes.ts';
import { loadHallAssets } from '../../../src/frontends/hall/hallPage.ts';
import { loadReportAssets } from '../../../src/frontends/report/reportPage.ts';
import { withSignIn } from '../../../src/frontends/signIn.ts';

describe('the shared sign-in section', () => {
  it.each([
    ['hall', loadHallAssets, '窗口人员登录'],
    ['report', loadReportAssets, '企业登录'],
    ['desk', loadDeskAssets, '监管人员登录'],
  ] as const)('the %s page has it once, with its own heading, and no mark left', (_page, load, title) => {
    const html = load().get('')!.body.toString();
    expect(html.match(/id="signin"/g)).toHaveLength(1);
    expect(html).toContain(`<h2 id="signin-title">${title}</h2>`);
    for (const id of ['token', 'signin-button', 'signin-status', 'signout-button'])
      expect(html).toContain(`id="${id}"`);
    expect(html).not.toContain('<!-- sign-in');
  });

  it('escapes what it is given, and refuses a page without its mark', () => {
    const page = Buffer.from('<main><!-- sign-in {"title":"<b>x</b>","label":"a&b","rows":2} --></main>');
    const html = withSignIn(page).toString();
    expect(html).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(html).toContain('a&amp;b');
    expect(() => withSignIn(Buffer.from('<main></main>'))).toThrow(/no sign-in mark/);
  });
});
