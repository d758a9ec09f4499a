/**
 * Declared departments (docs/departments.md): a department taken in by a file, not by
 * code — an HTTP system answering JSON, described in YAML or JSON against the JSON Schema the
 * project ships (`schema/department-declaration.schema.json`), its answers mapped by JSONata
 * expressions. The shipped declarations live in `connectors/declared/`; `DEPARTMENTS_DIR` adds a
 * city's own. A bad declaration is refused at start with every problem listed, each with its file
 * and place, so the gateway never runs on half a department.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ErrorObject } from 'ajv';
import jsonata from 'jsonata';
import { parse as parseYaml } from 'yaml';
import { departmentsDirs } from '../../config/departmentsDir.ts';
import { CONSENT_SCOPES } from '../../auth/consents.ts';
import { DEPARTMENT_LABELS, DEPARTMENT_NAMES, DEPARTMENTS, RATING_DEPARTMENTS } from '../registry.ts';
import type { Declaration, DeclaredDepartment, DeclaredField } from './declarationTypes.ts';

export type {
  Declaration,
  DeclaredDepartment,
  DeclaredField,
  DeclaredRecordRule,
  DeclaredReport,
} from './declarationTypes.ts';

/** Every problem of the declarations, listed; the gateway does not start with any. */
export class DeclarationError extends Error {
  constructor(readonly problems: string[]) {
    super(`department declarations refused:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'DeclarationError';
  }
}

const here = dirname(fileURLToPath(import.meta.url));
/** The repository's root (src/departments/declared → ../../..). */
const root = resolve(here, '../../..');
/** The shipped declarations. */
export const SHIPPED_DECLARATIONS = join(root, 'connectors', 'declared');
/** The JSON Schema every declaration is checked against. */
export const DECLARATION_SCHEMA_FILE = join(root, 'schema', 'department-declaration.schema.json');

let validator: ReturnType<Ajv['compile']> | null = null;
function validate(doc: unknown): ErrorObject[] {
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(
    JSON.parse(readFileSync(DECLARATION_SCHEMA_FILE, 'utf8')) as object,
  );
  return validator(doc) ? [] : (validator.errors ?? []);
}

/** Every JSONata expression a declaration holds, with where it is. */
function expressionsOf(d: Declaration): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const add = (where: string, e: string | undefined): void => void (e !== undefined && out.push([where, e]));
  for (const k of ['body', 'rows', 'total', 'answers', 'codeOf', 'refusal'] as const)
    add(`fetch.${k}`, d.fetch[k]);
  add('profile.value', d.profile.value);
  const fields = (prefix: string, fs: DeclaredField[]): void =>
    fs.forEach((f) => {
      add(`${prefix}.${f.name}.value`, f.value);
      if (f.fields) fields(`${prefix}.${f.name}`, f.fields);
    });
  fields('profile', d.profile.fields);
  (d.records ?? []).forEach((r, i) => {
    for (const k of ['each', 'id', 'date', 'detail', 'until'] as const) add(`records[${i}].${k}`, r[k]);
  });
  add('rating.value', d.rating?.value);
  add('simulation.answer', d.simulation.answer);
  add('simulation.envelope', d.simulation.envelope);
  add('simulation.codes', d.simulation.codes);
  for (const [t, e] of Object.entries(d.simulation.traits ?? {})) add(`simulation.traits.${t}`, e);
  return out;
}

/** Consent scopes: each declared once and not built in; every `consent:` audience names one that exists. */
function consentProblems(all: DeclaredDepartment[]): string[] {
  const problems: string[] = [];
  const scopes = new Map<string, string>(CONSENT_SCOPES.map((s) => [s, 'the built-in scopes']));
  for (const d of all)
    for (const s of d.consentScopes ?? []) {
      const by = scopes.get(s);
      if (by) problems.push(`${d.file}: consent scope ${s} is already declared by ${by}`);
      else scopes.set(s, d.file);
    }
  for (const d of all) {
    const named = [...d.audiences, ...Object.values(d.fieldAudiences ?? {}).flat()];
    for (const a of new Set(named.filter((x) => x.startsWith('consent:'))))
      if (!scopes.has(a.slice('consent:'.length)))
        problems.push(`${d.file}: audience ${a} names a consent scope nobody declares`);
  }
  return problems;
}

/** Problems across declarations: names, keys, types, ports and variables each used once, and not by the five. */
function clashes(all: DeclaredDepartment[]): string[] {
  const problems: string[] = [];
  const taken = new Map<string, string>();
  for (const d of DEPARTMENT_NAMES) {
    taken.set(`name ${d}`, 'the built-in departments');
    taken.set(`key ${DEPARTMENTS[d].key}`, 'the built-in departments');
    taken.set(`variable ${DEPARTMENTS[d].urlVariable}`, 'the built-in departments');
  }
  const claim = (what: string, file: string): void => {
    const by = taken.get(what);
    if (by) problems.push(`${file}: ${what} is already used by ${by}`);
    else taken.set(what, file);
  };
  const types = (fs: DeclaredField[], file: string): void =>
    fs.forEach((f) => {
      if (f.objectType) claim(`type ${f.objectType}`, file);
      if (f.fields) types(f.fields, file);
    });
  for (const d of all) {
    claim(`name ${d.name}`, d.file);
    claim(`key ${d.key}`, d.file);
    claim(`variable ${d.url.variable}`, d.file);
    claim(`port ${d.simulation.port}`, d.file);
    claim(`type ${d.profile.type}`, d.file);
    types(d.profile.fields, d.file);
  }
  return problems;
}

/** The report block names fields the profile has: `rows` a list of objects, each column a field of a row. */
function reportProblems(d: DeclaredDepartment): string[] {
  if (!d.report) return [];
  const { rows, columns } = d.report;
  let fields = d.profile.fields;
  if (rows !== undefined) {
    const list = fields.find((f) => f.name === rows);
    if (!list?.list || !list.fields)
      return [`${d.file}: report.rows: ${rows} is not a profile field listing objects`];
    fields = list.fields;
  }
  const names = new Set(fields.map((f) => f.name));
  return columns
    .filter((c) => !names.has(c.field))
    .map((c) => `${d.file}: report.columns: ${c.field} is not a field of ${rows ?? 'the profile'}`);
}

/**
 * Variables the record rules read that nothing binds: a `$name` that is not `$today`, a declared
 * parameter, or one the expression assigns itself. JSONata reads an unbound variable as nothing,
 * so a misspelt parameter would silently make no records.
 */
function unboundVariables(d: DeclaredDepartment): string[] {
  const bound = new Set(['today', ...Object.keys(d.parameters ?? {})]);
  const problems: string[] = [];
  (d.records ?? []).forEach((r, i) => {
    for (const k of ['each', 'id', 'date', 'detail', 'until'] as const) {
      const e = r[k];
      if (e === undefined) continue;
      const assigned = new Set([...e.matchAll(/\$([A-Za-z_]\w*)\s*:=/g)].map((m) => m[1]!));
      for (const m of e.matchAll(/\$([A-Za-z_]\w*)(?!\w|\s*\()/g))
        if (!bound.has(m[1]!) && !assigned.has(m[1]!))
          problems.push(
            `${d.file}: records[${i}].${k}: $${m[1]} is neither $today, a declared parameter nor assigned`,
          );
    }
  });
  return problems;
}

/** Reads one file: YAML (or JSON, which is YAML) against the schema, then its expressions. */
function readOne(file: string, problems: string[]): DeclaredDepartment | null {
  let doc: unknown;
  try {
    doc = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${file}: not YAML or JSON (${(err as Error).message.split('\n')[0]})`);
    return null;
  }
  const errors = validate(doc);
  for (const e of errors) problems.push(`${file}: ${e.instancePath || '/'} ${e.message ?? 'is invalid'}`);
  if (errors.length) return null;
  const d = { ...(doc as Declaration), file };
  problems.push(...reportProblems(d), ...unboundVariables(d));
  for (const [where, e] of expressionsOf(d)) {
    try {
      jsonata(e);
    } catch (err) {
      problems.push(`${file}: ${where}: not a JSONata expression (${(err as { message?: string }).message})`);
    }
  }
  return d;
}

