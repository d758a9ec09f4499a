/**
 * The declared departments' parts of the credit report (docs/department-declaration.md, `report`):
 * a department whose declaration names the report's 行政许可 fills that section; any other title is
 * a section of its own after 六、信用承诺及履约情况. What the report asks for (the fields its columns
 * show) and what it prints are both read from the declarations, so a department added by a file
 * reaches the report with no code.
 */
import { declaredDepartments, type DeclaredDepartment } from '../../departments/declared/declarations.ts';
import { escapeHtml } from '../../util/escapeHtml.ts';
import { hidden, none, table, type Row } from './reportTable.ts';

/** The report's standard sections a declared department may fill (the rest are sections of their own). */
export const FILLABLE_SECTIONS: readonly string[] = ['行政许可'];

/** Why a declared department's part is absent, from the error on its field. */
export type DeclaredPartStatus = 'FORBIDDEN' | 'SOURCE_UNAVAILABLE';

/** One declared section: its title and its body. */
export interface DeclaredSection {
  title: string;
  html: string;
}

const reporting = (): DeclaredDepartment[] => declaredDepartments().filter((d) => d.report);

/** The report query's selection for the declared parts (inside `enterprise { … }`). */
export function declaredReportSelection(): string {
  return reporting()
    .map((d) => {
      const cols = [...new Set(d.report!.columns.map((c) => c.field))].join(' ');
      return `${d.key} { ${d.report!.rows ? `${d.report!.rows} { ${cols} }` : cols} }`;
    })
    .join('\n    ');
}

/** The department keys the report reads (the fields whose errors say why a part is absent). */
export function declaredReportKeys(): string[] {
  return reporting().map((d) => d.key);
}

function cellOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (Array.isArray(v)) return escapeHtml(v.map(String).join('、'));
  return escapeHtml(String(v));
}

function bodyOf(d: DeclaredDepartment, value: unknown, status: DeclaredPartStatus | undefined): string {
  const r = d.report!;
  if (status === 'FORBIDDEN') return hidden;
  if (status === 'SOURCE_UNAVAILABLE') return none(`${d.label}部门暂未应答，本节信息缺失；请稍后重新查询。`);
  const profile = value as Record<string, unknown> | null | undefined;
  const items = !profile
    ? []
    : r.rows
      ? ((profile[r.rows] as Array<Record<string, unknown>>) ?? [])
      : [profile];
  if (items.length === 0) return none(r.empty ?? '无。');
  const rows: Row[] = items.map((item) => r.columns.map((c) => cellOf(item[c.field])));
  return `<p class="meta">来源：${escapeHtml(d.label)}</p>${table(
    r.columns.map((c) => c.label),
    rows,
    `declared-${d.key}`,
  )}`;
}

/**
 * The declared sections for this enterprise's report data: `filled` by standard section title,
 * `own` in declaration order. `status` says, per department key, why its field is null.
 */
export function declaredSections(
  enterprise: Record<string, unknown>,
  status: Readonly<Record<string, DeclaredPartStatus>>,
): { filled: Map<string, string>; own: DeclaredSection[] } {
  const filled = new Map<string, string>();
  const own: DeclaredSection[] = [];
  for (const d of reporting()) {
    const html = bodyOf(d, enterprise[d.key], status[d.key]);
    const title = d.report!.section;
    if (FILLABLE_SECTIONS.includes(title)) filled.set(title, (filled.get(title) ?? '') + html);
    else own.push({ title, html });
  }
  return { filled, own };
}
