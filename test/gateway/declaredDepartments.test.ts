/**
 * The three declared departments (connectors/declared/): served by the sandbox from
 * their declarations, read through the gateway with no TypeScript of their own — profile fields
 * mapped by the declarations, personal data masked, deny by default for everyone the declaration
 * does not name, one batch per department per request, and a department that cannot answer is
 * that field's SOURCE_UNAVAILABLE, never an empty profile.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import {
  headersFor,
  NO_CACHE,
  PUBLIC_HEADERS,
  REGULATOR,
  startTestGateway,
  type TestGateway,
} from '../helpers/gateway.ts';
import { resetStats, samples, startTestSandbox, stats } from '../helpers/sandbox.ts';

let sb: Sandbox;
let gw: TestGateway;
let traits: Record<string, string[]>;
const CLERK = await headersFor({ role: 'clerk', org: 'hall-shanwei', purpose: 'LICENSING' });
beforeAll(async () => {
  sb = await startTestSandbox();
  gw = await startTestGateway(sb, {}, NO_CACHE);
  traits = await samples(sb);
});
afterAll(async () => {
  await gw.close();
  await sb.close();
});
beforeEach(() => resetStats(sb));

const PROFILE = `query($uscc: USCC!) { enterprise(uscc: $uscc) {
  licensing { licences { title number category decidedOn validUntil inForce stateReason authority } }
  socialInsurance { insuredEmployees hasArrears arrears { period insurance amount orderedBy paid paidOn } }
  utilities { accounts { kind accountNo overdueMonths overdueAmount since } }
} }`;

describe('declared departments through the gateway', () => {
  it('a revoked licence, social insurance arrears and utility arrears, as their declarations map them', async () => {
    const revoked = traits.licenceRevoked![0]!;
    const { body } = await gw.query(PROFILE, { uscc: revoked }, CLERK);
    expect(body.errors).toBeUndefined();
    const licences = body.data.enterprise.licensing.licences as Array<Record<string, unknown>>;
    expect(licences.length).toBeGreaterThan(0);
    const gone = licences.find((l) => l.inForce === false && l.stateReason === '吊销许可证件');
    expect(gone, JSON.stringify(licences)).toBeDefined();
    expect(gone!.decidedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // Newest decision first, as the declaration orders them.
    const dates = licences.map((l) => l.decidedOn as string);
    expect([...dates].sort().reverse()).toEqual(dates);

    const owing = traits.socialInsuranceArrears![0]!;
    const si = (await gw.query(PROFILE, { uscc: owing }, CLERK)).body.data.enterprise.socialInsurance;
    expect(si.hasArrears).toBe(true);
    expect(si.insuredEmployees).toBeGreaterThan(0);
    expect(si.arrears.some((a: { paid: boolean; orderedBy: string | null }) => !a.paid && a.orderedBy)).toBe(
      true,
    );
  });

  it('masks account numbers but for the enterprise itself and regulators', async () => {
    const u = traits.utilityArrears![0]!;
    const clerk = (await gw.query(PROFILE, { uscc: u }, CLERK)).body.data.enterprise.utilities.accounts;
    const regulator = (await gw.query(PROFILE, { uscc: u }, REGULATOR)).body.data.enterprise.utilities
      .accounts;
    expect(clerk.length).toBeGreaterThan(0);
    expect(clerk[0].accountNo).toContain('*');
    expect(regulator[0].accountNo).not.toContain('*');
    expect(clerk[0].accountNo).toHaveLength(regulator[0].accountNo.length);
    expect(clerk[0].overdueMonths).toBe(regulator[0].overdueMonths);
  });

  it('is invisible to the public and to banks without a consent (no declaration names either)', async () => {
    const u = traits.utilityArrears![0]!;
    const pub = await gw.query(PROFILE, { uscc: u }, PUBLIC_HEADERS);
    expect(pub.body.data?.enterprise?.utilities ?? null).toBeNull();
    expect(pub.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain(
      'FORBIDDEN',
    );
    const bank = await headersFor({ role: 'bank', org: 'bank-1', purpose: 'PRE_CREDIT' });
    const b = await gw.query(PROFILE, { uscc: u }, bank);
    expect(b.body.data?.enterprise?.socialInsurance ?? null).toBeNull();
  });

  it('a bank holding the enterprise’s SOCIAL_INSURANCE consent (a declared scope) sees insured employees and whether arrears exist, never the arrears', async () => {
    const uscc = traits.socialInsuranceArrears![1]!;
    const owner = await headersFor({ role: 'enterprise', uscc });
    const bank = await headersFor({ role: 'bank', org: 'bank-si', purpose: 'PRE_CREDIT' });
    const SI = `query($uscc: USCC!) { enterprise(uscc: $uscc) { socialInsurance { insuredEmployees hasArrears } } }`;
    // Without the consent: refused as consent-scoped fields are (CONSENT_REQUIRED), nothing shown.
    const before = await gw.query(SI, { uscc }, bank);
    expect(before.body.data?.enterprise?.socialInsurance ?? null).toBeNull();
    expect(before.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toContain(
      'CONSENT_REQUIRED',
    );
    const grant = await gw.query(
      'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { accepted consent { scopes } } }',
      {
        i: {
          grantee: 'bank-si',
          scopes: ['SOCIAL_INSURANCE'],
          purpose: 'PRE_CREDIT',
          expiresAt: '2027-06-01T00:00:00Z',
        },
      },
      owner,
    );
    expect(grant.body.data.grantConsent).toEqual({
      accepted: true,
      consent: { scopes: ['SOCIAL_INSURANCE'] },
    });
    // The bank's consents are cached briefly; the grant's feed event drops them.
    await vi.waitFor(async () => expect((await gw.query(SI, { uscc }, bank)).body.errors).toBeUndefined(), {
      timeout: 10_000,
      interval: 100,
    });
    const seen = (await gw.query(SI, { uscc }, bank)).body.data.enterprise.socialInsurance;
    expect(seen).toEqual({ insuredEmployees: expect.any(Number), hasArrears: true });
    const arrears = await gw.query(
      `query($uscc: USCC!) { enterprise(uscc: $uscc) { socialInsurance { arrears { amount } } } }`,
      { uscc },
      bank,
    );
    expect(arrears.body.errors.map((e: { extensions: { code: string } }) => e.extensions.code)).toEqual([
      'FORBIDDEN',
    ]);
    // Another enterprise's: the consent is this enterprise's only.
    const other = await gw.query(SI, { uscc: traits.socialInsuranceArrears![0]! }, bank);
    expect(other.body.data?.enterprise?.socialInsurance ?? null).toBeNull();
  });

  it('many enterprises: one batch per declared department route (utilities in one POST, the others per code)', async () => {
    const codes = [...new Set(Object.values(traits).flat())].slice(0, 30);
    await resetStats(sb);
    const q = `query($usccs: [USCC!]!) { enterprises(usccs: $usccs) { uscc utilities { accounts { kind } } licensing { licences { number } } } }`;
    const { body } = await gw.query(q, { usccs: codes }, CLERK);
    expect(body.errors).toBeUndefined();
    const s = await stats(sb);
    expect(s.utilities).toEqual({ 'POST /utility/arrears/query': 1 });
    // Paged, one code per call: one call for each enterprise (each has fewer licences than a page).
    expect(s.licensing).toEqual({ 'GET /sgs/v1/licences': codes.length });
  });

  it('their records join the unified records and the grade; a declared department down leaves the evaluation incomplete', async () => {
    const owing = traits.socialInsuranceArrears![1]!;
    const q = `query($uscc: USCC!) { enterprise(uscc: $uscc) {
      records { kind department severity title recordRef }
      evaluation { complete missingDepartments }
    } }`;
    const { body } = await gw.query(q, { uscc: owing }, CLERK);
    expect(body.errors).toBeUndefined();
    const arrears = body.data.enterprise.records.filter(
      (r: { department: string }) => r.department === 'SOCIAL_INSURANCE',
    );
    expect(arrears.length).toBeGreaterThan(0);
    expect(arrears[0]).toMatchObject({ kind: 'SOCIAL_INSURANCE_ARREARS', severity: 'GENERAL' });
    expect(arrears[0].title).toMatch(/^欠缴社会保险费：/);
    expect(arrears[0].recordRef).toMatch(/^socialInsurance:/);
    expect(body.data.enterprise.evaluation).toEqual({ complete: true, missingDepartments: [] });
    // Officials-only information stays so in the unified records: the public view does not show them.
    const pub = await gw.query(
      `query($uscc: USCC!) { enterprise(uscc: $uscc) { records { department } } }`,
      { uscc: owing },
      PUBLIC_HEADERS,
    );
    expect(pub.body.errors).toBeUndefined();
    expect(pub.body.data.enterprise.records.map((r: { department: string }) => r.department)).not.toContain(
      'SOCIAL_INSURANCE',
    );

    const other = traits.licenceRevoked![2]!;
    await fetch(`${sb.urls.control}/__sandbox/faults/socialInsurance`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: true }),
    });
    try {
      const down = (await gw.query(q, { uscc: other }, CLERK)).body;
      expect(down.data.enterprise.evaluation).toEqual({
        complete: false,
        missingDepartments: ['SOCIAL_INSURANCE'],
      });
      // The licence revoked for cause is a serious record, in force.
      expect(
        down.data.enterprise.records.some(
          (r: { kind: string; severity: string }) => r.kind === 'LICENCE_REVOKED' && r.severity === 'SERIOUS',
        ),
      ).toBe(true);
    } finally {
      await fetch(`${sb.urls.control}/__sandbox/faults/socialInsurance`, { method: 'DELETE' });
    }
  });

  it('a department down is its field’s SOURCE_UNAVAILABLE; the other departments answer', async () => {
    // One no test above read: the declared departments' answers are cached for their declared TTL.
    const u = traits.utilityArrears![3]!;
    await fetch(`${sb.urls.control}/__sandbox/faults/utilities`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ down: true }),
    });
    try {
      const { body } = await gw.query(PROFILE, { uscc: u }, CLERK);
      expect(body.data.enterprise.utilities).toBeNull();
      expect(body.data.enterprise.socialInsurance).not.toBeNull();
      const e = body.errors.find((x: { path: string[] }) => x.path.includes('utilities'));
      expect(e.extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', department: 'UTILITIES' });
    } finally {
      await fetch(`${sb.urls.control}/__sandbox/faults/utilities`, { method: 'DELETE' });
    }
  });
});

describe('a warm enterprise’s declared departments', () => {
  it('are read from the fresh answers held, as the five’s are: no loader, the same answer', async () => {
    const cached = await startTestGateway(sb);
    try {
      const owing = traits.socialInsuranceArrears![0]!;
      const q = `query($u: USCC!) { creditCheck(uscc: $u, matter: GOVERNMENT_PROCUREMENT) {
        verdict complete basis { records { kind recordRef } } sources { department status fetchedAt } } }`;
      const cold = await cached.query(q, { u: owing }, CLERK);
      expect(cold.body.errors).toBeUndefined();
      expect(cold.body.data.creditCheck.sources.map((s: { department: string }) => s.department)).toEqual(
        expect.arrayContaining(['LICENSING', 'SOCIAL_INSURANCE', 'UTILITIES']),
      );
      // The loaders' way in to the declared departments: not taken for a warm enterprise.
      const { DeclaredSources } = await import('../../src/departments/declared/DeclaredSources.ts');
      const loaderFetch = vi.spyOn(DeclaredSources.prototype as unknown as { fetch: () => unknown }, 'fetch');
      try {
        const warm = await cached.query(q, { u: owing }, CLERK);
        expect(warm.body).toEqual(cold.body);
        expect(loaderFetch).not.toHaveBeenCalled();
      } finally {
        loaderFetch.mockRestore();
      }
    } finally {
      await cached.close();
    }
  });
});
