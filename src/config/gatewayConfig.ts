/**
 * The gateway's configuration, from environment variables only, checked at start: every
 * problem is listed at once (`ConfigError`), nothing calls process.exit.
 */
import { declaredParameterProblems } from '../departments/declared/declarations.ts';
import { declaredDepartments } from '../departments/declared/declarations.ts';
import { ROLES } from '../auth/principal.ts';
import { DEFAULT_DEPARTMENT_BUDGETS, type DepartmentBudgets } from '../server/departmentCost.ts';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import type { JSONWebKeySet } from 'jose';
import type { AuthConfig } from '../auth/authenticate.ts';
import { DEFAULT_QUERY_LIMITS } from '../server/queryLimits.ts';
import { DEFAULT_AUDIENCE, DEV_ISSUER, devJwks } from '../auth/devIssuer.ts';
import { join } from 'node:path';
import { DEPARTMENT_NAMES, DEPARTMENTS, type Department } from '../departments/registry.ts';
import { parseRuleSet, RuleSetError, type RuleSet } from '../credit/ruleSet.ts';
import { EnvReader } from './env.ts';
import type { DepartmentsConfig, GatewayConfig } from './configTypes.ts';
import { readAudit, readReports, readQuotas, readLedger, backfillPace } from './servicesConfig.ts';
import { readCache, readDepartmentSettings, readDepartmentTls } from './connectionsConfig.ts';

export { backfillPace, type AuditConfig } from './servicesConfig.ts';

/** Rule sets bundled with the gateway, by name. */
export const BUNDLED_RULE_SETS = ['default', 'shanwei'] as const;

export type { DepartmentsConfig, GatewayConfig } from './configTypes.ts';

/** Loads a bundled rule set by name, or a rule file by path. */
export function loadRuleSet(nameOrPath: string): RuleSet {
  const file = (BUNDLED_RULE_SETS as readonly string[]).includes(nameOrPath)
    ? join(import.meta.dirname, '..', 'credit', 'rulesets', `${nameOrPath}.json`)
    : nameOrPath;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new RuleSetError(file, '', `cannot read: ${(err as Error).message}`);
  }
  const rules = parseRuleSet(json, file);
  // Its declared departments' parameters must be ones the declarations have.
  const problems = declaredParameterProblems(rules.declared);
  if (problems.length) throw new RuleSetError(file, problems[0]!.path, problems[0]!.problem, problems);
  return rules;
}

const URL_VARS = Object.fromEntries(DEPARTMENT_NAMES.map((d) => [d, DEPARTMENTS[d].urlVariable])) as Record<
  Department,
  string
>;

/** Department URLs (all five, with their app key), or none: the sandbox. */
function readDepartments(r: EnvReader): DepartmentsConfig {
  const urls = Object.fromEntries(DEPARTMENT_NAMES.map((d) => [d, r.url(URL_VARS[d])])) as Record<
    Department,
    string | undefined
  >;
  if (DEPARTMENT_NAMES.every((d) => urls[d] === undefined))
    return { mode: 'sandbox', appKey: r.string('SANDBOX_APP_KEY', 'sandbox') };
  for (const d of DEPARTMENT_NAMES)
    if (!urls[d]) r.problems.push(`${URL_VARS[d]} is required when any department URL is set`);
  const appKey = r.string('DEPARTMENT_APP_KEY');
  const appKeys = Object.fromEntries(
    DEPARTMENT_NAMES.flatMap((d) => {
      const k = r.string(`DEPT_${d}_APP_KEY`);
      return k ? [[d, k]] : [];
    }),
  ) as Partial<Record<Department, string>>;
  const without = DEPARTMENT_NAMES.filter((d) => !appKeys[d]);
  if (!appKey && without.length)
    r.problems.push(
      `DEPARTMENT_APP_KEY is required with department URLs (or DEPT_<NAME>_APP_KEY for each: ${without.join(', ')} have none)`,
    );
  const declaredUrls: Record<string, string> = {};
  for (const d of declaredDepartments()) {
    const url = r.url(d.url.variable);
    // A declared department a city has not connected answers SOURCE_UNAVAILABLE (src/departments/declared/).
    if (url) declaredUrls[d.name] = url;
  }
  return {
    mode: 'remote',
    urls: urls as Record<Department, string>,
    appKey: appKey ?? '',
    appKeys,
    declaredUrls,
  };
}

