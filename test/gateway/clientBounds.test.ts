/**
 * A client cannot break a department for everyone: cursors, page sizes and keywords are checked
 * before any department is called, so a hostile value is the client's own BAD_USER_INPUT and
 * never a failure the department's circuit breaker counts (five anonymous requests with
 * a huge cursor used to open market regulation's breaker).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_HEADERS } from '../helpers/gateway.ts';
import { resetStats, stats } from '../helpers/sandbox.ts';
import { useGateway } from '../helpers/useGateway.ts';

const fx = useGateway({
  deps: { departmentSettings: { MARKET: { breakerThreshold: 3, halfOpenAfterMs: 60_000 } } },
});
const b64 = (s: string): string => Buffer.from(s).toString('base64url');
// The gateway reads the change feed once at start: wait for that read, or it may land after a
// test's reset and count as a call the test's request made (it did on a busy machine).
beforeAll(async () => {
  const deadline = performance.now() + 10_000;
  while (!(await stats(fx.sb)).credit?.['GET /credit/v1/changes'] && performance.now() < deadline)
    await new Promise((r) => setTimeout(r, 20));
});

const HOSTILE: Array<[string, Record<string, unknown>, string]> = [
  ['a huge offset', { k: '', a: b64('o:99999999999999999999999') }, 'after'],
  ['an offset past the cap', { k: '', a: b64('o:10000001') }, 'after'],
  ['a negative offset', { k: '', a: b64('o:-5') }, 'after'],
  ['another kind of cursor', { k: '', a: b64('r:10') }, 'after'],
  ['a very long cursor', { k: '', a: 'A'.repeat(5000) }, 'after'],
  ['a very long keyword', { k: '某'.repeat(5000) }, 'keyword'],
];

describe('client-supplied bounds are checked before a department is called', () => {
  it.each(HOSTILE)(
    '%s: BAD_USER_INPUT naming the argument, no department call',
    async (_name, variables, argument) => {
      await resetStats(fx.sb);
      const { status, body } = await fx.gw.query(
        'query($k: String!, $a: String) { searchEnterprises(keyword: $k, first: 5, after: $a) { totalCount } }',
        variables,
        PUBLIC_HEADERS,
      );
      expect(status).toBe(200);
      expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument });
      expect(await stats(fx.sb)).toEqual({});
    },
  );

  it('many hostile requests leave market regulation’s breaker closed for everyone else', async () => {
    for (let i = 0; i < 10; i++) {
      await fx.gw.query(
        'query($a: String) { searchEnterprises(keyword: "", first: 50, after: $a) { totalCount } }',
        { a: b64(`o:${'9'.repeat(30)}`) },
        PUBLIC_HEADERS,
      );
    }
    const ready = (await (await fetch(`${fx.gw.url}/readyz`)).json()) as {
      departments: Record<string, string>;
    };
    expect(ready.departments.MARKET).toBe('closed');
    const { body } = await fx.gw.query(
      '{ searchEnterprises(keyword: "", first: 5) { totalCount edges { node { uscc } } } }',
      {},
      PUBLIC_HEADERS,
    );
    expect(body.errors).toBeUndefined();
    expect(body.data.searchEnterprises.edges).toHaveLength(5);
  });

  it('the regulator’s sweep checks its cursor the same way', async () => {
    await resetStats(fx.sb);
    const { body } = await fx.gw.query('query($a: String) { riskAlerts(first: 5, after: $a) { scanned } }', {
      a: b64('r:99999999999'),
    });
    expect(body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'after' });
    expect(await stats(fx.sb)).toEqual({});
  });
});
