/**
 * The gateway's hold on the ledger: opened at start and, while the database is away, again every
 * few seconds in the background. Per-enterprise reads and checks never wait on it (docs/rules.md's
 * "the ledger is not on their path unless it helps"): writes are fire-and-forget, the grade
 * memory falls back to "no history" while it is away, and only rosters and draws refuse
 * (`LEDGER_UNAVAILABLE`).
 */
import { DeadlineNotices } from './DeadlineNotices.ts';
import type { Logger } from 'pino';
import type { GradeMemory } from '../cache/gradeMemory.ts';
import type { RuleSet } from '../credit/ruleSet.ts';
import { EventStore } from '../events/EventStore.ts';
import { CheckReceipts } from './CheckReceipts.ts';
import { ReportCertificates } from './ReportCertificates.ts';
import { RuleSetVersions } from './RuleSetVersions.ts';
import { Inspections } from './Inspections.ts';
import { Objections } from './Objections.ts';
import { CommitmentChecks } from './CommitmentChecks.ts';
import { Interviews } from './Interviews.ts';
import { AuditArchive } from './AuditArchive.ts';
import { LedgerJobs, LedgerStore, LedgerUnavailable, type AssessmentRow } from './LedgerStore.ts';
import { withTimeout } from '../util/withTimeout.ts';
import { openLedger, type LedgerDb, type LedgerTarget } from './openLedger.ts';

/** How often a missing ledger is tried again. @default 5000 */
const RETRY_MS = 5000;

/** The ledger, when it is there. */
export class LedgerHandle {
  private db: LedgerDb | null = null;
  private store: LedgerStore | null = null;
  private retry: NodeJS.Timeout | null = null;
  private closed = false;
  /** The ledger's parts (archive, outbox, lists…), each made once on the open database. */
  private readonly parts = new Map<string, unknown>();

  constructor(
    private readonly target: LedgerTarget,
    private readonly rules: RuleSet,
    private readonly logger: Logger,
    /** How long a complete assessment stays current (coverage's `overdue`). */
    private readonly cycleMs?: number,
  ) {}

  /** Opens it (migrations included); on failure, keeps trying in the background. */
  async open(): Promise<void> {
    try {
      this.db = await openLedger(this.target);
      this.store = new LedgerStore(this.db.pool, this.rules, this.cycleMs);
      this.logger.info({ engine: this.db.engine }, 'ledger open');
    } catch (err) {
      this.logger.error({ err: String(err) }, 'ledger unavailable; retrying');
      if (!this.closed) this.retry = setTimeout(() => void this.open(), RETRY_MS).unref();
    }
  }

  /** The store, or LedgerUnavailable. */
  get(): LedgerStore {
    if (!this.store) throw new LedgerUnavailable('the ledger is not open');
    return this.store;
  }

  /** Leases and backfill progress, or LedgerUnavailable. */
  jobs(): LedgerJobs {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    return new LedgerJobs(this.db.pool, this.rules.id);
  }

  /** The audit archive, or LedgerUnavailable. */
  archive(): AuditArchive {
    return this.part('archive', (pool) => new AuditArchive(pool));
  }

  /** The outbox of credit events and the webhook queue, or LedgerUnavailable. */
  events(): EventStore {
    return this.part('events', (pool) => new EventStore(pool));
  }

  /** Issued credit reports' certificates, or LedgerUnavailable. */
  certificates(): ReportCertificates {
    return this.part('certificates', (pool) => new ReportCertificates(pool));
  }

  /** Inspection items, inspectors and their conflicts, or LedgerUnavailable. */
  inspections(): Inspections {
    return this.part('inspections', (pool) => new Inspections(pool));
  }

  /** 约谈 and their candidates, or LedgerUnavailable. */
  interviews(): Interviews {
    return this.part('interviews', (pool) => new Interviews(pool, this.rules.id));
  }

  /** The commitments to verify, or LedgerUnavailable. */
  commitmentChecks(): CommitmentChecks {
    return this.part('commitmentChecks', (pool) => new CommitmentChecks(pool));
  }

  /** Deadlines passed, told once as events (the lease holder's upkeep), or LedgerUnavailable. */
  deadlines(): DeadlineNotices {
    return this.part('deadlines', (pool) => new DeadlineNotices(pool));
  }

  /** The objection workflow, or LedgerUnavailable. */
  objections(): Objections {
    return this.part('objections', (pool) => new Objections(pool));
  }

  /** Rule-set versions under review, or LedgerUnavailable. */
  ruleSetVersions(): RuleSetVersions {
    return this.part('ruleSetVersions', (pool) => new RuleSetVersions(pool));
  }

  /** Approval checks' receipts, or LedgerUnavailable. */
  receipts(): CheckReceipts {
    return this.part('receipts', (pool) => new CheckReceipts(pool));
  }

  /** Which engine, or null while it is away (readiness). */
  get engine(): LedgerDb['engine'] | null {
    return this.db?.engine ?? null;
  }

  /** The last write's outcome (a full disk, a read-only database fail writes while reads still work). */
  private lastWrite: { ok: boolean; at: number } | null = null;

  /** Records an assessment without making anyone wait; a failure is logged, and readiness says so. */
  record(row: AssessmentRow): void {
    this.store
      ?.record(row)
      .then(() => (this.lastWrite = { ok: true, at: Date.now() }))
      .catch((err: unknown) => {
        this.lastWrite = { ok: false, at: Date.now() };
        this.logger.warn({ err: String(err) }, 'ledger write failed');
      });
  }

  /**
   * Readiness: 'ok'; 'unavailable' (not open, or a query does not answer within `timeoutMs`); or
   * 'write-failing' (reads answer, but the last write failed — a full disk).
   */
  async probe(timeoutMs = 1000): Promise<'ok' | 'unavailable' | 'write-failing'> {
    const db = this.db;
    if (!db) return 'unavailable';
    const answered = await withTimeout(timeoutMs, () =>
      db.pool.query('SELECT 1').then(
        () => true,
        () => false,
      ),
    );
    if (answered !== true) return 'unavailable';
    return this.lastWrite && !this.lastWrite.ok ? 'write-failing' : 'ok';
  }

  /** Grade histories from the ledger (shared by every replica); "none" while it is away. */
  gradeMemory(): GradeMemory {
    return {
      get: async (uscc, ruleSet) => {
        try {
          return this.store ? await this.store.gradeMemory().get(uscc, ruleSet) : null;
        } catch {
          return null;
        }
      },
      set: async (uscc, ruleSet, history) => {
        await this.store
          ?.gradeMemory()
          .set(uscc, ruleSet, history)
          .catch((err: unknown) => this.logger.warn({ err: String(err) }, 'ledger write failed'));
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.db?.close();
    this.db = null;
    this.store = null;
    this.parts.clear();
  }

  /** A part of the open ledger, made on first use; LedgerUnavailable while the database is away. */
  private part<T>(name: string, make: (pool: LedgerDb['pool']) => T): T {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    let p = this.parts.get(name) as T | undefined;
    if (p === undefined) this.parts.set(name, (p = make(this.db.pool)));
    return p;
  }
}
