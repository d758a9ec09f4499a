import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { declaredDepartments } from '../../src/departments/declared/declarations.ts';
import { NO_CACHE, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { FULL_BATCH, FULL_PROFILE } from '../helpers/queries.ts';
import { resetStats, resetStatsWhenQuiet, samples, startTestSandbox, stats } from '../helpers/sandbox.ts';

let sb: Sandbox;
let gw: TestGateway;
let traits: Record<string, string[]>;
beforeAll(async () => {
  sb = await startTestSandbox();
  // Fan-out and batching are about department calls: no cache here (test/cache covers it).
  gw = await startTestGateway(sb, {}, NO_CACHE);
  traits = await samples(sb);
});
afterAll(async () => {
  await gw.close();
  await sb.close();
});
// Counts start from a quiet sandbox: nothing of the previous test (its 100 enterprises) still arriving.
beforeEach(() => resetStatsWhenQuiet(sb));

const total = (s: Record<string, Record<string, number>>, dept?: string): number =>
  Object.entries(s)
    .filter(([d]) => !dept || d === dept)
    .reduce((n, [, routes]) => n + Object.values(routes).reduce((a, b) => a + b, 0), 0);

describe('fan-out and batching (upstream requests counted by the sandbox)', () => {
  it('one enterprise, every field: at most one call per department route', async () => {
    const { body } = await gw.query(FULL_PROFILE, { uscc: traits.dishonestDebtor![0] });
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprise.judicial.dishonestDebtor).toHaveLength(1);
    const s = await stats(sb);
    for (const routes of Object.values(s))
      for (const [route, n] of Object.entries(routes)) expect(n, route).toBe(1);
    // The five and the declared departments (their records count in the profile's grade).
    expect(Object.keys(s).sort()).toEqual(
      ['court', 'credit', 'environment', 'market', 'tax', ...declaredDepartments().map((d) => d.key)].sort(),
    );
  });

  it('100 enterprises: one tax call, two environment calls, five calls per court list', async () => {
    const usccs = (await (
      await fetch(`${sb.urls.market}/samr/v2/entities?size=50&page=1`, {
        headers: { 'x-app-key': 'sandbox' },
      })
    ).json()) as { items: Array<{ uscc: string }> };
    const page2 = (await (
      await fetch(`${sb.urls.market}/samr/v2/entities?size=50&page=2`, {
        headers: { 'x-app-key': 'sandbox' },
      })
    ).json()) as { items: Array<{ uscc: string }> };
    const codes = [...usccs.items, ...page2.items].map((i) => i.uscc);
    expect(codes).toHaveLength(100);
    await resetStats(sb);
    const { body } = await gw.query(FULL_BATCH, { usccs: codes });
    expect(body.errors).toBeUndefined();
    expect(body.data.enterprises.map((e: { uscc: string }) => e.uscc)).toEqual(codes);
    const s = await stats(sb);
    expect(s.tax).toEqual({ 'POST /api/v1/nsxy/batch': 1 });
    expect(s.environment).toEqual({ 'POST /ws/EnvCreditService': 2 });
    expect(s.court).toEqual({
      'GET /court/api/dishonest': 5,
      'GET /court/api/enforced': 5,
      'GET /court/api/restrictions': 5,
    });
    // Market regulation answers one enterprise per call: one call per enterprise per route, never more.
    for (const n of Object.values(s.market!)) expect(n).toBe(100);
    expect(s.credit).toEqual({ 'GET /credit/v1/subjects/{uscc}': 100 });
  });

  it('results come back in input order, null where unknown', async () => {
    const known = traits.clean!.slice(0, 2);
    const unknown = '91440300MA5FAKE00X';
    const { body } = await gw.query('query($u: [USCC!]!) { enterprises(usccs: $u) { uscc } }', {
      u: [known[1], unknown, known[0]],
    });
    expect(body.data.enterprises).toEqual([{ uscc: known[1] }, null, { uscc: known[0] }]);
  });

  it('asking only registration fields touches only market regulation’s entity route', async () => {
    const { body } = await gw.query(
      'query($u: USCC!) { enterprise(uscc: $u) { name registration { status establishedOn } } }',
      { u: traits.clean![0] },
    );
    expect(body.data.enterprise.registration.status).toMatch(/EXISTING|OPERATING/);
    expect(await stats(sb)).toEqual({ market: { 'GET /samr/v2/entities/{uscc}': 1 } });
  });

  it('asking one market list calls only that list (and the platform that knows its repairs)', async () => {
    await gw.query('query($u: USCC!) { enterprise(uscc: $u) { market { abnormalOperations { id } } } }', {
      u: traits.abnormalListed![0],
    });
    const s = await stats(sb);
    // docs/rules.md "Publicity and repair": which entries a regulator sees depends on the credit platform's repairs and objections.
    expect(s).toEqual({
      market: { 'GET /samr/v2/entities/{uscc}': 1, 'GET /samr/v2/entities/{uscc}/abnormal': 1 },
      credit: { 'GET /credit/v1/subjects/{uscc}': 1 },
    });
  });

  it('departments are asked in parallel, not one after another', async () => {
    // Each department holds its answer for 300 ms; the sandbox counts how many it served at once.
    for (const d of ['tax', 'environment', 'court', 'credit']) {
      await fetch(`${sb.urls.control}/__sandbox/faults/${d}`, {
        method: 'PUT',
        body: JSON.stringify({ latencyMs: 300 }),
      });
    }
    try {
      const { body } = await gw.query(FULL_PROFILE, { uscc: traits.clean![1] });
      expect(body.errors).toBeUndefined();
      const { peakInFlight } = (await (
        await fetch(`${sb.urls.control}/__sandbox/stats/concurrency`)
      ).json()) as { peakInFlight: number };
      // tax, environment, three court lists and the credit platform were all in flight together.
      expect(peakInFlight).toBeGreaterThanOrEqual(6);
    } finally {
      for (const d of ['tax', 'environment', 'court', 'credit'])
        await fetch(`${sb.urls.control}/__sandbox/faults/${d}`, { method: 'DELETE' });
    }
  });

  it('searches the registry with Relay paging across its pages', async () => {
    const first = await gw.query(
      '{ searchEnterprises(keyword: "", first: 30) { totalCount edges { cursor node { uscc name } } pageInfo { hasNextPage endCursor } } }',
    );
    const c = first.body.data.searchEnterprises;
    expect(c.totalCount).toBe(400);
    expect(c.edges).toHaveLength(30);
    const next = await gw.query(
      'query($a: String) { searchEnterprises(keyword: "", first: 30, after: $a) { edges { node { uscc } } } }',
      { a: c.pageInfo.endCursor },
    );
    const seen = new Set(c.edges.map((e: any) => e.node.uscc));
    for (const e of next.body.data.searchEnterprises.edges) expect(seen.has(e.node.uscc)).toBe(false);
    expect(next.body.data.searchEnterprises.edges).toHaveLength(30);
    expect(total(await stats(sb), 'market')).toBe(3);
  });
});
