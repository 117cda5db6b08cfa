import * as z from 'zod';
import { localMidnight } from '../support/zoned-time';
import { ARCHIVE_TIME_ZONE } from './records';

/**
 * What an export request may ask (the CLI and POST /archive/exports): a range of WIB days, both included.
 * Apart from the export itself, so the API function's bundle carries no zip or page code.
 */
/** The longest range one export may cover: a year, leap day included. */
export const MAX_EXPORT_DAYS = 366;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const dayNumber = (day: string): number => {
  const m = DAY.exec(day);
  return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86_400_000 : Number.NaN;
};
const dayOf = (n: number): string => new Date(n * 86_400_000).toISOString().slice(0, 10);

const wibDay = z
  .string()
  .regex(DAY, 'tulis tanggal sebagai YYYY-MM-DD (hari WIB) / write the date as YYYY-MM-DD (a WIB day)')
  .refine((d) => {
    const n = dayNumber(d);
    return Number.isFinite(n) && dayOf(n) === d;
  }, 'tanggal ini tidak ada / this date does not exist');

/** An export request (the CLI and POST /archive/exports): WIB days, both included. */
export const exportInput = z
  .object({
    from: wibDay,
    to: wibDay,
    /** Citizens' account names become stable pseudonyms (Warga-3F9A1C) throughout the export. */
    redactAuthors: z.boolean().default(false),
  })
  .strict()
  .superRefine((v, ctx) => {
    const from = dayNumber(v.from);
    const to = dayNumber(v.to);
    if (Number.isNaN(from) || Number.isNaN(to)) return;
    if (from > to)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: '"to" tidak boleh sebelum "from" / "to" must not be before "from"',
      });
    else if (to - from + 1 > MAX_EXPORT_DAYS)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `paling banyak ${MAX_EXPORT_DAYS} hari per ekspor / at most ${MAX_EXPORT_DAYS} days per export`,
      });
  });
export type ExportInput = z.output<typeof exportInput>;

/** Each WIB day of the range, as `YYYY-MM-DD`. */
export const daysOf = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let n = dayNumber(from); n <= dayNumber(to); n++) days.push(dayOf(n));
  return days;
};

/** The UTC instants the range covers: the start of `from` and the start of the day after `to`, in WIB. */
export const rangeInstants = (from: string, to: string): { start: string; end: string } => {
  const at = (day: string) => {
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    return new Date(localMidnight(y, m, d, ARCHIVE_TIME_ZONE)).toISOString();
  };
  return { start: at(from), end: at(dayOf(dayNumber(to) + 1)) };
};
