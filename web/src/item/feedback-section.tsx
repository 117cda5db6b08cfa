import { language, useT } from '../i18n';
import { formatWib } from '../time';
import { Empty, Loading } from '../ui/states';
import { type Feedback, platformName } from './item-model';
import { Section } from './section';

const LABELS = ['complaint', 'question', 'appreciation', 'other'];
const STATES = ['open', 'answered', 'closed'];

/** What citizens said about this item: who, when (WIB), the label in words, and their text. */
export const FeedbackSection = ({ feedback }: { feedback: readonly Feedback[] | undefined }) => {
  const t = useT();
  const locale = language();
  return (
    <Section id="feedback" title={t('itemPage.feedback.title')}>
      {feedback === undefined ? (
        <Loading label={t('itemPage.feedback.loading')} />
      ) : feedback.length === 0 ? (
        <Empty>{t('itemPage.feedback.empty')}</Empty>
      ) : (
        <ul class="feedback-list">
          {feedback.map((f) => (
            <li key={f.id} class="feedback">
              <p class="feedback-meta">
                <strong>{f.authorHandle}</strong>{' '}
                {t('itemPage.feedback.on', { platform: platformName(f.platform) })}
                {' · '}
                <time dateTime={f.receivedAt}>{formatWib(f.receivedAt, { locale })}</time>
              </p>
              <p class="feedback-tags">
                <span class="tag">
                  {f.label && LABELS.includes(f.label)
                    ? t(`itemPage.feedback.label.${f.label}`)
                    : t('itemPage.feedback.label.none')}
                </span>
                {STATES.includes(f.status) ? (
                  <span class="tag">{t(`itemPage.feedback.state.${f.status}`)}</span>
                ) : null}
                {f.urgent ? <span class="tag tag-urgent">{t('itemPage.feedback.urgent')}</span> : null}
              </p>
              <blockquote class="quote">{f.text}</blockquote>
            </li>
          ))}
        </ul>
      )}
    </Section>
  );
};
