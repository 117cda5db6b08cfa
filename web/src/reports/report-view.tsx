import { CATEGORY_NAMES, LABEL_NAMES } from '../../../functions/domain/support/display-names';
import { language, useT } from '../i18n';
import { href } from '../router';
import { formatWib } from '../time';
import { BarChart, PLATFORM_SERIES } from './bar-chart';
import { type ItemEvaluationRow, itemEvaluations, type StoredReport, weekRows } from './model';
import { monthName } from './months';

const LABELS = ['complaint', 'question', 'appreciation', 'other', 'unclassified'] as const;
const PLATFORM: Record<string, string> = { instagram: 'Instagram', x: 'X' };

const useFormat = () => {
  const lng = language();
  const locale = lng === 'en' ? 'en-GB' : 'id-ID';
  const number = (n: number, digits = 0) =>
    new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  const percent = (share: number | null | undefined) =>
    share === null || share === undefined
      ? '–'
      : `${new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share * 100)}%`;
  return { lng, number, percent };
};

/** The report's figures in the page: summary, charts with their tables, corrections, and the month's items. */
export const ReportView = ({ stored }: { stored: StoredReport }) => {
  const t = useT();
  const { lng, number } = useFormat();
  const r = stored.report;
  const p = r.publishing;
  const category = (c: string) => CATEGORY_NAMES[c] ?? c;
  const label = (l: string) =>
    (LABELS as readonly string[]).includes(l) ? t(`reports.labels.${l}`) : (LABEL_NAMES[l] ?? l);
  const median = r.responseTimes.medianMinutes;
  const medianText =
    median === null
      ? t('reports.none')
      : median >= 60
        ? t('reports.hours', { value: number(median / 60, 1) })
        : t('reports.minutes', { value: number(median, 0) });

  const cards: [string, string][] = [
    [number(p.itemsPublished), t('reports.cards.itemsPublished')],
    [number(p.postsByPlatform.instagram), t('reports.cards.postsInstagram')],
    [number(p.postsByPlatform.x), t('reports.cards.postsX')],
    [number(p.totals.instagram.reachOrImpressions), t('reports.cards.reachInstagram')],
    [number(p.totals.x.reachOrImpressions), t('reports.cards.impressionsX')],
    [number(r.feedback.total), t('reports.cards.feedback')],
    [number(r.feedback.byLabel.complaint ?? 0), t('reports.cards.complaints')],
    [number(r.feedback.urgent), t('reports.cards.urgent')],
    [medianText, t('reports.cards.medianResponse')],
    [number(r.followUps.overdueAtNow), t('reports.cards.overdue')],
  ];

  const previousName = monthName(r.complaintTrend.previousMonth, lng);
  const currentName = monthName(r.month, lng);
  const dayFormat = new Intl.DateTimeFormat(lng === 'en' ? 'en-GB' : 'id-ID', {
    timeZone: 'UTC',
    day: 'numeric',
    month: 'short',
  });
  // A week as its Monday and Sunday ("26 Okt – 1 Nov"); the dates are calendar dates, so read in UTC.
  const weekName = (monday: string) => {
    const start = Date.parse(`${monday}T12:00:00Z`);
    return `${dayFormat.format(start)} – ${dayFormat.format(start + 6 * 86_400_000)}`;
  };

  return (
    <>
      <section class="report-part" aria-labelledby="report-summary">
        <h2 id="report-summary">{t('reports.summary')}</h2>
        <ul class="cards">
          {cards.map(([value, what]) => (
            <li class="card" key={what}>
              <b>{value}</b>
              <span>{what}</span>
            </li>
          ))}
        </ul>
      </section>

      <div class="report-charts">
        <BarChart
          id="chart-weeks"
          title={t('reports.charts.weeks')}
          rows={weekRows(r.weeks, weekName)}
          series={PLATFORM_SERIES({ instagram: 'Instagram', x: 'X' })}
          labelColumn={t('reports.charts.weekColumn')}
          format={(n) => number(n)}
          empty={t('reports.charts.noData')}
        />
        <BarChart
          id="chart-labels"
          title={t('reports.charts.labels')}
          rows={LABELS.map((l) => ({
            label: label(l),
            values: [{ series: 'count', value: r.feedback.byLabel[l] ?? 0 }],
          }))}
          series={[{ key: 'count', name: t('reports.charts.count'), colour: '#0b5f55' }]}
          labelColumn={t('reports.charts.labelColumn')}
          format={(n) => number(n)}
          empty={t('reports.charts.noData')}
        />
        <BarChart
          id="chart-trend"
          title={t('reports.charts.trend', { previous: previousName, current: currentName })}
          rows={r.complaintTrend.rows.map((row) => ({
            label: category(row.category),
            values: [
              { series: 'previous', value: row.previousMonth },
              { series: 'current', value: row.thisMonth },
            ],
          }))}
          series={[
            { key: 'previous', name: previousName, colour: '#6b7785' },
            { key: 'current', name: currentName, colour: '#0b5f55' },
          ]}
          labelColumn={t('reports.charts.categoryColumn')}
          format={(n) => number(n)}
          empty={t('reports.charts.noData')}
        />
      </div>

      <Corrections stored={stored} label={label} category={category} />
      <Evaluations rows={itemEvaluations(p.posts)} />
    </>
  );
};

