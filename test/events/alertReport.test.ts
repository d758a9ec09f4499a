/**
 * A cross-domain alert reported (通报) through the real pipeline: an enterprise holding an unpublished
 * general record of a declared department (utility or social-insurance arrears) is penalized by tax
 * and by ecology and environment at the sandbox → the change feed → the ledger's re-assessment raises
 * MULTI_DOMAIN → the outbox → market regulation's own webhook (it holds no record there) receives the
 * alert with its basis cut to what it may read: the tax and environment records (published), never the
 * declared department's unpublished one, which a regulator's webhook receives
 * (docs/rules.md "Alerts reported to departments (通报)").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

/** Past the first hundred, so the declared departments' simulations give some enterprises arrears. */
const SIZE = 300;
const DECLARED = ['UTILITIES', 'SOCIAL_INSURANCE'];

interface Delivered {
  kind: string;
  uscc: string;
  data: { alert?: string; basis?: Array<{ id: string; department: string }> };
}

describe('a MULTI_DOMAIN alert reported to market regulation', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let dir: string;
  let server: Server;
  const got: Array<{ path: string; body: Delivered }> = [];
  let base: string;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        got.push({ path: req.url ?? '', body: JSON.parse(body) as Delivered });
        res.writeHead(200).end();
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const port = (server.address() as AddressInfo).port;
    base = `http://127.0.0.1:${port}`;
    sb = await startTestSandbox({ size: SIZE });
    dir = mkdtempSync(join(tmpdir(), 'cg-alert-report-'));
    gw = await startTestGateway(
      sb,
      {},
      {
        LEDGER: 'true',
        LEDGER_DIR: dir,
        CHANGE_POLL_MS: '100',
        BACKFILL_PER_SECOND: '1000',
        EVENTS_POLL_MS: '50',
        WEBHOOK_ALLOWED_HOSTS: `127.0.0.1:${port}`,
        WEBHOOK_RETRY_BASE_MS: '100',
      },
    );
  }, 60_000);

  afterAll(async () => {
    await gw?.close();
    await sb?.close();
    await new Promise((ok) => server?.close(ok));
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('carries the records market regulation may read, and none it may not; a regulator receives them all', async () => {
    const regulator = await headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' });
    const market = await headersFor({ role: 'department', org: 'MARKET', purpose: 'SUPERVISION' });
    // The baseline: every enterprise assessed once (a first assessment announces nothing).
    await expect
      .poll(
        async () =>
          (await gw.query('{ roster(filter: {}, first: 1) { totalCount } }', {}, regulator)).body.data?.roster
            .totalCount,
        { timeout: 60_000, interval: 100 },
      )
      .toBe(SIZE);

    // An enterprise whose only records are one declared department's unpublished general ones,
    // dated within the alert's twelve months (today is the sandbox's 2026-11-01).
    const traits = await samples(sb);
    const owing = [...(traits.utilityArrears ?? []), ...(traits.socialInsuranceArrears ?? [])];
    const read = await gw.query(
      `query($u: [USCC!]!) { enterprises(usccs: $u) { uscc records { id department severity date publicity { published } } } }`,
      { u: owing },
      regulator,
    );
    expect(read.body.errors).toBeUndefined();
    type Rec = {
      id: string;
      department: string;
      severity: string;
      date: string;
      publicity: { published: boolean };
    };
    const candidates = (read.body.data.enterprises as Array<{ uscc: string; records: Rec[] }>).filter(
      (e) =>
        e.records.length > 0 &&
        e.records.every(
          (r) =>
            DECLARED.includes(r.department) &&
            r.severity === 'GENERAL' &&
            !r.publicity.published &&
            r.date > '2025-11-01',
        ),
    );
    expect(candidates.length).toBeGreaterThan(0);
    const subject = candidates[0]!;
    const hidden = subject.records.map((r) => r.id);

    const register = async (path: string, headers: Record<string, string>) => {
      const r = await gw.query(
        `mutation($url: String!, $filter: WebhookFilter) { registerWebhook(url: $url, kinds: [ALERT_RAISED], filter: $filter) { id } }`,
        { url: `${base}${path}`, filter: { usccs: [subject.uscc] } },
        headers,
      );
      expect(r.body.errors).toBeUndefined();
    };
    await register('/market', market);
    await register('/regulator', regulator);

    const post = async (path: string, record: Record<string, unknown>) => {
      const res = await fetch(`${sb.urls.control}/__sandbox/records`, {
        method: 'POST',
        body: JSON.stringify({ uscc: subject.uscc, path, record }),
      });
      expect(res.status).toBeLessThan(300);
    };
    const taxId = '汕税稽罚〔2026〕88号';
    const envId = '汕环罚〔2026〕88号';
    await post('tax.penalties', {
      id: taxId,
      date: '2026-10-12',
      kinds: ['罚款'],
      amount: '20000.00',
      fact: '少缴税款',
    });
    await post('environment.penalties', {
      id: envId,
      date: '2026-10-15',
      kinds: ['罚款'],
      amount: '60000.00',
      fact: '超标排放',
    });

    const alertAt = (path: string) =>
      got.find(
        (g) => g.path === path && g.body.kind === 'ALERT_RAISED' && g.body.data.alert === 'MULTI_DOMAIN',
      );
    await expect.poll(() => alertAt('/market') !== undefined, { timeout: 15_000, interval: 50 }).toBe(true);
    await expect
      .poll(() => alertAt('/regulator') !== undefined, { timeout: 15_000, interval: 50 })
      .toBe(true);

    const ids = (path: string) => alertAt(path)!.body.data.basis!.map((b) => b.id);
    const byMarket = ids('/market');
    const byRegulator = ids('/regulator');
    // The regulator's basis holds the declared department's record: the alert rests on it.
    expect(byRegulator).toEqual(expect.arrayContaining([...hidden, expect.stringContaining(taxId)]));
    expect(hidden.every((id) => byRegulator.includes(id))).toBe(true);
    // Market regulation, holding no record there, receives the alert with the published records only.
    expect(alertAt('/market')!.body.uscc).toBe(subject.uscc);
    expect(byMarket.some((id) => id.includes(taxId))).toBe(true);
    expect(byMarket.some((id) => id.includes(envId))).toBe(true);
    expect(byMarket.filter((id) => hidden.includes(id))).toEqual([]);
    expect(JSON.stringify(alertAt('/market')!.body)).not.toContain(hidden[0]!);
    expect(alertAt('/market')!.body.data.basis!.every((b) => !DECLARED.includes(b.department))).toBe(true);
  }, 90_000);
});
