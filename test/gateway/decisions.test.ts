import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { dept, samples, startTestSandbox } from '../helpers/sandbox.ts';

let sb: Sandbox;
let gw: TestGateway;
let traits: Record<string, string[]>;
beforeAll(async () => {
  sb = await startTestSandbox();
  gw = await startTestGateway(sb, {}, { CHANGE_POLL_MS: '200' });
  traits = await samples(sb);
});
afterAll(async () => {
  await gw.close();
  await sb.close();
});

const PROFILE = `query($u: USCC!, $m: Matter!) {
  enterprise(uscc: $u) {
    evaluation { grade ruleSet version evaluatedAt complete basis { rule records { id } } }
    supervision { tier ratioToBase }
    riskAlerts { kind }
  }
  creditCheck(uscc: $u, matter: $m) { verdict complete missingDepartments stale measures { code kind legalBasis } reasons basis { records { id recordRef } } sources { department status } }
}`;

// docs/rules.md "Grades and completeness", docs/rules.md "Supervision and alerts" applied to the sandbox's traits (each the world's first enterprise of its trait).
const EXPECT: Array<[string, string, string, string, string, string[] | null]> = [
  // trait, grade, tier, matter, verdict, alerts (null: not asserted)
  ['clean', 'A', 'TRUSTED', 'GOVERNMENT_PROCUREMENT', 'FAST_TRACK', []],
  ['minorOnly', 'A', 'TRUSTED', 'BIDDING', 'FAST_TRACK', []],
  ['redListed', 'A', 'TRUSTED', 'HONOURS', 'FAST_TRACK', []],
  ['newTaxpayer', 'A', 'TRUSTED', 'TOLERANCE_ACCEPTANCE', 'FAST_TRACK', []],
  // Rules v3: its general record (13–23 months old) no longer counts for the grade, but the green
  // channel under 国发〔2016〕33号 asks for three years without an adverse record: NORMAL, not FAST_TRACK.
  ['expiredPublicity', 'A', 'TRUSTED', 'BIDDING', 'NORMAL', []],
  ['repaired', 'A', 'TRUSTED', 'FISCAL_SUBSIDY', 'FAST_TRACK', []],
  ['generalPenalty', 'B', 'NORMAL', 'BIDDING', 'NORMAL', null],
  ['underObjection', 'B', 'NORMAL', 'ADMINISTRATIVE_LICENSING', 'NORMAL', []],
  ['abnormalListed', 'B', 'NORMAL', 'BIDDING', 'NORMAL', null],
  ['taxArrears', 'B', 'NORMAL', 'BIDDING', 'NORMAL', null],
  ['abnormalTaxpayer', 'B', 'NORMAL', 'BIDDING', 'NORMAL', null],
  ['envYellow', 'B', 'NORMAL', 'BIDDING', 'NORMAL', null],
  ['enforced', 'B', 'NORMAL', 'BIDDING', 'NORMAL', []],
  ['restricted', 'B', 'NORMAL', 'BIDDING', 'NORMAL', []],
  ['breachedCommitment', 'B', 'NORMAL', 'COMMITMENT_SYSTEM', 'RESTRICTED', []],
  ['frequentInDomain', 'B', 'NORMAL', 'BIDDING', 'NORMAL', ['FREQUENT_IN_DOMAIN']],
  ['multiDomain', 'B', 'NORMAL', 'BIDDING', 'NORMAL', ['MULTI_DOMAIN']],
  ['manyGeneral', 'C', 'KEY', 'GOVERNMENT_PROCUREMENT', 'NORMAL', null],
  ['seriousPenalty', 'C', 'KEY', 'GOVERNMENT_PROCUREMENT', 'RESTRICTED', []],
  ['dishonestDebtor', 'C', 'KEY', 'ADMINISTRATIVE_LICENSING', 'RESTRICTED', null],
  ['seriousViolation', 'C', 'KEY', 'BIDDING', 'RESTRICTED', []],
  ['majorTaxCase', 'C', 'KEY', 'FISCAL_SUBSIDY', 'RESTRICTED', []],
  ['taxGradeD', 'C', 'KEY', 'QUALIFICATION_GRADING', 'RESTRICTED', []],
  ['blackListed', 'C', 'KEY', 'HONOURS', 'RESTRICTED', []],
  ['envRed', 'C', 'KEY', 'TOLERANCE_ACCEPTANCE', 'RESTRICTED', []],
  // Grade D restricts every matter, licensing included (docs/rules.md "Approval checks", Langfang 四(二)).
  ['revoked', 'D', 'STRICT', 'ADMINISTRATIVE_LICENSING', 'RESTRICTED', null],
];

