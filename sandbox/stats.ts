/** Request counts per department and route since the last reset (`GET /__sandbox/stats`). */
import type { HoldUps } from './holdUps.ts';

/** Counts requests by department and route key. */
export class RequestStats {
  /** @param holdUps the sandbox's own hold-ups, credited to the second they spill into (docs/sandbox.md, rate limits). */
  constructor(private readonly holdUps?: HoldUps) {}

  private counts = new Map<string, Map<string, number>>();
  private inFlight = 0;
  private peak = 0;
  /** Per department: requests in the current wall-clock second, the most in any second, 429s answered. */
  private readonly byDepartment = new Map<
    string,
    { second: number; count: number; peak: number; heldUpMs: number; rateLimited: number }
  >();

  /** Marks a request as being served; returns the function that marks it done. */
  begin(): () => void {
    this.peak = Math.max(this.peak, ++this.inFlight);
    let done = false;
    return () => {
      if (!done) this.inFlight--;
      done = true;
    };
  }

  /** Requests being served now, across departments. */
  get servingNow(): number {
    return this.inFlight;
  }

  /** The most requests served at once, across departments, since the last reset (proves parallel fan-out). */
  get peakInFlight(): number {
    return this.peak;
  }

  /** Counts one request. */
  count(department: string, route: string, nowMs = Date.now()): void {
    const byRoute = this.counts.get(department) ?? new Map<string, number>();
    byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    this.counts.set(department, byRoute);
    const r = this.rateOf(department);
    const second = Math.floor(nowMs / 1000);
    if (second !== r.second) {
      r.second = second;
      r.count = 0;
    }
    // Requests that arrived in a hold-up before this second are taken in it: it spans that much longer.
    const mono = performance.now();
    const credit = this.holdUps?.creditBefore(mono - (nowMs - second * 1000), mono) ?? 0;
    const perSecond = Math.round(((++r.count * 1000) / (1000 + credit)) * 10) / 10;
    if (perSecond > r.peak) r.peak = perSecond;
    r.heldUpMs = Math.max(r.heldUpMs, Math.round(credit));
  }

  /** Counts a request refused as over the department's rate limit (429). */
  rateLimited(department: string): void {
    this.rateOf(department).rateLimited++;
  }

  /**
   * `{"market":{"peakPerSecond":38,"heldUpMs":0,"rateLimited":0},…}`: the most requests a department
   * received in one second (a second the sandbox's hold-up spilled into counted as that much longer),
   * the longest such hold-up, and the 429s answered.
   */
  rates(): Record<string, { peakPerSecond: number; heldUpMs: number; rateLimited: number }> {
    return Object.fromEntries(
      [...this.byDepartment].map(([d, r]) => [
        d,
        { peakPerSecond: r.peak, heldUpMs: r.heldUpMs, rateLimited: r.rateLimited },
      ]),
    );
  }

  private rateOf(department: string) {
    let r = this.byDepartment.get(department);
    if (!r)
      this.byDepartment.set(department, (r = { second: 0, count: 0, peak: 0, heldUpMs: 0, rateLimited: 0 }));
    return r;
  }

  /** Forgets all counts. */
  reset(): void {
    this.counts.clear();
    this.byDepartment.clear();
    this.peak = this.inFlight;
  }

  /** `{"tax":{"POST /api/v1/nsxy/batch":3},…}`. */
  snapshot(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [dept, byRoute] of this.counts) out[dept] = Object.fromEntries(byRoute);
    return out;
  }
}
