/** The gateway's own id of each HTTP request (a UUID made on first asking, kept with the request). */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

const ids = new WeakMap<IncomingMessage, string>();

/** The request's id: the same for every asker during the request. */
export function requestIdOf(req: IncomingMessage): string {
  let id = ids.get(req);
  if (!id) ids.set(req, (id = randomUUID()));
  return id;
}
