/**
 * Organizations' daily quotas over HTTP against an in-process gateway: profiles read,
 * reports and webhook registrations counted per organization from the quota configuration; the
 * headers on every counted answer; 429 QUOTA_EXCEEDED with Retry-After to Beijing midnight; a
 * refused batch takes nothing; usage in the metrics; a bad quota file refused at start.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/gatewayConfig.ts';
import { secondsToBeijingMidnight } from '../../src/server/quotas.ts';
import { enterprise } from '../helpers/domain.ts';
import { headersFor, testNow } from '../helpers/gateway.ts';
import { startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';

const QUOTAS = {
  default: { reportsPerDay: 1 },
  organizations: {
    'hall-a': { profilesPerDay: 3, reportsPerDay: 2 },
    'bank-b': { profilesPerDay: 5, webhookRegistrationsPerDay: 0 },
  },
};
const E = enterprise();
// Six codes that pass the check digit (the batch is refused by quota before any is read).
const CODES = [
  '914403001922038216',
  '91440300MA5FXXXX0X',
  '914403007261824992',
  '91440300192203821X',
  '914403001922038217',
  '914403001922038218',
];

let gw: InProcessGateway;
let url: string;
beforeAll(async () => {
  gw = await startInProcess([E], { QUOTAS: JSON.stringify(QUOTAS) });
  await new Promise<void>((r) => gw.server.httpServer.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(gw.server.httpServer.address() as AddressInfo).port}`;
});
afterAll(() => gw.close());

const CHECK = 'query($u: USCC!) { creditCheck(uscc: $u, matter: ADMINISTRATIVE_LICENSING) { verdict } }';
const post = async (
  headers: Record<string, string>,
  query: string,
  variables: Record<string, unknown> = {},
) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
const code = async (res: Response): Promise<string | undefined> =>
  ((await res.json()) as any).errors?.[0]?.extensions?.code;

describe('organization quotas', () => {
  it('counts a hall’s checks; past its daily quota 429 QUOTA_EXCEEDED with the quota headers', async () => {
    const clerk = await headersFor({ role: 'clerk', org: 'hall-a', purpose: 'LICENSING' });
    const left: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await post(clerk, CHECK, { u: E.uscc });
      expect(res.status).toBe(200);
      expect(((await res.json()) as any).data.creditCheck.verdict).toBeTruthy();
      expect(res.headers.get('ratelimit-policy')).toBe('"profiles-daily";q=3;w=86400');
      left.push(res.headers.get('ratelimit')!);
    }
    const reset = secondsToBeijingMidnight(testNow());
    expect(left).toEqual([2, 1, 0].map((r) => `"profiles-daily";r=${r};t=${reset}`));
    const refused = await post(clerk, CHECK, { u: E.uscc });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe(String(reset));
    expect(refused.headers.get('ratelimit')).toBe(`"profiles-daily";r=0;t=${reset}`);
    const body = (await refused.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({
      code: 'QUOTA_EXCEEDED',
      quota: 'profiles',
      limit: 3,
      remaining: 0,
    });
    expect(body.data).toBeUndefined();
  });

  it('another organization has its own count, and one without a profiles quota is not counted at all', async () => {
    const other = await headersFor({ role: 'clerk', org: 'hall-z', purpose: 'LICENSING' });
    const res = await post(other, CHECK, { u: E.uscc });
    expect(res.status).toBe(200);
    expect(res.headers.get('ratelimit')).toBeNull();
  });

  it('a bank’s batch counts each enterprise; a batch past the quota is refused whole and takes nothing', async () => {
    const bank = await headersFor({ role: 'bank', org: 'bank-b', purpose: 'PRE_CREDIT' });
    const batch = 'query($u: [USCC!]!) { enterprises(usccs: $u) { uscc } }';
    const tooMany = await post(bank, batch, { u: CODES });
    expect(tooMany.status).toBe(429);
    expect(await code(tooMany)).toBe('QUOTA_EXCEEDED');
    expect(tooMany.headers.get('ratelimit')).toMatch(/^"profiles-daily";r=5;/);
    const five = await post(bank, batch, { u: CODES.slice(0, 5) });
    expect(five.status).not.toBe(429);
    expect(five.headers.get('ratelimit')).toMatch(/^"profiles-daily";r=0;/);
    expect(await code(await post(bank, batch, { u: CODES.slice(0, 1) }))).toBe('QUOTA_EXCEEDED');
  });

  it('webhook registrations are counted (a quota of 0 refuses the first)', async () => {
    const bank = await headersFor({ role: 'bank', org: 'bank-b', purpose: 'PRE_CREDIT' });
    const res = await post(
      bank,
      'mutation { registerWebhook(url: "http://127.0.0.1:9/hook", kinds: [GRADE_CHANGED]) { id } }',
    );
    expect(res.status).toBe(429);
    const body = (await res.json()) as any;
    expect(body.errors[0].extensions).toMatchObject({ code: 'QUOTA_EXCEEDED', quota: 'webhooks', limit: 0 });
  });

  it('reports are counted per organization (the default quota for organizations not named)', async () => {
    const get = async (org: string) =>
      fetch(`${url}/reports/${E.uscc}`, {
        headers: {
          ...(await headersFor({ role: 'clerk', org, purpose: 'LICENSING' })),
          accept: 'application/json',
        },
      });
    const first = await get('hall-y');
    expect(first.status).not.toBe(429);
    expect(first.headers.get('ratelimit')).toMatch(/^"reports-daily";r=0;/);
    const second = await get('hall-y');
    expect(second.status).toBe(429);
    expect(second.headers.get('retry-after')).toBe(String(secondsToBeijingMidnight(testNow())));
    expect(await code(second)).toBe('QUOTA_EXCEEDED');
  });

  it('usage and refusals are in the metrics, per organization and quota', async () => {
    const text = await (await fetch(`${url}/metrics`)).text();
    expect(text).toContain('cg_quota_used_total{organization="hall-a",quota="profiles"} 3');
    expect(text).toContain('cg_quota_refused_total{organization="hall-a",quota="profiles"} 1');
    expect(text).toContain('cg_quota_used_total{organization="bank-b",quota="profiles"} 5');
    expect(text).toContain('cg_quota_remaining{organization="bank-b",quota="profiles"} 0');
    expect(text).toContain('cg_quota_refused_total{organization="bank-b",quota="webhooks"} 1');
    expect(text).toContain('cg_quota_used_total{organization="hall-y",quota="reports"} 1');
  });

  it('a quota file with a mistake stops the start with every problem named', () => {
    expect(() =>
      loadConfig({ QUOTAS: JSON.stringify({ organizations: { x: { profilesPerDay: -1, bogus: 1 } } }) }),
    ).toThrow(/QUOTAS: .*organizations\.x/);
    expect(() => loadConfig({ QUOTAS: '{not json' })).toThrow(/QUOTAS: not JSON/);
  });
});

describe('Beijing midnight', () => {
  it('is when the quotas renew', () => {
    // 2026-11-01T15:59:59Z is 23:59:59 in Beijing: one second left.
    expect(secondsToBeijingMidnight(Date.parse('2026-11-01T15:59:59Z'))).toBe(1);
    expect(secondsToBeijingMidnight(Date.parse('2026-11-01T16:00:00Z'))).toBe(86_400);
    expect(secondsToBeijingMidnight(Date.parse('2026-11-01T08:00:00Z'))).toBe(8 * 3600);
  });
});
