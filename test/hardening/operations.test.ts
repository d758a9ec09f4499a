import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { documentHash } from '../../src/server/trustedDocuments.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { samples, setFaults, startTestSandbox } from '../helpers/sandbox.ts';

let sb: Sandbox;
let uscc: string;
beforeAll(async () => {
  sb = await startTestSandbox();
  uscc = (await samples(sb)).clean![0]!;
});
afterAll(() => sb.close());

const NAME = 'query Name($u: USCC!) { enterprise(uscc: $u) { name } }';

async function withGateway(
  env: Record<string, string>,
  fn: (gw: TestGateway) => Promise<void>,
): Promise<void> {
  const gw = await startTestGateway(sb, {}, env);
  try {
    await fn(gw);
  } finally {
    await gw.close();
  }
}

describe('/metrics', () => {
  it('parses as the Prometheus text format and moves when traffic flows', async () => {
    await withGateway({}, async (gw) => {
      // The library checks the text format (it throws on malformed exposition); samples are read line by line.
      const scrape = async () => {
        const text = await (await fetch(`${gw.url}/metrics`)).text();
        const families = parsePrometheusTextFormat(text) as Array<{ name: string }>;
        const samples = text
          .split('\n')
          .filter((l) => l && !l.startsWith('#'))
          .map((l) => {
            const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(l);
            if (!m) throw new Error(`not a sample line: ${l}`);
            const labels = Object.fromEntries(
              [...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]),
            );
            return { name: m[1]!, labels, value: Number(m[3]) };
          });
        return { families, samples };
      };
      const value = (
        s: Awaited<ReturnType<typeof scrape>>,
        name: string,
        labels: Record<string, string> = {},
      ): number =>
        s.samples
          .filter((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))
          .reduce((n, x) => n + x.value, 0);
      const before = await scrape();
      for (const name of [
        'cg_graphql_request_duration_seconds',
        'cg_department_request_duration_seconds',
        'cg_department_breaker_state',
        'cg_cache_lookups_total',
        'cg_audit_write_duration_seconds',
        'cg_graphql_errors_total',
        'cg_rate_limit_rejections_total',
      ]) {
        expect(
          before.families.some((f) => f.name === name),
          name,
        ).toBe(true);
      }
      await gw.query(NAME, { u: uscc });
      await gw.query(NAME, { u: uscc });
      await gw.query('{ enterprise(uscc: "bad") { name } }');
      const after = await scrape();
      expect(value(after, 'cg_graphql_request_duration_seconds_count', { operation: 'Name' })).toBe(
        value(before, 'cg_graphql_request_duration_seconds_count', { operation: 'Name' }) + 2,
      );
      expect(
        value(after, 'cg_department_request_duration_seconds_count', { department: 'MARKET' }),
      ).toBeGreaterThan(
        value(before, 'cg_department_request_duration_seconds_count', { department: 'MARKET' }),
      );
      expect(value(after, 'cg_cache_lookups_total', { tier: 'l1' })).toBeGreaterThan(
        value(before, 'cg_cache_lookups_total', { tier: 'l1' }),
      );
      // The first lookup fetched the registry's answer for a reader (missing); the second was a hit.
      expect(value(after, 'cg_cache_fetches_total', { source: 'registration', reason: 'missing' })).toBe(
        value(before, 'cg_cache_fetches_total', { source: 'registration', reason: 'missing' }) + 1,
      );
      expect(value(after, 'cg_graphql_errors_total', { code: 'INVALID_USCC' })).toBe(1);
      expect(value(after, 'cg_department_breaker_state', { department: 'TAX' })).toBe(0);
    });
  });
});

