/**
 * HTTP without sockets, for the in-process suites (vitest project `process`): an undici dispatcher
 * that hands each request to a Node HTTP server's request handler through light-my-request (fake
 * request and response objects, no socket), chosen by the request's origin. The gateway's
 * department calls take it as their transport (`ServerDeps.dispatcher`); installed as the global
 * dispatcher, `fetch` in a test reaches the gateway and the sandbox the same way. An origin nobody
 * registered is refused: an in-process suite never reaches the network.
 */
import type { Server } from 'node:http';
import inject from 'light-my-request';
import { Dispatcher, setGlobalDispatcher } from 'undici';

type Handler = Parameters<Dispatcher['dispatch']>[1] & {
  onConnect?: (abort: (err?: Error) => void) => void;
  onHeaders?: (status: number, raw: Buffer[], resume: () => void, text: string) => boolean;
  onData?: (chunk: Buffer) => boolean;
  onComplete?: (trailers: Buffer[] | null) => void;
  onError?: (err: Error) => void;
};

/** Headers as undici gives them (object or flat array) to a plain object. */
function headersOf(h: Dispatcher.DispatchOptions['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  if (!h) return out;
  if (Array.isArray(h)) {
    for (let i = 0; i + 1 < h.length; i += 2) out[String(h[i]).toLowerCase()] = String(h[i + 1]);
    return out;
  }
  if (typeof (h as Iterable<unknown>)[Symbol.iterator] === 'function' && !(typeof h === 'string')) {
    for (const [k, v] of h as Iterable<[string, string]>) out[k.toLowerCase()] = v;
    return out;
  }
  for (const [k, v] of Object.entries(h as Record<string, unknown>))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

/** The request body as one buffer, whatever shape undici or fetch handed it in. */
async function bodyOf(body: unknown): Promise<Buffer | undefined> {
  if (body == null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  if (typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const parts: Buffer[] = [];
    for await (const c of body as AsyncIterable<Uint8Array | string>)
      parts.push(typeof c === 'string' ? Buffer.from(c) : Buffer.from(c));
    return Buffer.concat(parts);
  }
  throw new Error('in-process dispatcher: unsupported body');
}

/** Serves registered origins in process; refuses every other. */
export class InProcessDispatcher extends Dispatcher {
  private readonly servers = new Map<string, Server>();

  /** Serves `origin` (scheme, host and port, no trailing slash) with `server`'s request handler. */
  register(origin: string, server: Server): void {
    this.servers.set(new URL(origin).origin, server);
  }

  override dispatch(opts: Dispatcher.DispatchOptions, handler: Handler): boolean {
    void this.serve(opts, handler);
    return true;
  }

  private async serve(opts: Dispatcher.DispatchOptions, handler: Handler): Promise<void> {
    let aborted: Error | null = null;
    try {
      handler.onConnect?.((err) => (aborted = err ?? new Error('aborted')));
      const origin = new URL(String(opts.origin)).origin;
      const server = this.servers.get(origin);
      if (!server)
        throw new Error(`in-process: no server for ${origin} (an in-process suite opens no socket)`);
      const res = await inject((req, r) => server.emit('request', req, r), {
        method: opts.method as 'GET',
        url: opts.path,
        headers: { host: new URL(origin).host, ...headersOf(opts.headers) },
        payload: await bodyOf(opts.body),
        remoteAddress: '127.0.0.1',
      });
      if (aborted) throw aborted;
      const raw: Buffer[] = [];
      for (const [k, v] of Object.entries(res.headers)) {
        for (const one of Array.isArray(v) ? v : [v]) {
          if (one === undefined) continue;
          raw.push(Buffer.from(k), Buffer.from(String(one)));
        }
      }
      handler.onHeaders?.(res.statusCode, raw, () => undefined, res.statusMessage ?? '');
      if (res.rawPayload.length) handler.onData?.(res.rawPayload);
      handler.onComplete?.([]);
    } catch (err) {
      handler.onError?.(aborted ?? (err as Error));
    }
  }

  override async close(): Promise<void> {
    this.servers.clear();
  }

  override async destroy(): Promise<void> {
    this.servers.clear();
  }
}

/** One dispatcher per test file (its worker), installed for `fetch` as well. */
let shared: InProcessDispatcher | null = null;
export function inProcessDispatcher(): InProcessDispatcher {
  if (!shared) {
    shared = new InProcessDispatcher();
    setGlobalDispatcher(shared);
  }
  return shared;
}
