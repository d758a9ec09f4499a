/**
 * A client-side rate limit per department (GCRA, the algorithm behind most API gateways'
 * limiters): calls are spaced to the department's published rate, with a small burst, so the
 * gateway paces itself instead of collecting 429s. A call that would wait too long is refused.
 */

/** Options of {@link RateLimiter}. */
export interface RateLimiterOptions {
  /** Calls per second. */
  ratePerSec: number;
  /** Calls allowed at once above the pace. @default ratePerSec / 10 */
  burst?: number;
  /** Longest a call may wait for its turn before it is refused. @default 1000 */
  maxWaitMs?: number;
  /** @default performance.now */
  now?: () => number;
}

/**
 * How late past its turn a call may still go. A turn's timer that fires later than this (the event
 * loop was held up) would send its call together with later turns' — a burst the department counts
 * in one second — so the call takes a new turn instead: the published rate is a contract, and a busy
 * replica waits rather than bunch its calls.
 */
export const LATE_MS = 100;

/** Paces calls to a rate. */
export class RateLimiter {
  private tat = 0;
  private readonly interval: number;
  private readonly tolerance: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;

  constructor(opts: RateLimiterOptions) {
    this.interval = 1000 / opts.ratePerSec;
    this.tolerance = (opts.burst ?? Math.max(1, Math.floor(opts.ratePerSec / 10))) * this.interval;
    this.maxWaitMs = opts.maxWaitMs ?? 1000;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Milliseconds this call must wait for its turn, reserving it; -1 when it would wait longer than allowed. */
  reserve(): number {
    const now = this.now();
    const tat = Math.max(this.tat, now);
    const wait = tat - this.tolerance - now;
    if (wait > this.maxWaitMs) return -1;
    this.tat = tat + this.interval;
    return Math.max(0, wait);
  }

  /**
   * Waits for this call's turn; false when refused. A turn woken too late is taken again once —
   * at most once, so a replica whose event loop lags all the time is slowed, never stalled.
   */
  async acquire(): Promise<boolean> {
    for (let retaken = false; ; retaken = true) {
      const wait = this.reserve();
      if (wait < 0) return false;
      if (wait === 0) return true;
      const due = this.now() + wait;
      await new Promise((r) => setTimeout(r, wait));
      if (retaken || this.now() - due <= LATE_MS) return true;
    }
  }
}
