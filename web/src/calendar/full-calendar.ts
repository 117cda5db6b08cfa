import 'fullcalendar/skeleton.css';
import 'fullcalendar/themes/classic/theme.css';
import 'fullcalendar/themes/classic/palette.css';
import './calendar.css';
import { Calendar, type CalendarOptions, type EventApi } from 'fullcalendar';
import dayGridPlugin from 'fullcalendar/daygrid';
import listPlugin from 'fullcalendar/list';
import enGbLocale from 'fullcalendar/locales/en-gb';
import idLocale from 'fullcalendar/locales/id';
import classicTheme from 'fullcalendar/themes/classic';
import timeGridPlugin from 'fullcalendar/timegrid';
import { OFFICE_ZONE } from '../time';
import { type CalendarItem, familyOf, type HolidayEventInput, type ItemEventInput } from './events';

/**
 * FullCalendar 7 (its own chunk, loaded with the Kalender screen): month, week and list views in WIB
 * (time zone Asia/Jakarta, so no day shifts in a browser set elsewhere), weeks from Monday, our words.
 */

export type CalendarView = 'dayGridMonth' | 'timeGridWeek' | 'listMonth';

export interface CalendarWords {
  readonly locale: 'id' | 'en';
  readonly month: string;
  readonly week: string;
  readonly list: string;
  readonly today: string;
  readonly prev: string;
  readonly next: string;
  readonly prevHint: (unit: string) => string;
  readonly nextHint: (unit: string) => string;
  readonly todayHint: (unit: string) => string;
  readonly viewHint: (view: string) => string;
  readonly more: (n: number) => string;
  readonly moreHint: (n: number) => string;
  readonly noEvents: string;
  /** The accessible name of a day's list of items. */
  readonly events: string;
  readonly holiday: (name: string) => string;
  /** The event's visible text and its accessible name: title, status word, WIB time. */
  readonly eventText: (item: CalendarItem) => { time: string; status: string; label: string };
}

export interface MountOptions {
  readonly initialView: CalendarView;
  readonly words: CalendarWords;
  /** Items and holidays for a visible [start, end) given as ISO text in WIB. */
  readonly load: (startStr: string, endStr: string) => Promise<(ItemEventInput | HolidayEventInput)[]>;
  readonly onLoadError: (error: unknown) => void;
  readonly onOpen: (item: CalendarItem, from: HTMLElement) => void;
}

const itemOf = (event: EventApi): CalendarItem | undefined =>
  event.extendedProps.kind === 'item' ? (event.extendedProps.item as CalendarItem) : undefined;

const span = (cls: string, text: string): HTMLSpanElement => {
  const el = document.createElement('span');
  el.className = cls;
  el.textContent = text;
  return el;
};

export const mountCalendar = (el: HTMLElement, o: MountOptions): Calendar => {
  const w = o.words;
  const options: CalendarOptions = {
    plugins: [dayGridPlugin, timeGridPlugin, listPlugin, classicTheme],
    timeZone: OFFICE_ZONE,
    locale: w.locale === 'id' ? idLocale : enGbLocale,
    firstDay: 1,
    initialView: o.initialView,
    // An item is a moment (its publish time), drawn with FullCalendar's default hour. That hour must not
    // carry an item published after 23.00 WIB into the next day too: the month and list views showed it
    // on both days. Items never end later than an hour after they start, so this keeps them on their day.
    nextDayThreshold: '01:00:00',
    height: 'auto',
    headingLevel: 2,
    headerToolbar: { start: 'prev,next today', center: 'title', end: 'dayGridMonth,timeGridWeek,listMonth' },
    buttons: {
      prev: { text: w.prev, hint: (_t, unit) => w.prevHint(unit) },
      next: { text: w.next, hint: (_t, unit) => w.nextHint(unit) },
      today: { text: w.today, hint: (_t, unit) => w.todayHint(unit) },
      dayGridMonth: { text: w.month },
      timeGridWeek: { text: w.week },
      listMonth: { text: w.list },
    },
    viewHint: (text) => w.viewHint(text),
    monthText: w.month,
    weekTextLong: w.week,
    listText: w.list,
    // Every event stays in its day (none behind a "+n more" link), so each is reached by Tab.
    dayMaxEvents: false,
    // Days of the next or previous month are dimmed by the theme below 4.5:1; ours keep their contrast.
    dayCellClass: (info) => (info.isOther ? 'sebar-other-day' : undefined),
    dayCellTopClass: 'sebar-day-top',
    moreLinkText: (n) => w.more(n),
    moreLinkHint: (n) => w.moreHint(n),
    noEventsText: w.noEvents,
    eventsHint: w.events,
    eventTimeFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    slotHeaderFormat: { hour: '2-digit', minute: '2-digit', hour12: false },
    scrollTime: '07:00:00',
    nowIndicator: true,
    events: (info, success, failure) => {
      o.load(info.startStr, info.endStr).then(
        (events) => success(events as never),
        (error: unknown) => {
          o.onLoadError(error);
          failure(error instanceof Error ? error : new Error(String(error)));
        },
      );
    },
    // Each item is a real button inside FullCalendar's own list and grid roles (so those keep the children
    // they require): Tab reaches it, Enter and Space press it, and its name carries the status in words.
    eventInteractive: false,
    eventClass: (arg) => {
      const item = itemOf(arg.event);
      return item ? `sebar-event family-${familyOf(item.status)}` : 'sebar-holiday';
    },
    backgroundEventColor: '#fde8ef',
    backgroundEventClass: 'sebar-holiday-bg',
    eventContent: (arg) => {
      const item = itemOf(arg.event);
      if (!item) {
        return {
          domNodes: [span('sebar-holiday-name', w.holiday(String(arg.event.extendedProps.name ?? '')))],
        };
      }
      const text = w.eventText(item);
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sebar-event-text';
      button.setAttribute('aria-label', text.label);
      button.append(span('sebar-event-time', text.time), span('sebar-event-title', item.title));
      button.append(span('sebar-event-status', text.status));
      return { domNodes: [button] };
    },
    eventClick: (arg) => {
      const item = itemOf(arg.event);
      if (!item) return;
      arg.jsEvent.preventDefault();
      o.onOpen(item, arg.el);
    },
  };
  const calendar = new Calendar(el, options);
  calendar.render();
  return calendar;
};
