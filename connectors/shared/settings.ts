/**
 * Each department's call settings, as data in one place (nothing hard-coded in a connector):
 * per-attempt timeout, attempts, concurrency cap, breaker, batch size.
 */
import {
  DEPARTMENT_NAMES,
  DEPARTMENTS,
  type Department,
  type DepartmentDescriptor,
} from '../../src/departments/registry.ts';

/** How the gateway calls one department. */
export interface DepartmentCallSettings {
  /** Per-attempt timeout. */
  timeoutMs: number;
  /** Attempts of a safe read, the first included. */
  maxAttempts: number;
  /** First retry delay; later ones double, with full jitter. */
  retryBaseMs: number;
  /** A `Retry-After` longer than this is not waited for: the call fails instead. */
  maxRetryAfterMs: number;
  /** Calls in flight at once (also the keep-alive pool's size), held by the department's limiter. */
  concurrency: number;
  /** Consecutive unhealthy failures that open the breaker. */
  breakerThreshold: number;
  /** How long the breaker stays open before one trial call. */
  halfOpenAfterMs: number;
  /** Calls per second the gateway allows itself (below the department's own limit). */
  ratePerSec: number;
  /** Longest a call waits for its turn under that pace before it fails as rate-limited. */
  maxRateWaitMs: number;
  /** Codes per call, as the department's contract allows (1 = one enterprise per call). */
  batchSize: number;
}

/** Every department's call settings but its batch limit, where its own do not differ (declared departments too). */
export const DEFAULT_CALL_SETTINGS: Omit<DepartmentCallSettings, 'batchSize'> = {
  timeoutMs: 2_000,
  maxAttempts: 2,
  retryBaseMs: 50,
  maxRetryAfterMs: 1_000,
  concurrency: 64,
  breakerThreshold: 5,
  halfOpenAfterMs: 5_000,
  ratePerSec: 1_000,
  maxRateWaitMs: 2_000,
};

/** The defaults: each department's batch limit and its own call settings from the registry (src/departments/registry.ts). */
export const DEFAULT_DEPARTMENT_SETTINGS: Readonly<Record<Department, DepartmentCallSettings>> =
  Object.fromEntries(
    DEPARTMENT_NAMES.map((d) => {
      const dept: DepartmentDescriptor = DEPARTMENTS[d];
      return [d, { ...DEFAULT_CALL_SETTINGS, ...dept.call, batchSize: dept.batchLimit }];
    }),
  ) as Record<Department, DepartmentCallSettings>;
