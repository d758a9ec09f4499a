/**
 * Calendar arithmetic on ISO dates (`YYYY-MM-DD`), in UTC so a date never shifts with the host's
 * time zone. Pure functions; the clock is always an argument elsewhere, never read here.
 */

const DAY_MS = 86_400_000;

/** Milliseconds since the epoch of an ISO date's midnight UTC. */
export function isoDateToMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`);
}

/** The ISO date of an instant, in UTC. */
export function toIsoDate(ms: number | Date): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Beijing is UTC+8 all year (no daylight saving). */
const BEIJING_OFFSET_MS = 8 * 3_600_000;

/**
 * The calendar date in Beijing of an instant: the evaluation date, a filing date, "today" — what
 * every document prints beside Beijing times. (The UTC date is a day behind from 00:00 to 08:00
 * Beijing time, and a document would disagree with itself.)
 */
export function beijingDate(ms: number | Date): string {
  return toIsoDate(new Date(ms).getTime() + BEIJING_OFFSET_MS);
}

/** `date` moved by `days` (negative goes back). */
export function addDays(date: string, days: number): string {
  return toIsoDate(isoDateToMs(date) + days * DAY_MS);
}

/**
 * `date` moved by whole calendar months, clamped to the month's last day
 * (2024-01-31 + 1 month = 2024-02-29), as publicity windows are counted.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12);
  const nm = total % 12;
  const last = new Date(Date.UTC(ny, nm + 1, 0)).getUTCDate();
  return toIsoDate(Date.UTC(ny, nm, Math.min(d, last)));
}

/** True when `s` is a real calendar date written `YYYY-MM-DD`. */
export function isIsoDate(s: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && toIsoDate(isoDateToMs(s)) === s;
}
