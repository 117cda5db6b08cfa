import { useEffect, useState } from 'preact/hooks';
import { type Api, ApiError } from '../api';
import { language, useT } from '../i18n';
import { describeError } from '../ui/errors';
import { formatDay } from './board';

interface LeaveDays {
  readonly days: readonly string[];
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

type Status = { kind: 'idle' } | { kind: 'saving' } | { kind: 'saved' } | { kind: 'failed'; message: string };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The office's leave days (cuti bersama, local leave), which every deadline skips. Anyone sees them; a
 * supervisor changes them (`PUT /settings/leave-days` with the version read, so two saves never cross).
 */
export const LeaveDaysPanel = ({ api, onSaved }: { api: Api; onSaved: () => void }) => {
  const t = useT();
  const lng = language();
  const [stored, setStored] = useState<LeaveDays>();
  const [days, setDays] = useState<string[]>([]);
  const [adding, setAdding] = useState('');
  const [problem, setProblem] = useState<string>();
  const [loadError, setLoadError] = useState<string>();
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setLoadError(undefined);
    api
      .get<LeaveDays>('/settings/leave-days')
      .then((r) => {
        if (!live) return;
        setStored(r);
        setDays([...r.days]);
      })
      .catch((e: unknown) => live && setLoadError(describeError(e)));
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const add = () => {
    if (!DAY.test(adding)) {
      setProblem(t('leaveDays.pickDay'));
      return;
    }
    setProblem(undefined);
    setDays((d) => [...new Set([...d, adding])].sort());
    setAdding('');
    setStatus({ kind: 'idle' });
  };

  const save = async () => {
    if (!stored) return;
    setStatus({ kind: 'saving' });
    try {
      const saved = await api.put<LeaveDays>('/settings/leave-days', { days, version: stored.version });
      setStored(saved);
      setDays([...saved.days]);
      setStatus({ kind: 'saved' });
      onSaved();
    } catch (e) {
      // Refused: show the list as it is stored again, so nobody reads an unsaved list as the office's.
      if (e instanceof ApiError && e.status === 403) setDays([...stored.days]);
      const message =
        e instanceof ApiError && e.status === 403
          ? t('leaveDays.supervisorOnly')
          : e instanceof ApiError && e.status === 409
            ? t('leaveDays.conflict')
            : t('leaveDays.saveFailed', { reason: describeError(e) });
      setStatus({ kind: 'failed', message });
    }
  };

  const changed = stored !== undefined && days.join() !== stored.days.join();
  return (
    <section class="panel leave-days" aria-labelledby="leave-days-title">
      <h2 id="leave-days-title">{t('leaveDays.title')}</h2>
      <p class="hint">{t('leaveDays.about')}</p>
      {loadError ? (
        <p class="field-error" role="alert">
          {t('leaveDays.loadFailed', { reason: loadError })}{' '}
          <button
            type="button"
            class="button button-secondary button-quiet"
            onClick={() => setAttempt((n) => n + 1)}
          >
            {t('followUps.reload')}
          </button>
        </p>
      ) : !stored ? null : (
        <>
          {days.length ? (
            <ul class="leave-days-list">
              {days.map((d) => (
                <li key={d}>
                  <span>{formatDay(d, lng)}</span>
                  <button
                    type="button"
                    class="button button-secondary button-quiet"
                    aria-label={t('leaveDays.removeLabel', { day: formatDay(d, lng) })}
                    onClick={() => {
                      setDays((list) => list.filter((x) => x !== d));
                      setStatus({ kind: 'idle' });
                    }}
                  >
                    {t('leaveDays.remove')}
                  </button>
                </li>
              ))}
            </ul>
          ) : (
            <p>{t('leaveDays.none')}</p>
          )}
          <div class="leave-days-add">
            <div class="field">
              <label for="leave-day-new">{t('leaveDays.add')}</label>
              <input
                id="leave-day-new"
                type="date"
                value={adding}
                aria-invalid={problem ? 'true' : undefined}
                aria-describedby={problem ? 'leave-day-problem' : undefined}
                onInput={(e) => setAdding((e.currentTarget as HTMLInputElement).value)}
              />
              {problem ? (
                <p class="field-error" id="leave-day-problem">
                  {problem}
                </p>
              ) : null}
            </div>
            <button type="button" class="button button-secondary" onClick={add}>
              {t('leaveDays.addButton')}
            </button>
          </div>
          <button
            type="button"
            class="button"
            disabled={!changed || status.kind === 'saving'}
            onClick={() => void save()}
          >
            {status.kind === 'saving' ? t('followUps.saving') : t('leaveDays.save')}
          </button>
          <p class="entry-meta" aria-live="polite">
            {status.kind === 'saved' ? (
              <span class="ok">{t('leaveDays.saved')}</span>
            ) : status.kind === 'failed' ? (
              <span class="field-error">{status.message}</span>
            ) : null}
          </p>
        </>
      )}
    </section>
  );
};
