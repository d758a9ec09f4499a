/**
 * The source departments, one descriptor each: what the rest of the gateway needs to know of a
 * department by name — its Chinese label, the reference prefix of its records, the environment
 * variable of its base URL, how long its answers are cached, whether it rates enterprises itself.
 * The lists that named the five by hand (the department enum, labels, URL variables, TTL defaults,
 * rule-set validation, the rating departments, the desk's labels) derive from here, so a
 * department is added in one place. How each department is called and normalized stays with its
 * connector (`connectors/<name>/`), which is code for these five (XML, envelopes, paging).
 *
 * Plain data with no imports: the hall's browser bundle reads the labels from here too.
 */

/** What the gateway knows of a department by name. */
export interface DepartmentDescriptor {
  /** As window clerks, reports and the desk name it. */
  label: string;
  /** Its records' reference prefix at the credit platform (`tax:<id>`, connectors/credit/wire.ts) and its profile's key. */
  key: string;
  /** The environment variable of its base URL. */
  urlVariable: string;
  /** How long its answers are cached by default (`CACHE_TTL_<NAME>`), in seconds. */
  ttlSeconds: number;
  /** Whether it rates enterprises itself, so its own rating fuses with the grade's tier (docs/rules.md "Supervision and alerts"). */
  ratesEnterprises: boolean;
  /** Codes per call its contract allows (each connector's wire.ts; 1: one enterprise per call). */
  batchLimit: number;
  /** How the gateway calls it, where it differs from every department's defaults (connectors/shared/settings.ts). */
  call?: { timeoutMs?: number };
}

/**
 * The five, in the order every list shows them. TTLs: registration changes rarely and court lists
 * daily; the credit platform's writes come through its change feed, so a short TTL only bounds a
 * missed event.
 */
export const DEPARTMENTS = {
  TAX: {
    label: '税务',
    key: 'tax',
    urlVariable: 'TAX_URL',
    ttlSeconds: 6 * 3600,
    ratesEnterprises: true,
    batchLimit: 100,
  },
  MARKET: {
    label: '市场监管',
    key: 'market',
    urlVariable: 'MARKET_URL',
    ttlSeconds: 24 * 3600,
    ratesEnterprises: false,
    // One enterprise per call, and rate-limited (connectors/market/wire.ts): paced below it.
    batchLimit: 1,
  },
  ENVIRONMENT: {
    label: '生态环境',
    key: 'environment',
    urlVariable: 'ENVIRONMENT_URL',
    ttlSeconds: 24 * 3600,
    ratesEnterprises: true,
    batchLimit: 50,
  },
  COURT: {
    label: '法院',
    key: 'court',
    urlVariable: 'COURT_URL',
    ttlSeconds: 6 * 3600,
    ratesEnterprises: false,
    batchLimit: 20,
    // The courts are slow: a longer timeout, the same breaker.
    call: { timeoutMs: 3_000 },
  },
  CREDIT: {
    label: '公共信用信息平台',
    key: 'credit',
    urlVariable: 'CREDIT_URL',
    ttlSeconds: 600,
    ratesEnterprises: false,
    batchLimit: 1,
  },
} as const satisfies Record<string, DepartmentDescriptor>;

/** One source department. */
export type Department = keyof typeof DEPARTMENTS;

/**
 * Any source department's name: one of the five, or a declared one (src/departments/declared/),
 * whose names are known only when the declarations are read.
 */
export type AnyDepartment = Department | (string & {});

/** Every department, in the registry's order (a non-empty tuple, as enum validators take it). */
export const DEPARTMENT_NAMES = Object.keys(DEPARTMENTS) as [Department, ...Department[]];

/** Whether a department is one of the five (not a declared one). */
export const isBuiltInDepartment = (d: string): d is Department => Object.hasOwn(DEPARTMENTS, d);

/** A department that rates enterprises itself. */
export type RatingDepartment = {
  [K in Department]: (typeof DEPARTMENTS)[K]['ratesEnterprises'] extends true ? K : never;
}[Department];

/** The five that rate enterprises themselves, in the registry's order (with the declared ones: ratingDepartments()). */
export const RATING_DEPARTMENTS = DEPARTMENT_NAMES.filter((d) => DEPARTMENTS[d].ratesEnterprises) as [
  RatingDepartment,
  ...RatingDepartment[],
];

/** The departments' labels as a Chinese list: 税务、市场监管…及公共信用信息平台 (`and` the last conjunction). */
export function departmentsInWords(and: '及' | '与' = '及'): string {
  const labels = DEPARTMENT_NAMES.map((d) => DEPARTMENTS[d].label);
  return `${labels.slice(0, -1).join('、')}${and}${labels.at(-1)}`;
}

/** Each department's label, by name. */
export const DEPARTMENT_LABELS: Readonly<Record<Department, string>> = Object.fromEntries(
  DEPARTMENT_NAMES.map((d) => [d, DEPARTMENTS[d].label]),
) as Record<Department, string>;
