import type { Holiday } from './holidays';

/**
 * Calendar entries as the calendar shows them: a colour family per status (with the status word always in
 * the text and the accessible name, so colour is never the only cue), and holidays as background days.
 */

export interface CalendarItem {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly publishAt: string;
  readonly platforms: readonly string[];
  readonly revision: number;
}

export const FAMILIES = ['progress', 'waiting', 'scheduled', 'published', 'problem', 'cancelled'] as const;
export type Family = (typeof FAMILIES)[number];

const FAMILY_OF: Record<string, Family> = {
  submitted: 'progress',
  'fact-checked': 'progress',
  'awaiting-approval': 'waiting',
  'changes-requested': 'waiting',
  scheduled: 'scheduled',
  published: 'published',
  evaluated: 'published',
  blocked: 'problem',
  failed: 'problem',
  rejected: 'problem',
  expired: 'problem',
  'evaluation-failed': 'problem',
  cancelled: 'cancelled',
};

export const familyOf = (status: string): Family => FAMILY_OF[status] ?? 'progress';

export interface ItemEventInput {
  readonly id: string;
  readonly title: string;
  readonly start: string;
  readonly allDay: false;
  readonly classNames: string[];
  readonly extendedProps: { readonly kind: 'item'; readonly item: CalendarItem };
}

export interface HolidayEventInput {
  readonly id: string;
  readonly title: string;
  readonly start: string;
  readonly allDay: true;
  readonly display: 'background';
  readonly classNames: string[];
  readonly extendedProps: { readonly kind: 'holiday'; readonly name: string };
}

export const itemEvent = (item: CalendarItem): ItemEventInput => ({
  id: item.id,
  title: item.title,
  start: item.publishAt,
  allDay: false,
  classNames: [`family-${familyOf(item.status)}`],
  extendedProps: { kind: 'item', item },
});

export const holidayEvent = (h: Holiday): HolidayEventInput => ({
  id: `holiday-${h.date}-${h.name}`,
  title: h.name,
  start: h.date,
  allDay: true,
  display: 'background',
  classNames: ['sebar-holiday'],
  extendedProps: { kind: 'holiday', name: h.name },
});

/** The WIB calendar day (`YYYY-MM-DD`) of an ISO instant with any offset. */
export const wibDay = (iso: string | Date): string =>
  new Date(new Date(iso).getTime() + 7 * 3_600_000).toISOString().slice(0, 10);
