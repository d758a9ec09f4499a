/**
 * One department as a real HTTP server: app-key check, request counting, and the fault
 * switches (latency, errors, timeouts, malformed bodies, rate limit, down) in front of its routes.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { FaultState } from './faults.ts';
import { json, matchRoute, readBody, type Reply, type Route } from './http.ts';
import type { RequestStats } from './stats.ts';

/** The five departments, by the names the sandbox uses everywhere. */
export const DEPARTMENTS = ['tax', 'market', 'environment', 'court', 'credit'] as const;
/** One department's name. */
export type DepartmentName = (typeof DEPARTMENTS)[number];

/** What a department module provides. */
export interface DepartmentDefinition {
  /** One of the five, or a declared department's key (sandbox/declared.ts). */
  name: DepartmentName | (string & {});
  /** The header carrying the app key. @default 'x-app-key' */
  appKeyHeader?: string;
  routes: Route[];
  /** The department's own way of saying "something went wrong" (used by the `errorRate` fault). */
  errorReply(): Reply;
  /** Its answer to an unknown path. */
  notFoundReply(): Reply;
  /** Its answer to a missing or wrong app key. */
  unauthorizedReply(): Reply;
}

/** Options of a department server. */
export interface DepartmentServerOptions {
  definition: DepartmentDefinition;
  faults: FaultState;
  stats: RequestStats;
  appKey: string;
}

/** How long a "timeout" fault holds a request before dropping it (clients give up long before). */
const HOLD_MS = 30_000;

function send(res: ServerResponse, reply: Reply): void {
  if (res.destroyed) return;
  res.writeHead(reply.status, reply.headers ?? {});
  res.end(reply.body);
}

/** A timeout: the request is held without an answer, then its connection dropped. */
function holdWithoutAnswer(req: IncomingMessage, res: ServerResponse, held: Set<NodeJS.Timeout>): void {
  const t = setTimeout(() => {
    held.delete(t);
    req.socket.destroy();
  }, HOLD_MS);
  held.add(t);
  res.on('close', () => {
    clearTimeout(t);
    held.delete(t);
  });
}

/** Builds (but does not start) the server of one department. */
export function createDepartmentServer({
  definition,
  faults,
  stats,
  appKey,
}: DepartmentServerOptions): Server {
  const held = new Set<NodeJS.Timeout>();
  const server = createServer(async (req, res) => {
    if (faults.down) {
      req.socket.destroy();
      return;
    }
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const match = matchRoute(definition.routes, req.method ?? 'GET', url.pathname);
    stats.count(definition.name, match?.route.key ?? `${req.method} ${url.pathname}`);
    res.once('close', stats.begin());
    let body: string;
    try {
      body = await readBody(req);
    } catch {
      send(res, json(413, { error: 'body too large' }));
      return;
    }
    if (req.headers[definition.appKeyHeader ?? 'x-app-key'] !== appKey)
      return send(res, definition.unauthorizedReply());
    if (!match) return send(res, definition.notFoundReply());

    // Rate windows run on the real monotonic clock: a test's frozen world clock must not freeze them.
    const outcome = faults.decide(performance.now());
    const delay = faults.delayMs();
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (res.destroyed) return;
    switch (outcome) {
      case 'rateLimited':
        stats.rateLimited(definition.name);
        return send(
          res,
          json(
            429,
            { error: 'too many requests' },
            { 'retry-after': String(faults.retryAfterSeconds(performance.now())) },
          ),
        );
      case 'timeout':
        return holdWithoutAnswer(req, res, held);
      case 'error':
        return send(res, definition.errorReply());
      default:
        break;
    }
    let reply: Reply;
    try {
      reply = await match.route.handle({ params: match.params, query: url.searchParams, body });
    } catch {
      reply = definition.errorReply();
    }
    // A malformed body: the real answer cut off halfway, as a dropped proxy buffer leaves it.
    if (outcome === 'malformed')
      reply = {
        ...reply,
        status: 200,
        body: reply.body.slice(0, Math.floor(reply.body.length / 2)) + '\u0000',
      };
    send(res, reply);
  });
  server.on('connection', (socket) => {
    if (!faults.down) return;
    // Counted, so a test can tell a refused call from one never made.
    stats.count(definition.name, 'refused connection');
    socket.destroy();
  });
  server.on('close', () => {
    for (const t of held) clearTimeout(t);
    held.clear();
  });
  return server;
}
