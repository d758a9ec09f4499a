/**
 * Every negative record from any department as one `DishonestyRecord` (docs/rules.md "Records and severity"), with its
 * severity, publicity window and status (§3). Pure: the day is an argument.
 */
import { DEPARTMENTS, type AnyDepartment } from '../departments/registry.ts';
import { addMonths } from './dates.ts';
import type {
  CreditPlatformRecords,
  DeclaredRecordFacts,
  EnterpriseData,
  EnvironmentProfile,
  IsoDate,
  JudicialRecords,
  MarketRecords,
  Penalty,
  TaxProfile,
} from '../model/unifiedModel.ts';
import type { RuleSet } from './ruleSet.ts';

/** docs/rules.md "Records and severity" severities. */
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

/** docs/rules.md "Grades and completeness": dated events count by date; states count while they hold. */
export type RecordNature = 'EVENT' | 'STATE';

/** Where a record stands today (§3). */
export type RecordStatus = 'ACTIVE' | 'DISPUTED' | 'EXPIRED' | 'REPAIRED' | 'REMOVED' | 'REORGANIZED';

/** One unified negative record. */
export interface DishonestyRecord {
  /** Unique among an enterprise's records: the `recordRef`, with the kind added where a court case number stands for two records. */
  id: string;
  /** `<department>:<record id>`, the credit platform's record reference (for repairs and objections). */
  recordRef: string;
  /** One of the five, or a declared department's name (src/departments/declared/). */
  department: AnyDepartment;
  /** One of the five's kinds, or a declared record's kind. */
  kind: RecordKind | (string & {});
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

/**
 * A record of the current view: in force, or set aside by a court-approved reorganisation, which
 * no longer counts but is shown marked `REORGANIZED` (docs/rules.md "Approval checks") to those who see records in force.
 */
export function current(r: Pick<DishonestyRecord, 'status'>): boolean {
  return inForce(r) || r.status === 'REORGANIZED';
}

/** docs/rules.md "Records and severity": severity of an administrative penalty from its kinds and fine. */
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

/** The credit platform's reference of a department's record: `<department>:<its own number>` (connectors/credit/wire.ts). */
export function recordRefOf(department: AnyDepartment, localId: string, key?: string): string {
  return `${key ?? (DEPARTMENTS as Record<string, { key: string }>)[department]!.key}:${localId}`;
}

/** A record's id: its reference, with the kind added where a court case number names two records. */
export function recordIdOf(
  department: AnyDepartment,
  localId: string,
  kind: RecordKind | (string & {}),
  key?: string,
): string {
  const ref = recordRefOf(department, localId, key);
  return kind === 'ENFORCEMENT_CASE' || kind === 'CONSUMPTION_RESTRICTION' ? `${ref}#${kind}` : ref;
}

/** What a record is made from: where it comes from, what it is, and when. */
interface RecordFacts {
  department: AnyDepartment;
  /** A declared department's key (the five's come from the registry). */
  key?: string;
  localId: string;
  kind: RecordKind | (string & {});
  severity: Severity;
  title: string;
}

/**
 * A declared department's record (docs/departments.md): an event with §3's window by its
 * severity, or a state holding until it ends — repairs, objections and reorganisations apply to
 * it as to any other record, by its reference `<key>:<id>`.
 */
function collectDeclared(c: RecordCollector, f: DeclaredRecordFacts): void {
  const facts = {
    department: f.department,
    key: f.key,
    localId: f.localId,
    kind: f.kind,
    severity: f.severity,
    title: f.title,
  };
  if (f.nature === 'EVENT') c.event(facts, f.date);
  else c.state(facts, f.date, f.endedOn);
  // Shown to the public only where the declaration makes its records public information.
  if (!f.published) c.out.at(-1)!.publicity.published = false;
}

/** Collects one enterprise's records, with the repair and objection state the platform knows. */
class RecordCollector {
  readonly out: DishonestyRecord[] = [];
  private readonly repaired: Set<string>;
  private readonly objections = new Map<string, string>();
  /** The latest court-approved reorganisation plan in effect (§6): records dated before it stop counting. */
  private readonly reorganizedOn: IsoDate | null;

  constructor(
    credit: EnterpriseData['credit'],
    readonly rules: RuleSet,
    readonly today: IsoDate,
  ) {
    this.repaired = new Set(credit?.repairs.map((r) => r.recordRef) ?? []);
    // The latest objection to a record decides (an open one after a rejected one is open again).
    for (const o of credit?.objections ?? []) this.objections.set(o.recordRef, o.status);
    const plans = (credit?.reorganizations ?? []).map((r) => r.approvedOn).filter((d) => d <= today);
    this.reorganizedOn = plans.length ? plans.sort().at(-1)! : null;
  }

