import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditLogLocked, FileAuditLog, verifyAuditLog } from '../../src/audit/AuditLog.ts';
import { keysFromJwks } from '../../src/audit/signing.ts';
import type { Sandbox } from '../../sandbox/startSandbox.ts';
import { headersFor, startTestGateway, type TestGateway } from '../helpers/gateway.ts';
import { samples, startTestSandbox } from '../helpers/sandbox.ts';
import { auditEvent } from '../helpers/audit.ts';

const event = auditEvent;

describe('the hash-chained log', () => {
  it('chains entries, continues after a restart, and the verifier names the first tampered line', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'audit-')), 'r1.jsonl');
    const log = await FileAuditLog.open(file);
    await Promise.all([1, 2, 3].map((k) => log.append(event(k))));
    await log.close();
    const again = await FileAuditLog.open(file);
    await again.append(event(4));
    await again.close();
    const text = readFileSync(file, 'utf8');
    expect(verifyAuditLog(text)).toEqual({
      ok: true,
      entries: 4,
      checkpoints: 0,
      unsignedTail: 4,
      signaturesChecked: false,
    });
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).seq),
    ).toEqual([1, 2, 3, 4]);

    const lines = text.trim().split('\n');
    lines[1] = lines[1]!.replace('"role":"clerk"', '"role":"regulator"');
    expect(verifyAuditLog(lines.join('\n'))).toEqual({
      ok: false,
      line: 2,
      reason: 'entry 2 was edited: its content does not match its hash',
    });
    const dropped = text.trim().split('\n');
    dropped.splice(2, 1);
    expect(verifyAuditLog(dropped.join('\n'))).toMatchObject({ ok: false, line: 3 });

    // The command names it too, and exits non-zero.
    writeFileSync(file, lines.join('\n'));
    let out = '';
    try {
      execFileSync('npx', ['tsx', 'scripts/audit-verify.ts', file], { encoding: 'utf8', stdio: 'pipe' });
    } catch (err) {
      out = (err as { stdout: string }).stdout;
    }
    expect(out).toContain('BROKEN at entry 2');
  });

  it('fails on a full disk without advancing the chain', async () => {
    const log = await FileAuditLog.open('/dev/full');
    await expect(log.append(event(1))).rejects.toThrow();
    await log.close().catch(() => {});
  });
});

describe('one writer per chain', () => {
  /** Another process that opens the log, appends one entry and holds it (a second `npm start`). */
  const holder = async (file: string) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `const { FileAuditLog } = await import('./src/audit/AuditLog.ts');
         const log = await FileAuditLog.open(process.argv[1], { lock: { staleMs: 2000 } });
         await log.append(${JSON.stringify(event(100))});
         console.log('holding');
         setInterval(() => {}, 1000);`,
        file,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    await expect.poll(() => out, { timeout: 15_000, interval: 50 }).toContain('holding');
    return child;
  };

  it('a second writer of a live chain is refused by name; a killed holder’s lock goes stale and the chain continues', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'audit-lock-')), 'r1.jsonl');
    const child = await holder(file);
    const exited = new Promise((r) => child.once('exit', r));
    try {
      const second = FileAuditLog.open(file, { lock: { staleMs: 2000, waitMs: 500 } });
      await expect(second).rejects.toBeInstanceOf(AuditLogLocked);
      await expect(second).rejects.toThrow(/written by another running process.*REPLICA_ID or AUDIT_FILE/);
      // The holder killed: nobody released the lock, so it is taken once stale, and the chain goes on.
      child.kill('SIGKILL');
      await exited;
      const next = await FileAuditLog.open(file, { lock: { staleMs: 2000, waitMs: 5000 } });
      await next.append(event(101));
      await next.close();
      const text = readFileSync(file, 'utf8');
      expect(verifyAuditLog(text)).toEqual({
        ok: true,
        entries: 2,
        checkpoints: 0,
        unsignedTail: 2,
        signaturesChecked: false,
      });
      // Closed cleanly: the next opener gets the lock at once.
      const third = await FileAuditLog.open(file, { lock: { staleMs: 2000, waitMs: 0 } });
      await third.close();
    } finally {
      child.kill('SIGKILL');
    }
  }, 30_000);

  it('two logs in one process on the same file: the second is refused too', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'audit-lock-')), 'r1.jsonl');
    const first = await FileAuditLog.open(file);
    await expect(FileAuditLog.open(file, { lock: { waitMs: 0 } })).rejects.toBeInstanceOf(AuditLogLocked);
    await first.close();
  });
});

