/**
 * The client-side rate limit does not bunch calls when the event loop is held up: a turn whose
 * timer fires late takes a new turn, so after a stall the calls go out at most a burst at once and
 * then at the pace again — where all the late turns had gone out together, a burst the department
 * counts in one second (the three-replica test saw 429s on a loaded machine).
 */
import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../../../connectors/shared/RateLimiter.ts';

/** Holds the event loop for `ms` (a busy replica). */
const hold = (ms: number): void => {
  const end = performance.now() + ms;
  while (performance.now() < end);
};

describe('RateLimiter', () => {
  it('after a stall, late turns are taken again: at most a burst goes out at once', async () => {
    const limiter = new RateLimiter({ ratePerSec: 20, burst: 1, maxWaitMs: 5000 });
    const sent: number[] = [];
    const calls = Array.from({ length: 10 }, () =>
      limiter.acquire().then((ok) => ok && sent.push(performance.now())),
    );
    hold(600); // every pending turn (due 50–400 ms from now) fires late, together
    const unblocked = performance.now();
    await Promise.all(calls);
    expect(sent).toHaveLength(10);
    // Calls sent within 20 ms of the stall's end: the two whose turn was now (their promises settle only
    // after the stall) and the burst of two the limiter allows again — never the eight late ones together.
    const together = sent.filter((t) => t >= unblocked && t - unblocked < 20).length;
    expect(together).toBeLessThanOrEqual(4);
    // And afterwards at the pace: the last one goes out no sooner than the turns it took again allow.
    expect(Math.max(...sent) - unblocked).toBeGreaterThanOrEqual(250);
  });

  it('turns go at the pace: a burst, then one per interval', async () => {
    const limiter = new RateLimiter({ ratePerSec: 50, burst: 1, maxWaitMs: 5000 });
    const started = performance.now();
    const sent: number[] = [];
    await Promise.all(
      Array.from({ length: 6 }, () => limiter.acquire().then(() => sent.push(performance.now()))),
    );
    // Two at once (the burst), then one every 20 ms: the sixth no sooner than about 80 ms.
    expect(sent).toHaveLength(6);
    expect(Math.max(...sent) - started).toBeGreaterThanOrEqual(70);
  });

  it('a replica lagging all the time is slowed, never stalled: a late turn is taken again once, then goes', async () => {
    let clock = 0;
    const limiter = new RateLimiter({ ratePerSec: 10, burst: 1, maxWaitMs: 5000, now: () => clock });
    // Every timer fires 500 ms late (the clock jumps while the call waits).
    const realSetTimeout = globalThis.setTimeout;
    const late = ((fn: () => void, ms: number) =>
      realSetTimeout(() => {
        clock += ms + 500;
        fn();
      }, 0)) as unknown as typeof setTimeout;
    globalThis.setTimeout = late;
    try {
      const results = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
      expect(results).toEqual([true, true, true, true, true]);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
  });
});
