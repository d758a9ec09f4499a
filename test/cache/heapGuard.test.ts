/**
 * The in-process cache yields to the heap, whatever its own count says: an entry keeps alive the
 * records and assessment memoized from it, which the count cannot see. In a child process with a
 * 64 MB heap, entries that each keep 16 KB alive (about 100 counted bytes each) overrun the heap
 * without the guard — the control: the process dies of heap exhaustion — and with it the cache is
 * capped and the run completes inside the bound. The guard's decisions are tested on readings.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HeapGuard, type CappedCache } from '../../src/cache/heapGuard.ts';
import { TieredCache } from '../../src/cache/TieredCache.ts';

const MIB = 1024 * 1024;

function probe(mode: 'guard' | 'none'): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=64',
      '--import',
      'tsx',
      join(import.meta.dirname, 'heapGuardProbe.ts'),
      '20000',
      mode,
    ],
    { encoding: 'utf8', cwd: join(import.meta.dirname, '../..') },
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A cache whose held bytes the test sets, recording the caps it is given. */
function fakeCache(held: number, max = 64 * MIB): CappedCache & { caps: number[] } {
  const c = {
    caps: [] as number[],
    l1Bytes: held,
    l1MaxBytes: max,
    l1CapBytes: max,
    capL1(bytes: number) {
      c.caps.push(bytes);
      c.l1CapBytes = bytes;
      c.l1Bytes = Math.min(c.l1Bytes, bytes);
    },
  };
  return c;
}

describe('heap guard', () => {
  it('without it, entries that keep derived data alive exhaust a 64 MB heap (the control)', () => {
    const r = probe('none');
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/heap out of memory/);
  }, 60_000);

  it('with it, the cache is capped and the same run completes inside the bound', () => {
    const r = probe('guard');
    expect(r.status, r.stderr.slice(-500)).toBe(0);
    const out = JSON.parse(r.stdout) as {
      completed: number;
      shrinks: number;
      capBytes: number;
      maxBytes: number;
      limit: number;
      peakUsed: number;
    };
    expect(out.completed).toBe(20_000);
    expect(out.shrinks).toBeGreaterThan(0);
    expect(out.capBytes).toBeLessThan(out.maxBytes);
    expect(out.peakUsed).toBeLessThan(out.limit);
  }, 60_000);

  it('above the high-water mark gives back the excess, a quarter of what is held at least', () => {
    const cache = fakeCache(40 * MIB);
    const guard = new HeapGuard(cache, { highWater: 0.6, lowWater: 0.4 });
    guard.check({ used: 61 * MIB, limit: 100 * MIB }); // 1 MiB over: a quarter goes
    expect(cache.caps).toEqual([30 * MIB]);
    guard.check({ used: 80 * MIB, limit: 100 * MIB }); // 20 MiB over: 30 − 20
    expect(cache.caps.at(-1)).toBe(10 * MIB);
    guard.check({ used: 95 * MIB, limit: 100 * MIB }); // more over than held: nothing kept
    expect(cache.caps.at(-1)).toBe(0);
    expect(guard.shrinks).toBe(3);
  });

  it('between the marks holds the cap; below the low-water mark grows it back to the budget, never past', () => {
    const cache = fakeCache(10 * MIB, 20 * MIB);
    cache.capL1(10 * MIB);
    const guard = new HeapGuard(cache, { highWater: 0.6, lowWater: 0.4 });
    guard.check({ used: 50 * MIB, limit: 100 * MIB });
    expect(cache.l1CapBytes).toBe(10 * MIB);
    guard.check({ used: 30 * MIB, limit: 100 * MIB });
    expect(cache.l1CapBytes).toBe(10 * MIB * 1.25 + MIB);
    for (let i = 0; i < 10; i++) guard.check({ used: 30 * MIB, limit: 100 * MIB });
    expect(cache.l1CapBytes).toBe(20 * MIB);
    expect(guard.shrinks).toBe(0);
  });

  it('a capped L1 evicts its least recently used entries down to the cap and stays under it', async () => {
    const cache = new TieredCache({ maxBytes: 8 * MIB, maxStaleSeconds: 60 });
    const put = (i: number) =>
      cache.mset('market', new Map([[`u${i}`, { value: { n: 'x'.repeat(1000), i }, fetchedAt: 0 }]]));
    for (let i = 0; i < 1000; i++) await put(i);
    const full = cache.l1Bytes;
    expect(full).toBeGreaterThan(1_000_000);
    cache.capL1(full / 2);
    expect(cache.l1Bytes).toBeLessThanOrEqual(full / 2);
    expect(cache.peek('market', 'u999')).toBeDefined(); // the most recent stay
    expect(cache.peek('market', 'u0')).toBeUndefined(); // the oldest went
    for (let i = 1000; i < 2000; i++) await put(i);
    expect(cache.l1Bytes).toBeLessThanOrEqual(full / 2);
    cache.capL1(100 * MIB);
    expect(cache.l1CapBytes).toBe(8 * MIB); // never above the budget
  });
});
