/**
 * The services beside the request path, per process: the city ledger with its backfill and
 * currency, the rule sets in force and their refresh, the events (outbox, hub, webhooks) and the
 * audit chain's shipping — what createInfrastructure starts after the connectors and the cache.
 */
import { type Logger } from 'pino';
import { REFRESH_MS, RuleSetHolder } from '../credit/ruleSetHolder.ts';
import { signerFromPem, type AuditSigner } from '../audit/signing.ts';
import { FileAuditLog, type AuditSink } from '../audit/AuditLog.ts';
import { AuditShipper } from '../audit/AuditShipper.ts';
import { parseAllowList } from '../events/allowList.ts';
import { EventHub } from '../events/EventHub.ts';
import type { EventServices } from '../events/eventServices.ts';
import type { RoleTable } from '../auth/roles.ts';
import type { EventStore } from '../events/EventStore.ts';
import { PendingAppends } from '../events/PendingAppends.ts';
import { WebhookWorker } from '../events/WebhookWorker.ts';
import { ConsentCache } from '../auth/consents.ts';
import { createLocalGradeMemory, createRedisGradeMemory, type GradeMemory } from '../cache/gradeMemory.ts';
import { type RedisClient } from '../cache/redisClient.ts';
import type { GatewayConfig } from '../config/gatewayConfig.ts';
import type { Backfill } from '../ledger/Backfill.ts';
import { LedgerHandle } from '../ledger/LedgerHandle.ts';
import { createBackfill, type BackfillParts } from '../ledger/startBackfill.ts';
import { type GatewayMetrics, type MetricSources } from '../metrics/metrics.ts';
import type { ServerDeps } from './createServer.ts';
import { Quotas } from './quotas.ts';

/** The ledger's backfill and follower, paced by configuration, its feed lag in the metrics (none without a ledger, or turned off). */
export function backfillOf(
  config: GatewayConfig,
  p: Omit<BackfillParts, 'rules' | 'holder' | 'onLag' | 'ledger'> & {
    metrics: GatewayMetrics;
    ledger: LedgerHandle | null;
  },
  ruleSets: RuleSetHolder,
): Backfill | null {
  const { metrics, ledger, ...parts } = p;
  if (!ledger || !config.backfill.enabled) return null;
  return createBackfill(
    {
      ...parts,
      ledger,
      // The rule set in force when each batch is assessed (an approved version takes effect mid-pass).
      rules: () => ruleSets.at(),
      holder: `${config.replicaId}/${process.pid}`,
      onLag: (s) => metrics.ledgerLag.observe(s),
    },
    {
      perSecond: config.backfill.perSecond,
      leaseMs: config.backfill.leaseMs,
      reevaluationCycleMs: config.backfill.reevaluationCycleMs,
    },
  );
}

/** The ledger's coverage and oldest assessment for the metrics, read at most every 30 s (each is a count over the city). */
const CURRENCY_MEMO_MS = 30_000;
type Currency = Awaited<ReturnType<NonNullable<MetricSources['currency']>>>;
export function currencySource(
  ledger: () => LedgerHandle | null,
  now: () => number,
): () => Promise<Currency> {
  let memo: { at: number; value: Promise<Currency> } | null = null;
  return () => {
    const handle = ledger();
    if (!handle?.engine) return Promise.resolve(null);
    if (memo && Date.now() - memo.at < CURRENCY_MEMO_MS) return memo.value;
    const store = handle.get();
    const value = Promise.all([store.coverage(new Date(now())), store.oldestAssessedAt()]).then(
      ([c, oldest]) => ({
        registry: c.registry,
        complete: c.complete,
        provisional: c.provisional,
        missing: c.missing,
        overdue: c.overdue,
        oldestSeconds: oldest ? Math.max(0, Math.round((Date.now() - oldest.getTime()) / 1000)) : null,
      }),
      () => null,
    );
    memo = { at: Date.now(), value };
    return value;
  };
}

/** The rule set in force by time, read from the ledger now and every REFRESH_MS. */
export async function ruleSetsOf(
  config: GatewayConfig,
  ledger: LedgerHandle | null,
  logger: Logger,
  now: () => number,
): Promise<{ ruleSets: RuleSetHolder; refreshRuleSets: () => Promise<void>; refreshTimer: NodeJS.Timeout }> {
  const ruleSets = new RuleSetHolder(config.ruleSet, now);
  const refreshRuleSets = ruleSetRefresher(ruleSets, ledger, logger);
  await refreshRuleSets();
  const refreshTimer = setInterval(() => void refreshRuleSets(), REFRESH_MS);
  refreshTimer.unref();
  return { ruleSets, refreshRuleSets, refreshTimer };
}

/** Reads the approved rule-set versions into the holder; a ledger away keeps what it had (logged). */
export function ruleSetRefresher(
  holder: RuleSetHolder,
  ledger: LedgerHandle | null,
  logger: Logger,
): () => Promise<void> {
  return async () => {
    if (!ledger?.engine) return;
    try {
      const approved = await ledger.ruleSetVersions().approved(holder.base.id);
      const problems = holder.refresh(
        approved.map((v) => ({
          id: v.id,
          version: v.version,
          content: v.content,
          effectiveAt: v.effectiveAt,
          approvedAt: v.approvedAt!,
          approvedBy: v.approvedBy!,
          proposedBy: v.proposedBy,
          digest: v.digest,
        })),
      );
      for (const p of problems)
        logger.error({ problem: p }, 'an approved rule-set version no longer loads; skipped');
    } catch (err) {
      logger.warn(
        { err: String(err) },
        'rule-set versions: the ledger did not answer; the versions known stay',
      );
    }
  };
}

