/**
 * Writes the shipped department declarations' GraphQL to schema/declared.graphql
 * (`npm run departments:sdl`), or with `--check` fails when the file is stale (CI's drift check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeclarations, SHIPPED_DECLARATIONS } from '../src/departments/declared/declarations.ts';
import { DECLARED_SDL_FILE, declaredSdl } from '../src/departments/declared/sdl.ts';
import { SCHEMA_DIR } from '../src/server/schema.ts';

const file = join(SCHEMA_DIR, DECLARED_SDL_FILE);
const sdl = declaredSdl(loadDeclarations([SHIPPED_DECLARATIONS]));
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed !== sdl) {
    console.error(
      `departments: schema/${DECLARED_SDL_FILE} is stale; run 'npm run departments:sdl' and commit it`,
    );
    process.exit(1);
  }
  console.log(`departments: schema/${DECLARED_SDL_FILE} up to date`);
} else {
  writeFileSync(file, sdl);
  console.log(`departments: wrote schema/${DECLARED_SDL_FILE}`);
}
