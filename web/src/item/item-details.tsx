import { useT } from '../i18n';
import { Empty } from '../ui/states';
import type { ItemView } from './item-model';
import { Section } from './section';

/** Links to the evaluation page and its data, once the item was evaluated. */
export const EvaluationSection = ({ item }: { item: ItemView }) => {
  const t = useT();
  if (!item.evaluation) return null;
  return (
    <Section id="evaluation" title={t('itemPage.evaluation.title')}>
      <ul class="link-list">
        <li>
          <a href={item.evaluation.html} target="_blank" rel="noopener noreferrer">
            {t('itemPage.evaluation.open')}
          </a>
        </li>
        <li>
          <a href={item.evaluation.json} target="_blank" rel="noopener noreferrer">
            {t('itemPage.evaluation.data')}
          </a>
        </li>
      </ul>
      <p class="hint">{t('itemPage.evaluation.linkHint')}</p>
    </Section>
  );
};

/** The sources the item rests on. */
export const SourcesSection = ({ item }: { item: ItemView }) => {
  const t = useT();
  return (
    <Section id="sources" title={t('itemPage.sources.title')}>
      {item.sources.length === 0 ? (
        <Empty>{t('itemPage.sources.empty')}</Empty>
      ) : (
        <ul class="link-list">
          {item.sources.map((s) => (
            <li key={s.url}>
              <a href={s.url} target="_blank" rel="noopener noreferrer">
                {s.title}
              </a>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
};

/** The item's images as their alt text (what a screen reader user of the post will hear). */
export const MediaSection = ({ item }: { item: ItemView }) => {
  const t = useT();
  if (item.media.length === 0) return null;
  return (
    <Section id="media" title={t('itemPage.media.title')}>
      <dl class="media-list">
        {item.media.map((m, i) => (
          <div key={m.key}>
            <dt>{t('itemPage.media.alt', { n: i + 1 })}</dt>
            <dd>
              {m.altText || t('itemPage.media.noAlt')}
              {m.platforms?.length === 1 ? (
                <span class="media-platform">
                  {' '}
                  ({t('itemPage.media.only', { platform: m.platforms[0] === 'x' ? 'X' : 'Instagram' })})
                </span>
              ) : null}
            </dd>
          </div>
        ))}
      </dl>
    </Section>
  );
};
