/**
 * Lawful measures (docs/rules.md "Lawful measures"): every shipped rule set loads;
 * a Hebei city's clause in a Guangdong rule set, a punitive measure resting on a city plan and a
 * three-year text encoded as 12 months are each refused by name, all problems of a file at once;
 * no measure of a shipped rule set cites outside its jurisdiction.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RULE_SETS, loadRuleSet } from '../../../src/config/gatewayConfig.ts';
import { assessEnterprise } from '../../../src/credit/assess.ts';
import { addMonths } from '../../../src/credit/dates.ts';
import { parseRuleSet, RuleSetError } from '../../../src/credit/ruleSet.ts';
import { enterprise, penalty, RULES, SHANWEI, TODAY } from '../../helpers/domain.ts';

const raw = (name: string): any =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../../../src/credit/rulesets', `${name}.json`), 'utf8'));

const LANGFANG = {
  title: '廊坊市人民政府办公室关于推进企业信用分级分类监管工作的实施意见',
  level: 'CITY',
  region: { province: '河北省', city: '廊坊市' },
};
const refused = (r: unknown): RuleSetError => {
  try {
    parseRuleSet(r, 'draft.json');
  } catch (err) {
    expect(err).toBeInstanceOf(RuleSetError);
    return err as RuleSetError;
  }
  return expect.unreachable('a rule set that should be refused loaded') as never;
};
const index = (r: any, code: string): number => r.measures.findIndex((m: any) => m.code === code);

describe('lawful measures', () => {
  it.each(BUNDLED_RULE_SETS)(
    'the shipped rule set %s loads, names its jurisdiction and who must confirm it',
    (name) => {
      const r = loadRuleSet(name);
      expect(r.jurisdiction.province).toBeTruthy();
      expect(r.confirmation).toMatch(/发展(和)?改革局.*司法局/);
      for (const m of r.measures) expect(m.legalBasis).toMatch(/^《/);
    },
  );

  it.each(BUNDLED_RULE_SETS)('no measure of %s cites a document outside its jurisdiction', (name) => {
    const r = loadRuleSet(name);
    for (const m of r.measures)
      for (const b of m.basis) {
        const d = r.documents[b.document]!;
        expect([undefined, r.jurisdiction.province]).toContain(d.region.province);
        expect([undefined, r.jurisdiction.city]).toContain(d.region.city);
        expect([undefined, r.jurisdiction.county]).toContain(d.region.county);
      }
  });

  it('a Hebei city document cited in a Guangdong rule set is refused, naming the measure and the region', () => {
    const r = raw('shanwei');
    r.documents.LANGFANG = LANGFANG;
    r.measures[index(r, 'LICENCE_REVOKED_RESTRICTED')].basis.push({
      document: 'LANGFANG',
      clause: '四（二）',
    });
    const err = refused(r);
    expect(err.problems).toEqual([
      {
        path: `measures[${index(r, 'LICENCE_REVOKED_RESTRICTED')}].basis[1]`,
        problem: expect.stringMatching(
          /LICENCE_REVOKED_RESTRICTED cites 《廊坊市.*》, a document of 河北省廊坊市, outside this rule set's jurisdiction \(广东省汕尾市\)/,
        ),
      },
    ]);
  });

  it('a punitive measure resting only on a city plan is refused', () => {
    const r = raw('shanwei');
    const k = index(r, 'HONOURS_RESTRICTED');
    r.measures[k].basis = [{ document: 'SW_PLAN', clause: '第8条' }];
    expect(refused(r).problems).toEqual([
      {
        path: `measures[${k}].basis`,
        problem: expect.stringMatching(
          /^HONOURS_RESTRICTED is punitive but cites only 《汕尾市.*（市级文件）: a restriction needs a law/,
        ),
      },
    ]);
  });

  it('a three-year text encoded as 12 months is refused', () => {
    const r = raw('default');
    const k = index(r, 'TOLERANCE_ACCEPTANCE');
    r.measures[k].when.cleanMonths = 12;
    expect(refused(r).problems).toEqual([
      {
        path: `measures[${k}].when`,
        problem: expect.stringMatching(
          /asks for 36 months without an adverse record, but its condition asks for 12/,
        ),
      },
    ]);
  });

  it('lists every problem of a file, not the first', () => {
    const r = raw('shanwei');
    r.documents.LANGFANG = LANGFANG;
    const revoked = index(r, 'LICENCE_REVOKED_RESTRICTED');
    r.measures[revoked].basis = [{ document: 'LANGFANG', clause: '四（二）' }];
    delete r.measures[index(r, 'GREEN_CHANNEL')].when.cleanMonths;
    r.documents.GF33.region = { province: '广东省' };
    const err = refused(r);
    expect(err.problems.map((p) => p.path)).toEqual([
      'documents.GF33.region',
      `measures[${index(r, 'GREEN_CHANNEL')}].when`,
      `measures[${revoked}].basis[0]`,
      `measures[${revoked}].basis`,
    ]);
    expect(err.message).toContain('4 problems');
  });
});

describe('the shipped measures as their texts state them', () => {
  const general = (date: string) => penalty(['罚款'], '20000.00', date);
  const serious = (date: string) => penalty(['责令停产停业'], null, date);

  it('an operating enterprise graded 差 (two serious records) under the Shanwei rule set is not restricted for licensing', () => {
    const a = assessEnterprise(
      enterprise((e) => e.market.penalties.push(serious('2026-09-01'), serious('2026-10-01'))),
      { rules: SHANWEI, today: TODAY },
    );
    expect(a.evaluation.label).toBe('差');
    const licensing = a.check('ADMINISTRATIVE_LICENSING');
    expect(licensing.verdict).not.toBe('RESTRICTED');
    expect(licensing.measures.filter((m) => m.kind === 'RESTRICTION')).toEqual([]);
    // Its serious records still restrict what national texts restrict.
    expect(a.check('GOVERNMENT_PROCUREMENT').verdict).toBe('RESTRICTED');
  });

  it.each([
    ['default', RULES],
    ['shanwei', SHANWEI],
  ])(
    '%s: a general record 14 months old keeps an A-graded enterprise from 容缺受理 (三年无不良信用记录)',
    (_n, rules) => {
      const a = assessEnterprise(
        enterprise((e) => e.market.penalties.push(general(addMonths(TODAY, -14)))),
        { rules, today: TODAY },
      );
      const tolerance = a.check('TOLERANCE_ACCEPTANCE');
      expect(tolerance.verdict).not.toBe('FAST_TRACK');
      expect(tolerance.measures.map((m) => m.code)).not.toContain('TOLERANCE_ACCEPTANCE');
      // 37 months on, the record no longer stands in the way.
      const clean = assessEnterprise(
        enterprise((e) => e.market.penalties.push(general(addMonths(TODAY, -37)))),
        { rules, today: TODAY },
      );
      expect(clean.check('TOLERANCE_ACCEPTANCE').measures.map((m) => m.code)).toContain(
        'TOLERANCE_ACCEPTANCE',
      );
    },
  );
});
