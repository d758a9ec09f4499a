/**
 * The ledger's backfill and follower: one replica at a time — the holder of a lease in
 * the database, taken over when its holder dies — assesses every enterprise of the registry page
 * by page, paced and on the bulk lane (under each department's limits, with headroom for live
 * traffic), its progress persisted so a restart resumes where it stopped; and it re-assesses the
 * enterprises the credit platform's change feed names, so the ledger stays seconds behind.
 */
import type { Logger } from 'pino';
import type { LedgerJobs, BackfillProgress } from './LedgerStore.ts';

/** What the backfill reads and does. */
export interface BackfillDeps {
  /** The ledger's jobs (throws while the ledger is away: the loop waits and tries again). */
  jobs: () => LedgerJobs;
  /** One registry page: its codes and the registry's total. */
  registryPage(page: number, size: number): Promise<{ total: number; usccs: string[] }>;
  /**
   * Assesses these enterprises (and records them in the ledger); answers those whose assessment is
   * not complete (a department did not answer: provisional, or failed), to be tried again.
   */
  assess(usccs: string[]): Promise<string[]>;
  logger: Logger;
  /** This replica's name (the lease holder). */
  holder: string;
  /** Seconds from a change at the platform to its re-assessment in the ledger (metrics). */
  onLag?: (seconds: number) => void;
  /** The domain clock: what is due by time is due by its day. @default Date.now */
  now?: () => number;
  /** The ledger's upkeep (folding the roster counts), run by the lease holder every HOUSEKEEPING_MS. */
  housekeeping?: () => Promise<unknown>;
}

/** How often the lease holder runs the ledger's upkeep. */
const HOUSEKEEPING_MS = 10_000;

/** How the backfill is paced. */
export interface BackfillOptions {
  /** Enterprises assessed per second at most. @default 50 */
  perSecond?: number;
  /** Registry page size. @default 50 */
  pageSize?: number;
  /** How long a lease lasts without renewal. @default 15000 */
  leaseMs?: number;
  /** The first retry of an incomplete assessment; each next waits twice as long, up to a minute. @default 1000 */
  retryBaseMs?: number;
  /** Every assessment is re-read within this; due at half of it (REEVALUATION_CYCLE_MS). @default 86400000 */
  reevaluationCycleMs?: number;
}

/** An enterprise whose assessment is not complete yet: how often it was tried, and when it is due again. */
interface Retry {
  attempts: number;
  dueAt: number;
}

const NAME = 'backfill';

/** Runs while started; holds the lease while it works. */
export class Backfill {
  private running = false;
  private loop: Promise<void> | null = null;
  private holding = false;
  /** When the upkeep last ran (performance.now()); never at first. */
  private keptAt = -Infinity;
  private progressCache: BackfillProgress | null = null;
  /** Enterprises the feed named, with when the platform recorded the change (ms). */
  private readonly pending = new Map<string, number>();
  /**
   * Enterprises assessed only provisionally (a department did not answer): tried again with
   * backoff until complete, never dropped — a hole in the ledger is a hole in every roster and draw.
   */
  private readonly retries = new Map<string, Retry>();
  private readonly retryBaseMs: number;
  private readonly perSecond: number;
  private readonly pageSize: number;
  private readonly leaseMs: number;
  private readonly cycleMs: number;

  constructor(
    private readonly deps: BackfillDeps,
    {
      perSecond = 50,
      pageSize = 50,
      leaseMs = 15_000,
      retryBaseMs = 1000,
      reevaluationCycleMs = 86_400_000,
    }: BackfillOptions = {},
  ) {
    this.cycleMs = reevaluationCycleMs;
    this.retryBaseMs = retryBaseMs;
    this.perSecond = perSecond;
    this.pageSize = pageSize;
    this.leaseMs = leaseMs;
  }

