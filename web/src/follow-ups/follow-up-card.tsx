import { useState } from 'preact/hooks';
import { type Api, ApiError } from '../api';
import { language, useT } from '../i18n';
import { href } from '../router';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { type FollowUp, type FollowUpStatus, formatDay, nextStatuses, noteProblem } from './board';

type Saving =
  | { state: 'idle' }
  | { state: 'saving' }
  | { state: 'saved'; status: FollowUpStatus }
  | { state: 'failed'; message: string };

const SUMMARY_IN_LABEL = 60;
const short = (text: string) => {
  const chars = Array.from(text.trim());
  return chars.length > SUMMARY_IN_LABEL ? `${chars.slice(0, SUMMARY_IN_LABEL).join('')}…` : chars.join('');
};

/** One follow-up: the citizen's words, due day and lateness in words, and the status change with a note. */
export const FollowUpCard = ({
  followUp: f,
  api,
  onChanged,
}: {
  followUp: FollowUp;
  api: Api;
  onChanged: (f: FollowUp) => void;
}) => {
  const t = useT();
  const lng = language();
  const moves = nextStatuses(f.status);
  const [to, setTo] = useState<FollowUpStatus | undefined>(moves[0]);
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string>();
  const [saving, setSaving] = useState<Saving>({ state: 'idle' });
  const base = `fu-${f.id}`;
  const target = to && moves.includes(to) ? to : moves[0];

  const save = async (event: Event) => {
    event.preventDefault();
    if (!target) return;
    const issue = noteProblem(target, note);
    if (issue) {
      setProblem(t(`followUps.${issue}`));
      document.getElementById(`${base}-note`)?.focus();
      return;
    }
    setProblem(undefined);
    setSaving({ state: 'saving' });
    try {
      const updated = await api.post<FollowUp>(`/follow-ups/${encodeURIComponent(f.id)}`, {
        status: target,
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      setNote('');
      setTo(undefined);
      setSaving({ state: 'saved', status: updated.status });
      onChanged(updated);
    } catch (e) {
      const message =
        e instanceof ApiError && e.status === 409
          ? t('followUps.conflict')
          : t('followUps.saveFailed', { reason: describeError(e) });
      setSaving({ state: 'failed', message });
    }
  };

  const late = f.overdue
    ? f.workingDaysLate > 0
      ? t('followUps.late', { count: f.workingDaysLate })
      : t('followUps.lateNoWorkingDay')
    : undefined;
  const described = [problem ? `${base}-problem` : '', `${base}-hint`].filter(Boolean).join(' ');

  return (
    <article
      class={`follow-up${f.overdue ? ' follow-up-late' : ''}`}
      aria-label={t('followUps.articleLabel', { unit: f.unit, summary: short(f.summary) })}
    >
      <p class="follow-up-badges">
        <span class={`status follow-up-status-${f.status}`}>{t(`followUps.status.${f.status}`)}</span>
        {late ? <span class="past">{late}</span> : null}
      </p>
      <blockquote class="follow-up-summary">
        <p>
          <span class="visually-hidden">{t('followUps.citizenSaid')}: </span>“{f.summary}”
        </p>
      </blockquote>
      <p class="entry-meta">
        {f.status === 'resolved' && f.resolvedAt
          ? t('followUps.resolvedOn', { when: formatWib(f.resolvedAt, { locale: lng }) })
          : t('followUps.due', { day: formatDay(f.dueDay, lng) })}
        {' · '}
        <a href={href('kotak-masuk', f.feedbackId)}>{t('followUps.openMessage')}</a>
      </p>
      {f.resolutionNote ? (
        <p class="follow-up-resolution">{t('followUps.resolution', { note: f.resolutionNote })}</p>
      ) : null}
      {f.history.length ? (
        <details class="follow-up-history">
          <summary>{t('followUps.history', { count: f.history.length })}</summary>
          <ol>
            {f.history.map((h) => (
              <li key={`${h.at}-${h.to}`}>
                {t('followUps.historyEntry', {
                  when: formatWib(h.at, { locale: lng, weekday: false }),
                  by: h.by,
                  status: t(`followUps.status.${h.to}`),
                })}
                {h.note ? <span class="follow-up-note">“{h.note}”</span> : null}
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {moves.length ? (
        <form class="follow-up-form" onSubmit={(e) => void save(e)} noValidate>
          <div class="field">
            <label for={`${base}-status`}>{t('followUps.changeStatus')}</label>
            <select
              id={`${base}-status`}
              value={target}
              onChange={(e) => {
                setTo((e.currentTarget as HTMLSelectElement).value as FollowUpStatus);
                setProblem(undefined);
              }}
            >
              {moves.map((s) => (
                <option key={s} value={s}>
                  {t(`followUps.status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for={`${base}-note`}>{t('followUps.note')}</label>
            <textarea
              id={`${base}-note`}
              rows={2}
              maxLength={2000}
              value={note}
              aria-invalid={problem ? 'true' : undefined}
              aria-describedby={described}
              onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
            />
            <p class="hint" id={`${base}-hint`}>
              {t('followUps.noteHint')}
            </p>
            {problem ? (
              <p class="field-error" id={`${base}-problem`}>
                {problem}
              </p>
            ) : null}
          </div>
          <button type="submit" class="button" disabled={saving.state === 'saving'}>
            {saving.state === 'saving' ? t('followUps.saving') : t('followUps.save')}
          </button>
        </form>
      ) : null}
      <p class="entry-meta" aria-live="polite">
        {saving.state === 'saved' ? (
          <span class="ok">{t('followUps.saved', { status: t(`followUps.status.${saving.status}`) })}</span>
        ) : saving.state === 'failed' ? (
          <span class="field-error">{saving.message}</span>
        ) : null}
      </p>
    </article>
  );
};
