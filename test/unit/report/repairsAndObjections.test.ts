/**
 * The credit report's 八、信用修复与异议 (docs/rules.md "Objections", "Interviews"): who answers an
 * objection and by when, the answer, the 约谈 records — and, with the ledger away when the report is
 * made, that those are unknown rather than absent (a silent "—" would read as "none").
 */
import { describe, expect, it } from 'vitest';
import { repairsAndObjections } from '../../../src/frontends/report/reportHtml.ts';

const text = (html: string): string => html.replace(/<[^>]+>/g, '');
const objection = {
  id: 'OB-1',
  recordRef: 'market:汕市监罚〔2025〕88号',
  status: 'OPEN',
  filedOn: '2025-09-26',
  resolvedOn: null,
  progress: {
    department: 'MARKET',
    answerDueOn: '2025-09-29',
    compareDueOn: '2025-10-10',
    deadlinesKnown: true,
    decision: null,
    answer: null,
    answeredOn: null,
    overdue: true,
  },
};
const credit = { lists: [], commitments: [], repairs: [], objections: [objection] };
const interview = {
  department: 'MARKET',
  kind: 'PROMPT',
  heldOn: '2025-10-01',
  required: '整改',
  rectifyBy: '2025-10-20',
  rectifiedOn: '2025-10-18',
  overdue: false,
};

describe('八、信用修复与异议', () => {
  it('says who answers each objection, by when, and flags it overdue; lists the interviews as not graded', () => {
    const html = text(repairsAndObjections(credit as never, [], [interview]));
    expect(html).toContain('市场监管：2025-09-29 前书面答复，2025-10-10 前完成核查（已逾期）');
    expect(html).toContain('约谈记录（不计入信用评价）');
    expect(html).toContain('2025-10-01市场监管提示约谈整改2025-10-20已整改（2025-10-18）');
  });

  it('with the ledger away, says the workflow and the interviews are unavailable — not "none"', () => {
    const html = text(
      repairsAndObjections(
        { ...credit, objections: [{ ...objection, progress: null }] } as never,
        [],
        null,
        true,
      ),
    );
    expect(html.match(/暂不可用（全市信用账本暂不可用，出具时无法读取）/g)).toHaveLength(2);
    expect(html).not.toContain('约谈记录（不计入信用评价）无');
  });

  it('an objection whose deadline year the calendar lacks says the deadline is to be set', () => {
    const unknown = {
      ...objection,
      progress: {
        ...objection.progress,
        deadlinesKnown: false,
        answerDueOn: null,
        compareDueOn: null,
        overdue: false,
      },
    };
    expect(text(repairsAndObjections({ ...credit, objections: [unknown] } as never, [], []))).toContain(
      '市场监管（期限待定：工作日历未涵盖该年度）',
    );
  });
});
