/**
 * Tier fusion (docs/rules.md "Supervision and alerts"): per department,
 * the grade's tier and the department's own rating's tier, the stricter winning — a table over
 * every grade × taxpayer grade × environmental card, for both shipped rule sets, against an
 * expectation written out here, not computed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { loadRuleSet } from '../../../src/config/gatewayConfig.ts';
import { departmentTiers, industryRatingsOf, superviseGrade } from '../../../src/credit/evaluate.ts';
import { parseRuleSet } from '../../../src/credit/ruleSet.ts';

const STRICTNESS = ['TRUSTED', 'NORMAL', 'KEY', 'STRICT'];
const stricter = (a: string, b: string): string => (STRICTNESS.indexOf(a) >= STRICTNESS.indexOf(b) ? a : b);
/** What each rating means as a tier in both shipped rule sets (low → TRUSTED, normal → NORMAL, high → KEY). */
const TAX_TIER: Record<string, string> = { A: 'TRUSTED', B: 'NORMAL', M: 'NORMAL', C: 'KEY', D: 'KEY' };
const CARD_TIER: Record<string, string> = {
  GREEN: 'TRUSTED',
  BLUE: 'TRUSTED',
  YELLOW: 'NORMAL',
  RED: 'KEY',
  BLACK: 'KEY',
};

describe.each([
  ['domain-default', { A: 'TRUSTED', B: 'NORMAL', C: 'KEY', D: 'STRICT' }],
  ['shanwei', { EXCELLENT: 'TRUSTED', GOOD: 'NORMAL', FAIR: 'KEY', POOR: 'STRICT' }],
] as const)('tier fusion in %s', (name, gradeTier: Record<string, string>) => {
  const rules = loadRuleSet(name === 'domain-default' ? 'default' : name);

  it.each(Object.keys(gradeTier))('grade %s × every taxpayer grade × every card', (grade) => {
    for (const tax of Object.keys(TAX_TIER))
      for (const card of Object.keys(CARD_TIER)) {
        const ratings = { TAX: tax, ENVIRONMENT: card };
        const tiers = departmentTiers(grade, rules, ratings);
        const why = `${grade} × ${tax} × ${card}`;
        expect(tiers.TAX, why).toBe(stricter(gradeTier[grade]!, TAX_TIER[tax]!));
        expect(tiers.ENVIRONMENT, why).toBe(stricter(gradeTier[grade]!, CARD_TIER[card]!));
        // Departments without a rating of their own: the grade alone.
        for (const d of ['MARKET', 'COURT', 'CREDIT'] as const) expect(tiers[d], why).toBe(gradeTier[grade]);
      }
  });

  it('supervision for a department shows both inputs and the ratio of the fused tier', () => {
    const best = Object.keys(gradeTier).find((g) => gradeTier[g] === 'TRUSTED')!;
    const s = superviseGrade(best, rules, 'TAX', { TAX: 'C', ENVIRONMENT: 'GREEN' });
    expect(s).toMatchObject({
      grade: best,
      gradeTier: 'TRUSTED',
      industryRating: 'C',
      industryRisk: 'HIGH',
      riskTier: 'KEY',
      tier: 'KEY',
      ratioToBase: 2,
    });
    // No rating (a new taxpayer not yet graded): the grade alone, said as such.
    expect(superviseGrade(best, rules, 'TAX', {})).toMatchObject({
      tier: 'TRUSTED',
      industryRating: null,
      industryRisk: null,
    });
    // No department: the grade alone.
    expect(superviseGrade(best, rules, null, { TAX: 'D' })).toMatchObject({
      tier: 'TRUSTED',
      industryRating: null,
    });
  });
});

describe('industry fusion data', () => {
  it('reads the latest rating of each, whatever order the departments list them in', () => {
    expect(
      industryRatingsOf({
        tax: {
          ratings: [
            { year: 2023, grade: 'A' },
            { year: 2025, grade: 'C' },
            { year: 2024, grade: 'B' },
          ],
        },
        environment: {
          ratings: [
            { year: 2025, card: 'YELLOW' },
            { year: 2024, card: 'GREEN' },
          ],
        },
      }),
    ).toEqual({ TAX: 'C', ENVIRONMENT: 'YELLOW' });
    expect(industryRatingsOf({ tax: null, environment: { ratings: [] } })).toEqual({
      TAX: null,
      ENVIRONMENT: null,
    });
  });

  it('a fusion naming a tier the rule set does not have is refused by name', () => {
    const json = JSON.parse(JSON.stringify(loadRuleSet('default'))) as Record<string, any>;
    for (const m of json.measures) delete m.legalBasis;
    json.industryRisk.tiers.HIGH = 'WATCHED';
    expect(() => parseRuleSet(json, 'draft.json')).toThrow(/industryRisk\.tiers\.HIGH: no tier WATCHED/);
  });

  it('a rating mapped for a department that keeps none (market regulation, a declared department without a rating) is refused', () => {
    for (const department of ['MARKET', 'LICENSING', 'NOBODY']) {
      const json = JSON.parse(JSON.stringify(loadRuleSet('default'))) as Record<string, any>;
      for (const m of json.measures) delete m.legalBasis;
      json.industryRisk.ratings[department] = { A: 'LOW' };
      expect(() => parseRuleSet(json, 'draft.json'), department).toThrow(
        new RegExp(`industryRisk\\.ratings\\.${department}.*not a department that rates enterprises`),
      );
    }
  });

  it("a declared department's rating is read beside tax's and environment's", () => {
    expect(
      industryRatingsOf({ tax: null, environment: null, declaredRatings: { NINTH: 'C', TENTH: null } }),
    ).toEqual({ NINTH: 'C', TENTH: null, TAX: null, ENVIRONMENT: null });
  });
});
