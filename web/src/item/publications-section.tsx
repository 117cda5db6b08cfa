import { language, useT } from '../i18n';
import { formatWib } from '../time';
import { Empty } from '../ui/states';
import { type ItemView, latestMetrics, type Publication, platformName } from './item-model';
import { Section } from './section';

const STATES = ['pending', 'published', 'failed'];

const PublicationCard = ({ p }: { p: Publication }) => {
  const t = useT();
  const locale = language();
  const name = platformName(p.platform);
  const metrics = latestMetrics(p);
  const number = (n: number) => n.toLocaleString(locale === 'en' ? 'en-GB' : 'id-ID');
  return (
    <li class={`publication publication-${p.state}`}>
      <h3>{name}</h3>
      <p>
        <strong>
          {STATES.includes(p.state)
            ? t(`itemPage.publications.${p.state}`)
            : t('itemPage.publications.unknownState')}
        </strong>
        {p.publishedAt
          ? ` · ${t('itemPage.publications.at', { when: formatWib(p.publishedAt, { locale }) })}`
          : ''}
      </p>
      {p.state === 'failed' ? (
        <p class="notice notice-error">
          {locale === 'id' && p.errorWords
            ? p.errorWords
            : t('itemPage.publications.failedWhy', { platform: name })}
        </p>
      ) : null}
      {p.warning ? <p class="notice">{t('itemPage.publications.warning', { platform: name })}</p> : null}
      {(p.attempts ?? 1) > 1 ? (
        <p class="hint">{t('itemPage.publications.attempts', { count: p.attempts })}</p>
      ) : null}
      {p.url ? (
        <p>
          <a href={p.url} target="_blank" rel="noopener noreferrer">
            {t('itemPage.publications.view', { platform: name })}
          </a>
        </p>
      ) : null}
      {p.state === 'published' ? (
        metrics?.rows.length ? (
          <div>
            <h4>{t('itemPage.publications.metrics', { when: formatWib(metrics.at, { locale }) })}</h4>
            <dl class="metrics">
              {metrics.rows.map((r) => (
                <div key={r.key}>
                  <dt>{t(`itemPage.publications.metric.${r.key}`)}</dt>
                  <dd>{number(r.value)}</dd>
                </div>
              ))}
            </dl>
          </div>
        ) : (
          <p class="hint">{t('itemPage.publications.noMetrics')}</p>
        )
      ) : null}
    </li>
  );
};

/** Where the current revision went out: state, link, time, the failure in words, the latest figures. */
export const PublicationsSection = ({ item }: { item: ItemView }) => {
  const t = useT();
  const current = item.publications.filter((p) => p.revision === undefined || p.revision === item.revision);
  return (
    <Section id="publications" title={t('itemPage.publications.title')}>
      {current.length === 0 ? (
        <Empty>{t('itemPage.publications.empty')}</Empty>
      ) : (
        <ul class="publication-list">
          {current.map((p) => (
            <PublicationCard key={p.platform} p={p} />
          ))}
        </ul>
      )}
    </Section>
  );
};
