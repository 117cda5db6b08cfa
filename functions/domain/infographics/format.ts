import { once } from '../support/once';
import { zonedInstant } from '../support/zoned-time';

/** Indonesian ways of writing figures, dates and times, as the office writes them. */

const integer = once(() => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 0 }));
const decimal = once(() => new Intl.NumberFormat('id-ID', { maximumFractionDigits: 1 }));

/** 1250 → "1.250"; 12.5 → "12,5"; with unit "%" → "12,5%". */
export const formatNumber = (value: number, unit?: string): string => {
  const text = (Number.isInteger(value) ? integer : decimal)().format(value);
  if (!unit) return text;
  return unit === '%' ? `${text}%` : `${text} ${unit}`;
};

const dateFormat = once(
  () =>
    new Intl.DateTimeFormat('id-ID', {
      timeZone: 'Asia/Jakarta',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }),
);

/** "2026-12-08" → "Selasa, 8 Desember 2026" (the calendar day in WIB). */
export const formatDate = (isoDate: string): string => {
  const [y, m, d] = isoDate.split('-').map(Number);
  return dateFormat().format(new Date(zonedInstant(y ?? 0, m ?? 1, d ?? 1, 'Asia/Jakarta', 12)));
};

/** True when YYYY-MM-DD names a day that exists. */
export const isRealDate = (isoDate: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
};

const TIME = /^([01]?\d|2[0-3])[.:]([0-5]\d)$/;
const RANGE_DASH = /\s*[-\u2013\u2014]\s*|\s+s\.?d\.?\s+|\s+sampai\s+/i;

/** "08:00" → "08.00 WIB"; "08.00-11:30" → "08.00–11.30 WIB"; undefined when it is not a time of day. */
export const formatTimeRange = (text: string): string | undefined => {
  const parts = text
    .trim()
    .replace(/\s*WIB$/i, '')
    .split(RANGE_DASH);
  if (parts.length < 1 || parts.length > 2) return undefined;
  const times = parts.map((p) => TIME.exec(p.trim()));
  if (times.some((t) => !t)) return undefined;
  const minutes = times.map((t) => Number(t?.[1]) * 60 + Number(t?.[2]));
  if (minutes.length === 2 && (minutes[1] ?? 0) <= (minutes[0] ?? 0)) return undefined;
  const shown = times.map((t) => `${(t?.[1] ?? '').padStart(2, '0')}.${t?.[2]}`);
  return `${shown.join('–')} WIB`;
};
