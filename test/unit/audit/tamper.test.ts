/**
 * The tamper table: every kind of tampering with a signed audit log is caught, and the
 * verifier's message names it and the entry. The log is written by the real FileAuditLog with a
 * signer; each case edits its text as an attacker with file access would.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  FileAuditLog,
  hashLine,
  verifyAuditLog,
  type AuditEvent,
  type AuditLine,
} from '../../../src/audit/AuditLog.ts';
import { signCheckpoint, signerFromPem, type AuditSigner } from '../../../src/audit/signing.ts';

const pem = (): string =>
  generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const signer = signerFromPem(pem(), 'replica-1-2026');
const keys = new Map<string, KeyObject>([[signer.keyId, signer.publicKey]]);
const event = (k: number): AuditEvent => ({
  at: `2026-11-01T08:00:0${k % 10}.000Z`,
  requestId: `r${k}`,
  subject: 'official-7',
  org: 'hall',
  role: 'clerk',
  purpose: 'LICENSING',
  action: 'read',
  operation: 'Check',
  enterprises: ['91441500MA4UXXXX0X'],
  fieldGroups: ['Enterprise.evaluation'],
  outcome: 'served',
});

/** Lines 1–3 reads, 4 checkpoint, 5–6 reads, 7 checkpoint, 8–9 reads, 10 checkpoint (written at close). */
let lines: string[];
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'tamper-')), 'r1.jsonl');
  const log = await FileAuditLog.open(file, { signer, replica: 'replica-1', checkpointMs: 3_600_000 });
  for (const k of [1, 2, 3]) await log.append(event(k));
  await log.checkpoint();
  for (const k of [5, 6]) await log.append(event(k));
  await log.checkpoint();
  await log.checkpoint(); // nothing new: no second checkpoint
  for (const k of [8, 9]) await log.append(event(k));
  await log.close();
  lines = readFileSync(file, 'utf8').trimEnd().split('\n');
});

const parse = (l: string): AuditLine => JSON.parse(l) as AuditLine;
const text = (ls: string[]): string => `${ls.join('\n')}\n`;
/** Recomputes every hash from line `from` (1-based) on, as a forger would; optionally re-points checkpoints. */
function rehash(
  ls: string[],
  from: number,
  opts: { repointCheckpoints?: AuditSigner | 'keep-signature'; keyId?: string } = {},
): string[] {
  const out = ls.map(parse);
  for (let i = from - 1; i < out.length; i++) {
    const { hash: _old, ...body } = out[i]!;
    if (i > 0) body.prevHash = out[i - 1]!.hash;
    if (body.checkpoint && opts.repointCheckpoints) {
      const head = {
        replica: 'replica-1',
        seq: out[i - 1]!.seq,
        hash: out[i - 1]!.hash,
        at: body.checkpoint.at,
      };
      body.checkpoint =
        opts.repointCheckpoints === 'keep-signature'
          ? { ...body.checkpoint, ...head }
          : { ...signCheckpoint(opts.repointCheckpoints, head), keyId: opts.keyId ?? signer.keyId };
    }
    out[i] = { ...body, hash: hashLine(body) };
  }
  return out.map((e) => JSON.stringify(e));
}
const edit = (ls: string[], line: number, f: (e: AuditLine) => void): string[] =>
  ls.map((l, i) => {
    if (i !== line - 1) return l;
    const e = parse(l);
    f(e);
    return JSON.stringify(e);
  });
const forger = signerFromPem(pem());

describe('the log as written', () => {
  it('chains 10 entries with 3 signed checkpoints (every few seconds and at close), each over the entry before it', () => {
    expect(lines).toHaveLength(10);
    expect(lines.map((l) => parse(l).action)).toEqual([
      'read',
      'read',
      'read',
      'checkpoint',
      'read',
      'read',
      'checkpoint',
      'read',
      'read',
      'checkpoint',
    ]);
    expect(parse(lines[3]!).checkpoint).toMatchObject({
      replica: 'replica-1',
      seq: 3,
      hash: parse(lines[2]!).hash,
      keyId: 'replica-1-2026',
    });
    expect(verifyAuditLog(text(lines), { keys })).toEqual({
      ok: true,
      entries: 10,
      checkpoints: 3,
      unsignedTail: 0,
      signaturesChecked: true,
    });
  });
});

