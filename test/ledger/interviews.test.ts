/**
 * 约谈 in process with the embedded ledger (docs/rules.md "Interviews"): market regulation's
 * candidates are the enterprises with its records graded C or D or alerted; an interview is
 * recorded and shown in the enterprise's credit record without changing its grade; a deadline
 * passed without the rectification marked done puts the enterprise back among the candidates, and
 * marking it done takes it off. A department's system acts for itself only.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken } from '../../src/auth/devIssuer.ts';
import { testNow } from '../helpers/gateway.ts';
import { buildUscc } from '../../src/credit/uscc.ts';
import type { EnterpriseData } from '../../src/model/unifiedModel.ts';
import { enterprise, penalty } from '../helpers/domain.ts';
import { principal, startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';

/** Ten enterprises: the first five with a serious market record (graded low), the rest clean. */
const codes = Array.from({ length: 10 }, (_, i) => buildUscc('9', '1', '441500', String(71_000_000 + i)));
const world: EnterpriseData[] = codes.map((uscc, i) => {
  const e = enterprise((x) => {
    if (i < 5) x.market.penalties.push(penalty(['责令停产停业'], null, '2026-09-01'));
  });
  return { ...e, uscc, registration: { ...e.registration, uscc } };
});
const market = principal('department', { org: 'MARKET', purpose: 'SUPERVISION' });
const tax = principal('department', { org: 'TAX', purpose: 'SUPERVISION' });
const clerk = principal('clerk', { org: 'hall', purpose: 'BIDDING' });
const CANDIDATES = '{ interviewCandidates(department: MARKET) { uscc grade reasons } }';
const RECORD =
  'mutation($i: InterviewInput!) { recordInterview(input: $i) { id kind heldOn rectifyBy rectifiedOn overdue } }';

