/**
 * `npm run build`: the compiled JavaScript production runs — tsc emits src/, resolvers/,
 * connectors/ and sandbox/ into dist/ with the same layout (relative `.ts` imports rewritten to
 * `.js`; type checking is `npm run typecheck`'s job, so it is skipped here), the service-hall
 * page's script is bundled once now instead of at every start, and the files read at run time
 * beside the code (SDL, migrations, rule sets, page assets) are copied to where the code expects
 * them. `node dist/src/main.js` is the production entry; `npm start` runs dist/sandbox/dev.js.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundleBrowserScript } from '../src/frontends/bundle.ts';

const root = join(import.meta.dirname, '..');
// CG_BUILD_DIR builds elsewhere (a test builds its own copy, beside the repository's node_modules, without touching dist/).
const dist = process.env.CG_BUILD_DIR ?? join(root, 'dist');
const started = performance.now();
rmSync(dist, { recursive: true, force: true });
execFileSync(
  process.execPath,
  [
    join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
    '-p',
    'tsconfig.build.json',
    '--noCheck',
    '--outDir',
    dist,
  ],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const dir of [
  'schema',
  'migrations',
  'src/credit/rulesets',
  'src/frontends/hall/client',
  'src/frontends/report/client',
  'src/frontends/desk/client',
  'src/playground/client',
])
  cpSync(join(root, dir), join(dist, dir), { recursive: true });
// The shipped department declarations beside their compiled connector (src/departments/declared/).
cpSync(join(root, 'connectors/declared'), join(dist, 'connectors/declared'), {
  recursive: true,
  filter: (f) => !f.endsWith('.ts'),
});
const hall = join(dist, 'src/frontends/hall/client');
writeFileSync(join(hall, 'hall.js'), bundleBrowserScript(join(root, 'src/frontends/hall/client/hall.ts')));
// The bundle is the page's script: its TypeScript modules stay behind.
for (const f of readdirSync(hall)) if (f.endsWith('.ts')) rmSync(join(hall, f));
mkdirSync(dist, { recursive: true });
writeFileSync(join(dist, 'package.json'), JSON.stringify({ type: 'module' }));
console.log(`built ${dist} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
