/**
 * The shared HTTP base of every connector: a keep-alive pool per department (undici), and
 * cockatiel policies around each call — bounded retries with jitter for safe reads only
 * (honouring `Retry-After`), a circuit breaker and a per-attempt timeout — each attempt taking its
 * turn first from the department's limiter (DepartmentLimits.ts), the one cap on its rate and
 * calls in flight, which knows lanes and replicas.
 * One instance per department per process: a breaker made per request would never open.
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  DelegateBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { Agent, request, type Dispatcher } from 'undici';
import type { TlsOptions } from '../../src/config/tls.ts';
import type { AnyDepartment } from '../../src/departments/registry.ts';
import { DepartmentError } from './DepartmentError.ts';
import { inSpan } from '../../src/observability/spans.ts';
import {
  type Lane,
  LocalDepartmentLimiter,
  type DepartmentLimiter,
  type DepartmentLimitSettings,
} from './DepartmentLimits.ts';
import type { DepartmentCallSettings } from './settings.ts';

/** A raw answer, handed to the connector's parser inside the policy (so a bad body is retried too). */
export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** One call. */
export interface DepartmentRequest {
  method: 'GET' | 'POST' | 'DELETE' | 'PATCH';
  path: string;
  body?: string;
  contentType?: string;
  /** The route as metrics name it (`GET /samr/v2/entities/{uscc}`). */
  route: string;
  /** A read that may be retried (GETs always are; tax and environment read by POST). */
  safe?: boolean;
  /** The lane, when the caller started on one before an await (a paged read); else the current one. */
  lane?: Lane;
}

/** What a finished call reports, for metrics and logs (never bodies). */
export interface CallEvent {
  department: AnyDepartment;
  route: string;
  durationMs: number;
  outcome: 'ok' | DepartmentError['kind'];
}

/** Options of {@link DepartmentHttp}. */
export interface DepartmentHttpOptions {
  department: AnyDepartment;
  baseUrl: string;
  appKey: string;
  /** The header carrying the app key. @default 'x-app-key' */
  appKeyHeader?: string;
  settings: DepartmentCallSettings;
  /** Called after every attempt. */
  onCall?: (event: CallEvent) => void;
  /**
   * The department's rate and concurrency limits: shared across replicas through Redis, or this
   * replica's own (the default: the whole limit, as for a single replica).
   */
  limiter?: DepartmentLimiter;
  /** TLS to this department: a CA to trust, a client certificate (PEM). */
  tls?: TlsOptions;
  /** The transport, shared and closed by its owner (in-process tests serve the sandbox without sockets). @default a keep-alive pool of its own */
  dispatcher?: Dispatcher;
}

/** Breaker states as `/readyz` and metrics show them. */
export type BreakerState = 'closed' | 'open' | 'half-open';

/** The HTTP base of one department. */
export class DepartmentHttp {
  readonly department: AnyDepartment;
  private readonly agent: Dispatcher;
  private readonly breaker;
  private readonly readPolicy: IPolicy;
  private readonly attemptPolicy: IPolicy;
  private readonly limiter: DepartmentLimiter;

  /** This department's call settings. */
  get settings(): DepartmentCallSettings {
    return this.opts.settings;
  }

