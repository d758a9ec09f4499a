/**
 * The HTTP side of the gateway, composed: authentication, the report routes, the pages and their
 * assets, readiness and metrics, handed to the request handler (httpHandler.ts).
 */
import { declaredMaxAgeMs } from '../departments/declared/declarations.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApolloServer } from '@apollo/server';
import { publicJwks } from '../audit/signing.ts';
import { PUBLIC, type Principal } from '../auth/principal.ts';
import { inspectionsPage, PAGE_DRAWS } from '../frontends/inspectionsPage.ts';
import type { GatewayConfig } from '../config/gatewayConfig.ts';
import { affirmativeMaxAgeMs } from '../credit/ruleSet.ts';
import type { Coverage } from '../ledger/LedgerStore.ts';
import type { GatewayContext } from '../context.ts';
import { loadHallAssets } from '../frontends/hall/hallPage.ts';
import { measuresPage } from '../frontends/measuresPage.ts';
import { loadReportAssets } from '../frontends/report/reportPage.ts';
import { createDeskRoutes, loadDeskAssets } from '../frontends/desk/deskRoutes.ts';
import type { PdfRenderer } from '../frontends/report/pdf.ts';
import { createReportRoutes } from '../frontends/report/reportRoutes.ts';
import { createLocalIssuedReports, createRedisIssuedReports } from '../frontends/report/issuedReports.ts';
import { loadPlaygroundAssets } from '../playground/assets.ts';
import { defaultExamples, playgroundHtml, type PlaygroundExample } from '../playground/playgroundPage.ts';
import { createHttpHandler, type AuthenticatedRoute } from './httpHandler.ts';
import type { Infrastructure } from './infrastructure.ts';
import type { Admission } from './admission.ts';
import { requestIdOf } from './requestId.ts';
import { withTimeout } from '../util/withTimeout.ts';
import { loadTrustedDocuments } from './trustedDocuments.ts';

/** What the routes are built from. */
export interface RouteParts {
  infra: Infrastructure;
  apollo: ApolloServer<GatewayContext>;
  contextFor: (init: { requestId?: string; principal?: Principal }) => GatewayContext;
  pdf: PdfRenderer;
  examples?: PlaygroundExample[];
  /** Admission of every transport (one authenticator, one token cache). */
  admission: Admission;
  /** Server-Sent Events subscriptions (/graphql/stream), when there are credit events to serve. */
  stream?: (req: IncomingMessage, res: ServerResponse, principal: Principal, body: unknown) => Promise<void>;
}

/** Where this replica's chain stands in the archive, for /readyz (null: no archive). */
function auditArchiveState(infra: Infrastructure): Record<string, unknown> | null {
  const s = infra.auditShipper?.state();
  if (!s) return null;
  const local = infra.audit.state?.().seq ?? 0;
  const behind = local - (s.shippedSeq ?? 0);
  const state = s.broken ? 'broken' : s.error ? 'unavailable' : behind > 0 ? 'behind' : 'shipped';
  return {
    state,
    shippedSeq: s.shippedSeq,
    behind,
    lastShippedAt: s.lastShippedAt,
    gaps: s.gaps,
    broken: s.broken,
  };
}

/** Redis answering a PING within 500 ms: 'ready', else 'stalled'. */
async function redisHealth(redis: NonNullable<Infrastructure['redis']>): Promise<'ready' | 'stalled'> {
  const answered = await withTimeout(500, () =>
    redis.ping().then(
      () => true,
      () => false,
    ),
  );
  return answered === true ? 'ready' : 'stalled';
}

/** The ledger's coverage of the city, counted at most every 30 s (null without a ledger or while it is away). */
function coverageCounter(infra: Infrastructure): () => Promise<Coverage | null> {
  let last: { at: number; value: Coverage | null } | null = null;
  return async () => {
    const now = infra.now();
    if (last && now - last.at < 30_000) return last.value;
    const counted = infra.ledger
      ? await withTimeout(1000, async () => infra.ledger!.get().coverage(new Date(now))).catch(() => null)
      : null;
    const value = counted === 'timeout' ? null : counted;
    last = { at: now, value };
    return value;
  };
}

