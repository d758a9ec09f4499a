/**
 * A department that stops answering costs a request its share of the deadline, not the whole
 * response: department calls end before the operation timeout, and the operation answers with
 * what arrived, the late department UNAVAILABLE. The fake court never answers.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprise } from '../helpers/domain.ts';
import { headersFor } from '../helpers/gateway.ts';
import { principal, startInProcess, type InProcessGateway } from '../helpers/inProcess.ts';

const data = enterprise((e) =>
  e.tax.penalties.push({
    department: 'TAX',
    id: 'T1',
    date: '2026-06-01',
    kinds: ['罚款'],
    amount: '50000.00',
    fact: 'f',
    authority: null,
  }),
);
const Q =
  'query($u: USCC!) { enterprise(uscc: $u) { name tax { arrears } judicial { dishonestDebtor { caseCode } } sources { department status } } }';

let gw: InProcessGateway;
beforeAll(async () => {
  gw = await startInProcess([data], { OPERATION_TIMEOUT_MS: '800' });
  gw.fetcher.hang.add('COURT');
  await new Promise<void>((r) => gw.server.httpServer.listen(0, '127.0.0.1', r));
});
afterAll(() => gw.close());

describe('department calls within the operation deadline', () => {
  it('answers with what arrived; the silent court is UNAVAILABLE', async () => {
    const r = await gw.run(Q, { u: data.uscc }, principal('regulator', { purpose: 'SUPERVISION' }));
    expect(r.data.enterprise.name).toBe('n');
    expect(r.data.enterprise.tax).toEqual({ arrears: '0.00' });
    expect(r.data.enterprise.judicial).toBeNull();
    expect(r.errors?.map((e) => e.extensions?.code)).toEqual(['SOURCE_UNAVAILABLE']);
    expect(r.errors?.[0]?.extensions?.department).toBe('COURT');
    expect(
      r.data.enterprise.sources.find((s: { department: string }) => s.department === 'COURT').status,
    ).toBe('UNAVAILABLE');
  });

  it('over HTTP: 200 with the other departments, never OPERATION_TIMEOUT', async () => {
    const url = `http://127.0.0.1:${(gw.server.httpServer.address() as AddressInfo).port}/graphql`;
    const headers = await headersFor({ role: 'clerk', org: 'hall', purpose: 'LICENSING' });
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({
        query:
          'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict complete sources { department status } } }',
        variables: { u: data.uscc },
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.data.creditCheck.complete).toBe(false);
    expect(body.data.creditCheck.verdict).not.toBe('FAST_TRACK');
    expect(
      body.data.creditCheck.sources.find((s: { department: string }) => s.department === 'COURT').status,
    ).toBe('UNAVAILABLE');
  });
});
