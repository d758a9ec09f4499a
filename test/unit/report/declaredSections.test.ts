/**
 * The declared departments' parts of the credit report, from their declarations alone: the shipped
 * licensing declaration fills 二、行政许可 with a row per licence (booleans in words, a missing value
 * a dash, text escaped); nothing held says so; a reader outside the audiences and a department that
 * did not answer are each said, never shown as "no licences".
 */
import { describe, expect, it } from 'vitest';
import {
  declaredReportKeys,
  declaredReportSelection,
  declaredSections,
} from '../../../src/frontends/report/declaredSections.ts';

const licence = {
  decidedOn: '2024-03-15',
  title: '食品经营许可决定书',
  decisionNumber: '汕许字〔2024〕101号',
  category: '普通',
  number: 'XK<b>1</b>',
  validUntil: null,
  authority: '汕尾市行政审批局',
  inForce: false,
  stateReason: '吊销许可证件',
};

describe('declared report sections', () => {
  it('the query asks for exactly the fields the columns show', () => {
    expect(declaredReportKeys()).toEqual(['licensing']);
    expect(declaredReportSelection()).toBe(
      'licensing { licences { decidedOn title decisionNumber category number validUntil authority inForce stateReason } }',
    );
  });

  it('licensing fills 行政许可: one row per licence, in words', () => {
    const { filled, own } = declaredSections({ licensing: { licences: [licence] } }, {});
    expect(own).toEqual([]);
    const html = filled.get('行政许可')!;
    expect(html).toContain('id="declared-licensing"');
    expect(html).toContain('<th class="nw">许可决定文书</th>');
    const row = /<tbody><tr>(.*?)<\/tr>/.exec(html)![1]!;
    const cells = [...row.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1]!.replace(/<\/?span[^>]*>/g, ''));
    expect(cells).toEqual([
      '2024-03-15',
      '食品经营许可决定书',
      '汕许字〔2024〕101号',
      '普通',
      'XK&lt;b&gt;1&lt;/b&gt;',
      '—',
      '汕尾市行政审批局',
      '否',
      '吊销许可证件',
    ]);
  });

  it('no licences, a reader outside the audiences and a department away are three different sentences', () => {
    const say = (e: Record<string, unknown>, status = {}) =>
      declaredSections(e, status).filled.get('行政许可');
    expect(say({ licensing: { licences: [] } })).toBe('<p class="none">无行政许可信息。</p>');
    expect(say({ licensing: null })).toBe('<p class="none">无行政许可信息。</p>');
    expect(say({ licensing: null }, { licensing: 'FORBIDDEN' })).toContain('不在本报告查询人可查看的范围内');
    expect(say({ licensing: null }, { licensing: 'SOURCE_UNAVAILABLE' })).toContain(
      '行政许可部门暂未应答，本节信息缺失',
    );
  });
});
