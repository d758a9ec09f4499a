import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nextGradeHistory, riskAlerts } from '../../../src/credit/alerts.ts';
import { decisive } from '../../../src/credit/checks.ts';
import { addDays, addMonths } from '../../../src/credit/dates.ts';
import { superviseGrade } from '../../../src/credit/evaluate.ts';
import { assessEnterprise } from '../../../src/credit/assess.ts';
import type { Department, EnterpriseData } from '../../../src/model/unifiedModel.ts';
import { collectRecords } from '../../../src/credit/collectRecords.ts';
import {
  MATTERS,
  parseRuleSet,
  RuleSetError,
  type Matter,
  type RuleSet,
} from '../../../src/credit/ruleSet.ts';
import { enterprise, penalty, RULES, SHANWEI, TODAY } from '../../helpers/domain.ts';

const general = (date: string, dept: 'MARKET' | 'TAX' | 'ENVIRONMENT' = 'MARKET') =>
  penalty(['罚款'], '20000.00', date, dept);
const serious = (date: string) => penalty(['责令停产停业'], null, date);

// The production pipeline itself (src/credit/assess.ts), not a copy of it.
const evaluate = (e: EnterpriseData, rules: RuleSet = RULES, missing: Department[] = []) =>
  assessEnterprise(e, { rules, today: TODAY, missingDepartments: missing });
const withGeneral = (count: number, date = '2026-10-01') =>
  enterprise((e) => {
    for (let i = 0; i < count; i++) e.market.penalties.push(general(date));
  });

describe('grades A–D (docs/rules.md "Grades and completeness")', () => {
  it.each([
    [0, 'A', 'NO_RECORDS'],
    [1, 'B', 'ONE_TO_FIVE_GENERAL'],
    [5, 'B', 'ONE_TO_FIVE_GENERAL'],
    [6, 'C', 'MORE_THAN_FIVE_GENERAL'],
  ])('%i general records in the period → %s', (count, grade, rule) => {
    const { evaluation } = evaluate(withGeneral(count));
    expect(evaluation).toMatchObject({
      grade,
      basis: { rule },
      ruleSet: 'domain-default',
      version: '2026.12',
      evaluatedAt: TODAY,
      period: { from: '2025-11-01', to: TODAY },
    });
    expect(evaluation.basis.records).toHaveLength(count);
  });

  it('D when the licence is revoked, checked first, even with nothing else', () => {
    const e = enterprise((x) => {
      x.registration.status = 'REVOKED';
      x.market.penalties.push(serious('2026-10-01'));
    });
    expect(evaluate(e).evaluation).toMatchObject({ grade: 'D', basis: { rule: 'LICENCE_REVOKED' } });
  });

  it('C for any serious record in force, even older than the period', () => {
    const e = enterprise((x) => x.market.penalties.push(serious(addMonths(TODAY, -30))));
    expect(evaluate(e).evaluation).toMatchObject({ grade: 'C', basis: { rule: 'SERIOUS_IN_FORCE' } });
    const gone = enterprise((x) => x.market.penalties.push(serious(addDays(addMonths(TODAY, -36), -1))));
    expect(evaluate(gone).evaluation.grade).toBe('A');
  });

  it('counts a general event only when dated in the period (from exclusive, today inclusive)', () => {
    expect(evaluate(withGeneral(1, addMonths(TODAY, -12))).evaluation.grade).toBe('A');
    expect(evaluate(withGeneral(1, addDays(addMonths(TODAY, -12), 1))).evaluation.grade).toBe('B');
    expect(evaluate(withGeneral(1, TODAY)).evaluation.grade).toBe('B');
  });

  it('counts a state while it holds, whatever its start', () => {
    const e = enterprise((x) =>
      x.market.abnormalOperations.push({
        id: 'a',
        reason: '',
        listedOn: '2015-01-01',
        authority: '',
        removedOn: null,
        removalReason: null,
      }),
    );
    expect(evaluate(e).evaluation.grade).toBe('B');
    const removed = enterprise((x) =>
      x.market.abnormalOperations.push({
        id: 'a',
        reason: '',
        listedOn: '2015-01-01',
        authority: '',
        removedOn: '2026-01-01',
        removalReason: '',
      }),
    );
    expect(evaluate(removed).evaluation.grade).toBe('A');
  });

  it('never lets minor records change the grade', () => {
    const e = enterprise((x) => {
      for (let i = 0; i < 20; i++) x.market.penalties.push(penalty(['警告'], null, '2026-10-01'));
    });
    expect(evaluate(e).evaluation.grade).toBe('A');
  });

  it('says which departments were missing', () => {
    expect(evaluate(withGeneral(0), RULES, ['COURT']).evaluation.missingDepartments).toEqual(['COURT']);
  });

  const recordArb = fc.record({
    kind: fc.constantFrom('minor', 'general', 'serious'),
    ago: fc.integer({ min: 0, max: 1500 }),
    dept: fc.constantFrom('MARKET', 'TAX', 'ENVIRONMENT'),
    repaired: fc.boolean(),
  });
  const build = (rs: Array<{ kind: string; ago: number; dept: any; repaired: boolean }>) =>
    enterprise((e) => {
      for (const r of rs) {
        const p =
          r.kind === 'minor'
            ? penalty(['警告'], null, addDays(TODAY, -r.ago), r.dept)
            : r.kind === 'general'
              ? general(addDays(TODAY, -r.ago), r.dept)
              : { ...serious(addDays(TODAY, -r.ago)), department: r.dept };
        (r.dept === 'TAX'
          ? e.tax.penalties
          : r.dept === 'ENVIRONMENT'
            ? e.environment.penalties
            : e.market.penalties
        ).push(p);
        if (r.repaired)
          e.credit.repairs.push({ recordRef: `${r.dept.toLowerCase()}:${p.id}`, repairedOn: TODAY });
      }
    });

  it('property: a repaired record never changes a grade', () => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 10 }), recordArb, (base, extra) => {
        const without = evaluate(build(base.map((r) => ({ ...r, repaired: false })))).evaluation.grade;
        const withRepaired = evaluate(
          build([...base.map((r) => ({ ...r, repaired: false })), { ...extra, repaired: true }]),
        ).evaluation.grade;
        expect(withRepaired).toBe(without);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['default', RULES],
    ['shanwei', SHANWEI],
  ] as const)('property (%s): adding a serious record never improves a grade', (_n, rules) => {
    fc.assert(
      fc.property(fc.array(recordArb, { maxLength: 10 }), fc.integer({ min: 0, max: 1000 }), (base, ago) => {
        const before = evaluate(build(base), rules).evaluation.rank;
        const after = evaluate(
          build([...base, { kind: 'serious', ago, dept: 'MARKET', repaired: false }]),
          rules,
        ).evaluation.rank;
        expect(after).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300 },
    );
  });
});

