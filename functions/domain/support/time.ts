import { ValidationError } from '../../common/errors';

/** ISO 8601 durations as Sebar accepts them: PnW, or PnDTnHnMnS (no years or months: their length varies). */
const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

export const parseDurationSeconds = (text: string): number => {
  const m = DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T'))
    throw new ValidationError(`Not an ISO 8601 duration: ${text}`);
  const [, w, d, h, min, s] = m;
  return (
    Number(w ?? 0) * 604800 +
    Number(d ?? 0) * 86400 +
    Number(h ?? 0) * 3600 +
    Number(min ?? 0) * 60 +
    Number(s ?? 0)
  );
};

export const isDuration = (text: string): boolean => {
  try {
    parseDurationSeconds(text);
    return true;
  } catch {
    return false;
  }
};

export const addSeconds = (iso: string, seconds: number): string =>
  new Date(new Date(iso).getTime() + seconds * 1000).toISOString();

/** A time as staff read it: in the office's zone (WIB by default), with the zone named. */
export const formatLocal = (iso: string, timeZone = 'Asia/Jakarta', locale = 'id-ID'): string => {
  const text = new Intl.DateTimeFormat(locale, {
    timeZone,
    dateStyle: 'full',
    timeStyle: 'short',
    hourCycle: 'h23',
  }).format(new Date(iso));
  const zoneName = timeZone === 'Asia/Jakarta' ? 'WIB' : timeZone;
  return `${text} ${zoneName}`;
};
