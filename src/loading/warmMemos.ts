/**
 * The warm path's process-wide memos: what one request derives from an enterprise's data, kept for
 * the next request that reads the same data.
 *
 * One freshness rule holds them all: a memo is keyed by the identity of the data it was made from
 * (the cache's entries, one object per data version, src/loading/inputMemo.ts) with the rule set
 * and the day, so a new answer from a department is a new key and nothing needs invalidating. Two
 * exceptions, both by time and stated where they are: a grade history is reused for
 * HISTORY_REUSE_MS (another replica's newer grade is seen within it), and what was last recorded
 * in the ledger is remembered per ledger so an unchanged answer is not written again.
 */
import { LRUCache } from 'lru-cache';
import type { GradeMemory } from '../cache/gradeMemory.ts';
import type { GradeHistory, RiskAlert } from '../credit/alerts.ts';
import type { Assessment } from '../credit/assess.ts';
import type { DishonestyRecord } from '../credit/records.ts';
import type { RuleSet } from '../credit/ruleSet.ts';
import type { LedgerHandle } from '../ledger/LedgerHandle.ts';
import type { DeclaredRecordFacts } from '../model/unifiedModel.ts';
import { InputMemo } from './inputMemo.ts';
import type { LoadedEnterprise } from './loadEnterprise.ts';

/** A declared department's records per answer (its entry's identity) and day. */
export const DECLARED_FACTS = new InputMemo<Promise<DeclaredRecordFacts[]>>();
/** A declared department's own rating per answer (its entry's identity). */
export const DECLARED_RATINGS = new InputMemo<Promise<string | null>>();
/** An enterprise with its declared departments' answers, per (the five's loaded enterprise, each answer). */
export const WITH_DECLARED = new InputMemo<LoadedEnterprise>();

/**
 * An enterprise assembled from fresh cache entries, per the entries' identity (their data version):
 * warm requests share one, as they share its records and assessment.
 */
export const LOADED = new InputMemo<LoadedEnterprise>();
/** Records and assessments per data version, across requests (inputMemo.ts). */
export const RECORDS = new InputMemo<DishonestyRecord[]>();
export const ASSESSMENTS = new InputMemo<Assessment>();
/**
 * The grade history after each memoized assessment, reused for HISTORY_REUSE_MS: a warm check of
 * an unchanged enterprise neither reads nor writes the shared history (a round trip to the ledger
 * or Redis per check). Another replica's newer grade is seen within that time.
 */
export const HISTORIES = new WeakMap<Assessment, { history: GradeHistory | null; at: number }>();
export const HISTORY_REUSE_MS = 5000;
/**
 * Per grade memory, per enterprise: the history after its last complete grade (rule set, grade,
 * rank, day). A new data version with the same outcome — a cache refresh that brought the same
 * answer — reuses it too: the history depends on the outcome alone.
 */
export const HISTORY_BY_OUTCOME = new WeakMap<
  GradeMemory,
  LRUCache<string, { outcome: string; history: GradeHistory | null; at: number }>
>();
/**
 * The alerts of a memoized assessment with a given history object (the same for HISTORY_REUSE_MS):
 * a warm check neither re-derives them nor builds the ledger row it would not write.
 */
export const ALERTS = new WeakMap<
  Assessment,
  { history: GradeHistory | null; today: string; alerts: RiskAlert[] }
>();
/**
 * Records and assessments of an enterprise assembled from fresh entries (shared by warm requests):
 * one lookup on the shared object instead of a walk through every source's value.
 */
export const DERIVED = new WeakMap<
  LoadedEnterprise,
  { rules: RuleSet; today: string; records?: DishonestyRecord[]; assessment?: Assessment }
>();
/** What was last recorded in the ledger for each memoized assessment (alerts and missing departments). */
export const RECORDED = new WeakMap<Assessment, string>();
/**
 * Per ledger, per enterprise: a digest of the content last recorded (its data versions aside). A
 * refresh that brings the same answers is a new data version with nothing new to record: writing
 * it (a transaction, its events diff) for every refresh only loaded the database — with short
 * TTLs and hot keys, hundreds of writes a second whose waits reached the lookups.
 */
export const RECORDED_CONTENT = new WeakMap<LedgerHandle, LRUCache<string, string>>();

export function perInstance<K extends object, V extends object | string>(
  map: WeakMap<K, LRUCache<string, V>>,
  owner: K,
): LRUCache<string, V> {
  let c = map.get(owner);
  if (!c) map.set(owner, (c = new LRUCache<string, V>({ max: 100_000 })));
  return c;
}
