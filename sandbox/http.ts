/** The sandbox's small HTTP toolkit: routes as data, bodies read with a cap, replies as values. */
import type { IncomingMessage } from 'node:http';

/** What a route answers; the server writes it (or a fault replaces it). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body: string;
}

/** One request as a route sees it. */
export interface RouteRequest {
  params: string[];
  query: URLSearchParams;
  body: string;
}

/** A department route: `key` is how `/__sandbox/stats` counts it (`GET /samr/v2/entities/{uscc}`). */
export interface Route {
  method: string;
  pattern: RegExp;
  key: string;
  handle(req: RouteRequest): Reply | Promise<Reply>;
}

/** A JSON reply. */
export function json(status: number, value: unknown, headers: Record<string, string> = {}): Reply {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

/** An XML reply. */
export function xml(status: number, text: string): Reply {
  return { status, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: text };
}

/** Reads a request body up to `limit` bytes; longer bodies reject. */
export async function readBody(req: IncomingMessage, limit = 1_000_000): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Finds the route for a method and path, with the pattern's captured groups decoded. */
export function matchRoute(
  routes: readonly Route[],
  method: string,
  path: string,
): { route: Route; params: string[] } | null {
  for (const route of routes) {
    if (route.method !== method) continue;
    const m = route.pattern.exec(path);
    if (m) return { route, params: m.slice(1).map((p) => decodeURIComponent(p)) };
  }
  return null;
}

/** Parses a JSON body, or returns undefined. */
export function parseJson(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
