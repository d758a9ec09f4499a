/**
 * The ledger's backfill and follower (issue 16): one replica at a time — the holder of a lease in
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
  /** Assesses these enterprises (and records them in the ledger). */
  assess(usccs: string[]): Promise<void>;
  logger: Logger;
  /** This replica's name (the lease holder). */
  holder: string;
  /** Seconds from a change at the platform to its re-assessment in the ledger (metrics). */
  onLag?: (seconds: number) => void;
}

/** How the backfill is paced. */
export interface BackfillOptions {
  /** Enterprises assessed per second at most. @default 50 */
  perSecond?: number;
  /** Registry page size. @default 50 */
  pageSize?: number;
  /** How long a lease lasts without renewal. @default 15000 */
  leaseMs?: number;
}

const NAME = 'backfill';

/** Runs while started; holds the lease while it works. */
export class Backfill {
  private running = false;
  private loop: Promise<void> | null = null;
  private holding = false;
  private progressCache: BackfillProgress | null = null;
  /** Enterprises the feed named, with when the platform recorded the change (ms). */
  private readonly pending = new Map<string, number>();
  private readonly perSecond: number;
  private readonly pageSize: number;
  private readonly leaseMs: number;

  constructor(
    private readonly deps: BackfillDeps,
    { perSecond = 50, pageSize = 50, leaseMs = 15_000 }: BackfillOptions = {},
  ) {
    this.perSecond = perSecond;
    this.pageSize = pageSize;
    this.leaseMs = leaseMs;
  }

  /** Whether this replica holds the lease, and the progress last seen (readiness, metrics). */
  get state(): { holding: boolean; progress: BackfillProgress | null } {
    return { holding: this.holding, progress: this.progressCache };
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

  /** One turn of the holder: the feed's enterprises first, then the next registry page. */
  private async turn(): Promise<void> {
    if (this.pending.size) {
      const changes = [...this.pending];
      this.pending.clear();
      await this.deps.assess(changes.map(([u]) => u));
      // How far the ledger runs behind the platform: from the change to its re-assessment written.
      const now = Date.now();
      for (const [, at] of changes) this.deps.onLag?.((now - at) / 1000);
    }
    const p = await this.deps.jobs().progress(NAME);
    this.progressCache = p;
    if (p.finishedAt) return void (await sleep(250));
    const started = performance.now();
    const { total, usccs } = await this.deps.registryPage(p.nextPage, this.pageSize);
    if (usccs.length) await this.deps.assess(usccs);
    const finished = usccs.length < this.pageSize || p.nextPage * this.pageSize >= total;
    await this.deps.jobs().advance(NAME, p.nextPage, total, usccs.length, finished);
    if (finished) this.deps.logger.info({ total }, 'backfill finished');
    // Paced: a page of N enterprises takes at least N / perSecond seconds.
    await sleep(Math.max(0, (usccs.length / this.perSecond) * 1000 - (performance.now() - started)));
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
