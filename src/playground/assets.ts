/**
 * The playground's static files, served from the gateway's own node_modules (no CDN: the
 * government intranet has no internet). Read once at start and held in memory (~1.2 MB).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The folder of an installed package (its `exports` may hide package.json, so walk up from its entry). */
function packageDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (
    !existsSync(join(dir, 'package.json')) ||
    (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name
  ) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`cannot find the folder of ${name}`);
    dir = up;
  }
  return dir;
}

/** One static file. */
export interface Asset {
  contentType: string;
  body: Buffer;
}

/** Loads every playground asset, keyed by its URL path under `/playground/`. */
export function loadPlaygroundAssets(): Map<string, Asset> {
  const js = 'text/javascript; charset=utf-8';
  const files: Array<[string, string, string]> = [
    ['react.production.min.js', join(packageDir('react'), 'umd', 'react.production.min.js'), js],
    ['react-dom.production.min.js', join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'), js],
    ['graphiql.min.js', join(packageDir('graphiql'), 'graphiql.min.js'), js],
    ['graphiql.min.css', join(packageDir('graphiql'), 'graphiql.min.css'), 'text/css; charset=utf-8'],
    ['playground.js', join(import.meta.dirname, 'client', 'playground.js'), js],
    ['page.css', join(import.meta.dirname, 'client', 'page.css'), 'text/css; charset=utf-8'],
  ];
  return new Map(files.map(([name, path, contentType]) => [name, { contentType, body: readFileSync(path) }]));
}
