import { useCallback, useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { href } from '../router';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { ErrorState, Loading } from '../ui/states';
import { AssignForm, CloseForm, FollowUpForm } from './actions';
import { History, LabelReason, PostPreview } from './detail-parts';
import { StatusTags } from './message-list';
import { type InboxDetail, platformName, type SavedReply } from './model';
import { ReplyBox } from './reply-box';

/** One message opened: what the citizen said, the post it answers, why its label, the reply, actions, history. */
export const MessageDetail = ({
  id,
  saved,
  colleagues,
  onChanged,
}: {
  id: string;
  saved: readonly SavedReply[];
  colleagues: readonly string[];
  /** Something changed the message: the list is read again. */
  onChanged: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const locale = language();
  const [f, setF] = useState<InboxDetail>();
  const [error, setError] = useState('');
  const [said, setSaid] = useState('');

  const load = useCallback(async (): Promise<InboxDetail | undefined> => {
    try {
      const detail = await api.get<InboxDetail>(`/feedback/${encodeURIComponent(id)}`);
      setF(detail);
      setError('');
      return detail;
    } catch (e) {
      setError(describeError(e));
      return undefined;
    }
  }, [api, id]);

  useEffect(() => {
    setF(undefined);
    setSaid('');
    void load();
  }, [load]);

  const changed = (words: string) => {
    setSaid(words);
    void load();
    onChanged();
  };

  if (error && !f)
    return (
      <ErrorState message={t('inbox.detail.loadFailed', { reason: error })} onRetry={() => void load()} />
    );
  if (!f) return <Loading label={t('inbox.detail.loading')} />;
  return (
    <article class="message" aria-labelledby="message-title">
      <p class="back-link">
        <a href={href('kotak-masuk')}>{t('inbox.back')}</a>
      </p>
      <h2 id="message-title" tabIndex={-1}>
        {t('inbox.detail.title', { author: `@${f.authorHandle}` })}
      </h2>
      <p class="message-meta">
        {t('inbox.detail.receivedOn', {
          when: formatWib(f.receivedAt, { locale }),
          platform: platformName(f.platform),
        })}
      </p>
      <StatusTags f={f} />
      <blockquote class="message-text">{f.text}</blockquote>
      {f.deletedAt ? (
        <p class="notice">{t('inbox.detail.deleted', { platform: platformName(f.platform) })}</p>
      ) : null}
      <p class="notice notice-ok" role="status">
        {said}
      </p>
      <PostPreview f={f} />
      <LabelReason key={`${f.label}-${f.category}`} f={f} onChanged={changed} />
      <ReplyBox
        f={f}
        saved={saved}
        onSent={changed}
        reload={() => {
          onChanged();
          return load();
        }}
      />
      <section class="inbox-part" aria-labelledby="actions-title">
        <h3 id="actions-title">{t('inbox.actions.title')}</h3>
        <FollowUpForm f={f} onChanged={changed} />
        <AssignForm f={f} colleagues={colleagues} onChanged={changed} />
        <CloseForm f={f} onChanged={changed} />
      </section>
      <History f={f} />
    </article>
  );
};
