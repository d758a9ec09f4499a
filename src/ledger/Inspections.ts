/**
 * Each department's 抽查事项清单 and 检查人员名录库 (docs/rules.md "Supervision and alerts"), kept in the
 * ledger by that department's regulators: items with their legal basis, inspectors with their unit
 * and region, and the enterprises an inspector must not inspect (回避). Nothing is deleted: an
 * item or inspector no longer used is made inactive.
 */
import type pg from 'pg';
import type { PoolInspector } from './inspectorDraw.ts';
import { inTransaction } from './transaction.ts';

/** An inspection item (抽查事项). */
export interface InspectionItemRow {
  id: string;
  department: string;
  code: string;
  name: string;
  legalBasis: string;
  active: boolean;
}

/** An inspector (检查人员) with the conflicts declared. */
export interface InspectorRow {
  id: string;
  department: string;
  name: string;
  unit: string;
  region: string;
  active: boolean;
  conflicts: Array<{ uscc: string; reason: string }>;
}

const itemOf = (r: Record<string, unknown>): InspectionItemRow => ({
  id: String(r.id),
  department: r.department as string,
  code: r.code as string,
  name: r.name as string,
  legalBasis: r.legal_basis as string,
  active: r.active as boolean,
});

/** The fixed list of results (docs/rules.md "Supervision and alerts"), in the order inspectors read it. */
export const INSPECTION_RESULTS = {
  NO_PROBLEM: '未发现问题',
  NOT_DISCLOSED: '未按规定公示应当公示的信息',
  FALSE_DISCLOSURE: '公示信息隐瞒真实情况、弄虚作假',
  UNREACHABLE: '通过登记的住所（经营场所）无法联系',
  OBSTRUCTED: '不配合检查情节严重',
  CORRECTED: '发现问题已责令改正',
  NO_ACTIVITY: '未发现开展本次抽查涉及的经营活动',
  FOLLOW_UP: '发现问题待后续处理',
} as const;
/** One result of the list. */
export type InspectionResultCode = keyof typeof INSPECTION_RESULTS;

/** A result as recorded (the one in force: a correction supersedes the earlier, which is kept). */
export interface InspectionResultRow {
  drawId: string;
  uscc: string;
  result: InspectionResultCode;
  inspectedOn: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

/** The items, inspectors and conflicts tables. */
export class Inspections {
  constructor(private readonly pool: pg.Pool) {}

  /** Adds an item, or changes the one with the same department and code. */
  async saveItem(i: Omit<InspectionItemRow, 'id'>, by: string): Promise<InspectionItemRow> {
    const r = await this.pool.query(
      `INSERT INTO inspection_items (department, code, name, legal_basis, active, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (department, code) DO UPDATE SET name = $3, legal_basis = $4, active = $5, updated_by = $6, updated_at = now()
       RETURNING *`,
      [i.department, i.code, i.name, i.legalBasis, i.active, by],
    );
    return itemOf(r.rows[0] as Record<string, unknown>);
  }

  async items(department: string, includeInactive = false): Promise<InspectionItemRow[]> {
    const r = await this.pool.query(
      `SELECT * FROM inspection_items WHERE department = $1 AND (active OR $2) ORDER BY code`,
      [department, includeInactive],
    );
    return r.rows.map((x) => itemOf(x as Record<string, unknown>));
  }

  async item(id: string): Promise<InspectionItemRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    const r = await this.pool.query('SELECT * FROM inspection_items WHERE id = $1', [id]);
    return r.rows[0] ? itemOf(r.rows[0] as Record<string, unknown>) : null;
  }

