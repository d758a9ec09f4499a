/**
 * The service-hall lookup page (`/hall`): its HTML, stylesheet and bundled script, served by the
 * gateway. The compiled build (`npm run build`) bundles the script once, beside the page; from
 * source it is bundled at start.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Asset } from '../../playground/assets.ts';
import { everyDepartmentLabel } from '../../departments/declared/declarations.ts';
import { bundleBrowserScript } from '../bundle.ts';
import { withSignIn } from '../signIn.ts';

/** The page's files, keyed by their path under /hall/. */
export function loadHallAssets(): Map<string, Asset> {
  const dir = join(import.meta.dirname, 'client');
  return new Map<string, Asset>([
    ['', { contentType: 'text/html; charset=utf-8', body: withSignIn(readFileSync(join(dir, 'hall.html'))) }],
    // Every department's label, the declared ones included (read at start; the bundle knows the five).
    [
      'words.js',
      {
        contentType: 'text/javascript; charset=utf-8',
        body: Buffer.from(`window.CG_DEPARTMENTS = ${JSON.stringify(everyDepartmentLabel())};\n`),
      },
    ],
    ['hall.css', { contentType: 'text/css; charset=utf-8', body: readFileSync(join(dir, 'hall.css')) }],
    [
      'hall.js',
      {
        contentType: 'text/javascript; charset=utf-8',
        body: existsSync(join(dir, 'hall.js'))
          ? readFileSync(join(dir, 'hall.js'))
          : Buffer.from(bundleBrowserScript(join(dir, 'hall.ts'))),
      },
    ],
  ]);
}
