/**
 * Writes the shipped department declarations' GraphQL to schema/declared.graphql and the
 * declaration reference to docs/department-declaration.md (`npm run departments:sdl`), or with
 * `--check` fails when either is stale (CI's drift check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  DECLARATION_SCHEMA_FILE,
  loadDeclarations,
  SHIPPED_DECLARATIONS,
} from '../src/departments/declared/declarations.ts';
import { declarationReference } from '../src/departments/declared/reference.ts';
import { DECLARED_SDL_FILE, declaredSdl } from '../src/departments/declared/sdl.ts';
import { SCHEMA_DIR } from '../src/server/schema.ts';

const root = join(SCHEMA_DIR, '..');
const outputs: Array<[string, string]> = [
  [join(SCHEMA_DIR, DECLARED_SDL_FILE), declaredSdl(loadDeclarations([SHIPPED_DECLARATIONS]))],
  [
    join(root, 'docs', 'department-declaration.md'),
    declarationReference(JSON.parse(readFileSync(DECLARATION_SCHEMA_FILE, 'utf8'))),
  ],
];
let stale = false;
for (const [file, text] of outputs) {
  const name = relative(root, file);
  if (!process.argv.includes('--check')) {
    writeFileSync(file, text);
    console.log(`departments: wrote ${name}`);
    continue;
  }
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed === text) console.log(`departments: ${name} up to date`);
  else {
    console.error(`departments: ${name} is stale; run 'npm run departments:sdl' and commit it`);
    stale = true;
  }
}
if (stale) process.exit(1);
