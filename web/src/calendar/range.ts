/**
 * The calendar asks the API for what publishes in the range on screen. FullCalendar (set to Asia/Jakarta)
 * hands the range as ISO text with the +07:00 offset, end exclusive; the API takes [from, to] inclusive and at
 * most 62 days, so the end is moved back one millisecond and a longer range is cut at 62 days.
 */

export const MAX_RANGE_DAYS = 62;
const DAY = 86_400_000;

export interface Range {
  readonly from: string;
  readonly to: string;
}

/** The API's range for a visible [start, end): UTC ISO instants, the end inclusive, at most 62 days. */
export const apiRange = (start: string | Date, end: string | Date): Range => {
  const from = new Date(start).getTime();
  const until = new Date(end).getTime();
  if (Number.isNaN(from) || Number.isNaN(until) || until <= from)
    throw new RangeError(`Not a calendar range: ${String(start)} – ${String(end)}`);
  const to = Math.min(until - 1, from + MAX_RANGE_DAYS * DAY);
  return { from: new Date(from).toISOString(), to: new Date(to).toISOString() };
};

/** `GET /calendar` for a visible range. */
export const calendarPath = (start: string | Date, end: string | Date): string => {
  const { from, to } = apiRange(start, end);
  return `/calendar?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
};
