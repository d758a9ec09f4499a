import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, addDays } from '../../../src/credit/dates.ts';
import { collectRecords } from '../../../src/credit/collectRecords.ts';
import { penaltySeverity } from '../../../src/credit/records.ts';
import { enterprise, penalty, RULES, TODAY } from '../../helpers/domain.ts';

describe('severity of an administrative penalty (docs/rules.md "Records and severity")', () => {
  it.each([
    [['暂扣许可证件'], null, 'SERIOUS'],
    [['降低资质等级'], null, 'SERIOUS'],
    [['吊销许可证件'], null, 'SERIOUS'],
    [['限制开展生产经营活动'], null, 'SERIOUS'],
    [['责令停产停业'], null, 'SERIOUS'],
    [['责令关闭'], null, 'SERIOUS'],
    [['限制从业'], null, 'SERIOUS'],
    [['罚款', '责令停产停业'], '500.00', 'SERIOUS'],
    [['警告'], null, 'MINOR'],
    [['通报批评'], null, 'MINOR'],
    [['警告', '通报批评'], null, 'MINOR'],
    [['罚款'], '9999.99', 'MINOR'],
    [['罚款'], '10000.00', 'MINOR'],
    [['罚款'], '10000.01', 'GENERAL'],
    [['警告', '罚款'], '10000.00', 'MINOR'],
    [['罚款'], null, 'GENERAL'],
    [['没收违法所得'], null, 'GENERAL'],
    [['罚款', '没收违法所得'], '100.00', 'GENERAL'],
    // Revoking the business licence itself is grade D's business, not a serious penalty here.
    [['吊销营业执照'], null, 'GENERAL'],
  ] as const)('%j with fine %s → %s', (kinds, amount, severity) => {
    expect(penaltySeverity({ kinds: [...kinds], amount }, RULES)).toBe(severity);
  });
});

const one = (patch: Parameters<typeof enterprise>[0]) => collectRecords(enterprise(patch), RULES, TODAY);

