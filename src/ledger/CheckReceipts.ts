/** Approval checks' receipts, found by their 核验码 (migration check_receipts). */
import type pg from 'pg';
import { isoOf } from './sqlTime.ts';

/** What a stored receipt states. */
export interface StoredReceipt {
  code: string;
  keyId: string;
  number: string;
  uscc: string;
  /** The enterprise's registered name at the check, or null when the registry did not answer. */
  name: string | null;
  matter: string;
  verdict: string;
  checkedAt: string;
  /** The organization (service hall) whose clerk checked. */
  org: string | null;
  /** Departments that did not answer (an INCOMPLETE check names them). */
  missing: string[];
  /** Each department's data time and state (OK: read within its TTL; STALE: served from cache past it). */
  sources: Array<{ department: string; status: string; fetchedAt: string | null }>;
  /** An HMAC of all the above under the key `keyId` (receiptSeal). */
  seal: string;
}

/** The receipts table. */
export class CheckReceipts {
  constructor(private readonly pool: pg.Pool) {}

  async issue(r: StoredReceipt): Promise<void> {
    await this.pool.query(
      `INSERT INTO check_receipts (code, key_id, number, uscc, name, matter, verdict, checked_at, org, missing, sources, seal)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (code) DO NOTHING`,
      [
        r.code,
        r.keyId,
        r.number,
        r.uscc,
        r.name,
        r.matter,
        r.verdict,
        r.checkedAt,
        r.org,
        r.missing,
        JSON.stringify(r.sources),
        r.seal,
      ],
    );
  }

  /** The receipt stored under a code (any case), or null. */
  async find(code: string): Promise<StoredReceipt | null> {
    const r = await this.pool.query('SELECT * FROM check_receipts WHERE code = $1', [code.toUpperCase()]);
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) return null;
    const at = row.checked_at;
    return {
      code: row.code as string,
      keyId: row.key_id as string,
      number: row.number as string,
      uscc: row.uscc as string,
      name: (row.name as string | null) ?? null,
      matter: row.matter as string,
      verdict: row.verdict as string,
      checkedAt: isoOf(at),
      org: (row.org as string | null) ?? null,
      missing: row.missing as string[],
      sources: (row.sources as StoredReceipt['sources'] | null) ?? [],
      seal: row.seal as string,
    };
  }
}
