import { useEffect, useState } from 'preact/hooks';
import type { Api } from '../api';
import { language, useT } from '../i18n';
import { href } from '../router';
import { formatWib } from '../time';
import { describeError } from '../ui/errors';

export interface DraftSummary {
  readonly id: string;
  readonly title: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** Saved drafts, newest first, to continue later; the one being edited is marked. */
export const DraftsList = ({
  api,
  currentId,
  refresh,
}: {
  api: Api;
  currentId?: string;
  refresh: number;
}) => {
  const t = useT();
  const [drafts, setDrafts] = useState<readonly DraftSummary[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let live = true;
    api
      .get<{ drafts: DraftSummary[] }>('/drafts')
      .then((r) => {
        if (!live) return;
        setError(undefined);
        setDrafts([...r.drafts].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)));
      })
      .catch((e: unknown) => {
        if (live) setError(describeError(e));
      });
    return () => {
      live = false;
    };
  }, [api, refresh]);

  return (
    <details class="drafts" open={!currentId}>
      <summary>
        {t('drafts.title')}
        {drafts ? ` (${drafts.length})` : ''}
      </summary>
      {error ? <p class="field-error">{t('drafts.loadFailed', { reason: error })}</p> : null}
      {!error && !drafts ? <p class="state">{t('drafts.loading')}</p> : null}
      {drafts && drafts.length === 0 ? <p class="state">{t('drafts.empty')}</p> : null}
      {drafts && drafts.length > 0 ? (
        <ul class="draft-list">
          {drafts.map((d) => (
            <li key={d.id}>
              <a href={href('tulis', d.id)} aria-current={d.id === currentId ? 'page' : undefined}>
                {d.title.trim() || t('drafts.untitled')}
              </a>
              <span class="hint">
                {' '}
                {t('drafts.savedBy', {
                  when: formatWib(d.updatedAt, { locale: language(), weekday: false }),
                  who: d.updatedBy,
                })}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {currentId ? (
        <p>
          <a href={href('tulis')}>{t('drafts.startNew')}</a>
        </p>
      ) : null}
    </details>
  );
};
