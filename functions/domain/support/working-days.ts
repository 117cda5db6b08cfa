import { createRequire } from 'node:module';
import type Holidays from 'date-holidays';
import { localFields, localMidnight } from './zoned-time';

/**
 * Working days as the office counts them: Monday to Friday in Asia/Jakarta, minus Indonesia's national
 * public holidays (date-holidays, country ID, type `public`) and the office's own leave days (cuti bersama
 * and local leave, which change every year and are kept as a setting). Days are `YYYY-MM-DD` on the WIB wall
 * clock, never UTC days: 23:30 WIB on a Friday is Friday here although it is still Friday 16:30 in UTC, and
 * 06:00 WIB on a Monday is Monday although UTC says Sunday.
 */

/** Working days are always counted on the office's clock (WIB has no daylight saving time). */
export const OFFICE_ZONE = 'Asia/Jakarta';

/** `YYYY-MM-DD`. */
export type Day = string;

const DAY_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;

const parts = (day: Day): [number, number, number] => {
  const m = DAY_TEXT.exec(day);
  if (!m) throw new RangeError(`Not a day: ${day}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};

const text = (y: number, m: number, d: number): Day =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

/** True for a real calendar day written `YYYY-MM-DD` (no 30 February). */
export const isDay = (value: string): boolean => {
  const m = DAY_TEXT.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
};

/** The WIB day an instant falls on. */
export const wibDay = (at: Date | number | string): Day => {
  const ms = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  const l = localFields(ms, OFFICE_ZONE);
  return text(l.year, l.month, l.day);
};

/** The day `n` calendar days after `day` (before, for negative n). */
export const addDays = (day: Day, n: number): Day => {
  const [y, m, d] = parts(day);
  const date = new Date(Date.UTC(y, m - 1, d + n));
  return text(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
};

/** The instant the day begins in WIB (00:00). */
export const dayStart = (day: Day): number => {
  const [y, m, d] = parts(day);
  return localMidnight(y, m, d, OFFICE_ZONE);
};

/** The instant the day is over in WIB: the next day's 00:00 (exclusive end). */
export const dayEnd = (day: Day): number => dayStart(addDays(day, 1));

/** 0 = Sunday … 6 = Saturday (of the calendar day itself, whatever the zone). */
const weekday = (day: Day): number => {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
};

export const isWeekend = (day: Day): boolean => {
  const w = weekday(day);
  return w === 0 || w === 6;
};

// ---- national public holidays ------------------------------------------------------------------------

/**
 * date-holidays (with its moment-timezone and astronomia, over a megabyte minified) is loaded on the first
 * holiday asked for, not when a function starts, and never bundled: the catalog lists it under
 * `shippedModules` of every function that counts working days, so it sits beside the bundle and is found
 * from there (docs/decisions/0023). A plain synchronous require, because the calendar is synchronous.
 */
const loadHolidays = (): typeof Holidays =>
  createRequire(import.meta.url)('date-holidays') as typeof Holidays;

let holidays: Holidays | undefined;
const byYear = new Map<number, ReadonlyMap<Day, string>>();

/** date-holidays 3.37 names 27 Rajab (Isra Mikraj) as Maulid Nabi in Indonesian. */
const NAME_BY_RULE: Record<string, string> = { '27 Rajab': 'Isra Mikraj Nabi Muhammad' };

/** Indonesia's national public holidays in a year, by WIB day (the library's own wall-clock date). */
export const nationalHolidays = (year: number): ReadonlyMap<Day, string> => {
  let found = byYear.get(year);
  if (!found) {
    holidays ??= new (loadHolidays())('ID', { languages: ['id'], types: ['public'] });
    const map = new Map<Day, string>();
    for (const h of holidays.getHolidays(year, 'id')) {
      if (h.type !== 'public') continue;
      const day = h.date.slice(0, 10);
      const name = NAME_BY_RULE[h.rule] ?? h.name;
      map.set(day, map.has(day) ? `${map.get(day)}; ${name}` : name);
    }
    found = map;
    byYear.set(year, found);
  }
  return found;
};

// ---- the office's calendar ---------------------------------------------------------------------------

export interface WorkingCalendar {
  /** Monday to Friday, not a national public holiday, not one of the office's leave days. */
  isWorkingDay(day: Day): boolean;
  /** Why a day is not a working day, in Indonesian (undefined for a working day). */
  closedBecause(day: Day): string | undefined;
}

/** The office's calendar: weekends, national public holidays, and its own leave days (`YYYY-MM-DD`). */
export const workingCalendar = (
  leaveDays: readonly Day[] = [],
  holidaysOf: (year: number) => ReadonlyMap<Day, string> = nationalHolidays,
): WorkingCalendar => {
  const leave = new Set(leaveDays);
  const closedBecause = (day: Day): string | undefined => {
    const w = weekday(day);
    if (w === 6) return 'Sabtu';
    if (w === 0) return 'Minggu';
    const holiday = holidaysOf(parts(day)[0]).get(day);
    if (holiday) return holiday;
    if (leave.has(day)) return 'Cuti bersama / libur kantor';
    return undefined;
  };
  return { isWorkingDay: (day) => closedBecause(day) === undefined, closedBecause };
};

/**
 * Longest run of non-working days we step over (Idul Fitri with cuti bersama is about ten). A longer run
 * (a mistyped list of leave days) is cut here rather than failing every deadline that crosses it.
 */
export const MAX_CLOSED_RUN = 60;

/** The day itself when it is a working day, else the first working day after it (at most MAX_CLOSED_RUN on). */
export const onOrNextWorkingDay = (cal: WorkingCalendar, day: Day): Day => {
  let d = day;
  for (let i = 0; i < MAX_CLOSED_RUN; i++) {
    if (cal.isWorkingDay(d)) return d;
    d = addDays(d, 1);
  }
  return d;
};

/**
 * The `n`th working day after `day` (n ≥ 1), not counting `day` itself: one working day after a Friday is
 * the Monday, after a Saturday also the Monday. n = 0 gives `day` when it is a working day, else the next.
 */
export const addWorkingDays = (cal: WorkingCalendar, day: Day, n: number): Day => {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a count of working days: ${n}`);
  if (n === 0) return onOrNextWorkingDay(cal, day);
  let d = day;
  for (let left = n; left > 0; left--) d = onOrNextWorkingDay(cal, addDays(d, 1));
  return d;
};

