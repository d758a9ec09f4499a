/**
 * Every negative record from any department as one `DishonestyRecord` (domain.md §2), with its
 * severity, publicity window and status (§3). Pure: the day is an argument.
 */
import { addMonths } from './dates.ts';
import type { Department, EnterpriseData, IsoDate, Penalty } from '../model/unifiedModel.ts';
import type { RuleSet } from './ruleSet.ts';

/** domain.md §2 severities. */
export type Severity = 'MINOR' | 'GENERAL' | 'SERIOUS';

/** What kind of fact a record is. */
export type RecordKind =
  | 'ADMINISTRATIVE_PENALTY'
  | 'DISHONEST_DEBTOR'
  | 'ENFORCEMENT_CASE'
  | 'CONSUMPTION_RESTRICTION'
  | 'ABNORMAL_OPERATIONS'
  | 'SERIOUS_VIOLATION'
  | 'MAJOR_TAX_CASE'
  | 'TAX_GRADE_D'
  | 'TAX_ARREARS'
  | 'ABNORMAL_TAXPAYER'
  | 'BLACK_LIST'
  | 'BREACHED_COMMITMENT'
  | 'ENVIRONMENTAL_CARD';

/** domain.md §4: dated events count by date; states count while they hold. */
export type RecordNature = 'EVENT' | 'STATE';

/** Where a record stands today (§3). */
export type RecordStatus = 'ACTIVE' | 'DISPUTED' | 'EXPIRED' | 'REPAIRED' | 'REMOVED';

/** One unified negative record. */
export interface DishonestyRecord {
  /** Unique among an enterprise's records: the `recordRef`, with the kind added where a court case number stands for two records. */
  id: string;
  /** `<department>:<record id>`, the credit platform's record reference (for repairs and objections). */
  recordRef: string;
  department: Department;
  kind: RecordKind;
  nature: RecordNature;
  severity: Severity;
  /** Decision date of an event; start of a state. */
  date: IsoDate;
  /** End of a state (removal), when it has ended. */
  endedOn: IsoDate | null;
  title: string;
  publicity: { published: boolean; from: IsoDate; until: IsoDate | null; repairableFrom: IsoDate | null };
  status: RecordStatus;
  penalty: Penalty | null;
}

/** A record is in force while it is active or disputed (§3: a disputed record stays until resolved). */
export function inForce(r: Pick<DishonestyRecord, 'status'>): boolean {
  return r.status === 'ACTIVE' || r.status === 'DISPUTED';
}

/** domain.md §2: severity of an administrative penalty from its kinds and fine. */
export function penaltySeverity(p: Pick<Penalty, 'kinds' | 'amount'>, rules: RuleSet): Severity {
  const { seriousPenaltyKinds, minorPenaltyKinds, minorFineMaxYuan } = rules.severity;
  if (p.kinds.some((k) => seriousPenaltyKinds.includes(k))) return 'SERIOUS';
  // Minor: only warnings / circulated criticism, or a fine at or below the low-amount threshold.
  const minor = p.kinds.every(
    (k) =>
      minorPenaltyKinds.includes(k) ||
      (k === '罚款' && p.amount !== null && compareMoney(p.amount, minorFineMaxYuan) <= 0),
  );
  return p.kinds.length > 0 && minor ? 'MINOR' : 'GENERAL';
}

/** Compares two decimal money strings exactly. */
export function compareMoney(a: string, b: string): number {
  const cents = (s: string): bigint => {
    const [i, f = ''] = s.split('.');
    return BigInt(i!) * 100n + BigInt((f + '00').slice(0, 2)) * (s.startsWith('-') ? -1n : 1n);
  };
  const d = cents(a) - cents(b);
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}

const SOURCE: Record<Department, string> = {
  TAX: 'tax',
  MARKET: 'market',
  ENVIRONMENT: 'environment',
  COURT: 'court',
  CREDIT: 'credit',
};

/** The credit platform's reference of a department's record: `<department>:<its own number>` (departments.md §5). */
export function recordRefOf(department: Department, localId: string): string {
  return `${SOURCE[department]}:${localId}`;
}

/** A record's id: its reference, with the kind added where a court case number names two records. */
export function recordIdOf(department: Department, localId: string, kind: RecordKind): string {
  const ref = recordRefOf(department, localId);
  return kind === 'ENFORCEMENT_CASE' || kind === 'CONSUMPTION_RESTRICTION' ? `${ref}#${kind}` : ref;
}

