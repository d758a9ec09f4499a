/**
 * 约谈 in the ledger (docs/rules.md "Interviews"): each department's credit-risk interviews and the
 * candidates for one — enterprises with its records in force graded C or D or carrying an alert,
 * and those it interviewed whose rectification deadline passed without it marking them done.
 */
import type pg from 'pg';
import { isoOf } from './sqlTime.ts';

/** 提示约谈 or 警示约谈. */
export type InterviewKind = 'PROMPT' | 'WARNING';

/** One interview. */
export interface InterviewRow {
  id: string;
  uscc: string;
  department: string;
  kind: InterviewKind;
  heldOn: string;
  officials: string;
  required: string;
  rectifyBy: string;
  recordedAt: string;
  rectifiedOn: string | null;
}

/** Why an enterprise is a candidate. */
export type CandidateReason = 'GRADE' | 'ALERT' | 'RECTIFICATION_OVERDUE';

/** A candidate for an interview, with its reasons. */
export interface InterviewCandidateRow {
  uscc: string;
  grade: string | null;
  alertKinds: string[];
  reasons: CandidateReason[];
  name: string | null;
}

/** A row with its days as text: what reads select and writes return (one round trip). */
const COLUMNS = `*, to_char(held_on, 'YYYY-MM-DD') AS held_day, to_char(rectify_by, 'YYYY-MM-DD') AS rectify_day,
  to_char(rectified_on, 'YYYY-MM-DD') AS rectified_day`;
const SELECT = `SELECT ${COLUMNS} FROM interviews`;

const rowOf = (r: Record<string, unknown>): InterviewRow => ({
  id: String(r.id),
  uscc: r.uscc as string,
  department: r.department as string,
  kind: r.kind as InterviewKind,
  heldOn: r.held_day as string,
  officials: r.officials as string,
  required: r.required as string,
  rectifyBy: r.rectify_day as string,
  recordedAt: isoOf(r.recorded_at),
  rectifiedOn: (r.rectified_day as string | null) ?? null,
});

/** The interviews table, and the candidates read from the assessments beside it. */
export class Interviews {
  constructor(
    private readonly pool: pg.Pool,
    private readonly ruleSet: string,
  ) {}

  async record(i: Omit<InterviewRow, 'id' | 'rectifiedOn'>, by: string): Promise<InterviewRow> {
    const r = await this.pool.query(
      `INSERT INTO interviews (uscc, department, kind, held_on, officials, required, rectify_by, recorded_at, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
      [i.uscc, i.department, i.kind, i.heldOn, i.officials, i.required, i.rectifyBy, i.recordedAt, by],
    );
    return rowOf(r.rows[0] as Record<string, unknown>);
  }

  async byId(id: string): Promise<InterviewRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const r = await this.pool.query(`${SELECT} WHERE id = $1`, [id]);
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : null;
  }

  /** The interviews of these enterprises, newest first, by enterprise. */
  async ofEnterprises(usccs: readonly string[]): Promise<Map<string, InterviewRow[]>> {
    const out = new Map<string, InterviewRow[]>(usccs.map((u) => [u, []]));
    if (!usccs.length) return out;
    const r = await this.pool.query(`${SELECT} WHERE uscc = ANY($1) ORDER BY held_on DESC, id DESC`, [usccs]);
    for (const x of r.rows) out.get(x.uscc as string)?.push(rowOf(x as Record<string, unknown>));
    return out;
  }

  /** Marks the rectification done, once; null when there is no such interview or it was marked. */
  async rectified(id: string, on: string, by: string): Promise<InterviewRow | null> {
    const r = await this.pool.query(
      `UPDATE interviews SET rectified_on = $2, rectified_by = $3 WHERE id = $1 AND rectified_on IS NULL RETURNING ${COLUMNS}`,
      [id, on, by],
    );
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : null;
  }

  /**
   * A department's candidates (谁认定、谁约谈): enterprises with its records in force graded C or D
   * or carrying an alert, and those it interviewed whose rectification is overdue on `today`.
   */
  async candidates(department: string, today: string, limit: number): Promise<InterviewCandidateRow[]> {
    const r = await this.pool.query(
      `WITH overdue AS (
         SELECT DISTINCT uscc FROM interviews WHERE department = $2 AND rectified_on IS NULL AND rectify_by < $3::date
       )
       SELECT a.uscc, a.grade, a.alert_kinds, a.registry->>'name' AS name,
              a.grade IN ('C', 'D') AS low, cardinality(a.alert_kinds) > 0 AS alerted, o.uscc IS NOT NULL AS late
       FROM assessments a LEFT JOIN overdue o ON o.uscc = a.uscc
       WHERE a.rule_set = $1 AND ((a.departments @> ARRAY[$2]::text[] AND (a.grade IN ('C', 'D') OR cardinality(a.alert_kinds) > 0))
             OR o.uscc IS NOT NULL)
       UNION ALL
       SELECT o.uscc, NULL, '{}', NULL, false, false, true FROM overdue o
       WHERE NOT EXISTS (SELECT 1 FROM assessments a WHERE a.uscc = o.uscc AND a.rule_set = $1)
       ORDER BY 1 LIMIT $4`,
      [this.ruleSet, department, today, limit],
    );
    return r.rows.map((x: Record<string, unknown>) => ({
      uscc: x.uscc as string,
      grade: (x.grade as string | null) ?? null,
      alertKinds: (x.alert_kinds as string[]) ?? [],
      name: (x.name as string | null) ?? null,
      reasons: [
        ...(x.low ? (['GRADE'] as const) : []),
        ...(x.alerted ? (['ALERT'] as const) : []),
        ...(x.late ? (['RECTIFICATION_OVERDUE'] as const) : []),
      ],
    }));
  }
}
