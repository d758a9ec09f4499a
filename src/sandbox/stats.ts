/** Request counts per department and route since the last reset (`GET /__sandbox/stats`). */

/** Counts requests by department and route key. */
export class RequestStats {
  private counts = new Map<string, Map<string, number>>();

  /** Counts one request. */
  count(department: string, route: string): void {
    const byRoute = this.counts.get(department) ?? new Map<string, number>();
    byRoute.set(route, (byRoute.get(route) ?? 0) + 1);
    this.counts.set(department, byRoute);
  }

  /** Forgets all counts. */
  reset(): void {
    this.counts.clear();
  }

  /** `{"tax":{"POST /api/v1/nsxy/batch":3},…}`. */
  snapshot(): Record<string, Record<string, number>> {
    const out: Record<string, Record<string, number>> = {};
    for (const [dept, byRoute] of this.counts) out[dept] = Object.fromEntries(byRoute);
    return out;
  }
}