/** `/readyz`: each department's breaker, Redis, the cache, the ledger, the webhook worker and the mode. */
function readiness(
  config: GatewayConfig,
  infra: Infrastructure,
): () => Promise<{ ready: boolean; detail: unknown }> {
  const { connectors, redis, cache } = infra;
  const coverage = coverageCounter(infra);
  return async () => {
    const departments = Object.fromEntries(
      Object.entries(connectors.http).map(([d, h]) => [d, h.breakerState]),
    );
    // Ready: connected, the cache's generation read (until then the cache does not use it), and
    // answering a PING within half a second (a stalled server is as good as none).
    const redisState = redis ? (cache.l2Ready ? await redisHealth(redis) : 'down') : 'not-configured';
    const archive = auditArchiveState(infra);
    const ledger = infra.ledger ? await infra.ledger.probe() : null;
    const webhooks = infra.events ? infra.events.worker.health() : null;
    const degraded =
      Object.values(departments).some((s) => s !== 'closed') ||
      (redisState !== 'ready' && redisState !== 'not-configured') ||
      archive?.state === 'broken' ||
      (ledger !== null && ledger !== 'ok') ||
      webhooks === 'stuck' ||
      (infra.events?.pending.pending ?? 0) > 0;
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
        // The rule set in force and whether the city confirmed it (规则集待确认 until it does).
        ruleSet: {
          id: infra.ruleSets.at().id,
          version: infra.ruleSets.at().version,
          ...infra.ruleSets.status(),
        },
        redis: redisState,
        // Where the departments' limits are counted: 'shared' (Redis, the whole deployment) or
        // 'local' (this replica's share, limit ÷ REPLICAS, while Redis is away; the whole limit without Redis).
        departmentLimits: connectors.http.MARKET.limitsMode,
        // The city ledger: its engine, 'unavailable' while the database is away or does not answer
        // within a second, 'write-failing' when reads answer but writes fail (a full disk); 'off' without one.
        ledger: infra.ledger ? (ledger === 'ok' ? (infra.ledger.engine ?? 'unavailable') : ledger) : 'off',
        // The webhook worker: 'stuck' when its rounds stopped ending (null without a ledger).
        webhooks,
        // The backfill: whether this replica holds its lease, and how far the pass has come.
        backfill: infra.backfill ? infra.backfill.state : null,
        // How much of the city the ledger holds complete and current (a data state, not this replica's health).
        coverage: await coverage(),
        // The audit chain: its file, fsync, signing key id, last entry and last signed entry.
        audit: infra.audit.state?.() ?? null,
        // The archive of this replica's chain in the ledger: shipping, behind, broken (flagged until looked at), or off.
        auditArchive: archive ?? { state: 'off' },
        // Credit events: live subscriptions on this replica, and consent events waiting for the
        // ledger to take them (degraded while any wait; null without a ledger).
        events: infra.events
          ? { subscriptions: infra.events.hub.subscriptions, pendingAppends: infra.events.pending.pending }
          : null,
        cache: { ...cache.stats, l1Bytes: cache.l1Bytes },
      },
    };
  };
}

/** The credit report routes: the report keys, the issuer and seal, issued reports kept, the rule set's words. */
function reportRoutesOf(
  config: GatewayConfig,
  parts: RouteParts,
  context: (req: IncomingMessage, principal: Principal) => Promise<GatewayContext>,
): AuthenticatedRoute {
  const { infra, apollo, pdf } = parts;
  const ruleSet = `${config.ruleSet.id} ${config.ruleSet.version}`;
  return createReportRoutes({
    apollo,
    context,
    keys: {
      current: { id: config.reports.keyId, secret: config.reports.secret },
      previous: config.reports.previousKeys,
    },
    pdf,
    now: infra.now,
    ruleSet,
    ruleSetNote: () => infra.ruleSets.status().note,
    issuer: config.reports.issuer,
    seal: config.reports.seal,
    issued: infra.redis
      ? createRedisIssuedReports(infra.redis, config.reports.keepSeconds)
      : createLocalIssuedReports(config.reports.keepSeconds),
    // The rule set's ages are the five's; a declared department's answer is young within its TTL.
    maxAgeMs: (d) => declaredMaxAgeMs(d) ?? affirmativeMaxAgeMs(config.ruleSet, d),
    words: {
      grade: (rs, g) =>
        rs === ruleSet ? (config.ruleSet.grades.find((x) => x.grade === g)?.label ?? null) : null,
      ruleSet: (rs) => (rs === ruleSet ? `${config.ruleSet.name}（版本 ${config.ruleSet.version}）` : null),
    },
    quotas: infra.quotas,
    ledger: infra.ledger,
    publicBaseUrl: config.reports.publicBaseUrl,
  });
}

/** Builds the request handler of every route. */
export function createRoutes(
  config: GatewayConfig,
  parts: RouteParts,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const { infra, apollo, contextFor, pdf } = parts;
  const context = async (req: IncomingMessage, principal: Principal): Promise<GatewayContext> =>
    contextFor({ principal, requestId: requestIdOf(req) });
  return createHttpHandler({
    hallAssets: loadHallAssets(),
    reportAssets: loadReportAssets(),
    deskAssets: loadDeskAssets(),
    receiptKeys: {
      current: { id: config.reports.keyId, secret: config.reports.secret },
      previous: config.reports.previousKeys,
    },
    publicBaseUrl: config.reports.publicBaseUrl,
    measuresHtml: () => measuresPage(infra.ruleSets.at()),
    inspectionsHtml: async () => {
      const store = infra.ledger?.engine ? infra.ledger.get() : null;
      if (!store) return null;
      return inspectionsPage(
        apollo,
        () => contextFor({ principal: PUBLIC }),
        await store.publishedDrawIds(PAGE_DRAWS),
      );
    },
    receipts: () => {
      try {
        return infra.ledger?.receipts() ?? null;
      } catch {
        return null;
      }
    },
    auditKeys: publicJwks(infra.auditSigner ? [infra.auditSigner] : []),
    routes: [reportRoutesOf(config, parts, context), createDeskRoutes({ apollo, context })],
    apollo,
    stream: parts.stream,
    admission: parts.admission,
    context,
    assets: loadPlaygroundAssets(),
    playgroundHtml: playgroundHtml(parts.examples ?? defaultExamples({})),
    maxBodyBytes: config.maxBodyBytes,
    metrics: async () => ({
      contentType: infra.metrics.registry.contentType,
      body: await infra.metrics.registry.metrics(),
    }),
    metricsToken: config.network.metricsToken,
    corsOrigins: new Set(config.corsOrigins),
    trustedDocuments: config.trustedDocuments
      ? loadTrustedDocuments(config.trustedDocuments.file, config.trustedDocuments.only)
      : null,
    operationTimeoutMs: config.operationTimeoutMs,
    pdfBudgetMs: pdf.budgetMs,
    readiness: readiness(config, infra),
  });
}