/** Working days in (fromDay, toDay]: after `fromDay`, up to and including `toDay`; 0 when toDay ≤ fromDay. */
export const workingDaysAfter = (cal: WorkingCalendar, fromDay: Day, toDay: Day): number => {
  let count = 0;
  for (let d = addDays(fromDay, 1); d <= toDay; d = addDays(d, 1)) if (cal.isWorkingDay(d)) count++;
  return count;
};

/** A deadline at the end of a working day in WIB. */
export interface Deadline {
  /** The working day by whose end it is due. */
  readonly day: Day;
  /** The first instant it is late (the next day's 00:00 WIB), UTC ISO. */
  readonly lateFrom: string;
}

export const deadlineAtEndOf = (day: Day): Deadline => ({
  day,
  lateFrom: new Date(dayEnd(day)).toISOString(),
});

/** Late once the end of the deadline's day (WIB) has passed. */
export const isLate = (deadline: Deadline, now: Date): boolean =>
  now.getTime() >= Date.parse(deadline.lateFrom);

/**
 * How many working days late: the working days after the deadline's day, up to and including today (WIB).
 * 0 when not late, and also when it is late but no working day has begun since (a Saturday after a Friday
 * deadline).
 */
export const workingDaysLate = (cal: WorkingCalendar, deadline: Deadline, now: Date): number =>
  isLate(deadline, now) ? workingDaysAfter(cal, deadline.day, wibDay(now)) : 0;
