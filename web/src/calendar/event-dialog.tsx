import { useEffect, useRef } from 'preact/hooks';
import { language, useT } from '../i18n';
import { href } from '../router';
import { ScheduleActions } from '../schedule/schedule-actions';
import { statusLabel } from '../status';
import { formatWib } from '../time';
import type { CalendarItem } from './events';

const PLATFORM_NAMES: Record<string, string> = { instagram: 'Instagram', x: 'X' };

/**
 * The panel an event opens: a modal dialog (focus moves in, Escape closes, focus returns to the event)
 * with the item's facts, a link to its page, and the reschedule and cancel actions its status allows.
 */
export const EventDialog = ({
  item,
  onClose,
  onChanged,
}: {
  item: CalendarItem;
  onClose: () => void;
  onChanged: () => void;
}) => {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
  }, []);
  const lng = language();
  return (
    <dialog ref={dialog} class="event-dialog" aria-labelledby="event-dialog-title" onClose={onClose}>
      <div class="dialog-head">
        <h2 id="event-dialog-title">{item.title}</h2>
        <button
          type="button"
          class="button button-secondary button-quiet"
          onClick={() => dialog.current?.close()}
        >
          {t('calendar.close')}
        </button>
      </div>
      <dl class="facts">
        <div>
          <dt>{t('calendar.status')}</dt>
          <dd>
            <span class={`status status-${item.status}`}>{statusLabel(item.status)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('calendar.publishAt')}</dt>
          <dd>{formatWib(item.publishAt, { locale: lng })}</dd>
        </div>
        <div>
          <dt>{t('calendar.platforms')}</dt>
          <dd>{item.platforms.map((p) => PLATFORM_NAMES[p] ?? p).join(', ')}</dd>
        </div>
      </dl>
      <p>
        <a
          class="button button-secondary"
          href={href('item', item.id)}
          onClick={() => dialog.current?.close()}
        >
          {t('calendar.openItem')}
        </a>
      </p>
      {/* Keyed by the item only, as on the item page: after a reschedule the form keeps its "saved" message,
          and after a cancel its "Item dibatalkan." stays when the refreshed item comes back cancelled
          (a key with the status re-created the form then, and the confirmation vanished). */}
      <ScheduleActions key={item.id} item={item} onChanged={onChanged} />
    </dialog>
  );
};
