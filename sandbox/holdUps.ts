/**
 * When the sandbox's own event loop was held up (a busy machine descheduled it, a collection ran).
 *
 * A real department counts a rate limit's arrivals on its kernel's clock. The sandbox counts when
 * its event loop takes a request, and requests that arrived while the loop was held up are taken
 * together when it resumes: a client that kept to the pace would be seen bunching into one window.
 * So a window that begins inside a hold-up (or just after one, while its backlog is taken) is
 * credited with the part of the hold-up before it: its requests arrived over that much longer
 * (docs/sandbox.md, rate limits).
 */

/** Hold-ups shorter than this are not recorded (timer resolution, ordinary scheduling). */
const SLACK_MS = 5;

/** Watches the event loop's lateness with a short interval timer. */
export class HoldUps {
  private readonly spans: Array<{ start: number; end: number }> = [];
  private last: number;

  constructor(
    private readonly tickMs = 10,
    private readonly now: () => number = () => performance.now(),
    private readonly keepMs = 10_000,
  ) {
    this.last = now();
  }

  /** Starts watching; returns the function that stops. The timer does not keep the process alive. */
  start(): () => void {
    this.last = this.now();
    const timer = setInterval(() => this.tick(), this.tickMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** One tick of the watch: records the time since the last tick beyond its interval as a hold-up. */
  tick(): void {
    const now = this.now();
    const span = this.heldSince(now);
    if (span) {
      const prev = this.spans.at(-1);
      // A backlog taken after a hold-up delays the next tick too: one hold-up, not two.
      if (prev && span.start - prev.end <= 2 * this.tickMs) prev.end = span.end;
      else this.spans.push(span);
    }
    while (this.spans.length > 0 && this.spans[0]!.end < now - this.keepMs) this.spans.shift();
    this.last = now;
  }

  /**
   * Milliseconds before `from` the loop was held up in a hold-up still under way at `from` (or
   * ended just before it, while its backlog is taken): requests that arrived then are taken at or
   * after `from`. The hold-up under way now counts even before a tick has recorded it — on waking,
   * the loop may take its sockets before its timers.
   */
  creditBefore(from: number, now = this.now()): number {
    const grace = 2 * this.tickMs;
    const ongoing = this.heldSince(now);
    const spans = ongoing ? [...this.spans, ongoing] : this.spans;
    let start = Infinity;
    // From the latest back: the hold-up under way at `from`, then those chained to it.
    for (let i = spans.length - 1; i >= 0; i--) {
      const s = spans[i]!;
      if (start !== Infinity) {
        if (start - s.end > grace) break;
        start = Math.min(start, s.start);
      } else if (s.start < from) {
        if (s.end < from - grace) break;
        start = s.start;
      }
    }
    return start === Infinity ? 0 : from - start;
  }

  private heldSince(now: number): { start: number; end: number } | undefined {
    const late = now - this.last - this.tickMs;
    return late > SLACK_MS ? { start: this.last + this.tickMs, end: now } : undefined;
  }
}
