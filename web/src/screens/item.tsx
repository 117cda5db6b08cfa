import { useCallback, useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { useT } from '../i18n';
import { ApproversSection } from '../item/approvers-section';
import { FeedbackSection } from '../item/feedback-section';
import { EvaluationSection, MediaSection, SourcesSection } from '../item/item-details';
import { ItemHeader } from '../item/item-header';
import { type Approval, type Feedback, type ItemView, takesRevision } from '../item/item-model';
import { PublicationsSection } from '../item/publications-section';
import { RevisionForm } from '../item/revision-form';
import { ScheduleSection } from '../item/schedule-section';
import { ScreeningSection } from '../item/screening-section';
import { TimelineSection } from '../item/timeline-section';
import { href } from '../router';
import { describeError } from '../ui/errors';
import { ErrorState, Loading } from '../ui/states';
import '../item/item.css';
import type { ScreenProps } from './screen-host';

const APPROVAL_STATES = ['pending', 'approved', 'rejected', 'changes-requested'] as const;

interface Loaded {
  readonly item: ItemView;
  /** Undefined when they could not be loaded (the page says so). */
  readonly approvals?: readonly Approval[];
  readonly feedback?: readonly Feedback[];
  readonly partial: readonly string[];
}

/**
 * One item from start to finish: where it stands and what comes next, its timeline, approvers, screening
 * and override, the revision form when one is expected, publications, citizens' responses, evaluation.
 */
export default function ItemScreen({ param }: ScreenProps) {
  const t = useT();
  const { api } = useApp();
  const id = param ?? '';
  const [data, setData] = useState<Loaded>();
  const [error, setError] = useState<string>();
  const [refreshing, setRefreshing] = useState(false);
  const [announce, setAnnounce] = useState('');
  const [version, setVersion] = useState(0);

  const load = useCallback(async (): Promise<Loaded> => {
    const path = encodeURIComponent(id);
    const [item, approvals, feedback] = await Promise.all([
      api.get<ItemView>(`/content/${path}`),
      api
        .get<{ approvals: Approval[] }>(`/approvals?itemId=${path}`)
        .then((r) => r.approvals)
        .catch(() => undefined),
      api
        .get<{ feedback: Feedback[] }>(`/feedback?itemId=${path}&limit=200`)
        .then((r) => r.feedback)
        .catch(() => undefined),
    ]);
    const partial = [
      ...(approvals ? [] : [t('itemPage.approvers.title')]),
      ...(feedback ? [] : [t('itemPage.feedback.title')]),
    ];
    return { item, approvals, feedback, partial };
  }, [api, id]);

  useEffect(() => {
    let live = true;
    setError(undefined);
    if (version > 0) setRefreshing(true);
    load()
      .then((loaded) => {
        if (!live) return;
        setData(loaded);
        document.title = `${loaded.item.title} · ${t('app.name')}`;
        if (version > 0) setAnnounce(t('itemPage.refreshed'));
      })
      .catch((e: unknown) => {
        if (live) setError(describeError(e));
      })
      .finally(() => {
        if (live) setRefreshing(false);
      });
    return () => {
      live = false;
    };
  }, [load, version]);

  const reload = () => {
    setAnnounce('');
    setVersion((n) => n + 1);
  };

  if (error && !data) return <ErrorState message={error} onRetry={reload} />;
  if (!data) return <Loading label={t('itemPage.loading')} />;
  const { item, approvals, feedback, partial } = data;
  const showScreening =
    item.status === 'blocked' || (item.screeningFindings?.length ?? 0) > 0 || item.screeningOverride;
  return (
    <section class="screen item-page" aria-labelledby="screen-title">
      <ItemHeader item={item} approvals={approvals} refreshing={refreshing} onRefresh={reload} />
      <p class="visually-hidden" role="status">
        {announce}
      </p>
      {error ? <ErrorState message={error} onRetry={reload} /> : null}
      {partial.length ? (
        <p class="notice notice-error" role="alert">
          {t('itemPage.partialError', { what: partial.join(', ') })}
        </p>
      ) : null}
      <ScheduleSection item={item} onChanged={reload} />
      {showScreening ? <ScreeningSection key={`s${item.revision}`} item={item} onChanged={reload} /> : null}
      {takesRevision(item) ? <RevisionForm key={`r${item.revision}`} item={item} onChanged={reload} /> : null}
      <ApproversSection item={item} approvals={approvals ?? []} onChanged={reload} />
      <PublicationsSection item={item} />
      <TimelineSection item={item} />
      <FeedbackSection feedback={feedback ?? []} />
      <EvaluationSection item={item} />
      <SourcesSection item={item} />
      <MediaSection item={item} />
      <p>
        <a href={href('tulis')}>{t('itemPage.writeAnother')}</a>
      </p>
    </section>
  );
}
