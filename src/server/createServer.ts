/**
 * Composes the gateway from its configuration and explicit dependencies, and does not listen
 * (STYLE.md): `main.ts` listens; tests build the same server with their own deps.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { pino, type Logger } from 'pino';
import { createConnectors, type Connectors } from '../../connectors/index.ts';
import type { DepartmentCallSettings } from '../../connectors/shared/settings.ts';
import type { GatewayConfig } from '../config/gatewayConfig.ts';
import { createContextFactory, type GatewayContext } from '../context.ts';
import { DEPARTMENT_NAMES, type Department } from '../model/unifiedModel.ts';
import { createDirectFetcher, type Fetcher } from '../loading/Fetcher.ts';
import { createCachedFetcher } from '../loading/CachedFetcher.ts';
import { createLocalGradeMemory, createRedisGradeMemory, type GradeMemory } from '../cache/gradeMemory.ts';
import { Invalidator } from '../cache/invalidation.ts';
import { createRedisClient, type RedisClient } from '../cache/redisClient.ts';
import { TieredCache } from '../cache/TieredCache.ts';
import { ChangeFollower } from '../feed/ChangeFollower.ts';
import { loadPlaygroundAssets } from '../playground/assets.ts';
import { defaultExamples, playgroundHtml, type PlaygroundExample } from '../playground/playgroundPage.ts';
import { createAuditPlugin } from '../audit/auditPlugin.ts';
import { FileAuditLog, type AuditSink } from '../audit/AuditLog.ts';
import { createAuthenticator } from '../auth/authenticate.ts';
import { ConsentCache } from '../auth/consents.ts';
import { createIntrospectionGate } from '../auth/introspectionGate.ts';
import { applyPermissions } from '../auth/permissions.ts';
import { createRedisKeyValueCache } from '../cache/apqCache.ts';
import { createMetrics, type GatewayMetrics } from '../metrics/metrics.ts';
import { createObservabilityPlugin } from '../metrics/observabilityPlugin.ts';
import type { Principal } from '../auth/principal.ts';
import { loadHallAssets } from '../frontends/hall/hallPage.ts';
import { PdfRenderer } from '../frontends/report/pdf.ts';
import { createReportRoutes } from '../frontends/report/reportRoutes.ts';
import { createFormatError } from './formatError.ts';
import { createGraphqlHttpStatusPlugin } from './graphqlHttpStatus.ts';
import { createDepartmentCostPlugin } from './departmentCost.ts';
import { queryLimitRules } from './queryLimits.ts';
import { createRateLimiter } from './rateLimit.ts';
import { loadTrustedDocuments } from './trustedDocuments.ts';
import { createHttpHandler } from './httpHandler.ts';
import { buildSchema } from './schema.ts';

/** What the server is built from, besides its configuration. */
export interface ServerDeps {
  /** Base URL of each department. */
  departmentUrls: Record<Department, string>;
  /** The clock. @default Date.now */
  now?: () => number;
  /** @default a pino logger at config.logLevel */
  logger?: Logger;
  /** Per-department call settings over the defaults (tests shorten timeouts). */
  departmentSettings?: Partial<Record<Department, Partial<DepartmentCallSettings>>>;
  /** Where grade histories live (GRADE_DROP). @default in process */
  grades?: GradeMemory;
  /** A Redis client to use instead of one made from config.cache.redis (null: no Redis). */
  redis?: RedisClient | null;
  /** Where audit entries go. @default the file in config.audit */
  audit?: AuditSink;
  /** Playground example tabs. */
  examples?: PlaygroundExample[];
  /** Where every source's data comes from, uncached (in-process tests pass a fake that records its batches). @default the departments, through the cache */
  fetcher?: Fetcher;
  /** Whether to read the credit platform's change feed. @default true */
  followFeed?: boolean;
}

/** A built gateway. */
export interface GatewayServer {
  httpServer: Server;
  apollo: ApolloServer<GatewayContext>;
  connectors: Connectors;
  fetcher: Fetcher;
  logger: Logger;
  /** The metrics registry. */
  metrics: GatewayMetrics;
  /** The two-tier cache (for readiness and metrics). */
  cache: TieredCache;
  /** Follows the credit platform's change feed; caches subscribe to it. */
  follower: ChangeFollower;
  /** Builds a request's context for a principal (in-process operations: `apollo.executeOperation`). */
  contextFor(init?: { requestId?: string; principal?: Principal }): GatewayContext;
  /** Stops accepting, drains in-flight requests, closes pools. */
  close(): Promise<void>;
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Times every audit append (metrics: audit write latency by outcome). */
function timedAuditSink(sink: AuditSink, metrics: GatewayMetrics): AuditSink {
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
  };
}

