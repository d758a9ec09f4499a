/**
 * Prometheus metrics (prom-client), one registry per gateway instance: request latency by
 * operation, errors by code, department latency/errors/breaker state, cache hits by tier,
 * Redis state, audit write latency and rate-limit rejections. Served at `/metrics`.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CallEvent } from '../../connectors/shared/DepartmentHttp.ts';
import { registerScrapeGauges } from './scrapeGauges.ts';

/** The instruments. */
export interface GatewayMetrics {
  registry: Registry;
  requestDuration: Histogram<'operation' | 'outcome'>;
  errors: Counter<'code'>;
  departmentDuration: Histogram<'department' | 'route' | 'outcome'>;
  auditWrite: Histogram<'outcome'>;
  /** Seconds from a change at the credit platform to its re-assessment in the ledger. */
  ledgerLag: Histogram<string>;
  rateLimited: Counter<'scope'>;
  /** Operations by how they executed: a compiled plan, graphql-js, or graphql-js because no plan applies. */
  executions: Counter<'path'>;
  /** Webhook delivery attempts by outcome (delivered, retry, dead, withheld). */
  webhookAttempts: Counter<'outcome'>;
  /** Organizations' quota use: counted uses, refusals, and what remains of today's quota. */
  quotaUsed: Counter<'organization' | 'quota'>;
  quotaRefused: Counter<'organization' | 'quota'>;
  quotaRemaining: Gauge<'organization' | 'quota'>;
  /** Records a department call. */
  onDepartmentCall(e: CallEvent): void;
  /** A bounded label for an operation name (clients choose names; the label set must not grow without end). */
  operationLabel(name: string | null | undefined): string;
}

/** Live values read at scrape time. */
export interface MetricSources {
  breakers: () => Record<string, 'closed' | 'open' | 'half-open'>;
  cache: () => {
    l1Hits: number;
    l2Hits: number;
    misses: number;
    redisErrors: number;
    l1Bytes: number;
    /** The L1's cap in force, and how often the heap guard lowered it (optional: fakes omit them). */
    l1CapBytes?: number;
    heapShrinks?: number;
  };
  redisUp: () => number | null;
  /** The city ledger: open (1), away (0), none (null); the backfill's progress when this replica holds its lease. */
  ledger?: () => { up: number | null; holding: boolean; assessed: number | null; total: number | null };
  /** This replica's audit chain in the archive: the archived head, the local head, gaps, whether it broke; null without an archive. */
  /** Live event subscriptions on this replica (null without a ledger). */
  eventSubscriptions?: () => number | null;
  auditArchive?: () => { shippedSeq: number; localSeq: number; gaps: number; broken: boolean } | null;
  /** Keys the cache fetched from the departments, by `source/reason` (null: no cache in front). */
  cacheFetches?: () => ReadonlyMap<string, number> | null;
  /**
   * The ledger's currency: its coverage counts and how long ago the oldest complete
   * assessment was made, in seconds; null without a ledger or while it is away.
   */
  currency?: () => Promise<{
    registry: number | null;
    complete: number;
    provisional: number;
    missing: number | null;
    overdue: number;
    oldestSeconds: number | null;
  } | null>;
}

const MAX_OPERATION_LABELS = 200;

