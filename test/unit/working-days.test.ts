import { describe, expect, it } from 'vitest';
import {
  isResponseOverdue,
  type ResponseRules,
  responseDue,
  responseWorkingDaysLate,
} from '../../functions/domain/feedback/response-deadline';
import {
  addDays,
  addWorkingDays,
  dayEnd,
  dayStart,
  deadlineAtEndOf,
  isDay,
  isLate,
  MAX_CLOSED_RUN,
  nationalHolidays,
  onOrNextWorkingDay,
  wibDay,
  workingCalendar,
  workingDaysAfter,
  workingDaysLate,
} from '../../functions/domain/support/working-days';

const CAL = workingCalendar();
/** 24 December 2026 as the office's leave day (cuti bersama before Natal). */
const WITH_LEAVE = workingCalendar(['2026-12-24']);

describe('WIB days', () => {
  it('reads the day on the WIB clock, not the UTC one, at the midnight boundary', () => {
    expect(wibDay('2026-12-24T16:59:59.999Z')).toBe('2026-12-24'); // 23:59:59 WIB
    expect(wibDay('2026-12-24T17:00:00.000Z')).toBe('2026-12-25'); // 00:00 WIB
    expect(wibDay('2026-12-27T23:30:00.000Z')).toBe('2026-12-28'); // Monday 06:30 WIB, still Sunday in UTC
    expect(dayStart('2026-12-25')).toBe(Date.parse('2026-12-24T17:00:00.000Z'));
    expect(dayEnd('2026-12-25')).toBe(Date.parse('2026-12-25T17:00:00.000Z'));
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
  });

  it('tells real days from lookalikes', () => {
    expect(isDay('2026-12-25')).toBe(true);
    for (const s of ['2026-02-29', '2026-13-01', '2026-12-5', '25-12-2026', '2026-12-25T00:00'])
      expect(isDay(s)).toBe(false);
    expect(isDay('2028-02-29')).toBe(true);
  });
});

describe('the office calendar', () => {
  it('closes on weekends, national public holidays and the office’s leave days', () => {
    expect(CAL.isWorkingDay('2026-12-24')).toBe(true); // Thursday
    expect(CAL.closedBecause('2026-12-25')).toBe('Hari Raya Natal'); // Friday, Natal
    expect(CAL.closedBecause('2026-12-26')).toBe('Sabtu');
    expect(CAL.closedBecause('2026-12-27')).toBe('Minggu');
    expect(CAL.isWorkingDay('2026-12-28')).toBe(true);
    // Idul Fitri 1448 H falls on 9 and 10 March 2027, with Nyepi on the 8th.
    for (const d of ['2027-03-08', '2027-03-09', '2027-03-10']) expect(CAL.isWorkingDay(d)).toBe(false);
    expect(CAL.closedBecause('2027-03-09')).toMatch(/Idul Fitri/);
    expect(WITH_LEAVE.closedBecause('2026-12-24')).toMatch(/Cuti bersama/);
    // Only public holidays: observances are working days.
    expect([...nationalHolidays(2026).keys()]).toContain('2026-08-17');
    expect(nationalHolidays(2026).has('2026-04-21')).toBe(false); // Hari Kartini is an observance
  });

  it('counts working days across a weekend, a holiday and a leave day', () => {
    // Thursday 24 December + 1: Natal (Fri), the weekend → Monday 28.
    expect(addWorkingDays(CAL, '2026-12-24', 1)).toBe('2026-12-28');
    // Wednesday 23 + 1: Thursday 24, unless it is a leave day.
    expect(addWorkingDays(CAL, '2026-12-23', 1)).toBe('2026-12-24');
    expect(addWorkingDays(WITH_LEAVE, '2026-12-23', 1)).toBe('2026-12-28');
    // Saturday + 1 = Monday; Friday + 1 = Monday.
    expect(addWorkingDays(CAL, '2026-12-19', 1)).toBe('2026-12-21');
    expect(addWorkingDays(CAL, '2026-12-18', 1)).toBe('2026-12-21');
    // Friday 5 March 2027 + 1: Nyepi (Mon) and Idul Fitri (Tue, Wed) → Thursday 11.
    expect(addWorkingDays(CAL, '2027-03-05', 1)).toBe('2027-03-11');
    expect(addWorkingDays(CAL, '2027-03-05', 3)).toBe('2027-03-15');
    // New Year's Day, the weekend and Isra Mikraj (5 January 2027) skipped.
    expect(addWorkingDays(CAL, '2026-12-28', 5)).toBe('2027-01-06');
    // 0: the day itself, or the next working day.
    expect(addWorkingDays(CAL, '2026-12-24', 0)).toBe('2026-12-24');
    expect(onOrNextWorkingDay(CAL, '2026-12-25')).toBe('2026-12-28');
    expect(() => addWorkingDays(CAL, '2026-12-24', -1)).toThrow(RangeError);
    // A mistyped leave list closing 90 days in a row is cut at MAX_CLOSED_RUN days, not an error.
    const closed = workingCalendar(Array.from({ length: 90 }, (_, i) => addDays('2027-01-01', i)));
    expect(onOrNextWorkingDay(closed, '2027-01-01')).toBe(addDays('2027-01-01', MAX_CLOSED_RUN));
    expect(workingDaysAfter(CAL, '2026-12-23', '2026-12-31')).toBe(5); // 24, 28, 29, 30, 31
    expect(workingDaysAfter(WITH_LEAVE, '2026-12-23', '2026-12-31')).toBe(4);
    expect(workingDaysAfter(CAL, '2026-12-31', '2026-12-23')).toBe(0);
  });

  it('is late from the end of the due day in WIB, and counts the working days since', () => {
    const due = deadlineAtEndOf('2026-12-24');
    expect(due.lateFrom).toBe('2026-12-24T17:00:00.000Z');
    expect(isLate(due, new Date('2026-12-24T16:59:59.999Z'))).toBe(false);
    expect(isLate(due, new Date('2026-12-24T17:00:00.000Z'))).toBe(true);
    // Natal and the weekend are late, but no working day has passed yet.
    expect(workingDaysLate(CAL, due, new Date('2026-12-27T10:00:00.000Z'))).toBe(0);
    // Monday 28, 06:30 WIB (still Sunday in UTC): one working day late.
    expect(workingDaysLate(CAL, due, new Date('2026-12-27T23:30:00.000Z'))).toBe(1);
    expect(workingDaysLate(CAL, due, new Date('2026-12-30T03:00:00.000Z'))).toBe(3);
    expect(workingDaysLate(CAL, due, new Date('2026-12-24T10:00:00.000Z'))).toBe(0);
  });
});

