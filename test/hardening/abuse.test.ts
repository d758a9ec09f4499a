/**
 * The abuse suite: hostile queries are refused with their own codes, cheaply, while a normal
 * client is still served (its latency during the flood is measured and printed, never asserted).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { FULL_PROFILE } from '../helpers/queries.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

let sb: Sandbox;
let gw: TestGateway;
let uscc: string;
const ROLES = ['public', 'enterprise', 'clerk', 'regulator', 'bank', 'developer'] as const;
const headers: Record<string, Record<string, string>> = {};
beforeAll(async () => {
  sb = await startTestSandbox();
  // The flood below is 300 concurrent requests from one address: query abuse is what this file
  // tests, so the per-address connection cap (transports.test.ts) is set above it here.
  gw = await startTestGateway(sb, {}, { MAX_CONNECTIONS_PER_ADDRESS: '1000' });
  uscc = (await samples(sb)).clean![0]!;
  headers.public = {};
  for (const role of ROLES.slice(1))
    headers[role] = await headersFor({
      role,
      org: 'o',
      uscc: role === 'enterprise' ? uscc : undefined,
      purpose: 'SUPERVISION',
    });
});
afterAll(async () => {
  await gw.close();
  await sb.close();
});

const post = (body: unknown, h: Record<string, string> = {}) =>
  fetch(`${gw.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...h },
    body: JSON.stringify(body),
  });

const ABUSE: Array<[string, string, () => unknown]> = [
  [
    'deep nesting',
    'QUERY_TOO_DEEP',
    () => ({
      query: `{ a: searchEnterprises(keyword: "") { edges { node { profile { evaluation { basis { records { penalty { department } publicity { from } } } } } } } } }`,
    }),
  ],
  [
    'alias overloading (even __typename)',
    'TOO_MANY_ALIASES',
    () => ({ query: `{ ${Array.from({ length: 11 }, (_, i) => `t${i}: __typename`).join(' ')} }` }),
  ],
  [
    'directive overloading',
    'TOO_MANY_DIRECTIVES',
    () => ({ query: `{ __typename ${'@include(if: true) '.repeat(6)} }` }),
  ],
  [
    'a huge list argument',
    'LIST_TOO_LONG',
    () => ({
      query: `{ enterprises(usccs: [${Array(101).fill(`"91350100M000100Y43"`).join(',')}]) { uscc } }`,
    }),
  ],
  [
    'a huge page size',
    'LIST_TOO_LONG',
    () => ({ query: '{ searchEnterprises(keyword: "", first: 1000) { totalCount } }' }),
  ],
  ['a token flood', 'TOO_MANY_TOKENS', () => ({ query: `{ ${'__typename '.repeat(1200)} }` })],
];

describe('abuse is refused with its own code', () => {
  it.each(ABUSE)('%s → %s (HTTP 200 for an application/json client)', async (_n, code, body) => {
    const res = await post(body());
    expect(res.status).toBe(200);
    const json = (await res.json()) as any;
    expect(json.data).toBeUndefined();
    expect(json.errors.map((e: any) => e.extensions.code)).toContain(code);
  });

  it('the same refusals answer 4xx to a client that accepts application/graphql-response+json', async () => {
    const res = await post(
      { query: `{ ${Array.from({ length: 11 }, (_, i) => `t${i}: __typename`).join(' ')} }` },
      { accept: 'application/graphql-response+json' },
    );
    expect(res.status).toBe(400);
  });

  it('too costly for the configured limit → QUERY_TOO_COSTLY', async () => {
    const strict = await startTestGateway(sb, {}, { QUERY_MAX_COST: '100' });
    try {
      const { body } = await strict.query(FULL_PROFILE, { uscc });
      expect(body.errors[0].extensions.code).toBe('QUERY_TOO_COSTLY');
    } finally {
      await strict.close();
    }
  });

  it('batched operations are refused (HTTP batching is off)', async () => {
    const res = await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]);
    expect(res.status).toBe(400);
  });

  it('introspection is refused to clerks, banks, enterprises and the public', async () => {
    for (const role of ['public', 'enterprise', 'clerk', 'bank']) {
      const res = await post({ query: '{ __schema { types { name } } }' }, headers[role]!);
      // A refusal is never a server error: 200 for a plain JSON client (graphql-over-http).
      expect(res.status, role).toBe(200);
      const json = (await res.json()) as any;
      expect(json.errors[0].extensions.code, role).toBe('FORBIDDEN');
    }
    const strict = await post(
      { query: '{ __schema { types { name } } }' },
      { ...headers.public, accept: 'application/graphql-response+json' },
    );
    expect(strict.status).toBe(403);
  });

  it('field-suggestion probing learns nothing: no "Did you mean" for any role, on real type names', async () => {
    const probes = [
      `{ enterprse(uscc: "${'91350100M000100Y43'}") { uscc } }`,
      `{ enterprise(uscc: "91350100M000100Y43") { nme regstration { stauts } } }`,
      `{ creditChek(uscc: "91350100M000100Y43", matter: BIDDING) { verdict } }`,
      `{ creditCheck(uscc: "91350100M000100Y43", matter: BIDING) { verdict } }`,
      `query($u: USCC!) { enterprise(uscc: $u) { tax { taxPayed } } }`,
    ];
    for (const role of ROLES) {
      for (const query of probes) {
        const text = await (
          await post({ query, variables: { u: '91350100M000100Y43' } }, headers[role]!)
        ).text();
        expect(text, `${role}: ${query}`).not.toMatch(/did you mean/i);
        expect(JSON.parse(text).errors.length).toBeGreaterThan(0);
      }
    }
  });

  it('stays responsive to a normal client during a flood (latency measured, not asserted)', async () => {
    const flood = Array.from({ length: 300 }, (_, i) =>
      post(ABUSE[i % ABUSE.length]![2]()).then((r) => r.status),
    );
    const t0 = performance.now();
    const normal = await gw.query('query($u: USCC!) { enterprise(uscc: $u) { name } }', { u: uscc }, {});
    const ms = performance.now() - t0;
    const statuses = await Promise.all(flood);
    expect(normal.body.data.enterprise.name).toBeTruthy();
    expect(statuses.every((s) => s === 200)).toBe(true);
    console.log(`[abuse] a normal lookup during a flood of 300 hostile requests took ${ms.toFixed(1)} ms`);
  });
});
