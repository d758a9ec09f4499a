/**
 * 一公开 of the measure lists (the public page): every measure of the rule set in
 * force, incentives and restrictions apart, with the matters it applies to, its condition and its
 * basis in words, the jurisdiction, and that the city has not confirmed the rule set yet.
 */
import { describe, expect, it } from 'vitest';
import { measuresPage } from '../../../src/frontends/measuresPage.ts';
import { RULES, SHANWEI } from '../../helpers/domain.ts';

describe('the public measure lists', () => {
  it.each([
    ['default', RULES],
    ['shanwei', SHANWEI],
  ])('%s: every measure, in its list, with matters, condition and basis in words', (_n, rules) => {
    const html = measuresPage(rules);
    const [incentives, restrictions] = html.split('<h2>二、失信惩戒措施</h2>') as [string, string];
    for (const m of rules.measures) {
      const where = m.kind === 'INCENTIVE' ? incentives : restrictions;
      expect(where, m.code).toContain(m.name);
    }
    expect(html).toContain('规则集待确认');
    expect(html).toContain(`${rules.jurisdiction.province}${rules.jurisdiction.city}`);
    // Conditions and matters in words, never the codes.
    expect(html).toContain('连续 36 个月无一般及以上失信记录');
    expect(html).toContain('营业执照被吊销');
    expect(html).toContain('政府采购');
    expect(html).not.toMatch(/GOVERNMENT_PROCUREMENT|seriousMin|cleanMonths|LICENCE_REVOKED/);
    expect(restrictions).toContain('《中华人民共和国公司法》');
  });
});
