/**
 * A real redis-server on a free loopback port, for one test file. Where the binary is missing
 * the Redis tests are skipped with a loud message — unless REQUIRE_REDIS=1 (CI), where that fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';

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

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
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
    async stop() {
      admin.disconnect();
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
