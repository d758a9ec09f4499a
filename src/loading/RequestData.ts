/**
 * One request's view of the departments' data: loads through the request's DataLoaders (one
 * batch per source), memoizes per enterprise, and assesses lazily. A reader can step into each
 * method; nothing here is a closure on the context.
 *
 * Reads do not write, with one exception the domain names: making an evaluation records its
 * grade in the history when it is complete (docs/rules.md "Supervision and alerts" GRADE_DROP compares with "the previous
 * evaluation the gateway computed"). Asking for records alone computes no grade and writes nothing.
 */
import type { DeclaredDepartment } from '../departments/declared/declarations.ts';
import type { DeclaredLoads, DeclaredPeek } from '../departments/declared/DeclaredSources.ts';
import { createHash } from 'node:crypto';
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import type { GradeMemory } from '../cache/gradeMemory.ts';
import { nextGradeHistory, riskAlerts, type GradeHistory, type RiskAlert } from '../credit/alerts.ts';
import { assessEnterprise, type Assessment } from '../credit/assess.ts';
import { collectRecords } from '../credit/collectRecords.ts';
import type { DishonestyRecord } from '../credit/records.ts';
import type { RuleSet } from '../credit/ruleSet.ts';
import { sourceUnavailable } from '../errors.ts';
import {
  loadEnterprise,
  loadedFromEntries,
  loadSettled,
  peekAll,
  type LoadedEnterprise,
} from './loadEnterprise.ts';
import type { CacheEntry } from '../cache/TieredCache.ts';
import type { LedgerHandle } from '../ledger/LedgerHandle.ts';
import type { AssessmentRow } from '../ledger/LedgerStore.ts';
import {
  LOADED,
  RECORDS,
  ASSESSMENTS,
  HISTORIES,
  HISTORY_REUSE_MS,
  HISTORY_BY_OUTCOME,
  DERIVED,
  RECORDED,
  RECORDED_CONTENT,
  perInstance,
} from './warmMemos.ts';
import { withDeclaredAnswers } from '../departments/declared/withDeclared.ts';
import { alertKinds, alertsOf, ledgerRow } from './assessmentOutcome.ts';
import type { Loaders } from './loaders.ts';
import {
  SOURCE_DEPARTMENT,
  SOURCE_NAMES,
  type Fetched,
  type SourceName,
  type SourceValues,
} from './sources.ts';

/** An assessment with the data it was made from and the grade history after it. */
export interface AssessedEnterprise extends Assessment {
  loaded: LoadedEnterprise;
  history: GradeHistory | null;
}

/** What a request's data is read with. */
export interface RequestDataDeps {
  loaders: Loaders;
  rules: RuleSet;
  /** The request's evaluation day. */
  today: string;
  grades: GradeMemory;
  /** Where complete assessments are recorded (the ledger warms from traffic). */
  ledger?: LedgerHandle | null;
  /** The fetcher's fresh entries, read at once (Fetcher.peek): an enterprise all fresh skips the loaders. */
  peek?: (source: SourceName, uscc: string) => CacheEntry | undefined;
  /**
   * The declared departments and this request's loads of them (src/departments/declared/): their
   * records join the enterprise's, and one that cannot answer is missing like any department.
   */
  declared?: {
    loads: DeclaredLoads;
    /** Fresh answers held, read at once: a department held fresh skips its loader. */
    peek?: DeclaredPeek;
    departments: readonly DeclaredDepartment[];
  } | null;
}

/** One request's data. */
export class RequestData {
  private readonly enterprises = new Map<string, Promise<LoadedEnterprise>>();
  private readonly recordLists = new Map<string, Promise<DishonestyRecord[]>>();
  private readonly assessments = new Map<string, Promise<AssessedEnterprise>>();
  private readonly alertLists = new Map<string, Promise<RiskAlert[]>>();
  /** The fresh entries an enterprise was assembled from, this request (SOURCE_NAMES order). */
  private readonly warmEntries = new Map<string, CacheEntry[]>();

  constructor(private readonly deps: RequestDataDeps) {}