/** The declarations in these folders (`*.yaml`, `*.yml`, `*.json`), checked; throws DeclarationError listing every problem. */
export function loadDeclarations(dirs: readonly string[]): DeclaredDepartment[] {
  const problems: string[] = [];
  const all: DeclaredDepartment[] = [];
  for (const dir of dirs) {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((f) => /\.(ya?ml|json)$/.test(f))
        .sort();
    } catch {
      problems.push(`${dir}: no such folder of declarations`);
      continue;
    }
    for (const n of names) {
      const d = readOne(join(dir, n), problems);
      if (d) all.push(d);
    }
  }
  problems.push(...clashes(all), ...consentProblems(all));
  if (problems.length) throw new DeclarationError(problems);
  return all;
}

let loaded: readonly DeclaredDepartment[] | null = null;

/**
 * The declared departments of this process: the shipped ones and those in `DEPARTMENTS_DIR`,
 * read once (the schema, the access table and the connectors are built from the same list).
 */
export function declaredDepartments(): readonly DeclaredDepartment[] {
  loaded ??= loadDeclarations([SHIPPED_DECLARATIONS, ...departmentsDirs()]);
  return loaded;
}

/** Every department's name: the five's, then the declared departments' (what tokens and rule sets may name). */
export function everyDepartmentName(): string[] {
  return [...DEPARTMENT_NAMES, ...declaredDepartments().map((d) => d.name)];
}