  /** Adds an inspector (no id) or changes one of the same department (null: no such inspector). */
  async saveInspector(
    i: Omit<InspectorRow, 'id' | 'conflicts'> & { id?: string | null },
    by: string,
  ): Promise<InspectorRow | null> {
    const r = i.id
      ? await this.pool.query(
          `UPDATE inspectors SET name = $3, unit = $4, region = $5, active = $6, updated_by = $7, updated_at = now()
           WHERE id = $1 AND department = $2 RETURNING id`,
          [i.id, i.department, i.name, i.unit, i.region, i.active, by],
        )
      : await this.pool.query(
          `INSERT INTO inspectors (department, name, unit, region, active, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [i.department, i.name, i.unit, i.region, i.active, by],
        );
    const id = r.rows[0] ? String((r.rows[0] as { id: unknown }).id) : null;
    return id ? this.inspector(id) : null;
  }

  /**
   * Imports a department's inspectors at once (a CSV from the desk): each row with an id changes
   * that inspector of the department, one without changes the department's inspector of the same
   * name and unit, or adds one. One transaction: a row naming another department's inspector
   * fails the whole import (null), and nothing is written.
   */
  async importInspectors(
    department: string,
    rows: ReadonlyArray<Omit<InspectorRow, 'id' | 'conflicts' | 'department'> & { id: string | null }>,
    by: string,
  ): Promise<{ added: number; updated: number; ids: string[] } | { unknownId: string }> {
    const foreign = new Error('an id of no inspector of the department');
    let unknownId = '';
    return inTransaction(this.pool, async (client) => {
      let added = 0;
      let updated = 0;
      const ids: string[] = [];
      for (const row of rows) {
        const found = row.id
          ? await client.query('SELECT id FROM inspectors WHERE id = $1 AND department = $2', [
              row.id,
              department,
            ])
          : await client.query(
              'SELECT id FROM inspectors WHERE department = $1 AND name = $2 AND unit = $3 ORDER BY id LIMIT 1',
              [department, row.name, row.unit],
            );
        const id = found.rows[0] ? String((found.rows[0] as { id: unknown }).id) : null;
        if (row.id && !id) {
          // Thrown, so the transaction rolls back the rows before it too.
          unknownId = row.id;
          throw foreign;
        }
        const r = id
          ? await client.query(
              `UPDATE inspectors SET name = $2, unit = $3, region = $4, active = $5, updated_by = $6, updated_at = now()
               WHERE id = $1 RETURNING id`,
              [id, row.name, row.unit, row.region, row.active, by],
            )
          : await client.query(
              `INSERT INTO inspectors (department, name, unit, region, active, updated_by)
               VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
              [department, row.name, row.unit, row.region, row.active, by],
            );
        if (id) updated++;
        else added++;
        ids.push(String((r.rows[0] as { id: unknown }).id));
      }
      return { added, updated, ids };
    }).catch((err: unknown) => {
      if (err === foreign) return { unknownId };
      throw err;
    });
  }

  /** When the first result of a draw was recorded, corrections aside (its publication deadline runs from it). */
  async firstResultAt(drawId: string): Promise<string | null> {
    const r = await this.pool.query(
      'SELECT min(recorded_at) AS first FROM inspection_results WHERE draw_id = $1',
      [drawId],
    );
    const first = (r.rows[0] as { first: Date | null } | undefined)?.first;
    return first ? first.toISOString() : null;
  }

  /** Records a drawn enterprise's result; an earlier one for it is superseded (kept, not shown). */
  async recordResult(r: Omit<InspectionResultRow, 'recordedAt'>): Promise<InspectionResultRow> {
    return inTransaction(this.pool, async (client) => {
      await client.query(
        'UPDATE inspection_results SET superseded_at = now() WHERE draw_id = $1 AND uscc = $2 AND superseded_at IS NULL',
        [r.drawId, r.uscc],
      );
      const q = await client.query(
        `INSERT INTO inspection_results (draw_id, uscc, result, inspected_on, note, recorded_by)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING recorded_at`,
        [r.drawId, r.uscc, r.result, r.inspectedOn, r.note, r.recordedBy],
      );
      return { ...r, recordedAt: (q.rows[0] as { recorded_at: Date }).recorded_at.toISOString() };
    });
  }

  /** The results in force of a draw, by enterprise. */
  async results(drawId: string): Promise<InspectionResultRow[]> {
    const r = await this.pool.query(
      `SELECT *, to_char(inspected_on, 'YYYY-MM-DD') AS inspected_day FROM inspection_results
       WHERE draw_id = $1 AND superseded_at IS NULL ORDER BY uscc`,
      [drawId],
    );
    return r.rows.map((x: Record<string, unknown>) => ({
      drawId: String(x.draw_id),
      uscc: x.uscc as string,
      result: x.result as InspectionResultCode,
      inspectedOn: x.inspected_day as string,
      note: x.note as string,
      recordedBy: x.recorded_by as string,
      recordedAt: (x.recorded_at as Date).toISOString(),
    }));
  }

  /** Declares (or restates) that an inspector must not inspect an enterprise (回避). */
  async declareConflict(inspectorId: string, uscc: string, reason: string, by: string): Promise<void> {
    await this.pool.query(
      `INSERT INTO inspector_conflicts (inspector_id, uscc, reason, declared_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (inspector_id, uscc) DO UPDATE SET reason = $3, declared_by = $4, declared_at = now()`,
      [inspectorId, uscc, reason, by],
    );
  }

  async inspector(id: string): Promise<InspectorRow | null> {
    if (!/^\d{1,18}$/.test(id)) return null;
    return (await this.inspectorsWhere('i.id = $1', [id]))[0] ?? null;
  }

  async inspectors(department: string, includeInactive = false): Promise<InspectorRow[]> {
    return this.inspectorsWhere('i.department = $1 AND (i.active OR $2)', [department, includeInactive]);
  }

  /** The department's active inspectors as a draw records them: id order, region, conflicts. */
  async drawPool(department: string): Promise<PoolInspector[]> {
    return (await this.inspectors(department)).map((i) => ({
      id: i.id,
      region: i.region,
      conflicts: i.conflicts.map((c) => c.uscc).sort(),
    }));
  }

  private async inspectorsWhere(where: string, params: unknown[]): Promise<InspectorRow[]> {
    const r = await this.pool.query(
      `SELECT i.*, coalesce(json_agg(json_build_object('uscc', c.uscc, 'reason', c.reason) ORDER BY c.uscc)
                FILTER (WHERE c.uscc IS NOT NULL), '[]') AS conflicts
       FROM inspectors i LEFT JOIN inspector_conflicts c ON c.inspector_id = i.id
       WHERE ${where} GROUP BY i.id ORDER BY i.id`,
      params,
    );
    return r.rows.map((x: Record<string, unknown>) => ({
      id: String(x.id),
      department: x.department as string,
      name: x.name as string,
      unit: x.unit as string,
      region: x.region as string,
      active: x.active as boolean,
      conflicts: x.conflicts as Array<{ uscc: string; reason: string }>,
    }));
  }
}