describe('graded supervision (docs/rules.md "Supervision and alerts")', () => {
  it.each([
    ['A', 'TRUSTED', 0.5],
    ['B', 'NORMAL', 1],
    ['C', 'KEY', 2],
    ['D', 'STRICT', 3],
  ])('%s → %s at %f × base', (grade, tier, ratio) => {
    const s = superviseGrade(grade, RULES);
    expect(s).toMatchObject({ grade, tier, ratioToBase: ratio, baseRatio: 0.05 });
    expect(s.inspectionRatio).toBeCloseTo(0.05 * ratio, 10);
    expect(s.onSite.length).toBeGreaterThan(4);
  });
});

describe('approval checks (docs/rules.md "Approval checks")', () => {
  const RESTRICTED_BY_SERIOUS: Matter[] = [
    'GOVERNMENT_PROCUREMENT',
    'BIDDING',
    'FISCAL_SUBSIDY',
    'HONOURS',
    'QUALIFICATION_GRADING',
    'TOLERANCE_ACCEPTANCE',
    'COMMITMENT_SYSTEM',
  ];

  it.each(RESTRICTED_BY_SERIOUS)(
    'a serious record in force → RESTRICTED for %s, with legal basis',
    (matter) => {
      const c = evaluate(enterprise((e) => e.market.penalties.push(serious('2026-01-01')))).check(matter);
      expect(c.verdict).toBe('RESTRICTED');
      expect(c.measures.every((m) => m.kind === 'RESTRICTION' && m.legalBasis.length > 10)).toBe(true);
      expect(c.records).toHaveLength(1);
    },
  );

  it('a serious record alone does not restrict licensing; a dishonest debtor does', () => {
    expect(
      evaluate(enterprise((e) => e.market.penalties.push(serious('2026-01-01')))).check(
        'ADMINISTRATIVE_LICENSING',
      ).verdict,
    ).toBe('NORMAL');
    const debtor = enterprise((e) =>
      e.judicial.dishonestDebtor.push({
        caseCode: 'C',
        court: '',
        publishedOn: '2025-01-01',
        performance: '',
        duty: '',
        situation: '',
        onList: true,
        removedOn: null,
      }),
    );
    const c = evaluate(debtor).check('ADMINISTRATIVE_LICENSING');
    expect(c.verdict).toBe('RESTRICTED');
    expect(c.measures.map((m) => m.code)).toEqual(['LICENSING_FAST_TRACK_RESTRICTED']);
  });

  it('a BREACHED commitment in the period bars the commitment system only', () => {
    const e = enterprise((x) =>
      x.credit.commitments.push({
        id: 'c',
        type: '',
        matter: '',
        content: '',
        signedOn: '2026-06-01',
        dueOn: null,
        status: 'BREACHED',
      }),
    );
    expect(evaluate(e).check('COMMITMENT_SYSTEM')).toMatchObject({
      verdict: 'RESTRICTED',
      measures: [{ code: 'COMMITMENT_BREACHED' }],
    });
    expect(evaluate(e).check('BIDDING').verdict).toBe('NORMAL');
    const old = enterprise((x) =>
      x.credit.commitments.push({
        id: 'c',
        type: '',
        matter: '',
        content: '',
        signedOn: '2024-06-01',
        dueOn: null,
        status: 'BREACHED',
      }),
    );
    expect(
      evaluate(old)
        .check('COMMITMENT_SYSTEM')
        .measures.map((m) => m.code),
    ).not.toContain('COMMITMENT_BREACHED');
  });

  it.each(MATTERS)('grade A with no open objection → FAST_TRACK for %s', (matter) => {
    const c = evaluate(withGeneral(0)).check(matter);
    expect(c.verdict).toBe('FAST_TRACK');
    expect(c.measures.map((m) => m.code)).toContain('GREEN_CHANNEL');
  });

  it('grade A with an open objection → NORMAL', () => {
    const e = enterprise((x) =>
      x.credit.objections.push({
        id: 'o',
        recordRef: 'market:x',
        status: 'OPEN',
        filedOn: '2026-10-01',
        resolvedOn: null,
      }),
    );
    expect(evaluate(e).check('GOVERNMENT_PROCUREMENT').verdict).toBe('NORMAL');
  });

  it('grade B → NORMAL', () => {
    expect(evaluate(withGeneral(2)).check('BIDDING')).toMatchObject({ verdict: 'NORMAL', measures: [] });
  });

  // Rules v3 (docs/rules.md, approval checks): a department that could change the verdict and did
  // not answer makes it INCOMPLETE — no longer NORMAL, which a clerk reads as a verdict.
  it('never FAST_TRACK or NORMAL with a department missing that could change it: INCOMPLETE, naming it', () => {
    const c = evaluate(withGeneral(0), RULES, ['COURT']).check('BIDDING');
    expect(c.verdict).toBe('INCOMPLETE');
    expect(c.missing).toEqual(['COURT']);
    expect(c.measures).toEqual([]);
    expect(c.reasons.join(' ')).toContain('COURT');
    // The same with a general record known (grade B: no incentive), the courts silent.
    const b = evaluate(withGeneral(1), RULES, ['COURT', 'TAX']).check('GOVERNMENT_PROCUREMENT');
    expect(b.verdict).toBe('INCOMPLETE');
    expect(b.missing).toEqual(['COURT', 'TAX']);
  });

  it('a missing department that no measure of the matter reads leaves the verdict as it is', () => {
    const courtOnly = {
      ...RULES,
      measures: RULES.measures.filter((m) => Object.keys(m.when).every((k) => k === 'dishonestDebtorActive')),
    };
    expect(courtOnly.measures.length).toBeGreaterThan(0);
    const matter = courtOnly.measures[0]!.matters[0]!;
    expect(decisive(matter, courtOnly, ['TAX', 'COURT'])).toEqual(['COURT']);
    expect(decisive(matter, courtOnly, ['TAX'])).toEqual([]);
    const c = evaluate(withGeneral(0), courtOnly, ['TAX']).check(matter);
    expect(c.verdict).toBe('NORMAL');
    expect(c.missing).toEqual([]);
  });

  it('still RESTRICTED on what it has when a department is missing', () => {
    expect(
      evaluate(
        enterprise((e) => e.market.penalties.push(serious('2026-01-01'))),
        RULES,
        ['TAX'],
      ).check('BIDDING').verdict,
    ).toBe('RESTRICTED');
  });
});

