import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { Empty, Loading } from '../ui/states';
import type { Approval, ItemView } from './item-model';
import { Section } from './section';

type Row = { approver: string; approval?: Approval };

/** Each approver of the current revision with their decision, the rule, the deadline, and reminders. */
export const ApproversSection = ({
  item,
  approvals,
  onChanged,
}: {
  item: ItemView;
  /** Undefined while loading; the page says so when they could not be loaded. */
  approvals: readonly Approval[] | undefined;
  onChanged: () => void;
}) => {
  const t = useT();
  const { api } = useApp();
  const locale = language();
  const [busy, setBusy] = useState<string>();
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  const current = (approvals ?? []).filter((a) => a.revision === item.revision);
  const rows: Row[] = item.approvers.map((approver) => ({
    approver,
    approval: current.find((a) => a.approver === approver),
  }));
  for (const a of current)
    if (!item.approvers.includes(a.approver)) rows.push({ approver: a.approver, approval: a });

  const remind = async (a: Approval) => {
    setBusy(a.approvalId);
    setMessage(undefined);
    try {
      await api.post(`/approvals/${encodeURIComponent(a.approvalId)}/reminders`);
      setMessage({ text: t('itemPage.approvers.reminded', { approver: a.approver }), error: false });
      onChanged();
    } catch (e) {
      setMessage({
        text:
          e instanceof ApiError && e.status === 409
            ? t('itemPage.approvers.remindConflict')
            : describeError(e),
        error: true,
      });
    } finally {
      setBusy(undefined);
    }
  };

  const waiting = item.status === 'awaiting-approval';
  return (
    <Section id="approvers" title={t('itemPage.approvers.title')}>
      <p>
        {t(item.approvalRule === 'all' ? 'itemPage.approvers.ruleAll' : 'itemPage.approvers.ruleAny')}{' '}
        {item.approvalDeadline && waiting
          ? t('itemPage.approvers.deadline', { when: formatWib(item.approvalDeadline, { locale }) })
          : null}
      </p>
      {approvals === undefined ? <Loading label={t('itemPage.approvers.loading')} /> : null}
      {rows.length === 0 ? (
        <Empty>{t('itemPage.approvers.none')}</Empty>
      ) : (
        <ul class="approver-list">
          {rows.map(({ approver, approval }) => (
            <li key={approver} class="approver">
              <div>
                <p class="approver-name">{approver}</p>
                <p class={`approver-state approver-${approval?.status ?? 'none'}`}>
                  {approval ? t(`itemPage.approvers.${approval.status}`) : t('itemPage.approvers.notSent')}
                  {approval?.decidedAt
                    ? ` ${t('itemPage.approvers.decidedAt', { when: formatWib(approval.decidedAt, { locale }) })}`
                    : ''}
                </p>
                {approval?.comment ? <blockquote class="quote">“{approval.comment}”</blockquote> : null}
                {approval?.remindersSent ? (
                  <p class="hint">{t('itemPage.approvers.reminders', { count: approval.remindersSent })}</p>
                ) : null}
              </div>
              {waiting && approval?.status === 'pending' ? (
                <button
                  type="button"
                  class="button button-secondary"
                  aria-label={t('itemPage.approvers.remindLabel', { approver })}
                  disabled={busy !== undefined}
                  onClick={() => void remind(approval)}
                >
                  {busy === approval.approvalId
                    ? t('itemPage.approvers.reminding')
                    : t('itemPage.approvers.remind')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      <div aria-live="polite">
        {message ? <p class={message.error ? 'notice notice-error' : 'ok'}>{message.text}</p> : null}
      </div>
    </Section>
  );
};
