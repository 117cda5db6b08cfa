import Holidays from 'date-holidays';

/**
 * Indonesian public holidays (date-holidays, country ID) as WIB calendar days. The days are read from the
 * library's `date` text (the holiday's own wall-clock day), never from a Date in the computer's zone. The
 * office's own leave days (cuti bersama) change yearly and are not in the library.
 */

export interface Holiday {
  /** `YYYY-MM-DD`. */
  readonly date: string;
  readonly name: string;
}

let calendars: Map<string, Holidays> | undefined;
const holidaysIn = (language: 'id' | 'en'): Holidays => {
  calendars ??= new Map();
  let hd = calendars.get(language);
  if (!hd) {
    hd = new Holidays('ID', { languages: [language], types: ['public'] });
    calendars.set(language, hd);
  }
  return hd;
};

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** date-holidays 3.37 names 27 Rajab (Isra Mikraj) as Maulid Nabi in Indonesian; the office's own words. */
const NAME_BY_RULE: Record<string, Record<'id' | 'en', string>> = {
  '27 Rajab': { id: 'Isra Mikraj Nabi Muhammad', en: "Isra and Mi'raj" },
};

/** Public holidays on days in [fromDay, toDay) (`YYYY-MM-DD`, end exclusive), in date order, one per day and name. */
export const holidaysBetween = (fromDay: string, toDay: string, language: 'id' | 'en' = 'id'): Holiday[] => {
  if (!DAY_TEXT.test(fromDay) || !DAY_TEXT.test(toDay))
    throw new RangeError(`Not days: ${fromDay}, ${toDay}`);
  const hd = holidaysIn(language);
  const seen = new Set<string>();
  const out: Holiday[] = [];
  for (let year = Number(fromDay.slice(0, 4)); year <= Number(toDay.slice(0, 4)); year++) {
    for (const h of hd.getHolidays(year, language)) {
      if (h.type !== 'public') continue;
      const date = h.date.slice(0, 10);
      const name = NAME_BY_RULE[h.rule]?.[language] ?? h.name;
      const key = `${date}|${name}`;
      if (date < fromDay || date >= toDay || seen.has(key)) continue;
      seen.add(key);
      out.push({ date, name });
    }
  }
  return out.sort((a, b) => a.date.localeCompare(b.date) || a.name.localeCompare(b.name));
};
