/** The audiences of the access table (accessTable.ts; docs/access.md), and how its entries are written. */
import type { ConsentScope } from './consents.ts';

/** One audience. */
export type Audience =
  | 'ANY'
  | 'self'
  | 'enterprise'
  | 'clerk'
  | 'regulator'
  | 'developer'
  | 'bank'
  | 'department'
  | 'reviewer'
  | `consent:${ConsentScope}`;

export const ANY: Audience[] = ['ANY'];
/** Records in force and decisions: the enterprise itself, clerks and regulators (docs/access.md). */
export const OFFICIAL: Audience[] = ['self', 'clerk', 'regulator'];

/** All fields of a type with the same audiences. */
export function all(audiences: Audience[], fields: string): Record<string, Audience[]> {
  return Object.fromEntries(
    fields
      .split(/\s+/)
      .filter(Boolean)
      .map((f) => [f, audiences]),
  );
}
