/**
 * The shape of the gateway's configuration (src/config/gatewayConfig.ts reads it from the
 * environment, checked at start).
 */
import type { DepartmentCallSettings } from '../../connectors/shared/settings.ts';
import type { AuthConfig } from '../auth/authenticate.ts';
import type { RedisConfig } from '../cache/redisClient.ts';
import type { RuleSet } from '../credit/ruleSet.ts';
import type { Department } from '../departments/registry.ts';
import type { SealImage } from '../frontends/report/seal.ts';
import type { LedgerTarget } from '../ledger/openLedger.ts';
import type { ExecutionSettings } from '../server/compiledExecution.ts';
import type { DepartmentBudgets } from '../server/departmentCost.ts';
import type { QueryLimits } from '../server/queryLimits.ts';
import type { QuotaFile } from '../server/quotas.ts';
import type { RateLimits } from '../server/rateLimit.ts';
import type { AuditConfig } from './servicesConfig.ts';
import type { TlsOptions } from './tls.ts';

/**
 * Where the departments are: real URLs, or (none given) the sandbox, which the development entry
 * (`npm start`, sandbox/dev.ts) starts with its own `SANDBOX_*` settings. The gateway only knows
 * the sandbox's app key: production configuration imports no sandbox code.
 */
export type DepartmentsConfig =
  | { mode: 'sandbox'; appKey: string }
  | {
      mode: 'remote';
      urls: Record<Department, string>;
      /** The shared app key (DEPARTMENT_APP_KEY), for departments without their own. */
      appKey: string;
      /** Each department's own app key (DEPT_<NAME>_APP_KEY, e.g. DEPT_TAX_APP_KEY), where issued. */
      appKeys: Partial<Record<Department, string>>;
      /** Each declared department's base URL (its declaration's variable), by name: those connected. */
      declaredUrls: Record<string, string>;
    };

