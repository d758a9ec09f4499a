/**
 * Credit rules v2 over HTTP against the sandbox (docs/rules.md "Grades and completeness", docs/access.md): each new sample gives the
 * verdict the rules say; commitments are registered through the gateway; a bank reads the grade
 * under an EVALUATION consent; an objection to the grade disputes it; a report is refused while a
 * department is down and nothing is cached.
 */
import { describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/credit/uscc.ts';
import { NO_CACHE, headersFor } from '../helpers/gateway.ts';
import { setFaults } from '../helpers/sandbox.ts';
import { useGateway } from '../helpers/useGateway.ts';

const fx = useGateway({ env: NO_CACHE });
const CHECK =
  'query($u: USCC!, $m: Matter!) { creditCheck(uscc: $u, matter: $m) { verdict complete measures { code } } enterprise(uscc: $u) { evaluation { grade disputed complete } } }';
const regulator = () => headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' });
const clerk = () => headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' });
const sample = (trait: string): string => fx.traits[trait]![0]!;

describe('rules v2 over HTTP, per sample', () => {
  it('redListedWithGeneral: grade B, yet FAST_TRACK through the red list', async () => {
    const { body } = await fx.gw.query(
      CHECK,
      { u: sample('redListedWithGeneral'), m: 'ADMINISTRATIVE_LICENSING' },
      await regulator(),
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprise.evaluation.grade).toBe('B');
    expect(body.data.creditCheck.verdict).toBe('FAST_TRACK');
    expect(body.data.creditCheck.measures.map((m: { code: string }) => m.code)).toContain(
      'RED_LIST_GREEN_CHANNEL',
    );
  });

  it('overdueCommitment: counted as breached — grade B, the commitment system barred, the commitment shown overdue', async () => {
    const u = sample('overdueCommitment');
    const { body } = await fx.gw.query(CHECK, { u, m: 'COMMITMENT_SYSTEM' }, await regulator());
    expect(body.data.enterprise.evaluation.grade).toBe('B');
    expect(body.data.creditCheck.verdict).toBe('RESTRICTED');
    expect(body.data.creditCheck.measures.map((m: { code: string }) => m.code)).toContain(
      'COMMITMENT_BREACHED',
    );
    const c = await fx.gw.query(
      'query($u: USCC!) { enterprise(uscc: $u) { credit { commitments { status dueOn overdue } } } }',
      { u },
      await regulator(),
    );
    expect(c.body.data.enterprise.credit.commitments).toContainEqual(
      expect.objectContaining({ status: 'PENDING', overdue: true }),
    );
  });

  it('reorganized: the serious record before the plan is REORGANIZED and bars nothing', async () => {
    const u = sample('reorganized');
    const r = await fx.gw.query(
      'query($u: USCC!) { enterprise(uscc: $u) { records { kind severity status } credit { reorganizations { caseNo approvedOn } } } creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) { verdict } }',
      { u },
      await regulator(),
    );
    expect(r.body.errors).toBeUndefined();
    expect(r.body.data.enterprise.credit.reorganizations).toHaveLength(1);
    expect(r.body.data.enterprise.records).toContainEqual({
      kind: 'ADMINISTRATIVE_PENALTY',
      severity: 'SERIOUS',
      status: 'REORGANIZED',
    });
    expect(r.body.data.creditCheck.verdict).not.toBe('RESTRICTED');
  });

  it('evaluationConsent: the consented bank reads the grade; another bank is refused', async () => {
    const u = sample('evaluationConsent');
    const q =
      'query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade ruleSet version evaluatedAt complete } } }';
    const yes = await fx.gw.query(
      q,
      { u },
      await headersFor({ role: 'bank', org: 'sandbox-bank', purpose: 'PRE_CREDIT' }),
    );
    expect(yes.body.errors).toBeUndefined();
    expect(yes.body.data.enterprise.evaluation).toMatchObject({ ruleSet: 'domain-default', complete: true });
    const no = await fx.gw.query(
      q,
      { u },
      await headersFor({ role: 'bank', org: 'other-bank', purpose: 'PRE_CREDIT' }),
    );
    expect(no.body.data.enterprise.evaluation).toBeNull();
    expect(no.body.errors[0].extensions.code).toBe('CONSENT_REQUIRED');
  });
});

describe('commitments registered through the gateway (docs/rules.md "Approval checks")', () => {
  const REGISTER = 'mutation($i: CommitmentInput!) { registerCommitment(input: $i) { accepted id refusal } }';
  const input = (uscc: string, dueDate: string | null) => ({
    uscc,
    type: '告知承诺',
    matter: '食品经营许可',
    content: '三个月内补交健康证明',
    dueDate,
  });

  it('a clerk registers one: the platform records it PENDING, and the enterprise’s commitments show it', async () => {
    const u = sample('clean');
    const { body } = await fx.gw.query(REGISTER, { i: input(u, '2027-02-01') }, await clerk());
    expect(body.data.registerCommitment).toMatchObject({ accepted: true, refusal: null });
    const id = body.data.registerCommitment.id;
    const c = await fx.gw.query(
      'query($u: USCC!) { enterprise(uscc: $u) { credit { commitments { id status dueOn overdue } } } }',
      { u },
      await regulator(),
    );
    expect(c.body.data.enterprise.credit.commitments).toContainEqual({
      id,
      status: 'PENDING',
      dueOn: '2027-02-01',
      overdue: false,
    });
  });

  it('refuses a due date already past, and an unknown enterprise; an enterprise user may not register', async () => {
    const past = await fx.gw.query(REGISTER, { i: input(sample('clean'), '2026-01-01') }, await clerk());
    expect(past.body.data.registerCommitment).toMatchObject({
      accepted: false,
      refusal: 'INVALID_COMMITMENT',
    });
    // A 容缺受理 commitment without a due date would never fall due: refused, nothing registered.
    const open = await fx.gw.query(
      REGISTER,
      { i: { ...input(sample('clean'), null), type: '容缺受理承诺' } },
      await clerk(),
    );
    expect(open.body.data.registerCommitment).toMatchObject({
      accepted: false,
      refusal: 'DUE_DATE_REQUIRED',
    });
    const unknown = await fx.gw.query(
      REGISTER,
      { i: input(buildUscc('9', '1', '440300', '99999990'), null) },
      await clerk(),
    );
    expect(unknown.body.data.registerCommitment).toMatchObject({
      accepted: false,
      refusal: 'UNKNOWN_ENTERPRISE',
    });
    const u = sample('clean');
    const self = await fx.gw.query(
      REGISTER,
      { i: input(u, null) },
      await headersFor({ role: 'enterprise', uscc: u, purpose: 'SELF_QUERY' }),
    );
    expect(self.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});

describe('an objection to the grade (docs/access.md)', () => {
  it('the grade shows disputed and is no longer fast-tracked', async () => {
    const u = fx.traits.clean![1]!;
    const before = await fx.gw.query(CHECK, { u, m: 'ADMINISTRATIVE_LICENSING' }, await regulator());
    expect(before.body.data.creditCheck.verdict).toBe('FAST_TRACK');
    const owner = await headersFor({ role: 'enterprise', uscc: u, purpose: 'SELF_QUERY' });
    const filed = await fx.gw.query(
      'mutation { fileObjection(input: { recordRef: "evaluation", reason: "评价依据有误" }) { accepted } }',
      {},
      owner,
    );
    expect(filed.body.data.fileObjection.accepted).toBe(true);
    const after = await fx.gw.query(CHECK, { u, m: 'ADMINISTRATIVE_LICENSING' }, await regulator());
    expect(after.body.data.enterprise.evaluation.disputed).toBe(true);
    expect(after.body.data.creditCheck.verdict).toBe('NORMAL');
  });
});

describe('a provisional grade is never certified (docs/rules.md "Grades and completeness")', () => {
  it('with the courts down and nothing cached, the report answers REPORT_INCOMPLETE naming them, with Retry-After', async () => {
    const u = sample('clean');
    await setFaults(fx.sb, 'court', { down: true });
    try {
      const res = await fetch(`${fx.gw.url}/reports/${u}`, { headers: await clerk() });
      expect(res.status).toBe(503);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      const body = (await res.json()) as {
        errors: Array<{ extensions: { code: string; departments: string[] } }>;
      };
      expect(body.errors[0]!.extensions).toEqual({ code: 'REPORT_INCOMPLETE', departments: ['COURT'] });
    } finally {
      await setFaults(fx.sb, 'court', null);
    }
  });
});
