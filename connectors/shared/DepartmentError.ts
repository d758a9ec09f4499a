/**
 * The one error a connector throws. It names the department and what went wrong, and never
 * carries the upstream body (an upstream body never reaches a client: it may hold personal data).
 */
import type { AnyDepartment } from '../../src/departments/registry.ts';

/** What went wrong with a department call. */
export type DepartmentErrorKind =
  /** No answer within the per-attempt timeout. */
  | 'timeout'
  /** Connection refused or reset, HTTP 5xx, or the department's own error envelope. */
  | 'unavailable'
  /** An answer that does not parse or does not fit the contract. */
  | 'bad-response'
  /**
   * The department refused the request itself: an answer other than 200 that is no fault of the
   * department (a 4xx other than 401, 403 and 429, which are its own trouble or pacing), or its own
   * "bad parameters" envelope (tax `E101`). The breaker does not count it: the request was at fault.
   */
  | 'rejected'
  /** HTTP 429: past the department's rate limit. */
  | 'rate-limited'
  /** The circuit breaker is open, or the concurrency cap's queue is full: not called at all. */
  | 'circuit-open';

/** A failed department call. */
export class DepartmentError extends Error {
  override readonly name = 'DepartmentError';
  constructor(
    readonly department: AnyDepartment,
    readonly kind: DepartmentErrorKind,
    readonly status?: number,
    /** From `Retry-After`, when the department sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(`${department} ${kind}${status ? ` (HTTP ${status})` : ''}`);
  }

  /** True for failures worth another attempt of a safe read. */
  get retryable(): boolean {
    return (
      this.kind === 'timeout' ||
      this.kind === 'unavailable' ||
      this.kind === 'bad-response' ||
      this.kind === 'rate-limited'
    );
  }

  /** True for failures that say the department is unwell (what the breaker counts). */
  get unhealthy(): boolean {
    return this.kind === 'timeout' || this.kind === 'unavailable' || this.kind === 'bad-response';
  }
}
