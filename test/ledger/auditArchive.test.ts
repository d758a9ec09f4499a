/**
 * The audit archive on both engines: a replica's signed log shipped by the real
 * AuditShipper from its files (rotated ones included) into month partitions, idempotent by
 * (replica, sequence) across restarts, re-verified as it is ingested — a rehashed edit, a
 * forged checkpoint and a fork flag the chain broken, a deleted rotated file is a gap — retention
 * dropping whole months, and the data tracker's and regulators' pages over it.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FileAuditLog,
  hashLine,
  verifyAuditLog,
  type AuditEvent,
  type AuditLine,
} from '../../src/audit/AuditLog.ts';
import { AuditShipper } from '../../src/audit/AuditShipper.ts';
import { compareWithArchive } from '../../src/audit/archiveCompare.ts';
import { signCheckpoint, signerFromPem } from '../../src/audit/signing.ts';
import { execFileSync } from 'node:child_process';
import { AuditArchive } from '../../src/ledger/AuditArchive.ts';
import { openLedger, type LedgerDb } from '../../src/ledger/openLedger.ts';
import { postgresBinaries, startPostgres, type TestPostgres } from '../helpers/postgres.ts';

const signerPem = generateKeyPairSync('ed25519')
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const signer = signerFromPem(signerPem, 'archive-test');
const keys = new Map<string, KeyObject>([[signer.keyId, signer.publicKey]]);
const logger = pino({ level: 'silent' });
const A = '91441500MA4UXXXX0X';
const B = '91441581MA4UYYYY1Y';

/** A read of `who` by a role, at `at`. */
const read = (k: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  at: `2026-11-0${1 + (k % 9)}T08:00:00.000Z`,
  requestId: `r${k}`,
  subject: `official-${k % 3}`,
  org: 'hall-1',
  role: 'clerk',
  purpose: 'LICENSING',
  action: 'read',
  operation: 'Check',
  enterprises: [A],
  fieldGroups: ['Enterprise.evaluation'],
  outcome: 'served',
  ...over,
});

const pgBin = postgresBinaries();
const ENGINES: Array<['pglite' | 'postgres', boolean]> = [
  ['pglite', true],
  ['postgres', pgBin !== null],
];