describe('credit decisions over HTTP, per trait (docs/rules.md "Grades and completeness", docs/rules.md "Supervision and alerts")', () => {
  it.each(EXPECT)('%s → grade %s, %s, %s %s', async (trait, grade, tier, matter, verdict, alerts) => {
    const { body } = await gw.query(PROFILE, { u: traits[trait]![0], m: matter });
    expect(body.errors).toBeUndefined();
    const { evaluation, supervision, riskAlerts } = body.data.enterprise;
    expect(evaluation).toMatchObject({
      grade,
      ruleSet: 'domain-default',
      version: '2026.12',
      evaluatedAt: '2026-11-01',
      complete: true,
    });
    expect(supervision.tier).toBe(tier);
    expect(body.data.creditCheck).toMatchObject({ verdict, complete: true, stale: false });
    if (verdict === 'RESTRICTED') {
      for (const m of body.data.creditCheck.measures)
        expect(m).toMatchObject({ kind: 'RESTRICTION', legalBasis: expect.stringMatching(/《/) });
      // Grade D rests on the revoked licence (the registry), not on a record; every other restriction names its records.
      if (grade === 'D')
        expect(body.data.creditCheck.measures.map((m: any) => m.code)).toContain(
          'LICENCE_REVOKED_RESTRICTED',
        );
      else expect(body.data.creditCheck.basis.records.length).toBeGreaterThan(0);
    }
    if (alerts) expect(riskAlerts.map((a: any) => a.kind).sort()).toEqual(alerts);
    if (grade !== 'A') expect(evaluation.basis.records.length + (grade === 'D' ? 1 : 0)).toBeGreaterThan(0);
  });

  // Rules v3 (docs/rules.md, approval checks): a silent department that could change the verdict
  // makes it INCOMPLETE (the check said NORMAL before v3); a restriction already known stays final.
  it('a check with a department down and nothing cached is INCOMPLETE, naming it, never NORMAL or FAST_TRACK', async () => {
    // Its own gateway: the court's breaker opens here and must not leak into the other tests.
    const own = await startTestGateway(sb);
    await fetch(`${sb.urls.control}/__sandbox/faults/court`, {
      method: 'PUT',
      body: JSON.stringify({ down: true }),
    });
    try {
      const { body } = await own.query(PROFILE, { u: traits.clean![1], m: 'BIDDING' });
      expect(body.data.creditCheck).toMatchObject({
        verdict: 'INCOMPLETE',
        complete: false,
        missingDepartments: ['COURT'],
      });
      expect(body.data.creditCheck.sources).toContainEqual({ department: 'COURT', status: 'UNAVAILABLE' });
      expect(body.data.creditCheck.reasons.join(' ')).toContain('COURT');
      expect(body.data.enterprise.evaluation.complete).toBe(false);
      // A dishonest debtor whose court entry is not cached: procurement cannot be answered NORMAL.
      const debtor = await own.query(
        'query($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) { verdict missingDepartments receipt { verifyPath } } }',
        { u: traits.dishonestDebtor![0] },
      );
      const check = debtor.body.data.creditCheck;
      expect(check).toMatchObject({ verdict: 'INCOMPLETE', missingDepartments: ['COURT'] });
      // Its receipt signs the verdict, and the verification page says the check is incomplete.
      expect(check.receipt.verifyPath).toContain('verdict=INCOMPLETE');
      const page = await (await fetch(`${own.url}${check.receipt.verifyPath}`)).text();
      expect(page).toContain('核验通过');
      expect(page).toContain('无法完成核查（不完整');
    } finally {
      await fetch(`${sb.urls.control}/__sandbox/faults/court`, { method: 'DELETE' });
      await own.close();
    }
  });

  it('a revoked enterprise with market regulation down is never NORMAL', async () => {
    const own = await startTestGateway(sb);
    await fetch(`${sb.urls.control}/__sandbox/faults/market`, {
      method: 'PUT',
      body: JSON.stringify({ down: true }),
    });
    try {
      for (const matter of ['ADMINISTRATIVE_LICENSING', 'GOVERNMENT_PROCUREMENT', 'BIDDING']) {
        const { body } = await own.query(
          'query($u: USCC!, $m: Matter!) { creditCheck(uscc: $u, matter: $m) { verdict missingDepartments } }',
          { u: traits.revoked![0], m: matter },
        );
        const check = body.data.creditCheck;
        // With the registry silent, the name may be unknown; the check must still not pass the applicant.
        console.log('REVOKED', matter, JSON.stringify(check));
        if (check === null) continue;
        expect(['INCOMPLETE', 'RESTRICTED'], matter).toContain(check.verdict);
      }
    } finally {
      await fetch(`${sb.urls.control}/__sandbox/faults/market`, { method: 'DELETE' });
      await own.close();
    }
  });

  it('creditCheck is null for a code no registry knows', async () => {
    const { body } = await gw.query(
      '{ creditCheck(uscc: "91350100M000100Y43", matter: BIDDING) { verdict } }',
    );
    expect(body).toEqual({ data: { creditCheck: null } });
  });
});

