/**
 * Fills the in-process cache with small entries that each keep a large derived object alive — as
 * an enterprise's cache entries keep its memoized records and assessment (src/loading/inputMemo.ts)
 * — far past the heap's bound, while the cache's own count stays far below its budget. Prints what
 * happened as JSON. Run with `node --max-old-space-size=64 --import tsx heapGuardProbe.ts N guard|none`;
 * heapGuard.test.ts runs it both ways.
 */
import { HeapGuard, readHeap } from '../../src/cache/heapGuard.ts';
import { TieredCache, type CacheEntry } from '../../src/cache/TieredCache.ts';

const N = Number(process.argv[2] ?? 20_000);
const GUARDED = process.argv[3] === 'guard';

const cache = new TieredCache({ maxBytes: 256 * 1024 * 1024, maxStaleSeconds: 60 });
const guard = new HeapGuard(cache);
if (GUARDED) guard.start();
/** Derived data per entry value, held only as long as the entry (like InputMemo). */
const derived = new WeakMap<object, number[]>();
let peakUsed = 0;

for (let i = 0; i < N; i++) {
  const value = { uscc: `91441502MA${String(i).padStart(8, '0')}`, name: `企业${i}` };
  const entry: CacheEntry = { value, fetchedAt: i };
  // About 16 KB kept alive by each entry of about 100 counted bytes.
  derived.set(
    value,
    Array.from({ length: 2000 }, (_, k) => k * 1.5 + i),
  );
  await cache.mset('market', new Map([[value.uscc, entry]]));
  if (i % 50 === 0) {
    // Let the collector's notifications reach the guard, as a server's event loop does.
    await new Promise((r) => setImmediate(r));
    peakUsed = Math.max(peakUsed, readHeap().used);
  }
}
guard.stop();
process.stdout.write(
  JSON.stringify({
    completed: N,
    shrinks: guard.shrinks,
    capBytes: cache.l1CapBytes,
    maxBytes: cache.l1MaxBytes,
    limit: readHeap().limit,
    peakUsed,
  }),
);