describe('other records (docs/rules.md "Records and severity")', () => {
  it.each([
    [
      'an active court dishonest-debtor entry',
      (e: any) =>
        e.judicial.dishonestDebtor.push({
          caseCode: 'C',
          court: '',
          publishedOn: '2020-01-01',
          performance: '',
          duty: '',
          situation: '',
          onList: true,
          removedOn: null,
        }),
      'DISHONEST_DEBTOR',
      'SERIOUS',
      'ACTIVE',
    ],
    [
      'a removed court dishonest-debtor entry',
      (e: any) =>
        e.judicial.dishonestDebtor.push({
          caseCode: 'C',
          court: '',
          publishedOn: '2025-01-01',
          performance: '',
          duty: '',
          situation: '',
          onList: false,
          removedOn: '2025-03-01',
        }),
      'DISHONEST_DEBTOR',
      'SERIOUS',
      'REMOVED',
    ],
    [
      'an active serious violation listing',
      (e: any) =>
        e.market.seriousViolations.push({
          id: 's',
          reason: '',
          listedOn: '2019-01-01',
          authority: '',
          removedOn: null,
          removalReason: null,
        }),
      'SERIOUS_VIOLATION',
      'SERIOUS',
      'ACTIVE',
    ],
    [
      'an active major tax case',
      (e: any) => e.tax.majorCases.push({ id: 'm', fact: '', listedOn: '2024-01-01', removedOn: null }),
      'MAJOR_TAX_CASE',
      'SERIOUS',
      'ACTIVE',
    ],
    [
      'tax grade D',
      (e: any) => (e.tax.ratings = [{ year: 2025, grade: 'D' }]),
      'TAX_GRADE_D',
      'SERIOUS',
      'ACTIVE',
    ],
    [
      'an active BLACK entry',
      (e: any) =>
        e.credit.lists.push({
          id: 'b',
          list: 'BLACK',
          domain: '',
          reason: '',
          authority: '',
          listedOn: '2024-01-01',
          removedOn: null,
        }),
      'BLACK_LIST',
      'SERIOUS',
      'ACTIVE',
    ],
    [
      'environmental card RED',
      (e: any) => (e.environment.ratings = [{ year: 2025, card: 'RED' }]),
      'ENVIRONMENTAL_CARD',
      'SERIOUS',
      'ACTIVE',
    ],
    [
      'environmental card BLACK',
      (e: any) => (e.environment.ratings = [{ year: 2025, card: 'BLACK' }]),
      'ENVIRONMENTAL_CARD',
      'SERIOUS',
      'ACTIVE',
    ],
    [
      'environmental card YELLOW',
      (e: any) => (e.environment.ratings = [{ year: 2025, card: 'YELLOW' }]),
      'ENVIRONMENTAL_CARD',
      'GENERAL',
      'ACTIVE',
    ],
    [
      'an enforcement case',
      (e: any) =>
        e.judicial.enforcementCases.push({ caseCode: 'E', court: '', filedOn: '2026-06-01', amount: '1.00' }),
      'ENFORCEMENT_CASE',
      'GENERAL',
      'ACTIVE',
    ],
    [
      'a consumption restriction',
      (e: any) =>
        e.judicial.consumptionRestrictions.push({ caseCode: 'R', court: '', issuedOn: '2026-06-01' }),
      'CONSUMPTION_RESTRICTION',
      'GENERAL',
      'ACTIVE',
    ],
    [
      'an active abnormal-operations listing',
      (e: any) =>
        e.market.abnormalOperations.push({
          id: 'a',
          reason: '',
          listedOn: '2018-01-01',
          authority: '',
          removedOn: null,
          removalReason: null,
        }),
      'ABNORMAL_OPERATIONS',
      'GENERAL',
      'ACTIVE',
    ],
    ['tax arrears above zero', (e: any) => (e.tax.arrears = '0.01'), 'TAX_ARREARS', 'GENERAL', 'ACTIVE'],
    [
      'abnormal taxpayer status',
      (e: any) => (e.tax.abnormalTaxpayer = true),
      'ABNORMAL_TAXPAYER',
      'GENERAL',
      'ACTIVE',
    ],
    [
      'a BREACHED commitment',
      (e: any) =>
        e.credit.commitments.push({
          id: 'c',
          type: '',
          matter: '',
          content: '',
          signedOn: '2026-01-01',
          status: 'BREACHED',
        }),
      'BREACHED_COMMITMENT',
      'GENERAL',
      'ACTIVE',
    ],
  ])('%s', (_name, patch, kind, severity, status) => {
    const records = one(patch);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ kind, severity, status });
  });

  it.each([
    ['zero arrears', (e: any) => (e.tax.arrears = '0.00')],
    [
      'a GREEN or BLUE card',
      (e: any) =>
        (e.environment.ratings = [
          { year: 2025, card: 'BLUE' },
          { year: 2024, card: 'RED' },
        ]),
    ],
    [
      'a RED list (an honour) entry',
      (e: any) =>
        e.credit.lists.push({
          id: 'r',
          list: 'RED',
          domain: '',
          reason: '',
          authority: '',
          listedOn: '2024-01-01',
          removedOn: null,
        }),
    ],
    [
      'a FULFILLED or PENDING commitment',
      (e: any) =>
        e.credit.commitments.push({
          id: 'c',
          type: '',
          matter: '',
          content: '',
          signedOn: '2026-01-01',
          status: 'PENDING',
        }),
    ],
    ['tax grade C', (e: any) => (e.tax.ratings = [{ year: 2025, grade: 'C' }])],
  ])('%s is no record', (_n, patch) => expect(one(patch)).toEqual([]));
});

describe('record titles read as people say them', () => {
  it('an environmental card is named by its Chinese colour (红牌, not RED牌)', () => {
    const titles = (['RED', 'BLACK', 'YELLOW'] as const).map(
      (card) => one((e: any) => (e.environment.ratings = [{ year: 2025, card }]))[0]!.title,
    );
    expect(titles).toEqual(['2025年度环保信用红牌', '2025年度环保信用黑牌', '2025年度环保信用黄牌']);
  });
});

