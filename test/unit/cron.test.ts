import { describe, expect, it } from 'vitest';
import { nextFire, parseCron } from '../../functions/domain/support/cron';
import { zonedInstant } from '../../functions/domain/support/zoned-time';
import { recurringJobs } from '../../infra/catalog';

describe('cron for recurring jobs', () => {
  it('every day at 06:00 WIB is 23:00 UTC the day before', () => {
    expect(
      nextFire('cron(0 6 * * ? *)', 'Asia/Jakarta', new Date('2026-11-27T22:59:00Z')).toISOString(),
    ).toBe('2026-11-27T23:00:00.000Z');
    expect(
      nextFire('cron(0 6 * * ? *)', 'Asia/Jakarta', new Date('2026-11-27T23:00:00Z')).toISOString(),
    ).toBe('2026-11-28T23:00:00.000Z');
  });

  it('the 1st of the month at 08:00 WIB', () => {
    expect(
      nextFire('cron(0 8 1 * ? *)', 'Asia/Jakarta', new Date('2026-11-27T10:00:00Z')).toISOString(),
    ).toBe('2026-12-01T01:00:00.000Z');
    expect(
      nextFire('cron(0 8 1 * ? *)', 'Asia/Jakarta', new Date('2026-12-31T20:00:00Z')).toISOString(),
    ).toBe('2027-01-01T01:00:00.000Z');
  });

  it('follows daylight saving time in zones that have it', () => {
    // Amsterdam moves from UTC+1 to UTC+2 on 29 March 2026.
    expect(
      nextFire('cron(30 6 * * ? *)', 'Europe/Amsterdam', new Date('2026-03-28T12:00:00Z')).toISOString(),
    ).toBe('2026-03-29T04:30:00.000Z');
    expect(new Date(zonedInstant(2026, 3, 28, 'Europe/Amsterdam', 6, 30)).toISOString()).toBe(
      '2026-03-28T05:30:00.000Z',
    );
  });

  it('days of the week count from Sunday = 1, as in EventBridge', () => {
    // 2026-11-30 is a Monday.
    expect(nextFire('cron(0 9 ? * 2 *)', 'UTC', new Date('2026-11-27T00:00:00Z')).toISOString()).toBe(
      '2026-11-30T09:00:00.000Z',
    );
  });

  it('refuses what it does not understand instead of guessing', () => {
    for (const bad of [
      'rate(1 day)',
      'cron(0 6 * * * *)',
      'cron(0 6 * * ?)',
      'cron(*/5 6 * * ? *)',
      'cron(0 25 * * ? *)',
    ])
      expect(() => parseCron(bad), bad).toThrow();
  });

  it('every recurring job in the catalog parses and fires within a month', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    for (const job of recurringJobs) {
      const at = nextFire(job.expression, job.timeZone, now);
      expect(at.getTime() - now.getTime(), job.name).toBeLessThanOrEqual(31 * 86_400_000);
    }
  });
});
