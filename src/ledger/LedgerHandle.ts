/**
 * The gateway's hold on the ledger: opened at start and, while the database is away, again every
 * few seconds in the background. Per-enterprise reads and checks never wait on it (domain.md's
 * "the ledger is not on their path unless it helps"): writes are fire-and-forget, the grade
 * memory falls back to "no history" while it is away, and only rosters and draws refuse
 * (`LEDGER_UNAVAILABLE`).
 */
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
  private auditArchive: AuditArchive | null = null;
  private reportCertificates: ReportCertificates | null = null;
  private checkReceipts: CheckReceipts | null = null;
  private versions: RuleSetVersions | null = null;
  private inspectionLists: Inspections | null = null;
  private objectionWorkflow: Objections | null = null;
  private commitmentList: CommitmentChecks | null = null;
  private interviewList: Interviews | null = null;
  private eventStore: EventStore | null = null;

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
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.auditArchive ??= new AuditArchive(this.db.pool);
    return this.auditArchive;
  }

  /** The outbox of credit events and the webhook queue, or LedgerUnavailable. */
  events(): EventStore {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.eventStore ??= new EventStore(this.db.pool);
    return this.eventStore;
  }

  /** Issued credit reports' certificates, or LedgerUnavailable. */
  certificates(): ReportCertificates {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.reportCertificates ??= new ReportCertificates(this.db.pool);
    return this.reportCertificates;
  }

  /** Inspection items, inspectors and their conflicts, or LedgerUnavailable. */
  inspections(): Inspections {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.inspectionLists ??= new Inspections(this.db.pool);
    return this.inspectionLists;
  }

  /** 约谈 and their candidates, or LedgerUnavailable. */
  interviews(): Interviews {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.interviewList ??= new Interviews(this.db.pool, this.rules.id);
    return this.interviewList;
  }

  /** The commitments to verify, or LedgerUnavailable. */
  commitmentChecks(): CommitmentChecks {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.commitmentList ??= new CommitmentChecks(this.db.pool);
    return this.commitmentList;
  }

  /** The objection workflow, or LedgerUnavailable. */
  objections(): Objections {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.objectionWorkflow ??= new Objections(this.db.pool);
    return this.objectionWorkflow;
  }

  /** Rule-set versions under review, or LedgerUnavailable. */
  ruleSetVersions(): RuleSetVersions {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.versions ??= new RuleSetVersions(this.db.pool);
    return this.versions;
  }

  /** Approval checks' receipts, or LedgerUnavailable. */
  receipts(): CheckReceipts {
    if (!this.db) throw new LedgerUnavailable('the ledger is not open');
    this.checkReceipts ??= new CheckReceipts(this.db.pool);
    return this.checkReceipts;
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
    this.auditArchive = null;
    this.eventStore = null;
  }
}
