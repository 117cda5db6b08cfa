import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  formatWib,
  isoToWibInput,
  isWibInputValue,
  nowWibInput,
  wibInputToIso,
  wibInputToMillis,
} from '../../web/src/time';

/** The console's WIB handling must not depend on the computer's zone: run these in New York's. */
let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'America/New_York';
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('reading a datetime-local value as WIB', () => {
  it('appends the fixed +07:00 offset, with seconds', () => {
    expect(wibInputToIso('2026-12-01T09:00')).toBe('2026-12-01T09:00:00+07:00');
    expect(wibInputToIso('2026-12-01T09:00:30')).toBe('2026-12-01T09:00:30+07:00');
  });

  it('names the instant seven hours before the same wall clock in UTC', () => {
    expect(new Date(wibInputToIso('2026-12-01T09:00')).toISOString()).toBe('2026-12-01T02:00:00.000Z');
    // Just after midnight WIB is still the previous day in UTC.
    expect(new Date(wibInputToIso('2027-01-01T00:30')).toISOString()).toBe('2026-12-31T17:30:00.000Z');
    expect(wibInputToMillis('2026-03-08T02:30')).toBe(Date.UTC(2026, 2, 7, 19, 30));
  });

  it('refuses what is not a real date and time', () => {
    for (const bad of [
      '',
      '2026-12-01',
      '2026-02-30T10:00',
      '2026-12-01T24:00',
      '2026-12-01 09:00',
      '9:00',
    ]) {
      expect(isWibInputValue(bad)).toBe(false);
    }
    expect(() => wibInputToIso('2026-13-01T10:00')).toThrow(RangeError);
    expect(isWibInputValue('2028-02-29T23:59')).toBe(true);
  });
});

describe('showing an instant in WIB', () => {
  it('fills a datetime-local input with the WIB wall clock', () => {
    expect(isoToWibInput('2026-12-01T02:00:00.000Z')).toBe('2026-12-01T09:00');
    expect(isoToWibInput('2026-12-31T17:00:00Z')).toBe('2027-01-01T00:00');
    expect(isoToWibInput('2026-12-01T09:00:00+07:00')).toBe('2026-12-01T09:00');
    expect(() => isoToWibInput('not a date')).toThrow(RangeError);
  });

  it('round-trips what staff type', () => {
    for (const typed of ['2026-12-01T09:00', '2027-01-01T00:00', '2026-06-15T23:59']) {
      expect(isoToWibInput(wibInputToIso(typed))).toBe(typed);
    }
  });

  it('formats in Indonesian (or English) words, always naming WIB', () => {
    const text = formatWib('2026-12-24T02:00:00Z');
    expect(text).toContain('24 Desember 2026');
    expect(text).toMatch(/Kamis/);
    expect(text).toMatch(/09\.00 WIB$/);
    expect(formatWib('2026-12-24T02:00:00Z', { locale: 'en', weekday: false })).toMatch(
      /24 December 2026.*09:00 WIB$/,
    );
    expect(formatWib('nonsense')).toBe('');
  });

  it('gives now as the WIB minute', () => {
    expect(nowWibInput(new Date('2026-12-01T20:45:59Z'))).toBe('2026-12-02T03:45');
  });
});
