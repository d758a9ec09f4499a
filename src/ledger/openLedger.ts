/**
 * The city ledger's database: PostgreSQL through `pg` when `DATABASE_URL` is set, else embedded
 * PGlite in a data folder, served over the wire protocol on loopback (pglite-socket) so the same
 * driver, migrations and SQL serve both engines. Migrations (node-pg-migrate, `migrations/*.sql`)
 * run at open, forward-only.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runner } from 'node-pg-migrate';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import type { TlsOptions } from '../config/tls.ts';
import { openEmbedded } from './embeddedEngine.ts';

/** Where the ledger lives. */
/** PostgreSQL (with TLS options: a CA, a client certificate), or embedded PGlite in a directory. */
export type LedgerTarget = { databaseUrl: string; tls?: TlsOptions } | { dir: string };

/** An open ledger database. */
export interface LedgerDb {
  pool: pg.Pool;
  engine: 'postgres' | 'pglite';
  close(): Promise<void>;
}

/** The migrations folder (SQL files, applied in name order). */
export const MIGRATIONS_DIR = join(import.meta.dirname, '..', '..', 'migrations');

/** Opens the ledger and brings its schema up to date. */
export async function openLedger(
  target: LedgerTarget,
  opts: { lockWaitMs?: number } = {},
): Promise<LedgerDb> {
  let pool: pg.Pool;
  let stop: () => Promise<void> = async () => {};
  let engine: LedgerDb['engine'];
  if ('databaseUrl' in target) {
    pool = new pg.Pool({
      connectionString: target.databaseUrl,
      max: 8,
      connectionTimeoutMillis: 3000,
      // DATABASE_TLS_*: verify the server against the CA given, present a client certificate.
      ...(target.tls ? { ssl: { ...target.tls, rejectUnauthorized: true } } : {}),
    });
    engine = 'postgres';
  } else {
    mkdirSync(target.dir, { recursive: true });
    // One process per data directory: two gateways on one PGlite folder each run their own
    // engine over the same files (split brain: duplicate ids, one side's writes lost).
    let compromised = false;
    const unlock = await lockDataDir(target.dir, opts.lockWaitMs, () => {
      // Another process took the lock (this one was paused past its staleness): stop serving the
      // files at once — every ledger query fails (LEDGER_UNAVAILABLE) rather than writing beside it.
      compromised = true;
      void stop();
    });
    // The embedded engine (WebAssembly) is loaded only when it is the one configured.
    const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
    const db = await openEmbedded(target.dir);
    const server = new PGLiteSocketServer({ db, port: 0, host: '127.0.0.1', maxConnections: 8 });
    await server.start();
    const [host, port] = server.getServerConn().split(':');
    // One connection: PGlite is one single-user backend, so more connections add no parallelism —
    // and pglite-socket's interleaving of several connections' transactions on that one session
    // lost a BEGIN's answer under concurrent transactions (assessments with their events, the
    // webhook fan-out), leaving clients checked out forever. Serialized here, in pg's pool queue.
    pool = new pg.Pool({ host, port: Number(port), user: 'postgres', database: 'postgres', max: 1 });
    let stopped = false;
    stop = async () => {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await db.close();
      if (!compromised) await unlock().catch(() => undefined);
    };
    engine = 'pglite';
  }
  // A pool error (the server went away) is a failed query for its caller, never a crash.
  pool.on('error', () => undefined);
  try {
    await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    await stop();
    throw err;
  }
  return {
    pool,
    engine,
    close: async () => {
      await pool.end().catch(() => undefined);
      await stop();
    },
  };
}

/** The data directory is held by another process. */
export class LedgerDirLocked extends Error {
  constructor(readonly dir: string) {
    super(
      `the ledger directory ${dir} is in use by another gateway (lock ${dir}.lock): embedded PGlite serves one process; run several replicas on PostgreSQL (DATABASE_URL)`,
    );
  }
}

/**
 * Locks a PGlite data directory (proper-lockfile: `<dir>.lock`, refreshed while held, stale 10 s
 * after its holder died); waits out a stale lock of a killed holder (`waitMs`, by default past the
 * staleness), then refuses a live one.
 */
async function lockDataDir(
  dir: string,
  waitMs: number | undefined,
  onCompromised: () => void,
): Promise<() => Promise<void>> {
  const staleMs = 10_000;
  const interval = 250;
  try {
    return await lockfile.lock(dir, {
      realpath: false,
      stale: staleMs,
      update: staleMs / 4,
      retries: {
        retries: Math.ceil((waitMs ?? staleMs + 2000) / interval),
        factor: 1,
        minTimeout: interval,
        maxTimeout: interval,
      },
      onCompromised,
    });
  } catch (err) {
    if ((err as { code?: string }).code === 'ELOCKED') throw new LedgerDirLocked(dir);
    throw err;
  }
}

/** Applies every migration not yet applied. */
async function migrate(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await runner({
      dbClient: client,
      dir: MIGRATIONS_DIR,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      checkOrder: true,
      log: () => undefined,
    });
  } finally {
    client.release();
  }
}
