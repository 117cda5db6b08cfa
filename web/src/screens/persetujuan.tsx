import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import {
  type ApproverGroup,
  groupByApprover,
  isPastDeadline,
  type PendingApproval,
} from '../approvals/group';
import { language, useT } from '../i18n';
import { href } from '../router';
import { statusLabel } from '../status';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { Empty, ErrorState, Loading } from '../ui/states';

type Reminder = { state: 'sending' } | { state: 'sent'; at: string } | { state: 'failed'; message: string };

/** Persetujuan: what waits for a decision, by approver and deadline (WIB), with a reminder button each. */
export default function Persetujuan() {
  const t = useT();
  const { api } = useApp();
  const [groups, setGroups] = useState<ApproverGroup[]>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [reminders, setReminders] = useState<Record<string, Reminder>>({});
  const lng = language();
  const when = (iso: string) => formatWib(iso, { locale: lng });

  useEffect(() => {
    document.title = `${t('screens.persetujuan.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    let live = true;
    setError(undefined);
    api
      .get<{ approvals: PendingApproval[] }>('/approvals?status=pending&limit=100')
      .then((r) => live && setGroups(groupByApprover(r.approvals)))
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const remind = async (a: PendingApproval) => {
    setReminders((r) => ({ ...r, [a.approvalId]: { state: 'sending' } }));
    try {
      await api.post(`/approvals/${encodeURIComponent(a.approvalId)}/reminders`);
      setReminders((r) => ({ ...r, [a.approvalId]: { state: 'sent', at: new Date().toISOString() } }));
    } catch (e) {
      const message =
        e instanceof ApiError && e.status === 409
          ? t('approvals.remindRefused')
          : t('approvals.remindFailed', { reason: describeError(e) });
      setReminders((r) => ({ ...r, [a.approvalId]: { state: 'failed', message } }));
    }
  };

  const now = new Date();
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('screens.persetujuan.title')}</h1>
      <p class="lead">{t('approvals.intro')}</p>
      {error ? (
        <ErrorState
          message={t('approvals.loadFailed', { reason: error })}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      ) : !groups ? (
        <Loading label={t('approvals.loading')} />
      ) : groups.length === 0 ? (
        <Empty>{t('approvals.empty')}</Empty>
      ) : (
        groups.map((g, gi) => (
          <section key={g.approver} class="panel approver" aria-labelledby={`approver-${gi}`}>
            <h2 id={`approver-${gi}`}>
              {g.approver} <span class="hint">({t('approvals.count', { count: g.approvals.length })})</span>
            </h2>
            <ul class="entries">
              {g.approvals.map((a) => {
                const r = reminders[a.approvalId];
                const past = isPastDeadline(a.expiresAt, now);
                return (
                  <li key={a.approvalId} class="approval-row">
                    <div>
                      <a class="entry-title" href={href('item', a.itemId)}>
                        {a.itemTitle}
                      </a>
                      <p class="entry-meta">
                        <span class={past ? 'past' : undefined}>
                          {t('approvals.deadline', { when: when(a.expiresAt) })}
                          {past ? ` · ${t('approvals.pastDeadline')}` : ''}
                        </span>
                      </p>
                      <p class="entry-meta">
                        <span class={`status status-${a.itemStatus}`}>{statusLabel(a.itemStatus)}</span>
                        {a.emailSentAt ? ` · ${t('approvals.emailSent', { when: when(a.emailSentAt) })}` : ''}
                        {a.remindersSent > 0
                          ? ` · ${t('approvals.reminders', { count: a.remindersSent })}`
                          : ''}
                      </p>
                    </div>
                    <div class="remind">
                      <button
                        type="button"
                        class="button button-secondary"
                        aria-label={t('approvals.remindLabel', { who: a.approver, title: a.itemTitle })}
                        disabled={r?.state === 'sending'}
                        onClick={() => void remind(a)}
                      >
                        {r?.state === 'sending' ? t('approvals.reminding') : t('approvals.remind')}
                      </button>
                      <p class="entry-meta" aria-live="polite">
                        {r?.state === 'sent' ? (
                          <span class="ok">{t('approvals.reminded', { when: when(r.at) })}</span>
                        ) : r?.state === 'failed' ? (
                          <span class="field-error">{r.message}</span>
                        ) : null}
                      </p>
                    </div>
                  </li>
                );
              })}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}