let gw: InProcessGateway;
let dir: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-interviews-'));
  gw = await startInProcess(world, { LEDGER: 'true', LEDGER_DIR: dir, BACKFILL: 'false' });
  for (const u of codes)
    await gw.run('query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }', { u }, clerk);
  const roster = '{ roster(filter: {}, first: 1) { totalCount } }';
  const regulator = principal('regulator', { org: 'samr', purpose: 'SUPERVISION' });
  for (let i = 0; i < 200 && (await gw.run(roster, {}, regulator)).data?.roster.totalCount !== 10; i++)
    await new Promise((r) => setTimeout(r, 50));
}, 120_000);
afterAll(async () => {
  await gw.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('约谈', () => {
  it('candidates, an interview recorded and shown (not graded), a missed deadline back on the list, rectified off it', async () => {
    const listed = (await gw.run(CANDIDATES, {}, market)).data.interviewCandidates as Array<{
      uscc: string;
      grade: string;
      reasons: string[];
    }>;
    expect(listed.map((c) => c.uscc)).toEqual(codes.slice(0, 5));
    for (const c of listed) expect(c.reasons).toContain('GRADE');
    // Tax holds none of their records: no candidates of its own, and it may not read market's.
    expect(
      (await gw.run('{ interviewCandidates(department: TAX) { uscc } }', {}, tax)).data.interviewCandidates,
    ).toEqual([]);
    expect((await gw.run(CANDIDATES, {}, tax)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const grade = async (u: string) =>
      (await gw.run('query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } } }', { u }, clerk)).data
        .enterprise.evaluation.grade;
    const before = await grade(codes[0]!);
    const input = (u: string, rectifyBy: string) => ({
      uscc: u,
      department: 'MARKET',
      kind: 'WARNING',
      heldOn: '2026-10-01',
      officials: '市场监管局 张三、李四',
      required: '十日内整改',
      rectifyBy,
    });
    const late = await gw.run(RECORD, { i: input(codes[0]!, '2026-10-15') }, market);
    expect(late.errors).toBeUndefined();
    expect(late.data.recordInterview).toMatchObject({ kind: 'WARNING', rectifiedOn: null, overdue: true });
    // A clean enterprise interviewed, its deadline passed: on the list for that alone.
    const cleanLate = await gw.run(RECORD, { i: input(codes[7]!, '2026-10-20') }, market);
    const onTime = await gw.run(RECORD, { i: input(codes[8]!, '2026-11-20') }, market);
    expect(onTime.data.recordInterview.overdue).toBe(false);
    const again = (await gw.run(CANDIDATES, {}, market)).data.interviewCandidates as Array<{
      uscc: string;
      reasons: string[];
    }>;
    expect(again.find((c) => c.uscc === codes[0])?.reasons).toEqual(['GRADE', 'RECTIFICATION_OVERDUE']);
    expect(again.find((c) => c.uscc === codes[7])?.reasons).toEqual(['RECTIFICATION_OVERDUE']);
    expect(again.some((c) => c.uscc === codes[8])).toBe(false);

    // In the enterprise's record, seen by officials and the enterprise; the grade unchanged.
    const shown = await gw.run(
      'query($u: USCC!) { enterprise(uscc: $u) { interviews { department kind heldOn officials required rectifyBy overdue } } }',
      { u: codes[0] },
      principal('enterprise', { uscc: codes[0], purpose: 'SELF_QUERY' }),
    );
    expect(shown.data.enterprise.interviews).toEqual([
      {
        department: 'MARKET',
        kind: 'WARNING',
        heldOn: '2026-10-01',
        officials: '市场监管局 张三、李四',
        required: '十日内整改',
        rectifyBy: '2026-10-15',
        overdue: true,
      },
    ]);
    expect(await grade(codes[0]!)).toBe(before);
    // In the hall's check, among its basis: shown to the clerk, the verdict unchanged by it.
    const CHECK =
      'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict basis { interviews { department kind rectifyBy overdue } } } }';
    const checked = (await gw.run(CHECK, { u: codes[8] }, clerk)).data.creditCheck;
    expect(checked.basis.interviews).toEqual([
      { department: 'MARKET', kind: 'WARNING', rectifyBy: '2026-11-20', overdue: false },
    ]);
    expect(checked.verdict).toBe(
      (
        await gw.run(
          'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }',
          { u: codes[9] },
          clerk,
        )
      ).data.creditCheck.verdict,
    );
    // And in the credit report, in words, marked as not graded.
    await new Promise<void>((r) => gw.server.httpServer.listen(0, '127.0.0.1', r));
    const { port } = gw.server.httpServer.address() as AddressInfo;
    const self = {
      authorization: `Bearer ${await mintDevToken({ role: 'enterprise', uscc: codes[0]! }, testNow())}`,
      'x-purpose': 'SELF_QUERY',
    };
    const report = (
      await (await fetch(`http://127.0.0.1:${port}/reports/${codes[0]}`, { headers: self })).text()
    ).replace(/<[^>]+>/g, '');
    expect(report).toContain('约谈记录（不计入信用评价）');
    expect(report).toContain('2026-10-01市场监管警示约谈十日内整改2026-10-15逾期未整改');
    expect(
      (
        await gw.run(
          'query($u: USCC!) { enterprise(uscc: $u) { interviews { id } } }',
          { u: codes[0] },
          principal('public'),
        )
      ).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');

    // Rectified: off the list for it (the clean one leaves entirely); once only; tax may not mark it.
    const MARK = 'mutation($id: ID!) { markRectified(id: $id) { rectifiedOn overdue } }';
    const id = cleanLate.data.recordInterview.id;
    expect((await gw.run(MARK, { id }, tax)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await gw.run(MARK, { id }, market)).data.markRectified).toEqual({
      rectifiedOn: '2026-11-01',
      overdue: false,
    });
    expect((await gw.run(MARK, { id }, market)).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
    });
    const after = (await gw.run(CANDIDATES, {}, market)).data.interviewCandidates as Array<{ uscc: string }>;
    expect(after.some((c) => c.uscc === codes[7])).toBe(false);

    // Bad input names its field; another department may not record for market regulation.
    for (const [i, argument] of [
      [{ ...input(codes[1]!, '2026-09-01') }, 'input.rectifyBy'],
      [{ ...input(codes[1]!, '2026-12-01'), heldOn: '2026-12-01' }, 'input.heldOn'],
      [{ ...input(codes[1]!, '2026-12-01'), officials: ' ' }, 'input.officials'],
    ] as const) {
      const r = await gw.run(RECORD, { i }, market);
      expect(r.errors?.[0]?.extensions, argument).toMatchObject({ code: 'BAD_USER_INPUT', argument });
    }
    expect(
      (await gw.run(RECORD, { i: input(codes[1]!, '2026-12-01') }, tax)).errors?.[0]?.extensions?.code,
    ).toBe('FORBIDDEN');
    expect(gw.audit.map((e) => e.action)).toEqual(
      expect.arrayContaining(['interview.record', 'interview.rectified']),
    );
  });
});
