/** The enterprise's report page (`/reports`): sign in, open and download its own report (issue 20). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Asset } from '../../playground/assets.ts';
import { withSignIn } from '../signIn.ts';

/** The page and its script, read once at start (plain files: no build step). */
export function loadReportAssets(): Map<string, Asset> {
  const dir = join(import.meta.dirname, 'client');
  return new Map<string, Asset>([
    [
      '',
      { contentType: 'text/html; charset=utf-8', body: withSignIn(readFileSync(join(dir, 'report.html'))) },
    ],
    ['app.js', { contentType: 'text/javascript; charset=utf-8', body: readFileSync(join(dir, 'report.js')) }],
  ]);
}
