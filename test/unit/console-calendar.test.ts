import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { familyOf, holidayEvent, itemEvent, wibDay } from '../../web/src/calendar/events';
import { holidaysBetween } from '../../web/src/calendar/holidays';
import { apiRange, calendarPath, MAX_RANGE_DAYS } from '../../web/src/calendar/range';
import * as beranda from '../../web/src/locales/beranda';
import * as kalender from '../../web/src/locales/kalender';
import * as persetujuan from '../../web/src/locales/persetujuan';

/** The calendar's logic must not depend on the computer's zone: run it in New York's. */
let savedTz: string | undefined;
beforeEach(() => {
  savedTz = process.env.TZ;
  process.env.TZ = 'America/New_York';
});
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

describe('the visible range as the API query', () => {
  it('turns a WIB month grid into UTC instants, the exclusive end moved back one millisecond', () => {
    expect(apiRange('2026-06-01T00:00:00+07:00', '2026-07-06T00:00:00+07:00')).toEqual({
      from: '2026-05-31T17:00:00.000Z',
      to: '2026-07-05T16:59:59.999Z',
    });
  });

  it('encodes the query and never asks for more than 62 days', () => {
    expect(calendarPath('2026-06-01T00:00:00+07:00', '2026-06-08T00:00:00+07:00')).toBe(
      '/calendar?from=2026-05-31T17%3A00%3A00.000Z&to=2026-06-07T16%3A59%3A59.999Z',
    );
    const long = apiRange('2026-01-01T00:00:00+07:00', '2026-06-01T00:00:00+07:00');
    expect(Date.parse(long.to) - Date.parse(long.from)).toBe(MAX_RANGE_DAYS * 86_400_000);
  });

  it('refuses a range that ends before it starts', () => {
    expect(() => apiRange('2026-06-02T00:00:00+07:00', '2026-06-01T00:00:00+07:00')).toThrow(RangeError);
    expect(() => apiRange('nonsense', '2026-06-01T00:00:00+07:00')).toThrow(RangeError);
  });
});

describe('Indonesian public holidays in a range', () => {
  it('lists the days in [from, to) with their Indonesian names, in date order', () => {
    const august = holidaysBetween('2026-08-01', '2026-09-01');
    expect(august.map((h) => h.date)).toEqual(['2026-08-17', '2026-08-25']);
    expect(august[0]?.name).toBe('Hari Ulang Tahun Kemerdekaan Republik Indonesia');
    // The end is exclusive; the start is included.
    expect(holidaysBetween('2026-08-17', '2026-08-17')).toEqual([]);
    expect(holidaysBetween('2026-08-17', '2026-08-18').map((h) => h.date)).toEqual(['2026-08-17']);
  });

  it('names Isra Mikraj as such (the library calls 27 Rajab Maulid Nabi)', () => {
    const days = holidaysBetween('2026-01-01', '2026-02-01').map((h) => `${h.date} ${h.name}`);
    expect(days).toEqual(['2026-01-01 Hari tahun baru', '2026-01-16 Isra Mikraj Nabi Muhammad']);
  });

  it('crosses a year end and speaks English when asked', () => {
    const days = holidaysBetween('2026-12-20', '2027-01-05', 'en').map((h) => `${h.date} ${h.name}`);
    expect(days).toEqual(['2026-12-25 Christmas Day', "2027-01-01 New Year's Day"]);
  });

  it('marks a holiday as a background day, not an item', () => {
    const e = holidayEvent({ date: '2026-08-17', name: 'Hari Kemerdekaan' });
    expect(e).toMatchObject({ start: '2026-08-17', allDay: true, display: 'background' });
    expect(e.extendedProps.kind).toBe('holiday');
  });
});

describe('items on the calendar', () => {
  it('gives each status a colour family, and an unknown status a neutral one', () => {
    expect(familyOf('scheduled')).toBe('scheduled');
    expect(familyOf('published')).toBe('published');
    expect(familyOf('evaluated')).toBe('published');
    expect(familyOf('blocked')).toBe('problem');
    expect(familyOf('awaiting-approval')).toBe('waiting');
    expect(familyOf('cancelled')).toBe('cancelled');
    expect(familyOf('something-new')).toBe('progress');
  });

  it('places an item at its instant, with its family as a class', () => {
    const item = {
      id: 'c1',
      title: 'Imunisasi',
      status: 'scheduled',
      publishAt: '2026-06-01T17:30:00.000Z',
      platforms: ['x'],
      revision: 1,
    };
    expect(itemEvent(item)).toMatchObject({
      start: item.publishAt,
      classNames: ['family-scheduled'],
    });
    // 17:30 UTC on 1 June is 00:30 WIB on 2 June: the calendar shows it on the 2nd.
    expect(wibDay(item.publishAt)).toBe('2026-06-02');
  });
});

describe('the screens’ words', () => {
  const keys = (o: Record<string, unknown>, prefix = ''): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      typeof v === 'string' ? [`${prefix}${k}`] : keys(v as Record<string, unknown>, `${prefix}${k}.`),
    );
  it('have the same keys in Indonesian and English, none empty', () => {
    for (const m of [kalender, beranda, persetujuan]) {
      expect(keys(m.en).sort()).toEqual(keys(m.id).sort());
      for (const lang of [m.id, m.en]) {
        const flat = JSON.stringify(lang);
        expect(flat).not.toContain('""');
      }
    }
  });
});
