/** Parses and validates a department's JSON body against its zod schema; anything off is a `bad-response`. */
import type { z } from 'zod';
import type { Department } from '../../src/model/unifiedModel.ts';
import { DepartmentError } from './DepartmentError.ts';
import { FormatError } from './formats.ts';

/** The body as `schema` says, or a `DepartmentError` of kind `bad-response`. */
export function parseBody<T>(department: Department, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new DepartmentError(department, 'bad-response');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new DepartmentError(department, 'bad-response');
  return parsed.data;
}

/** Runs a normalizer; a format it does not recognise is a `bad-response`, not a crash. */
export function normalizeOrReject<T>(department: Department, normalize: () => T): T {
  try {
    return normalize();
  } catch (err) {
    if (err instanceof FormatError) throw new DepartmentError(department, 'bad-response');
    throw err;
  }
}

/** A batch larger than the department takes is our bug (the fetcher splits batches), never sent. */
export function assertBatch(codes: readonly string[], limit: number): void {
  if (codes.length > limit)
    throw new Error(`a batch of ${codes.length} codes is over the department's limit of ${limit}`);
}

/** Splits a list into chunks of at most `size`. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
