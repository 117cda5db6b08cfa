/**
 * Wall-clock time in a named time zone, from Intl (no time-zone library): the office's reports, the
 * recurring jobs' crons and the WIB display all need the same arithmetic, including zones with daylight
 * saving time for offices elsewhere.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
};

/** The wall-clock fields an instant shows in the zone. */
export const localFields = (ms: number, timeZone: string) => {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    // Some engines write midnight as 24 even with h23.
    hour: (parts.hour ?? 0) % 24,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
};

/** The zone's offset from UTC at the instant, in ms (east positive). */
export const offsetAt = (ms: number, timeZone: string): number => {
  const whole = Math.floor(ms / 1000) * 1000;
  const l = localFields(whole, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second) - whole;
};

/** The instant a wall-clock time begins in the zone; re-checked once so a DST change between guesses is honoured. */
export const zonedInstant = (
  year: number,
  month: number,
  day: number,
  timeZone: string,
  hour = 0,
  minute = 0,
): number => {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  return wall - offsetAt(first, timeZone);
};

export const localMidnight = (year: number, month: number, day: number, timeZone: string): number =>
  zonedInstant(year, month, day, timeZone);