/** The rule set by name or path (a bad one is a problem naming the offending entry). */
function readRuleSet(r: EnvReader): RuleSet | undefined {
  try {
    return loadRuleSet(r.string('RULE_SET', 'default'));
  } catch (err) {
    r.problems.push(`RULE_SET: ${(err as Error).message}`);
    return undefined;
  }
}

/** Token verification: a JWKS URL or key set and an issuer; in sandbox mode the development issuer. */
function readAuth(r: EnvReader, mode: DepartmentsConfig['mode']): AuthConfig {
  const jwksUrl = r.url('AUTH_JWKS_URL');
  const jwksText = r.string('AUTH_JWKS');
  let jwks: AuthConfig['jwks'] | undefined;
  if (jwksUrl) jwks = { url: jwksUrl };
  else if (jwksText) {
    try {
      jwks = { keys: JSON.parse(jwksText) as JSONWebKeySet };
    } catch {
      r.problems.push('AUTH_JWKS must be a JSON Web Key Set');
    }
  } else if (mode === 'sandbox') jwks = { keys: devJwks() as JSONWebKeySet };
  else r.problems.push('AUTH_JWKS_URL or AUTH_JWKS is required with department URLs');
  const issuer = r.string('AUTH_ISSUER') ?? (mode === 'sandbox' ? DEV_ISSUER : undefined);
  if (!issuer) r.problems.push('AUTH_ISSUER is required with department URLs');
  return {
    issuer: issuer ?? '',
    audience: r.string('AUTH_AUDIENCE', DEFAULT_AUDIENCE),
    jwks: jwks ?? { keys: { keys: [] } },
  };
}

/** Abuse limits, department-call budgets per role, the bulk share, rate limits. */
function readLimits(
  r: EnvReader,
): Pick<GatewayConfig, 'limits' | 'execution' | 'departmentBudgets' | 'bulkSharePercent' | 'rateLimits'> {
  const d = DEFAULT_QUERY_LIMITS;
  return {
    limits: {
      maxDepth: r.int('QUERY_MAX_DEPTH', d.maxDepth, 1, 100),
      maxAliases: r.int('QUERY_MAX_ALIASES', d.maxAliases, 0, 1000),
      maxDirectives: r.int('QUERY_MAX_DIRECTIVES', d.maxDirectives, 0, 1000),
      maxCost: r.int('QUERY_MAX_COST', d.maxCost, 1, 10_000_000),
      maxTokens: r.int('QUERY_MAX_TOKENS', d.maxTokens, 10, 1_000_000),
      maxListArgument: r.int('QUERY_MAX_LIST', d.maxListArgument, 1, 10_000),
    },
    execution: {
      executor: r.oneOf('GRAPHQL_EXECUTOR', ['compiled', 'graphql-js'] as const, 'compiled'),
      compileAfter: r.int('GRAPHQL_COMPILE_AFTER', 2, 1, 1000),
      plans: r.int('GRAPHQL_PLANS', 500, 1, 100_000),
    },
    departmentBudgets: Object.fromEntries(
      ROLES.map((role) => [
        role,
        r.int(`DEPARTMENT_BUDGET_${role.toUpperCase()}`, DEFAULT_DEPARTMENT_BUDGETS[role], 1, 10_000_000),
      ]),
    ) as DepartmentBudgets,
    bulkSharePercent: r.int('BULK_SHARE_PERCENT', 50, 1, 100),
    rateLimits: {
      perPrincipal: r.int('RATE_LIMIT_PER_PRINCIPAL', 600, 1),
      perOrganization: r.int('RATE_LIMIT_PER_ORG', 6000, 1),
      authFailuresPerAddress: r.int('RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS', 120, 1),
    },
  };
}

/**
 * Reads the configuration from an environment map; every problem is listed at once. `r` keeps
 * what was read (`EnvReader.read`: every variable with its default, docs/configuration.md).
 */
