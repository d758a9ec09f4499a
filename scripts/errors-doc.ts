/**
 * Writes docs/errors.md from the error codes' table (src/errorCodes.ts: each code's meaning and
 * HTTP status), or with `--check` fails when the committed file is stale (CI's drift check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorsDoc } from '../src/errorCodes.ts';

const file = join(import.meta.dirname, '..', 'docs', 'errors.md');
const text = errorsDoc();
if (!process.argv.includes('--check')) {
  writeFileSync(file, text);
  console.log('errors: wrote docs/errors.md');
} else {
  let committed = '';
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    // missing: stale
  }
  if (committed === text) console.log('errors: docs/errors.md up to date');
  else {
    console.error("errors: docs/errors.md is stale; run 'npm run docs:errors' and commit it");
    process.exit(1);
  }
}
