import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { AccountsSection } from '../reports/accounts-section';
import type { StoredReport } from '../reports/model';
import { currentMonth, lastFullMonth, monthChoices, monthName } from '../reports/months';
import { ReportView } from '../reports/report-view';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { ErrorState, Loading } from '../ui/states';
import '../reports/reports.css';

type State =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'failed'; reason: string }
  | { kind: 'ready'; stored: StoredReport };

/** Laporan: the monthly report in the page (its charts as bars and tables), its CSV, and the platform accounts. */
export default function Laporan() {
  const t = useT();
  const { api } = useApp();
  const lng = language();
  const [now] = useState(() => new Date());
  const [month, setMonth] = useState(() => lastFullMonth(now));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [making, setMaking] = useState<{ busy: boolean; error?: string }>({ busy: false });
  const [csv, setCsv] = useState<{ busy: boolean; error?: string }>({ busy: false });

  useEffect(() => {
    document.title = `${t('screens.laporan.title')} · ${t('app.name')}`;
  }, [t]);
  useEffect(() => {
    let live = true;
    setState({ kind: 'loading' });
    api
      .get<StoredReport>(`/reports/${month}`)
      .then((stored) => live && setState({ kind: 'ready', stored }))
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError && e.status === 404) setState({ kind: 'missing' });
        else setState({ kind: 'failed', reason: describeError(e) });
      });
    return () => {
      live = false;
    };
  }, [api, month, attempt]);

  const make = async () => {
    setMaking({ busy: true });
    try {
      await api.post('/reports', { month });
      setMaking({ busy: false });
      setAttempt((n) => n + 1);
    } catch (e) {
      setMaking({ busy: false, error: describeError(e) });
    }
  };

  const downloadCsv = async () => {
    setCsv({ busy: true });
    try {
      const { blob, filename } = await api.download(`/reports/${month}/csv`);
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename ?? `laporan-${month}.csv`;
      document.body.append(a);
      a.click();
      a.remove();
      // Give the browser a moment to start the download before the address is let go.
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
      setCsv({ busy: false });
    } catch (e) {
      setCsv({ busy: false, error: describeError(e) });
    }
  };

  const thisMonth = currentMonth(now);
  const name = monthName(month, lng);
  return (
    <section class="screen screen-wide laporan" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('screens.laporan.title')}</h1>
      <p class="lead">{t('reports.intro')}</p>

      <div class="field report-month">
        <label for="report-month">{t('reports.month')}</label>
        <select
          id="report-month"
          aria-describedby="report-month-hint"
          value={month}
          onChange={(e) => {
            setMaking({ busy: false });
            setCsv({ busy: false });
            setMonth((e.currentTarget as HTMLSelectElement).value);
          }}
        >
          {monthChoices(now).map((m) => (
            <option key={m} value={m}>
              {m === thisMonth ? t('reports.current', { month: monthName(m, lng) }) : monthName(m, lng)}
            </option>
          ))}
        </select>
        <p class="hint" id="report-month-hint">
          {t('reports.monthHint')}
        </p>
      </div>

      <div aria-live="polite">
        {state.kind === 'loading' ? <Loading label={t('reports.loading')} /> : null}
        {state.kind === 'failed' ? (
          <ErrorState
            message={t('reports.loadFailed', { reason: state.reason })}
            onRetry={() => setAttempt((n) => n + 1)}
          />
        ) : null}
        {state.kind === 'missing' ? (
          <div class="panel report-missing">
            <h2>{t('reports.missing', { month: name })}</h2>
            <p>{t('reports.missingHint')}</p>
            <button type="button" class="button" disabled={making.busy} onClick={make}>
              {making.busy ? t('reports.making') : t('reports.make')}
            </button>
            {making.error ? (
              <p class="field-error" role="alert">
                {t('reports.makeFailed', { reason: making.error })}
              </p>
            ) : null}
          </div>
        ) : null}
      </div>

      {state.kind === 'ready' ? (
        <>
          <div class="report-actions">
            <p class="hint">
              {t('reports.period', { month: name })} ·{' '}
              {t('reports.generatedAt', { when: formatWib(state.stored.generatedAt, { locale: lng }) })}
            </p>
            <div class="report-buttons">
              <button type="button" class="button" disabled={csv.busy} onClick={downloadCsv}>
                {csv.busy ? t('reports.csvBusy') : t('reports.csv')}
              </button>
              <button
                type="button"
                class="button button-secondary"
                disabled={making.busy}
                aria-describedby="report-remake-hint"
                onClick={make}
              >
                {making.busy ? t('reports.making') : t('reports.remake')}
              </button>
            </div>
            <p class="hint" id="report-remake-hint">
              {t('reports.remakeHint')}
            </p>
            {csv.error ? (
              <p class="field-error" role="alert">
                {t('reports.csvFailed', { reason: csv.error })}
              </p>
            ) : null}
            {making.error ? (
              <p class="field-error" role="alert">
                {t('reports.makeFailed', { reason: making.error })}
              </p>
            ) : null}
            <p>
              <a href={state.stored.links.html} target="_blank" rel="noopener noreferrer">
                {t('reports.openHtml')}
              </a>{' '}
              <span class="hint">
                {t('reports.openHtmlHint', { minutes: Math.round(state.stored.linksExpireInSeconds / 60) })}
              </span>
            </p>
          </div>
          <ReportView stored={state.stored} />
        </>
      ) : null}

      <AccountsSection />
    </section>
  );
}
