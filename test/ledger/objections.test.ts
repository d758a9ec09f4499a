/**
 * The objection workflow over HTTP with the sandbox (docs/rules.md "Objections"; docs/rules.md "Objections"): an
 * enterprise objects on Friday 26 September 2025, before the eight days of National Day: the market
 * regulator owes its written answer by Monday the 29th (Sunday the 28th was worked in lieu) and the
 * comparison by 10 October. Market regulation is told at once (an event to its system), sees it in
 * its queue, lets it run overdue, answers; the enterprise sees each step. The gateway's clock is
 * moved by the test; nothing waits on real time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClient as createSseClient } from 'graphql-sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken, type DevTokenClaims } from '../../src/auth/devIssuer.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { postMarketPenalty, samples, startTestSandbox } from '../helpers/sandbox.ts';

let clock = Date.parse('2025-09-26T02:00:00Z'); // Friday, 10:00 in Beijing
let sb: Sandbox;
let gw: TestGateway;
let dir: string;
let uscc: string;
const as = async (claims: DevTokenClaims, purpose?: string): Promise<Record<string, string>> => ({
  authorization: `Bearer ${await mintDevToken(claims, clock)}`,
  ...(purpose ? { 'x-purpose': purpose } : {}),
});
const PROGRESS =
  'id recordRef department filedOn answerDueOn compareDueOn deadlinesKnown decision answer answeredOn overdue';
const QUEUE = `query($d: Department!, $all: Boolean) { objectionQueue(department: $d, includeAnswered: $all) { ${PROGRESS} } }`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-objections-'));
  sb = await startTestSandbox();
  gw = await startTestGateway(
    sb,
    { now: () => clock },
    { LEDGER: 'true', LEDGER_DIR: join(dir, 'ledger'), BACKFILL: 'false', EVENTS_POLL_MS: '50' },
  );
  uscc = (await samples(sb)).clean![0]!;
  await postMarketPenalty(sb, uscc, '汕市监罚〔2025〕88号');
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await sb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('objections with deadlines (异议处理)', () => {
  it('filed on a Friday before a holiday: deadlines from the calendar, the producing department told, answered, seen by the enterprise; overdue flagged', async () => {
    const self = await as({ role: 'enterprise', org: 'self', uscc }, 'SELF_QUERY');
    const market = await as({ role: 'department', org: 'MARKET' }, 'SUPERVISION');
    const tax = await as({ role: 'department', org: 'TAX' }, 'SUPERVISION');
    const regulator = await as({ role: 'regulator', org: 'samr-shanwei' }, 'SUPERVISION');
    const FILE =
      'mutation($r: String!) { fileObjection(input: { recordRef: $r, reason: "已于2025年8月整改完毕" }) { accepted objection { id } } }';
    const filed = await gw.query(FILE, { r: 'market:汕市监罚〔2025〕88号' }, self);
    expect(filed.body.errors).toBeUndefined();
    expect(filed.body.data.fileObjection.accepted).toBe(true);
    const id = filed.body.data.fileObjection.objection.id as string;
    const onGrade = (await gw.query(FILE, { r: 'evaluation' }, self)).body.data.fileObjection.objection
      .id as string;

    // Market regulation is told at once; the grade's objection goes to the credit platform, not to it.
    const events: Array<{ kind: string; objection: { id: string } | null }> = [];
    const sse = createSseClient({ url: `${gw.url}/graphql/stream`, headers: market, retryAttempts: 0 });
    const stop = sse.subscribe(
      { query: 'subscription { creditEvents(after: "0") { kind uscc objection { id recordRef status } } }' },
      {
        next: (r) => r.data && events.push((r.data as any).creditEvents),
        error: () => undefined,
        complete: () => undefined,
      },
    );
    await expect
      .poll(() => events.some((e) => e.kind === 'OBJECTION_FILED' && e.objection?.id === id), {
        timeout: 10_000,
      })
      .toBe(true);
    stop();
    expect(events.filter((e) => e.objection?.id === onGrade)).toEqual([]);

    const expected = {
      id,
      recordRef: 'market:汕市监罚〔2025〕88号',
      department: 'MARKET',
      filedOn: '2025-09-26',
      answerDueOn: '2025-09-29', // Sunday the 28th worked in lieu, then Monday
      compareDueOn: '2025-10-10', // across 1–8 October
      deadlinesKnown: true,
      decision: null,
      answer: null,
      answeredOn: null,
      overdue: false,
    };
    expect((await gw.query(QUEUE, { d: 'MARKET' }, market)).body.data.objectionQueue).toEqual([expected]);
    expect((await gw.query(QUEUE, { d: 'CREDIT' }, regulator)).body.data.objectionQueue).toMatchObject([
      { id: onGrade, department: 'CREDIT' },
    ]);
    // Another department's system reads neither that queue nor answers in it.
    expect((await gw.query(QUEUE, { d: 'MARKET' }, tax)).body.errors[0].extensions.code).toBe('FORBIDDEN');

    // Tuesday 30 September: the answer is a day late, flagged to the department, regulators and the enterprise.
    clock = Date.parse('2025-09-30T02:00:00Z');
    const mine = `query($u: USCC!) { enterprise(uscc: $u) { credit { objections { id status progress { ${PROGRESS} } } } } }`;
    const regulatorNow = await as({ role: 'regulator', org: 'samr-shanwei' }, 'SUPERVISION');
    expect((await gw.query(QUEUE, { d: 'MARKET' }, regulatorNow)).body.data.objectionQueue).toEqual([
      { ...expected, overdue: true },
    ]);
    const selfNow = await as({ role: 'enterprise', org: 'self', uscc }, 'SELF_QUERY');
    const seen = (await gw.query(mine, { u: uscc }, selfNow)).body.data.enterprise.credit.objections;
    expect(seen.find((o: { id: string }) => o.id === id)).toMatchObject({
      status: 'OPEN',
      progress: { overdue: true },
    });

    const ANSWER =
      'mutation($id: ID!, $d: ObjectionDecision!, $a: String!) { answerObjection(id: $id, decision: $d, answer: $a) { decision answer answeredOn overdue } }';
    const taxNow = await as({ role: 'department', org: 'TAX' }, 'SUPERVISION');
    expect(
      (await gw.query(ANSWER, { id, d: 'REJECTED', a: 'x' }, taxNow)).body.errors[0].extensions.code,
    ).toBe('FORBIDDEN');
    const marketNow = await as({ role: 'department', org: 'MARKET' }, 'SUPERVISION');
    expect(
      (await gw.query(ANSWER, { id, d: 'REJECTED', a: '  ' }, marketNow)).body.errors[0].extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'answer',
    });
    const answered = await gw.query(
      ANSWER,
      { id, d: 'REJECTED', a: '整改情况经核查不属实，处罚决定维持。' },
      marketNow,
    );
    expect(answered.body.data.answerObjection).toEqual({
      decision: 'REJECTED',
      answer: '整改情况经核查不属实，处罚决定维持。',
      answeredOn: '2025-09-30',
      overdue: false,
    });
    // Once: a second answer is refused and the first stands.
    expect(
      (await gw.query(ANSWER, { id, d: 'ACCEPTED', a: '改判' }, marketNow)).body.errors[0].extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
    });
    expect((await gw.query(QUEUE, { d: 'MARKET' }, marketNow)).body.data.objectionQueue).toEqual([]);
    expect(
      (await gw.query(QUEUE, { d: 'MARKET', all: true }, marketNow)).body.data.objectionQueue,
    ).toMatchObject([{ id, decision: 'REJECTED' }]);
    // The credit report's 信用修复与异议 section says who answers, by when, and the answer.
    const report = (await (await fetch(`${gw.url}/reports/${uscc}`, { headers: selfNow })).text()).replace(
      /<[^>]+>/g,
      '',
    );
    expect(report).toContain('市场监管：2025-09-29 前书面答复，2025-10-10 前完成核查');
    expect(report).toContain('异议不成立（2025-09-30）：整改情况经核查不属实，处罚决定维持。');
    const after = (await gw.query(mine, { u: uscc }, selfNow)).body.data.enterprise.credit.objections;
    expect(after.find((o: { id: string }) => o.id === id).progress).toMatchObject({
      decision: 'REJECTED',
      answer: '整改情况经核查不属实，处罚决定维持。',
      overdue: false,
    });
  }, 60_000);
});
