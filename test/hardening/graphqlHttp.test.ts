/** The GraphQL-over-HTTP audits of the graphql-http package against the real server, as a developer. */
import { auditServer } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { headersFor } from '../helpers/gateway.ts';
import { useGateway } from '../helpers/useGateway.ts';

const fx = useGateway();

describe('graphql-http server audits', () => {
  it('0 errors and 0 warnings', async () => {
    // Two audits need __type, which only developers and regulators may use.
    const dev = await headersFor({ role: 'developer', org: 'dev' });
    const fetchFn = (input: string | URL, init: RequestInit = {}) =>
      fetch(input, { ...init, headers: { ...(init.headers as Record<string, string>), ...dev } });
    const results = await auditServer({ url: `${fx.gw.url}/graphql`, fetchFn });
    const problems = results
      .filter((r) => r.status === 'error' || r.status === 'warn')
      .map((r) => `${r.status}: ${r.name}${'reason' in r ? ` — ${r.reason}` : ''}`);
    expect(problems).toEqual([]);
    expect(results.filter((r) => r.status === 'ok').length).toBeGreaterThan(20);
  });
});