/** Creates the registry and instruments. */
export function createMetrics(sources: MetricSources): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'cg_' });
  const seconds = [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];
  const requestDuration = new Histogram({
    name: 'cg_graphql_request_duration_seconds',
    help: 'GraphQL request latency by operation',
    labelNames: ['operation', 'outcome'] as const,
    buckets: seconds,
    registers: [registry],
  });
  const errors = new Counter({
    name: 'cg_graphql_errors_total',
    help: 'GraphQL errors by extensions.code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  const departmentDuration = new Histogram({
    name: 'cg_department_request_duration_seconds',
    help: 'Department call latency and outcome',
    labelNames: ['department', 'route', 'outcome'] as const,
    buckets: seconds,
    registers: [registry],
  });
  const ledgerLag = new Histogram({
    name: 'cg_ledger_feed_lag_seconds',
    help: 'Seconds from a change at the credit platform to its re-assessment written in the ledger',
    buckets: [0.25, 0.5, 1, 2, 5, 10, 30, 60],
    registers: [registry],
  });
  const auditWrite = new Histogram({
    name: 'cg_audit_write_duration_seconds',
    help: 'Audit log append latency',
    labelNames: ['outcome'] as const,
    buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5],
    registers: [registry],
  });
  const rateLimited = new Counter({
    name: 'cg_rate_limit_rejections_total',
    help: 'Requests refused by rate limits',
    labelNames: ['scope'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'cg_department_breaker_state',
    help: 'Circuit breaker per department: 0 closed, 1 half-open, 2 open',
    labelNames: ['department'] as const,
    registers: [registry],
    collect() {
      for (const [d, s] of Object.entries(sources.breakers()))
        this.set({ department: d }, s === 'closed' ? 0 : s === 'half-open' ? 1 : 2);
    },
  });
  new Gauge({
    name: 'cg_cache_lookups_total',
    help: 'Cache lookups by tier since start (l1 hit, l2 hit, miss)',
    labelNames: ['tier'] as const,
    registers: [registry],
    collect() {
      const c = sources.cache();
      this.set({ tier: 'l1' }, c.l1Hits);
      this.set({ tier: 'l2' }, c.l2Hits);
      this.set({ tier: 'miss' }, c.misses);
    },
  });
  new Gauge({
    name: 'cg_cache_fetches_total',
    help: 'Keys the cache fetched from the departments since start, by source and reason (missing, expired, expiredDuringRefresh: a reader waited; refreshAhead, hot: in the background)',
    labelNames: ['source', 'reason'] as const,
    registers: [registry],
    collect() {
      for (const [k, n] of sources.cacheFetches?.() ?? []) {
        const [source = '', reason = ''] = k.split('/');
        this.set({ source, reason }, n);
      }
    },
  });
  new Gauge({
    name: 'cg_ledger_up',
    help: 'Whether the city ledger is open (1) or away (0); absent without a ledger',
    registers: [registry],
    collect() {
      const l = sources.ledger?.();
      if (l?.up !== null && l?.up !== undefined) this.set(l.up);
    },
  });
  new Gauge({
    name: 'cg_ledger_coverage_enterprises',
    help: "The ledger's coverage of the city: registry size, complete, provisional, missing and overdue assessments",
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const c = await sources.currency?.().catch(() => null);
      if (!c) return;
      for (const state of ['registry', 'complete', 'provisional', 'missing', 'overdue'] as const) {
        const n = c[state];
        if (n !== null) this.set({ state }, n);
      }
    },
  });
  new Gauge({
    name: 'cg_ledger_oldest_assessment_seconds',
    help: 'How long ago the oldest complete assessment in the ledger was made (the re-evaluation lag)',
    registers: [registry],
    async collect() {
      const c = await sources.currency?.().catch(() => null);
      if (c?.oldestSeconds !== null && c?.oldestSeconds !== undefined) this.set(c.oldestSeconds);
    },
  });
  new Gauge({
    name: 'cg_backfill_enterprises',
    help: 'The backfill pass: enterprises assessed so far and in the registry (on the replica holding its lease)',
    labelNames: ['of'] as const,
    registers: [registry],
    collect() {
      const l = sources.ledger?.();
      if (!l?.holding) return;
      if (l.assessed !== null) this.set({ of: 'assessed' }, l.assessed);
      if (l.total !== null) this.set({ of: 'registry' }, l.total);
    },
  });
  const executions = new Counter({
    name: 'cg_graphql_executions_total',
    help: 'Operations by how they executed: compiled (a graphql-jit plan), graphql-js, or not-compilable',
    labelNames: ['path'] as const,
    registers: [registry],
  });
  const webhookAttempts = new Counter({
    name: 'cg_webhook_attempts_total',
    help: 'Webhook delivery attempts by outcome (delivered, retry, dead, withheld)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const quotaUsed = new Counter({
    name: 'cg_quota_used_total',
    help: "Uses counted against organizations' daily quotas (profiles read, reports, webhook registrations)",
    labelNames: ['organization', 'quota'] as const,
    registers: [registry],
  });
  const quotaRefused = new Counter({
    name: 'cg_quota_refused_total',
    help: "Requests refused because an organization's daily quota was used up (HTTP 429 QUOTA_EXCEEDED)",
    labelNames: ['organization', 'quota'] as const,
    registers: [registry],
  });
  const quotaRemaining = new Gauge({
    name: 'cg_quota_remaining',
    help: "What remains of an organization's daily quota, as last counted on this replica",
    labelNames: ['organization', 'quota'] as const,
    registers: [registry],
  });
  registerScrapeGauges(registry, sources);
  const names = new Set<string>();
  return {
    registry,
    requestDuration,
    errors,
    departmentDuration,
    auditWrite,
    ledgerLag,
    rateLimited,
    executions,
    webhookAttempts,
    quotaUsed,
    quotaRefused,
    quotaRemaining,
    onDepartmentCall: (e) =>
      departmentDuration.observe(
        { department: e.department, route: e.route, outcome: e.outcome },
        e.durationMs / 1000,
      ),
    operationLabel(name) {
      if (!name || !/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name)) return 'anonymous';
      if (names.has(name)) return name;
      if (names.size >= MAX_OPERATION_LABELS) return 'other';
      names.add(name);
      return name;
    },
  };
}
