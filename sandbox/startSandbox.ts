/**
 * Starts the five departments and the control port on loopback, in-process. `npm run sandbox`,
 * `npm start` and the tests all start the sandbox through this one function.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createControlServer } from './control.ts';
import {
  createDepartmentServer,
  DEPARTMENTS,
  type DepartmentDefinition,
  type DepartmentName,
} from './departmentServer.ts';
import { courtDepartment } from './departments/court.ts';
import { creditDepartment } from './departments/credit.ts';
import { environmentDepartment } from './departments/environment.ts';
import { marketDepartment } from './departments/market.ts';
import { taxDepartment } from './departments/tax.ts';
import { FaultState } from './faults.ts';
import { HoldUps } from './holdUps.ts';
import { ChangeFeed } from './feed.ts';
import { mixSeed } from './random.ts';
import { RequestStats } from './stats.ts';
import { World } from './world/World.ts';
import { declaredDepartments } from '../src/departments/declared/declarations.ts';
import { DeclaredSimulation } from './declared.ts';

/** Options of a sandbox; every one has a default. */
export interface SandboxOptions {
  /** A ready world; otherwise one is generated from seed, size and asOf. */
  world?: World;
  /** @default 20261101 */
  seed?: number;
  /** @default 2000 */
  size?: number;
  /** @default today (UTC) */
  asOf?: string;
  /** @default '127.0.0.1' */
  host?: string;
  /**
   * Ports per department and `control` (a declared department by its key); 0 picks a free one.
   * @default tax 4101 … credit 4105, control 4100, a declared department its declaration's
   */
  ports?: Partial<Record<DepartmentName | 'control', number>> & Record<string, number>;
  /** @default 'sandbox' */
  appKey?: string;
  /** Market regulation's own rate limit (connectors/market/wire.ts). @default 2000 */
  marketRateLimitPerSec?: number;
  /** Changes the feed keeps before old cursors get 410. @default 10000 */
  feedRetention?: number;
  /** @default Date.now */
  now?: () => number;
  /**
   * Whether to listen on ports. Without, nothing is opened: each server is reached by its origin
   * (`http://tax.sandbox.invalid`, …) through `servers`, as in-process tests do. @default true
   */
  listen?: boolean;
}

/** A running sandbox. */
export interface Sandbox {
  world: World;
  /** Base URL of each department and the control port. */
  urls: Record<DepartmentName | 'control', string>;
  /** Base URL of each declared department, by its name (LICENSING). */
  declaredUrls: Record<string, string>;
  appKey: string;
  /** Each server by the origin of its URL (a sandbox that does not listen is reached only so). */
  servers: Map<string, Server>;
  close(): Promise<void>;
}

/** The default ports (docs/sandbox.md). */
export const DEFAULT_PORTS: Record<DepartmentName | 'control', number> = {
  control: 4100,
  tax: 4101,
  market: 4102,
  environment: 4103,
  court: 4104,
  credit: 4105,
};

/** Every port the sandbox opens, the declared departments' included, each a free one (0): for a sandbox started by a test or script. */
export function anyPorts(): Record<string, number> {
  return Object.fromEntries([
    ...Object.keys(DEFAULT_PORTS).map((name) => [name, 0]),
    ...declaredDepartments().map((d) => [d.key, 0]),
  ]);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}

