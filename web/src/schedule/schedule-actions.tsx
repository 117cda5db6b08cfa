import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { statusLabel } from '../status';
import { formatWib, isoToWibInput, isWibInputValue, wibInputToIso, wibInputToMillis } from '../time';
import { describeError } from '../ui/errors';
import { allowedActions } from './allowed';

export interface ScheduleItem {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly publishAt: string;
}

/** The server refuses a time less than 5 s ahead; the console asks for a minute, to leave time to click. */
const MIN_AHEAD_MS = 60_000;

/** What the server's refusal means for staff, in words, with what to do next. */
const refusal = (error: unknown, kind: 'reschedule' | 'cancel', t: (k: string) => string): string => {
  if (error instanceof ApiError && error.status === 409)
    return t(kind === 'reschedule' ? 'schedule.refusedReschedule' : 'schedule.refusedCancel');
  if (error instanceof ApiError && error.status === 400 && kind === 'reschedule')
    return t('schedule.refusedTime');
  return describeError(error);
};

/**
 * Reschedule (a new WIB time; the approval holds) and cancel (with a reason and a confirmation), offered
 * only in the statuses the server accepts. Used by the calendar's panel and the item page.
 */
export const ScheduleActions = ({ item, onChanged }: { item: ScheduleItem; onChanged: () => void }) => {
  const t = useT();
  const { api } = useApp();
  const uid = useId();
  const allowed = allowedActions(item.status);
  const [when, setWhen] = useState(() => safeInput(item.publishAt));
  const [whenError, setWhenError] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string>();
  const [scheduleError, setScheduleError] = useState<string>();
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string>();
  const [confirming, setConfirming] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelled, setCancelled] = useState(false);
  const [cancelError, setCancelError] = useState<string>();
  const confirmButton = useRef<HTMLButtonElement>(null);
  // The confirmation takes the focus, so keyboard and screen-reader users meet the question at once.
  useEffect(() => {
    if (confirming) confirmButton.current?.focus();
  }, [confirming]);

  if (cancelled)
    return (
      <p class="ok" role="status">
        {t('schedule.cancelled')}
      </p>
    );
  if (!allowed.reschedule && !allowed.cancel)
    return <p class="notice">{t('schedule.notAllowed', { status: statusLabel(item.status) })}</p>;

  const save = async (e: Event) => {
    e.preventDefault();
    setSaved(undefined);
    setScheduleError(undefined);
    if (!isWibInputValue(when)) return setWhenError(t('schedule.timeRequired'));
    if (wibInputToMillis(when) < Date.now() + MIN_AHEAD_MS) return setWhenError(t('schedule.timePast'));
    setWhenError(undefined);
    setSaving(true);
    try {
      const out = await api.post<{ publishAt: string }>(`/content/${encodeURIComponent(item.id)}/schedule`, {
        publishAt: wibInputToIso(when),
      });
      setSaved(t('schedule.saved', { when: formatWib(out.publishAt, { locale: language() }) }));
      onChanged();
    } catch (error) {
      setScheduleError(refusal(error, 'reschedule', t));
    } finally {
      setSaving(false);
    }
  };

  const askCancel = (e: Event) => {
    e.preventDefault();
    setCancelError(undefined);
    if (!reason.trim()) return setReasonError(t('schedule.reasonRequired'));
    setReasonError(undefined);
    setConfirming(true);
  };

  const doCancel = async () => {
    setCancelling(true);
    try {
      await api.post(`/content/${encodeURIComponent(item.id)}/cancel`, { reason: reason.trim() });
      setCancelled(true);
      onChanged();
    } catch (error) {
      setCancelError(refusal(error, 'cancel', t));
      setConfirming(false);
    } finally {
      setCancelling(false);
    }
  };

  const whenId = `${uid}-when`;
  const reasonId = `${uid}-reason`;
  return (
    <div class="schedule-actions">
      {allowed.reschedule ? (
        <form class="group" onSubmit={save} noValidate>
          <h3>{t('schedule.rescheduleTitle')}</h3>
          <div class="field">
            <label for={whenId}>{t('schedule.newTime')}</label>
            <div class="with-suffix">
              <input
                id={whenId}
                type="datetime-local"
                value={when}
                aria-invalid={whenError ? 'true' : undefined}
                aria-describedby={`${whenId}-hint${whenError ? ` ${whenId}-error` : ''}`}
                onInput={(e) => setWhen(e.currentTarget.value)}
              />
              <span class="suffix" aria-hidden="true">
                WIB
              </span>
            </div>
            <p id={`${whenId}-hint`} class="hint">
              {t('schedule.newTimeHint')}
            </p>
            {whenError ? (
              <p id={`${whenId}-error`} class="field-error">
                {whenError}
              </p>
            ) : null}
          </div>
          <button type="submit" class="button" disabled={saving}>
            {saving ? t('schedule.saving') : t('schedule.save')}
          </button>
          <div aria-live="polite">
            {saved ? <p class="ok">{saved}</p> : null}
            {scheduleError ? <p class="notice-error">{scheduleError}</p> : null}
          </div>
        </form>
      ) : null}
      {allowed.cancel ? (
        <form class="group" onSubmit={askCancel} noValidate>
          <h3>{t('schedule.cancelTitle')}</h3>
          <div class="field">
            <label for={reasonId}>{t('schedule.reason')}</label>
            <textarea
              id={reasonId}
              rows={2}
              maxLength={1000}
              value={reason}
              aria-invalid={reasonError ? 'true' : undefined}
              aria-describedby={`${reasonId}-hint${reasonError ? ` ${reasonId}-error` : ''}`}
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            <p id={`${reasonId}-hint`} class="hint">
              {t('schedule.reasonHint')}
            </p>
            {reasonError ? (
              <p id={`${reasonId}-error`} class="field-error">
                {reasonError}
              </p>
            ) : null}
          </div>
          {confirming ? (
            <div class="confirm" role="alertdialog" aria-labelledby={`${uid}-confirm`}>
              <p id={`${uid}-confirm`}>{t('schedule.confirm', { title: item.title })}</p>
              <div class="actions">
                <button
                  ref={confirmButton}
                  type="button"
                  class="button button-danger"
                  disabled={cancelling}
                  onClick={doCancel}
                >
                  {cancelling ? t('schedule.cancelling') : t('schedule.confirmYes')}
                </button>
                <button type="button" class="button button-secondary" onClick={() => setConfirming(false)}>
                  {t('schedule.confirmNo')}
                </button>
              </div>
            </div>
          ) : (
            <button type="submit" class="button button-secondary">
              {t('schedule.cancel')}
            </button>
          )}
          <div aria-live="polite">{cancelError ? <p class="notice-error">{cancelError}</p> : null}</div>
        </form>
      ) : null}
    </div>
  );
};

const safeInput = (iso: string): string => {
  try {
    return isoToWibInput(iso);
  } catch {
    return '';
  }
};
