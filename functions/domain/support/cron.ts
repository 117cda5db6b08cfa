import { offsetAt, zonedInstant } from './zoned-time';

/**
 * The part of EventBridge Scheduler's cron syntax Sebar's recurring jobs use:
 * `cron(minutes hours day-of-month month day-of-week year)` with numbers, `*` and `?`, evaluated in a
 * time zone. Enough for "every day at 07:00 WIB" and "the 1st of every month at 08:00 WIB"; the local
 * scheduler uses it to arm the same expressions the CDK stack deploys.
 */

export interface CronSpec {
  readonly minute: number;
  readonly hour: number;
  readonly dayOfMonth?: number;
  readonly month?: number;
  /** 1 = Sunday … 7 = Saturday, as in EventBridge. */
  readonly dayOfWeek?: number;
}

const field = (raw: string | undefined, min: number, max: number, name: string): number | undefined => {
  if (raw === '*' || raw === '?') return undefined;
  if (!raw || !/^\d{1,2}$/.test(raw)) throw new Error(`cron ${name} must be a number, * or ?`);
  const n = Number(raw);
  if (n < min || n > max) throw new Error(`cron ${name} must be between ${min} and ${max}`);
  return n;
};

export const parseCron = (expression: string): CronSpec => {
  const inner = /^cron\((.+)\)$/.exec(expression.trim())?.[1];
  const parts = inner?.split(/\s+/) ?? [];
  if (parts.length !== 6) throw new Error(`Not a six-field cron expression: ${expression}`);
  const [mi, h, dom, mon, dow, year] = parts;
  if (year !== '*') throw new Error('cron year must be *');
  if ((dom === '?') === (dow === '?'))
    throw new Error('cron needs ? in exactly one of day-of-month and day-of-week');
  const minute = field(mi, 0, 59, 'minutes');
  const hour = field(h, 0, 23, 'hours');
  if (minute === undefined || hour === undefined) throw new Error('cron minutes and hours must be numbers');
  return {
    minute,
    hour,
    dayOfMonth: field(dom, 1, 31, 'day-of-month'),
    month: field(mon, 1, 12, 'month'),
    dayOfWeek: field(dow, 1, 7, 'day-of-week'),
  };
};

/** The first time after `after` that the expression fires, or an error if none within two years. */
export const nextFire = (expression: string, timeZone: string, after: Date): Date => {
  const spec = parseCron(expression);
  const local = new Date(after.getTime() + offsetAt(after.getTime(), timeZone));
  for (let day = 0; day < 800; day++) {
    const d = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + day));
    if (spec.dayOfMonth !== undefined && d.getUTCDate() !== spec.dayOfMonth) continue;
    if (spec.month !== undefined && d.getUTCMonth() + 1 !== spec.month) continue;
    if (spec.dayOfWeek !== undefined && d.getUTCDay() + 1 !== spec.dayOfWeek) continue;
    const at = new Date(
      zonedInstant(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), timeZone, spec.hour, spec.minute),
    );
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`${expression} never fires in the next two years`);
};
