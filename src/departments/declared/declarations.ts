/**
 * Declared departments (issue 31; docs/departments.md): a department taken in by a file, not by
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
import { DEPARTMENT_NAMES, DEPARTMENTS } from '../registry.ts';

/** One profile field, as declared. */
export interface DeclaredField {
  name: string;
  type: 'String' | 'Int' | 'Float' | 'Boolean' | 'Date' | 'Object';
  list?: boolean;
  description: string;
  value: string;
  mask?: boolean;
  objectType?: string;
  fields?: DeclaredField[];
}

/** One kind of record the answer holds. */
export interface DeclaredRecordRule {
  kind: string;
  title: string;
  each: string;
  id: string;
  date: string;
  detail?: string;
  until?: string;
  public?: boolean;
  severity: 'MINOR' | 'GENERAL' | 'SERIOUS';
  nature: 'EVENT' | 'STATE';
}

/** A declaration as the file states it (the JSON Schema is its contract). */
export interface Declaration {
  name: string;
  label: string;
  key: string;
  description: string;
  url: { variable: string };
  auth?: { header: string; variable?: string };
  call: { ratePerSecond: number; timeoutMs?: number; ttlSeconds: number };
  fetch: {
    mode: 'perCode' | 'batch' | 'paged';
    method: 'GET' | 'POST';
    path: string;
    body?: string;
    batchLimit?: number;
    pageSize?: number;
    rows?: string;
    total?: string;
    answers?: string;
    codeOf?: string;
    notFound?: number[];
    refusal?: string;
    response: Record<string, unknown>;
  };
  profile: { type: string; description: string; value: string; fields: DeclaredField[] };
  records?: DeclaredRecordRule[];
  audiences: string[];
  fieldAudiences?: Record<string, string[]>;
  simulation: {
    port: number;
    answer: string;
    envelope?: string;
    codes?: string;
    traits?: Record<string, string>;
  };
}

/** A declaration that passed every check, with the file it came from. */
export interface DeclaredDepartment extends Declaration {
  file: string;
}

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
  add('simulation.answer', d.simulation.answer);
  add('simulation.envelope', d.simulation.envelope);
  add('simulation.codes', d.simulation.codes);
  for (const [t, e] of Object.entries(d.simulation.traits ?? {})) add(`simulation.traits.${t}`, e);
  return out;
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
  problems.push(...clashes(all));
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
