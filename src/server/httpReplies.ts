/** The HTTP handler's plain answers: a JSON body or error with its code's status (src/errorCodes.ts), pages' headers, a capped body read. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { GatewayErrorCode, httpStatusOf } from '../errors.ts';

/** Security headers on every HTML page (the playground). */
export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export class BodyTooLarge extends Error {}

export async function readBody(req: IncomingMessage, limit: number): Promise<string> {
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

export function sendJson(
  res: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(value));
}

export const errorBody = (message: string, code: string): unknown => ({
  errors: [{ message, extensions: { code } }],
});

/** An error answered outside GraphQL, with the status its code has (src/errorCodes.ts). */
export function sendError(res: ServerResponse, code: GatewayErrorCode, message: string): void {
  sendJson(res, httpStatusOf(code), errorBody(message, code));
}
