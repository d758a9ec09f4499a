/**
 * Working days against the State Council's notices: 国务院办公厅关于2025年部分节假日安排的通知
 * (国办发明电〔2024〕12号) and 关于2026年部分节假日安排的通知, as the shipped calendar holds them —
 * holidays off, the weekend days worked in lieu on — and a year it does not hold is an error.
 */
import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  calendarYears,
  CalendarNotCovered,
  isWorkingDay,
  workingDaysBetween,
} from '../../../src/calendar/workingDays.ts';
import { resultsPublicDeadline } from '../../../resolvers/Mutation/inspections.ts';
import {
  answeringDepartment,
  objectionDeadlines,
  objectionOverdue,
} from '../../../resolvers/Mutation/objections.ts';

describe('working days (工作日)', () => {
  it.each([
    // 2025: 春节 1月28日至2月4日放假，1月26日（周日）、2月8日（周六）上班
    ['2025-01-28', false],
    ['2025-02-04', false],
    ['2025-01-26', true],
    ['2025-02-08', true],
    // 劳动节 5月1日至5日放假，4月27日（周日）上班; 国庆节、中秋节 10月1日至8日放假，9月28日（周日）、10月11日（周六）上班
    ['2025-05-05', false],
    ['2025-04-27', true],
    ['2025-10-08', false],
    ['2025-09-28', true],
    ['2025-10-11', true],
    // 2026: 元旦 1月1日至3日放假，1月4日（周日）上班; 春节 2月15日至23日放假，2月14日（周六）、2月28日（周六）上班
    ['2026-01-02', false],
    ['2026-01-04', true],
    ['2026-02-23', false],
    ['2026-02-14', true],
    ['2026-02-28', true],
    // 国庆节 10月1日至7日放假，9月20日（周日）、10月10日（周六）上班
    ['2026-10-07', false],
    ['2026-09-20', true],
    ['2026-10-10', true],
    // ordinary weekdays and weekends
    ['2026-11-02', true],
    ['2026-11-07', false],
  ] as const)('%s is a working day: %s', (day, working) => {
    expect(isWorkingDay(day)).toBe(working);
  });

  it('counts across holidays and in-lieu days; "within n working days" ends on the n-th after', () => {
    expect(addWorkingDays('2025-09-26', 1)).toBe('2025-09-28'); // Friday → the Sunday worked in lieu
    expect(addWorkingDays('2025-09-30', 1)).toBe('2025-10-09'); // across the eight days off
    expect(addWorkingDays('2026-11-02', 20)).toBe('2026-11-30');
    expect(workingDaysBetween('2026-11-02', '2026-11-30')).toBe(20);
    expect(workingDaysBetween('2026-11-30', '2026-11-02')).toBe(0);
  });

  it('a day in a year the calendar does not hold is an error, never a guess', () => {
    const { last } = calendarYears();
    expect(last).toBeGreaterThanOrEqual(2026);
    expect(() => isWorkingDay(`${last + 1}-01-04`)).toThrow(CalendarNotCovered);
    // A deadline that crosses into it is refused too, not counted as if it were ordinary weekdays.
    expect(() => addWorkingDays(`${last}-12-24`, 20)).toThrow(CalendarNotCovered);
  });

  it('results first recorded are due public 20 working days later; days left from today, negative once past', () => {
    expect(resultsPublicDeadline('2026-11-02T02:00:00Z', '2026-11-27')).toEqual({
      by: '2026-11-30',
      daysLeft: 1,
    });
    expect(resultsPublicDeadline('2026-11-02T02:00:00Z', '2026-12-02')).toEqual({
      by: '2026-11-30',
      daysLeft: -2,
    });
    // Recorded at 00:30 Beijing time on 2 November (16:30 UTC on the 1st): the day of recording is Beijing's.
    expect(resultsPublicDeadline('2026-11-01T16:30:00Z', '2026-11-02').by).toBe('2026-11-30');
    const { last } = calendarYears();
    expect(() => resultsPublicDeadline(`${last}-12-20T02:00:00Z`, `${last}-12-21`)).toThrow(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'CALENDAR_NOT_COVERED', year: last + 1 }),
      }),
    );
  });
});

describe('objection deadlines (异议: answer within 2 working days, comparison within 5)', () => {
  it.each([
    // filed on            answer due     compared by
    ['2025-09-26', '2025-09-29', '2025-10-10'], // Friday before National Day: Sunday the 28th worked in lieu
    ['2025-09-30', '2025-10-10', '2025-10-14'], // the day before the eight days off; Saturday the 11th worked
    ['2026-02-13', '2026-02-24', '2026-02-27'], // Friday before the Spring Festival; Saturday the 14th worked
    ['2026-01-01', '2026-01-05', '2026-01-08'], // on New Year's Day: Sunday the 4th worked in lieu
    ['2026-11-06', '2026-11-10', '2026-11-13'], // an ordinary Friday
  ])('filed %s: answer by %s, compared by %s', (filed, answer, compare) => {
    expect(objectionDeadlines(filed)).toEqual({ answerDueOn: answer, compareDueOn: compare });
  });

  it('a deadline in a year the calendar lacks is left unknown, never guessed', () => {
    const { last } = calendarYears();
    expect(objectionDeadlines(`${last}-12-31`)).toEqual({ answerDueOn: null, compareDueOn: null });
  });

  it('the producer answers: the department named by the record reference; the credit platform for the grade', () => {
    expect(answeringDepartment('market:汕市监罚〔2025〕88号')).toBe('MARKET');
    expect(answeringDepartment('tax:深税稽罚〔2023〕12号')).toBe('TAX');
    expect(answeringDepartment('court:(2026)粤1523执9号')).toBe('COURT');
    expect(answeringDepartment('evaluation')).toBe('CREDIT');
    expect(answeringDepartment('nowhere:1')).toBeNull();
  });

  it('overdue once the answer’s day has passed without an answer', () => {
    const t = { decision: null, answerDueOn: '2025-09-29' };
    expect(objectionOverdue(t, '2025-09-29')).toBe(false);
    expect(objectionOverdue(t, '2025-09-30')).toBe(true);
    expect(objectionOverdue({ ...t, decision: 'REJECTED' as const }, '2025-09-30')).toBe(false);
    expect(objectionOverdue({ decision: null, answerDueOn: null }, '2026-12-31')).toBe(false);
  });
});