  /**
   * §3: repaired, removed (an upheld objection withdraws the record), expired; §6: dated before a
   * reorganisation plan; else disputed or active.
   */
  private statusOf(ref: string, date: IsoDate, until: IsoDate | null, ended: boolean): RecordStatus {
    if (this.repaired.has(ref)) return 'REPAIRED';
    if (ended || this.objections.get(ref) === 'UPHELD') return 'REMOVED';
    if (until !== null && until < this.today) return 'EXPIRED';
    if (this.reorganizedOn !== null && date < this.reorganizedOn) return 'REORGANIZED';
    if (this.objections.get(ref) === 'OPEN') return 'DISPUTED';
    return 'ACTIVE';
  }

  /** A dated event: its window runs from its date, §3's table by severity. */
  event(f: RecordFacts, date: IsoDate, penalty: Penalty | null = null): void {
    const recordRef = recordRefOf(f.department, f.localId, f.key);
    const w =
      this.rules.publicity[
        f.severity === 'SERIOUS' ? 'serious' : f.severity === 'GENERAL' ? 'general' : 'minor'
      ];
    const until = addMonths(date, w.maxMonths);
    this.out.push({
      ...this.identity(f),
      recordRef,
      nature: 'EVENT',
      date,
      endedOn: null,
      publicity: { published: w.published, from: date, until, repairableFrom: addMonths(date, w.minMonths) },
      status: this.statusOf(recordRef, date, until, false),
      penalty,
    });
  }

  /** A state: it holds from `from` until removed, whatever its age (§4). */
  state(f: RecordFacts, from: IsoDate, endedOn: IsoDate | null): void {
    const recordRef = recordRefOf(f.department, f.localId, f.key);
    const ended = endedOn !== null && endedOn <= this.today;
    this.out.push({
      ...this.identity(f),
      recordRef,
      nature: 'STATE',
      date: from,
      endedOn,
      publicity: { published: f.severity !== 'MINOR', from, until: endedOn, repairableFrom: null },
      status: this.statusOf(recordRef, from, null, ended),
      penalty: null,
    });
  }

