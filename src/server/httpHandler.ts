/**
 * The gateway's HTTP routes on node's own server: `/graphql` (Apollo, or the playground for a
 * browser), `/playground/*` assets, `/healthz`, `/readyz`, `/metrics`. In front of GraphQL:
 * CORS from an allow-list, authentication (401), rate limits (429 + Retry-After), a body cap
 * (413), trusted documents, and the operation timeout (504).
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type ApolloServer } from '@apollo/server';
import type { Principal } from '../auth/principal.ts';
import type { GatewayContext } from '../context.ts';
import { GatewayErrorCode } from '../errors.ts';
import type { Asset } from '../playground/assets.ts';
import type { Admission } from './admission.ts';
import type { CheckReceipts } from '../ledger/CheckReceipts.ts';
import type { ReportKeys } from '../frontends/report/verification.ts';
import { type TrustedDocuments } from './trustedDocuments.ts';
import { requestIdOf } from './requestId.ts';
import { withTimeout } from '../util/withTimeout.ts';
import { BodyTooLarge, readBody, sendJson, errorBody, sendError } from './httpReplies.ts';
import { timeoutAnswer, admit, streamBody, serveGraphql } from './graphqlRoute.ts';
import { pageAssetRoute, pageRoutes, serveAsset, type Route } from './pageRoutes.ts';

/** What the handler needs. */
export interface HttpHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  /** Admits the caller: address, token and purpose, rate limits (admission.ts). */
  admission: Admission;
  context: (req: IncomingMessage, principal: Principal) => Promise<GatewayContext>;
  assets: Map<string, Asset>;
  playgroundHtml: string;
  readiness: () => Promise<{ ready: boolean; detail: unknown }>;
  metrics: () => Promise<{ contentType: string; body: string }>;
  /**
   * Who may read /metrics (it shows each organization's quota use): a scraper presenting
   * METRICS_TOKEN as a bearer token, or — without a token configured — only a client on this host.
   */
  metricsToken: string | null;
  maxBodyBytes: number;
  corsOrigins: ReadonlySet<string>;
  trustedDocuments: TrustedDocuments | null;
  operationTimeoutMs: number;
  /**
   * What a PDF report may add to the operation timeout: Chromium's first launch and the render
   * (PdfRenderer.budgetMs). Under the bare operation timeout, the first PDF after a start on a busy
   * machine was cut off at 5 s while the renderer was still within its own limits.
   */
  pdfBudgetMs: number;
  /** The public keys of the audit checkpoints (a JWK set), served at /.well-known/audit-keys. */
  auditKeys: { keys: unknown[] };
  /** Pages served at /hall/ (the service-hall lookup), keyed by path below it. */
  hallAssets: Map<string, Asset>;
  /** The enterprise's report page (`/reports`) and its script. */
  reportAssets?: Map<string, Asset>;
  /** The regulators' desk (`/desk`): its page, script and chart library. */
  deskAssets?: Map<string, Asset>;
  /** The report keys, which also sign approval checks' receipts (`/checks/verify`). */
  receiptKeys?: ReportKeys;
  /** The public page of the measure lists in force (`/public/measures`), rendered once at start. */
  /** The public measure lists of the rule set in force (a function: an approved version changes them). */
  measuresHtml?: () => string;
  /** The published 双随机 draws' page (一公开), or null without a ledger; LedgerUnavailable while it is away. */
  inspectionsHtml?: () => Promise<string | null>;
  /** Where people reach this gateway (PUBLIC_BASE_URL): the address in receipts' QR codes. Unset: the request's host. */
  publicBaseUrl?: string | null;
  /** The receipts kept in the ledger (verified by their code alone), or null while it is away. */
  receipts?: () => CheckReceipts | null;
  /** Server-Sent Events subscriptions at /graphql/stream (admitted like /graphql, no operation timeout: they are long-lived). */
  stream?: (req: IncomingMessage, res: ServerResponse, principal: Principal, body: unknown) => Promise<void>;
  /**
   * More routes (the credit reports, the desk's exports), served behind the same authentication,
   * rate limits and operation timeout as /graphql.
   */
  routes: AuthenticatedRoute[];
}

/** A route behind the gateway's authentication: answers true when the request was one of its own. */
export type AuthenticatedRoute = (
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  principal: Principal,
) => Promise<boolean>;

/** `/reports/*`: admission, then the report routes under the same operation timeout. */
async function serveReports(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  opts: HttpHandlerOptions,
): Promise<void> {
  const principal = await admit(req, res, opts);
  if (!principal) return;
  const deadline = url.pathname.endsWith('.pdf')
    ? opts.operationTimeoutMs + opts.pdfBudgetMs
    : opts.operationTimeoutMs;
  const served = await withTimeout(deadline, async () => {
    for (const route of opts.routes) if (await route(req, res, url, principal)) return true;
    return false;
  });
  if (served === 'timeout') return timeoutAnswer(res, deadline);
  if (!served) sendJson(res, 404, { error: 'not found' });
}