/** Starts a sandbox; resolves once every port listens. */
export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  const {
    seed = 20261101,
    size = 2000,
    asOf = new Date().toISOString().slice(0, 10),
    host = '127.0.0.1',
    appKey = 'sandbox',
    marketRateLimitPerSec = 2000,
    feedRetention = 10_000,
    now = Date.now,
  } = opts;
  const ports: Record<string, number> = { ...DEFAULT_PORTS, ...opts.ports };
  const world = opts.world ?? World.generate({ seed, size, asOf });
  const feed = new ChangeFeed(now, feedRetention);
  // The sandbox's own hold-ups are credited to its rate windows (docs/sandbox.md, rate limits).
  const holdUps = new HoldUps();
  const stopWatching = holdUps.start();
  const stats = new RequestStats(holdUps);
  const faults = faultStates(seed, marketRateLimitPerSec, holdUps);
  const definitions = builtInDefinitions(world, feed, now, appKey);
  const simulations = declaredDepartments().map((d) => new DeclaredSimulation(d, world, seed));
  for (const [k, sim] of simulations.entries())
    faults[sim.declaration.key as DepartmentName] = new FaultState(
      mixSeed(seed, DEPARTMENTS.length + k),
      {},
      holdUps,
    );
  const declaredServers = simulations.map(
    (sim) =>
      [
        sim,
        createDepartmentServer({
          definition: sim.definition(),
          faults: faults[sim.declaration.key as DepartmentName],
          stats,
          appKey,
        }),
      ] as const,
  );
  const servers: Array<[DepartmentName | 'control', Server]> = [
    ...DEPARTMENTS.map(
      (d) =>
        [d, createDepartmentServer({ definition: definitions[d], faults: faults[d], stats, appKey })] as [
          DepartmentName,
          Server,
        ],
    ),
    [
      'control',
      createControlServer({
        world,
        feed,
        stats,
        faults,
        seed: opts.world ? opts.world.seed : seed,
        moreSamples: async () =>
          Object.assign({}, ...(await Promise.all(simulations.map((x) => x.samples())))),
      }),
    ],
  ];
  const all = [...servers.map(([, s]) => s), ...declaredServers.map(([, s]) => s)];
  const listening = opts.listen ?? true;
  const close = (): Promise<void> => {
    stopWatching();
    return listening ? Promise.all(all.map((s) => closeServer(s))).then(() => undefined) : Promise.resolve();
  };
  try {
    const where = { listening, host, ports };
    return { world, appKey, close, ...(await openAll(servers, declaredServers, where)) };
  } catch (err) {
    await close();
    throw err;
  }
}

/** Listens on each server's port, or (not listening) names its in-process origin; every server by its origin. */
async function openAll(
  servers: ReadonlyArray<[DepartmentName | 'control', Server]>,
  declaredServers: ReadonlyArray<readonly [DeclaredSimulation, Server]>,
  where: { listening: boolean; host: string; ports: Record<string, number> },
): Promise<Pick<Sandbox, 'urls' | 'declaredUrls' | 'servers'>> {
  const { listening, host, ports } = where;
  const byOrigin = new Map<string, Server>();
  const origin = async (server: Server, name: string, port: number): Promise<string> => {
    const url = listening
      ? `http://${host}:${await listen(server, port, host)}`
      : `http://${name}.sandbox.invalid`;
    byOrigin.set(url, server);
    return url;
  };
  const urls = {} as Record<DepartmentName | 'control', string>;
  for (const [name, server] of servers) urls[name] = await origin(server, name, ports[name]!);
  const declaredUrls: Record<string, string> = {};
  for (const [sim, server] of declaredServers) {
    const { key, name, simulation } = sim.declaration;
    declaredUrls[name] = await origin(server, key.toLowerCase(), ports[key] ?? simulation.port);
  }
  return { urls, declaredUrls, servers: byOrigin };
}

/** The five departments served from the world. */
function builtInDefinitions(
  world: World,
  feed: ChangeFeed,
  now: () => number,
  appKey: string,
): Record<DepartmentName, DepartmentDefinition> {
  return {
    tax: taxDepartment(world),
    market: marketDepartment(world),
    environment: environmentDepartment(world, appKey),
    court: courtDepartment(world),
    credit: creditDepartment(world, feed, now),
  };
}

/** Each of the five's fault state, its own seed, market regulation with its published rate limit. */
function faultStates(
  seed: number,
  marketRateLimitPerSec: number,
  holdUps: HoldUps,
): Record<DepartmentName, FaultState> {
  return Object.fromEntries(
    DEPARTMENTS.map((d, k) => [
      d,
      new FaultState(
        mixSeed(seed, k),
        d === 'market' ? { rateLimitPerSec: marketRateLimitPerSec } : {},
        holdUps,
      ),
    ]),
  ) as Record<DepartmentName, FaultState>;
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
