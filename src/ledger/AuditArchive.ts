/**
 * The audit archive (docs/operations.md; docs/access.md): every replica's audit chain,
 * shipped from its local file within seconds (AuditShipper) into a month-partitioned table of the
 * ledger. Ingest is idempotent by (replica, sequence) — only entries after the chain's archived
 * head are taken — and re-verifies each entry with the file verifier's own check (`checkNext`):
 * link, hash, and each checkpoint's head and signature. A missing run of entries is recorded as a
 * gap (the chain resumes only at a signed checkpoint, as a file's segment would); a broken chain is
 * kept (the entries are evidence) and flagged until someone looks. The same SQL on PostgreSQL and
 * PGlite.
 */
import type { KeyObject } from 'node:crypto';
import type pg from 'pg';
import { inTransaction } from './transaction.ts';
import { checkNext, type AuditLine, type ChainHead } from '../audit/chain.ts';
import { AuditTrail } from './auditTrail.ts';
import { insertEntries, monthOf } from './archiveRows.ts';

export type { ArchivedEntry, TimeRange, TrailFilter, TrailKey, TrailPage } from './auditTrail.ts';

/** Where a replica's archived chain stands. */
export interface ArchivedChain {
  replica: string;
  lastSeq: number;
  lastHash: string;
  signedSeq: number;
  shippedAt: string;
  /** The entry where the chain stopped verifying, and why; null while it verifies. */
  broken: { seq: number; reason: string } | null;
  /** Runs of entries the archive never received. */
  gaps: Array<{ from: number; to: number }>;
}

/** What one ingest did. */
export interface IngestResult {
  accepted: number;
  /** Entries already archived (a re-shipped batch): skipped. */
  skipped: number;
  /** Entries at an archived number with another hash (a fork): kept in audit_conflicts, the chain flagged. */
  conflicts: number;
  gaps: Array<{ from: number; to: number }>;
  /** The first entry of this batch that did not verify, if any. */
  broken: { seq: number; reason: string } | null;
  head: ChainHead | null;
}

/** The archive's SQL: the chains shipped in, verified and kept (its reads: auditTrail.ts). */
export class AuditArchive extends AuditTrail {
  /** Months whose partition is known to exist (created at most once per process). */
  private readonly months = new Set<string>();

  /** A replica's archived chain (the shipper's cursor, the verifier's comparison), or null before its first entry arrived. */
  async chain(replica: string): Promise<ArchivedChain | null> {
    const r = await this.pool.query(
      `SELECT c.*, COALESCE(
         (SELECT json_agg(json_build_array(g.from_seq, g.to_seq) ORDER BY g.from_seq)
            FROM audit_gaps g WHERE g.replica = c.replica), '[]') AS gaps
       FROM audit_chains c WHERE c.replica = $1`,
      [replica],
    );
    const row = r.rows[0];
    if (!row) return null;
    return {
      replica: row.replica as string,
      lastSeq: Number(row.last_seq),
      lastHash: row.last_hash as string,
      signedSeq: Number(row.signed_seq),
      shippedAt: (row.shipped_at as Date).toISOString(),
      broken:
        row.broken_at_seq == null
          ? null
          : { seq: Number(row.broken_at_seq), reason: row.broken_reason as string },
      gaps: (row.gaps as Array<[number, number]>).map(([from, to]) => ({
        from: Number(from),
        to: Number(to),
      })),
    };
  }

  /**
   * Takes a replica's entries (in chain order) after its archived head: verified as they come,
   * gaps recorded, written with the chain's new head in one transaction.
   */
  async ingest(
    replica: string,
    lines: readonly AuditLine[],
    keys?: ReadonlyMap<string, KeyObject>,
  ): Promise<IngestResult> {
    const byMonth = new Map(lines.map((l) => [monthOf(new Date(l.at)).name, l.at]));
    for (const at of byMonth.values()) await this.ensurePartition(at);
    return inTransaction(this.pool, async (client) => {
      const r = await client.query(
        'SELECT last_seq, last_hash, signed_seq, broken_at_seq, broken_reason FROM audit_chains WHERE replica = $1 FOR UPDATE',
        [replica],
      );
      const row = r.rows[0];
      let head: ChainHead | null = row ? { seq: Number(row.last_seq), hash: row.last_hash as string } : null;
      let signedSeq = row ? Number(row.signed_seq) : 0;
      const wasBroken = row?.broken_at_seq != null;
      const result: IngestResult = { accepted: 0, skipped: 0, conflicts: 0, gaps: [], broken: null, head };
      const taken: AuditLine[] = [];
      // An entry at or before the head must be the one already held: a re-shipped batch. Another hash
      // at that number is a fork (lines written into the live log by another hand, then the replica's
      // own entries under the same numbers): kept as evidence and the chain flagged, never dropped.
      const held = await this.heldHashes(
        client,
        replica,
        head ? lines.filter((l) => l.seq <= head!.seq) : [],
      );
      for (const line of lines) {
        if (head && line.seq <= head.seq) {
          const mine = taken.find((t) => t.seq === line.seq)?.hash ?? held.get(line.seq);
          if (mine === undefined || mine === line.hash) {
            result.skipped++;
            continue;
          }
          await client.query(
            'INSERT INTO audit_conflicts (replica, seq, hash, line) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
            [replica, line.seq, line.hash, JSON.stringify(line)],
          );
          result.conflicts++;
          result.broken ??= {
            seq: line.seq,
            reason: `fork: two different entries claim entry ${line.seq} (lines written into the log by another hand?); the second is kept aside as evidence`,
          };
          continue;
        }
        const expected = (head?.seq ?? 0) + 1;
        // A run never received: the chain may resume only where a segment may start (a signed checkpoint).
        if (line.seq > expected) result.gaps.push({ from: expected, to: line.seq - 1 });
        const step = checkNext(line, line.seq > expected ? null : head, { keys });
        if (!step.ok && !result.broken) result.broken = { seq: line.seq, reason: step.reason };
        if (line.action === 'checkpoint') signedSeq = line.seq;
        taken.push(line);
        head = { seq: line.seq, hash: line.hash };
      }
      await this.insert(client, replica, taken);
      for (const g of result.gaps)
        await client.query(
          'INSERT INTO audit_gaps (replica, from_seq, to_seq) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
          [replica, g.from, g.to],
        );
      if (head)
        await client.query(
          `INSERT INTO audit_chains (replica, last_seq, last_hash, signed_seq, broken_at_seq, broken_reason)
           VALUES ($1, $2, $3, $4, $5, $6)
           ON CONFLICT (replica) DO UPDATE SET last_seq = $2, last_hash = $3, signed_seq = $4, shipped_at = now(),
             broken_at_seq = COALESCE(audit_chains.broken_at_seq, $5),
             broken_reason = COALESCE(audit_chains.broken_reason, $6)`,
          [
            replica,
            head.seq,
            head.hash,
            signedSeq,
            wasBroken ? null : (result.broken?.seq ?? null),
            wasBroken ? null : (result.broken?.reason ?? null),
          ],
        );
      result.accepted = taken.length;
      result.head = head;
      return result;
    });
  }

