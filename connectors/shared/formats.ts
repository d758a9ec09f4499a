/**
 * The departments' format quirks, undone: Chinese and compact dates to ISO, money in any
 * spelling to a two-decimal string, joined kinds to a list. Each throws `FormatError` on
 * text it does not recognise, which the connector turns into a `bad-response`.
 */

/** Text that does not fit the contract's format. */
export class FormatError extends Error {
  override readonly name = 'FormatError';
}

function checkedDate(y: string, m: string, d: string, raw: string): string {
  const iso = `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
  const t = Date.parse(`${iso}T00:00:00Z`);
  if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso)
    throw new FormatError(`not a date: ${raw}`);
  return iso;
}

/** `2023-06-01` → itself, checked. */
export function isoDate(raw: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw.trim());
  if (!m) throw new FormatError(`not an ISO date: ${raw}`);
  return checkedDate(m[1]!, m[2]!, m[3]!, raw);
}

/** The courts' `2023年03月05日` (also without zero padding) → `2023-03-05`. */
export function chineseDate(raw: string): string {
  const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(raw.trim());
  if (!m) throw new FormatError(`not a Chinese date: ${raw}`);
  return checkedDate(m[1]!, m[2]!, m[3]!, raw);
}

/** The environment service's `20230315` → `2023-03-15`. */
export function compactDate(raw: string): string {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(raw.trim());
  if (!m) throw new FormatError(`not a compact date: ${raw}`);
  return checkedDate(m[1]!, m[2]!, m[3]!, raw);
}

/** Money as a decimal string with two places: `"20000"`, `"20,000.5"`, `20000` → `"20000.00"`. */
export function money(raw: string | number): string {
  const text = typeof raw === 'number' ? String(raw) : raw.trim().replaceAll(',', '');
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new FormatError(`not an amount: ${raw}`);
  const [int, frac = ''] = text.split('.');
  // Round half up on the third decimal without going through floating point.
  if (frac.length <= 2) return `${int}.${frac.padEnd(2, '0')}`;
  const cents = BigInt(`${int}${frac.slice(0, 2)}`.replace('-', '')) + (Number(frac[2]) >= 5 ? 1n : 0n);
  const sign = int!.startsWith('-') ? '-' : '';
  const s = cents.toString().padStart(3, '0');
  return `${sign}${s.slice(0, -2)}.${s.slice(-2)}`;
}

/** Money, or null for an empty value. */
export function optionalMoney(raw: string | number | null | undefined): string | null {
  return raw === null || raw === undefined || raw === '' ? null : money(raw);
}

/** Penalty kinds joined by `、`, `,`, `，`, `;` or `；` → a list. */
export function splitKinds(raw: string): string[] {
  return raw
    .split(/[、,，;；]/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `500万元人民币` → amount in yuan and currency, when the text says them. */
export function registeredCapital(text: string): {
  text: string;
  amount: string | null;
  currency: string | null;
} {
  const m = /^([\d.]+)\s*(万)?元?\s*(人民币|美元|港元|欧元)?$/.exec(text.trim());
  if (!m) return { text, amount: null, currency: null };
  const [int, frac = ''] = m[1]!.split('.');
  // 万 = 10,000: shift the decimal point four places.
  const yuan = m[2]
    ? money(`${int}${frac.padEnd(4, '0').slice(0, 4)}.${frac.slice(4)}`.replace(/\.$/, ''))
    : money(m[1]!);
  const currency = { 人民币: 'CNY', 美元: 'USD', 港元: 'HKD', 欧元: 'EUR' }[m[3] ?? '人民币'] ?? null;
  return { text, amount: yuan.replace(/^0+(?=\d)/, ''), currency };
}
