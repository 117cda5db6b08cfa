import { useEffect, useMemo, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import {
  applyFilter,
  type BoardFilter,
  FOLLOW_UP_STATUSES,
  type FollowUp,
  type FollowUpStatus,
  groupByUnit,
  unitsOf,
} from '../follow-ups/board';
import { FollowUpCard } from '../follow-ups/follow-up-card';
import '../follow-ups/follow-ups.css';
import { LeaveDaysPanel } from '../follow-ups/leave-days';
import { useT } from '../i18n';
import { describeError } from '../ui/errors';
import { Empty, ErrorState, Loading } from '../ui/states';

/**
 * Tindak lanjut: every follow-up by unit, overdue ones first with how many working days late, each with the
 * citizen's words, its due day (WIB) and a status change with a note (`POST /follow-ups/{id}`).
 */
export default function TindakLanjut() {
  const t = useT();
  const { api } = useApp();
  const [rows, setRows] = useState<FollowUp[]>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [filter, setFilter] = useState<BoardFilter>({ unit: '', status: '' });

  useEffect(() => {
    document.title = `${t('screens.tindakLanjut.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    let live = true;
    setError(undefined);
    api
      .get<{ followUps: FollowUp[] }>('/follow-ups')
      .then((r) => live && setRows(r.followUps))
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const units = useMemo(() => unitsOf(rows ?? []), [rows]);
  const shown = useMemo(() => applyFilter(rows ?? [], filter), [rows, filter]);
  const groups = useMemo(() => groupByUnit(shown), [shown]);
  const overdue = shown.filter((f) => f.overdue).length;
  const replace = (updated: FollowUp) =>
    setRows((list) => list?.map((f) => (f.id === updated.id ? updated : f)));

  return (
    <section class="screen follow-ups" aria-labelledby="screen-title">
      <div class="follow-ups-head">
        <h1 id="screen-title">{t('screens.tindakLanjut.title')}</h1>
        <button
          type="button"
          class="button button-secondary button-quiet"
          onClick={() => setAttempt((n) => n + 1)}
        >
          {t('followUps.reload')}
        </button>
      </div>
      <p class="lead">{t('followUps.intro')}</p>
      {error ? (
        <ErrorState
          message={t('followUps.loadFailed', { reason: error })}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      ) : !rows ? (
        <Loading label={t('followUps.loading')} />
      ) : rows.length === 0 ? (
        <Empty>{t('followUps.empty')}</Empty>
      ) : (
        <>
          <fieldset class="follow-ups-filters">
            <legend>{t('followUps.filters')}</legend>
            <div class="field">
              <label for="fu-filter-unit">{t('followUps.unitFilter')}</label>
              <select
                id="fu-filter-unit"
                value={filter.unit}
                onChange={(e) =>
                  setFilter((f) => ({ ...f, unit: (e.currentTarget as HTMLSelectElement).value }))
                }
              >
                <option value="">{t('followUps.allUnits')}</option>
                {units.map((u) => (
                  <option key={u} value={u}>
                    {u}
                  </option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="fu-filter-status">{t('followUps.statusFilter')}</label>
              <select
                id="fu-filter-status"
                value={filter.status}
                onChange={(e) =>
                  setFilter((f) => ({
                    ...f,
                    status: (e.currentTarget as HTMLSelectElement).value as FollowUpStatus | '',
                  }))
                }
              >
                <option value="">{t('followUps.allStatuses')}</option>
                {FOLLOW_UP_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`followUps.status.${s}`)}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
          <p class="follow-ups-count" role="status">
            {t('followUps.summary', { count: shown.length })}
            {overdue ? t('followUps.summaryOverdue', { count: overdue }) : ''}
          </p>
          {groups.length === 0 ? (
            <Empty>{t('followUps.emptyFiltered')}</Empty>
          ) : (
            groups.map((g, gi) => (
              <section key={g.unit} class="panel follow-up-unit" aria-labelledby={`fu-unit-${gi}`}>
                <h2 id={`fu-unit-${gi}`}>
                  {g.unit}{' '}
                  <span class="hint">
                    ({t('followUps.groupCount', { count: g.followUps.length })}
                    {g.overdue ? `, ${t('followUps.groupOverdue', { count: g.overdue })}` : ''})
                  </span>
                </h2>
                <ul class="entries">
                  {g.followUps.map((f) => (
                    <li key={f.id}>
                      <FollowUpCard followUp={f} api={api} onChanged={replace} />
                    </li>
                  ))}
                </ul>
              </section>
            ))
          )}
        </>
      )}
      <LeaveDaysPanel api={api} onSaved={() => setAttempt((n) => n + 1)} />
    </section>
  );
}
