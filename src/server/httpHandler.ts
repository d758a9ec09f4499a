/**
 * The gateway's HTTP routes on node's own server: `/graphql` (Apollo, or the playground for a
 * browser), `/playground/*` assets, `/healthz`, `/readyz`, `/metrics`. In front of GraphQL:
 * CORS from an allow-list, authentication (401), rate limits (429 + Retry-After), a body cap
 * (413), trusted documents, and the operation timeout (504).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import { AuthenticationError, PurposeError } from '../auth/authenticate.ts';
import type { Principal } from '../auth/principal.ts';
import type { GatewayContext } from '../context.ts';
import { GatewayErrorCode } from '../errors.ts';
import type { Asset } from '../playground/assets.ts';
import { inSpan } from '../observability/spans.ts';
import { applyCors } from './cors.ts';
import type { RateDecision, RateLimiter } from './rateLimit.ts';
import { applyTrustedDocuments, type TrustedDocuments } from './trustedDocuments.ts';

/** What the handler needs. */
export interface HttpHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  /** Verifies the caller; throws AuthenticationError / PurposeError for a bad token or purpose. */
  authenticate: (req: IncomingMessage) => Promise<Principal>;
  context: (req: IncomingMessage, principal: Principal) => Promise<GatewayContext>;
  assets: Map<string, Asset>;
  playgroundHtml: string;
  readiness: () => Promise<{ ready: boolean; detail: unknown }>;
  metrics: () => Promise<{ contentType: string; body: string }>;
  maxBodyBytes: number;
  corsOrigins: ReadonlySet<string>;
  rateLimit: RateLimiter;
  onRateLimited?: (scope: string) => void;
  trustedDocuments: TrustedDocuments | null;
  operationTimeoutMs: number;
  /** Pages served at /hall/ (the service-hall lookup), keyed by path below it. */
  hallAssets: Map<string, Asset>;
  /**
   * More routes (the credit reports), served behind the same authentication, rate limits and
   * operation timeout as /graphql; each answers true when it handled the request.
   */
  routes: Array<
    (req: IncomingMessage, res: ServerResponse, url: URL, principal: Principal) => Promise<boolean>
  >;
}

/** Security headers on every HTML page (the playground). */
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}

const errorBody = (message: string, code: string): unknown => ({
  errors: [{ message, extensions: { code } }],
});

