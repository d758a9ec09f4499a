/**
 * Credit rules v2 (docs/rules.md "Grades and completeness", docs/access.md), as tables over both bundled rule sets: a revoked licence
 * restricts every matter, overdue commitments count as breached, the red list fast-tracks, a reorganisation
 * sets earlier records aside, an objection to the grade disputes it, base ratios per department;
 * and two invariants as properties.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assessEnterprise } from '../../../src/credit/assess.ts';
import { superviseGrade } from '../../../src/credit/evaluate.ts';
import { MATTERS, type RuleSet } from '../../../src/credit/ruleSet.ts';
import { DEPARTMENT_NAMES, type Department, type EnterpriseData } from '../../../src/model/unifiedModel.ts';
import { enterprise, penalty, RULES, SHANWEI, TODAY } from '../../helpers/domain.ts';

const general = (date: string) => penalty(['罚款'], '20000.00', date);
const serious = (date: string) => penalty(['责令停产停业'], null, date);
const assess = (e: EnterpriseData, rules: RuleSet = RULES, missing: Department[] = []) =>
  assessEnterprise(e, { rules, today: TODAY, missingDepartments: missing });
const SETS: Array<[string, RuleSet]> = [
  ['default', RULES],
  ['shanwei', SHANWEI],
];

const revoked = () =>
  enterprise((e) => {
    e.registration.status = 'REVOKED';
    e.registration.statusText = '吊销';
  });
const redListed = (patch: (e: ReturnType<typeof enterprise>) => void = () => {}) =>
  enterprise((e) => {
    e.credit.lists.push({
      id: 'R1',
      list: 'RED',
      domain: '纳税信用',
      reason: '连续三年A级',
      authority: '税务局',
      listedOn: '2026-01-01',
      removedOn: null,
    });
    patch(e);
  });
const commitment = (status: 'PENDING' | 'FULFILLED' | 'BREACHED', dueOn: string | null) => ({
  id: 'CM1',
  type: '告知承诺',
  matter: '行政许可',
  content: '补齐材料',
  signedOn: '2026-06-01',
  dueOn,
  status,
});

// Rules v3: the revoked licence restricts every matter on a national basis (the Company
// Law's dissolution and liquidation), no longer on Langfang's clause — another province's city document.
describe.each(SETS)('a revoked licence (D / 差) restricts every matter (%s)', (_name, rules) => {
  it.each(MATTERS)('%s → RESTRICTED, with the Company Law basis', (matter) => {
    const a = assess(revoked(), rules);
    expect(a.evaluation.rank).toBe(Math.max(...rules.grades.map((g) => g.rank)));
    const c = a.check(matter);
    expect(c.verdict).toBe('RESTRICTED');
    const basis = c.measures.find((m) => m.code === 'LICENCE_REVOKED_RESTRICTED')?.legalBasis;
    expect(basis).toContain('《中华人民共和国公司法》');
    expect(basis).not.toContain('廊坊');
  });
});

describe('overdue commitments count as breached (docs/rules.md "Approval checks")', () => {
  it.each([
    ['due yesterday, still PENDING', commitment('PENDING', '2026-10-31'), true],
    ['due today, still PENDING', commitment('PENDING', TODAY), false],
    ['due tomorrow', commitment('PENDING', '2026-11-02'), false],
    ['no deadline', commitment('PENDING', null), false],
    ['fulfilled after its due date', commitment('FULFILLED', '2026-09-01'), false],
  ])('%s → breached: %s', (_n, c, breached) => {
    const a = assess(enterprise((e) => e.credit.commitments.push(c)));
    expect(a.records.some((r) => r.kind === 'BREACHED_COMMITMENT')).toBe(breached);
    expect(a.evaluation.grade).toBe(breached ? 'B' : 'A');
    expect(a.check('COMMITMENT_SYSTEM').verdict).toBe(breached ? 'RESTRICTED' : 'FAST_TRACK');
  });
});

describe.each(SETS)('the red list (%s, docs/rules.md "Approval checks")', (_name, rules) => {
  it('an active RED entry with a general record: FAST_TRACK with the green channel, funding priority for subsidies', () => {
    const a = assess(
      redListed((e) => e.market.penalties.push(general('2026-09-01'))),
      rules,
    );
    expect(a.evaluation.rank).toBeGreaterThan(0);
    const licensing = a.check('ADMINISTRATIVE_LICENSING');
    expect(licensing.verdict).toBe('FAST_TRACK');
    expect(licensing.measures.map((m) => m.code)).toEqual(
      expect.arrayContaining(['RED_LIST_GREEN_CHANNEL', 'RED_LIST_TOLERANCE_ACCEPTANCE']),
    );
    expect(a.check('FISCAL_SUBSIDY').measures.map((m) => m.code)).toContain('RED_LIST_FUNDING_PRIORITY');
  });

  it.each([
    [
      'a serious record in force',
      (e: ReturnType<typeof enterprise>) => e.market.penalties.push(serious('2026-09-01')),
      [],
    ],
    [
      'an open objection',
      (e: ReturnType<typeof enterprise>) =>
        e.credit.objections.push({
          id: 'O',
          recordRef: 'evaluation',
          status: 'OPEN',
          filedOn: '2026-10-01',
          resolvedOn: null,
        }),
      [],
    ],
    ['a department missing', () => {}, ['COURT'] as Department[]],
    [
      'the entry removed',
      (e: ReturnType<typeof enterprise>) => {
        e.credit.lists[0]!.removedOn = '2026-10-01';
        e.market.penalties.push(general('2026-09-01'));
      },
      [],
    ],
  ])('no FAST_TRACK for licensing with %s', (_n, patch, missing) => {
    expect(assess(redListed(patch), rules, missing).check('ADMINISTRATIVE_LICENSING').verdict).not.toBe(
      'FAST_TRACK',
    );
  });
});

describe('a court-approved reorganisation sets earlier records aside (docs/rules.md "Approval checks")', () => {
  const plan = { caseNo: '(2026)粤15破1号', court: '汕尾中院', approvedOn: '2026-08-01' };
  it('a serious penalty before the plan: REORGANIZED, not counted', () => {
    const a = assess(
      enterprise((e) => {
        e.market.penalties.push(serious('2026-05-01'));
        e.credit.reorganizations.push(plan);
      }),
    );
    expect(a.records[0]!.status).toBe('REORGANIZED');
    expect(a.evaluation.grade).toBe('A');
    expect(a.check('GOVERNMENT_PROCUREMENT').verdict).toBe('FAST_TRACK');
  });

  it('one after the plan counts as ever', () => {
    const a = assess(
      enterprise((e) => {
        e.market.penalties.push(serious('2026-09-01'));
        e.credit.reorganizations.push(plan);
      }),
    );
    expect(a.records[0]!.status).toBe('ACTIVE');
    expect(a.check('GOVERNMENT_PROCUREMENT').verdict).toBe('RESTRICTED');
  });

  it('a plan approved in the future does nothing yet', () => {
    const a = assess(
      enterprise((e) => {
        e.market.penalties.push(serious('2026-05-01'));
        e.credit.reorganizations.push({ ...plan, approvedOn: '2026-12-01' });
      }),
    );
    expect(a.records[0]!.status).toBe('ACTIVE');
  });
});

describe('an objection to the grade (docs/access.md)', () => {
  it('shows the grade disputed and blocks FAST_TRACK', () => {
    const a = assess(
      enterprise((e) =>
        e.credit.objections.push({
          id: 'O',
          recordRef: 'evaluation',
          status: 'OPEN',
          filedOn: '2026-10-01',
          resolvedOn: null,
        }),
      ),
    );
    expect(a.evaluation).toMatchObject({ grade: 'A', disputed: true });
    expect(a.check('ADMINISTRATIVE_LICENSING').verdict).toBe('NORMAL');
  });

  it('a rejected one does not', () => {
    const a = assess(
      enterprise((e) =>
        e.credit.objections.push({
          id: 'O',
          recordRef: 'evaluation',
          status: 'REJECTED',
          filedOn: '2026-10-01',
          resolvedOn: '2026-10-05',
        }),
      ),
    );
    expect(a.evaluation.disputed).toBe(false);
    expect(a.check('ADMINISTRATIVE_LICENSING').verdict).toBe('FAST_TRACK');
  });
});

describe('inspection ratios per department (docs/rules.md "Supervision and alerts")', () => {
  it('each department’s base ratio from the rule set; without one, the default', () => {
    const rules: RuleSet = { ...RULES, departmentBaseRatios: { MARKET: 0.1 } };
    expect(superviseGrade('C', rules, 'MARKET')).toMatchObject({
      department: 'MARKET',
      baseRatio: 0.1,
      inspectionRatio: 0.2,
    });
    expect(superviseGrade('C', rules, 'TAX')).toMatchObject({
      department: 'TAX',
      baseRatio: 0.05,
      inspectionRatio: 0.1,
    });
    expect(superviseGrade('A', rules, null)).toMatchObject({
      department: null,
      baseRatio: 0.05,
      inspectionRatio: 0.025,
    });
  });
});

/** Random records of an enterprise, of every severity, over three years. */
const arbitraryPenalty = fc
  .record({
    kind: fc.constantFrom(['警告'], ['罚款'], ['责令停产停业']),
    daysAgo: fc.integer({ min: 0, max: 1000 }),
  })
  .map(({ kind, daysAgo }) => {
    const d = new Date(Date.parse(`${TODAY}T00:00:00Z`) - daysAgo * 86_400_000).toISOString().slice(0, 10);
    return penalty([...kind], kind[0] === '罚款' ? '50000.00' : null, d);
  });

