/**
 * The objection workflow in the ledger (docs/rules.md "Objections"): an objection filed through the
 * gateway, the department that must answer it, its deadlines, and the answer. The credit platform
 * keeps the objection itself (its status, which marks the record disputed); this keeps who owes
 * what by when, so a department has a queue and regulators see what is overdue.
 */
import type pg from 'pg';
import { isoOf } from './sqlTime.ts';

/** A department's decision on an objection. */
export type ObjectionDecision = 'ACCEPTED' | 'REJECTED';

/** One objection as the workflow keeps it. */
export interface ObjectionTaskRow {
  id: string;
  uscc: string;
  recordRef: string;
  /** Who answers it. */
  department: string;
  reason: string;
  filedAt: string;
  /** The Beijing day it was filed. */
  filedOn: string;
  /** The written answer's deadline (2 working days), null when the calendar lacks the year. */
  answerDueOn: string | null;
  /** The comparison's deadline (5 working days), null likewise. */
  compareDueOn: string | null;
  decision: ObjectionDecision | null;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: string | null;
}

const day = (v: unknown): string | null =>
  v === null || v === undefined
    ? null
    : typeof v === 'string'
      ? v.slice(0, 10)
      : isoOf(v as Date).slice(0, 10);

const rowOf = (r: Record<string, unknown>): ObjectionTaskRow => ({
  id: r.id as string,
  uscc: r.uscc as string,
  recordRef: r.record_ref as string,
  department: r.department as string,
  reason: r.reason as string,
  filedAt: isoOf(r.filed_at as Date),
  filedOn: r.filed_day as string,
  answerDueOn: day(r.answer_due_day),
  compareDueOn: day(r.compare_due_day),
  decision: (r.decision as ObjectionDecision | null) ?? null,
  answer: (r.answer as string | null) ?? null,
  answeredAt: r.answered_at ? isoOf(r.answered_at as Date) : null,
  answeredBy: (r.answered_by as string | null) ?? null,
});

/** A row with its days as text: what reads select and writes return (one round trip). */
const COLUMNS = `*, to_char(filed_on, 'YYYY-MM-DD') AS filed_day, to_char(answer_due, 'YYYY-MM-DD') AS answer_due_day,
  to_char(compare_due, 'YYYY-MM-DD') AS compare_due_day`;
const SELECT = `SELECT ${COLUMNS} FROM objection_workflow`;

/** The objection workflow table. */
export class Objections {
  constructor(private readonly pool: pg.Pool) {}

  /** Records an objection just filed at the platform (its id is the platform's). */
  async record(
    o: Pick<
      ObjectionTaskRow,
      | 'id'
      | 'uscc'
      | 'recordRef'
      | 'department'
      | 'reason'
      | 'filedAt'
      | 'filedOn'
      | 'answerDueOn'
      | 'compareDueOn'
    >,
  ): Promise<ObjectionTaskRow> {
    const r = await this.pool.query(
      `INSERT INTO objection_workflow (id, uscc, record_ref, department, reason, filed_at, filed_on, answer_due, compare_due)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING ${COLUMNS}`,
      [
        o.id,
        o.uscc,
        o.recordRef,
        o.department,
        o.reason,
        o.filedAt,
        o.filedOn,
        o.answerDueOn,
        o.compareDueOn,
      ],
    );
    // Recorded before (the same platform id): the row as it stands.
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : (await this.byId(o.id))!;
  }

  async byId(id: string): Promise<ObjectionTaskRow | null> {
    const r = await this.pool.query(`${SELECT} WHERE id = $1`, [id]);
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : null;
  }

  /** The objections of these ids that the workflow holds. */
  async byIds(ids: readonly string[]): Promise<Map<string, ObjectionTaskRow>> {
    if (!ids.length) return new Map();
    const r = await this.pool.query(`${SELECT} WHERE id = ANY($1)`, [ids]);
    return new Map(r.rows.map((x) => [x.id as string, rowOf(x as Record<string, unknown>)]));
  }

  /** A department's objections (all departments: null), unanswered only unless told, oldest first. */
  async queue(department: string | null, includeAnswered: boolean): Promise<ObjectionTaskRow[]> {
    const r = await this.pool.query(
      `${SELECT} WHERE ($1::text IS NULL OR department = $1) AND ($2 OR decision IS NULL) ORDER BY filed_at, id LIMIT 500`,
      [department, includeAnswered],
    );
    return r.rows.map((x) => rowOf(x as Record<string, unknown>));
  }

  /** Records the department's answer once (at the gateway's time); null when there is no such objection or it was answered. */
  async answer(
    id: string,
    decision: ObjectionDecision,
    answer: string,
    by: string,
    at: Date,
  ): Promise<ObjectionTaskRow | null> {
    const r = await this.pool.query(
      `UPDATE objection_workflow SET decision = $2, answer = $3, answered_at = $5, answered_by = $4
       WHERE id = $1 AND decision IS NULL RETURNING ${COLUMNS}`,
      [id, decision, answer, by, at],
    );
    return r.rows[0] ? rowOf(r.rows[0] as Record<string, unknown>) : null;
  }
}
