/** Loads and validates a world file (`SANDBOX_WORLD=path`); a bad file is refused naming its first offending field. */
import { readFileSync } from 'node:fs';
import { isIsoDate } from '../../src/credit/dates.ts';
import { firstIssue } from '../../src/util/zodIssue.ts';
import { worldFileSchema, type WorldFile } from './schema.ts';

/** A world file that cannot be served; `fieldPath` names the first offending field (`enterprises[3].tax.arrears`). */
export class WorldFileError extends Error {
  override readonly name = 'WorldFileError';
  constructor(
    readonly file: string,
    readonly fieldPath: string,
    problem: string,
  ) {
    super(`world file ${file}: ${fieldPath || '(root)'}: ${problem}`);
  }
}

/** Parses a world file's text; throws `WorldFileError` naming the first offending field. */
export function parseWorldFile(text: string, file = '<inline>'): WorldFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new WorldFileError(file, '', `not JSON (${(err as Error).message})`);
  }
  const parsed = worldFileSchema.safeParse(json);
  if (!parsed.success) {
    const { path, message } = firstIssue(parsed.error);
    throw new WorldFileError(file, path, message);
  }
  // Semantics the schema cannot say: real calendar dates and unique codes.
  const seen = new Set<string>();
  const dateProblem = findBadDate(parsed.data, '');
  if (dateProblem) throw new WorldFileError(file, dateProblem, 'not a calendar date');
  parsed.data.enterprises.forEach((e, k) => {
    if (seen.has(e.uscc)) throw new WorldFileError(file, `enterprises[${k}].uscc`, 'duplicate code');
    seen.add(e.uscc);
  });
  return parsed.data;
}

/** Reads and parses a world file from disk. */
export function loadWorldFile(file: string): WorldFile {
  return parseWorldFile(readFileSync(file, 'utf8'), file);
}

function findBadDate(value: unknown, path: string): string | null {
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) && !isIsoDate(value) ? path : null;
  if (Array.isArray(value)) {
    for (let k = 0; k < value.length; k++) {
      const p = findBadDate(value[k], `${path}[${k}]`);
      if (p) return p;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const p = findBadDate(v, path ? `${path}.${key}` : key);
      if (p) return p;
    }
  }
  return null;
}
