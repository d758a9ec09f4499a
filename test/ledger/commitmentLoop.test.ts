/**
 * The commitment loop over HTTP with the sandbox (docs/rules.md "Commitments"; Shanwei plan 7): a
 * clerk registers a commitment at a check naming market regulation as its verifier; market
 * regulation's system sees it on its list, due and then overdue as the (moved) clock passes its
 * day, and marks it breached — set at the credit platform, where the enterprise's commitments
 * (and so its grade and checks) read it: clean and A with a green channel before, a general record,
 * B and normal handling after. Another department's system neither reads the list nor
 * decides; a decision is made once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken, type DevTokenClaims } from '../../src/auth/devIssuer.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

let clock = Date.parse('2026-11-02T02:00:00Z'); // Monday, 10:00 in Beijing
let sb: Sandbox;
let gw: TestGateway;
let dir: string;
let uscc: string;
const as = async (claims: DevTokenClaims, purpose: string): Promise<Record<string, string>> => ({
  authorization: `Bearer ${await mintDevToken(claims, clock)}`,
  'x-purpose': purpose,
});
const LIST = `query($d: Department!, $all: Boolean) { commitmentsToVerify(department: $d, includeDecided: $all) {
  id uscc department type matter dueOn status due overdue decidedOn } }`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cg-commitments-'));
  sb = await startTestSandbox();
  gw = await startTestGateway(
    sb,
    { now: () => clock },
    { LEDGER: 'true', LEDGER_DIR: join(dir, 'ledger'), BACKFILL: 'false' },
  );
  uscc = (await samples(sb)).clean![0]!;
}, 60_000);
afterAll(async () => {
  await gw?.close();
  await sb?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the commitment loop (承诺核查闭环)', () => {
  it('registered at a check for market regulation: on its list, due, overdue, breached at the platform; once', async () => {
    const clerk = await as({ role: 'clerk', org: 'hall-1' }, 'LICENSING');
    const registered = await gw.query(
      'mutation($i: CommitmentInput!) { registerCommitment(input: $i) { accepted id refusal } }',
      {
        i: {
          uscc,
          type: '告知承诺',
          matter: '食品经营许可',
          content: '十个工作日内补交健康证明',
          dueDate: '2026-11-04',
          verifyingDepartment: 'MARKET',
        },
      },
      clerk,
    );
    expect(registered.body.data.registerCommitment).toMatchObject({ accepted: true, refusal: null });
    const id = registered.body.data.registerCommitment.id as string;
    // The enterprise as a regulator and a hall see it when the commitment is registered, and after its department's decision.
    const STANDING = `query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } records { kind department } }
      creditCheck(uscc: $u, matter: HONOURS) { verdict } }`;
    const standing = async () => {
      const r = await gw.query(
        STANDING,
        { u: uscc },
        await as({ role: 'regulator', org: 'samr' }, 'SUPERVISION'),
      );
      expect(r.body.errors).toBeUndefined();
      return r.body.data;
    };
    const before = await standing();
    // Clean and graded A while the commitment is pending and not yet due.
    expect(before.enterprise.records).toEqual([]);
    expect(before.enterprise.evaluation.grade).toBe('A');
    const market = await as({ role: 'department', org: 'MARKET' }, 'SUPERVISION');
    const row = {
      id,
      uscc,
      department: 'MARKET',
      type: '告知承诺',
      matter: '食品经营许可',
      dueOn: '2026-11-04',
      status: 'PENDING',
      decidedOn: null,
    };
    expect((await gw.query(LIST, { d: 'MARKET' }, market)).body.data.commitmentsToVerify).toEqual([
      { ...row, due: false, overdue: false },
    ]);
    const tax = await as({ role: 'department', org: 'TAX' }, 'SUPERVISION');
    expect((await gw.query(LIST, { d: 'MARKET' }, tax)).body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect((await gw.query(LIST, { d: 'TAX' }, tax)).body.data.commitmentsToVerify).toEqual([]);

    // Its day, then the day after: due, then overdue (the gateway's clock).
    clock = Date.parse('2026-11-04T02:00:00Z');
    const marketOn4 = await as({ role: 'department', org: 'MARKET' }, 'SUPERVISION');
    expect((await gw.query(LIST, { d: 'MARKET' }, marketOn4)).body.data.commitmentsToVerify[0]).toMatchObject(
      {
        due: true,
        overdue: false,
      },
    );
    clock = Date.parse('2026-11-05T02:00:00Z');
    const marketOn5 = await as({ role: 'department', org: 'MARKET' }, 'SUPERVISION');
    expect((await gw.query(LIST, { d: 'MARKET' }, marketOn5)).body.data.commitmentsToVerify[0]).toMatchObject(
      {
        due: true,
        overdue: true,
      },
    );

    const VERIFY =
      'mutation($id: ID!, $s: CommitmentVerdict!) { verifyCommitment(id: $id, status: $s) { status decidedOn overdue } }';
    const taxOn5 = await as({ role: 'department', org: 'TAX' }, 'SUPERVISION');
    expect((await gw.query(VERIFY, { id, s: 'FULFILLED' }, taxOn5)).body.errors[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    const breached = await gw.query(VERIFY, { id, s: 'BREACHED' }, marketOn5);
    expect(breached.body.errors).toBeUndefined();
    expect(breached.body.data.verifyCommitment).toEqual({
      status: 'BREACHED',
      decidedOn: '2026-11-05',
      overdue: false,
    });
    expect(
      (await gw.query(VERIFY, { id, s: 'FULFILLED' }, marketOn5)).body.errors[0].extensions,
    ).toMatchObject({
      code: 'BAD_USER_INPUT',
      argument: 'id',
    });
    // Set at the platform: the enterprise's commitments (which the grade reads) say so.
    const regulator = await as({ role: 'regulator', org: 'samr' }, 'SUPERVISION');
    const seen = await gw.query(
      'query($u: USCC!) { enterprise(uscc: $u) { credit { commitments { id status } } } }',
      { u: uscc },
      regulator,
    );
    expect(seen.body.data.enterprise.credit.commitments).toContainEqual({ id, status: 'BREACHED' });
    const after = await standing();
    // The department's decision is the enterprise's record: a general one, so the grade and the check follow.
    expect(after.enterprise.records).toEqual([{ kind: 'BREACHED_COMMITMENT', department: 'CREDIT' }]);
    expect(after.enterprise.evaluation.grade).toBe('B');
    expect([before.creditCheck.verdict, after.creditCheck.verdict]).toEqual(['FAST_TRACK', 'NORMAL']);
    expect((await gw.query(LIST, { d: 'MARKET' }, marketOn5)).body.data.commitmentsToVerify).toEqual([]);
    expect(
      (await gw.query(LIST, { d: 'MARKET', all: true }, marketOn5)).body.data.commitmentsToVerify,
    ).toMatchObject([{ id, status: 'BREACHED' }]);
  }, 60_000);

  it('a declared department verifies what it is named for: 人社 lists and decides a commitment to pay arrears', async () => {
    const clerk = await as({ role: 'clerk', org: 'hall-1' }, 'LICENSING');
    const registered = await gw.query(
      'mutation($i: CommitmentInput!) { registerCommitment(input: $i) { accepted id refusal } }',
      {
        i: {
          uscc,
          type: '信用承诺',
          matter: '劳务派遣经营许可',
          content: '三个月内补缴欠缴的社会保险费',
          dueDate: '2026-12-31',
          verifyingDepartment: 'SOCIAL_INSURANCE',
        },
      },
      clerk,
    );
    expect(registered.body.data.registerCommitment).toMatchObject({ accepted: true, refusal: null });
    const id = registered.body.data.registerCommitment.id as string;
    const hrss = await as({ role: 'department', org: 'SOCIAL_INSURANCE' }, 'SUPERVISION');
    expect(
      (await gw.query(LIST, { d: 'SOCIAL_INSURANCE' }, hrss)).body.data.commitmentsToVerify,
    ).toMatchObject([{ id, department: 'SOCIAL_INSURANCE', status: 'PENDING' }]);
    const market = await as({ role: 'department', org: 'MARKET' }, 'SUPERVISION');
    expect((await gw.query(LIST, { d: 'SOCIAL_INSURANCE' }, market)).body.errors[0].extensions.code).toBe(
      'FORBIDDEN',
    );
    const fulfilled = await gw.query(
      'mutation($id: ID!) { verifyCommitment(id: $id, status: FULFILLED) { department status } }',
      { id },
      hrss,
    );
    expect(fulfilled.body.data.verifyCommitment).toEqual({
      department: 'SOCIAL_INSURANCE',
      status: 'FULFILLED',
    });
  }, 60_000);
});