describe('the tamper table', () => {
  const cases: Array<[string, () => string, number, RegExp]> = [
    ['an edited entry', () => text(edit(lines, 2, (e) => (e.org = 'someone-else'))), 2, /entry 2 was edited/],
    [
      'an edited entry, its successors rehashed',
      () =>
        text(
          rehash(
            edit(lines, 2, (e) => (e.org = 'x')),
            2,
          ),
        ),
      4,
      /checkpoint at entry 4 does not match the chain before it/,
    ],
    [
      'an edited entry, rehashed, checkpoints re-pointed (signature kept)',
      () =>
        text(
          rehash(
            edit(lines, 2, (e) => (e.org = 'x')),
            2,
            { repointCheckpoints: 'keep-signature' },
          ),
        ),
      4,
      /forged checkpoint at entry 4/,
    ],
    [
      'an edited entry, rehashed, checkpoints re-signed with another key',
      () =>
        text(
          rehash(
            edit(lines, 2, (e) => (e.org = 'x')),
            2,
            { repointCheckpoints: forger },
          ),
        ),
      4,
      /forged checkpoint at entry 4/,
    ],
    [
      'a deleted entry',
      () => text(lines.filter((_, i) => i !== 4)),
      5,
      /entries 5–5 are missing \(deleted\)/,
    ],
    [
      'a duplicated entry',
      () => text([...lines.slice(0, 5), lines[4]!, ...lines.slice(5)]),
      6,
      /entry 5 is duplicated/,
    ],
    [
      'reordered entries',
      () => text([...lines.slice(0, 4), lines[5]!, lines[4]!, ...lines.slice(6)]),
      5,
      /entries out of order: entry 6 before entry 5/,
    ],
    ['a cut line', () => lines.join('\n').slice(0, -40), 10, /cut line/],
    [
      'a dropped tail (the closing checkpoint and an entry)',
      () => text(lines.slice(0, 8)),
      8,
      /truncated: no signed checkpoint after entry 8/,
    ],
    ['a dropped head', () => text(lines.slice(2)), 1, /dropped head: the log starts at entry 3/],
    [
      'a forged checkpoint appended',
      () => {
        const last = parse(lines[9]!);
        const forged = {
          ...event(11),
          action: 'checkpoint',
          checkpoint: {
            ...signCheckpoint(forger, { replica: 'replica-1', seq: 10, hash: last.hash, at: 'x' }),
            keyId: signer.keyId,
          },
        };
        const body = { seq: 11, ...forged, prevHash: last.hash };
        return text([...lines, JSON.stringify({ ...body, hash: hashLine(body) })]);
      },
      11,
      /forged checkpoint at entry 11/,
    ],
    [
      'a checkpoint signed by an unknown key',
      () => text(rehash(lines, 1, { repointCheckpoints: forger, keyId: 'who' })),
      4,
      /checkpoint at entry 4 is signed by an unknown key "who"/,
    ],
  ];
  it.each(cases)('%s: caught, named, at its entry', (_name, tamper, line, reason) => {
    const result = verifyAuditLog(tamper(), { keys });
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ line });
    expect(result.ok === false && result.reason).toMatch(reason);
  });

  it('a segment may start at a signed checkpoint (after rotation); a live file may end unsigned', () => {
    expect(verifyAuditLog(text(lines.slice(3)), { keys })).toMatchObject({
      ok: true,
      entries: 7,
      checkpoints: 3,
    });
    expect(verifyAuditLog(text(lines.slice(0, 8)), { keys, live: true })).toMatchObject({
      ok: true,
      unsignedTail: 1,
    });
  });

  it('without keys the chain is still checked, and the result says the signatures were not', () => {
    expect(verifyAuditLog(text(lines))).toMatchObject({ ok: true, checkpoints: 3, signaturesChecked: false });
    expect(verifyAuditLog(text(edit(lines, 2, (e) => (e.org = 'x'))))).toMatchObject({ ok: false, line: 2 });
  });
});
