/** The cached fetcher over a fake department (no Redis): fresh hits, single flight, TTL, stale-if-error. */
import { describe, expect, it, vi } from 'vitest';
import { DepartmentError } from '../../../connectors/shared/DepartmentError.ts';
import { TieredCache } from '../../../src/cache/TieredCache.ts';
import { CachedFetcher } from '../../../src/loading/CachedFetcher.ts';
import type { Fetcher, FetchResult } from '../../../src/loading/Fetcher.ts';
import type { SourceName } from '../../../src/loading/sources.ts';

/** A department that records its calls and can be made to fail. */
function fakeDepartment() {
  const calls: string[][] = [];
  let down = false;
  let clock = 0;
  /** Added to every answer from now on (a department whose data changed). */
  let extra: Record<string, unknown> = {};
  const inner: Fetcher = {
    async fetch<S extends SourceName>(source: S, usccs: readonly string[]): Promise<FetchResult<S>> {
      calls.push([...usccs]);
      await new Promise((r) => setTimeout(r, 5));
      const out: FetchResult<S> = new Map();
      for (const u of usccs)
        out.set(
          u,
          down
            ? new DepartmentError('TAX', 'unavailable')
            : ({ value: { u, ...extra }, fetchedAt: clock, stale: false } as never),
        );
      return out;
    },
  };
  return {
    inner,
    calls,
    setDown: (d: boolean) => (down = d),
    change: (e: Record<string, unknown>) => (extra = e),
    tick: (ms: number) => (clock += ms),
    now: () => clock,
  };
}

function cached(dept: ReturnType<typeof fakeDepartment>): CachedFetcher {
  const ttl = { TAX: 60, MARKET: 60, ENVIRONMENT: 60, COURT: 60, CREDIT: 60 };
  return new CachedFetcher({
    inner: dept.inner,
    cache: new TieredCache({ maxStaleSeconds: 600 }),
    ttlSeconds: ttl,
    maxStaleSeconds: 600,
    now: dept.now,
  });
}

/**
 * A cached fetcher on a fake clock (vitest's timers and Date: time moves only when the test moves
 * it) over a department that records its calls; tax lives 200 ms.
 */
function fakeTimeTax(): { calls: string[][]; f: CachedFetcher } {
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date', 'performance'],
  });
  const calls: string[][] = [];
  const inner: Fetcher = {
    async fetch<S extends SourceName>(_s: S, usccs: readonly string[]): Promise<FetchResult<S>> {
      calls.push([...usccs]);
      return new Map(usccs.map((u) => [u, { value: { u }, fetchedAt: Date.now(), stale: false } as never]));
    },
  };
  const f = new CachedFetcher({
    inner,
    cache: new TieredCache({ maxStaleSeconds: 600 }),
    ttlSeconds: { TAX: 0.2, MARKET: 60, ENVIRONMENT: 60, COURT: 60, CREDIT: 60 },
    maxStaleSeconds: 600,
    now: Date.now,
    refreshBatchMs: 5,
  });
  return { calls, f };
}

