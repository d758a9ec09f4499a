/**
 * `/graphql` over HTTP: the playground for a browser, then admission (address, token, rate limits),
 * the body under its cap, trusted documents, and Apollo under the operation timeout — answered
 * whole or streamed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type HTTPGraphQLResponse } from '@apollo/server';
import type { Principal } from '../auth/principal.ts';
import { GatewayErrorCode } from '../errors.ts';
import { inSpan } from '../observability/spans.ts';
import { applyCors } from './cors.ts';
import { applyTrustedDocuments, type TrustedDocuments } from './trustedDocuments.ts';
import { withTimeout } from '../util/withTimeout.ts';

import { PAGE_HEADERS, BodyTooLarge, readBody, sendJson, sendError } from './httpReplies.ts';
import type { HttpHandlerOptions } from './httpHandler.ts';

/** Whether a GET /graphql comes from a browser wanting the playground rather than a GraphQL GET. */
export function wantsPlayground(req: IncomingMessage, url: URL): boolean {
  return (
    req.method === 'GET' &&
    !url.searchParams.has('query') &&
    !url.searchParams.has('extensions') &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

export function timeoutAnswer(res: ServerResponse, ms: number): void {
  if (res.headersSent) return void res.destroy();
  sendError(res, GatewayErrorCode.OPERATION_TIMEOUT, `the operation took longer than ${ms} ms`);
}

/** Admission (admission.ts): the caller, or null when a refusal was answered. */
export async function admit(
  req: IncomingMessage,
  res: ServerResponse,
  opts: HttpHandlerOptions,
): Promise<Principal | null> {
  const a = await opts.admission(req);
  if (a.ok) return a.principal;
  const extensions =
    a.retryAfterSeconds !== undefined
      ? { code: a.code, retryAfterSeconds: a.retryAfterSeconds }
      : { code: a.code };
  sendJson(res, a.status, { errors: [{ message: a.message, extensions }] }, a.headers);
  return null;
}

/** The body of a GraphQL request: parsed JSON for a JSON content type, else the text; null when it is not JSON. */
export async function graphqlBody(
  req: IncomingMessage,
  headers: HeaderMap,
  maxBytes: number,
): Promise<{ body: unknown } | null> {
  const text = await readBody(req, maxBytes);
  if (!(headers.get('content-type') ?? '').includes('application/json') || !text) return { body: text };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

/**
 * Trusted-documents mode: the request's document must be in the manifest. Returns the body and
 * search to send on (the document filled in from its id), or null when it is refused.
 */
export function trustedRequest(
  trusted: TrustedDocuments,
  method: string,
  url: URL,
  body: unknown,
): { body: unknown; search: string } | null {
  const params = method === 'GET' ? Object.fromEntries(url.searchParams) : body;
  const input =
    params && typeof params === 'object' && !Array.isArray(params)
      ? { ...(params as Record<string, unknown>) }
      : {};
  if (method === 'GET' && typeof input.extensions === 'string') {
    try {
      input.extensions = JSON.parse(input.extensions);
    } catch {
      // left as is: Apollo answers a bad extensions parameter
    }
  }
  const t = Array.isArray(body) ? { ok: false as const } : applyTrustedDocuments(trusted, input);
  if (!t.ok) return null;
  if (method !== 'GET') return { body: t.body, search: url.search };
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(t.body))
    if (v !== undefined) q.set(k, typeof v === 'string' ? v : JSON.stringify(v));
  return { body, search: `?${q}` };
}

/** A subscription request's body: the parsed JSON object of a JSON POST (null when it is not one), else the text. */
export function streamBody(req: IncomingMessage, text: string): unknown {
  if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').includes('application/json')) return text;
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** Writes Apollo's answer (whole or streamed). */
export async function writeResult(res: ServerResponse, result: HTTPGraphQLResponse): Promise<void> {
  for (const [k, v] of result.headers) res.setHeader(k, v);
  res.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') return void res.end(result.body.string);
  for await (const chunk of result.body.asyncIterator) res.write(chunk);
  res.end();
}

/** `/graphql`: CORS, the playground for a browser, then admission, the body, trusted documents and Apollo under the timeout. */
export async function serveGraphql(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  opts: HttpHandlerOptions,
): Promise<void> {
  if (applyCors(req, res, opts.corsOrigins)) return;
  if (wantsPlayground(req, url)) {
    res.writeHead(200, PAGE_HEADERS);
    return void res.end(opts.playgroundHtml);
  }
  // A declared body over the cap is refused before the token is looked at.
  if (Number(req.headers['content-length'] ?? 0) > opts.maxBodyBytes) throw new BodyTooLarge();
  const principal = await admit(req, res, opts);
  if (!principal) return;
  const headers = new HeaderMap();
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
  const parsed = await graphqlBody(req, headers, opts.maxBodyBytes);
  if (!parsed) return sendError(res, GatewayErrorCode.BAD_REQUEST, 'the body is not JSON');
  const method = (req.method ?? 'GET').toUpperCase();
  let request: { body: unknown; search: string } | null = { body: parsed.body, search: url.search };
  if (opts.trustedDocuments) request = trustedRequest(opts.trustedDocuments, method, url, parsed.body);
  if (!request)
    return sendError(
      res,
      GatewayErrorCode.TRUSTED_DOCUMENT_REQUIRED,
      'only registered (trusted) documents are accepted here',
    );
  const { body, search } = request;
  const result = await inSpan(
    'graphql request',
    'server',
    { 'http.request.method': method, 'cg.role': principal.role },
    () =>
      withTimeout(opts.operationTimeoutMs, () =>
        opts.apollo.executeHTTPGraphQLRequest({
          httpGraphQLRequest: { method, headers, search, body },
          context: () => opts.context(req, principal),
        }),
      ),
  );
  if (result === 'timeout') return timeoutAnswer(res, opts.operationTimeoutMs);
  await writeResult(res, result);
}
