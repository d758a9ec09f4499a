/** CORS from an allow-list (Apollo's standalone default is `*`; a government endpoint names its front ends). */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Sets CORS headers for an allowed origin; answers a preflight. Returns true when the request is done. */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  if (origin && allowed.has(origin)) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('vary', 'Origin');
    res.setHeader('access-control-allow-credentials', 'true');
  }
  if (req.method === 'OPTIONS') {
    if (origin && allowed.has(origin)) {
      res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
      res.setHeader(
        'access-control-allow-headers',
        'authorization, content-type, x-purpose, x-request-id, apollo-require-preflight',
      );
      res.setHeader('access-control-max-age', '600');
      res.writeHead(204);
    } else res.writeHead(403);
    res.end();
    return true;
  }
  return false;
}
