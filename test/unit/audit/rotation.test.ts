/**
 * Rotation: by size and by day, a signed log's live file is closed with a signed
 * checkpoint and renamed, and the next file opens with a signed checkpoint of the same head — each
 * file verifies on its own as a closed file, and together, in order, they are one chain.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileAuditLog, verifyAuditLog } from '../../../src/audit/AuditLog.ts';
import { signerFromPem } from '../../../src/audit/signing.ts';
import { auditEvent } from '../../helpers/audit.ts';

const signer = signerFromPem(
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
);
const keys = new Map<string, KeyObject>([[signer.keyId, signer.publicKey]]);

/** The rotated files (oldest first, by their sequence suffix), then the live one. */
function filesOf(dir: string): string[] {
  const rotated = readdirSync(dir)
    .filter((f) => /^r1\..+-(\d+)\.jsonl$/.test(f))
    .sort((a, b) => Number(/-(\d+)\.jsonl$/.exec(a)![1]) - Number(/-(\d+)\.jsonl$/.exec(b)![1]));
  return [...rotated, 'r1.jsonl'].map((f) => join(dir, f));
}

describe('rotation', () => {
  it('by size: every file verifies as a closed file; together they are one chain with every entry once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-rotate-'));
    const log = await FileAuditLog.open(join(dir, 'r1.jsonl'), {
      signer,
      rotateBytes: 3000,
      checkpointMs: 3_600_000,
    });
    for (let k = 1; k <= 40; k++) await log.append(auditEvent(k));
    await log.close();
    const files = filesOf(dir);
    expect(files.length).toBeGreaterThan(3);
    for (const f of files)
      expect(verifyAuditLog(readFileSync(f, 'utf8'), { keys }), f).toMatchObject({
        ok: true,
        unsignedTail: 0,
      });
    const all = files.map((f) => readFileSync(f, 'utf8')).join('');
    // One chain across the files (each file after the first opens with a checkpoint of the head before it).
    const whole = all
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
    const reads = whole.filter((e) => e.action === 'read').map((e) => e.requestId);
    expect(reads).toEqual(Array.from({ length: 40 }, (_, k) => `r${k + 1}`));
    expect(whole.map((e) => e.seq)).toEqual(whole.map((_, i) => i + 1));
    // Without the first file the rest still verifies: it starts at a signed checkpoint.
    expect(
      verifyAuditLog(
        files
          .slice(1)
          .map((f) => readFileSync(f, 'utf8'))
          .join(''),
        { keys },
      ),
    ).toMatchObject({ ok: true });
    // A rotated file dropped from the middle is caught where the chain jumps.
    const gap = [files[0]!, ...files.slice(2)].map((f) => readFileSync(f, 'utf8')).join('');
    expect(verifyAuditLog(gap, { keys })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/missing \(deleted\)/),
    });
  });

  it('by day: the first write of a new (UTC) day goes to a new file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-rotate-'));
    let now = new Date('2026-11-30T23:59:59.000Z');
    const log = await FileAuditLog.open(join(dir, 'r1.jsonl'), {
      signer,
      checkpointMs: 3_600_000,
      now: () => now,
    });
    await log.append(auditEvent(1));
    await log.append(auditEvent(2));
    now = new Date('2026-12-01T00:00:01.000Z');
    await log.append(auditEvent(3));
    await log.close();
    const files = filesOf(dir);
    expect(files).toHaveLength(2);
    const reads = (f: string) =>
      readFileSync(f, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
        .filter((e) => e.action === 'read')
        .map((e) => e.requestId);
    expect(reads(files[0]!)).toEqual(['r1', 'r2']);
    expect(reads(files[1]!)).toEqual(['r3']);
    expect(files[0]).toMatch(/r1\.2026-12-01T00-00-01-000Z-3\.jsonl$/);
    for (const f of files)
      expect(verifyAuditLog(readFileSync(f, 'utf8'), { keys })).toMatchObject({ ok: true });
  });

  it('without a signer, no rotation (a file could not start mid-chain verifiably)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-rotate-'));
    const log = await FileAuditLog.open(join(dir, 'r1.jsonl'), { rotateBytes: 500 });
    for (let k = 1; k <= 10; k++) await log.append(auditEvent(k));
    await log.close();
    expect(readdirSync(dir).filter((f) => f.endsWith('.jsonl'))).toEqual(['r1.jsonl']);
  });
});
