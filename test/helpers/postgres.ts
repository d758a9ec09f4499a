/**
 * A real PostgreSQL server for one test file, on a free loopback port in a temporary folder
 * (initdb + postgres from Debian's `postgresql`). Missing binaries skip the PostgreSQL tests with
 * a loud message, unless REQUIRE_POSTGRES=1 (CI), where they fail. As root, the server runs as
 * the `postgres` user (PostgreSQL refuses to run as root).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { freePort } from './ports.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openLedger, type LedgerDb } from '../../src/ledger/openLedger.ts';

/** The folder with initdb and postgres, or null. */
export function postgresBinaries(): string | null {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const dir = versions
    .map((v) => join(root, v, 'bin'))
    .find((d) => existsSync(join(d, 'postgres')) && existsSync(join(d, 'initdb')));
  if (!dir && process.env.REQUIRE_POSTGRES === '1')
    throw new Error(
      'REQUIRE_POSTGRES=1 but no PostgreSQL server is installed (apt-get install -y postgresql)',
    );
  if (!dir)
    console.warn(
      '\n!!! PostgreSQL not found: the PostgreSQL ledger tests are SKIPPED. Install it (apt-get install -y postgresql). !!!\n',
    );
  return dir ?? null;
}

/** Whether a process runs (not a zombie). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** A running server. */
export interface TestPostgres {
  url: string;
  /** Stops it abruptly (SIGKILL), as a crashed database. */
  kill(): Promise<void>;
  /** Starts it again on the same port and data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** Starts PostgreSQL; `bin` from postgresBinaries(); `settings` are more `-c name=value` (e.g. ssl=on). */
export async function startPostgres(bin: string, settings: string[] = []): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'cg-pg-'));
  const asRoot = process.getuid?.() === 0;
  const uid = asRoot ? Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim()) : null;
  const gid = asRoot ? Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim()) : null;
  if (uid !== null && gid !== null) {
    chownSync(dir, uid, gid);
    chmodSync(dir, 0o700);
  }
  const run = (cmd: string, args: string[]): [string, string[]] =>
    asRoot ? ['runuser', ['-u', 'postgres', '--', cmd, ...args]] : [cmd, args];
  const [initCmd, initArgs] = run(join(bin, 'initdb'), [
    '-D',
    join(dir, 'data'),
    '-U',
    'postgres',
    '--auth=trust',
    '-E',
    'UTF8',
    '--no-sync',
  ]);
  execFileSync(initCmd, initArgs, { stdio: 'ignore' });
  const port = await freePort();
  let child: ChildProcess | null = null;
  const start = async (): Promise<void> => {
    const [cmd, args] = run(join(bin, 'postgres'), [
      '-D',
      join(dir, 'data'),
      '-p',
      String(port),
      '-k',
      dir,
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'fsync=off',
      ...settings.flatMap((c) => ['-c', c]),
    ]);
    child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
    let log = '';
    child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-2000)));
    const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    for (let i = 0; i < 100; i++) {
      const c = new pg.Client({ connectionString: url });
      try {
        await c.connect();
        await c.end();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    throw new Error(`PostgreSQL did not start: ${log}`);
  };
  const kill = async (): Promise<void> => {
    const c = child as ChildProcess | null;
    if (!c || c.exitCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    // The postmaster itself (runuser does not pass SIGKILL on), then whatever is left of its processes.
    let pid = 0;
    try {
      pid = Number(readFileSync(join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
      if (pid > 0) process.kill(pid, 'SIGKILL');
    } catch {
      // not running
    }
    // runuser reaps the dead postmaster and exits (killing runuser first would leave a zombie
    // holding the lock file's PID); only if it does not, is it killed too.
    const timer = setTimeout(() => c.kill('SIGKILL'), 2000);
    await exited;
    clearTimeout(timer);
    try {
      execFileSync('pkill', ['-9', '-f', '--', dir]);
    } catch {
      // nothing left
    }
    // Wait for the postmaster to be gone (a zombie counts as gone), so a restart finds its lock file stale.
    for (let i = 0; pid > 0 && i < 50 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  };
  await start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    kill,
    restart: start,
    stop: async () => {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Both ledger engines: embedded PGlite always, a PostgreSQL server where its binaries are here. */
export const LEDGER_ENGINES: Array<['pglite' | 'postgres', boolean]> = [
  ['pglite', true],
  ['postgres', postgresBinaries() !== null],
];

/** A migrated ledger on `engine` — a PostgreSQL started here, or PGlite in a fresh folder — and how to remove it. */
export async function openTestLedger(
  engine: 'pglite' | 'postgres',
): Promise<{ db: LedgerDb; close: () => Promise<void> }> {
  if (engine === 'postgres') {
    const server = await startPostgres(postgresBinaries()!);
    const db = await openLedger({ databaseUrl: server.url });
    return { db, close: async () => (await db.close(), await server.stop()) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'cg-ledger-'));
  const db = await openLedger({ dir });
  return { db, close: async () => (await db.close(), rmSync(dir, { recursive: true, force: true })) };
}
