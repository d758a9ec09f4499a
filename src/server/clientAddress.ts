/**
 * The client's address, as every limit keyed by address reads it: the socket's peer, or — when the
 * peer is a proxy the deployment trusts (TRUSTED_PROXIES) — the address that proxy forwarded in
 * X-Forwarded-For, walked from the right past every trusted hop (proxy-addr, Express's rule). A
 * forwarded header from anyone else is ignored, so a client cannot choose its own address; and
 * behind the shipped nginx every client is told apart instead of all sharing nginx's address.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from 'proxy-addr';

/** Reads a request's client address; `trusted(address)` says whether an address is a trusted proxy. */
export interface ClientAddress {
  (req: IncomingMessage): string;
  trusted(address: string): boolean;
}

/** Builds the reader from TRUSTED_PROXIES' entries (throws on an entry that is not an address, a CIDR or a keyword). */
export function createClientAddress(trustedProxies: readonly string[]): ClientAddress {
  const trust = proxyAddr.compile([...trustedProxies]);
  const read = ((req: IncomingMessage): string => {
    if (trustedProxies.length === 0) return req.socket.remoteAddress ?? 'unknown';
    return proxyAddr(req, trust) ?? 'unknown';
  }) as ClientAddress;
  read.trusted = (address: string): boolean => trustedProxies.length > 0 && trust(address, 0);
  return read;
}
