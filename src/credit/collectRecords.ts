/**
 * Every negative record from any department as one `DishonestyRecord`
 * (docs/rules.md "Records and severity"): each department's facts read into the collector. Pure:
 * the day is an argument.
 */
import type {
  CreditPlatformRecords,
  EnterpriseData,
  EnvironmentProfile,
  IsoDate,
  JudicialRecords,
  MarketRecords,
  TaxProfile,
} from '../model/unifiedModel.ts';
import { collectDeclared, RecordCollector } from './recordCollector.ts';
import { compareMoney, penaltySeverity, type DishonestyRecord, type Severity } from './records.ts';
import type { RuleSet } from './ruleSet.ts';

/** docs/rules.md "Records and severity": every administrative penalty, from any department. */
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

/** docs/rules.md "Records and severity": major tax cases, tax grade D, arrears, abnormal-taxpayer status. */
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

/** docs/rules.md "Records and severity": abnormal-operations and serious-violation listings. */
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

/** docs/rules.md "Records and severity": the latest environmental card, when it is YELLOW (general) or RED/BLACK (serious). */
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

/** docs/rules.md "Records and severity": dishonest-debtor entries (serious while listed), enforcement cases and restriction orders. */
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

/** docs/rules.md "Records and severity": BLACK list entries and breached commitments. */
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
    // docs/rules.md "Approval checks" (Shanwei plan 7, 承诺核查闭环): still PENDING after its due date counts as BREACHED, from that date.
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
