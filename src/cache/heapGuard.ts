/**
 * Bounds the in-process cache by what the heap really holds, not only by what its entries count.
 *
 * The L1 counts its entries' own bytes (TieredCache.heapCost), but an entry keeps more alive than
 * itself: the records, assessment and alerts derived from it are memoized per data version
 * (src/loading/inputMemo.ts) for as long as the entry lives. A heap snapshot of a gateway that
 * died backfilling a 30 k world showed every assessment reachable that way — the L1 at 43 MiB by
 * its own count, the heap at its 224 MB bound. So after every full collection (when the used heap
 * is what is really live) this guard compares the heap with its limit: above the high-water mark
 * the cache gives back at least a quarter of what it holds, and is capped there; below the
 * low-water mark the cap grows back toward the configured budget. Whatever holds the heap, the
 * cache yields first, and the gateway degrades to more upstream calls, never to a crash.
 */
import { constants, PerformanceObserver } from 'node:perf_hooks';
import v8 from 'node:v8';

/** The heap in use after a collection, and the most it may hold. */
export interface HeapReading {
  used: number;
  limit: number;
}

/** What the guard bounds: a cache that can be capped below its budget. */
export interface CappedCache {
  /** Bytes held, by the cache's own count. */
  readonly l1Bytes: number;
  /** The configured budget (the cap never exceeds it). */
  readonly l1MaxBytes: number;
  /** The cap in force. */
  readonly l1CapBytes: number;
  /** Caps the cache (evicting least recently used entries down to it). */
  capL1(bytes: number): void;
}

/** Options of {@link HeapGuard}. */
export interface HeapGuardOptions {
  /** Above this fraction of the heap limit, after a full collection, the cache gives back memory. @default 0.6 */
  highWater?: number;
  /** Below it the cap grows back toward the budget. @default 0.4 */
  lowWater?: number;
  /** Reads the heap (tests inject one). @default v8.getHeapStatistics */
  read?: () => HeapReading;
}

const MIB = 1024 * 1024;

/**
 * V8's limit includes the young generation's reserve — three semispaces, 16 MiB each on 64-bit
 * (Node 20: `--max-old-space-size=224` reads 272 MiB) — but what runs out is the old generation,
 * and after a full collection the young generation is about empty. So the limit compared with is
 * the old generation's: the reported limit less that reserve (measured: it is 48 MiB from 8 MiB heaps to 4 GiB).
 */
const YOUNG_RESERVE = 48 * MIB;

/** The heap as V8 reports it, against the old generation's bound. */
export function readHeap(): HeapReading {
  const s = v8.getHeapStatistics();
  return {
    used: s.used_heap_size,
    limit: Math.max(s.heap_size_limit - YOUNG_RESERVE, s.heap_size_limit / 8),
  };
}

/** Watches full collections and caps the cache when the heap runs high. */
export class HeapGuard {
  private readonly highWater: number;
  private readonly lowWater: number;
  private readonly read: () => HeapReading;
  private observer: PerformanceObserver | null = null;
  /** How many times the cache was made to give memory back (metrics). */
  shrinks = 0;

  constructor(
    private readonly cache: CappedCache,
    { highWater = 0.6, lowWater = 0.4, read = readHeap }: HeapGuardOptions = {},
  ) {
    this.highWater = highWater;
    this.lowWater = lowWater;
    this.read = read;
  }

  /** One decision, on the heap as it is after a full collection. */
  check(reading: HeapReading = this.read()): void {
    const { used, limit } = reading;
    const held = this.cache.l1Bytes;
    if (used > this.highWater * limit) {
      // The excess, by the cache's count; and a quarter at least, since each counted byte keeps
      // more alive (its derived memos) than it counts.
      const excess = used - this.highWater * limit;
      this.cache.capL1(Math.max(0, Math.min(held * 0.75, held - excess)));
      this.shrinks++;
    } else if (used < this.lowWater * limit && this.cache.l1CapBytes < this.cache.l1MaxBytes) {
      this.cache.capL1(Math.min(this.cache.l1MaxBytes, this.cache.l1CapBytes * 1.25 + MIB));
    }
  }

  /** Starts watching full (mark-compact) collections. */
  start(): void {
    if (this.observer) return;
    this.observer = new PerformanceObserver((list) => {
      const full = list
        .getEntries()
        .some(
          (e) => (e as { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR,
        );
      if (full) this.check();
    });
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer?.disconnect();
    this.observer = null;
  }
}
