/**
 * Working days (工作日) in mainland China, for the deadlines the rules count in them (docs/rules.md
 * "Working days"): Monday to Friday, less the public holidays (放假), plus the weekend days worked in
 * lieu (调休上班), as the State Council's notice for each year (国务院办公厅关于××年部分节假日安排的
 * 通知) sets them. The days come from the `chinese-days` package (MIT; compiled from those notices,
 * 2004 onwards), which `test/unit/calendar/workingDays.test.ts` checks against the notices. A day in a
 * year the data does not hold is an error (`CalendarNotCovered`), never a guess: next year's notice
 * is published late in the year, and until the package (or `CALENDAR_EXTRA`, below) has it, no
 * deadline is counted across it. Updating it is a data change (README "Working days").
 */
import { createRequire } from 'node:module';

interface Days {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const days = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as Days;

/**
 * Years published after the package's release, entered from the notice itself (a data change with
 * the notice named): holidays and in-lieu working days as YYYY-MM-DD. Empty while the package is current.
 */
const CALENDAR_EXTRA: Record<number, { notice: string; holidays: string[]; workdays: string[] }> = {};

const HOLIDAYS = new Set(Object.keys(days.holidays));
const WORKDAYS = new Set(Object.keys(days.workdays));
for (const y of Object.values(CALENDAR_EXTRA)) {
  for (const d of y.holidays) HOLIDAYS.add(d);
  for (const d of y.workdays) WORKDAYS.add(d);
}
const YEARS = new Set([...HOLIDAYS].map((d) => Number(d.slice(0, 4))));

/** A day in a year the calendar does not hold. */
export class CalendarNotCovered extends Error {
  readonly code = 'CALENDAR_NOT_COVERED';
  constructor(readonly year: number) {
    super(`the working-day calendar does not hold ${year} (its notice is not in the shipped data)`);
  }
}

/** The first and last year the calendar holds. */
export function calendarYears(): { first: number; last: number } {
  const ys = [...YEARS].sort((a, b) => a - b);
  return { first: ys[0]!, last: ys.at(-1)! };
}

/** Whether a day (YYYY-MM-DD) is a working day; CalendarNotCovered outside the data's years. */
export function isWorkingDay(day: string): boolean {
  const year = Number(day.slice(0, 4));
  if (!YEARS.has(year)) throw new CalendarNotCovered(year);
  if (HOLIDAYS.has(day)) return false;
  if (WORKDAYS.has(day)) return true;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

const nextDay = (day: string): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The n-th working day after `day` (the day itself not counted): "within n working days" ends on it. */
export function addWorkingDays(day: string, n: number): string {
  let d = day;
  for (let left = n; left > 0;) {
    d = nextDay(d);
    if (isWorkingDay(d)) left--;
  }
  return d;
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(from: string, to: string): number {
  let n = 0;
  for (let d = nextDay(from); d <= to; d = nextDay(d)) if (isWorkingDay(d)) n++;
  return n;
}
