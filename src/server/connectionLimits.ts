/**
 * Open connections capped in all and per client address, before a byte of the request is read:
 * an anonymous client holding thousands of idle sockets (or half-sent requests) would otherwise
 * hold the replica's file descriptors and memory. Past the per-address cap a new connection is
 * closed at once; past the total, node refuses it (`server.maxConnections`). A trusted proxy's
 * connections carry many clients and are not counted per address (their clients are limited by
 * the rate limits, which read the forwarded address).
 */
import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** The caps, and which peers are proxies. */
export interface ConnectionLimitOptions {
  total: number;
  perAddress: number;
  isTrustedProxy: (address: string) => boolean;
  /** Each connection refused (metrics). */
  onRefused?: (scope: 'address') => void;
}

/** Applies the caps to a server; returns the open count per address (tests read it). */
export function limitConnections(server: Server, o: ConnectionLimitOptions): Map<string, number> {
  server.maxConnections = o.total;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    if (o.isTrustedProxy(address)) return;
    const n = (open.get(address) ?? 0) + 1;
    if (n > o.perAddress) {
      o.onRefused?.('address');
      socket.destroy();
      return;
    }
    open.set(address, n);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
  return open;
}
