import * as z from 'zod';
import { ValidationError } from '../../common/errors';
import type { ContentItem } from './content';

/**
 * The calendar reads items by publish time through the `by-publish-month` index: partition = the month
 * the item publishes in, on the office's wall clock (WIB), sort = the publish instant in UTC ISO (string
 * order is time order). The month is always WIB, whatever DISPLAY_TIME_ZONE says, so the index never
 * depends on a setting. WIB is UTC+7 all year (no daylight saving time).
 */
export const CALENDAR_OFFSET_MS = 7 * 3_600_000;
export const MAX_CALENDAR_DAYS = 62;
const DAY = 86_400_000;

/** `YYYY-MM` of the instant on the WIB wall clock. */
export const publishMonthOf = (publishAt: string | number | Date): string =>
  new Date(new Date(publishAt).getTime() + CALENDAR_OFFSET_MS).toISOString().slice(0, 7);

/** Every WIB month that a range [from, to] touches, oldest first. */
export const monthsBetween = (from: Date, to: Date): string[] => {
  const months: string[] = [];
  const end = publishMonthOf(to);
  let [year, month] = publishMonthOf(from).split('-').map(Number) as [number, number];
  for (let m = `${year}-${String(month).padStart(2, '0')}`; m <= end; ) {
    months.push(m);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
    m = `${year}-${String(month).padStart(2, '0')}`;
  }
  return months;
};

/** The start of the WIB day the instant falls in. */
export const wibDayStart = (at: Date): Date => {
  const local = at.getTime() + CALENDAR_OFFSET_MS;
  return new Date(local - (((local % DAY) + DAY) % DAY) - CALENDAR_OFFSET_MS);
};

const instant = z.iso.datetime({ offset: true, message: 'must be ISO 8601 with a time-zone offset' });

export const calendarQuery = z
  .object({ from: instant, to: instant })
  .strict()
  .transform((q) => ({ from: new Date(q.from), to: new Date(q.to) }));

/** Checks a calendar range: `from` before `to`, at most 62 days apart. */
export const checkRange = (from: Date, to: Date): void => {
  if (to.getTime() <= from.getTime())
    throw new ValidationError('The calendar range must end after it starts', [
      { path: 'to', message: 'must be after from' },
    ]);
  if (to.getTime() - from.getTime() > MAX_CALENDAR_DAYS * DAY)
    throw new ValidationError(`The calendar range may cover at most ${MAX_CALENDAR_DAYS} days`, [
      { path: 'to', message: `at most ${MAX_CALENDAR_DAYS} days after from` },
    ]);
};

export interface CalendarEntry {
  readonly id: string;
  readonly title: string;
  readonly status: ContentItem['status'];
  readonly publishAt: string;
  readonly platforms: ContentItem['platforms'];
  readonly revision: number;
}

export const calendarEntry = (item: ContentItem): CalendarEntry => ({
  id: item.id,
  title: item.title,
  status: item.status,
  publishAt: item.publishAt,
  platforms: item.platforms,
  revision: item.revision,
});

/** Reads items whose publish time falls in [from, to] (both ISO UTC), one index query per month. */
export type ItemsByPublishTime = (month: string, from: string, to: string) => Promise<ContentItem[]>;

/** Every item publishing in [from, to], one index query per WIB month the range touches. */
export const readPublishing = async (from: Date, to: Date, read: ItemsByPublishTime) =>
  (
    await Promise.all(monthsBetween(from, to).map((m) => read(m, from.toISOString(), to.toISOString())))
  ).flat();

/** GET /calendar: the range checked, then entries in publish order (cancelled items included). */
export const calendarItems = async (
  from: Date,
  to: Date,
  read: ItemsByPublishTime,
): Promise<CalendarEntry[]> => {
  checkRange(from, to);
  return (await readPublishing(from, to, read))
    .map(calendarEntry)
    .sort((a, b) => a.publishAt.localeCompare(b.publishAt) || a.id.localeCompare(b.id));
};
