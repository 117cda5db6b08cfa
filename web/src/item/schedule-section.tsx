import { language, useT } from '../i18n';
import { ScheduleActions } from '../schedule/schedule-actions';
import { formatWib } from '../time';
import type { ItemView } from './item-model';
import { Section } from './section';

/** The item's schedule, and the reschedule/cancel form the calendar's panel uses too. */
export const ScheduleSection = ({ item, onChanged }: { item: ItemView; onChanged: () => void }) => {
  const t = useT();
  return (
    <Section id="schedule" title={t('itemPage.schedule.title')}>
      <p>{t('itemPage.schedule.publishAt', { when: formatWib(item.publishAt, { locale: language() }) })}</p>
      <ScheduleActions item={item} onChanged={onChanged} />
    </Section>
  );
};