  constructor(private readonly opts: DepartmentHttpOptions) {
    const { department, settings } = opts;
    this.department = department;
    this.agent =
      opts.dispatcher ??
      new Agent({
        connections: settings.concurrency,
        keepAliveTimeout: 10_000,
        keepAliveMaxTimeout: 60_000,
        ...(opts.tls ? { connect: { ...opts.tls, rejectUnauthorized: true } } : {}),
      });
    this.breaker = circuitBreaker(
      // A per-attempt timeout reaches the breaker as cockatiel's TaskCancelledError: it counts too.
      handleWhen((e) => (e instanceof DepartmentError && e.unhealthy) || e instanceof TaskCancelledError),
      { halfOpenAfter: settings.halfOpenAfterMs, breaker: new ConsecutiveBreaker(settings.breakerThreshold) },
    );
    const attempt = wrap(this.breaker, timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
    const retries = retry(
      handleWhen(
        (e) =>
          e instanceof TaskCancelledError ||
          (e instanceof DepartmentError && e.retryable && (e.retryAfterMs ?? 0) <= settings.maxRetryAfterMs),
      ),
      {
        maxAttempts: settings.maxAttempts - 1,
        backoff: new DelegateBackoff((ctx) => {
          const err = 'error' in ctx.result ? ctx.result.error : undefined;
          if (err instanceof DepartmentError && err.retryAfterMs !== undefined) return err.retryAfterMs;
          // Full jitter: uniform in [0, base·2^(attempt−1)].
          return Math.random() * settings.retryBaseMs * 2 ** (ctx.attempt - 1);
        }),
      },
    );
    this.limiter = opts.limiter ?? new LocalDepartmentLimiter(limitSettings(settings, 1));
    this.attemptPolicy = attempt;
    this.readPolicy = retries;
  }

  /** Where this department's limits are counted now (`shared`: in Redis for every replica). */
  get limitsMode(): 'shared' | 'local' {
    return this.limiter.mode;
  }

  /** The breaker's state. */
  get breakerState(): BreakerState {
    const s = this.breaker.state;
    return s === CircuitState.Closed ? 'closed' : s === CircuitState.HalfOpen ? 'half-open' : 'open';
  }

  /**
   * Calls the department and parses the answer with `parse` (which throws `DepartmentError`
   * for an error envelope or a body that breaks the contract). GETs are retried; writes never.
   */
  async call<T>(req: DepartmentRequest, parse: (res: RawResponse) => T | Promise<T>): Promise<T> {
    const safe = req.method === 'GET' || req.safe === true;
    // Each attempt waits its turn under the department's pace first, outside the breaker and the
    // timeout: waiting for our own limiter is not the department being slow.
    const lane = req.lane ?? 'interactive';
    const once = async ({ signal: call }: { signal: AbortSignal }): Promise<T> => {
      const release = await this.limiter.acquire(lane);
      if (!release) throw new DepartmentError(this.department, 'rate-limited');
      try {
        return await this.attemptPolicy.execute(({ signal }) => this.attempt(req, parse, signal), call);
      } finally {
        release();
      }
    };
    // A signal of the call's own: without one, cockatiel's policies hang every call's abort
    // listener on one shared never-aborted signal (MaxListenersExceededWarning past ten in flight).
    const signal = new AbortController().signal;
    try {
      return await (safe ? this.readPolicy.execute(once, signal) : once({ signal }));
    } catch (err) {
      throw this.toDepartmentError(err);
    }
  }

  /** Like {@link call}, for a POST that only reads (tax and environment batch queries): retried. */
  read<T>(req: DepartmentRequest, parse: (res: RawResponse) => T | Promise<T>): Promise<T> {
    return this.call({ ...req, safe: true }, parse);
  }

  /** Closes the keep-alive pool (a transport it was given is its owner's to close). */
  close(): Promise<void> {
    return this.opts.dispatcher ? Promise.resolve() : this.agent.close();
  }

  private attempt<T>(
    req: DepartmentRequest,
    parse: (res: RawResponse) => T | Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    // One client span per attempt, under the request's span (no-op without a tracer provider).
    return inSpan(
      `${this.department} ${req.route}`,
      'client',
      { 'cg.department': this.department, 'http.request.method': req.method, 'cg.route': req.route },
      async (span) => {
        const value = await this.attemptOnce(req, parse, signal);
        span.setAttribute('cg.outcome', 'ok');
        return value;
      },
    );
  }

  private async attemptOnce<T>(
    req: DepartmentRequest,
    parse: (res: RawResponse) => T | Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    const started = performance.now();
    const route = req.route;
    try {
      const res = await request(this.opts.baseUrl + req.path, {
        method: req.method,
        dispatcher: this.agent,
        signal,
        headers: {
          [this.opts.appKeyHeader ?? 'x-app-key']: this.opts.appKey,
          ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
        },
        body: req.body,
      });
      const text = await res.body.text();
      if (res.statusCode === 429) {
        const seconds = Number(res.headers['retry-after']);
        throw new DepartmentError(
          this.department,
          'rate-limited',
          429,
          Number.isFinite(seconds) ? seconds * 1000 : undefined,
        );
      }
      if (res.statusCode >= 500) throw new DepartmentError(this.department, 'unavailable', res.statusCode);
      if (res.statusCode === 401 || res.statusCode === 403)
        throw new DepartmentError(this.department, 'unavailable', res.statusCode);
      const value = await parse({ status: res.statusCode, headers: res.headers, text });
      this.opts.onCall?.({
        department: this.department,
        route,
        durationMs: performance.now() - started,
        outcome: 'ok',
      });
      return value;
    } catch (err) {
      const e = this.toDepartmentError(err, signal);
      this.opts.onCall?.({
        department: this.department,
        route,
        durationMs: performance.now() - started,
        outcome: e.kind,
      });
      throw e;
    }
  }

  private toDepartmentError(err: unknown, signal?: AbortSignal): DepartmentError {
    if (err instanceof DepartmentError) return err;
    if (err instanceof BrokenCircuitError) return new DepartmentError(this.department, 'circuit-open');
    if (err instanceof TaskCancelledError || signal?.aborted)
      return new DepartmentError(this.department, 'timeout');
    if (err instanceof SyntaxError) return new DepartmentError(this.department, 'bad-response');
    // Connection refused or reset, socket closed: the department is not there.
    return new DepartmentError(this.department, 'unavailable');
  }
}

/**
 * A department's limits from its call settings: `bulkShare` of the concurrency for bulk readers,
 * a slot lease of twice the longest attempt (a replica that died holding one frees it by then).
 */
export function limitSettings(settings: DepartmentCallSettings, bulkShare: number): DepartmentLimitSettings {
  return {
    ratePerSec: settings.ratePerSec,
    concurrency: settings.concurrency,
    bulkShare,
    maxWaitMs: settings.maxRateWaitMs,
    leaseMs: Math.max(5_000, 2 * settings.timeoutMs),
  };
}