describe('risk alerts (docs/rules.md "Supervision and alerts")', () => {
  const alertsOf = (e: EnterpriseData, history = null) =>
    riskAlerts(collectRecords(e, RULES, TODAY), { rules: RULES, today: TODAY, history });

  it.each([
    [2, []],
    [3, ['FREQUENT_IN_DOMAIN']],
  ])('%i general records from one department in 12 months → %j', (count, kinds) => {
    expect(alertsOf(withGeneral(count)).map((a) => a.kind)).toEqual(kinds);
  });

  it('ignores records older than 12 months and minor ones', () => {
    const e = enterprise((x) => {
      x.market.penalties.push(general('2026-10-01'), general('2026-09-01'), general(addMonths(TODAY, -12)));
      x.market.penalties.push(penalty(['警告'], null, '2026-10-02'));
    });
    expect(alertsOf(e)).toEqual([]);
  });

  it.each([
    [
      'two departments, three records',
      [
        ['MARKET', 2],
        ['TAX', 1],
      ],
      true,
    ],
    [
      'three departments, three records',
      [
        ['MARKET', 1],
        ['TAX', 1],
        ['ENVIRONMENT', 1],
      ],
      true,
    ],
    [
      'two departments, two records',
      [
        ['MARKET', 1],
        ['TAX', 1],
      ],
      false,
    ],
  ] as const)('MULTI_DOMAIN: %s → %s', (_n, spread, raised) => {
    const e = enterprise((x) => {
      for (const [dept, k] of spread)
        for (let i = 0; i < k; i++)
          (dept === 'TAX'
            ? x.tax.penalties
            : dept === 'ENVIRONMENT'
              ? x.environment.penalties
              : x.market.penalties
          ).push(general('2026-10-01', dept));
    });
    expect(alertsOf(e).some((a) => a.kind === 'MULTI_DOMAIN')).toBe(raised);
  });

  it('GRADE_DROP when the grade fell since the previous one computed, and only then', () => {
    let h = nextGradeHistory(null, { grade: 'A', rank: 0, on: '2026-10-01' });
    expect(nextGradeHistory(h, { grade: 'A', rank: 0, on: '2026-10-02' })).toBe(h);
    h = nextGradeHistory(h, { grade: 'C', rank: 2, on: TODAY });
    const drop = riskAlerts([], { rules: RULES, today: TODAY, history: h });
    expect(drop).toEqual([expect.objectContaining({ kind: 'GRADE_DROP', previousGrade: 'A', grade: 'C' })]);
    const rise = nextGradeHistory(h, { grade: 'B', rank: 1, on: TODAY });
    expect(riskAlerts([], { rules: RULES, today: TODAY, history: rise })).toEqual([]);
  });
});

