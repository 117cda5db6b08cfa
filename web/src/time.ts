/**
 * Every time the console shows or reads is WIB (Asia/Jakarta, UTC+7, no daylight saving time), whatever
 * zone the computer is set to. Formatting goes through Intl with an explicit `timeZone`; parsing a typed
 * wall-clock time appends the fixed +07:00 offset. Nothing here reads the browser's own zone.
 */

export const OFFICE_ZONE = 'Asia/Jakarta';
export const WIB_OFFSET = '+07:00';
export const ZONE_LABEL = 'WIB';

const INPUT_VALUE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** True when the text is what a `datetime-local` input holds (`YYYY-MM-DDTHH:mm`, seconds optional). */
export const isWibInputValue = (value: string): boolean => {
  const m = INPUT_VALUE.exec(value);
  if (!m) return false;
  const [, y, mo, d, h, mi, s] = m.map((part) => (part === undefined ? 0 : Number(part)));
  const check = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0));
  return (
    check.getUTCFullYear() === y &&
    check.getUTCMonth() === (mo ?? 1) - 1 &&
    check.getUTCDate() === d &&
    (h ?? 0) < 24 &&
    (mi ?? 0) < 60 &&
    (s ?? 0) < 60
  );
};

/** A `datetime-local` value read as WIB, as the API takes it: `2026-12-01T09:00` → `2026-12-01T09:00:00+07:00`. */
export const wibInputToIso = (value: string): string => {
  if (!isWibInputValue(value)) throw new RangeError(`Not a date and time: ${value}`);
  const withSeconds = value.length === 16 ? `${value}:00` : value;
  return `${withSeconds}${WIB_OFFSET}`;
};

const partsFormatter = new Intl.DateTimeFormat('en-US', {
  timeZone: OFFICE_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The WIB wall-clock fields of an instant, zero-padded. */
const wibParts = (date: Date): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> => {
  const out: Record<string, string> = {};
  for (const p of partsFormatter.formatToParts(date)) if (p.type !== 'literal') out[p.type] = p.value;
  return {
    year: out.year ?? '0000',
    month: out.month ?? '01',
    day: out.day ?? '01',
    // Some engines write midnight as 24 even with h23.
    hour: out.hour === '24' ? '00' : (out.hour ?? '00'),
    minute: out.minute ?? '00',
  };
};

/** An instant (ISO text or Date) as a `datetime-local` value in WIB, for filling the input back in. */
export const isoToWibInput = (instant: string | Date): string => {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`Not an instant: ${String(instant)}`);
  const p = wibParts(date);
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
};

/** The instant a WIB input value names, in milliseconds since the epoch. */
export const wibInputToMillis = (value: string): number => new Date(wibInputToIso(value)).getTime();

const displayFormatters = new Map<string, Intl.DateTimeFormat>();
const displayFormatter = (locale: string, withWeekday: boolean): Intl.DateTimeFormat => {
  const key = `${locale}|${withWeekday}`;
  let f = displayFormatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, {
      timeZone: OFFICE_ZONE,
      ...(withWeekday ? { weekday: 'long' } : {}),
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    displayFormatters.set(key, f);
  }
  return f;
};

/**
 * An instant as staff read it, always with the zone named: `Selasa, 1 Desember 2026 pukul 09.00 WIB`
 * (the words follow the locale; the clock is always WIB).
 */
export const formatWib = (
  instant: string | Date,
  options: { locale?: string; weekday?: boolean } = {},
): string => {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) return '';
  const locale = options.locale === 'en' ? 'en-GB' : 'id-ID';
  return `${displayFormatter(locale, options.weekday ?? true).format(date)} ${ZONE_LABEL}`;
};

/** Now as a WIB input value, rounded down to the minute (for an input's `min`). */
export const nowWibInput = (now: Date = new Date()): string => isoToWibInput(now);
