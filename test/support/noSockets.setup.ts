/**
 * Setup of the in-process suites (vitest project `process`): opening a socket fails the test. Their
 * gateway and sandbox are served without sockets (test/helpers/noSockets.ts). One exception, the
 * embedded ledger's own bridge: PGlite runs inside this process and is reached by `pg` through a
 * loopback port pglite-socket opens (src/ledger/openLedger.ts, the same path `npm start` takes), so
 * that listen, and connections to the ports it opened, are let through — nothing else.
 */
import net from 'node:net';

const ledgerPorts = new Set<number>();
const { listen, connect } = { listen: net.Server.prototype.listen, connect: net.Socket.prototype.connect };

const refuse = (what: string): never => {
  throw new Error(`an in-process suite ${what} (test/helpers/noSockets.ts serves the gateway and sandbox)`);
};

/** The port a `connect` call names, whichever of its forms Node or a library used. */
function portOf(args: unknown[]): number | undefined {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'number' || typeof first === 'string') return Number(first);
  const port = (first as { port?: unknown } | undefined)?.port;
  return port === undefined ? undefined : Number(port);
}

net.Server.prototype.listen = function listenForLedgerOnly(this: net.Server, ...args: unknown[]) {
  if (!new Error().stack?.includes('pglite-socket')) refuse('listened on a port');
  this.once('listening', () => {
    const address = this.address();
    if (address && typeof address === 'object') ledgerPorts.add(address.port);
  });
  return (listen as (...a: unknown[]) => net.Server).apply(this, args);
} as typeof net.Server.prototype.listen;

net.Socket.prototype.connect = function connectToLedgerOnly(this: net.Socket, ...args: unknown[]) {
  const port = portOf(args);
  if (port === undefined || !ledgerPorts.has(port)) refuse(`opened a connection (port ${port})`);
  return (connect as (...a: unknown[]) => net.Socket).apply(this, args);
} as typeof net.Socket.prototype.connect;