  private identity(
    f: RecordFacts,
  ): Pick<DishonestyRecord, 'id' | 'department' | 'kind' | 'severity' | 'title'> {
    return {
      id: recordIdOf(f.department, f.localId, f.kind, f.key),
      department: f.department,
      kind: f.kind,
      severity: f.severity,
      title: f.title,
    };
  }
}

/** §2: every administrative penalty, from any department. */
function collectPenalties(c: RecordCollector, data: EnterpriseData): void {
  const penalties = [
    ...(data.tax?.penalties ?? []),
    ...(data.market?.penalties ?? []),
    ...(data.environment?.penalties ?? []),
  ];
  for (const p of penalties) {
    const severity = penaltySeverity(p, c.rules);
    c.event(
      {
        department: p.department,
        localId: p.id,
        kind: 'ADMINISTRATIVE_PENALTY',
        severity,
        title: `${p.kinds.join('、')}：${p.fact}`,
      },
      p.date,
      p,
    );
  }
}

/** §2: major tax cases, tax grade D, arrears, abnormal-taxpayer status. */
function collectTax(c: RecordCollector, t: TaxProfile): void {
  for (const m of t.majorCases) {
    c.state(
      {
        department: 'TAX',
        localId: m.id,
        kind: 'MAJOR_TAX_CASE',
        severity: 'SERIOUS',
        title: `重大税收违法失信案件：${m.fact}`,
      },
      m.listedOn,
      m.removedOn,
    );
  }
  const latest = t.ratings[0];
  if (latest && c.rules.severity.seriousTaxGrades.includes(latest.grade)) {
    const title = `${latest.year}年度纳税信用${latest.grade}级`;
    c.state(
      { department: 'TAX', localId: `grade-${latest.year}`, kind: 'TAX_GRADE_D', severity: 'SERIOUS', title },
      `${latest.year}-12-31`,
      null,
    );
  }
  // Arrears and abnormal status are current facts with no start date on the wire: dated today.
  if (compareMoney(t.arrears, '0') > 0) {
    c.state(
      {
        department: 'TAX',
        localId: 'arrears',
        kind: 'TAX_ARREARS',
        severity: 'GENERAL',
        title: `欠缴税款${t.arrears}元`,
      },
      c.today,
      null,
    );
  }
  if (t.abnormalTaxpayer) {
    c.state(
      {
        department: 'TAX',
        localId: 'abnormal-taxpayer',
        kind: 'ABNORMAL_TAXPAYER',
        severity: 'GENERAL',
        title: '非正常户',
      },
      c.today,
      null,
    );
  }
}

/** §2: abnormal-operations and serious-violation listings. */
function collectMarketLists(c: RecordCollector, m: MarketRecords): void {
  for (const l of m.abnormalOperations) {
    c.state(
      {
        department: 'MARKET',
        localId: l.id,
        kind: 'ABNORMAL_OPERATIONS',
        severity: 'GENERAL',
        title: `列入经营异常名录：${l.reason}`,
      },
      l.listedOn,
      l.removedOn,
    );
  }
  for (const l of m.seriousViolations) {
    c.state(
      {
        department: 'MARKET',
        localId: l.id,
        kind: 'SERIOUS_VIOLATION',
        severity: 'SERIOUS',
        title: `列入严重违法失信名单：${l.reason}`,
      },
      l.listedOn,
      l.removedOn,
    );
  }
}

/** Card colours as people name them (红牌, not RED牌). */
const CARD_NAME: Record<string, string> = { GREEN: '绿', BLUE: '蓝', YELLOW: '黄', RED: '红', BLACK: '黑' };

/** §2: the latest environmental card, when it is YELLOW (general) or RED/BLACK (serious). */
function collectEnvironmentCard(c: RecordCollector, e: EnvironmentProfile): void {
  const latest = e.ratings[0];
  if (!latest) return;
  const { seriousEnvironmentCards, generalEnvironmentCards } = c.rules.severity;
  const severity: Severity | null = seriousEnvironmentCards.includes(latest.card)
    ? 'SERIOUS'
    : generalEnvironmentCards.includes(latest.card)
      ? 'GENERAL'
      : null;
  if (!severity) return;
  const title = `${latest.year}年度环保信用${CARD_NAME[latest.card] ?? latest.card}牌`;
  c.state(
    {
      department: 'ENVIRONMENT',
      localId: `card-${latest.year}`,
      kind: 'ENVIRONMENTAL_CARD',
      severity,
      title,
    },
    `${latest.year}-12-31`,
    null,
  );
}

/** §2: dishonest-debtor entries (serious while listed), enforcement cases and restriction orders. */
function collectCourt(c: RecordCollector, j: JudicialRecords): void {
  for (const d of j.dishonestDebtor) {
    const title = `失信被执行人（${d.court}）：${d.situation}`;
    c.state(
      { department: 'COURT', localId: d.caseCode, kind: 'DISHONEST_DEBTOR', severity: 'SERIOUS', title },
      d.publishedOn,
      d.onList ? null : (d.removedOn ?? d.publishedOn),
    );
  }
  for (const e of j.enforcementCases) {
    c.event(
      {
        department: 'COURT',
        localId: e.caseCode,
        kind: 'ENFORCEMENT_CASE',
        severity: 'GENERAL',
        title: `被执行人（${e.court}），执行标的${e.amount}元`,
      },
      e.filedOn,
    );
  }
  for (const r of j.consumptionRestrictions) {
    c.event(
      {
        department: 'COURT',
        localId: r.caseCode,
        kind: 'CONSUMPTION_RESTRICTION',
        severity: 'GENERAL',
        title: `限制消费令（${r.court}）`,
      },
      r.issuedOn,
    );
  }
}

/** §2: BLACK list entries and breached commitments. */
function collectCredit(c: RecordCollector, p: CreditPlatformRecords): void {
  for (const l of p.lists) {
    if (l.list !== 'BLACK') continue;
    c.state(
      {
        department: 'CREDIT',
        localId: l.id,
        kind: 'BLACK_LIST',
        severity: 'SERIOUS',
        title: `黑名单（${l.domain}）：${l.reason}`,
      },
      l.listedOn,
      l.removedOn,
    );
  }
  for (const m of p.commitments) {
    const facts = {
      department: 'CREDIT' as const,
      localId: m.id,
      kind: 'BREACHED_COMMITMENT' as const,
      severity: 'GENERAL' as const,
    };
    if (m.status === 'BREACHED') c.state({ ...facts, title: `违反信用承诺：${m.matter}` }, m.signedOn, null);
    // §6 (Shanwei plan 7, 承诺核查闭环): still PENDING after its due date counts as BREACHED, from that date.
    else if (m.status === 'PENDING' && m.dueOn !== null && m.dueOn < c.today) {
      c.state({ ...facts, title: `逾期未履行信用承诺：${m.matter}（应于${m.dueOn}前履行）` }, m.dueOn, null);
    }
  }
}

/** Builds the unified records of one enterprise as of `today`. Departments absent from `data` add nothing. */
export function collectRecords(data: EnterpriseData, rules: RuleSet, today: IsoDate): DishonestyRecord[] {
  const c = new RecordCollector(data.credit, rules, today);
  collectPenalties(c, data);
  if (data.tax) collectTax(c, data.tax);
  if (data.market) collectMarketLists(c, data.market);
  if (data.environment) collectEnvironmentCard(c, data.environment);
  if (data.judicial) collectCourt(c, data.judicial);
  if (data.credit) collectCredit(c, data.credit);
  for (const f of data.declared ?? []) collectDeclared(c, f);
  return c.out.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.id.localeCompare(b.id)));
}