describe('repair takes effect at once (docs/rules.md "Publicity and repair")', () => {
  it('a repair posted to the credit platform flips the answer within two seconds, no restart', async () => {
    const uscc = traits.seriousPenalty![1] ?? traits.seriousPenalty![0]!;
    const before = await gw.query(PROFILE, { u: uscc, m: 'GOVERNMENT_PROCUREMENT' });
    expect(before.body.data.creditCheck.verdict).toBe('RESTRICTED');
    const recordRef = before.body.data.creditCheck.basis.records[0].recordRef;
    const res = await dept(sb, 'credit', '/credit/v1/repairs', {
      method: 'POST',
      body: JSON.stringify({ uscc, recordRef, decidedBy: 'market' }),
    });
    expect(res.status).toBe(201);
    const after = await vi.waitFor(
      async () => {
        const r = await gw.query(
          `query($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) { verdict } enterprise(uscc: $u) { records { id recordRef } } }`,
          { u: uscc },
        );
        expect(r.body.data.creditCheck.verdict).not.toBe('RESTRICTED');
        return r;
      },
      { timeout: 2000, interval: 100 },
    );
    // The repaired record is no longer shown as in force.
    expect(after.body.data.enterprise.records.map((r: { recordRef: string }) => r.recordRef)).not.toContain(
      recordRef,
    );
  });

  it('GRADE_DROP after a new serious record lowers a grade the gateway computed before', async () => {
    const uscc = traits.clean![2]!;
    const q = `query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } riskAlerts { kind previousGrade grade } } }`;
    const before = await gw.query(q, { u: uscc });
    expect(before.body.data.enterprise.evaluation.grade).toBe('A');
    const rec = await fetch(`${sb.urls.control}/__sandbox/records`, {
      method: 'POST',
      body: JSON.stringify({
        uscc,
        path: 'market.penalties',
        record: {
          id: '汕市监罚〔2026〕9999号',
          date: '2026-10-20',
          kinds: ['责令停产停业'],
          amount: null,
          fact: '无证生产',
        },
      }),
    });
    expect(rec.status).toBe(201);
    // The new record reaches the gateway through the change feed (polled every 200 ms here).
    const after = await vi.waitFor(
      async () => {
        const r = await gw.query(q, { u: uscc });
        expect(r.body.data.enterprise.evaluation.grade).toBe('C');
        return r;
      },
      { timeout: 2000, interval: 100 },
    );
    expect(after.body.data.enterprise.riskAlerts).toContainEqual({
      kind: 'GRADE_DROP',
      previousGrade: 'A',
      grade: 'C',
    });
  });
});

describe('regulators’ alert list', () => {
  it('sweeps the registry for alerted enterprises, paging with a cursor', async () => {
    const q = `query($a: String) { riskAlerts(kind: MULTI_DOMAIN, first: 2, after: $a) { scanned edges { cursor node { uscc } alerts { kind departments } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 40; pages++) {
      const res: any = await gw.query(q, { a: after });
      const page: any = res.body.data.riskAlerts;
      expect(page.edges.length).toBeLessThanOrEqual(2);
      for (const e of page.edges) {
        expect(e.alerts.map((a: any) => a.kind)).toEqual(['MULTI_DOMAIN']);
        expect(e.alerts[0].departments.length).toBeGreaterThanOrEqual(2);
        seen.push(e.node.uscc);
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    // Every alerted enterprise once, the world's multi-domain sample among them.
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toContain(traits.multiDomain![0]);
  });
});

describe('the Shanwei rule set over the same world', () => {
  it('grades on its own four levels with a different, valid distribution', async () => {
    const shanwei = await startTestGateway(sb, {}, { RULE_SET: 'shanwei' });
    try {
      const codes = Object.values(traits).flat().slice(0, 100);
      const q = 'query($u: [USCC!]!) { enterprises(usccs: $u) { evaluation { grade ruleSet } } }';
      const [a, b] = await Promise.all([gw.query(q, { u: codes }), shanwei.query(q, { u: codes })]);
      const dist = (r: any) =>
        r.body.data.enterprises.reduce(
          (m: Record<string, number>, e: any) => ({
            ...m,
            [e.evaluation.grade]: (m[e.evaluation.grade] ?? 0) + 1,
          }),
          {},
        );
      const da = dist(a);
      const ds = dist(b);
      expect(Object.keys(da).every((g) => ['A', 'B', 'C', 'D'].includes(g))).toBe(true);
      expect(Object.keys(ds).every((g) => ['EXCELLENT', 'GOOD', 'FAIR', 'POOR'].includes(g))).toBe(true);
      expect(b.body.data.enterprises[0].evaluation.ruleSet).toBe('shanwei-four-level');
      // Not a renaming: Shanwei's FAIR takes 3+ general records, which the default still calls B.
      const rank = { A: 0, B: 1, C: 2, D: 3, EXCELLENT: 0, GOOD: 1, FAIR: 2, POOR: 3 } as Record<
        string,
        number
      >;
      const ra = a.body.data.enterprises.map((e: any) => rank[e.evaluation.grade]);
      const rs = b.body.data.enterprises.map((e: any) => rank[e.evaluation.grade]);
      expect(rs).not.toEqual(ra);
      expect(ds.FAIR + (ds.POOR ?? 0)).toBeGreaterThan(da.C + (da.D ?? 0));
    } finally {
      await shanwei.close();
    }
  });
});