describe('audit over HTTP', () => {
  let sb: Sandbox;
  let gw: TestGateway;
  let traits: Record<string, string[]>;
  beforeAll(async () => {
    sb = await startTestSandbox();
    gw = await startTestGateway(sb);
    traits = await samples(sb);
  });
  afterAll(async () => {
    await gw.close();
    await sb.close();
  });
  const entries = () =>
    readFileSync(gw.auditFile, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));

  it('a replica with a signing key signs its chain head every few seconds and at close; its keys are at /.well-known/audit-keys; the command verifies', async () => {
    const pem = generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const signed = await startTestGateway(
      sb,
      {},
      {
        AUDIT_SIGNING_KEY: pem,
        AUDIT_SIGNING_KEY_ID: 'k-2026',
        AUDIT_CHECKPOINT_MS: '200',
        REPLICA_ID: 'signed-1',
      },
    );
    const lines = () =>
      readFileSync(signed.auditFile, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l));
    const jwksRes = await fetch(`${signed.url}/.well-known/audit-keys`);
    expect(jwksRes.headers.get('content-type')).toContain('application/jwk-set+json');
    const jwks = (await jwksRes.json()) as { keys: Array<Record<string, string>> };
    expect(jwks.keys).toEqual([
      expect.objectContaining({ kty: 'OKP', crv: 'Ed25519', kid: 'k-2026', alg: 'EdDSA' }),
    ]);
    expect(JSON.stringify(jwks)).not.toMatch(/"d":/); // the public half only
    const keys = keysFromJwks(jwks);
    const regulator = await headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' });
    await signed.query(
      'query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } } }',
      { u: traits.generalPenalty![0] },
      regulator,
    );
    // Within a few checkpoint intervals the read is signed: the live file verifies with no unsigned tail.
    await expect.poll(() => lines().at(-1)?.action, { timeout: 3000, interval: 50 }).toBe('checkpoint');
    expect(lines().at(-1).checkpoint).toMatchObject({ replica: 'signed-1', keyId: 'k-2026' });
    // /readyz says where the chain stands: signed up to its last entry, fsync on by default. The chain's
    // position advances once the write is synced, a moment after the lines are in the file, so it is polled.
    const readyAudit = async () =>
      ((await (await fetch(`${signed.url}/readyz`)).json()) as { audit: Record<string, unknown> }).audit;
    await expect
      .poll(async () => (await readyAudit()).signedSeq, { timeout: 3000, interval: 50 })
      .toBe(lines().at(-1).seq);
    expect(await readyAudit()).toEqual({
      file: basename(signed.auditFile),
      fsync: true,
      signingKeyId: 'k-2026',
      seq: lines().at(-1).seq,
      signedSeq: lines().at(-1).seq,
    });
    expect(verifyAuditLog(readFileSync(signed.auditFile, 'utf8'), { keys, live: true })).toMatchObject({
      ok: true,
      checkpoints: 1,
      unsignedTail: 0,
    });
    await signed.query(
      'query($u: USCC!) { enterprise(uscc: $u) { evaluation { grade } } }',
      { u: traits.generalPenalty![1] },
      regulator,
    );
    await signed.close();
    // Closed: the file ends with a checkpoint over the last read.
    const closed = lines();
    expect(closed.at(-1).action).toBe('checkpoint');
    expect(closed.at(-1).checkpoint.seq).toBe(closed.at(-2).seq);
    // The command: this file ok; a missing, an empty and a cut-short file each named, exit code 1.
    const dir = mkdtempSync(join(tmpdir(), 'audit-cli-'));
    const jwksFile = join(dir, 'keys.json');
    writeFileSync(jwksFile, JSON.stringify(jwks));
    writeFileSync(join(dir, 'empty.jsonl'), '');
    writeFileSync(
      join(dir, 'short.jsonl'),
      `${readFileSync(signed.auditFile, 'utf8').trim().split('\n').slice(0, -1).join('\n')}\n`,
    );
    let out = '';
    let status = 0;
    try {
      execFileSync(
        'npx',
        [
          'tsx',
          'scripts/audit-verify.ts',
          '--keys',
          jwksFile,
          signed.auditFile,
          join(dir, 'missing.jsonl'),
          join(dir, 'empty.jsonl'),
          join(dir, 'short.jsonl'),
        ],
        { encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (err) {
      out = (err as { stdout: string }).stdout;
      status = (err as { status: number }).status;
    }
    expect(status).toBe(1);
    expect(out).toContain(`${signed.auditFile}: ok, ${closed.length} entries, `);
    expect(out).toContain('missing.jsonl: no such file');
    expect(out).toContain('empty.jsonl: empty (no entries)');
    expect(out).toMatch(/short\.jsonl: BROKEN at entry \d+: truncated: no signed checkpoint/);
  }, 30_000);

  it('records reads beyond the public view, consent changes and objections, but not public reads', async () => {
    const uscc = traits.generalPenalty![0]!;
    const clerk = await headersFor({
      role: 'clerk',
      org: 'hall-9',
      purpose: 'LICENSING',
      subject: 'clerk-007',
    });
    await gw.query('query($u: USCC!) { enterprise(uscc: $u) { name } }', { u: uscc }, {});
    // The request id is the gateway's own (answered in X-Request-Id), never the client's.
    const checked = await gw.query(
      'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict receipt { number } } }',
      { u: uscc },
      { ...clerk, 'x-request-id': 'req-audit-1' },
    );
    expect(checked.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(checked.body.data.creditCheck.receipt.number).toBe(checked.requestId);
    const owner = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
    await gw.query(
      'mutation { grantConsent(input: { grantee: "bank-q", scopes: [TAX_PAID], purpose: PRE_CREDIT, expiresAt: "2027-01-01T00:00:00Z" }) { accepted } }',
      {},
      owner,
    );
    const self = await gw.query(
      'query($u: USCC!) { enterprise(uscc: $u) { records { recordRef } } }',
      { u: uscc },
      owner,
    );
    const ref = self.body.data.enterprise.records[0].recordRef;
    await gw.query(
      'mutation($r: String!) { fileObjection(input: { recordRef: $r, reason: "错误" }) { accepted } }',
      { r: ref },
      owner,
    );

    const log = entries();
    expect(verifyAuditLog(readFileSync(gw.auditFile, 'utf8')).ok).toBe(true);
    expect(log.some((e) => e.requestId === 'req-audit-1')).toBe(false);
    const read = log.find((e) => e.requestId === checked.requestId);
    expect(read).toMatchObject({
      action: 'read',
      role: 'clerk',
      org: 'hall-9',
      purpose: 'LICENSING',
      enterprises: [uscc],
      fieldGroups: ['Query.creditCheck'],
      outcome: 'served',
    });
    expect(log.filter((e) => e.action === 'consent.grant').map((e) => e.outcome)).toEqual([
      'requested',
      expect.stringMatching(/^granted .* to bank-q$/),
    ]);
    expect(log.filter((e) => e.action === 'objection.file').map((e) => e.outcome)).toEqual([
      'requested',
      expect.stringMatching(/^filed /),
    ]);
    // The anonymous read of a name left no entry.
    expect(log.every((e) => e.role !== 'public')).toBe(true);
  });

  it('a regulator’s alert sweep names every enterprise it revealed', async () => {
    const { body, requestId } = await gw.query(
      '{ riskAlerts(first: 10) { edges { node { uscc } } } }',
      {},
      await headersFor({ role: 'regulator', org: 'samr', purpose: 'SUPERVISION' }),
    );
    const revealed = body.data.riskAlerts.edges.map((e: { node: { uscc: string } }) => e.node.uscc);
    expect(revealed.length).toBeGreaterThan(0);
    const entry = entries().find((e) => e.requestId === requestId);
    expect(entry.enterprises).toEqual([...revealed].sort());
  });

  it('fails closed: with the log unwritable, a read beyond the public view is not served and a write is not made', async () => {
    const broken = await startTestGateway(sb, {}, { AUDIT_FILE: '/dev/full' });
    try {
      const uscc = traits.dishonestDebtor![0]!;
      const clerk = await headersFor({ role: 'clerk', org: 'h', purpose: 'LICENSING' });
      const res = await broken.query(
        'query($u: USCC!) { creditCheck(uscc: $u, matter: BIDDING) { verdict } }',
        { u: uscc },
        clerk,
      );
      expect(res.status).toBe(503);
      expect(res.body).toEqual({
        errors: [{ message: expect.any(String), extensions: { code: 'AUDIT_UNAVAILABLE' } }],
      });
      // The public view needs no audit and is still served.
      expect(
        (await broken.query('query($u: USCC!) { enterprise(uscc: $u) { name } }', { u: uscc }, {})).body.data
          .enterprise.name,
      ).toBeTruthy();
      const owner = await headersFor({ role: 'enterprise', uscc, purpose: 'SELF_QUERY' });
      const before = (await (
        await fetch(`${sb.urls.credit}/credit/v1/consents?uscc=${uscc}&status=all`, {
          headers: { 'x-app-key': 'sandbox' },
        })
      ).json()) as { consents: unknown[] };
      const w = await broken.query(
        'mutation { grantConsent(input: { grantee: "bank-z", scopes: [TAX_PAID], purpose: PRE_CREDIT, expiresAt: "2027-01-01T00:00:00Z" }) { accepted } }',
        {},
        owner,
      );
      expect(w.body.errors[0].extensions.code).toBe('AUDIT_UNAVAILABLE');
      const after = (await (
        await fetch(`${sb.urls.credit}/credit/v1/consents?uscc=${uscc}&status=all`, {
          headers: { 'x-app-key': 'sandbox' },
        })
      ).json()) as { consents: unknown[] };
      expect(after.consents).toHaveLength(before.consents.length);
    } finally {
      await broken.close();
    }
  });
});