describe('the response time for questions', () => {
  const rules: ResponseRules = { calendar: CAL, workingDays: 1 };
  const question = (createdAt: string, over: Record<string, unknown> = {}) => ({
    createdAt,
    receivedAt: createdAt,
    label: 'question',
    status: 'open',
    ...over,
  });

  it('gives a question one working day after the WIB day it was written', () => {
    // Friday afternoon → Monday.
    expect(responseDue(question('2026-12-18T08:00:00.000Z'), rules).day).toBe('2026-12-21');
    // Thursday before Natal → Monday 28; with the 24th as leave, Wednesday's question also waits till then.
    expect(responseDue(question('2026-12-24T03:00:00.000Z'), rules).day).toBe('2026-12-28');
    expect(
      responseDue(question('2026-12-23T03:00:00.000Z'), { calendar: WITH_LEAVE, workingDays: 1 }).day,
    ).toBe('2026-12-28');
    // The WIB midnight boundary: 23:59 WIB Wednesday is Wednesday (due Thursday), 00:00 WIB is Thursday.
    expect(responseDue(question('2026-12-23T16:59:00.000Z'), rules).day).toBe('2026-12-24');
    expect(responseDue(question('2026-12-23T17:00:00.000Z'), rules).day).toBe('2026-12-28');
    // Zero working days: by the end of the day it came, or the next working day.
    expect(responseDue(question('2026-12-19T03:00:00.000Z'), { calendar: CAL, workingDays: 0 }).day).toBe(
      '2026-12-21',
    );
    // Idul Fitri 2027: a question from Friday 5 March is due by the end of Thursday 11 March.
    expect(responseDue(question('2027-03-05T03:00:00.000Z'), rules).lateFrom).toBe(
      '2027-03-11T17:00:00.000Z',
    );
  });

  it('is overdue only while an open question, once its day is over', () => {
    const q = question('2026-12-18T08:00:00.000Z'); // due by the end of Monday 21 December
    expect(isResponseOverdue(q, rules, new Date('2026-12-21T16:59:59.999Z'))).toBe(false);
    expect(isResponseOverdue(q, rules, new Date('2026-12-21T17:00:00.000Z'))).toBe(true);
    expect(responseWorkingDaysLate(q, rules, new Date('2026-12-23T03:00:00.000Z'))).toBe(2);
    const later = new Date('2026-12-23T03:00:00.000Z');
    expect(isResponseOverdue({ ...q, status: 'answered' }, rules, later)).toBe(false);
    expect(isResponseOverdue({ ...q, status: 'closed' }, rules, later)).toBe(false);
    expect(isResponseOverdue({ ...q, label: 'complaint' }, rules, later)).toBe(false);
    expect(responseWorkingDaysLate({ ...q, status: 'answered' }, rules, later)).toBe(0);
  });
});
