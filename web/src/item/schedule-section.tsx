import { language, useT } from '../i18n';
import { formatWib } from '../time';
import type { ItemView } from './item-model';
import { Section } from './section';

/**
 * The item's schedule. The reusable reschedule/cancel component (web/src/schedule/schedule-actions.tsx,
 * props `{item: {id, title, status, publishAt}, onChanged}`) is built on another branch; it goes where the
 * marker below is when the branches are merged, with `onChanged` reloading the page's data.
 */
export const ScheduleSection = ({
  item,
  onChanged: _onChanged,
}: {
  item: ItemView;
  onChanged: () => void;
}) => {
  const t = useT();
  return (
    <Section id="schedule" title={t('itemPage.schedule.title')}>
      <p>{t('itemPage.schedule.publishAt', { when: formatWib(item.publishAt, { locale: language() }) })}</p>
      {/* SCHEDULE-ACTIONS: <ScheduleActions item={item} onChanged={_onChanged} /> goes here at merge time. */}
    </Section>
  );
};