/** Whether a GET /graphql comes from a browser wanting the playground rather than a GraphQL GET. */
function wantsPlayground(req: IncomingMessage, url: URL): boolean {
  return (
    req.method === 'GET' &&
    !url.searchParams.has('query') &&
    !url.searchParams.has('extensions') &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

/** Runs `work`, or answers 'timeout' when it takes longer than `ms`. */
async function withTimeout<T>(ms: number, work: () => Promise<T>): Promise<T | 'timeout'> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  try {
    return await Promise.race([work(), timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

function timeoutAnswer(res: ServerResponse, ms: number): void {
  if (res.headersSent) return void res.destroy();
  sendJson(
    res,
    504,
    errorBody(`the operation took longer than ${ms} ms`, GatewayErrorCode.OPERATION_TIMEOUT),
  );
}

/** Authentication, then the rate limits of the principal and its organization: the caller, or null when answered. */
async function admit(
  req: IncomingMessage,
  res: ServerResponse,
  opts: HttpHandlerOptions,
): Promise<Principal | null> {
  const address = req.socket.remoteAddress ?? 'unknown';
  const before = await opts.rateLimit.address(address);
  if (!before.ok) {
    refuseRate(res, opts, before);
    return null;
  }
  let principal: Principal;
  try {
    principal = await opts.authenticate(req);
  } catch (err) {
    if (err instanceof AuthenticationError)
      sendJson(res, 401, errorBody(err.message, GatewayErrorCode.UNAUTHENTICATED), {
        'www-authenticate': 'Bearer',
      });
    else if (err instanceof PurposeError)
      sendJson(res, 400, errorBody(err.message, GatewayErrorCode.BAD_USER_INPUT));
    else throw err;
    return null;
  }
  const decision = await opts.rateLimit.principal(principal, address);
  if (decision.ok) return principal;
  refuseRate(res, opts, decision);
  return null;
}

function refuseRate(
  res: ServerResponse,
  opts: HttpHandlerOptions,
  decision: Exclude<RateDecision, { ok: true }>,
): void {
  opts.onRateLimited?.(decision.scope);
  const body = {
    errors: [
      {
        message: `rate limit of this ${decision.scope} reached`,
        extensions: { code: GatewayErrorCode.RATE_LIMITED, retryAfterSeconds: decision.retryAfterSeconds },
      },
    ],
  };
  sendJson(res, 429, body, { 'retry-after': String(decision.retryAfterSeconds) });
}

/** Builds the request handler. */
export function createHttpHandler(
  opts: HttpHandlerOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://gateway');
    try {
      if (url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
      if (url.pathname === '/readyz') {
        const r = await opts.readiness();
        return sendJson(res, r.ready ? 200 : 503, r.detail, { 'cache-control': 'no-store' });
      }
      if (url.pathname === '/metrics' && req.method === 'GET') {
        const m = await opts.metrics();
        res.writeHead(200, { 'content-type': m.contentType });
        return void res.end(m.body);
      }
      if (url.pathname.startsWith('/playground/') && req.method === 'GET') {
        const asset = opts.assets.get(url.pathname.slice('/playground/'.length));
        if (!asset) return sendJson(res, 404, { error: 'not found' });
        res.writeHead(200, {
          'content-type': asset.contentType,
          'cache-control': 'public, max-age=86400',
          'x-content-type-options': 'nosniff',
        });
        return void res.end(asset.body);
      }
      if ((url.pathname === '/hall' || url.pathname.startsWith('/hall/')) && req.method === 'GET') {
        const asset = opts.hallAssets.get(url.pathname.replace(/^\/hall\/?/, ''));
        if (!asset) return sendJson(res, 404, { error: 'not found' });
        res.writeHead(200, { ...PAGE_HEADERS, 'content-type': asset.contentType });
        return void res.end(asset.body);
      }
      const isGraphql = url.pathname === '/graphql';
      if (!isGraphql && !url.pathname.startsWith('/reports/'))
        return sendJson(res, 404, { error: 'not found' });
      if (isGraphql && applyCors(req, res, opts.corsOrigins)) return;
      if (isGraphql && wantsPlayground(req, url)) {
        res.writeHead(200, PAGE_HEADERS);
        return void res.end(opts.playgroundHtml);
      }
      const principal = await admit(req, res, opts);
      if (!principal) return;
      if (!isGraphql) {
        const served = await withTimeout(opts.operationTimeoutMs, async () => {
          for (const route of opts.routes) if (await route(req, res, url, principal)) return true;
          return false;
        });
        if (served === 'timeout') return timeoutAnswer(res, opts.operationTimeoutMs);
        if (!served) sendJson(res, 404, { error: 'not found' });
        return;
      }
      const text = await readBody(req, opts.maxBodyBytes);
      const headers = new HeaderMap();
      for (const [k, v] of Object.entries(req.headers))
        if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
      let body: unknown = text;
      if ((headers.get('content-type') ?? '').includes('application/json') && text) {
        try {
          body = JSON.parse(text);
        } catch {
          return sendJson(res, 400, errorBody('the body is not JSON', GatewayErrorCode.BAD_REQUEST));
        }
      }
      let search = url.search;
      if (opts.trustedDocuments) {
        const params = req.method === 'GET' ? Object.fromEntries(url.searchParams) : body;
        const input =
          params && typeof params === 'object' && !Array.isArray(params)
            ? { ...(params as Record<string, unknown>) }
            : {};
        if (req.method === 'GET' && typeof input.extensions === 'string') {
          try {
            input.extensions = JSON.parse(input.extensions);
          } catch {
            // left as is: Apollo answers a bad extensions parameter
          }
        }
        const t = Array.isArray(body)
          ? { ok: false as const }
          : applyTrustedDocuments(opts.trustedDocuments, input);
        if (!t.ok)
          return sendJson(
            res,
            400,
            errorBody(
              'only registered (trusted) documents are accepted here',
              GatewayErrorCode.TRUSTED_DOCUMENT_REQUIRED,
            ),
          );
        if (req.method === 'GET') {
          const q = new URLSearchParams();
          for (const [k, v] of Object.entries(t.body))
            if (v !== undefined) q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
          search = `?${q}`;
        } else body = t.body;
      }
      const result = await inSpan(
        'graphql request',
        'server',
        { 'http.request.method': req.method ?? 'GET', 'cg.role': principal.role },
        () =>
          withTimeout(opts.operationTimeoutMs, () =>
            opts.apollo.executeHTTPGraphQLRequest({
              httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search, body },
              context: () => opts.context(req, principal),
            }),
          ),
      );
      if (result === 'timeout') return timeoutAnswer(res, opts.operationTimeoutMs);
      for (const [k, v] of result.headers) res.setHeader(k, v);
      res.statusCode = result.status ?? 200;
      if (result.body.kind === 'complete') return void res.end(result.body.string);
      for await (const chunk of result.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (err) {
      if (err instanceof BodyTooLarge)
        return sendJson(
          res,
          413,
          errorBody(`the body is larger than ${opts.maxBodyBytes} bytes`, GatewayErrorCode.PAYLOAD_TOO_LARGE),
        );
      if (err instanceof URIError)
        return sendJson(
          res,
          400,
          errorBody('the path is not valid percent-encoding', GatewayErrorCode.BAD_REQUEST),
        );
      if (!res.headersSent)
        sendJson(res, 500, errorBody('Internal server error', GatewayErrorCode.INTERNAL_SERVER_ERROR));
      else res.destroy();
    }
  };
}