/** Whether a request may read /metrics: the configured bearer token, or (none configured) a loopback client. */
function metricsAllowed(req: IncomingMessage, token: string | null): boolean {
  if (token) {
    const given = Buffer.from(req.headers.authorization ?? '');
    const want = Buffer.from(`Bearer ${token}`);
    return given.length === want.length && timingSafeEqual(given, want);
  }
  const peer = (req.socket.remoteAddress ?? '').replace(/^::ffff:/, '');
  return peer === '::1' || peer.startsWith('127.');
}

/** The route table, in order. */
function routeTable(opts: HttpHandlerOptions): Route[] {
  const get = (req: IncomingMessage): boolean => req.method === 'GET';
  return [
    ...pageRoutes(opts),
    {
      matches: (_r, u) => u.pathname === '/healthz',
      handle: (_q, res) => sendJson(res, 200, { status: 'ok' }),
    },
    {
      matches: (_r, u) => u.pathname === '/readyz',
      handle: async (_q, res) => {
        const r = await opts.readiness();
        sendJson(res, r.ready ? 200 : 503, r.detail, { 'cache-control': 'no-store' });
      },
    },
    {
      matches: (r, u) => u.pathname === '/metrics' && get(r),
      handle: async (q, res) => {
        if (!metricsAllowed(q, opts.metricsToken))
          return sendJson(
            res,
            403,
            errorBody('metrics are for the deployment’s scraper (METRICS_TOKEN)', GatewayErrorCode.FORBIDDEN),
          );
        const m = await opts.metrics();
        res.writeHead(200, { 'content-type': m.contentType });
        res.end(m.body);
      },
    },
    {
      matches: (r, u) => u.pathname === '/.well-known/audit-keys' && get(r),
      handle: (_q, res) =>
        sendJson(res, 200, opts.auditKeys, {
          'content-type': 'application/jwk-set+json',
          'cache-control': 'public, max-age=300',
        }),
    },
    {
      matches: (r, u) => u.pathname.startsWith('/playground/') && get(r),
      handle: (_q, res, u) =>
        serveAsset(res, opts.assets, u.pathname.slice('/playground/'.length), {
          'cache-control': 'public, max-age=86400',
          'x-content-type-options': 'nosniff',
        }),
    },
    pageAssetRoute('/hall', opts.hallAssets),
    {
      // Behind authentication: the reports, and the desk's exports of a draw.
      matches: (_r, u) => u.pathname.startsWith('/reports/') || u.pathname.startsWith('/desk/draws/'),
      handle: (q, res, u) => serveReports(q, res, u, opts),
    },
    {
      matches: (_r, u) => u.pathname === '/graphql/stream',
      handle: async (q, res) => {
        if (!opts.stream) return sendJson(res, 404, { error: 'no credit events without the city ledger' });
        // The body is read, within the cap, before anything parses it or looks at the token.
        const text = await readBody(q, opts.maxBodyBytes);
        const body = streamBody(q, text);
        if (body === null)
          return sendError(res, GatewayErrorCode.BAD_REQUEST, 'the body is not a JSON object');
        const principal = await admit(q, res, opts);
        if (principal) await opts.stream(q, res, principal, body);
      },
    },
    { matches: (_r, u) => u.pathname === '/graphql', handle: (q, res, u) => serveGraphql(q, res, u, opts) },
  ];
}

/** A request that failed outside GraphQL: its client-error code, or a masked 500. */
function answerFailure(res: ServerResponse, err: unknown, opts: HttpHandlerOptions): void {
  if (err instanceof BodyTooLarge) {
    return sendError(
      res,
      GatewayErrorCode.PAYLOAD_TOO_LARGE,
      `the body is larger than ${opts.maxBodyBytes} bytes`,
    );
  }
  if (err instanceof URIError)
    return sendError(res, GatewayErrorCode.BAD_REQUEST, 'the path is not valid percent-encoding');
  if (!res.headersSent) sendError(res, GatewayErrorCode.INTERNAL_SERVER_ERROR, 'Internal server error');
  else res.destroy();
}

/** Builds the request handler: the first route that matches answers; none is a 404. */
export function createHttpHandler(
  opts: HttpHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const routes = routeTable(opts);
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    // Every request gets the gateway's own id, answered in X-Request-Id: its audit entry's, and a
    // check's receipt number. A client's X-Request-Id is never used for either (a receipt number a
    // client could choose would name someone else's audit entry).
    res.setHeader('x-request-id', requestIdOf(req));
    // No answer of the gateway may be framed by another site (reports and verification pages
    // included; the enterprise's own /reports page shows its report in a frame of this origin).
    // Pages that set their own policy say at least as much in it.
    res.setHeader('x-frame-options', 'SAMEORIGIN');
    res.setHeader('content-security-policy', "frame-ancestors 'self'");
    try {
      const route = routes.find((r) => r.matches(req, url));
      if (!route) return sendJson(res, 404, { error: 'not found' });
      await route.handle(req, res, url);
    } catch (err) {
      answerFailure(res, err, opts);
    }
  };
}
