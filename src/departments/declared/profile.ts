/**
 * A declared department's part of a profile: its answer mapped by the declaration's JSONata
 * expressions into the fields its GraphQL type declares, each coerced to its declared type (a
 * value that does not fit is null, never a made-up one) and personal data masked.
 */
import jsonata from 'jsonata';
import { maskIdNumber } from '../../auth/mask.ts';
import type { DeclaredDepartment, DeclaredField } from './declarations.ts';

const compiled = new Map<string, jsonata.Expression>();
/** A declaration's expression, compiled once per process. */
export function expression(source: string): jsonata.Expression {
  let e = compiled.get(source);
  if (!e) compiled.set(source, (e = jsonata(source)));
  return e;
}

/** A JSONata result as a list: JSONata answers a single match unwrapped and none as undefined. */
export function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
}

/** One value as its declared scalar type, or null when it is not one. */
function scalar(type: DeclaredField['type'], v: unknown): unknown {
  if (v === undefined || v === null) return null;
  switch (type) {
    case 'String':
      return typeof v === 'string' || typeof v === 'number' ? String(v) : null;
    case 'Int':
      return Number.isInteger(typeof v === 'string' ? Number(v) : v) ? Number(v) : null;
    case 'Float':
      return Number.isFinite(typeof v === 'string' ? Number(v) : v) ? Number(v) : null;
    case 'Boolean':
      return typeof v === 'boolean' ? v : null;
    case 'Date':
      return typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null;
    default:
      return null;
  }
}

/** How a profile is shown to its reader. */
export interface ProfileView {
  /** Personal data shown in full (the enterprise itself, regulators), else masked. */
  unmasked: boolean;
}

async function fieldsOf(
  fields: readonly DeclaredField[],
  input: unknown,
  view: ProfileView,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = await expression(f.value).evaluate(input);
    const one = async (v: unknown): Promise<unknown> => {
      if (f.type === 'Object')
        return v !== null && typeof v === 'object' ? fieldsOf(f.fields!, v, view) : null;
      const s = scalar(f.type, v);
      return f.mask && !view.unmasked && typeof s === 'string' ? maskIdNumber(s) : s;
    };
    out[f.name] = f.list
      ? await Promise.all(asList(raw).map(one))
      : await one(Array.isArray(raw) ? raw[0] : raw);
  }
  return out;
}

/** The department's profile of an enterprise from its answer; null when the department does not know it. */
export async function profileOf(
  d: DeclaredDepartment,
  answer: unknown,
  view: ProfileView,
): Promise<Record<string, unknown> | null> {
  if (answer === null || answer === undefined) return null;
  const value = await expression(d.profile.value).evaluate(answer);
  return value === null || value === undefined ? null : fieldsOf(d.profile.fields, value, view);
}
