/**
 * One request's view of the departments' data: loads through the request's DataLoaders (one
 * batch per source), memoizes per enterprise, and assesses lazily. A reader can step into each
 * method; nothing here is a closure on the context.
 *
 * Reads do not write, with one exception the domain names: making an evaluation records its
 * grade in the history when it is complete (domain.md §7 GRADE_DROP compares with "the previous
 * evaluation the gateway computed"). Asking for records alone computes no grade and writes nothing.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { DepartmentError } from '../../connectors/shared/DepartmentError.ts';
import type { GradeMemory } from '../cache/gradeMemory.ts';
import { nextGradeHistory, riskAlerts, type GradeHistory, type RiskAlert } from '../credit/alerts.ts';
import { assessEnterprise, type Assessment } from '../credit/assess.ts';
import { collectRecords, type DishonestyRecord } from '../credit/records.ts';
import type { RuleSet } from '../credit/ruleSet.ts';
import { sourceUnavailable } from '../errors.ts';
import { loadEnterprise, loadSettled, type LoadedEnterprise } from './loadEnterprise.ts';
import type { LedgerHandle } from '../ledger/LedgerHandle.ts';
import type { AssessmentRow } from '../ledger/LedgerStore.ts';
import type { AssessmentFacts } from '../events/creditEvents.ts';
import { inForce } from '../credit/records.ts';
import { decodeUscc } from '../credit/uscc.ts';
import { InputMemo } from './inputMemo.ts';
import type { Loaders } from './loaders.ts';
import { SOURCE_DEPARTMENT, type Fetched, type SourceName, type SourceValues } from './sources.ts';

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
}

/** Records and assessments per data version, across requests (inputMemo.ts). */
const RECORDS = new InputMemo<DishonestyRecord[]>();
const ASSESSMENTS = new InputMemo<Assessment>();
/**
 * The grade history after each memoized assessment, reused for HISTORY_REUSE_MS: a warm check of
 * an unchanged enterprise neither reads nor writes the shared history (a round trip to the ledger
 * or Redis per check). Another replica's newer grade is seen within that time.
 */
const HISTORIES = new WeakMap<Assessment, { history: GradeHistory | null; at: number }>();
const HISTORY_REUSE_MS = 5000;
/**
 * Per grade memory, per enterprise: the history after its last complete grade (rule set, grade,
 * rank, day). A new data version with the same outcome — a cache refresh that brought the same
 * answer — reuses it too: the history depends on the outcome alone.
 */
const HISTORY_BY_OUTCOME = new WeakMap<
  GradeMemory,
  LRUCache<string, { outcome: string; history: GradeHistory | null; at: number }>
>();
/** What was last recorded in the ledger for each memoized assessment (alerts and missing departments). */
const RECORDED = new WeakMap<Assessment, string>();
/**
 * Per ledger, per enterprise: a digest of the content last recorded (its data versions aside). A
 * refresh that brings the same answers is a new data version with nothing new to record: writing
 * it (a transaction, its events diff) for every refresh only loaded the database — with short
 * TTLs and hot keys, hundreds of writes a second whose waits reached the lookups.
 */
const RECORDED_CONTENT = new WeakMap<LedgerHandle, LRUCache<string, string>>();

function perInstance<K extends object, V extends object | string>(
  map: WeakMap<K, LRUCache<string, V>>,
  owner: K,
): LRUCache<string, V> {
  let c = map.get(owner);
  if (!c) map.set(owner, (c = new LRUCache<string, V>({ max: 100_000 })));
  return c;
}

/** One request's data. */
export class RequestData {
  private readonly enterprises = new Map<string, Promise<LoadedEnterprise>>();
  private readonly recordLists = new Map<string, Promise<DishonestyRecord[]>>();
  private readonly assessments = new Map<string, Promise<AssessedEnterprise>>();
  private readonly alertLists = new Map<string, Promise<RiskAlert[]>>();

  constructor(private readonly deps: RequestDataDeps) {}

  /** One source's result: the value with provenance, or the department's error. */
  settled<S extends SourceName>(
    source: S,
    uscc: string,
  ): Promise<Fetched<SourceValues[S]> | DepartmentError> {
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
    for (const s of sources) this.deps.loaders[s].load(uscc).catch(() => undefined);
  }

  /** Everything the departments hold for an enterprise, once per request. */
  loaded(uscc: string): Promise<LoadedEnterprise> {
    return memo(this.enterprises, uscc, () => loadEnterprise(this.deps.loaders, uscc));
  }