/** Builds (and starts Apollo, but does not listen). */
export async function createServer(config: GatewayConfig, deps: ServerDeps): Promise<GatewayServer> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? pino({ level: config.logLevel });
  // Metrics read live values at scrape time; the objects they read are made just below.
  const metrics = createMetrics({
    breakers: () => Object.fromEntries(Object.entries(connectors.http).map(([d, h]) => [d, h.breakerState])),
    cache: () => ({ ...cache.stats, l1Bytes: cache.l1Bytes }),
    redisUp: () => (redis ? (redis.status === 'ready' ? 1 : 0) : null),
  });
  const connectors = createConnectors({
    urls: deps.departmentUrls,
    appKey: config.departments.appKey,
    settings: Object.fromEntries(
      DEPARTMENT_NAMES.map((d) => [d, { ...config.departmentSettings[d], ...deps.departmentSettings?.[d] }]),
    ),
    onCall: (e) => metrics.onDepartmentCall(e),
  });
  // The cache: L1 always, L2 when Redis is configured; a second connection for pub/sub.
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
  const cache = new TieredCache({
    maxBytes: config.cache.l1Bytes,
    redis,
    maxStaleSeconds: config.cache.maxStaleSeconds,
    onRedisError: (err) => logger.debug({ err: String(err) }, 'redis error: served as a miss'),
  });
  const bulkConcurrency = Object.fromEntries(
    DEPARTMENT_NAMES.map((d) => [
      d,
      Math.floor((connectors.http[d].settings.concurrency * config.bulkSharePercent) / 100),
    ]),
  ) as Record<Department, number>;
  const fetcher =
    deps.fetcher ??
    createCachedFetcher({
      inner: createDirectFetcher(connectors, now, bulkConcurrency),
      cache,
      ttlSeconds: config.cache.ttlSeconds,
      maxStaleSeconds: config.cache.maxStaleSeconds,
      now,
      redis,
      replicaId: config.replicaId,
    });
  const invalidator = new Invalidator({ cache, redis, subscriber, replicaId: config.replicaId, logger });
  await invalidator.start();
  const follower = new ChangeFollower({
    read: (cursor) => connectors.credit.fetchChanges(cursor),
    intervalMs: config.changePollMs,
    onError: (err) => logger.warn({ err: String(err) }, 'change feed read failed'),
  });
  const httpServer = createHttpServer();
  const audit = timedAuditSink(
    deps.audit ?? new FileAuditLog(config.audit.file, { fsync: config.audit.fsync }),
    metrics,
  );
  const apollo = new ApolloServer<GatewayContext>({
    schema: applyPermissions(buildSchema()),
    formatError: createFormatError((err) => logger.error({ err }, 'masked error')),
    includeStacktraceInErrorResponses: false,
    // No "Did you mean …?" for anyone: field suggestions map the schema for a prober.
    hideSchemaDetailsFromClientErrors: true,
    parseOptions: { maxTokens: config.limits.maxTokens },
    validationRules: queryLimitRules(config.limits),
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // Introspection is on in the server; the gate below allows it to developers and regulators only.
    introspection: true,
    persistedQueries: { cache: redis ? createRedisKeyValueCache(redis) : undefined, ttl: 86400 },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      createIntrospectionGate(),
      createDepartmentCostPlugin(config.departmentBudgets),
      createObservabilityPlugin(metrics, logger),
      createAuditPlugin((err) => logger.error({ err: String(err) }, 'audit write failed; response withheld')),
      createGraphqlHttpStatusPlugin(),
    ],
  });
  await apollo.start();
  follower.subscribe(invalidator);
  const grades = deps.grades ?? (redis ? createRedisGradeMemory(redis) : createLocalGradeMemory());
  const consentCache = new ConsentCache(
    (grantee) => connectors.credit.listConsents({ grantee, all: true }),
    config.consentCacheMs,
    now,
  );
  follower.subscribe({
    onChanges: (changes) => {
      if (changes.some((c) => c.kind === 'CONSENT')) consentCache.clear();
    },
    onReset: () => consentCache.clear(),
  });
  const contextFor = createContextFactory({
    fetcher,
    rules: config.ruleSet,
    now,
    market: connectors.market,
    credit: connectors.credit,
    grades,
    consentCache,
    audit,
    invalidate: (uscc) => invalidator.enterpriseChanged(uscc),
    // Department calls end before the operation timeout, leaving time to grade and answer.
    departmentDeadlineMs: Math.max(
      50,
      config.operationTimeoutMs - Math.max(200, config.operationTimeoutMs / 10),
    ),
  });
  const authenticate = createAuthenticator(config.auth, now);
  const pdf = new PdfRenderer(config.reports.chromiumPath);
  const authenticateRequest = (req: IncomingMessage): Promise<Principal> =>
    authenticate(req.headers.authorization, header(req.headers['x-purpose']));
  const contextOf = async (req: IncomingMessage, principal: Principal): Promise<GatewayContext> =>
    contextFor({ principal, requestId: header(req.headers['x-request-id'])?.slice(0, 100) });
  const handler = createHttpHandler({
    hallAssets: loadHallAssets(),
    routes: [
      createReportRoutes({
        apollo,
        context: contextOf,
        secret: config.reports.secret,
        pdf,
        now,
        ruleSet: `${config.ruleSet.id} ${config.ruleSet.version}`,
      }),
    ],
    apollo,
    authenticate: authenticateRequest,
    context: contextOf,
    assets: loadPlaygroundAssets(),
    playgroundHtml: playgroundHtml(deps.examples ?? defaultExamples({})),
    maxBodyBytes: config.maxBodyBytes,
    metrics: async () => ({
      contentType: metrics.registry.contentType,
      body: await metrics.registry.metrics(),
    }),
    corsOrigins: new Set(config.corsOrigins),
    rateLimit: createRateLimiter(config.rateLimits, redis),
    onRateLimited: (scope) => metrics.rateLimited.inc({ scope }),
    trustedDocuments: config.trustedDocuments
      ? loadTrustedDocuments(config.trustedDocuments.file, config.trustedDocuments.only)
      : null,
    operationTimeoutMs: config.operationTimeoutMs,
    readiness: async () => {
      const departments = Object.fromEntries(
        Object.entries(connectors.http).map(([d, h]) => [d, h.breakerState]),
      );
      const redisState = redis ? (redis.status === 'ready' ? 'ready' : 'down') : 'not-configured';
      const degraded = Object.values(departments).some((s) => s !== 'closed') || redisState === 'down';
      // A department or Redis down is degraded service, not unreadiness: the gateway still answers
      // (from L1 and the other departments), and every replica would be equally affected.
      return {
        ready: true,
        detail: {
          status: degraded ? 'degraded' : 'ok',
          // Sandbox mode trusts the development issuer: never a deployment (it refuses to start without real secrets).
          mode: config.departments.mode,
          ...(config.departments.mode === 'sandbox'
            ? { warning: 'sandbox mode: development tokens are accepted; not for real data' }
            : {}),
          departments,
          redis: redisState,
          cache: { ...cache.stats, l1Bytes: cache.l1Bytes },
        },
      };
    },
  });
  // While draining, every response closes its connection, so no keep-alive client sends another
  // request on a socket about to be closed (the resets seen under load at SIGTERM).
  let draining = false;
  httpServer.on('request', (req, res) => {
    if (draining) res.setHeader('connection', 'close');
    void handler(req, res);
  });
  if (deps.followFeed ?? true) {
    await follower.poll();
    follower.start();
  }
  return {
    contextFor,
    metrics,
    cache,
    follower,
    httpServer,
    apollo,
    connectors,
    fetcher,
    logger,
    close: async () => {
      // Not closeIdleConnections(): a socket whose request is written but not yet parsed looks idle, and would be reset.
      draining = true;
      await follower.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
      await connectors.close();
      await audit.close();
      await pdf.close();
      for (const c of [subscriber, deps.redis === undefined ? redis : null]) if (c) c.disconnect();
    },
  };
}
