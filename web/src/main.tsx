import { render } from 'preact';
import { App } from './app';
import { createAuth } from './auth';
import { loadConfig } from './config';
import { initI18n, t } from './i18n';
import './styles.css';

const root = document.getElementById('app');

const boot = async () => {
  if (!root) return;
  await initI18n();
  try {
    const config = await loadConfig();
    const auth = createAuth(config);
    // Back from the managed login with a one-time code: exchange it before the first screen.
    const signInFailed = await (auth.completeSignIn?.() ?? Promise.resolve(false)).then(
      () => false,
      () => true,
    );
    root.textContent = ''; // the "loading" line from index.html
    render(<App config={config} auth={auth} signInFailed={signInFailed} />, root);
  } catch {
    root.textContent = '';
    render(
      <main class="boot-error">
        <h1>{t('app.name')}</h1>
        <p role="alert">{t('errors.boot')}</p>
      </main>,
      root,
    );
  }
};

void boot();
