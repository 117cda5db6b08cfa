import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api';
import { useApp } from '../app-context';
import { useT } from '../i18n';
import { LanguageSwitch } from '../ui/language-switch';

/**
 * The local sign-in: the token `npm start` prints. It is checked against the API before the console
 * opens, kept in sessionStorage by the token provider, and never shown back or put in the address.
 */
export const SignIn = ({
  expired,
  failed = false,
  onSignedIn,
}: {
  expired: boolean;
  failed?: boolean;
  onSignedIn: () => void;
}) => {
  const t = useT();
  const { api, auth } = useApp();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    document.title = `${t('signIn.title')} · ${t('app.name')}`;
    input.current?.focus();
  }, [t]);

  const submit = async (event: Event) => {
    event.preventDefault();
    setError(undefined);
    if (auth.kind === 'redirect') {
      await auth.startSignIn?.();
      return;
    }
    if (token.trim() === '') {
      setError(t('signIn.empty'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    auth.signInWithToken?.(token);
    try {
      await api.get('/content?limit=1');
      onSignedIn();
    } catch (e) {
      auth.signOut();
      setError(e instanceof ApiError && e.status === 401 ? t('signIn.wrong') : t('errors.network'));
      input.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="sign-in-page">
      <header class="sign-in-header">
        <span class="brand">{t('app.name')}</span>
        <LanguageSwitch />
      </header>
      <main id="main" class="sign-in">
        <h1>{t('signIn.title')}</h1>
        <p>{t(auth.kind === 'token' ? 'signIn.introToken' : 'signIn.introRedirect')}</p>
        {failed ? (
          <p class="field-error" role="alert">
            {t('signIn.redirectFailed')}
          </p>
        ) : null}
        {expired ? (
          <p class="notice" role="status">
            {t('signIn.expired')}
          </p>
        ) : null}
        <form onSubmit={submit} noValidate>
          {auth.kind === 'token' ? (
            <div class="field">
              <label for="token">Token</label>
              <input
                ref={input}
                id="token"
                name="token"
                type="password"
                autocomplete="off"
                spellcheck={false}
                value={token}
                onInput={(e) => setToken(e.currentTarget.value)}
                aria-invalid={error ? 'true' : undefined}
                aria-describedby={error ? 'token-error token-hint' : 'token-hint'}
              />
              <p id="token-hint" class="hint">
                {t('signIn.hint')}
              </p>
              {error ? (
                <p id="token-error" class="field-error" role="alert">
                  {error}
                </p>
              ) : null}
            </div>
          ) : null}
          <button type="submit" class="button" disabled={busy}>
            {busy ? t('signIn.checking') : t('signIn.submit')}
          </button>
        </form>
      </main>
    </div>
  );
};
