import { describe, expect, it, vi } from 'vitest';
import { CONSENT_SCOPES } from '../../src/auth/consents.ts';
import { declaredConsentScopes } from '../../src/departments/declared/declarations.ts';
import { headersFor } from '../helpers/gateway.ts';
import { dept } from '../helpers/sandbox.ts';
import { platformConsent, useAccessFixture } from './fixture.ts';

const fx = useAccessFixture();

const TAX_PAID =
  'query($u: USCC!) { enterprise(uscc: $u) { tax { aLevelTaxpayer taxPaid { year amount } } } }';
const codeOf = (body: any): string | null => body.errors?.[0]?.extensions?.code ?? null;

/** Polls until `check` holds, for at most two seconds (the promise of the issue). */
async function within2s(fn: () => Promise<boolean>): Promise<boolean> {
  return vi
    .waitFor(
      async () => {
        if (!(await fn())) throw new Error('not yet');
      },
      { timeout: 2000, interval: 100 },
    )
    .then(() => true)
    .catch(() => false);
}

describe('bank consent (docs/access.md)', () => {
  it('grant through the gateway → visible; revoke → CONSENT_REVOKED, within two seconds, no restart', async () => {
    const uscc = fx.traits.clean![3]!;
    const bank = await headersFor({ role: 'bank', org: 'bank-g', purpose: 'PRE_CREDIT' });
    const owner = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    expect(codeOf((await fx.gw.query(TAX_PAID, { u: uscc }, bank)).body)).toBe('CONSENT_REQUIRED');

    const grant = await fx.gw.query(
      'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { accepted refusal consent { id status scopes purpose } } }',
      {
        i: {
          grantee: 'bank-g',
          scopes: ['TAX_PAID'],
          purpose: 'PRE_CREDIT',
          expiresAt: '2027-06-01T00:00:00Z',
        },
      },
      owner,
    );
    expect(grant.body.data.grantConsent).toMatchObject({
      accepted: true,
      refusal: null,
      consent: { status: 'ACTIVE', scopes: ['TAX_PAID'], purpose: 'PRE_CREDIT' },
    });
    const id = grant.body.data.grantConsent.consent.id;
    expect(await within2s(async () => !(await fx.gw.query(TAX_PAID, { u: uscc }, bank)).body.errors)).toBe(
      true,
    );
    const seen = await fx.gw.query(TAX_PAID, { u: uscc }, bank);
    expect(seen.body.data.enterprise.tax.taxPaid.length).toBeGreaterThan(0);

    const mine = await fx.gw.query('{ myConsents { id status grantee } }', {}, owner);
    expect(mine.body.data.myConsents).toContainEqual({ id, status: 'ACTIVE', grantee: 'bank-g' });

    const revoke = await fx.gw.query(
      'mutation($id: ID!) { revokeConsent(id: $id) { accepted consent { status } } }',
      { id },
      owner,
    );
    expect(revoke.body.data.revokeConsent).toEqual({ accepted: true, consent: { status: 'REVOKED' } });
    expect(
      await within2s(
        async () => codeOf((await fx.gw.query(TAX_PAID, { u: uscc }, bank)).body) === 'CONSENT_REVOKED',
      ),
    ).toBe(true);
  });

  it('a revocation made at the platform directly reaches the gateway through the change feed within two seconds', async () => {
    const uscc = fx.traits.clean![4]!;
    const bank = await headersFor({ role: 'bank', org: 'bank-f', purpose: 'PRE_CREDIT' });
    const id = await platformConsent(fx.sb, {
      uscc,
      grantee: 'bank-f',
      scopes: ['TAX_PAID'],
      purpose: 'PRE_CREDIT',
      expiresAt: '2027-06-01T00:00:00Z',
    });
    expect(await within2s(async () => !(await fx.gw.query(TAX_PAID, { u: uscc }, bank)).body.errors)).toBe(
      true,
    );
    await dept(fx.sb, 'credit', `/credit/v1/consents/${id}`, { method: 'DELETE' });
    expect(
      await within2s(
        async () => codeOf((await fx.gw.query(TAX_PAID, { u: uscc }, bank)).body) === 'CONSENT_REVOKED',
      ),
    ).toBe(true);
  });

  it.each([
    [
      'expired',
      { grantee: 'bank-e', scopes: ['TAX_PAID'], purpose: 'PRE_CREDIT', expiresAt: '2026-10-01T00:00:00Z' },
      'bank-e',
      'PRE_CREDIT',
      'CONSENT_EXPIRED',
    ],
    [
      'for another purpose',
      { grantee: 'bank-p', scopes: ['TAX_PAID'], purpose: 'PROCUREMENT', expiresAt: '2027-06-01T00:00:00Z' },
      'bank-p',
      'PRE_CREDIT',
      'CONSENT_PURPOSE',
    ],
    [
      'for another scope',
      { grantee: 'bank-s', scopes: ['ARREARS'], purpose: 'PRE_CREDIT', expiresAt: '2027-06-01T00:00:00Z' },
      'bank-s',
      'PRE_CREDIT',
      'CONSENT_SCOPE',
    ],
    [
      'for another bank',
      { grantee: 'bank-x', scopes: ['TAX_PAID'], purpose: 'PRE_CREDIT', expiresAt: '2027-06-01T00:00:00Z' },
      'bank-y',
      'PRE_CREDIT',
      'CONSENT_REQUIRED',
    ],
  ])('a consent %s is denied with its own code', async (_n, consent, bankOrg, purpose, code) => {
    const uscc = fx.traits.generalPenalty![0]!;
    await platformConsent(fx.sb, { uscc, ...consent });
    const bank = await headersFor({ role: 'bank', org: bankOrg, purpose: purpose as 'PRE_CREDIT' });
    const { body } = await fx.gw.query(TAX_PAID, { u: uscc }, bank);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0]).toMatchObject({ path: ['enterprise', 'tax', 'taxPaid'], extensions: { code } });
    // The public view stays.
    expect(typeof body.data.enterprise.tax.aLevelTaxpayer).toBe('boolean');
  });

  it('checks consent per enterprise in a batch of 100, with one consents call for the batch', async () => {
    const page1 = (await (await dept(fx.sb, 'market', '/samr/v2/entities?size=50&page=1')).json()) as {
      items: Array<{ uscc: string }>;
    };
    const page2 = (await (await dept(fx.sb, 'market', '/samr/v2/entities?size=50&page=3')).json()) as {
      items: Array<{ uscc: string }>;
    };
    const codes = [...page1.items, ...page2.items].map((i) => i.uscc);
    const consented = new Set(codes.filter((_, k) => k % 3 === 0));
    for (const uscc of consented)
      await platformConsent(fx.sb, {
        uscc,
        grantee: 'bank-batch',
        scopes: ['TAX_RATINGS'],
        purpose: 'PRE_CREDIT',
        expiresAt: '2027-06-01T00:00:00Z',
      });
    const bank = await headersFor({ role: 'bank', org: 'bank-batch', purpose: 'PRE_CREDIT' });
    await fetch(`${fx.sb.urls.control}/__sandbox/stats/reset`, { method: 'POST' });
    // Aliases and a fragment over a nested list: the rule still sees each enterprise on its own.
    const { body } = await fx.gw.query(
      `query($u: [USCC!]!) { list: enterprises(usccs: $u) { uscc t: tax { ...R } } }
       fragment R on TaxProfile { a: aLevelTaxpayer history: ratings { year grade } }`,
      { u: codes },
      bank,
    );
    const stats = (await (await fetch(`${fx.sb.urls.control}/__sandbox/stats`)).json()) as any;
    expect(stats.credit['GET /credit/v1/consents']).toBe(1);
    const denied = new Map((body.errors ?? []).map((e: any) => [e.path[1], e.extensions.code]));
    body.data.list.forEach((e: any, k: number) => {
      if (!e.t) return; // the tax system does not know every enterprise
      if (consented.has(e.uscc)) {
        expect(denied.has(k), `consented ${k}`).toBe(false);
        expect(Array.isArray(e.t.history)).toBe(true);
      } else {
        expect(denied.get(k), `not consented ${k}`).toBe('CONSENT_REQUIRED');
        expect(e.t.history).toBeNull();
      }
      expect(typeof e.t.a).toBe('boolean');
    });
    expect(body.errors.length).toBeGreaterThan(30);
  });
});