/**
 * Every department that rates enterprises itself (docs/rules.md "Supervision and alerts"): the
 * five's that do (tax, environment) and the declared departments whose declaration keeps a rating.
 * Their tiers fuse the grade with that rating where the rule set maps it.
 */
export function ratingDepartments(): readonly string[] {
  // Read on every fused tier (each assessment, each supervision): the declarations are fixed per process.
  rating ??= [...RATING_DEPARTMENTS, ...declaredDepartments().flatMap((d) => (d.rating ? [d.name] : []))];
  return rating;
}
let rating: readonly string[] | null = null;

/** Every department's Chinese label by name: the five's and the declared departments' (what pages show). */
export function everyDepartmentLabel(): Readonly<Record<string, string>> {
  return { ...DEPARTMENT_LABELS, ...Object.fromEntries(declaredDepartments().map((d) => [d.name, d.label])) };
}

/** The bank consent scopes the declarations add (each joins the ConsentScope enum). */
export function declaredConsentScopes(): string[] {
  return declaredDepartments().flatMap((d) => d.consentScopes ?? []);
}

/**
 * How old a declared department's answer may be where data must be young (a certified report):
 * its declared TTL — within it the cache serves the answer as fresh; past it the department is asked
 * again, or the answer is STALE. Null for a name no declaration holds.
 */
export function declaredMaxAgeMs(name: string): number | null {
  const d = declaredDepartments().find((x) => x.name === name);
  return d ? d.call.ttlSeconds * 1000 : null;
}

/** A declared department's parameter defaults by name. */
export function parameterDefaults(d: Pick<Declaration, 'parameters'>): Record<string, number> {
  return Object.fromEntries(Object.entries(d.parameters ?? {}).map(([k, p]) => [k, p.default]));
}

/**
 * What a rule set's `declared` section names that no declaration has (a department, or a
 * parameter of one), each as a problem with its path: refused at start and in a proposal.
 */
export function declaredParameterProblems(
  declared: Readonly<Record<string, Readonly<Record<string, number>>>> | undefined,
): Array<{ path: string; problem: string }> {
  const problems: Array<{ path: string; problem: string }> = [];
  for (const [name, params] of Object.entries(declared ?? {})) {
    const d = declaredDepartments().find((x) => x.name === name);
    if (!d) {
      problems.push({ path: `declared.${name}`, problem: `no declared department ${name}` });
      continue;
    }
    for (const p of Object.keys(params))
      if (!d.parameters?.[p])
        problems.push({ path: `declared.${name}.${p}`, problem: `${name} declares no parameter ${p}` });
  }
  return problems;
}