describe('rate limits', () => {
  it('per principal: past the limit, 429 with Retry-After and RATE_LIMITED', async () => {
    await withGateway({ RATE_LIMIT_PER_PRINCIPAL: '5' }, async (gw) => {
      const clerk = await headersFor({ role: 'clerk', org: 'hall', subject: 'c1' });
      const statuses: number[] = [];
      let last: Response | null = null;
      for (let i = 0; i < 7; i++) {
        last = await fetch(`${gw.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...clerk },
          body: JSON.stringify({ query: '{ __typename }' }),
        });
        statuses.push(last.status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(((await last!.json()) as any).errors[0].extensions.code).toBe('RATE_LIMITED');
      // Another principal is not affected.
      const other = await headersFor({ role: 'clerk', org: 'hall-2', subject: 'c2' });
      expect((await gw.query('{ __typename }', {}, other)).status).toBe(200);
    });
  });

  it('per organization: its users together', async () => {
    await withGateway({ RATE_LIMIT_PER_PRINCIPAL: '100', RATE_LIMIT_PER_ORG: '4' }, async (gw) => {
      const users = await Promise.all(
        [1, 2, 3].map((k) => headersFor({ role: 'bank', org: 'bank-r', subject: `u${k}` })),
      );
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await gw.query('{ __typename }', {}, users[i % 3])).status);
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
    });
  });
});

describe('persisted queries', () => {
  it('automatic persisted queries: unknown hash, then registered, then served by hash', async () => {
    await withGateway({}, async (gw) => {
      const sha256Hash = documentHash(NAME);
      const ext = { persistedQuery: { version: 1, sha256Hash } };
      const byHash = () =>
        fetch(`${gw.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ extensions: ext, variables: { u: uscc } }),
        });
      const first = (await (await byHash()).json()) as any;
      expect(first.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: NAME, extensions: ext, variables: { u: uscc } }),
      });
      const served = (await (await byHash()).json()) as any;
      expect(served.data.enterprise.name).toBeTruthy();
    });
  });

  it('trusted documents only: the manifest’s documents by hash or text; anything else refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'trusted-'));
    const manifest = join(dir, 'manifest.json');
    writeFileSync(manifest, JSON.stringify({ [documentHash(NAME)]: NAME }));
    await withGateway({ TRUSTED_DOCUMENTS: manifest, TRUSTED_DOCUMENTS_ONLY: 'true' }, async (gw) => {
      const post = (body: unknown) =>
        fetch(`${gw.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
      const byId = await post({ documentId: `sha256:${documentHash(NAME)}`, variables: { u: uscc } });
      expect(byId.body.data.enterprise.name).toBeTruthy();
      const byApq = await post({
        extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(NAME) } },
        variables: { u: uscc },
      });
      expect(byApq.body.data.enterprise.name).toBeTruthy();
      expect((await post({ query: NAME, variables: { u: uscc } })).body.data.enterprise.name).toBeTruthy();
      const stranger = await post({ query: '{ __typename }' });
      expect(stranger.status).toBe(400);
      expect(stranger.body.errors[0].extensions.code).toBe('TRUSTED_DOCUMENT_REQUIRED');
      const get = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { 'apollo-require-preflight': '1' },
      });
      expect(get.status).toBe(400);
    });
    writeFileSync(manifest, JSON.stringify({ deadbeef: NAME }));
    await expect(
      startTestGateway(sb, {}, { TRUSTED_DOCUMENTS: manifest, TRUSTED_DOCUMENTS_ONLY: 'true' }),
    ).rejects.toThrow(/not the sha256/);
  });
});

describe('HTTP hygiene', () => {
  it('CORS only for allowed origins', async () => {
    await withGateway({ CORS_ORIGINS: 'https://hall.example.gov.cn' }, async (gw) => {
      const ok = await fetch(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://hall.example.gov.cn', 'access-control-request-method': 'POST' },
      });
      expect(ok.status).toBe(204);
      expect(ok.headers.get('access-control-allow-origin')).toBe('https://hall.example.gov.cn');
      const bad = await fetch(`${gw.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example.com', 'access-control-request-method': 'POST' },
      });
      expect(bad.status).toBe(403);
      const post = await fetch(`${gw.url}/graphql`, {
        method: 'POST',
        headers: { origin: 'https://evil.example.com', 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(post.headers.get('access-control-allow-origin')).toBeNull();
    });
  });

  it('CSRF prevention: a simple GET without a preflight header is refused', async () => {
    await withGateway({}, async (gw) => {
      const res = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
      expect(res.status).toBe(400);
      const ok = await fetch(`${gw.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
        headers: { 'apollo-require-preflight': '1' },
      });
      expect(ok.status).toBe(200);
    });
  });

  it('a department slower than the operation timeout costs its own part, not the whole answer (no 504)', async () => {
    // Not a 504 that throws the other departments' data away.
    await withGateway({ OPERATION_TIMEOUT_MS: '300', CACHE_TTL_TAX: '0' }, async (gw) => {
      await setFaults(sb, 'tax', { latencyMs: 1000 });
      try {
        const res = await gw.query(
          'query($u: USCC!) { enterprise(uscc: $u) { name tax { aLevelTaxpayer } } }',
          { u: uscc },
        );
        expect(res.status).toBe(200);
        expect(res.body.data.enterprise.name).toBeTruthy();
        expect(res.body.data.enterprise.tax).toBeNull();
        expect(res.body.errors[0].extensions).toMatchObject({
          code: 'SOURCE_UNAVAILABLE',
          department: 'TAX',
        });
      } finally {
        await setFaults(sb, 'tax', null);
      }
    });
  });
});

describe('configuration check', () => {
  it('prints the effective configuration with secrets redacted, and lists every problem', () => {
    const out = execFileSync('npx', ['tsx', 'scripts/config-check.ts'], {
      encoding: 'utf8',
      env: {
        ...process.env,
        REDIS_URL: 'redis://user:hunter2@127.0.0.1:6399',
        SANDBOX_APP_KEY: 's3cret-key',
      },
    });
    const config = JSON.parse(out);
    expect(config.cache.redis.url).toBe('redis://<redacted>@127.0.0.1:6399');
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('s3cret-key');
    expect(config.limits).toEqual({
      maxDepth: 8,
      maxAliases: 10,
      maxDirectives: 5,
      maxCost: 5000,
      maxTokens: 1000,
      maxListArgument: 100,
    });
    let err = '';
    try {
      execFileSync('npx', ['tsx', 'scripts/config-check.ts'], {
        encoding: 'utf8',
        stdio: 'pipe',
        env: { ...process.env, PORT: 'x', QUERY_MAX_DEPTH: '0' },
      });
    } catch (e) {
      err = (e as { stderr: string }).stderr;
    }
    expect(err).toContain('PORT');
    expect(err).toContain('QUERY_MAX_DEPTH');
  });
});
