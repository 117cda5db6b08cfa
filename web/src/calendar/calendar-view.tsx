import type { Calendar } from 'fullcalendar';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { statusLabel } from '../status';
import { formatWib, OFFICE_ZONE, ZONE_LABEL } from '../time';
import { describeError } from '../ui/errors';
import { ErrorState, Loading } from '../ui/states';
import { type CalendarItem, holidayEvent, itemEvent } from './events';
import type { CalendarWords, CalendarView as ViewName } from './full-calendar';
import { holidaysBetween } from './holidays';
import { calendarPath } from './range';

const PHONE = '(max-width: 600px)';

const timeOf = (iso: string, locale: 'id' | 'en') =>
  `${new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: OFFICE_ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso))} ${ZONE_LABEL}`;

/**
 * Mounts FullCalendar (loaded on first use) and feeds it the visible range: items from `GET /calendar`
 * and the Indonesian public holidays. Re-mounted when the language changes; `reload` changes refetch.
 */
export const CalendarView = ({
  reload,
  onOpen,
}: {
  reload: number;
  onOpen: (item: CalendarItem, from: HTMLElement) => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const host = useRef<HTMLDivElement>(null);
  const calendar = useRef<Calendar>(undefined);
  const openRef = useRef(onOpen);
  openRef.current = onOpen;
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');
  const [loadError, setLoadError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const lng = language();

  useEffect(() => {
    let live = true;
    setState('loading');
    import('./full-calendar')
      .then(({ mountCalendar }) => {
        if (!live || !host.current) return;
        const words: CalendarWords = {
          locale: lng,
          month: t('calendar.month'),
          week: t('calendar.week'),
          list: t('calendar.list'),
          today: t('calendar.today'),
          prev: t('calendar.prev'),
          next: t('calendar.next'),
          prevHint: (unit) => t('calendar.prevHint', { unit }),
          nextHint: (unit) => t('calendar.nextHint', { unit }),
          todayHint: (unit) => t('calendar.todayHint', { unit }),
          viewHint: (view) => t('calendar.viewHint', { view }),
          more: (count) => t('calendar.more', { count }),
          moreHint: (count) => t('calendar.moreHint', { count }),
          noEvents: t('calendar.noEvents'),
          events: t('calendar.events'),
          holiday: (name) => t('calendar.holiday', { name }),
          eventText: (item) => ({
            time: timeOf(item.publishAt, lng),
            status: statusLabel(item.status),
            label: t('calendar.eventLabel', {
              title: item.title,
              status: statusLabel(item.status),
              when: formatWib(item.publishAt, { locale: lng }),
            }),
          }),
        };
        calendar.current = mountCalendar(host.current, {
          initialView: window.matchMedia(PHONE).matches ? 'listMonth' : 'dayGridMonth',
          words,
          load: async (startStr, endStr) => {
            const { items } = await api.get<{ items: CalendarItem[] }>(calendarPath(startStr, endStr));
            if (live) setLoadError(undefined);
            return [
              ...items.map(itemEvent),
              ...holidaysBetween(startStr.slice(0, 10), endStr.slice(0, 10), lng).map(holidayEvent),
            ];
          },
          onLoadError: (error) => {
            if (live) setLoadError(describeError(error));
          },
          onOpen: (item, from) => openRef.current(item, from),
        });
        setState('ready');
      })
      .catch(() => {
        if (live) setState('failed');
      });
    return () => {
      live = false;
      calendar.current?.destroy();
      calendar.current = undefined;
    };
  }, [api, lng, attempt]);

  useEffect(() => {
    if (reload > 0) calendar.current?.refetchEvents();
  }, [reload]);

  return (
    <div>
      {state === 'loading' ? <Loading label={t('calendar.loading')} /> : null}
      {state === 'failed' ? (
        <ErrorState message={t('errors.screenLoad')} onRetry={() => setAttempt((n) => n + 1)} />
      ) : null}
      {loadError ? (
        <ErrorState
          message={t('calendar.loadFailed', { reason: loadError })}
          onRetry={() => calendar.current?.refetchEvents()}
        />
      ) : null}
      <div ref={host} class="sebar-calendar" />
    </div>
  );
};