  /**
   * Whether this replica holds the lease, the progress last seen, and how many enterprises wait for
   * a complete assessment (readiness, metrics). The pass is not called finished while any does.
   */
  get state(): { holding: boolean; progress: BackfillProgress | null; provisional: number } {
    const p = this.progressCache;
    const provisional = this.retries.size;
    return {
      holding: this.holding,
      progress: p && provisional > 0 ? { ...p, finishedAt: null } : p,
      provisional,
    };
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Stops, and releases the lease so another replica takes over at once. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.holding)
      await Promise.resolve()
        .then(() => this.deps.jobs().release(NAME, this.deps.holder))
        .catch(() => undefined);
    this.holding = false;
  }

  /** Enterprises the change feed named: re-assessed by the lease holder on its next turn. */
  changed(changes: ReadonlyArray<{ uscc: string; at: number }>): void {
    for (const c of changes) if (!this.pending.has(c.uscc)) this.pending.set(c.uscc, c.at);
  }

  /** The feed's 410: a new pass over the whole registry. */
  async restart(): Promise<void> {
    await Promise.resolve()
      .then(() => this.deps.jobs().restart(NAME))
      .catch((err: unknown) => this.deps.logger.warn({ err: String(err) }, 'backfill restart failed'));
  }

  private async run(): Promise<void> {
    while (this.running) {
      try {
        this.holding = await this.deps.jobs().lease(NAME, this.deps.holder, this.leaseMs);
        if (this.holding) await this.turn();
        else await sleep(Math.min(1000, this.leaseMs / 3));
      } catch (err) {
        // The database away: try again shortly; the progress in it says where to resume.
        this.holding = false;
        this.deps.logger.warn({ err: String(err) }, 'backfill paused: ledger unavailable');
        await sleep(1000);
      }
    }
  }

  /** One turn of the holder: the feed's enterprises first, then incomplete ones due again, then the next registry page. */
  private async turn(): Promise<void> {
    if (this.deps.housekeeping && performance.now() - this.keptAt >= HOUSEKEEPING_MS) {
      this.keptAt = performance.now();
      await this.deps.housekeeping();
    }
    if (this.pending.size) {
      const changes = [...this.pending];
      this.pending.clear();
      const usccs = changes.map(([u]) => u);
      this.noteOutcome(usccs, await this.deps.assess(usccs));
      // How far the ledger runs behind the platform: from the change to its re-assessment written.
      const now = Date.now();
      for (const [, at] of changes) this.deps.onLag?.((now - at) / 1000);
    }
    const due = this.dueRetries();
    if (due.length) {
      const started = performance.now();
      this.noteOutcome(due, await this.deps.assess(due));
      await this.pace(due.length, started);
    }
    const p = await this.deps.jobs().progress(NAME);
    this.progressCache = p;
    if (p.finishedAt) {
      // Currency (docs/rules.md "The ledger"): between passes, first the assessments whose day to
      // change by time has come (a record leaving the period, a window ending, a commitment falling
      // due change no feed), then the oldest once half the re-evaluation cycle has passed, and those a
      // department left provisional (after a restart too).
      const stale = await this.deps
        .jobs()
        .dueForReevaluation(this.cycleMs / 2, this.pageSize, (this.deps.now ?? Date.now)());
      if (stale.length) {
        const started = performance.now();
        this.noteOutcome(stale, await this.deps.assess(stale));
        await this.pace(stale.length, started);
        return;
      }
      return void (await sleep(due.length ? 0 : 250));
    }
    const started = performance.now();
    const { total, usccs } = await this.deps.registryPage(p.nextPage, this.pageSize);
    if (usccs.length) this.noteOutcome(usccs, await this.deps.assess(usccs));
    const finished = usccs.length < this.pageSize || p.nextPage * this.pageSize >= total;
    await this.deps.jobs().advance(NAME, p.nextPage, total, usccs.length, finished);
    if (finished) this.deps.logger.info({ total, provisional: this.retries.size }, 'backfill pass finished');
    await this.pace(usccs.length, started);
  }

  /** Paced: N enterprises assessed since `started` take at least N / perSecond seconds. */
  private pace(n: number, started: number): Promise<void> {
    return sleep(Math.max(0, (n / this.perSecond) * 1000 - (performance.now() - started)));
  }

  /** Those assessed completely leave the retries; the incomplete ones are due again later, each time twice as late. */
  private noteOutcome(assessed: readonly string[], incomplete: readonly string[]): void {
    const again = new Set(incomplete);
    const now = Date.now();
    for (const u of assessed) {
      if (!again.has(u)) {
        this.retries.delete(u);
        continue;
      }
      const attempts = (this.retries.get(u)?.attempts ?? 0) + 1;
      const wait = Math.min(60_000, this.retryBaseMs * 2 ** (attempts - 1));
      this.retries.set(u, { attempts, dueAt: now + wait });
    }
  }

  /** Incomplete enterprises due again, a page at most. */
  private dueRetries(): string[] {
    const now = Date.now();
    const due: string[] = [];
    for (const [u, r] of this.retries) {
      if (r.dueAt <= now) due.push(u);
      if (due.length >= this.pageSize) break;
    }
    return due;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
