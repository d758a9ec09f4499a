/**
 * Faults a department can be switched into at run time (`PUT /__sandbox/faults/<department>`):
 * latency with jitter, error rate, timeouts, malformed bodies, a rate limit, or down.
 * Draws come from a seeded random source, so a test sees the same sequence every run.
 */
import { z } from 'zod';
import type { HoldUps } from './holdUps.ts';
import { createRandom, mixSeed, type Random } from './random.ts';

/** The switchable faults of one department (docs/sandbox.md). */
export const faultSettingsSchema = z.strictObject({
  latencyMs: z.number().min(0).max(120_000).optional(),
  jitterMs: z.number().min(0).max(60_000).optional(),
  errorRate: z.number().min(0).max(1).optional(),
  timeoutRate: z.number().min(0).max(1).optional(),
  malformedRate: z.number().min(0).max(1).optional(),
  rateLimitPerSec: z.number().int().min(1).optional(),
  down: z.boolean().optional(),
});

/** Fault settings; every field optional. */
export type FaultSettings = z.infer<typeof faultSettingsSchema>;

/** What happens to one request. */
export type FaultOutcome = 'ok' | 'error' | 'timeout' | 'malformed' | 'rateLimited';

/** One department's fault state, with its own random source and its rate-limit window. */
export class FaultState {
  private settings: FaultSettings = {};
  private random: Random;
  private windowStart = 0;
  private windowCount = 0;
  private generation = 0;

  constructor(
    private readonly seed: number,
    private readonly defaults: FaultSettings = {},
    /** The sandbox's own hold-ups, credited to the rate window (docs/sandbox.md, rate limits). */
    private readonly holdUps?: HoldUps,
  ) {
    this.random = createRandom(seed);
    this.settings = { ...defaults };
  }

  /** Merges new settings over the current ones. */
  set(settings: FaultSettings): void {
    this.settings = { ...this.settings, ...settings };
    this.random = createRandom(mixSeed(this.seed, ++this.generation));
  }

  /** Back to the department's defaults (its own rate limit, if it has one). */
  clear(): void {
    this.settings = { ...this.defaults };
    this.random = createRandom(this.seed);
  }

  /** The settings in force. */
  get current(): FaultSettings {
    return { ...this.settings };
  }

  /** True while the department refuses connections. */
  get down(): boolean {
    return this.settings.down === true;
  }

  /** Milliseconds to wait before answering: the fixed latency plus uniform jitter. */
  delayMs(): number {
    const { latencyMs = 0, jitterMs = 0 } = this.settings;
    return latencyMs + (jitterMs ? this.random.next() * jitterMs : 0);
  }

  /** Decides one request's fate; `now` is milliseconds. */
  decide(now: number): FaultOutcome {
    const { rateLimitPerSec, errorRate = 0, timeoutRate = 0, malformedRate = 0 } = this.settings;
    if (rateLimitPerSec !== undefined) {
      if (now - this.windowStart >= 1000) {
        this.windowStart = now;
        this.windowCount = 0;
      }
      // A window that began in a hold-up counts arrivals over the hold-up's part before it as well.
      const credit = this.holdUps?.creditBefore(this.windowStart, now) ?? 0;
      if (++this.windowCount > Math.floor((rateLimitPerSec * (1000 + credit)) / 1000)) return 'rateLimited';
    }
    const r = this.random.next();
    if (r < timeoutRate) return 'timeout';
    if (r < timeoutRate + errorRate) return 'error';
    if (r < timeoutRate + errorRate + malformedRate) return 'malformed';
    return 'ok';
  }

  /** Seconds until the rate-limit window opens again (for `Retry-After`). */
  retryAfterSeconds(now: number): number {
    return Math.max(1, Math.ceil((this.windowStart + 1000 - now) / 1000));
  }
}
