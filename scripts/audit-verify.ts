/**
 * `npm run audit:verify -- [--live] [--keys <jwks file or URL>] audit/replica.jsonl …`: checks each
 * log's hash chain and signed checkpoints (src/audit/chain.ts) and names the first problem and its
 * entry; exits 1 when any log is broken, missing or empty.
 *
 * Public keys: `--keys` (a JWK set, e.g. a gateway's /.well-known/audit-keys), else the signing key
 * of this environment (AUDIT_SIGNING_KEY or AUDIT_SIGNING_KEY_FILE), else the sandbox's
 * `dev-signing-key.pem` beside the log. `--live`: the file of a running replica, whose newest
 * entries are not signed yet.
 *
 * The archive: with `DATABASE_URL` (or `--ledger-dir <dir>`, an embedded ledger no gateway has
 * open), each file is also compared with the archive of its chain (src/audit/archiveCompare.ts):
 * the archived copies must match, a live file must not end before the archive does, and a file must
 * begin and end where the archive shows a file boundary (a head or tail cut at a checkpoint is named).
 */
import type { KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import pg from 'pg';
import { verifyAuditLog } from '../src/audit/AuditLog.ts';
import {
  compareWithArchive,
  isRotatedName,
  replicaOf,
  type ArchiveView,
} from '../src/audit/archiveCompare.ts';
import type { AuditLine } from '../src/audit/chain.ts';
import { keysFromJwks, signerFromPem } from '../src/audit/signing.ts';
import { AuditArchive } from '../src/ledger/AuditArchive.ts';
import { openLedger } from '../src/ledger/openLedger.ts';
import { parseCli } from '../src/util/cli.ts';

const USAGE =
  'usage: npm run audit:verify -- [--live] [--keys <jwks file or URL>] [--ledger-dir <dir>] [--replica <id>] <log.jsonl> [more.jsonl …]';
const HELP = `${USAGE}

Checks each audit log's hash chain and signed checkpoints and names the first broken entry.
  --live         the file of a running replica (its newest entries are not signed yet)
  --keys         public keys as a JWK set: a file, or a gateway's /.well-known/audit-keys URL
                 (default: AUDIT_SIGNING_KEY[_FILE] of this environment, else the sandbox's
                 dev-signing-key.pem beside the log)
  --ledger-dir   an embedded ledger no gateway has open: also compare with the audit archive
                 (with DATABASE_URL set, the PostgreSQL ledger's archive is compared)
  --replica      the replica id of the logs (default: read from the entries)
Exit code: 0 all verified, 1 a log is broken, missing, empty or differs from the archive, 2 usage.`;

const { values, positionals: files } = parseCli(
  {
    allowPositionals: true,
    options: {
      live: { type: 'boolean', default: false },
      keys: { type: 'string' },
      'ledger-dir': { type: 'string' },
      replica: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  },
  HELP,
  USAGE,
);
if (files.length === 0) {
  console.error(USAGE);
  process.exit(2);
}

/** A public key from a private key in PEM. */
const fromPem = (pem: string): Map<string, KeyObject> => {
  const s = signerFromPem(pem, process.env.AUDIT_SIGNING_KEY_ID || undefined);
  return new Map([[s.keyId, s.publicKey]]);
};

async function keysFor(file: string): Promise<Map<string, KeyObject> | undefined> {
  if (values.keys) {
    const text = /^https?:\/\//.test(values.keys)
      ? await (await fetch(values.keys)).text()
      : readFileSync(values.keys, 'utf8');
    return keysFromJwks(JSON.parse(text) as { keys?: Array<Record<string, unknown>> });
  }
  if (process.env.AUDIT_SIGNING_KEY) return fromPem(process.env.AUDIT_SIGNING_KEY.replace(/\\n/g, '\n'));
  if (process.env.AUDIT_SIGNING_KEY_FILE)
    return fromPem(readFileSync(process.env.AUDIT_SIGNING_KEY_FILE, 'utf8'));
  const dev = join(dirname(file), 'dev-signing-key.pem');
  return existsSync(dev) ? fromPem(readFileSync(dev, 'utf8')) : undefined;
}

/** The archive, when a ledger is at hand: PostgreSQL read as it is, or an embedded ledger opened here. */
async function openArchive(): Promise<{ view: ArchiveView; close: () => Promise<void> } | null> {
  if (process.env.DATABASE_URL) {
    const pool = new pg.Pool({
      connectionString: process.env.DATABASE_URL,
      max: 1,
      connectionTimeoutMillis: 3000,
    });
    return { view: new AuditArchive(pool), close: () => pool.end() };
  }
  const dir = values['ledger-dir'];
  if (!dir) return null;
  const db = await openLedger({ dir });
  return { view: new AuditArchive(db.pool), close: () => db.close() };
}

const archive = await openArchive().catch((err: unknown) => {
  console.log(`the archive cannot be opened: ${String(err)}`);
  process.exit(1);
});

let failed = false;
for (const file of files) {
  if (!existsSync(file)) {
    failed = true;
    console.log(`${file}: no such file`);
    continue;
  }
  const text = readFileSync(file, 'utf8');
  if (text.trim() === '') {
    failed = true;
    console.log(`${file}: empty (no entries)`);
    continue;
  }
  const keys = await keysFor(file);
  const result = verifyAuditLog(text, { keys, live: values.live });
  if (!result.ok) {
    failed = true;
    console.log(`${file}: BROKEN at entry ${result.line}: ${result.reason}`);
  } else if (result.checkpoints > 0 && !result.signaturesChecked) {
    failed = true;
    console.log(
      `${file}: cannot verify ${result.checkpoints} checkpoints: no public key (pass --keys <jwks file or URL>)`,
    );
  } else {
    const signed =
      result.checkpoints > 0
        ? `, ${result.checkpoints} signed checkpoints`
        : ', unsigned (hash chain only: a dropped tail cannot be detected)';
    const tail =
      result.unsignedTail > 0 && values.live
        ? `, ${result.unsignedTail} entries after the last checkpoint`
        : '';
    console.log(`${file}: ok, ${result.entries} entries${signed}${tail}`);
    if (archive) failed = (await againstArchive(file, text)) || failed;
  }
}
await archive?.close();
process.exit(failed ? 1 : 0);

/** Compares a verified file with the archive; true when they disagree. */
async function againstArchive(file: string, text: string): Promise<boolean> {
  const lines = text
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as AuditLine);
  const replica = values.replica ?? replicaOf(lines, basename(file));
  const live = !isRotatedName(basename(file));
  const r = await compareWithArchive(lines, archive!.view, { replica, live });
  if (!r.ok) {
    console.log(`${file}: DIFFERS from the archive of ${replica}: ${r.reason}`);
    return true;
  }
  const state = r.chain?.broken
    ? `; the archived chain is BROKEN at entry ${r.chain.broken.seq}: ${r.chain.broken.reason}`
    : r.chain?.gaps.length
      ? `; the archive misses ${r.chain.gaps.map((g) => `${g.from}–${g.to}`).join(', ')}`
      : '';
  console.log(
    `${file}: matches the archive of ${replica} (${r.compared} entries compared, ${r.notArchived} not archived yet)${state}`,
  );
  return r.chain?.broken != null;
}
