import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/errors.ts';
import { createFormatError } from '../../src/server/formatError.ts';
import { useGateway } from '../helpers/useGateway.ts';

const fx = useGateway();

describe('HTTP surface', () => {
  it('serves /healthz and /readyz with each department’s breaker', async () => {
    expect(await (await fetch(`${fx.gw.url}/healthz`)).json()).toEqual({ status: 'ok' });
    const ready = await (await fetch(`${fx.gw.url}/readyz`)).json();
    expect(ready).toMatchObject({
      status: 'ok',
      redis: 'not-configured',
      departments: {
        TAX: 'closed',
        MARKET: 'closed',
        ENVIRONMENT: 'closed',
        COURT: 'closed',
        CREDIT: 'closed',
      },
      // Rules v3: the rule set in force, and that the city has not confirmed it.
      ruleSet: {
        id: 'domain-default',
        version: '2026.12',
        confirmed: false,
        note: expect.stringMatching(/^规则集待确认：/),
      },
    });
  });

  it('serves the playground to a browser from its own assets, with no external URL', async () => {
    const res = await fetch(`${fx.gw.url}/graphql`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await res.text();
    expect(html).toContain('id="graphiql"');
    // Air-gapped: every src/href is a local path.
    const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThanOrEqual(5);
    for (const ref of refs) {
      expect(ref.startsWith('/playground/'), ref).toBe(true);
      const asset = await fetch(fx.gw.url + ref);
      expect(asset.status, ref).toBe(200);
      const text = await asset.text();
      expect(text.length, ref).toBeGreaterThan(50);
    }
    expect(html).not.toMatch(/https?:\/\/(?!localhost)/);
  });

  it('answers unknown paths 404 and oversized bodies 413', async () => {
    expect((await fetch(`${fx.gw.url}/nope`)).status).toBe(404);
    const big = await fetch(`${fx.gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: `{ __typename }`, pad: 'x'.repeat(200_000) }),
    });
    expect(big.status).toBe(413);
  });

  it('answers a parse error with its code and no stack trace', async () => {
    const { body } = await fx.gw.query('{ enterprise(uscc: ');
    expect(body.errors[0].extensions).toEqual({ code: 'GRAPHQL_PARSE_FAILED' });
  });
});

describe('formatError', () => {
  const format = createFormatError();
  it('masks an unexpected error, leaking nothing', () => {
    const err = new GraphQLError('ENOENT: /work/main/secret.json', {
      originalError: new TypeError('ENOENT: /work/main/secret.json'),
      path: ['enterprise'],
    });
    const out = format(
      {
        message: err.message,
        path: ['enterprise'],
        extensions: { code: 'INTERNAL_SERVER_ERROR', stacktrace: ['at x'] },
      },
      err,
    );
    expect(out).toEqual({
      message: 'Internal server error',
      path: ['enterprise'],
      locations: undefined,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  });
  it('passes a gateway error with its code and extensions', () => {
    const err = new GatewayError('x', 'SOURCE_UNAVAILABLE', { department: 'TAX' });
    expect(
      format(
        { message: 'x', extensions: { code: 'SOURCE_UNAVAILABLE', department: 'TAX', stacktrace: ['at'] } },
        err,
      ).extensions,
    ).toEqual({ code: 'SOURCE_UNAVAILABLE', department: 'TAX' });
  });
  it('masks a plain error even when it claims a known code', () => {
    const err = Object.assign(new Error('boom'), { extensions: { code: 'FORBIDDEN' } });
    expect(format({ message: 'boom', extensions: { code: 'FORBIDDEN' } }, err).extensions).toEqual({
      code: 'INTERNAL_SERVER_ERROR',
    });
  });
});
