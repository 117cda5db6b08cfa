import { useEffect } from 'preact/hooks';
import { useT } from '../i18n';
import { href } from '../router';

/** A screen the next step of the console builds; it says so, and points to what works already. */
export const ComingSoon = ({ titleKey, aboutKey }: { titleKey: string; aboutKey: string }) => {
  const t = useT();
  useEffect(() => {
    document.title = `${t(titleKey)} · ${t('app.name')}`;
  }, [t, titleKey]);
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t(titleKey)}</h1>
      <p>{t(aboutKey)}</p>
      <p class="notice">{t('comingSoon.body')}</p>
      <p>
        <a class="button" href={href('tulis')}>
          {t('comingSoon.compose')}
        </a>
      </p>
    </section>
  );
};
