/**
 * Bundles a browser script from TypeScript with esbuild at start (no CDN, no build step to
 * forget): the service-hall page reuses the very USCC rules of src/credit/uscc.ts.
 */
import { createRequire } from 'node:module';

/** esbuild, loaded when a bundle is made (the compiled build ships the hall script already bundled). */
const esbuild = (): typeof import('esbuild') =>
  createRequire(import.meta.url)('esbuild') as typeof import('esbuild');

/** The bundled JavaScript of one entry file. */
export function bundleBrowserScript(entry: string): string {
  const { buildSync, stop } = esbuild();
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: 'iife',
    target: 'es2020',
    minify: true,
    write: false,
    legalComments: 'none',
  });
  // esbuild keeps a service process for its sync API; bundles are made at start only, so end it
  // (left running, it outlives a SIGTERM'd gateway).
  void stop();
  return result.outputFiles[0]!.text;
}
