import { useEffect, useState } from 'preact/hooks';
import { useApp } from '../app-context';
import { language, useT } from '../i18n';
import { href } from '../router';
import { statusLabel } from '../status';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';
import { ErrorState, Loading } from '../ui/states';
import type { ScreenProps } from './screen-host';

interface ItemView {
  readonly id: string;
  readonly title: string;
  readonly status: string;
  readonly publishAt: string;
  readonly platforms: readonly string[];
  readonly revision: number;
}

const PLATFORM_NAMES: Record<string, string> = { instagram: 'Instagram', x: 'X' };

/** A first item page: what it is, where it stands, when it goes out (the full page comes next). */
export default function ItemScreen({ param }: ScreenProps) {
  const t = useT();
  const { api } = useApp();
  const [item, setItem] = useState<ItemView>();
  const [error, setError] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let live = true;
    setError(undefined);
    api
      .get<ItemView>(`/content/${encodeURIComponent(param ?? '')}`)
      .then((v) => {
        if (!live) return;
        setItem(v);
        document.title = `${v.title} · ${t('app.name')}`;
      })
      .catch((e: unknown) => {
        if (live) setError(describeError(e));
      });
    return () => {
      live = false;
    };
  }, [api, param, attempt]);

  if (error) return <ErrorState message={error} onRetry={() => setAttempt((n) => n + 1)} />;
  if (!item) return <Loading label={t('item.loading')} />;
  return (
    <section class="screen" aria-labelledby="screen-title">
      <p class="eyebrow">{t('item.eyebrow')}</p>
      <h1 id="screen-title">{item.title}</h1>
      <dl class="facts">
        <div>
          <dt>{t('item.status')}</dt>
          <dd>
            <span class={`status status-${item.status}`}>{statusLabel(item.status)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('item.publishAt')}</dt>
          <dd>{formatWib(item.publishAt, { locale: language() })}</dd>
        </div>
        <div>
          <dt>{t('item.platforms')}</dt>
          <dd>{item.platforms.map((p) => PLATFORM_NAMES[p] ?? p).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('item.revision')}</dt>
          <dd>{item.revision}</dd>
        </div>
      </dl>
      <p class="notice">{t('item.more')}</p>
      <p>
        <a href={href('tulis')}>{t('item.writeAnother')}</a>
      </p>
    </section>
  );
}