describe('known graphql-shield traps', () => {
  it('a denied mutation has no side effect (shield #366)', async () => {
    const before = (await (
      await dept(fx.sb, 'credit', `/credit/v1/consents?uscc=${fx.subject}&status=all`)
    ).json()) as { consents: unknown[] };
    for (const role of ['public', 'clerk', 'bankConsented', 'regulator'] as const) {
      const { body } = await fx.gw.query(
        'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { accepted } }',
        {
          i: {
            grantee: 'bank-evil',
            scopes: ['TAX_PAID'],
            purpose: 'PRE_CREDIT',
            expiresAt: '2027-06-01T00:00:00Z',
          },
        },
        fx.headers[role],
      );
      expect(body.errors[0].extensions.code).toBe('FORBIDDEN');
    }
    const after = (await (
      await dept(fx.sb, 'credit', `/credit/v1/consents?uscc=${fx.subject}&status=all`)
    ).json()) as { consents: unknown[] };
    expect(after.consents).toHaveLength(before.consents.length);
  });

  it('a rule result is never reused for another parent (shield #109): two enterprises, one consent', async () => {
    const { body } = await fx.gw.query(
      'query($a: USCC!, $b: USCC!) { a: enterprise(uscc: $a) { tax { ratings { year } } } b: enterprise(uscc: $b) { tax { ratings { year } } } }',
      { a: fx.subject, b: fx.other },
      fx.headers.bankConsented,
    );
    expect(body.data.a.tax.ratings.length).toBeGreaterThan(0);
    expect(body.data.b.tax.ratings).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        path: ['b', 'tax', 'ratings'],
        extensions: expect.objectContaining({ code: 'CONSENT_REQUIRED' }),
      }),
    ]);
  });

  it('introspection is refused to a clerk and allowed to a developer', async () => {
    const clerk = await fx.gw.query('{ __schema { queryType { name } } }', {}, fx.headers.clerk);
    expect(clerk.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const pub = await fx.gw.query('{ __type(name: "Enterprise") { name } }', {}, fx.headers.public);
    expect(pub.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const dev = await fx.gw.query('{ __schema { queryType { name } } }', {}, fx.headers.developer);
    expect(dev.body.data.__schema.queryType.name).toBe('Query');
    expect((await fx.gw.query('{ __typename }', {}, fx.headers.public)).body.data.__typename).toBe('Query');
  });

  it('enterprise writes: objections filed, unknown records refused as a result, not an exception', async () => {
    const owner = fx.headers.self;
    const ok = await fx.gw.query(
      'mutation($i: ObjectionInput!) { fileObjection(input: $i) { accepted refusal objection { status recordRef } } }',
      { i: { recordRef: 'market:汕市监罚〔2026〕3号', reason: '已整改' } },
      owner,
    );
    expect(ok.body.data.fileObjection).toMatchObject({ accepted: true, objection: { status: 'OPEN' } });
    const bad = await fx.gw.query(
      'mutation($i: ObjectionInput!) { fileObjection(input: $i) { accepted refusal } }',
      { i: { recordRef: 'market:nope', reason: 'x' } },
      owner,
    );
    expect(bad.body.data.fileObjection).toEqual({ accepted: false, refusal: 'UNKNOWN_RECORD' });
    const past = await fx.gw.query(
      'mutation($i: GrantConsentInput!) { grantConsent(input: $i) { accepted refusal } }',
      { i: { grantee: 'b', scopes: ['TAX_PAID'], purpose: 'PRE_CREDIT', expiresAt: '2020-01-01T00:00:00Z' } },
      owner,
    );
    expect(past.body.data.grantConsent).toEqual({ accepted: false, refusal: 'EXPIRY_NOT_IN_FUTURE' });
  });

  it('myAccess tells each role what it may read and under which consents', async () => {
    const q =
      '{ myAccess { role organization purpose matters fieldGroups { field condition } consents { uscc scopes } } }';
    const bank = (await fx.gw.query(q, {}, fx.headers.bankConsented)).body.data.myAccess;
    expect(bank).toMatchObject({ role: 'bank', organization: 'bank-a', purpose: 'PRE_CREDIT', matters: [] });
    expect(bank.fieldGroups).toContainEqual({ field: 'TaxProfile.taxPaid', condition: 'CONSENT:TAX_PAID' });
    expect(bank.consents).toContainEqual({
      uscc: fx.subject,
      // The fixture's consent: every scope, the declared departments' too.
      scopes: [...CONSENT_SCOPES, ...declaredConsentScopes()],
    });
    expect(bank.fieldGroups).toContainEqual({
      field: 'Enterprise.evaluation',
      condition: 'CONSENT:EVALUATION',
    });
    const clerk = (await fx.gw.query(q, {}, fx.headers.clerk)).body.data.myAccess;
    expect(clerk.matters).toContain('GOVERNMENT_PROCUREMENT');
    expect(clerk.fieldGroups).toContainEqual({ field: 'Query.creditCheck', condition: 'ANY' });
    expect(clerk.fieldGroups.map((g: any) => g.field)).not.toContain('Enterprise.riskAlerts');
    const pub = (await fx.gw.query(q, {}, fx.headers.public)).body.data.myAccess;
    expect(pub).toMatchObject({ role: 'public', fieldGroups: [], matters: [], consents: [] });
  });
});