export function loadConfig(
  env: Readonly<Record<string, string | undefined>>,
  r: EnvReader = new EnvReader(env),
): GatewayConfig {
  const departments = readDepartments(r);
  const ruleSet = readRuleSet(r);
  const replica = r.string('REPLICA_ID', hostname());
  const trustedFile = r.string('TRUSTED_DOCUMENTS');
  const trustedOnly = r.bool('TRUSTED_DOCUMENTS_ONLY', false);
  if (trustedOnly && !trustedFile)
    r.problems.push('TRUSTED_DOCUMENTS_ONLY needs TRUSTED_DOCUMENTS (a manifest file)');
  const otlp = r.url('OTEL_EXPORTER_OTLP_ENDPOINT');
  const departmentSettings = readDepartmentSettings(r);
  const declaredAppKeys = Object.fromEntries(
    declaredDepartments().flatMap((d) => {
      const key = d.auth?.variable ? r.string(d.auth.variable) : undefined;
      return key ? [[d.name, key]] : [];
    }),
  );
  const config: GatewayConfig = {
    declaredAppKeys,
    tracing: otlp ? { endpoint: otlp, serviceName: r.string('OTEL_SERVICE_NAME', 'credit-gateway') } : null,
    departmentSettings,
    departmentTls: readDepartmentTls(r),
    reports: readReports(r, departments.mode),
    ...readLimits(r),
    network: {
      trustedProxies: (r.string('TRUSTED_PROXIES') ?? '')
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
      maxConnections: r.int('MAX_CONNECTIONS', 4096, 1, 1_000_000),
      maxConnectionsPerAddress: r.int('MAX_CONNECTIONS_PER_ADDRESS', 256, 1, 1_000_000),
      metricsToken: r.string('METRICS_TOKEN') ?? null,
    },
    corsOrigins: (r.string('CORS_ORIGINS') ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    operationTimeoutMs: r.int('OPERATION_TIMEOUT_MS', 5000, 100, 120_000),
    trustedDocuments: trustedFile ? { file: trustedFile, only: trustedOnly } : null,
    cache: readCache(r),
    replicaId: replica,
    replicas: r.int('REPLICAS', 1, 1, 1000),
    quotas: readQuotas(r),
    auth: readAuth(r, departments.mode),
    audit: readAudit(r, replica),
    events: {
      pollMs: r.int('EVENTS_POLL_MS', 200, 20, 10_000),
      perPrincipal: r.int('EVENTS_PER_PRINCIPAL', 5, 1, 1000),
      allowedHosts: r.string('WEBHOOK_ALLOWED_HOSTS', ''),
      webhooksPerOrg: r.int('WEBHOOKS_PER_ORG', 20, 1, 10_000),
      retryBaseMs: r.int('WEBHOOK_RETRY_BASE_MS', 1000, 10, 3_600_000),
      retryForMs: r.int('WEBHOOK_RETRY_FOR_MS', 86_400_000, 1000, 7 * 86_400_000),
    },
    consentCacheMs: r.int('CONSENT_CACHE_MS', 5000, 0, 600_000),
    investigationHoldDays: r.int('INVESTIGATION_HOLD_DAYS', 180, 0, 3650),
    ledger: readLedger(r),
    backfill: {
      enabled: r.bool('BACKFILL', true),
      perSecond: r.int('BACKFILL_PER_SECOND', backfillPace(departmentSettings), 1, 10_000),
      leaseMs: r.int('BACKFILL_LEASE_MS', 15_000, 1_000, 600_000),
      reevaluationCycleMs: r.int('REEVALUATION_CYCLE_MS', 86_400_000, 60_000, 30 * 86_400_000),
    },
    host: r.string('HOST', '127.0.0.1'),
    port: r.int('PORT', 4000, 0, 65535),
    departments,
    ruleSet: ruleSet!,
    maxBodyBytes: r.int('MAX_BODY_BYTES', 100_000, 1_000, 10_000_000),
    changePollMs: r.int('CHANGE_POLL_MS', 1000, 50, 60_000),
    logLevel: r.oneOf(
      'LOG_LEVEL',
      ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const,
      'info',
    ),
  };
  r.done();
  return config;
}
