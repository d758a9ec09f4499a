/**
 * The commitment loop in the ledger (docs/rules.md "Commitments"; Shanwei plan 7, 承诺核查闭环): each
 * commitment registered through the gateway with the department that verifies it, its due day and
 * that department's verdict. The credit platform keeps the commitment and its status (which the
 * grade reads); this keeps whose list it is on.
 */
import type pg from 'pg';
import { isoOf } from './sqlTime.ts';

/** A department's verdict on a commitment. */
export type CommitmentVerdict = 'FULFILLED' | 'BREACHED';

/** One commitment to verify. */
export interface CommitmentCheckRow {
  id: string;
  uscc: string;
  department: string;
  type: string;
  matter: string;
  dueOn: string | null;
  registeredAt: string;
  status: 'PENDING' | CommitmentVerdict;
  decidedAt: string | null;
  decidedBy: string | null;
}

const rowOf = (r: Record<string, unknown>): CommitmentCheckRow => ({
  id: r.id as string,
  uscc: r.uscc as string,
  department: r.department as string,
  type: r.type as string,
  matter: r.matter as string,
  dueOn: (r.due_day as string | null) ?? null,
  registeredAt: isoOf(r.registered_at),
  status: r.status as CommitmentCheckRow['status'],
  decidedAt: r.decided_at ? isoOf(r.decided_at) : null,
  decidedBy: (r.decided_by as string | null) ?? null,
});

/** A row with its due day as text: what reads select and writes return (one round trip). */
const COLUMNS = `*, to_char(due_on, 'YYYY-MM-DD') AS due_day`;
const SELECT = `SELECT ${COLUMNS} FROM commitment_checks`;

/** The commitment checks table. */
export class CommitmentChecks {
  constructor(private readonly pool: pg.Pool) {}

  /** Records a commitment just registered at the platform, for its verifying department. */
  async record(c: Omit<CommitmentCheckRow, 'status' | 'decidedAt' | 'decidedBy'>): Promise<void> {
    await this.pool.query(
      `INSERT INTO commitment_checks (id, uscc, department, type, matter, due_on, registered_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
      [c.id, c.uscc, c.department, c.type, c.matter, c.dueOn, c.registeredAt],
    );
  }

  async byId(id: string): Promise<CommitmentCheckRow | null> {
    const r = await this.pool.query(`${SELECT} WHERE id = $1`, [id]);
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : null;
  }

  /** A department's commitments, pending only unless told, those due first. */
  async forDepartment(department: string, includeDecided: boolean): Promise<CommitmentCheckRow[]> {
    const r = await this.pool.query(
      `${SELECT} WHERE department = $1 AND ($2 OR status = 'PENDING') ORDER BY due_on NULLS LAST, id LIMIT 500`,
      [department, includeDecided],
    );
    return r.rows.map((x) => rowOf(x as Record<string, unknown>));
  }

  /** Records the verdict once; null when the commitment was decided already. */
  async decide(
    id: string,
    status: CommitmentVerdict,
    by: string,
    at: Date,
  ): Promise<CommitmentCheckRow | null> {
    const r = await this.pool.query(
      `UPDATE commitment_checks SET status = $2, decided_at = $4, decided_by = $3
       WHERE id = $1 AND status = 'PENDING' RETURNING ${COLUMNS}`,
      [id, status, by, at],
    );
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : null;
  }
}
