/**
 * Client mistakes get client-error codes, never INTERNAL_SERVER_ERROR or a 5xx, over HTTP against a gateway whose departments are never reached.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressInfo } from 'node:net';
import { principal, startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';

let gw: InProcessGateway;
let url: string;
beforeAll(async () => {
  // A public budget large enough that the 60-variable case reaches variable coercion.
  gw = await startInProcess([], { DEPARTMENT_BUDGET_PUBLIC: '1000' });
  await new Promise<void>((r) => gw.server.httpServer.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(gw.server.httpServer.address() as AddressInfo).port}`;
});
afterAll(() => gw.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('client errors carry client codes', () => {
  it('too many bad variables: client codes only (graphql-js stops at 50)', async () => {
    // 60 variables, each used, each bad: past graphql-js's 50 the coercion aborts with an error of its own.
    const names = Array.from({ length: 60 }, (_, i) => `v${i}`);
    const query = `query(${names.map((n) => `$${n}: USCC!`).join(' ')}) { enterprises(usccs: [${names.map((n) => `$${n}`).join(' ')}]) { uscc } }`;
    const res = await post({ query, variables: Object.fromEntries(names.map((n) => [n, `bad-${n}`])) });
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors.length).toBeGreaterThan(1);
    for (const e of body.errors) expect(['INVALID_USCC', 'BAD_USER_INPUT']).toContain(e.extensions.code);
  });

  it('an APQ hash that does not match its query: BAD_REQUEST', async () => {
    const res = await post({
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } },
    });
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('an unsupported APQ version: BAD_REQUEST', async () => {
    const res = await post({
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 2, sha256Hash: 'a'.repeat(64) } },
    });
    expect(res.status).toBeLessThan(500);
    const body = (await res.json()) as { errors: Array<{ extensions: { code: string } }> };
    expect(body.errors[0]!.extensions.code).toBe('BAD_REQUEST');
  });

  it('a report path with malformed percent-encoding: BAD_REQUEST, 400', async () => {
    const res = await fetch(`${url}/reports/%E0%A4%A`);
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_REQUEST');
  });

  it('a report with a bad X-Purpose: BAD_USER_INPUT, 400 (not 401)', async () => {
    const res = await fetch(`${url}/reports/914403001922038216`, { headers: { 'x-purpose': 'NOSY' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refused introspection is never a 5xx, in process too', async () => {
    const r = await gw.run(
      '{ __schema { queryType { name } } }',
      {},
      principal('clerk', { purpose: 'LICENSING' }),
    );
    expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('report routes share the principal’s rate limit with /graphql', async () => {
    const limited = await startInProcess([], { RATE_LIMIT_PER_PRINCIPAL: '2' });
    await new Promise<void>((r) => limited.server.httpServer.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(limited.server.httpServer.address() as AddressInfo).port}`;
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await fetch(`${base}/reports/verify/x.y`)).status);
      expect(statuses.slice(0, 2)).toEqual([404, 404]);
      expect(statuses.slice(2)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });

  it('a flood of invalid tokens is limited by client address before authentication', async () => {
    const limited = await startInProcess([], { RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '3' });
    await new Promise<void>((r) => limited.server.httpServer.listen(0, '127.0.0.1', r));
    const base = `http://127.0.0.1:${(limited.server.httpServer.address() as AddressInfo).port}`;
    try {
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const res = await fetch(`${base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer forged.${i}.token` },
          body: '{"query":"{ __typename }"}',
        });
        statuses.push(res.status);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429]);
      // Valid requests never count against the address: a busy approval server is limited by its principal only.
      const other = await startInProcess([], { RATE_LIMIT_AUTH_FAILURES_PER_ADDRESS: '3' });
      await new Promise<void>((r) => other.server.httpServer.listen(0, '127.0.0.1', r));
      const otherBase = `http://127.0.0.1:${(other.server.httpServer.address() as AddressInfo).port}`;
      try {
        for (let i = 0; i < 10; i++) {
          const ok = await fetch(`${otherBase}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{"query":"{ __typename }"}',
          });
          expect(ok.status).toBe(200);
        }
      } finally {
        await other.close();
      }
    } finally {
      await limited.close();
    }
  });

  it('/readyz says when the gateway runs in sandbox mode', async () => {
    const ready = (await (await fetch(`${url}/readyz`)).json()) as { mode: string; warning?: string };
    expect(ready.mode).toBe('sandbox');
    expect(ready.warning).toMatch(/development tokens/);
  });
});
