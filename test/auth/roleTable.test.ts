/**
 * Roles as data (src/auth/roles.ts): a role added in a test-only table — an on-site inspector who
 * reads as a clerk, with a budget of its own and every credit event — and nothing else changed.
 * Authentication accepts its tokens as its row says (an organization required), authorization
 * lets it read what clerks read and nothing regulators alone read, its view of records is the
 * officials', its operations are held to its own budget, and the events decision follows its row.
 * The gateway with the built-in table refuses the same token. In process (project `process`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mintDevToken, type DevTokenClaims } from '../../src/auth/devIssuer.ts';
import type { Role } from '../../src/auth/principal.ts';
import { ROLE_TABLE, type RoleTable } from '../../src/auth/roles.ts';
import { createAuthenticator } from '../../src/auth/authenticate.ts';
import { loadConfig } from '../../src/config/gatewayConfig.ts';
import type { CreditEvent } from '../../src/events/creditEvents.ts';
import { receives, receivesEvents } from '../../src/events/eventAudience.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, testNow, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

const INSPECTOR = 'inspector' as Role;
const TABLE: RoleTable = {
  ...ROLE_TABLE,
  [INSPECTOR]: {
    token: 'org',
    readsAs: ['clerk'],
    holdsConsents: false,
    records: 'official',
    personalData: false,
    supervises: false,
    introspection: false,
    budget: 20,
    events: 'all',
    webhooks: false,
  },
};

const inspector = async (claims: Partial<DevTokenClaims> = { org: 'inspection-team-3' }) => ({
  authorization: `Bearer ${await mintDevToken({ role: INSPECTOR, ...claims }, testNow())}`,
  'x-purpose': 'LICENSING',
});

let sb: Sandbox;
let withRole: TestGateway;
let builtIn: TestGateway;
let traits: Record<string, string[]>;

beforeAll(async () => {
  sb = await startTestSandbox({ listen: false });
  withRole = await startTestGateway(sb, { roles: TABLE });
  builtIn = await startTestGateway(sb);
  traits = await samples(sb);
}, 60_000);
afterAll(async () => {
  await withRole?.close();
  await builtIn?.close();
  await sb?.close();
});

describe('a role added as a row', () => {
  it('authentication: accepted as its row says (an organization required); unknown to the built-in table', async () => {
    const q = '{ myAccess { organization } }';
    const ok = await withRole.query(q, {}, await inspector());
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.myAccess.organization).toBe('inspection-team-3');
    const noOrg = await withRole.query(q, {}, await inspector({}));
    expect(noOrg.status).toBe(401);
    expect(noOrg.body.errors[0].message).toMatch(/an inspector token must name its org/);
    const unknown = await builtIn.query(q, {}, await inspector());
    expect(unknown.status).toBe(401);
    expect(unknown.body.errors[0].message).toMatch(/no valid role/);
  });

  it('authorization: what clerks read, not what only regulators read; the officials’ view of records', async () => {
    // A minor penalty (a fine under the threshold) is in force and never published: officials see it, the public not.
    const minor = traits.clean!.at(-1)!;
    const posted = await fetch(`${sb.urls.control}/__sandbox/records`, {
      method: 'POST',
      body: JSON.stringify({
        uscc: minor,
        path: 'market.penalties',
        record: {
          id: '汕市监罚〔2026〕M1号',
          date: '2026-10-20',
          kinds: ['罚款'],
          amount: '5000.00',
          fact: '未亮照经营',
        },
      }),
    });
    expect(posted.status).toBe(201);
    const clerk = await headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' });
    const RECORDS = 'query($u: USCC!) { enterprise(uscc: $u) { records { severity } } }';
    const severities = async (u: string, h: Record<string, string>): Promise<string[]> =>
      (await withRole.query(RECORDS, { u }, h)).body.data.enterprise.records.map(
        (r: { severity: string }) => r.severity,
      );
    const check = await withRole.query(
      'query($u: USCC!) { creditCheck(uscc: $u, matter: HONOURS) { verdict } myAccess { matters } }',
      { u: minor },
      await inspector(),
    );
    expect(check.body.errors).toBeUndefined();
    expect(check.body.data.creditCheck.verdict).toEqual(expect.any(String));
    expect(check.body.data.myAccess.matters.length).toBeGreaterThan(0);
    const roster = await withRole.query(
      '{ roster(filter: {}, first: 1) { totalCount } }',
      {},
      await inspector(),
    );
    expect(roster.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(await severities(minor, await inspector())).toEqual(['MINOR']);
    expect(await severities(minor, clerk)).toEqual(['MINOR']);
    expect(await severities(minor, {})).toEqual([]);
  });

  it('cost: held to its own budget (20), not a clerk’s (200)', async () => {
    const codes = traits.clean!.slice(0, 3);
    const q = 'query($u: [USCC!]!) { enterprises(usccs: $u) { uscc records { severity } } }';
    const over = await withRole.query(q, { u: codes }, await inspector());
    expect(over.body.errors[0].extensions).toMatchObject({ code: 'DEPARTMENT_BUDGET_EXCEEDED', budget: 20 });
    const clerk = await headersFor({ role: 'clerk', org: 'hall-1', purpose: 'LICENSING' });
    const asClerk = await withRole.query(q, { u: codes }, clerk);
    expect(asClerk.body.errors).toBeUndefined();
    expect(asClerk.body.data.enterprises).toHaveLength(3);
  });

  it('events: the authenticated inspector receives as its row says; with events none, nothing', async () => {
    const config = loadConfig({ LOG_LEVEL: 'silent', LEDGER: 'false' });
    const event: CreditEvent = {
      id: '1',
      at: new Date(testNow()).toISOString(),
      uscc: traits.clean![0]!,
      kind: 'GRADE_CHANGED',
      departments: [],
      content: {},
    };
    const asRow = async (table: RoleTable) => {
      const p = await createAuthenticator(
        config.auth,
        testNow,
        table,
      )((await inspector()).authorization, 'LICENSING');
      return { subscribes: receivesEvents(p), receives: receives(p, event, [], testNow()) };
    };
    expect(await asRow(TABLE)).toEqual({ subscribes: true, receives: true });
    const silent = { ...TABLE, [INSPECTOR]: { ...TABLE[INSPECTOR]!, events: 'none' as const } };
    expect(await asRow(silent)).toEqual({ subscribes: false, receives: false });
  });
});