const Corrections = ({
  stored,
  label,
  category,
}: {
  stored: StoredReport;
  label: (l: string) => string;
  category: (c: string) => string;
}) => {
  const t = useT();
  const { number, percent } = useFormat();
  const c = stored.report.labelCorrections;
  const side = (s: { label: string; category: string | null }) =>
    s.category ? `${label(s.label)} (${category(s.category)})` : label(s.label);
  return (
    <section class="panel report-part" aria-labelledby="report-corrections">
      <h2 id="report-corrections">{t('reports.corrections.title')}</h2>
      {!c ? (
        <p class="state state-empty">{t('reports.corrections.notRecorded')}</p>
      ) : (
        <dl class="facts">
          <div>
            <dt>{t('reports.corrections.count')}</dt>
            <dd>{number(c.corrections)}</dd>
          </div>
          <div>
            <dt>{t('reports.corrections.share')}</dt>
            <dd>
              {t('reports.corrections.shareValue', {
                corrected: number(c.messagesCorrected),
                total: number(c.messages),
                percent: percent(c.shareCorrected),
              })}
            </dd>
          </div>
          <div>
            <dt>{t('reports.corrections.common')}</dt>
            <dd>
              {c.mostCommon
                ? t('reports.corrections.commonValue', {
                    from: side(c.mostCommon.from),
                    to: side(c.mostCommon.to),
                    count: number(c.mostCommon.count),
                  })
                : t('reports.corrections.none')}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
};

const Evaluations = ({ rows }: { rows: readonly ItemEvaluationRow[] }) => {
  const t = useT();
  const { lng, number, percent } = useFormat();
  return (
    <section class="panel report-part" aria-labelledby="report-evaluations">
      <h2 id="report-evaluations">{t('reports.evaluations.title')}</h2>
      <p class="hint">{t('reports.evaluations.intro')}</p>
      {rows.length === 0 ? (
        <p class="state state-empty">{t('reports.evaluations.empty')}</p>
      ) : (
        <ul class="entries">
          {rows.map((row) => (
            <li key={row.itemId}>
              <a class="entry-title" href={href('item', row.itemId)}>
                {row.title}
              </a>
              <p class="entry-meta">
                {t('reports.evaluations.publishedAt', {
                  when: formatWib(row.publishedAt, { locale: lng, weekday: false }),
                })}
              </p>
              <ul class="post-figures">
                {row.posts.map((post) => (
                  <li key={post.platform}>
                    <b>{PLATFORM[post.platform] ?? post.platform}</b>:{' '}
                    {post.metricsReadAt
                      ? `${t('reports.evaluations.reach')} ${number(post.reachOrImpressions)} · ${t('reports.evaluations.interactions')} ${number(post.interactions)} · ${t('reports.evaluations.rate')} ${percent(post.engagementRate)}`
                      : t('reports.evaluations.noMetrics')}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
};
