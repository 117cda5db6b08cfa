import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { CalendarView } from '../calendar/calendar-view';
import { EventDialog } from '../calendar/event-dialog';
import type { CalendarItem } from '../calendar/events';
import { Legend } from '../calendar/legend';
import { useT } from '../i18n';

/** Kalender: what publishes when (WIB), by month, week or list, with holidays; an event opens its panel. */
export default function Kalender() {
  const t = useT();
  const { api } = useApp();
  const [open, setOpen] = useState<CalendarItem>();
  const [reload, setReload] = useState(0);
  const opener = useRef<HTMLElement>(undefined);

  useEffect(() => {
    document.title = `${t('screens.kalender.title')} · ${t('app.name')}`;
  }, [t]);

  const changed = () => {
    setReload((n) => n + 1);
    if (!open) return;
    // The panel shows the item as it is now (its new time, or cancelled).
    api
      .get<CalendarItem>(`/content/${encodeURIComponent(open.id)}`)
      .then((fresh) => setOpen((cur) => (cur && cur.id === fresh.id ? { ...cur, ...pick(fresh) } : cur)))
      .catch(() => undefined);
  };

  return (
    <section class="screen screen-wide" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('screens.kalender.title')}</h1>
      <p class="lead">{t('calendar.intro')}</p>
      <CalendarView
        reload={reload}
        onOpen={(item, from) => {
          opener.current = from;
          setOpen(item);
        }}
      />
      <Legend />
      {open ? (
        <EventDialog
          item={open}
          onChanged={changed}
          onClose={() => {
            setOpen(undefined);
            const from = opener.current;
            // The calendar may have re-rendered the event; fall back to the main area.
            if (from?.isConnected) from.focus();
            else document.getElementById('main')?.focus();
          }}
        />
      ) : null}
    </section>
  );
}

const pick = (i: CalendarItem): Pick<CalendarItem, 'status' | 'publishAt' | 'title'> => ({
  status: i.status,
  publishAt: i.publishAt,
  title: i.title,
});