describe('rule sets as data', () => {
  it('the Shanwei set grades on its own scale', () => {
    expect(evaluate(withGeneral(0), SHANWEI).evaluation).toMatchObject({
      grade: 'EXCELLENT',
      label: '优',
      ruleSet: 'shanwei-four-level',
    });
    expect(evaluate(withGeneral(3), SHANWEI).evaluation.grade).toBe('FAIR');
    expect(evaluate(withGeneral(0), SHANWEI).check('BIDDING').verdict).toBe('FAST_TRACK');
  });

  it.each([
    ['grades[1].rank', (r: any) => (r.grades[1].rank = -1)],
    ['grades[4].when', (r: any) => (r.grades[4].when = { generalMin: 0 })],
    ['measures[9].when.grades[0]', (r: any) => (r.measures[9].when.grades = ['Z'])],
    ['grades[0].grade', (r: any) => (r.grades[0].grade = 'E')],
    ['measures[0].matters[0]', (r: any) => (r.measures[0].matters = ['PARKING'])],
    ['severity.colour', (r: any) => (r.severity.colour = 'red')],
    ['publicity.general.maxMonths', (r: any) => (r.publicity.general.maxMonths = '12')],
  ])('refuses a bad rule file naming %s', (path, breakIt) => {
    // The file as it is written (a loaded rule set also carries each measure's basis in words).
    const r = JSON.parse(
      readFileSync(join(import.meta.dirname, '../../../src/credit/rulesets/default.json'), 'utf8'),
    );
    breakIt(r);
    try {
      parseRuleSet(r, 'bad.json');
      expect.unreachable('accepted a bad rule set');
    } catch (err) {
      expect(err).toBeInstanceOf(RuleSetError);
      expect((err as RuleSetError).path).toBe(path);
    }
  });
});
