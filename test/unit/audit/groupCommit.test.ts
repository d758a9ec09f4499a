/**
 * Durable locally: with fsync on (the default), entries are written and fsynced in
 * groups — one write and one fsync per group — and an append resolves only after its group is on
 * disk; a failed fsync fails its group's appends and the chain continues from what the file holds;
 * a line torn by a crash mid-write is cut off at the next open.
 */
import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { FileAuditLog, verifyAuditLog } from '../../../src/audit/AuditLog.ts';
import { auditEvent } from '../../helpers/audit.ts';

const event = auditEvent;
const fileIn = (): string => join(mkdtempSync(join(tmpdir(), 'audit-group-')), 'r1.jsonl');

/** The prototype of fs/promises' FileHandle, to count its writes and fsyncs. */
async function fileHandleProto(): Promise<{ write: () => unknown; datasync: () => Promise<void> }> {
  const h = await open(fileIn(), 'w');
  await h.close();
  return Object.getPrototypeOf(h) as { write: () => unknown; datasync: () => Promise<void> };
}

afterEach(() => vi.restoreAllMocks());

describe('group commit', () => {
  it('200 concurrent appends: each resolves after an fsync, in far fewer groups than entries, chained in order', async () => {
    const proto = await fileHandleProto();
    const syncs = vi.spyOn(proto, 'datasync');
    const writes = vi.spyOn(proto, 'write');
    const file = fileIn();
    const log = await FileAuditLog.open(file, { fsync: true });
    const synced: number[] = [];
    await Promise.all(
      Array.from({ length: 200 }, (_, k) =>
        log.append(event(k)).then(() => synced.push(syncs.mock.calls.length)),
      ),
    );
    await log.close();
    // Every append resolved after at least one fsync; the first group is the first entry alone.
    expect(Math.min(...synced)).toBeGreaterThanOrEqual(1);
    expect(syncs.mock.calls.length).toBeLessThan(20);
    expect(writes.mock.calls.length).toBe(syncs.mock.calls.length);
    const text = readFileSync(file, 'utf8');
    expect(verifyAuditLog(text)).toMatchObject({ ok: true, entries: 200 });
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).requestId),
    ).toEqual(Array.from({ length: 200 }, (_, k) => `r${k}`));
  });

  it('without fsync: no fsync at all', async () => {
    const syncs = vi.spyOn(await fileHandleProto(), 'datasync');
    const log = await FileAuditLog.open(fileIn(), { fsync: false });
    await Promise.all([1, 2, 3].map((k) => log.append(event(k))));
    await log.close();
    expect(syncs).not.toHaveBeenCalled();
  });

  it('a failed fsync fails its group’s appends; the chain goes on from what the file holds', async () => {
    const proto = await fileHandleProto();
    const file = fileIn();
    const log = await FileAuditLog.open(file, { fsync: true });
    await log.append(event(1));
    vi.spyOn(proto, 'datasync').mockRejectedValueOnce(Object.assign(new Error('EIO'), { code: 'EIO' }));
    await expect(log.append(event(2))).rejects.toThrow('EIO');
    await log.append(event(3));
    await log.close();
    // Entry 2 reached the file before its fsync failed: recorded (its request was refused), and the chain holds.
    expect(verifyAuditLog(readFileSync(file, 'utf8'))).toMatchObject({ ok: true, entries: 3 });
  });

  it('a line torn by a crash mid-write is cut off at open, and the chain continues', async () => {
    const file = fileIn();
    const log = await FileAuditLog.open(file);
    await log.append(event(1));
    await log.append(event(2));
    await log.close();
    appendFileSync(file, '{"seq":3,"at":"2026-11-01T08:00:00.000Z","requestId":"r3","subj');
    const again = await FileAuditLog.open(file);
    await again.append(event(4));
    await again.close();
    const text = readFileSync(file, 'utf8');
    expect(verifyAuditLog(text)).toMatchObject({ ok: true, entries: 3 });
    expect(
      text
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).requestId),
    ).toEqual(['r1', 'r2', 'r4']);
  });
});