describe('record identity', () => {
  it('one court case number names the debtor entry and the enforcement case: ids differ, the recordRef is shared, and one repair covers both', () => {
    const withCase = (repaired: boolean) =>
      one((e) => {
        e.judicial.dishonestDebtor.push({
          caseCode: '(2026)粤1502执1号',
          court: '',
          publishedOn: '2026-09-01',
          performance: '',
          duty: '',
          situation: '',
          onList: true,
          removedOn: null,
        });
        e.judicial.enforcementCases.push({
          caseCode: '(2026)粤1502执1号',
          court: '',
          filedOn: '2026-08-01',
          amount: '1.00',
        });
        if (repaired)
          e.credit.repairs.push({ recordRef: 'court:(2026)粤1502执1号', repairedOn: '2026-10-01' });
      });
    const records = withCase(false);
    expect(records.map((r) => r.id).sort()).toEqual([
      'court:(2026)粤1502执1号',
      'court:(2026)粤1502执1号#ENFORCEMENT_CASE',
    ]);
    expect(new Set(records.map((r) => r.recordRef))).toEqual(new Set(['court:(2026)粤1502执1号']));
    expect(withCase(true).map((r) => r.status)).toEqual(['REPAIRED', 'REPAIRED']);
  });
});

describe('publicity windows and status (docs/rules.md "Publicity and repair")', () => {
  const at = (kinds: string[], amount: string | null, date: string) =>
    one((e) => e.market.penalties.push(penalty(kinds, amount, date)))[0]!;

  it.each([
    // severity, kinds, fine, months of the maximum window
    ['minor', ['警告'], null, 3, false],
    ['general', ['罚款'], '20000.00', 12, true],
    ['serious', ['责令停产停业'], null, 36, true],
  ] as const)(
    '%s: in force through its last day, expired the day after',
    (_s, kinds, amount, months, published) => {
      const lastDay = addMonths(TODAY, -months); // until = date + months = TODAY
      const r = at([...kinds], amount, lastDay);
      expect(r.publicity).toMatchObject({ published, from: lastDay, until: TODAY });
      expect(r.status).toBe('ACTIVE');
      expect(at([...kinds], amount, addDays(lastDay, -1)).status).toBe('EXPIRED');
      expect(at([...kinds], amount, addDays(lastDay, 1)).status).toBe('ACTIVE');
    },
  );

  it('names the minimum window as the earliest repair', () => {
    expect(at(['罚款'], '20000.00', '2026-05-01').publicity.repairableFrom).toBe('2026-08-01');
    expect(at(['责令关闭'], null, '2026-05-01').publicity.repairableFrom).toBe('2027-05-01');
  });

  it('marks repaired, disputed and withdrawn records', () => {
    const p = penalty(['罚款'], '20000.00', '2026-09-01');
    const q = penalty(['罚款'], '20000.00', '2026-09-02');
    const r = penalty(['罚款'], '20000.00', '2026-09-03');
    const records = one((e) => {
      e.market.penalties.push(p, q, r);
      e.credit.repairs.push({ recordRef: `market:${p.id}`, repairedOn: '2026-10-01' });
      e.credit.objections.push({
        id: 'o1',
        recordRef: `market:${q.id}`,
        status: 'OPEN',
        filedOn: '2026-10-01',
        resolvedOn: null,
      });
      e.credit.objections.push({
        id: 'o2',
        recordRef: `market:${r.id}`,
        status: 'UPHELD',
        filedOn: '2026-10-01',
        resolvedOn: '2026-10-03',
      });
    });
    const byId = Object.fromEntries(records.map((x) => [x.id, x.status]));
    expect(byId).toEqual({
      [`market:${p.id}`]: 'REPAIRED',
      [`market:${q.id}`]: 'DISPUTED',
      [`market:${r.id}`]: 'REMOVED',
    });
  });

  it('property: an event is in force exactly while today is within its window', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2000 }),
        fc.constantFrom(['警告'], ['罚款'], ['责令关闭']),
        (ago, kinds) => {
          const date = addDays(TODAY, -ago);
          const r = at([...kinds], kinds[0] === '罚款' ? '50000.00' : null, date);
          const months = kinds[0] === '警告' ? 3 : kinds[0] === '罚款' ? 12 : 36;
          expect(r.status === 'ACTIVE').toBe(addMonths(date, months) >= TODAY);
        },
      ),
      { numRuns: 500 },
    );
  });
});