  /** The archived hashes of these lines' sequence numbers. */
  private async heldHashes(
    client: pg.PoolClient,
    replica: string,
    lines: readonly AuditLine[],
  ): Promise<Map<number, string>> {
    if (lines.length === 0) return new Map();
    const r = await client.query(
      'SELECT seq, hash FROM audit_entries WHERE replica = $1 AND seq = ANY($2::bigint[])',
      [replica, lines.map((l) => l.seq)],
    );
    return new Map(r.rows.map((row) => [Number(row.seq), row.hash as string]));
  }

  /** Entries kept aside because another entry already held their number (a fork's evidence). */
  async conflicts(replica: string): Promise<AuditLine[]> {
    const r = await this.pool.query(
      'SELECT line FROM audit_conflicts WHERE replica = $1 ORDER BY seq, received_at',
      [replica],
    );
    return r.rows.map((row) => row.line as AuditLine);
  }

  /** The action of each archived entry of these numbers (where a file's bounds fall: a checkpoint or not). */
  async actionsAt(replica: string, seqs: readonly number[]): Promise<Map<number, string>> {
    const r = await this.pool.query(
      'SELECT seq, action FROM audit_entries WHERE replica = $1 AND seq = ANY($2::bigint[])',
      [replica, [...seqs]],
    );
    return new Map(r.rows.map((row) => [Number(row.seq), row.action as string]));
  }

  /**
   * Flags a replica's chain as broken where its shipper found a line it cannot ship (not JSON, no
   * valid time): the entries before it stay archived, nothing after it is taken.
   */
  async markBroken(replica: string, seq: number, reason: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO audit_chains (replica, last_seq, last_hash, broken_at_seq, broken_reason)
       VALUES ($1, 0, '', $2, $3)
       ON CONFLICT (replica) DO UPDATE SET broken_at_seq = COALESCE(audit_chains.broken_at_seq, $2),
         broken_reason = COALESCE(audit_chains.broken_reason, $3)`,
      [replica, seq, reason],
    );
  }

  private insert(client: pg.PoolClient, replica: string, lines: readonly AuditLine[]): Promise<void> {
    return insertEntries(client, replica, lines);
  }

  /** The month's partition, made when the first entry of the month arrives (by any replica). */
  private async ensurePartition(at: string): Promise<void> {
    const { name, from, to } = monthOf(new Date(at));
    if (this.months.has(name)) return;
    try {
      await this.pool.query(
        `CREATE TABLE IF NOT EXISTS ${name} PARTITION OF audit_entries FOR VALUES FROM ('${from}') TO ('${to}')`,
      );
    } catch (err) {
      // Two replicas creating the same month at once: the loser's IF NOT EXISTS can still collide.
      const code = (err as { code?: string }).code;
      if (code !== '42P07' && code !== '23505') throw err;
    }
    this.months.add(name);
  }

  /** Drops the months wholly older than `months` before `now` (retention); returns the tables dropped. */
  async applyRetention(months: number, now: Date): Promise<string[]> {
    const cutoff = monthOf(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1))).name;
    const r = await this.pool.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
       WHERE i.inhparent = 'audit_entries'::regclass ORDER BY c.relname`,
    );
    const dropped = r.rows
      .map((x) => x.name)
      .filter((n) => /^audit_entries_y\d{4}m\d{2}$/.test(n) && n < cutoff);
    for (const name of dropped) {
      await this.pool.query(`DROP TABLE IF EXISTS ${name}`);
      this.months.delete(name);
    }
    return dropped;
  }

  /** A replica's archived entries from `fromSeq` to `toSeq` (the verifier's comparison). */
  async entries(
    replica: string,
    fromSeq: number,
    toSeq: number,
  ): Promise<Array<{ seq: number; hash: string }>> {
    const r = await this.pool.query(
      'SELECT seq, hash FROM audit_entries WHERE replica = $1 AND seq BETWEEN $2 AND $3 ORDER BY seq',
      [replica, fromSeq, toSeq],
    );
    return r.rows.map((row) => ({ seq: Number(row.seq), hash: row.hash as string }));
  }
}