describe('invariants (properties)', () => {
  it.each(SETS)('adding a record never improves a grade (%s)', (_n, rules) => {
    fc.assert(
      fc.property(
        fc.array(arbitraryPenalty, { maxLength: 8 }),
        arbitraryPenalty,
        fc.boolean(),
        (records, extra, red) => {
          const base = enterprise((e) => {
            e.market.penalties.push(...records);
            if (red)
              e.credit.lists.push({
                id: 'R',
                list: 'RED',
                domain: 'd',
                reason: 'r',
                authority: 'a',
                listedOn: '2026-01-01',
                removedOn: null,
              });
          });
          const more = { ...base, market: { ...base.market, penalties: [...base.market.penalties, extra] } };
          expect(assess(more, rules).evaluation.rank).toBeGreaterThanOrEqual(
            assess(base, rules).evaluation.rank,
          );
        },
      ),
    );
  });

  it('a provisional grade never fast-tracks, whatever the data and the matter', () => {
    fc.assert(
      fc.property(
        fc.array(arbitraryPenalty, { maxLength: 4 }),
        fc.boolean(),
        fc.subarray([...DEPARTMENT_NAMES], { minLength: 1 }),
        fc.constantFrom(...MATTERS),
        (records, red, missing, matter) => {
          const e = red
            ? redListed((x) => x.market.penalties.push(...records))
            : enterprise((x) => x.market.penalties.push(...records));
          expect(assess(e, RULES, missing).check(matter).verdict).not.toBe('FAST_TRACK');
        },
      ),
    );
  });
});
