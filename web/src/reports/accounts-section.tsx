import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { href } from '../router';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { Empty, ErrorState, Loading } from '../ui/states';
import { expiryWords } from './model';

/** What `GET /platforms` and `POST /platforms/check` say per account (never a token: the API holds them). */
interface AccountStatus {
  readonly platform: string;
  readonly ok: boolean;
  readonly account?: string;
  readonly expiresAt?: string;
  readonly refreshed: boolean;
  readonly problem?: string;
  readonly checkedAt: string;
  readonly auth?: 'oauth1' | 'bearer';
}
interface AtRisk {
  readonly itemId: string;
  readonly title: string;
  readonly platform: string;
  readonly publishAt: string;
}

const PLATFORM: Record<string, string> = { instagram: 'Instagram', x: 'X' };

/** Akun platform: each account's token health, and a check run now. */
export const AccountsSection = () => {
  const t = useT();
  const { api } = useApp();
  const lng = language();
  const [accounts, setAccounts] = useState<readonly AccountStatus[]>();
  const [atRisk, setAtRisk] = useState<readonly AtRisk[]>([]);
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const [check, setCheck] = useState<
    { state: 'idle' | 'busy' | 'done' } | { state: 'failed'; reason: string }
  >({
    state: 'idle',
  });

  useEffect(() => {
    let live = true;
    setError(undefined);
    api
      .get<{ accounts: AccountStatus[] }>('/platforms')
      .then((r) => live && setAccounts(r.accounts))
      .catch((e: unknown) => live && setError(describeError(e)));
    return () => {
      live = false;
    };
  }, [api, attempt]);

  const runCheck = async () => {
    setCheck({ state: 'busy' });
    try {
      const r = await api.post<{ accounts: AccountStatus[]; atRisk: AtRisk[] }>('/platforms/check');
      setAccounts(r.accounts);
      setAtRisk(r.atRisk);
      setError(undefined);
      setCheck({ state: 'done' });
    } catch (e) {
      setCheck({ state: 'failed', reason: describeError(e) });
    }
  };

  const now = new Date();
  const when = (iso: string) => formatWib(iso, { locale: lng, weekday: false });
  return (
    <section class="panel report-part" aria-labelledby="accounts-title">
      <h2 id="accounts-title">{t('accounts.title')}</h2>
      <p class="hint">{t('accounts.intro')}</p>
      {error ? (
        <ErrorState
          message={t('accounts.loadFailed', { reason: error })}
          onRetry={() => setAttempt((n) => n + 1)}
        />
      ) : !accounts ? (
        <Loading label={t('accounts.loading')} />
      ) : accounts.length === 0 ? (
        <Empty>{t('accounts.empty')}</Empty>
      ) : (
        <ul class="entries accounts">
          {accounts.map((a) => {
            const words = expiryWords(a.expiresAt, now);
            return (
              <li key={a.platform}>
                <p class="entry-title">
                  {PLATFORM[a.platform] ?? a.platform}:{' '}
                  <span class={a.ok ? 'ok-text' : 'past'}>
                    {a.ok ? t('accounts.ok') : t('accounts.problem')}
                  </span>
                </p>
                {a.account ? <p class="entry-meta">{t('accounts.account', { name: a.account })}</p> : null}
                <p class="entry-meta">
                  {a.expiresAt && words ? (
                    <>
                      {t('accounts.expires', { when: when(a.expiresAt) })} ·{' '}
                      <span class={words.key === 'expiresIn' && (words.count ?? 0) > 14 ? '' : 'past'}>
                        {t(`accounts.${words.key}`, words.count === undefined ? {} : { count: words.count })}
                      </span>
                    </>
                  ) : a.auth === 'oauth1' ? (
                    t('accounts.noExpiry')
                  ) : (
                    t('accounts.unknownExpiry')
                  )}
                </p>
                {a.refreshed ? <p class="entry-meta">{t('accounts.refreshed')}</p> : null}
                <p class="entry-meta">{t('accounts.checkedAt', { when: when(a.checkedAt) })}</p>
                {!a.ok ? (
                  <>
                    {a.problem ? (
                      <p class="entry-meta">{t('accounts.detail', { problem: a.problem })}</p>
                    ) : null}
                    <p class="entry-meta">{t('accounts.whatToDo')}</p>
                  </>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
      {atRisk.length ? (
        <div class="notice notice-error">
          <p>{t('accounts.atRisk')}</p>
          <ul>
            {atRisk.map((r) => (
              <li key={`${r.itemId}-${r.platform}`}>
                <a href={href('item', r.itemId)}>{r.title}</a> ({PLATFORM[r.platform] ?? r.platform},{' '}
                {when(r.publishAt)})
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div class="panel-actions">
        <button
          type="button"
          class="button button-secondary"
          disabled={check.state === 'busy'}
          onClick={runCheck}
        >
          {check.state === 'busy' ? t('accounts.checking') : t('accounts.checkNow')}
        </button>
        <p class="hint" role="status">
          {check.state === 'done' ? t('accounts.checked') : ''}
        </p>
        {check.state === 'failed' ? (
          <p class="field-error" role="alert">
            {t('accounts.checkFailed', { reason: check.reason })}
          </p>
        ) : null}
      </div>
    </section>
  );
};
