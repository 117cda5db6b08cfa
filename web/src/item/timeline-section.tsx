import { language, useT } from '../i18n';
import { formatWib } from '../time';
import { Empty } from '../ui/states';
import { type ItemView, timelineEntries } from './item-model';
import { Section } from './section';

/** What happened to the item, oldest first, in sentences; what people typed is quoted as they wrote it. */
export const TimelineSection = ({ item }: { item: ItemView }) => {
  const t = useT();
  const locale = language();
  const entries = timelineEntries(item, locale);
  return (
    <Section id="timeline" title={t('itemPage.timeline.title')}>
      {entries.length === 0 ? (
        <Empty>{t('itemPage.timeline.empty')}</Empty>
      ) : (
        <ol class="timeline">
          {entries.map((e, i) => (
            <li key={`${e.at}-${i}`}>
              <p class="timeline-when">
                <time dateTime={e.at}>{formatWib(e.at, { locale })}</time>
              </p>
              <p class="timeline-text">{e.text}</p>
              {e.quote ? (
                <blockquote class="quote">
                  <p>
                    <span class="visually-hidden">{t('itemPage.timeline.quoteLabel')}: </span>“{e.quote}”
                  </p>
                </blockquote>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
};
