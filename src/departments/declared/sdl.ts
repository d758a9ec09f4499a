/**
 * The GraphQL of the declared departments, generated from their declarations: one type per
 * profile (and per object field), each type and field described as declared, a field of the
 * department's key on Enterprise, and its names in the Department, RecordKind and ConsentScope enums. `npm run departments:sdl` writes the shipped declarations' SDL
 * to schema/declared.graphql (what codegen types); the gateway builds its schema from the
 * declarations it reads at start, `DEPARTMENTS_DIR` included.
 */
import type { DeclaredDepartment, DeclaredField } from './declarations.ts';

/** The schema file of the shipped declarations (generated; drift-checked in CI). */
export const DECLARED_SDL_FILE = 'declared.graphql';

const describe = (text: string, indent = ''): string => `${indent}"""\n${indent}${text}\n${indent}"""\n`;

/**
 * A field's GraphQL type. A list is non-null, but for a field with audiences of its own: a reader
 * it denies gets null there, which must not null the whole profile (a bank with the consent would
 * otherwise lose the fields it may read because it asked for one it may not).
 */
function typeOf(f: DeclaredField, gated: boolean): string {
  const base = f.type === 'Object' ? f.objectType! : f.type;
  return f.list ? `[${base}!]${gated ? '' : '!'}` : base;
}

function typesOf(
  name: string,
  description: string,
  fields: readonly DeclaredField[],
  gated: ReadonlySet<string> = new Set(),
): string[] {
  const body = fields
    .map((f) => `${describe(f.description, '  ')}  ${f.name}: ${typeOf(f, gated.has(f.name))}\n`)
    .join('');
  const nested = fields.flatMap((f) =>
    f.type === 'Object' ? typesOf(f.objectType!, f.description, f.fields!) : [],
  );
  return [`${describe(description)}type ${name} {\n${body}}\n`, ...nested];
}

/** The SDL of these declared departments. */
export function declaredSdl(departments: readonly DeclaredDepartment[]): string {
  const parts = departments.flatMap((d) => [
    ...typesOf(
      d.profile.type,
      d.profile.description,
      d.profile.fields,
      new Set(Object.keys(d.fieldAudiences ?? {})),
    ),
    `extend type Enterprise {\n${describe(`${d.description} Declared department ${d.name} (${d.label}); null when it does not know the enterprise.`, '  ')}  ${d.key}: ${d.profile.type}\n}\n`,
  ]);
  if (departments.length)
    parts.push(
      `extend enum Department {\n${departments.map((d) => `${describe(`A declared department, ${d.name} (${d.label}).`, '  ')}  ${d.name}\n`).join('')}}\n`,
    );
  const scopes = departments.flatMap((d) => (d.consentScopes ?? []).map((s) => [d, s] as const));
  if (scopes.length)
    parts.push(
      `extend enum ConsentScope {\n${scopes.map(([d, s]) => `${describe(`Declared by ${d.name} (${d.label}): the profile fields its declaration opens to a bank holding this consent.`, '  ')}  ${s}\n`).join('')}}\n`,
    );
  const kinds = departments.flatMap((d) => (d.records ?? []).map((r) => [d, r] as const));
  if (kinds.length)
    parts.push(
      `extend enum RecordKind {\n${kinds.map(([d, r]) => `${describe(`A record declared by ${d.name} (${r.title}, ${d.label}).`, '  ')}  ${r.kind}\n`).join('')}}\n`,
    );
  return [
    '# Generated from the department declarations (connectors/declared/) by `npm run departments:sdl`.',
    '# Do not edit: change the declaration and run the command; CI fails when this file is stale.',
    '',
    ...parts,
  ].join('\n');
}
