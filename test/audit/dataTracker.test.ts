/**
 * The data tracker and the regulators' audit trail (docs/access.md) through the gateway,
 * with the ledger on embedded PGlite and the shipper archiving the audit file: an enterprise sees a
 * clerk's check and a bank's consented read of its data — organization, role, purpose, field
 * groups, operation; no official's id — and not another enterprise's; regulators see principals;
 * both queries are paged, checked and audited themselves.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { platformConsent } from '../auth/fixture.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';

const CHECK =
  'query ClerkCheck($u: USCC!) { creditCheck(uscc: $u, matter: ADMINISTRATIVE_LICENSING) { verdict } }';
const TAX_PAID = 'query BankPull($u: USCC!) { enterprise(uscc: $u) { tax { taxPaid { year } } } }';
const TRACKER = `query Tracker($first: Int, $after: String, $from: DateTime, $to: DateTime) {
  myDataAccess(first: $first, after: $after, from: $from, to: $to) {
    edges { cursor node { at organization role purpose fieldGroups operationName } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const TRAIL = `query Trail($f: AuditTrailFilter!, $first: Int, $after: String) {
  auditTrail(filter: $f, first: $first, after: $after) {
    edges { node { replica seq at requestId principal organization role purpose action operationName enterprises fieldGroups outcome hash } }
    pageInfo { hasNextPage endCursor }
  }
}`;

describe('the data tracker and the audit trail', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let dir: string;
  let mine: string;
  let other: string;
  const h: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    sb = await startTestSandbox();
    dir = mkdtempSync(join(tmpdir(), 'cg-tracker-'));
    gw = await startTestGateway(sb, {}, { LEDGER: 'true', LEDGER_DIR: dir, AUDIT_SHIP_MS: '100' });
    const traits = await samples(sb);
    [mine, other] = [traits.clean![0]!, traits.clean![1]!];
    await platformConsent(sb, {
      uscc: mine,
      grantee: 'bank-a',
      scopes: ['TAX_PAID'],
      purpose: 'PRE_CREDIT',
      expiresAt: '2027-11-01T00:00:00Z',
    });
    h.clerk = await headersFor({
      role: 'clerk',
      org: 'hall-1',
      subject: 'official-0042',
      purpose: 'LICENSING',
    });
    h.bank = await headersFor({ role: 'bank', org: 'bank-a', subject: 'analyst-7', purpose: 'PRE_CREDIT' });
    h.mine = await headersFor({ role: 'enterprise', uscc: mine, purpose: 'SELF_QUERY' });
    h.other = await headersFor({ role: 'enterprise', uscc: other, purpose: 'SELF_QUERY' });
    h.regulator = await headersFor({
      role: 'regulator',
      org: 'samr',
      subject: 'inspector-3',
      purpose: 'SUPERVISION',
    });
    // The reads the tracker must show, and one of another enterprise it must not.
    expect((await gw.query(CHECK, { u: mine }, h.clerk)).body.errors).toBeUndefined();
    const pulled = await gw.query(TAX_PAID, { u: mine }, h.bank);
    expect(pulled.body.errors).toBeUndefined();
    expect((await gw.query(CHECK, { u: other }, h.clerk)).body.errors).toBeUndefined();
  }, 60_000);
  afterAll(async () => {
    await gw?.close();
    await sb?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('shows an enterprise the clerk’s check and the bank’s consented read, newest first, without officials’ ids', async () => {
    // Archived within seconds (the shipper runs every 100 ms here).
    let res!: { status: number; body: any };
    await expect
      .poll(
        async () => {
          res = await gw.query(TRACKER, { first: 10 }, h.mine);
          return res.body.data?.myDataAccess.edges.length;
        },
        { timeout: 5000, interval: 100 },
      )
      .toBe(2);
    const nodes = res.body.data.myDataAccess.edges.map((e: any) => e.node);
    expect(nodes[0]).toMatchObject({
      organization: 'bank-a',
      role: 'bank',
      purpose: 'PRE_CREDIT',
      operationName: 'BankPull',
    });
    expect(nodes[0].fieldGroups).toContain('TaxProfile.taxPaid');
    expect(nodes[1]).toMatchObject({
      organization: 'hall-1',
      role: 'clerk',
      purpose: 'LICENSING',
      operationName: 'ClerkCheck',
    });
    expect(Date.parse(nodes[0].at)).toBeGreaterThanOrEqual(Date.parse(nodes[1].at));
    const text = JSON.stringify(res.body);
    expect(text).not.toContain('official-0042');
    expect(text).not.toContain('analyst-7');
    expect(text).not.toContain(other);
  });

  it('shows another enterprise only the reads of its own data', async () => {
    await expect
      .poll(async () => (await gw.query(TRACKER, { first: 10 }, h.other)).body.data?.myDataAccess.edges, {
        timeout: 5000,
        interval: 100,
      })
      .toEqual([expect.objectContaining({ node: expect.objectContaining({ organization: 'hall-1' }) })]);
  });

  it('pages with a cursor and limits by time', async () => {
    const first = await gw.query(TRACKER, { first: 1 }, h.mine);
    const page1 = first.body.data.myDataAccess;
    expect(page1.pageInfo.hasNextPage).toBe(true);
    const second = (await gw.query(TRACKER, { first: 1, after: page1.pageInfo.endCursor }, h.mine)).body.data
      .myDataAccess;
    expect(second.edges.map((e: any) => e.node.organization)).toEqual(['hall-1']);
    const future = await gw.query(TRACKER, { from: '2030-01-01T00:00:00.000Z' }, h.mine);
    expect(future.body.data.myDataAccess.edges).toEqual([]);
  });

  it('gives regulators the trail with principals, and records their reading of it', async () => {
    const byBank = await gw.query(TRAIL, { f: { organization: 'bank-a' } }, h.regulator);
    expect(byBank.body.errors).toBeUndefined();
    expect(byBank.body.data.auditTrail.edges.map((e: any) => e.node)).toEqual([
      expect.objectContaining({
        principal: 'analyst-7',
        role: 'bank',
        action: 'read',
        enterprises: [mine],
        outcome: 'served',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      }),
    ]);
    const byClerk = await gw.query(TRAIL, { f: { principal: 'official-0042' } }, h.regulator);
    expect(byClerk.body.data.auditTrail.edges.map((e: any) => e.node.enterprises)).toEqual([[other], [mine]]);
    // The regulator's own reading is in the trail too, once archived.
    await expect
      .poll(
        async () =>
          (
            await gw.query(TRAIL, { f: { principal: 'inspector-3' } }, h.regulator)
          ).body.data?.auditTrail.edges.map((e: any) => e.node.fieldGroups)[0],
        { timeout: 5000, interval: 100 },
      )
      .toContain('Query.auditTrail');
  });

  it('refuses other roles, two filters at once, forged cursors and reversed ranges, with stable codes', async () => {
    const code = (r: { body: any }): string | undefined => r.body.errors?.[0]?.extensions?.code;
    const arg = (r: { body: any }): string | undefined => r.body.errors?.[0]?.extensions?.argument;
    expect(code(await gw.query(TRACKER, {}, h.bank))).toBe('FORBIDDEN');
    expect(code(await gw.query(TRAIL, { f: { uscc: mine } }, h.clerk))).toBe('FORBIDDEN');
    const two = await gw.query(TRAIL, { f: { uscc: mine, organization: 'bank-a' } }, h.regulator);
    expect([code(two), arg(two)]).toEqual(['BAD_USER_INPUT', 'filter']);
    const forged = await gw.query(
      TRACKER,
      { after: Buffer.from('t:not-a-time|1|x').toString('base64url') },
      h.mine,
    );
    expect([code(forged), arg(forged)]).toEqual(['BAD_USER_INPUT', 'after']);
    const reversed = await gw.query(
      TRACKER,
      { from: '2026-11-02T00:00:00.000Z', to: '2026-11-01T00:00:00.000Z' },
      h.mine,
    );
    expect([code(reversed), arg(reversed)]).toEqual(['BAD_USER_INPUT', 'to']);
    expect(code(await gw.query(TRACKER, { first: 101 }, h.mine))).toBe('BAD_USER_INPUT');
  });

  it('holds a regulator’s INVESTIGATION read from the enterprise until the investigation is closed; the trail shows it throughout', async () => {
    const investigator = await headersFor({
      role: 'regulator',
      org: 'samr',
      subject: 'investigator-9',
      purpose: 'INVESTIGATION',
    });
    expect((await gw.query(CHECK, { u: other }, investigator)).body.errors).toBeUndefined();
    const trail = async () =>
      (await gw.query(TRAIL, { f: { uscc: other }, first: 50 }, h.regulator)).body.data.auditTrail.edges.map(
        (e: any) => e.node,
      );
    let read: any;
    await expect
      .poll(async () => (read = (await trail()).find((n: any) => n.purpose === 'INVESTIGATION')), {
        timeout: 5000,
        interval: 100,
      })
      .toBeTruthy();
    const purposes = async () =>
      (await gw.query(TRACKER, { first: 50 }, h.other)).body.data.myDataAccess.edges.map(
        (e: any) => e.node.purpose,
      );
    // Archived, and still not the subject's to see: the clerk's check shows, the investigation does not.
    expect(await purposes()).toContain('LICENSING');
    expect(await purposes()).not.toContain('INVESTIGATION');
    const closed = await gw.query(
      'mutation($u: USCC!) { closeInvestigation(uscc: $u) }',
      { u: other },
      h.regulator,
    );
    expect(closed.body.errors).toBeUndefined();
    expect(
      (await gw.query('mutation($u: USCC!) { closeInvestigation(uscc: $u) }', { u: other }, h.other)).body
        .errors[0].extensions.code,
    ).toBe('FORBIDDEN');
    const shown = (await gw.query(TRACKER, { first: 50 }, h.other)).body.data.myDataAccess.edges
      .map((e: any) => e.node)
      .find((n: any) => n.purpose === 'INVESTIGATION');
    // Shown at its own time, without the official's id.
    expect(shown).toMatchObject({ at: read.at, organization: 'samr', role: 'regulator' });
    expect(JSON.stringify(shown)).not.toContain('investigator-9');
  });

  it('states the archive in /readyz and the metrics', async () => {
    const ready = (await (await fetch(`${gw.url}/readyz`)).json()) as any;
    expect(ready.auditArchive.state).toMatch(/^(shipped|behind)$/);
    expect(ready.auditArchive.shippedSeq).toBeGreaterThan(3);
    expect(ready.auditArchive.broken).toBeNull();
    const metrics = await (await fetch(`${gw.url}/metrics`)).text();
    expect(metrics).toMatch(/cg_audit_archive_entries\{at="archived"\} [1-9]/);
    expect(metrics).toMatch(/cg_audit_archive_chain_broken 0/);
  });
});

describe('without a ledger', () => {
  it('the tracker answers LEDGER_UNAVAILABLE (the trail stays in the local file)', async () => {
    const sb = await startTestSandbox();
    const gw = await startTestGateway(sb);
    try {
      const res = await gw.query(
        '{ myDataAccess { edges { cursor } } }',
        {},
        await headersFor({ role: 'enterprise', uscc: (await samples(sb)).clean![0]!, purpose: 'SELF_QUERY' }),
      );
      expect(res.body.errors[0].extensions.code).toBe('LEDGER_UNAVAILABLE');
    } finally {
      await gw.close();
      await sb.close();
    }
  });
});
