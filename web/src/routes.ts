/**
 * Hash routes (`#/tulis`, `#/item/<id>`): the static host serves one index.html for every screen, a
 * reload keeps the screen, and nothing secret ever goes in the hash.
 */

export const screenNames = [
  'beranda',
  'kalender',
  'tulis',
  'persetujuan',
  'item',
  'kotak-masuk',
  'tindak-lanjut',
  'laporan',
] as const;
export type ScreenName = (typeof screenNames)[number];

export interface Route {
  readonly screen: ScreenName | 'not-found';
  /** The id after the screen (`#/item/<id>`, `#/tulis/<draftId>`), when there is one. */
  readonly param?: string;
  /** Grows with every navigation; an address replaced in place (`replaceRoute`) keeps it. */
  readonly visit?: number;
}

const ID = /^[A-Za-z0-9_-]{1,100}$/;
/** Screens that take an id: `#/item/<id>`, `#/tulis/<draftId>`, `#/kotak-masuk/<feedbackId>`. */
const SCREENS_WITH_ID: readonly ScreenName[] = ['item', 'tulis', 'kotak-masuk'];

export const parseHash = (hash: string): Route => {
  const path = hash.replace(/^#\/?/, '');
  if (path === '') return { screen: 'beranda' };
  const [first = '', second, ...rest] = path.split('/');
  if (rest.length || !(screenNames as readonly string[]).includes(first)) return { screen: 'not-found' };
  const screen = first as ScreenName;
  if (second === undefined || second === '') return screen === 'item' ? { screen: 'not-found' } : { screen };
  if (!SCREENS_WITH_ID.includes(screen) || !ID.test(second)) return { screen: 'not-found' };
  return { screen, param: second };
};

export const href = (screen: ScreenName, param?: string): string =>
  `#/${screen}${param ? `/${encodeURIComponent(param)}` : ''}`;
