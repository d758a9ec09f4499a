/**
 * The embedded engine (PGlite: PostgreSQL compiled to WebAssembly) sized for what `npm start` and a
 * small deployment ask of it (docs/ledger.md, the embedded ledger):
 * - PostgreSQL's defaults are for a server of its own: 128 MB of shared buffers live inside the
 *   WebAssembly memory, which grows and never gives memory back. The ledger's working set (one
 *   row per enterprise, its indexes, the outbox) is read in order or by key; 16 MB of buffers with
 *   the operating system's page cache behind them serve it.
 * - A new data folder is initialized by `initdb`, a second WebAssembly instance whose memory
 *   (~450 MB measured) the process kept after the database opened. It runs in a worker thread that
 *   ends with it, so that memory goes with the thread.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PGlite as PGliteType } from '@electric-sql/pglite';

/** PostgreSQL settings for the embedded engine, beside PGlite's own start parameters. */
export const EMBEDDED_SETTINGS = [
  'shared_buffers=16MB',
  'work_mem=4MB',
  'maintenance_work_mem=16MB',
  'temp_buffers=2MB',
  'wal_buffers=1MB',
];

/** Initializes a new data folder in a worker thread (its memory ends with it). */
async function initializeApart(dir: string): Promise<void> {
  const url = import.meta.resolve('@electric-sql/pglite');
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
     import(workerData.url)
       .then(async ({ PGlite }) => { const db = await PGlite.create(workerData.dir); await db.close(); })
       .then(() => parentPort.postMessage({ ok: true }), (e) => parentPort.postMessage({ ok: false, message: String(e && e.message || e) }));`,
    { eval: true, workerData: { url, dir } },
  );
  try {
    const answer = await new Promise<{ ok: boolean; message?: string }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`initdb worker exited with ${code}`)));
    });
    if (!answer.ok) throw new Error(`initdb failed: ${answer.message}`);
  } finally {
    await worker.terminate();
  }
}

/** Opens the embedded engine on a data folder, initializing a new one apart first. */
export async function openEmbedded(dir: string): Promise<PGliteType> {
  const { PGlite } = await import('@electric-sql/pglite');
  if (!existsSync(join(dir, 'PG_VERSION'))) await initializeApart(dir);
  return PGlite.create(dir, {
    startParams: [...PGlite.defaultStartParams, ...EMBEDDED_SETTINGS.flatMap((s) => ['-c', s])],
  });
}
