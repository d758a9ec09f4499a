/** The report's tables and its words for "nothing" and "not yours to read", shared by its sections. */
import { escapeHtml } from '../../util/escapeHtml.ts';

/** One table row: each cell HTML already escaped, or null for "—". */
export type Row = Array<string | null | undefined>;

/** A cell this short (a date, an amount, a status) is kept on one line. */
const SHORT_CELL = 12;

/**
 * A table whose headers, dates and short cells never break (a narrow column had printed
 * `2024-10- / 25` and `状 / 态`): the long text columns take the wrapping.
 */
export function table(head: string[], rows: Row[], id?: string): string {
  const cell = (c: string | null | undefined): string => {
    if (c === null || c === undefined) return '<td class="nw">—</td>';
    const text = c.replace(/<[^>]*>/g, '');
    const dated = c.replace(/\d{4}-\d{2}-\d{2}/g, '<span class="nw">$&</span>');
    return text.length <= SHORT_CELL ? `<td class="nw">${c}</td>` : `<td>${dated}</td>`;
  };
  return `<table${id ? ` id="${id}"` : ''}><thead><tr>${head.map((h) => `<th class="nw">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map(cell).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** A section that has nothing to show, saying so. */
export const none = (what: string): string => `<p class="none">${escapeHtml(what)}</p>`;
/** A section the reader may not see. */
export const hidden = '<p class="none">（不在本报告查询人可查看的范围内）</p>';
