import type { Plugin } from 'vite';

/**
 * date-holidays bundles every country's rules (over 1 MB). Its README's answer is a custom build with only
 * the countries needed: this plugin hands its `Holidays` class the Indonesian rules (and the shared holiday
 * names) instead of the whole world, so the calendar's chunk stays small. The rules are the library's own.
 */
const VIRTUAL = '\0sebar-holidays-id';
const NO_MOMENT = '\0sebar-moment-timezone-id';
/** The library's data module (untyped, so named through a constant). */
const HOLIDAY_DATA: string = 'date-holidays/data';
/** Indonesia's zones, as the holiday rules name them. */
const ZONES = ['Asia/Jakarta', 'Asia/Pontianak', 'Asia/Makassar', 'Asia/Jayapura'];

export const indonesianHolidaysOnly = (): Plugin => ({
  name: 'sebar-holidays-id',
  enforce: 'pre',
  resolveId(source, importer) {
    const from = importer?.replaceAll('\\', '/') ?? '';
    if (source === './data.js' && from.includes('/date-holidays/src/')) return VIRTUAL;
    // moment-timezone comes with every zone's history (700 KB): load only Indonesia's four zones.
    if (
      source === 'moment-timezone' &&
      !from.startsWith(NO_MOMENT) &&
      /\/(caldate|date-holidays-parser)\//.test(from)
    )
      return NO_MOMENT;
    return null;
  },
  async load(id) {
    if (id === NO_MOMENT) {
      const packed = (await import('moment-timezone/data/packed/latest.json', { with: { type: 'json' } }))
        .default as { version: string; zones: string[]; links: string[] };
      const zones = packed.zones.filter((z) => ZONES.includes(z.split('|')[0] ?? ''));
      return [
        "import moment from 'moment-timezone/moment-timezone.js';",
        `moment.tz.load(${JSON.stringify({ version: packed.version, zones, links: [] })});`,
        'export default moment;',
      ].join('\n');
    }
    if (id !== VIRTUAL) return null;
    const { data } = (await import(HOLIDAY_DATA)) as {
      data: { holidays: Record<string, unknown> } & Record<string, unknown>;
    };
    return `export const data = ${JSON.stringify({ ...data, holidays: { ID: data.holidays.ID } })};`;
  },
});