/** Builds the unified records of one enterprise as of `today`. Departments absent from `data` add nothing. */
export function collectRecords(data: EnterpriseData, rules: RuleSet, today: IsoDate): DishonestyRecord[] {
  const repaired = new Set(data.credit?.repairs.map((r) => r.recordRef) ?? []);
  const objections = new Map<string, string>();
  for (const o of data.credit?.objections ?? []) {
    // The latest objection to a record decides (an open one after a rejected one is open again).
    objections.set(o.recordRef, o.status);
  }
  const out: DishonestyRecord[] = [];

  const statusOf = (ref: string, until: IsoDate | null, ended: boolean): RecordStatus => {
    if (repaired.has(ref)) return 'REPAIRED';
    // An upheld objection means the record was wrong: it is withdrawn, as a removal.
    if (ended || objections.get(ref) === 'UPHELD') return 'REMOVED';
    if (until !== null && until < today) return 'EXPIRED';
    if (objections.get(ref) === 'OPEN') return 'DISPUTED';
    return 'ACTIVE';
  };

  /** A dated event: its window runs from its date, §3's table by severity. */
  const event = (
    department: Department,
    localId: string,
    kind: RecordKind,
    severity: Severity,
    date: IsoDate,
    title: string,
    penalty: Penalty | null = null,
  ): void => {
    const recordRef = recordRefOf(department, localId);
    const w =
      rules.publicity[severity === 'SERIOUS' ? 'serious' : severity === 'GENERAL' ? 'general' : 'minor'];
    const until = addMonths(date, w.maxMonths);
    out.push({
      id: recordIdOf(department, localId, kind),
      recordRef,
      department,
      kind,
      nature: 'EVENT',
      severity,
      date,
      endedOn: null,
      title,
      publicity: { published: w.published, from: date, until, repairableFrom: addMonths(date, w.minMonths) },
      status: statusOf(recordRef, until, false),
      penalty,
    });
  };
  /** A state: it holds from `from` until removed, whatever its age (§4). */
  const state = (
    department: Department,
    localId: string,
    kind: RecordKind,
    severity: Severity,
    from: IsoDate,
    endedOn: IsoDate | null,
    title: string,
  ): void => {
    const recordRef = recordRefOf(department, localId);
    const ended = endedOn !== null && endedOn <= today;
    out.push({
      id: recordIdOf(department, localId, kind),
      recordRef,
      department,
      kind,
      nature: 'STATE',
      severity,
      date: from,
      endedOn,
      title,
      publicity: { published: severity !== 'MINOR', from, until: endedOn, repairableFrom: null },
      status: statusOf(recordRef, null, ended),
      penalty: null,
    });
  };

  const penalties = [
    ...(data.tax?.penalties ?? []),
    ...(data.market?.penalties ?? []),
    ...(data.environment?.penalties ?? []),
  ];
  for (const p of penalties)
    event(
      p.department,
      p.id,
      'ADMINISTRATIVE_PENALTY',
      penaltySeverity(p, rules),
      p.date,
      `${p.kinds.join('、')}：${p.fact}`,
      p,
    );

  if (data.tax) {
    const t = data.tax;
    for (const c of t.majorCases)
      state(
        'TAX',
        c.id,
        'MAJOR_TAX_CASE',
        'SERIOUS',
        c.listedOn,
        c.removedOn,
        `重大税收违法失信案件：${c.fact}`,
      );
    const latest = t.ratings[0];
    if (latest && rules.severity.seriousTaxGrades.includes(latest.grade)) {
      state(
        'TAX',
        `grade-${latest.year}`,
        'TAX_GRADE_D',
        'SERIOUS',
        `${latest.year}-12-31`,
        null,
        `${latest.year}年度纳税信用${latest.grade}级`,
      );
    }
    // Arrears and abnormal status are current facts with no start date on the wire: dated today.
    if (compareMoney(t.arrears, '0') > 0)
      state('TAX', 'arrears', 'TAX_ARREARS', 'GENERAL', today, null, `欠缴税款${t.arrears}元`);
    if (t.abnormalTaxpayer)
      state('TAX', 'abnormal-taxpayer', 'ABNORMAL_TAXPAYER', 'GENERAL', today, null, '非正常户');
  }
  if (data.market) {
    for (const l of data.market.abnormalOperations)
      state(
        'MARKET',
        l.id,
        'ABNORMAL_OPERATIONS',
        'GENERAL',
        l.listedOn,
        l.removedOn,
        `列入经营异常名录：${l.reason}`,
      );
    for (const l of data.market.seriousViolations)
      state(
        'MARKET',
        l.id,
        'SERIOUS_VIOLATION',
        'SERIOUS',
        l.listedOn,
        l.removedOn,
        `列入严重违法失信名单：${l.reason}`,
      );
  }
  if (data.environment) {
    const latest = data.environment.ratings[0];
    if (latest) {
      const sev: Severity | null = rules.severity.seriousEnvironmentCards.includes(latest.card)
        ? 'SERIOUS'
        : rules.severity.generalEnvironmentCards.includes(latest.card)
          ? 'GENERAL'
          : null;
      if (sev)
        state(
          'ENVIRONMENT',
          `card-${latest.year}`,
          'ENVIRONMENTAL_CARD',
          sev,
          `${latest.year}-12-31`,
          null,
          `${latest.year}年度环保信用${latest.card}牌`,
        );
    }
  }
  if (data.judicial) {
    for (const d of data.judicial.dishonestDebtor) {
      state(
        'COURT',
        d.caseCode,
        'DISHONEST_DEBTOR',
        'SERIOUS',
        d.publishedOn,
        d.onList ? null : (d.removedOn ?? d.publishedOn),
        `失信被执行人（${d.court}）：${d.situation}`,
      );
    }
    for (const c of data.judicial.enforcementCases)
      event(
        'COURT',
        c.caseCode,
        'ENFORCEMENT_CASE',
        'GENERAL',
        c.filedOn,
        `被执行人（${c.court}），执行标的${c.amount}元`,
      );
    for (const r of data.judicial.consumptionRestrictions)
      event(
        'COURT',
        r.caseCode,
        'CONSUMPTION_RESTRICTION',
        'GENERAL',
        r.issuedOn,
        `限制消费令（${r.court}）`,
      );
  }
  if (data.credit) {
    for (const l of data.credit.lists) {
      if (l.list === 'BLACK')
        state(
          'CREDIT',
          l.id,
          'BLACK_LIST',
          'SERIOUS',
          l.listedOn,
          l.removedOn,
          `黑名单（${l.domain}）：${l.reason}`,
        );
    }
    for (const c of data.credit.commitments) {
      if (c.status === 'BREACHED')
        state(
          'CREDIT',
          c.id,
          'BREACHED_COMMITMENT',
          'GENERAL',
          c.signedOn,
          null,
          `违反信用承诺：${c.matter}`,
        );
    }
  }
  return out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id.localeCompare(b.id)));
}