  /** One source's result: the value with provenance, or the department's error. */
  settled<S extends SourceName>(
    source: S,
    uscc: string,
  ): Promise<Fetched<SourceValues[S]> | DepartmentError> {
    const entry = this.warmEntries.get(uscc)?.[SOURCE_INDEX[source]];
    if (entry)
      return Promise.resolve({
        value: entry.value as SourceValues[S] | null,
        fetchedAt: entry.fetchedAt,
        stale: false,
      });
    return loadSettled(this.deps.loaders, source, uscc);
  }

  /** One source's value (null: the department does not know the enterprise), or SOURCE_UNAVAILABLE. */
  async value<S extends SourceName>(source: S, uscc: string): Promise<SourceValues[S] | null> {
    const r = await this.settled(source, uscc);
    if (r instanceof DepartmentError) throw sourceUnavailable(SOURCE_DEPARTMENT[source]);
    return r.value;
  }

  /** Starts loads early (their DataLoaders batch and dedupe them); failures surface where fields read them. */
  prefetch(uscc: string, sources: readonly SourceName[]): void {
    // Everything fresh in this process: nothing to start.
    if (this.enterprises.has(uscc) || this.warm(uscc)) return;
    for (const s of sources) this.deps.loaders[s].load(uscc).catch(() => undefined);
    // The declared departments with them, where records are read (their loaders batch the same way).
    if (sources.length === SOURCE_NAMES.length)
      for (const d of this.deps.declared?.departments ?? [])
        this.deps.declared!.loads(d.name, uscc).catch(() => undefined);
  }

  /** Everything the departments hold for an enterprise, once per request. */
  loaded(uscc: string): Promise<LoadedEnterprise> {
    return memo(
      this.enterprises,
      uscc,
      () => this.warm(uscc) ?? this.withDeclared(uscc, loadEnterprise(this.deps.loaders, uscc)),
    );
  }

  /** The enterprise with what the declared departments answer: their records, or their absence. */
  private withDeclared(uscc: string, base: Promise<LoadedEnterprise>): Promise<LoadedEnterprise> {
    return withDeclaredAnswers(uscc, base, this.deps);
  }

  /** The enterprise from fresh entries this process holds, when every source has one (no loader, no wait). */
  private warm(uscc: string): Promise<LoadedEnterprise> | null {
    const entries = this.deps.peek ? peekAll(this.deps.peek, uscc) : null;
    if (!entries) return null;
    const loaded = this.withDeclared(
      uscc,
      Promise.resolve(LOADED.get(entries, uscc, () => loadedFromEntries(uscc, entries))),
    );
    this.enterprises.set(uscc, loaded);
    // This request reads each source as it was when assembled: one version throughout.
    this.warmEntries.set(uscc, entries);
    return loaded;
  }

  /** The enterprise's unified records (docs/rules.md "Records and severity", docs/rules.md "Publicity and repair"); no grade is computed. */
  records(uscc: string): Promise<DishonestyRecord[]> {
    return memo(this.recordLists, uscc, async () => {
      const { rules, today } = this.deps;
      const loaded = await this.loaded(uscc);
      const derived = this.derived(loaded);
      return (derived.records ??= RECORDS.get([rules, ...loaded.inputs], today, () =>
        collectRecords(loaded.data, rules, today),
      ));
    });
  }

  /** What is derived from one loaded enterprise for this request's rules and day. */
  private derived(loaded: LoadedEnterprise): { records?: DishonestyRecord[]; assessment?: Assessment } {
    const { rules, today } = this.deps;
    let d = DERIVED.get(loaded);
    if (!d || d.rules !== rules || d.today !== today) DERIVED.set(loaded, (d = { rules, today }));
    return d;
  }

