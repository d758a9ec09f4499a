/**
 * The sandbox's own hold-ups credited to its rate windows (docs/sandbox.md, rate limits): a client
 * that kept to the pace is not seen bunching because the sandbox was late to take its requests, and
 * one that did not keep to it is still refused.
 */
import { describe, expect, it } from 'vitest';
import { FaultState } from '../../sandbox/faults.ts';
import { HoldUps } from '../../sandbox/holdUps.ts';
import { RequestStats } from '../../sandbox/stats.ts';

/** A hand-driven clock and watch: `advance(ms)` ticks every 10 ms unless the loop is `held`. */
function watch() {
  let now = 0;
  const holdUps = new HoldUps(10, () => now);
  return {
    holdUps,
    get now() {
      return now;
    },
    advance(ms: number) {
      for (const end = now + ms; now < end;) {
        now = Math.min(end, now + 10);
        holdUps.tick();
      }
    },
    /** The loop is held up for `ms`: no tick runs. */
    hold(ms: number) {
      now += ms;
    },
  };
}

describe('HoldUps', () => {
  it('credits nothing while the loop keeps time', () => {
    const w = watch();
    w.advance(2000);
    expect(w.holdUps.creditBefore(1500)).toBe(0);
  });

  it('credits a window opening in a hold-up with the hold-up before it, before and after the tick records it', () => {
    const w = watch();
    w.advance(1000);
    w.hold(600); // held from 1010 to 1600
    expect(w.holdUps.creditBefore(1600)).toBe(590); // taken before the timer ran
    w.advance(10);
    expect(w.holdUps.creditBefore(1600)).toBe(590); // recorded by the tick
    expect(w.holdUps.creditBefore(1605)).toBe(595); // the backlog taken just after
  });

  it('chains a backlog that held the loop again to the hold-up before it', () => {
    const w = watch();
    w.advance(1000);
    w.hold(500);
    w.advance(10);
    w.hold(200); // taking the backlog held the next tick too
    w.advance(10);
    expect(w.holdUps.creditBefore(1600)).toBe(590);
  });

  it('earns nothing for a hold-up inside the window or long before it', () => {
    const w = watch();
    w.advance(1000);
    w.hold(300);
    w.advance(2000);
    expect(w.holdUps.creditBefore(1000)).toBe(0); // the window began before the hold-up
    expect(w.holdUps.creditBefore(2500)).toBe(0); // it ended a second before the window
  });
});

describe('a rate window credited with the sandbox’s hold-up', () => {
  it('takes a paced client’s backlog after a hold-up, and refuses one that did not keep to the pace', () => {
    const w = watch();
    const faults = new FaultState(1, { rateLimitPerSec: 10 }, w.holdUps);
    w.advance(1000);
    // Eight a second arrived over a 1.5 s hold-up: twelve taken at once when the loop resumes.
    w.hold(1500);
    const paced = Array.from({ length: 12 }, () => faults.decide(w.now));
    expect(paced.filter((o) => o === 'rateLimited')).toHaveLength(0);
    // With no hold-up, twelve in one window is over the limit of ten.
    w.advance(2000);
    const burst = Array.from({ length: 12 }, () => faults.decide(w.now));
    expect(burst.filter((o) => o === 'rateLimited')).toHaveLength(2);
  });

  it('credits a hold-up no more than its length: a client that sent three times the rate through it is refused past it', () => {
    const w = watch();
    const faults = new FaultState(1, { rateLimitPerSec: 10 }, w.holdUps);
    w.advance(1000);
    w.hold(1500); // held from 1010: the window opening at 2500 spans 2.49 s, 24 requests
    const outcomes = Array.from({ length: 30 }, () => faults.decide(w.now));
    expect(outcomes.filter((o) => o === 'rateLimited')).toHaveLength(6);
  });

  it('counts a second the hold-up spilled into per second of arrival time', () => {
    const stats = new RequestStats({ creditBefore: () => 500 } as unknown as HoldUps);
    for (let i = 0; i < 15; i++) stats.count('market', 'GET /x', 7_000_100);
    expect(stats.rates().market).toEqual({ peakPerSecond: 10, heldUpMs: 500, rateLimited: 0 });
    const plain = new RequestStats();
    for (let i = 0; i < 15; i++) plain.count('market', 'GET /x', 7_000_100);
    expect(plain.rates().market).toEqual({ peakPerSecond: 15, heldUpMs: 0, rateLimited: 0 });
  });

  it('without a watch, the window is one second as before', () => {
    const faults = new FaultState(1, { rateLimitPerSec: 10 });
    const outcomes = Array.from({ length: 12 }, () => faults.decide(5000));
    expect(outcomes.filter((o) => o === 'rateLimited')).toHaveLength(2);
  });
});
