/**
 * Composes the gateway from its configuration and explicit dependencies, and does not listen
 * (so tests can build it too): `main.ts` listens; tests build the same server with their own deps. Three parts:
 * the infrastructure (infrastructure.ts), Apollo (apollo.ts) and the HTTP routes (routes.ts).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import type { Logger } from 'pino';
import type { Dispatcher } from 'undici';
import type { RoleTable } from '../auth/roles.ts';
import type { Connectors } from '../../connectors/index.ts';
import type { DepartmentCallSettings } from '../../connectors/shared/settings.ts';
import type { AuditSink } from '../audit/AuditLog.ts';
import type { Principal } from '../auth/principal.ts';
import type { GradeMemory } from '../cache/gradeMemory.ts';
import type { RedisClient } from '../cache/redisClient.ts';
import type { TieredCache } from '../cache/TieredCache.ts';
import type { GatewayConfig } from '../config/gatewayConfig.ts';
import { createContextFactory, type ContextDeps, type GatewayContext } from '../context.ts';
import type { ChangeFollower } from '../feed/ChangeFollower.ts';
import { PdfRenderer } from '../frontends/report/pdf.ts';
import type { Fetcher } from '../loading/Fetcher.ts';
import type { GatewayMetrics } from '../metrics/metrics.ts';
import type { Department } from '../model/unifiedModel.ts';
import type { PlaygroundExample } from '../playground/playgroundPage.ts';
import { createApollo, gatewaySchema } from './apollo.ts';
import type { ExecutorChooser } from './compiledExecution.ts';
import { createFormatError } from './formatError.ts';
import { queryLimitRules } from './queryLimits.ts';
import { attachSubscriptions } from './subscriptions.ts';
import { createAuthenticator } from '../auth/authenticate.ts';
import { createAdmission, type Admission } from './admission.ts';
import { createClientAddress } from './clientAddress.ts';
import { limitConnections } from './connectionLimits.ts';
import { createRateLimiter } from './rateLimit.ts';
import { HttpDrain } from './drain.ts';
import { createInfrastructure, type Infrastructure } from './infrastructure.ts';
import { createRoutes } from './routes.ts';

/** What the server is built from, besides its configuration. */
export interface ServerDeps {
  /** Base URL of each department. */
  departmentUrls: Record<Department, string>;
  /** Base URL of each declared department, by name (src/departments/declared/); one without is SOURCE_UNAVAILABLE. */
  declaredUrls?: Record<string, string>;
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
  /** The roles (src/auth/roles.ts); tests add one to see every decision follow. @default the built-in table */
  roles?: RoleTable;
  /** The transport to every department (in-process tests serve the sandbox without sockets). @default a keep-alive pool per department */
  dispatcher?: Dispatcher;
  /** Which executor runs each operation, over config.execution (the equivalence test runs both on one gateway). */
  chooseExecutor?: ExecutorChooser;
}

/** The connection caps on the server, and the one admission every transport uses. */
function admitClients(
  config: GatewayConfig,
  infra: Infrastructure,
  httpServer: Server,
  roles?: RoleTable,
): Admission {
  const clientAddress = createClientAddress(config.network.trustedProxies);
  limitConnections(httpServer, {
    total: config.network.maxConnections,
    perAddress: config.network.maxConnectionsPerAddress,
    isTrustedProxy: clientAddress.trusted,
    onRefused: (scope) => infra.metrics.rateLimited.inc({ scope: `connections-per-${scope}` }),
  });
  return createAdmission({
    authenticate: createAuthenticator(config.auth, infra.now, roles),
    rateLimit: createRateLimiter(config.rateLimits, infra.redis),
    clientAddress,
    onRateLimited: (scope) => infra.metrics.rateLimited.inc({ scope }),
  });
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

/** Department calls end before the operation timeout, leaving time to grade and answer. */
export function departmentDeadlineMs(operationTimeoutMs: number): number {
  return Math.max(50, operationTimeoutMs - Math.max(200, operationTimeoutMs / 10));
}

/** What every request's context is built from. */
function contextDeps(config: GatewayConfig, infra: Infrastructure): ContextDeps {
  return {
    fetcher: infra.fetcher,
    rules: config.ruleSet,
    ruleSets: infra.ruleSets,
    refreshRuleSets: infra.refreshRuleSets,
    now: infra.now,
    market: infra.connectors.market,
    credit: infra.connectors.credit,
    declared: infra.declared,
    grades: infra.grades,
    consentCache: infra.consentCache,
    audit: infra.audit,
    invalidate: (uscc) => infra.invalidator.enterpriseChanged(uscc),
    departmentDeadlineMs: departmentDeadlineMs(config.operationTimeoutMs),
    investigationHoldDays: config.investigationHoldDays,
    ledger: infra.ledger,
    events: infra.events,
    receiptKeys: {
      current: { id: config.reports.keyId, secret: config.reports.secret },
      previous: config.reports.previousKeys,
    },
  };
}

/** Builds (and starts Apollo, but does not listen). */
export async function createServer(config: GatewayConfig, deps: ServerDeps): Promise<GatewayServer> {
  const infra = await createInfrastructure(config, deps);
  const httpServer = createHttpServer();
  const schema = gatewaySchema();
  const apollo = await createApollo(config, infra, schema, deps.chooseExecutor);
  const drain = new HttpDrain(httpServer);
  const contextFor = createContextFactory(contextDeps(config, infra));
  const pdf = new PdfRenderer(config.reports.chromiumPath);
  const admission = admitClients(config, infra, httpServer, deps.roles);
  // Subscriptions (credit events) need the ledger's outbox: without one, no transport is attached.
  const subscriptions = infra.events
    ? attachSubscriptions({
        httpServer,
        schema,
        admission,
        maxMessageBytes: config.maxBodyBytes,
        contextFor,
        formatError: createFormatError((err) => infra.logger.error({ err }, 'masked error')),
        validationRules: queryLimitRules(config.limits),
        maxTokens: config.limits.maxTokens,
      })
    : null;
  const handler = createRoutes(config, {
    infra,
    apollo,
    contextFor,
    pdf,
    examples: deps.examples,
    admission,
    stream: subscriptions?.sse,
  });
  httpServer.on('request', (req, res) => void handler(req, res));
  if (deps.followFeed ?? true) {
    await infra.follower.poll();
    infra.follower.start();
  }
  infra.backfill?.start();
  infra.auditShipper?.start();
  infra.events?.hub.start();
  infra.events?.worker.start();
  const { metrics, cache, follower, connectors, fetcher, logger } = infra;
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
      // Requests in flight finish (and their audit entries are written) before anything closes.
      await infra.follower.stop();
      // Live subscriptions end first (they would hold the drain for its whole grace period).
      infra.events?.hub.close();
      await subscriptions?.close();
      await drain.drain();
      await apollo.stop();
      await pdf.close();
      await infra.close();
    },
  };
}
