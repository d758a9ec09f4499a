/** Request counts per department and route since the last reset (`GET /__sandbox/stats`). */

/** Counts requests by department and route key. */
export class RequestStats {
  private counts = new Map<string, Map<string, number>>();
  private inFlight = 0;
  private peak = 0;

  /** Marks a request as being served; returns the function that marks it done. */
  begin(): () => void {
    this.peak = Math.max(this.peak, ++this.inFlight);
    let done = false;
    return () => {
      if (!done) this.inFlight--;
      done = true;
    };
  }

  /** The most requests served at once, across departments, since the last reset (proves parallel fan-out). */
  get peakInFlight(): number {
    return this.peak;
  }

  /** Counts one request. */
  count(department: string, route: string): void {
    const byRoute = this.counts.get(department) ?? new Map<string, number>();
    byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    this.counts.set(department, byRoute);
  }

  /** Forgets all counts. */
  reset(): void {
    this.counts.clear();
    this.peak = this.inFlight;
  }

  /** `{"tax":{"POST /api/v1/nsxy/batch":3},…}`. */
  snapshot(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [dept, byRoute] of this.counts) out[dept] = Object.fromEntries(byRoute);
    return out;
  }
}
