/**
 * A department declaration's shape (declarations.ts reads and checks them): as the file states it
 * — the JSON Schema `schema/department-declaration.schema.json` is its contract — and once checked.
 */

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

/** The department's part of the credit report: a section, its rows (a profile list, or the profile) and columns. */
export interface DeclaredReport {
  section: string;
  rows?: string;
  columns: Array<{ label: string; field: string }>;
  empty?: string;
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
  /** Numbers the record rules read as `$<name>`, with their defaults (the rule set may set them). */
  parameters?: Record<string, { default: number; description: string }>;
  /** The department's own rating of an enterprise (JSONata over its answer), fused with the grade for its tier. */
  rating?: { value: string; description: string };
  audiences: string[];
  fieldAudiences?: Record<string, string[]>;
  report?: DeclaredReport;
  consentScopes?: string[];
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
