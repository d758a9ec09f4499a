/** The enterprise's report page (`/reports`): sign in, open and download its own report, and see who read its data. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Asset } from '../../playground/assets.ts';
import { withSignIn } from '../signIn.ts';
import { PURPOSE_WORDS } from '../../auth/principal.ts';
import { fieldGroupWords } from '../fieldGroupWords.ts';
import { ROLE_LABEL } from '../labels.ts';

/** The page and its script, read once at start (plain files: no build step). */
export function loadReportAssets(): Map<string, Asset> {
  const dir = join(import.meta.dirname, 'client');
  return new Map<string, Asset>([
    [
      '',
      { contentType: 'text/html; charset=utf-8', body: withSignIn(readFileSync(join(dir, 'report.html'))) },
    ],
    ['app.js', { contentType: 'text/javascript; charset=utf-8', body: readFileSync(join(dir, 'report.js')) }],
    // The words the data tracker shows: roles, purposes and field groups in Chinese, from where each is decided.
    [
      'words.js',
      {
        contentType: 'text/javascript; charset=utf-8',
        body: Buffer.from(
          `window.CG_WORDS = ${JSON.stringify({ roles: ROLE_LABEL, purposes: PURPOSE_WORDS, fieldGroups: fieldGroupWords() })};\n`,
        ),
      },
    ],
  ]);
}
