/**
 * An inspector list imported from a CSV (一单两库, docs/rules.md "Supervision and alerts"): the
 * header by its Chinese or English names, every row checked and every bad line named before
 * anything is kept.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { GatewayError, GatewayErrorCode } from '../../src/errors.ts';
import type { MutationResolvers } from '../../src/generated/graphql.ts';
import type { InspectorRow } from '../../src/ledger/Inspections.ts';
import { actorOf, badInput } from '../shared/input.ts';
import { withInspections } from '../shared/ledger.ts';
import { ownDepartment } from './inspections.ts';

/** The CSV's columns, by their Chinese or English header. */
const CSV_COLUMNS: Record<string, 'id' | 'name' | 'unit' | 'region' | 'active'> = {
  编号: 'id',
  id: 'id',
  姓名: 'name',
  name: 'name',
  单位: 'unit',
  unit: 'unit',
  区域: 'region',
  region: 'region',
  在库: 'active',
  active: 'active',
};
const CSV_MAX_ROWS = 2000;
const YES = new Set(['', '是', 'true', '1', 'yes', 'y']);
const NO = new Set(['否', 'false', '0', 'no', 'n']);

/** One row of an inspector import, read and checked (null and a message when it is bad). */
function inspectorRow(
  cells: Record<string, string>,
): { id: string | null; name: string; unit: string; region: string; active: boolean } | string {
  const v = (k: string): string => (cells[k] ?? '').trim();
  const bad: string[] = [];
  if (!v('name') || v('name').length > 50) bad.push('姓名须为1至50个字符');
  if (!v('unit') || v('unit').length > 100) bad.push('单位须为1至100个字符');
  if (!/^\d{2,6}$/.test(v('region'))) bad.push(`区域"${v('region')}"须为2至6位行政区划代码前缀`);
  if (v('id') && !/^\d{1,18}$/.test(v('id'))) bad.push(`编号"${v('id')}"不是人员编号`);
  const active = v('active').toLowerCase();
  if (!YES.has(active) && !NO.has(active)) bad.push(`在库"${v('active')}"须为是或否`);
  if (bad.length) return bad.join('；');
  return {
    id: v('id') || null,
    name: v('name'),
    unit: v('unit'),
    region: v('region'),
    active: YES.has(active),
  };
}

/** The rows of an inspector CSV, or every bad line (BAD_USER_INPUT naming `csv`). */
function inspectorCsv(csv: string): Array<Exclude<ReturnType<typeof inspectorRow>, string>> {
  let records: string[][];
  try {
    records = parseCsv(csv, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    throw badInput('csv', `the CSV cannot be read: ${(err as Error).message.split('\n')[0]}`);
  }
  const [header, ...body] = records;
  const columns = (header ?? []).map((h) => CSV_COLUMNS[h.trim().toLowerCase()] ?? CSV_COLUMNS[h.trim()]);
  const missing = (['name', 'unit', 'region'] as const).filter((c) => !columns.includes(c));
  if (missing.length)
    throw badInput('csv', `the header must name 姓名, 单位 and 区域 (missing: ${missing.join(', ')})`);
  if (body.length === 0 || body.length > CSV_MAX_ROWS)
    throw badInput('csv', `the CSV must hold 1 to ${CSV_MAX_ROWS} inspectors`);
  const lines: Array<{ line: number; message: string }> = [];
  const rows = body.map((cells, k) => {
    const row = inspectorRow(Object.fromEntries(columns.map((c, i) => [c ?? `_${i}`, cells[i] ?? ''])));
    if (typeof row === 'string') lines.push({ line: k + 2, message: row });
    return row;
  });
  if (lines.length)
    throw new GatewayError(
      `${lines.length} line(s) of the CSV are bad; nothing was imported`,
      GatewayErrorCode.BAD_USER_INPUT,
      { argument: 'csv', lines: lines.slice(0, 100) },
    );
  return rows as Array<Exclude<ReturnType<typeof inspectorRow>, string>>;
}

export const importInspectors: MutationResolvers['importInspectors'] = async (
  _p,
  { department, csv },
  ctx,
) => {
  ownDepartment(ctx, department);
  const rows = inspectorCsv(csv);
  const done = await withInspections(ctx, (i) => i.importInspectors(department, rows, actorOf(ctx)));
  if ('unknownId' in done)
    throw badInput('csv', `no inspector ${done.unknownId} of ${department}; nothing was imported`);
  ctx.audit.noteAction(
    'inspection.inspector',
    'city',
    `${department} inspectors imported: ${done.added} added, ${done.updated} changed`,
  );
  const all = new Map(
    (await withInspections(ctx, (i) => i.inspectors(department, true))).map((x) => [x.id, x]),
  );
  return {
    added: done.added,
    updated: done.updated,
    inspectors: done.ids.map((id) => all.get(id)).filter((x): x is InspectorRow => x !== undefined),
  };
};
