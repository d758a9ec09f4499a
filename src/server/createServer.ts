/**
 * Composes the gateway from its configuration and explicit dependencies, and does not listen
 * (STYLE.md): `main.ts` listens; tests build the same server with their own deps.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { pino, type Logger } from 'pino';
import { createConnectors, type Connectors } from '../../connectors/index.ts';
import type { DepartmentCallSettings } from '../../connectors/shared/settings.ts';
import type { GatewayConfig } from '../config/gatewayConfig.ts';
import { createContextFactory, type GatewayContext } from '../context.ts';
import type { Department } from '../credit/model.ts';
import { createDirectFetcher, type Fetcher } from '../data/Fetcher.ts';
import { createLocalGradeMemory, type GradeMemory } from '../cache/gradeMemory.ts';
import { ChangeFollower } from '../feed/ChangeFollower.ts';
import { loadPlaygroundAssets } from '../playground/assets.ts';
import { defaultExamples, playgroundHtml, type PlaygroundExample } from '../playground/playgroundPage.ts';
import { createAuditPlugin } from '../audit/auditPlugin.ts';
import { FileAuditLog, type AuditSink } from '../audit/AuditLog.ts';
import { createAuthenticator } from '../auth/authenticate.ts';
import { ConsentCache } from '../auth/consents.ts';
import { createIntrospectionGate } from '../auth/introspectionGate.ts';
import { applyPermissions } from '../auth/permissions.ts';
import { createFormatError } from './formatError.ts';
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
  /** Where audit entries go. @default the file in config.audit */
  audit?: AuditSink;
  /** Playground example tabs. */
  examples?: PlaygroundExample[];
}

/** A built gateway. */
export interface GatewayServer {
  httpServer: Server;
  apollo: ApolloServer<GatewayContext>;
  connectors: Connectors;
  fetcher: Fetcher;
  logger: Logger;
  /** Follows the credit platform's change feed; caches subscribe to it. */
  follower: ChangeFollower;
  /** Stops accepting, drains in-flight requests, closes pools. */
  close(): Promise<void>;
}

const header = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/** Builds (and starts Apollo, but does not listen). */
export async function createServer(config: GatewayConfig, deps: ServerDeps): Promise<GatewayServer> {
  const now = deps.now ?? Date.now;
  const logger = deps.logger ?? pino({ level: config.logLevel });
  const connectors = createConnectors({
    urls: deps.departmentUrls,
    appKey: config.departments.appKey,
    settings: deps.departmentSettings,
  });
  const fetcher = createDirectFetcher(connectors, now);
  const follower = new ChangeFollower({
    read: (cursor) => connectors.credit.fetchChanges(cursor),
    intervalMs: config.changePollMs,
    onError: (err) => logger.warn({ err: String(err) }, 'change feed read failed'),
  });
  const httpServer = createHttpServer();
  const audit = deps.audit ?? new FileAuditLog(config.audit.file, { fsync: config.audit.fsync });
  const apollo = new ApolloServer<GatewayContext>({
    schema: applyPermissions(buildSchema()),
    formatError: createFormatError((err) => logger.error({ err }, 'masked error')),
    includeStacktraceInErrorResponses: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      createIntrospectionGate(),
      createAuditPlugin((err) => logger.error({ err: String(err) }, 'audit write failed; response withheld')),
    ],
  });
  await apollo.start();
  const grades = deps.grades ?? createLocalGradeMemory();
  const consentCache = new ConsentCache((grantee) => connectors.credit.listConsents({ grantee, all: true }), config.consentCacheMs, now);
  follower.subscribe({
    onChanges: (changes) => {
      if (changes.some((c) => c.kind === 'CONSENT')) consentCache.clear();
    },
    onReset: () => consentCache.clear(),
  });
  const contextFor = createContextFactory({ fetcher, rules: config.ruleSet, now, market: connectors.market, credit: connectors.credit, grades, consentCache, audit });
  const authenticate = createAuthenticator(config.auth, now);
  const handler = createHttpHandler({
    apollo,
    authenticate: (req) => authenticate(req.headers.authorization, header(req.headers['x-purpose'])),
    context: async (req, principal) => contextFor({ principal, requestId: header(req.headers['x-request-id'])?.slice(0, 100) }),
    assets: loadPlaygroundAssets(),
    playgroundHtml: playgroundHtml(deps.examples ?? defaultExamples({})),
    maxBodyBytes: config.maxBodyBytes,
    readiness: async () => {
      const departments = Object.fromEntries(Object.entries(connectors.http).map(([d, h]) => [d, h.breakerState]));
      const degraded = Object.values(departments).some((s) => s !== 'closed');
      // A department down is degraded service, not unreadiness: every replica would be equally affected.
      return { ready: true, detail: { status: degraded ? 'degraded' : 'ok', departments } };
    },
  });
  httpServer.on('request', (req, res) => void handler(req, res));
  await follower.poll();
  follower.start();
  return {
    follower,
    httpServer,
    apollo,
    connectors,
    fetcher,
    logger,
    close: async () => {
      await follower.stop();
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((r) => httpServer.close(() => r()));
      await connectors.close();
      await audit.close();
    },
  };
}
