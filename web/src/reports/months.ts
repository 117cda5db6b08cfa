import { OFFICE_ZONE } from '../time';

/**
 * Report months (`YYYY-MM`) as the office counts them: in WIB, whatever zone the computer is set to.
 * Pure, so the month picker's default and its names are tested without a browser.
 */

const MONTH = /^(\d{4})-(\d{2})$/;

export const isMonth = (value: string): boolean => {
  const m = MONTH.exec(value);
  return m !== null && Number(m[2]) >= 1 && Number(m[2]) <= 12;
};

const fields = (now: Date): { year: number; month: number } => {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: OFFICE_ZONE,
    year: 'numeric',
    month: '2-digit',
  }).formatToParts(now);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month') };
};

const text = (index: number): string =>
  `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;

const indexOf = (month: string): number => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1;

/** The month `by` months from `month` (negative goes back). */
export const shiftMonth = (month: string, by: number): string => text(indexOf(month) + by);

/** The calendar month running now in WIB. */
export const currentMonth = (now: Date): string => {
  const f = fields(now);
  return text(f.year * 12 + f.month - 1);
};

/** The last month that has ended in WIB: the report's default. */
export const lastFullMonth = (now: Date): string => shiftMonth(currentMonth(now), -1);

/** The months the picker offers, newest first: the running month and `count − 1` before it. */
export const monthChoices = (now: Date, count = 24): string[] => {
  const current = currentMonth(now);
  return Array.from({ length: count }, (_, i) => shiftMonth(current, -i));
};

/** `2026-11` as "November 2026" (Indonesian) or "November 2026" (English). */
export const monthName = (month: string, lng: 'id' | 'en' = 'id'): string => {
  if (!isMonth(month)) return month;
  // Mid-month at noon UTC: the same calendar month in every zone, so no zone can shift it.
  const date = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 15, 12));
  return new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC',
    month: 'long',
    year: 'numeric',
  }).format(date);
};
