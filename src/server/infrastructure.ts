/**
 * The gateway's infrastructure, per process: logger, metrics, department connectors, the cache
 * tiers and their Redis connections, the fetcher, invalidation, the change-feed follower, grade
 * memory, the consent cache and the audit sink — everything a request uses but does not own.
 */
import type { DeclaredSources } from '../departments/declared/DeclaredSources.ts';
import { pino, type Logger } from 'pino';
import { RuleSetHolder } from '../credit/ruleSetHolder.ts';
import type { Connectors } from '../../connectors/index.ts';
import { type AuditSigner } from '../audit/signing.ts';
import { type AuditSink } from '../audit/AuditLog.ts';
import { AuditShipper } from '../audit/AuditShipper.ts';
import type { EventServices } from '../events/eventServices.ts';
import { ConsentCache } from '../auth/consents.ts';
import { type GradeMemory } from '../cache/gradeMemory.ts';
import { Invalidator } from '../cache/invalidation.ts';
import { createRedisClient, type RedisClient } from '../cache/redisClient.ts';
import { HeapGuard } from '../cache/heapGuard.ts';
import { TieredCache } from '../cache/TieredCache.ts';
import type { GatewayConfig } from '../config/gatewayConfig.ts';
import { ChangeFollower } from '../feed/ChangeFollower.ts';
import { CachedFetcher, createCachedFetcher } from '../loading/CachedFetcher.ts';
import { createDirectFetcher, type Fetcher } from '../loading/Fetcher.ts';
import type { Backfill } from '../ledger/Backfill.ts';
import { LedgerHandle } from '../ledger/LedgerHandle.ts';
import { createMetrics, type GatewayMetrics } from '../metrics/metrics.ts';
import type { ServerDeps } from './createServer.ts';
import { connectorsOf, declaredSourcesOf } from './departmentConnections.ts';
import { Quotas } from './quotas.ts';
import {
  backfillOf,
  currencySource,
  ruleSetsOf,
  openLedgerHandle,
  shipperOf,
  eventServices,
  gradeMemoryOf,
  archiveMetrics,
  ledgerStats,
  auditOf,
} from './cityServices.ts';

/** What one process shares across requests. */
export interface Infrastructure {
  now: () => number;
  /** The declared departments' connectors and caches (null: none declared). */
  declared: DeclaredSources | null;
  logger: Logger;
  metrics: GatewayMetrics;
  connectors: Connectors;
  redis: RedisClient | null;
  cache: TieredCache;
  fetcher: Fetcher;
  invalidator: Invalidator;
  follower: ChangeFollower;
  grades: GradeMemory;
  consentCache: ConsentCache;
  audit: AuditSink;
  /** The key that signs the audit log's checkpoints (its public half at /.well-known/audit-keys). */
  auditSigner: AuditSigner | null;
  /** The city ledger, when configured (LEDGER=false: none). */
  ledger: LedgerHandle | null;
  /** The ledger's backfill and feed follower (started by createServer), when there is a ledger. */
  backfill: Backfill | null;
  /** Credit events (the outbox's hub for subscriptions, the webhook worker), when there is a ledger. */
  events: EventServices | null;
  /** Organizations' daily quotas, when configured (QUOTAS / QUOTAS_FILE). */
  quotas: Quotas | null;
  /** The rule set in force by time: the configured one until an approved version takes effect. */
  ruleSets: RuleSetHolder;
  /** Reads the approved versions from the ledger again (at start, every 30 s, after an approval here). */
  refreshRuleSets(): Promise<void>;
  /** Ships this replica's audit file to the archive in the ledger (started by createServer), when both are there. */
  auditShipper: AuditShipper | null;
  /** Closes what this process opened (connectors, audit file, Redis connections it made). */
  close(): Promise<void>;
}

/** Organizations' daily quotas, when configured, their use in the metrics. */
function quotasOf(
  config: GatewayConfig,
  redis: RedisClient | null,
  now: () => number,
  metrics: GatewayMetrics,
): Quotas | null {
  if (!config.quotas) return null;
  return new Quotas(config.quotas, redis, now, (org, use, amount) => {
    const labels = { organization: org, quota: use.name };
    if (use.ok) metrics.quotaUsed.inc(labels, amount);
    else metrics.quotaRefused.inc(labels);
    metrics.quotaRemaining.set(labels, use.remaining);
  });
}

/** The Redis connections: the cache's, and a second one for pub/sub (none without Redis). */
function redisConnections(
  config: GatewayConfig,
  deps: ServerDeps,
  logger: Logger,
): { redis: RedisClient | null; subscriber: RedisClient | null } {
  const redis =
    deps.redis !== undefined
      ? deps.redis
      : config.cache.redis
        ? createRedisClient(config.cache.redis, 'cache', logger)
        : null;
  const subscriber = redis ? redis.duplicate() : null;
  // duplicate() copies options, not listeners: the subscriber logs its own trouble.
  subscriber?.on('error', (err: Error) =>
    logger.debug({ redis: 'subscriber', err: err.message }, 'redis subscriber error'),
  );
  return { redis, subscriber };
}

