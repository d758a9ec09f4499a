/** Names the first problem zod found: its field path (`enterprises[3].tax.arrears`) and what is wrong. */
import type { z } from 'zod';

/** The first issue's path and message; an unknown field is named itself, not its parent object. */
export function firstIssue(error: z.ZodError): { path: string; message: string } {
  const issue = error.issues[0]!;
  const unknownKey = issue.code === 'unrecognized_keys';
  const path = unknownKey ? [...issue.path, issue.keys[0]!] : issue.path;
  return {
    path: path.map((p, k) => (typeof p === 'number' ? `[${p}]` : `${k ? '.' : ''}${String(p)}`)).join(''),
    message: unknownKey ? 'unknown field' : issue.message,
  };
}