/** The typed configuration. */
export interface GatewayConfig {
  host: string;
  port: number;
  departments: DepartmentsConfig;
  /** Each declared department's own app key (its declaration's auth variable), where issued, by name. */
  declaredAppKeys: Record<string, string>;
  ruleSet: RuleSet;
  /** Largest request body accepted. @default 100000 */
  maxBodyBytes: number;
  /** How often the credit platform's change feed is read. @default 1000 */
  changePollMs: number;
  /** How bearer tokens are verified. In sandbox mode: the sandbox's development issuer. */
  auth: AuthConfig;
  /** The audit log of this replica. */
  audit: AuditConfig;
  /** How long a bank's consents are cached (a CONSENT change in the feed drops them at once). @default 5000 */
  consentCacheMs: number;
  /** How long a regulator's INVESTIGATION read stays out of the subject's data tracker unless the investigation is closed first (days). */
  investigationHoldDays: number;
  /**
   * The city ledger: PostgreSQL (`DATABASE_URL`), embedded PGlite in `LEDGER_DIR` (default
   * `./ledger`), or none (`LEDGER=false`: rosters and draws answer LEDGER_UNAVAILABLE).
   */
  ledger: LedgerTarget | null;
  /**
   * The ledger's backfill (one replica at a time, by lease): on, how many enterprises per second,
   * and how long the lease outlives a holder that stopped renewing it (a killed replica).
   */
  backfill: {
    enabled: boolean;
    perSecond: number;
    leaseMs: number;
    /** How long a complete assessment stays current before it counts as overdue (REEVALUATION_CYCLE_MS). */
    reevaluationCycleMs: number;
  };
  /** The cache: Redis (optional), TTLs per department, the maximum stale age, L1's budget. */
  cache: {
    redis: RedisConfig | null;
    ttlSeconds: Record<Department, number>;
    maxStaleSeconds: number;
    l1Bytes: number;
    /** Percent of an entry's TTL after which a read refreshes it in the background (refresh-ahead); 100: never. */
    refreshAheadPercent: number;
  };
  /** Abuse limits on every operation. */
  limits: QueryLimits;
  /** How operations execute: compiled plans for those served most, graphql-js for the rest (src/server/compiledExecution.ts). */
  execution: ExecutionSettings;
  /** Requests per minute per principal and per organization. */
  rateLimits: RateLimits;
  /**
   * Who the client is and how many sockets it may hold: the proxies whose X-Forwarded-For is
   * believed (TRUSTED_PROXIES: addresses, CIDRs, or `loopback`/`linklocal`/`uniquelocal`; none by
   * default — the socket's address is the client), open connections in all (MAX_CONNECTIONS) and
   * per client address (MAX_CONNECTIONS_PER_ADDRESS; a trusted proxy's own connections are not
   * counted per address).
   */
  network: {
    trustedProxies: string[];
    maxConnections: number;
    maxConnectionsPerAddress: number;
    /** The bearer token /metrics asks of its scraper (METRICS_TOKEN); none: loopback clients only. */
    metricsToken: string | null;
  };
  /** Department calls one operation may cause, per role (DEPARTMENT_BUDGET_<ROLE>). */
  departmentBudgets: DepartmentBudgets;
  /** The share of each department's concurrency bulk readers may use, in percent. @default 50 */
  bulkSharePercent: number;
  /**
   * Replicas the deployment runs (REPLICAS): with Redis down, each replica keeps to this share of
   * every department's limits (limit ÷ replicas). @default 1
   */
  replicas: number;
  /** Organizations' daily quotas (QUOTAS or QUOTAS_FILE, JSON; src/server/quotas.ts), or null for none. */
  quotas: QuotaFile | null;
  /** Origins allowed by CORS (none by default: same-origin only). */
  corsOrigins: string[];
  /** Longest an operation may take before the client gets OPERATION_TIMEOUT. @default 5000 */
  operationTimeoutMs: number;
  /** A manifest of trusted documents, and whether only they are accepted. */
  trustedDocuments: { file: string; only: boolean } | null;
  /** OpenTelemetry: where spans go (OTLP/HTTP traces endpoint), or null for no tracing. */
  tracing: { endpoint: string; serviceName: string } | null;
  /**
   * TLS to the departments: DEPARTMENT_TLS_CA/_CERT/_KEY for all, DEPT_<NAME>_TLS_* for one
   * (a department's own CA or client certificate), PEM or `_FILE`.
   */
  departmentTls: Partial<Record<Department, TlsOptions>>;
  /** Per-department call settings over the defaults of connectors/shared/settings.ts. */
  departmentSettings: Partial<Record<Department, Partial<DepartmentCallSettings>>>;
  /** Credit reports: the secret that signs verification codes, and Chromium for PDFs. */
  reports: {
    secret: string;
    /** The current key's id (REPORT_KEY_ID, else a digest of the secret). */
    keyId: string;
    /** Retired keys still accepted for the codes they signed (REPORT_PREVIOUS_KEYS: `id=secret,…`). */
    previousKeys: Array<{ id: string; secret: string }>;
    chromiumPath: string;
    /** Where people reach the gateway (PUBLIC_BASE_URL): the verification URL in reports' QR codes. */
    publicBaseUrl: string | null;
    /** Who issues the reports, as printed on them (出具单位, REPORT_ISSUER). */
    issuer: string;
    /** The issuer's seal mark (REPORT_SEAL_IMAGE, a PNG or SVG file), or null: the report says none is configured. */
    seal: SealImage | null;
    /** How long an issued report's PDF can be fetched again by its number (REPORT_KEEP_SECONDS). @default 3600 */
    keepSeconds: number;
  };
  /**
   * Credit events, with a ledger: the outbox is read every `pollMs` for live
   * subscriptions (at most `perPrincipal` each); webhooks only to `allowedHosts` (host:port), at most
   * `webhooksPerOrg` per organization, retried from `retryBaseMs` doubling for `retryForMs`.
   */
  events: {
    pollMs: number;
    perPrincipal: number;
    allowedHosts: string;
    webhooksPerOrg: number;
    retryBaseMs: number;
    retryForMs: number;
  };
  /** This replica's name (audit file, cache locks, pub/sub). @default the host name */
  replicaId: string;
  /** Log level for pino. @default info */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
}
