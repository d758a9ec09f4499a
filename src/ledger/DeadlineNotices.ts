/**
 * Deadlines that passed, told once (docs/rules.md "Objections", "Commitments", "Interviews"): the
 * lease holder's upkeep raises an event for each objection the producing department left
 * unanswered past its answer deadline (OBJECTION_OVERDUE), each commitment its verifying department
 * left pending past its due date (COMMITMENT_OVERDUE) and each interview whose rectification was
 * not marked done by its deadline (INTERVIEW_OVERDUE) — to that department (and regulators, who
 * receive every event; the enterprise its own). Marking the row and appending its event are one
 * statement: neither happens without the other, and a row is told once whichever replica holds the
 * lease. "Past" is as the lists say it: the day after the deadline, in Beijing.
 */
import type pg from 'pg';

/** How many of each were told this turn. */
export interface DeadlineNoticeCounts {
  objections: number;
  commitments: number;
  interviews: number;
}

/** One table's overdue rows: how to find them, and the event each becomes. */
interface Watch {
  table: string;
  /** The rows past their deadline on `$1` (a date), still open. */
  overdue: string;
  kind: string;
  /** The event's content, an SQL expression over the updated row. */
  content: string;
}

/** An event's content: `{ deadline: { id, department, dueOn, about } }` (the GraphQL EventDeadline). */
const deadline = (id: string, due: string, about: string): string =>
  `jsonb_build_object('deadline', jsonb_build_object('id', ${id}, 'department', department,
    'dueOn', to_char(${due}, 'YYYY-MM-DD'), 'about', ${about}))`;

const WATCHES: Record<keyof DeadlineNoticeCounts, Watch> = {
  objections: {
    table: 'objection_workflow',
    overdue: 'decision IS NULL AND answer_due IS NOT NULL AND answer_due < $1::date',
    kind: 'OBJECTION_OVERDUE',
    content: deadline('id', 'answer_due', 'record_ref'),
  },
  commitments: {
    table: 'commitment_checks',
    overdue: "status = 'PENDING' AND due_on IS NOT NULL AND due_on < $1::date",
    kind: 'COMMITMENT_OVERDUE',
    content: deadline('id', 'due_on', 'matter'),
  },
  interviews: {
    table: 'interviews',
    overdue: 'rectified_on IS NULL AND rectify_by < $1::date',
    kind: 'INTERVIEW_OVERDUE',
    content: deadline('id::text', 'rectify_by', 'kind'),
  },
};

/** The ledger's deadline watch. */
export class DeadlineNotices {
  constructor(private readonly pool: pg.Pool) {}

  /** Tells every deadline passed by `today` (a Beijing date) not yet told; answers how many. */
  async notice(today: string): Promise<DeadlineNoticeCounts> {
    const counts = { objections: 0, commitments: 0, interviews: 0 };
    for (const [name, w] of Object.entries(WATCHES) as Array<[keyof DeadlineNoticeCounts, Watch]>) {
      const r = await this.pool.query(
        `WITH due AS (
           UPDATE ${w.table} SET overdue_noticed_at = now()
           WHERE overdue_noticed_at IS NULL AND ${w.overdue}
           RETURNING *)
         INSERT INTO credit_events (uscc, kind, departments, content)
         SELECT uscc, '${w.kind}', ARRAY[department], ${w.content} FROM due ORDER BY uscc
         RETURNING id`,
        [today],
      );
      counts[name] = r.rowCount ?? 0;
    }
    return counts;
  }
}
