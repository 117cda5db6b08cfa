import { useEffect, useRef, useState } from 'preact/hooks';
import { useT } from './i18n';
import { href, type ScreenName, useRoute } from './router';
import { ScreenHost } from './screens/screen-host';
import { LanguageSwitch } from './ui/language-switch';

/** The navigation's links, in the order staff work; their names are part of the console's contract. */
const NAV: readonly { screen: ScreenName; key: string }[] = [
  { screen: 'beranda', key: 'nav.beranda' },
  { screen: 'kalender', key: 'nav.kalender' },
  { screen: 'tulis', key: 'nav.tulis' },
  { screen: 'persetujuan', key: 'nav.persetujuan' },
  { screen: 'kotak-masuk', key: 'nav.kotakMasuk' },
  { screen: 'tindak-lanjut', key: 'nav.tindakLanjut' },
  { screen: 'laporan', key: 'nav.laporan' },
];

/** Skip link, header (language, sign out), navigation (a menu button on phones) and the current screen. */
export const Shell = ({ onSignOut }: { onSignOut: () => void }) => {
  const t = useT();
  const route = useRoute();
  const [menuOpen, setMenuOpen] = useState(false);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);

  useEffect(() => {
    setMenuOpen(false);
    // After a navigation, focus moves to the new screen so keyboard and screen-reader users start there.
    if (first.current) first.current = false;
    else main.current?.focus({ preventScroll: false });
  }, [route.screen, route.visit]);

  const current = route.screen === 'item' ? undefined : route.screen;

  return (
    <div class="shell">
      {/* biome-ignore lint/a11y/useValidAnchor: a skip link is a link for its users; the hash belongs to the router, so the click moves focus itself */}
      <a
        class="skip-link"
        href="#main"
        onClick={(e) => {
          // The hash is the router's: move focus without changing it.
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('shell.skip')}
      </a>
      <header class="top-bar">
        <a class="brand" href={href('beranda')}>
          {t('app.name')}
        </a>
        <div class="top-actions">
          <LanguageSwitch />
          <button type="button" class="button button-quiet" onClick={onSignOut}>
            {t('shell.signOut')}
          </button>
          <button
            type="button"
            class="button button-quiet menu-toggle"
            aria-expanded={menuOpen}
            aria-controls="main-nav-list"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {t('shell.menu')}
          </button>
        </div>
      </header>
      <nav class="main-nav" aria-label={t('shell.navLabel')} data-open={menuOpen ? 'true' : 'false'}>
        <ul id="main-nav-list">
          {NAV.map((n) => (
            <li key={n.screen}>
              <a href={href(n.screen)} aria-current={current === n.screen ? 'page' : undefined}>
                {t(n.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" ref={main} tabIndex={-1} class="content">
        <ScreenHost route={route} />
      </main>
    </div>
  );
};
