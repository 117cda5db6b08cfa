import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/common/errors';
import {
  addSeconds,
  formatLocal,
  isDuration,
  parseDurationSeconds,
} from '../../functions/domain/support/time';

describe('parseDurationSeconds', () => {
  it.each([
    ['P3D', 3 * 86400],
    ['PT30S', 30],
    ['PT10S', 10],
    ['PT1H30M', 5400],
    ['P1W', 7 * 86400],
    ['P1DT2H', 86400 + 7200],
    ['P2W3DT4H5M6S', 2 * 604800 + 3 * 86400 + 4 * 3600 + 5 * 60 + 6],
    ['PT0S', 0],
    ['PT1.5S', 1.5],
    ['P90D', 90 * 86400],
  ])('%s is %d seconds', (text, seconds) => {
    expect(parseDurationSeconds(text)).toBe(seconds);
    expect(isDuration(text)).toBe(true);
  });

  it.each([
    ['P', 'no component'],
    ['PT', 'time designator without a component'],
    ['P1DT', 'dangling time designator'],
    ['3D', 'no leading P'],
    ['P1Y', 'years are unsupported'],
    ['P1M', 'months are unsupported (P1M is a month, not a minute)'],
    ['', 'empty'],
    ['PT-5S', 'negative'],
    ['p3d', 'lower case'],
    ['P3D ', 'trailing space'],
    ['PT1H2H', 'repeated component'],
    ['PT1M1H', 'components out of order'],
  ])('refuses %j (%s)', (text) => {
    expect(() => parseDurationSeconds(text)).toThrow(ValidationError);
    expect(isDuration(text)).toBe(false);
  });

  it('says which text was not a duration', () => {
    expect(() => parseDurationSeconds('3D')).toThrow('Not an ISO 8601 duration: 3D');
  });
});

describe('addSeconds', () => {
  it('adds seconds across a day boundary and returns UTC ISO', () => {
    expect(addSeconds('2026-11-27T23:59:50+07:00', 20)).toBe('2026-11-27T17:00:10.000Z');
    expect(addSeconds('2026-11-27T00:00:00Z', parseDurationSeconds('P3D'))).toBe('2026-11-30T00:00:00.000Z');
  });
});

describe('formatLocal', () => {
  it('shows the Jakarta hour (UTC+7) and names the zone WIB, in Indonesian by default', () => {
    const text = formatLocal('2026-11-27T01:00:00Z');
    expect(text).toMatch(/08[.:]00/);
    expect(text.endsWith(' WIB')).toBe(true);
    expect(text).toContain('27');
    expect(text).toContain('November');
    expect(text).toContain('2026');
    expect(text).toContain('Jumat');
  });

  it('moves to the next Jakarta day for late UTC evenings', () => {
    const text = formatLocal('2026-11-27T18:30:00Z');
    expect(text).toMatch(/01[.:]30/);
    expect(text).toContain('28');
    expect(text).toContain('Sabtu');
  });

  it('uses a 24-hour clock', () => {
    expect(formatLocal('2026-11-27T08:15:00Z')).toMatch(/15[.:]15/);
  });

  it('speaks English when asked, still in WIB', () => {
    const text = formatLocal('2026-11-27T01:00:00Z', 'Asia/Jakarta', 'en-GB');
    expect(text).toMatch(/Friday/);
    expect(text).toMatch(/08[.:]00 WIB$/);
  });

  it('names another zone by its IANA id and uses its offset', () => {
    const text = formatLocal('2026-11-27T01:00:00Z', 'Asia/Makassar', 'en-GB');
    expect(text).toMatch(/09[.:]00 Asia\/Makassar$/);
  });
});