  /** The enterprise's unified records (domain.md §2–§3); no grade is computed. */
  records(uscc: string): Promise<DishonestyRecord[]> {
    return memo(this.recordLists, uscc, async () => {
      const { rules, today } = this.deps;
      const loaded = await this.loaded(uscc);
      return RECORDS.get([rules, ...loaded.inputs], today, () => collectRecords(loaded.data, rules, today));
    });
  }

  /** The enterprise assessed (§4–§6); a complete grade is recorded in the history. */
  assessment(uscc: string): Promise<AssessedEnterprise> {
    return memo(this.assessments, uscc, async () => {
      const { rules, today, grades } = this.deps;
      const loaded = await this.loaded(uscc);
      const records = await this.records(uscc);
      // Graded once per data version (the same values, day and rules), not once per request.
      const assessment = ASSESSMENTS.get([rules, ...loaded.inputs], `${today}|${loaded.missing.join()}`, () =>
        assessEnterprise(loaded.data, { rules, today, missingDepartments: loaded.missing, records }),
      );
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
      // Only a complete evaluation moves the history: a grade computed without a department is not a drop (§4).
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
        const row = ledgerRow(
          uscc,
          assessment,
          loaded,
          riskAlerts(assessment.records, { rules, today, history }),
        );
        this.recordOnce(assessment, row);
      } else {
        // A provisional assessment is kept apart and never replaces a complete one (§4).
        this.recordOnce(assessment, {
          ...ledgerRow(uscc, assessment, loaded, []),
          missingDepartments: loaded.missing,
        });
      }
      return { ...assessment, loaded, history };
    });
  }

  /**
   * Records an assessment in the ledger once per data version and outcome: a warm check reuses
   * the memoized assessment, and writing the same row (a transaction, with its events) on every
   * check would only load the database. A new answer from a department is a new assessment.
   */
  private recordOnce(assessment: Assessment, row: AssessmentRow): void {
    if (!this.deps.ledger) return;
    const signature = `${row.alertKinds.join()}|${row.missingDepartments.join()}`;
    if (RECORDED.get(assessment) === signature) return;
    RECORDED.set(assessment, signature);
    const { dataVersions: _versions, ...content } = row;
    const digest = createHash('sha1').update(JSON.stringify(content)).digest('base64');
    const recorded = perInstance(RECORDED_CONTENT, this.deps.ledger);
    if (recorded.get(row.uscc) === digest) return;
    recorded.set(row.uscc, digest);
    this.deps.ledger.record(row);
  }

  /** The enterprise's risk alerts (§7). */
  alerts(uscc: string): Promise<RiskAlert[]> {
    return memo(this.alertLists, uscc, async () => {
      const a = await this.assessment(uscc);
      return riskAlerts(a.records, { rules: this.deps.rules, today: this.deps.today, history: a.history });
    });
  }
}

/** The ledger's row of a complete assessment: grade, tier, alerts, departments with records, region, versions. */
function ledgerRow(
  uscc: string,
  a: Assessment,
  loaded: LoadedEnterprise,
  alerts: RiskAlert[],
): AssessmentRow {
  return {
    uscc,
    grade: a.evaluation.grade,
    rank: a.evaluation.rank,
    tier: a.supervision.tier,
    alertKinds: [...new Set(alerts.map((x) => x.kind))],
    departments: [...new Set(a.records.filter((r) => inForce(r)).map((r) => r.department))].sort(),
    regionCode: decodeUscc(uscc).regionCode,
    ruleSet: a.evaluation.ruleSet,
    ruleVersion: a.evaluation.version,
    evaluatedAt: a.evaluation.evaluatedAt,
    dataVersions: Object.fromEntries(loaded.sources.map((s) => [s.department, s.fetchedAt])),
    missingDepartments: [],
    facts: factsOf(a, loaded),
  };
}

/** What an assessment saw, for the events of the next one (issue 18; domain.md §7). */
function factsOf(a: Assessment, loaded: LoadedEnterprise): AssessmentFacts {
  const credit = loaded.data.credit;
  return {
    records: a.records.map((r) => ({
      id: r.id,
      department: r.department,
      kind: r.kind,
      severity: r.severity,
      status: r.status,
      date: r.date,
      title: r.title,
      published: r.publicity.published,
    })),
    lists: (credit?.lists ?? []).map((l) => ({
      id: l.id,
      list: l.list,
      domain: l.domain,
      listedOn: l.listedOn,
      removedOn: l.removedOn,
    })),
    objections: (credit?.objections ?? []).map((o) => ({
      id: o.id,
      recordRef: o.recordRef,
      status: o.status,
    })),
  };
}

function memo<T>(map: Map<string, Promise<T>>, key: string, make: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) map.set(key, (p = make()));
  return p;
}