/** The cache tiers and the fetcher behind them (deps.fetcher replaces both for in-process tests). */
function cacheAndFetcher(
  config: GatewayConfig,
  deps: ServerDeps,
  connectors: Connectors,
  redis: RedisClient | null,
  logger: Logger,
  now: () => number,
): { cache: TieredCache; fetcher: Fetcher; heapGuard: HeapGuard } {
  const cache = new TieredCache({
    maxBytes: config.cache.l1Bytes,
    redis,
    maxStaleSeconds: config.cache.maxStaleSeconds,
    onRedisError: (err) => logger.debug({ err: String(err) }, 'redis error: served as a miss'),
  });
  // The L1 yields when the heap runs high, whatever its own count says (heapGuard.ts).
  const heapGuard = new HeapGuard(cache);
  heapGuard.start();
  const fetcher =
    deps.fetcher ??
    createCachedFetcher({
      inner: createDirectFetcher(connectors, now),
      cache,
      ttlSeconds: config.cache.ttlSeconds,
      refreshAhead: config.cache.refreshAheadPercent / 100,
      maxStaleSeconds: config.cache.maxStaleSeconds,
      now,
      redis,
      replicaId: config.replicaId,
    });
  return { cache, fetcher, heapGuard };
}

/** The credit platform's change feed: invalidation and the consent cache follow it (not polled yet). */
function followFeed(
  connectors: Connectors,
  config: GatewayConfig,
  logger: Logger,
  invalidator: Invalidator,
  consentCache: ConsentCache,
): ChangeFollower {
  const follower = new ChangeFollower({
    read: (cursor) => connectors.credit.fetchChanges(cursor),
    intervalMs: config.changePollMs,
    onError: (err) => logger.warn({ err: String(err) }, 'change feed read failed'),
  });
  follower.subscribe(invalidator);
  follower.subscribe({
    onChanges: (changes) => {
      if (changes.some((c) => c.kind === 'CONSENT')) consentCache.clear();
    },
    onReset: () => consentCache.clear(),
  });
  return follower;
}

/** The cache's counters and bytes, its cap and how often the heap guard lowered it (metrics). */
function cacheStats(cache: TieredCache, guard: HeapGuard) {
  return { ...cache.stats, l1Bytes: cache.l1Bytes, l1CapBytes: cache.l1CapBytes, heapShrinks: guard.shrinks };
}

/** Builds the infrastructure (and subscribes invalidation to the change feed; it is not polled yet). */
export async function createInfrastructure(config: GatewayConfig, deps: ServerDeps): Promise<Infrastructure> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? pino({ level: config.logLevel });
  // Metrics read live values at scrape time; the objects they read are made just below.
  const metrics = createMetrics({
    breakers: () => Object.fromEntries(Object.entries(connectors.http).map(([d, h]) => [d, h.breakerState])),
    cache: () => cacheStats(cache, heapGuard),
    cacheFetches: () => (fetcher instanceof CachedFetcher ? fetcher.fetchCounts : null),
    redisUp: () => (redis ? (redis.status === 'ready' ? 1 : 0) : null),
    eventSubscriptions: () => (events ? events.hub.subscriptions : null),
    auditArchive: () => archiveMetrics(auditShipper, audit),
    currency: currencySource(() => ledger, now),
    ledger: () => ledgerStats(ledger, backfill),
  });
  // Redis first: the cache's L2 and the departments' limits for the whole deployment.
  const { redis, subscriber } = redisConnections(config, deps, logger);
  const connectors = connectorsOf(config, deps, redis, metrics);
  const { cache, fetcher, heapGuard } = cacheAndFetcher(config, deps, connectors, redis, logger, now);
  const declared = declaredSourcesOf(config, { deps, redis, metrics, cache, now });
  const invalidator = new Invalidator({ cache, redis, subscriber, replicaId: config.replicaId, logger });
  await invalidator.start();
  const consentCache = new ConsentCache(
    (grantee) => connectors.credit.listConsents({ grantee, all: true }),
    config.consentCacheMs,
    now,
  );
  const follower = followFeed(connectors, config, logger, invalidator, consentCache);
  const { audit, auditSigner } = await auditOf(config, deps, metrics);
  const ledger = await openLedgerHandle(config, logger);
  const { ruleSets, refreshRuleSets, refreshTimer } = await ruleSetsOf(config, ledger, logger, now);
  const grades = deps.grades ?? gradeMemoryOf(ledger, redis);
  const backfill = backfillOf(
    config,
    { ledger, connectors, fetcher, grades, follower, now, logger, metrics, declared },
    ruleSets,
  );
  const auditShipper = shipperOf(config, deps, ledger, auditSigner, logger);
  const quotas = quotasOf(config, redis, now, metrics);
  const events = ledger
    ? eventServices(config, ledger, { consentCache, logger, now, metrics, audit, quotas, roles: deps.roles })
    : null;
  return {
    declared,
    now,
    logger,
    metrics,
    connectors,
    redis,
    cache,
    fetcher,
    invalidator,
    follower,
    grades,
    consentCache,
    audit,
    auditSigner,
    ledger,
    backfill,
    auditShipper,
    events,
    quotas,
    ruleSets,
    refreshRuleSets,
    close: async () => {
      clearInterval(refreshTimer);
      heapGuard.stop();
      events?.hub.close();
      await events?.pending.close();
      await events?.worker.stop();
      await backfill?.stop();
      await follower.stop();
      invalidator.stop();
      (fetcher as { stop?: () => void }).stop?.();
      await connectors.close();
      await declared?.close();
      await audit.close();
      // After the log's closing checkpoint: the archive receives it.
      await auditShipper?.stop();
      await ledger?.close();
      for (const c of [subscriber, deps.redis === undefined ? redis : null]) if (c) c.disconnect();
    },
  };
}
