/** Issued credit reports' certificates, found by their short verification codes. */
import type pg from 'pg';
import type { Certified } from '../frontends/report/verification.ts';

/** The certificates table. */
export class ReportCertificates {
  constructor(private readonly pool: pg.Pool) {}

  /** Keeps what a report certifies under its short code. */
  async issue(code: string, keyId: string, c: Certified): Promise<void> {
    await this.pool.query(
      `INSERT INTO report_certificates (code, key_id, report_no, uscc, generated_at, grade, rule_set, complete, digest, name)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [
        code,
        keyId,
        c.reportNo,
        c.uscc,
        c.generatedAt,
        c.grade,
        c.ruleSet,
        c.complete ?? true,
        c.digest,
        c.name ?? null,
      ],
    );
  }

  /** The certificate stored under a code, or null. */
  async find(code: string): Promise<(Certified & { keyId: string }) | null> {
    const r = await this.pool.query('SELECT * FROM report_certificates WHERE code = $1', [code]);
    const row = r.rows[0] as Record<string, unknown> | undefined;
    if (!row) return null;
    return {
      keyId: row.key_id as string,
      reportNo: row.report_no as string,
      uscc: row.uscc as string,
      generatedAt: (row.generated_at instanceof Date
        ? row.generated_at
        : new Date(String(row.generated_at))
      ).toISOString(),
      grade: (row.grade as string | null) ?? null,
      ruleSet: row.rule_set as string,
      complete: row.complete as boolean,
      digest: row.digest as string,
      name: (row.name as string | null) ?? null,
    };
  }
}