describe.each(ENGINES)('the audit archive on %s', (engine, available) => {
  let db: LedgerDb;
  let archive: AuditArchive;
  let server: TestPostgres | null = null;
  const dirs: string[] = [];
  let n = 0;
  /** A fresh replica: its own folder, file and name. */
  const replica = (): { name: string; file: string; dir: string } => {
    const dir = mkdtempSync(join(tmpdir(), 'cg-archive-'));
    dirs.push(dir);
    const name = `${engine}-r${++n}`;
    return { name, file: join(dir, `${name}.jsonl`), dir };
  };
  /** A replica's signed log, checkpointed only when a test asks (and rotated past `rotateBytes`). */
  const signedLog = (r: { name: string; file: string }, rotateBytes?: number) =>
    FileAuditLog.open(r.file, {
      signer,
      replica: r.name,
      checkpointMs: 3_600_000,
      ...(rotateBytes ? { rotateBytes } : {}),
    });
  const shipper = (r: { name: string; file: string }, now?: () => Date): AuditShipper =>
    new AuditShipper({ file: r.file, replica: r.name, archive: () => archive, keys, logger, now });
  const count = async (name: string): Promise<number> =>
    Number(
      (await db.pool.query('SELECT count(*) AS n FROM audit_entries WHERE replica = $1', [name])).rows[0].n,
    );

  beforeAll(async () => {
    if (!available) return;
    if (engine === 'postgres') {
      server = await startPostgres(pgBin!);
      db = await openLedger({ databaseUrl: server.url });
    } else {
      const dir = mkdtempSync(join(tmpdir(), 'cg-ledger-'));
      dirs.push(dir);
      db = await openLedger({ dir });
    }
    archive = new AuditArchive(db.pool);
  }, 60_000);
  afterAll(async () => {
    await db?.close();
    await server?.stop();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it.skipIf(!available)(
    'ships every entry once: a second round and a restarted shipper take nothing twice; the chain verifies',
    async () => {
      const r = replica();
      const log = await signedLog(r);
      for (let k = 1; k <= 7; k++) await log.append(read(k));
      await log.checkpoint();
      await log.append(read(8));
      const s = shipper(r);
      expect(await s.tick()).toBe(9);
      expect(await s.tick()).toBe(0);
      await log.close(); // the closing checkpoint
      expect(await s.tick()).toBe(1);
      // A restart reads the archive's head as its cursor: nothing again.
      expect(await shipper(r).tick()).toBe(0);
      expect(await count(r.name)).toBe(10);
      const chain = await archive.chain(r.name);
      expect(chain).toMatchObject({ lastSeq: 10, signedSeq: 10, broken: null, gaps: [] });
      // The archive holds exactly the file's lines.
      const local = readFileSync(r.file, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as AuditLine);
      expect(await archive.entries(r.name, 1, 10)).toEqual(local.map((l) => ({ seq: l.seq, hash: l.hash })));
    },
  );

  it.skipIf(!available)(
    'reads the live file on from the byte where the last round stopped, whatever the characters (multi-byte lines)',
    async () => {
      const r = replica();
      const log = await signedLog(r);
      const wide = (k: number) => read(k, { org: `政务服务大厅-${'审批'.repeat(k)}`, operation: `核查${k}` });
      for (let k = 1; k <= 3; k++) await log.append(wide(k));
      const s = shipper(r);
      expect(await s.tick()).toBe(3);
      for (let k = 4; k <= 6; k++) await log.append(wide(k));
      expect(await s.tick()).toBe(3);
      const chain = await archive.chain(r.name);
      expect(chain).toMatchObject({ lastSeq: 6, broken: null, gaps: [] });
      await log.close();
    },
  );

  it.skipIf(!available)('follows rotation: rotated files first, then the live file, one chain', async () => {
    const r = replica();
    const log = await signedLog(r, 1500);
    const s = shipper(r);
    for (let k = 1; k <= 12; k++) {
      await log.append(read(k));
      if (k % 5 === 0) await s.tick(); // shipping while the files rotate under it
    }
    await log.close();
    await s.tick();
    expect(readdirSync(r.dir).filter((f) => f.endsWith('.jsonl')).length).toBeGreaterThan(2);
    const chain = await archive.chain(r.name);
    expect(chain?.broken).toBeNull();
    expect(chain?.gaps).toEqual([]);
    const seqs = (await archive.entries(r.name, 1, 1000)).map((e) => e.seq);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(chain?.lastSeq).toBe(seqs.length);
  });

  it.skipIf(!available)(
    'a rotated file deleted before it was shipped is a gap; the chain resumes at the next file’s signed checkpoint',
    async () => {
      const r = replica();
      const log = await signedLog(r, 1500);
      for (let k = 1; k <= 12; k++) await log.append(read(k));
      await log.close();
      const rotated = readdirSync(r.dir)
        .filter((f) => f !== `${r.name}.jsonl` && f.endsWith('.jsonl'))
        .sort((a, b) => Number(/-(\d+)\.jsonl$/.exec(a)![1]) - Number(/-(\d+)\.jsonl$/.exec(b)![1]));
      const second = rotated[1]!;
      const lost = readFileSync(join(r.dir, second), 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as AuditLine);
      unlinkSync(join(r.dir, second));
      const s = shipper(r);
      await s.tick();
      const chain = await archive.chain(r.name);
      expect(chain?.gaps).toEqual([{ from: lost[0]!.seq, to: lost.at(-1)!.seq }]);
      expect(chain?.broken).toBeNull();
      expect(s.state().gaps).toBe(1);
    },
  );

  it.skipIf(!available)(
    'an edited entry with rehashed successors is flagged broken as it is ingested',
    async () => {
      const r = replica();
      const log = await signedLog(r);
      for (let k = 1; k <= 4; k++) await log.append(read(k));
      await log.close();
      // A forger edits entry 2 (another reader) and rehashes everything after it, checkpoint included.
      const lines = readFileSync(r.file, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as AuditLine);
      lines[1] = { ...lines[1]!, org: 'nobody' };
      for (let i = 1; i < lines.length; i++) {
        const { hash: _h, ...body } = { ...lines[i]!, prevHash: lines[i - 1]!.hash };
        lines[i] = { ...body, hash: hashLine(body) };
      }
      writeFileSync(r.file, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
      const s = shipper(r);
      await s.tick();
      const chain = await archive.chain(r.name);
      expect(chain?.broken).toEqual({
        seq: 5,
        reason: expect.stringMatching(/checkpoint at entry 5 does not match the chain before it/),
      });
      expect(s.state().broken?.seq).toBe(5);
    },
  );

  it.skipIf(!available)('a forged checkpoint (signed by another key) is flagged broken', async () => {
    const r = replica();
    const forger = signerFromPem(
      generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      'archive-test',
    );
    const log = await FileAuditLog.open(r.file, { signer: forger, replica: r.name, checkpointMs: 3_600_000 });
    await log.append(read(1));
    await log.close();
    await shipper(r).tick();
    expect((await archive.chain(r.name))?.broken?.reason).toMatch(/forged checkpoint at entry 2/);
  });

  it.skipIf(!available)(
    'a local chain begun again at genesis (a new disk) is a fork: flagged, never shipped over the archived one',
    async () => {
      const r = replica();
      const log = await signedLog(r);
      for (let k = 1; k <= 3; k++) await log.append(read(k));
      await log.close();
      await shipper(r).tick();
      rmSync(r.file);
      const again = await signedLog(r);
      await again.append(read(9));
      await again.close();
      const s = shipper(r);
      expect(await s.tick()).toBe(0);
      expect(s.state().broken?.reason).toMatch(/^fork: the local chain is not the archived one at entry 4/);
      expect(await count(r.name)).toBe(4);
    },
  );

  it.skipIf(!available)(
    'forged, correctly chained lines appended to the live file: the replica’s own entries under the same numbers flag a fork and are kept as evidence',
    async () => {
      const r = replica();
      const log = await signedLog(r);
      for (let k = 1; k <= 3; k++) await log.append(read(k));
      const s = shipper(r);
      expect(await s.tick()).toBe(3);
      // Someone with write access appends two unsigned reads chained from entry 3: they verify as a tail.
      const local = (): AuditLine[] =>
        readFileSync(r.file, 'utf8')
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as AuditLine);
      let prev = local().at(-1)!;
      const forged: AuditLine[] = [];
      for (const k of [4, 5]) {
        const body = { ...read(k, { org: 'forger' }), seq: prev.seq + 1, prevHash: prev.hash };
        prev = { ...body, hash: hashLine(body) };
        forged.push(prev);
      }
      writeFileSync(r.file, `${forged.map((l) => JSON.stringify(l)).join('\n')}\n`, { flag: 'a' });
      expect(await s.tick()).toBe(2);
      // The replica goes on with its own entry 4.
      await log.append(read(40));
      await s.tick();
      const chain = await archive.chain(r.name);
      expect(chain?.broken).toEqual({
        seq: 4,
        reason: expect.stringMatching(/^fork: two different entries claim entry 4/),
      });
      expect(s.state().broken?.seq).toBe(4);
      const own = local().find((l) => l.requestId === 'r40')!;
      expect(await archive.conflicts(r.name)).toEqual([own]);
      await log.close();
    },
  );

  it.skipIf(!available)(
    'the verifier with the archive: a live file whose head was cut at a checkpoint, and a rotated file whose tail was cut at one, are named',
    async () => {
      const r = replica();
      const log = await signedLog(r, 4000);
      for (let k = 1; k <= 3; k++) await log.append(read(k));
      await log.checkpoint(); // entry 4: a periodic checkpoint inside the first file
      for (let k = 5; k <= 20; k++) await log.append(read(k));
      await log.checkpoint();
      await log.append(read(21));
      await log.close();
      await shipper(r).tick();
      const parse = (path: string): AuditLine[] =>
        readFileSync(path, 'utf8')
          .trimEnd()
          .split('\n')
          .map((l) => JSON.parse(l) as AuditLine);
      const rotatedName = readdirSync(r.dir).find((f) => f !== `${r.name}.jsonl` && f.endsWith('.jsonl'))!;
      const rotated = parse(join(r.dir, rotatedName));
      const live = parse(r.file);
      // Each file as it is agrees with the archive.
      expect(await compareWithArchive(rotated, archive, { replica: r.name, live: false })).toMatchObject({
        ok: true,
      });
      expect(await compareWithArchive(live, archive, { replica: r.name, live: true })).toMatchObject({
        ok: true,
      });
      // The rotated file cut back to its periodic checkpoint: alone it verifies (it ends signed).
      const at = rotated.findIndex((l) => l.seq === 4);
      expect(rotated[at]!.action).toBe('checkpoint');
      const tailCut = rotated.slice(0, at + 1);
      expect(verifyAuditLog(tailCut.map((l) => JSON.stringify(l)).join('\n'), { keys })).toMatchObject({
        ok: true,
      });
      expect(await compareWithArchive(tailCut, archive, { replica: r.name, live: false })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(/^dropped tail: the file ends at entry 4, but the archive's entry 5/),
      });
      // The live file's head cut at its periodic checkpoint: alone it verifies (it starts signed).
      const cp = live.findIndex((l, i) => i > 0 && l.action === 'checkpoint');
      const headCut = live.slice(cp);
      expect(
        verifyAuditLog(headCut.map((l) => JSON.stringify(l)).join('\n'), { keys, live: true }),
      ).toMatchObject({ ok: true });
      expect(await compareWithArchive(headCut, archive, { replica: r.name, live: true })).toMatchObject({
        ok: false,
        reason: expect.stringMatching(
          new RegExp(`^dropped head: the file starts at entry ${headCut[0]!.seq}`),
        ),
      });
    },
  );

  it.skipIf(!available)('partitions by month; retention drops whole months past it', async () => {
    const r = replica();
    const clock = { now: new Date('2026-09-15T00:00:00Z') };
    const log = await FileAuditLog.open(r.file, {
      signer,
      replica: r.name,
      checkpointMs: 3_600_000,
      now: () => clock.now,
    });
    await log.append(read(1, { at: '2026-09-15T00:00:00.000Z' }));
    await log.append(read(2, { at: '2026-10-15T00:00:00.000Z' }));
    await log.append(read(3, { at: '2026-11-15T00:00:00.000Z' }));
    await shipper(r).tick();
    const partitions = async (): Promise<string[]> =>
      (
        await db.pool.query(
          `SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'audit_entries'::regclass ORDER BY 1`,
        )
      ).rows.map((x) => x.relname as string);
    expect(await partitions()).toEqual(
      expect.arrayContaining(['audit_entries_y2026m09', 'audit_entries_y2026m10', 'audit_entries_y2026m11']),
    );
    // Keeping two months at 2026-12-01: September goes, October and November stay.
    expect(await archive.applyRetention(2, new Date('2026-12-01T00:00:00Z'))).toEqual([
      'audit_entries_y2026m09',
    ]);
    expect(await partitions()).not.toContain('audit_entries_y2026m09');
    expect(await count(r.name)).toBe(2);
    await log.close();
  });

  it.skipIf(!available)(
    'the data tracker lists others’ reads of an enterprise, newest first, keyset-paged; a regulator’s trail by org and principal',
    async () => {
      const r = replica();
      const log = await FileAuditLog.open(r.file, { replica: r.name });
      await log.append(read(1, { at: '2026-11-20T01:00:00.000Z' }));
      await log.append(
        read(2, {
          at: '2026-11-20T02:00:00.000Z',
          enterprises: [A, B],
          org: 'bank-9',
          role: 'bank',
          subject: 'analyst-1',
          purpose: 'PRE_CREDIT',
          fieldGroups: ['TaxProfile.taxPaid'],
        }),
      );
      await log.append(
        read(3, { at: '2026-11-20T03:00:00.000Z', role: 'enterprise', org: A, subject: 'ent-user' }),
      );
      await log.append(read(4, { at: '2026-11-20T04:00:00.000Z', enterprises: [B] }));
      await log.append(
        read(5, { at: '2026-11-20T05:00:00.000Z', action: 'consent.grant', role: 'enterprise' }),
      );
      await log.close();
      await shipper(r).tick();
      const range = { from: '2026-11-20T00:00:00.000Z', to: '2026-11-21T00:00:00.000Z' };
      // Only this test's replica's rows fall on this day for A (the other tests use other days or are cleaned by retention).
      const first = await archive.dataAccess(A, range, 1, null);
      expect(first.rows.map((x) => x.requestId)).toEqual(['r2']);
      expect(first.hasNextPage).toBe(true);
      const last = first.rows[0]!;
      const second = await archive.dataAccess(A, range, 5, {
        at: last.at,
        replica: last.replica,
        seq: last.seq,
      });
      expect(second.rows.map((x) => x.requestId)).toEqual(['r1']);
      expect(second.hasNextPage).toBe(false);
      expect(
        (await archive.trail({ organization: 'bank-9' }, range, 10, null)).rows.map((x) => x.requestId),
      ).toEqual(['r2']);
      expect((await archive.trail({ principal: 'analyst-1' }, range, 10, null)).rows[0]?.enterprises).toEqual(
        [A, B],
      );
      expect((await archive.trail({ uscc: B }, range, 10, null)).rows.map((x) => x.requestId)).toEqual([
        'r4',
        'r2',
      ]);
    },
  );

  it.skipIf(!available)(
    'an INVESTIGATION read is held from the data tracker until the investigation is closed or the hold has run out; the trail shows it throughout',
    async () => {
      const r = replica();
      const log = await FileAuditLog.open(r.file, { replica: r.name });
      const C = '91441500MA5XXXXX4C';
      await log.append(read(1, { at: '2026-11-22T01:00:00.000Z', enterprises: [C] }));
      await log.append(
        read(2, {
          at: '2026-11-22T02:00:00.000Z',
          enterprises: [C],
          role: 'regulator',
          org: 'samr',
          purpose: 'INVESTIGATION',
        }),
      );
      await log.close();
      await shipper(r).tick();
      const range = { from: '2026-11-22T00:00:00.000Z', to: '2026-11-23T00:00:00.000Z' };
      const tracker = async (heldSince: string | null) =>
        (await archive.dataAccess(C, range, 10, null, heldSince)).rows.map((x) => x.requestId);
      // Held within 180 days of the read (the gateway passes now − the hold), closed or not.
      expect(await tracker('2026-06-01T00:00:00.000Z')).toEqual(['r1']);
      expect((await archive.trail({ uscc: C }, range, 10, null)).rows.map((x) => x.requestId)).toEqual([
        'r2',
        'r1',
      ]);
      // The hold has run out (the read is older than now − the hold): shown, at its own time.
      expect(await tracker('2026-11-22T03:00:00.000Z')).toEqual(['r2', 'r1']);
      // A closure before the read leaves it held; one after it shows it.
      await archive.closeInvestigation(C, new Date('2026-11-22T01:30:00.000Z'), 'samr/inv');
      expect(await tracker('2026-06-01T00:00:00.000Z')).toEqual(['r1']);
      await archive.closeInvestigation(C, new Date('2026-11-25T00:00:00.000Z'), 'samr/inv');
      const shown = await archive.dataAccess(C, range, 10, null, '2026-06-01T00:00:00.000Z');
      expect(shown.rows.map((x) => [x.requestId, x.at])).toEqual([
        ['r2', '2026-11-22T02:00:00.000Z'],
        ['r1', '2026-11-22T01:00:00.000Z'],
      ]);
    },
  );

  it.skipIf(!available)(
    'the verifier compares with the archive: an insider’s re-signed rewrite differs; a tail cut back to a checkpoint is caught',
    async () => {
      const r = replica();
      const log = await signedLog(r);
      for (let k = 1; k <= 3; k++) await log.append(read(k));
      await log.checkpoint();
      for (let k = 4; k <= 5; k++) await log.append(read(k));
      await log.close();
      await shipper(r).tick();
      const lines = readFileSync(r.file, 'utf8')
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l) as AuditLine);
      expect(await compareWithArchive(lines, archive, { replica: r.name, live: true })).toMatchObject({
        ok: true,
        compared: 7,
        notArchived: 0,
      });
      // Someone holding the signing key rewrites entry 2 and re-signs every checkpoint: the file alone verifies.
      const forged = lines.map((l) => ({ ...l }));
      forged[1] = { ...forged[1]!, org: 'nobody' };
      for (let i = 1; i < forged.length; i++) {
        const prev = forged[i - 1]!;
        const cur = forged[i]!;
        const checkpoint = cur.checkpoint
          ? signCheckpoint(signer, { replica: r.name, seq: prev.seq, hash: prev.hash, at: cur.at })
          : undefined;
        const { hash: _h, ...body } = { ...cur, prevHash: prev.hash, ...(checkpoint ? { checkpoint } : {}) };
        forged[i] = { ...body, hash: hashLine(body) };
      }
      expect(await compareWithArchive(forged, archive, { replica: r.name, live: true })).toEqual({
        ok: false,
        replica: r.name,
        reason: "entry 2 differs from the archive's copy (edited after it was shipped)",
      });
      // The tail cut back to the first checkpoint: a closed-looking file, but the archive holds more.
      expect(
        await compareWithArchive(lines.slice(0, 4), archive, { replica: r.name, live: true }),
      ).toMatchObject({
        ok: false,
        reason: 'dropped tail: the archive holds entries 5–7 that the file no longer has',
      });
      if (engine !== 'postgres') return;
      // The command does the same with DATABASE_URL.
      writeFileSync(
        r.file,
        `${lines
          .slice(0, 4)
          .map((l) => JSON.stringify(l))
          .join('\n')}\n`,
      );
      let out = '';
      try {
        execFileSync('npx', ['tsx', 'scripts/audit-verify.ts', r.file], {
          encoding: 'utf8',
          stdio: 'pipe',
          env: {
            ...process.env,
            DATABASE_URL: server!.url,
            AUDIT_SIGNING_KEY: signerPem,
            AUDIT_SIGNING_KEY_ID: 'archive-test',
          },
        });
      } catch (err) {
        out = (err as { stdout: string }).stdout;
      }
      expect(out).toContain(
        `DIFFERS from the archive of ${r.name}: dropped tail: the archive holds entries 5–7`,
      );
    },
    30_000,
  );
});
