/**
 * A real redis-server on a free loopback port, for one test file. Where the binary is missing
 * the Redis tests are skipped with a loud message — unless REQUIRE_REDIS=1 (CI), where that fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { freePort } from './ports.ts';

/** Whether redis-server is on the PATH; throws under REQUIRE_REDIS=1 when it is not. */
export function redisAvailable(): boolean {
  const found = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
  if (!found && process.env.REQUIRE_REDIS === '1')
    throw new Error('REQUIRE_REDIS=1 but redis-server is not installed (apt-get install -y redis-server)');
  if (!found)
    console.warn(
      '\n!!! redis-server not found: the Redis cache tests are SKIPPED. Install it (apt-get install -y redis-server) to run them. !!!\n',
    );
  return found;
}

/** A running redis-server. */
export interface TestRedis {
  url: string;
  port: number;
  /** A plain client for inspecting the server (INFO, CONFIG RESETSTAT). */
  admin: Redis;
  /** Kills the server hard (SIGKILL), as a crash would. */
  kill(): Promise<void>;
  /** Starts it again on the same port (empty: no persistence). */
  restart(): Promise<void>;
  /** Freezes the server (SIGSTOP): connections stay open and nothing answers, as a stalled server. */
  pause(): void;
  /** Lets a frozen server go on (SIGCONT). */
  resume(): void;
  stop(): Promise<void>;
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    { stdio: 'ignore' },
  );
  const probe = new Redis({
    port,
    host: '127.0.0.1',
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  probe.on('error', () => {});
  for (let i = 0; i < 100; i++) {
    try {
      await probe.connect();
      await probe.ping();
      probe.disconnect();
      return child;
    } catch {
      probe.disconnect();
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not start on ${port}`);
}

/** Starts a redis-server on a free port. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child = await launch(port);
  const admin = new Redis({
    port,
    host: '127.0.0.1',
    maxRetriesPerRequest: 1,
    retryStrategy: (t) => Math.min(t * 50, 500),
  });
  admin.on('error', () => {}); // expected while a test has the server killed
  const exited = (c: ChildProcess): Promise<void> =>
    c.exitCode !== null || c.signalCode !== null
      ? Promise.resolve()
      : new Promise((r) => c.once('exit', () => r()));
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    admin,
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
    async restart() {
      child = await launch(port);
    },
    pause() {
      child.kill('SIGSTOP');
    },
    resume() {
      child.kill('SIGCONT');
    },
    async stop() {
      admin.disconnect();
      child.kill('SIGCONT');
      child.kill('SIGKILL');
      await exited(child);
    },
  };
}

/** Calls of one Redis command since the last CONFIG RESETSTAT. */
export async function commandCalls(admin: Redis, command: string): Promise<number> {
  const info = await admin.info('commandstats');
  const m = new RegExp(`cmdstat_${command}:calls=(\\d+)`).exec(info);
  return m ? Number(m[1]) : 0;
}

/** A process to stop, and the ports it serves. */
interface Started {
  child: ChildProcess;
  port: number;
}

function startServer(args: string[]): ChildProcess {
  return spawn('redis-server', args, { stdio: 'ignore' });
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} did not come up in ${timeoutMs} ms`);
}

function probe(port: number): Redis {
  const c = new Redis({
    port,
    host: '127.0.0.1',
    maxRetriesPerRequest: 1,
    retryStrategy: (t) => Math.min(t * 50, 500),
  });
  c.on('error', () => {});
  return c;
}

async function stopAll(started: Started[], dir: string): Promise<void> {
  await Promise.all(
    started.map(
      ({ child }) =>
        new Promise<void>((r) => {
          if (child.exitCode !== null || child.signalCode !== null) return r();
          child.once('exit', () => r());
          child.kill('SIGKILL');
        }),
    ),
  );
  rmSync(dir, { recursive: true, force: true });
}

/** A running Redis Cluster: three masters on loopback, slots spread by `redis-cli --cluster create`. */
export interface TestRedisCluster {
  /** `host:port,…` for REDIS_CLUSTER_NODES. */
  nodes: string;
  stop(): Promise<void>;
}

/** Starts a cluster of `masters` masters (no replicas) and waits until it is `cluster_state:ok` everywhere. */
export async function startRedisCluster(masters = 3): Promise<TestRedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-redis-cluster-'));
  const started: Started[] = [];
  for (let i = 0; i < masters; i++) {
    const port = await freePort();
    const child = startServer([
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(dir, `nodes-${port}.conf`),
      '--cluster-node-timeout',
      '2000',
      '--dir',
      dir,
    ]);
    started.push({ child, port });
  }
  const probes = started.map(({ port }) => probe(port));
  try {
    await Promise.all(probes.map((p, i) => waitFor(async () => (await p.ping()) === 'PONG', `node ${i}`)));
    const create = spawnSync(
      'redis-cli',
      [
        '--cluster',
        'create',
        ...started.map(({ port }) => `127.0.0.1:${port}`),
        '--cluster-replicas',
        '0',
        '--cluster-yes',
      ],
      { encoding: 'utf8' },
    );
    if (create.status !== 0)
      throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    await Promise.all(
      probes.map((p) =>
        waitFor(async () => String(await p.call('CLUSTER', 'INFO')).includes('cluster_state:ok'), 'cluster'),
      ),
    );
  } catch (err) {
    for (const p of probes) p.disconnect();
    await stopAll(started, dir);
    throw err;
  }
  for (const p of probes) p.disconnect();
  return {
    nodes: started.map(({ port }) => `127.0.0.1:${port}`).join(','),
    stop: () => stopAll(started, dir),
  };
}

/** A primary, its replica, and one sentinel watching them (quorum 1). */
export interface TestRedisSentinel {
  /** `host:port` of the sentinel, for REDIS_SENTINELS. */
  sentinels: string;
  name: string;
  /** The port of the primary now, as the sentinel says. */
  primaryPort(): Promise<number>;
  /** Asks the sentinel to fail over, and waits until the replica is the primary. */
  failover(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts a primary, a replica and a sentinel (`redis-server --sentinel`), and waits until they see each other. */
export async function startRedisSentinel(name = 'cg-primary'): Promise<TestRedisSentinel> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-redis-sentinel-'));
  const started: Started[] = [];
  const base = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
  const primary = await freePort();
  started.push({ child: startServer(['--port', String(primary), ...base]), port: primary });
  const replica = await freePort();
  started.push({
    child: startServer(['--port', String(replica), ...base, '--replicaof', '127.0.0.1', String(primary)]),
    port: replica,
  });
  const sentinelPort = await freePort();
  const conf = join(dir, 'sentinel.conf');
  writeFileSync(
    conf,
    [
      `port ${sentinelPort}`,
      'bind 127.0.0.1',
      `dir ${dir}`,
      `sentinel monitor ${name} 127.0.0.1 ${primary} 1`,
      `sentinel down-after-milliseconds ${name} 1000`,
      `sentinel failover-timeout ${name} 10000`,
      `sentinel parallel-syncs ${name} 1`,
      '',
    ].join('\n'),
  );
  started.push({
    child: spawn('redis-server', [conf, '--sentinel'], { stdio: 'ignore' }),
    port: sentinelPort,
  });
  const sentinel = probe(sentinelPort);
  const replicaProbe = probe(replica);
  const primaryPort = async (): Promise<number> =>
    Number(((await sentinel.call('SENTINEL', 'get-master-addr-by-name', name)) as string[])[1]);
  try {
    await waitFor(
      async () => String(await replicaProbe.info('replication')).includes('master_link_status:up'),
      'replica',
    );
    await waitFor(async () => {
      const replicas = (await sentinel.call('SENTINEL', 'replicas', name)) as unknown[];
      return (await primaryPort()) === primary && replicas.length === 1;
    }, 'sentinel');
  } catch (err) {
    sentinel.disconnect();
    replicaProbe.disconnect();
    await stopAll(started, dir);
    throw err;
  }
  replicaProbe.disconnect();
  return {
    sentinels: `127.0.0.1:${sentinelPort}`,
    name,
    primaryPort,
    async failover() {
      const before = await primaryPort();
      await sentinel.call('SENTINEL', 'failover', name);
      await waitFor(async () => (await primaryPort()) !== before, 'failover', 20_000);
    },
    async stop() {
      sentinel.disconnect();
      await stopAll(started, dir);
    },
  };
}