/** The city ledger, when configured; opened (or retried in the background) before the gateway answers. */
export async function openLedgerHandle(config: GatewayConfig, logger: Logger): Promise<LedgerHandle | null> {
  if (!config.ledger) return null;
  const ledger = new LedgerHandle(config.ledger, config.ruleSet, logger, config.backfill.reevaluationCycleMs);
  await ledger.open();
  return ledger;
}

/** The audit archive's shipper: this replica's own file log into the ledger, unless AUDIT_ARCHIVE=false. */
export function shipperOf(
  config: GatewayConfig,
  deps: ServerDeps,
  ledger: LedgerHandle | null,
  signer: AuditSigner | null,
  logger: Logger,
): AuditShipper | null {
  if (!ledger || deps.audit || !config.audit.archive.ship) return null;
  return new AuditShipper({
    file: config.audit.file,
    replica: config.replicaId,
    archive: () => {
      try {
        return ledger.archive();
      } catch {
        return null;
      }
    },
    keys: signer ? new Map([[signer.keyId, signer.publicKey]]) : undefined,
    intervalMs: config.audit.archive.shipMs,
    retentionMonths: config.audit.archive.retentionMonths,
    logger,
  });
}

/** The outbox's hub and the webhook worker of this replica (started by createServer). */
export function eventServices(
  config: GatewayConfig,
  ledger: LedgerHandle,
  parts: {
    consentCache: ConsentCache;
    logger: Logger;
    now: () => number;
    metrics: GatewayMetrics;
    audit: AuditSink;
    quotas: Quotas | null;
    roles?: RoleTable;
  },
): EventServices {
  const { consentCache, logger, now, metrics, audit, quotas, roles } = parts;
  const store = (): EventStore | null => {
    try {
      return ledger.events();
    } catch {
      return null;
    }
  };
  const e = config.events;
  const allow = parseAllowList(e.allowedHosts);
  return {
    store,
    allow,
    webhooksPerOrg: e.webhooksPerOrg,
    quotas,
    pending: new PendingAppends({ store, logger }),
    hub: new EventHub({
      store,
      consentCache,
      logger,
      now,
      intervalMs: e.pollMs,
      perPrincipal: e.perPrincipal,
    }),
    worker: new WebhookWorker({
      store,
      allow,
      consentCache,
      logger,
      now,
      holder: `${config.replicaId}/${process.pid}`,
      retryBaseMs: e.retryBaseMs,
      retryForMs: e.retryForMs,
      onAttempt: (outcome) => metrics.webhookAttempts.inc({ outcome }),
      audit,
      quota: quotas ? (org) => quotas.use(org, 'events', 1) : undefined,
      roles,
    }),
  };
}

/** Grade histories live in the ledger when there is one (consistent across replicas), else Redis, else in process. */
export function gradeMemoryOf(ledger: LedgerHandle | null, redis: RedisClient | null): GradeMemory {
  if (ledger) return ledger.gradeMemory();
  return redis ? createRedisGradeMemory(redis) : createLocalGradeMemory();
}

/** This replica's chain in the archive, for the metrics (null without an archive). */
export function archiveMetrics(
  shipper: AuditShipper | null,
  audit: AuditSink,
): { shippedSeq: number; localSeq: number; gaps: number; broken: boolean } | null {
  const s = shipper?.state();
  if (!s) return null;
  return {
    shippedSeq: s.shippedSeq ?? 0,
    localSeq: audit.state?.().seq ?? 0,
    gaps: s.gaps,
    broken: s.broken !== null,
  };
}

/** The ledger's state and this replica's backfill progress (metrics). */
export function ledgerStats(ledger: LedgerHandle | null, backfill: Backfill | null) {
  return {
    up: ledger ? (ledger.engine ? 1 : 0) : null,
    holding: backfill?.state.holding ?? false,
    assessed: backfill?.state.progress?.assessed ?? null,
    total: backfill?.state.progress?.total ?? null,
  };
}

/** Times every audit append (metrics: audit write latency by outcome). */
export function timedAuditSink(sink: AuditSink, metrics: GatewayMetrics): AuditSink {
  return {
    async append(event) {
      const end = metrics.auditWrite.startTimer();
      try {
        await sink.append(event);
        end({ outcome: 'ok' });
      } catch (err) {
        end({ outcome: 'failed' });
        throw err;
      }
    },
    close: () => sink.close(),
    state: sink.state?.bind(sink),
  };
}

/** The replica's audit log: locked, fsynced as configured, its head signed when a key is configured. */
export function openAuditLog(config: GatewayConfig, signer: AuditSigner | null): Promise<FileAuditLog> {
  const { file, fsync, checkpointMs, rotateBytes } = config.audit;
  return FileAuditLog.open(file, {
    fsync,
    signer: signer ?? undefined,
    replica: config.replicaId,
    checkpointMs,
    rotateBytes,
  });
}

/** The audit sink (timed in the metrics) and the key that signs its checkpoints. */
export async function auditOf(
  config: GatewayConfig,
  deps: ServerDeps,
  metrics: GatewayMetrics,
): Promise<{ audit: AuditSink; auditSigner: AuditSigner | null }> {
  const { signingKey, signingKeyId } = config.audit;
  const auditSigner = signingKey ? signerFromPem(signingKey, signingKeyId ?? undefined) : null;
  return {
    audit: timedAuditSink(deps.audit ?? (await openAuditLog(config, auditSigner)), metrics),
    auditSigner,
  };
}
