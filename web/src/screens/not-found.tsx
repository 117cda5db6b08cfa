import { useT } from '../i18n';
import { href } from '../router';

export default function NotFound() {
  const t = useT();
  return (
    <section class="screen" aria-labelledby="screen-title">
      <h1 id="screen-title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <a href={href('beranda')}>{t('notFound.home')}</a>
      </p>
    </section>
  );
}