  /** The enterprise assessed (docs/rules.md "Grades and completeness", "Supervision and alerts", "Approval checks"); a complete grade is recorded in the history. */
  assessment(uscc: string): Promise<AssessedEnterprise> {
    return memo(this.assessments, uscc, async () => {
      const { rules, today, grades } = this.deps;
      const loaded = await this.loaded(uscc);
      const records = await this.records(uscc);
      // Graded once per data version (the same values, day and rules), not once per request.
      const derived = this.derived(loaded);
      const assessment = (derived.assessment ??= ASSESSMENTS.get(
        [rules, ...loaded.inputs],
        `${today}|${loaded.missing.join()}`,
        () => assessEnterprise(loaded.data, { rules, today, missingDepartments: loaded.missing, records }),
      ));
      const complete = loaded.missing.length === 0;
      // The same data version — or the same outcome — graded moments ago: its history is already
      // advanced (no read, no write).
      const outcome = (): string =>
        `${rules.id}|${assessment.evaluation.grade}|${assessment.evaluation.rank}|${today}`;
      let seen: { history: GradeHistory | null; at: number } | undefined;
      if (complete) {
        // The warm path finds its own data version; only a new version looks up the outcome.
        seen = HISTORIES.get(assessment);
        if (!seen) {
          const same = perInstance(HISTORY_BY_OUTCOME, grades).get(uscc);
          if (same?.outcome === outcome()) seen = same;
        }
      }
      const reuse = seen !== undefined && performance.now() - seen.at < HISTORY_REUSE_MS;
      let history = reuse && seen ? seen.history : await grades.get(uscc, rules.id);
      // Only a complete evaluation moves the history: a grade computed without a department is not a drop (docs/rules.md "Grades and completeness").
      if (complete) {
        if (!reuse) {
          const next = nextGradeHistory(history, {
            grade: assessment.evaluation.grade,
            rank: assessment.evaluation.rank,
            on: today,
          });
          if (next !== history) await grades.set(uscc, rules.id, next);
          history = next;
          HISTORIES.set(assessment, { history, at: performance.now() });
          perInstance(HISTORY_BY_OUTCOME, grades).set(uscc, {
            outcome: outcome(),
            history,
            at: performance.now(),
          });
        }
        const alerts = alertsOf(assessment, rules, today, history);
        this.recordOnce(assessment, alerts, [], () => ledgerRow(uscc, assessment, loaded, alerts, rules));
      } else {
        // A provisional assessment is kept apart and never replaces a complete one (docs/rules.md "Grades and completeness").
        this.recordOnce(assessment, [], loaded.missing, () => ({
          ...ledgerRow(uscc, assessment, loaded, [], rules),
          missingDepartments: loaded.missing,
        }));
      }
      return { ...assessment, loaded, history };
    });
  }

  /**
   * Records an assessment in the ledger once per data version and outcome: a warm check reuses
   * the memoized assessment, and writing the same row (a transaction, with its events) on every
   * check would only load the database. A new answer from a department is a new assessment.
   */
  private recordOnce(
    assessment: Assessment,
    alerts: readonly RiskAlert[],
    missing: readonly string[],
    makeRow: () => AssessmentRow,
  ): void {
    if (!this.deps.ledger) return;
    const signature = `${alertKinds(alerts).join()}|${missing.join()}`;
    if (RECORDED.get(assessment) === signature) return;
    RECORDED.set(assessment, signature);
    const row = makeRow();
    const { dataVersions: _versions, ...content } = row;
    const digest = createHash('sha1').update(JSON.stringify(content)).digest('base64');
    const recorded = perInstance(RECORDED_CONTENT, this.deps.ledger);
    if (recorded.get(row.uscc) === digest) return;
    recorded.set(row.uscc, digest);
    this.deps.ledger.record(row);
  }

  /** The enterprise's risk alerts (docs/rules.md "Supervision and alerts"). */
  alerts(uscc: string): Promise<RiskAlert[]> {
    return memo(this.alertLists, uscc, async () => {
      const a = await this.assessment(uscc);
      return riskAlerts(a.records, { rules: this.deps.rules, today: this.deps.today, history: a.history });
    });
  }
}

/** Each source's place in SOURCE_NAMES (the order of a warm enterprise's entries). */
const SOURCE_INDEX = Object.fromEntries(SOURCE_NAMES.map((s, k) => [s, k])) as Record<SourceName, number>;

function memo<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) map.set(key, (p = make()));
  return p;
}
