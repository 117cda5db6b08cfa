import { useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { FieldError } from '../compose/field-bits';
import { language, useT } from '../i18n';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import type { ItemView } from './item-model';
import { Section } from './section';

const MIN_REASON = 20;

/**
 * What the personal-data check found (in Indonesian; the English stored reasons are only a fallback in the
 * English console), a supervisor's override when there was one, and the override form while the item is
 * blocked. The console does not know who is a supervisor: the API decides and a refusal is said in words.
 */
export const ScreeningSection = ({ item, onChanged }: { item: ItemView; onChanged: () => void }) => {
  const t = useT();
  const { api } = useApp();
  const locale = language();
  const [reason, setReason] = useState('');
  const [fieldError, setFieldError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ text: string; error: boolean }>();

  const findings =
    locale === 'en' && item.screening?.reasons.length
      ? item.screening.reasons
      : (item.screeningFindings ?? []);
  const blocked = item.status === 'blocked';

  const submit = async (e: Event) => {
    e.preventDefault();
    if (reason.trim().length < MIN_REASON) {
      setFieldError(t('itemPage.screening.reasonShort'));
      document.getElementById('override-reason')?.focus();
      return;
    }
    setFieldError(undefined);
    setBusy(true);
    setMessage(undefined);
    try {
      await api.post(`/content/${encodeURIComponent(item.id)}/override`, { justification: reason.trim() });
      setMessage({ text: t('itemPage.screening.done'), error: false });
      setReason('');
      onChanged();
    } catch (error) {
      const words =
        error instanceof ApiError && error.status === 403
          ? t('itemPage.screening.forbidden')
          : error instanceof ApiError && error.status === 409
            ? t('itemPage.screening.conflict')
            : error instanceof ApiError && error.status === 400
              ? t('itemPage.screening.reasonShort')
              : describeError(error);
      setMessage({ text: words, error: true });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section id="screening" title={t('itemPage.screening.title')} class={blocked ? 'item-section-alert' : ''}>
      {findings.length ? (
        <div class="screening-findings">
          <p>
            <strong>{t('itemPage.screening.found')}</strong>
          </p>
          <ul class="findings-list">
            {findings.map((f) => (
              <li key={f}>{f}</li>
            ))}
          </ul>
        </div>
      ) : !item.screeningOverride ? (
        <p class="ok">{t('itemPage.screening.clear')}</p>
      ) : null}
      {item.screeningOverride ? (
        <div>
          <p>
            {t('itemPage.screening.overridden', {
              by: item.screeningOverride.by,
              when: formatWib(item.screeningOverride.at, { locale }),
            })}
          </p>
          <blockquote class="quote">
            <span class="visually-hidden">{t('itemPage.screening.justification')}: </span>“
            {item.screeningOverride.justification}”
          </blockquote>
        </div>
      ) : null}
      {blocked ? (
        <form class="override-form" onSubmit={(e) => void submit(e)} noValidate>
          <p class="hint">{t('itemPage.screening.supervisorOnly')}</p>
          <div class="field">
            <label for="override-reason">{t('itemPage.screening.reason')}</label>
            <textarea
              id="override-reason"
              rows={3}
              maxLength={2000}
              value={reason}
              aria-invalid={fieldError ? 'true' : undefined}
              aria-describedby={
                fieldError ? 'override-reason-hint override-reason-error' : 'override-reason-hint'
              }
              onInput={(e) => setReason(e.currentTarget.value)}
            />
            <p id="override-reason-hint" class="hint">
              {t('itemPage.screening.reasonHint')}
            </p>
            <FieldError id="override-reason" message={fieldError} />
          </div>
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('itemPage.screening.overriding') : t('itemPage.screening.override')}
          </button>
        </form>
      ) : null}
      <div aria-live="polite">
        {message ? <p class={message.error ? 'notice notice-error' : 'ok'}>{message.text}</p> : null}
      </div>
    </Section>
  );
};