describe('CachedFetcher', () => {
  it('a value younger than its TTL but older than the asked maximum age is fetched again; down, the old one is served stale', async () => {
    const dept = fakeDepartment();
    const f = cached(dept);
    await f.fetch('tax', ['a']);
    dept.tick(30_000); // within the 60 s TTL
    expect((await f.fetch('tax', ['a'])).get('a')).toMatchObject({ fetchedAt: 0, stale: false });
    expect(dept.calls).toHaveLength(1);
    // An affirmative verdict may rest on data at most 20 s old: asked again.
    expect((await f.fetch('tax', ['a'], 'interactive', 20_000)).get('a')).toMatchObject({
      fetchedAt: 30_000,
      stale: false,
    });
    expect(dept.calls).toHaveLength(2);
    dept.tick(30_000);
    dept.setDown(true);
    // The department down: the old value comes back marked stale, with its age — the caller decides.
    expect((await f.fetch('tax', ['a'], 'interactive', 20_000)).get('a')).toMatchObject({
      fetchedAt: 30_000,
      stale: true,
    });
  });

  it('a fresh entry is served without a call', async () => {
    const dept = fakeDepartment();
    const f = cached(dept);
    await f.fetch('tax', ['A', 'B']);
    const again = await f.fetch('tax', ['A', 'B']);
    expect(dept.calls).toEqual([['A', 'B']]);
    expect(again.get('A')).toMatchObject({ value: { u: 'A' }, stale: false });
  });

  it('a live lookup does not wait behind a bulk fetch of the same key in flight (live before bulk)', async () => {
    const lanes: string[] = [];
    let releaseBulk: () => void = () => {};
    const inner: Fetcher = {
      async fetch<S extends SourceName>(
        _s: S,
        usccs: readonly string[],
        lane?: string,
      ): Promise<FetchResult<S>> {
        lanes.push(lane ?? 'interactive');
        // The bulk fetch waits (for the department's spare capacity) until released.
        if (lane === 'bulk') await new Promise<void>((r) => (releaseBulk = r));
        return new Map(usccs.map((u) => [u, { value: { u, lane }, fetchedAt: 0, stale: false } as never]));
      },
    };
    const ttl = { TAX: 60, MARKET: 60, ENVIRONMENT: 60, COURT: 60, CREDIT: 60 };
    const f = new CachedFetcher({
      inner,
      cache: new TieredCache({ maxStaleSeconds: 600 }),
      ttlSeconds: ttl,
      maxStaleSeconds: 600,
      now: () => 0,
    });
    const bulk = f.fetch('tax', ['A'], 'bulk');
    await new Promise((r) => setTimeout(r, 5));
    const live = await f.fetch('tax', ['A'], 'interactive');
    expect(live.get('A')).toMatchObject({ value: { u: 'A', lane: 'interactive' } });
    expect(lanes).toEqual(['bulk', 'interactive']);
    // The bulk fetch still completes with its own answer.
    releaseBulk();
    expect((await bulk).get('A')).toMatchObject({ value: { u: 'A' } });
  });

  it('a hot key stays warm: refreshed at each refresh point, read then or not, until nobody has read it for three TTLs; a key nobody read expires', async () => {
    // A 200 ms TTL: refresh points every ~100 ms; "hot" for 600 ms after a read.
    const { calls, f } = fakeTimeTax();
    const hotCalls = (): number => calls.filter((c) => c.includes('HOT')).length;
    try {
      await f.fetch('tax', ['HOT', 'COLD']);
      const readAt = Date.now();
      await f.fetch('tax', ['HOT']); // read early in its life
      await vi.advanceTimersByTimeAsync(350);
      // Past the first life's expiry, nobody having read it since: still served at once, fresh.
      const later = await f.fetch('tax', ['HOT']);
      expect((later.get('HOT') as { fetchedAt: number }).fetchedAt).toBeGreaterThan(readAt + 100);
      expect(hotCalls()).toBeGreaterThanOrEqual(3); // the first fetch and refreshes at ~100 and ~200 ms
      // COLD, never read after its fetch, was never refreshed.
      expect(calls.filter((c) => c.includes('COLD'))).toHaveLength(1);
      // Unread for three TTLs, HOT drops out: no refresh after that.
      await vi.advanceTimersByTimeAsync(900);
      const settled = hotCalls();
      await vi.advanceTimersByTimeAsync(400);
      expect(hotCalls()).toBe(settled);
    } finally {
      f.stop();
      vi.useRealTimers();
    }
  });

  it('a key fetched again past its TTL for a reader (its second read) is kept warm from then on; its fetches are counted by reason', async () => {
    const { calls, f } = fakeTimeTax();
    try {
      await f.fetch('tax', ['K', 'ONCE']);
      await vi.advanceTimersByTimeAsync(250); // both expired, K unread since its fetch
      await f.fetch('tax', ['K']); // past its TTL: the reader waits for this one
      const secondReadAt = Date.now();
      await vi.advanceTimersByTimeAsync(330); // past that life's expiry, nobody reading
      const later = await f.fetch('tax', ['K']);
      // Refreshed in the background at its refresh points: served at once, fresh, from a later life.
      expect((later.get('K') as { fetchedAt: number }).fetchedAt).toBeGreaterThan(secondReadAt + 50);
      expect(f.fetchCounts.get('tax/expired')).toBe(1);
      expect(f.fetchCounts.get('tax/missing')).toBe(2);
      expect(f.fetchCounts.get('tax/hot')).toBeGreaterThanOrEqual(2);
      // ONCE, read only at its first fetch, was never refreshed.
      expect(calls.filter((c) => c.includes('ONCE'))).toHaveLength(1);
    } finally {
      f.stop();
      vi.useRealTimers();
    }
  });

  it('concurrent misses for one key make one call (single flight)', async () => {
    const dept = fakeDepartment();
    const f = cached(dept);
    await Promise.all([f.fetch('tax', ['A']), f.fetch('tax', ['A']), f.fetch('tax', ['A', 'B'])]);
    expect(dept.calls.flat().filter((u) => u === 'A')).toHaveLength(1);
  });

  it('refresh-ahead: past half its TTL an entry is served at once and refreshed in the background, once', async () => {
    const dept = fakeDepartment();
    const f = cached(dept);
    await f.fetch('tax', ['A']);
    dept.tick(20_000); // a third of the TTL: nothing to do
    await f.fetch('tax', ['A']);
    expect(dept.calls).toEqual([['A']]);
    dept.tick(15_000); // past half of it (35 s of 60 s)
    const served = await Promise.all([f.fetch('tax', ['A']), f.fetch('tax', ['A'])]);
    // Both answered from the entry (fetched at 0) without waiting; the refresh is gathered for a
    // moment (into one batch per source), then goes out once.
    for (const r of served) expect(r.get('A')).toMatchObject({ fetchedAt: 0, stale: false });
    expect(dept.calls).toEqual([['A']]);
    await new Promise((r) => setTimeout(r, 60));
    expect(dept.calls).toEqual([['A'], ['A']]);
    // The refreshed entry (fetched at 35 s) serves from now on; at 90 s it is still fresh.
    dept.tick(55_000);
    expect((await f.fetch('tax', ['A'])).get('A')).toMatchObject({ fetchedAt: 35_000, stale: false });
  });

  it('refreshes due from separate requests go out as one batch per source', async () => {
    const dept = fakeDepartment();
    const f = cached(dept);
    await f.fetch('tax', ['A', 'B']);
    dept.tick(40_000);
    await f.fetch('tax', ['A']);
    await f.fetch('tax', ['B']);
    await new Promise((r) => setTimeout(r, 60));
    expect(dept.calls).toEqual([
      ['A', 'B'],
      ['A', 'B'],
    ]);
  });

  it('an answer fetched again that did not change keeps its value object (its data version); a changed one is new', async () => {
    const dept = fakeDepartment();
    const f = cached(dept);
    const first = (await f.fetch('tax', ['A'])).get('A') as { value: unknown; fetchedAt: number };
    dept.tick(61_000);
    const same = (await f.fetch('tax', ['A'])).get('A') as { value: unknown; fetchedAt: number };
    expect(dept.calls).toHaveLength(2);
    expect(same.value).toBe(first.value); // the same object: nothing derived from it is derived again
    expect(same.fetchedAt).toBe(61_000); // but fresh as of the new fetch
    dept.change({ arrears: '1.00' });
    dept.tick(61_000);
    const changed = (await f.fetch('tax', ['A'])).get('A') as { value: unknown; fetchedAt: number };
    expect(changed.value).not.toBe(first.value);
    expect(changed.value).toEqual({ u: 'A', arrears: '1.00' });
    // And the cache holds what was served.
    expect(f.peek('tax', 'A')?.value).toBe(changed.value);
  });

  it.each([
    ['one enterprise', (c: TieredCache): void => c.dropLocal('A', ['tax'])],
    ['everything', (c: TieredCache): void => void c.dropAll()],
    ['everything, by another replica (a new generation)', (c: TieredCache): void => c.adoptGeneration(7)],
  ] as const)(
    'a fetch in flight when %s is dropped answers its readers but stores nothing: the next read asks again',
    async (_what, drop) => {
      let release: () => void = () => {};
      let calls = 0;
      const inner: Fetcher = {
        async fetch<S extends SourceName>(_s: S, usccs: readonly string[]): Promise<FetchResult<S>> {
          const n = ++calls;
          if (n === 1) await new Promise<void>((r) => (release = r));
          return new Map(usccs.map((u) => [u, { value: { u, n }, fetchedAt: 0, stale: false } as never]));
        },
      };
      const cache = new TieredCache({ maxStaleSeconds: 600 });
      const f = new CachedFetcher({
        inner,
        cache,
        ttlSeconds: { TAX: 60, MARKET: 60, ENVIRONMENT: 60, COURT: 60, CREDIT: 60 },
        maxStaleSeconds: 600,
        now: () => 0,
      });
      const inFlight = f.fetch('tax', ['A']);
      await new Promise((r) => setTimeout(r, 5));
      drop(cache); // the enterprise changed while its answer was on the way
      release();
      expect((await inFlight).get('A')).toMatchObject({ value: { u: 'A', n: 1 } });
      expect(f.peek('tax', 'A')).toBeUndefined();
      expect((await f.fetch('tax', ['A'])).get('A')).toMatchObject({ value: { u: 'A', n: 2 } });
      expect(calls).toBe(2);
      // A fetch that began after the drop is stored as usual.
      expect(f.peek('tax', 'A')?.value).toEqual({ u: 'A', n: 2 });
    },
  );

  it('past the TTL the department is asked again', async () => {
    const dept = fakeDepartment();
    const f = cached(dept);
    await f.fetch('tax', ['A']);
    dept.tick(61_000);
    await f.fetch('tax', ['A']);
    expect(dept.calls).toEqual([['A'], ['A']]);
  });

  it('a failing department gets the last known value, marked stale; past the maximum stale age, the error', async () => {
    const dept = fakeDepartment();
    const f = cached(dept);
    await f.fetch('tax', ['A']);
    dept.setDown(true);
    dept.tick(61_000);
    expect((await f.fetch('tax', ['A'])).get('A')).toMatchObject({
      value: { u: 'A' },
      stale: true,
      fetchedAt: 0,
    });
    dept.tick(600_000);
    expect((await f.fetch('tax', ['A'])).get('A')).toBeInstanceOf(DepartmentError);
  });
});
